/* Every uop, recorded from real bytecode and run by every engine.
 *
 * For each uop of LS_UOPS there is a small .jasm program whose hot loop, at
 * --jit-threshold 1, records that uop into a trace (the --jit-dump text of
 * the `uops` and of the `jit` engine must name it). The program then runs
 * under `ref`, `uops` and `jit`, which must agree on stdout, outcome and
 * result (with the whole traceback of an uncaught exception), the final
 * globals, the fuel left, and leak no object. Each program runs a second
 * time in lockstep mode, where the frame (locals and stack) at every
 * checkpoint (call, return, back-edge) must be ref's too.
 *
 * Each uop that can leave a trace (a guard, a deopt, a side exit) also has
 * programs in which its check FAILS on a later iteration, while the trace
 * is running: a type changes (int to float, int to bool), an int overflows
 * at 2**63-1, a list index goes out of range, a branch flips, a loop ends,
 * a builtin callee is replaced by a function, fuel runs out. The engines
 * must still agree, and Tier2Stats must show that the trace did leave that
 * way. A third set makes the instructions behind error-raising uops raise
 * inside a trace, caught by a handler in the same frame. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jit/tier2.h"
#include "jit/uops.h"
#include "vm/exc.h"
#include "vm/frame.h"
#include "vm/heap.h"
#include "vm/interp.h"
#include "vm/loader.h"
#include "vm/ops.h"

enum { DEFAULT_FUEL = 100000, DEFAULT_ITERATIONS = 12 };

/* ------------------------------------------------------------ engines */

typedef enum Engine { ENGINE_REF, ENGINE_UOPS, ENGINE_JIT, NENGINES } Engine;
static const char *const engine_names[NENGINES] = {"ref", "uops", "jit"};

typedef struct Run {
  int status;        /* Status of the run */
  int outcome;       /* OutcomeKind */
  char *out;         /* the program's stdout */
  char *result;      /* repr of the result, the whole traceback, or "<out of fuel>" */
  char *globals;     /* repr of the globals dict at the end */
  char *dump;        /* --jit-dump text (tier-2 engines) */
  char *checkpoints; /* lockstep mode: the frame at every checkpoint */
  int64_t fuel_left;
  int64_t leaked;    /* objects alive once the VM's roots were released */
  Tier2Stats stats;
} Run;

static char *steal(StrBuf *sb) {
  char *s = sb->data ? sb->data : strdup("");
  strbuf_init(sb);
  cr_assert_not_null(s);
  return s;
}

/* Lockstep mode's hook: every engine passes the same checkpoints (calls,
 * returns, back-edges) with the same frame, which is logged in full: code,
 * offset, locals and stack. Trace exits (CHECKPOINT_EXIT) exist only in
 * tier 2 and are left out. */
static void log_value(VM *vm, Value v, StrBuf *log) {
  if (value_repr(vm, v, log) == LS_OK) return;
  /* Near the depth limit repr itself raises RecursionError: drop it (no
   * exception is pending at a checkpoint) and log a placeholder. */
  ObjException *e = vm_take_exc(vm);
  if (e) obj_decref(vm, &e->h);
  strbuf_puts(log, "<no repr>");
}

