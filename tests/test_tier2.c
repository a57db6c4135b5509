/* Tier 2 as a whole: programs whose traces leave in the middle, lose their
 * assumptions, raise, run out of fuel or heap, or recurse, run under `ref`
 * and under `uops` and `jit` at thresholds 1 and 2. Every configuration
 * must give ref's stdout, outcome, result (the whole traceback of an
 * uncaught exception), final globals and fuel left, with no object leaked,
 * and the tier-2 statistics must show that the situation under test really
 * happened inside a trace. Executors must not leak either: heap memory is
 * checked with LeakSanitizer (in the sanitizer build), machine code by
 * counting the process's executable anonymous mappings. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jit/tier2.h"
#include "lang/lang.h"
#include "vm/exc.h"
#include "vm/frame.h"
#include "vm/heap.h"
#include "vm/interp.h"
#include "vm/loader.h"
#include "vm/ops.h"

#if defined(__SANITIZE_ADDRESS__)
#define HAVE_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_LSAN 1
#endif
#endif
#ifdef HAVE_LSAN
#include <sanitizer/lsan_interface.h>
#endif

/* ------------------------------------------------------------ engines */

typedef struct Config {
  const char *name;
  bool tier2;
  Tier2Mode mode;
  uint32_t threshold;
} Config;

static const Config configs[] = {
    {"ref", false, TIER2_UOPS, 0}, {"uops/1", true, TIER2_UOPS, 1}, {"jit/1", true, TIER2_JIT, 1},
    {"uops/2", true, TIER2_UOPS, 2}, {"jit/2", true, TIER2_JIT, 2},
};
enum { NCONFIGS = sizeof configs / sizeof configs[0] };

typedef struct Limits {
  int64_t fuel;     /* < 0: unlimited */
  int64_t max_heap; /* <= 0: the default */
  int max_depth;    /* <= 0: the default */
  bool lockstep;    /* lockstep mode: compare the frame at every checkpoint */
} Limits;

static const Limits NO_LIMITS = {.fuel = -1};

typedef struct Run {
  int status;
  int outcome;
  char *out, *result, *globals;
  char *checkpoints; /* lockstep mode: the frame at every checkpoint */
  int64_t fuel_left, leaked;
  Tier2Stats stats;
} Run;

static char *steal(StrBuf *sb) {
  char *s = sb->data ? sb->data : strdup("");
  strbuf_init(sb);
  cr_assert_not_null(s);
  return s;
}

static void log_value(VM *vm, Value v, StrBuf *log) {
  if (value_repr(vm, v, log) == LS_OK) return;
  /* Near the depth limit repr itself raises RecursionError: drop it (no
   * exception is pending at a checkpoint) and log a placeholder. */
  ObjException *e = vm_take_exc(vm);
  if (e) obj_decref(vm, &e->h);
  strbuf_puts(log, "<no repr>");
}

/* Lockstep mode's hook: the frame (code, offset, locals, stack) at every
 * call, return and back-edge; trace exits exist only in tier 2. */
static void log_checkpoint(VM *vm, CheckpointKind kind, const Frame *f, uint32_t ip, uint64_t aux) {
  (void)aux;
  if (kind == CHECKPOINT_EXIT) return;
  StrBuf *log = vm->checkpoint_ctx;
  strbuf_printf(log, "%d %u@%u depth %d locals:", (int)kind, f->code_index, ip, vm->depth);
  for (uint32_t i = 0; i < f->code->nlocals; i++) {
    strbuf_putc(log, ' ');
    if (f->slots[i].tag == V_UNBOUND) strbuf_puts(log, "<unbound>");
    else log_value(vm, f->slots[i], log);
  }
  strbuf_puts(log, " stack:");
  for (const Value *v = f->stack; v < f->sp; v++) {
    strbuf_putc(log, ' ');
    log_value(vm, *v, log);
  }
  strbuf_putc(log, '\n');
}

