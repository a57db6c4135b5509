/* Expressions for the program generator: each gen_* here pushes exactly one
 * value of the wanted kind (fuzz/gen_internal.h), built from constants,
 * variables, operators, builtin and method calls, user calls, slices,
 * comprehensions, conditional expressions and stack juggling. Calls are
 * charged to the fuel budget before they are emitted.
 *
 * "Risky" forms (an index that may be out of range, min() of a list that
 * may be empty, int() of a float that may be nan) are chosen mostly inside
 * try bodies, so that programs usually run to their end but exceptions
 * still come from everywhere. */
#include <math.h>
#include <string.h>

#include "fuzz/gen_internal.h"

/* ------------------------------------------------------------ constants */

static const int64_t small_ints[] = {0, 1, 2, 3, 5, 7, 10, 16, 100, 255, -1, -2, -7, 1000, 65535, 12345};
static const int64_t edge_ints[] = {
    INT64_MAX, INT64_MAX - 7, INT64_MIN, INT64_MIN + 1, (int64_t)1 << 62, 3037000500, -3037000500, 2147483647,
    -2147483648LL, 4294967296LL};
static const char *const const_strs[] = {"", "a", "ab", "xyz", "\xc3\xa9", "\xe2\x86\x92x", " a b ", "Hello",
                                         "1,2", "-", "abcabc", "\xc3\xbc\xc3\xbc", "0", "a b c", "x\ty"};
static const char *const short_strs[] = {"a", "b", "-", "", "\xc3\xa9", ",", "ab", " "};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static double float_const(GenRng *r) {
  switch (gen_below(r, 16)) {
  case 0: return 0.0;
  case 1: return -0.0;
  case 2: return 0.5;
  case 3: return 1.5;
  case 4: return -2.25;
  case 5: return 3.0;
  case 6: return 1e16;
  case 7: return 1e-05;
  case 8: return NAN;
  case 9: return INFINITY;
  case 10: return -INFINITY;
  case 11: return 0.1;
  case 12: return 2.5;
  case 13: return -1.0;
  case 14: return 1e300;
  default: return 7.0;
  }
}

static void push_none(GenFn *fg) { gc_emit(&fg->c, OP_LOAD_CONST, gc_const_none(&fg->c)); }
static void push_int(GenFn *fg, int64_t v) { gc_load_const_int(&fg->c, v); }
static void push_float(GenFn *fg, double v) { gc_emit(&fg->c, OP_LOAD_CONST, gc_const_float(&fg->c, v)); }
static void push_str(GenFn *fg, const char *s) { gc_emit(&fg->c, OP_LOAD_CONST, gc_const_str(&fg->c, s)); }
static void push_bool(GenFn *fg, bool b) { gc_emit(&fg->c, OP_LOAD_CONST, gc_const_bool(&fg->c, b)); }

static int64_t small_int(GenRng *r) { return small_ints[gen_below(r, COUNT(small_ints))]; }

/* A constant tuple of numbers (CK_TUPLE), sometimes nested one level. */
static void push_const_tuple(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  Const items[4];
  uint32_t n = gen_below(r, 5);
  for (uint32_t i = 0; i < n; i++) {
    switch (gen_below(r, 3)) {
    case 0: items[i] = (Const){.kind = CK_INT, .as.i = small_int(r)}; break;
    case 1: items[i] = (Const){.kind = CK_FLOAT, .as.f = float_const(r)}; break;
    default: items[i] = (Const){.kind = CK_BOOL, .as.i = gen_below(r, 2)}; break;
    }
  }
  Const t = {.kind = CK_TUPLE, .as.t = {.len = n, .items = n ? items : NULL}};
  gc_emit(&fg->c, OP_LOAD_CONST, gc_const(&fg->c, &t));
}

/* Dict keys come from a small pool (so dicts stay small); 1, 1.0 and True
 * are the same key, as in Python. */
static void push_dict_key(GenFn *fg) {
  switch (gen_below(&fg->g->rng, 10)) {
  case 0: push_str(fg, "a"); break;
  case 1: push_str(fg, "b"); break;
  case 2: push_str(fg, "k"); break;
  case 3: push_int(fg, 1); break;
  case 4: push_int(fg, 2); break;
  case 5: push_int(fg, 0); break;
  case 6: push_bool(fg, true); break;
  case 7: push_float(fg, 1.0); break;
  case 8: push_int(fg, -1); break;
  default: push_str(fg, "\xc3\xa9"); break;
  }
}

void gen_const_of(GenFn *fg, GenKind kind) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  switch (kind) {
  case K_INT:
    if (gen_chance(r, 10)) push_bool(fg, gen_below(r, 2));
    else push_int(fg, small_int(r));
    return;
  case K_NUM:
    switch (gen_below(r, 4)) {
    case 0: push_float(fg, float_const(r)); return;
    case 1: push_bool(fg, gen_below(r, 2)); return;
    default: push_int(fg, small_int(r)); return;
    }
  case K_STR: push_str(fg, const_strs[gen_below(r, COUNT(const_strs))]); return;
  case K_SEQ:
    if (gen_chance(r, 50)) {
      push_const_tuple(fg);
      return;
    }
    /* a list is a sequence too */
    __attribute__((fallthrough));
  case K_LIST: {
    uint32_t n = gen_below(r, 5);
    for (uint32_t i = 0; i < n; i++) gen_const_of(fg, K_NUM);
    gc_emit(c, OP_BUILD_LIST, n);
    return;
  }
  case K_DICT: {
    uint32_t n = gen_below(r, 4);
    for (uint32_t i = 0; i < n; i++) {
      push_dict_key(fg);
      gen_const_of(fg, K_NUM);
    }
    gc_emit(c, OP_BUILD_MAP, n);
    return;
  }
  case K_FUNC: /* only through gen_expr, which knows the arity */
  case K_ANY:
  case K_COUNT:
    switch (gen_below(r, 4)) {
    case 0: push_none(fg); return;
    case 1: push_str(fg, const_strs[gen_below(r, COUNT(const_strs))]); return;
    case 2: push_const_tuple(fg); return;
    default: push_int(fg, small_int(r)); return;
    }
  }
}

