/* Statements for the program generator: assignments, prints, container
 * methods, globals, branches, loops, try/except, calls, raises, and the
 * composite statements aimed at tier 2: a value that changes type at
 * iteration k of a hot loop, a global function rebound mid-loop, values
 * held on the stack across blocks.
 *
 * Every statement leaves the stack as it found it and never ends in dead
 * code: raise, return, break and continue sit under a condition (sometimes
 * a constant True), so control always reaches the next statement.
 *
 * Fuel: fg->fuel is what the rest of the current block may spend per
 * execution. A loop of T iterations gives its body (fuel / T - 1) and
 * charges T * (body + 1); an if charges the larger branch; a try charges its
 * body, one unit for the caught exception and its handlers. */
#include <math.h>
#include <string.h>

#include "fuzz/gen_internal.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void gen_block_min1(GenFn *fg, int64_t instr_budget);

/* ------------------------------------------------------------ variables */

const char *gen_kind_prefix(GenKind kind) {
  switch (kind) {
  case K_INT: return "n";
  case K_NUM: return "v";
  case K_STR: return "s";
  case K_SEQ: return "q";
  case K_LIST: return "l";
  case K_DICT: return "d";
  case K_FUNC: return "fn";
  case K_ANY:
  case K_COUNT: break;
  }
  return "a";
}

uint32_t gen_add_var(GenFn *fg, GenKind kind, uint32_t arity, bool reserved, const char *prefix) {
  if (fg->nvars >= GEN_MAX_VARS) {
    gen_fail(fg->g, "too many variables");
    return 0;
  }
  char name[GEN_NAME_MAX + 16];
  gen_format_name(name, sizeof name, prefix, fg->nlocal_names++);
  uint32_t slot = gc_local(&fg->c, name);
  GenVar *v = &fg->vars[fg->nvars];
  *v = (GenVar){.slot = slot,
                .kind = kind,
                .arity = arity,
                .fits = fg->g->kinds_fitted[kind <= K_COUNT ? kind : K_COUNT],
                .reserved = reserved,
                .readable = !reserved};
  return fg->nvars++;
}

void gen_load_var(GenFn *fg, uint32_t vi) { gc_emit(&fg->c, OP_LOAD_FAST, fg->vars[vi].slot); }
void gen_store_var(GenFn *fg, uint32_t vi) { gc_emit(&fg->c, OP_STORE_FAST, fg->vars[vi].slot); }

void gen_new_line(GenFn *fg) { gc_line(&fg->c, fg->g->line++); }

static bool vars_full(const GenFn *fg, uint32_t n) { return fg->nvars + n >= GEN_MAX_VARS; }

static bool can_call_user(const GenFn *fg) { return fg->fn->role != ROLE_LEAF; }

/* A random assignable var of any kind but K_FUNC, or -1. */
static int32_t pick_any_assignable(GenFn *fg) {
  uint32_t cand[GEN_MAX_VARS], n = 0;
  for (uint32_t i = 0; i < fg->nvars; i++)
    if (fg->vars[i].readable && !fg->vars[i].reserved && fg->vars[i].kind != K_FUNC) cand[n++] = i;
  return n ? (int32_t)cand[gen_below(&fg->g->rng, n)] : -1;
}

/* Stores the value on top into some var that accepts `kind`, or pops it. */
static void store_somewhere(GenFn *fg, GenKind kind) {
  int32_t vi = gen_pick_var(fg, kind, 0, true);
  if (vi < 0 && kind == K_INT) vi = gen_pick_var(fg, K_NUM, 0, true);
  if (vi < 0) vi = gen_pick_var(fg, K_ANY, 0, true);
  if (vi >= 0 && gen_chance(&fg->g->rng, 85)) gen_store_var(fg, (uint32_t)vi);
  else gc_emit(&fg->c, OP_POP_TOP, 0);
}

/* Keeps ints small (so that arithmetic rarely overflows by accident). */
static void mask_int(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  if (gen_chance(r, 50)) {
    gc_load_const_int(&fg->c, 0xFFFF);
    gc_emit(&fg->c, OP_BINARY_OP, BINOP_AND);
  } else {
    gc_load_const_int(&fg->c, gen_chance(r, 50) ? 1009 : 65521);
    gc_emit(&fg->c, OP_BINARY_OP, BINOP_MOD);
  }
}

/* ------------------------------------------------------------ conditions */

/* Pushes a branch condition; sometimes a constant, so that a guarded raise
 * or return always happens while the code after it stays reachable. */
static void cond_or_const(GenFn *fg, uint32_t const_percent) {
  GenRng *r = &fg->g->rng;
  if (gen_chance(r, const_percent)) gc_emit(&fg->c, OP_LOAD_CONST, gc_const_bool(&fg->c, gen_chance(r, 70)));
  else gen_cond(fg);
}

/* `if cond:` jumping to `skip` when it does not hold. */
static void if_not_goto(GenFn *fg, uint32_t skip, uint32_t const_percent) {
  cond_or_const(fg, const_percent);
  bool invert = gen_chance(&fg->g->rng, 30);
  if (invert) gc_emit(&fg->c, OP_UNARY_NOT, 0);
  gc_jump(&fg->c, invert ? OP_POP_JUMP_IF_TRUE : OP_POP_JUMP_IF_FALSE, skip);
}

/* Loop iteration tests: itvar == (its value at iteration k). */
static void push_iteration_test(GenFn *fg, const GenLoop *lp, uint32_t k, bool from_then_on) {
  GenCode *c = &fg->c;
  gen_load_var(fg, (uint32_t)lp->itvar);
  gc_load_const_int(c, lp->it_first + (int64_t)k * lp->it_step);
  int cmp = CMPOP_EQ;
  if (from_then_on) cmp = lp->it_step > 0 ? CMPOP_GE : CMPOP_LE;
  gc_emit(c, OP_COMPARE_OP, (uint32_t)cmp);
}

static GenLoop *innermost_loop(GenFn *fg) { return fg->nloops ? &fg->loops[fg->nloops - 1] : NULL; }

/* An iteration at which something should change: mostly after the first
 * two (so a trace recorded at a low threshold has run), sometimes never. */
static uint32_t pick_iteration(GenFn *fg, const GenLoop *lp) {
  GenRng *r = &fg->g->rng;
  if (lp->trips <= 1 || gen_chance(r, 8)) return lp->trips + 1;
  if (lp->trips > 3 && gen_chance(r, 75)) return 2 + gen_below(r, lp->trips - 2);
  return gen_below(r, lp->trips);
}

/* ------------------------------------------------------------ try/except */

typedef struct TryCtx {
  uint32_t start, end, handler, after;
  int32_t depth;
} TryCtx;

static void try_begin(GenFn *fg, TryCtx *t) {
  GenCode *c = &fg->c;
  t->start = gc_label(c);
  t->end = gc_label(c);
  t->handler = gc_label(c);
  t->after = gc_label(c);
  t->depth = c->depth;
  gc_bind(c, t->start);
  fg->try_depth++;
  /* the unit a caught exception costs is set aside before the body runs */
  if (!gen_charge(fg, 1)) gen_fail(fg->g, "try without fuel for a caught exception");
}

static const int exc_pool[] = {B_ZeroDivisionError, B_OverflowError, B_IndexError,  B_KeyError,
                               B_TypeError,         B_ValueError,    B_NameError,   B_UnboundLocalError,
                               B_AttributeError,    B_AssertionError, B_RecursionError, B_ArithmeticError,
                               B_LookupError,       B_RuntimeError};

static int random_exc(GenRng *r) { return exc_pool[gen_below(r, COUNT(exc_pool))]; }

/* Handler body: record the exception somewhere visible. */
static void handler_body(GenFn *fg, bool bound) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  uint32_t what = gen_below(r, 6);
  if (what <= 1 && fg->fuel >= 2) { /* print('caught', repr(e)) */
    gen_charge(fg, 2);
    gc_load_global(c, "print");
    gc_emit(c, OP_LOAD_CONST, gc_const_str(c, "caught"));
    gc_load_global(c, what == 0 ? "repr" : "str");
    if (bound) gen_load_var(fg, fg->exc_slot);
    else gc_emit(c, OP_LOAD_CONST, gc_const_none(c));
    gc_emit(c, OP_CALL, 1);
    gc_emit(c, OP_CALL, 2);
    gc_emit(c, OP_POP_TOP, 0);
  } else if (what == 2 && fg->nest < GEN_MAX_NEST) {
    gen_block(fg, 4 + gen_below(r, 8));
  } else if (what == 3) {
    int32_t vi = gen_pick_var(fg, K_NUM, 0, true);
    if (vi >= 0) { /* count the exceptions in some number */
      gen_load_var(fg, (uint32_t)vi);
      gc_load_const_int(c, 1);
      gc_emit(c, OP_BINARY_OP, BINOP_INPLACE_BASE + BINOP_ADD);
      gen_store_var(fg, (uint32_t)vi);
    } else {
      gc_emit(c, OP_NOP, 0);
    }
  } else if (fg->nest < GEN_MAX_NEST) {
    fg->nest++;
    gen_statement(fg);
    fg->nest--;
  } else {
    gc_emit(c, OP_NOP, 0);
  }
  if (bound && gen_chance(r, 25)) { /* CPython's `del e` after a handler */
    gen_load_var(fg, fg->exc_slot);
    gc_emit(c, OP_POP_TOP, 0);
    gc_emit(c, OP_DELETE_FAST, fg->vars[fg->exc_slot].slot);
    gc_emit(c, OP_LOAD_CONST, gc_const_none(c));
    gen_store_var(fg, fg->exc_slot);
  }
}

/* Ends the try body and emits the handlers: `hint` (the exception the body
 * is likely to raise, or -1) is usually among the clauses; a catch-all may
 * follow; an exception no clause matches is re-raised. */
