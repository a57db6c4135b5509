/* The code generator (see compile.h and docs/language.md).
 *
 * Scopes: the module's names are globals; a function's parameters and the
 * names it assigns are locals unless declared `global`. A prepass over each
 * scope (scan_*) finds them, in source order, and reports misplaced
 * `global` declarations as CPython does. List comprehensions run inline in
 * the enclosing code, their variables in hidden local slots of their own.
 *
 * Control flow leaving a block early (break, continue, return) unwinds the
 * blocks it crosses through a chain of FBlocks, as CPython's compiler does:
 * loops pop their iterator, except handlers pop their exception and unbind
 * `as` names, and finally bodies are compiled again at each such exit. The
 * exception ranges of try bodies are paused around those exits, so code
 * run on the way out is not caught by the handlers being left. */
#include "lang/compile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/emit.h"
#include "lang/lexer.h"
#include "vm/opcodes.h"

/* ---- per-scope name tables ---- */

enum {
  SF_USE = 1,     /* read before (in source order) any global declaration */
  SF_ASSIGN = 2,  /* bound: assignment, for target, del, except-as, def */
  SF_PARAM = 4,
  SF_GLOBAL = 8,  /* declared global */
};

typedef struct HiddenSlot {
  uint32_t level; /* nesting depth of the comprehension that binds it */
  int32_t slot;
  int32_t next;   /* next hidden slot of the same name, or -1 */
} HiddenSlot;

/* Tables indexed by Sym id; an entry belongs to the current scope only when
 * its stamp is `current` (so a new scope needs no clearing). */
typedef struct ScopeTables {
  uint32_t *stamp;
  uint8_t *flags;
  int32_t *local_slot;  /* fast slot of a local, or -1 */
  int32_t *hidden_head; /* first HiddenSlot of the name, or -1 */
  uint32_t current;
  HiddenSlot *hidden;
  uint32_t nhidden, caphidden;
  const Sym **assigned; /* bound names in order of first binding */
  uint32_t nassigned, capassigned;
} ScopeTables;

/* ---- blocks crossed by break/continue/return ---- */

/* An exception-protected stretch of code: the ranges where it is active
 * (it is paused while code leaves through it), turned into exception table
 * entries when it ends. */
typedef struct Region {
  uint32_t depth;
  uint32_t open_start;
  bool open;
  uint32_t (*ranges)[2];
  uint32_t nranges, capranges;
  uint32_t first_entry, nentries;
} Region;

typedef enum FBKind {
  FB_WHILE,
  FB_FOR,          /* the iterator is on the stack */
  FB_TRY_EXCEPT,   /* body of a try with except clauses */
  FB_FINALLY_TRY,  /* body of a try with finally */
  FB_HANDLER,      /* except clause body: the exception is on the stack */
  FB_FINALLY_END,  /* finally body run for an exception, which is on the stack */
  FB_POP_VALUE,    /* a return value waits on the stack while a finally body runs */
} FBKind;

typedef struct FBlock {
  struct FBlock *prev;
  FBKind kind;
  Label *break_label, *continue_label; /* loops */
  Region *region;                      /* try bodies; named except clauses */
  const Block *finalbody;              /* FB_FINALLY_TRY */
  const Sym *name;                     /* FB_HANDLER: `as` name */
  int32_t exc_slot;                    /* FB_HANDLER, FB_FINALLY_END: stack index of the exception */
} FBlock;

typedef struct Compiler {
  LangDiag *diag;
  Arena arena; /* regions, label arrays */
  Module *module;
  uint32_t capfuncs;
  Emitter *e;
  bool in_function;
  uint32_t nsyms;
  ScopeTables module_scope, function_scope;
  ScopeTables *scope;
  int32_t *comp_slot; /* hidden slot of a name bound by an active comprehension, or -1 */
  uint32_t comp_level;
  FBlock *fblock;
  uint64_t work, budget;
} Compiler;

static bool compile_expr(Compiler *c, const Expr *e);
static bool compile_block(Compiler *c, const Block *b);
static bool scan_expr(Compiler *c, const Expr *e);
static bool scan_block(Compiler *c, const Block *b);

static bool error_at(Compiler *c, uint32_t line, uint32_t pos, const char *msg) {
  return diag_error(c->diag, line, pos, "%s", msg);
}

static bool oom(Compiler *c) { return diag_out_of_memory(c->diag); }

/* Every node compiled costs one unit: finally bodies are compiled once per
 * exit, which nested finally blocks could multiply without bound. */
static bool charge(Compiler *c, uint32_t line, uint32_t pos) {
  if (++c->work <= c->budget) return true;
  return error_at(c, line, pos, "program too complex to compile (finally blocks are compiled once per exit path)");
}

static void at_node(Compiler *c, uint32_t line, uint32_t pos) {
  c->e->line = line;
  c->e->pos = pos;
}

/* ---- scope tables ---- */

static bool scope_tables_init(ScopeTables *t, uint32_t nsyms) {
  memset(t, 0, sizeof *t);
  size_t n = nsyms ? nsyms : 1;
  t->stamp = calloc(n, sizeof *t->stamp);
  t->flags = calloc(n, sizeof *t->flags);
  t->local_slot = calloc(n, sizeof *t->local_slot);
  t->hidden_head = calloc(n, sizeof *t->hidden_head);
  return t->stamp && t->flags && t->local_slot && t->hidden_head;
}

static void scope_tables_free(ScopeTables *t) {
  free(t->stamp);
  free(t->flags);
  free(t->local_slot);
  free(t->hidden_head);
  free(t->hidden);
  free(t->assigned);
  memset(t, 0, sizeof *t);
}

static void scope_begin(ScopeTables *t) {
  t->current++;
  t->nhidden = 0;
  t->nassigned = 0;
}

/* Makes sym's entries belong to the current scope. */
static void touch(ScopeTables *t, const Sym *s) {
  if (t->stamp[s->id] == t->current) return;
  t->stamp[s->id] = t->current;
  t->flags[s->id] = 0;
  t->local_slot[s->id] = -1;
  t->hidden_head[s->id] = -1;
}

static bool grow(void **items, uint32_t n, uint32_t *cap, size_t elem) {
  if (n < *cap) return true;
  uint32_t want = *cap ? *cap * 2 : 16;
  if (want < *cap) return false;
  void *p = realloc(*items, (size_t)want * elem);
  if (!p) return false;
  *items = p;
  *cap = want;
  return true;
}

/* ---- the prepass ---- */

static bool mark_use(Compiler *c, const Sym *s) {
  ScopeTables *t = c->scope;
  touch(t, s);
  if (c->comp_slot[s->id] < 0) t->flags[s->id] |= SF_USE;
  return true;
}

static bool mark_assign(Compiler *c, const Sym *s) {
  ScopeTables *t = c->scope;
  touch(t, s);
  if (t->flags[s->id] & SF_ASSIGN) return true;
  t->flags[s->id] |= SF_ASSIGN;
  if (!grow((void **)&t->assigned, t->nassigned, &t->capassigned, sizeof *t->assigned)) return oom(c);
  t->assigned[t->nassigned++] = s;
  return true;
}

static bool scan_global(Compiler *c, const Stmt *s, const NameRef *r) {
  ScopeTables *t = c->scope;
  touch(t, r->name);
  uint8_t f = t->flags[r->name->id];
  const char *why = NULL;
  if (f & SF_PARAM)
    why = "is parameter and global";
  else if (f & SF_USE)
    why = "is used prior to global declaration";
  else if (f & SF_ASSIGN)
    why = "is assigned to before global declaration";
  if (why) return diag_error(c->diag, s->line, s->pos, "name '%s' %s", r->name->name, why);
  t->flags[r->name->id] |= SF_GLOBAL;
  return true;
}

