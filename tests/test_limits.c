/* The three resource limits (fuel, frame depth, heap) are exact and
 * deterministic, leave nothing alive after teardown, and two VMs in one
 * process do not interfere, even when one runs while the other is in the
 * middle of a run. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support.h"
#include "vm/exc.h"
#include "vm/interp.h"
#include "vm/loader.h"
#include "vm/ops.h"

/* ---- Running with a full VMConfig ---- */

typedef struct LimitRun {
  int outcome;      /* OutcomeKind */
  char *out;        /* stdout kept in the VM (or collected by a sink) */
  char *result;     /* repr of the return value, or "Type: message" */
  int64_t leaked;   /* live objects after vm_release_roots */
} LimitRun;

static Module *load(const char *jasm) {
  StrBuf err;
  strbuf_init(&err);
  Module *m = module_load_bytes("<limits>", (const uint8_t *)jasm, strlen(jasm), &err);
  cr_assert_not_null(m, "does not load: %s\n%s", err.data ? err.data : "", jasm);
  strbuf_free(&err);
  return m;
}

static char *take_text(StrBuf *sb) {
  char *s = sb->data ? sb->data : strdup("");
  strbuf_init(sb);
  return s;
}

/* Runs an existing VM to its outcome and tears it down. */
static LimitRun finish_vm(VM *vm) {
  Outcome o;
  cr_assert_eq(ref_run(vm, &o), LS_OK, "the process ran out of memory");
  LimitRun r = {.outcome = (int)o.kind};
  StrBuf sb;
  strbuf_init(&sb);
  if (o.kind == OUTCOME_RETURN) value_repr(vm, o.value, &sb);
  else if (o.kind == OUTCOME_EXCEPTION) exc_format_last_line(vm, AS_EXCEPTION(o.value), &sb);
  else strbuf_puts(&sb, "<out of fuel>");
  outcome_clear(vm, &o);
  r.result = take_text(&sb);
  r.out = take_text(&vm->out);
  vm_release_roots(vm);
  r.leaked = vm->live_objects;
  vm_free(vm);
  return r;
}

static LimitRun run_config(const char *jasm, VMConfig cfg) {
  Module *m = load(jasm);
  VM *vm = vm_new(m, &cfg);
  cr_assert_not_null(vm);
  LimitRun r = finish_vm(vm);
  module_free(m);
  cr_expect_eq(r.leaked, 0, "%lld objects alive after teardown of:\n%s", (long long)r.leaked, jasm);
  return r;
}

static LimitRun run_fuel(const char *jasm, int64_t fuel) {
  VMConfig cfg = {.fuel = fuel};
  return run_config(jasm, cfg);
}

static void limit_run_free(LimitRun *r) {
  free(r->out);
  free(r->result);
  memset(r, 0, sizeof *r);
}

/* ---- Fuel ---- */

/* i = 0; while i < N: i += 1; return i — exactly N back-edges, no calls. */
static char *counting_loop(int64_t n) {
  StrBuf sb;
  strbuf_init(&sb);
  strbuf_printf(&sb,
                ".function \"<module>\"\n.locals i\n  LOAD_CONST 0\n  STORE_FAST i\ntop:\n  LOAD_FAST i\n"
                "  LOAD_CONST %lld\n  COMPARE_OP <\n  POP_JUMP_IF_FALSE done\n  LOAD_FAST i\n  LOAD_CONST 1\n"
                "  BINARY_OP +\n  STORE_FAST i\n  JUMP_BACKWARD top\ndone:\n  LOAD_FAST i\n  RETURN_VALUE\n.end\n",
                (long long)n);
  return take_text(&sb);
}