static void log_checkpoint(VM *vm, CheckpointKind kind, const Frame *f, uint32_t ip, uint64_t aux) {
  (void)aux;
  if (kind == CHECKPOINT_EXIT) return;
  StrBuf *log = vm->checkpoint_ctx;
  strbuf_printf(log, "%d %u@%u locals:", (int)kind, f->code_index, ip);
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

static Run run_engine(const Module *m, Engine engine, int64_t fuel, bool lockstep) {
  Run r = {0};
  VMConfig vc = {.fuel = fuel};
  VM *vm = vm_new(m, &vc);
  cr_assert_not_null(vm);
  StrBuf dump, sb, log;
  strbuf_init(&dump);
  strbuf_init(&sb);
  strbuf_init(&log);
  if (lockstep) {
    vm->checkpoint = log_checkpoint;
    vm->checkpoint_ctx = &log;
  }
  Outcome o;
  if (engine == ENGINE_REF) {
    r.status = (int)ref_run(vm, &o);
  } else {
    Tier2Config tc = {
        .mode = engine == ENGINE_JIT ? TIER2_JIT : TIER2_UOPS, .threshold = 1, .dump = &dump, .lockstep = lockstep};
    r.status = (int)tier1_run(vm, &tc, &o, &r.stats);
  }
  r.checkpoints = steal(&log);
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
  r.dump = steal(&dump);
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
  free(r->dump);
}

/* Whether the dump names `uop` as a whole word (LOAD_GLOBAL must not be
 * found in LOAD_GLOBAL_BUILTIN). */
static bool dump_names_uop(const char *dump, const char *uop) {
  size_t n = strlen(uop);
  for (const char *p = strstr(dump, uop); p; p = strstr(p + 1, uop)) {
    bool starts = p == dump || p[-1] == ' ' || p[-1] == '\n';
    bool ends = p[n] == '\0' || p[n] == ' ' || p[n] == '\n';
    if (starts && ends) return true;
  }
  return false;
}

/* Asserts that `other` agrees with `ref` in everything observable. */
static void expect_same(const char *label, const Run *ref, const Run *other, const char *name) {
  cr_expect_eq(other->status, ref->status, "%s: status differs under %s", label, name);
  cr_expect_eq(other->outcome, ref->outcome, "%s: outcome %d under ref, %d under %s", label, ref->outcome,
               other->outcome, name);
  cr_expect_str_eq(other->out, ref->out, "%s: stdout differs under %s:\n--- ref\n%s\n--- %s\n%s", label, name,
                   ref->out, name, other->out);
  cr_expect_str_eq(other->result, ref->result, "%s: result differs under %s:\n--- ref\n%s\n--- %s\n%s", label, name,
                   ref->result, name, other->result);
  cr_expect_str_eq(other->globals, ref->globals, "%s: globals differ under %s:\n--- ref\n%s\n--- %s\n%s", label, name,
                   ref->globals, name, other->globals);
  cr_expect_eq(other->fuel_left, ref->fuel_left, "%s: fuel left %lld under ref, %lld under %s", label,
               (long long)ref->fuel_left, (long long)other->fuel_left, name);
  cr_expect_eq(other->leaked, 0, "%s: %lld objects leaked under %s", label, (long long)other->leaked, name);
  cr_expect_str_eq(other->checkpoints, ref->checkpoints, "%s: checkpoints differ under %s:\n--- ref\n%s\n--- %s\n%s",
                   label, name, ref->checkpoints, name, other->checkpoints);
}

/* -------------------------------------------------------------- cases */

typedef enum Expect {
  EXPECT_CLEAN,     /* the trace runs without a deopt or an error exit */
  EXPECT_DEOPT,     /* Tier2Stats.deopts >= min */
  EXPECT_SIDE_EXIT, /* Tier2Stats.side_exits >= min */
  EXPECT_ERROR,     /* Tier2Stats.errors >= min */
} Expect;

typedef struct UopCase {
  const char *uop;       /* the uop the trace must contain */
  const char *what;      /* what the program does */
  Expect expect;
  unsigned min;          /* 0 means 1 */
  const char *setup;     /* jasm before the loop */
  const char *iterable;  /* jasm pushing what the loop iterates; NULL: range(12) */
  const char *body;      /* the loop body, with the loop variable in i */
  const char *finish;    /* after the loop; NULL: return (a, b) */
  bool catch_errors;     /* a handler around the loop body prints repr(e) and goes on looping */
  bool catch_ends_loop;  /* a handler around the whole loop prints repr(e) and leaves it */
  int64_t fuel;          /* 0: DEFAULT_FUEL */
  bool lockstep_only;    /* the uop is recorded only in lockstep mode */
  const char *functions; /* more .function blocks */
} UopCase;

/* f(x) = x * 2 and g(x) = x + 1000, for programs that call or bind functions. */
#define FUNCS_F_G                                                                                      \
  ".function f\n.arity 1\n.locals x\n  LOAD_FAST x\n  LOAD_CONST 2\n  BINARY_OP *\n  RETURN_VALUE\n.end\n" \
  ".function g\n.arity 1\n.locals x\n  LOAD_FAST x\n  LOAD_CONST 1000\n  BINARY_OP +\n  RETURN_VALUE\n.end\n"

#define SETUP_F "MAKE_FUNCTION f\nSTORE_GLOBAL f\n"
#define SETUP_L_RANGE12 "LOAD_GLOBAL list\nLOAD_GLOBAL range\nLOAD_CONST 12\nCALL 1\nCALL 1\nSTORE_FAST L\n"
#define SETUP_L_EMPTY "BUILD_LIST 0\nSTORE_FAST L\n"
#define RETURN_L "LOAD_FAST L\nRETURN_VALUE\n"
/* L[i] pushed: the values a later operation sees change with i. */
#define LOAD_L_I "LOAD_FAST L\nLOAD_FAST i\nBINARY_SUBSCR\n"
/* L[i + 1] pushed. */
#define LOAD_L_NEXT "LOAD_FAST L\nLOAD_FAST i\nLOAD_CONST 1\nBINARY_OP +\nBINARY_SUBSCR\n"
/* c.append((x < y, x <= y, x == y, x != y, x > y, x >= y)) for x, y = L[i], L[i + 1]. */
#define CMP6_L_I_NEXT                                                                                                \
  "LOAD_FAST c\n" LOAD_L_I LOAD_L_NEXT "COMPARE_OP <\n" LOAD_L_I LOAD_L_NEXT "COMPARE_OP <=\n" LOAD_L_I LOAD_L_NEXT \
  "COMPARE_OP ==\n" LOAD_L_I LOAD_L_NEXT "COMPARE_OP !=\n" LOAD_L_I LOAD_L_NEXT "COMPARE_OP >\n" LOAD_L_I LOAD_L_NEXT \
  "COMPARE_OP >=\nBUILD_TUPLE 6\nLIST_APPEND 1\nPOP_TOP\n"
/* "if i == K: <then>" as a branch: the trace records it not taken. */
#define IF_I_IS(k) "LOAD_FAST i\nLOAD_CONST " #k "\nCOMPARE_OP ==\nPOP_JUMP_IF_FALSE skip\n"
#define END_IF "skip:\n"
/* for b in range(3): a += b */
#define INNER_LOOP                                                                                            \
  "LOAD_GLOBAL range\nLOAD_CONST 3\nCALL 1\nGET_ITER\ninner:\nFOR_ITER inner_done\nSTORE_FAST b\nLOAD_FAST a\n" \
  "LOAD_FAST b\nBINARY_OP +\nSTORE_FAST a\nJUMP_BACKWARD inner\ninner_done:\n"

/* One program per uop that records it and runs without leaving the trace
 * but by its normal exits. */
static const UopCase recorded_cases[] = {
    {.uop = "NOP", .what = "a NOP in the loop", .body = "NOP\nLOAD_FAST i\nSTORE_FAST a\n"},
    {.uop = "POP_TOP", .what = "an expression statement", .body = "LOAD_FAST i\nPOP_TOP\n"},
    {.uop = "COPY", .what = "a = i * i by COPY", .body = "LOAD_FAST i\nCOPY 1\nBINARY_OP *\nSTORE_FAST a\n"},
    {.uop = "SWAP", .what = "a = i - 100 by SWAP",
     .body = "LOAD_CONST 100\nLOAD_FAST i\nSWAP 2\nBINARY_OP -\nSTORE_FAST a\n"},
    {.uop = "LOAD_CONST", .what = "constants of several kinds",
     .body = "LOAD_CONST 'k'\nLOAD_CONST 2.5\nLOAD_CONST (1, None)\nBUILD_TUPLE 3\nSTORE_FAST a\n"},
    {.uop = "LOAD_FAST", .what = "a = i", .body = "LOAD_FAST i\nSTORE_FAST a\n"},
    {.uop = "STORE_FAST", .what = "b = i + 1", .body = "LOAD_FAST i\nLOAD_CONST 1\nBINARY_OP +\nSTORE_FAST b\n"},
    {.uop = "DELETE_FAST", .what = "c bound then deleted",
     .body = "LOAD_FAST i\nSTORE_FAST c\nLOAD_FAST c\nSTORE_FAST a\nDELETE_FAST c\n"},
    {.uop = "LOAD_GLOBAL", .what = "an int global", .setup = "LOAD_CONST 7\nSTORE_GLOBAL g\n",
     .body = "LOAD_GLOBAL g\nLOAD_FAST i\nBINARY_OP +\nSTORE_FAST a\n"},
    {.uop = "LOAD_GLOBAL_BUILTIN", .what = "a = len", .body = "LOAD_GLOBAL len\nSTORE_FAST a\n"},
    {.uop = "LOAD_GLOBAL_FUNCTION", .what = "a = f", .setup = SETUP_F, .body = "LOAD_GLOBAL f\nSTORE_FAST a\n",
     .functions = FUNCS_F_G},
    {.uop = "STORE_GLOBAL", .what = "g = i", .body = "LOAD_FAST i\nSTORE_GLOBAL g\n",
     .finish = "LOAD_GLOBAL g\nRETURN_VALUE\n"},
    {.uop = "DELETE_GLOBAL", .what = "g bound, read, deleted",
     .body = "LOAD_FAST i\nSTORE_GLOBAL g\nLOAD_GLOBAL g\nSTORE_FAST a\nDELETE_GLOBAL g\n"},
    {.uop = "CHECK_VALIDITY", .what = "g = i; a = g",
     .body = "LOAD_FAST i\nSTORE_GLOBAL g\nLOAD_GLOBAL g\nSTORE_FAST a\n"},
    {.uop = "MAKE_FUNCTION", .what = "a = a new function", .body = "MAKE_FUNCTION f\nSTORE_FAST a\n",
     .functions = FUNCS_F_G},
    {.uop = "UNARY_OP", .what = "~i and +i", .body = "LOAD_FAST i\nUNARY_INVERT\nUNARY_POSITIVE\nSTORE_FAST a\n"},
    {.uop = "UNARY_NEGATIVE_INT", .what = "-i", .body = "LOAD_FAST i\nUNARY_NEGATIVE\nSTORE_FAST a\n"},
    {.uop = "UNARY_NOT_BOOL", .what = "b = not b", .setup = "LOAD_CONST True\nSTORE_FAST b\n",
     .body = "LOAD_FAST b\nUNARY_NOT\nSTORE_FAST b\n"},
    {.uop = "GUARD_BOTH_INT", .what = "a = a + i", .setup = "LOAD_CONST 0\nSTORE_FAST a\n",
     .body = "LOAD_FAST a\nLOAD_FAST i\nBINARY_OP +\nSTORE_FAST a\n"},
    {.uop = "GUARD_BOTH_FLOAT", .what = "a = a + 0.25", .setup = "LOAD_CONST 0.5\nSTORE_FAST a\n",
     .body = "LOAD_FAST a\nLOAD_CONST 0.25\nBINARY_OP +\nSTORE_FAST a\n"},
    {.uop = "BINARY_OP_ADD_INT", .what = "a += i", .setup = "LOAD_CONST 0\nSTORE_FAST a\n",
     .body = "LOAD_FAST a\nLOAD_FAST i\nBINARY_OP +=\nSTORE_FAST a\n"},
    {.uop = "BINARY_OP_SUBTRACT_INT", .what = "a = a - i", .setup = "LOAD_CONST 0\nSTORE_FAST a\n",
     .body = "LOAD_FAST a\nLOAD_FAST i\nBINARY_OP -\nSTORE_FAST a\n"},
    {.uop = "BINARY_OP_MULTIPLY_INT", .what = "a = i * i",
     .body = "LOAD_FAST i\nLOAD_FAST i\nBINARY_OP *=\nSTORE_FAST a\n"},
    {.uop = "BINARY_OP_ADD_FLOAT", .what = "a = a + 0.25", .setup = "LOAD_CONST 0.5\nSTORE_FAST a\n",
     .body = "LOAD_FAST a\nLOAD_CONST 0.25\nBINARY_OP +\nSTORE_FAST a\n"},
    {.uop = "BINARY_OP_SUBTRACT_FLOAT", .what = "a -= 0.125", .setup = "LOAD_CONST 0.5\nSTORE_FAST a\n",
     .body = "LOAD_FAST a\nLOAD_CONST 0.125\nBINARY_OP -=\nSTORE_FAST a\n"},
    {.uop = "BINARY_OP_MULTIPLY_FLOAT", .what = "a = a * 1.5", .setup = "LOAD_CONST 0.5\nSTORE_FAST a\n",
     .body = "LOAD_FAST a\nLOAD_CONST 1.5\nBINARY_OP *\nSTORE_FAST a\n"},
    {.uop = "BINARY_OP_TRUEDIV_FLOAT", .what = "a = a / 3.0", .setup = "LOAD_CONST 0.5\nSTORE_FAST a\n",
     .body = "LOAD_FAST a\nLOAD_CONST 3.0\nBINARY_OP /\nSTORE_FAST a\n"},
    {.uop = "BINARY_OP", .what = "a = i // 3", .body = "LOAD_FAST i\nLOAD_CONST 3\nBINARY_OP //\nSTORE_FAST a\n"},
    {.uop = "COMPARE_OP_INT", .what = "a = i < 5", .body = "LOAD_FAST i\nLOAD_CONST 5\nCOMPARE_OP <\nSTORE_FAST a\n"},
    {.uop = "COMPARE_OP_FLOAT", .what = "b = a >= 2.5", .setup = "LOAD_CONST 1.5\nSTORE_FAST a\n",
     .body = "LOAD_FAST a\nLOAD_CONST 2.5\nCOMPARE_OP >=\nSTORE_FAST b\n"},
    {.uop = "COMPARE_OP", .what = "a = i <= 4.5 (int and float)",
     .body = "LOAD_FAST i\nLOAD_CONST 4.5\nCOMPARE_OP <=\nSTORE_FAST a\n"},
    {.uop = "IS_OP", .what = "b = a is not None",
     .body = "LOAD_FAST a\nLOAD_CONST None\nIS_OP 1\nSTORE_FAST b\nLOAD_FAST i\nSTORE_FAST a\n"},
    {.uop = "CONTAINS_OP", .what = "a = i in [1, 3, 5]",
     .setup = "LOAD_CONST 1\nLOAD_CONST 3\nLOAD_CONST 5\nBUILD_LIST 3\nSTORE_FAST L\n",
     .body = "LOAD_FAST i\nLOAD_FAST L\nCONTAINS_OP 0\nSTORE_FAST a\n"},
    {.uop = "BINARY_SUBSCR_LIST_INT", .what = "a = L[i]", .setup = SETUP_L_RANGE12, .body = LOAD_L_I "STORE_FAST a\n"},
    {.uop = "BINARY_SUBSCR_LIST_INT", .what = "a = [str(i), 'x'][-2] from a temporary list",
     .body = "LOAD_GLOBAL str\nLOAD_FAST i\nCALL 1\nLOAD_CONST 'x'\nBUILD_LIST 2\nLOAD_CONST -2\nBINARY_SUBSCR\n"
             "STORE_FAST a\n"},
    {.uop = "STORE_SUBSCR_LIST_INT", .what = "[0, 0][1] = str(i) on a temporary list",
     .body = "LOAD_GLOBAL str\nLOAD_FAST i\nCALL 1\nLOAD_CONST 0\nLOAD_CONST 0\nBUILD_LIST 2\nLOAD_CONST 1\n"
             "STORE_SUBSCR\n"},
    {.uop = "COMPARE_OP_INT", .what = "all six comparisons at the int64 extremes",
     .setup = "LOAD_CONST -9223372036854775808\nLOAD_CONST 9223372036854775807\nLOAD_CONST 0\nLOAD_CONST -1\n"
              "LOAD_CONST 9223372036854775807\nLOAD_CONST -9223372036854775808\nLOAD_CONST 5\nLOAD_CONST 5\n"
              "BUILD_LIST 8\nSTORE_FAST L\nBUILD_LIST 0\nSTORE_FAST c\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 7\nCALL 1\n", .body = CMP6_L_I_NEXT,
     .finish = "LOAD_FAST c\nRETURN_VALUE\n"},
    {.uop = "COMPARE_OP_FLOAT", .what = "all six comparisons with NaN, -0.0, 0.0 and infinities",
     .setup = "LOAD_CONST nan\nLOAD_CONST 1.0\nLOAD_CONST -0.0\nLOAD_CONST 0.0\nLOAD_CONST inf\nLOAD_CONST -inf\n"
              "LOAD_CONST nan\nLOAD_CONST nan\nLOAD_CONST 1e+308\nLOAD_CONST inf\nLOAD_CONST -0.0\nLOAD_CONST -0.0\n"
              "BUILD_LIST 12\nSTORE_FAST L\nBUILD_LIST 0\nSTORE_FAST c\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 11\nCALL 1\n", .body = CMP6_L_I_NEXT,
     .finish = "LOAD_FAST c\nRETURN_VALUE\n"},
    {.uop = "BINARY_OP_ADD_FLOAT", .what = "+, -, *, / over NaN, -0.0 and infinities",
     .setup = "LOAD_CONST nan\nLOAD_CONST 1.0\nLOAD_CONST -0.0\nLOAD_CONST 0.5\nLOAD_CONST inf\nLOAD_CONST -inf\n"
              "LOAD_CONST inf\nLOAD_CONST 1e+308\nLOAD_CONST 1e+308\nLOAD_CONST -0.0\nLOAD_CONST 3.0\nLOAD_CONST -2.5\n"
              "BUILD_LIST 12\nSTORE_FAST L\nBUILD_LIST 0\nSTORE_FAST c\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 11\nCALL 1\n",
     .body = "LOAD_FAST c\n" LOAD_L_I LOAD_L_NEXT "BINARY_OP +\n" LOAD_L_I LOAD_L_NEXT "BINARY_OP -\n"
             LOAD_L_I LOAD_L_NEXT "BINARY_OP *\n" LOAD_L_I "LOAD_CONST 4.0\nBINARY_OP /\nBUILD_TUPLE 4\n"
             "LIST_APPEND 1\nPOP_TOP\n",
     .finish = "LOAD_FAST c\nRETURN_VALUE\n"},
    {.uop = "BINARY_SUBSCR", .what = "a = 'abc...'[i]",
     .body = "LOAD_CONST 'abcdefghijkl'\nLOAD_FAST i\nBINARY_SUBSCR\nSTORE_FAST a\n"},
    {.uop = "STORE_SUBSCR_LIST_INT", .what = "L[i] = i",
     .setup = "LOAD_CONST 0\nBUILD_LIST 1\nLOAD_CONST 12\nBINARY_OP *\nSTORE_FAST L\n",
     .body = "LOAD_FAST i\nLOAD_FAST L\nLOAD_FAST i\nSTORE_SUBSCR\n", .finish = RETURN_L},
    {.uop = "STORE_SUBSCR", .what = "d[i] = i", .setup = "BUILD_MAP 0\nSTORE_FAST L\n",
     .body = "LOAD_FAST i\nLOAD_FAST L\nLOAD_FAST i\nSTORE_SUBSCR\n", .finish = RETURN_L},
    {.uop = "DELETE_SUBSCR", .what = "del L[0]",
     .setup = "LOAD_GLOBAL list\nLOAD_GLOBAL range\nLOAD_CONST 20\nCALL 1\nCALL 1\nSTORE_FAST L\n",
     .body = "LOAD_FAST L\nLOAD_CONST 0\nDELETE_SUBSCR\n", .finish = RETURN_L},
    {.uop = "BINARY_SLICE", .what = "a = s[i:-1]",
     .body = "LOAD_CONST 'abcdefghijkl'\nLOAD_FAST i\nLOAD_CONST -1\nLOAD_CONST None\nBINARY_SLICE\nSTORE_FAST a\n"},
    {.uop = "BUILD_LIST", .what = "a = [i, a]", .body = "LOAD_FAST i\nLOAD_FAST a\nBUILD_LIST 2\nSTORE_FAST a\n"},
    {.uop = "BUILD_TUPLE", .what = "a = (i, 'x')",
     .body = "LOAD_FAST i\nLOAD_CONST 'x'\nBUILD_TUPLE 2\nSTORE_FAST a\n"},
    {.uop = "BUILD_MAP", .what = "a = {i: 'v', 'k': i}",
     .body = "LOAD_FAST i\nLOAD_CONST 'v'\nLOAD_CONST 'k'\nLOAD_FAST i\nBUILD_MAP 2\nSTORE_FAST a\n"},
    {.uop = "LIST_APPEND", .what = "LIST_APPEND i to L", .setup = SETUP_L_EMPTY,
     .body = "LOAD_FAST L\nLOAD_FAST i\nLIST_APPEND 1\nPOP_TOP\n", .finish = RETURN_L},
    {.uop = "UNPACK_SEQUENCE", .what = "a, b = i, 'u'",
     .body = "LOAD_FAST i\nLOAD_CONST 'u'\nBUILD_TUPLE 2\nUNPACK_SEQUENCE 2\nSTORE_FAST a\nSTORE_FAST b\n"},
    {.uop = "GET_ITER", .what = "iter('abc')", .body = "LOAD_CONST 'abc'\nGET_ITER\nPOP_TOP\n"},
    {.uop = "FOR_ITER", .what = "for over a list",
     .iterable = "LOAD_CONST 1\nLOAD_CONST 'two'\nLOAD_CONST 3.0\nLOAD_CONST None\nLOAD_CONST 5\nLOAD_CONST (6,)\n"
                 "LOAD_CONST True\nLOAD_CONST -8\nBUILD_LIST 8\n",
     .body = "LOAD_FAST i\nSTORE_FAST a\n"},
    {.uop = "FOR_ITER_RANGE", .what = "for over a range", .body = "LOAD_FAST i\nSTORE_FAST a\n"},
    {.uop = "GUARD_IS_TRUE_POP", .what = "if i < 100: a += 1", .setup = "LOAD_CONST 0\nSTORE_FAST a\n",
     .body = "LOAD_FAST i\nLOAD_CONST 100\nCOMPARE_OP <\nPOP_JUMP_IF_FALSE skip\n"
             "LOAD_FAST a\nLOAD_CONST 1\nBINARY_OP +\nSTORE_FAST a\n" END_IF},
    {.uop = "GUARD_IS_FALSE_POP", .what = "if i > 100: b = 'big'",
     .body = "LOAD_FAST i\nLOAD_CONST 100\nCOMPARE_OP >\nPOP_JUMP_IF_FALSE skip\nLOAD_CONST 'big'\nSTORE_FAST b\n"
             END_IF},
    {.uop = "CALL_BUILTIN", .what = "a = abs(-i)",
     .body = "LOAD_GLOBAL abs\nLOAD_FAST i\nUNARY_NEGATIVE\nCALL 1\nSTORE_FAST a\n"},
    {.uop = "CALL_KW_BUILTIN", .what = "print(i, end=';')",
     .body = "LOAD_GLOBAL print\nLOAD_FAST i\nLOAD_CONST ';'\nLOAD_CONST ('end',)\nCALL_KW 2\nPOP_TOP\n"},
    {.uop = "LOAD_METHOD", .what = "L.append(i)", .setup = SETUP_L_EMPTY,
     .body = "LOAD_FAST L\nLOAD_METHOD append\nLOAD_FAST i\nCALL 2\nPOP_TOP\n", .finish = RETURN_L},
    {.uop = "CHECK_EXC_MATCH", .what = "isinstance-like match of a ValueError",
     .setup = "LOAD_GLOBAL ValueError\nLOAD_CONST 'x'\nCALL 1\nSTORE_FAST c\n",
     .body = "LOAD_FAST c\nLOAD_GLOBAL ValueError\nCHECK_EXC_MATCH\nSTORE_FAST a\nPOP_TOP\n"},
    {.uop = "JUMP_TO_TOP", .what = "a closed loop", .body = "LOAD_FAST i\nSTORE_FAST a\n"},
    {.uop = "CHECKPOINT", .what = "back-edge, call and return checkpoints", .setup = SETUP_F,
     .body = "LOAD_GLOBAL f\nLOAD_FAST i\nCALL 1\nSTORE_FAST a\n", .functions = FUNCS_F_G, .lockstep_only = true},
    {.uop = "EXIT_TRACE", .what = "an inner loop ends the outer trace", .setup = "LOAD_CONST 0\nSTORE_FAST a\n",
     .body = INNER_LOOP},
    {.uop = "CHECK_FUNCTION", .what = "a = f(i), followed into f", .setup = SETUP_F,
     .body = "LOAD_GLOBAL f\nLOAD_FAST i\nCALL 1\nSTORE_FAST a\n", .functions = FUNCS_F_G},
    {.uop = "PUSH_FRAME", .what = "a = f(i), followed into f", .setup = SETUP_F,
     .body = "LOAD_GLOBAL f\nLOAD_FAST i\nCALL 1\nSTORE_FAST a\n", .functions = FUNCS_F_G},
    {.uop = "POP_FRAME", .what = "a = f(i), followed into f", .setup = SETUP_F,
     .body = "LOAD_GLOBAL f\nLOAD_FAST i\nCALL 1\nSTORE_FAST a\n", .functions = FUNCS_F_G},
};

/* Programs whose guard fails while the trace runs. */
static const UopCase failing_cases[] = {
    {.uop = "LOAD_FAST", .what = "c deleted at i == 6, then read in the trace", .expect = EXPECT_DEOPT,
     .setup = "LOAD_CONST 0\nSTORE_FAST c\n",
     .body = "LOAD_FAST c\nSTORE_FAST a\n" IF_I_IS(6) "DELETE_FAST c\n" END_IF, .catch_errors = true},
    {.uop = "DELETE_FAST", .what = "c not rebound at i == 6, then deleted in the trace", .expect = EXPECT_DEOPT,
     .setup = "LOAD_CONST 0\nSTORE_FAST c\n",
     .body = "DELETE_FAST c\nLOAD_FAST i\nLOAD_CONST 6\nCOMPARE_OP ==\nPOP_JUMP_IF_TRUE skip\nLOAD_FAST i\n"
             "STORE_FAST c\n" END_IF,
     .catch_errors = true},
    {.uop = "CHECK_VALIDITY", .what = "f rebound by the trace, then called", .expect = EXPECT_DEOPT,
     .setup = SETUP_F "MAKE_FUNCTION g\nSTORE_GLOBAL g\n" SETUP_L_EMPTY,
     .body = "LOAD_GLOBAL g\nSTORE_GLOBAL f\nLOAD_FAST L\nLOAD_GLOBAL f\nLOAD_FAST i\nCALL 1\nLIST_APPEND 1\nPOP_TOP\n",
     .finish = RETURN_L, .functions = FUNCS_F_G},
    {.uop = "CHECK_VALIDITY", .what = "len shadowed by a new function each time, then called", .expect = EXPECT_DEOPT,
     .body = "MAKE_FUNCTION f\nSTORE_GLOBAL len\nLOAD_GLOBAL len\nLOAD_FAST i\nCALL 1\nSTORE_FAST a\n",
     .functions = FUNCS_F_G},
    {.uop = "UNARY_NEGATIVE_INT", .what = "-L[i] with a float at i == 5", .expect = EXPECT_DEOPT,
     .setup = "LOAD_CONST 1\nLOAD_CONST 2\nLOAD_CONST 3\nLOAD_CONST 4\nLOAD_CONST 5\nLOAD_CONST 5.5\nLOAD_CONST 7\n"
              "LOAD_CONST True\nBUILD_LIST 8\nSTORE_FAST L\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 8\nCALL 1\n", .body = LOAD_L_I "UNARY_NEGATIVE\nSTORE_FAST a\n"},
    {.uop = "UNARY_NEGATIVE_INT", .what = "-(-2**63) overflows", .expect = EXPECT_DEOPT,
     .setup = "LOAD_CONST 1\nLOAD_CONST 2\nLOAD_CONST 3\nLOAD_CONST 4\nLOAD_CONST -9223372036854775808\nLOAD_CONST 6\n"
              "BUILD_LIST 6\nSTORE_FAST L\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 6\nCALL 1\n", .body = LOAD_L_I "UNARY_NEGATIVE\nSTORE_FAST a\n",
     .catch_errors = true},
    {.uop = "UNARY_NOT_BOOL", .what = "not L[i] with ints and a str later", .expect = EXPECT_DEOPT,
     .setup = "LOAD_CONST True\nLOAD_CONST False\nLOAD_CONST True\nLOAD_CONST False\nLOAD_CONST 0\nLOAD_CONST 1\n"
              "LOAD_CONST ''\nLOAD_CONST False\nBUILD_LIST 8\nSTORE_FAST L\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 8\nCALL 1\n", .body = LOAD_L_I "UNARY_NOT\nSTORE_FAST a\n"},
    {.uop = "GUARD_BOTH_INT", .what = "a + L[i], an int turns float", .expect = EXPECT_DEOPT,
     .setup = "LOAD_CONST 0\nSTORE_FAST a\nLOAD_CONST 1\nLOAD_CONST 2\nLOAD_CONST 3\nLOAD_CONST 4\nLOAD_CONST 5.5\n"
              "LOAD_CONST 6\nLOAD_CONST 7\nBUILD_LIST 7\nSTORE_FAST L\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 7\nCALL 1\n",
     .body = "LOAD_FAST a\n" LOAD_L_I "BINARY_OP +\nSTORE_FAST a\n"},
    {.uop = "GUARD_BOTH_INT", .what = "a + L[i], an int turns bool", .expect = EXPECT_DEOPT,
     .setup = "LOAD_CONST 0\nSTORE_FAST a\nLOAD_CONST 1\nLOAD_CONST 2\nLOAD_CONST 3\nLOAD_CONST 4\nLOAD_CONST True\n"
              "LOAD_CONST 6\nLOAD_CONST False\nBUILD_LIST 7\nSTORE_FAST L\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 7\nCALL 1\n",
     .body = "LOAD_FAST a\n" LOAD_L_I "BINARY_OP +\nSTORE_FAST a\nLOAD_FAST i\n" LOAD_L_I "COMPARE_OP <\n"
             "STORE_FAST b\n"},
    {.uop = "GUARD_BOTH_FLOAT", .what = "a * L[i], a float turns int", .expect = EXPECT_DEOPT,
     .setup = "LOAD_CONST 1.0\nSTORE_FAST a\nLOAD_CONST 0.5\nLOAD_CONST 1.5\nLOAD_CONST 2.5\nLOAD_CONST 3.5\n"
              "LOAD_CONST 4\n"
              "LOAD_CONST 5.5\nBUILD_LIST 6\nSTORE_FAST L\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 6\nCALL 1\n",
     .body = "LOAD_FAST a\n" LOAD_L_I "BINARY_OP *\nSTORE_FAST a\n"},
    {.uop = "BINARY_OP_ADD_INT", .what = "9223372036854775800 + i overflows at i == 8", .expect = EXPECT_DEOPT,
     .body = "LOAD_CONST 9223372036854775800\nLOAD_FAST i\nBINARY_OP +\nSTORE_FAST a\n"},
    {.uop = "BINARY_OP_ADD_INT", .what = "the same overflow, caught, loop goes on", .expect = EXPECT_DEOPT, .min = 4,
     .body = "LOAD_CONST 9223372036854775800\nLOAD_FAST i\nBINARY_OP +\nSTORE_FAST a\n", .catch_errors = true},
    {.uop = "BINARY_OP_SUBTRACT_INT", .what = "-9223372036854775800 - i overflows", .expect = EXPECT_DEOPT, .min = 3,
     .body = "LOAD_CONST -9223372036854775800\nLOAD_FAST i\nBINARY_OP -\nSTORE_FAST a\n", .catch_errors = true},
    {.uop = "BINARY_OP_MULTIPLY_INT", .what = "i * 2**60 overflows at i == 8", .expect = EXPECT_DEOPT, .min = 4,
     .body = "LOAD_FAST i\nLOAD_CONST 1152921504606846976\nBINARY_OP *\nSTORE_FAST a\n", .catch_errors = true},
    {.uop = "BINARY_OP_TRUEDIV_FLOAT", .what = "1.0 / L[i] with 0.0 and -0.0 later", .expect = EXPECT_DEOPT, .min = 2,
     .setup = "LOAD_CONST 1.0\nLOAD_CONST 2.0\nLOAD_CONST 4.0\nLOAD_CONST 8.0\nLOAD_CONST 0.0\nLOAD_CONST 0.5\n"
              "LOAD_CONST -0.0\nLOAD_CONST -2.0\nBUILD_LIST 8\nSTORE_FAST L\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 8\nCALL 1\n",
     .body = "LOAD_CONST 1.0\n" LOAD_L_I "BINARY_OP /\nSTORE_FAST a\n", .catch_errors = true},
    {.uop = "BINARY_SUBSCR_LIST_INT", .what = "L[i] past the end of a 10-item list", .expect = EXPECT_DEOPT, .min = 2,
     .setup = "LOAD_GLOBAL list\nLOAD_GLOBAL range\nLOAD_CONST 10\nCALL 1\nCALL 1\nSTORE_FAST L\n",
     .body = LOAD_L_I "STORE_FAST a\n", .catch_errors = true},
    {.uop = "BINARY_SUBSCR_LIST_INT", .what = "L[5 - i]: negative indices, then out of range", .expect = EXPECT_DEOPT,
     .setup = "LOAD_GLOBAL list\nLOAD_GLOBAL range\nLOAD_CONST 6\nCALL 1\nCALL 1\nSTORE_FAST L\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 14\nCALL 1\n",
     .body = "LOAD_FAST L\nLOAD_CONST 5\nLOAD_FAST i\nBINARY_OP -\nBINARY_SUBSCR\nSTORE_FAST a\n",
     .catch_errors = true},
    {.uop = "BINARY_SUBSCR_LIST_INT", .what = "M[i][0]: a list turns tuple, then str", .expect = EXPECT_DEOPT,
     .setup = "LOAD_CONST 1\nBUILD_LIST 1\nLOAD_CONST 2\nBUILD_LIST 1\nLOAD_CONST 3\nBUILD_LIST 1\nLOAD_CONST 4\n"
              "BUILD_LIST 1\nLOAD_CONST (5,)\nLOAD_CONST 'six'\nBUILD_LIST 6\nSTORE_FAST L\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 6\nCALL 1\n",
     .body = LOAD_L_I "LOAD_CONST 0\nBINARY_SUBSCR\nSTORE_FAST a\n"},
    {.uop = "BINARY_SUBSCR_LIST_INT", .what = "L[c[i]] with bool indices later", .expect = EXPECT_DEOPT, .min = 2,
     .setup = "LOAD_CONST 'p'\nLOAD_CONST 'q'\nLOAD_CONST 'r'\nBUILD_LIST 3\nSTORE_FAST L\nLOAD_CONST 0\nLOAD_CONST 1\n"
              "LOAD_CONST 2\nLOAD_CONST -1\nLOAD_CONST True\nLOAD_CONST False\nLOAD_CONST 2\nBUILD_LIST 7\n"
              "STORE_FAST c\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 7\nCALL 1\n",
     .body = "LOAD_FAST L\nLOAD_FAST c\nLOAD_FAST i\nBINARY_SUBSCR\nBINARY_SUBSCR\nSTORE_FAST a\n"},
    {.uop = "STORE_SUBSCR_LIST_INT", .what = "L[i] = i past the end", .expect = EXPECT_DEOPT, .min = 2,
     .setup = "LOAD_CONST 0\nBUILD_LIST 1\nLOAD_CONST 10\nBINARY_OP *\nSTORE_FAST L\n",
     .body = "LOAD_FAST i\nLOAD_FAST L\nLOAD_FAST i\nSTORE_SUBSCR\n", .finish = RETURN_L, .catch_errors = true},
    {.uop = "STORE_SUBSCR_LIST_INT", .what = "L[c[i]] = [i]: negative indices, then out of range, then a float",
     .expect = EXPECT_DEOPT, .min = 2,
     .setup = "LOAD_CONST 0\nBUILD_LIST 1\nLOAD_CONST 4\nBINARY_OP *\nSTORE_FAST L\nLOAD_CONST -1\nLOAD_CONST -2\n"
              "LOAD_CONST -3\nLOAD_CONST -4\nLOAD_CONST 0\nLOAD_CONST -5\nLOAD_CONST 2.0\nLOAD_CONST 3\nBUILD_LIST 8\n"
              "STORE_FAST c\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 8\nCALL 1\n",
     .body = "LOAD_FAST i\nBUILD_LIST 1\nLOAD_FAST L\nLOAD_FAST c\nLOAD_FAST i\nBINARY_SUBSCR\nSTORE_SUBSCR\n",
     .finish = RETURN_L, .catch_errors = true},
    {.uop = "FOR_ITER", .what = "a list loop ends in the trace", .expect = EXPECT_SIDE_EXIT,
     .iterable = "LOAD_CONST 'a'\nLOAD_CONST 'b'\nLOAD_CONST 'c'\nLOAD_CONST 'd'\nLOAD_CONST 'e'\nBUILD_LIST 5\n",
     .body = "LOAD_FAST i\nSTORE_FAST a\n"},
    {.uop = "FOR_ITER", .what = "a str loop over and over (inner loop exits each time)", .expect = EXPECT_SIDE_EXIT,
     .min = 4,
     .setup = "LOAD_CONST ''\nSTORE_FAST b\nLOAD_GLOBAL range\nLOAD_CONST 6\nCALL 1\nGET_ITER\nouter:\n"
              "FOR_ITER outer_done\n"
              "STORE_FAST c\n",
     .iterable = "LOAD_CONST 'xyz'\n", .body = "LOAD_FAST b\nLOAD_FAST i\nBINARY_OP +\nSTORE_FAST b\n",
     .finish = "JUMP_BACKWARD outer\nouter_done:\nLOAD_FAST b\nRETURN_VALUE\n"},
    {.uop = "FOR_ITER_RANGE", .what = "a range loop ends in the trace", .expect = EXPECT_SIDE_EXIT,
     .body = "LOAD_FAST i\nSTORE_FAST a\n"},
    {.uop = "FOR_ITER_RANGE", .what = "the inner loop iterates a list after a range", .expect = EXPECT_DEOPT,
     .setup = "LOAD_CONST 0\nSTORE_FAST b\nLOAD_GLOBAL range\nLOAD_CONST 4\nCALL 1\nLOAD_CONST 1\nLOAD_CONST 2\n"
              "LOAD_CONST 3\nBUILD_LIST 3\nLOAD_GLOBAL range\nLOAD_CONST 2\nLOAD_CONST 5\nCALL 2\n"
              "LOAD_CONST (7, 8, 9)\n"
              "BUILD_LIST 4\nGET_ITER\nouter:\nFOR_ITER outer_done\nSTORE_FAST c\n",
     .iterable = "LOAD_FAST c\n", .body = "LOAD_FAST b\nLOAD_FAST i\nBINARY_OP +\nSTORE_FAST b\n",
     .finish = "JUMP_BACKWARD outer\nouter_done:\nLOAD_FAST b\nRETURN_VALUE\n"},
    {.uop = "GUARD_IS_TRUE_POP", .what = "if i < 6 flips", .expect = EXPECT_SIDE_EXIT, .min = 3,
     .setup = "LOAD_CONST 0\nSTORE_FAST a\nLOAD_CONST 0\nSTORE_FAST b\n",
     .body = "LOAD_FAST i\nLOAD_CONST 6\nCOMPARE_OP <\nPOP_JUMP_IF_FALSE other\nLOAD_FAST a\nLOAD_CONST 1\n"
             "BINARY_OP +\n"
             "STORE_FAST a\nJUMP_FORWARD skip\nother:\nLOAD_FAST b\nLOAD_FAST i\nBINARY_OP +\nSTORE_FAST b\n" END_IF},
    {.uop = "GUARD_IS_FALSE_POP", .what = "if L[i] flips on a truthy item", .expect = EXPECT_SIDE_EXIT, .min = 3,
     .setup = "LOAD_CONST 0\nSTORE_FAST a\nLOAD_CONST 0\nLOAD_CONST ''\nLOAD_CONST None\nLOAD_CONST 0.0\n"
              "LOAD_CONST 'x'\n"
              "LOAD_CONST ()\nLOAD_CONST 3\nLOAD_CONST False\nBUILD_LIST 0\nLOAD_CONST -1\nBUILD_LIST 10\n"
              "STORE_FAST L\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 10\nCALL 1\n",
     .body = LOAD_L_I "POP_JUMP_IF_FALSE skip\nLOAD_FAST a\nLOAD_FAST i\nBINARY_OP +\nSTORE_FAST a\n" END_IF},
    {.uop = "CALL_BUILTIN", .what = "the callee g = abs becomes a function at i == 5", .expect = EXPECT_DEOPT,
     .setup = "LOAD_GLOBAL abs\nSTORE_GLOBAL h\n" SETUP_L_EMPTY,
     .body = "LOAD_FAST L\nLOAD_GLOBAL h\nLOAD_FAST i\nUNARY_NEGATIVE\nCALL 1\nLIST_APPEND 1\nPOP_TOP\n" IF_I_IS(5)
             "MAKE_FUNCTION g\nSTORE_GLOBAL h\n" END_IF,
     .finish = RETURN_L, .functions = FUNCS_F_G},
    {.uop = "CALL_BUILTIN", .what = "fuel runs out at the call", .expect = EXPECT_DEOPT,
     .body = "LOAD_GLOBAL abs\nLOAD_FAST i\nCALL 1\nSTORE_FAST a\n", .fuel = 1 + 2 * 7},
    {.uop = "CALL_BUILTIN", .what = "fuel runs out inside sum(range(i))", .expect = EXPECT_ERROR,
     .body = "LOAD_GLOBAL sum\nLOAD_GLOBAL range\nLOAD_FAST i\nCALL 1\nCALL 1\nSTORE_FAST a\n", .fuel = 56},
    {.uop = "CALL_KW_BUILTIN", .what = "the callee p = print becomes a function at i == 5", .expect = EXPECT_DEOPT,
     .setup = "LOAD_GLOBAL print\nSTORE_GLOBAL p\n",
     .body = "LOAD_GLOBAL p\nLOAD_FAST i\nLOAD_CONST ';'\nLOAD_CONST ('end',)\nCALL_KW 2\nPOP_TOP\n" IF_I_IS(5)
             "MAKE_FUNCTION g\nSTORE_GLOBAL p\n" END_IF,
     .functions = FUNCS_F_G, .catch_errors = true},
    {.uop = "CALL_KW_BUILTIN", .what = "fuel runs out at the call", .expect = EXPECT_DEOPT,
     .body = "LOAD_GLOBAL print\nLOAD_FAST i\nLOAD_CONST ';'\nLOAD_CONST ('end',)\nCALL_KW 2\nPOP_TOP\n",
     .fuel = 1 + 2 * 6},
    {.uop = "JUMP_TO_TOP", .what = "fuel runs out at the back-edge", .expect = EXPECT_DEOPT,
     .body = "LOAD_FAST i\nSTORE_FAST a\n", .fuel = 1 + 7},
    {.uop = "JUMP_TO_TOP", .what = "fuel runs out at the back-edge after a call", .expect = EXPECT_DEOPT,
     .body = "LOAD_GLOBAL abs\nLOAD_FAST i\nCALL 1\nSTORE_FAST a\n", .fuel = 1 + 2 * 7 + 1},
    {.uop = "EXIT_TRACE", .what = "every iteration leaves at a raise (caught)", .expect = EXPECT_SIDE_EXIT, .min = 5,
     .body = "LOAD_FAST i\nSTORE_FAST a\nLOAD_GLOBAL ValueError\nLOAD_FAST i\nCALL 1\nRAISE\n", .catch_errors = true},
    {.uop = "EXIT_TRACE", .what = "an inner loop ends the outer trace", .expect = EXPECT_SIDE_EXIT, .min = 5,
     .setup = "LOAD_CONST 0\nSTORE_FAST a\n", .body = INNER_LOOP},
    {.uop = "CHECK_FUNCTION", .what = "L[i](i) where L holds f, then g and abs", .expect = EXPECT_DEOPT, .min = 2,
     .setup = "MAKE_FUNCTION f\nMAKE_FUNCTION f\nMAKE_FUNCTION f\nMAKE_FUNCTION f\nMAKE_FUNCTION g\nMAKE_FUNCTION f\n"
              "LOAD_GLOBAL abs\nMAKE_FUNCTION f\nBUILD_LIST 8\nSTORE_FAST L\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 8\nCALL 1\n",
     .body = LOAD_L_I "LOAD_FAST i\nUNARY_NEGATIVE\nCALL 1\nSTORE_FAST a\n", .functions = FUNCS_F_G},
    {.uop = "PUSH_FRAME", .what = "fuel runs out at the followed call", .expect = EXPECT_DEOPT, .setup = SETUP_F,
     .body = "LOAD_GLOBAL f\nLOAD_FAST i\nCALL 1\nSTORE_FAST a\n", .functions = FUNCS_F_G, .fuel = 1 + 2 * 7},
    {.uop = "PUSH_FRAME", .what = "recursion through traces hits the depth limit", .expect = EXPECT_DEOPT,
     .setup = "MAKE_FUNCTION down\nSTORE_GLOBAL down\n",
     .body = "LOAD_GLOBAL down\nLOAD_CONST 0\nCALL 1\nSTORE_FAST a\n", .catch_errors = true,
     .functions = ".function down\n.arity 1\n.locals n i\n  LOAD_GLOBAL range\n  LOAD_CONST 3\n  CALL 1\n  GET_ITER\n"
                  "loop:\n  FOR_ITER end\n  STORE_FAST i\n  LOAD_FAST i\n  LOAD_CONST 1\n  COMPARE_OP ==\n"
                  "  POP_JUMP_IF_FALSE next\n  LOAD_GLOBAL down\n  LOAD_FAST n\n  LOAD_CONST 1\n  BINARY_OP +\n"
                  "  CALL 1\n  STORE_FAST n\nnext:\n  JUMP_BACKWARD loop\nend:\n  LOAD_FAST n\n  RETURN_VALUE\n.end\n"},
};

/* Programs whose error-raising instruction raises inside the trace; a
 * handler in the same frame catches each exception and the loop goes on. */
static const UopCase error_cases[] = {
    {.uop = "LOAD_GLOBAL", .what = "g deleted by the trace, not rebound at i == 6", .expect = EXPECT_ERROR,
     .setup = "LOAD_CONST 0\nSTORE_GLOBAL g\n",
     .body = "LOAD_GLOBAL g\nSTORE_FAST a\nDELETE_GLOBAL g\nLOAD_FAST i\nLOAD_CONST 6\nCOMPARE_OP >=\n"
             "POP_JUMP_IF_TRUE skip\n"
             "LOAD_FAST i\nSTORE_GLOBAL g\n" END_IF},
    {.uop = "DELETE_GLOBAL", .what = "g not rebound at i == 6, deleted again", .expect = EXPECT_ERROR,
     .setup = "LOAD_CONST 0\nSTORE_GLOBAL g\n",
     .body = "DELETE_GLOBAL g\nLOAD_FAST i\nLOAD_CONST 6\nCOMPARE_OP ==\nPOP_JUMP_IF_TRUE skip\nLOAD_FAST i\n"
             "STORE_GLOBAL g\n" END_IF},
    {.uop = "UNARY_OP", .what = "~L[i] on a float", .expect = EXPECT_ERROR,
     .setup = "LOAD_CONST 1\nLOAD_CONST 2\nLOAD_CONST 3\nLOAD_CONST 4\nLOAD_CONST 5.0\nLOAD_CONST 6\nBUILD_LIST 6\n"
              "STORE_FAST L\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 6\nCALL 1\n", .body = LOAD_L_I "UNARY_INVERT\nSTORE_FAST a\n"},
    {.uop = "BINARY_OP", .what = "12 // (i - 6)", .expect = EXPECT_ERROR,
     .body = "LOAD_CONST 12\nLOAD_FAST i\nLOAD_CONST 6\nBINARY_OP -\nBINARY_OP //\nSTORE_FAST a\n"},
    {.uop = "BINARY_OP", .what = "i ** 40 overflows", .expect = EXPECT_ERROR, .min = 3,
     .body = "LOAD_FAST i\nLOAD_CONST 40\nBINARY_OP **\nSTORE_FAST a\n"},
    {.uop = "COMPARE_OP", .what = "L[i] < 3 on a str", .expect = EXPECT_ERROR,
     .setup = "LOAD_CONST 1.5\nLOAD_CONST 2.5\nLOAD_CONST 3.5\nLOAD_CONST 4\nLOAD_CONST 's'\nLOAD_CONST 6\n"
              "BUILD_LIST 6\nSTORE_FAST L\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 6\nCALL 1\n",
     .body = LOAD_L_I "LOAD_CONST 3\nCOMPARE_OP <\nSTORE_FAST a\n"},
    {.uop = "CONTAINS_OP", .what = "1 in L[i] on an int", .expect = EXPECT_ERROR,
     .setup = "LOAD_CONST (1,)\nLOAD_CONST 2\nBUILD_LIST 1\nLOAD_CONST ()\nLOAD_CONST (2, 1)\nLOAD_CONST 7\n"
              "LOAD_CONST (0,)\nBUILD_LIST 6\nSTORE_FAST L\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 6\nCALL 1\n",
     .body = "LOAD_CONST 1\n" LOAD_L_I "CONTAINS_OP 0\nSTORE_FAST a\n"},
    {.uop = "BINARY_SUBSCR", .what = "d[i] misses keys", .expect = EXPECT_ERROR, .min = 3,
     .setup = "LOAD_CONST 0\nLOAD_CONST 'a'\nLOAD_CONST 1\nLOAD_CONST 'b'\nLOAD_CONST 2\nLOAD_CONST 'c'\nLOAD_CONST 3\n"
              "LOAD_CONST 'd'\n"
              "LOAD_CONST 4\nLOAD_CONST 'e'\nBUILD_MAP 5\nSTORE_FAST L\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 8\nCALL 1\n", .body = LOAD_L_I "STORE_FAST a\n"},
    {.uop = "STORE_SUBSCR", .what = "d[L[i]] = i with an unhashable key", .expect = EXPECT_ERROR,
     .setup = "BUILD_MAP 0\nSTORE_FAST c\nLOAD_CONST 1\nLOAD_CONST 'b'\nLOAD_CONST 3.0\nLOAD_CONST (4,)\nBUILD_LIST 0\n"
              "LOAD_CONST 6\nBUILD_LIST 6\nSTORE_FAST L\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 6\nCALL 1\n",
     .body = "LOAD_FAST i\nLOAD_FAST c\n" LOAD_L_I "STORE_SUBSCR\n",
     .finish = "LOAD_FAST c\nRETURN_VALUE\n"},
    {.uop = "DELETE_SUBSCR", .what = "del d[i] misses keys", .expect = EXPECT_ERROR, .min = 3,
     .setup = "LOAD_CONST 0\nLOAD_CONST 'a'\nLOAD_CONST 1\nLOAD_CONST 'b'\nLOAD_CONST 2\nLOAD_CONST 'c'\nLOAD_CONST 3\n"
              "LOAD_CONST 'd'\n"
              "LOAD_CONST 4\nLOAD_CONST 'e'\nBUILD_MAP 5\nSTORE_FAST L\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 8\nCALL 1\n", .body = "LOAD_FAST L\nLOAD_FAST i\nDELETE_SUBSCR\n",
     .finish = RETURN_L},
    {.uop = "BINARY_SLICE", .what = "L[i][1:] on an int", .expect = EXPECT_ERROR,
     .setup = "LOAD_CONST 'abc'\nLOAD_CONST (1, 2)\nLOAD_CONST 'de'\nLOAD_CONST 'f'\nLOAD_CONST 5\nLOAD_CONST 'gh'\n"
              "BUILD_LIST 6\nSTORE_FAST L\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 6\nCALL 1\n",
     .body = LOAD_L_I "LOAD_CONST 1\nLOAD_CONST None\nLOAD_CONST None\nBINARY_SLICE\nSTORE_FAST a\n"},
    {.uop = "BUILD_MAP", .what = "{L[i]: i} with an unhashable key", .expect = EXPECT_ERROR,
     .setup = "LOAD_CONST 1\nLOAD_CONST 'b'\nLOAD_CONST 3.0\nLOAD_CONST (4,)\nBUILD_LIST 0\nLOAD_CONST 6\n"
              "BUILD_LIST 6\nSTORE_FAST L\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 6\nCALL 1\n",
     .body = LOAD_L_I "LOAD_FAST i\nBUILD_MAP 1\nSTORE_FAST a\n"},
    {.uop = "UNPACK_SEQUENCE", .what = "a, b = L[i] with a wrong length", .expect = EXPECT_ERROR,
     .setup = "LOAD_CONST (1, 2)\nLOAD_CONST 'ab'\nLOAD_CONST (3, 4)\nLOAD_CONST (5, 6)\nLOAD_CONST (7, 8, 9)\n"
              "LOAD_CONST 'c'\n"
              "BUILD_LIST 6\nSTORE_FAST L\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 6\nCALL 1\n",
     .body = LOAD_L_I "UNPACK_SEQUENCE 2\nSTORE_FAST a\nSTORE_FAST b\n"},
    {.uop = "GET_ITER", .what = "iter(L[i]) on a float", .expect = EXPECT_ERROR,
     .setup = "LOAD_CONST 'abc'\nLOAD_CONST (1, 2)\nLOAD_CONST 'de'\nLOAD_CONST 'f'\nLOAD_CONST 5.0\nLOAD_CONST 'gh'\n"
              "BUILD_LIST 6\nSTORE_FAST L\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 6\nCALL 1\n", .body = LOAD_L_I "GET_ITER\nPOP_TOP\n"},
    {.uop = "CALL_BUILTIN", .what = "int(L[i]) on a bad str", .expect = EXPECT_ERROR,
     .setup = "LOAD_CONST '1'\nLOAD_CONST '22'\nLOAD_CONST '-3'\nLOAD_CONST ' 4 '\nLOAD_CONST 'x5'\nLOAD_CONST '6'\n"
              "BUILD_LIST 6\nSTORE_FAST L\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 6\nCALL 1\n",
     .body = "LOAD_GLOBAL int\n" LOAD_L_I "CALL 1\nSTORE_FAST a\n"},
    {.uop = "CALL_KW_BUILTIN", .what = "print(sep=L[i]) with an int separator", .expect = EXPECT_ERROR,
     .setup = "LOAD_CONST ','\nLOAD_CONST '-'\nLOAD_CONST None\nLOAD_CONST ''\nLOAD_CONST 5\nLOAD_CONST '+'\n"
              "BUILD_LIST 6\nSTORE_FAST L\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 6\nCALL 1\n",
     .body = "LOAD_GLOBAL print\nLOAD_FAST i\nLOAD_FAST i\n" LOAD_L_I "LOAD_CONST ('sep',)\nCALL_KW 3\nPOP_TOP\n"},
    {.uop = "LOAD_METHOD", .what = "L[i].upper() on an int", .expect = EXPECT_ERROR,
     .setup = "LOAD_CONST 'a'\nLOAD_CONST 'b'\nLOAD_CONST 'c'\nLOAD_CONST 'd'\nLOAD_CONST 5\nLOAD_CONST 'f'\n"
              "BUILD_LIST 6\nSTORE_FAST L\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 6\nCALL 1\n",
     .body = LOAD_L_I "LOAD_METHOD upper\nCALL 1\nSTORE_FAST a\n"},
    {.uop = "CHECK_EXC_MATCH", .what = "matching against L[i], an int later", .expect = EXPECT_ERROR,
     .setup = "LOAD_GLOBAL ValueError\nLOAD_CONST 'x'\nCALL 1\nSTORE_FAST c\nLOAD_GLOBAL ValueError\n"
              "LOAD_GLOBAL TypeError\n"
              "LOAD_GLOBAL Exception\nLOAD_GLOBAL KeyError\nLOAD_CONST 5\nLOAD_GLOBAL ValueError\nBUILD_LIST 6\n"
              "STORE_FAST L\n",
     .iterable = "LOAD_GLOBAL range\nLOAD_CONST 6\nCALL 1\n",
     .body = "LOAD_FAST c\n" LOAD_L_I "CHECK_EXC_MATCH\nSTORE_FAST a\nPOP_TOP\n"},
    {.uop = "FOR_ITER", .what = "a dict that grows while the trace iterates it", .expect = EXPECT_ERROR,
     .setup = "LOAD_CONST 0\nLOAD_CONST 0\nLOAD_CONST 1\nLOAD_CONST 1\nLOAD_CONST 2\nLOAD_CONST 2\nLOAD_CONST 3\n"
              "LOAD_CONST 3\nLOAD_CONST 4\nLOAD_CONST 4\nLOAD_CONST 5\nLOAD_CONST 5\nBUILD_MAP 6\nSTORE_FAST L\n",
     .iterable = "LOAD_FAST L\n",
     .body = "LOAD_FAST i\nSTORE_FAST a\n" IF_I_IS(3) "LOAD_CONST 'new'\nLOAD_FAST L\nLOAD_CONST 'new'\n"
             "STORE_SUBSCR\n" END_IF,
     .catch_ends_loop = true},
};

enum {
  NRECORDED = sizeof recorded_cases / sizeof recorded_cases[0],
  NFAILING = sizeof failing_cases / sizeof failing_cases[0],
  NERRORS = sizeof error_cases / sizeof error_cases[0],
};

/* The program of a case: a loop over `iterable` with `body`, between
 * `setup` and `finish`; with catch_errors, a handler at the loop's stack
 * depth prints repr(e) and jumps back to the loop head. */
static char *case_program(const UopCase *c) {
  StrBuf p;
  strbuf_init(&p);
  strbuf_puts(&p, ".function \"<module>\"\n.locals i a b c e L\n"
                  "LOAD_CONST None\nSTORE_FAST a\nLOAD_CONST None\nSTORE_FAST b\n");
  if (c->setup) strbuf_puts(&p, c->setup);
  if (c->iterable) strbuf_puts(&p, c->iterable);
  else strbuf_printf(&p, "LOAD_GLOBAL range\nLOAD_CONST %d\nCALL 1\n", DEFAULT_ITERATIONS);
  strbuf_puts(&p, "GET_ITER\ntop:\nFOR_ITER done\nSTORE_FAST i\nbody:\n");
  strbuf_puts(&p, c->body);
  strbuf_puts(&p, "JUMP_BACKWARD top\n");
  if (c->catch_ends_loop) {
    /* FOR_ITER consumes the iterator when it raises: the handler, at the
     * depth below it, leaves the loop. */
    strbuf_puts(&p, ".handler top handler handler 0\nhandler:\nSTORE_FAST e\nLOAD_GLOBAL print\nLOAD_GLOBAL repr\n"
                    "LOAD_FAST e\nCALL 1\nCALL 1\nPOP_TOP\nJUMP_FORWARD done\n");
  } else if (c->catch_errors || c->expect == EXPECT_ERROR) {
    strbuf_printf(&p, ".handler body handler handler %d\nhandler:\nSTORE_FAST e\nLOAD_GLOBAL print\nLOAD_GLOBAL repr\n"
                      "LOAD_FAST e\nCALL 1\nCALL 1\nPOP_TOP\nJUMP_BACKWARD top\n",
                  c->setup && strstr(c->setup, "outer:") ? 2 : 1);
  }
  strbuf_puts(&p, "done:\n");
  strbuf_puts(&p, c->finish ? c->finish : "LOAD_FAST a\nLOAD_FAST b\nBUILD_TUPLE 2\nRETURN_VALUE\n");
  strbuf_puts(&p, ".end\n");
  if (c->functions) strbuf_puts(&p, c->functions);
  cr_assert(!p.oom);
  return steal(&p);
}

static uint64_t stat_of(const Tier2Stats *s, Expect e) {
  switch (e) {
  case EXPECT_DEOPT: return s->deopts;
  case EXPECT_SIDE_EXIT: return s->side_exits;
  case EXPECT_ERROR: return s->errors;
  case EXPECT_CLEAN: break;
  }
  return 0;
}

static const char *expect_name(Expect e) {
  switch (e) {
  case EXPECT_DEOPT: return "deopts";
  case EXPECT_SIDE_EXIT: return "side exits";
  case EXPECT_ERROR: return "error exits";
  case EXPECT_CLEAN: break;
  }
  return "clean";
}

/* Runs one case under every engine and checks everything; in lockstep
 * mode also the frame state at every checkpoint. */
static void check_case_mode(const UopCase *c, bool lockstep) {
  char label[256];
  snprintf(label, sizeof label, "%s (%s)%s", c->uop, c->what, lockstep ? " in lockstep mode" : "");
  char *text = case_program(c);
  StrBuf err;
  strbuf_init(&err);
  Module *m = module_load_bytes("<uop case>", text, strlen(text), &err);
  cr_assert_not_null(m, "%s: %s\n%s", label, err.data ? err.data : "", text);
  strbuf_free(&err);
  int64_t fuel = c->fuel ? c->fuel : DEFAULT_FUEL;
  Run runs[NENGINES];
  for (int e = 0; e < NENGINES; e++) runs[e] = run_engine(m, (Engine)e, fuel, lockstep);
  if (lockstep) cr_expect_neq(runs[ENGINE_REF].checkpoints[0], '\0', "%s: no checkpoint reported", label);
  cr_expect_eq(runs[ENGINE_REF].leaked, 0, "%s: %lld objects leaked under ref", label,
               (long long)runs[ENGINE_REF].leaked);
  for (int e = ENGINE_UOPS; e < NENGINES; e++) {
    const Run *r = &runs[e];
    const char *name = engine_names[e];
    expect_same(label, &runs[ENGINE_REF], r, name);
    if (lockstep || !c->lockstep_only)
      cr_expect(dump_names_uop(r->dump, c->uop), "%s: no trace recorded %s under %s; dump:\n%s", label, c->uop, name,
                r->dump);
    cr_expect_gt(r->stats.entries, 0, "%s: no trace was entered under %s", label, name);
    if (c->expect == EXPECT_CLEAN) {
      cr_expect_eq(r->stats.deopts, 0, "%s: %llu unexpected deopts under %s", label,
                   (unsigned long long)r->stats.deopts, name);
      cr_expect_eq(r->stats.errors, 0, "%s: %llu unexpected error exits under %s", label,
                   (unsigned long long)r->stats.errors, name);
    } else {
      unsigned min = c->min ? c->min : 1;
      cr_expect_geq(stat_of(&r->stats, c->expect), min, "%s: %llu %s under %s, expected at least %u", label,
                    (unsigned long long)stat_of(&r->stats, c->expect), expect_name(c->expect), name, min);
    }
  }
  for (int e = 0; e < NENGINES; e++) run_free(&runs[e]);
  module_free(m);
  free(text);
}

static void check_case(const UopCase *c) {
  check_case_mode(c, false);
  check_case_mode(c, true);
}

/* ----------------------------------------------------------------- tests */

static const UopCase *find_case(const UopCase *cases, size_t n, const char *uop) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(cases[i].uop, uop) == 0) return &cases[i];
  return NULL;
}

