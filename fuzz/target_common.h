/* What the coverage-guided fuzz targets share (docs/fuzzing.md). The
 * targets themselves (target_libfuzzer.c, target_afl.c, target_loader.c)
 * only adapt a fuzzer's calling convention and coverage map to this:
 *
 *   oracle target  bytes -> gen_program -> oracle_run under the oracle's
 *                  default configurations with small fuel -> on a
 *                  divergence, the report on stderr and abort(), so that
 *                  the fuzzer keeps the input as a crash
 *   loader target  raw bytes -> module_load_bytes (.jbc or .jasm, parse and
 *                  verify) -> exact .jbc and .jasm round trips -> ref_run
 *                  with small fuel and heap; must never crash
 *
 * Coverage of the JIT: after each oracle execution, FuzzTarget.coverage
 * holds one saturating byte counter per feature below, summed over the jit
 * configurations' Tier2Stats. Both fuzzers bucket such counts (1, 2, 3,
 * 4-7, 8-15, 16-31, 32-127, 128+), so a uop compiled for the first time, or
 * a guard that starts failing more often, is new coverage. */
#ifndef LOCKSTEP_TARGET_COMMON_H
#define LOCKSTEP_TARGET_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fuzz/gen.h"
#include "jit/uops.h"
#include "oracle/oracle.h"
#include "vm/strbuf.h"

/* Small limits, so that one execution (every configuration) is fast; a
 * program out of fuel agrees when all configurations stop at the same point. */
#define FUZZ_TARGET_FUEL ((int64_t)20000)
#define FUZZ_TARGET_MAX_HEAP ((int64_t)16 << 20)
#define FUZZ_LOADER_FUEL ((int64_t)10000)
#define FUZZ_LOADER_MAX_HEAP ((int64_t)4 << 20)

/* Tier-2 events counted as coverage besides the per-uop counters. */
typedef enum FuzzEvent {
  FUZZ_EVENT_TRACES = 0,
  FUZZ_EVENT_ENTRIES,
  FUZZ_EVENT_DEOPTS,
  FUZZ_EVENT_SIDE_EXITS,
  FUZZ_EVENT_ERRORS,
  FUZZ_EVENT_INVALIDATIONS,
  FUZZ_EVENT_ABORTED,
  FUZZ_EVENT_COUNT
} FuzzEvent;

/* The coverage counters, by index. */
enum {
  FUZZ_COV_COMPILED = 0,                              /* + uop: instances compiled into traces */
  FUZZ_COV_EXITS = FUZZ_COV_COMPILED + UOP_COUNT,     /* + uop: times a trace left through one */
  FUZZ_COV_EVENTS = FUZZ_COV_EXITS + UOP_COUNT,       /* + FuzzEvent */
  FUZZ_COV_OUTCOME = FUZZ_COV_EVENTS + FUZZ_EVENT_COUNT, /* + OutcomeKind of the baseline run */
  FUZZ_COV_SIZE = FUZZ_COV_OUTCOME + 3,
};

typedef enum FuzzRun {
  FUZZ_RUN_AGREE = 0,
  FUZZ_RUN_INCONCLUSIVE, /* not a bug (docs/oracle.md): the input is dropped */
  FUZZ_RUN_DIVERGED,     /* a bug: report filled in */
  FUZZ_RUN_GEN_FAILED,   /* the generator made no program (its bug, or memory): report filled in */
} FuzzRun;

typedef struct FuzzTarget {
  GenOptions gen;
  OracleOptions opts;
  OracleResult result;                  /* reused from input to input */
  uint8_t coverage[FUZZ_COV_SIZE];      /* of the last execution */
  /* Tests only: called between oracle_run and the verdict, to plant a
   * divergence (the engines agree, so the tests edit captures). */
  void (*tamper)(OracleResult *r);
} FuzzTarget;

/* A target with the default configurations and the small limits above;
 * NULL when memory is short. */
FuzzTarget *fuzz_target_new(void);
void fuzz_target_free(FuzzTarget *t);

/* One oracle execution of `data`: generate, run every configuration,
 * judge, fill t->coverage. On FUZZ_RUN_DIVERGED and FUZZ_RUN_GEN_FAILED,
 * appends to `report` (which may be NULL) a first line
 * "lockstep-fuzz: diverged: SIGNATURE" (or "lockstep-fuzz: generator
 * failed: ..."), the oracle's report and the program as .jasm. */
FuzzRun fuzz_target_run(FuzzTarget *t, const uint8_t *data, size_t len, StrBuf *report);

/* What the fuzzers call: fuzz_target_run, and on a divergence (or a
 * generator failure) the report on stderr and abort(). */
void fuzz_target_one_input(FuzzTarget *t, const uint8_t *data, size_t len);

/* The loader target on one input. True when the bytes loaded (and then
 * ran). A broken round trip is a bug: it is described on stderr and the
 * process aborts. Never crashes otherwise, whatever the bytes. */
bool fuzz_loader_one_input(const uint8_t *data, size_t len);

/* The same checks without aborting: FUZZ_RUN_AGREE when the input did not
 * load or loaded, round-tripped and ran; FUZZ_RUN_DIVERGED with a
 * description appended to `report` when a round trip was not exact;
 * FUZZ_RUN_INCONCLUSIVE when the process ran out of memory. `loaded` may
 * be NULL. */
FuzzRun fuzz_loader_run(const uint8_t *data, size_t len, bool *loaded, StrBuf *report);

/* Replays files outside any fuzzer (crash files, the seed corpus): one line
 * per file on stdout, "FILE: agree" / "FILE: diverged: SIGNATURE" /
 * "FILE: inconclusive: REASON" / "FILE: loaded" / "FILE: rejected", and
 * each report on stderr. `loader` picks the loader target. Returns the exit
 * status: 0 when nothing diverged, 1 when something did, 2 when a file
 * could not be read. */
int fuzz_replay_files(int nfiles, char **paths, bool loader);

/* The entry points libFuzzer (and AFL++'s libFuzzer driver) call; defined
 * by target_libfuzzer.c and target_loader.c. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
