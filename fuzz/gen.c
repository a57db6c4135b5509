/* The program generator's plan and entry points (fuzz/gen.h).
 *
 * A program is: function 0, the module code, and 2..9 functions. The plan
 * fixes, from the first decisions, each function's role (leaf, normal,
 * recursive with one or two calls per level, deep recursion), arity,
 * parameter and return kinds, fuel budget and instruction budget, and the
 * globals: one per function (its name), one or two aliases bound to leaves
 * (rebound mid-loop by the program), and a few data globals.
 *
 * Functions are generated from the highest index down, so that a function's
 * callees (always higher indices, or leaves through a name that may be
 * rebound) are complete, with a known fuel bound, before any call to them is
 * emitted. The module code comes last: it binds every function and global,
 * runs its body and prints every global and local at the end, so that stdout
 * shows the final state. */
#include <stdlib.h>
#include <string.h>

#include "fuzz/gen_internal.h"
#include "vm/verify.h"

/* ------------------------------------------------------------ the plan */

static void set_name(char *dst, const char *prefix, uint32_t i) { gen_format_name(dst, GEN_NAME_MAX, prefix, i); }

/* dst (GEN_NAME_MAX bytes) = name, cut to fit. */
static void copy_name(char *dst, const char *name) {
  size_t len = 0;
  for (; name[len] && len + 1 < GEN_NAME_MAX; len++) dst[len] = name[len];
  dst[len] = '\0';
}

static GenKind random_kind(GenRng *r, bool with_any) {
  static const GenKind kinds[] = {K_INT, K_NUM, K_STR, K_LIST, K_SEQ, K_DICT, K_NUM, K_INT, K_ANY};
  uint32_t n = with_any ? 9 : 8;
  return kinds[gen_below(r, n)];
}

static bool is_recursive(GenRole role) { return role == ROLE_REC || role == ROLE_REC2 || role == ROLE_DEEP; }

static void plan_roles(Gen *g, uint32_t nf) {
  GenRng *r = &g->rng;
  uint32_t leaves = 1;
  if (nf >= 3 && gen_chance(r, 60)) leaves++;
  if (nf >= 5 && gen_chance(r, 30)) leaves++;
  for (uint32_t i = 1; i <= nf; i++) g->funcs[i].role = i > nf - leaves ? ROLE_LEAF : ROLE_NORMAL;
  uint32_t others = nf - leaves;
  /* place the recursive roles among the others, at random positions */
  static const GenRole special[] = {ROLE_REC, ROLE_REC2, ROLE_DEEP};
  static const uint32_t odds[] = {70, 25, 15};
  for (uint32_t s = 0; s < 3; s++) {
    if (others == 0 || !gen_chance(r, odds[s])) continue;
    uint32_t at = 1 + gen_below(r, others);
    if (g->funcs[at].role == ROLE_NORMAL) g->funcs[at].role = special[s];
  }
}

static int64_t clamp64(int64_t v, int64_t lo, int64_t hi) { return v < lo ? lo : v > hi ? hi : v; }