static Run run_config(const Module *m, const Config *c, Limits lim) {
  Run r = {0};
  VMConfig vc = {.fuel = lim.fuel, .max_heap = lim.max_heap, .max_depth = lim.max_depth};
  VM *vm = vm_new(m, &vc);
  cr_assert_not_null(vm);
  StrBuf log;
  strbuf_init(&log);
  if (lim.lockstep) {
    vm->checkpoint = log_checkpoint;
    vm->checkpoint_ctx = &log;
  }
  Outcome o;
  Tier2Config tc = {.mode = c->mode, .threshold = c->threshold, .lockstep = lim.lockstep};
  r.status = c->tier2 ? (int)tier1_run(vm, &tc, &o, &r.stats) : (int)ref_run(vm, &o);
  r.checkpoints = steal(&log);
  StrBuf sb;
  strbuf_init(&sb);
  if (r.status == LS_OK) {
    r.outcome = (int)o.kind;
    if (o.kind == OUTCOME_RETURN) value_repr(vm, o.value, &sb);
    else if (o.kind == OUTCOME_EXCEPTION) exc_format_traceback(vm, AS_EXCEPTION(o.value), &sb);
    else strbuf_puts(&sb, "<out of fuel>");
    outcome_clear(vm, &o);
  }
  r.result = steal(&sb);
  value_repr(vm, value_obj(&vm->globals->h), &sb);
  r.globals = steal(&sb);
  r.out = steal(&vm->out);
  r.fuel_left = vm->fuel;
  vm_release_roots(vm);
  r.leaked = vm->live_objects;
  vm_free(vm);
  return r;
}

static void run_free(Run *r) {
  free(r->checkpoints);
  free(r->out);
  free(r->result);
  free(r->globals);
}

/* What differs between two runs, or NULL. */
static const char *first_difference(const Run *a, const Run *b) {
  if (a->status != b->status) return "status";
  if (a->outcome != b->outcome) return "outcome";
  if (strcmp(a->out, b->out) != 0) return "stdout";
  if (strcmp(a->result, b->result) != 0) return "result";
  if (strcmp(a->globals, b->globals) != 0) return "globals";
  if (a->fuel_left != b->fuel_left) return "fuel left";
  if (strcmp(a->checkpoints, b->checkpoints) != 0) return "checkpoint frames";
  return NULL;
}

/* Runs `m` under every configuration; asserts that each agrees with ref and
 * leaks nothing. stats[i] gets configuration i's statistics (may be NULL).
 * Returns the number of disagreements; ref's stdout goes to *ref_out when
 * asked (the caller frees it). */
static int check_agree(const char *label, const Module *m, Limits lim, Tier2Stats stats[NCONFIGS], char **ref_out) {
  Run runs[NCONFIGS];
  for (int i = 0; i < NCONFIGS; i++) runs[i] = run_config(m, &configs[i], lim);
  int bad = 0;
  const Run *ref = &runs[0];
  cr_expect_eq(ref->leaked, 0, "%s: %lld objects leaked under ref", label, (long long)ref->leaked);
  for (int i = 1; i < NCONFIGS; i++) {
    const Run *r = &runs[i];
    const char *name = configs[i].name;
    const char *what = first_difference(ref, r);
    if (what) {
      bad++;
      cr_expect_fail("%s: %s differs between ref and %s\n--- ref stdout\n%s\n--- %s stdout\n%s\n--- ref result\n%s\n"
                     "--- %s result\n%s\n--- fuel left: ref %lld, %s %lld\n--- ref checkpoints\n%s\n"
                     "--- %s checkpoints\n%s",
                     label, what, name, ref->out, name, r->out, ref->result, name, r->result,
                     (long long)ref->fuel_left, name, (long long)r->fuel_left, ref->checkpoints, name,
                     r->checkpoints);
    }
    if (r->leaked != 0) {
      bad++;
      cr_expect_fail("%s: %lld objects leaked under %s", label, (long long)r->leaked, name);
    }
  }
  if (stats)
    for (int i = 0; i < NCONFIGS; i++) stats[i] = runs[i].stats;
  if (ref_out) *ref_out = strdup(ref->out);
  for (int i = 0; i < NCONFIGS; i++) run_free(&runs[i]);
  return bad;
}

static Module *compile_py(const char *src) {
  StrBuf err;
  strbuf_init(&err);
  Module *m = lang_compile("<tier2 test>", src, strlen(src), &err);
  cr_assert_not_null(m, "%s", err.data ? err.data : "");
  strbuf_free(&err);
  return m;
}

static Module *assemble(const char *jasm) {
  StrBuf err;
  strbuf_init(&err);
  Module *m = module_load_bytes("<tier2 test>", jasm, strlen(jasm), &err);
  cr_assert_not_null(m, "%s", err.data ? err.data : "");
  strbuf_free(&err);
  return m;
}

/* Checks one Python program; returns the per-configuration statistics. */
static void check_py(const char *label, const char *src, Limits lim, Tier2Stats stats[NCONFIGS]) {
  Module *m = compile_py(src);
  check_agree(label, m, lim, stats, NULL);
  module_free(m);
}

/* Which statistic a test expects to see. */
typedef enum Stat { STAT_DEOPTS, STAT_SIDE_EXITS, STAT_ERRORS, STAT_INVALIDATIONS, STAT_ENTRIES } Stat;