/* Names a target binds; subscript targets only read names. */
static bool scan_target(Compiler *c, const Expr *t) {
  switch (t->kind) {
  case EX_NAME: return mark_assign(c, t->u.name);
  case EX_TUPLE:
  case EX_LIST:
    for (uint32_t i = 0; i < t->u.items.n; i++)
      if (!scan_target(c, t->u.items.items[i])) return false;
    return true;
  default: return scan_expr(c, t);
  }
}

/* ---- comprehension scopes (shared by the prepass and code generation) ---- */

typedef struct CompBinding {
  uint32_t sym_id;
  int32_t saved;
} CompBinding;

typedef struct CompScope {
  CompBinding *bindings;
  uint32_t n, cap;
} CompScope;

/* The hidden slot for `s` bound by a comprehension at nesting `level`:
 * sibling comprehensions share it, nested ones get their own. */
static int32_t hidden_slot(Compiler *c, const Sym *s, uint32_t level) {
  ScopeTables *t = c->scope;
  touch(t, s);
  for (int32_t h = t->hidden_head[s->id]; h >= 0; h = t->hidden[h].next)
    if (t->hidden[h].level == level) return t->hidden[h].slot;
  /* Named as the variable when that is unambiguous (error messages show it). */
  char name[64 + 16];
  const char *shown = s->name;
  if (level > 0 || t->local_slot[s->id] >= 0 || s->len > 64) {
    snprintf(name, sizeof name, "%.64s.%u", s->name, level);
    shown = name;
  }
  int64_t slot = emitter_add_local(c->e, shown, (uint32_t)strlen(shown));
  if (slot < 0) return -1;
  if (!grow((void **)&t->hidden, t->nhidden, &t->caphidden, sizeof *t->hidden)) {
    oom(c);
    return -1;
  }
  t->hidden[t->nhidden].level = level;
  t->hidden[t->nhidden].slot = (int32_t)slot;
  t->hidden[t->nhidden].next = t->hidden_head[s->id];
  t->hidden_head[s->id] = (int32_t)t->nhidden;
  t->nhidden++;
  return (int32_t)slot;
}

/* Binds every name the comprehension's targets bind, at nesting `level`.
 * With `slots` false (the prepass) the names are only marked as bound. */
static bool comp_bind_target(Compiler *c, CompScope *cs, const Expr *t, uint32_t level, bool slots) {
  if (t->kind == EX_TUPLE || t->kind == EX_LIST) {
    for (uint32_t i = 0; i < t->u.items.n; i++)
      if (!comp_bind_target(c, cs, t->u.items.items[i], level, slots)) return false;
    return true;
  }
  if (t->kind != EX_NAME) return true; /* a subscript target binds nothing */
  int32_t slot = slots ? hidden_slot(c, t->u.name, level) : 0;
  if (slot < 0) return false;
  CompBinding *b = arena_push(&c->arena, (void **)&cs->bindings, &cs->n, &cs->cap, sizeof *b);
  if (!b) return oom(c);
  b->sym_id = t->u.name->id;
  b->saved = c->comp_slot[b->sym_id];
  c->comp_slot[b->sym_id] = slot;
  return true;
}

/* Enters the comprehension's scope; comp_leave must follow even when this
 * fails. */
static bool comp_enter(Compiler *c, CompScope *cs, const Expr *comp, bool slots) {
  memset(cs, 0, sizeof *cs);
  uint32_t level = c->comp_level++;
  for (uint32_t k = 0; k < comp->u.comp.n; k++)
    if (!comp_bind_target(c, cs, comp->u.comp.clauses[k].target, level, slots)) return false;
  return true;
}

/* Restores the bindings in reverse, so a name bound twice gets its outer
 * meaning back. */
static void comp_leave(Compiler *c, CompScope *cs) {
  for (uint32_t i = cs->n; i-- > 0;) c->comp_slot[cs->bindings[i].sym_id] = cs->bindings[i].saved;
  c->comp_level--;
}

/* ---- the prepass over expressions and statements ---- */

static bool scan_list(Compiler *c, const ExprList *l) {
  for (uint32_t i = 0; i < l->n; i++)
    if (!scan_expr(c, l->items[i])) return false;
  return true;
}

static bool scan_comprehension(Compiler *c, const Expr *e) {
  if (!scan_expr(c, e->u.comp.clauses[0].iter)) return false; /* evaluated outside */
  CompScope cs;
  bool ok = comp_enter(c, &cs, e, false);
  for (uint32_t k = 0; ok && k < e->u.comp.n; k++) {
    const CompClause *cl = &e->u.comp.clauses[k];
    ok = (k == 0 || scan_expr(c, cl->iter)) && scan_target(c, cl->target) && scan_list(c, &cl->ifs);
  }
  ok = ok && scan_expr(c, e->u.comp.elt);
  comp_leave(c, &cs);
  return ok;
}

static bool scan_expr(Compiler *c, const Expr *e) {
  if (!e) return true;
  switch ((ExprKind)e->kind) {
  case EX_NAME: return mark_use(c, e->u.name);
  case EX_INT:
  case EX_FLOAT:
  case EX_STR:
  case EX_TRUE:
  case EX_FALSE:
  case EX_NONE: return true;
  case EX_TUPLE:
  case EX_LIST:
  case EX_DICT:
  case EX_AND:
  case EX_OR: return scan_list(c, &e->u.items);
  case EX_UNARY: return scan_expr(c, e->u.operand);
  case EX_BINARY: return scan_expr(c, e->u.bin.left) && scan_expr(c, e->u.bin.right);
  case EX_COMPARE: return scan_list(c, &e->u.cmp.operands);
  case EX_IFEXP: return scan_expr(c, e->u.ifexp.body) && scan_expr(c, e->u.ifexp.test) && scan_expr(c, e->u.ifexp.orelse);
  case EX_CALL:
    if (!scan_expr(c, e->u.call.func) || !scan_list(c, &e->u.call.args)) return false;
    for (uint32_t i = 0; i < e->u.call.nkw; i++)
      if (!scan_expr(c, e->u.call.kwvalues[i])) return false;
    return true;
  case EX_ATTRIBUTE: return scan_expr(c, e->u.attr.value);
  case EX_SUBSCRIPT: return scan_expr(c, e->u.sub.value) && scan_expr(c, e->u.sub.index);
  case EX_SLICE: return scan_expr(c, e->u.slice.lower) && scan_expr(c, e->u.slice.upper) && scan_expr(c, e->u.slice.step);
  case EX_LISTCOMP: return scan_comprehension(c, e);
  }
  return true;
}