static void plan_function(Gen *g, uint32_t i, int64_t total_fuel, uint32_t first_leaf_arity) {
  GenRng *r = &g->rng;
  GenFunc *f = &g->funcs[i];
  switch (f->role) {
  case ROLE_LEAF:
    set_name(f->name, "leaf", i);
    f->arity = gen_chance(r, 60) && first_leaf_arity ? first_leaf_arity : 1 + gen_below(r, 2);
    f->ret_kind = K_NUM;
    for (uint32_t p = 0; p < f->arity; p++) f->param_kind[p] = K_NUM;
    f->straight = gen_chance(r, 70);
    f->cap = gen_between(r, 6, 40 + g->size / 10);
    break;
  case ROLE_NORMAL:
    set_name(f->name, "f", i);
    f->arity = gen_below(r, 4);
    f->ret_kind = (uint8_t)random_kind(r, true);
    f->straight = gen_chance(r, 20);
    f->cap = gen_between(r, 20, clamp64(total_fuel / 6, 21, INT64_MAX / 4));
    break;
  case ROLE_REC:
    set_name(f->name, "rec", i);
    f->arity = 1 + gen_below(r, 3);
    f->ret_kind = (uint8_t)random_kind(r, true);
    f->rec_max = (uint32_t)gen_between(r, 2, 12);
    f->straight = gen_chance(r, 50);
    f->cap = (int64_t)(f->rec_max + 1) * gen_between(r, 3, 30);
    break;
  case ROLE_REC2:
    set_name(f->name, "tree", i);
    f->arity = 1 + gen_below(r, 2);
    f->ret_kind = K_NUM;
    f->rec_max = (uint32_t)gen_between(r, 2, 6);
    f->straight = true;
    f->cap = ((int64_t)1 << (f->rec_max + 1)) * gen_between(r, 3, 8);
    break;
  case ROLE_DEEP:
    set_name(f->name, "deep", i);
    f->arity = 1 + gen_below(r, 2);
    f->ret_kind = K_NUM;
    f->rec_max = 1100; /* beyond the default frame limit of 1000: RecursionError */
    f->straight = true;
    f->cap = (int64_t)(f->rec_max + 1) * 2;
    break;
  case ROLE_MODULE: break;
  }
  if (is_recursive(f->role)) {
    f->param_kind[0] = K_INT;
    for (uint32_t p = 1; p < f->arity; p++) f->param_kind[p] = f->role == ROLE_REC ? (uint8_t)random_kind(r, true) : K_NUM;
  } else if (f->role == ROLE_NORMAL) {
    for (uint32_t p = 0; p < f->arity; p++) f->param_kind[p] = (uint8_t)random_kind(r, true);
  }
}

static void add_global(Gen *g, const char *name, GenKind kind, uint32_t arity, int32_t func, bool leafy) {
  if (g->nglobals >= GEN_MAX_GLOBALS) {
    gen_fail(g, "too many globals");
    return;
  }
  GenGlobal *gl = &g->globals[g->nglobals++];
  memset(gl, 0, sizeof *gl);
  copy_name(gl->name, name);
  gl->kind = kind;
  gl->arity = arity;
  gl->func = func;
  gl->callable_from_all = leafy;
}

static void plan(Gen *g) {
  GenRng *r = &g->rng;
  uint32_t nf = (uint32_t)clamp64(2 + g->size / 150 + gen_below(r, 2), 2, GEN_MAX_FUNCS - 1);
  g->nfuncs = nf + 1;
  GenFunc *m = &g->funcs[0];
  copy_name(m->name, "<module>");
  m->role = ROLE_MODULE;
  m->ret_kind = K_ANY;
  int64_t total_fuel = (int64_t)g->size * 60;
  m->cap = total_fuel;
  plan_roles(g, nf);
  uint32_t first_leaf_arity = 0;
  for (uint32_t i = nf; i >= 1; i--) {
    plan_function(g, i, total_fuel, first_leaf_arity);
    if (g->funcs[i].role == ROLE_LEAF && !first_leaf_arity) first_leaf_arity = g->funcs[i].arity;
  }
  /* instruction budgets (all of a function's code): the module gets two
   * fifths, the functions share the rest */
  m->instr_budget = g->size * 2 / 5;
  for (uint32_t i = 1; i <= nf; i++) g->funcs[i].instr_budget = g->size * 3 / 5 / nf;
  /* globals: every function's name, aliases of leaves, data */
  for (uint32_t i = 1; i <= nf; i++)
    add_global(g, g->funcs[i].name, K_FUNC, g->funcs[i].arity, (int32_t)i, g->funcs[i].role == ROLE_LEAF);
  uint32_t naliases = 1 + gen_below(r, 2);
  for (uint32_t a = 0; a < naliases; a++) {
    uint32_t leaf = nf; /* the last function is always a leaf */
    for (uint32_t tries = 0; tries < 3; tries++) {
      uint32_t i = 1 + gen_below(r, nf);
      if (g->funcs[i].role == ROLE_LEAF) leaf = i;
    }
    char name[GEN_NAME_MAX];
    set_name(name, "op", a);
    add_global(g, name, K_FUNC, g->funcs[leaf].arity, (int32_t)leaf, true);
  }
  uint32_t ndata = 2 + gen_below(r, 2 + g->size / 200);
  if (ndata > 6) ndata = 6;
  for (uint32_t d = 0; d < ndata; d++) {
    char name[GEN_NAME_MAX];
    set_name(name, "g", d);
    add_global(g, name, random_kind(r, false), 0, -1, false);
  }
  gen_index_kinds(g);
}