static void try_end(GenFn *fg, TryCtx *t, int hint) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  fg->try_depth--;
  if (c->len == c->labels[t->start].offset) gc_emit(c, OP_NOP, 0); /* a range is never empty */
  gc_bind(c, t->end);
  if (gen_chance(r, 15) && fg->nest < GEN_MAX_NEST) gen_block(fg, 3 + gen_below(r, 6)); /* else: */
  gc_jump(c, OP_JUMP_FORWARD, t->after);
  gc_handler(c, t->start, t->end, t->handler, (uint32_t)t->depth);
  gc_bind_at_depth(c, t->handler, t->depth + 1);
  uint32_t nclauses = 1 + gen_below(r, 2);
  bool catch_all = gen_chance(r, 75);
  for (uint32_t i = 0; i < nclauses + (catch_all ? 1 : 0); i++) {
    uint32_t next = gc_label(c);
    bool last_all = catch_all && i == nclauses;
    if (last_all) {
      gen_exc_class(fg, gen_chance(r, 85) ? B_Exception : B_BaseException);
    } else if (gen_chance(r, 20)) { /* except (A, B): */
      gen_exc_class(fg, hint >= 0 && gen_chance(r, 70) ? hint : random_exc(r));
      gen_exc_class(fg, random_exc(r));
      gc_emit(c, OP_BUILD_TUPLE, 2);
    } else {
      gen_exc_class(fg, hint >= 0 && i == 0 && gen_chance(r, 80) ? hint : random_exc(r));
    }
    gc_emit(c, OP_CHECK_EXC_MATCH, 0);
    gc_jump(c, OP_POP_JUMP_IF_FALSE, next);
    bool bound = gen_chance(r, 60);
    if (bound) gen_store_var(fg, fg->exc_slot);
    else gc_emit(c, OP_POP_TOP, 0);
    handler_body(fg, bound);
    gc_jump(c, OP_JUMP_FORWARD, t->after);
    gc_bind(c, next);
  }
  gc_emit(c, OP_RAISE, 0); /* no clause matched: re-raise */
  gc_bind(c, t->after);
}

/* ------------------------------------------------------------ simple statements */

static void st_assign(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  int32_t vi = pick_any_assignable(fg);
  if (vi < 0) {
    gc_emit(&fg->c, OP_NOP, 0);
    return;
  }
  GenKind kind = fg->vars[vi].kind;
  gen_expr(fg, kind, 0);
  if (kind == K_INT && gen_chance(r, 50)) mask_int(fg);
  if (gen_chance(r, 12)) { /* a = b = expr */
    int32_t other = gen_pick_var(fg, kind, 0, true);
    if (other >= 0) {
      gc_emit(&fg->c, OP_COPY, 1);
      gen_store_var(fg, (uint32_t)other);
    }
  }
  gen_store_var(fg, (uint32_t)vi);
}

/* v = v op expr, the body of most hot loops. */
static void st_augment(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  int32_t vi = gen_pick_var(fg, gen_chance(r, 50) ? K_INT : K_NUM, 0, true);
  if (vi < 0) {
    st_assign(fg);
    return;
  }
  GenKind kind = fg->vars[vi].kind;
  gen_load_var(fg, (uint32_t)vi);
  uint32_t inplace = gen_chance(r, 40) ? BINOP_INPLACE_BASE : 0;
  if (kind == K_INT) {
    static const uint32_t ops[] = {BINOP_ADD, BINOP_SUB, BINOP_XOR, BINOP_MUL, BINOP_ADD};
    uint32_t op = ops[gen_below(r, COUNT(ops))];
    if (op == BINOP_MUL) gc_load_const_int(c, gen_between(r, 2, 31));
    else gen_expr(fg, K_INT, 0);
    gc_emit(c, OP_BINARY_OP, op + inplace);
    if (gen_chance(r, 70)) mask_int(fg);
  } else {
    static const uint32_t ops[] = {BINOP_ADD, BINOP_SUB, BINOP_MUL, BINOP_TRUEDIV, BINOP_ADD};
    uint32_t op = ops[gen_below(r, COUNT(ops))];
    if (op == BINOP_MUL) gc_emit(c, OP_LOAD_CONST, gc_const_float(c, gen_chance(r, 50) ? 0.5 : 1.5));
    else if (op == BINOP_TRUEDIV) gc_emit(c, OP_LOAD_CONST, gc_const_float(c, gen_chance(r, 50) ? 2.0 : 3.0));
    else gen_expr(fg, K_NUM, 0);
    gc_emit(c, OP_BINARY_OP, op + inplace);
  }
  gen_store_var(fg, (uint32_t)vi);
}

static void st_print(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  if (!gen_charge(fg, 1)) {
    st_augment(fg);
    return;
  }
  gc_load_global(c, "print");
  uint32_t n = gen_below(r, 4);
  for (uint32_t i = 0; i < n; i++) {
    static const GenKind kinds[] = {K_INT, K_NUM, K_STR, K_SEQ, K_DICT, K_ANY, K_NUM};
    gen_expr(fg, kinds[gen_below(r, COUNT(kinds))], 0);
  }
  if (gen_chance(r, 25)) { /* print(..., sep=..., end=...) */
    static const char *const seps[] = {"", ", ", "|", "\xc2\xb7"};
    static const char *const ends[] = {"\n", ";\n", " end\n", "\n\n"};
    uint32_t which = gen_below(r, 3);
    Const names[2];
    uint32_t nkw = 0;
    if (which != 1) {
      gc_emit(c, OP_LOAD_CONST, gc_const_str(c, seps[gen_below(r, COUNT(seps))]));
      names[nkw++] = (Const){.kind = CK_STR, .as.s = {.len = 3, .data = (char *)(uintptr_t) "sep"}};
    }
    if (which != 0) {
      gc_emit(c, OP_LOAD_CONST, gc_const_str(c, ends[gen_below(r, COUNT(ends))]));
      names[nkw++] = (Const){.kind = CK_STR, .as.s = {.len = 3, .data = (char *)(uintptr_t) "end"}};
    }
    Const kw = {.kind = CK_TUPLE, .as.t = {.len = nkw, .items = names}};
    gc_emit(c, OP_LOAD_CONST, gc_const(c, &kw));
    gc_emit(c, OP_CALL_KW, n + nkw);
  } else {
    gc_emit(c, OP_CALL, n);
  }
  gc_emit(c, OP_POP_TOP, 0);
}

/* Rebinds a global that only ever holds leaves (an alias, a leaf's name) to
 * another leaf of the same arity, or to a new function object. */
static bool rebind_function_global(GenFn *fg) {
  Gen *g = fg->g;
  GenRng *r = &g->rng;
  uint32_t cand[GEN_MAX_GLOBALS], n = 0;
  for (uint32_t i = 0; i < g->nglobals; i++)
    if (g->globals[i].kind == K_FUNC && g->globals[i].callable_from_all) cand[n++] = i;
  if (n == 0) return false;
  const GenGlobal *gl = &g->globals[cand[gen_below(r, n)]];
  int32_t leaf = gen_pick_leaf(g, gl->arity, INT64_MAX);
  if (leaf < 0) return false;
  if (gen_chance(r, 50)) gc_emit(&fg->c, OP_MAKE_FUNCTION, (uint32_t)leaf);
  else gc_load_global(&fg->c, g->funcs[leaf].name);
  gc_store_global(&fg->c, gl->name);
  return true;
}

static void st_global(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  if (gen_chance(r, 15) && rebind_function_global(fg)) return;
  uint32_t cand[GEN_MAX_GLOBALS], n = 0;
  for (uint32_t i = 0; i < fg->g->nglobals; i++)
    if (fg->g->globals[i].kind != K_FUNC) cand[n++] = i;
  if (n == 0) {
    st_assign(fg);
    return;
  }
  const GenGlobal *gl = &fg->g->globals[cand[gen_below(r, n)]];
  switch (gen_below(r, 4)) {
  case 0: /* del g; g = const (NameError-free: nothing runs in between) */
    gc_emit(c, OP_DELETE_GLOBAL, gc_name(c, gl->name));
    gen_const_of(fg, gl->kind);
    gc_store_global(c, gl->name);
    return;
  case 1:
    if (gl->kind == K_INT || gl->kind == K_NUM) { /* g = g + expr */
      gc_load_global(c, gl->name);
      gen_expr(fg, gl->kind, 0);
      gc_emit(c, OP_BINARY_OP, gen_chance(r, 50) ? BINOP_ADD : BINOP_INPLACE_BASE + BINOP_SUB);
      if (gl->kind == K_INT) mask_int(fg);
      gc_store_global(c, gl->name);
      return;
    }
    break;
  case 2: /* read it into a local */
    gc_load_global(c, gl->name);
    store_somewhere(fg, gl->kind);
    return;
  default: break;
  }
  gen_expr(fg, gl->kind, 0);
  if (gl->kind == K_INT && gen_chance(r, 50)) mask_int(fg);
  gc_store_global(c, gl->name);
}

/* Pushes a LIST value that statements may mutate (a local or a global). */
static bool push_list_target(GenFn *fg, int32_t *vi, int32_t *gi) {
  *vi = gen_pick_var(fg, K_LIST, 0, false);
  *gi = -1;
  if (*vi < 0 || gen_chance(&fg->g->rng, 20)) {
    *gi = gen_pick_global(fg, K_LIST, 0);
    if (*gi >= 0) *vi = -1;
  }
  return *vi >= 0 || *gi >= 0;
}

static void load_list(GenFn *fg, int32_t vi, int32_t gi) {
  if (vi >= 0) gen_load_var(fg, (uint32_t)vi);
  else gc_load_global(&fg->c, fg->g->globals[gi].name);
}

/* if len(l) < limit: (jumps to skip otherwise) */
static void guard_len_below(GenFn *fg, int32_t vi, int32_t gi, int64_t limit, uint32_t skip) {
  gc_load_global(&fg->c, "len");
  load_list(fg, vi, gi);
  gc_emit(&fg->c, OP_CALL, 1);
  gc_load_const_int(&fg->c, limit);
  gc_emit(&fg->c, OP_COMPARE_OP, CMPOP_LT);
  gc_jump(&fg->c, OP_POP_JUMP_IF_FALSE, skip);
}