/* ------------------------------------------------------------ helpers */

static void cond_impl(GenFn *fg, bool want_bool);

bool gen_charge(GenFn *fg, int64_t units) {
  if (fg->fuel < units) return false;
  fg->fuel -= units;
  return true;
}

/* Whether a form that may raise is welcome here. */
static bool risky_ok(GenFn *fg) { return gen_chance(&fg->g->rng, fg->try_depth > 0 ? 45 : 1); }

static bool at_leaf_depth(const GenFn *fg) { return fg->expr_depth >= GEN_MAX_EXPR_DEPTH; }

bool gen_kind_fits(GenKind have, uint32_t have_arity, GenKind want, uint32_t want_arity) {
  if (want == K_ANY) return true;
  if (have == want) return have != K_FUNC || have_arity == want_arity;
  if (want == K_NUM && have == K_INT) return true;
  if (want == K_SEQ && have == K_LIST) return true;
  return false;
}

int32_t gen_pick_var(GenFn *fg, GenKind kind, uint32_t arity, bool assignable) {
  uint32_t cand[GEN_MAX_VARS], n = 0;
  if (!assignable && kind < K_COUNT && kind != K_FUNC) { /* the common case, on precomputed bits */
    uint32_t bit = 1u << kind;
    for (uint32_t i = 0; i < fg->nvars; i++)
      if (fg->vars[i].readable && (fg->vars[i].fits & bit)) cand[n++] = i;
    return n ? (int32_t)cand[gen_below(&fg->g->rng, n)] : -1;
  }
  for (uint32_t i = 0; i < fg->nvars; i++) {
    const GenVar *v = &fg->vars[i];
    if (!v->readable) continue;
    if (assignable) {
      if (v->reserved || v->kind != kind || (kind == K_FUNC && v->arity != arity)) continue;
    } else if (!gen_kind_fits(v->kind, v->arity, kind, arity)) {
      continue;
    }
    cand[n++] = i;
  }
  return n ? (int32_t)cand[gen_below(&fg->g->rng, n)] : -1;
}

/* Whether a read of global gl may give a value of the kind. */
static bool global_fits(const GenGlobal *gl, GenKind kind, uint32_t arity) {
  if (gl->kind == K_FUNC && !gl->callable_from_all) return false; /* calls go through gen_pick_callee */
  return gen_kind_fits(gl->kind, gl->arity, kind, arity);
}

void gen_index_kinds(Gen *g) {
  for (uint32_t k = 0; k <= K_COUNT; k++) {
    uint32_t fits = 0;
    for (uint32_t want = 0; want < K_COUNT; want++) /* the arity only matters when both are K_FUNC */
      if (want != K_FUNC && gen_kind_fits((GenKind)k, 0, (GenKind)want, 0)) fits |= 1u << want;
    g->kinds_fitted[k] = fits;
  }
  for (uint32_t k = 0; k < K_COUNT; k++) {
    uint32_t n = 0;
    if (k != K_FUNC)
      for (uint32_t i = 0; i < g->nglobals; i++)
        if (global_fits(&g->globals[i], (GenKind)k, 0)) g->globals_for_kind[k][n++] = (uint8_t)i;
    g->nglobals_for_kind[k] = n;
  }
}

int32_t gen_pick_global(GenFn *fg, GenKind kind, uint32_t arity) {
  Gen *g = fg->g;
  if (kind < K_COUNT && kind != K_FUNC) { /* the arity only matters for K_FUNC */
    uint32_t n = g->nglobals_for_kind[kind];
    return n ? (int32_t)g->globals_for_kind[kind][gen_below(&g->rng, n)] : -1;
  }
  uint32_t cand[GEN_MAX_GLOBALS], n = 0;
  for (uint32_t i = 0; i < g->nglobals; i++)
    if (global_fits(&g->globals[i], kind, arity)) cand[n++] = i;
  return n ? (int32_t)cand[gen_below(&g->rng, n)] : -1;
}

int32_t gen_pick_leaf(Gen *g, uint32_t arity, int64_t max_cost) {
  uint32_t cand[GEN_MAX_FUNCS], n = 0;
  for (uint32_t i = 1; i < g->nfuncs; i++)
    if (g->funcs[i].role == ROLE_LEAF && g->funcs[i].arity == arity && g->funcs[i].done && g->funcs[i].cost <= max_cost)
      cand[n++] = i;
  return n ? (int32_t)cand[gen_below(&g->rng, n)] : -1;
}

/* The kind a call through global gi returns. */
static GenKind callee_ret_kind(const Gen *g, const GenGlobal *gl) {
  if (gl->callable_from_all) return K_NUM; /* leaves: numbers in, a number out */
  return (GenKind)g->funcs[gl->func].ret_kind;
}

static bool may_call(const GenFn *fg, const GenGlobal *gl) {
  if (gl->kind != K_FUNC || fg->fn->role == ROLE_LEAF) return false; /* leaves call no user function */
  if (gl->callable_from_all) return true;
  const GenFunc *f = &fg->g->funcs[gl->func];
  return (uint32_t)gl->func > fg->index && f->done && f->role != ROLE_DEEP;
}

static int32_t pick_callee_returning(GenFn *fg, int64_t fuel, GenKind want) {
  uint32_t cand[GEN_MAX_GLOBALS], n = 0;
  for (uint32_t i = 0; i < fg->g->nglobals; i++) {
    const GenGlobal *gl = &fg->g->globals[i];
    if (!may_call(fg, gl) || gl->cost + 1 > fuel) continue;
    if (want != K_COUNT && !gen_kind_fits(callee_ret_kind(fg->g, gl), 0, want, 0)) continue;
    cand[n++] = i;
  }
  return n ? (int32_t)cand[gen_below(&fg->g->rng, n)] : -1;
}

int32_t gen_pick_callee(GenFn *fg, int64_t fuel) { return pick_callee_returning(fg, fuel, K_COUNT); }