/* Fuel bounds of calls through each global, once its functions are done. */
static void update_global_costs(Gen *g) {
  for (uint32_t i = 0; i < g->nglobals; i++) {
    GenGlobal *gl = &g->globals[i];
    if (gl->kind != K_FUNC) continue;
    if (!gl->callable_from_all) {
      gl->cost = g->funcs[gl->func].cost;
      continue;
    }
    int64_t cost = 0; /* any leaf of that arity may end up bound to it */
    for (uint32_t f = 1; f < g->nfuncs; f++)
      if (g->funcs[f].role == ROLE_LEAF && g->funcs[f].arity == gl->arity && g->funcs[f].cost > cost)
        cost = g->funcs[f].cost;
    gl->cost = cost;
  }
}

/* ------------------------------------------------------------ functions */

static bool leaf_with_arity(const Gen *g, uint32_t arity) {
  for (uint32_t i = 1; i < g->nfuncs; i++)
    if (g->funcs[i].role == ROLE_LEAF && g->funcs[i].arity == arity && g->funcs[i].done) return true;
  return false;
}

/* Local variables: the parameters, a few typed scratch variables (not yet
 * readable: the prologue binds them) and the exception variable. */
static void declare_vars(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  const GenFunc *f = fg->fn;
  for (uint32_t p = 0; p < f->arity; p++) {
    uint32_t vi = gen_add_var(fg, (GenKind)f->param_kind[p], 0, is_recursive(f->role) && p == 0, "p");
    fg->vars[vi].readable = true;
  }
  uint32_t most = (uint32_t)clamp64(2 + fg->g->size / 150, 2, 12);
  uint32_t n = 1 + gen_below(r, most) + (f->role == ROLE_MODULE ? 1 : 0);
  for (uint32_t i = 0; i < n; i++) {
    GenKind kind = random_kind(r, true);
    uint32_t arity = 0;
    if (f->role != ROLE_LEAF && gen_chance(r, 12)) {
      arity = 1 + gen_below(r, 2);
      if (leaf_with_arity(fg->g, arity)) kind = K_FUNC;
      else arity = 0;
    }
    uint32_t vi = gen_add_var(fg, kind, arity, false, gen_kind_prefix(kind));
    fg->vars[vi].readable = false;
  }
  if (!is_recursive(f->role) || f->role == ROLE_REC) { /* the result of the recursive call has the return kind */
    uint32_t vi = gen_add_var(fg, (GenKind)f->ret_kind, 0, false, "r");
    fg->vars[vi].readable = false;
  }
  fg->exc_slot = gen_add_var(fg, K_ANY, 0, false, "e");
  fg->vars[fg->exc_slot].readable = false;
}

static void bind_scratch_vars(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  for (uint32_t vi = 0; vi < fg->nvars; vi++) {
    GenVar *v = &fg->vars[vi];
    if (v->readable || v->reserved) continue;
    gen_new_line(fg);
    if (vi == fg->exc_slot) gc_emit(&fg->c, OP_LOAD_CONST, gc_const_none(&fg->c));
    else if (v->kind == K_FUNC || gen_chance(r, 40)) gen_expr(fg, v->kind, v->arity);
    else gen_const_of(fg, v->kind);
    gen_store_var(fg, vi);
    v->readable = true;
  }
}