static bool scan_stmt(Compiler *c, const Stmt *s) {
  switch ((StmtKind)s->kind) {
  case ST_EXPR:
  case ST_RETURN:
  case ST_RAISE: return scan_expr(c, s->u.expr);
  case ST_ASSIGN:
    if (!scan_expr(c, s->u.assign.value)) return false;
    for (uint32_t i = 0; i < s->u.assign.targets.n; i++)
      if (!scan_target(c, s->u.assign.targets.items[i])) return false;
    return true;
  case ST_AUGASSIGN:
    if (!scan_expr(c, s->u.aug.target) || !scan_expr(c, s->u.aug.value)) return false;
    return s->u.aug.target->kind != EX_NAME || mark_assign(c, s->u.aug.target->u.name);
  case ST_IF:
    for (uint32_t i = 0; i < s->u.if_.n; i++)
      if (!scan_expr(c, s->u.if_.clauses[i].test) || !scan_block(c, &s->u.if_.clauses[i].body)) return false;
    return scan_block(c, &s->u.if_.orelse);
  case ST_WHILE:
    return scan_expr(c, s->u.while_.test) && scan_block(c, &s->u.while_.body) && scan_block(c, &s->u.while_.orelse);
  case ST_FOR:
    return scan_expr(c, s->u.for_.iter) && scan_target(c, s->u.for_.target) && scan_block(c, &s->u.for_.body) &&
           scan_block(c, &s->u.for_.orelse);
  case ST_PASS:
  case ST_BREAK:
  case ST_CONTINUE: return true;
  case ST_GLOBAL:
    for (uint32_t i = 0; i < s->u.global.n; i++)
      if (!scan_global(c, s, &s->u.global.names[i])) return false;
    return true;
  case ST_DEL:
    for (uint32_t i = 0; i < s->u.del.n; i++)
      if (!scan_target(c, s->u.del.items[i])) return false;
    return true;
  case ST_ASSERT: return scan_expr(c, s->u.assert_.test) && scan_expr(c, s->u.assert_.msg);
  case ST_TRY:
    if (!scan_block(c, &s->u.try_.body)) return false;
    for (uint32_t i = 0; i < s->u.try_.nhandlers; i++) {
      const Handler *h = &s->u.try_.handlers[i];
      if (!scan_expr(c, h->type) || (h->name && !mark_assign(c, h->name)) || !scan_block(c, &h->body)) return false;
    }
    return scan_block(c, &s->u.try_.orelse) && scan_block(c, &s->u.try_.finalbody);
  case ST_DEF: return mark_assign(c, s->u.def.name); /* the body is its own scope */
  }
  return true;
}

static bool scan_block(Compiler *c, const Block *b) {
  for (uint32_t i = 0; i < b->n; i++)
    if (!scan_stmt(c, b->items[i])) return false;
  return true;
}

/* ---- names ---- */

/* The fast slot of name s here, or -1 for a global. */
static int32_t fast_slot(Compiler *c, const Sym *s) {
  if (c->comp_slot[s->id] >= 0) return c->comp_slot[s->id];
  ScopeTables *t = c->scope;
  if (c->in_function && t->stamp[s->id] == t->current) return t->local_slot[s->id];
  return -1;
}

static bool name_op(Compiler *c, const Sym *s, int fast_op, int global_op) {
  int32_t slot = fast_slot(c, s);
  if (slot >= 0) return emit(c->e, fast_op, (uint32_t)slot);
  int64_t index = emitter_name(c->e, s->name, s->len);
  return index >= 0 && emit(c->e, global_op, (uint32_t)index);
}

static bool load_global_named(Compiler *c, const char *name) {
  int64_t index = emitter_name(c->e, name, (uint32_t)strlen(name));
  return index >= 0 && emit(c->e, OP_LOAD_GLOBAL, (uint32_t)index);
}

/* ---- constants ---- */

static bool load_const(Compiler *c, Const *k) {
  int64_t index = emitter_const(c->e, k);
  return index >= 0 && emit(c->e, OP_LOAD_CONST, (uint32_t)index);
}

static bool load_none(Compiler *c) {
  Const k = {.kind = CK_NONE};
  return load_const(c, &k);
}

static bool load_str(Compiler *c, const char *data, uint32_t len) {
  Const k = {.kind = CK_STR};
  if (!bytes_set(&k.as.s, data, len)) return oom(c);
  return load_const(c, &k);
}

/* A literal, or a tuple display of literals nested at most
 * CONST_MAX_DEPTH deep: these compile to one LOAD_CONST. */
static bool is_constant(const Expr *e, int nesting) {
  switch (e->kind) {
  case EX_INT: return e->int_flag == INTLIT_FITS;
  case EX_FLOAT:
  case EX_STR:
  case EX_TRUE:
  case EX_FALSE:
  case EX_NONE: return true;
  case EX_TUPLE:
    if (nesting >= CONST_MAX_DEPTH) return false;
    for (uint32_t i = 0; i < e->u.items.n; i++)
      if (!is_constant(e->u.items.items[i], nesting + 1)) return false;
    return true;
  default: return false;
  }
}

/* Builds the Const of an expression that is_constant accepted. */
static bool make_const(Compiler *c, const Expr *e, Const *out) {
  memset(out, 0, sizeof *out);
  switch (e->kind) {
  case EX_INT: out->kind = CK_INT; out->as.i = e->u.i; return true;
  case EX_FLOAT: out->kind = CK_FLOAT; out->as.f = e->u.f; return true;
  case EX_TRUE:
  case EX_FALSE: out->kind = CK_BOOL; out->as.i = e->kind == EX_TRUE; return true;
  case EX_NONE: out->kind = CK_NONE; return true;
  case EX_STR:
    if (!bytes_set(&out->as.s, e->u.s.data, e->u.s.len)) return oom(c);
    out->kind = CK_STR;
    return true;
  case EX_TUPLE: {
    uint32_t n = e->u.items.n;
    Const *items = n ? calloc(n, sizeof *items) : NULL;
    if (n && !items) return oom(c);
    out->kind = CK_TUPLE;
    out->as.t.items = items;
    for (uint32_t i = 0; i < n; i++) {
      out->as.t.len = i + 1;
      if (!make_const(c, e->u.items.items[i], &items[i])) {
        const_free(out);
        return false;
      }
    }
    return true;
  }
  default: return error_at(c, e->line, e->pos, "internal error: not a constant");
  }
}

static bool compile_constant(Compiler *c, const Expr *e) {
  if (e->kind == EX_INT && e->int_flag != INTLIT_FITS)
    return error_at(c, e->line, e->pos, "integer literal too large for 64-bit int");
  Const k;
  return make_const(c, e, &k) && load_const(c, &k);
}

/* ---- expressions ---- */

static bool compile_list(Compiler *c, const ExprList *l) {
  for (uint32_t i = 0; i < l->n; i++)
    if (!compile_expr(c, l->items[i])) return false;
  return true;
}

/* Displays longer than this are built item by item, so the stack stays small. */
enum { DISPLAY_CHUNK = 32 };

static bool compile_list_display(Compiler *c, const Expr *e) {
  uint32_t n = e->u.items.n;
  if (n <= DISPLAY_CHUNK) return compile_list(c, &e->u.items) && emit(c->e, OP_BUILD_LIST, n);
  if (!emit(c->e, OP_BUILD_LIST, 0)) return false;
  for (uint32_t i = 0; i < n; i++) {
    if (!compile_expr(c, e->u.items.items[i])) return false;
    at_node(c, e->line, e->pos);
    if (!emit(c->e, OP_LIST_APPEND, 1)) return false;
  }
  return true;
}

/* Keys are evaluated before their values, as in CPython. */
static bool compile_dict_display(Compiler *c, const Expr *e) {
  uint32_t pairs = e->u.items.n / 2;
  if (pairs <= DISPLAY_CHUNK / 2) return compile_list(c, &e->u.items) && emit(c->e, OP_BUILD_MAP, pairs);
  if (!emit(c->e, OP_BUILD_MAP, 0)) return false;
  for (uint32_t i = 0; i < pairs; i++) {
    if (!compile_expr(c, e->u.items.items[2 * i]) || !compile_expr(c, e->u.items.items[2 * i + 1])) return false;
    at_node(c, e->line, e->pos);
    /* [d, k, v] -> [d, v, d, k] for STORE_SUBSCR (TOS1[TOS] = TOS2) */
    if (!emit(c->e, OP_SWAP, 2) || !emit(c->e, OP_COPY, 3) || !emit(c->e, OP_SWAP, 2) || !emit(c->e, OP_STORE_SUBSCR, 0))
      return false;
  }
  return true;
}