static uint64_t stat_value(const Tier2Stats *s, Stat which) {
  switch (which) {
  case STAT_DEOPTS: return s->deopts;
  case STAT_SIDE_EXITS: return s->side_exits;
  case STAT_ERRORS: return s->errors;
  case STAT_INVALIDATIONS: return s->invalidations;
  case STAT_ENTRIES: return s->entries;
  }
  return 0;
}

static const char *const stat_names[] = {"deopts", "side exits", "error exits", "invalidations", "trace entries"};

/* Every tier-2 configuration saw `which` happen at least once. */
static void expect_stat(const char *label, const Tier2Stats stats[NCONFIGS], Stat which) {
  for (int i = 1; i < NCONFIGS; i++)
    cr_expect_gt(stat_value(&stats[i], which), 0, "%s: no %s under %s", label, stat_names[which], configs[i].name);
}

static void add_stats(Tier2Stats *sum, const Tier2Stats *s) {
  sum->traces += s->traces;
  sum->entries += s->entries;
  sum->deopts += s->deopts;
  sum->side_exits += s->side_exits;
  sum->errors += s->errors;
  sum->invalidations += s->invalidations;
  sum->aborted += s->aborted;
}

/* Executors hold heap memory (uops, exit counters, names) and, under jit,
 * one executable mapping each; both must be gone when the run is over. */
static int count_exec_anon_mappings(void) {
  FILE *fp = fopen("/proc/self/maps", "r");
  cr_assert_not_null(fp);
  char line[1024];
  int n = 0;
  while (fgets(line, sizeof line, fp)) {
    char perms[8] = "";
    unsigned long inode = 1;
    int path_at = 0;
    if (sscanf(line, "%*s %7s %*s %*s %lu %n", perms, &inode, &path_at) < 2) continue;
    bool anonymous = inode == 0 && (line[path_at] == '\0' || line[path_at] == '\n');
    if (anonymous && perms[2] == 'x') n++;
  }
  fclose(fp);
  return n;
}

static void expect_no_heap_leaks(void) {
#ifdef HAVE_LSAN
  cr_expect_eq(__lsan_do_recoverable_leak_check(), 0, "LeakSanitizer found leaked memory (see stderr)");
#endif
}

/* ------------------------------------------- side exits restore the frame */

/* Each iteration prints every local after each place where the trace can
 * leave: a type guard (a and d turn float, v changes type), an int overflow
 * deopting mid-expression, list indices out of range, branches that flip,
 * errors caught in the same frame, with values on the stack at the exit. */
static const char side_exit_program[] =
    "def main():\n"
    "    a = 0\n"
    "    b = 1.5\n"
    "    c = [1, 2, 3]\n"
    "    d = 9223372036854775800\n"
    "    s = 'x'\n"
    "    vals = [1, 2, 3, 4, 2.5, 6, True, 8, 'z', 10, None, 12, -3, 0, 7, 5]\n"
    "    for i in range(len(vals)):\n"
    "        v = vals[i]\n"
    "        a = a + i\n"
    "        print('A', i, a, b, c, d, s, v)\n"
    "        if i % 3 == 0:\n"
    "            b = b * 2.0\n"
    "        else:\n"
    "            b = b - 0.25\n"
    "        print('B', i, a, b, c, d, s, v)\n"
    "        try:\n"
    "            d = d + v\n"
    "        except OverflowError:\n"
    "            d = -d\n"
    "        except TypeError:\n"
    "            s = s + '!'\n"
    "        print('C', i, a, b, c, d, s, v)\n"
    "        try:\n"
    "            c[i % 5 - 1] = v\n"
    "        except IndexError as e:\n"
    "            c.append(i)\n"
    "        print('D', i, a, b, c, d, s, v, c[i % 4 - 2] if i % 7 else -i)\n"
    "        try:\n"
    "            print('E', i, a - v * 2, b / (v - 6), [a, b, a + i * 1000000000000000000])\n"
    "        except TypeError as e:\n"
    "            print('E type', i, e)\n"
    "        except ZeroDivisionError as e:\n"
    "            print('E zero', i, e)\n"
    "        except OverflowError as e:\n"
    "            print('E overflow', i, e)\n"
    "        try:\n"
    "            print('F', i, 100 // (i - 13), vals[i + 2])\n"
    "        except ZeroDivisionError as e:\n"
    "            print('F zero', i, e)\n"
    "        except IndexError as e:\n"
    "            print('F index', i, e)\n"
    "        if a > 30:\n"
    "            a = a - 1.0\n"
    "        s = s[-3:]\n"
    "    return (a, b, c, d, s)\n"
    "print(main())\n";