static int32_t var_named_r(const GenFn *fg) {
  for (uint32_t vi = 0; vi < fg->nvars; vi++)
    if (fg->c.locals[fg->vars[vi].slot].data[0] == 'r') return (int32_t)vi;
  return -1;
}

/* r = self(n - by, args...) */
static void recursive_call(GenFn *fg, int64_t by, int32_t store_to) {
  GenCode *c = &fg->c;
  const GenFunc *f = fg->fn;
  gc_load_global(c, f->name);
  gen_load_var(fg, 0);
  gc_load_const_int(c, by);
  gc_emit(c, OP_BINARY_OP, BINOP_SUB);
  for (uint32_t p = 1; p < f->arity; p++) {
    if (gen_chance(&fg->g->rng, 50)) gen_load_var(fg, p);
    else gen_expr(fg, (GenKind)f->param_kind[p], 0);
  }
  gc_emit(c, OP_CALL, f->arity);
  if (store_to >= 0) gen_store_var(fg, (uint32_t)store_to);
}

/* if n <= 0: return <expr of params and constants> */
static void base_case(GenFn *fg) {
  GenCode *c = &fg->c;
  uint32_t rec = gc_label(c);
  gen_new_line(fg);
  gen_load_var(fg, 0);
  gc_load_const_int(c, 0);
  gc_emit(c, OP_COMPARE_OP, CMPOP_LE);
  gc_jump(c, OP_POP_JUMP_IF_FALSE, rec);
  gen_expr(fg, (GenKind)fg->fn->ret_kind, 0);
  gc_emit(c, OP_RETURN_VALUE, 0);
  gc_bind(c, rec);
}

static int64_t recursion_nodes(const GenFunc *f) {
  if (f->role == ROLE_REC2) return (int64_t)1 << (f->rec_max + 1);
  return (int64_t)f->rec_max + 1;
}

/* The body of a recursive function; returns the fuel of one level. */
static int64_t recursive_body(GenFn *fg) {
  GenRng *r = &fg->g->rng;
  GenCode *c = &fg->c;
  const GenFunc *f = fg->fn;
  int64_t level = f->cap / recursion_nodes(f) - 1;
  if (level < 0) level = 0;
  fg->fuel = level;
  base_case(fg);
  if (f->role == ROLE_DEEP) { /* return deep(n - 1, ...) + 1 */
    recursive_call(fg, 1, -1);
    gc_load_const_int(c, 1);
    gc_emit(c, OP_BINARY_OP, BINOP_ADD);
    gc_emit(c, OP_RETURN_VALUE, 0);
    return level - fg->fuel;
  }
  bind_scratch_vars(fg);
  int64_t budget = f->instr_budget;
  if (f->role == ROLE_REC2) { /* return tree(n - 1) + tree(n - 2) (+ something) */
    gen_block(fg, budget / 2);
    gen_new_line(fg);
    recursive_call(fg, 1, -1);
    recursive_call(fg, 2, -1);
    gc_emit(c, OP_BINARY_OP, BINOP_ADD);
    if (gen_chance(r, 50)) {
      gen_expr(fg, K_NUM, 0);
      gc_emit(c, OP_BINARY_OP, BINOP_ADD);
    }
    gc_emit(c, OP_RETURN_VALUE, 0);
    return level - fg->fuel;
  }
  int32_t rv = var_named_r(fg);
  gen_block(fg, budget / 2);
  gen_new_line(fg);
  recursive_call(fg, 1, rv);
  gen_block(fg, budget / 2);
  gen_new_line(fg);
  if (gen_chance(r, 50) && rv >= 0) gen_load_var(fg, (uint32_t)rv);
  else gen_expr(fg, (GenKind)f->ret_kind, 0);
  gc_emit(c, OP_RETURN_VALUE, 0);
  return level - fg->fuel;
}

/* print('g0', g0, 'g1', g1, ...): every global and every module variable,
 * on one line. */
