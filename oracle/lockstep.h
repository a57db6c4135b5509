/* Lockstep re-runs (docs/lockstep.md) and the oracle in child processes.
 *
 * Fuzzing compares end states. When a program diverges, a lockstep re-run
 * finds where: two engine configurations run the program, each in its own
 * VM, and stop at the same checkpoints (vm->checkpoint: function entries
 * and returns, loop back-edges; traces report them through CHECKPOINT
 * uops compiled in lockstep mode). At each checkpoint each side records a
 * compact hash of the frame (function, instruction pointer, depth, fuel,
 * locals, value stack, output so far) and, at every Kth checkpoint, a digest
 * of the heap reachable from the frame and the globals (the oracle's
 * canonical walk); the first differing checkpoint is then narrowed down
 * with a digest at every checkpoint of the last window, and both runs are
 * repeated up to it with the state captured as text. Each run can go in a
 * child process, so that a configuration that crashes or hangs still
 * yields the checkpoints it passed.
 *
 * The VM knows nothing of this; it sees only vm->checkpoint. */
#ifndef LOCKSTEP_LOCKSTEP_H
#define LOCKSTEP_LOCKSTEP_H

#include <stdbool.h>
#include <stdint.h>

#include "oracle/oracle.h"
#include "vm/frame.h"
#include "vm/module.h"
#include "vm/strbuf.h"

/* ---- the oracle, one child process per configuration ---- */

typedef struct LockstepChild {
  bool isolate;             /* false: run in this process (oracle_run) */
  unsigned timeout_seconds; /* a child running longer is killed: a crash; 0: none */
  bool quiet;               /* the child's stderr goes to /dev/null (sanitizer reports) */
} LockstepChild;

/* oracle_run, with each configuration in a child process when
 * child->isolate: a configuration whose child dies (signal, sanitizer
 * report, timeout) is marked a crash (oracle_capture_set_crash), the rest
 * still run. Captures hold digests, counters and stats, not text or stdout
 * (oracle_report reruns with text). When fork is not possible the
 * configurations run in this process. */
OracleVerdict lockstep_oracle_run(OracleResult *r, const Module *module, const OracleOptions *opts,
                                  const LockstepChild *child);

/* ---- lockstep comparison of two configurations ---- */

/* Tests only: called at each non-EXIT checkpoint of one side, before it is
 * recorded (index counts checkpoints from 0), e.g. to perturb a local and
 * fake a divergence. The frame is the engine's own: a hook may change a
 * local or stack value (keeping reference counts right). */
typedef void (*LockstepPerturb)(VM *vm, CheckpointKind kind, Frame *f, uint32_t ip, uint64_t index, void *ctx);

typedef struct LockstepSide {
  OracleConfig config;
  LockstepPerturb perturb;
  void *perturb_ctx;
} LockstepSide;

enum {
  LOCKSTEP_DEFAULT_HEAP_EVERY = 16, /* heap digest at every 16th checkpoint (rarer for big heaps) */
  LOCKSTEP_STATE_TEXT_MAX = 1 << 16, /* bytes of each side's state shown in a report */
};

typedef struct LockstepOptions {
  int64_t fuel;        /* as the oracle's; >= 0 */
  int64_t max_heap;    /* > 0 */
  uint32_t heap_every; /* 0: LOCKSTEP_DEFAULT_HEAP_EVERY; 1: every checkpoint while the heap is small */
  LockstepChild child;
} LockstepOptions;

/* Fuel and heap from an oracle's options, heap_every default, isolated. */
void lockstep_options_from_oracle(LockstepOptions *lo, const OracleOptions *opts);

typedef enum LockstepFinding {
  LOCKSTEP_SAME = 0,          /* every checkpoint and the end state agree */
  LOCKSTEP_AT_CHECKPOINT,     /* a checkpoint's state differs */
  LOCKSTEP_ENDED_EARLY,       /* one side passed fewer checkpoints (ended, or crashed) */
  LOCKSTEP_AFTER_LAST,        /* every checkpoint agrees; the end state does not */
  LOCKSTEP_INCONCLUSIVE,      /* no difference before a side timed out (lockstep runs are slower) */
} LockstepFinding;

/* One checkpoint as reported. */
typedef struct LockstepPoint {
  bool valid;
  CheckpointKind kind;
  uint32_t code_index;
  uint32_t ip;
  int opcode;                 /* at ip in that code; -1 if none */
  uint32_t depth;             /* frames */
} LockstepPoint;

typedef struct LockstepResult {
  LockstepFinding finding;
  uint64_t index;             /* the first differing checkpoint (AT_CHECKPOINT, ENDED_EARLY) */
  uint64_t checkpoints[2];    /* passed by each side */
  uint64_t exits[2];          /* trace exits seen by each side */
  bool crashed[2];
  char crash_why[2][128];
  LockstepPoint point[2];     /* each side's checkpoint at index (when it got there) */
  /* The last trace exit before the checkpoint, per side: trace id and uop
   * index (0/0: none), with the uop's name from the trace dump. */
  uint32_t exit_trace[2], exit_uop_index[2];
  char exit_uop[2][40];
  char where_opcode[32];      /* for oracle_set_where: the checkpoint's opcode ... */
  char where_uop[40];         /* ... and the uop that ran last on the tier-2 side ("" if none) */
  StrBuf report;              /* for people: everything above and both states side by side */
} LockstepResult;

void lockstep_result_init(LockstepResult *res);
void lockstep_result_free(LockstepResult *res);

/* Runs `module` under both sides (sides[0] is the baseline) and fills res.
 * False only when the process ran out of memory (res->report says so). */
bool lockstep_compare(const Module *module, const LockstepSide sides[2], const LockstepOptions *opts,
                      LockstepResult *res);

/* For a diverged r (from oracle_run or lockstep_oracle_run over `module`):
 * compares r's baseline with the lowest configuration that disagrees (as
 * `lockstep fuzz` picks it) in lockstep, fills res and, when a difference
 * was located, completes r's signature with its "where" (oracle_set_where).
 * A crash divergence too: the where is then the checkpoint the crashing
 * side did not reach. False when r did not diverge or memory ran out. */
bool lockstep_locate(OracleResult *r, const Module *module, const LockstepOptions *opts, LockstepResult *res);

/* The name of a checkpoint kind: "call", "return", "backedge", "exit". */
const char *lockstep_kind_name(CheckpointKind kind);

#endif