Test(tier2, side_exits_restore_the_frame, .timeout = 60) {
  Tier2Stats stats[NCONFIGS];
  char *out = NULL;
  Module *m = compile_py(side_exit_program);
  cr_expect_eq(check_agree("side exits", m, NO_LIMITS, stats, &out), 0);
  cr_expect_eq(check_agree("side exits, lockstep mode", m, (Limits){.fuel = -1, .lockstep = true}, NULL, NULL), 0);
  module_free(m);
  /* The program really printed every phase of every iteration. */
  cr_expect_not_null(strstr(out, "A 15 "));
  cr_expect_not_null(strstr(out, "E overflow"));
  cr_expect_not_null(strstr(out, "E zero"));
  free(out);
  expect_stat("side exits", stats, STAT_SIDE_EXITS);
  expect_stat("side exits", stats, STAT_DEOPTS);
  expect_no_heap_leaks();
}

/* The same in jasm, where a guard fails with several values on the stack
 * below the operands (a deep expression), and the frame printed after the
 * exit shows the stack was rebuilt: print(i, x, y, z, (x + y) * (z - i)). */
static const char deep_stack_program[] =
    ".function \"<module>\"\n"
    ".locals i x y z L\n"
    "  LOAD_CONST 1\n  LOAD_CONST 2\n  LOAD_CONST 3\n  LOAD_CONST 4\n  LOAD_CONST 9223372036854775000\n"
    "  LOAD_CONST 6\n  LOAD_CONST 7.5\n  LOAD_CONST 8\n  LOAD_CONST True\n  LOAD_CONST 10\n  BUILD_LIST 10\n"
    "  STORE_FAST L\n  LOAD_CONST 5\n  STORE_FAST y\n  LOAD_CONST 100\n  STORE_FAST z\n"
    "  LOAD_GLOBAL range\n  LOAD_CONST 10\n  CALL 1\n  GET_ITER\n"
    "top:\n  FOR_ITER done\n  STORE_FAST i\n"
    "body:\n  LOAD_FAST L\n  LOAD_FAST i\n  BINARY_SUBSCR\n  STORE_FAST x\n"
    "  LOAD_GLOBAL print\n  LOAD_FAST i\n  LOAD_FAST x\n  LOAD_FAST y\n  LOAD_FAST z\n"
    "  LOAD_FAST x\n  LOAD_FAST y\n  BINARY_OP +\n  LOAD_FAST z\n  LOAD_FAST i\n  BINARY_OP -\n  BINARY_OP *\n"
    "  CALL 5\n  POP_TOP\n"
    "  JUMP_BACKWARD top\n"
    "body_end:\n"
    "  .handler body body_end handler 1\n"
    "handler:\n  STORE_FAST y\n  LOAD_GLOBAL print\n  LOAD_FAST y\n  CALL 1\n  POP_TOP\n  LOAD_CONST 0\n"
    "  STORE_FAST y\n"
    "  JUMP_BACKWARD top\n"
    "done:\n  LOAD_FAST x\n  LOAD_FAST y\n  BUILD_TUPLE 2\n  RETURN_VALUE\n"
    ".end\n";

Test(tier2, deopt_with_a_deep_stack, .timeout = 60) {
  Tier2Stats stats[NCONFIGS];
  Module *m = assemble(deep_stack_program);
  cr_expect_eq(check_agree("deep stack", m, NO_LIMITS, stats, NULL), 0);
  cr_expect_eq(check_agree("deep stack, lockstep mode", m, (Limits){.fuel = -1, .lockstep = true}, NULL, NULL), 0);
  module_free(m);
  expect_stat("deep stack", stats, STAT_DEOPTS);
  expect_no_heap_leaks();
}

/* ------------------------------------------------------------ invalidation */

/* f is baked into the trace (LOAD_GLOBAL_FUNCTION, and the call followed
 * into it); the rebinding happens in tier 1 after a side exit. The old
 * function logs its calls: after the rebinding it must never run. */
static const char rebind_in_loop[] =
    "log = []\n"
    "def f1(x):\n"
    "    log.append(x)\n"
    "    return x + 1\n"
    "def f2(x):\n"
    "    return x * 100\n"
    "def main():\n"
    "    global f\n"
    "    f = f1\n"
    "    out = []\n"
    "    for i in range(30):\n"
    "        out.append(f(i))\n"
    "        if i == 10:\n"
    "            f = f2\n"
    "        if i == 20:\n"
    "            f = f1\n"
    "    print(out)\n"
    "    print(log)\n"
    "main()\n";

/* The rebinding happens inside a callee that the trace follows: the guard
 * in the callee fails, tier 1 goes on in the callee's frame and rebinds. */