static bool compile_tuple_display(Compiler *c, const Expr *e) {
  if (is_constant(e, 0)) return compile_constant(c, e);
  return compile_list(c, &e->u.items) && emit(c->e, OP_BUILD_TUPLE, e->u.items.n);
}

static bool emit_compare(Compiler *c, int op) {
  switch (op) {
  case CMP_IS: return emit(c->e, OP_IS_OP, 0);
  case CMP_IS_NOT: return emit(c->e, OP_IS_OP, 1);
  case CMP_IN: return emit(c->e, OP_CONTAINS_OP, 0);
  case CMP_NOT_IN: return emit(c->e, OP_CONTAINS_OP, 1);
  default: return emit(c->e, OP_COMPARE_OP, (uint32_t)op);
  }
}

/* a < b < c: b is evaluated once and kept for the next comparison; the
 * chain stops at the first false result, which is its value. */
static bool compile_compare(Compiler *c, const Expr *e) {
  const ExprList *ops = &e->u.cmp.operands;
  uint32_t n = ops->n - 1;
  if (!compile_expr(c, ops->items[0])) return false;
  Label cleanup, end;
  label_init(&cleanup);
  label_init(&end);
  for (uint32_t i = 0; i < n; i++) {
    if (!compile_expr(c, ops->items[i + 1])) return false;
    at_node(c, e->line, e->pos);
    if (i + 1 < n) {
      if (!emit(c->e, OP_SWAP, 2) || !emit(c->e, OP_COPY, 2) || !emit_compare(c, e->u.cmp.ops[i]) ||
          !emit(c->e, OP_COPY, 1) || !emit_jump(c->e, OP_POP_JUMP_IF_FALSE, &cleanup) || !emit(c->e, OP_POP_TOP, 0))
        return false;
    } else if (!emit_compare(c, e->u.cmp.ops[i])) {
      return false;
    }
  }
  if (n == 1) return true;
  return emit_jump(c->e, OP_JUMP_FORWARD, &end) && label_bind(c->e, &cleanup) && emit(c->e, OP_SWAP, 2) &&
         emit(c->e, OP_POP_TOP, 0) && label_bind(c->e, &end);
}

/* and/or yield the first operand that decides the result. */
static bool compile_bool_chain(Compiler *c, const Expr *e) {
  int jump = e->kind == EX_AND ? OP_POP_JUMP_IF_FALSE : OP_POP_JUMP_IF_TRUE;
  Label end;
  label_init(&end);
  uint32_t n = e->u.items.n;
  for (uint32_t i = 0; i + 1 < n; i++) {
    if (!compile_expr(c, e->u.items.items[i])) return false;
    at_node(c, e->line, e->pos);
    if (!emit(c->e, OP_COPY, 1) || !emit_jump(c->e, jump, &end) || !emit(c->e, OP_POP_TOP, 0)) return false;
  }
  return compile_expr(c, e->u.items.items[n - 1]) && label_bind(c->e, &end);
}

/* Jumps to `target` when e's truth is `when`, else falls through; and/or and
 * not become jumps instead of values. */
static bool jump_if(Compiler *c, const Expr *e, bool when, Label *target) {
  if (!charge(c, e->line, e->pos)) return false;
  if (e->kind == EX_UNARY && e->op == OP_UNARY_NOT) return jump_if(c, e->u.operand, !when, target);
  if (e->kind == EX_AND || e->kind == EX_OR) {
    bool is_or = e->kind == EX_OR;
    uint32_t n = e->u.items.n;
    if (when == is_or) { /* any operand deciding `when` jumps */
      for (uint32_t i = 0; i < n; i++)
        if (!jump_if(c, e->u.items.items[i], when, target)) return false;
      return true;
    }
    Label skip; /* an operand deciding the other way skips the rest */
    label_init(&skip);
    for (uint32_t i = 0; i + 1 < n; i++)
      if (!jump_if(c, e->u.items.items[i], !when, &skip)) return false;
    return jump_if(c, e->u.items.items[n - 1], when, target) && label_bind(c->e, &skip);
  }
  if (!compile_expr(c, e)) return false;
  at_node(c, e->line, e->pos);
  return emit_jump(c->e, when ? OP_POP_JUMP_IF_TRUE : OP_POP_JUMP_IF_FALSE, target);
}

static bool compile_ifexp(Compiler *c, const Expr *e) {
  Label orelse, end;
  label_init(&orelse);
  label_init(&end);
  return jump_if(c, e->u.ifexp.test, false, &orelse) && compile_expr(c, e->u.ifexp.body) &&
         emit_jump(c->e, OP_JUMP_FORWARD, &end) && label_bind(c->e, &orelse) && compile_expr(c, e->u.ifexp.orelse) &&
         label_bind(c->e, &end);
}

static bool compile_kwnames(Compiler *c, const Expr *e) {
  uint32_t n = e->u.call.nkw;
  Const k = {.kind = CK_TUPLE};
  k.as.t.items = calloc(n, sizeof *k.as.t.items);
  if (!k.as.t.items) return oom(c);
  for (uint32_t i = 0; i < n; i++) {
    k.as.t.len = i + 1;
    const Sym *name = e->u.call.kwnames[i];
    if (!bytes_set(&k.as.t.items[i].as.s, name->name, name->len)) {
      const_free(&k);
      return oom(c);
    }
    k.as.t.items[i].kind = CK_STR;
  }
  return load_const(c, &k);
}

static bool compile_call(Compiler *c, const Expr *e) {
  const Expr *f = e->u.call.func;
  uint32_t nargs = e->u.call.args.n;
  if (f->kind == EX_ATTRIBUTE) { /* x.m(args): LOAD_METHOD pushes the method, then x */
    if (!compile_expr(c, f->u.attr.value)) return false;
    at_node(c, e->line, e->pos);
    int64_t name = emitter_name(c->e, f->u.attr.attr->name, f->u.attr.attr->len);
    if (name < 0 || !emit(c->e, OP_LOAD_METHOD, (uint32_t)name) || !compile_list(c, &e->u.call.args)) return false;
    at_node(c, e->line, e->pos);
    return emit(c->e, OP_CALL, nargs + 1);
  }
  if (!compile_expr(c, f) || !compile_list(c, &e->u.call.args)) return false;
  for (uint32_t i = 0; i < e->u.call.nkw; i++)
    if (!compile_expr(c, e->u.call.kwvalues[i])) return false;
  at_node(c, e->line, e->pos);
  if (e->u.call.nkw == 0) return emit(c->e, OP_CALL, nargs);
  return compile_kwnames(c, e) && emit(c->e, OP_CALL_KW, nargs + e->u.call.nkw);
}

static bool compile_optional(Compiler *c, const Expr *e) { return e ? compile_expr(c, e) : load_none(c); }

static bool compile_subscript(Compiler *c, const Expr *e) {
  const Expr *index = e->u.sub.index;
  if (!compile_expr(c, e->u.sub.value)) return false;
  if (index->kind == EX_SLICE) {
    if (!compile_optional(c, index->u.slice.lower) || !compile_optional(c, index->u.slice.upper) ||
        !compile_optional(c, index->u.slice.step))
      return false;
    at_node(c, e->line, e->pos);
    return emit(c->e, OP_BINARY_SLICE, 0);
  }
  if (!compile_expr(c, index)) return false;
  at_node(c, e->line, e->pos);
  return emit(c->e, OP_BINARY_SUBSCR, 0);
}

static bool compile_store(Compiler *c, const Expr *t);