/* List methods and subscripts; growth only below GEN_SEQ_MAX items. */
static void st_list(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  int32_t vi, gi;
  if (fg->fuel < GEN_COST_ITEMS + 3 || !push_list_target(fg, &vi, &gi)) {
    st_augment(fg);
    return;
  }
  uint32_t skip = gc_label(c);
  bool guarded = true;
  gen_charge(fg, 2);
  switch (gen_below(r, 12)) {
  case 0: /* l.append(x) */
    guard_len_below(fg, vi, gi, GEN_SEQ_MAX, skip);
    load_list(fg, vi, gi);
    gc_load_method(c, "append");
    gen_expr(fg, K_NUM, 0);
    gc_emit(c, OP_CALL, 2);
    gc_emit(c, OP_POP_TOP, 0);
    break;
  case 1: /* if l: x = l.pop() / l.pop(0) */
    load_list(fg, vi, gi);
    gc_jump(c, OP_POP_JUMP_IF_FALSE, skip);
    load_list(fg, vi, gi);
    gc_load_method(c, "pop");
    if (gen_chance(r, 50)) {
      gc_emit(c, OP_CALL, 1);
    } else {
      gc_load_const_int(c, gen_chance(r, 50) ? 0 : -1);
      gc_emit(c, OP_CALL, 2);
    }
    store_somewhere(fg, K_NUM);
    break;
  case 2: /* l.insert(i, x) */
    guard_len_below(fg, vi, gi, GEN_SEQ_MAX, skip);
    load_list(fg, vi, gi);
    gc_load_method(c, "insert");
    gen_expr(fg, K_INT, 0);
    gen_expr(fg, K_NUM, 0);
    gc_emit(c, OP_CALL, 3);
    gc_emit(c, OP_POP_TOP, 0);
    break;
  case 3: /* l.extend(seq[:8]) */
    guard_len_below(fg, vi, gi, GEN_SEQ_MAX - 8, skip);
    gen_charge(fg, GEN_COST_ITEMS);
    load_list(fg, vi, gi);
    gc_load_method(c, "extend");
    gen_expr(fg, K_SEQ, 0);
    gc_load_const_int(c, 0);
    gc_load_const_int(c, 8);
    gc_emit(c, OP_LOAD_CONST, gc_const_none(c));
    gc_emit(c, OP_BINARY_SLICE, 0);
    gc_emit(c, OP_CALL, 2);
    gc_emit(c, OP_POP_TOP, 0);
    break;
  case 4: /* if l: l[i % len(l)] = x  (an index in range: STORE_SUBSCR_LIST_INT) */
    load_list(fg, vi, gi);
    gc_jump(c, OP_POP_JUMP_IF_FALSE, skip);
    gen_expr(fg, K_NUM, 0);
    load_list(fg, vi, gi);
    gen_expr(fg, K_INT, 0);
    gc_load_global(c, "len");
    load_list(fg, vi, gi);
    gc_emit(c, OP_CALL, 1);
    gc_emit(c, OP_BINARY_OP, BINOP_MOD);
    if (gen_chance(r, 30)) gc_emit(c, OP_UNARY_NEGATIVE, 0); /* -(i % n) is in range too */
    gc_emit(c, OP_STORE_SUBSCR, 0);
    break;
  case 5: /* if l: del l[0] / l[-1] */
    load_list(fg, vi, gi);
    gc_jump(c, OP_POP_JUMP_IF_FALSE, skip);
    load_list(fg, vi, gi);
    gc_load_const_int(c, gen_chance(r, 50) ? 0 : -1);
    gc_emit(c, OP_DELETE_SUBSCR, 0);
    break;
  case 6: /* l.reverse() / l.sort() */
    gen_charge(fg, GEN_COST_ITEMS);
    load_list(fg, vi, gi);
    gc_load_method(c, gen_chance(r, 50) ? "reverse" : "sort");
    gc_emit(c, OP_CALL, 1);
    gc_emit(c, OP_POP_TOP, 0);
    guarded = false;
    break;
  case 7: /* l += [x] (in place) */
    guard_len_below(fg, vi, gi, GEN_SEQ_MAX, skip);
    load_list(fg, vi, gi);
    gen_expr(fg, K_NUM, 0);
    gc_emit(c, OP_BUILD_LIST, 1);
    gc_emit(c, OP_BINARY_OP, BINOP_INPLACE_BASE + BINOP_ADD);
    if (vi >= 0) gen_store_var(fg, (uint32_t)vi);
    else gc_store_global(c, fg->g->globals[gi].name);
    break;
  case 8: /* l *= 2 (in place), short lists only */
    guard_len_below(fg, vi, gi, GEN_SEQ_MAX / 2, skip);
    load_list(fg, vi, gi);
    gc_load_const_int(c, gen_chance(r, 80) ? 2 : 0);
    gc_emit(c, OP_BINARY_OP, BINOP_INPLACE_BASE + BINOP_MUL);
    if (vi >= 0) gen_store_var(fg, (uint32_t)vi);
    else gc_store_global(c, fg->g->globals[gi].name);
    break;
  case 9: /* x = l[i] with any index: IndexError, negative indices */
  case 10:
    load_list(fg, vi, gi);
    if (fg->try_depth > 0 || gen_chance(r, 1)) {
      gen_expr(fg, K_INT, 0);
    } else { /* l[-1] when non-empty */
      gc_jump(c, OP_POP_JUMP_IF_FALSE, skip);
      load_list(fg, vi, gi);
      gc_load_const_int(c, gen_chance(r, 50) ? -1 : 0);
    }
    gc_emit(c, OP_BINARY_SUBSCR, 0);
    store_somewhere(fg, K_NUM);
    break;
  default: /* l.index(x): ValueError when absent */
    gen_charge(fg, GEN_COST_ITEMS);
    if (fg->try_depth == 0 && !gen_chance(r, 1)) {
      load_list(fg, vi, gi);
      gc_load_method(c, "reverse");
      gc_emit(c, OP_CALL, 1);
      gc_emit(c, OP_POP_TOP, 0);
    } else {
      load_list(fg, vi, gi);
      gc_load_method(c, "index");
      gen_expr(fg, K_NUM, 0);
      gc_emit(c, OP_CALL, 2);
      store_somewhere(fg, K_INT);
    }
    guarded = false;
    break;
  }
  if (guarded) gc_bind(c, skip);
}

static void st_dict(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  int32_t vi = gen_pick_var(fg, K_DICT, 0, false), gi = -1;
  if (vi < 0 || gen_chance(r, 25)) {
    gi = gen_pick_global(fg, K_DICT, 0);
    if (gi >= 0) vi = -1;
  }
  if ((vi < 0 && gi < 0) || fg->fuel < 3) {
    st_assign(fg);
    return;
  }
#define LOAD_D() (vi >= 0 ? gen_load_var(fg, (uint32_t)vi) : gc_load_global(c, fg->g->globals[gi].name))
  switch (gen_below(r, 6)) {
  case 0: /* d[k] = x */
    gen_expr(fg, K_NUM, 0);
    LOAD_D();
    gen_expr(fg, K_INT, 0);
    if (gen_chance(r, 70)) { /* keys from the pool keep dicts small */
      gc_emit(c, OP_POP_TOP, 0);
      gc_emit(c, OP_LOAD_CONST, gc_const_str(c, gen_chance(r, 50) ? "a" : "k"));
    } else {
      gc_load_const_int(c, 3);
      gc_emit(c, OP_BINARY_OP, BINOP_MOD); /* int keys 0..2 */
    }
    gc_emit(c, OP_STORE_SUBSCR, 0);
    return;
  case 1: { /* d[k] = d.get(k, 0) + 1 */
    gen_charge(fg, 1);
    static const char *const keys[] = {"a", "b", "k"};
    const char *key = keys[gen_below(r, 3)];
    LOAD_D();
    gc_load_method(c, "get");
    gc_emit(c, OP_LOAD_CONST, gc_const_str(c, key));
    gc_load_const_int(c, 0);
    gc_emit(c, OP_CALL, 3);
    gc_load_const_int(c, 1);
    gc_emit(c, OP_BINARY_OP, BINOP_ADD);
    LOAD_D();
    gc_emit(c, OP_LOAD_CONST, gc_const_str(c, key));
    gc_emit(c, OP_STORE_SUBSCR, 0);
    return;
  }
  case 2: /* x = d.pop(k, default) */
    gen_charge(fg, 1);
    LOAD_D();
    gc_load_method(c, "pop");
    gc_emit(c, OP_LOAD_CONST, gc_const_str(c, gen_chance(r, 50) ? "a" : "b"));
    gen_expr(fg, K_NUM, 0);
    gc_emit(c, OP_CALL, 3);
    store_somewhere(fg, K_NUM);
    return;
  case 3: { /* if k in d: del d[k]   /   del d[k] (KeyError) */
    uint32_t skip = gc_label(c);
    bool risky = fg->try_depth > 0 && gen_chance(r, 60);
    if (!risky) {
      gc_emit(c, OP_LOAD_CONST, gc_const_str(c, "a"));
      LOAD_D();
      gc_emit(c, OP_CONTAINS_OP, 0);
      gc_jump(c, OP_POP_JUMP_IF_FALSE, skip);
    }
    LOAD_D();
    gc_emit(c, OP_LOAD_CONST, gc_const_str(c, "a"));
    gc_emit(c, OP_DELETE_SUBSCR, 0);
    gc_bind(c, skip);
    return;
  }
  case 4: /* x = d[k]: KeyError unless present */
    if (fg->try_depth > 0 || gen_chance(r, 1)) {
      LOAD_D();
      gc_emit(c, OP_LOAD_CONST, gc_const_str(c, gen_chance(r, 50) ? "a" : "k"));
      gc_emit(c, OP_BINARY_SUBSCR, 0);
      store_somewhere(fg, K_NUM);
      return;
    }
    break;
  default: break;
  }
  /* len(d) and the views */
  gen_charge(fg, 2);
  gc_load_global(c, "len");
  LOAD_D();
  gc_load_method(c, gen_chance(r, 50) ? "keys" : "items");
  gc_emit(c, OP_CALL, 1);
  gc_emit(c, OP_CALL, 1);
  store_somewhere(fg, K_INT);
#undef LOAD_D
}