static const char rebind_in_callee[] =
    "def f1(x):\n"
    "    return x + 1\n"
    "def f2(x):\n"
    "    return x * 100\n"
    "def maybe_switch(i):\n"
    "    global f\n"
    "    if i == 12:\n"
    "        f = f2\n"
    "    return i\n"
    "def main():\n"
    "    out = []\n"
    "    for i in range(30):\n"
    "        out.append(f(maybe_switch(i)))\n"
    "    print(out)\n"
    "f = f1\n"
    "main()\n";

/* The trace rebinds f itself, then calls it: its own store invalidates it
 * and CHECK_VALIDITY leaves before the stale function can be loaded. */
static const char rebind_by_trace[] =
    "def f1(x):\n"
    "    return x + 1\n"
    "def f2(x):\n"
    "    return x * 100\n"
    "def main():\n"
    "    global f\n"
    "    fs = [f1, f2, f2, f1, f1, f1, f2, f1, f2, f2, f2, f2, f1, f2, f1, f1]\n"
    "    out = []\n"
    "    for i in range(len(fs)):\n"
    "        f = fs[i]\n"
    "        out.append(f(i))\n"
    "    print(out)\n"
    "main()\n";

/* Regression: a loop that loads f (baked) and then rebinds it in the same
 * iteration. The trace recorded from such an iteration would start its next
 * run with the function from before the store; the recorder must not make
 * it (jit/record.c gives the recording up). */
static const char swap_globals[] =
    "def f1(x):\n"
    "    return x + 1\n"
    "def f2(x):\n"
    "    return x * 100\n"
    "def main():\n"
    "    global f, g\n"
    "    f = f1\n"
    "    g = f2\n"
    "    out = []\n"
    "    for i in range(12):\n"
    "        h = f\n"
    "        f = g\n"
    "        g = h\n"
    "        out.append(f(i))\n"
    "        out.append(h)\n"
    "    print(out)\n"
    "main()\n";

Test(tier2, function_rebound_in_the_loop, .timeout = 60) {
  Tier2Stats stats[NCONFIGS];
  check_py("rebind in loop", rebind_in_loop, NO_LIMITS, stats);
  expect_stat("rebind in loop", stats, STAT_INVALIDATIONS);
  expect_stat("rebind in loop", stats, STAT_ENTRIES);
  expect_no_heap_leaks();
}

Test(tier2, function_rebound_in_a_followed_callee, .timeout = 60) {
  Tier2Stats stats[NCONFIGS];
  check_py("rebind in callee", rebind_in_callee, NO_LIMITS, stats);
  check_py("rebind in callee, lockstep mode", rebind_in_callee, (Limits){.fuel = -1, .lockstep = true}, NULL);
  expect_stat("rebind in callee", stats, STAT_INVALIDATIONS);
  expect_stat("rebind in callee", stats, STAT_SIDE_EXITS);
  expect_no_heap_leaks();
}

Test(tier2, function_rebound_by_the_trace_itself, .timeout = 60) {
  Tier2Stats stats[NCONFIGS];
  check_py("rebind by trace", rebind_by_trace, NO_LIMITS, stats);
  expect_stat("rebind by trace", stats, STAT_INVALIDATIONS);
  expect_stat("rebind by trace", stats, STAT_DEOPTS); /* CHECK_VALIDITY */
  expect_no_heap_leaks();
}

Test(tier2, globals_swapped_by_the_loop, .timeout = 60) {
  check_py("swap globals", swap_globals, NO_LIMITS, NULL);
  expect_no_heap_leaks();
}

/* len is a builtin baked into the trace (LOAD_GLOBAL_BUILTIN); a global of
 * the same name shadows it, another builtin replaces that, and deleting the
 * global brings the builtin back. */
static const char shadow_builtin[] =
    "def mylen(s):\n"
    "    return 42\n"
    "def main():\n"
    "    global len\n"
    "    out = []\n"
    "    for i in range(30):\n"
    "        out.append(len('abc'))\n"
    "        if i == 10:\n"
    "            len = mylen\n"
    "        if i == 16:\n"
    "            len = str\n"
    "        if i == 22:\n"
    "            del len\n"
    "    print(out)\n"
    "main()\n";

Test(tier2, builtin_shadowed_by_a_global, .timeout = 60) {
  Tier2Stats stats[NCONFIGS];
  check_py("shadow builtin", shadow_builtin, NO_LIMITS, stats);
  expect_stat("shadow builtin", stats, STAT_INVALIDATIONS);
  expect_no_heap_leaks();
}

/* A baked global function is deleted mid-loop: the next call must raise
 * NameError, caught in the loop; then it is bound again. */