Test(limits, fuel_counts_back_edges_exactly) {
  static const int64_t sizes[] = {0, 1, 2, 10, 1000, 12345};
  for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
    int64_t n = sizes[k];
    char *jasm = counting_loop(n);
    LimitRun enough = run_fuel(jasm, n);
    char want[32];
    snprintf(want, sizeof want, "%lld", (long long)n);
    cr_expect_eq(enough.outcome, OUTCOME_RETURN, "%lld back-edges with fuel %lld: outcome %d", (long long)n,
                 (long long)n, enough.outcome);
    cr_expect_str_eq(enough.result, want);
    if (n > 0) {
      LimitRun short_by_one = run_fuel(jasm, n - 1);
      cr_expect_eq(short_by_one.outcome, OUTCOME_FUEL, "%lld back-edges with fuel %lld: outcome %d (%s)",
                   (long long)n, (long long)(n - 1), short_by_one.outcome, short_by_one.result);
      limit_run_free(&short_by_one);
    }
    limit_run_free(&enough);
    free(jasm);
  }
}

/* Every CALL costs one unit, whether of a function or of a builtin. */
Test(limits, fuel_counts_calls) {
  static const char jasm[] =
      ".function \"<module>\"\n  MAKE_FUNCTION f\n  STORE_GLOBAL f\n"
      "  LOAD_GLOBAL f\n  CALL 0\n  POP_TOP\n"                     /* 1 */
      "  LOAD_GLOBAL len\n  LOAD_CONST 'ab'\n  CALL 1\n  POP_TOP\n" /* 2 */
      "  LOAD_GLOBAL f\n  CALL 0\n"                                /* 3, plus 1 inside f */
      "  RETURN_VALUE\n.end\n"
      ".function f\n  LOAD_GLOBAL abs\n  LOAD_CONST -3\n  CALL 1\n  RETURN_VALUE\n.end\n";
  /* 3 calls at top level, 1 inside each of the 2 calls of f: 5 */
  LimitRun ok = run_fuel(jasm, 5);
  cr_expect_eq(ok.outcome, OUTCOME_RETURN, "outcome %d (%s)", ok.outcome, ok.result);
  cr_expect_str_eq(ok.result, "3");
  LimitRun out = run_fuel(jasm, 4);
  cr_expect_eq(out.outcome, OUTCOME_FUEL, "outcome %d (%s)", out.outcome, out.result);
  limit_run_free(&ok);
  limit_run_free(&out);
}

/* A program with no calls and no back-edges needs no fuel at all. */
Test(limits, fuel_zero_runs_straight_line_code) {
  LimitRun r = run_fuel(".function \"<module>\"\n  LOAD_CONST 2\n  LOAD_CONST 3\n  BINARY_OP **\n  RETURN_VALUE\n"
                        ".end\n",
                        0);
  cr_expect_eq(r.outcome, OUTCOME_RETURN);
  cr_expect_str_eq(r.result, "8");
  limit_run_free(&r);
}

static char *builtin_over_range(const char *builtin, int64_t n) {
  StrBuf sb;
  strbuf_init(&sb);
  strbuf_printf(&sb,
                ".function \"<module>\"\n  LOAD_GLOBAL %s\n  LOAD_GLOBAL range\n  LOAD_CONST %lld\n  CALL 1\n"
                "  CALL 1\n  RETURN_VALUE\n.end\n",
                builtin, (long long)n);
  return take_text(&sb);
}

/* The least fuel (searched up to `limit`) with which jasm returns. */
static int64_t least_fuel(const char *jasm, int64_t from, int64_t limit) {
  for (int64_t fuel = from; fuel <= limit; fuel++) {
    LimitRun r = run_fuel(jasm, fuel);
    int outcome = r.outcome;
    limit_run_free(&r);
    if (outcome == OUTCOME_RETURN) return fuel;
    cr_assert_eq(outcome, OUTCOME_FUEL);
  }
  return -1;
}

/* A builtin consuming an iterable is charged one unit per item: 100 more
 * items need exactly 100 more units, whatever the fixed part is. */