/* [elt for t0 in it0 if c0 for t1 in it1 ...]: one FOR_ITER loop per
 * clause, nested, appending to the list below the iterators. The first
 * iterable is evaluated outside the comprehension's scope. */
static bool compile_listcomp(Compiler *c, const Expr *e) {
  uint32_t n = e->u.comp.n;
  Label *labels = arena_alloc(&c->arena, (size_t)n * 3 * sizeof *labels);
  if (!labels) return oom(c);
  for (uint32_t i = 0; i < 3 * n; i++) label_init(&labels[i]);
  Label *top = labels, *cont = labels + n, *done = labels + 2 * n;
  if (!emit(c->e, OP_BUILD_LIST, 0) || !compile_expr(c, e->u.comp.clauses[0].iter)) return false;
  at_node(c, e->line, e->pos);
  if (!emit(c->e, OP_GET_ITER, 0)) return false;
  CompScope cs;
  bool ok = comp_enter(c, &cs, e, true);
  for (uint32_t k = 0; ok && k < n; k++) {
    const CompClause *cl = &e->u.comp.clauses[k];
    if (k > 0) {
      ok = compile_expr(c, cl->iter);
      at_node(c, e->line, e->pos);
      ok = ok && emit(c->e, OP_GET_ITER, 0);
    }
    ok = ok && label_bind(c->e, &top[k]) && emit_jump(c->e, OP_FOR_ITER, &done[k]) && compile_store(c, cl->target);
    for (uint32_t i = 0; ok && i < cl->ifs.n; i++) ok = jump_if(c, cl->ifs.items[i], false, &cont[k]);
  }
  ok = ok && compile_expr(c, e->u.comp.elt);
  if (ok) at_node(c, e->line, e->pos);
  ok = ok && emit(c->e, OP_LIST_APPEND, n + 1);
  for (uint32_t k = n; ok && k-- > 0;)
    ok = label_bind(c->e, &cont[k]) && emit_jump(c->e, OP_JUMP_BACKWARD, &top[k]) && label_bind(c->e, &done[k]);
  comp_leave(c, &cs);
  return ok;
}

static bool compile_expr(Compiler *c, const Expr *e) {
  if (!charge(c, e->line, e->pos)) return false;
  at_node(c, e->line, e->pos);
  switch ((ExprKind)e->kind) {
  case EX_NAME: return name_op(c, e->u.name, OP_LOAD_FAST, OP_LOAD_GLOBAL);
  case EX_INT:
  case EX_FLOAT:
  case EX_STR:
  case EX_TRUE:
  case EX_FALSE:
  case EX_NONE: return compile_constant(c, e);
  case EX_TUPLE: return compile_tuple_display(c, e);
  case EX_LIST: return compile_list_display(c, e);
  case EX_DICT: return compile_dict_display(c, e);
  case EX_UNARY:
    if (!compile_expr(c, e->u.operand)) return false;
    at_node(c, e->line, e->pos);
    return emit(c->e, e->op, 0);
  case EX_BINARY:
    if (!compile_expr(c, e->u.bin.left) || !compile_expr(c, e->u.bin.right)) return false;
    at_node(c, e->line, e->pos);
    return emit(c->e, OP_BINARY_OP, e->op);
  case EX_AND:
  case EX_OR: return compile_bool_chain(c, e);
  case EX_COMPARE: return compile_compare(c, e);
  case EX_IFEXP: return compile_ifexp(c, e);
  case EX_CALL: return compile_call(c, e);
  case EX_ATTRIBUTE: return error_at(c, e->line, e->pos, "attribute access is only supported for method calls");
  case EX_SUBSCRIPT: return compile_subscript(c, e);
  case EX_SLICE: return error_at(c, e->line, e->pos, "a slice is only allowed as a subscript");
  case EX_LISTCOMP: return compile_listcomp(c, e);
  }
  return error_at(c, e->line, e->pos, "internal error: unknown expression");
}

/* ---- targets ---- */

static bool compile_store(Compiler *c, const Expr *t) {
  at_node(c, t->line, t->pos);
  switch (t->kind) {
  case EX_NAME: return name_op(c, t->u.name, OP_STORE_FAST, OP_STORE_GLOBAL);
  case EX_SUBSCRIPT:
    if (!compile_expr(c, t->u.sub.value) || !compile_expr(c, t->u.sub.index)) return false;
    at_node(c, t->line, t->pos);
    return emit(c->e, OP_STORE_SUBSCR, 0);
  case EX_TUPLE:
  case EX_LIST:
    if (!emit(c->e, OP_UNPACK_SEQUENCE, t->u.items.n)) return false;
    for (uint32_t i = 0; i < t->u.items.n; i++)
      if (!compile_store(c, t->u.items.items[i])) return false;
    return true;
  default: return error_at(c, t->line, t->pos, "internal error: invalid assignment target");
  }
}

static bool compile_delete(Compiler *c, const Expr *t) {
  at_node(c, t->line, t->pos);
  switch (t->kind) {
  case EX_NAME: return name_op(c, t->u.name, OP_DELETE_FAST, OP_DELETE_GLOBAL);
  case EX_SUBSCRIPT:
    if (!compile_expr(c, t->u.sub.value) || !compile_expr(c, t->u.sub.index)) return false;
    at_node(c, t->line, t->pos);
    return emit(c->e, OP_DELETE_SUBSCR, 0);
  case EX_TUPLE:
  case EX_LIST:
    for (uint32_t i = 0; i < t->u.items.n; i++)
      if (!compile_delete(c, t->u.items.items[i])) return false;
    return true;
  default: return error_at(c, t->line, t->pos, "internal error: invalid deletion target");
  }
}

/* `except E as name` unbinds name when the clause ends, as CPython does. */
static bool unbind_name(Compiler *c, const Sym *name) {
  return load_none(c) && name_op(c, name, OP_STORE_FAST, OP_STORE_GLOBAL) &&
         name_op(c, name, OP_DELETE_FAST, OP_DELETE_GLOBAL);
}

/* ---- exception regions ---- */

static void region_begin(Compiler *c, Region *r, int32_t depth) {
  memset(r, 0, sizeof *r);
  r->depth = (uint32_t)depth;
  r->open = true;
  r->open_start = emitter_offset(c->e);
}

static bool region_pause(Compiler *c, Region *r) {
  if (!r->open) return true;
  r->open = false;
  uint32_t end = emitter_offset(c->e);
  if (end == r->open_start) return true;
  uint32_t(*range)[2] = arena_push(&c->arena, (void **)&r->ranges, &r->nranges, &r->capranges, sizeof *range);
  if (!range) return oom(c);
  (*range)[0] = r->open_start;
  (*range)[1] = end;
  return true;
}

static void region_resume(Compiler *c, Region *r) {
  r->open = true;
  r->open_start = emitter_offset(c->e);
}

/* Closes the region and appends its ranges to the exception table (their
 * target is set by region_target once the handler is placed). Inner
 * regions end before outer ones, so inner entries come first in the table,
 * as the first-match rule requires. */
static bool region_end(Compiler *c, Region *r) {
  if (!region_pause(c, r)) return false;
  r->first_entry = c->e->code.nhandlers;
  for (uint32_t i = 0; i < r->nranges; i++)
    if (emitter_add_handler(c->e, r->ranges[i][0], r->ranges[i][1], 0, r->depth) < 0) return false;
  r->nentries = r->nranges;
  return true;
}

static void region_target(Compiler *c, const Region *r, uint32_t target) {
  for (uint32_t i = 0; i < r->nentries; i++) c->e->code.handlers[r->first_entry + i].target = target;
}

/* ---- leaving blocks early ---- */

static void push_block(Compiler *c, FBlock *fb) {
  fb->prev = c->fblock;
  c->fblock = fb;
}