static void module_summary(GenFn *fg) {
  GenCode *c = &fg->c;
  Gen *g = fg->g;
  gen_new_line(fg);
  gc_load_global(c, "print");
  uint32_t n = 0;
  for (uint32_t i = 0; i < g->nglobals; i++, n++) {
    gc_emit(c, OP_LOAD_CONST, gc_const_str(c, g->globals[i].name));
    gc_load_global(c, g->globals[i].name);
  }
  for (uint32_t vi = 0; vi < fg->nvars; vi++) {
    if (fg->vars[vi].reserved) continue;
    gc_emit(c, OP_LOAD_CONST, gc_const_str(c, c->locals[fg->vars[vi].slot].data));
    gen_load_var(fg, vi);
    n++;
  }
  gc_emit(c, OP_CALL, 2 * n);
  gc_emit(c, OP_POP_TOP, 0);
}

/* Values the summary prints (its fuel is one call). */
static uint32_t summary_values(const GenFn *fg) {
  uint32_t n = fg->g->nglobals;
  for (uint32_t vi = 0; vi < fg->nvars; vi++)
    if (!fg->vars[vi].reserved) n++;
  return n;
}

/* MAKE_FUNCTION / STORE_GLOBAL for every function, aliases, data globals. */
static void module_prologue(GenFn *fg) {
  GenCode *c = &fg->c;
  Gen *g = fg->g;
  for (uint32_t i = 0; i < g->nglobals; i++) {
    const GenGlobal *gl = &g->globals[i];
    gen_new_line(fg);
    if (gl->kind == K_FUNC) {
      bool alias = strcmp(gl->name, g->funcs[gl->func].name) != 0;
      if (alias && gen_chance(&g->rng, 50)) gc_load_global(c, g->funcs[gl->func].name);
      else gc_emit(c, OP_MAKE_FUNCTION, (uint32_t)gl->func);
    } else {
      gen_const_of(fg, gl->kind);
    }
    gc_store_global(c, gl->name);
  }
}

/* The module's body: random statements, with every function but the leaves
 * (and some leaves) driven once from it, in a random order, each with a
 * share of the fuel. */
static void module_body(GenFn *fg) {
  Gen *g = fg->g;
  GenRng *r = &g->rng;
  uint32_t order[GEN_MAX_GLOBALS], n = 0;
  for (uint32_t i = 0; i < g->nglobals; i++) {
    const GenGlobal *gl = &g->globals[i];
    if (gl->kind != K_FUNC) continue;
    if (gl->callable_from_all ? gen_chance(r, 40) : g->funcs[gl->func].role != ROLE_DEEP || gen_chance(r, 50))
      order[n++] = i;
  }
  for (uint32_t i = n; i > 1; i--) { /* shuffle */
    uint32_t j = gen_below(r, i), t = order[i - 1];
    order[i - 1] = order[j];
    order[j] = t;
  }
  int64_t chunk = ((int64_t)fg->fn->instr_budget - (int64_t)fg->c.ninstr - fg->instr_reserve) / (n + 1);
  for (uint32_t k = 0; k < n && !g->failed; k++) {
    if (gen_chance(r, 70)) gen_block(fg, chunk);
    /* the rest of the fuel is shared by the calls still to come */
    int64_t share = fg->fuel / (n - k + 1), keep = fg->fuel - share;
    fg->fuel = share;
    gen_drive(fg, order[k]);
    fg->fuel += keep;
  }
  gen_block(fg, chunk);
}