/* The depth argument of a recursive function: at most rec_max. */
static void push_depth_arg(GenFn *fg, uint32_t rec_max) {
  GenRng *r = &fg->g->rng;
  int32_t vi = gen_pick_var(fg, K_INT, 0, false);
  if (vi >= 0 && gen_chance(r, 40) && rec_max > 0) {
    /* x % (rec_max + 1) is in [0, rec_max] for any int or bool x */
    gen_load_var(fg, (uint32_t)vi);
    push_int(fg, (int64_t)rec_max + 1);
    gc_emit(&fg->c, OP_BINARY_OP, BINOP_MOD);
    return;
  }
  push_int(fg, gen_between(r, -1, rec_max));
}

void gen_call_args(GenFn *fg, uint32_t gi) {
  const GenGlobal *gl = &fg->g->globals[gi];
  if (gl->callable_from_all) {
    for (uint32_t i = 0; i < gl->arity; i++) gen_expr(fg, K_NUM, 0);
    return;
  }
  const GenFunc *f = &fg->g->funcs[gl->func];
  for (uint32_t i = 0; i < f->arity; i++) {
    if (i == 0 && (f->role == ROLE_REC || f->role == ROLE_REC2 || f->role == ROLE_DEEP)) push_depth_arg(fg, f->rec_max);
    else gen_expr(fg, (GenKind)f->param_kind[i], 0);
  }
}

void gen_exc_class(GenFn *fg, int id) { gc_load_global(&fg->c, builtin_info[id].name); }

/* Pushes a slice of the value on top: value[start:stop:step], with None
 * for any omitted bound (INT64_MIN). */
static void slice_with(GenFn *fg, int64_t start, int64_t stop, int64_t step) {
  if (start == INT64_MIN) push_none(fg);
  else push_int(fg, start);
  if (stop == INT64_MIN) push_none(fg);
  else push_int(fg, stop);
  if (step == INT64_MIN) push_none(fg);
  else push_int(fg, step);
  gc_emit(&fg->c, OP_BINARY_SLICE, 0);
}

void gen_bound_seq(GenFn *fg) {
  if (gen_chance(&fg->g->rng, 70)) slice_with(fg, INT64_MIN, GEN_SEQ_MAX, INT64_MIN);
  else slice_with(fg, -GEN_SEQ_MAX, INT64_MIN, INT64_MIN);
}

/* A slice that never makes a value longer. */
static void random_slice(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  static const int64_t bounds[] = {INT64_MIN, 0, 1, 2, -1, -2, 3, 5, -5, 100};
  static const int64_t steps[] = {INT64_MIN, INT64_MIN, 1, 2, -1, -2, 3};
  int64_t a = bounds[gen_below(r, COUNT(bounds))], b = bounds[gen_below(r, COUNT(bounds))];
  slice_with(fg, a, b, steps[gen_below(r, COUNT(steps))]);
}

static void call_builtin_1(GenFn *fg, const char *name, GenKind arg_kind) {
  gc_load_global(&fg->c, name);
  gen_expr(fg, arg_kind, 0);
  gc_emit(&fg->c, OP_CALL, 1);
}

/* A variable or global of the kind, or a constant. */
static void leaf_of(GenFn *fg, GenKind kind, uint32_t arity) {
  GenRng *r = &fg->g->rng;
  int32_t vi = gen_pick_var(fg, kind, arity, false);
  int32_t gi = gen_pick_global(fg, kind, arity);
  uint32_t w[3] = {kind == K_FUNC ? 0 : 3, vi >= 0 ? 6 : 0, gi >= 0 ? 2 : 0};
  switch (gen_weighted(r, w, 3)) {
  case 1: gen_load_var(fg, (uint32_t)vi); return;
  case 2: gc_load_global(&fg->c, fg->g->globals[gi].name); return;
  case 0: gen_const_of(fg, kind); return;
  default: break;
  }
  /* K_FUNC with no variable or global of that arity: a new function object. */
  int32_t leaf = gen_pick_leaf(fg->g, arity, INT64_MAX);
  if (leaf >= 0) gc_emit(&fg->c, OP_MAKE_FUNCTION, (uint32_t)leaf);
  else gen_fail(fg->g, "no function of arity %u for a K_FUNC value", arity);
}

/* ------------------------------------------------------------ compound forms */

/* cond ? a : b */
static void ternary(GenFn *fg, GenKind kind, uint32_t arity) {
  GenCode *c = &fg->c;
  uint32_t other = gc_label(c), end = gc_label(c);
  gen_cond(fg);
  gc_jump(c, OP_POP_JUMP_IF_FALSE, other);
  gen_expr(fg, kind, arity);
  gc_jump(c, OP_JUMP_FORWARD, end);
  gc_bind(c, other);
  gen_expr(fg, kind, arity);
  gc_bind(c, end);
}

/* Several values pushed, shuffled with COPY and SWAP, folded back into one
 * with + - (and bit operators for ints): a stack shape only the generator
 * makes. */
static void juggle(GenFn *fg, GenKind kind) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  uint32_t n = 2 + gen_below(r, 2);
  for (uint32_t i = 0; i < n; i++) gen_expr(fg, kind, 0);
  uint32_t ops = 1 + gen_below(r, 4);
  for (uint32_t i = 0; i < ops; i++) {
    if (n < 5 && gen_chance(r, 50)) {
      gc_emit(c, OP_COPY, 1 + gen_below(r, n));
      n++;
    } else {
      gc_emit(c, OP_SWAP, 2 + gen_below(r, n - 1));
    }
  }
  static const uint32_t int_ops[] = {BINOP_ADD, BINOP_SUB, BINOP_XOR, BINOP_AND, BINOP_OR, BINOP_INPLACE_BASE + BINOP_ADD};
  static const uint32_t num_ops[] = {BINOP_ADD, BINOP_SUB, BINOP_INPLACE_BASE + BINOP_SUB};
  while (n > 1) {
    uint32_t op = kind == K_INT ? int_ops[gen_below(r, COUNT(int_ops))] : num_ops[gen_below(r, COUNT(num_ops))];
    gc_emit(c, OP_BINARY_OP, op);
    n--;
  }
}

