/* The test-case reducer (docs/reducer.md): shrinks a module while a
 * predicate keeps holding, keeping the module valid (verify_module) at
 * every step. The core is generic: `lockstep reduce` uses "the oracle still
 * gives the same divergence signature" (reduce_signature_predicate below);
 * tests use predicates such as "ref still prints X".
 *
 * Passes, repeated until a whole round changes nothing: remove unreachable
 * code; delete unreferenced functions; delete exception-table entries;
 * delete ranges of instructions (delta debugging: chunks of n/2, n/4, ...,
 * 1 instructions, each stretched to the next point of equal stack depth);
 * drop branches (a conditional jump becomes POP_TOP, or POP_TOP + an
 * unconditional jump; unconditional jumps are deleted); replace
 * expressions by a constant; shrink constants (ints towards 0/1, floats to
 * 0.0/1.0, strings and tuples shorter); drop unused table entries. Jumps,
 * handler ranges and the line table follow every edit, max_stack is
 * recomputed exactly (verify_max_stack).
 *
 * Deterministic: the same module and predicate give the same result; the
 * only exception is the optional wall-clock bound. */
#ifndef LOCKSTEP_REDUCE_H
#define LOCKSTEP_REDUCE_H

#include <stdbool.h>
#include <stdint.h>

#include "oracle/oracle.h"
#include "vm/module.h"
#include "vm/strbuf.h"

/* True when `m` still shows what is being reduced for. Called only with
 * verified modules. */
typedef bool (*ReducePredicate)(const Module *m, void *ctx);

enum { REDUCE_DEFAULT_MAX_TESTS = 20000 };

typedef struct ReduceOptions {
  uint64_t max_tests;  /* predicate calls at most; 0: REDUCE_DEFAULT_MAX_TESTS */
  double max_seconds;  /* wall-clock bound; <= 0: none */
  StrBuf *log;         /* when set: one line per accepted step */
} ReduceOptions;

typedef struct ReduceStats {
  uint64_t tests;      /* predicate calls (the input's own included) */
  uint64_t candidates; /* candidates built */
  uint64_t invalid;    /* rejected by the verifier, never tested */
  uint64_t cached;     /* identical to a candidate tested before, not tested again */
  uint64_t accepted;
  uint32_t rounds;
  uint32_t instrs_before, instrs_after;
  uint32_t funcs_before, funcs_after;
  bool out_of_tests, out_of_time;
} ReduceStats;

typedef enum ReduceStatus {
  REDUCE_OK = 0,
  REDUCE_NOT_INTERESTING, /* the input itself does not satisfy the predicate */
  REDUCE_INVALID_INPUT,   /* the input fails verification */
  REDUCE_NO_MEMORY,
} ReduceStatus;

/* Reduces m (which is not modified). On REDUCE_OK *out is a new module
 * (filename copied from m) that satisfies the predicate, at most as large
 * as m; stats (may be NULL) says what happened. opt may be NULL. */
ReduceStatus reduce_module(const Module *m, ReducePredicate interesting, void *ctx, const ReduceOptions *opt,
                           Module **out, ReduceStats *stats);

const char *reduce_status_name(ReduceStatus s);

/* Instructions over all functions (the size the reducer minimizes). */
uint32_t reduce_count_instructions(const Module *m);

/* ---- "the same divergence": the predicate of `lockstep reduce` ---- */

typedef struct ReduceSignature {
  OracleOptions opts;
  /* The signature to keep, "what:base~configs"; a ":where" part (from
   * lockstep repro) is ignored, since only a lockstep re-run computes it. */
  char signature[ORACLE_SIGNATURE_MAX];
  bool isolate;             /* run each candidate in a child process, so that
                               crashes and hangs are verdicts, not the end */
  unsigned timeout_seconds; /* isolate: a child running longer is a crash; 0: none */
  OracleResult result;      /* scratch */
} ReduceSignature;

void reduce_signature_init(ReduceSignature *s, const OracleOptions *opts, const char *signature);
void reduce_signature_free(ReduceSignature *s);
/* The "what:base~configs" part of a signature, into out (size outsz). */
void reduce_signature_base(const char *signature, char *out, size_t outsz);
/* ReducePredicate: ctx is a ReduceSignature. */
bool reduce_signature_predicate(const Module *m, void *ctx);

#endif
