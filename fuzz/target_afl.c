/* The AFL++ target (docs/fuzzing.md), persistent mode with the input in
 * shared memory: the same oracle execution as the libFuzzer target
 * (target_common.h), and a divergence aborts so afl-fuzz saves the input
 * under crashes/. Built by the `afl` preset with afl-clang-fast (AFL++
 * 4.04c, clang-14 underneath; the JIT's stencils still come from clang-19).
 *
 *   target_afl              fuzzing, under afl-fuzz (or one input on stdin)
 *   target_afl FILE...      replay: one verdict line per file, reports on
 *                           stderr, exit 1 if any diverged (no abort)
 *
 * JIT coverage in AFL++'s map: the map holds only edges the compiler
 * instrumented in this binary, and its size is fixed when the binary is
 * linked, so the counters cannot simply be written past its end. Instead
 * each counter index is a case of a switch in a function the optimizer
 * may not touch (optnone: no switch-to-table, no merging of cases), so
 * every case is a basic block with an edge of its own; reaching it N times
 * is a hit count, which afl-fuzz buckets like any edge's. */
#include <stdio.h>
#include <unistd.h> /* read(), used by __AFL_FUZZ_TESTCASE_LEN outside afl-fuzz */

#include "fuzz/target_common.h"

#ifndef __AFL_FUZZ_TESTCASE_LEN
#error "target_afl.c is built by afl-clang-fast (CMake preset afl)"
#endif

/* afl-clang-fast's macros are GNU statement expressions, and this one
 * brings its own semicolons. */
#pragma clang diagnostic ignored "-Wgnu-statement-expression"
__AFL_FUZZ_INIT()

enum { AFL_EDGE_CASES = 1024, AFL_TOP_BUCKET = 128 };
_Static_assert(FUZZ_COV_SIZE <= AFL_EDGE_CASES, "more JIT counters than switch cases");

static volatile unsigned afl_sink;

#define AFL_CASE1(n) case (n): afl_sink = (n); break;
#define AFL_CASE4(n) AFL_CASE1(n) AFL_CASE1((n) + 1) AFL_CASE1((n) + 2) AFL_CASE1((n) + 3)
#define AFL_CASE16(n) AFL_CASE4(n) AFL_CASE4((n) + 4) AFL_CASE4((n) + 8) AFL_CASE4((n) + 12)
#define AFL_CASE64(n) AFL_CASE16(n) AFL_CASE16((n) + 16) AFL_CASE16((n) + 32) AFL_CASE16((n) + 48)
#define AFL_CASE256(n) AFL_CASE64(n) AFL_CASE64((n) + 64) AFL_CASE64((n) + 128) AFL_CASE64((n) + 192)
#define AFL_CASE1024(n) AFL_CASE256(n) AFL_CASE256((n) + 256) AFL_CASE256((n) + 512) AFL_CASE256((n) + 768)

__attribute__((noinline, optnone)) static void afl_edge(unsigned index) {
  switch (index) {
    AFL_CASE1024(0)
  default: break;
  }
}

/* Counts of 128 and more are one bucket for afl-fuzz: stop there. */
static void fold_coverage(const uint8_t *cov) {
  for (unsigned i = 0; i < FUZZ_COV_SIZE; i++)
    for (unsigned hits = 0; hits < cov[i] && hits < AFL_TOP_BUCKET; hits++) afl_edge(i);
}

int main(int argc, char **argv) {
  if (argc > 1) return fuzz_replay_files(argc - 1, argv + 1, false);
  FuzzTarget *t = fuzz_target_new();
  if (!t) {
    fputs("target_afl: out of memory\n", stderr);
    return 2;
  }
  __AFL_INIT();
  const uint8_t *buf = __AFL_FUZZ_TESTCASE_BUF;
  while (__AFL_LOOP(10000)) {
    size_t len = (size_t)__AFL_FUZZ_TESTCASE_LEN;
    fuzz_target_one_input(t, buf, len);
    fold_coverage(t->coverage);
  }
  fuzz_target_free(t);
  return 0;
}