static void int_binop(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  uint32_t inplace = gen_chance(r, 15) ? BINOP_INPLACE_BASE : 0;
  gen_expr(fg, K_INT, 0);
  switch (gen_below(r, 10)) {
  case 0: case 1: gen_expr(fg, K_INT, 0); gc_emit(c, OP_BINARY_OP, BINOP_ADD + inplace); return;
  case 2: gen_expr(fg, K_INT, 0); gc_emit(c, OP_BINARY_OP, BINOP_SUB + inplace); return;
  case 3: push_int(fg, gen_between(r, -9, 12)); gc_emit(c, OP_BINARY_OP, BINOP_MUL + inplace); return;
  case 4: {
    static const int64_t divisors[] = {1, 2, 3, 7, -3, 10, 16};
    push_int(fg, divisors[gen_below(r, COUNT(divisors))]);
    gc_emit(c, OP_BINARY_OP, (gen_chance(r, 50) ? BINOP_FLOORDIV : BINOP_MOD) + inplace);
    return;
  }
  case 5: push_int(fg, gen_between(r, 0, 6)); gc_emit(c, OP_BINARY_OP, (gen_chance(r, 50) ? BINOP_LSHIFT : BINOP_RSHIFT) + inplace); return;
  case 6: gen_expr(fg, K_INT, 0); gc_emit(c, OP_BINARY_OP, BINOP_AND + inplace); return;
  case 7: gen_expr(fg, K_INT, 0); gc_emit(c, OP_BINARY_OP, BINOP_OR + inplace); return;
  case 8: gen_expr(fg, K_INT, 0); gc_emit(c, OP_BINARY_OP, BINOP_XOR + inplace); return;
  default:
    /* A value that may be anything: zero divisors, negative shift counts. */
    if (risky_ok(fg)) {
      static const uint32_t any_ops[] = {BINOP_FLOORDIV, BINOP_MOD, BINOP_LSHIFT, BINOP_RSHIFT, BINOP_MUL, BINOP_POW};
      gen_expr(fg, K_INT, 0);
      gc_emit(c, OP_BINARY_OP, any_ops[gen_below(r, COUNT(any_ops))]);
    } else {
      push_int(fg, 0xFFFF);
      gc_emit(c, OP_BINARY_OP, BINOP_AND);
    }
    return;
  }
}

static void num_binop(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  uint32_t inplace = gen_chance(r, 15) ? BINOP_INPLACE_BASE : 0;
  gen_expr(fg, K_NUM, 0);
  switch (gen_below(r, 8)) {
  case 0: case 1: gen_expr(fg, K_NUM, 0); gc_emit(c, OP_BINARY_OP, BINOP_ADD + inplace); return;
  case 2: gen_expr(fg, K_NUM, 0); gc_emit(c, OP_BINARY_OP, BINOP_SUB + inplace); return;
  case 3: push_float(fg, gen_chance(r, 50) ? 0.5 : -1.25); gc_emit(c, OP_BINARY_OP, BINOP_MUL + inplace); return;
  case 4: {
    static const double divisors[] = {2.0, 3.0, -4.0, 0.5, 7.0, -0.1};
    if (gen_chance(r, 50)) push_float(fg, divisors[gen_below(r, COUNT(divisors))]);
    else push_int(fg, gen_chance(r, 50) ? 3 : -2);
    gc_emit(c, OP_BINARY_OP, BINOP_TRUEDIV + inplace);
    return;
  }
  case 5: push_float(fg, gen_chance(r, 50) ? 1.5 : 10.0); gc_emit(c, OP_BINARY_OP, (gen_chance(r, 50) ? BINOP_MOD : BINOP_FLOORDIV) + inplace); return;
  case 6: push_int(fg, gen_between(r, -2, 3)); gc_emit(c, OP_BINARY_OP, BINOP_MUL + inplace); return;
  default:
    if (risky_ok(fg)) { /* x / y with y anything: ZeroDivisionError, inf, nan */
      gen_expr(fg, K_NUM, 0);
      gc_emit(c, OP_BINARY_OP, gen_chance(r, 70) ? BINOP_TRUEDIV : BINOP_POW);
    } else {
      push_int(fg, 2);
      gc_emit(c, OP_BINARY_OP, BINOP_POW + inplace);
    }
    return;
  }
}

/* A user function call returning `want`, when the fuel allows one. */
static bool user_call(GenFn *fg, GenKind want) {
  int32_t gi = pick_callee_returning(fg, fg->fuel, want);
  if (gi < 0) return false;
  const GenGlobal *gl = &fg->g->globals[gi];
  if (!gen_charge(fg, gl->cost + 1)) return false;
  gc_load_global(&fg->c, gl->name);
  gen_call_args(fg, (uint32_t)gi);
  gc_emit(&fg->c, OP_CALL, gl->callable_from_all ? gl->arity : fg->g->funcs[gl->func].arity);
  return true;
}

/* A call of a function held in a variable (only leaves are ever stored). */
static bool func_value_call(GenFn *fg) {
  if (fg->fn->role == ROLE_LEAF) return false;
  int32_t vi = -1;
  for (uint32_t tries = 0; tries < 3 && vi < 0; tries++) vi = gen_pick_var(fg, K_FUNC, tries, false);
  if (vi < 0) return false;
  uint32_t arity = fg->vars[vi].arity;
  int64_t cost = 0;
  for (uint32_t i = 1; i < fg->g->nfuncs; i++)
    if (fg->g->funcs[i].role == ROLE_LEAF && fg->g->funcs[i].arity == arity && fg->g->funcs[i].cost > cost)
      cost = fg->g->funcs[i].cost;
  if (!gen_charge(fg, cost + 1)) return false;
  gen_load_var(fg, (uint32_t)vi);
  for (uint32_t i = 0; i < arity; i++) gen_expr(fg, K_NUM, 0);
  gc_emit(&fg->c, OP_CALL, arity);
  return true;
}

