/* Operator semantics (vm/ops.c): every BINARY_OP operator with the int64
 * overflow edges, true division rounding, power and shift corner cases, bool
 * as int, float floor division/modulo signs, every comparison (NaN, -0.0,
 * exact int/float mixing, lexicographic lists/tuples, type errors), `in`,
 * subscripts with negative indices, slices (CPython's clamping), unpacking,
 * in-place list operators, the heap limit and fuel.
 *
 * Most cases are Python statements run by the small evaluator below (it
 * calls op_* directly); their expected results were produced by CPython
 * 3.11, where an int result outside int64 is lockstep's
 * "OverflowError: integer overflow" instead. Each case runs in a fresh VM
 * that must end with no live objects. */
#include <criterion/criterion.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support.h"
#include "vm/builtins.h"
#include "vm/dict.h"
#include "vm/exc.h"
#include "vm/heap.h"
#include "vm/iter.h"
#include "vm/list.h"
#include "vm/opcodes.h"
#include "vm/ops.h"
#include "vm/str.h"

/* A tiny evaluator of Python-like statements for the tests, so that every
 * case reads as the Python it is checked against (the expected strings come
 * from CPython 3.11). Statements are separated by ';': `name = expr`,
 * `a, b = expr`, `name[expr] = expr`, `name op= expr`, `del name[expr]`,
 * `try: stmt` (ignoring an exception), or an expression; the value of the
 * last one is the result. Expressions:
 * literals (int, float, str, list, tuple, dict, True/False/None, nan, inf),
 * variables, builtins and calls (keywords too), method calls, subscripts,
 * slices, unary - + ~ not, binary operators with Python's precedence, and
 * one comparison (== != < <= > >= in, not in, is, is not).
 * (The same text is in test_ops.c and test_builtins.c: test helpers beyond
 * the owned files live there.) */

enum { EV_MAX_VARS = 16, EV_MAX_ARGS = 16, EV_NAME_MAX = 32 };

typedef struct Ev {
  VM *vm;
  const char *s;
  char names[EV_MAX_VARS][EV_NAME_MAX];
  Value vals[EV_MAX_VARS];
  int nvars;
} Ev;

static Status ev_expr(Ev *e, Value *out);

static void ev_ws(Ev *e) {
  while (*e->s == ' ') e->s++;
}

static bool ev_at(Ev *e, const char *tok) {
  ev_ws(e);
  return strncmp(e->s, tok, strlen(tok)) == 0;
}

static bool ev_eat(Ev *e, const char *tok) {
  if (!ev_at(e, tok)) return false;
  e->s += strlen(tok);
  return true;
}

static void ev_expect(Ev *e, const char *tok) {
  if (!ev_eat(e, tok)) cr_assert_fail("test syntax: expected '%s' at \"%s\"", tok, e->s);
}