static bool gen_function(Gen *g, uint32_t index, Code *out) {
  /* On the stack: a heap block this size (over 1 KiB) makes glibc's malloc
   * consolidate its fast bins, which cost more than the rest of the call. */
  GenFn state;
  memset(&state, 0, GEN_FN_HEADER_BYTES);
  GenFn *fg = &state;
  GenFunc *f = &g->funcs[index];
  fg->g = g;
  fg->index = index;
  fg->fn = f;
  gc_init(&fg->c, g);
  fg->instr_left = f->instr_budget;
  declare_vars(fg);
  if (is_recursive(f->role)) {
    int64_t level = recursive_body(fg);
    f->cost = recursion_nodes(f) * (level + 1);
  } else if (f->role == ROLE_MODULE) {
    fg->fuel = f->cap - 1;
    fg->instr_reserve = 2 * (int64_t)summary_values(fg) + 6;
    module_prologue(fg);
    bind_scratch_vars(fg);
    module_body(fg);
    module_summary(fg);
    gc_emit(&fg->c, OP_LOAD_CONST, gc_const_none(&fg->c));
    gc_emit(&fg->c, OP_RETURN_VALUE, 0);
    f->cost = f->cap - fg->fuel;
  } else {
    fg->fuel = f->cap;
    fg->instr_reserve = 3;
    bind_scratch_vars(fg);
    gen_block(fg, f->instr_budget);
    gen_new_line(fg);
    gen_expr(fg, (GenKind)f->ret_kind, 0);
    gc_emit(&fg->c, OP_RETURN_VALUE, 0);
    f->cost = f->cap - fg->fuel;
  }
  if (fg->fuel < 0) gen_fail(g, "function %s spent more fuel than its budget", f->name);
  bool ok = gc_finish(&fg->c, f->name, f->arity, out);
  gc_free(&fg->c);
  f->done = ok;
  return ok;
}

/* ------------------------------------------------------------ entry points */

static uint32_t clamp_size(const GenOptions *opt) {
  uint32_t size = opt && opt->size ? opt->size : GEN_DEFAULT_SIZE;
  if (size < GEN_MIN_SIZE) size = GEN_MIN_SIZE;
  if (size > GEN_MAX_SIZE) size = GEN_MAX_SIZE;
  return size;
}

Module *gen_program(const uint8_t *data, size_t len, const GenOptions *opt, StrBuf *err) {
  Gen state; /* on the stack, like GenFn (gen_function) */
  memset(&state, 0, sizeof state);
  Gen *g = &state;
  Module *m = calloc(1, sizeof *m);
  if (!m) {
    if (err) strbuf_puts(err, "gen: out of memory");
    return NULL;
  }
  gen_rng_init(&g->rng, data, len);
  g->size = clamp_size(opt);
  g->err = err;
  g->line = 1;
  plan(g);
  m->filename = strdup("<gen>");
  m->funcs = calloc(g->nfuncs, sizeof *m->funcs);
  if (!m->filename || !m->funcs) gen_fail(g, "out of memory");
  else m->nfuncs = g->nfuncs;
  for (uint32_t i = g->nfuncs; i-- > 0 && !g->failed;) {
    gen_function(g, i, &m->funcs[i]);
    update_global_costs(g);
  }
  if (!g->failed) {
    StrBuf why;
    strbuf_init(&why);
    if (!verify_module(m, &why)) gen_fail(g, "generated module fails verification: %s", why.data ? why.data : "?");
    strbuf_free(&why);
  }
  bool failed = g->failed;
  if (failed) {
    module_free(m);
    return NULL;
  }
  return m;
}

/* Each splitmix64 output gives 8 bytes, least significant first. The whole
 * words are written with 8 explicit stores (which compilers merge into one)
 * because the campaign makes 4096 bytes per program. */
void gen_seed_bytes(uint64_t seed, size_t n, uint8_t *out) {
  uint64_t state = seed ^ 0x6C6F636B73746570ull; /* "lockstep" */
  size_t i = 0;
  for (; n - i >= 8; i += 8) {
    uint64_t v = gen_splitmix64(&state);
    uint8_t *p = out + i;
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
    p[4] = (uint8_t)(v >> 32);
    p[5] = (uint8_t)(v >> 40);
    p[6] = (uint8_t)(v >> 48);
    p[7] = (uint8_t)(v >> 56);
  }
  if (i < n) {
    uint64_t v = gen_splitmix64(&state);
    for (size_t k = 0; i + k < n; k++) out[i + k] = (uint8_t)(v >> (8 * k));
  }
}