/* [expr(x) for x in seq if cond]: a loop of at most GEN_SEQ_MAX items. The
 * sequence gets a quarter of the fuel, each item an equal share of the rest. */
static bool comprehension(GenFn *fg) {
  GenCode *c = &fg->c;
  GenRng *r = &fg->g->rng;
  int64_t total = fg->fuel;
  if (fg->fn->straight || fg->nvars + 1 >= GEN_MAX_VARS || total < 2 * (GEN_SEQ_MAX + 1)) return false;
  int64_t seq_budget = total / 4;
  fg->fuel = seq_budget;
  gc_emit(c, OP_BUILD_LIST, 0);
  gen_expr(fg, K_SEQ, 0);
  int64_t rest = total - (seq_budget - fg->fuel);
  int64_t per_item = rest / (GEN_SEQ_MAX + 1) - 1;
  uint32_t xi = gen_add_var(fg, K_NUM, 0, true, "x");
  uint32_t head = gc_label(c), end = gc_label(c), skip = gc_label(c);
  gc_emit(c, OP_GET_ITER, 0);
  gc_bind(c, head);
  gc_jump(c, OP_FOR_ITER, end);
  gen_store_var(fg, xi);
  fg->vars[xi].readable = true;
  fg->fuel = per_item;
  bool filter = gen_chance(r, 30);
  if (filter) {
    gen_cond(fg);
    gc_jump(c, OP_POP_JUMP_IF_FALSE, skip);
  }
  gen_expr(fg, K_NUM, 0);
  gc_emit(c, OP_LIST_APPEND, 2);
  if (filter) gc_bind(c, skip);
  gc_jump(c, OP_JUMP_BACKWARD, head);
  gc_bind(c, end);
  fg->vars[xi].readable = false;
  int64_t body = per_item - fg->fuel;
  fg->fuel = rest - (int64_t)GEN_SEQ_MAX * (body + 1);
  if (per_item < 0 || fg->fuel < 0) gen_fail(fg->g, "comprehension fuel accounting");
  return true;
}

/* ------------------------------------------------------------ per kind */

static void expr_int(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  uint32_t w[12] = {3, 3, 2, 2, fg->fuel >= 1 ? 2 : 0, 1, 1, fg->fuel >= 1 ? 1 : 0, 1, 1, 2, 1};
  switch (gen_weighted(r, w, 12)) {
  case 0: case 1: int_binop(fg); return;
  case 2: cond_impl(fg, true); return; /* a bool is an int */
  case 3: {
    static const int unary[] = {OP_UNARY_NEGATIVE, OP_UNARY_INVERT, OP_UNARY_POSITIVE, OP_UNARY_NEGATIVE};
    gen_expr(fg, K_INT, 0);
    gc_emit(c, unary[gen_below(r, 4)], 0);
    return;
  }
  case 4: {
    static const GenKind sized[] = {K_STR, K_SEQ, K_LIST, K_DICT};
    gen_charge(fg, 1);
    call_builtin_1(fg, "len", sized[gen_below(r, 4)]);
    return;
  }
  case 5: juggle(fg, K_INT); return;
  case 6: ternary(fg, K_INT, 0); return;
  case 7: {
    gen_charge(fg, 1);
    static const char *const fns[] = {"abs", "min", "max"};
    const char *fn = fns[gen_below(r, 3)];
    gc_load_global(c, fn);
    gen_expr(fg, K_INT, 0);
    if (fn[0] == 'a') {
      gc_emit(c, OP_CALL, 1);
    } else {
      gen_expr(fg, K_INT, 0);
      gc_emit(c, OP_CALL, 2);
    }
    return;
  }
  case 8:
    if (user_call(fg, K_INT)) return;
    break;
  case 9:
    if (gen_charge(fg, 1)) { /* s.find(t) */
      gen_expr(fg, K_STR, 0);
      gc_load_method(c, "find");
      push_str(fg, short_strs[gen_below(r, COUNT(short_strs))]);
      gc_emit(c, OP_CALL, 2);
      return;
    }
    break;
  case 10:
    if (risky_ok(fg) && gen_charge(fg, 1)) { /* int(x): nan and inf raise */
      call_builtin_1(fg, "int", K_NUM);
      return;
    }
    break;
  default:
    if (gen_charge(fg, 2)) { /* ord(chr(x & 127)): two calls */
      gc_load_global(c, "ord");
      gc_load_global(c, "chr");
      gen_expr(fg, K_INT, 0);
      push_int(fg, 127);
      gc_emit(c, OP_BINARY_OP, BINOP_AND);
      gc_emit(c, OP_CALL, 1);
      gc_emit(c, OP_CALL, 1);
      return;
    }
    break;
  }
  leaf_of(fg, K_INT, 0);
}

static void expr_num(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  bool call1 = fg->fuel >= 1;
  uint32_t w[11] = {3, 4, 1, call1 ? 1 : 0, call1 ? 1 : 0, fg->fuel >= GEN_COST_ITEMS + 1 ? 1 : 0, 1, 2, 1, call1 ? 1 : 0, 1};
  switch (gen_weighted(r, w, 11)) {
  case 0: expr_int(fg); return;
  case 1: num_binop(fg); return;
  case 2: gen_expr(fg, K_NUM, 0); gc_emit(c, gen_chance(r, 70) ? OP_UNARY_NEGATIVE : OP_UNARY_POSITIVE, 0); return;
  case 3: {
    /* Decisions in separate statements: the order of a call's arguments is
     * unspecified in C, and programs must not depend on the compiler. */
    gen_charge(fg, 1);
    const char *fn = gen_chance(r, 50) ? "abs" : "float";
    GenKind arg_kind = gen_chance(r, 50) ? K_INT : K_NUM;
    call_builtin_1(fg, fn, arg_kind);
    return;
  }
  case 4:
    gen_charge(fg, 1);
    gc_load_global(c, gen_chance(r, 50) ? "min" : "max");
    gen_expr(fg, K_NUM, 0);
    gen_expr(fg, K_NUM, 0);
    gc_emit(c, OP_CALL, 2);
    return;
  case 5:
    gen_charge(fg, GEN_COST_ITEMS + 1);
    if (risky_ok(fg)) call_builtin_1(fg, gen_chance(r, 50) ? "min" : "max", K_SEQ); /* empty: ValueError */
    else call_builtin_1(fg, "sum", K_SEQ);
    return;
  case 6: ternary(fg, K_NUM, 0); return;
  case 7:
    if (user_call(fg, K_NUM)) return;
    break;
  case 8:
    if (risky_ok(fg)) { /* seq[i]: IndexError */
      gen_expr(fg, K_SEQ, 0);
      gen_expr(fg, K_INT, 0);
      gc_emit(c, OP_BINARY_SUBSCR, 0);
      return;
    }
    juggle(fg, K_NUM);
    return;
  case 9:
    gen_charge(fg, 1); /* d.get(k, default) */
    gen_expr(fg, K_DICT, 0);
    gc_load_method(c, "get");
    push_dict_key(fg);
    gen_expr(fg, K_NUM, 0);
    gc_emit(c, OP_CALL, 3);
    return;
  default:
    if (func_value_call(fg)) return;
    break;
  }
  leaf_of(fg, K_NUM, 0);
}