static bool ev_ident_char(char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

/* A keyword: the word, not followed by an identifier character. */
static bool ev_eat_word(Ev *e, const char *word) {
  ev_ws(e);
  size_t n = strlen(word);
  if (strncmp(e->s, word, n) != 0 || ev_ident_char(e->s[n])) return false;
  e->s += n;
  return true;
}

static bool ev_name(Ev *e, char *buf) {
  ev_ws(e);
  const char *p = e->s;
  if (!(*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) return false;
  size_t n = 0;
  while (ev_ident_char(p[n])) n++;
  cr_assert(n < EV_NAME_MAX);
  memcpy(buf, p, n);
  buf[n] = '\0';
  e->s += n;
  return true;
}

static Value *ev_var(Ev *e, const char *name) {
  for (int i = 0; i < e->nvars; i++)
    if (strcmp(e->names[i], name) == 0) return &e->vals[i];
  return NULL;
}

static void ev_set_var(Ev *e, const char *name, Value v) {
  Value *slot = ev_var(e, name);
  if (slot) {
    value_decref(e->vm, *slot);
    *slot = v;
    return;
  }
  cr_assert(e->nvars < EV_MAX_VARS);
  strcpy(e->names[e->nvars], name);
  e->vals[e->nvars++] = v;
}

static void ev_put_utf8(StrBuf *sb, uint32_t cp) {
  char b[4];
  int n;
  if (cp < 0x80) b[0] = (char)cp, n = 1;
  else if (cp < 0x800) b[0] = (char)(0xC0 | (cp >> 6)), b[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
  else if (cp < 0x10000)
    b[0] = (char)(0xE0 | (cp >> 12)), b[1] = (char)(0x80 | ((cp >> 6) & 0x3F)), b[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
  else
    b[0] = (char)(0xF0 | (cp >> 18)), b[1] = (char)(0x80 | ((cp >> 12) & 0x3F)),
    b[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), b[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
  strbuf_append(sb, b, (size_t)n);
}

static Status ev_string(Ev *e, Value *out) {
  char quote = *e->s++;
  StrBuf sb;
  strbuf_init(&sb);
  while (*e->s && *e->s != quote) {
    char c = *e->s++;
    if (c != '\\') {
      strbuf_putc(&sb, c);
      continue;
    }
    c = *e->s++;
    int hex = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
    if (hex) {
      char digits[9] = {0};
      memcpy(digits, e->s, (size_t)hex);
      e->s += hex;
      ev_put_utf8(&sb, (uint32_t)strtoul(digits, NULL, 16));
    } else {
      strbuf_putc(&sb, c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c == '0' ? '\0' : c);
    }
  }
  ev_expect(e, (char[]){quote, 0});
  ObjStr *s = str_new(e->vm, sb.len ? sb.data : "", sb.len);
  strbuf_free(&sb);
  if (!s) return LS_ERR;
  *out = value_obj(&s->h);
  return LS_OK;
}

static Status ev_number(Ev *e, Value *out) {
  const char *p = e->s;
  size_t n = 0;
  bool is_float = false;
  while (ev_ident_char(p[n]) || p[n] == '.' || ((p[n] == '+' || p[n] == '-') && (p[n - 1] == 'e' || p[n - 1] == 'E'))) {
    if (p[n] == '.' || p[n] == 'e' || p[n] == 'E') is_float = true;
    n++;
  }
  char buf[64];
  cr_assert(n < sizeof buf);
  memcpy(buf, p, n);
  buf[n] = '\0';
  e->s += n;
  if (is_float) {
    *out = value_float(strtod(buf, NULL));
  } else {
    errno = 0;
    long long v = strtoll(buf, NULL, 0);
    cr_assert(errno == 0, "test literal %s does not fit in int64", buf);
    *out = value_int(v);
  }
  return LS_OK;
}

static void ev_release(Ev *e, Value *v, int n) {
  for (int i = 0; i < n; i++) value_decref(e->vm, v[i]);
}

/* Arguments up to ')': positional first, then name=value keywords. */
static Status ev_args(Ev *e, Value *args, int *nargs, ObjTuple **kwnames) {
  char kw[EV_MAX_ARGS][EV_NAME_MAX];
  int nkw = 0;
  *kwnames = NULL;
  while (!ev_eat(e, ")")) {
    cr_assert(*nargs < EV_MAX_ARGS);
    const char *save = e->s;
    char name[EV_NAME_MAX];
    if (ev_name(e, name) && ev_at(e, "=") && !ev_at(e, "==")) {
      ev_expect(e, "=");
      strcpy(kw[nkw++], name);
    } else {
      e->s = save;
    }
    if (ev_expr(e, &args[*nargs]) != LS_OK) return LS_ERR;
    (*nargs)++;
    if (!ev_eat(e, ",")) {
      ev_expect(e, ")");
      break;
    }
  }
  if (nkw > 0) {
    *kwnames = tuple_new(e->vm, nkw);
    for (int i = 0; i < nkw; i++) (*kwnames)->items[i] = value_obj(&str_new(e->vm, kw[i], strlen(kw[i]))->h);
  }
  return LS_OK;
}

/* Call builtin `id`; `self` (when not NULL) is passed first. */
static Status ev_call(Ev *e, int id, const Value *self, Value *out) {
  Value args[EV_MAX_ARGS + 1];
  int n = 0;
  if (self) {
    args[n++] = *self;
    value_incref(*self);
  }
  ObjTuple *kwnames;
  Status st = ev_args(e, args, &n, &kwnames);
  if (st == LS_OK) st = builtin_call(e->vm, id, args, (uint32_t)n, kwnames, out);
  ev_release(e, args, n);
  if (kwnames) obj_decref(e->vm, &kwnames->h);
  return st;
}

/* Items up to `close`; *comma tells whether any ',' was seen. */
static Status ev_items(Ev *e, const char *close, ObjList *l, bool *comma) {
  *comma = false;
  while (!ev_eat(e, close)) {
    Value v;
    if (ev_expr(e, &v) != LS_OK) return LS_ERR;
    Status st = list_append(e->vm, l, v);
    value_decref(e->vm, v);
    if (st != LS_OK) return LS_ERR;
    if (!ev_eat(e, ",")) {
      ev_expect(e, close);
      break;
    }
    *comma = true;
  }
  return LS_OK;
}

static Status ev_sequence(Ev *e, bool tuple, Value *out) {
  ObjList *l = list_new(e->vm, 0);
  bool comma;
  if (ev_items(e, tuple ? ")" : "]", l, &comma) != LS_OK) {
    obj_decref(e->vm, &l->h);
    return LS_ERR;
  }
  if (!tuple) {
    *out = value_obj(&l->h);
    return LS_OK;
  }
  if (l->len == 1 && !comma) { /* (x) is x */
    *out = l->items[0];
    value_incref(*out);
  } else {
    ObjTuple *t = tuple_new(e->vm, l->len);
    for (int64_t i = 0; i < l->len; i++) {
      t->items[i] = l->items[i];
      value_incref(t->items[i]);
    }
    *out = value_obj(&t->h);
  }
  obj_decref(e->vm, &l->h);
  return LS_OK;
}

static Status ev_dict(Ev *e, Value *out) {
  ObjDict *d = dict_new(e->vm);
  Status st = LS_OK;
  while (st == LS_OK && !ev_eat(e, "}")) {
    Value k, v = value_none();
    st = ev_expr(e, &k);
    if (st == LS_OK) {
      ev_expect(e, ":");
      st = ev_expr(e, &v);
      if (st == LS_OK) st = dict_set(e->vm, d, k, v);
      value_decref(e->vm, v);
      value_decref(e->vm, k);
    }
    if (st == LS_OK && !ev_eat(e, ",")) {
      ev_expect(e, "}");
      break;
    }
  }
  if (st != LS_OK) {
    obj_decref(e->vm, &d->h);
    return LS_ERR;
  }
  *out = value_obj(&d->h);
  return LS_OK;
}

static Status ev_primary(Ev *e, Value *out) {
  ev_ws(e);
  char c = *e->s;
  if (c == '\'' || c == '"') return ev_string(e, out);
  if ((c >= '0' && c <= '9') || (c == '.' && e->s[1] >= '0' && e->s[1] <= '9')) return ev_number(e, out);
  if (ev_eat(e, "(")) return ev_sequence(e, true, out);
  if (ev_eat(e, "[")) return ev_sequence(e, false, out);
  if (ev_eat(e, "{")) return ev_dict(e, out);
  char name[EV_NAME_MAX];
  if (!ev_name(e, name)) cr_assert_fail("test syntax: unexpected \"%s\"", e->s);
  Value *var = ev_var(e, name);
  if (var) {
    value_incref(*var);
    *out = *var;
    return LS_OK;
  }
  if (strcmp(name, "True") == 0) return (*out = value_bool(true), LS_OK);
  if (strcmp(name, "False") == 0) return (*out = value_bool(false), LS_OK);
  if (strcmp(name, "None") == 0) return (*out = value_none(), LS_OK);
  if (strcmp(name, "nan") == 0) return (*out = value_float(NAN), LS_OK);
  if (strcmp(name, "inf") == 0) return (*out = value_float(INFINITY), LS_OK);
  int id = builtin_by_name(name, strlen(name));
  cr_assert(id >= 0, "test syntax: unknown name %s", name);
  if (ev_eat(e, "(")) return ev_call(e, id, NULL, out);
  *out = value_builtin(id);
  return LS_OK;
}

/* x[i], x[a:b:c] (missing parts are None). */
static Status ev_subscript(Ev *e, Value x, Value *out) {
  Value part[3] = {value_none(), value_none(), value_none()};
  int n = 0;
  bool slice = false;
  Status st = LS_OK;
  for (;;) {
    if (!ev_at(e, ":") && !ev_at(e, "]")) st = ev_expr(e, &part[n]);
    if (st != LS_OK || !ev_eat(e, ":")) break;
    slice = true;
    n++;
    cr_assert(n < 3);
  }
  if (st == LS_OK) {
    ev_expect(e, "]");
    st = slice ? op_slice(e->vm, x, part[0], part[1], part[2], out) : op_getitem(e->vm, x, part[0], out);
  }
  ev_release(e, part, 3);
  return st;
}

static Status ev_postfix(Ev *e, Value *out) {
  if (ev_primary(e, out) != LS_OK) return LS_ERR;
  for (;;) {
    Value x = *out, r;
    Status st;
    if (ev_eat(e, ".")) {
      char name[EV_NAME_MAX];
      cr_assert(ev_name(e, name));
      ev_expect(e, "(");
      if (x.tag == V_BUILTIN) { /* an unbound method: str.join(sep, items) */
        int id = -1;
        for (int k = 0; k < B_COUNT && id < 0; k++)
          if (builtin_info[k].kind == BK_METHOD && builtin_info[k].parent == x.as.i && strcmp(builtin_info[k].name, name) == 0)
            id = k;
        cr_assert(id >= 0, "test: no method %s", name);
        st = ev_call(e, id, NULL, &r);
      } else {
        int id = builtin_method_for(x, name, strlen(name));
        cr_assert(id >= 0, "test: no method %s", name);
        st = ev_call(e, id, &x, &r);
      }
    } else if (ev_eat(e, "[")) {
      st = ev_subscript(e, x, &r);
    } else if (x.tag == V_BUILTIN && ev_eat(e, "(")) {
      st = ev_call(e, (int)x.as.i, NULL, &r);
    } else {
      return LS_OK;
    }
    value_decref(e->vm, x);
    if (st != LS_OK) return LS_ERR;
    *out = r;
  }
}

static Status ev_unary(Ev *e, Value *out);

static Status ev_power(Ev *e, Value *out) {
  if (ev_postfix(e, out) != LS_OK) return LS_ERR;
  if (!ev_eat(e, "**")) return LS_OK;
  Value rhs, r;
  if (ev_unary(e, &rhs) != LS_OK) {
    value_decref(e->vm, *out);
    return LS_ERR;
  }
  Status st = op_binary(e->vm, BINOP_POW, *out, rhs, &r);
  value_decref(e->vm, *out);
  value_decref(e->vm, rhs);
  *out = r;
  return st;
}

static Status ev_unary(Ev *e, Value *out) {
  int op = ev_eat(e, "-") ? OP_UNARY_NEGATIVE : ev_eat(e, "+") ? OP_UNARY_POSITIVE : ev_eat(e, "~") ? OP_UNARY_INVERT : -1;
  if (op < 0) return ev_power(e, out);
  Value v;
  if (ev_unary(e, &v) != LS_OK) return LS_ERR;
  Status st = op_unary(e->vm, op, v, out);
  value_decref(e->vm, v);
  return st;
}

/* Binary operator levels, loosest first; longer symbols before their
 * prefixes. */
static const char *const ev_levels[][5] = {
    {"|"}, {"^"}, {"&"}, {"<<", ">>"}, {"+", "-"}, {"**", "*", "//", "/", "%"},
};

static Status ev_binary(Ev *e, int level, Value *out) {
  if (level == 6) return ev_unary(e, out);
  if (ev_binary(e, level + 1, out) != LS_OK) return LS_ERR;
  for (;;) {
    const char *sym = NULL;
    for (int k = 0; k < 5 && ev_levels[level][k]; k++) {
      const char *cand = ev_levels[level][k];
      if (strcmp(cand, "**") == 0) {
        if (ev_at(e, "**")) break; /* a power, parsed below */
        continue;
      }
      if (ev_at(e, cand) && !(strlen(cand) == 1 && e->s[1] == '=') && !(cand[0] == '<' && ev_at(e, "<=")) &&
          !(cand[0] == '>' && ev_at(e, ">="))) {
        sym = cand;
        break;
      }
    }
    if (!sym) return LS_OK;
    ev_eat(e, sym);
    Value rhs, r;
    if (ev_binary(e, level + 1, &rhs) != LS_OK) {
      value_decref(e->vm, *out);
      return LS_ERR;
    }
    Status st = op_binary(e->vm, binop_by_symbol(sym, strlen(sym)), *out, rhs, &r);
    value_decref(e->vm, *out);
    value_decref(e->vm, rhs);
    if (st != LS_OK) return LS_ERR;
    *out = r;
  }
}

static Status ev_comparison(Ev *e, Value *out) {
  if (ev_binary(e, 0, out) != LS_OK) return LS_ERR;
  static const char *const cmps[] = {"==", "!=", "<=", ">=", "<", ">"};
  int cmp = -1, kind = 0; /* kind: 0 compare, 1 in, 2 not in, 3 is, 4 is not */
  for (int k = 0; k < 6 && cmp < 0; k++)
    if (ev_eat(e, cmps[k])) cmp = cmpop_by_symbol(cmps[k], strlen(cmps[k]));
  if (cmp < 0) {
    if (ev_eat_word(e, "in")) kind = 1;
    else if (ev_eat_word(e, "not")) {
      cr_assert(ev_eat_word(e, "in"));
      kind = 2;
    } else if (ev_eat_word(e, "is")) kind = ev_eat_word(e, "not") ? 4 : 3;
    else return LS_OK;
  }
  Value rhs;
  if (ev_binary(e, 0, &rhs) != LS_OK) {
    value_decref(e->vm, *out);
    return LS_ERR;
  }
  Value lhs = *out;
  Status st = LS_OK;
  bool b;
  if (kind == 0) {
    st = op_compare(e->vm, cmp, lhs, rhs, out);
  } else if (kind <= 2) {
    st = op_contains(e->vm, lhs, rhs, &b);
    if (st == LS_OK) *out = value_bool(kind == 1 ? b : !b);
  } else {
    *out = value_bool(value_is(lhs, rhs) == (kind == 3));
  }
  value_decref(e->vm, lhs);
  value_decref(e->vm, rhs);
  return st;
}

static Status ev_expr(Ev *e, Value *out) {
  if (!ev_eat_word(e, "not")) return ev_comparison(e, out);
  Value v;
  if (ev_expr(e, &v) != LS_OK) return LS_ERR;
  Status st = op_unary(e->vm, OP_UNARY_NOT, v, out);
  value_decref(e->vm, v);
  return st;
}

static const char *const ev_augops[] = {"+=", "-=", "*=", "/=", "//=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^="};

static int ev_augop(Ev *e) {
  ev_ws(e);
  int best = -1;
  size_t best_len = 0;
  for (int k = 0; k < 12; k++) {
    size_t n = strlen(ev_augops[k]);
    if (strncmp(e->s, ev_augops[k], n) == 0 && n > best_len) best = k, best_len = n;
  }
  if (best < 0) return -1;
  e->s += best_len;
  return binop_by_symbol(ev_augops[best], best_len);
}

/* name = / name op= / name[i] = / a, b = ; else rewinds and returns false. */
static bool ev_try_assignment(Ev *e, Status *st) {
  const char *save = e->s;
  char name[EV_NAME_MAX];
  *st = LS_OK;
  if (!ev_name(e, name)) return false;
  if (ev_at(e, ",")) { /* unpacking */
    char targets[EV_MAX_ARGS][EV_NAME_MAX];
    int n = 0;
    strcpy(targets[n++], name);
    while (ev_eat(e, ",")) cr_assert(ev_name(e, targets[n++]));
    ev_expect(e, "=");
    Value seq, items[EV_MAX_ARGS];
    *st = ev_expr(e, &seq);
    if (*st == LS_OK) {
      *st = op_unpack(e->vm, seq, n, items);
      value_decref(e->vm, seq);
      for (int i = 0; *st == LS_OK && i < n; i++) ev_set_var(e, targets[i], items[i]);
    }
    return true;
  }
  int aug = ev_augop(e);
  if (aug >= 0) {
    Value *var = ev_var(e, name), rhs, r;
    cr_assert(var, "test: unknown variable %s", name);
    *st = ev_expr(e, &rhs);
    if (*st == LS_OK) {
      *st = op_binary(e->vm, aug, *var, rhs, &r);
      value_decref(e->vm, rhs);
      if (*st == LS_OK) ev_set_var(e, name, r);
    }
    return true;
  }
  if (ev_at(e, "=") && !ev_at(e, "==")) {
    ev_expect(e, "=");
    Value v;
    *st = ev_expr(e, &v);
    if (*st == LS_OK) ev_set_var(e, name, v);
    return true;
  }
  Value *var = ev_var(e, name);
  if (var && ev_eat(e, "[") && !ev_at(e, ":")) {
    Value key, v;
    *st = ev_expr(e, &key);
    if (*st != LS_OK) return true;
    ev_expect(e, "]");
    if (ev_at(e, "=") && !ev_at(e, "==")) {
      ev_expect(e, "=");
      *st = ev_expr(e, &v);
      if (*st == LS_OK) {
        *st = op_setitem(e->vm, *var, key, v);
        value_decref(e->vm, v);
      }
      value_decref(e->vm, key);
      return true;
    }
    value_decref(e->vm, key);
  }
  e->s = save;
  return false;
}

static Status ev_statement(Ev *e, Value *out) {
  *out = value_none();
  if (ev_eat(e, "try:")) { /* `try: stmt` swallows an exception of stmt */
    if (ev_statement(e, out) == LS_OK) return LS_OK;
    cr_assert(!e->vm->out_of_fuel && e->vm->exc);
    obj_decref(e->vm, &vm_take_exc(e->vm)->h);
    *out = value_none();
    return LS_OK;
  }
  if (ev_eat_word(e, "del")) {
    char name[EV_NAME_MAX];
    cr_assert(ev_name(e, name));
    Value *var = ev_var(e, name), key;
    cr_assert(var);
    ev_expect(e, "[");
    if (ev_expr(e, &key) != LS_OK) return LS_ERR;
    ev_expect(e, "]");
    Status st = op_delitem(e->vm, *var, key);
    value_decref(e->vm, key);
    return st;
  }
  Status st;
  if (ev_try_assignment(e, &st)) return st;
  return ev_expr(e, out);
}

/* Run `src` on vm: repr of the last statement's value, "Type: message" of
 * an exception, or "<out of fuel>". The caller frees the string. */
static char *ev_run(VM *vm, const char *src) {
  Ev e = {.vm = vm, .s = src};
  Value v = value_none();
  Status st;
  for (;;) {
    st = ev_statement(&e, &v);
    if (st != LS_OK || !ev_eat(&e, ";")) break;
    value_decref(vm, v);
    v = value_none();
  }
  StrBuf sb;
  strbuf_init(&sb);
  if (st == LS_OK) {
    ev_ws(&e);
    cr_assert(*e.s == '\0', "test syntax: trailing \"%s\"", e.s);
    if (value_repr(vm, v, &sb) != LS_OK) st = LS_ERR;
    value_decref(vm, v);
  }
  if (st != LS_OK) {
    strbuf_clear(&sb);
    if (vm->out_of_fuel) {
      strbuf_puts(&sb, "<out of fuel>");
      vm->out_of_fuel = false;
    } else {
      ObjException *x = vm_take_exc(vm);
      cr_assert(x, "LS_ERR without an exception for: %s", src);
      exc_format_last_line(vm, x, &sb);
      obj_decref(vm, &x->h);
    }
  }
  ev_release(&e, e.vals, e.nvars);
  char *r = strdup(sb.data ? sb.data : "");
  strbuf_free(&sb);
  return r;
}

/* ---------------------------------------------------------------------- */

typedef struct Case {
  const char *src, *want; /* want: repr of the result, or "Type: message" */
  const char *out;        /* expected stdout, or NULL */
} Case;

/* Each case runs in a fresh VM, which must end with no live objects. */
static void check_cases(const Case *cases, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const Case *c = &cases[i];
    VM *vm = test_vm_new();
    cr_assert(vm != NULL);
    char *got = ev_run(vm, c->src);
    cr_expect_str_eq(got, c->want, "%s\n  got:  %s\n  want: %s", c->src, got, c->want);
    if (c->out) {
      const char *out = vm->out.len ? vm->out.data : "";
      cr_expect_str_eq(out, c->out, "%s: printed %s", c->src, out);
    }
    cr_expect_eq(vm->repr_depth, 0, "%s: nesting depth not restored", c->src);
    free(got);
    int64_t leaked = test_vm_free(vm);
    cr_expect_eq(leaked, 0, "%s: %lld objects leaked", c->src, (long long)leaked);
  }
}

#define CHECK_CASES(table) check_cases(table, sizeof table / sizeof table[0])

/* One statement run in a given VM (limits set by the test). */
#define EXPECT_RUN(vm, src, want)                                                  \
  do {                                                                             \
    char *got_ = ev_run(vm, src);                                                  \
    cr_expect_str_eq(got_, want, "%s\n  got:  %s\n  want: %s", src, got_, want);   \
    free(got_);                                                                    \
  } while (0)

/* Generated by running each case in CPython 3.11 (lockstep's int64
 * overflow rule applied); hand-written expectations are marked. */
static const Case arith_int_cases[] = {
    {"1 + 2", "3", NULL},
    {"5 - 7", "-2", NULL},
    {"6 * 7", "42", NULL},
    {"7 / 2", "3.5", NULL},
    {"-7 / 2", "-3.5", NULL},
    {"1 / 3", "0.3333333333333333", NULL},
    {"0 / -5", "-0.0", NULL},
    {"-0 / 5", "0.0", NULL},
    {"7 // 2", "3", NULL},
    {"-7 // 2", "-4", NULL},
    {"7 // -2", "-4", NULL},
    {"-7 // -2", "3", NULL},
    {"7 % 3", "1", NULL},
    {"-7 % 3", "2", NULL},
    {"7 % -3", "-2", NULL},
    {"-7 % -3", "-1", NULL},
    {"0 % 5", "0", NULL},
    {"1 / 0", "ZeroDivisionError: division by zero", NULL},
    {"1 // 0", "ZeroDivisionError: integer division or modulo by zero", NULL},
    {"1 % 0", "ZeroDivisionError: integer modulo by zero", NULL},
    {"0 // 0", "ZeroDivisionError: integer division or modulo by zero", NULL},
    {"0 % 0", "ZeroDivisionError: integer modulo by zero", NULL},
    {"M = 9223372036854775807; m = -M - 1; M + 1", "OverflowError: integer overflow", NULL},
    {"M = 9223372036854775807; m = -M - 1; M + 0", "9223372036854775807", NULL},
    {"M = 9223372036854775807; m = -M - 1; -M - 2", "OverflowError: integer overflow", NULL},
    {"M = 9223372036854775807; m = -M - 1; -M - 1", "-9223372036854775808", NULL},
    {"M = 9223372036854775807; m = -M - 1; M * 2", "OverflowError: integer overflow", NULL},
    {"M = 9223372036854775807; m = -M - 1; m - 1", "OverflowError: integer overflow", NULL},
    {"M = 9223372036854775807; m = -M - 1; m + 0", "-9223372036854775808", NULL},
    {"M = 9223372036854775807; m = -M - 1; m // -1", "OverflowError: integer overflow", NULL},
    {"M = 9223372036854775807; m = -M - 1; m % -1", "0", NULL},
    {"M = 9223372036854775807; m = -M - 1; -m", "OverflowError: integer overflow", NULL},
    {"M = 9223372036854775807; m = -M - 1; m * -1", "OverflowError: integer overflow", NULL},
    {"M = 9223372036854775807; m = -M - 1; M // -1", "-9223372036854775807", NULL},
    {"M = 9223372036854775807; m = -M - 1; m // 1", "-9223372036854775808", NULL},
    {"M = 9223372036854775807; m = -M - 1; m % 7", "6", NULL},
    {"M = 9223372036854775807; m = -M - 1; M % -7", "0", NULL},
    {"M = 9223372036854775807; m = -M - 1; m // 7", "-1317624576693539402", NULL},
    {"3037000500 * 3037000500", "OverflowError: integer overflow", NULL},
    {"3037000499 * 3037000499", "9223372030926249001", NULL},
    {"-3037000499 * 3037000499", "-9223372030926249001", NULL},
    {"M = 9223372036854775807; m = -M - 1; M / 3", "3.0744573456182584e+18", NULL},
    {"M = 9223372036854775807; m = -M - 1; M / -M", "-1.0", NULL},
    {"M = 9223372036854775807; m = -M - 1; m / 3", "-3.0744573456182584e+18", NULL},
    {"M = 9223372036854775807; m = -M - 1; m / m", "1.0", NULL},
    {"M = 9223372036854775807; m = -M - 1; m / M", "-1.0", NULL},
    {"9007199254740993 / 1", "9007199254740992.0", NULL},
    {"9007199254740993 / 3", "3002399751580331.0", NULL},
    {"2 ** 62 / 3", "1.5372286728091292e+18", NULL},
    {"M = 9223372036854775807; m = -M - 1; M / 7", "1.3176245766935393e+18", NULL},
    {"123456789123456789 / 1000", "123456789123456.78", NULL},
    {"-123456789123456789 / 7", "-1.7636684160493828e+16", NULL},
    {"1 / 9007199254740993", "1.1102230246251564e-16", NULL},
    {"M = 9223372036854775807; m = -M - 1; 1 / m", "-1.0842021724855044e-19", NULL},
    {"0 / 9007199254740993", "0.0", NULL},
    {"0 / -9007199254740993", "-0.0", NULL},
    {"7177312495217508281 / 7069538825591205869", "1.0152447949272405", NULL},
    {"558297527264174075 / 534736672695", "1044060.667188638", NULL},
    {"-4990657640386347624 / -3", "1.663552546795449e+18", NULL},
    {"2298022678070974562 / -10", "-2.2980226780709747e+17", NULL},
    {"677374247655707115 / 7", "9.676774966510102e+16", NULL},
    {"2816750537551512010 / -1049261681966", "-2684507.197740959", NULL},
    {"-10499886541318510 / 7", "-1499983791616930.0", NULL},
    {"6765765020095177659 / 7", "9.665378600135968e+17", NULL},
    {"-434443537576502417 / -892065282609", "487008.68203938706", NULL},
    {"14295546631043044 / 916", "15606491955287.166", NULL},
    {"-33608586352698017 / -4250444977578892782", "0.007907074795693953", NULL},
    {"15985137643561626 / -1023753792748", "-15614.240217517236", NULL},
    {"-234342656654872803 / 483", "-485181483757500.6", NULL},
    {"-443390691666874602 / 10", "-4.4339069166687464e+16", NULL},
    {"1437955982853417 / -958", "-1500997894419.0156", NULL},
    {"-2941826774487178170 / 578", "-5089665699804807.0", NULL},
    {"10583631941490180 / 3", "3527877313830060.0", NULL},
    {"7726561547866814 / -7", "-1103794506838116.2", NULL},
    {"-16747494810012453 / 3", "-5582498270004151.0", NULL},
    {"-2348816578577927 / -10", "234881657857792.7", NULL},
    {"7009990338541833 / -7", "-1001427191220261.9", NULL},
    {"2961266713409720284 / 3", "9.870889044699068e+17", NULL},
    {"-24016788000734813 / -70", "343096971439068.75", NULL},
    {"-4478588468141057648 / 3", "-1.4928628227136858e+18", NULL},
    {"714652014921170739 / -3", "-2.3821733830705693e+17", NULL},
    {"10794213213211567 / -10", "-1079421321321156.8", NULL},
    {"-705538283217781599 / -3", "2.3517942773926054e+17", NULL},
    {"-5281176949262865 / 831836026005", "-6348.819700231546", NULL},
    {"6803528332890596327 / 7", "9.71932618984371e+17", NULL},
    {"-8949651668702174052 / -3", "2.9832172229007247e+18", NULL},
    {"32398759417421449 / -7", "-4628394202488778.0", NULL},
    {"-337718876210863272 / -7", "4.824555374440904e+16", NULL},
    {"-31262267370559934 / -3", "1.0420755790186644e+16", NULL},
    {"-4106958746958915872 / -3", "1.3689862489863053e+18", NULL},
    {"-5039236466832923092 / -534", "9436772409799482.0", NULL},
    {"-12156028462222504 / -7", "1736575494603214.8", NULL},
    {"-3110240664752824 / -288620062647", "10776.245546578093", NULL},
    {"-24486823200214593 / 10", "-2448682320021459.5", NULL},
    {"-21494766369901452 / -273200206347", "78677.70913247512", NULL},
    {"-4841521311002201 / -543633103844", "8905.861833593408", NULL},
};

static const Case pow_cases[] = {
    {"2 ** 10", "1024", NULL},
    {"2 ** 62", "4611686018427387904", NULL},
    {"2 ** 63", "OverflowError: integer overflow", NULL},
    {"(-2) ** 63", "-9223372036854775808", NULL},
    {"(-2) ** 64", "OverflowError: integer overflow", NULL},
    {"3 ** 39", "4052555153018976267", NULL},
    {"3 ** 40", "OverflowError: integer overflow", NULL},
    {"(-3) ** 39", "-4052555153018976267", NULL},
    {"(-3) ** 40", "OverflowError: integer overflow", NULL},
    {"10 ** 18", "1000000000000000000", NULL},
    {"10 ** 19", "OverflowError: integer overflow", NULL},
    {"0 ** 0", "1", NULL},
    {"0 ** 5", "0", NULL},
    {"1 ** -1", "1.0", NULL},
    {"2 ** -1", "0.5", NULL},
    {"(-2) ** -1", "-0.5", NULL},
    {"0 ** -1", "ZeroDivisionError: 0.0 cannot be raised to a negative power", NULL},
    {"2 ** -1074", "5e-324", NULL},
    {"2 ** -1075", "0.0", NULL},
    {"M = 9223372036854775807; m = -M - 1; (-1) ** M", "-1", NULL},
    {"M = 9223372036854775807; m = -M - 1; 1 ** M", "1", NULL},
    {"M = 9223372036854775807; m = -M - 1; 0 ** M", "0", NULL},
    {"M = 9223372036854775807; m = -M - 1; 2 ** M", "OverflowError: integer overflow", NULL},
    {"M = 9223372036854775807; m = -M - 1; (-1) ** m", "1.0", NULL},
    {"M = 9223372036854775807; m = -M - 1; 2 ** m", "0.0", NULL},
    {"7 ** 22", "3909821048582988049", NULL},
    {"7 ** 23", "OverflowError: integer overflow", NULL},
    {"(-7) ** 23", "OverflowError: integer overflow", NULL},
    {"2 ** 0.5", "1.4142135623730951", NULL},
    {"4 ** 0.5", "2.0", NULL},
    {"2.0 ** 3", "8.0", NULL},
    {"2.0 ** 0.5", "1.4142135623730951", NULL},
    {"(-2.0) ** 3", "-8.0", NULL},
    {"(-2.0) ** 2.0", "4.0", NULL},
    {"(-8.0) ** (1/3)", "ValueError: math domain error", NULL},
    {"(-8) ** 0.5", "ValueError: math domain error", NULL},
    {"0.0 ** -1", "ZeroDivisionError: 0.0 cannot be raised to a negative power", NULL},
    {"0 ** -1.0", "ZeroDivisionError: 0.0 cannot be raised to a negative power", NULL},
    {"0.0 ** -0.5", "ZeroDivisionError: 0.0 cannot be raised to a negative power", NULL},
    {"0.0 ** 0", "1.0", NULL},
    {"(-0.0) ** 3", "-0.0", NULL},
    {"(-0.0) ** 2", "0.0", NULL},
    {"(-0.0) ** -1", "ZeroDivisionError: 0.0 cannot be raised to a negative power", NULL},
    {"(-0.0) ** 0.5", "0.0", NULL},
    {"inf ** 0", "1.0", NULL},
    {"nan ** 0", "1.0", NULL},
    {"1 ** nan", "1.0", NULL},
    {"1.0 ** inf", "1.0", NULL},
    {"(-1.0) ** inf", "1.0", NULL},
    {"0.5 ** inf", "0.0", NULL},
    {"2.0 ** inf", "inf", NULL},
    {"0.5 ** -inf", "inf", NULL},
    {"2.0 ** -inf", "0.0", NULL},
    {"inf ** -1", "0.0", NULL},
    {"(-inf) ** 3", "-inf", NULL},
    {"(-inf) ** 2", "inf", NULL},
    {"(-inf) ** -3", "-0.0", NULL},
    {"(-inf) ** -2", "0.0", NULL},
    {"(-inf) ** 0.5", "inf", NULL},
    {"nan ** 1", "nan", NULL},
    {"nan ** nan", "nan", NULL},
    {"2 ** nan", "nan", NULL},
    {"10.0 ** 400", "OverflowError: (34, 'Numerical result out of range')", NULL},
    {"(-10.0) ** 401", "OverflowError: (34, 'Numerical result out of range')", NULL},
    {"(-10.0) ** 400", "OverflowError: (34, 'Numerical result out of range')", NULL},
    {"10.0 ** -400", "0.0", NULL},
    {"1e-300 ** 1.05", "1e-315", NULL},
    {"0.5 ** 1074.5", "5e-324", NULL},
    {"True ** 2", "1", NULL},
    {"2 ** True", "2", NULL},
    {"True ** -1", "1.0", NULL},
    {"False ** -1", "ZeroDivisionError: 0.0 cannot be raised to a negative power", NULL},
    {"(-2.5) ** 2", "6.25", NULL},
    {"(-1.0) ** 0.5", "ValueError: math domain error", NULL},
    {"(-inf) ** inf", "inf", NULL},
    {"(-1) ** 0.5", "ValueError: math domain error", NULL},
    {"2 ** 1023.5", "1.2711610061536464e+308", NULL},
    {"(-2) ** 1024.0", "OverflowError: (34, 'Numerical result out of range')", NULL},
};

static const Case arith_float_cases[] = {
    {"0.1 + 0.2", "0.30000000000000004", NULL},
    {"1.5 - 2", "-0.5", NULL},
    {"1e308 * 10", "inf", NULL},
    {"-1e308 * 10", "-inf", NULL},
    {"1.0 / 0", "ZeroDivisionError: float division by zero", NULL},
    {"1 / 0.0", "ZeroDivisionError: float division by zero", NULL},
    {"1.0 // 0", "ZeroDivisionError: float floor division by zero", NULL},
    {"1.0 % 0", "ZeroDivisionError: float modulo", NULL},
    {"0.0 / 0.0", "ZeroDivisionError: float division by zero", NULL},
    {"5.5 // 2", "2.0", NULL},
    {"-5.5 // 2", "-3.0", NULL},
    {"5.5 // -2", "-3.0", NULL},
    {"-5.5 // -2", "2.0", NULL},
    {"5.5 % 2", "1.5", NULL},
    {"-5.5 % 2", "0.5", NULL},
    {"5.5 % -2", "-0.5", NULL},
    {"-5.5 % -2", "-1.5", NULL},
    {"-0.0 % 1", "0.0", NULL},
    {"0.0 % -1", "-0.0", NULL},
    {"-1e-300 % 1e300", "1e+300", NULL},
    {"1e-300 % -1e300", "-1e+300", NULL},
    {"7.5 // 0.5", "15.0", NULL},
    {"inf // 1", "nan", NULL},
    {"inf % 1", "nan", NULL},
    {"1 % inf", "1.0", NULL},
    {"-1 % inf", "inf", NULL},
    {"1 // inf", "0.0", NULL},
    {"-1 // inf", "-1.0", NULL},
    {"nan % 1", "nan", NULL},
    {"nan // 1", "nan", NULL},
    {"1 % nan", "nan", NULL},
    {"-0.0 // 1", "-0.0", NULL},
    {"0.0 // -1", "-0.0", NULL},
    {"3 / 1.5", "2.0", NULL},
    {"2 * 1.5", "3.0", NULL},
    {"1 - 0.1", "0.9", NULL},
    {"True + 0.5", "1.5", NULL},
    {"True / True", "1.0", NULL},
    {"-7 / 2.0", "-3.5", NULL},
    {"7 // 2.0", "3.0", NULL},
    {"-7 % 2.0", "1.0", NULL},
    {"1e16 + 1", "1e+16", NULL},
    {"0.1 * 3", "0.30000000000000004", NULL},
    {"1 / 3.0", "0.3333333333333333", NULL},
    {"2.5 % 0.1", "0.09999999999999987", NULL},
    {"1e308 + 1e308", "inf", NULL},
    {"inf - inf", "nan", NULL},
    {"inf * 0", "nan", NULL},
    {"-0.0 + 0.0", "0.0", NULL},
    {"-0.0 - 0.0", "-0.0", NULL},
    {"-0.0 * 5", "-0.0", NULL},
    {"9007199254740993 + 0.0", "9007199254740992.0", NULL},
    {"M = 9223372036854775807; m = -M - 1; M + 0.0", "9.223372036854776e+18", NULL},
    {"M = 9223372036854775807; m = -M - 1; m - 1.0", "-9.223372036854776e+18", NULL},
    {"6.0 // 4.0", "1.0", NULL},
    {"0.3 // 0.1", "2.0", NULL},
    {"0.3 % 0.1", "0.09999999999999998", NULL},
    {"-0.0 // -1", "0.0", NULL},
    {"1e300 // 1e-300", "inf", NULL},
};

static const Case bool_cases[] = {
    {"True + True", "2", NULL},
    {"True - False", "1", NULL},
    {"True * 3", "3", NULL},
    {"~True", "-2", NULL},
    {"~False", "-1", NULL},
    {"-True", "-1", NULL},
    {"+True", "1", NULL},
    {"+False", "0", NULL},
    {"True & True", "True", NULL},
    {"True & False", "False", NULL},
    {"True | False", "True", NULL},
    {"True ^ True", "False", NULL},
    {"False ^ False", "False", NULL},
    {"True & 3", "1", NULL},
    {"True | 2", "3", NULL},
    {"5 ^ True", "4", NULL},
    {"True << 2", "4", NULL},
    {"True >> 1", "0", NULL},
    {"True // True", "1", NULL},
    {"True % 2", "1", NULL},
    {"-False", "0", NULL},
    {"False ** False", "1", NULL},
    {"True / 2", "0.5", NULL},
    {"True == 1", "True", NULL},
    {"False < True", "True", NULL},
    {"True + 1.5", "2.5", NULL},
    {"True * \"ab\"", "'ab'", NULL},
    {"[1] * False", "[]", NULL},
    {"True << 63", "OverflowError: integer overflow", NULL},
    {"True << 62", "4611686018427387904", NULL},
    {"(True & True) is True", "True", NULL},
    {"(True | 0) is True", "False", NULL},
};

static const Case shift_cases[] = {
    {"1 << 62", "4611686018427387904", NULL},
    {"1 << 63", "OverflowError: integer overflow", NULL},
    {"-1 << 63", "-9223372036854775808", NULL},
    {"1 << 64", "OverflowError: integer overflow", NULL},
    {"0 << 100", "0", NULL},
    {"M = 9223372036854775807; m = -M - 1; 0 << M", "0", NULL},
    {"1 << -1", "ValueError: negative shift count", NULL},
    {"1 >> -1", "ValueError: negative shift count", NULL},
    {"0 << -1", "ValueError: negative shift count", NULL},
    {"0 >> -1", "ValueError: negative shift count", NULL},
    {"-1 >> 100", "-1", NULL},
    {"1 >> 100", "0", NULL},
    {"-5 >> 1", "-3", NULL},
    {"5 >> 1", "2", NULL},
    {"-1 >> 63", "-1", NULL},
    {"M = 9223372036854775807; m = -M - 1; m >> 63", "-1", NULL},
    {"M = 9223372036854775807; m = -M - 1; M >> 62", "1", NULL},
    {"M = 9223372036854775807; m = -M - 1; m >> 64", "-1", NULL},
    {"M = 9223372036854775807; m = -M - 1; M >> M", "0", NULL},
    {"3 << 61", "6917529027641081856", NULL},
    {"-3 << 61", "-6917529027641081856", NULL},
    {"-4 << 61", "-9223372036854775808", NULL},
    {"4 << 61", "OverflowError: integer overflow", NULL},
    {"-1 << 64", "OverflowError: integer overflow", NULL},
    {"1.5 << 1", "TypeError: unsupported operand type(s) for <<: 'float' and 'int'", NULL},
    {"1 << 1.5", "TypeError: unsupported operand type(s) for <<: 'int' and 'float'", NULL},
    {"'a' << 1", "TypeError: unsupported operand type(s) for <<: 'str' and 'int'", NULL},
    {"1 >> 1.5", "TypeError: unsupported operand type(s) for >>: 'int' and 'float'", NULL},
    {"M = 9223372036854775807; m = -M - 1; 1 << M", "OverflowError: integer overflow", NULL},
    {"M = 9223372036854775807; m = -M - 1; -1 >> M", "-1", NULL},
    {"M = 9223372036854775807; m = -M - 1; 1 << m", "ValueError: negative shift count", NULL},
    {"255 << 55", "9187343239835811840", NULL},
    {"255 << 56", "OverflowError: integer overflow", NULL},
    {"-255 << 55", "-9187343239835811840", NULL},
    {"-256 << 55", "-9223372036854775808", NULL},
    {"-257 << 55", "OverflowError: integer overflow", NULL},
};

static const Case bitwise_cases[] = {
    {"12 & 10", "8", NULL},
    {"12 | 10", "14", NULL},
    {"12 ^ 10", "6", NULL},
    {"-12 & 10", "0", NULL},
    {"-1 ^ 5", "-6", NULL},
    {"1.0 & 1", "TypeError: unsupported operand type(s) for &: 'float' and 'int'", NULL},
    {"1 | 1.0", "TypeError: unsupported operand type(s) for |: 'int' and 'float'", NULL},
    {"~5", "-6", NULL},
    {"~-1", "0", NULL},
    {"[] & 1", "TypeError: unsupported operand type(s) for &: 'list' and 'int'", NULL},
    {"1 ^ None", "TypeError: unsupported operand type(s) for ^: 'int' and 'NoneType'", NULL},
    {"M = 9223372036854775807; m = -M - 1; m & M", "0", NULL},
    {"M = 9223372036854775807; m = -M - 1; m | M", "-1", NULL},
    {"M = 9223372036854775807; m = -M - 1; m ^ M", "-1", NULL},
    {"M = 9223372036854775807; m = -M - 1; ~M", "-9223372036854775808", NULL},
    {"M = 9223372036854775807; m = -M - 1; ~m", "9223372036854775807", NULL},
};

static const Case unary_cases[] = {
    {"-5", "-5", NULL},
    {"-(-5)", "5", NULL},
    {"+5", "5", NULL},
    {"-1.5", "-1.5", NULL},
    {"+(-0.0)", "-0.0", NULL},
    {"-0.0", "-0.0", NULL},
    {"-(0.0)", "-0.0", NULL},
    {"~0", "-1", NULL},
    {"-'a'", "TypeError: bad operand type for unary -: 'str'", NULL},
    {"+'a'", "TypeError: bad operand type for unary +: 'str'", NULL},
    {"~'a'", "TypeError: bad operand type for unary ~: 'str'", NULL},
    {"~1.5", "TypeError: bad operand type for unary ~: 'float'", NULL},
    {"-None", "TypeError: bad operand type for unary -: 'NoneType'", NULL},
    {"not 0", "True", NULL},
    {"not []", "True", NULL},
    {"not [0]", "False", NULL},
    {"not ''", "True", NULL},
    {"not 'a'", "False", NULL},
    {"not None", "True", NULL},
    {"not 0.0", "True", NULL},
    {"not nan", "False", NULL},
    {"not {}", "True", NULL},
    {"not range(0)", "True", NULL},
    {"not range(1)", "False", NULL},
    {"not ()", "True", NULL},
    {"not len", "False", NULL},
    {"-[1]", "TypeError: bad operand type for unary -: 'list'", NULL},
    {"-{}", "TypeError: bad operand type for unary -: 'dict'", NULL},
    {"+[1]", "TypeError: bad operand type for unary +: 'list'", NULL},
    {"~[1]", "TypeError: bad operand type for unary ~: 'list'", NULL},
    {"M = 9223372036854775807; m = -M - 1; -m", "OverflowError: integer overflow", NULL},
    {"M = 9223372036854775807; m = -M - 1; -M", "-9223372036854775807", NULL},
    {"M = 9223372036854775807; m = -M - 1; ~m", "9223372036854775807", NULL},
    {"-inf", "-inf", NULL},
    {"-nan", "nan", NULL},
    {"-len", "TypeError: bad operand type for unary -: 'builtin_function_or_method'", NULL},
    {"not ValueError()", "False", NULL},
};

static const Case seq_cases[] = {
    {"'ab' + 'cd'", "'abcd'", NULL},
    {"'a' + 1", "TypeError: can only concatenate str (not \"int\") to str", NULL},
    {"1 + 'a'", "TypeError: unsupported operand type(s) for +: 'int' and 'str'", NULL},
    {"[1] + [2, 3]", "[1, 2, 3]", NULL},
    {"[] + ()", "TypeError: can only concatenate list (not \"tuple\") to list", NULL},
    {"() + []", "TypeError: can only concatenate tuple (not \"list\") to tuple", NULL},
    {"(1,) + (2,)", "(1, 2)", NULL},
    {"'ab' * 3", "'ababab'", NULL},
    {"3 * 'ab'", "'ababab'", NULL},
    {"'ab' * 0", "''", NULL},
    {"'ab' * -1", "''", NULL},
    {"'ab' * True", "'ab'", NULL},
    {"[1, 2] * 2", "[1, 2, 1, 2]", NULL},
    {"2 * [1]", "[1, 1]", NULL},
    {"[1] * -5", "[]", NULL},
    {"(1,) * 3", "(1, 1, 1)", NULL},
    {"() * 5", "()", NULL},
    {"'a' * 1.5", "TypeError: can't multiply sequence by non-int of type 'float'", NULL},
    {"1.5 * 'a'", "TypeError: can't multiply sequence by non-int of type 'float'", NULL},
    {"[1] * [2]", "TypeError: can't multiply sequence by non-int of type 'list'", NULL},
    {"'a' * 'b'", "TypeError: can't multiply sequence by non-int of type 'str'", NULL},
    {"None * [1]", "TypeError: can't multiply sequence by non-int of type 'NoneType'", NULL},
    {"[1] * None", "TypeError: can't multiply sequence by non-int of type 'NoneType'", NULL},
    {"'\303\251' * 3", "'\303\251\303\251\303\251'", NULL},
    {"[[1]] * 2", "[[1], [1]]", NULL},
    {"{} + {}", "TypeError: unsupported operand type(s) for +: 'dict' and 'dict'", NULL},
    {"range(2) + range(3)", "TypeError: unsupported operand type(s) for +: 'range' and 'range'", NULL},
    {"'a' - 'b'", "TypeError: unsupported operand type(s) for -: 'str' and 'str'", NULL},
    {"[1] - [1]", "TypeError: unsupported operand type(s) for -: 'list' and 'list'", NULL},
    {"'a' ** 2", "TypeError: unsupported operand type(s) for ** or pow(): 'str' and 'int'", NULL},
    {"2 ** 'a'", "TypeError: unsupported operand type(s) for ** or pow(): 'int' and 'str'", NULL},
    {"'a' / 2", "TypeError: unsupported operand type(s) for /: 'str' and 'int'", NULL},
    {"'a' // 2", "TypeError: unsupported operand type(s) for //: 'str' and 'int'", NULL},
    {"'a' + None", "TypeError: can only concatenate str (not \"NoneType\") to str", NULL},
    {"[1] + None", "TypeError: can only concatenate list (not \"NoneType\") to list", NULL},
    {"(1,) + [2]", "TypeError: can only concatenate tuple (not \"list\") to tuple", NULL},
    {"'' + ''", "''", NULL},
    {"'\303\251' + '\303\274'", "'\303\251\303\274'", NULL},
    {"[] * 10", "[]", NULL},
    {"(1, 2) * 0", "()", NULL},
    {"'ab' * 2 * 2", "'abababab'", NULL},
    {"[1, [2]] + [(3,)]", "[1, [2], (3,)]", NULL},
    {"'x' * 10 + 'y'", "'xxxxxxxxxxy'", NULL},
    {"(1,) * -1", "()", NULL},
    {"[] + []", "[]", NULL},
};

static const Case inplace_cases[] = {
    {"x = [1]; y = x; x += [2]; y", "[1, 2]", NULL},
    {"x = [1]; x += (2, 3); x", "[1, 2, 3]", NULL},
    {"x = [1]; x += 'ab'; x", "[1, 'a', 'b']", NULL},
    {"x = [1]; x += range(3); x", "[1, 0, 1, 2]", NULL},
    {"x = [1]; x += {5: 6}; x", "[1, 5]", NULL},
    {"x = [1]; x += 1", "TypeError: 'int' object is not iterable", NULL},
    {"x = [1, 2]; x += x; x", "[1, 2, 1, 2]", NULL},
    {"x = [1, 2]; y = x; x *= 2; y", "[1, 2, 1, 2]", NULL},
    {"x = [1]; x *= 0; x", "[]", NULL},
    {"x = [1]; x *= -3; x", "[]", NULL},
    {"x = [1]; x *= 1.5", "TypeError: can't multiply sequence by non-int of type 'float'", NULL},
    {"x = (1,); y = x; x += (2,); y", "(1,)", NULL},
    {"x = 'a'; x += 'b'; x", "'ab'", NULL},
    {"x = 1; x += 'a'", "TypeError: unsupported operand type(s) for +=: 'int' and 'str'", NULL},
    {"x = 1; x **= 'a'", "TypeError: unsupported operand type(s) for **=: 'int' and 'str'", NULL},
    {"x = 1; x <<= 'a'", "TypeError: unsupported operand type(s) for <<=: 'int' and 'str'", NULL},
    {"x = 1; x //= 0", "ZeroDivisionError: integer division or modulo by zero", NULL},
    {"x = 5; x -= 7; x", "-2", NULL},
    {"x = [1]; x -= [1]", "TypeError: unsupported operand type(s) for -=: 'list' and 'list'", NULL},
    {"x = [1]; x |= [1]", "TypeError: unsupported operand type(s) for |=: 'list' and 'list'", NULL},
    {"x = 7; x /= 2; x", "3.5", NULL},
    {"x = [1]; x *= True; x", "[1]", NULL},
    {"x = (1,); x += [2]", "TypeError: can only concatenate tuple (not \"list\") to tuple", NULL},
    {"x = 'a'; x += 1", "TypeError: can only concatenate str (not \"int\") to str", NULL},
    {"x = 'ab'; x *= 2; x", "'abab'", NULL},
    {"x = 2; x **= 10; x", "1024", NULL},
    {"M = 9223372036854775807; m = -M - 1; x = M; x += 1", "OverflowError: integer overflow", NULL},
    {"x = 1; x <<= 63", "OverflowError: integer overflow", NULL},
    {"x = -8; x >>= 1; x", "-4", NULL},
    {"x = 6; x &= 3; x", "2", NULL},
    {"x = 6; x |= 3; x", "7", NULL},
    {"x = 6; x ^= 3; x", "5", NULL},
    {"x = 7; x %= -2; x", "-1", NULL},
    {"x = [1, 2]; x *= 3; x", "[1, 2, 1, 2, 1, 2]", NULL},
    {"x = []; x *= 1000000; x", "[]", NULL},
    {"x = [1]; x += reversed([2, 3]); x", "[1, 3, 2]", NULL},
    {"x = [1]; x += None", "TypeError: 'NoneType' object is not iterable", NULL},
    {"x = {}; x += {}", "TypeError: unsupported operand type(s) for +=: 'dict' and 'dict'", NULL},
    {"x = 1.5; x //= 0", "ZeroDivisionError: float floor division by zero", NULL},
};

static const Case cmp_num_cases[] = {
    {"1 < 2", "True", NULL},
    {"2 <= 2", "True", NULL},
    {"3 == 3.0", "True", NULL},
    {"1 != 1.0", "False", NULL},
    {"True == 1", "True", NULL},
    {"True == 1.0", "True", NULL},
    {"False == 0", "True", NULL},
    {"True < 2", "True", NULL},
    {"-0.0 == 0.0", "True", NULL},
    {"0 == -0.0", "True", NULL},
    {"-0.0 < 0.0", "False", NULL},
    {"nan == nan", "False", NULL},
    {"nan != nan", "True", NULL},
    {"nan < 1", "False", NULL},
    {"nan >= nan", "False", NULL},
    {"1 > nan", "False", NULL},
    {"nan == 1", "False", NULL},
    {"nan <= inf", "False", NULL},
    {"M = 9223372036854775807; m = -M - 1; inf > M", "True", NULL},
    {"M = 9223372036854775807; m = -M - 1; M < inf", "True", NULL},
    {"M = 9223372036854775807; m = -M - 1; M == 9223372036854775808.0", "False", NULL},
    {"M = 9223372036854775807; m = -M - 1; M < 9223372036854775808.0", "True", NULL},
    {"M = 9223372036854775807; m = -M - 1; m == -9223372036854775808.0", "True", NULL},
    {"M = 9223372036854775807; m = -M - 1; m > -9223372036854775808.0", "False", NULL},
    {"M = 9223372036854775807; m = -M - 1; m >= -9223372036854775808.0", "True", NULL},
    {"9007199254740993 == 9007199254740992.0", "False", NULL},
    {"9007199254740993 > 9007199254740992.0", "True", NULL},
    {"9007199254740992 == 9007199254740992.0", "True", NULL},
    {"1 < 1.5", "True", NULL},
    {"2 > 1.5", "True", NULL},
    {"-1 < -0.5", "True", NULL},
    {"-1 > -1.5", "True", NULL},
    {"M = 9223372036854775807; m = -M - 1; 1e300 > M", "True", NULL},
    {"M = 9223372036854775807; m = -M - 1; -1e300 < m", "True", NULL},
    {"0.5 < True", "True", NULL},
    {"1.0 <= True", "True", NULL},
    {"-inf < 0", "True", NULL},
    {"1.5 == 1", "False", NULL},
    {"2.0 >= 2", "True", NULL},
    {"-0.0 == 0", "True", NULL},
    {"0.1 + 0.2 == 0.3", "False", NULL},
    {"1e16 == 10000000000000000", "True", NULL},
    {"1e16 + 1 == 10000000000000001", "False", NULL},
    {"M = 9223372036854775807; m = -M - 1; M == M + 0.0", "False", NULL},
    {"M = 9223372036854775807; m = -M - 1; M - 512 < 9223372036854775808.0", "True", NULL},
    {"M = 9223372036854775807; m = -M - 1; 9223372036854774784.0 == M - 1023", "True", NULL},
    {"M = 9223372036854775807; m = -M - 1; 9223372036854774784.0 < M - 1022", "True", NULL},
    {"nan > nan", "False", NULL},
    {"nan is nan", "True", NULL},
    {"9007199254740989 > 9007199254740990.0", "False", NULL},
    {"4611686018427387902 < 4.611686018427388e+18", "True", NULL},
    {"9007199254740995 <= 9007199254740996.0", "True", NULL},
    {"4611686018427387904 >= 4.611686018427388e+18", "True", NULL},
    {"4611686018427387907 >= 4.611686018427388e+18", "True", NULL},
    {"-9007199254740993 <= -9007199254740992.0", "True", NULL},
    {"4865665963889266435 != 4.865665963889267e+18", "True", NULL},
    {"4611686018427387903 != 4.611686018427388e+18", "True", NULL},
    {"4611686018427387907 != 4.611686018427388e+18", "True", NULL},
    {"7614419152241109729 != 7.61441915224111e+18", "True", NULL},
    {"-9007199254740994 >= -9007199254740994.0", "True", NULL},
    {"6268136807553393135 >= 6.268136807553393e+18", "True", NULL},
    {"4611686018427387903 >= 4.611686018427388e+18", "False", NULL},
    {"4582086587401051046 > 4.582086587401051e+18", "False", NULL},
    {"4611686018427387907 != 4.611686018427388e+18", "True", NULL},
    {"9007199254740996 > 9007199254740996.0", "False", NULL},
    {"4611686018427387901 < 4.611686018427388e+18", "True", NULL},
    {"9007199254740993 == 9007199254740994.0", "False", NULL},
    {"4611686018427387905 <= 4.611686018427388e+18", "False", NULL},
    {"9007199254740991 >= 9007199254740990.0", "True", NULL},
    {"4611686018427387904 >= 4.611686018427388e+18", "True", NULL},
    {"4611686018427387905 < 4.611686018427388e+18", "False", NULL},
    {"4233273112068970539 != 4.2332731120689705e+18", "True", NULL},
    {"8243504834250102471 == 8.243504834250103e+18", "False", NULL},
    {"9007199254740997 == 9007199254740998.0", "False", NULL},
    {"4611686018427387901 != 4.611686018427388e+18", "True", NULL},
    {"9007199254740997 > 9007199254740996.0", "True", NULL},
    {"9007199254740993 != 9007199254740994.0", "True", NULL},
    {"3743313141711505780 > 3.743313141711506e+18", "False", NULL},
    {"9007199254740995 < 9007199254740996.0", "True", NULL},
};

static const Case cmp_seq_cases[] = {
    {"'a' < 'b'", "True", NULL},
    {"'a' < 'ab'", "True", NULL},
    {"'B' < 'a'", "True", NULL},
    {"'\303\251' > 'z'", "True", NULL},
    {"'\342\202\254' > '\303\251'", "True", NULL},
    {"'\\U0001F600' > '\\uffff'", "True", NULL},
    {"'\\uffff' > '\\xff'", "True", NULL},
    {"'abc' == 'abc'", "True", NULL},
    {"'a' != 'a'", "False", NULL},
    {"'' < 'a'", "True", NULL},
    {"'abc' >= 'abd'", "False", NULL},
    {"[1, 2] < [1, 3]", "True", NULL},
    {"[1, 2] < [1, 2, 0]", "True", NULL},
    {"[1, 2] == [1, 2]", "True", NULL},
    {"[1, 2] == (1, 2)", "False", NULL},
    {"[1] < [1]", "False", NULL},
    {"[1] <= [1]", "True", NULL},
    {"(1, 'a') < (1, 'b')", "True", NULL},
    {"(1, 2) > (1,)", "True", NULL},
    {"[1, 'a'] < [2, 1]", "True", NULL},
    {"[1, 2] < [1, 'a']", "TypeError: '<' not supported between instances of 'int' and 'str'", NULL},
    {"[[1, 2], 3] < [[1, 2], 4]", "True", NULL},
    {"[nan] == [nan]", "True", NULL},
    {"[1] < (1,)", "TypeError: '<' not supported between instances of 'list' and 'tuple'", NULL},
    {"[] < []", "False", NULL},
    {"() < ()", "False", NULL},
    {"(1, 2) >= (1, 2)", "True", NULL},
    {"[1.0] == [1]", "True", NULL},
    {"[[]] < [[1]]", "True", NULL},
    {"[(1, 2)] < [(1, 3)]", "True", NULL},
    {"[1, nan] < [1, 2]", "False", NULL},
    {"[nan] < [nan]", "False", NULL},
    {"[1, 2] != [1, 2]", "False", NULL},
    {"[1, [2, [3]]] < [1, [2, [4]]]", "True", NULL},
    {"[1, 'a'] == [1, 'a']", "True", NULL},
    {"['a', 1] < ['a', 'b']", "TypeError: '<' not supported between instances of 'int' and 'str'", NULL},
    {"(1, 2, 3) > (1, 2)", "True", NULL},
    {"[0] * 3 == [0, 0, 0]", "True", NULL},
    {"[True] == [1]", "True", NULL},
    {"[1, 2] < [1, 2.5]", "True", NULL},
    {"('a',) < ('a', 1)", "True", NULL},
};

static const Case cmp_err_cases[] = {
    {"1 < 'a'", "TypeError: '<' not supported between instances of 'int' and 'str'", NULL},
    {"'a' < 1", "TypeError: '<' not supported between instances of 'str' and 'int'", NULL},
    {"None < None", "TypeError: '<' not supported between instances of 'NoneType' and 'NoneType'", NULL},
    {"None < 1", "TypeError: '<' not supported between instances of 'NoneType' and 'int'", NULL},
    {"1 < None", "TypeError: '<' not supported between instances of 'int' and 'NoneType'", NULL},
    {"{} < {}", "TypeError: '<' not supported between instances of 'dict' and 'dict'", NULL},
    {"[1] < (1,)", "TypeError: '<' not supported between instances of 'list' and 'tuple'", NULL},
    {"True < 'a'", "TypeError: '<' not supported between instances of 'bool' and 'str'", NULL},
    {"1.5 < 'a'", "TypeError: '<' not supported between instances of 'float' and 'str'", NULL},
    {"range(3) < range(4)", "TypeError: '<' not supported between instances of 'range' and 'range'", NULL},
    {"[1] > 'a'", "TypeError: '>' not supported between instances of 'list' and 'str'", NULL},
    {"(1,) <= [1]", "TypeError: '<=' not supported between instances of 'tuple' and 'list'", NULL},
    {"'a' >= None", "TypeError: '>=' not supported between instances of 'str' and 'NoneType'", NULL},
    {"1 > []", "TypeError: '>' not supported between instances of 'int' and 'list'", NULL},
    {"len < len", "TypeError: '<' not supported between instances of 'builtin_function_or_method' and 'builtin_function_or_method'", NULL},
    {"int <= int", "TypeError: '<=' not supported between instances of 'type' and 'type'", NULL},
    {"{1: 2} > {1: 2}", "TypeError: '>' not supported between instances of 'dict' and 'dict'", NULL},
    {"1 == 'a'", "False", NULL},
    {"None == None", "True", NULL},
    {"None != 0", "True", NULL},
    {"'1' == 1", "False", NULL},
    {"[1] == [1.0]", "True", NULL},
    {"{1: 2} == {1: 2}", "True", NULL},
    {"{1: 2} == {1: 3}", "False", NULL},
    {"{1: 2} == {1.0: 2}", "True", NULL},
    {"range(0) == range(2, 2)", "True", NULL},
    {"range(1, 5, 2) == range(1, 6, 2)", "False", NULL},
    {"len == len", "True", NULL},
    {"int == int", "True", NULL},
    {"int == float", "False", NULL},
    {"ValueError == ValueError", "True", NULL},
    {"None is None", "True", NULL},
    {"1 is None", "False", NULL},
    {"[] is []", "False", NULL},
    {"x = []; x is x", "True", NULL},
    {"True is True", "True", NULL},
    {"x = []; x is not x", "False", NULL},
    {"{1: 2}.keys() == {1: 3}.keys()", "True", NULL},
    {"{1: 2}.keys() < {1: 2, 3: 4}.keys()", "True", NULL},
    {"{1: 2}.keys() <= {1: 2}.keys()", "True", NULL},
    {"{1: 2}.keys() < {1: 2}.keys()", "False", NULL},
    {"{1: 2}.items() < {1: 2, 3: 4}.items()", "True", NULL},
    {"{1: 2}.items() > {1: 2}.keys()", "False", NULL},
    {"{1: 2}.keys() >= {}.keys()", "True", NULL},
    {"{1: 2}.values() < {1: 2}.values()", "TypeError: '<' not supported between instances of 'dict_values' and 'dict_values'", NULL},
    {"{1: 2}.keys() < [1]", "TypeError: '<' not supported between instances of 'dict_keys' and 'list'", NULL},
    {"{1: 2}.keys() > {2: 1}.keys()", "False", NULL},
    {"{(1, 2): 0}.keys() <= {1: 2}.items()", "True", NULL},
    {"{1: []}.items() < {1: [], 2: 0}.items()", "True", NULL},
    {"{1: 2}.keys() != {1: 3}.keys()", "False", NULL},
    {"{1: 2, 3: 4}.items() >= {3: 4}.items()", "True", NULL},
    {"{1: 2, 3: 4}.items() >= {3: 5}.items()", "False", NULL},
    {"{1: 2}.keys() > {1: 2}.items()", "False", NULL},
    {"{1: 2}.items() == {1: 2}.items()", "True", NULL},
    {"range(3) == [0, 1, 2]", "False", NULL},
    {"(1, 2) != [1, 2]", "True", NULL},
};

static const Case contains_cases[] = {
    {"1 in [1, 2]", "True", NULL},
    {"3 in [1, 2]", "False", NULL},
    {"1.0 in [1]", "True", NULL},
    {"True in [1]", "True", NULL},
    {"'a' in 'abc'", "True", NULL},
    {"'ac' in 'abc'", "False", NULL},
    {"'' in 'abc'", "True", NULL},
    {"'' in ''", "True", NULL},
    {"'\303\251' in 'h\303\251llo'", "True", NULL},
    {"'llo' in 'h\303\251llo'", "True", NULL},
    {"1 in 'abc'", "TypeError: 'in <string>' requires string as left operand, not int", NULL},
    {"[1] in 'abc'", "TypeError: 'in <string>' requires string as left operand, not list", NULL},
    {"1 in (1,)", "True", NULL},
    {"(1, 2) in [(1, 2)]", "True", NULL},
    {"1 in {1: 2}", "True", NULL},
    {"2 in {1: 2}", "False", NULL},
    {"[] in {}", "TypeError: unhashable type: 'list'", NULL},
    {"[] in {1: 2}", "TypeError: unhashable type: 'list'", NULL},
    {"1 in {1: 2}.keys()", "True", NULL},
    {"2 in {1: 2}.values()", "True", NULL},
    {"(1, 2) in {1: 2}.items()", "True", NULL},
    {"(1, 3) in {1: 2}.items()", "False", NULL},
    {"([], 1) in {1: 2}.items()", "TypeError: unhashable type: 'list'", NULL},
    {"1 in {1: 2}.items()", "False", NULL},
    {"[] in {1: 2}.keys()", "TypeError: unhashable type: 'list'", NULL},
    {"3 in range(10)", "True", NULL},
    {"10 in range(10)", "False", NULL},
    {"-1 in range(10)", "False", NULL},
    {"4 in range(0, 10, 2)", "True", NULL},
    {"5 in range(0, 10, 2)", "False", NULL},
    {"5 in range(10, 0, -1)", "True", NULL},
    {"10 in range(10, 0, -1)", "True", NULL},
    {"0 in range(10, 0, -1)", "False", NULL},
    {"2.0 in range(5)", "True", NULL},
    {"2.5 in range(5)", "False", NULL},
    {"'a' in range(5)", "False", NULL},
    {"True in range(5)", "True", NULL},
    {"nan in range(5)", "False", NULL},
    {"inf in range(5)", "False", NULL},
    {"M = 9223372036854775807; m = -M - 1; M in range(m, M)", "False", NULL},
    {"M = 9223372036854775807; m = -M - 1; m in range(m, M)", "True", NULL},
    {"M = 9223372036854775807; m = -M - 1; M - 1 in range(m, M)", "True", NULL},
    {"M = 9223372036854775807; m = -M - 1; M - 1 in range(m, M, 2)", "True", NULL},
    {"M = 9223372036854775807; m = -M - 1; M - 2 in range(m, M, 2)", "False", NULL},
    {"M = 9223372036854775807; m = -M - 1; m in range(M, m, -1)", "False", NULL},
    {"M = 9223372036854775807; m = -M - 1; -1 in range(M, m, m)", "True", NULL},
    {"(0, 5) in enumerate([5])", "True", NULL},
    {"it = reversed([1, 2, 3]); 2 in it; list(it)", "[1]", NULL},
    {"it = reversed([1, 2, 3]); 5 in it; list(it)", "[]", NULL},
    {"1 in 1", "TypeError: argument of type 'int' is not iterable", NULL},
    {"1 in None", "TypeError: argument of type 'NoneType' is not iterable", NULL},
    {"1 in len", "TypeError: argument of type 'builtin_function_or_method' is not iterable", NULL},
    {"1 in 1.5", "TypeError: argument of type 'float' is not iterable", NULL},
    {"3 not in [1]", "True", NULL},
    {"not 3 in [3]", "False", NULL},
    {"'a' not in 'b'", "True", NULL},
    {"[1] in [[1]]", "True", NULL},
    {"nan in [nan]", "True", NULL},
    {"x = [1]; x in [x]", "True", NULL},
    {"1 in []", "False", NULL},
    {"1 in ''", "TypeError: 'in <string>' requires string as left operand, not int", NULL},
    {"'a' in ['a']", "True", NULL},
    {"'a' in ('b',)", "False", NULL},
    {"() in ((),)", "True", NULL},
    {"1.5 in {1.5: 0}", "True", NULL},
    {"0 in range(0)", "False", NULL},
    {"M = 9223372036854775807; m = -M - 1; M in range(M)", "False", NULL},
    {"9.0 in range(0, 10, 3)", "True", NULL},
    {"-0.0 in range(1)", "True", NULL},
    {"1e300 in range(5)", "False", NULL},
};

static const Case getitem_cases[] = {
    {"[1, 2, 3][0]", "1", NULL},
    {"[1, 2, 3][-1]", "3", NULL},
    {"[1, 2, 3][-3]", "1", NULL},
    {"[1, 2, 3][3]", "IndexError: list index out of range", NULL},
    {"[1, 2, 3][-4]", "IndexError: list index out of range", NULL},
    {"[1, 2][True]", "2", NULL},
    {"[1, 2][False]", "1", NULL},
    {"[1]['a']", "TypeError: list indices must be integers or slices, not str", NULL},
    {"[1][1.0]", "TypeError: list indices must be integers or slices, not float", NULL},
    {"[1][None]", "TypeError: list indices must be integers or slices, not NoneType", NULL},
    {"(1, 2)[1]", "2", NULL},
    {"(1, 2)[2]", "IndexError: tuple index out of range", NULL},
    {"(1,)[1.5]", "TypeError: tuple indices must be integers or slices, not float", NULL},
    {"'abc'[1]", "'b'", NULL},
    {"'abc'[-1]", "'c'", NULL},
    {"'abc'[3]", "IndexError: string index out of range", NULL},
    {"'abc'['a']", "TypeError: string indices must be integers, not 'str'", NULL},
    {"'abc'[1.5]", "TypeError: string indices must be integers, not 'float'", NULL},
    {"'abc'[None]", "TypeError: string indices must be integers, not 'NoneType'", NULL},
    {"'h\303\251llo'[1]", "'\303\251'", NULL},
    {"'h\303\251llo'[-4]", "'\303\251'", NULL},
    {"'h\303\251llo'[5]", "IndexError: string index out of range", NULL},
    {"'\\U0001F600x'[0]", "'\360\237\230\200'", NULL},
    {"'\\U0001F600x'[1]", "'x'", NULL},
    {"{1: 2}[1]", "2", NULL},
    {"{1: 2}[2]", "KeyError: 2", NULL},
    {"{1: 2}[1.0]", "2", NULL},
    {"{1: 2}[True]", "2", NULL},
    {"{}[[1]]", "TypeError: unhashable type: 'list'", NULL},
    {"{}['a']", "KeyError: 'a'", NULL},
    {"{(1, 2): 3}[(1, 2)]", "3", NULL},
    {"{(1, 2): 3}[(1, [2])]", "TypeError: unhashable type: 'list'", NULL},
    {"1[0]", "TypeError: 'int' object is not subscriptable", NULL},
    {"None[0]", "TypeError: 'NoneType' object is not subscriptable", NULL},
    {"1.5[0]", "TypeError: 'float' object is not subscriptable", NULL},
    {"len[0]", "TypeError: 'builtin_function_or_method' object is not subscriptable", NULL},
    {"int[0]", "TypeError: type 'int' is not subscriptable", NULL},
    {"{}.keys()[0]", "TypeError: 'dict_keys' object is not subscriptable", NULL},
    {"range(10)[3]", "3", NULL},
    {"range(10)[-1]", "9", NULL},
    {"range(10)[10]", "IndexError: range object index out of range", NULL},
    {"range(10)['a']", "TypeError: range indices must be integers or slices, not str", NULL},
    {"range(10)[1.5]", "TypeError: range indices must be integers or slices, not float", NULL},
    {"range(5, 0, -2)[1]", "3", NULL},
    {"M = 9223372036854775807; m = -M - 1; range(m, M)[M]", "-1", NULL},
    {"M = 9223372036854775807; m = -M - 1; range(m, M)[-1]", "9223372036854775806", NULL},
    {"M = 9223372036854775807; m = -M - 1; range(m, M)[m]", "-1", NULL},
    {"M = 9223372036854775807; m = -M - 1; range(m, M, 3)[-1]", "9223372036854775804", NULL},
    {"range(0)[0]", "IndexError: range object index out of range", NULL},
    {"M = 9223372036854775807; m = -M - 1; [1][M]", "IndexError: list index out of range", NULL},
    {"M = 9223372036854775807; m = -M - 1; [1][m]", "IndexError: list index out of range", NULL},
    {"{'a': 1}['a']", "1", NULL},
    {"{1: 'x'}[1.0]", "'x'", NULL},
    {"{0: 'z'}[-0.0]", "'z'", NULL},
    {"{nan: 1}[nan]", "1", NULL},
    {"{'\303\251': 1}['\303\251']", "1", NULL},
    {"True[0]", "TypeError: 'bool' object is not subscriptable", NULL},
    {"ValueError()[0]", "TypeError: 'ValueError' object is not subscriptable", NULL},
    {"ValueError[0]", "TypeError: type 'ValueError' is not subscriptable", NULL},
    {"str[0]", "TypeError: type 'str' is not subscriptable", NULL},
    {"list[0]", "TypeError: type 'list' is not subscriptable", NULL},
    {"dict[1]", "TypeError: type 'dict' is not subscriptable", NULL},
    {"x = (1,); del x['a']", "TypeError: 'tuple' object does not support item deletion", NULL},
    {"x = range(2); del x[0]", "TypeError: 'range' object doesn't support item deletion", NULL},
    {"x = {}.keys(); del x[0]", "TypeError: 'dict_keys' object doesn't support item deletion", NULL},
    {"x = 1.5; del x[0]", "TypeError: 'float' object does not support item deletion", NULL},
    {"[[1, 2]][0][1]", "2", NULL},
    {"x = {1: [2]}; x[1][0]", "2", NULL},
};

static const Case setdel_cases[] = {
    {"x = [1, 2]; x[0] = 5; x", "[5, 2]", NULL},
    {"x = [1, 2]; x[-1] = 5; x", "[1, 5]", NULL},
    {"x = [1]; x[1] = 5", "IndexError: list assignment index out of range", NULL},
    {"x = [1]; x[-2] = 5", "IndexError: list assignment index out of range", NULL},
    {"x = [1]; x['a'] = 1", "TypeError: list indices must be integers or slices, not str", NULL},
    {"x = [1, 2]; x[True] = 7; x", "[1, 7]", NULL},
    {"x = (1,); x[0] = 1", "TypeError: 'tuple' object does not support item assignment", NULL},
    {"x = 'a'; x[0] = 'b'", "TypeError: 'str' object does not support item assignment", NULL},
    {"x = 1; x[0] = 1", "TypeError: 'int' object does not support item assignment", NULL},
    {"x = {}; x[1] = 2; x", "{1: 2}", NULL},
    {"x = {}; x[[]] = 1", "TypeError: unhashable type: 'list'", NULL},
    {"x = {1: 2}; x[1.0] = 3; x", "{1: 3}", NULL},
    {"x = {True: 1}; x[1] = 2; x", "{True: 2}", NULL},
    {"x = range(3); x[0] = 1", "TypeError: 'range' object does not support item assignment", NULL},
    {"x = [1, 2, 3]; del x[1]; x", "[1, 3]", NULL},
    {"x = [1, 2, 3]; del x[-1]; x", "[1, 2]", NULL},
    {"x = [1]; del x[1]", "IndexError: list assignment index out of range", NULL},
    {"x = [1]; del x['a']", "TypeError: list indices must be integers or slices, not str", NULL},
    {"x = {1: 2}; del x[1]; x", "{}", NULL},
    {"x = {1: 2}; del x[2]", "KeyError: 2", NULL},
    {"x = {}; del x[[]]", "TypeError: unhashable type: 'list'", NULL},
    {"x = (1,); del x[0]", "TypeError: 'tuple' object doesn't support item deletion", NULL},
    {"x = 'a'; del x[0]", "TypeError: 'str' object doesn't support item deletion", NULL},
    {"x = 1; del x[0]", "TypeError: 'int' object does not support item deletion", NULL},
    {"x = {1: 2}; del x['a']", "KeyError: 'a'", NULL},
    {"x = [1]; x[1.5] = 0", "TypeError: list indices must be integers or slices, not float", NULL},
    {"x = [1]; del x[1.5]", "TypeError: list indices must be integers or slices, not float", NULL},
    {"x = {1: 2, 3: 4}; del x[1]; x[1] = 5; x", "{3: 4, 1: 5}", NULL},
    {"x = {}; x[(1, 2)] = 3; x", "{(1, 2): 3}", NULL},
    {"x = {}; x[(1, [2])] = 3", "TypeError: unhashable type: 'list'", NULL},
    {"x = None; x[0] = 1", "TypeError: 'NoneType' object does not support item assignment", NULL},
    {"x = None; del x[0]", "TypeError: 'NoneType' object does not support item deletion", NULL},
    {"x = [1, 2]; del x[True]; x", "[1]", NULL},
    {"x = [0]; x[-1] = 9; x", "[9]", NULL},
    {"x = {}; x[nan] = 1; x[nan] = 2; x", "{nan: 2}", NULL},
    {"x = {1: 'a'}; x[True] = 'b'; x", "{1: 'b'}", NULL},
};

static const Case slice_cases[] = {
    {"[1, 2, 3, 4][1:3]", "[2, 3]", NULL},
    {"[1, 2, 3, 4][::2]", "[1, 3]", NULL},
    {"[1, 2, 3, 4][::-1]", "[4, 3, 2, 1]", NULL},
    {"[1, 2, 3, 4][-2:]", "[3, 4]", NULL},
    {"[1, 2, 3, 4][:-2]", "[1, 2]", NULL},
    {"[1, 2, 3, 4][5:]", "[]", NULL},
    {"[1, 2, 3, 4][-100:100]", "[1, 2, 3, 4]", NULL},
    {"[1, 2, 3, 4][3:1]", "[]", NULL},
    {"[1, 2, 3, 4][3:1:-1]", "[4, 3]", NULL},
    {"[1, 2, 3, 4][::-2]", "[4, 2]", NULL},
    {"[1, 2, 3, 4][::0]", "ValueError: slice step cannot be zero", NULL},
    {"[1][1.5:]", "TypeError: slice indices must be integers or None or have an __index__ method", NULL},
    {"[1][:'a']", "TypeError: slice indices must be integers or None or have an __index__ method", NULL},
    {"[1][::1.5]", "TypeError: slice indices must be integers or None or have an __index__ method", NULL},
    {"[1][None:None:None]", "[1]", NULL},
    {"[1, 2][True:]", "[2]", NULL},
    {"(1, 2, 3)[1:]", "(2, 3)", NULL},
    {"(1, 2, 3)[::-1]", "(3, 2, 1)", NULL},
    {"'hello'[1:3]", "'el'", NULL},
    {"'hello'[::-1]", "'olleh'", NULL},
    {"'hello'[::2]", "'hlo'", NULL},
    {"'h\303\251llo w\303\266rld'[::-1]", "'dlr\303\266w oll\303\251h'", NULL},
    {"'h\303\251llo w\303\266rld'[1:8:3]", "'\303\251o\303\266'", NULL},
    {"'h\303\251llo w\303\266rld'[-3:]", "'rld'", NULL},
    {"'h\303\251llo'[10:]", "''", NULL},
    {"'h\303\251llo'[1:2]", "'\303\251'", NULL},
    {"'h\303\251llo'[-4:-3]", "'\303\251'", NULL},
    {"'h\\U0001F600llo'[::2]", "'hlo'", NULL},
    {"'h\\U0001F600llo'[::-2]", "'olh'", NULL},
    {"'h\303\251llo'[::-3]", "'o\303\251'", NULL},
    {"'h\303\251llo'[4::-4]", "'oh'", NULL},
    {"M = 9223372036854775807; m = -M - 1; 'abc'[m:M]", "'abc'", NULL},
    {"M = 9223372036854775807; m = -M - 1; 'abc'[M:m:-1]", "'cba'", NULL},
    {"M = 9223372036854775807; m = -M - 1; [1, 2, 3][m:M:m]", "[]", NULL},
    {"M = 9223372036854775807; m = -M - 1; [1, 2, 3][M:m:M]", "[]", NULL},
    {"M = 9223372036854775807; m = -M - 1; [1, 2, 3][::m]", "[3]", NULL},
    {"range(10)[2:8]", "range(2, 8)", NULL},
    {"range(10)[::-1]", "range(9, -1, -1)", NULL},
    {"range(10)[20:30]", "range(10, 10)", NULL},
    {"range(10)[-100:100:-1]", "range(-1, 9, -1)", NULL},
    {"range(0, 10, 3)[1:]", "range(3, 12, 3)", NULL},
    {"range(10, 0, -2)[1:3]", "range(8, 4, -2)", NULL},
    {"range(10)[::3][::2]", "range(0, 12, 6)", NULL},
    {"range(10)[::0]", "ValueError: slice step cannot be zero", NULL},
    {"range(5)[1.5:]", "TypeError: slice indices must be integers or None or have an __index__ method", NULL},
    {"1[1:2]", "TypeError: 'int' object is not subscriptable", NULL},
    {"None[:]", "TypeError: 'NoneType' object is not subscriptable", NULL},
    {"{}[1:2]", "TypeError: unhashable type: 'slice'", NULL},
    {"{1: 2}.keys()[1:]", "TypeError: 'dict_keys' object is not subscriptable", NULL},
    {"x = (1, 2); x[:] is x", "True", NULL},
    {"x = [1, 2]; x[:] is x", "False", NULL},
    {"'abc'[1:1]", "''", NULL},
    {"M = 9223372036854775807; m = -M - 1; [1, 2, 3][1:2:M]", "[2]", NULL},
    {"range(3)[0:0]", "range(0, 0)", NULL},
    {"range(-5, 5)[::-3]", "range(4, -6, -3)", NULL},
    {"M = 9223372036854775807; m = -M - 1; range(0, M, 2)[::-1]", "range(9223372036854775806, -2, -2)", NULL},
    {"M = 9223372036854775807; m = -M - 1; range(M)[1:]", "range(1, 9223372036854775807)", NULL},
    {"M = 9223372036854775807; m = -M - 1; range(m, M)[1:]", "OverflowError: integer overflow", NULL},
    {"'abc'[::1.5]", "TypeError: slice indices must be integers or None or have an __index__ method", NULL},
    {"(1, 2)[::0]", "ValueError: slice step cannot be zero", NULL},
    {"'abc'[-1::-1]", "'cba'", NULL},
    {"[1, 2, 3][-1:-4:-1]", "[3, 2, 1]", NULL},
    {"x = 'abc'; x[:] is x", "True", NULL},
    {"1.5[:]", "TypeError: 'float' object is not subscriptable", NULL},
    {"int[1:2]", "TypeError: type 'int' is not subscriptable", NULL},
    {"len[1:]", "TypeError: 'builtin_function_or_method' object is not subscriptable", NULL},
    {"ValueError[:]", "TypeError: type 'ValueError' is not subscriptable", NULL},
};

static const Case unpack_cases[] = {
    {"a, b = [1, 2]; (a, b)", "(1, 2)", NULL},
    {"a, b = (1, 2, 3)", "ValueError: too many values to unpack (expected 2)", NULL},
    {"a, b, c = [1, 2]", "ValueError: not enough values to unpack (expected 3, got 2)", NULL},
    {"a, b = 'ab'; b", "'b'", NULL},
    {"a, b = 'abc'", "ValueError: too many values to unpack (expected 2)", NULL},
    {"a, b = 1", "TypeError: cannot unpack non-iterable int object", NULL},
    {"a, b = None", "TypeError: cannot unpack non-iterable NoneType object", NULL},
    {"a, b = {1: 2, 3: 4}; b", "3", NULL},
    {"a, b = range(2); a", "0", NULL},
    {"a, b = range(5)", "ValueError: too many values to unpack (expected 2)", NULL},
    {"a, b = reversed([1, 2]); a", "2", NULL},
    {"a, b = enumerate('xy'); b", "(1, 'y')", NULL},
    {"a, b = {1: 2}.items()", "ValueError: not enough values to unpack (expected 2, got 1)", NULL},
    {"a, b = 1.5", "TypeError: cannot unpack non-iterable float object", NULL},
    {"a, b = len", "TypeError: cannot unpack non-iterable builtin_function_or_method object", NULL},
    {"a, b, c = (1, 2, 3); c", "3", NULL},
    {"a, b = '\303\251\342\202\254'; b", "'\342\202\254'", NULL},
    {"a, b = [1]", "ValueError: not enough values to unpack (expected 2, got 1)", NULL},
    {"a, b = []", "ValueError: not enough values to unpack (expected 2, got 0)", NULL},
    {"a, b, c = range(2)", "ValueError: not enough values to unpack (expected 3, got 2)", NULL},
    {"a, b = {1: 2, 3: 4}.items(); b", "(3, 4)", NULL},
    {"a, b = zip([1, 2], [3, 4]); a", "(1, 3)", NULL},
    {"a, b = ValueError()", "TypeError: cannot unpack non-iterable ValueError object", NULL},
    {"a, b = {'x': 1}", "ValueError: not enough values to unpack (expected 2, got 1)", NULL},
};


/* ---------------------------------------------------------------------- */
/* Generated tables, one test each                                         */

Test(ops, int_arithmetic) { CHECK_CASES(arith_int_cases); }
Test(ops, power) { CHECK_CASES(pow_cases); }
Test(ops, float_arithmetic) { CHECK_CASES(arith_float_cases); }
Test(ops, bool_is_int) { CHECK_CASES(bool_cases); }
Test(ops, shifts) { CHECK_CASES(shift_cases); }
Test(ops, bitwise) { CHECK_CASES(bitwise_cases); }
Test(ops, unary) { CHECK_CASES(unary_cases); }
Test(ops, sequence_concat_and_repeat) { CHECK_CASES(seq_cases); }
Test(ops, inplace_operators) { CHECK_CASES(inplace_cases); }
Test(ops, compare_numbers) { CHECK_CASES(cmp_num_cases); }
Test(ops, compare_sequences) { CHECK_CASES(cmp_seq_cases); }
Test(ops, compare_errors_and_equality) { CHECK_CASES(cmp_err_cases); }
Test(ops, contains) { CHECK_CASES(contains_cases); }
Test(ops, getitem) { CHECK_CASES(getitem_cases); }
Test(ops, setitem_delitem) { CHECK_CASES(setdel_cases); }
Test(ops, slices) { CHECK_CASES(slice_cases); }
Test(ops, unpack) { CHECK_CASES(unpack_cases); }

/* ---------------------------------------------------------------------- */
/* Hand-written                                                            */

Test(ops, int64_helpers) {
  int64_t r;
  cr_expect(int_add(INT64_MAX, 0, &r) && r == INT64_MAX);
  cr_expect(!int_add(INT64_MAX, 1, &r));
  cr_expect(!int_add(INT64_MIN, -1, &r));
  cr_expect(!int_sub(INT64_MIN, 1, &r));
  cr_expect(int_sub(-1, INT64_MAX, &r) && r == INT64_MIN);
  cr_expect(!int_sub(0, INT64_MIN, &r));
  cr_expect(!int_mul(INT64_MIN, -1, &r));
  cr_expect(int_mul(-1, INT64_MAX, &r) && r == -INT64_MAX);
  cr_expect(int_mul(3037000499, 3037000499, &r) && r == 9223372030926249001);
  cr_expect(!int_mul(3037000500, 3037000500, &r));
  cr_expect(int_mul(INT64_MIN, 1, &r) && r == INT64_MIN);
}

Test(ops, invalid_operator_numbers_raise) {
  VM *vm = test_vm_new();
  Value r;
  cr_expect_eq(op_binary(vm, BINOP_COUNT, value_int(1), value_int(2), &r), LS_ERR);
  cr_expect_eq(op_binary(vm, -1, value_int(1), value_int(2), &r), LS_ERR);
  cr_expect_eq(op_compare(vm, CMPOP_COUNT, value_int(1), value_int(2), &r), LS_ERR);
  cr_expect_eq(op_unary(vm, OP_NOP, value_int(1), &r), LS_ERR);
  cr_expect(vm->exc != NULL && vm->exc->type == B_TypeError);
  cr_expect_eq(test_vm_free(vm), 0);
}

/* In-place operators fall back to the plain ones, naming the in-place
 * symbol in their errors ("**=" rather than "** or pow()"). */
Test(ops, inplace_symbols_in_errors) {
  static const char *const syms[] = {"+=", "-=", "*=", "/=", "//=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^="};
  for (int op = 0; op < BINOP_INPLACE_BASE; op++) {
    VM *vm = test_vm_new();
    Value r;
    cr_assert_eq(op_binary(vm, BINOP_INPLACE_BASE + op, value_none(), value_float(1.5), &r), LS_ERR);
    StrBuf sb;
    strbuf_init(&sb);
    exc_format_last_line(vm, vm->exc, &sb);
    char want[128];
    snprintf(want, sizeof want, "TypeError: unsupported operand type(s) for %s: 'NoneType' and 'float'", syms[op]);
    cr_expect_str_eq(sb.data, want);
    strbuf_free(&sb);
    cr_expect_eq(test_vm_free(vm), 0);
  }
}

Test(ops, inplace_list_ops_return_the_same_list) {
  VM *vm = test_vm_new();
  ObjList *l = list_new(vm, 0);
  list_append(vm, l, value_int(7));
  Value r;
  cr_assert_eq(op_binary(vm, BINOP_INPLACE_BASE + BINOP_ADD, value_obj(&l->h), value_obj(&l->h), &r), LS_OK);
  cr_expect(value_is(r, value_obj(&l->h)));
  cr_expect_eq(l->len, 2);
  value_decref(vm, r);
  cr_assert_eq(op_binary(vm, BINOP_INPLACE_BASE + BINOP_MUL, value_obj(&l->h), value_int(3), &r), LS_OK);
  cr_expect(value_is(r, value_obj(&l->h)));
  cr_expect_eq(l->len, 6);
  value_decref(vm, r);
  /* The plain operators make new lists. */
  cr_assert_eq(op_binary(vm, BINOP_ADD, value_obj(&l->h), value_obj(&l->h), &r), LS_OK);
  cr_expect(!value_is(r, value_obj(&l->h)));
  cr_expect_eq(AS_LIST(r)->len, 12);
  value_decref(vm, r);
  obj_decref(vm, &l->h);
  cr_expect_eq(test_vm_free(vm), 0);
}

static VM *vm_with_heap_room(int64_t room) {
  VM *vm = test_vm_new();
  cr_assert(vm != NULL);
  vm->max_heap = vm->heap_bytes + room;
  return vm;
}

Test(ops, huge_results_raise_memory_error) {
  static const char *const srcs[] = {
      "'ab' * 100000",
      "[1] * 100000",
      "(1, 2) * 100000",
      "'a' * 9223372036854775807",
      "'abc' * 4611686018427387904",
      "[1, 2] * 9223372036854775807",
      "(1,) * 9223372036854775807",
      "x = [1]; x *= 100000",
      "x = [1, 2]; x *= 9223372036854775807",
      "x = 'a' * 40000; y = 'b' * 40000; x + y",
      "x = [0] * 1000; x + x + x + x + x",
      "x = [1] * 1000; x += x; x += x; x += x; x += x",
      "'\\u00e9' * 40000",
      "'abc'[::1] * 30000",
  };
  for (size_t i = 0; i < sizeof srcs / sizeof srcs[0]; i++) {
    VM *vm = vm_with_heap_room(64 * 1024);
    int64_t before = vm->heap_bytes;
    EXPECT_RUN(vm, srcs[i], "MemoryError");
    cr_expect_eq(vm->heap_bytes, before, "%s: heap not restored", srcs[i]);
    EXPECT_RUN(vm, "'ok' * 2", "'okok'"); /* the VM goes on */
    cr_expect_eq(test_vm_free(vm), 0, "%s leaked", srcs[i]);
  }
}

/* The largest n for which 'a' * n fits. */
static int64_t largest_repeat(int64_t room) {
  int64_t lo = 0, hi = room + 1;
  while (hi - lo > 1) {
    int64_t mid = lo + (hi - lo) / 2;
    VM *vm = vm_with_heap_room(room);
    Value r;
    ObjStr *s = str_from_cstr(vm, "a");
    Status st = op_binary(vm, BINOP_MUL, value_obj(&s->h), value_int(mid), &r);
    if (st == LS_OK) {
      lo = mid;
      value_decref(vm, r);
    } else {
      cr_expect_eq(vm->exc->type, B_MemoryError);
      hi = mid;
    }
    obj_decref(vm, &s->h);
    cr_expect_eq(test_vm_free(vm), 0);
  }
  return lo;
}

/* The limit is exact: one more byte of room allows one more byte of str
 * (the scratch buffer used to build it is not what is charged). */
Test(ops, memory_limit_is_exact) {
  int64_t a = largest_repeat(10000), b = largest_repeat(10001), c = largest_repeat(20000);
  cr_expect(a > 9000, "overhead too large: %lld", (long long)a);
  cr_expect_eq(b, a + 1);
  cr_expect_eq(c, a + 10000);
}

static VM *vm_with_fuel(int64_t fuel) {
  VM *vm = test_vm_new();
  cr_assert(vm != NULL);
  vm->config.fuel = fuel;
  vm->fuel = fuel;
  return vm;
}

Test(ops, endless_iterables_stop_on_fuel) {
  VM *vm = vm_with_fuel(1000);
  EXPECT_RUN(vm, "x = []; x += range(1000000000000000000)", "<out of fuel>");
  cr_expect_eq(vm->fuel, 0);
  cr_expect_eq(test_vm_free(vm), 0);

  vm = vm_with_fuel(1000);
  EXPECT_RUN(vm, "-1 in reversed(range(1000000000000000000))", "<out of fuel>");
  cr_expect_eq(test_vm_free(vm), 0);

  /* Found early: one unit per item consumed. */
  vm = vm_with_fuel(1000);
  EXPECT_RUN(vm, "(5, 5) in enumerate(range(1000000000000000000))", "True");
  cr_expect_eq(vm->fuel, 1000 - 6);
  cr_expect_eq(test_vm_free(vm), 0);

  /* Arithmetic membership needs no iteration at all. */
  vm = vm_with_fuel(0);
  EXPECT_RUN(vm, "999999999999999999 in range(1000000000000000000)", "True");
  cr_expect_eq(test_vm_free(vm), 0);
}

/* Nested lists as deep as the program likes: ordering them recurses, and
 * is bounded (RecursionError), never a C stack overflow. */
static Value nested(VM *vm, int depth, int64_t leaf) {
  Value v = value_int(leaf);
  for (int i = 0; i < depth; i++) {
    ObjList *l = list_new(vm, 1);
    cr_assert_eq(list_append(vm, l, v), LS_OK);
    value_decref(vm, v);
    v = value_obj(&l->h);
  }
  return v;
}

Test(ops, deep_nesting_ordering_is_bounded) {
  VM *vm = test_vm_new();
  Value a = nested(vm, 100000, 1), b = nested(vm, 100000, 2), r;
  cr_expect_eq(op_compare(vm, CMPOP_LT, a, b, &r), LS_ERR);
  StrBuf sb;
  strbuf_init(&sb);
  exc_format_last_line(vm, vm->exc, &sb);
  cr_expect_str_eq(sb.data, "RecursionError: maximum recursion depth exceeded in comparison");
  strbuf_free(&sb);
  cr_expect_eq(vm->repr_depth, 0);
  value_decref(vm, a);
  value_decref(vm, b);
  /* Shallow enough: an answer. */
  a = nested(vm, 300, 1);
  b = nested(vm, 300, 2);
  cr_expect_eq(op_compare(vm, CMPOP_LT, a, b, &r), LS_OK);
  cr_expect(value_truthy(r));
  cr_expect_eq(op_compare(vm, CMPOP_GE, a, b, &r), LS_OK);
  cr_expect(!value_truthy(r));
  value_decref(vm, a);
  value_decref(vm, b);
  cr_expect_eq(test_vm_free(vm), 0);
}

Test(ops, unpack_api) {
  VM *vm = test_vm_new();
  Value out[3];
  ObjList *l = list_new(vm, 0);
  cr_expect_eq(op_unpack(vm, value_obj(&l->h), 0, out), LS_OK);
  list_append(vm, l, value_int(1));
  cr_expect_eq(op_unpack(vm, value_obj(&l->h), 0, out), LS_ERR);
  StrBuf sb;
  strbuf_init(&sb);
  exc_format_last_line(vm, vm->exc, &sb);
  cr_expect_str_eq(sb.data, "ValueError: too many values to unpack (expected 0)");
  strbuf_free(&sb);
  /* A failed iterator unpack releases what it had taken. */
  ObjStr *s = str_from_cstr(vm, "ab");
  cr_expect_eq(op_unpack(vm, value_obj(&s->h), 3, out), LS_ERR);
  cr_expect_eq(op_unpack(vm, value_obj(&s->h), 2, out), LS_OK);
  value_decref(vm, out[0]);
  value_decref(vm, out[1]);
  obj_decref(vm, &s->h);
  obj_decref(vm, &l->h);
  cr_expect_eq(test_vm_free(vm), 0);
}