static bool is_uop_name(const char *name) {
  for (int u = 0; u < UOP_COUNT; u++)
    if (strcmp(uop_info[u].name, name) == 0) return true;
  return false;
}

Test(uops, every_uop_has_a_recording_case) {
  int missing = 0;
  for (int u = 0; u < UOP_COUNT; u++) {
    if (find_case(recorded_cases, NRECORDED, uop_info[u].name)) continue;
    cr_log_error("uop %s has no program that records it", uop_info[u].name);
    missing++;
  }
  cr_expect_eq(missing, 0, "%d uops have no recording case", missing);
}

/* Every uop that can leave a trace by a guard, a deopt or a side exit has a
 * program where it does. */
Test(uops, every_guard_has_a_failing_case) {
  int missing = 0;
  for (int u = 0; u < UOP_COUNT; u++) {
    if (!(uop_info[u].flags & (UOPF_DEOPT | UOPF_EXIT))) continue;
    if (find_case(failing_cases, NFAILING, uop_info[u].name)) continue;
    cr_log_error("uop %s can leave a trace but no program makes it do so", uop_info[u].name);
    missing++;
  }
  cr_expect_eq(missing, 0, "%d guards have no failing case", missing);
}

Test(uops, cases_name_real_uops) {
  for (size_t i = 0; i < NRECORDED; i++) cr_expect(is_uop_name(recorded_cases[i].uop), "%s", recorded_cases[i].uop);
  for (size_t i = 0; i < NFAILING; i++) cr_expect(is_uop_name(failing_cases[i].uop), "%s", failing_cases[i].uop);
  for (size_t i = 0; i < NERRORS; i++) cr_expect(is_uop_name(error_cases[i].uop), "%s", error_cases[i].uop);
}