static void expr_str(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  bool call1 = fg->fuel >= 1;
  uint32_t w[9] = {2, call1 ? 2 : 0, call1 ? 2 : 0, 2, fg->fuel >= 2 * GEN_COST_ITEMS + 2 ? 1 : 0, 1, 1, 1, call1 ? 1 : 0};
  switch (gen_weighted(r, w, 9)) {
  case 0: /* (s + t)[:32] */
    gen_expr(fg, K_STR, 0);
    gen_expr(fg, K_STR, 0);
    gc_emit(c, OP_BINARY_OP, gen_chance(r, 20) ? BINOP_INPLACE_BASE + BINOP_ADD : BINOP_ADD);
    gen_bound_seq(fg);
    return;
  case 1: /* str(x) / repr(x), bounded */
    gen_charge(fg, 1);
    {
      const char *fn = gen_chance(r, 50) ? "str" : "repr"; /* one decision per statement: see above */
      GenKind arg_kind = gen_chance(r, 50) ? K_NUM : K_ANY;
      call_builtin_1(fg, fn, arg_kind);
    }
    gen_bound_seq(fg);
    return;
  case 2: { /* methods */
    gen_charge(fg, 1);
    gen_expr(fg, K_STR, 0);
    switch (gen_below(r, 4)) {
    case 0: gc_load_method(c, "upper"); gc_emit(c, OP_CALL, 1); return;
    case 1: gc_load_method(c, "lower"); gc_emit(c, OP_CALL, 1); return;
    case 2: gc_load_method(c, "strip"); gc_emit(c, OP_CALL, 1); return;
    default:
      gc_load_method(c, "replace");
      push_str(fg, short_strs[gen_below(r, COUNT(short_strs))]);
      push_str(fg, short_strs[gen_below(r, COUNT(short_strs))]);
      gc_emit(c, OP_CALL, 3);
      gen_bound_seq(fg);
      return;
    }
  }
  case 3: gen_expr(fg, K_STR, 0); random_slice(fg); return;
  case 4: /* sep.join(s.split()) */
    gen_charge(fg, 2 * GEN_COST_ITEMS + 2);
    push_str(fg, short_strs[gen_below(r, COUNT(short_strs))]);
    gc_load_method(c, "join");
    gen_expr(fg, K_STR, 0);
    gc_load_method(c, "split");
    if (gen_chance(r, 50)) {
      gc_emit(c, OP_CALL, 1);
    } else {
      push_str(fg, gen_chance(r, 50) ? "," : "a");
      gc_emit(c, OP_CALL, 2);
    }
    gc_emit(c, OP_CALL, 2);
    gen_bound_seq(fg);
    return;
  case 5: /* (s * k)[:32] */
    gen_expr(fg, K_STR, 0);
    push_int(fg, gen_between(r, -1, 3));
    gc_emit(c, OP_BINARY_OP, BINOP_MUL);
    gen_bound_seq(fg);
    return;
  case 6: ternary(fg, K_STR, 0); return;
  case 7:
    if (risky_ok(fg)) { /* s[i]: IndexError */
      gen_expr(fg, K_STR, 0);
      gen_expr(fg, K_INT, 0);
      gc_emit(c, OP_BINARY_SUBSCR, 0);
      return;
    }
    break;
  default: /* chr(48 + (x & 63)) */
    gen_charge(fg, 1);
    gc_load_global(c, "chr");
    push_int(fg, 48);
    gen_expr(fg, K_INT, 0);
    push_int(fg, 63);
    gc_emit(c, OP_BINARY_OP, BINOP_AND);
    gc_emit(c, OP_BINARY_OP, BINOP_ADD);
    gc_emit(c, OP_CALL, 1);
    return;
  }
  leaf_of(fg, K_STR, 0);
}

static void build_items(GenFn *fg, int op) {
  uint32_t n = gen_below(&fg->g->rng, 5);
  for (uint32_t i = 0; i < n; i++) gen_expr(fg, K_NUM, 0);
  gc_emit(&fg->c, op, n);
}