static const char delete_global[] =
    "def g1(x):\n"
    "    return x - 1\n"
    "def main():\n"
    "    global g\n"
    "    g = g1\n"
    "    out = []\n"
    "    for i in range(24):\n"
    "        try:\n"
    "            out.append(g(i))\n"
    "        except NameError as e:\n"
    "            out.append(str(e))\n"
    "        if i == 8:\n"
    "            del g\n"
    "        if i == 15:\n"
    "            g = g1\n"
    "    print(out)\n"
    "main()\n";

Test(tier2, global_deleted_mid_loop, .timeout = 60) {
  Tier2Stats stats[NCONFIGS];
  check_py("delete global", delete_global, NO_LIMITS, stats);
  expect_stat("delete global", stats, STAT_INVALIDATIONS);
  expect_no_heap_leaks();
}

/* ------------------------------------------------------------- exceptions */

/* ERROR exits: exceptions raised by uops inside traces and caught by a
 * handler in the same frame (the loop goes on in the trace). */
static const char exceptions_same_frame[] =
    "def main():\n"
    "    t = 0\n"
    "    for x in [3, 1, 2, 0, 'a', 2, None, 5, 0, 1, 1, 1, [], 2]:\n"
    "        try:\n"
    "            t += 60 // x\n"
    "        except ZeroDivisionError:\n"
    "            t -= 1\n"
    "        except TypeError as e:\n"
    "            print('type', e)\n"
    "    print(t)\n"
    "    d = {}\n"
    "    for i in range(12):\n"
    "        try:\n"
    "            d[i] = d[i - 3] + 1\n"
    "        except KeyError as e:\n"
    "            d[i] = 0\n"
    "            print('key', e)\n"
    "    print(d)\n"
    "main()\n";

/* Exceptions raised inside traces and caught in a caller: by a callee the
 * trace followed (its frame pushed by PUSH_FRAME), and by a callee whose own
 * loop trace raises. */
static const char exceptions_in_caller[] =
    "def risky(x):\n"
    "    return 10 // x\n"
    "def inner(xs):\n"
    "    t = 0\n"
    "    for x in xs:\n"
    "        t += 100 // x\n"
    "    return t\n"
    "def main():\n"
    "    s = 0\n"
    "    for x in [5, 2, 1, 4, 0, 3, 0, -1, 7, 'a', 4]:\n"
    "        try:\n"
    "            s += risky(x)\n"
    "        except ZeroDivisionError as e:\n"
    "            print('callee raised', x, e)\n"
    "        except TypeError as e:\n"
    "            print('type', x, e)\n"
    "    print(s)\n"
    "    total = 0\n"
    "    for k in range(8):\n"
    "        xs = [5, 4, 3, 2, 1, 0, 7] if k % 2 else [1, 2, 3, 4, 5, 6, 7]\n"
    "        try:\n"
    "            total += inner(xs)\n"
    "        except ZeroDivisionError as e:\n"
    "            print('caller caught', k, e)\n"
    "    print(total)\n"
    "main()\n";

/* An exception raised in a trace, through a followed call, uncaught: the
 * whole traceback (a line per frame) must be ref's. */
static const char exceptions_uncaught[] =
    "def risky(x):\n"
    "    return 10 // x\n"
    "def main():\n"
    "    t = 0\n"
    "    for x in [5, 4, 3, 2, 1, 0]:\n"
    "        t += risky(x)\n"
    "        print(t)\n"
    "    return t\n"
    "main()\n";

Test(tier2, exceptions_caught_in_the_same_frame, .timeout = 60) {
  Tier2Stats stats[NCONFIGS];
  check_py("exceptions, same frame", exceptions_same_frame, NO_LIMITS, stats);
  expect_stat("exceptions, same frame", stats, STAT_ERRORS);
  expect_no_heap_leaks();
}

Test(tier2, exceptions_caught_in_a_caller, .timeout = 60) {
  Tier2Stats stats[NCONFIGS];
  char *out = NULL;
  Module *m = compile_py(exceptions_in_caller);
  cr_expect_eq(check_agree("exceptions, caller", m, NO_LIMITS, stats, &out), 0);
  cr_expect_eq(check_agree("exceptions, caller, lockstep mode", m, (Limits){.fuel = -1, .lockstep = true}, NULL, NULL),
               0);
  module_free(m);
  cr_expect_not_null(strstr(out, "caller caught 7"));
  free(out);
  expect_stat("exceptions, caller", stats, STAT_ERRORS);
  expect_no_heap_leaks();
}