Test(limits, fuel_builtins_charge_per_item) {
  static const char *const builtins[] = {"sum", "max", "list", "sorted"};
  for (size_t k = 0; k < sizeof builtins / sizeof *builtins; k++) {
    char *small = builtin_over_range(builtins[k], 5);
    char *large = builtin_over_range(builtins[k], 105);
    int64_t base = least_fuel(small, 0, 20);
    cr_assert(base >= 2 + 5, "%s(range(5)) returned with fuel %lld: the items were not charged", builtins[k],
              (long long)base);
    cr_expect_eq(least_fuel(large, base + 99, base + 100), base + 100, "%s: 100 more items should cost 100 more",
                 builtins[k]);
    free(small);
    free(large);
  }
}

/* sum(range(10**12)) with a little fuel stops at once, deterministically. */
Test(limits, fuel_stops_huge_builtin_loops, .timeout = 60) {
  static const char *const builtins[] = {"sum", "max", "min"};
  for (size_t k = 0; k < sizeof builtins / sizeof *builtins; k++) {
    char jasm[512];
    snprintf(jasm, sizeof jasm,
             ".function \"<module>\"\n  LOAD_GLOBAL print\n  LOAD_CONST 'start'\n  CALL 1\n  POP_TOP\n"
             "  LOAD_GLOBAL %s\n  LOAD_GLOBAL range\n  LOAD_CONST 1000000000000\n  CALL 1\n  CALL 1\n"
             "  RETURN_VALUE\n.end\n",
             builtins[k]);
    LimitRun r = run_fuel(jasm, 1000);
    cr_expect_eq(r.outcome, OUTCOME_FUEL, "%s: outcome %d (%s)", builtins[k], r.outcome, r.result);
    cr_expect_str_eq(r.out, "start\n");
    limit_run_free(&r);
  }
}

/* while True: print(i); i += 1 — two units per iteration, so fuel 1001
 * prints 0..500 (the 501st CALL takes the last unit, the back-edge after it
 * finds none); the output is the same on every run. */
Test(limits, fuel_stop_point_is_deterministic) {
  static const char jasm[] =
      ".function \"<module>\"\n.locals i\n  LOAD_CONST 0\n  STORE_FAST i\nloop:\n  LOAD_GLOBAL print\n"
      "  LOAD_FAST i\n  CALL 1\n  POP_TOP\n  LOAD_FAST i\n  LOAD_CONST 1\n  BINARY_OP +\n  STORE_FAST i\n"
      "  JUMP_BACKWARD loop\n.end\n";
  StrBuf want;
  strbuf_init(&want);
  for (int i = 0; i <= 500; i++) strbuf_printf(&want, "%d\n", i);
  LimitRun first = run_fuel(jasm, 1001);
  cr_expect_eq(first.outcome, OUTCOME_FUEL);
  cr_expect_str_eq(first.out, want.data);
  for (int again = 0; again < 3; again++) {
    LimitRun r = run_fuel(jasm, 1001);
    cr_expect_eq(r.outcome, OUTCOME_FUEL);
    cr_expect_str_eq(r.out, first.out, "run %d stopped somewhere else", again + 2);
    limit_run_free(&r);
  }
  limit_run_free(&first);
  strbuf_free(&want);
}

/* Fuel is not an exception: no handler catches it. */
Test(limits, fuel_exhaustion_is_not_catchable) {
  static const char jasm[] = ".function \"<module>\"\n.handler t0 t1 h 0\nt0:\nloop:\n  JUMP_BACKWARD loop\nt1:\nh:\n"
                             "  POP_TOP\n  LOAD_CONST 'caught'\n  RETURN_VALUE\n.end\n";
  LimitRun r = run_fuel(jasm, 50);
  cr_expect_eq(r.outcome, OUTCOME_FUEL, "outcome %d (%s)", r.outcome, r.result);
  limit_run_free(&r);
}

/* ---- Frame depth ---- */

/* def down(n): return 0 if n == 0 else down(n - 1) + 1; return down(N).
 * down(N) makes N + 1 frames below the top-level one. */