/* a, b = b, a / a, b, c = (x, y, z) / a, b = 'xy' */
static void st_unpack(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  int32_t a = pick_any_assignable(fg);
  if (a < 0) {
    gc_emit(c, OP_NOP, 0);
    return;
  }
  GenKind kind = fg->vars[a].kind;
  int32_t b = gen_pick_var(fg, kind, 0, true);
  if (b < 0) b = a;
  switch (gen_below(r, 4)) {
  case 0: /* swap through SWAP */
    gen_load_var(fg, (uint32_t)a);
    gen_load_var(fg, (uint32_t)b);
    gc_emit(c, OP_SWAP, 2);
    gen_store_var(fg, (uint32_t)b);
    gen_store_var(fg, (uint32_t)a);
    return;
  case 1: { /* through a tuple or list of exactly n items */
    uint32_t n = 2 + gen_below(r, 2);
    int32_t targets[3] = {a, b, -1};
    targets[2] = pick_any_assignable(fg);
    if (targets[2] < 0) n = 2;
    for (uint32_t i = 0; i < n; i++) gen_expr(fg, fg->vars[targets[i]].kind, 0);
    gc_emit(c, gen_chance(r, 70) ? OP_BUILD_TUPLE : OP_BUILD_LIST, n);
    gc_emit(c, OP_UNPACK_SEQUENCE, n);
    for (uint32_t i = 0; i < n; i++) gen_store_var(fg, (uint32_t)targets[i]);
    return;
  }
  case 2: { /* a str of two characters */
    int32_t s1 = gen_pick_var(fg, K_STR, 0, true), s2 = gen_pick_var(fg, K_STR, 0, true);
    if (s1 < 0) break;
    if (s2 < 0) s2 = s1;
    gc_emit(c, OP_LOAD_CONST, gc_const_str(c, gen_chance(r, 50) ? "xy" : "\xc3\xa9!"));
    gc_emit(c, OP_UNPACK_SEQUENCE, 2);
    gen_store_var(fg, (uint32_t)s1);
    gen_store_var(fg, (uint32_t)s2);
    return;
  }
  default: /* a sequence of unknown length: ValueError */
    if (fg->try_depth > 0) {
      int32_t n1 = gen_pick_var(fg, K_NUM, 0, true), n2 = gen_pick_var(fg, K_NUM, 0, true);
      if (n1 < 0) break;
      if (n2 < 0) n2 = n1;
      gen_expr(fg, K_SEQ, 0);
      gc_emit(c, OP_UNPACK_SEQUENCE, 2);
      gen_store_var(fg, (uint32_t)n1);
      gen_store_var(fg, (uint32_t)n2);
      return;
    }
    break;
  }
  gen_load_var(fg, (uint32_t)a);
  gen_load_var(fg, (uint32_t)b);
  gen_store_var(fg, (uint32_t)a);
  gen_store_var(fg, (uint32_t)b);
}

/* if cond: raise X("...")  (the condition is sometimes constant True) */
static int st_raise(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  uint32_t skip = gc_label(c);
  if_not_goto(fg, skip, 40);
  int exc = random_exc(r);
  switch (gen_below(r, 8)) {
  case 0: /* raise Class */
    gen_exc_class(fg, exc);
    break;
  case 1: /* raise the last caught exception (or None: TypeError) */
    gen_load_var(fg, fg->exc_slot);
    exc = B_TypeError;
    break;
  case 2: /* a name that is bound nowhere: NameError */
    gc_load_global(c, "undefined_name");
    gc_emit(c, OP_POP_TOP, 0);
    gen_exc_class(fg, B_AssertionError);
    exc = B_NameError;
    break;
  default: /* raise Class(msg) */
    if (!gen_charge(fg, 1)) {
      gen_exc_class(fg, exc);
      break;
    }
    gen_exc_class(fg, exc);
    gen_expr(fg, gen_chance(r, 70) ? K_STR : K_INT, 0);
    gc_emit(c, OP_CALL, 1);
    break;
  }
  gc_emit(c, OP_RAISE, 0);
  gc_bind(c, skip);
  return exc;
}

/* del v, then bind it again (reading it in between raises UnboundLocalError). */
static void st_del_local(GenFn *fg) {
  GenCode *c = &fg->c;
  int32_t vi = pick_any_assignable(fg);
  if (vi < 0) {
    gc_emit(c, OP_NOP, 0);
    return;
  }
  gc_emit(c, OP_DELETE_FAST, fg->vars[vi].slot);
  if (fg->try_depth > 0 && fg->fuel >= 1 && gen_chance(&fg->g->rng, 30)) {
    /* the read raises; the handler's code must not rely on vi, so bind it
     * first in a nested try of its own */
    TryCtx t;
    try_begin(fg, &t);
    gen_load_var(fg, (uint32_t)vi);
    gc_emit(c, OP_POP_TOP, 0);
    gen_const_of(fg, fg->vars[vi].kind == K_FUNC ? K_ANY : fg->vars[vi].kind);
    gen_store_var(fg, (uint32_t)vi);
    fg->try_depth--;
    gc_bind(c, t.end);
    gc_jump(c, OP_JUMP_FORWARD, t.after);
    gc_handler(c, t.start, t.end, t.handler, (uint32_t)t.depth);
    gc_bind_at_depth(c, t.handler, t.depth + 1);
    gc_emit(c, OP_POP_TOP, 0);
    gc_bind(c, t.after);
  }
  gen_const_of(fg, fg->vars[vi].kind);
  gen_store_var(fg, (uint32_t)vi);
}

/* Special floats and bool/int mixing, compared and printed. */
static void st_special(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  if (!gen_charge(fg, 1)) {
    gc_emit(c, OP_NOP, 0);
    return;
  }
  static const double specials[] = {0.0, -0.0, 1.0, -1.0, 1e308, 5e-324};
  gc_load_global(c, "print");
  uint32_t n = 1 + gen_below(r, 3);
  for (uint32_t i = 0; i < n; i++) {
    for (uint32_t side = 0; side < 2; side++) {
      switch (gen_below(r, 6)) {
      case 0: gc_emit(c, OP_LOAD_CONST, gc_const_float(c, NAN)); break;
      case 1: gc_emit(c, OP_LOAD_CONST, gc_const_float(c, specials[gen_below(r, COUNT(specials))])); break;
      case 2: gc_emit(c, OP_LOAD_CONST, gc_const_bool(c, gen_chance(r, 50))); break;
      case 3: gc_load_const_int(c, gen_between(r, -1, 2)); break;
      case 4: gc_emit(c, OP_LOAD_CONST, gc_const_float(c, INFINITY)); break;
      default: gen_expr(fg, K_NUM, 0); break;
      }
    }
    if (gen_chance(r, 70)) {
      gc_emit(c, OP_COMPARE_OP, gen_below(r, CMPOP_COUNT));
    } else {
      static const uint32_t ops[] = {BINOP_ADD, BINOP_SUB, BINOP_MUL};
      gc_emit(c, OP_BINARY_OP, ops[gen_below(r, COUNT(ops))]);
    }
  }
  gc_emit(c, OP_CALL, n);
  gc_emit(c, OP_POP_TOP, 0);
}

/* Arithmetic that raises, inside a try of its own: overflow near 2**63,
 * division or modulo by zero, a negative shift count, 0.0 ** -1. */
static void st_arith_error(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  if (fg->fuel < 1) {
    st_augment(fg);
    return;
  }
  TryCtx t;
  try_begin(fg, &t);
  int32_t vi = gen_pick_var(fg, gen_chance(r, 50) ? K_INT : K_NUM, 0, true);
  int hint = B_OverflowError;
  switch (gen_below(r, 3)) {
  case 0: { /* division by zero, int or float */
    static const uint32_t ops[] = {BINOP_TRUEDIV, BINOP_FLOORDIV, BINOP_MOD, BINOP_INPLACE_BASE + BINOP_TRUEDIV};
    gen_expr(fg, K_NUM, 0);
    if (gen_chance(r, 60)) gc_load_const_int(c, 0);
    else gc_emit(c, OP_LOAD_CONST, gc_const_float(c, gen_chance(r, 50) ? 0.0 : -0.0));
    gc_emit(c, OP_BINARY_OP, ops[gen_below(r, COUNT(ops))]);
    hint = B_ZeroDivisionError;
    break;
  }
  case 1: /* a negative shift count, or 0 ** -1 */
    if (gen_chance(r, 50)) {
      gen_expr(fg, K_INT, 0);
      gc_load_const_int(c, -gen_between(r, 1, 3));
      gc_emit(c, OP_BINARY_OP, gen_chance(r, 50) ? BINOP_LSHIFT : BINOP_RSHIFT);
      hint = B_ValueError;
    } else {
      gc_emit(c, OP_LOAD_CONST, gc_const_float(c, 0.0));
      gc_load_const_int(c, -1);
      gc_emit(c, OP_BINARY_OP, BINOP_POW);
      hint = B_ZeroDivisionError;
    }
    break;
  default: { /* overflow */
    static const int64_t big[] = {INT64_MAX, INT64_MAX - 3, INT64_MIN, (int64_t)1 << 62, 3037000500};
    gc_load_const_int(c, big[gen_below(r, COUNT(big))]);
    if (gen_chance(r, 50)) gen_expr(fg, K_INT, 0);
    else gc_load_const_int(c, gen_between(r, -3, 5));
    static const uint32_t ops[] = {BINOP_ADD, BINOP_SUB, BINOP_MUL, BINOP_LSHIFT, BINOP_POW, BINOP_FLOORDIV};
    gc_emit(c, OP_BINARY_OP, ops[gen_below(r, COUNT(ops))]);
    if (gen_chance(r, 30)) gc_emit(c, OP_UNARY_NEGATIVE, 0);
    break;
  }
  }
  if (vi >= 0) gen_store_var(fg, (uint32_t)vi);
  else gc_emit(c, OP_POP_TOP, 0);
  try_end(fg, &t, hint);
}

/* ------------------------------------------------------------ calls */