static void pop_block(Compiler *c, FBlock *fb) { c->fblock = fb->prev; }

/* Drops the value under the top (preserve_tos) or the top itself. */
static bool pop_under(Compiler *c, bool preserve_tos) {
  if (preserve_tos && !emit(c->e, OP_SWAP, 2)) return false;
  return emit(c->e, OP_POP_TOP, 0);
}

/* The code that leaves `fb` on the way out; preserve_tos keeps a return
 * value on top of the stack. */
static bool unwind_block(Compiler *c, FBlock *fb, bool preserve_tos) {
  switch (fb->kind) {
  case FB_WHILE: return true;
  case FB_FOR:
  case FB_FINALLY_END:
  case FB_POP_VALUE: return pop_under(c, preserve_tos);
  case FB_TRY_EXCEPT: return region_pause(c, fb->region);
  case FB_HANDLER:
    if (fb->region && !region_pause(c, fb->region)) return false;
    if (!pop_under(c, preserve_tos)) return false;
    return !fb->name || unbind_name(c, fb->name);
  case FB_FINALLY_TRY: {
    if (!region_pause(c, fb->region)) return false;
    FBlock *saved = c->fblock;
    c->fblock = fb->prev; /* the finally body runs outside its own try */
    FBlock value = {.kind = FB_POP_VALUE};
    if (preserve_tos) push_block(c, &value);
    uint32_t line = c->e->line, pos = c->e->pos;
    int32_t depth = c->e->depth;
    bool ok = compile_block(c, fb->finalbody);
    at_node(c, line, pos);
    c->fblock = saved;
    if (!c->e->reachable) { /* the finally body left by itself: the rest of this exit is dead code */
      c->e->reachable = true;
      c->e->depth = depth;
    }
    return ok;
  }
  }
  return true;
}

static void resume_regions(Compiler *c, FBlock *from, const FBlock *stop) {
  for (FBlock *fb = from; fb != stop; fb = fb->prev)
    if (fb->region && (fb->kind == FB_TRY_EXCEPT || fb->kind == FB_FINALLY_TRY || fb->kind == FB_HANDLER))
      region_resume(c, fb->region);
}

static bool compile_break_continue(Compiler *c, const Stmt *s) {
  bool is_break = s->kind == ST_BREAK;
  FBlock *loop = c->fblock;
  while (loop && loop->kind != FB_WHILE && loop->kind != FB_FOR) loop = loop->prev;
  if (!loop) return error_at(c, s->line, s->pos, is_break ? "'break' outside loop" : "'continue' not properly in loop");
  FBlock *top = c->fblock;
  for (FBlock *fb = top; fb != loop; fb = fb->prev)
    if (!unwind_block(c, fb, false)) return false;
  bool ok = is_break ? unwind_block(c, loop, false) && emit_jump(c->e, OP_JUMP_FORWARD, loop->break_label)
                     : emit_jump(c->e, OP_JUMP_BACKWARD, loop->continue_label);
  resume_regions(c, top, loop);
  return ok;
}

static bool compile_return(Compiler *c, const Stmt *s) {
  if (!(s->u.expr ? compile_expr(c, s->u.expr) : load_none(c))) return false;
  at_node(c, s->line, s->pos);
  FBlock *top = c->fblock;
  for (FBlock *fb = top; fb; fb = fb->prev)
    if (!unwind_block(c, fb, true)) return false;
  bool ok = emit(c->e, OP_RETURN_VALUE, 0);
  resume_regions(c, top, NULL);
  return ok;
}

/* raise X; bare raise re-raises the exception being handled, which the
 * innermost except clause (or finally run for an exception) keeps on the
 * stack. */
static bool compile_raise(Compiler *c, const Stmt *s) {
  if (s->u.expr) {
    if (!compile_expr(c, s->u.expr)) return false;
    at_node(c, s->line, s->pos);
    return emit(c->e, OP_RAISE, 0);
  }
  for (FBlock *fb = c->fblock; fb; fb = fb->prev) {
    if (fb->kind == FB_HANDLER || fb->kind == FB_FINALLY_END)
      return emit(c->e, OP_COPY, (uint32_t)(c->e->depth - fb->exc_slot)) && emit(c->e, OP_RAISE, 0);
  }
  static const char msg[] = "No active exception to reraise";
  return load_global_named(c, "RuntimeError") && load_str(c, msg, sizeof msg - 1) && emit(c->e, OP_CALL, 1) &&
         emit(c->e, OP_RAISE, 0);
}

/* ---- statements ---- */

static bool is_simple_unpack(const Stmt *s) {
  if (s->u.assign.targets.n != 1) return false;
  const Expr *t = s->u.assign.targets.items[0], *v = s->u.assign.value;
  if ((t->kind != EX_TUPLE && t->kind != EX_LIST) || v->kind != EX_TUPLE) return false;
  return t->u.items.n == v->u.items.n && v->u.items.n >= 2 && v->u.items.n <= 3;
}

static bool compile_assign(Compiler *c, const Stmt *s) {
  const ExprList *targets = &s->u.assign.targets;
  if (is_simple_unpack(s)) { /* a, b = b, a: no tuple is built */
    const ExprList *values = &s->u.assign.value->u.items;
    if (!compile_list(c, values)) return false;
    at_node(c, s->line, s->pos);
    if (!emit(c->e, OP_SWAP, values->n)) return false;
    const Expr *t = targets->items[0];
    for (uint32_t i = 0; i < t->u.items.n; i++)
      if (!compile_store(c, t->u.items.items[i])) return false;
    return true;
  }
  if (!compile_expr(c, s->u.assign.value)) return false;
  for (uint32_t i = 0; i < targets->n; i++) {
    at_node(c, s->line, s->pos);
    if (i + 1 < targets->n && !emit(c->e, OP_COPY, 1)) return false;
    if (!compile_store(c, targets->items[i])) return false;
  }
  return true;
}

static bool compile_augassign(Compiler *c, const Stmt *s) {
  const Expr *t = s->u.aug.target;
  uint32_t op = (uint32_t)s->u.aug.op + BINOP_INPLACE_BASE;
  if (t->kind == EX_NAME) {
    if (!compile_expr(c, t) || !compile_expr(c, s->u.aug.value)) return false;
    at_node(c, s->line, s->pos);
    return emit(c->e, OP_BINARY_OP, op) && compile_store(c, t);
  }
  /* a[i] op= v: a and i are evaluated once */
  if (!compile_expr(c, t->u.sub.value) || !compile_expr(c, t->u.sub.index)) return false;
  at_node(c, s->line, s->pos);
  if (!emit(c->e, OP_COPY, 2) || !emit(c->e, OP_COPY, 2) || !emit(c->e, OP_BINARY_SUBSCR, 0)) return false;
  if (!compile_expr(c, s->u.aug.value)) return false;
  at_node(c, s->line, s->pos);
  return emit(c->e, OP_BINARY_OP, op) && emit(c->e, OP_SWAP, 3) && emit(c->e, OP_SWAP, 2) &&
         emit(c->e, OP_STORE_SUBSCR, 0);
}

static bool compile_if(Compiler *c, const Stmt *s) {
  Label end;
  label_init(&end);
  uint32_t n = s->u.if_.n;
  for (uint32_t i = 0; i < n; i++) {
    const IfClause *cl = &s->u.if_.clauses[i];
    Label next;
    label_init(&next);
    if (!jump_if(c, cl->test, false, &next) || !compile_block(c, &cl->body)) return false;
    bool more = i + 1 < n || s->u.if_.orelse.n > 0;
    if (more && c->e->reachable && !emit_jump(c->e, OP_JUMP_FORWARD, &end)) return false;
    if (!label_bind(c->e, &next)) return false;
  }
  return compile_block(c, &s->u.if_.orelse) && label_bind(c->e, &end);
}