static void expr_list(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  bool items = fg->fuel >= GEN_COST_ITEMS + 1;
  uint32_t w[8] = {4, items ? 1 : 0, items ? 1 : 0, fg->fuel >= 3 * GEN_COST_ITEMS ? 1 : 0, 1, 1, 1, fg->fuel >= 20 ? 1 : 0};
  switch (gen_weighted(r, w, 8)) {
  case 0: build_items(fg, OP_BUILD_LIST); return;
  case 1: gen_charge(fg, GEN_COST_ITEMS + 1); call_builtin_1(fg, "list", K_SEQ); return;
  case 2: gen_charge(fg, GEN_COST_ITEMS + 1); call_builtin_1(fg, "sorted", K_SEQ); return;
  case 3:
    if (comprehension(fg)) return;
    break;
  case 4: /* [x] * k */
    gen_expr(fg, K_NUM, 0);
    gc_emit(c, OP_BUILD_LIST, 1);
    push_int(fg, gen_between(r, 0, 4));
    gc_emit(c, OP_BINARY_OP, BINOP_MUL);
    return;
  case 5: /* (l1 + l2)[:32] */
    gen_expr(fg, K_LIST, 0);
    gen_expr(fg, K_LIST, 0);
    gc_emit(c, OP_BINARY_OP, BINOP_ADD);
    gen_bound_seq(fg);
    return;
  case 6: {
    int32_t vi = gen_pick_var(fg, K_LIST, 0, false);
    if (vi < 0) break;
    gen_load_var(fg, (uint32_t)vi);
    random_slice(fg);
    return;
  }
  default: /* list(range(a, b)) */
    gen_charge(fg, 19);
    gc_load_global(c, "list");
    gc_load_global(c, "range");
    push_int(fg, gen_between(r, -3, 3));
    push_int(fg, gen_between(r, -2, 12));
    gc_emit(c, OP_CALL, 2);
    gc_emit(c, OP_CALL, 1);
    return;
  }
  leaf_of(fg, K_LIST, 0);
}

static void expr_seq(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  uint32_t w[5] = {3, 2, 1, fg->fuel >= GEN_COST_ITEMS + 1 ? 1 : 0, 2};
  switch (gen_weighted(r, w, 5)) {
  case 0: expr_list(fg); return;
  case 1: build_items(fg, OP_BUILD_TUPLE); return;
  case 2: push_const_tuple(fg); return;
  case 3: gen_charge(fg, GEN_COST_ITEMS + 1); call_builtin_1(fg, "tuple", K_SEQ); return;
  default: {
    int32_t vi = gen_pick_var(fg, K_SEQ, 0, false);
    if (vi < 0) break;
    gen_load_var(fg, (uint32_t)vi);
    random_slice(fg);
    return;
  }
  }
  leaf_of(fg, K_SEQ, 0);
}

static void expr_dict(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  if (gen_chance(r, 40)) {
    uint32_t n = gen_below(r, 4);
    for (uint32_t i = 0; i < n; i++) {
      push_dict_key(fg);
      gen_expr(fg, K_NUM, 0);
    }
    gc_emit(&fg->c, OP_BUILD_MAP, n);
    return;
  }
  if (gen_chance(r, 10) && gen_charge(fg, 1)) {
    gc_load_global(&fg->c, "dict");
    gc_emit(&fg->c, OP_CALL, 0);
    return;
  }
  leaf_of(fg, K_DICT, 0);
}

static void expr_func(GenFn *fg, uint32_t arity) {
  GenRng *r = &fg->g->rng;
  int32_t leaf = gen_pick_leaf(fg->g, arity, INT64_MAX);
  if (leaf >= 0 && gen_chance(r, 35)) {
    gc_emit(&fg->c, OP_MAKE_FUNCTION, (uint32_t)leaf);
    return;
  }
  leaf_of(fg, K_FUNC, arity);
}

static void expr_any(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  bool call1 = fg->fuel >= 1;
  uint32_t w[10] = {6, 1, 1, call1 ? 1 : 0, call1 ? 1 : 0, call1 ? 1 : 0, 1, call1 ? 1 : 0, 2, 1};
  switch (gen_weighted(r, w, 10)) {
  case 0: {
    static const GenKind kinds[] = {K_INT, K_NUM, K_STR, K_SEQ, K_LIST, K_DICT};
    gen_expr(fg, kinds[gen_below(r, COUNT(kinds))], 0);
    return;
  }
  case 1: push_none(fg); return;
  case 2: { /* a builtin as a value */
    static const char *const names[] = {"len", "print", "ValueError", "int", "KeyError", "abs"};
    gc_load_global(c, names[gen_below(r, COUNT(names))]);
    return;
  }
  case 3: { /* an exception object, not raised */
    static const int classes[] = {B_ValueError, B_KeyError, B_IndexError, B_ZeroDivisionError, B_Exception, B_OverflowError};
    gen_charge(fg, 1);
    gen_exc_class(fg, classes[gen_below(r, COUNT(classes))]);
    if (gen_chance(r, 60)) {
      gen_expr(fg, gen_chance(r, 50) ? K_STR : K_INT, 0);
      gc_emit(c, OP_CALL, 1);
    } else {
      gc_emit(c, OP_CALL, 0);
    }
    return;
  }
  case 4: { /* a dict view */
    static const char *const views[] = {"keys", "values", "items"};
    gen_charge(fg, 1);
    gen_expr(fg, K_DICT, 0);
    gc_load_method(c, views[gen_below(r, 3)]);
    gc_emit(c, OP_CALL, 1);
    return;
  }
  case 5: /* range(k) */
    gen_charge(fg, 1);
    gc_load_global(c, "range");
    push_int(fg, gen_between(r, -1, 8));
    gc_emit(c, OP_CALL, 1);
    return;
  case 6: /* an iterator object */
    gen_expr(fg, gen_chance(r, 50) ? K_SEQ : K_STR, 0);
    gc_emit(c, OP_GET_ITER, 0);
    return;
  case 7: /* s.split() */
    gen_charge(fg, 1);
    gen_expr(fg, K_STR, 0);
    gc_load_method(c, "split");
    gc_emit(c, OP_CALL, 1);
    return;
  case 8: leaf_of(fg, K_ANY, 0); return;
  default:
    if (user_call(fg, K_ANY)) return;
    leaf_of(fg, K_ANY, 0);
    return;
  }
}