/* r = f(args) or print(f(args)) for global gi, whose call the fuel covers. */
static void call_global(GenFn *fg, uint32_t gi) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  const GenGlobal *gl = &fg->g->globals[gi];
  if (!gen_charge(fg, gl->cost + 1)) gen_fail(fg->g, "call of %s without fuel", gl->name);
  bool print_it = gen_chance(r, 30) && gen_charge(fg, 1);
  if (print_it) gc_load_global(c, "print");
  gc_load_global(c, gl->name);
  gen_call_args(fg, (uint32_t)gi);
  gc_emit(c, OP_CALL, gl->callable_from_all ? gl->arity : fg->g->funcs[gl->func].arity);
  if (print_it) {
    gc_emit(c, OP_CALL, 1);
    gc_emit(c, OP_POP_TOP, 0);
    return;
  }
  GenKind ret = gl->callable_from_all ? K_NUM : (GenKind)fg->g->funcs[gl->func].ret_kind;
  store_somewhere(fg, ret);
}

static void st_call(GenFn *fg) {
  int32_t gi = can_call_user(fg) ? gen_pick_callee(fg, fg->fuel) : -1;
  if (gi < 0) st_print(fg);
  else call_global(fg, (uint32_t)gi);
}

/* try: r = deep(1100) except RecursionError: ...  for global gi */
static bool deep_call(GenFn *fg, uint32_t gi) {
  const GenGlobal *gl = &fg->g->globals[gi];
  const GenFunc *f = &fg->g->funcs[gl->func];
  if (f->role != ROLE_DEEP || !f->done || fg->fuel < gl->cost + 8 || !can_call_user(fg)) return false;
  TryCtx t;
  try_begin(fg, &t);
  gen_charge(fg, gl->cost + 1);
  gc_load_global(&fg->c, gl->name);
  gc_load_const_int(&fg->c, f->rec_max);
  for (uint32_t i = 1; i < f->arity; i++) gen_expr(fg, (GenKind)f->param_kind[i], 0);
  gc_emit(&fg->c, OP_CALL, f->arity);
  store_somewhere(fg, (GenKind)f->ret_kind);
  try_end(fg, &t, B_RecursionError);
  return true;
}

static bool st_deep_call(GenFn *fg) {
  Gen *g = fg->g;
  for (uint32_t gi = 0; gi < g->nglobals; gi++) {
    const GenGlobal *gl = &g->globals[gi];
    if (gl->kind != K_FUNC || gl->callable_from_all || gl->func <= (int32_t)fg->index) continue;
    if (deep_call(fg, gi)) return true;
  }
  return false;
}

/* ------------------------------------------------------------ blocks */

static void st_if(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  uint32_t other = gc_label(c), end = gc_label(c);
  if_not_goto(fg, other, 3);
  int64_t before = fg->fuel;
  gen_block(fg, 3 + gen_below(r, 12));
  int64_t then_used = before - fg->fuel;
  if (gen_chance(r, 55)) {
    gc_jump(c, OP_JUMP_FORWARD, end);
    gc_bind(c, other);
    fg->fuel = before;
    if (gen_chance(r, 30) && fg->nest + 1 < GEN_MAX_NEST) {
      fg->nest++;
      st_if(fg); /* elif */
      fg->nest--;
    } else {
      gen_block(fg, 3 + gen_below(r, 10));
    }
    int64_t else_used = before - fg->fuel;
    fg->fuel = before - (then_used > else_used ? then_used : else_used);
    gc_bind(c, end);
  } else {
    gc_bind(c, other);
  }
}

static void st_try(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  if (fg->fuel < 3) {
    st_assign(fg);
    return;
  }
  TryCtx t;
  try_begin(fg, &t);
  int hint = -1;
  if (gen_chance(r, 50)) hint = st_raise(fg);
  gen_block(fg, 3 + gen_below(r, 14));
  if (gen_chance(r, 30)) hint = st_raise(fg);
  try_end(fg, &t, hint);
}

/* ------------------------------------------------------------ loops */

/* Fuel for a loop, and its trip count: mostly a few iterations, sometimes
 * hundreds (hot at the default tier-2 threshold). */
static uint32_t pick_trips(GenFn *fg, int64_t alloc) {
  GenRng *r = &fg->g->rng;
  uint32_t p = gen_below(r, 100), t;
  if (p < 8) t = gen_below(r, 2);
  else if (p < 55) t = (uint32_t)gen_between(r, 2, 8);
  else if (p < 80) t = (uint32_t)gen_between(r, 9, 40);
  else t = (uint32_t)gen_between(r, 100, 400);
  if ((int64_t)t > alloc / 2) t = (uint32_t)(alloc / 2);
  return t;
}

static int64_t loop_alloc(GenFn *fg) {
  int64_t pct = gen_between(&fg->g->rng, 30, 90);
  return fg->fuel * pct / 100;
}

typedef enum LoopKind {
  LOOP_RANGE,
  LOOP_WHILE_DOWN,
  LOOP_WHILE_UP,
  LOOP_WHILE_TRUE,
  LOOP_STACK_COUNTER,
  LOOP_ACCUMULATE,
  LOOP_CONTAINER,
  LOOP_KINDS
} LoopKind;

static GenLoop *push_loop(GenFn *fg, uint32_t trips) {
  GenLoop *lp = &fg->loops[fg->nloops++];
  memset(lp, 0, sizeof *lp);
  lp->itvar = -1;
  lp->trips = trips;
  lp->continue_label = gc_label(&fg->c);
  lp->break_label = gc_label(&fg->c);
  return lp;
}

/* Body of a loop with `per_iter` fuel per iteration; returns what one
 * iteration's body used. */
static int64_t loop_body(GenFn *fg, GenLoop *lp, int64_t per_iter, int32_t drive) {
  int64_t saved = fg->fuel;
  fg->fuel = per_iter;
  lp->body_depth = fg->c.depth;
  GenRng *r = &fg->g->rng;
  if (drive < 0) {
    gen_block_min1(fg, 4 + gen_below(r, 20));
  } else { /* a hot loop around a call of `drive` (the module's driver) */
    const GenGlobal *gl = &fg->g->globals[drive];
    if (gen_chance(r, 30) && fg->fuel > gl->cost + 3) {
      int64_t keep = gl->cost + 2;
      fg->fuel -= keep;
      gen_statement(fg);
      fg->fuel += keep;
    }
    gen_new_line(fg);
    bool wrap = gen_chance(r, 40) && fg->fuel >= gl->cost + 2;
    TryCtx t;
    if (wrap) try_begin(fg, &t);
    call_global(fg, (uint32_t)drive);
    if (wrap) try_end(fg, &t, -1);
    if (gen_chance(r, 50)) gen_statement(fg);
  }
  int64_t used = per_iter - fg->fuel;
  fg->fuel = saved;
  return used;
}

static void range_args(GenFn *fg, GenLoop *lp, uint32_t trips) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  int64_t start = gen_between(r, -5, 5), step = 1;
  switch (gen_below(r, 5)) {
  case 0:
  case 1:
    start = 0;
    gc_load_const_int(c, trips);
    gc_emit(c, OP_CALL, 1);
    break;
  case 2:
    gc_load_const_int(c, start);
    gc_load_const_int(c, start + trips);
    gc_emit(c, OP_CALL, 2);
    break;
  default:
    step = gen_chance(r, 50) ? (int64_t)gen_between(r, 2, 3) : -(int64_t)gen_between(r, 1, 3);
    gc_load_const_int(c, start);
    gc_load_const_int(c, start + (int64_t)trips * step);
    gc_load_const_int(c, step);
    gc_emit(c, OP_CALL, 3);
    break;
  }
  lp->it_first = start;
  lp->it_step = step;
}

/* Emits the break stub of a for loop (pop the iterator) when a break used it. */
static void for_loop_exit(GenFn *fg, GenLoop *lp, uint32_t exhausted, uint32_t pops) {
  GenCode *c = &fg->c;
  if (lp->break_used) {
    gc_bind(c, lp->break_label);
    for (uint32_t i = 0; i < pops; i++) gc_emit(c, OP_POP_TOP, 0);
  }
  gc_bind(c, exhausted);
}

/* Binds the labels after a while loop's back-edge: its break target (when
 * used) and its exit, which have the same depth. */
static void while_loop_exit(GenFn *fg, GenLoop *lp, uint32_t exit) {
  if (lp->break_used) gc_bind(&fg->c, lp->break_label);
  gc_bind(&fg->c, exit);
}