static bool is_always_true(const Expr *e) {
  return e->kind == EX_TRUE || (e->kind == EX_INT && e->int_flag == INTLIT_FITS && e->u.i != 0);
}

static bool compile_while(Compiler *c, const Stmt *s) {
  Label top, orelse, brk;
  label_init(&top);
  label_init(&orelse);
  label_init(&brk);
  if (!label_bind(c->e, &top)) return false;
  if (!is_always_true(s->u.while_.test) && !jump_if(c, s->u.while_.test, false, &orelse)) return false;
  FBlock fb = {.kind = FB_WHILE, .break_label = &brk, .continue_label = &top};
  push_block(c, &fb);
  bool ok = compile_block(c, &s->u.while_.body);
  pop_block(c, &fb);
  if (!ok) return false;
  at_node(c, s->line, s->pos);
  if (c->e->reachable && !emit_jump(c->e, OP_JUMP_BACKWARD, &top)) return false;
  return label_bind(c->e, &orelse) && compile_block(c, &s->u.while_.orelse) && label_bind(c->e, &brk);
}

static bool compile_for(Compiler *c, const Stmt *s) {
  Label top, done, brk;
  label_init(&top);
  label_init(&done);
  label_init(&brk);
  if (!compile_expr(c, s->u.for_.iter)) return false;
  at_node(c, s->line, s->pos);
  if (!emit(c->e, OP_GET_ITER, 0) || !label_bind(c->e, &top) || !emit_jump(c->e, OP_FOR_ITER, &done) ||
      !compile_store(c, s->u.for_.target))
    return false;
  FBlock fb = {.kind = FB_FOR, .break_label = &brk, .continue_label = &top};
  push_block(c, &fb);
  bool ok = compile_block(c, &s->u.for_.body);
  pop_block(c, &fb);
  if (!ok) return false;
  at_node(c, s->line, s->pos);
  if (c->e->reachable && !emit_jump(c->e, OP_JUMP_BACKWARD, &top)) return false;
  return label_bind(c->e, &done) && compile_block(c, &s->u.for_.orelse) && label_bind(c->e, &brk);
}

static bool compile_assert(Compiler *c, const Stmt *s) {
  Label ok;
  label_init(&ok);
  if (!jump_if(c, s->u.assert_.test, true, &ok)) return false;
  at_node(c, s->line, s->pos);
  if (!load_global_named(c, "AssertionError")) return false;
  if (s->u.assert_.msg) {
    if (!compile_expr(c, s->u.assert_.msg)) return false;
    at_node(c, s->line, s->pos);
    if (!emit(c->e, OP_CALL, 1)) return false;
  }
  return emit(c->e, OP_RAISE, 0) && label_bind(c->e, &ok);
}

/* One except clause, entered with the exception on the stack (at index d).
 * It keeps the exception there while its body runs (bare `raise` copies
 * it); a named clause also unbinds its name if the body raises. */
static bool compile_handler(Compiler *c, const Handler *h, int32_t d, Label *end) {
  Emitter *e = c->e;
  Label next, cleanup;
  label_init(&next);
  label_init(&cleanup);
  at_node(c, h->line, h->pos);
  if (h->type) {
    if (!compile_expr(c, h->type)) return false;
    at_node(c, h->line, h->pos);
    if (!emit(e, OP_CHECK_EXC_MATCH, 0) || !emit_jump(e, OP_POP_JUMP_IF_FALSE, &next)) return false;
  }
  Region region;
  if (h->name) {
    at_node(c, h->name_line, h->name_pos);
    if (!emit(e, OP_COPY, 1) || !name_op(c, h->name, OP_STORE_FAST, OP_STORE_GLOBAL)) return false;
    region_begin(c, &region, d);
  }
  FBlock fb = {.kind = FB_HANDLER, .exc_slot = d, .name = h->name, .region = h->name ? &region : NULL};
  push_block(c, &fb);
  bool ok = compile_block(c, &h->body);
  pop_block(c, &fb);
  if (!ok || (h->name && !region_end(c, &region))) return false;
  at_node(c, h->line, h->pos);
  if (e->reachable) {
    if (!emit(e, OP_POP_TOP, 0) || (h->name && !unbind_name(c, h->name)) || !emit_jump(e, OP_JUMP_FORWARD, end))
      return false;
  }
  if (h->name) {
    if (!label_bind_handler(e, &cleanup, d + 1)) return false;
    region_target(c, &region, cleanup.offset);
    if (!unbind_name(c, h->name) || !emit(e, OP_RAISE, 0)) return false;
  }
  return !h->type || label_bind(e, &next);
}

static bool compile_try_except(Compiler *c, const Stmt *s) {
  Emitter *e = c->e;
  int32_t d = e->depth;
  Label handler, end;
  label_init(&handler);
  label_init(&end);
  Region body;
  region_begin(c, &body, d);
  FBlock fb = {.kind = FB_TRY_EXCEPT, .region = &body};
  push_block(c, &fb);
  bool ok = compile_block(c, &s->u.try_.body);
  pop_block(c, &fb);
  if (!ok || !region_end(c, &body) || !compile_block(c, &s->u.try_.orelse)) return false;
  at_node(c, s->line, s->pos);
  if (e->reachable && !emit_jump(e, OP_JUMP_FORWARD, &end)) return false;
  if (!label_bind_handler(e, &handler, d + 1)) return false;
  region_target(c, &body, handler.offset);
  for (uint32_t i = 0; i < s->u.try_.nhandlers; i++)
    if (!compile_handler(c, &s->u.try_.handlers[i], d, &end)) return false;
  const Handler *last = &s->u.try_.handlers[s->u.try_.nhandlers - 1];
  if (last->type) { /* no clause matched: the exception goes on */
    at_node(c, last->line, last->pos);
    if (!emit(e, OP_RAISE, 0)) return false;
  }
  return label_bind(e, &end);
}

/* try/finally (with any except clauses inside): the finally body is
 * compiled for the normal exit, for the exceptional exit (then re-raises),
 * and at each break/continue/return leaving the try body. */
static bool compile_try_finally(Compiler *c, const Stmt *s) {
  Emitter *e = c->e;
  int32_t d = e->depth;
  Label exc, after;
  label_init(&exc);
  label_init(&after);
  Region body;
  region_begin(c, &body, d);
  FBlock fb = {.kind = FB_FINALLY_TRY, .region = &body, .finalbody = &s->u.try_.finalbody};
  push_block(c, &fb);
  bool ok = s->u.try_.nhandlers ? compile_try_except(c, s) : compile_block(c, &s->u.try_.body);
  pop_block(c, &fb);
  if (!ok || !region_end(c, &body)) return false;
  if (e->reachable) {
    if (!compile_block(c, &s->u.try_.finalbody)) return false;
    at_node(c, s->line, s->pos);
    if (e->reachable && !emit_jump(e, OP_JUMP_FORWARD, &after)) return false;
  }
  if (!label_bind_handler(e, &exc, d + 1)) return false;
  region_target(c, &body, exc.offset);
  FBlock end = {.kind = FB_FINALLY_END, .exc_slot = d};
  push_block(c, &end);
  ok = compile_block(c, &s->u.try_.finalbody);
  pop_block(c, &end);
  if (!ok) return false;
  at_node(c, s->line, s->pos);
  if (e->reachable && !emit(e, OP_RAISE, 0)) return false;
  return label_bind(e, &after);
}