void gen_expr(GenFn *fg, GenKind kind, uint32_t arity) {
  if (fg->g->failed) {
    /* keep the stack shape right even after a failure (nothing is emitted) */
    return;
  }
  if (kind == K_FUNC) {
    expr_func(fg, arity);
    return;
  }
  GenRng *r = &fg->g->rng;
  /* Leaves are common at every depth, and the only choice at the deepest. */
  if (at_leaf_depth(fg) || gen_chance(r, fg->expr_depth == 0 ? 30 : 50)) {
    leaf_of(fg, kind, 0);
    return;
  }
  fg->expr_depth++;
  switch (kind) {
  case K_INT: expr_int(fg); break;
  case K_NUM: expr_num(fg); break;
  case K_STR: expr_str(fg); break;
  case K_SEQ: expr_seq(fg); break;
  case K_LIST: expr_list(fg); break;
  case K_DICT: expr_dict(fg); break;
  case K_FUNC:
  case K_ANY:
  case K_COUNT: expr_any(fg); break;
  }
  fg->expr_depth--;
}

/* A value for its truthiness; a real bool when want_bool (not not x). */
static void truth_leaf(GenFn *fg, bool want_bool) {
  leaf_of(fg, gen_chance(&fg->g->rng, 50) ? K_INT : K_ANY, 0);
  if (want_bool) {
    gc_emit(&fg->c, OP_UNARY_NOT, 0);
    gc_emit(&fg->c, OP_UNARY_NOT, 0);
  }
}

void gen_cond(GenFn *fg) { cond_impl(fg, false); }

static void cond_impl(GenFn *fg, bool want_bool) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  if (at_leaf_depth(fg)) {
    truth_leaf(fg, want_bool);
    return;
  }
  fg->expr_depth++;
  uint32_t w[9] = {6, 1, 2, 2, 1, 2, 1, fg->fuel >= 1 ? 1 : 0, 1};
  switch (gen_weighted(r, w, 9)) {
  case 0: /* numbers compared, nan and -0.0 included */
    gen_expr(fg, K_NUM, 0);
    gen_expr(fg, K_NUM, 0);
    gc_emit(c, OP_COMPARE_OP, gen_below(r, CMPOP_COUNT));
    break;
  case 1:
    gen_expr(fg, K_STR, 0);
    gen_expr(fg, K_STR, 0);
    gc_emit(c, OP_COMPARE_OP, gen_below(r, CMPOP_COUNT));
    break;
  case 2: /* membership */
    switch (gen_below(r, 3)) {
    case 0: gen_expr(fg, K_NUM, 0); gen_expr(fg, K_SEQ, 0); break;
    case 1: push_dict_key(fg); gen_expr(fg, K_DICT, 0); break;
    default: push_str(fg, short_strs[gen_below(r, COUNT(short_strs))]); gen_expr(fg, K_STR, 0); break;
    }
    gc_emit(c, OP_CONTAINS_OP, gen_below(r, 2));
    break;
  case 3: { /* identity */
    int32_t vi = gen_pick_var(fg, K_ANY, 0, false);
    if (vi >= 0) gen_load_var(fg, (uint32_t)vi);
    else gen_expr(fg, K_ANY, 0);
    if (gen_chance(r, 50)) push_none(fg);
    else gen_expr(fg, K_ANY, 0);
    gc_emit(c, OP_IS_OP, gen_below(r, 2));
    break;
  }
  case 4: gen_expr(fg, K_ANY, 0); gc_emit(c, OP_UNARY_NOT, 0); break;
  case 5: truth_leaf(fg, want_bool); break;
  case 6: { /* isinstance-like test through CHECK_EXC_MATCH, on any value */
    static const int classes[] = {B_ValueError, B_Exception, B_LookupError, B_ArithmeticError};
    gen_expr(fg, K_ANY, 0);
    gen_exc_class(fg, classes[gen_below(r, COUNT(classes))]);
    gc_emit(c, OP_CHECK_EXC_MATCH, 0);
    gc_emit(c, OP_SWAP, 2);
    gc_emit(c, OP_POP_TOP, 0);
    break;
  }
  case 7: { /* isinstance(x, type) */
    static const char *const types[] = {"int", "float", "bool", "list", "tuple", "str", "dict"};
    gen_charge(fg, 1);
    gc_load_global(c, "isinstance");
    gen_expr(fg, gen_chance(r, 50) ? K_NUM : K_ANY, 0);
    gc_load_global(c, types[gen_below(r, COUNT(types))]);
    gc_emit(c, OP_CALL, 2);
    break;
  }
  default: /* not (a < b): a bool negated */
    gen_expr(fg, K_NUM, 0);
    gen_expr(fg, K_NUM, 0);
    gc_emit(c, OP_COMPARE_OP, gen_below(r, CMPOP_COUNT));
    gc_emit(c, OP_UNARY_NOT, 0);
    break;
  }
  fg->expr_depth--;
}

void gen_other_type(GenFn *fg, GenKind kind, uint32_t arity) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  switch (kind) {
  case K_INT:
    if (gen_chance(r, 60)) push_bool(fg, gen_below(r, 2));
    else push_int(fg, edge_ints[gen_below(r, COUNT(edge_ints))]);
    return;
  case K_NUM:
    switch (gen_below(r, 4)) {
    case 0: push_bool(fg, gen_below(r, 2)); return;
    case 1: push_int(fg, edge_ints[gen_below(r, COUNT(edge_ints))]); return;
    default: push_float(fg, float_const(r)); return;
    }
  case K_STR: push_str(fg, const_strs[gen_below(r, COUNT(const_strs))]); return;
  case K_SEQ:
    if (gen_chance(r, 60)) build_items(fg, OP_BUILD_TUPLE);
    else push_const_tuple(fg);
    return;
  case K_LIST:
    if (gen_chance(r, 40)) {
      gc_emit(c, OP_BUILD_LIST, 0);
      return;
    }
    build_items(fg, OP_BUILD_LIST);
    return;
  case K_DICT: gen_const_of(fg, K_DICT); return;
  case K_FUNC: {
    int32_t leaf = gen_pick_leaf(fg->g, arity, INT64_MAX);
    if (leaf >= 0) gc_emit(c, OP_MAKE_FUNCTION, (uint32_t)leaf);
    else gen_fail(fg->g, "no leaf of arity %u", arity);
    return;
  }
  case K_ANY:
  case K_COUNT: gen_const_of(fg, K_ANY); return;
  }
}