/* A loop; with drive >= 0, one whose body calls global `drive`. */
static bool emit_loop(GenFn *fg, int32_t drive) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  int64_t call_cost = drive >= 0 ? fg->g->globals[drive].cost + 4 : 0;
  if (fg->fn->straight || fg->nloops >= GEN_MAX_LOOPS || vars_full(fg, 3) || fg->fuel < 8 + 4 * call_cost) return false;
  static const uint32_t weights[LOOP_KINDS] = {8, 4, 3, 2, 2, 2, 4};
  static const uint32_t drive_weights[LOOP_KINDS] = {8, 3, 2, 2, 0, 2, 0};
  LoopKind kind = (LoopKind)gen_weighted(r, drive >= 0 ? drive_weights : weights, LOOP_KINDS);
  if (kind == LOOP_CONTAINER && fg->fuel < 4 * (GEN_SEQ_MAX + 1)) kind = LOOP_WHILE_UP;
  /* The iterations get `alloc`; the loop's setup (range(), the container)
   * spends from what is left. */
  int64_t alloc = loop_alloc(fg);
  fg->fuel -= alloc;
  bool needs_call = kind == LOOP_RANGE || kind == LOOP_ACCUMULATE || kind == LOOP_CONTAINER;
  if (needs_call && !gen_charge(fg, 2)) kind = LOOP_WHILE_DOWN;
  uint32_t trips = kind == LOOP_CONTAINER ? GEN_SEQ_MAX : pick_trips(fg, alloc);
  if (drive >= 0 && (int64_t)trips > alloc / (call_cost + 1)) trips = (uint32_t)(alloc / (call_cost + 1));
  int64_t per_iter = trips ? alloc / trips - 1 : alloc;
  GenLoop *lp = push_loop(fg, trips);
  uint32_t head = gc_label(c), exit = gc_label(c);
  int64_t used = 0;

  switch (kind) {
  case LOOP_RANGE: { /* for i in range(...) */
    uint32_t iv = gen_add_var(fg, K_INT, 0, true, "i");
    gc_load_global(c, "range");
    range_args(fg, lp, trips);
    gc_emit(c, OP_GET_ITER, 0);
    gc_bind(c, head);
    gc_jump(c, OP_FOR_ITER, exit);
    gen_store_var(fg, iv);
    fg->vars[iv].readable = true;
    lp->itvar = (int32_t)iv;
    lp->continue_label = head;
    lp->continue_is_backedge = true;
    used = loop_body(fg, lp, per_iter, drive);
    gc_jump(c, OP_JUMP_BACKWARD, head);
    fg->vars[iv].readable = false;
    for_loop_exit(fg, lp, exit, 1);
    break;
  }
  case LOOP_WHILE_DOWN:   /* c = T; while c > 0: ...; c -= 1 */
  case LOOP_WHILE_UP: {   /* c = 0; while c < T: ...; c += 1 */
    bool down = kind == LOOP_WHILE_DOWN;
    uint32_t cv = gen_add_var(fg, K_INT, 0, true, "c");
    gc_load_const_int(c, down ? trips : 0);
    gen_store_var(fg, cv);
    gc_bind(c, head);
    gen_load_var(fg, cv);
    gc_load_const_int(c, down ? 0 : trips);
    gc_emit(c, OP_COMPARE_OP, down ? CMPOP_GT : CMPOP_LT);
    gc_jump(c, OP_POP_JUMP_IF_FALSE, exit);
    fg->vars[cv].readable = true;
    lp->itvar = (int32_t)cv;
    lp->it_first = down ? trips : 0;
    lp->it_step = down ? -1 : 1;
    used = loop_body(fg, lp, per_iter, drive);
    gc_bind(c, lp->continue_label); /* continue: the counter still moves */
    gen_load_var(fg, cv);
    gc_load_const_int(c, 1);
    gc_emit(c, OP_BINARY_OP, down ? (gen_chance(r, 50) ? BINOP_INPLACE_BASE + BINOP_SUB : BINOP_SUB)
                                  : (gen_chance(r, 50) ? BINOP_INPLACE_BASE + BINOP_ADD : BINOP_ADD));
    gen_store_var(fg, cv);
    gc_jump(c, OP_JUMP_BACKWARD, head);
    fg->vars[cv].readable = false;
    while_loop_exit(fg, lp, exit);
    break;
  }
  case LOOP_WHILE_TRUE: { /* c = 0; while True: c += 1; if c > T: break; ... */
    uint32_t cv = gen_add_var(fg, K_INT, 0, true, "c");
    gc_load_const_int(c, 0);
    gen_store_var(fg, cv);
    gc_bind(c, head);
    gen_load_var(fg, cv);
    gc_load_const_int(c, 1);
    gc_emit(c, OP_BINARY_OP, BINOP_ADD);
    gen_store_var(fg, cv);
    gen_load_var(fg, cv);
    gc_load_const_int(c, trips);
    gc_emit(c, OP_COMPARE_OP, CMPOP_GT);
    gc_jump(c, OP_POP_JUMP_IF_TRUE, exit);
    fg->vars[cv].readable = true;
    lp->itvar = (int32_t)cv;
    lp->it_first = 1;
    lp->it_step = 1;
    lp->continue_label = head;
    lp->continue_is_backedge = true;
    used = loop_body(fg, lp, per_iter, drive);
    gc_jump(c, OP_JUMP_BACKWARD, head);
    fg->vars[cv].readable = false;
    while_loop_exit(fg, lp, exit);
    break;
  }
  case LOOP_STACK_COUNTER: { /* the counter lives on the stack, under the body */
    gc_load_const_int(c, trips);
    gc_bind(c, head);
    gc_emit(c, OP_COPY, 1);
    gc_load_const_int(c, 0);
    gc_emit(c, OP_COMPARE_OP, CMPOP_GT);
    gc_jump(c, OP_POP_JUMP_IF_FALSE, exit);
    used = loop_body(fg, lp, per_iter, drive);
    gc_bind(c, lp->continue_label);
    gc_load_const_int(c, 1);
    gc_emit(c, OP_BINARY_OP, BINOP_SUB);
    gc_jump(c, OP_JUMP_BACKWARD, head);
    while_loop_exit(fg, lp, exit);
    gc_emit(c, OP_POP_TOP, 0);
    break;
  }
  case LOOP_ACCUMULATE: { /* acc stays on the stack under the iterator */
    uint32_t iv = gen_add_var(fg, K_INT, 0, true, "i");
    gen_expr(fg, K_NUM, 0);
    gc_load_global(c, "range");
    range_args(fg, lp, trips);
    gc_emit(c, OP_GET_ITER, 0);
    gc_bind(c, head);
    gc_jump(c, OP_FOR_ITER, exit);
    gen_store_var(fg, iv);
    fg->vars[iv].readable = true;
    lp->itvar = (int32_t)iv;
    lp->continue_label = head;
    lp->continue_is_backedge = true;
    used = loop_body(fg, lp, per_iter, drive);
    gen_load_var(fg, iv);      /* acc, it, i */
    gc_emit(c, OP_COPY, 3);    /* acc, it, i, acc */
    gc_emit(c, OP_BINARY_OP, gen_chance(r, 70) ? BINOP_ADD : BINOP_SUB);
    gc_emit(c, OP_SWAP, 3);    /* acc', it, acc */
    gc_emit(c, OP_POP_TOP, 0); /* acc', it */
    gc_jump(c, OP_JUMP_BACKWARD, head);
    fg->vars[iv].readable = false;
    for_loop_exit(fg, lp, exit, 1);
    store_somewhere(fg, K_NUM);
    break;
  }
  case LOOP_CONTAINER:
  case LOOP_KINDS: { /* for x in list/tuple/str/dict/items()/enumerate()/zip() */
    uint32_t xv, yv = UINT32_MAX;
    switch (gen_below(r, 7)) {
    case 0: gen_expr(fg, K_SEQ, 0); xv = gen_add_var(fg, K_NUM, 0, true, "x"); break;
    case 1: gen_expr(fg, K_STR, 0); xv = gen_add_var(fg, K_STR, 0, true, "ch"); break;
    case 2: gen_expr(fg, K_DICT, 0); xv = gen_add_var(fg, K_ANY, 0, true, "key"); break;
    case 3:
      gen_expr(fg, K_DICT, 0);
      gc_load_method(c, "items");
      gc_emit(c, OP_CALL, 1);
      xv = gen_add_var(fg, K_ANY, 0, true, "key");
      yv = gen_add_var(fg, K_NUM, 0, true, "val");
      break;
    case 4:
      gc_load_global(c, "enumerate");
      gen_expr(fg, K_SEQ, 0);
      gc_emit(c, OP_CALL, 1);
      xv = gen_add_var(fg, K_INT, 0, true, "k");
      yv = gen_add_var(fg, K_NUM, 0, true, "x");
      lp->itvar = (int32_t)xv;
      lp->it_first = 0;
      lp->it_step = 1;
      break;
    case 5:
      gc_load_global(c, "zip");
      gen_expr(fg, K_SEQ, 0);
      gen_expr(fg, K_STR, 0);
      gc_emit(c, OP_CALL, 2);
      xv = gen_add_var(fg, K_NUM, 0, true, "x");
      yv = gen_add_var(fg, K_STR, 0, true, "ch");
      break;
    default:
      gc_load_global(c, "reversed");
      gen_expr(fg, K_SEQ, 0);
      gc_emit(c, OP_CALL, 1);
      xv = gen_add_var(fg, K_NUM, 0, true, "x");
      break;
    }
    gc_emit(c, OP_GET_ITER, 0);
    gc_bind(c, head);
    gc_jump(c, OP_FOR_ITER, exit);
    if (yv != UINT32_MAX) {
      gc_emit(c, OP_UNPACK_SEQUENCE, 2);
      gen_store_var(fg, xv);
      gen_store_var(fg, yv);
      fg->vars[yv].readable = true;
    } else {
      gen_store_var(fg, xv);
    }
    fg->vars[xv].readable = true;
    lp->continue_label = head;
    lp->continue_is_backedge = true;
    if (lp->itvar < 0) lp->trips = 0; /* no iteration counter: no "at iteration k" probes */
    used = loop_body(fg, lp, per_iter, drive);
    gc_jump(c, OP_JUMP_BACKWARD, head);
    fg->vars[xv].readable = false;
    if (yv != UINT32_MAX) fg->vars[yv].readable = false;
    for_loop_exit(fg, lp, exit, 1);
    break;
  }
  }
  fg->nloops--;
  int64_t spent = (int64_t)trips * (used + 1);
  if (spent > alloc || fg->fuel < 0) gen_fail(fg->g, "loop fuel accounting: %lld of %lld", (long long)spent, (long long)alloc);
  fg->fuel += alloc - spent;
  return true;
}

static void st_loop(GenFn *fg) {
  if (!emit_loop(fg, -1)) st_augment(fg);
}

void gen_drive(GenFn *fg, uint32_t gi) {
  GenRng *r = &fg->g->rng;
  const GenGlobal *gl = &fg->g->globals[gi];
  gen_new_line(fg);
  if (!gl->callable_from_all && fg->g->funcs[gl->func].role == ROLE_DEEP) {
    deep_call(fg, gi);
    return;
  }
  if (gen_chance(r, 60) && emit_loop(fg, (int32_t)gi)) return;
  if (fg->fuel < gl->cost + 4) return;
  bool wrap = gen_chance(r, 75);
  TryCtx t;
  if (wrap) try_begin(fg, &t);
  call_global(fg, gi);
  if (wrap) try_end(fg, &t, -1);
}

/* ------------------------------------------------------------ jumps out */

static bool can_jump_out(GenFn *fg) {
  GenLoop *lp = innermost_loop(fg);
  return lp && fg->c.depth == lp->body_depth;
}