static char *recursion(int64_t n) {
  StrBuf sb;
  strbuf_init(&sb);
  strbuf_printf(&sb,
                ".function \"<module>\"\n  MAKE_FUNCTION down\n  STORE_GLOBAL down\n  LOAD_GLOBAL down\n"
                "  LOAD_CONST %lld\n  CALL 1\n  RETURN_VALUE\n.end\n"
                ".function down\n.arity 1\n.locals n\n  LOAD_FAST n\n  LOAD_CONST 0\n  COMPARE_OP ==\n"
                "  POP_JUMP_IF_FALSE rec\n  LOAD_CONST 0\n  RETURN_VALUE\nrec:\n  LOAD_GLOBAL down\n  LOAD_FAST n\n"
                "  LOAD_CONST 1\n  BINARY_OP -\n  CALL 1\n  LOAD_CONST 1\n  BINARY_OP +\n  RETURN_VALUE\n.end\n",
                (long long)n);
  return take_text(&sb);
}

/* The top-level code is depth 1; 999 frames below it work (depth 1000), a
 * 1000th raises RecursionError. */
Test(limits, default_depth_boundary) {
  char *ok_jasm = recursion(998);
  char *deep_jasm = recursion(999);
  LimitRun ok = run_fuel(ok_jasm, -1);
  cr_expect_eq(ok.outcome, OUTCOME_RETURN, "999 frames below the top: outcome %d (%s)", ok.outcome, ok.result);
  cr_expect_str_eq(ok.result, "998");
  LimitRun deep = run_fuel(deep_jasm, -1);
  cr_expect_eq(deep.outcome, OUTCOME_EXCEPTION, "1000 frames below the top: outcome %d (%s)", deep.outcome,
               deep.result);
  cr_expect_str_eq(deep.result, "RecursionError: maximum recursion depth exceeded");
  limit_run_free(&ok);
  limit_run_free(&deep);
  free(ok_jasm);
  free(deep_jasm);
}

Test(limits, configured_depth_boundary) {
  static const int depths[] = {1, 2, 10, 50};
  for (size_t k = 0; k < sizeof depths / sizeof *depths; k++) {
    int max_depth = depths[k];
    VMConfig cfg = {.fuel = -1, .max_depth = max_depth};
    /* down(n) needs n + 2 frames in all, the top level included */
    if (max_depth >= 2) {
      char *fits = recursion(max_depth - 2);
      LimitRun r = run_config(fits, cfg);
      cr_expect_eq(r.outcome, OUTCOME_RETURN, "max_depth %d: %s", max_depth, r.result);
      limit_run_free(&r);
      free(fits);
    }
    char *too_deep = recursion(max_depth - 1);
    LimitRun r = run_config(too_deep, cfg);
    cr_expect_eq(r.outcome, OUTCOME_EXCEPTION, "max_depth %d: outcome %d (%s)", max_depth, r.outcome, r.result);
    cr_expect_str_eq(r.result, "RecursionError: maximum recursion depth exceeded");
    limit_run_free(&r);
    free(too_deep);
  }
}

/* RecursionError is an ordinary exception: caught at the top, after which
 * the depth is back to 1 and deep recursion works again. */
Test(limits, recursion_error_is_catchable_and_depth_recovers) {
  static const char jasm[] =
      ".function \"<module>\"\n.handler t0 t1 h 0\n  MAKE_FUNCTION down\n  STORE_GLOBAL down\n"
      "  MAKE_FUNCTION forever\n  STORE_GLOBAL forever\nt0:\n  LOAD_GLOBAL forever\n  CALL 0\n  RETURN_VALUE\n"
      "t1:\nh:\n  LOAD_GLOBAL RecursionError\n  CHECK_EXC_MATCH\n  POP_JUMP_IF_FALSE no\n  POP_TOP\n"
      "  LOAD_GLOBAL down\n  LOAD_CONST 998\n  CALL 1\n  RETURN_VALUE\nno:\n  RAISE\n.end\n"
      ".function forever\n  LOAD_GLOBAL forever\n  CALL 0\n  RETURN_VALUE\n.end\n"
      ".function down\n.arity 1\n.locals n\n  LOAD_FAST n\n  POP_JUMP_IF_TRUE rec\n  LOAD_CONST 0\n"
      "  RETURN_VALUE\nrec:\n  LOAD_GLOBAL down\n  LOAD_FAST n\n  LOAD_CONST 1\n  BINARY_OP -\n  CALL 1\n"
      "  LOAD_CONST 1\n  BINARY_OP +\n  RETURN_VALUE\n.end\n";
  LimitRun r = run_fuel(jasm, -1);
  cr_expect_eq(r.outcome, OUTCOME_RETURN, "outcome %d (%s)", r.outcome, r.result);
  cr_expect_str_eq(r.result, "998");
  limit_run_free(&r);
}

