/* The tier-1 engine and its tier-2 traces: the `uops` and `jit` engines.
 * Tier 1 is the reference interpreter's loop (vm/interp_loop.h) with
 * back-edge counters; a hot loop is recorded into a trace of uops
 * (jit/record.c) and run by the uop interpreter (engine uops) or as machine
 * code copied from stencils (engine jit). */
#ifndef LOCKSTEP_TIER2_H
#define LOCKSTEP_TIER2_H

#include <stdbool.h>
#include <stdint.h>

#include "jit/executor.h"
#include "jit/uops.h"
#include "vm/frame.h"
#include "vm/strbuf.h"
#include "vm/vm.h"

typedef enum Tier2Mode { TIER2_UOPS, TIER2_JIT } Tier2Mode;

enum {
  TIER2_DEFAULT_THRESHOLD = 200, /* back-edges to one loop head before it is recorded */
  TIER2_MAX_TRACE = 512,         /* uops in one trace */
};

typedef struct Tier2Config {
  Tier2Mode mode;
  uint32_t threshold; /* 0: TIER2_DEFAULT_THRESHOLD */
  StrBuf *dump;       /* when set, every compiled trace is described here (--jit-dump) */
  bool lockstep;      /* compile CHECKPOINT uops into traces (lockstep mode; see vm->checkpoint) */
} Tier2Config;

typedef struct Tier2Stats {
  uint64_t recorded;       /* recordings completed; each becomes an executor unless memory or compiling fails */
  uint64_t traces;         /* executors created */
  uint64_t uops;           /* uops in them */
  uint64_t code_bytes;     /* bytes of machine code and data mapped for them */
  uint64_t entries;        /* times tier 1 entered a trace */
  uint64_t exits;          /* times a trace left (any kind) */
  uint64_t deopts, side_exits, errors;
  uint64_t invalidations;
  uint64_t aborted;        /* recordings abandoned */
  double compile_ns_total; /* copy and patch only */
  double compile_ns_per_uop_median;
  /* Coverage of tier 2, for fuzzers' feedback: per uop, how many instances
   * were compiled into traces and how many times a trace left through one. */
  uint32_t uop_compiled[UOP_COUNT];
  uint32_t uop_exits[UOP_COUNT];
} Tier2Stats;

/* Run the VM's module under tier 1 + tier 2. Same contract as ref_run. */
Status tier1_run(VM *vm, const Tier2Config *config, Outcome *out, Tier2Stats *stats);

/* Settings from the environment, for fuzz targets and scripts:
 * LOCKSTEP_JIT_THRESHOLD=N. Returns false with a message on a bad value. */
bool tier2_config_from_env(Tier2Config *config, StrBuf *err);

void tier2_stats_print(const Tier2Stats *stats, StrBuf *out);

#endif