static void st_break_continue(GenFn *fg) {
  GenLoop *lp = innermost_loop(fg);
  GenCode *c = &fg->c;
  uint32_t skip = gc_label(c);
  if_not_goto(fg, skip, 2);
  if (gen_chance(&fg->g->rng, 50)) {
    lp->break_used = true;
    gc_jump(c, OP_JUMP_FORWARD, lp->break_label);
  } else if (lp->continue_is_backedge) {
    gc_jump(c, OP_JUMP_BACKWARD, lp->continue_label);
  } else {
    gc_jump(c, OP_JUMP_FORWARD, lp->continue_label);
  }
  gc_bind(c, skip);
}

/* if cond: return expr — also from inside loops, with iterators and held
 * values still on the stack. */
static void st_return(GenFn *fg) {
  GenCode *c = &fg->c;
  uint32_t skip = gc_label(c);
  if_not_goto(fg, skip, 2);
  gen_expr(fg, (GenKind)fg->fn->ret_kind, 0);
  gc_emit(c, OP_RETURN_VALUE, 0);
  gc_bind(c, skip);
}

/* ------------------------------------------------------------ tier-2 composites */

/* A use of var vi that is meaningful for every type of its family. */
static void use_var(GenFn *fg, uint32_t vi) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  const GenVar *v = &fg->vars[vi];
  switch (v->kind) {
  case K_INT:
  case K_NUM: {
    int32_t acc = gen_pick_var(fg, K_NUM, 0, true);
    if (acc < 0 || acc == (int32_t)vi) acc = (int32_t)vi;
    gen_load_var(fg, (uint32_t)acc);
    gen_load_var(fg, vi);
    static const uint32_t ops[] = {BINOP_ADD, BINOP_SUB, BINOP_MUL, BINOP_ADD};
    gc_emit(c, OP_BINARY_OP, ops[gen_below(r, COUNT(ops))]);
    if (fg->vars[acc].kind == K_INT) mask_int(fg);
    gen_store_var(fg, (uint32_t)acc);
    if (gen_chance(r, 40)) { /* and a branch on it */
      uint32_t skip = gc_label(c);
      gen_load_var(fg, vi);
      gc_load_const_int(c, gen_between(r, -2, 10));
      gc_emit(c, OP_COMPARE_OP, gen_below(r, CMPOP_COUNT));
      gc_jump(c, OP_POP_JUMP_IF_FALSE, skip);
      st_augment(fg);
      gc_bind(c, skip);
    }
    return;
  }
  case K_SEQ:
  case K_LIST: /* x = v[i]: the list/tuple guard, and an index that may leave the range */
    gen_load_var(fg, vi);
    if (gen_chance(r, 50)) {
      GenLoop *lp = innermost_loop(fg);
      if (lp && lp->itvar >= 0) gen_load_var(fg, (uint32_t)lp->itvar);
      else gc_load_const_int(c, gen_between(r, -2, 2));
    } else {
      gc_load_const_int(c, gen_between(r, -2, 2));
    }
    gc_emit(c, OP_BINARY_SUBSCR, 0);
    store_somewhere(fg, K_NUM);
    return;
  case K_STR:
    gen_load_var(fg, vi);
    gen_expr(fg, K_STR, 0);
    gc_emit(c, OP_BINARY_OP, BINOP_ADD);
    gen_bound_seq(fg);
    store_somewhere(fg, K_STR);
    return;
  case K_DICT:
    gen_expr(fg, K_NUM, 0);
    gen_load_var(fg, vi);
    gc_emit(c, OP_LOAD_CONST, gc_const_str(c, "k"));
    gc_emit(c, OP_STORE_SUBSCR, 0);
    return;
  case K_FUNC: {
    int64_t cost = 0;
    for (uint32_t i = 1; i < fg->g->nfuncs; i++)
      if (fg->g->funcs[i].role == ROLE_LEAF && fg->g->funcs[i].arity == v->arity && fg->g->funcs[i].cost > cost)
        cost = fg->g->funcs[i].cost;
    if (!can_call_user(fg) || !gen_charge(fg, cost + 1)) break;
    gen_load_var(fg, vi);
    for (uint32_t i = 0; i < v->arity; i++) gen_expr(fg, K_NUM, 0);
    gc_emit(c, OP_CALL, v->arity);
    store_somewhere(fg, K_NUM);
    return;
  }
  case K_ANY:
  case K_COUNT: break;
  }
  if (gen_charge(fg, 1)) {
    gc_load_global(c, "print");
    gen_load_var(fg, vi);
    gc_emit(c, OP_CALL, 1);
    gc_emit(c, OP_POP_TOP, 0);
  } else {
    gen_load_var(fg, vi);
    gc_emit(c, OP_POP_TOP, 0);
  }
}

/* In a hot loop: `if i == k: v = <another type of v's family>` and a use of
 * v, so guards recorded for the old type fail from iteration k on. */
static void st_unstable(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  GenLoop *lp = innermost_loop(fg);
  int32_t vi = -1;
  for (uint32_t tries = 0; tries < 4 && vi < 0; tries++) {
    static const GenKind kinds[] = {K_INT, K_NUM, K_NUM, K_SEQ, K_LIST, K_STR, K_DICT, K_FUNC};
    GenKind k = kinds[gen_below(r, COUNT(kinds))];
    vi = gen_pick_var(fg, k, k == K_FUNC ? 1 : 0, true);
  }
  if (vi < 0 || !lp || lp->itvar < 0) {
    st_augment(fg);
    return;
  }
  bool use_first = gen_chance(r, 50);
  GenKind kind = fg->vars[vi].kind;
  /* what the new value makes the use raise: an index out of range, an
   * overflow (near 2**63), TypeError */
  int hint = kind == K_SEQ || kind == K_LIST ? B_IndexError
             : kind == K_INT || kind == K_NUM ? B_OverflowError
                                              : B_TypeError;
  bool wrap = hint == B_IndexError || gen_chance(r, 92);
  TryCtx t;
  if (use_first) {
    wrap = wrap && fg->fuel >= 2;
    if (wrap) try_begin(fg, &t);
    use_var(fg, (uint32_t)vi);
    if (wrap) try_end(fg, &t, hint);
  }
  uint32_t skip = gc_label(c);
  uint32_t at = pick_iteration(fg, lp); /* decisions in order, not in argument order */
  bool from_then_on = gen_chance(r, 30);
  push_iteration_test(fg, lp, at, from_then_on);
  gc_jump(c, OP_POP_JUMP_IF_FALSE, skip);
  gen_other_type(fg, fg->vars[vi].kind, fg->vars[vi].arity);
  gen_store_var(fg, (uint32_t)vi);
  gc_bind(c, skip);
  if (!use_first) {
    wrap = wrap && fg->fuel >= 2; /* the new value may have cost fuel */
    if (wrap) try_begin(fg, &t);
    use_var(fg, (uint32_t)vi);
    if (wrap) try_end(fg, &t, hint);
  }
}

/* In a hot loop: call a global function, and rebind that global to another
 * function (or to a new function object of the same code) at iteration k:
 * traces that baked the old binding must be invalidated. */
static void st_rebind(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  Gen *g = fg->g;
  GenLoop *lp = innermost_loop(fg);
  uint32_t cand[GEN_MAX_GLOBALS], n = 0;
  for (uint32_t i = 0; i < g->nglobals; i++)
    if (g->globals[i].kind == K_FUNC && g->globals[i].callable_from_all && g->globals[i].cost + 2 <= fg->fuel)
      cand[n++] = i;
  if (n == 0 || !lp || lp->itvar < 0 || !can_call_user(fg)) {
    st_unstable(fg);
    return;
  }
  const GenGlobal *gl = &g->globals[cand[gen_below(r, n)]];
  bool call_first = gen_chance(r, 60);
  for (uint32_t pass = 0; pass < 2; pass++) {
    if ((pass == 0) == call_first) { /* r = f(args) */
      gen_charge(fg, gl->cost + 1);
      gc_load_global(c, gl->name);
      for (uint32_t i = 0; i < gl->arity; i++) gen_expr(fg, K_NUM, 0);
      gc_emit(c, OP_CALL, gl->arity);
      store_somewhere(fg, K_NUM);
    } else { /* if i == k: f = other */
      uint32_t skip = gc_label(c);
      uint32_t at = pick_iteration(fg, lp); /* decisions in order, not in argument order */
      bool from_then_on = gen_chance(r, 20);
      push_iteration_test(fg, lp, at, from_then_on);
      gc_jump(c, OP_POP_JUMP_IF_FALSE, skip);
      int32_t leaf = gen_pick_leaf(g, gl->arity, INT64_MAX);
      if (leaf < 0) gen_fail(g, "no leaf for a rebinding");
      if (gen_chance(r, 50)) {
        gc_emit(c, OP_MAKE_FUNCTION, (uint32_t)(leaf < 0 ? 0 : leaf));
      } else {
        gc_load_global(c, g->funcs[leaf < 0 ? 0 : leaf].name);
      }
      gc_store_global(c, gl->name);
      gc_bind(c, skip);
    }
  }
}

/* In a hot loop: `if i < k: ... else: ...`, a branch whose direction
 * changes at iteration k (the recorded branch guard starts failing). */
static void st_flip(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  GenLoop *lp = innermost_loop(fg);
  uint32_t other = gc_label(c), end = gc_label(c);
  push_iteration_test(fg, lp, pick_iteration(fg, lp), true);
  if (gen_chance(r, 30)) gc_emit(c, OP_UNARY_NOT, 0);
  gc_jump(c, gen_chance(r, 50) ? OP_POP_JUMP_IF_FALSE : OP_POP_JUMP_IF_TRUE, other);
  int64_t before = fg->fuel;
  fg->nest++;
  gen_statement(fg);
  fg->nest--;
  int64_t then_used = before - fg->fuel;
  gc_jump(c, OP_JUMP_FORWARD, end);
  gc_bind(c, other);
  fg->fuel = before;
  fg->nest++;
  gen_statement(fg);
  fg->nest--;
  int64_t else_used = before - fg->fuel;
  fg->fuel = before - (then_used > else_used ? then_used : else_used);
  gc_bind(c, end);
}

/* In a hot loop: a builtin shadowed by a global at iteration k (by another
 * builtin of the same shape, so calls keep their meaning and their cost),
 * and sometimes uncovered again (`del`) at a later iteration. Traces that
 * baked the builtin depend on the name and must be invalidated. */