/* ---- Heap ---- */

/* xs = []; i = 0
 * try:
 *     while True: xs.append([i]); i += 1
 * except MemoryError:
 *     xs = None                 # frees everything, so allocation works again
 *     return (i, len(str(list(range(100)))))      */
static const char fill_heap[] =
    ".function \"<module>\"\n.locals xs i\n.handler t0 t1 h 0\n  BUILD_LIST 0\n  STORE_FAST xs\n"
    "  LOAD_CONST 0\n  STORE_FAST i\nt0:\nloop:\n  LOAD_FAST xs\n  LOAD_METHOD append\n  LOAD_FAST i\n"
    "  BUILD_LIST 1\n  CALL 2\n  POP_TOP\n  LOAD_FAST i\n  LOAD_CONST 1\n  BINARY_OP +\n  STORE_FAST i\n"
    "  JUMP_BACKWARD loop\nt1:\nh:\n  LOAD_GLOBAL MemoryError\n  CHECK_EXC_MATCH\n  POP_JUMP_IF_FALSE no\n"
    "  POP_TOP\n  LOAD_CONST None\n  STORE_FAST xs\n  LOAD_FAST i\n  LOAD_GLOBAL len\n  LOAD_GLOBAL str\n"
    "  LOAD_GLOBAL list\n  LOAD_GLOBAL range\n  LOAD_CONST 100\n  CALL 1\n  CALL 1\n  CALL 1\n  CALL 1\n"
    "  BUILD_TUPLE 2\n  RETURN_VALUE\nno:\n  RAISE\n.end\n";

static LimitRun run_heap(const char *jasm, int64_t max_heap) {
  VMConfig cfg = {.fuel = -1, .max_heap = max_heap};
  return run_config(jasm, cfg);
}

/* The i at which the heap ran out, from "(i, 390)". */
static long failing_iteration(const LimitRun *r) {
  long i = -1, len = -1;
  cr_assert_eq(r->outcome, OUTCOME_RETURN, "outcome %d (%s)", r->outcome, r->result);
  cr_assert_eq(sscanf(r->result, "(%ld, %ld)", &i, &len), 2, "result %s", r->result);
  cr_expect_eq(len, 390, "allocation after the MemoryError was caught gave %ld", len);
  return i;
}

Test(limits, heap_limit_raises_catchable_memory_error) {
  LimitRun r = run_heap(fill_heap, 64 * 1024);
  long i = failing_iteration(&r);
  cr_expect_gt(i, 0, "no list could be appended under 64 KiB");
  limit_run_free(&r);
}

/* The same program and limit fail at the same iteration every time; a
 * larger limit gets further. */
Test(limits, heap_limit_boundary_is_deterministic) {
  static const int64_t limits[] = {32 * 1024, 64 * 1024, 256 * 1024, 1024 * 1024};
  long previous = -1;
  for (size_t k = 0; k < sizeof limits / sizeof *limits; k++) {
    LimitRun first = run_heap(fill_heap, limits[k]);
    long at = failing_iteration(&first);
    for (int again = 0; again < 3; again++) {
      LimitRun r = run_heap(fill_heap, limits[k]);
      cr_expect_eq(failing_iteration(&r), at, "limit %lld: run %d failed elsewhere", (long long)limits[k], again + 2);
      limit_run_free(&r);
    }
    cr_expect_gt(at, previous, "limit %lld got no further than a smaller limit", (long long)limits[k]);
    previous = at;
    limit_run_free(&first);
  }
}