/* The dump-word matcher itself: a uop name inside a longer one is no match. */
Test(uops, dump_matching_is_by_whole_word) {
  const char *dump = "    0 LOAD_GLOBAL_BUILTIN oparg=0\n    1 BINARY_OP_ADD_INT oparg=0\n";
  cr_expect(dump_names_uop(dump, "LOAD_GLOBAL_BUILTIN"));
  cr_expect(dump_names_uop(dump, "BINARY_OP_ADD_INT"));
  cr_expect(!dump_names_uop(dump, "LOAD_GLOBAL"));
  cr_expect(!dump_names_uop(dump, "BINARY_OP"));
  cr_expect(!dump_names_uop(dump, "ADD_INT"));
}

static int recorded_indices[NRECORDED];
static int failing_indices[NFAILING];
static int error_indices[NERRORS];

static void fill_indices(int *idx, size_t n) {
  for (size_t i = 0; i < n; i++) idx[i] = (int)i;
}

ParameterizedTestParameters(uops, recorded) {
  fill_indices(recorded_indices, NRECORDED);
  return cr_make_param_array(int, recorded_indices, NRECORDED);
}

ParameterizedTest(int *index, uops, recorded, .timeout = 60) { check_case(&recorded_cases[*index]); }

ParameterizedTestParameters(uops, guard_fails) {
  fill_indices(failing_indices, NFAILING);
  return cr_make_param_array(int, failing_indices, NFAILING);
}

ParameterizedTest(int *index, uops, guard_fails, .timeout = 60) { check_case(&failing_cases[*index]); }

ParameterizedTestParameters(uops, raises_in_trace) {
  fill_indices(error_indices, NERRORS);
  return cr_make_param_array(int, error_indices, NERRORS);
}

ParameterizedTest(int *index, uops, raises_in_trace, .timeout = 60) { check_case(&error_cases[*index]); }