Test(tier2, exception_uncaught_from_a_trace, .timeout = 60) {
  Tier2Stats stats[NCONFIGS];
  check_py("exception, uncaught", exceptions_uncaught, NO_LIMITS, stats);
  expect_stat("exception, uncaught", stats, STAT_ERRORS);
  expect_no_heap_leaks();
}

/* ------------------------------------------------------------------- fuel */

/* Fuel is spent by back-edges (JUMP_TO_TOP in a trace), calls (CALL_BUILTIN,
 * PUSH_FRAME) and by builtins per item (sum over a slice): running it for
 * every fuel budget from 0 up makes it stop at every one of those points,
 * inside traces, and every engine must stop at the same place. */
static const char fuel_program[] =
    "def sq(x):\n"
    "    return x * x\n"
    "def main():\n"
    "    data = [3, 1, 4, 1, 5, 9, 2, 6]\n"
    "    t = 0\n"
    "    i = 0\n"
    "    while i < 14:\n"
    "        t += sq(i) + sum(data[:i % 8])\n"
    "        print(i, t)\n"
    "        i += 1\n"
    "    print('done', t)\n"
    "main()\n";

Test(tier2, fuel_runs_out_at_the_same_point, .timeout = 120) {
  Module *m = compile_py(fuel_program);
  /* The budget it needs in full: ref's fuel spent with a large budget. */
  Run full = run_config(m, &configs[0], (Limits){.fuel = 1000000});
  cr_assert_eq(full.outcome, OUTCOME_RETURN);
  int64_t needed = 1000000 - full.fuel_left;
  run_free(&full);
  Tier2Stats totals[NCONFIGS] = {0};
  int bad = 0;
  for (int64_t fuel = 0; fuel <= needed + 1 && bad < 5; fuel++) {
    char label[64];
    snprintf(label, sizeof label, "fuel %lld", (long long)fuel);
    Tier2Stats stats[NCONFIGS];
    bad += check_agree(label, m, (Limits){.fuel = fuel}, stats, NULL);
    for (int i = 0; i < NCONFIGS; i++) add_stats(&totals[i], &stats[i]);
  }
  module_free(m);
  cr_expect_gt(needed, 50);
  /* Some budgets ran out inside a trace: at a back-edge or a call (deopts)
   * and inside sum (an error exit with fuel out). */
  expect_stat("fuel sweep", totals, STAT_DEOPTS);
  expect_stat("fuel sweep", totals, STAT_ERRORS);
  expect_no_heap_leaks();
}

/* ------------------------------------------------------------------- heap */

/* A loop keeps allocating (lists, tuples, strings, dict entries) until
 * MemoryError, which the program catches; for every heap limit in a range
 * it must stop at the same allocation in every engine. */
static const char heap_program[] =
    "def main():\n"
    "    out = []\n"
    "    d = {}\n"
    "    i = 0\n"
    "    try:\n"
    "        while i < 100000:\n"
    "            out.append((i, [i] * (i % 3), str(i) + 'x'))\n"
    "            d[i] = i\n"
    "            i += 1\n"
    "    except MemoryError:\n"
    "        n = len(out)\n"
    "        out = None\n"
    "        d = None\n"
    "        print('MemoryError at', n, i)\n"
    "main()\n";

Test(tier2, heap_limit_hit_at_the_same_point, .timeout = 120) {
  Module *m = compile_py(heap_program);
  Tier2Stats totals[NCONFIGS] = {0};
  int bad = 0;
  for (int64_t heap = 1500; heap <= 9000 && bad < 5; heap += 24) {
    char label[64];
    snprintf(label, sizeof label, "max heap %lld", (long long)heap);
    Tier2Stats stats[NCONFIGS];
    bad += check_agree(label, m, (Limits){.fuel = -1, .max_heap = heap}, stats, NULL);
    for (int i = 0; i < NCONFIGS; i++) add_stats(&totals[i], &stats[i]);
  }
  module_free(m);
  expect_stat("heap sweep", totals, STAT_ERRORS);
  expect_no_heap_leaks();
}

/* -------------------------------------------------------------- recursion */

/* Calls followed by traces nest frames; recursion through them (probe
 * recurses from inside its loop, where its own trace runs) and around them
 * (down's loop is traced, then it recurses) must hit RecursionError at the
 * same depth as ref. */
static const char recursion_program[] =
    "depth = 0\n"
    "def down(n):\n"
    "    global depth\n"
    "    t = 0\n"
    "    for i in range(3):\n"
    "        t += i\n"
    "    depth = n\n"
    "    return down(n + 1) + t\n"
    "def probe(n):\n"
    "    for i in range(3):\n"
    "        if i == 1:\n"
    "            n = probe(n + 1)\n"
    "    return n\n"
    "def main():\n"
    "    for k in range(3):\n"
    "        try:\n"
    "            down(0)\n"
    "        except RecursionError as e:\n"
    "            print('down', k, depth, e)\n"
    "        try:\n"
    "            print(probe(0))\n"
    "        except RecursionError as e:\n"
    "            print('probe', k, e)\n"
    "main()\n"
    "probe(0)\n";