/* Single huge requests fail cleanly instead of calling malloc with them. */
Test(limits, heap_limit_refuses_huge_single_allocations) {
  static const char *const bodies[] = {
      "  LOAD_CONST 'x'\n  LOAD_CONST 1000000000\n  BINARY_OP *\n  RETURN_VALUE\n",
      "  LOAD_CONST 0\n  BUILD_LIST 1\n  LOAD_CONST 1000000000\n  BINARY_OP *\n  RETURN_VALUE\n",
      "  LOAD_CONST (1, 2)\n  LOAD_CONST 1000000000\n  BINARY_OP *\n  RETURN_VALUE\n",
  };
  for (size_t k = 0; k < sizeof bodies / sizeof *bodies; k++) {
    char jasm[512];
    snprintf(jasm, sizeof jasm, ".function \"<module>\"\n%s.end\n", bodies[k]);
    LimitRun r = run_heap(jasm, 1024 * 1024);
    cr_expect_eq(r.outcome, OUTCOME_EXCEPTION, "outcome %d (%s) for\n%s", r.outcome, r.result, jasm);
    cr_expect_str_eq(r.result, "MemoryError", "for\n%s", jasm);
    limit_run_free(&r);
  }
  /* a size that overflows: CPython says OverflowError, a heap limit may say
   * MemoryError first; either way an exception, not a crash */
  LimitRun r = run_heap(".function \"<module>\"\n  LOAD_CONST 'ab'\n  LOAD_CONST 4611686018427387904\n"
                        "  BINARY_OP *\n  RETURN_VALUE\n.end\n",
                        1024 * 1024);
  cr_expect_eq(r.outcome, OUTCOME_EXCEPTION, "outcome %d (%s)", r.outcome, r.result);
  cr_expect(strncmp(r.result, "MemoryError", 11) == 0 || strncmp(r.result, "OverflowError", 13) == 0, "got %s",
            r.result);
  limit_run_free(&r);
}

Test(limits, uncaught_memory_error) {
  static const char jasm[] = ".function \"<module>\"\n.locals xs\n  BUILD_LIST 0\n  STORE_FAST xs\nloop:\n"
                             "  LOAD_FAST xs\n  LOAD_CONST 'abcdefgh'\n  BUILD_LIST 1\n  BINARY_OP +=\n"
                             "  STORE_FAST xs\n  JUMP_BACKWARD loop\n.end\n";
  LimitRun r = run_heap(jasm, 100 * 1024);
  cr_expect_eq(r.outcome, OUTCOME_EXCEPTION, "outcome %d (%s)", r.outcome, r.result);
  cr_expect_str_eq(r.result, "MemoryError");
  limit_run_free(&r);
}

/* ---- Two VMs ---- */

static const char counter_program[] =
    ".function \"<module>\"\n.locals i\n  LOAD_CONST 0\n  STORE_GLOBAL total\n  LOAD_GLOBAL range\n"
    "  LOAD_CONST 100\n  CALL 1\n  GET_ITER\nloop:\n  FOR_ITER done\n  STORE_FAST i\n  LOAD_GLOBAL total\n"
    "  LOAD_FAST i\n  BINARY_OP +\n  STORE_GLOBAL total\n  JUMP_BACKWARD loop\ndone:\n  LOAD_GLOBAL print\n"
    "  LOAD_GLOBAL total\n  CALL 1\n  POP_TOP\n  LOAD_GLOBAL total\n  RETURN_VALUE\n.end\n";

/* One module, two VMs alive at once: each has its own globals and heap. */
Test(limits, two_vms_share_a_module_independently) {
  Module *m = load(counter_program);
  VMConfig cfg = {.fuel = -1};
  VM *a = vm_new(m, &cfg);
  VM *b = vm_new(m, &cfg);
  cr_assert(a && b);
  LimitRun rb = finish_vm(b);
  LimitRun ra = finish_vm(a);
  cr_expect_str_eq(ra.result, "4950");
  cr_expect_str_eq(rb.result, "4950");
  cr_expect_str_eq(ra.out, "4950\n");
  cr_expect_str_eq(rb.out, "4950\n");
  cr_expect_eq(ra.leaked, 0);
  cr_expect_eq(rb.leaked, 0);
  limit_run_free(&ra);
  limit_run_free(&rb);
  module_free(m);
}