static void st_shadow(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  GenLoop *lp = innermost_loop(fg);
  static const char *const pairs[][2] = {{"min", "max"}, {"max", "min"}, {"abs", "float"}, {"float", "abs"},
                                         {"str", "repr"}, {"repr", "str"}, {"sorted", "list"}, {"len", "len"}};
  uint32_t which = gen_below(r, sizeof pairs / sizeof pairs[0]);
  const char *name = pairs[which][0];
  /* a call of the name in the loop, so that traces bake it */
  int64_t cost = which >= 6 ? GEN_COST_ITEMS + 1 : 1;
  if (fg->fuel >= cost + 2) {
    gen_charge(fg, cost);
    gc_load_global(c, name);
    GenKind result = K_NUM;
    switch (which) {
    case 0: case 1: gen_expr(fg, K_NUM, 0); gen_expr(fg, K_NUM, 0); gc_emit(c, OP_CALL, 2); break;
    case 2: case 3: gen_expr(fg, K_NUM, 0); gc_emit(c, OP_CALL, 1); break;
    case 4: case 5: gen_expr(fg, K_ANY, 0); gc_emit(c, OP_CALL, 1); gen_bound_seq(fg); result = K_STR; break;
    case 6: gen_expr(fg, K_SEQ, 0); gc_emit(c, OP_CALL, 1); result = K_LIST; break;
    default: gen_expr(fg, K_STR, 0); gc_emit(c, OP_CALL, 1); result = K_INT; break;
    }
    store_somewhere(fg, result);
  }
  uint32_t k = pick_iteration(fg, lp), skip = gc_label(c);
  push_iteration_test(fg, lp, k, false);
  gc_jump(c, OP_POP_JUMP_IF_FALSE, skip);
  gc_load_global(c, pairs[which][1]);
  gc_store_global(c, name);
  gc_bind(c, skip);
  if (gen_chance(r, 50) && fg->fuel >= 1) { /* if i == k2: del name (NameError if never shadowed) */
    uint32_t skip2 = gc_label(c);
    push_iteration_test(fg, lp, k + 1 + gen_below(r, 4), false);
    gc_jump(c, OP_POP_JUMP_IF_FALSE, skip2);
    TryCtx t;
    try_begin(fg, &t);
    gc_emit(c, OP_DELETE_GLOBAL, gc_name(c, name));
    try_end(fg, &t, B_NameError);
    gc_bind(c, skip2);
  }
}

/* A value pushed before a nested block and consumed after it: the block
 * runs (and its try ranges are entered) with a deeper stack. */
static void st_hold(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  GenKind kind = gen_chance(r, 60) ? K_NUM : K_ANY;
  gen_expr(fg, kind, 0);
  switch (gen_below(r, 3)) {
  case 0: st_if(fg); break;
  case 1: st_try(fg); break;
  default:
    if (fg->nloops < GEN_MAX_LOOPS) st_loop(fg);
    else st_assign(fg);
    break;
  }
  if (gen_chance(r, 40) && gen_charge(fg, 1)) { /* print(held) with the callee pushed after the argument */
    gc_load_global(c, "print");
    gc_emit(c, OP_SWAP, 2);
    gc_emit(c, OP_CALL, 1);
    gc_emit(c, OP_POP_TOP, 0);
  } else {
    store_somewhere(fg, kind);
  }
}

/* A local function value: fn = <function>; r = fn(args) */
static void st_function_value(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  int32_t vi = -1;
  for (uint32_t a = 0; a < 3 && vi < 0; a++) vi = gen_pick_var(fg, K_FUNC, gen_below(r, 3), true);
  if (vi < 0) {
    st_assign(fg);
    return;
  }
  gen_expr(fg, K_FUNC, fg->vars[vi].arity);
  gen_store_var(fg, (uint32_t)vi);
  use_var(fg, (uint32_t)vi);
}

/* ------------------------------------------------------------ dispatch */

typedef enum StmtKind {
  S_ASSIGN,
  S_AUGMENT,
  S_PRINT,
  S_GLOBAL,
  S_LIST,
  S_DICT,
  S_UNPACK,
  S_IF,
  S_LOOP,
  S_TRY,
  S_CALL,
  S_RAISE,
  S_DEL_LOCAL,
  S_SPECIAL,
  S_ARITH_ERROR,
  S_NOP,
  S_JUMP_OUT,
  S_RETURN,
  S_UNSTABLE,
  S_REBIND,
  S_HOLD,
  S_FUNC_VALUE,
  S_DEEP,
  S_FLIP,
  S_SHADOW,
  S_KINDS
} StmtKind;

static void statement(GenFn *fg);

/* Every statement goes through here: the generator's own recursion stays
 * bounded whatever the input bytes choose. */
void gen_statement(GenFn *fg) {
  if (fg->g->failed) return;
  if (fg->stmt_depth >= GEN_MAX_STMT_DEPTH) {
    gc_emit(&fg->c, OP_NOP, 0);
    return;
  }
  fg->stmt_depth++;
  statement(fg);
  fg->stmt_depth--;
}

static void statement(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  gen_new_line(fg);
  bool nest_ok = fg->nest < GEN_MAX_NEST && fg->instr_left >= 12; /* a nested block costs a dozen or more */
  bool in_loop = fg->nloops > 0;
  bool has_itvar = in_loop && innermost_loop(fg)->itvar >= 0 && innermost_loop(fg)->trips > 1;
  uint32_t w[S_KINDS] = {0};
  w[S_ASSIGN] = 10;
  w[S_AUGMENT] = in_loop ? 12 : 6;
  w[S_PRINT] = in_loop ? 2 : 6;
  w[S_GLOBAL] = 4;
  w[S_LIST] = in_loop ? 8 : 5;
  w[S_DICT] = 3;
  w[S_UNPACK] = 2;
  w[S_IF] = nest_ok ? 6 : 0;
  w[S_LOOP] = nest_ok && !fg->fn->straight ? (in_loop ? 3 : 7) : 0;
  w[S_TRY] = nest_ok ? 4 : 0;
  w[S_CALL] = can_call_user(fg) ? 6 : 0;
  w[S_RAISE] = fg->try_depth > 0 ? 3 : 0;
  w[S_DEL_LOCAL] = 1;
  w[S_SPECIAL] = 1;
  w[S_ARITH_ERROR] = 2;
  w[S_NOP] = 1;
  w[S_JUMP_OUT] = can_jump_out(fg) ? 2 : 0;
  w[S_RETURN] = fg->fn->role != ROLE_MODULE ? 1 : 0;
  w[S_UNSTABLE] = has_itvar ? 10 : 0;
  w[S_REBIND] = has_itvar && can_call_user(fg) ? 7 : 0;
  w[S_HOLD] = nest_ok ? 2 : 0;
  w[S_FUNC_VALUE] = can_call_user(fg) ? 1 : 0;
  w[S_DEEP] = can_call_user(fg) ? 2 : 0;
  w[S_FLIP] = has_itvar && nest_ok ? 5 : 0;
  w[S_SHADOW] = has_itvar ? 5 : 0;
  StmtKind kind = (StmtKind)gen_weighted(r, w, S_KINDS);
  /* Any statement may sit in a try of its own. */
  bool wrap = kind != S_TRY && kind != S_ARITH_ERROR && kind != S_JUMP_OUT && kind != S_DEEP &&
              gen_chance(r, fg->fn->role == ROLE_MODULE ? 25 : 12) && fg->fuel >= 2 && nest_ok;
  TryCtx t;
  if (wrap) try_begin(fg, &t);
  int hint = -1;
  switch (kind) {
  case S_ASSIGN: st_assign(fg); break;
  case S_AUGMENT: st_augment(fg); break;
  case S_PRINT: st_print(fg); break;
  case S_GLOBAL: st_global(fg); break;
  case S_LIST: st_list(fg); break;
  case S_DICT: st_dict(fg); break;
  case S_UNPACK: st_unpack(fg); break;
  case S_IF: st_if(fg); break;
  case S_LOOP: st_loop(fg); break;
  case S_TRY: st_try(fg); break;
  case S_CALL: st_call(fg); break;
  case S_RAISE: hint = st_raise(fg); break;
  case S_DEL_LOCAL: st_del_local(fg); break;
  case S_SPECIAL: st_special(fg); break;
  case S_ARITH_ERROR: st_arith_error(fg); break;
  case S_NOP: gc_emit(&fg->c, OP_NOP, 0); break;
  case S_JUMP_OUT: st_break_continue(fg); break;
  case S_RETURN: st_return(fg); break;
  case S_UNSTABLE: st_unstable(fg); break;
  case S_REBIND: st_rebind(fg); break;
  case S_HOLD: st_hold(fg); break;
  case S_FUNC_VALUE: st_function_value(fg); break;
  case S_DEEP:
    if (!st_deep_call(fg)) st_call(fg);
    break;
  case S_FLIP: st_flip(fg); break;
  case S_SHADOW: st_shadow(fg); break;
  case S_KINDS: gc_emit(&fg->c, OP_NOP, 0); break;
  }
  if (wrap) try_end(fg, &t, hint);
}

/* Instructions this function may still emit: its budget minus what it has
 * and what its epilogue will need. */
static void update_instr_left(GenFn *fg) {
  fg->instr_left = (int64_t)fg->fn->instr_budget - (int64_t)fg->c.ninstr - fg->instr_reserve;
}

void gen_block(GenFn *fg, int64_t instr_budget) {
  GenCode *c = &fg->c;
  fg->nest++;
  uint32_t start = c->ninstr;
  update_instr_left(fg);
  while ((int64_t)(c->ninstr - start) < instr_budget && fg->instr_left > 0 && !fg->g->failed) {
    gen_statement(fg);
    update_instr_left(fg);
  }
  fg->nest--;
}

/* A block of at least one statement (loop bodies). */
static void gen_block_min1(GenFn *fg, int64_t instr_budget) {
  uint32_t start = fg->c.ninstr;
  gen_block(fg, instr_budget);
  if (fg->c.ninstr != start) return;
  fg->nest++;
  gen_statement(fg);
  fg->nest--;
  update_instr_left(fg);
}