Test(tier2, recursion_error_at_the_same_depth, .timeout = 120) {
  Module *m = compile_py(recursion_program);
  static const int depths[] = {0, 37, 2};
  for (size_t i = 0; i < sizeof depths / sizeof depths[0]; i++) {
    char label[64];
    snprintf(label, sizeof label, "recursion, max depth %d", depths[i]);
    Tier2Stats stats[NCONFIGS];
    cr_expect_eq(check_agree(label, m, (Limits){.fuel = -1, .max_depth = depths[i]}, stats, NULL), 0);
    if (depths[i] != 2) expect_stat(label, stats, STAT_ENTRIES);
  }
  cr_expect_eq(check_agree("recursion, lockstep mode", m, (Limits){.fuel = -1, .max_depth = 37, .lockstep = true},
                           NULL, NULL),
               0);
  module_free(m);
  expect_no_heap_leaks();
}

/* ------------------------------------------------------- executor lifetime */

/* Every iteration rebinds a global the trace depends on: each trace is
 * invalidated (or its recording given up) as soon as it exists. Backoff
 * must keep the number of traces small, the run short, and nothing of the
 * executors may outlive it. */
static const char churn_store_then_load[] =
    "def f1(x):\n"
    "    return x\n"
    "def main():\n"
    "    global f\n"
    "    t = 0\n"
    "    for i in range(100000):\n"
    "        f = f1\n"
    "        t += f(i)\n"
    "    print(t)\n"
    "main()\n";

static const char churn_load_then_store[] =
    "def f1(x):\n"
    "    return x\n"
    "def main():\n"
    "    global f\n"
    "    f = f1\n"
    "    t = 0\n"
    "    for i in range(100000):\n"
    "        t += f(i)\n"
    "        f = f1\n"
    "    print(t)\n"
    "main()\n";

/* Without backoff each of the 100000 iterations would record a trace. */
enum { MAX_CHURN_TRACES = 200 };

static void check_churn(const char *label, const char *src) {
  int mappings_before = count_exec_anon_mappings();
  Tier2Stats stats[NCONFIGS];
  check_py(label, src, NO_LIMITS, stats);
  cr_expect_eq(count_exec_anon_mappings(), mappings_before, "%s: executable mappings left behind", label);
  for (int i = 1; i < NCONFIGS; i++) {
    cr_expect_lt(stats[i].traces, MAX_CHURN_TRACES, "%s: %llu traces under %s", label,
                 (unsigned long long)stats[i].traces, configs[i].name);
    cr_expect_lt(stats[i].aborted, MAX_CHURN_TRACES, "%s: %llu recordings under %s", label,
                 (unsigned long long)stats[i].aborted, configs[i].name);
    cr_expect_lt(stats[i].invalidations, MAX_CHURN_TRACES, "%s: %llu invalidations under %s", label,
                 (unsigned long long)stats[i].invalidations, configs[i].name);
  }
  expect_no_heap_leaks();
}

Test(tier2, rebinding_every_iteration_store_then_load, .timeout = 60) {
  check_churn("churn (store, then load)", churn_store_then_load);
}

Test(tier2, rebinding_every_iteration_load_then_store, .timeout = 60) {
  check_churn("churn (load, then store)", churn_load_then_store);
}

/* Executors freed on every path: invalidated while not running, invalidated
 * while running (freed when it returns), and left at teardown, under jit
 * with machine code. */
Test(tier2, executors_are_freed_on_every_path, .timeout = 60) {
  int mappings_before = count_exec_anon_mappings();
  static const char *const programs[] = {rebind_in_loop, rebind_by_trace, shadow_builtin, delete_global,
                                         side_exit_program};
  for (size_t i = 0; i < sizeof programs / sizeof programs[0]; i++) {
    Module *m = compile_py(programs[i]);
    Run r = run_config(m, &configs[2], NO_LIMITS);
    cr_expect_eq(r.leaked, 0);
    cr_expect_gt(r.stats.traces, 0);
    cr_expect_gt(r.stats.code_bytes, 0, "jit compiled no machine code");
    run_free(&r);
    module_free(m);
  }
  cr_expect_eq(count_exec_anon_mappings(), mappings_before, "executable mappings left behind");
  expect_no_heap_leaks();
}