/* VM A prints enough to flush its output to a sink several times; the sink
 * runs VM B from start to finish each time, while A is in the middle of its
 * loop with frames, iterators and a heap of its own. */
typedef struct Interleave {
  StrBuf collected; /* A's output, as the sink received it */
  const Module *b_module;
  int b_runs;
  bool b_all_ok;
} Interleave;

static const char chatty_program[] =
    ".function \"<module>\"\n.locals i acc\n  BUILD_LIST 0\n  STORE_FAST acc\n  LOAD_GLOBAL range\n"
    "  LOAD_CONST 4000\n  CALL 1\n  GET_ITER\nloop:\n  FOR_ITER done\n  STORE_FAST i\n  LOAD_FAST acc\n"
    "  LOAD_METHOD append\n  LOAD_FAST i\n  CALL 2\n  POP_TOP\n  LOAD_GLOBAL print\n  LOAD_CONST 'line'\n"
    "  LOAD_FAST i\n  LOAD_CONST 'of a program that prints a lot'\n  CALL 3\n  POP_TOP\n  JUMP_BACKWARD loop\n"
    "done:\n  LOAD_GLOBAL sum\n  LOAD_FAST acc\n  CALL 1\n  RETURN_VALUE\n.end\n";

static void interleave_sink(void *ctx, const char *data, size_t len) {
  Interleave *il = ctx;
  strbuf_append(&il->collected, data, len);
  VMConfig cfg = {.fuel = -1};
  VM *b = vm_new(il->b_module, &cfg);
  if (!b) {
    il->b_all_ok = false;
    return;
  }
  Outcome o;
  Status st = ref_run(b, &o);
  bool ok = st == LS_OK && o.kind == OUTCOME_RETURN && o.value.tag == V_INT && o.value.as.i == 4950 &&
            b->out.len == 5 && memcmp(b->out.data, "4950\n", 5) == 0;
  if (st == LS_OK) outcome_clear(b, &o);
  vm_release_roots(b);
  ok = ok && b->live_objects == 0;
  vm_free(b);
  il->b_runs++;
  il->b_all_ok = il->b_all_ok && ok;
}

Test(limits, two_vms_interleaved) {
  Module *a_module = load(chatty_program);
  Module *b_module = load(counter_program);
  Interleave il = {.b_module = b_module, .b_all_ok = true};
  strbuf_init(&il.collected);
  VMConfig cfg = {.fuel = -1, .sink = interleave_sink, .sink_ctx = &il};
  VM *a = vm_new(a_module, &cfg);
  cr_assert_not_null(a);
  Outcome o;
  cr_assert_eq(ref_run(a, &o), LS_OK);
  vm_flush(a); /* the rest of A's output (runs B once more) */
  cr_expect_eq(o.kind, OUTCOME_RETURN);
  cr_expect(o.value.tag == V_INT && o.value.as.i == 4000 * 3999 / 2, "A's result is wrong");
  outcome_clear(a, &o);
  vm_release_roots(a);
  cr_expect_eq(a->live_objects, 0);
  vm_free(a);

  StrBuf want;
  strbuf_init(&want);
  for (int i = 0; i < 4000; i++) strbuf_printf(&want, "line %d of a program that prints a lot\n", i);
  cr_expect_eq(il.collected.len, want.len);
  cr_expect(il.collected.len == want.len && memcmp(il.collected.data, want.data, want.len) == 0,
            "A's output was corrupted by B's runs");
  cr_expect_geq(il.b_runs, 3, "the sink ran only %d times: A did not flush mid-run", il.b_runs);
  cr_expect(il.b_all_ok, "a run of B inside A's sink went wrong");
  strbuf_free(&want);
  strbuf_free(&il.collected);
  module_free(a_module);
  module_free(b_module);
}
