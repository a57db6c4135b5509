/* The parser (see parser.h). One token of lookahead is enough: where Python
 * needs more (assignment targets, keyword arguments, slices), an expression
 * is parsed first and reinterpreted by what follows it. */
#include "lang/parser.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lang/lexer.h"
#include "vm/opcodes.h"

typedef struct Parser {
  Lexer lx;
  Token tok; /* the current token */
  Arena *arena;
  LangDiag *diag;
  int depth;   /* nesting of the recursive expression rules */
  bool in_def; /* inside a function body */
} Parser;

/* What a store/delete target is being checked for (messages differ). */
typedef enum TargetUse { USE_ASSIGN, USE_FOR, USE_DEL, USE_AUG } TargetUse;

/* ---- tokens ---- */

static bool advance(Parser *p) { return lexer_next(&p->lx, &p->tok); }
static bool at(const Parser *p, int kind) { return p->tok.kind == kind; }

static bool error_at(Parser *p, uint32_t line, uint32_t pos, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static bool error_at(Parser *p, uint32_t line, uint32_t pos, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return diag_error(p->diag, line, pos, "%s", msg);
}

/* An error at the current token. */
static bool error_here(Parser *p, const char *msg) { return error_at(p, p->tok.line, p->tok.pos, "%s", msg); }

static bool syntax_error(Parser *p) {
  if (at(p, TK_INDENT)) return error_here(p, "unexpected indent");
  return error_here(p, "invalid syntax");
}

static bool expect(Parser *p, int kind) {
  if (!at(p, kind)) {
    if (kind == TK_COLON) return error_here(p, "expected ':'");
    return syntax_error(p);
  }
  return advance(p);
}

static bool oom(Parser *p) { return diag_out_of_memory(p->diag); }

/* ---- nodes ---- */

static Expr *new_expr(Parser *p, int kind, uint32_t line, uint32_t pos) {
  Expr *e = arena_alloc(p->arena, sizeof *e);
  if (!e) {
    oom(p);
    return NULL;
  }
  e->kind = (uint8_t)kind;
  e->line = line;
  e->pos = pos;
  e->height = 1;
  return e;
}

static Expr *new_expr_at_token(Parser *p, int kind) { return new_expr(p, kind, p->tok.line, p->tok.pos); }

/* Records that `child` hangs below `e`; fails past LANG_MAX_EXPR_HEIGHT. */
static bool add_child(Parser *p, Expr *e, const Expr *child) {
  if (child->height + 1 > e->height) e->height = child->height + 1;
  if (e->height > LANG_MAX_EXPR_HEIGHT) return error_at(p, e->line, e->pos, "expression too deeply nested");
  return true;
}

static bool push_expr(Parser *p, Expr *owner, ExprList *list, Expr *item) {
  Expr **slot = arena_push(p->arena, (void **)&list->items, &list->n, &list->cap, sizeof *slot);
  if (!slot) return oom(p);
  *slot = item;
  return owner ? add_child(p, owner, item) : true;
}

static Stmt *new_stmt(Parser *p, int kind, uint32_t line, uint32_t pos) {
  Stmt *s = arena_alloc(p->arena, sizeof *s);
  if (!s) {
    oom(p);
    return NULL;
  }
  s->kind = (uint8_t)kind;
  s->line = line;
  s->pos = pos;
  return s;
}

static bool push_stmt(Parser *p, Block *b, Stmt *s) {
  Stmt **slot = arena_push(p->arena, (void **)&b->items, &b->n, &b->cap, sizeof *slot);
  if (!slot) return oom(p);
  *slot = s;
  return true;
}

/* ---- recursion bound ---- */

static bool enter(Parser *p) {
  if (++p->depth > LANG_MAX_PARSE_DEPTH) return error_here(p, "expression too deeply nested");
  return true;
}

static void leave(Parser *p) { p->depth--; }

/* ---- expressions ---- */

static Expr *parse_expression(Parser *p);
static Expr *parse_disjunction(Parser *p);
static Expr *parse_bitor(Parser *p);
static Expr *parse_factor(Parser *p);

static bool starts_expression(int kind) {
  switch (kind) {
  case TK_NAME: case TK_INT: case TK_FLOAT: case TK_STRING: case TK_LPAR: case TK_LSQB: case TK_LBRACE:
  case TK_MINUS: case TK_PLUS: case TK_TILDE: case TK_STAR: case TK_ELLIPSIS: case TK_KW_NOT: case TK_KW_TRUE:
  case TK_KW_FALSE: case TK_KW_NONE: case TK_KW_LAMBDA: case TK_KW_AWAIT: case TK_KW_YIELD:
    return true;
  default:
    return false;
  }
}

/* Adjacent string literals concatenate ("ab" "cd" == "abcd"), into a buffer
 * that doubles as it fills so that many pieces cost linear time. */
static Expr *parse_strings(Parser *p) {
  Expr *e = new_expr_at_token(p, EX_STR);
  if (!e) return NULL;
  const char *data = p->tok.v.s.data;
  uint64_t len = p->tok.v.s.len, cap = 0; /* cap 0: data is the token's own text */
  char *buf = NULL;
  if (!advance(p)) return NULL;
  while (at(p, TK_STRING)) {
    uint64_t total = len + p->tok.v.s.len;
    if (total >= UINT32_MAX) {
      error_here(p, "string literal too long");
      return NULL;
    }
    if (total + 1 > cap) {
      uint64_t new_cap = cap ? cap : 64;
      while (new_cap < total + 1) new_cap *= 2;
      char *grown = arena_grow(p->arena, buf ? buf : data, (size_t)len, (size_t)new_cap);
      if (!grown) {
        oom(p);
        return NULL;
      }
      buf = grown;
      cap = new_cap;
    }
    memcpy(buf + len, p->tok.v.s.data, p->tok.v.s.len);
    len = total;
    buf[len] = '\0';
    if (!advance(p)) return NULL;
  }
  e->u.s.data = buf ? buf : data;
  e->u.s.len = (uint32_t)len;
  return e;
}

/* Comprehension clauses after the element: ('for' targets 'in' disjunction
 * ('if' disjunction)*)+ */
static Expr *parse_target_list(Parser *p);
static bool check_target(Parser *p, const Expr *e, TargetUse use);

static bool parse_comp_clauses(Parser *p, Expr *comp) {
  while (at(p, TK_KW_FOR) || at(p, TK_KW_ASYNC)) {
    if (at(p, TK_KW_ASYNC)) return error_here(p, "async comprehensions are not supported");
    if (!advance(p)) return false;
    CompClause *c = arena_push(p->arena, (void **)&comp->u.comp.clauses, &comp->u.comp.n, &comp->u.comp.cap, sizeof *c);
    if (!c) return oom(p);
    Expr *target = parse_target_list(p);
    if (!target || !check_target(p, target, USE_FOR) || !add_child(p, comp, target)) return false;
    c->target = target;
    if (!expect(p, TK_KW_IN)) return false;
    Expr *iter = parse_disjunction(p);
    if (!iter || !add_child(p, comp, iter)) return false;
    c->iter = iter;
    while (at(p, TK_KW_IF)) {
      if (!advance(p)) return false;
      Expr *cond = parse_disjunction(p);
      if (!cond || !push_expr(p, comp, &c->ifs, cond)) return false;
    }
  }
  return true;
}

static Expr *parse_listcomp(Parser *p, Expr *list, Expr *elt) {
  list->kind = EX_LISTCOMP;
  list->u.comp.elt = elt;
  if (!add_child(p, list, elt) || !parse_comp_clauses(p, list)) return NULL;
  return list;
}

/* '[' already current. */
static Expr *parse_list(Parser *p) {
  Expr *list = new_expr_at_token(p, EX_LIST);
  if (!list || !advance(p)) return NULL;
  while (!at(p, TK_RSQB)) {
    Expr *item = parse_expression(p);
    if (!item) return NULL;
    if (list->u.items.n == 0 && at(p, TK_KW_FOR)) {
      if (!parse_listcomp(p, list, item)) return NULL;
      break;
    }
    if (!push_expr(p, list, &list->u.items, item)) return NULL;
    if (!at(p, TK_COMMA)) break;
    if (!advance(p)) return NULL;
  }
  if (!expect(p, TK_RSQB)) return NULL;
  return list;
}

/* '{' already current: only dict displays are in the subset. */
static Expr *parse_dict(Parser *p) {
  Expr *dict = new_expr_at_token(p, EX_DICT);
  if (!dict || !advance(p)) return NULL;
  while (!at(p, TK_RBRACE)) {
    if (at(p, TK_DSTAR)) {
      error_here(p, "dict unpacking is not supported");
      return NULL;
    }
    Expr *key = parse_expression(p);
    if (!key) return NULL;
    if (!at(p, TK_COLON)) {
      error_at(p, dict->line, dict->pos, "%s", at(p, TK_KW_FOR) ? "set comprehensions are not supported" : "sets are not supported");
      return NULL;
    }
    if (!advance(p)) return NULL;
    Expr *value = parse_expression(p);
    if (!value) return NULL;
    if (at(p, TK_KW_FOR)) {
      error_at(p, dict->line, dict->pos, "dict comprehensions are not supported");
      return NULL;
    }
    if (!push_expr(p, dict, &dict->u.items, key) || !push_expr(p, dict, &dict->u.items, value)) return NULL;
    if (!at(p, TK_COMMA)) break;
    if (!advance(p)) return NULL;
  }
  if (!expect(p, TK_RBRACE)) return NULL;
  return dict;
}

/* '(' already current: (), (x), (x,), (x, y). */
static Expr *parse_paren(Parser *p) {
  uint32_t line = p->tok.line, pos = p->tok.pos;
  if (!advance(p)) return NULL;
  if (at(p, TK_RPAR)) {
    Expr *empty = new_expr(p, EX_TUPLE, line, pos);
    if (!empty || !advance(p)) return NULL;
    return empty;
  }
  if (at(p, TK_KW_YIELD)) {
    error_here(p, "generators are not supported");
    return NULL;
  }
  Expr *first = parse_expression(p);
  if (!first) return NULL;
  if (at(p, TK_KW_FOR)) {
    error_at(p, line, pos, "generator expressions are not supported");
    return NULL;
  }
  if (!at(p, TK_COMMA)) {
    if (!expect(p, TK_RPAR)) return NULL;
    return first;
  }
  Expr *tuple = new_expr(p, EX_TUPLE, first->line, first->pos);
  if (!tuple || !push_expr(p, tuple, &tuple->u.items, first)) return NULL;
  while (at(p, TK_COMMA)) {
    if (!advance(p)) return NULL;
    if (at(p, TK_RPAR)) break;
    Expr *item = parse_expression(p);
    if (!item || !push_expr(p, tuple, &tuple->u.items, item)) return NULL;
  }
  if (!expect(p, TK_RPAR)) return NULL;
  return tuple;
}

static Expr *parse_atom(Parser *p) {
  Expr *e;
  switch (p->tok.kind) {
  case TK_NAME:
    e = new_expr_at_token(p, EX_NAME);
    if (!e) return NULL;
    e->u.name = p->tok.v.sym;
    return advance(p) ? e : NULL;
  case TK_INT:
    e = new_expr_at_token(p, EX_INT);
    if (!e) return NULL;
    e->u.i = p->tok.int_flag == INTLIT_FITS ? (int64_t)p->tok.v.u : 0;
    e->int_flag = p->tok.int_flag;
    return advance(p) ? e : NULL;
  case TK_FLOAT:
    e = new_expr_at_token(p, EX_FLOAT);
    if (!e) return NULL;
    e->u.f = p->tok.v.f;
    return advance(p) ? e : NULL;
  case TK_STRING: return parse_strings(p);
  case TK_KW_TRUE:
  case TK_KW_FALSE:
  case TK_KW_NONE:
    e = new_expr_at_token(p, at(p, TK_KW_TRUE) ? EX_TRUE : at(p, TK_KW_FALSE) ? EX_FALSE : EX_NONE);
    if (!e) return NULL;
    return advance(p) ? e : NULL;
  case TK_LPAR: return parse_paren(p);
  case TK_LSQB: return parse_list(p);
  case TK_LBRACE: return parse_dict(p);
  case TK_ELLIPSIS: error_here(p, "Ellipsis (...) is not supported"); return NULL;
  case TK_STAR: error_here(p, "starred expressions are not supported"); return NULL;
  case TK_KW_LAMBDA: error_here(p, "lambda is not supported"); return NULL;
  case TK_KW_YIELD: error_here(p, "generators are not supported"); return NULL;
  case TK_KW_AWAIT: error_here(p, "await is not supported"); return NULL;
  default: syntax_error(p); return NULL;
  }
}

/* keyword arguments: only print's sep= and end=. */
static bool check_keywords(Parser *p, const Expr *call, uint32_t line, uint32_t pos) {
  if (call->u.call.nkw == 0) return true;
  const Expr *f = call->u.call.func;
  bool is_print = f->kind == EX_NAME && sym_is(f->u.name, "print");
  for (uint32_t i = 0; i < call->u.call.nkw; i++) {
    const Sym *k = call->u.call.kwnames[i];
    if (!is_print || !(sym_is(k, "sep") || sym_is(k, "end")))
      return error_at(p, line, pos, "keyword arguments are only supported for print's sep and end");
  }
  return true;
}

static bool add_keyword(Parser *p, Expr *call, const Expr *name, Expr *value) {
  for (uint32_t i = 0; i < call->u.call.nkw; i++)
    if (call->u.call.kwnames[i] == name->u.name)
      return error_at(p, name->line, name->pos, "keyword argument repeated: %s", name->u.name->name);
  uint32_t n = call->u.call.nkw, cap = call->u.call.capkw;
  const Sym **k = arena_push(p->arena, (void **)&call->u.call.kwnames, &n, &cap, sizeof *k);
  if (!k) return oom(p);
  *k = name->u.name;
  n = call->u.call.nkw;
  cap = call->u.call.capkw;
  Expr **v = arena_push(p->arena, (void **)&call->u.call.kwvalues, &n, &cap, sizeof *v);
  if (!v) return oom(p);
  *v = value;
  call->u.call.nkw = n;
  call->u.call.capkw = cap;
  return add_child(p, call, value);
}

/* '(' already current; `callee` is the function expression. */
static Expr *parse_call(Parser *p, Expr *callee) {
  Expr *call = new_expr(p, EX_CALL, callee->line, callee->pos);
  if (!call || !add_child(p, call, callee) || !advance(p)) return NULL;
  call->u.call.func = callee;
  uint32_t kw_line = 0, kw_pos = 0;
  while (!at(p, TK_RPAR)) {
    if (at(p, TK_STAR) || at(p, TK_DSTAR)) {
      error_here(p, "argument unpacking (*args, **kwargs) is not supported");
      return NULL;
    }
    Expr *arg = parse_expression(p);
    if (!arg) return NULL;
    if (at(p, TK_KW_FOR)) {
      error_at(p, arg->line, arg->pos, "generator expressions are not supported");
      return NULL;
    }
    if (at(p, TK_EQUAL)) {
      if (arg->kind != EX_NAME) {
        error_at(p, arg->line, arg->pos, "expression cannot contain assignment, perhaps you meant \"==\"?");
        return NULL;
      }
      if (!advance(p)) return NULL;
      Expr *value = parse_expression(p);
      if (!value) return NULL;
      if (call->u.call.nkw == 0) {
        kw_line = arg->line;
        kw_pos = arg->pos;
      }
      if (!add_keyword(p, call, arg, value)) return NULL;
    } else {
      if (call->u.call.nkw > 0) {
        error_at(p, arg->line, arg->pos, "positional argument follows keyword argument");
        return NULL;
      }
      if (!push_expr(p, call, &call->u.call.args, arg)) return NULL;
    }
    if (!at(p, TK_COMMA)) break;
    if (!advance(p)) return NULL;
  }
  if (!expect(p, TK_RPAR) || !check_keywords(p, call, kw_line, kw_pos)) return NULL;
  return call;
}

/* One subscript item: an expression or a slice [lower]:[upper][:[step]]. */
static Expr *parse_slice_item(Parser *p) {
  Expr *lower = NULL;
  uint32_t line = p->tok.line, pos = p->tok.pos;
  if (!at(p, TK_COLON)) {
    lower = parse_expression(p);
    if (!lower || !at(p, TK_COLON)) return lower;
  }
  Expr *slice = new_expr(p, EX_SLICE, line, pos);
  if (!slice || !advance(p)) return NULL;
  slice->u.slice.lower = lower;
  if (lower && !add_child(p, slice, lower)) return NULL;
  if (!at(p, TK_COLON) && !at(p, TK_COMMA) && !at(p, TK_RSQB)) {
    Expr *upper = parse_expression(p);
    if (!upper || !add_child(p, slice, upper)) return NULL;
    slice->u.slice.upper = upper;
  }
  if (at(p, TK_COLON)) {
    if (!advance(p)) return NULL;
    if (!at(p, TK_COMMA) && !at(p, TK_RSQB)) {
      Expr *step = parse_expression(p);
      if (!step || !add_child(p, slice, step)) return NULL;
      slice->u.slice.step = step;
    }
  }
  return slice;
}

/* '[' already current. */
static Expr *parse_subscript(Parser *p, Expr *value) {
  Expr *sub = new_expr(p, EX_SUBSCRIPT, value->line, value->pos);
  if (!sub || !add_child(p, sub, value) || !advance(p)) return NULL;
  sub->u.sub.value = value;
  Expr *index = parse_slice_item(p);
  if (!index) return NULL;
  if (at(p, TK_COMMA)) {
    Expr *tuple = new_expr(p, EX_TUPLE, index->line, index->pos);
    if (!tuple || !push_expr(p, tuple, &tuple->u.items, index)) return NULL;
    while (at(p, TK_COMMA)) {
      if (!advance(p)) return NULL;
      if (at(p, TK_RSQB)) break;
      Expr *item = parse_slice_item(p);
      if (!item || !push_expr(p, tuple, &tuple->u.items, item)) return NULL;
    }
    for (uint32_t i = 0; i < tuple->u.items.n; i++)
      if (tuple->u.items.items[i]->kind == EX_SLICE) {
        error_at(p, tuple->u.items.items[i]->line, tuple->u.items.items[i]->pos,
                 "multi-dimensional slicing is not supported");
        return NULL;
      }
    index = tuple;
  }
  if (!add_child(p, sub, index) || !expect(p, TK_RSQB)) return NULL;
  sub->u.sub.index = index;
  return sub;
}

static Expr *parse_primary(Parser *p) {
  Expr *e = parse_atom(p);
  while (e) {
    if (at(p, TK_LPAR)) {
      e = parse_call(p, e);
    } else if (at(p, TK_LSQB)) {
      e = parse_subscript(p, e);
    } else if (at(p, TK_DOT)) {
      if (!advance(p)) return NULL;
      if (!at(p, TK_NAME)) {
        syntax_error(p);
        return NULL;
      }
      Expr *attr = new_expr(p, EX_ATTRIBUTE, e->line, e->pos);
      if (!attr || !add_child(p, attr, e)) return NULL;
      attr->u.attr.value = e;
      attr->u.attr.attr = p->tok.v.sym;
      if (!advance(p)) return NULL;
      e = attr;
    } else {
      break;
    }
  }
  return e;
}

/* power: primary ['**' factor] (right associative, binds tighter than a
 * unary minus on its left: -2**2 == -4). */
static Expr *parse_power(Parser *p) {
  if (at(p, TK_KW_AWAIT)) {
    error_here(p, "await is not supported");
    return NULL;
  }
  Expr *base = parse_primary(p);
  if (!base || !at(p, TK_DSTAR)) return base;
  if (!advance(p) || !enter(p)) return NULL;
  Expr *exponent = parse_factor(p);
  leave(p);
  if (!exponent) return NULL;
  Expr *e = new_expr(p, EX_BINARY, base->line, base->pos);
  if (!e || !add_child(p, e, base) || !add_child(p, e, exponent)) return NULL;
  e->op = BINOP_POW;
  e->u.bin.left = base;
  e->u.bin.right = exponent;
  return e;
}

/* A minus applied directly to a number literal is part of the constant, as
 * in CPython's constant folding; this is also how -9223372036854775808 (whose
 * magnitude alone does not fit) is written. */
static bool fold_negation(Expr *operand) {
  if (operand->kind == EX_FLOAT) {
    operand->u.f = -operand->u.f;
    return true;
  }
  if (operand->kind != EX_INT) return false;
  if (operand->int_flag == INTLIT_2POW63) {
    operand->int_flag = INTLIT_FITS;
    operand->u.i = INT64_MIN;
    return true;
  }
  if (operand->int_flag != INTLIT_FITS || operand->u.i == INT64_MIN) return false;
  operand->u.i = -operand->u.i;
  return true;
}

static Expr *parse_factor(Parser *p) {
  int op;
  switch (p->tok.kind) {
  case TK_MINUS: op = OP_UNARY_NEGATIVE; break;
  case TK_PLUS: op = OP_UNARY_POSITIVE; break;
  case TK_TILDE: op = OP_UNARY_INVERT; break;
  default: return parse_power(p);
  }
  uint32_t line = p->tok.line, pos = p->tok.pos;
  if (!advance(p) || !enter(p)) return NULL;
  Expr *operand = parse_factor(p);
  leave(p);
  if (!operand) return NULL;
  if (op == OP_UNARY_NEGATIVE && fold_negation(operand)) {
    operand->line = line;
    operand->pos = pos;
    return operand;
  }
  Expr *e = new_expr(p, EX_UNARY, line, pos);
  if (!e || !add_child(p, e, operand)) return NULL;
  e->op = (uint8_t)op;
  e->u.operand = operand;
  return e;
}

/* The binary levels between comparison and factor, loosest first. */
enum { LEVEL_BITOR, LEVEL_XOR, LEVEL_BITAND, LEVEL_SHIFT, LEVEL_ARITH, LEVEL_TERM, LEVEL_COUNT };

/* The operator of token `kind` at `level`, or -1. */
static int binary_operator(int level, int kind) {
  switch (level) {
  case LEVEL_BITOR: return kind == TK_VBAR ? BINOP_OR : -1;
  case LEVEL_XOR: return kind == TK_CARET ? BINOP_XOR : -1;
  case LEVEL_BITAND: return kind == TK_AMP ? BINOP_AND : -1;
  case LEVEL_SHIFT: return kind == TK_LSHIFT ? BINOP_LSHIFT : kind == TK_RSHIFT ? BINOP_RSHIFT : -1;
  case LEVEL_ARITH: return kind == TK_PLUS ? BINOP_ADD : kind == TK_MINUS ? BINOP_SUB : -1;
  case LEVEL_TERM:
    switch (kind) {
    case TK_STAR: return BINOP_MUL;
    case TK_SLASH: return BINOP_TRUEDIV;
    case TK_DSLASH: return BINOP_FLOORDIV;
    case TK_PERCENT: return BINOP_MOD;
    default: return -1;
    }
  default: return -1;
  }
}

static Expr *parse_binary_level(Parser *p, int level) {
  Expr *left = level + 1 < LEVEL_COUNT ? parse_binary_level(p, level + 1) : parse_factor(p);
  while (left) {
    if (level == LEVEL_TERM && at(p, TK_AT)) {
      error_here(p, "the @ operator is not supported");
      return NULL;
    }
    int op = binary_operator(level, p->tok.kind);
    if (op < 0) break;
    if (!advance(p)) return NULL;
    Expr *right = level + 1 < LEVEL_COUNT ? parse_binary_level(p, level + 1) : parse_factor(p);
    if (!right) return NULL;
    Expr *e = new_expr(p, EX_BINARY, left->line, left->pos);
    if (!e || !add_child(p, e, left) || !add_child(p, e, right)) return NULL;
    e->op = (uint8_t)op;
    e->u.bin.left = left;
    e->u.bin.right = right;
    left = e;
  }
  return left;
}

static Expr *parse_bitor(Parser *p) { return parse_binary_level(p, LEVEL_BITOR); }

/* The comparison at the current token, or -1. Consumes `not` of `not in`
 * and `not` of `is not`. */
static int comparison_operator(Parser *p) {
  switch (p->tok.kind) {
  case TK_LT: return CMPOP_LT;
  case TK_LE: return CMPOP_LE;
  case TK_EQEQ: return CMPOP_EQ;
  case TK_NE: return CMPOP_NE;
  case TK_GT: return CMPOP_GT;
  case TK_GE: return CMPOP_GE;
  case TK_KW_IN: return CMP_IN;
  case TK_KW_IS: return CMP_IS;
  case TK_KW_NOT: return CMP_NOT_IN;
  default: return -1;
  }
}

/* ops[i] sits between operands i and i + 1; it is appended before operand
 * i + 1, so operands.n - 1 ops exist. Grows by doubling at powers of two. */
static bool push_cmp_op(Parser *p, Expr *cmp, int op) {
  uint32_t n = cmp->u.cmp.operands.n - 1;
  uint8_t *ops = cmp->u.cmp.ops;
  if ((n & (n - 1)) == 0) { /* n is 0 or a power of two: the array is full */
    ops = arena_grow(p->arena, ops, n, n ? (size_t)n * 2 : 1);
    if (!ops) return oom(p);
  }
  ops[n] = (uint8_t)op;
  cmp->u.cmp.ops = ops;
  return true;
}

static Expr *parse_comparison(Parser *p) {
  Expr *first = parse_bitor(p);
  if (!first || comparison_operator(p) < 0) return first;
  Expr *cmp = new_expr(p, EX_COMPARE, first->line, first->pos);
  if (!cmp || !push_expr(p, cmp, &cmp->u.cmp.operands, first)) return NULL;
  int op;
  while ((op = comparison_operator(p)) >= 0) {
    if (!advance(p)) return NULL;
    if (op == CMP_NOT_IN && !expect(p, TK_KW_IN)) return NULL;
    if (op == CMP_IS && at(p, TK_KW_NOT)) {
      op = CMP_IS_NOT;
      if (!advance(p)) return NULL;
    }
    Expr *operand = parse_bitor(p);
    if (!operand || !push_cmp_op(p, cmp, op) || !push_expr(p, cmp, &cmp->u.cmp.operands, operand)) return NULL;
  }
  return cmp;
}

static Expr *parse_inversion(Parser *p) {
  if (!at(p, TK_KW_NOT)) return parse_comparison(p);
  Expr *e = new_expr_at_token(p, EX_UNARY);
  if (!e || !advance(p) || !enter(p)) return NULL;
  Expr *operand = parse_inversion(p);
  leave(p);
  if (!operand || !add_child(p, e, operand)) return NULL;
  e->op = OP_UNARY_NOT;
  e->u.operand = operand;
  return e;
}

/* and/or chains become one node with all their operands. */
static Expr *parse_bool_chain(Parser *p, int kind) {
  int token = kind == EX_OR ? TK_KW_OR : TK_KW_AND;
  Expr *first = kind == EX_OR ? parse_bool_chain(p, EX_AND) : parse_inversion(p);
  if (!first || !at(p, token)) return first;
  Expr *chain = new_expr(p, kind, first->line, first->pos);
  if (!chain || !push_expr(p, chain, &chain->u.items, first)) return NULL;
  while (at(p, token)) {
    if (!advance(p)) return NULL;
    Expr *operand = kind == EX_OR ? parse_bool_chain(p, EX_AND) : parse_inversion(p);
    if (!operand || !push_expr(p, chain, &chain->u.items, operand)) return NULL;
  }
  return chain;
}

static Expr *parse_disjunction(Parser *p) { return parse_bool_chain(p, EX_OR); }

/* expression: disjunction ['if' disjunction 'else' expression] */
static Expr *parse_expression_inner(Parser *p) {
  if (at(p, TK_KW_LAMBDA)) {
    error_here(p, "lambda is not supported");
    return NULL;
  }
  Expr *body = parse_disjunction(p);
  if (!body) return NULL;
  if (at(p, TK_WALRUS)) {
    error_here(p, "assignment expressions (:=) are not supported");
    return NULL;
  }
  if (!at(p, TK_KW_IF)) return body;
  if (!advance(p)) return NULL;
  Expr *test = parse_disjunction(p);
  if (!test) return NULL;
  if (!at(p, TK_KW_ELSE)) {
    error_at(p, body->line, body->pos, "expected 'else' after 'if' expression");
    return NULL;
  }
  if (!advance(p)) return NULL;
  Expr *orelse = parse_expression(p);
  if (!orelse) return NULL;
  Expr *e = new_expr(p, EX_IFEXP, body->line, body->pos);
  if (!e || !add_child(p, e, body) || !add_child(p, e, test) || !add_child(p, e, orelse)) return NULL;
  e->u.ifexp.test = test;
  e->u.ifexp.body = body;
  e->u.ifexp.orelse = orelse;
  return e;
}

static Expr *parse_expression(Parser *p) {
  if (!enter(p)) return NULL;
  Expr *e = parse_expression_inner(p);
  leave(p);
  return e;
}

/* expression (',' expression)* [','] -- a tuple when there is a comma. */
static Expr *parse_star_expressions(Parser *p) {
  Expr *first = parse_expression(p);
  if (!first || !at(p, TK_COMMA)) return first;
  Expr *tuple = new_expr(p, EX_TUPLE, first->line, first->pos);
  if (!tuple || !push_expr(p, tuple, &tuple->u.items, first)) return NULL;
  while (at(p, TK_COMMA)) {
    if (!advance(p)) return NULL;
    if (!starts_expression(p->tok.kind)) break;
    Expr *item = parse_expression(p);
    if (!item || !push_expr(p, tuple, &tuple->u.items, item)) return NULL;
  }
  return tuple;
}

/* The targets of `for` (and comprehensions): stops before `in`. */
static Expr *parse_target_list(Parser *p) {
  Expr *first = parse_bitor(p);
  if (!first || !at(p, TK_COMMA)) return first;
  Expr *tuple = new_expr(p, EX_TUPLE, first->line, first->pos);
  if (!tuple || !push_expr(p, tuple, &tuple->u.items, first)) return NULL;
  while (at(p, TK_COMMA)) {
    if (!advance(p)) return NULL;
    if (at(p, TK_KW_IN)) break;
    Expr *item = parse_bitor(p);
    if (!item || !push_expr(p, tuple, &tuple->u.items, item)) return NULL;
  }
  return tuple;
}

/* ---- targets ---- */

static const char *expr_description(const Expr *e) {
  switch (e->kind) {
  case EX_NAME: return "name";
  case EX_INT:
  case EX_FLOAT:
  case EX_STR: return "literal";
  case EX_TRUE: return "True";
  case EX_FALSE: return "False";
  case EX_NONE: return "None";
  case EX_TUPLE: return "tuple";
  case EX_LIST: return "list";
  case EX_DICT: return "dict literal";
  case EX_COMPARE: return "comparison";
  case EX_IFEXP: return "conditional expression";
  case EX_CALL: return "function call";
  case EX_ATTRIBUTE: return "attribute";
  case EX_SUBSCRIPT: return "subscript";
  case EX_LISTCOMP: return "list comprehension";
  default: return "expression";
  }
}

static bool bad_target(Parser *p, const Expr *e, TargetUse use) {
  const char *what = expr_description(e);
  bool keyword = e->kind == EX_TRUE || e->kind == EX_FALSE || e->kind == EX_NONE;
  switch (use) {
  case USE_DEL: return error_at(p, e->line, e->pos, "cannot delete %s", what);
  case USE_AUG: return error_at(p, e->line, e->pos, "'%s' is an illegal expression for augmented assignment", what);
  case USE_FOR: return error_at(p, e->line, e->pos, "cannot assign to %s", what);
  case USE_ASSIGN:
  default:
    if (keyword) return error_at(p, e->line, e->pos, "cannot assign to %s", what);
    return error_at(p, e->line, e->pos, "cannot assign to %s here. Maybe you meant '==' instead of '='?", what);
  }
}

/* Names, subscripts (not slices) and tuples/lists of targets. Nesting is
 * bounded by the expression height. */
static bool check_target(Parser *p, const Expr *e, TargetUse use) {
  switch (e->kind) {
  case EX_NAME: return true;
  case EX_SUBSCRIPT:
    if (e->u.sub.index->kind == EX_SLICE)
      return error_at(p, e->line, e->pos, use == USE_DEL ? "slice deletion is not supported" : "slice assignment is not supported");
    return true;
  case EX_ATTRIBUTE:
    return error_at(p, e->line, e->pos, use == USE_DEL ? "attribute deletion is not supported" : "attribute assignment is not supported");
  case EX_TUPLE:
  case EX_LIST:
    if (use == USE_AUG) return bad_target(p, e, use);
    for (uint32_t i = 0; i < e->u.items.n; i++)
      if (!check_target(p, e->u.items.items[i], use)) return false;
    return true;
  default: return bad_target(p, e, use);
  }
}

/* ---- statements ---- */

static bool parse_statement(Parser *p, Block *out);
static bool parse_simple_statements(Parser *p, Block *out);

/* ':' then an indented block or simple statements on the same line. */
static bool parse_block(Parser *p, Block *out, const char *after, uint32_t after_line) {
  if (!expect(p, TK_COLON)) return false;
  if (!at(p, TK_NEWLINE)) return parse_simple_statements(p, out);
  if (!advance(p)) return false;
  if (!at(p, TK_INDENT))
    return error_at(p, p->tok.line, p->tok.pos, "expected an indented block after %s on line %u", after, after_line);
  if (!advance(p)) return false;
  while (!at(p, TK_DEDENT) && !at(p, TK_END))
    if (!parse_statement(p, out)) return false;
  return at(p, TK_END) ? true : advance(p);
}

static Stmt *parse_expression_statement(Parser *p) {
  Expr *first = parse_star_expressions(p);
  if (!first) return NULL;
  Stmt *s;
  if (at(p, TK_EQUAL)) {
    s = new_stmt(p, ST_ASSIGN, first->line, first->pos);
    if (!s) return NULL;
    Expr *value = first;
    while (at(p, TK_EQUAL)) {
      if (!check_target(p, value, USE_ASSIGN) || !push_expr(p, NULL, &s->u.assign.targets, value)) return NULL;
      if (!advance(p)) return NULL;
      if (at(p, TK_KW_YIELD)) {
        error_here(p, "generators are not supported");
        return NULL;
      }
      value = parse_star_expressions(p);
      if (!value) return NULL;
    }
    s->u.assign.value = value;
    return s;
  }
  int op = -1;
  switch (p->tok.kind) {
  case TK_PLUSEQ: op = BINOP_ADD; break;
  case TK_MINUSEQ: op = BINOP_SUB; break;
  case TK_STAREQ: op = BINOP_MUL; break;
  case TK_SLASHEQ: op = BINOP_TRUEDIV; break;
  case TK_DSLASHEQ: op = BINOP_FLOORDIV; break;
  case TK_PERCENTEQ: op = BINOP_MOD; break;
  case TK_DSTAREQ: op = BINOP_POW; break;
  case TK_LSHIFTEQ: op = BINOP_LSHIFT; break;
  case TK_RSHIFTEQ: op = BINOP_RSHIFT; break;
  case TK_AMPEQ: op = BINOP_AND; break;
  case TK_VBAREQ: op = BINOP_OR; break;
  case TK_CARETEQ: op = BINOP_XOR; break;
  case TK_ATEQ: error_here(p, "the @ operator is not supported"); return NULL;
  case TK_COLON: error_here(p, "annotations are not supported"); return NULL;
  default: break;
  }
  if (op >= 0) {
    if (!check_target(p, first, USE_AUG)) return NULL;
    s = new_stmt(p, ST_AUGASSIGN, first->line, first->pos);
    if (!s || !advance(p)) return NULL;
    if (at(p, TK_KW_YIELD)) {
      error_here(p, "generators are not supported");
      return NULL;
    }
    Expr *value = parse_star_expressions(p);
    if (!value) return NULL;
    s->u.aug.target = first;
    s->u.aug.op = (uint8_t)op;
    s->u.aug.value = value;
    return s;
  }
  s = new_stmt(p, ST_EXPR, first->line, first->pos);
  if (s) s->u.expr = first;
  return s;
}

static Stmt *parse_global(Parser *p, Stmt *s) {
  do {
    if (!advance(p)) return NULL;
    if (!at(p, TK_NAME)) {
      syntax_error(p);
      return NULL;
    }
    NameRef *r = arena_push(p->arena, (void **)&s->u.global.names, &s->u.global.n, &s->u.global.cap, sizeof *r);
    if (!r) {
      oom(p);
      return NULL;
    }
    r->name = p->tok.v.sym;
    r->line = p->tok.line;
    r->pos = p->tok.pos;
    if (!advance(p)) return NULL;
  } while (at(p, TK_COMMA));
  return s;
}

static Stmt *parse_del(Parser *p, Stmt *s) {
  if (!advance(p)) return NULL;
  for (;;) {
    Expr *target = parse_bitor(p);
    if (!target || !check_target(p, target, USE_DEL) || !push_expr(p, NULL, &s->u.del, target)) return NULL;
    if (!at(p, TK_COMMA)) break;
    if (!advance(p)) return NULL;
    if (!starts_expression(p->tok.kind)) break;
  }
  return s;
}

static Stmt *parse_simple_statement(Parser *p) {
  uint32_t line = p->tok.line, pos = p->tok.pos;
  Stmt *s;
  switch (p->tok.kind) {
  case TK_KW_PASS:
  case TK_KW_BREAK:
  case TK_KW_CONTINUE:
    s = new_stmt(p, at(p, TK_KW_PASS) ? ST_PASS : at(p, TK_KW_BREAK) ? ST_BREAK : ST_CONTINUE, line, pos);
    return s && advance(p) ? s : NULL;
  case TK_KW_RETURN:
    if (!p->in_def) {
      error_here(p, "'return' outside function");
      return NULL;
    }
    s = new_stmt(p, ST_RETURN, line, pos);
    if (!s || !advance(p)) return NULL;
    if (starts_expression(p->tok.kind) && !(s->u.expr = parse_star_expressions(p))) return NULL;
    return s;
  case TK_KW_RAISE:
    s = new_stmt(p, ST_RAISE, line, pos);
    if (!s || !advance(p)) return NULL;
    if (starts_expression(p->tok.kind) && !(s->u.expr = parse_expression(p))) return NULL;
    if (at(p, TK_KW_FROM)) {
      error_here(p, "'raise ... from ...' is not supported");
      return NULL;
    }
    return s;
  case TK_KW_GLOBAL:
    s = new_stmt(p, ST_GLOBAL, line, pos);
    return s ? parse_global(p, s) : NULL;
  case TK_KW_DEL:
    s = new_stmt(p, ST_DEL, line, pos);
    return s ? parse_del(p, s) : NULL;
  case TK_KW_ASSERT:
    s = new_stmt(p, ST_ASSERT, line, pos);
    if (!s || !advance(p) || !(s->u.assert_.test = parse_expression(p))) return NULL;
    if (at(p, TK_COMMA) && (!advance(p) || !(s->u.assert_.msg = parse_expression(p)))) return NULL;
    return s;
  case TK_KW_IMPORT:
  case TK_KW_FROM: error_here(p, "imports are not supported"); return NULL;
  case TK_KW_NONLOCAL: error_here(p, "nonlocal is not supported"); return NULL;
  case TK_KW_YIELD: error_here(p, "generators are not supported"); return NULL;
  default: return parse_expression_statement(p);
  }
}

static bool parse_simple_statements(Parser *p, Block *out) {
  for (;;) {
    Stmt *s = parse_simple_statement(p);
    if (!s || !push_stmt(p, out, s)) return false;
    if (!at(p, TK_SEMI)) break;
    if (!advance(p)) return false;
    if (at(p, TK_NEWLINE)) break;
  }
  if (!at(p, TK_NEWLINE)) return syntax_error(p);
  return advance(p);
}

static bool parse_if(Parser *p, Stmt *s) {
  uint32_t line = p->tok.line;
  const char *what = "'if' statement";
  do {
    IfClause *c = arena_push(p->arena, (void **)&s->u.if_.clauses, &s->u.if_.n, &s->u.if_.cap, sizeof *c);
    if (!c) return oom(p);
    if (!advance(p) || !(c->test = parse_expression(p)) || !parse_block(p, &c->body, what, line)) return false;
    what = "'elif' statement";
    line = p->tok.line;
  } while (at(p, TK_KW_ELIF));
  if (!at(p, TK_KW_ELSE)) return true;
  line = p->tok.line;
  return advance(p) && parse_block(p, &s->u.if_.orelse, "'else' statement", line);
}

static bool parse_loop_else(Parser *p, Block *orelse) {
  if (!at(p, TK_KW_ELSE)) return true;
  uint32_t line = p->tok.line;
  return advance(p) && parse_block(p, orelse, "'else' statement", line);
}

static bool parse_while(Parser *p, Stmt *s) {
  if (!advance(p) || !(s->u.while_.test = parse_expression(p))) return false;
  return parse_block(p, &s->u.while_.body, "'while' statement", s->line) && parse_loop_else(p, &s->u.while_.orelse);
}

static bool parse_for(Parser *p, Stmt *s) {
  if (!advance(p)) return false;
  Expr *target = parse_target_list(p);
  if (!target || !check_target(p, target, USE_FOR) || !expect(p, TK_KW_IN)) return false;
  s->u.for_.target = target;
  if (!(s->u.for_.iter = parse_star_expressions(p))) return false;
  return parse_block(p, &s->u.for_.body, "'for' statement", s->line) && parse_loop_else(p, &s->u.for_.orelse);
}

static bool parse_handler(Parser *p, Stmt *s) {
  Handler *h = arena_push(p->arena, (void **)&s->u.try_.handlers, &s->u.try_.nhandlers, &s->u.try_.caphandlers, sizeof *h);
  if (!h) return oom(p);
  h->line = p->tok.line;
  h->pos = p->tok.pos;
  if (!advance(p)) return false;
  if (at(p, TK_STAR)) return error_here(p, "except* is not supported");
  if (!at(p, TK_COLON)) {
    if (!(h->type = parse_expression(p))) return false;
    if (at(p, TK_COMMA)) return error_at(p, h->type->line, h->type->pos, "multiple exception types must be parenthesized");
    if (at(p, TK_KW_AS)) {
      if (!advance(p)) return false;
      if (!at(p, TK_NAME)) return syntax_error(p);
      h->name = p->tok.v.sym;
      h->name_line = p->tok.line;
      h->name_pos = p->tok.pos;
      if (!advance(p)) return false;
    }
  }
  return parse_block(p, &h->body, "'except' statement", h->line);
}

static bool parse_try(Parser *p, Stmt *s) {
  if (!advance(p) || !parse_block(p, &s->u.try_.body, "'try' statement", s->line)) return false;
  while (at(p, TK_KW_EXCEPT)) {
    uint32_t n = s->u.try_.nhandlers;
    if (n > 0 && !s->u.try_.handlers[n - 1].type)
      return error_at(p, s->u.try_.handlers[n - 1].line, s->u.try_.handlers[n - 1].pos, "default 'except:' must be last");
    if (!parse_handler(p, s)) return false;
  }
  if (at(p, TK_KW_ELSE)) {
    if (s->u.try_.nhandlers == 0) return syntax_error(p);
    uint32_t line = p->tok.line;
    if (!advance(p) || !parse_block(p, &s->u.try_.orelse, "'else' statement", line)) return false;
  }
  if (at(p, TK_KW_FINALLY)) {
    uint32_t line = p->tok.line;
    s->u.try_.has_finally = true;
    if (!advance(p) || !parse_block(p, &s->u.try_.finalbody, "'finally' statement", line)) return false;
  }
  if (s->u.try_.nhandlers == 0 && !s->u.try_.has_finally) return error_here(p, "expected 'except' or 'finally' block");
  return true;
}

static bool parse_param(Parser *p, Stmt *s) {
  if (at(p, TK_STAR) || at(p, TK_DSTAR)) return error_here(p, "*args and **kwargs parameters are not supported");
  if (at(p, TK_SLASH)) return error_here(p, "positional-only parameter markers are not supported");
  if (!at(p, TK_NAME)) return syntax_error(p);
  for (uint32_t i = 0; i < s->u.def.nparams; i++)
    if (s->u.def.params[i].name == p->tok.v.sym)
      return error_at(p, p->tok.line, p->tok.pos, "duplicate argument '%s' in function definition", p->tok.v.sym->name);
  NameRef *r = arena_push(p->arena, (void **)&s->u.def.params, &s->u.def.nparams, &s->u.def.capparams, sizeof *r);
  if (!r) return oom(p);
  r->name = p->tok.v.sym;
  r->line = p->tok.line;
  r->pos = p->tok.pos;
  if (!advance(p)) return false;
  if (at(p, TK_COLON)) return error_here(p, "annotations are not supported");
  if (at(p, TK_EQUAL)) return error_here(p, "default parameter values are not supported");
  return true;
}

static bool parse_def(Parser *p, Stmt *s) {
  if (p->in_def) return error_here(p, "nested functions are not supported");
  if (!advance(p)) return false;
  if (!at(p, TK_NAME)) return syntax_error(p);
  s->u.def.name = p->tok.v.sym;
  if (!advance(p) || !expect(p, TK_LPAR)) return false;
  while (!at(p, TK_RPAR)) {
    if (!parse_param(p, s)) return false;
    if (!at(p, TK_COMMA)) break;
    if (!advance(p)) return false;
  }
  if (!expect(p, TK_RPAR)) return false;
  if (at(p, TK_ARROW)) return error_here(p, "return annotations are not supported");
  p->in_def = true;
  bool ok = parse_block(p, &s->u.def.body, "function definition", s->line);
  p->in_def = false;
  return ok;
}

static bool parse_compound(Parser *p, Block *out, int kind, bool (*parse)(Parser *, Stmt *)) {
  Stmt *s = new_stmt(p, kind, p->tok.line, p->tok.pos);
  return s && parse(p, s) && push_stmt(p, out, s);
}

static bool parse_statement(Parser *p, Block *out) {
  switch (p->tok.kind) {
  case TK_INDENT: return error_here(p, "unexpected indent");
  case TK_KW_IF: return parse_compound(p, out, ST_IF, parse_if);
  case TK_KW_WHILE: return parse_compound(p, out, ST_WHILE, parse_while);
  case TK_KW_FOR: return parse_compound(p, out, ST_FOR, parse_for);
  case TK_KW_TRY: return parse_compound(p, out, ST_TRY, parse_try);
  case TK_KW_DEF: return parse_compound(p, out, ST_DEF, parse_def);
  case TK_KW_CLASS: return error_here(p, "classes are not supported");
  case TK_KW_WITH: return error_here(p, "'with' statements are not supported");
  case TK_KW_ASYNC: return error_here(p, "async is not supported");
  case TK_AT: return error_here(p, "decorators are not supported");
  default: return parse_simple_statements(p, out);
  }
}

bool lang_parse(const char *src, uint32_t len, Arena *arena, SymTable *syms, LangDiag *diag, Program *out) {
  Parser p;
  memset(&p, 0, sizeof p);
  p.arena = arena;
  p.diag = diag;
  memset(out, 0, sizeof *out);
  lexer_init(&p.lx, src, len, arena, syms, diag);
  if (!advance(&p)) return false;
  while (!at(&p, TK_END))
    if (!parse_statement(&p, &out->body)) return false;
  return !diag->failed;
}