static bool compile_function(Compiler *c, const Stmt *s, uint32_t *index);

static bool compile_def(Compiler *c, const Stmt *s) {
  uint32_t index;
  if (!compile_function(c, s, &index)) return false;
  at_node(c, s->line, s->pos);
  return emit(c->e, OP_MAKE_FUNCTION, index) && name_op(c, s->u.def.name, OP_STORE_FAST, OP_STORE_GLOBAL);
}

static bool is_literal(const Expr *e) {
  return e->kind == EX_INT || e->kind == EX_FLOAT || e->kind == EX_STR || e->kind == EX_TRUE || e->kind == EX_FALSE ||
         e->kind == EX_NONE;
}

static bool compile_stmt(Compiler *c, const Stmt *s) {
  if (!charge(c, s->line, s->pos)) return false;
  at_node(c, s->line, s->pos);
  switch ((StmtKind)s->kind) {
  case ST_EXPR:
    if (is_literal(s->u.expr) && s->u.expr->int_flag == INTLIT_FITS) return true; /* a docstring: no effect */
    return compile_expr(c, s->u.expr) && emit(c->e, OP_POP_TOP, 0);
  case ST_ASSIGN: return compile_assign(c, s);
  case ST_AUGASSIGN: return compile_augassign(c, s);
  case ST_IF: return compile_if(c, s);
  case ST_WHILE: return compile_while(c, s);
  case ST_FOR: return compile_for(c, s);
  case ST_PASS:
  case ST_GLOBAL: return true;
  case ST_BREAK:
  case ST_CONTINUE: return compile_break_continue(c, s);
  case ST_RETURN: return compile_return(c, s);
  case ST_DEL:
    for (uint32_t i = 0; i < s->u.del.n; i++)
      if (!compile_delete(c, s->u.del.items[i])) return false;
    return true;
  case ST_ASSERT: return compile_assert(c, s);
  case ST_RAISE: return compile_raise(c, s);
  case ST_TRY: return s->u.try_.has_finally ? compile_try_finally(c, s) : compile_try_except(c, s);
  case ST_DEF: return compile_def(c, s);
  }
  return error_at(c, s->line, s->pos, "internal error: unknown statement");
}

/* Statements start at the block's depth; code after a return/break/raise
 * is unreachable but still compiled, at that same depth. */
static bool compile_block(Compiler *c, const Block *b) {
  int32_t base = c->e->depth;
  for (uint32_t i = 0; i < b->n; i++) {
    if (!c->e->reachable) {
      c->e->depth = base;
      c->e->reachable = true;
    } else if (c->e->depth != base) {
      return error_at(c, b->items[i]->line, b->items[i]->pos, "internal error: stack depth changed across a statement");
    }
    if (!compile_stmt(c, b->items[i])) return false;
  }
  return true;
}

/* ---- functions and the module ---- */

static int64_t reserve_function(Compiler *c, uint32_t line, uint32_t pos) {
  Module *m = c->module;
  if (m->nfuncs >= MODULE_MAX_FUNCS) {
    error_at(c, line, pos, "too many functions (at most 65536)");
    return -1;
  }
  if (m->nfuncs == c->capfuncs) {
    uint32_t cap = c->capfuncs ? c->capfuncs * 2 : 8;
    Code *funcs = realloc(m->funcs, (size_t)cap * sizeof *funcs);
    if (!funcs) {
      oom(c);
      return -1;
    }
    m->funcs = funcs;
    c->capfuncs = cap;
  }
  memset(&m->funcs[m->nfuncs], 0, sizeof m->funcs[0]);
  return m->nfuncs++;
}

/* Ends the current code object: `return None`, then moves it into its slot. */
static bool finish_code(Compiler *c, Emitter *e, uint32_t arity, uint32_t index) {
  if (!e->reachable) { /* still emitted, so that the code never ends in the middle of nowhere */
    e->reachable = true;
    e->depth = 0;
  }
  if (!load_none(c) || !emit(e, OP_RETURN_VALUE, 0)) return false;
  if (e->depth != 0) return error_at(c, e->line, e->pos, "internal error: stack not empty at the end of a function");
  return emitter_finish(e, arity, &c->module->funcs[index]);
}

static bool compile_function(Compiler *c, const Stmt *s, uint32_t *index) {
  int64_t slot = reserve_function(c, s->line, s->pos);
  if (slot < 0) return false;
  *index = (uint32_t)slot;
  Emitter fe, *outer_e = c->e;
  if (!emitter_init(&fe, s->u.def.name->name, c->diag)) return false;
  fe.line = s->line;
  fe.pos = s->pos;
  ScopeTables *outer_scope = c->scope;
  FBlock *outer_fblock = c->fblock;
  c->scope = &c->function_scope;
  c->e = &fe;
  c->fblock = NULL;
  c->in_function = true;
  ScopeTables *t = c->scope;
  scope_begin(t);
  bool ok = true;
  for (uint32_t i = 0; ok && i < s->u.def.nparams; i++) {
    const NameRef *p = &s->u.def.params[i];
    touch(t, p->name);
    t->flags[p->name->id] |= SF_PARAM | SF_ASSIGN;
    int64_t local = emitter_add_local(&fe, p->name->name, p->name->len);
    ok = local >= 0;
    t->local_slot[p->name->id] = (int32_t)local;
  }
  ok = ok && scan_block(c, &s->u.def.body);
  for (uint32_t i = 0; ok && i < t->nassigned; i++) {
    const Sym *name = t->assigned[i];
    if ((t->flags[name->id] & SF_GLOBAL) || t->local_slot[name->id] >= 0) continue;
    int64_t local = emitter_add_local(&fe, name->name, name->len);
    ok = local >= 0;
    t->local_slot[name->id] = (int32_t)local;
  }
  ok = ok && compile_block(c, &s->u.def.body) && finish_code(c, &fe, s->u.def.nparams, *index);
  emitter_free(&fe);
  c->e = outer_e;
  c->scope = outer_scope;
  c->fblock = outer_fblock;
  c->in_function = false;
  return ok;
}

static bool compile_module(Compiler *c, const Program *prog) {
  if (reserve_function(c, 1, 0) < 0) return false;
  Emitter me;
  if (!emitter_init(&me, "<module>", c->diag)) return false;
  c->e = &me;
  c->scope = &c->module_scope;
  scope_begin(c->scope);
  bool ok = scan_block(c, &prog->body) && compile_block(c, &prog->body) && finish_code(c, &me, 0, 0);
  emitter_free(&me);
  c->e = NULL;
  return ok;
}

Module *lang_codegen(const Program *prog, const SymTable *syms, size_t source_len, LangDiag *diag) {
  Compiler c;
  memset(&c, 0, sizeof c);
  c.diag = diag;
  arena_init(&c.arena);
  c.nsyms = syms->count;
  c.budget = (uint64_t)source_len * 16 + 1000000;
  c.module = calloc(1, sizeof *c.module);
  c.comp_slot = malloc((size_t)(c.nsyms ? c.nsyms : 1) * sizeof *c.comp_slot);
  bool ok = c.module && c.comp_slot && scope_tables_init(&c.module_scope, c.nsyms) &&
            scope_tables_init(&c.function_scope, c.nsyms);
  if (!ok) {
    oom(&c);
  } else {
    for (uint32_t i = 0; i < c.nsyms; i++) c.comp_slot[i] = -1;
    ok = compile_module(&c, prog);
  }
  scope_tables_free(&c.module_scope);
  scope_tables_free(&c.function_scope);
  free(c.comp_slot);
  arena_free(&c.arena);
  if (!ok) {
    module_free(c.module);
    return NULL;
  }
  return c.module;
}
