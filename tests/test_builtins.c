/* The builtin library (vm/builtins.c): every function, type constructor,
 * exception class and method in the table, with CPython 3.11's results and
 * error messages (argument counts included); sort's exact comparison order
 * (checked with NaNs and mixed types); fuel charged per item consumed; the
 * heap limit on results; hostile calls.
 *
 * Most cases are Python statements run by the small evaluator below (it
 * calls builtin_call and op_* directly); their expected results were
 * produced by CPython 3.11, where an int result outside int64 is lockstep's
 * "OverflowError: integer overflow" instead, and the few documented
 * differences (ASCII-only upper/lower, one-argument exceptions, no
 * surrogates, keywords only for print) are written by hand. Each case runs
 * in a fresh VM that must end with no live objects. */
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
static const Case print_cases[] = {
    {"print(1, 'a', 2.5, None, [1, 'b'])", "None", "1 a 2.5 None [1, 'b']\n"},
    {"print()", "None", "\n"},
    {"print(1, 2, sep='')", "None", "12\n"},
    {"print(1, 2, sep=None, end=None)", "None", "1 2\n"},
    {"print('a', 'b', sep='-', end='!')", "None", "a-b!"},
    {"print(1, end='')", "None", "1"},
    {"print(1, sep=1)", "TypeError: sep must be None or a string, not int", NULL},
    {"print(1, end=1)", "TypeError: end must be None or a string, not int", NULL},
    {"print(1, foo=1)", "TypeError: 'foo' is an invalid keyword argument for print()", NULL},
    {"print(1, end=2, sep=3)", "TypeError: sep must be None or a string, not int", NULL},
    {"print('\303\251', (1,), {1: 'x'})", "None", "\303\251 (1,) {1: 'x'}\n"},
    {"print(True, -0.0, 1e16, 1e-05, nan, inf)", "None", "True -0.0 1e+16 1e-05 nan inf\n"},
    {"print('a\\nb')", "None", "a\nb\n"},
    {"print(ValueError('boom'), KeyError('k'))", "None", "boom 'k'\n"},
    {"print(len, int, ValueError)", "None", "<built-in function len> <class 'int'> <class 'ValueError'>\n"},
    {"print(range(3), {}.keys())", "None", "range(0, 3) dict_keys([])\n"},
    {"x = print(1); x", "None", "1\n"},
    {"print('', '', sep='|')", "None", "|\n"},
    {"print(1, 2, sep='\\U0001F600')", "None", "1\360\237\230\2002\n"},
};

static const Case len_cases[] = {
    {"len('abc')", "3", NULL},
    {"len('h\303\251llo')", "5", NULL},
    {"len([1, 2])", "2", NULL},
    {"len((1,))", "1", NULL},
    {"len({1: 2})", "1", NULL},
    {"len({1: 2}.items())", "1", NULL},
    {"len(range(10))", "10", NULL},
    {"len(range(0, 10, 3))", "4", NULL},
    {"len(range(10, 0))", "0", NULL},
    {"len(1)", "TypeError: object of type 'int' has no len()", NULL},
    {"len()", "TypeError: len() takes exactly one argument (0 given)", NULL},
    {"len(1, 2)", "TypeError: len() takes exactly one argument (2 given)", NULL},
    {"len(None)", "TypeError: object of type 'NoneType' has no len()", NULL},
    {"len(len)", "TypeError: object of type 'builtin_function_or_method' has no len()", NULL},
    {"len(reversed([1]))", "TypeError: object of type 'list_reverseiterator' has no len()", NULL},
    {"M = 9223372036854775807; m = -M - 1; len(range(m, M))", "OverflowError: Python int too large to convert to C ssize_t", NULL},
    {"M = 9223372036854775807; m = -M - 1; len(range(0, M, 2))", "4611686018427387904", NULL},
    {"len('')", "0", NULL},
    {"len([[]])", "1", NULL},
    {"len(x=1)", "TypeError: len() takes no keyword arguments", NULL},
    {"ValueError(x=1)", "TypeError: ValueError() takes no keyword arguments", NULL},
    {"'a'.upper(x=1)", "TypeError: str.upper() takes no keyword arguments", NULL},
    {"sorted([1], key=len)", "TypeError: sorted() takes no keyword arguments", NULL},
    {"[].sort(reverse=True)", "TypeError: list.sort() takes no keyword arguments", NULL},
    {"max(1, 2, x=3)", "TypeError: max() takes no keyword arguments", NULL},
    {"dict(x=1)", "TypeError: dict() takes no keyword arguments", NULL},
};

static const Case abs_cases[] = {
    {"abs(-5)", "5", NULL},
    {"abs(5)", "5", NULL},
    {"abs(-1.5)", "1.5", NULL},
    {"abs(-0.0)", "0.0", NULL},
    {"abs(True)", "1", NULL},
    {"abs(False)", "0", NULL},
    {"abs(-inf)", "inf", NULL},
    {"abs(nan)", "nan", NULL},
    {"abs('a')", "TypeError: bad operand type for abs(): 'str'", NULL},
    {"abs()", "TypeError: abs() takes exactly one argument (0 given)", NULL},
    {"abs(1, 2)", "TypeError: abs() takes exactly one argument (2 given)", NULL},
    {"M = 9223372036854775807; m = -M - 1; abs(m)", "OverflowError: integer overflow", NULL},
    {"M = 9223372036854775807; m = -M - 1; abs(-M)", "9223372036854775807", NULL},
    {"abs([])", "TypeError: bad operand type for abs(): 'list'", NULL},
    {"abs(None)", "TypeError: bad operand type for abs(): 'NoneType'", NULL},
};

static const Case minmax_cases[] = {
    {"min(3, 1, 2)", "1", NULL},
    {"max(3, 1, 2)", "3", NULL},
    {"min([3, 1, 2])", "1", NULL},
    {"max('abc')", "'c'", NULL},
    {"max([1, 2.5, 2])", "2.5", NULL},
    {"max([nan, 1])", "nan", NULL},
    {"max([1, nan])", "1", NULL},
    {"min([1, nan])", "1", NULL},
    {"min(nan, 1)", "nan", NULL},
    {"min()", "TypeError: min expected at least 1 argument, got 0", NULL},
    {"max()", "TypeError: max expected at least 1 argument, got 0", NULL},
    {"max([])", "ValueError: max() arg is an empty sequence", NULL},
    {"min([])", "ValueError: min() arg is an empty sequence", NULL},
    {"min({})", "ValueError: min() arg is an empty sequence", NULL},
    {"max(1)", "TypeError: 'int' object is not iterable", NULL},
    {"min(1, 'a')", "TypeError: '<' not supported between instances of 'str' and 'int'", NULL},
    {"max(1, 'a')", "TypeError: '>' not supported between instances of 'str' and 'int'", NULL},
    {"max([1, 'a'])", "TypeError: '>' not supported between instances of 'str' and 'int'", NULL},
    {"min([], [])", "[]", NULL},
    {"max([1, 2], [1, 3])", "[1, 3]", NULL},
    {"max((1, 'b'), (1, 'a'))", "(1, 'b')", NULL},
    {"min(1, 1.0)", "1", NULL},
    {"min(1.0, 1)", "1.0", NULL},
    {"max(True, 1)", "True", NULL},
    {"max(1, True)", "1", NULL},
    {"min('b', 'a', 'c')", "'a'", NULL},
    {"max(range(5))", "4", NULL},
    {"min(range(0))", "ValueError: min() arg is an empty sequence", NULL},
    {"max({3: 1, 5: 2})", "5", NULL},
    {"max({3: 1, 5: 2}.values())", "2", NULL},
    {"min([-0.0, 0.0])", "-0.0", NULL},
    {"min([0.0, -0.0])", "0.0", NULL},
    {"max(1, None)", "TypeError: '>' not supported between instances of 'NoneType' and 'int'", NULL},
    {"min(reversed([3, 1, 2]))", "1", NULL},
    {"max('')", "ValueError: max() arg is an empty sequence", NULL},
    {"min(2, 1, 1.0)", "1", NULL},
    {"max([[1], [1, 0], [0, 5]])", "[1, 0]", NULL},
};

static const Case sum_cases[] = {
    {"sum([1, 2, 3])", "6", NULL},
    {"sum([])", "0", NULL},
    {"sum([], 5)", "5", NULL},
    {"sum([1.5, 2], 1)", "4.5", NULL},
    {"sum([1], 1.5)", "2.5", NULL},
    {"sum([0.1] * 10)", "0.9999999999999999", NULL},
    {"sum([1e100, 1, -1e100])", "0.0", NULL},
    {"sum([True, True])", "2", NULL},
    {"sum(['a'], 1)", "TypeError: unsupported operand type(s) for +: 'int' and 'str'", NULL},
    {"sum([[1]], [])", "[1]", NULL},
    {"sum([(1,), (2,)], ())", "(1, 2)", NULL},
    {"sum([1, 'a'])", "TypeError: unsupported operand type(s) for +: 'int' and 'str'", NULL},
    {"sum([1.5, 'a'])", "TypeError: unsupported operand type(s) for +: 'float' and 'str'", NULL},
    {"sum(['a', 'b'])", "TypeError: unsupported operand type(s) for +: 'int' and 'str'", NULL},
    {"sum(['a', 'b'], 'c')", "TypeError: sum() can't sum strings [use ''.join(seq) instead]", NULL},
    {"sum([], 'a')", "TypeError: sum() can't sum strings [use ''.join(seq) instead]", NULL},
    {"sum(1)", "TypeError: 'int' object is not iterable", NULL},
    {"sum(1, 'a')", "TypeError: 'int' object is not iterable", NULL},
    {"sum()", "TypeError: sum() takes at least 1 positional argument (0 given)", NULL},
    {"sum([1], 2, 3)", "TypeError: sum() takes at most 2 arguments (3 given)", NULL},
    {"sum(range(101))", "5050", NULL},
    {"M = 9223372036854775807; m = -M - 1; sum([M, 1])", "OverflowError: integer overflow", NULL},
    {"M = 9223372036854775807; m = -M - 1; sum([M, -1, 1])", "9223372036854775807", NULL},
    {"M = 9223372036854775807; m = -M - 1; sum([m, -1])", "OverflowError: integer overflow", NULL},
    {"M = 9223372036854775807; m = -M - 1; sum([M, 1.0])", "9.223372036854776e+18", NULL},
    {"sum([1, 2.5, 3])", "6.5", NULL},
    {"sum([2.5, 1, True])", "4.5", NULL},
    {"sum({1: 2, 3: 4})", "4", NULL},
    {"sum(range(10), 0.5)", "45.5", NULL},
    {"sum([1, 2], True)", "4", NULL},
    {"sum([[1], [2, 3]], [0])", "[0, 1, 2, 3]", NULL},
    {"sum([nan, 1])", "nan", NULL},
    {"sum([inf, -inf])", "nan", NULL},
    {"sum([-0.0])", "0.0", NULL},
    {"sum([-0.0], -0.0)", "-0.0", NULL},
    {"sum([], -0.0)", "-0.0", NULL},
    {"sum([0.1, 0.2, 0.3])", "0.6000000000000001", NULL},
};

static const Case repr_str_cases[] = {
    {"repr('a')", "\"'a'\"", NULL},
    {"repr(\"it's\")", "'\"it\\'s\"'", NULL},
    {"repr(1.5)", "'1.5'", NULL},
    {"repr([1, 'a'])", "\"[1, 'a']\"", NULL},
    {"repr(None)", "'None'", NULL},
    {"repr()", "TypeError: repr() takes exactly one argument (0 given)", NULL},
    {"repr(1, 2)", "TypeError: repr() takes exactly one argument (2 given)", NULL},
    {"str(1.5)", "'1.5'", NULL},
    {"str('x')", "'x'", NULL},
    {"str()", "''", NULL},
    {"str(None)", "'None'", NULL},
    {"str([1, 'a'])", "\"[1, 'a']\"", NULL},
    {"str(1, 2)", "TypeError: str() argument 'encoding' must be str, not int", NULL},
    {"str(1, 'utf-8')", "TypeError: decoding to str: need a bytes-like object, int found", NULL},
    {"str('a', 'utf-8')", "TypeError: decoding str is not supported", NULL},
    {"str(1, 'a', 'b')", "TypeError: decoding to str: need a bytes-like object, int found", NULL},
    {"str(1, 'a', 5)", "TypeError: str() argument 'errors' must be str, not int", NULL},
    {"str(1, 2, 3, 4)", "TypeError: str() takes at most 3 arguments (4 given)", NULL},
    {"str(ValueError('x'))", "'x'", NULL},
    {"str(KeyError('x'))", "\"'x'\"", NULL},
    {"repr(KeyError('x'))", "\"KeyError('x')\"", NULL},
    {"repr(ValueError())", "'ValueError()'", NULL},
    {"str(1e16)", "'1e+16'", NULL},
    {"str(-0.0)", "'-0.0'", NULL},
    {"str(True)", "'True'", NULL},
    {"repr(range(1, 5, 2))", "'range(1, 5, 2)'", NULL},
    {"str(len)", "'<built-in function len>'", NULL},
    {"str(int)", "\"<class 'int'>\"", NULL},
    {"repr('\303\251\\n\\x00')", "\"'\303\251\\\\n\\\\x00'\"", NULL},
    {"str(123456789012345678)", "'123456789012345678'", NULL},
    {"repr({1: [2, (3,)]})", "'{1: [2, (3,)]}'", NULL},
    {"str((1,))", "'(1,)'", NULL},
    {"repr(())", "'()'", NULL},
    {"str(2.5e-7)", "'2.5e-07'", NULL},
};

static const Case ord_chr_cases[] = {
    {"ord('a')", "97", NULL},
    {"ord('\303\251')", "233", NULL},
    {"ord('\342\202\254')", "8364", NULL},
    {"ord('\\U0001F600')", "128512", NULL},
    {"ord('ab')", "TypeError: ord() expected a character, but string of length 2 found", NULL},
    {"ord('')", "TypeError: ord() expected a character, but string of length 0 found", NULL},
    {"ord(1)", "TypeError: ord() expected string of length 1, but int found", NULL},
    {"ord()", "TypeError: ord() takes exactly one argument (0 given)", NULL},
    {"ord('a', 'b')", "TypeError: ord() takes exactly one argument (2 given)", NULL},
    {"chr(97)", "'a'", NULL},
    {"chr(233)", "'\303\251'", NULL},
    {"chr(8364)", "'\342\202\254'", NULL},
    {"chr(128512)", "'\360\237\230\200'", NULL},
    {"chr(0)", "'\\x00'", NULL},
    {"chr(1114111)", "'\\U0010ffff'", NULL},
    {"chr(-1)", "ValueError: chr() arg not in range(0x110000)", NULL},
    {"chr(1114112)", "ValueError: chr() arg not in range(0x110000)", NULL},
    {"chr('a')", "TypeError: 'str' object cannot be interpreted as an integer", NULL},
    {"chr(1.5)", "TypeError: 'float' object cannot be interpreted as an integer", NULL},
    {"chr(True)", "'\\x01'", NULL},
    {"chr()", "TypeError: chr() takes exactly one argument (0 given)", NULL},
    {"chr(1, 2)", "TypeError: chr() takes exactly one argument (2 given)", NULL},
    {"chr(55296)", "ValueError: chr() arg is a surrogate (not supported)", NULL},
    {"ord(chr(1114111))", "1114111", NULL},
    {"M = 9223372036854775807; m = -M - 1; chr(M)", "OverflowError: Python int too large to convert to C int", NULL},
    {"chr(127)", "'\\x7f'", NULL},
    {"chr(2047)", "'\337\277'", NULL},
    {"chr(2048)", "'\340\240\200'", NULL},
    {"chr(65535)", "'\\uffff'", NULL},
    {"chr(65536)", "'\360\220\200\200'", NULL},
};

static const Case isinstance_cases[] = {
    {"isinstance(1, int)", "True", NULL},
    {"isinstance(True, int)", "True", NULL},
    {"isinstance(1, bool)", "False", NULL},
    {"isinstance(True, bool)", "True", NULL},
    {"isinstance(1.5, float)", "True", NULL},
    {"isinstance(1, float)", "False", NULL},
    {"isinstance('a', str)", "True", NULL},
    {"isinstance([], list)", "True", NULL},
    {"isinstance((), tuple)", "True", NULL},
    {"isinstance({}, dict)", "True", NULL},
    {"isinstance(range(3), range)", "True", NULL},
    {"isinstance(None, int)", "False", NULL},
    {"isinstance(1, (str, (int,)))", "True", NULL},
    {"isinstance(1, ())", "False", NULL},
    {"isinstance(1, 5)", "TypeError: isinstance() arg 2 must be a type, a tuple of types, or a union", NULL},
    {"isinstance(1, (int, 5))", "True", NULL},
    {"isinstance(1, (str, 5))", "TypeError: isinstance() arg 2 must be a type, a tuple of types, or a union", NULL},
    {"isinstance(1, len)", "TypeError: isinstance() arg 2 must be a type, a tuple of types, or a union", NULL},
    {"isinstance(len, int)", "False", NULL},
    {"isinstance(1)", "TypeError: isinstance expected 2 arguments, got 1", NULL},
    {"isinstance(1, 2, 3)", "TypeError: isinstance expected 2 arguments, got 3", NULL},
    {"isinstance(ValueError(), Exception)", "True", NULL},
    {"isinstance(ValueError(), ValueError)", "True", NULL},
    {"isinstance(ValueError(), KeyError)", "False", NULL},
    {"isinstance(KeyError(), LookupError)", "True", NULL},
    {"isinstance(ZeroDivisionError(), ArithmeticError)", "True", NULL},
    {"isinstance(RecursionError(), RuntimeError)", "True", NULL},
    {"isinstance(ValueError(), BaseException)", "True", NULL},
    {"isinstance(ValueError, Exception)", "False", NULL},
    {"isinstance(1, ValueError)", "False", NULL},
    {"isinstance(UnboundLocalError(), NameError)", "True", NULL},
    {"isinstance(MemoryError(), (KeyError, Exception))", "True", NULL},
    {"isinstance({}.keys(), dict)", "False", NULL},
    {"isinstance('a', (list, tuple))", "False", NULL},
    {"isinstance(OverflowError(), ArithmeticError)", "True", NULL},
    {"isinstance(1, (1,))", "TypeError: isinstance() arg 2 must be a type, a tuple of types, or a union", NULL},
    {"isinstance(int, int)", "False", NULL},
    {"isinstance(False, (float, bool))", "True", NULL},
};

static const Case sorted_cases[] = {
    {"sorted([3, 1, 2])", "[1, 2, 3]", NULL},
    {"sorted('bca')", "['a', 'b', 'c']", NULL},
    {"sorted((3.5, 1, 2))", "[1, 2, 3.5]", NULL},
    {"sorted({3: 1, 1: 2})", "[1, 3]", NULL},
    {"sorted([])", "[]", NULL},
    {"sorted(range(5, 0, -1))", "[1, 2, 3, 4, 5]", NULL},
    {"sorted([1, 'a'])", "TypeError: '<' not supported between instances of 'str' and 'int'", NULL},
    {"sorted(['a', 1])", "TypeError: '<' not supported between instances of 'int' and 'str'", NULL},
    {"sorted(1)", "TypeError: 'int' object is not iterable", NULL},
    {"sorted()", "TypeError: sorted expected 1 argument, got 0", NULL},
    {"sorted([1], [2])", "TypeError: sorted expected 1 argument, got 2", NULL},
    {"sorted([[2], [1, 5], [1]])", "[[1], [1, 5], [2]]", NULL},
    {"sorted([(1, 'b'), (1, 'a'), (0, 'z')])", "[(0, 'z'), (1, 'a'), (1, 'b')]", NULL},
    {"sorted(['b', 'A', 'a', '\303\251'])", "['A', 'a', 'b', '\303\251']", NULL},
    {"sorted([True, 0, 1.5, -1])", "[-1, 0, True, 1.5]", NULL},
    {"sorted([3, nan, 1, 2])", "[3, nan, 1, 2]", NULL},
    {"sorted([nan, 3, 1])", "[nan, 1, 3]", NULL},
    {"sorted([1, None])", "TypeError: '<' not supported between instances of 'NoneType' and 'int'", NULL},
    {"sorted([None, None])", "TypeError: '<' not supported between instances of 'NoneType' and 'NoneType'", NULL},
    {"sorted([{}])", "[{}]", NULL},
    {"sorted([{}, {}])", "TypeError: '<' not supported between instances of 'dict' and 'dict'", NULL},
    {"sorted([-0.0, 0.0, 0])", "[-0.0, 0.0, 0]", NULL},
    {"sorted([0, -0.0, 0.0])", "[0, -0.0, 0.0]", NULL},
    {"x = [3, 1, 2]; y = sorted(x); (x, y)", "([3, 1, 2], [1, 2, 3])", NULL},
    {"x = [3, 1, 2]; x.sort(); x", "[1, 2, 3]", NULL},
    {"x = [3, 1]; x.sort(1)", "TypeError: sort() takes no positional arguments", NULL},
    {"x = [1, 'a', 2]; x.sort()", "TypeError: '<' not supported between instances of 'str' and 'int'", NULL},
    {"x = []; x.sort(); x", "[]", NULL},
    {"sorted(reversed([1, 2, 3]))", "[1, 2, 3]", NULL},
    {"sorted([[1, 'a'], [1, 2]])", "TypeError: '<' not supported between instances of 'int' and 'str'", NULL},
    {"sorted([1, 2, 'a'])", "TypeError: '<' not supported between instances of 'str' and 'int'", NULL},
    {"sorted([2, 1, 'a'])", "TypeError: '<' not supported between instances of 'str' and 'int'", NULL},
    {"sorted(['a', 2, 1])", "TypeError: '<' not supported between instances of 'int' and 'str'", NULL},
};

static const Case sort_random_cases[] = {
    {"sorted([389, 7])", "[7, 389]", NULL},
    {"sorted([8, 501])", "[8, 501]", NULL},
    {"sorted([842, nan, 2])", "[842, nan, 2]", NULL},
    {"sorted([nan, nan, 82])", "[nan, nan, 82]", NULL},
    {"sorted([nan, 221, 609, 16, 0.47])", "[nan, 0.47, 16, 221, 609]", NULL},
    {"sorted([2, 0.62, 139, nan, 413])", "[0.62, 2, 139, nan, 413]", NULL},
    {"sorted([11, 756, 19, 147, nan, nan, 878, 2])", "[2, 11, 19, 147, 756, nan, nan, 878]", NULL},
    {"sorted([nan, nan, 17, 0.86, 318, nan, 782, 12])", "[nan, nan, 0.86, 12, 17, 318, nan, 782]", NULL},
    {"sorted([nan, nan, nan, 902, 0.68, 388, nan, 912, 672, 0.86, 115, 534, 803])", "[nan, nan, nan, 0.68, 0.86, 115, 388, 902, nan, 534, 672, 803, 912]", NULL},
    {"sorted([0.85, nan, 6, 9, nan, 0.1, 0.17, 0.88, 428, 0.21, 0.89, 0.91, 0.63])", "[0.85, nan, 6, 9, nan, 0.1, 0.17, 0.21, 0.63, 0.88, 0.89, 0.91, 428]", NULL},
    {"sorted([0.53, 0.11, 2, 18, 326, 0.92, 48, 0.29, 712, nan, 672, 17, 742, 0.09, 362, 622, nan, 13, 4, 7, 7, 896, 14, 406, nan, 0.29, nan, nan, 10, 833])", "[0.09, 0.11, 0.29, 0.29, 0.53, 0.92, 2, 4, 7, 7, 10, 13, 14, 17, 18, 48, 326, 362, 406, 622, 672, 712, nan, 742, nan, 896, nan, nan, nan, 833]", NULL},
    {"sorted([17, 756, 5, 247, 18, 134, nan, 593, 0.64, 75, 10, 0.16, 0.85, 206, 486, 861, 16, 0.52, 536, nan, 15, 447, nan, nan, 743, nan, 16, 0, nan, 12])", "[0, 0.16, 0.52, 0.64, 0.85, 5, 10, 12, 15, 16, 16, 17, 18, 75, 134, 206, 247, 447, 486, 536, 593, 743, 756, nan, 861, nan, nan, nan, nan, nan]", NULL},
    {"sorted([29, 10, 0.11, nan, 0.56, nan, 827, nan, nan, 0.24, nan, 2, 0.76, nan, 16, 9, 0.28, 10, 576, 13, 124, 6, nan, nan, nan, 5, nan, 869, 8, nan, nan, 258, nan, 131, 19, 569, 0.34, 0.08, 2, 0, 305, 725, 2, 6, 0.97, nan, 44, 0.8, nan, nan, nan, 4, nan, 11, nan, 13, 0.09, 0.54, 0.64, nan, 4, 376, nan])", "[0.09, 0.11, 0.28, 0.54, 0.56, 0.76, 0.8, 4, 4, 5, 6, 9, 10, 29, nan, nan, 13, 16, 827, nan, nan, 0, 0.08, 0.24, nan, 0.34, 2, nan, 0.64, 8, 10, 13, 124, 258, 576, nan, nan, nan, nan, 0.97, 2, 2, 6, 11, 19, 131, 305, 569, 869, nan, nan, nan, 44, 725, nan, nan, nan, nan, nan, nan, nan, 376, nan]", NULL},
    {"sorted([417, 4, 520, 421, 0.43, 2, 15, 15, 4, nan, 41, 0.2, 650, 0.22, 0.13, 9, 57, 0.85, 291, nan, 0.2, 0.51, nan, 310, 719, 163, nan, nan, 0.16, 0.74, nan, 18, 408, 0.5, nan, 10, 997, 0.97, 7, 0.63, 0.98, 517, 0.43, 283, nan, 0.48, 0.45, 0.3, 0.78, 0.92, 6, nan, 1, 17, 129, nan, 0, 785, 962, 529, nan, 936, 9])", "[0, 0.13, 0.16, 0.2, 0.2, 0.22, 0.3, 0.43, 0.43, 0.45, 0.48, 0.5, 0.51, 0.63, 0.74, 0.78, 0.85, 0.92, 0.97, 0.98, 1, 2, 4, 4, 6, 7, 9, 9, 10, 15, 15, 17, 18, 41, 57, 129, 163, 291, 310, 417, 421, 517, 520, nan, 650, nan, nan, 408, 719, nan, nan, nan, nan, 283, 997, nan, nan, nan, 529, 785, 962, nan, 936]", NULL},
    {"sorted([595, nan, 0.71, 0.3, nan, 17, nan, nan, nan, 399, 9, 2, nan, 878, 0.8, nan, 0.38, 5, nan, nan, nan, 0.25, 844, 652, 501, 858, 0.43, 426, nan, nan, 14, 720, 0.27, 0, 7, nan, 0.37, 613, nan, nan, 613, nan, nan, 17, 1, 0.13, nan, 2, 0.68, nan, 0.13, 0.93, 7, 4, 616, nan, nan, 53, 764, nan, 872, 381, 8, 0.57])", "[595, nan, 0.25, 0.3, 0.71, nan, 0.38, 0.8, 2, 5, 9, 17, nan, nan, nan, 0.43, 399, nan, 426, 501, 652, 844, 878, nan, nan, nan, nan, 14, 858, nan, nan, 0, 0.13, 0.13, 0.27, 0.37, 0.68, 1, 2, 4, 7, nan, 7, 17, 613, nan, nan, 0.93, 613, nan, nan, nan, nan, 0.57, 8, 53, 616, nan, nan, 381, 720, 764, nan, 872]", NULL},
    {"sorted([663, 6, nan, 789, 19, 398, 17, 0.48, 0.51, 0.52, nan, 7, 809, 918, nan, 0.82, 8, 5, 188, nan, nan, 15, nan, nan, nan, 459, nan, 11, 0.05, 0.53, 544, 0.59, 15, 545, 0.22, 0.06, 0.2, nan, 276, 0.46, 5, nan, 16, nan, nan, 0.57, 1, 542, 15, 729, 0.53, 834, nan, 0.2, 18, 16, 232, 11, 0.01, nan, nan, 727, nan, nan])", "[6, 17, 663, nan, 0.05, 0.48, 0.51, 0.52, 0.53, 0.59, 0.82, 5, 7, 11, 15, 19, 398, 789, nan, 8, 188, 809, 918, nan, nan, nan, nan, nan, nan, 459, nan, 0.01, 0.06, 0.2, 0.2, 0.22, 0.46, 0.53, 0.57, 1, 5, 11, 15, 15, 16, 18, 544, 545, nan, 16, 276, nan, nan, nan, 232, 542, 729, 834, nan, nan, nan, 727, nan, nan]", NULL},
    {"sorted([151, 1, 19, 0.1, nan, nan, 0.21, nan, 15, 620, 523, 0.75, nan, 9, nan, nan, 742, nan, 865, 13, 18, 0.96, 727, nan, nan, 1, 0.61, 5, nan, 907, nan, nan, 502, 715, 0.58, nan, 366, nan, 0.58, 3, 14, 575, 0.06, 237, 0.99, 99, 6, 567, 11, 11, nan, 934, 10, nan, 19, 0.18, 356, 0.38, 0.93, 6, 597, 875, 14, 19, 0.01])", "[0.1, 0.21, 0.61, 0.75, 1, 1, 5, 9, 15, 19, 151, nan, nan, nan, 523, 620, nan, nan, nan, 0.96, 727, 742, nan, 13, 18, 865, nan, nan, nan, 907, nan, nan, 0.01, 0.06, 0.18, 0.38, 0.58, 0.58, 0.93, 0.99, 3, 6, 6, 10, 11, 11, 14, 14, 19, 19, 99, 237, 366, 715, nan, nan, 567, 575, nan, 597, 875, 934, nan, 356, 502]", NULL},
    {"sorted([nan, 126, 0.12, 6, 15, 2, 587, nan, 18, 343, 11, 486, 0.11, 8, nan, 27, 18, 1, 16, nan, 5, nan, nan, 15, nan, 27, 385, 0.29, 585, 11, 233, 0.6, 16, nan, 6, 5, 929, 417, 791, 96, 0.24, 513, 931, nan, nan, 563, 12, 0.2, 0.23, nan, 465, 0.02, 0.23, 7, 862, 67, nan, 351, 0.04, 911, 669, nan, 54, nan, 0.98])", "[nan, 0.11, 0.12, 0.29, 0.6, 1, 2, 5, 6, 8, 11, 11, 15, 15, 16, 16, 18, 18, 27, 27, 126, 233, 343, 587, nan, 385, 486, nan, nan, nan, nan, nan, 585, nan, 0.02, 0.04, 0.2, 0.23, 0.23, 0.24, 0.98, 5, 6, 7, 12, 54, 67, 96, 351, 417, 465, 513, 563, 669, 791, 862, 911, 929, 931, nan, nan, nan, nan, nan, nan]", NULL},
    {"sorted([nan, 779, 430, 0.37, 0.85, 0.31, nan, 190, nan, nan, 2, nan, 0.45, nan, 404, 875, 3, nan, nan, 846, 6, 8, 6, nan, 0.24, 0.12, 0, 0.1, nan, 6, 532, 0.99, 16, 838, 353, nan, 342, nan, 9, 226, 692, 17, 0.86, nan, 0.26, nan, 218, 0.61, 0.27, 780, 0.23, 0.25, nan, 971, 388, 889, 17, 0.96, 0.44, nan, 607, nan, 23, nan, 453, 0.07, 0.13, nan, 0.29, 18])", "[nan, 0, 0.1, 0.12, 0.24, 0.31, 0.37, 0.45, 0.85, 0.99, 2, 3, 6, 6, 6, 8, 16, 190, 404, 430, 779, nan, nan, nan, nan, nan, 353, 875, nan, nan, 532, 846, nan, nan, 838, nan, 0.07, 0.13, 0.23, 0.25, 0.26, 0.27, 0.29, 0.44, 0.61, 0.86, 342, nan, 0.96, 9, 17, 17, 18, 23, 218, 226, 607, 692, nan, nan, 780, nan, 388, 889, 971, nan, nan, nan, 453, nan]", NULL},
    {"sorted([822, 3, 0.93, nan, 0.86, 373, 3, nan, 878, 0.89, nan, 7, 396, nan, 1, 160, nan, nan, 0.97, nan, 18, 15, nan, 0.24, 1, 17, 847, 13, 0.11, nan, nan, 0.55, 14, 0.56, 0.93, 860, 6, 7, nan, 487, nan, 0.61, nan, 541, 0.78, 190, 0.75, nan, 12, 7, nan, 6, nan, 0.17, 577, 13, 6, 821, 8, 0.99, 38, 0.56, nan, 18, nan, 7, 648, 0.46, 241, 14])", "[0.11, 0.24, 0.55, 0.56, 0.86, 0.89, 0.93, 0.93, 0.97, 1, 1, 3, 3, 7, 13, 14, 15, 17, 18, 160, 396, 822, nan, 373, nan, 878, nan, nan, nan, nan, nan, nan, 847, nan, nan, 0.17, 0.46, 0.56, 0.61, 0.75, 0.78, 0.99, 6, 6, 6, 7, 7, 7, 8, 12, 13, 14, 18, 190, 487, 541, 860, nan, nan, nan, nan, nan, nan, 38, 241, 577, 821, nan, nan, 648]", NULL},
    {"sorted([775, 990, 265, nan, 671, 0.56, 910, 8, 9, 0.72, 152, nan, 5, 0.68, 0.69, 462, 0.33, 0.04, nan, 605, 13, nan, 17, 0.93, 0, 16, 1.0, nan, 16, 0.78, nan, 9, nan, 0.03, 0.78, nan, 0.99, 0.01, 9, 10, nan, nan, 435, nan, nan, 3, 14, 730, 12, 233, nan, nan, nan, 0.99, nan, 0.94, 0.35, 0.32, 0.3, 8, 120, 0.4, nan, 0.91, 7, 0.83, 4, nan, 9, nan, 748, 893, nan, 2, 644, nan, 8, 3, 0.28, 0.82, 18, 0.95, 7, 14, 6, 573, 0.78, 522, 160, 350, 10, nan, nan, 0.49, 9, nan, 0.01, nan, 4, 12])", "[0, 0.01, 0.03, 0.04, 0.33, 0.56, 0.68, 0.69, 0.72, 0.78, 0.78, 0.93, 0.99, 1.0, 3, 5, 8, 9, 9, 9, 10, 12, 13, 14, 16, 16, 17, 152, 233, 265, 435, 462, 605, 671, 730, 775, 990, nan, 910, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, 0.01, 0.28, 0.3, 0.32, 0.35, 0.49, 0.78, 0.82, 0.83, 0.91, 0.99, nan, 0.4, 0.94, 0.95, 3, 4, 4, 6, 7, 8, 9, 120, nan, nan, 9, nan, 2, 7, 8, 10, 12, 14, 18, 160, 350, 522, 573, 644, 748, 893, nan, nan, nan, nan, nan, nan]", NULL},
    {"sorted([nan, nan, nan, 0.17, 266, 362, nan, 400, nan, 11, 13, 10, 0.52, nan, 0.67, 376, 14, 0.94, nan, 72, nan, 368, nan, 481, 998, 16, nan, nan, 0.85, 0, 0.64, 0.75, nan, 15, 0.88, nan, nan, 912, nan, 60, nan, nan, 2, 3, 401, 0.07, nan, 6, 16, nan, 0.47, nan, nan, 0.28, 108, nan, 127, 0.43, nan, 0.51, 0.73, 504, 19, 755, 15, 6, nan, 150, nan, nan, 0.18, nan, nan, 613, nan, nan, 9, 105, nan, nan, nan, 0.92, 0.31, nan, 0.47, 0.88, 434, 35, 0.83, 0.05, nan, 0.14, 5, 15, 0.35, 289, 0.46, nan, 0.44, 0.01])", "[nan, nan, nan, 0.07, 0.17, 0.52, 0.64, 0.67, 0.88, 0.94, 2, 6, 10, 14, 16, 72, 266, 362, nan, 400, nan, 0.85, 11, 13, nan, 376, nan, nan, 0, 368, nan, 0.75, 3, 15, 16, 401, 481, 998, nan, nan, nan, nan, nan, 60, 912, nan, nan, nan, nan, nan, 0.47, nan, nan, 0.01, 0.05, 0.14, 0.28, 0.31, 0.35, 0.44, 0.46, 0.47, 0.51, 0.73, 0.83, 0.92, 6, 15, 19, 108, nan, 0.43, 127, nan, 0.18, 5, 35, 150, 504, 613, 755, nan, nan, nan, nan, nan, nan, nan, 9, 105, nan, nan, nan, nan, 0.88, 15, 289, 434, nan, nan]", NULL},
    {"sorted([nan, 0.18, 7, 15, nan, nan, 351, nan, nan, 8, 18, 213, 771, 7, nan, 0.42, 327, nan, 514, nan, nan, 914, 463, 677, 333, 605, nan, 0.6, 0.61, 991, 883, 673, 281, 0.78, nan, 0.93, 0.93, 26, 0.2, 0.1, 8, 6, 0, 414, 1.0, 3, 0.07, nan, nan, nan, 12, 904, nan, 556, 15, nan, nan, 15, 0.31, 18, 0.25, 0.08, 318, 12, nan, 58, 0.67, nan, 759, nan, 0.81, 0.5, 8, 0.02, 999, 227, 15, 960, 12, nan, 0.95, 363, nan, 558, 9, nan, 0.5, 0.92, 633, 439, 8, nan, 503, 667, 839, 1.0, 0.48, nan, 333, 916, 9, 0.96, 952, 190, nan, 160, 693, nan, 795, 0.34, 11, nan, 334, 0.06, 0.27, nan, 672, 0.21, nan, 12, nan, 0.77, 2, 0.15, 2, nan, nan])", "[nan, 0.08, 0.18, 0.25, 0.31, 0.42, 0.78, 0.93, 6, 7, 7, 15, nan, nan, 0, 0.07, 8, 15, 327, 351, nan, nan, 0.1, 0.2, 0.6, 0.61, 0.93, 1.0, 8, 12, 12, 15, 18, 213, 333, 771, nan, nan, 514, nan, nan, 3, 18, 26, 281, 318, 414, 463, 556, 605, 673, 677, 883, 914, nan, 991, nan, nan, nan, nan, 904, nan, nan, nan, nan, 0.06, 0.15, 0.21, 0.27, 0.34, 0.48, 0.5, 0.67, 0.77, 0.92, 0.95, 0.96, 1.0, 2, 2, 8, 8, 9, 9, 11, 12, 15, 58, nan, 12, 160, 190, 227, 333, 334, 439, 503, 558, 759, nan, 0.02, 0.5, 0.81, 363, 667, 672, 693, 795, 839, 952, 960, 999, nan, nan, nan, 633, nan, nan, 916, nan, nan, nan, nan, nan, nan, nan, nan]", NULL},
    {"sorted([176, 8, 760, 0.65, nan, nan, 0.59, nan, 16, 509, 6, 361, 11, nan, nan, 874, 291, 0.46, 0.28, nan, 5, nan, 264, 429, nan, nan, 18, nan, 0.56, 8, 0.64, nan, 99, 0.1, nan, 5, nan, nan, nan, 0.11, nan, nan, 0.16, 52, 269, 969, nan, 0.16, 0.58, nan, 10, nan, 12, 0.16, 739, nan, nan, nan, 26, 0.74, 961, 998, 621, 0.27, nan, 0.69, nan, 19, 476, nan, 0.66, 959, nan, 19, 395, 0.11, nan, 746, 0.7, 0.71, nan, nan, 558, 8, 13, 10, 941, nan, 11, nan, nan, nan, 0.27, 861, 0.86, 0.44, 11, nan, 562, 956, 257, 10, 0.8, nan, 0.84, nan, nan, 359, 5, nan, 0.14, 964, nan, 665, 725, 13, 970, nan, 293, 6, 604, 9, nan, 0.1, 406, 8, 334])", "[0.1, 0.11, 0.16, 0.16, 0.16, 0.27, 0.56, 0.58, 0.59, 0.64, 0.65, 0.74, 6, 8, 10, 11, 12, 16, 99, 176, 760, nan, nan, nan, 0.28, 0.46, 5, 26, 52, 269, 291, 361, 509, nan, nan, 874, nan, nan, 5, 18, 264, 429, nan, nan, nan, 8, nan, nan, nan, nan, nan, nan, nan, 969, nan, nan, nan, 739, nan, nan, nan, 621, 961, 998, nan, 0.1, 0.14, 0.27, 0.69, nan, 0.7, 0.84, 19, 476, nan, 0.66, 0.8, 5, 10, 959, nan, 0.11, 0.44, 0.71, 0.86, 10, 11, 13, 19, 395, nan, 746, nan, nan, 8, 11, 13, 257, 558, 941, nan, nan, nan, nan, 8, 9, 334, 406, 562, 861, nan, 604, 956, nan, nan, nan, 359, nan, 6, 293, 725, 964, nan, 665, 970, nan, nan]", NULL},
    {"sorted([nan, 17, nan, 0.16, 5, 86, 292, 0.84, 182, 19, 19, 17, 958, 0.25, 18, nan, 0.27, 0.14, 0.72, 334, 673, nan, 0.23, 110, 478, 0.27, nan, 368, nan, 0.17, 175, 0.34, nan, 784, 7, 0.29, 4, 19, 0.67, 5, 7, 0.19, nan, 0.81, 0.99, nan, 544, nan, 336, 0.86, nan, nan, 140, 0.66, 5, nan, 583, 9, 0.7, 3, 9, 13, 0.18, 10, nan, 814, 0.87, 157, nan, 1, nan, 312, nan, 16, nan, nan, nan, 0.95, 0.98, nan, 11, 18, 5, 89, nan, nan, nan, 678, 12, nan, 8, nan, nan, nan, 237, 0.01, 0.59, 207, 10, nan, 4, nan, 816, 15, nan, 14, 0.08, 0.0, nan, 232, 0.79, 16, 455, 430, 943, 0.81, 12, nan, 12, 521, 0, 349, 639, 3, 0.97, nan, nan, nan])", "[nan, 17, nan, 0.14, 0.16, 0.17, 0.23, 0.25, 0.27, 0.27, 0.34, 0.72, 0.84, 5, 17, 18, 19, 19, 86, 110, 175, 182, 292, 334, 478, 673, 958, nan, nan, nan, 368, nan, nan, 0.18, 0.19, 0.29, 0.66, 0.67, 0.7, 0.81, 0.86, 0.99, 3, 4, 5, 5, 7, 7, 19, 336, 544, 784, nan, nan, nan, nan, nan, 9, 9, 10, 13, 140, nan, 583, nan, 0.01, 0.87, 1, 5, 11, 16, 157, 814, nan, nan, 312, nan, nan, nan, nan, 0.95, 0.98, nan, 8, 12, 18, 89, nan, nan, nan, 678, nan, nan, nan, nan, 0.0, 0, 0.08, 0.59, 0.79, 0.97, 3, 4, 10, 14, 15, 207, nan, nan, 0.81, 12, 16, 232, 237, 430, 816, nan, nan, 12, 349, 455, 639, 943, nan, 521, nan, nan, nan]", NULL},
    {"sorted([0.24, nan, nan, 28, 708, nan, 0.85, 0.27, 10, 13, 677, nan, 0.43, 5, 3, 15, 0.62, 787, 4, nan, 5, 0.33, 162, 0.59, 0.18, 0.92, 543, 0.76, 0.14, 0.88, 0.34, nan, nan, 145, nan, nan, nan, 4, 9, 8, 675, 0.74, 0.24, 2, 334, 11, 3, 0.89, 0.95, 605, nan, nan, 1, 0.68, nan, 0.82, 0.58, nan, 15, 0.81, 27, 0.84, nan, 0.22, 899, 961, 0.37, nan, 0.24, 0.49, 9, nan, 6, 8, nan, 18, 508, 906, nan, 0.04, 0.53, nan, nan, 668, 0.6, 714, 7, 400, 279, 0.13, 0.29, 520, 5, 0.8, 13, 0.01, 0.68, 0.26, 10, 0.0, 441, 15, 0.47, 0.21, nan, 17, nan, 142, 0.13, 12, 0.62, nan, 13, 12, 0.21, 7, 0.11, nan, nan, 98, nan, 0.58, 11, 0.79, 16, nan, 0.45, 15])", "[0.24, nan, nan, 0.14, 0.18, 0.27, 0.33, 0.34, 0.43, 0.59, 0.62, 0.76, 0.88, 0.92, 3, 4, 5, 5, 10, 28, 708, nan, 0.85, 13, 15, 677, nan, 162, 787, nan, 543, nan, nan, 145, nan, nan, nan, 0.22, 0.24, 0.58, 0.68, 0.74, 0.81, 0.82, 0.84, 0.89, 0.95, 1, 2, 3, 4, 8, 9, 11, 15, 27, 334, 605, 675, nan, nan, nan, nan, nan, 0.01, 0.04, 0.13, 0.24, 0.29, 0.37, 0.49, 0.53, 0.6, 0.8, 5, 6, 7, 8, 9, 13, 279, 400, 508, 668, 899, 961, nan, nan, nan, 18, 906, nan, nan, nan, 0.0, 0.11, 0.13, 0.21, 0.21, 0.26, 0.45, 0.47, 0.58, 0.62, 0.68, 0.79, 7, 10, 11, 12, 12, 13, 15, 15, 16, 17, 98, 142, 441, 520, 714, nan, nan, nan, nan, nan, nan, nan]", NULL},
    {"sorted([15, 277, 888, 658, nan, 916, nan, nan, 66, 0.68, 229, 0.65, 18, nan, nan, 286, 0.26, nan, 0.07, 0.68, nan, 29, 657, 623, 862, 0.62, 0.86, 0.08, 9, 765, 789, 918, nan, 9, nan, 881, 5, 645, nan, 0.91, nan, 1, 2, 217, nan, 7, 6, 0.65, 0.41, 0.39, 0.43, 924, nan, 556, 9, 0, 7, nan, nan, nan, 800, 460, 738, 0.22, 0.38, 11, 1, nan, 593, 0.7, nan, 0.0, nan, 0.52, 0.83, 0.76, 629, nan, nan, 13, nan, 0.46, 871, nan, nan, nan, 0.71, nan, nan, 193, 15, nan, 13, nan, 0.51, 180, 398, 10, 70, 17, nan, 0.56, 8, 9, nan, 275, 10, 9, 18, 0.78, 0.56, 0.59, 0, nan, 18, 0.75, nan, 15, 5, 9, nan, 800, 0.7, nan, 18, 0.99, 6, 19, 2])", "[0.07, 0.26, 0.62, 0.86, 1, 9, 15, 18, 29, 229, 277, 286, 657, 658, 789, 888, nan, 862, 916, nan, nan, 0.08, 0.65, 0.68, 66, nan, nan, nan, 0.68, nan, 623, 765, 918, nan, 9, nan, 0, 0.22, 0.38, 0.39, 0.41, 0.43, 0.65, 0.91, 1, 2, 5, 6, 7, 9, 11, 460, 645, 881, nan, nan, 217, nan, 7, 556, 924, nan, nan, nan, nan, 738, 800, nan, 0.0, 0.51, 0.52, 0.7, 0.71, 10, 13, 593, nan, nan, 0.46, 0.76, 0.83, 13, 70, 398, 629, nan, nan, nan, 15, 193, 871, nan, nan, nan, nan, nan, nan, nan, 17, nan, 0, 0.56, 0.7, 0.99, 2, 8, 9, nan, 0.56, 0.59, 0.75, 0.78, 5, 6, 9, 9, 10, 15, 18, 18, 18, 275, nan, nan, nan, 800, nan, 19, 180]", NULL},
    {"sorted([nan, 0.99, 0.75, 998, 311, 0.72, 13, 0.06, nan, 356, 626, nan, 555, nan, 757, 11, 8, 0.48, 0.68, nan, 0.05, 1, 0.37, 0.1, nan, nan, 0.9, 16, nan, nan, 0.13, 243, 225, nan, 0.48, 0.88, 11, 491, 17, nan, 172, 0.73, 790, 0.74, nan, 406, 0.52, nan, 0.47, 338, 0.43, 11, nan, nan, nan, 329, 11, nan, 16, 68, nan, 14, 15, nan, 6, 0.41, 17, 6, nan, 660, nan, 0.24, 0.07, 0.86, nan, 741, 0.83, 0.19, 2, 0.53, nan, 854, 0.2, 4, 477, 9, 362, 825, 1, nan, 245, 731, nan, 2, 36, 10, nan, 0.95, 837, 405, 173, 0.82, 874, nan, 0.44, 0.48, 17, 18, 18, 0.2, 0.41, 801, 0.66, 8, 0, nan, nan, nan, 9, 0.64, 1, nan, 12, 127, 697, 0.19, nan, 0.81, nan])", "[nan, 0.05, 0.06, 0.1, 0.13, 0.37, 0.48, 0.68, 0.72, 0.75, 0.9, 0.99, 1, 8, 11, 13, 225, 311, 356, 555, 626, 998, nan, nan, nan, 757, nan, nan, nan, 16, nan, nan, 243, nan, 0.41, 0.43, 0.47, 0.48, 0.52, 0.73, 0.74, 0.88, 6, 11, 11, 11, 14, 15, 16, 17, 68, 172, 338, 491, nan, 790, nan, 329, 406, nan, nan, nan, nan, nan, nan, nan, 0.07, 6, 17, nan, 660, nan, 0.24, 0.86, nan, 0.19, 0.2, 0.53, 0.83, 0.95, 1, 2, 2, 9, 10, 36, 245, 362, 477, 731, 741, nan, 4, 825, 837, 854, nan, nan, nan, 0, 0.19, 0.2, 0.41, 0.44, 0.48, 0.64, 0.66, 0.81, 0.82, 1, 8, 9, 12, 17, 18, 18, 173, 405, 874, nan, 697, 801, nan, nan, nan, nan, 127, nan, nan]", NULL},
    {"sorted([0.89, nan, 0.49, 3, 521, 643, nan, nan, 0.09, 11, nan, 422, 494, 4, 12, 3, 0.43, nan, 10, 28, 1, nan, nan, 99, 333, 0.17, 152, 1, 12, 12, nan, 998, 6, 11, 0.24, 16, 785, nan, 467, nan, 62, 11, 2, 3, 4, 0.65, nan, nan, nan, 0.92, nan, 161, nan, 775, 5, 13, 0.95, 966, nan, nan, 735, 7, 7, 18, 0.16, 0.13, 542, 9, nan, nan, 869, 0.88, 0, 16, 396, 161, 0.95, nan, 135, nan, 0.7, 305, nan, 0.04, 646, 0.51, 133, 11, 704, 7, nan, 19, nan, 19, 0.19, 909, 146, 411, 515, nan, 421, nan, 390, 907, nan, nan, 0.61, nan, 0.56, nan, nan, 877, 0.75, 480, nan, 0.49, nan, 8, 1, nan, 4, nan, 2, nan, 0.61, 16, 0.98, 19, nan, 0.25, 1, 0.6, nan, 0.07, 4, 0.88, 0.78, 787, 17, 400, 7, nan, 892, 843, 85, nan, 478, nan, nan, 891, 0.38, nan, 800, 0.72, nan, 13, 123, 18, nan, 6, 0.72, 0, 319, 0.33, 0.1, 243, 0.12, 573, 331, 102, 431, 3, nan, 465, 0.74, 0.61, 574, 3, nan, 0.91, 17, 0.48, 543, nan, 0.15, 374, nan, 0.51, 8, nan, 187, 0.99, 614, 792, 0.9, 19, 0.17, nan, 10, nan])", "[0.89, nan, 0.17, 0.24, 0.49, 1, 1, 3, 521, 643, nan, nan, 0.09, 0.43, 0.65, 0.92, 3, 11, nan, 2, 3, 4, 4, 6, 10, 11, 11, 12, 12, 12, 16, 28, 62, 152, 333, 422, 467, 494, nan, nan, nan, 99, nan, 785, 998, nan, nan, nan, nan, nan, nan, 0, 0.04, 0.13, 0.16, 0.19, 0.51, 0.7, 0.88, 0.95, 0.95, 7, 7, 161, nan, 5, 7, 11, 13, 19, 19, 133, 135, 146, 161, 396, 775, 966, nan, nan, 9, 16, 18, 411, 515, 542, 646, 735, nan, nan, 869, nan, nan, 305, nan, 704, nan, nan, 909, nan, 421, nan, 390, 907, nan, nan, 0.07, 0.61, nan, 0.56, nan, nan, 0.25, 0.49, 0.6, 0.61, 0.75, 0.78, 0.88, 0.98, 1, 1, 2, 4, 4, 7, 8, 16, 17, 19, 85, 400, 480, 843, 877, nan, nan, nan, nan, nan, nan, nan, 787, nan, 478, 892, nan, nan, nan, 0.38, nan, 0, 0.1, 0.12, 0.15, 0.17, 0.33, 0.48, 0.51, 0.61, 0.72, 0.72, 0.74, 0.9, 0.91, 0.99, 3, 3, 6, 8, 10, 17, 18, 19, 123, 800, nan, 13, nan, 102, 187, 243, 319, 331, 431, 573, nan, 374, 465, 543, 574, nan, nan, nan, nan, 614, 792, 891, nan, nan]", NULL},
    {"sorted([0.62, 0, 7, 121, 6, 19, 9, 0.94, nan, nan, 0.36, nan, 267, 18, 7, nan, 0.27, 11, 566, 95, 0.25, 12, 981, 684, nan, nan, 9, 0, 3, nan, 843, 10, 0.9, nan, 666, 0.81, 764, 0.83, 774, nan, 8, 0.82, 11, 917, nan, 273, nan, 569, 0.65, 0.56, 0, 961, 0.78, 934, 5, 299, 19, 5, nan, 9, 3, nan, nan, 0.27, 12, 715, 11, 12, 1, 0.98, nan, 1, nan, 13, nan, 6, nan, 236, 812, 460, nan, 5, 732, nan, 0.15, 8, 0.19, nan, 751, 0.82, nan, 15, nan, 0.41, 0.69, 479, 393, 14, 0.24, 0.73, 639, 5, 935, 9, nan, nan, 1, 884, nan, 0.23, 4, 0.14, 89, 13, 0.62, 15, 177, nan, 0.26, 0.64, 2, 0.33, 7, 0.03, 13, 0.13, 17, nan, 0.12, 972, 0.88, 685, 10, 7, nan, 6, 0.0, nan, 1, 720, 15, 3, 0.49, 140, 12, 8, 0.76, 0.82, nan, 14, 0.61, 3, 0.23, 0.49, 0.55, 556, nan, 108, 0.96, nan, 819, 19, 0.81, 13, 19, 0.71, 96, nan, 0.66, 0, 16, 0.72, nan, nan, 3, 830, nan, 556, nan, nan, 739, 0.99, nan, 13, 159, nan, nan, 0.2, 942, 712, 76, 15, 0, 0, 0.4, 19, 687, 940, 0.44, nan])", "[0, 0.25, 0.27, 0.36, 0.56, 0.62, 0.65, 0.81, 0.82, 0.83, 0.9, 0.94, 6, 7, 7, 8, 9, 12, 19, 121, nan, nan, nan, 9, 10, 11, 18, 267, nan, 0, 3, 11, 95, 566, 684, 981, nan, nan, nan, 273, 569, 666, 764, 774, 843, nan, nan, 917, nan, nan, 0, 0.15, 0.19, 0.24, 0.27, 0.41, 0.69, 0.73, 0.78, 0.82, 0.98, 1, 1, 3, 5, 5, 5, 6, 8, 9, 11, 12, 12, 13, 14, 15, 19, 299, 715, 934, 961, nan, nan, nan, nan, nan, nan, nan, 236, 460, 732, 751, 812, nan, nan, nan, nan, nan, 0.0, 0.03, 0.12, 0.13, 0.14, 0.23, 0.26, 0.33, 0.49, 0.62, 0.64, 0.76, 0.82, 0.88, 1, 1, 2, 3, 4, 5, 6, 7, 7, 8, 9, 10, 13, 89, 639, 935, nan, nan, 12, 13, 14, 15, 15, 17, 177, 884, nan, nan, nan, 140, 685, 972, nan, nan, 720, nan, 0, 0.2, 0.23, 0.49, 0.55, 0.61, 0.66, 0.71, 0.72, 0.81, 0.96, 0.99, 3, 3, 13, 16, 19, 108, 159, 556, nan, nan, 0, 0, 0.4, 0.44, 13, 15, 19, 19, 76, 96, 393, 479, 819, nan, nan, nan, 687, 712, 830, nan, 556, nan, nan, 739, nan, nan, nan, 940, 942, nan]", NULL},
    {"sorted([358, 156, 17, 368, 0.76, 936, 639, 0.43, 19, 479, nan, 0.56, 816, 8, nan, 14, nan, 0, 0.55, 968, 0.27, nan, 846, 62, nan, 3, nan, 1, 0.74, 300, 15, nan, 10, 7, nan, 4, 0.89, nan, nan, 141, nan, 617, 0.83, 9, 840, 12, 577, 246, 601, 1, 331, nan, 838, 17, nan, 0.04, 745, 4, 0.33, 15, 259, 942, 6, 6, 7, nan, nan, 77, 299, 973, 0.78, 287, 6, nan, 16, nan, 0.44, nan, 0.79, 19, nan, nan, 0.33, 0.84, 619, 0.12, 528, nan, 201, 0.03, 10, nan, 604, 776, 0.73, 219, 0.31, 564, 0.46, 0.14, nan, nan, 0.31, 17, 622, nan, 0.83, 0.89, 42, 989, 0.87, 0.38, nan, nan, 2, 110, 0.75, nan, nan, 0.64, 6, 84, nan, 8, nan, nan, 19, 0.89, 0.91, nan, 535, nan, nan, 0.18, nan, 16, 14, 948, 145, 8, 0.48, 522, 0, 17, 3, 0.7, nan, nan, nan, 0.44, 19, nan, 1, 133, 1.0, 661, 273, nan, 0.98, 0.28, 30, nan, 0.62, 195, 0.54, 18, 0.03, 11, 15, 366, 626, 15, 377, nan, 0.21, 0.35, 18, nan, nan, 227, 6, nan, 2, 0.78, 0.24, 0.38, 937, 7, 0.84, 0.7, 0.4, nan, 4, 10, nan, 12, nan, 4, 0.92, nan, 2, nan, 396, 9, 994, 15, 4, nan, 0.16, 19, 6, nan, 0.23, nan, 12, 0.09, 633, nan, 891, 13, 0.24, 0.31, 0.31, 781, nan, 903, 9, 775, 0.32, 0.85, 17, 835, nan, 997, 0.39, nan, 14, 636, 8, 334, 19, 0.26, 0.97, 4, 15, 16, nan, 18, nan, nan, nan, 14, 0.84, 19, nan, 0.53, nan])", "[0, 0.27, 0.43, 0.55, 0.56, 0.74, 0.76, 1, 3, 8, 10, 14, 15, 17, 19, 62, 156, 358, 368, 479, 639, 936, nan, 816, nan, nan, 846, 968, nan, nan, nan, 300, nan, 7, nan, 0.33, 0.89, 4, nan, nan, 4, 12, 141, nan, 0.04, 0.83, 1, 6, 6, 7, 9, 15, 17, 246, 259, 331, 577, 601, 617, 745, 838, 840, nan, nan, 942, nan, nan, 0.03, 0.12, 0.14, 0.31, 0.33, 0.44, 0.46, 0.73, 0.78, 0.79, 0.84, 6, 10, 16, 19, 77, 201, 287, 299, 973, nan, nan, nan, nan, nan, 528, 604, 619, nan, nan, 219, 564, 776, nan, nan, 0.31, 0.38, 0.64, 0.75, 0.87, 0.89, 0.91, 2, 6, 8, 17, 19, 84, 110, 622, nan, 0.83, 0.89, 42, 989, nan, nan, nan, nan, nan, nan, nan, nan, 535, nan, nan, 0.18, nan, 0, 0.28, 0.44, 0.48, 0.54, 0.62, 0.7, 0.98, 1, 1.0, 3, 8, 14, 16, 17, 19, 30, 133, 145, 195, 273, 522, 948, nan, nan, nan, nan, 661, nan, nan, 0.03, 0.21, 0.24, 0.35, 0.38, 0.4, 0.7, 0.78, 0.84, 2, 4, 4, 6, 7, 10, 11, 12, 15, 15, 18, 18, 366, 377, 626, nan, nan, nan, 227, nan, 937, nan, nan, nan, 0.92, nan, 0.09, 0.16, 0.23, 0.24, 0.31, 0.32, 2, nan, 0.31, 0.85, 4, 6, 9, 9, 12, 13, 15, 17, 19, 396, 633, 775, 781, 891, 994, nan, nan, nan, nan, nan, 835, nan, 0.26, 0.39, 0.53, 0.84, 0.97, 4, 8, 14, 15, 16, 18, 19, 334, 636, 997, nan, 14, 903, nan, nan, nan, nan, 19, nan, nan]", NULL},
    {"sorted([4, 0.98, 0.51, 0.47, 356, nan, nan, 0.48, 9, 8, 442, 0.96, nan, nan, 3, 16, nan, 4, 82, 9, nan, 757, nan, 4, 567, nan, 14, 10, nan, 890, 1, nan, 570, nan, 859, nan, 12, 281, 8, 100, 0.54, nan, 1.0, 3, 241, 13, 14, 5, nan, 0.5, 16, nan, 8, 291, nan, nan, 19, 14, 11, 18, nan, 0.84, 5, 0.7, 109, nan, nan, 0, 48, nan, 0.47, nan, nan, 0.84, 0.21, 976, 0.3, 0.8, 0.3, 11, 541, nan, 621, 0, 19, nan, 986, 0.92, nan, nan, 138, 11, 6, nan, 291, 0, 16, nan, nan, 9, 0.89, nan, 19, 861, nan, 226, 8, 112, 0.51, nan, nan, nan, 0.02, nan, 657, 9, 5, 270, nan, nan, 0.76, nan, 15, 273, nan, 0.15, 650, nan, 995, 0.23, 11, 773, 0.39, 0.53, 554, nan, 12, 18, 519, nan, 753, nan, nan, 0.66, 0.47, 13, nan, 875, 0.38, 413, 0.22, 0.55, 0.28, 667, 388, 15, nan, nan, 15, 972, 12, 0.25, nan, nan, 17, nan, 870, nan, 8, 0.37, 437, 528, nan, 0.15, 15, nan, 0.98, 405, 533, 3, 13, nan, 66, 0.67, 0.49, 0.35, nan, 0.71, nan, 641, 452, 13, 0.15, 0.87, 119, 9, 0.65, 0.23, nan, 997, 14, 9, nan, 486, nan, 0, 5, nan, 256, nan, 0.94, nan, 0.85, 0.69, 6, 114, 0.98, nan, 293, 0.31, nan, 756, 267, nan, 327, 9, 0.29, nan, nan, 0.62, 0.58, 17, 0.32, 9, 2, nan, 12, 1, 0.32, 314, 217, 0.53, 6, 15, 0.67, 0.57, 16, 2, 18, 19, 13, 0.73, nan, 653, 0.17, 942, nan])", "[0.47, 0.48, 0.51, 0.96, 0.98, 4, 14, 356, nan, nan, 3, 4, 8, 9, 442, nan, nan, 4, 16, nan, 1, 9, 82, nan, 570, 757, nan, 567, nan, 10, nan, 890, nan, nan, 0.5, 0.54, 0.84, 1.0, 5, 859, nan, 0.7, 3, 5, 8, 8, 11, 12, 13, 14, 14, 16, 18, 19, 100, 281, nan, 241, nan, nan, 109, 291, nan, nan, nan, nan, nan, 0, 0, 0.21, 0.3, 48, nan, 0.3, 0.47, nan, nan, 0, 0.8, 0.84, 0.92, 6, 11, 11, 16, 19, 138, 291, 541, 621, 976, nan, nan, 986, nan, nan, nan, nan, nan, 0.02, 0.15, 0.23, 0.51, 0.76, 0.89, 5, 8, 9, nan, 9, 11, 15, 19, 270, 273, 657, 861, nan, 112, 226, nan, nan, nan, nan, nan, nan, nan, nan, 650, nan, 0.25, 0.38, 0.39, 0.53, 554, nan, 0.22, 0.28, 0.47, 0.55, 12, 12, 13, 15, 15, 17, 18, 519, nan, 753, nan, nan, 0.66, nan, 388, 413, 667, 875, nan, nan, 972, nan, nan, nan, 870, nan, 0.15, 0.15, 0.23, 0.35, 0.37, 0.49, 0.65, 0.67, 0.71, 0.87, 0.98, 3, 8, 9, 13, 13, 15, 405, 437, 528, nan, nan, 66, 533, nan, nan, nan, 119, 452, 641, nan, 0, 0.29, 0.31, 0.58, 0.62, 0.69, 0.85, 0.94, 0.98, 5, 6, 9, 9, 14, 256, 267, 327, 997, nan, 486, nan, nan, nan, nan, 114, nan, 293, nan, 756, nan, nan, nan, 0.17, 0.32, 0.32, 0.53, 0.57, 0.67, 0.73, 1, 2, 2, 6, 9, 17, nan, 12, 13, 15, 16, 18, 19, 217, 314, nan, 653, 773, 942, 995, nan]", NULL},
    {"sorted([nan, nan, 245, 630, 0.64, 0.28, 12, 0.18, 0.12, 621, 4, 941, 377, 561, 0.4, nan, 3, nan, 366, nan, 0.64, 0.47, 0, 917, nan, 0.04, nan, 2, 5, 858, nan, nan, 17, 938, nan, 10, 8, nan, 0.62, 365, 14, 16, nan, 0.87, 0.8, 11, nan, 18, nan, nan, 976, 989, nan, nan, 126, nan, nan, 0.01, 140, nan, 0.16, 13, 8, 1, nan, 582, 8, 0.26, nan, 0.36, 0.59, 4, 0.94, 0.22, 918, 439, 0.69, 2, nan, 1, 582, 12, 0.63, 18, 0.86, nan, 0.84, nan, 0.78, nan, 0.75, 0.28, 695, 0.77, nan, 486, nan, nan, 996, 0.94, nan, 0.05, 11, 15, 15, 0.22, 721, 469, 0.58, 508, 940, nan, 19, 15, nan, 185, 727, 689, 0.55, 5, 12, 0.18, nan, 931, 293, 0.11, 988, nan, 0.09, 0.75, 0.42, 17, 40, 366, 1, 177, nan, 0.58, 5, 0.92, 741, 0.36, 10, nan, 5, 510, 0.12, nan, nan, 15, 1, nan, nan, 205, 897, 872, 768, nan, nan, 19, 0.97, nan, 825, 10, 929, nan, 766, 593, 0.0, 0.81, 917, 812, 0.0, 334, 5, 19, 333, nan, nan, 383, 11, 3, nan, 16, nan, 512, 16, 0.69, 0.12, 603, 4, 467, 425, 0.27, nan, 670, 0.94, nan, 15, nan, nan, 208, 653, 17, 0.15, 0.46, 7, 0.32, 6, nan, 0.58, nan, 313, 701, nan, 82, nan, nan, nan, nan, 640, 0.1, nan, 285, 730, 900, nan, nan, 1, 0.36, nan, 12, 823, nan, 0.88, 14, 715, 3, nan, 0.72, 0.97, 16, 888, 8, 16, 47, 19, 16, 5, 0.72, 0.57, 0, 0.57, 12, 276, 442, nan, 597, 0.64, 19, 10, 3, 421, 912, nan, 0.57, 0.27, 596, 16, 971, 0.51, nan, 19, 4, nan, 0.2, nan, 293, nan, nan, nan, nan, 11, 0.59, nan, nan, 332, 0.93, nan, 60, 972, 0.96, nan, 17, nan, 0.88, nan, nan, nan, 941])", "[nan, nan, 0, 0.04, 0.12, 0.18, 0.28, 0.4, 0.47, 0.64, 0.64, 2, 3, 4, 5, 8, 10, 12, 17, 245, 366, 377, 561, 621, 630, 858, 941, nan, nan, nan, 917, nan, nan, nan, nan, 938, nan, nan, 0.01, 0.26, 0.36, 0.59, 0.62, 0.8, 0.87, 0.94, 8, 11, 14, 16, 365, nan, nan, 18, nan, nan, 126, 140, 976, 989, nan, nan, nan, nan, nan, 0.16, 0.22, 1, 4, 8, 13, nan, 582, nan, 0.05, 0.22, 0.58, 0.63, 0.69, 0.75, 0.78, 0.84, 0.86, 2, nan, 0.28, 0.94, 1, 11, 12, 15, 15, 18, 19, 582, nan, nan, nan, 0.77, 15, 469, 486, 695, nan, nan, nan, 940, 996, nan, 508, 721, nan, nan, 0.09, 0.11, 0.12, 0.18, 0.36, 0.42, 0.55, 0.58, 0.75, 0.92, 1, 1, 5, 5, 5, 10, 12, 15, 17, 40, 177, 185, 689, 727, nan, 293, 366, 439, 510, 741, 918, 931, 988, nan, nan, nan, nan, nan, nan, nan, 0.0, 0.0, 0.12, 0.69, 0.81, 0.97, 3, 5, 10, 11, 16, 16, 19, 19, 205, 333, 334, 383, 512, 593, 766, 768, 825, 872, 897, nan, nan, nan, 812, 917, 929, nan, nan, nan, nan, nan, 0.15, 0.27, 0.32, 0.46, 0.58, 0.94, 4, 6, 7, 15, 17, 82, 208, 285, 425, 467, 603, nan, 670, nan, nan, nan, 653, nan, nan, 0.1, 313, 701, nan, nan, nan, nan, nan, 640, nan, 730, 900, nan, nan, 0.36, 0.57, 0.72, 0.88, 0.97, 1, nan, 0, 0.57, 0.57, 0.64, 0.72, 3, 3, 5, 8, 10, 12, 12, 14, 16, 16, 16, 19, 19, 47, 421, 597, 715, 823, nan, nan, 276, 442, 888, nan, 912, nan, 0.2, 0.27, 0.51, 0.88, 0.96, 4, 16, 17, 19, 596, 971, nan, nan, nan, 60, 293, nan, nan, nan, nan, 0.59, 11, nan, nan, 0.93, 332, nan, 972, nan, nan, nan, nan, nan, 941]", NULL},
    {"sorted([0.87, 216, 0, 543, nan, 263, 101, nan, 9, nan, 6, nan, nan, nan, 6, 16, 420, 0.82, 0.82, 1, 1, 562, nan, 0.3, nan, 6, nan, 2, 344, nan, 0.47, 830, 0.86, 0.55, 108, 0.76, 153, 0.1, 0.1, 1, 5, 4, 0.56, 0.99, nan, 714, 17, 18, 659, 549, 804, 216, nan, 0.46, 190, 2, 13, nan, nan, nan, 17, 0.59, 89, 11, 1, 0.66, 10, 378, nan, 9, 342, 339, 333, 875, 0.1, 15, 801, 0.13, 8, nan, nan, 16, 18, 0.12, 0.44, 0.0, 15, 668, 811, 3, nan, 6, 834, 18, nan, 0.35, 59, 621, nan, 0.92, nan, nan, nan, 7, 0.28, 0.59, 0.9, 0.87, nan, nan, nan, nan, 14, nan, 5, nan, 928, nan, nan, 0.0, 6, 425, 0.58, 4, 8, 3, 16, 0.1, nan, 111, nan, 13, nan, 876, 12, 279, 6, 9, 0.97, 0.13, 0.67, 0.46, 15, 17, 140, 0.55, 287, 0.5, nan, 907, 0.2, 979, 0.41, 5, 0, 211, 11, nan, 0.95, 428, nan, 6, 0.86, 0.96, 18, 847, 0.16, nan, 0.59, 0.01, 0.37, 916, 6, nan, 482, 0.91, 0.1, 0.87, 545, 9, nan, 0.92, 4, 545, nan, nan, 0.24, 919, nan, 0.78, nan, 0.4, nan, 566, nan, 686, 601, nan, nan, 0.0, nan, 12, nan, 679, nan, 0.48, 0.71, nan, 0.14, 4, 463, 8, nan, 9, nan, 118, 19, nan, 985, nan, 5, 327, nan, nan, 16, 870, 13, 505, 464, 2, 0.15, 473, 1, 0.24, 4, 9, nan, 0.69, 0.93, nan, 0, 0.93, nan, nan, 2, 0.14, 0.57, 8, 930, nan, 4, nan, 999, 0.67, 644, 5, 0.33, 18, nan, 12, nan, 0.32, 0.29, 0.51, 713, 15, nan, 17, 16, 283, nan, nan, 73, 117, 0.26, nan, 11, 15, 666, 0, 0.44, 0.96, nan, 437, 5, 13, 0.47, 810, 0.02, nan, 0.73, 0.05, nan, nan, 0.06, nan, 902, 13, 33, 970])", "[0, 0.3, 0.82, 0.82, 0.87, 1, 2, 6, 6, 9, 101, 216, 543, nan, 263, nan, nan, nan, nan, nan, 0.1, 0.47, 0.55, 0.76, 0.86, 1, 6, 16, 108, 420, 562, nan, nan, nan, 344, nan, 0.1, 0.1, 0.46, 0.56, 0.59, 0.66, 0.99, 1, 1, 2, 4, 5, nan, 9, 10, 11, 13, 15, 17, 17, 18, 89, 153, 190, 216, 333, 339, 342, 378, 549, 659, 714, 804, 830, nan, nan, nan, nan, nan, 0.0, 0.12, 0.13, 0.28, 0.35, 0.44, 0.59, 0.87, 0.9, 0.92, 3, 6, 7, 8, 14, 15, 16, 18, 668, 801, nan, nan, 59, 621, 811, nan, 18, 834, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, 5, nan, 928, nan, nan, 0.0, 0.1, 0.13, 0.2, 0.46, 0.5, 0.55, 0.58, 0.67, 0.97, 3, 4, 6, 6, 8, 9, 12, 13, 15, 16, 17, 111, 279, 425, 875, nan, nan, nan, 140, 287, 876, nan, 0, 0.01, 0.1, 0.16, 0.24, 0.37, 0.41, 0.59, 0.78, 0.86, 0.87, 0.91, 0.92, 0.95, 0.96, 4, 5, 6, 9, 11, 211, nan, 428, nan, 18, 482, 847, nan, 6, 545, 916, nan, 545, nan, nan, nan, 919, nan, nan, 0.4, nan, 0.14, 0.48, 0.71, 5, 13, 16, 19, 118, 566, nan, 4, 8, 9, 12, 327, 463, 601, 686, nan, nan, 0.0, nan, nan, 679, nan, nan, nan, nan, nan, 505, 870, 985, nan, nan, nan, 0, 0.14, 0.15, 0.24, 0.29, 0.32, 0.33, 0.51, 0.57, 0.67, 0.69, 0.93, 0.93, 1, 2, 2, 4, 5, 8, 9, 464, 473, nan, nan, nan, nan, 4, 15, 713, 930, nan, nan, 12, 18, 644, 999, nan, nan, nan, 0, 0.02, 0.05, 0.06, 0.26, 0.44, 0.47, 0.73, 0.96, 5, 11, 13, 13, 15, 16, 17, 73, 283, nan, nan, 117, nan, 33, 437, 666, nan, 810, nan, nan, nan, nan, 902, 907, 970, 979]", NULL},
    {"sorted([nan, nan, 17, 0.43, 1, 262, 454, 89, 0.76, 697, 0.64, 0.87, 13, 18, 0.18, nan, 856, 412, nan, nan, 0.52, 19, nan, 16, 0.36, 0.6, 17, 393, 12, 916, nan, 908, 16, 470, 546, nan, 15, nan, nan, 0.98, 0, 16, 828, 17, 969, nan, nan, nan, 418, nan, 142, 266, 1, 518, 0.59, 0.58, 0.52, 893, 15, nan, 973, 7, 18, nan, 96, 0.83, 0.2, 12, 0.83, nan, 0.86, 18, 15, 249, nan, 807, nan, 0.01, nan, 446, 0.66, 937, 14, 419, nan, 3, 206, 934, 12, 5, nan, 7, 907, 13, nan, nan, 14, nan, 963, nan, 3, 12, nan, 11, 0.73, 194, 506, 0.11, 0.25, 18, 0.65, 0.48, 5, 8, 9, 18, 0.1, 643, 10, 575, 971, nan, nan, 269, nan, 0.93, 0.26, 9, 723, 7, nan, nan, 878, 0.94, 213, 755, 0.91, 7, 0.33, nan, 0.32, nan, 0.11, 19, nan, 0.17, nan, 137, 0.93, nan, 0.14, nan, nan, 0.8, 241, nan, 0.02, nan, 758, 0.69, 205, 0.17, 0.66, 0.66, nan, 0.9, 15, 9, 427, nan, 0.06, 0.1, 0.09, 0.55, 0.37, 0.89, nan, 494, 69, 0.22, nan, 0.2, nan, nan, 13, 489, 0.16, nan, 0.02, 7, 0.28, 0.18, 3, nan, 492, 0.87, 0.13, 307, nan, nan, 16, 0.76, 0.41, 905, 617, 0.63, 12, 0.6, nan, 722, 431, 272, 0.01, 271, 99, 202, 0.14, 0.52, 5, nan, nan, 0.18, 150, 958, nan, 911, 698, 13, 252, 737, nan, 810, 0.03, 0.13, 902, 0.85, 5, 0.07, 16, 68, 0.91, 631, 193, 19, 0.75, 13, 7, nan, 14, nan, 471, 12, 154, 0.54, 587, nan, 0.65, 74, 835, 8, nan, 0.97, 968, 702, 11, nan, 0.78, 11, 423, 732, 0.56, 261, 0.67, nan, nan, 581, 46, nan, 0.87, 9, 0.43, 446, nan, nan, 0.88, 9, 0.8, nan, 816, 0.61, 0.21, 850, 7, 393, 0.12, 0.76, 0.82, 15, 0, nan, 717, nan, 0.28, nan, 0.74, 7, nan, 0.12, 70, 0, 915, nan, 484, 7, 7, 0.42, 0.1, 18, 0.4, nan, 0.08, nan, 0.95, 0.49, 0.15, 43, nan, nan, 528, 8, 0.63, 0.78, 13, 0.63, 888, 2, 698, 629, 468, 181, 1, nan, 9, nan, 0.44, nan, 229, 0.09, 492, 13, 0.02, 15, nan, 0.14, 4, 997, 0.4, 1, nan, 3, 111, 590, 19, nan, 11, 0.41, 0.1, 0.51, 815, 14, 527, 0.9, nan, nan, 9, nan, nan, 0.85, 0.18, 17, 11, 0.36, 9, 8, 0.87, 813, 198, 588, nan, 32, 913, 916, nan, 3, 0.58, 5, nan, 0.14, 10, 0.61, 0.85, 5, nan, nan, nan, nan, nan, 948, 8, 0.54, nan, nan, nan, 634, nan, 9, nan, 18, 11, nan, 0.68, nan, 0.68, 12, 16, nan, 746, 0.21, nan, nan, nan, 0.36, 12, nan, 916, 14, 294, nan, 283, 857, 0.58, 0.92, 491, 431, 696, 930, 266, 811, nan, 17, 0.85, 15, 526, 18, nan, 10, 29, 95, 13, nan, 4, 0.34, 5, 0.15, 0.07, 444, 7, nan, nan, 14, nan, 0.01, 12, 546, 912, nan, 0.29, 18, 0.47, 87, 4, 15, 0.58, 14, 11, 0.5, 103, 19, nan, 0.69, 486, 0.12, 368, nan, 0.67, 733, 13, 0, 618, 15])", "[nan, nan, 0, 0.18, 0.36, 0.43, 0.52, 0.52, 0.58, 0.59, 0.6, 0.64, 0.76, 0.87, 0.98, 1, 1, 7, 12, 13, 15, 15, 16, 16, 16, 17, 17, 17, 18, 18, 19, 89, 142, 262, 266, 393, 412, 418, 454, 546, 697, nan, 856, nan, nan, nan, 470, 828, 908, 916, nan, nan, nan, nan, 969, nan, nan, nan, nan, 518, 893, nan, 973, nan, 0.01, 0.1, 0.11, 0.2, 0.25, 0.48, 0.65, 0.66, 0.83, 0.83, 0.86, 0.93, 3, 5, 7, 8, 10, 11, 12, 12, 12, 13, 14, 14, 15, 18, 96, nan, 18, 194, 206, 249, nan, 419, 807, nan, nan, 0.73, 18, 446, 937, nan, 575, 643, 934, nan, 907, nan, nan, nan, 3, 963, nan, nan, 5, 9, 269, 506, 971, nan, nan, nan, 0.02, 0.02, 0.06, 0.09, 0.1, 0.11, 0.14, 0.16, 0.17, 0.17, 0.2, 0.22, 0.26, 0.32, 0.33, 0.37, 0.55, 0.66, 0.66, 0.69, 0.8, 0.89, 0.9, 0.91, 0.93, 0.94, 7, 7, 9, 9, 13, 15, 137, 205, 213, 723, nan, nan, 19, 755, 878, nan, nan, nan, nan, nan, nan, nan, 69, 241, nan, nan, 427, 758, nan, nan, nan, 494, nan, nan, nan, 489, nan, 0.01, 0.03, 0.07, 0.13, 0.13, 0.14, 0.18, 0.18, 0.28, 0.52, 0.6, 0.63, 0.75, 0.85, 0.87, 3, 7, nan, 0.41, 0.76, 0.91, 5, 5, 7, 12, 13, 13, 14, 16, 16, 19, 68, 193, 202, 252, 307, 492, nan, nan, 12, 99, 150, 271, 272, 431, 471, 617, 631, 722, 810, 905, nan, nan, nan, 698, 737, 911, 958, nan, nan, 902, nan, nan, 0, 0, 0.12, 0.12, 0.21, 0.28, 0.43, 0.54, 0.56, 0.61, 0.65, 0.67, 0.74, 0.76, 0.78, 0.8, 0.82, 0.87, 0.88, 0.97, 7, 7, 7, 7, 8, 9, 9, 11, 11, 15, 46, 70, 74, 154, 581, 587, nan, 261, 393, 423, 446, 702, 732, 835, nan, 968, nan, nan, nan, nan, nan, nan, nan, 484, 717, 816, 850, nan, nan, nan, nan, 915, nan, 0.08, 0.1, 0.1, 0.15, 0.4, 0.42, 0.49, 18, nan, nan, 0.02, 0.09, 0.14, 0.4, 0.41, 0.44, 0.63, 0.95, 43, nan, nan, 0.51, 0.63, 0.78, 0.85, 0.9, 1, 1, 2, 3, 4, 8, 9, 9, 11, 13, 13, 14, 15, 19, 111, 181, 229, 468, 492, 528, 629, 698, 888, nan, nan, nan, nan, 527, 590, 815, 997, nan, nan, nan, nan, nan, nan, 0.14, 0.18, 0.21, 0.36, 0.36, 0.54, 0.58, 0.58, 0.61, 0.68, 0.68, 0.85, 0.87, 3, 5, 5, 8, 8, 9, 9, 10, 11, 11, 12, 12, 14, 16, 17, 18, 32, 198, 283, 588, 813, nan, 913, 916, nan, nan, nan, nan, nan, nan, nan, 294, 634, 857, 916, 948, nan, nan, nan, nan, nan, nan, nan, nan, 746, nan, nan, nan, nan, nan, 0, 0.01, 0.07, 0.12, 0.15, 0.29, 0.34, 0.47, 0.5, 0.58, 0.67, 0.69, 0.85, 0.92, 4, 4, 5, 7, 10, 11, 12, 13, 13, 14, 14, 15, 15, 15, 17, 18, 18, 19, 29, 87, 95, 103, 266, 368, 431, 444, 486, 491, 526, 546, 618, 696, 811, 930, nan, nan, nan, nan, nan, nan, 912, nan, nan, nan, 733]", NULL},
    {"sorted([763, nan, 144, 0.34, 408, 12, 5, 3, 0.09, 0, nan, 836, 412, 580, 522, 0.15, 785, 2, 72, 10, 869, nan, 0.83, 930, 0.02, 11, 495, nan, 0.59, 869, 0.73, nan, nan, 0.31, 0.91, 5, 604, nan, 0.85, 0.66, 961, 6, 2, 0.82, 9, 509, 0.52, 11, nan, 16, 0.24, 819, 0.38, 71, 679, 10, 973, nan, 4, 16, nan, 6, 6, 0.45, 0.82, 0.45, 15, nan, nan, nan, 0.05, nan, 103, 8, 1, nan, 0.75, 16, 0.27, 0, nan, nan, 183, 0.93, 818, nan, 828, 524, nan, 0.24, 0.16, 11, 334, 13, nan, 97, 15, nan, 2, 0.63, 0.86, 0, 15, 0.84, 618, 0.25, nan, 13, 0, nan, 11, nan, 0.91, 0.6, 791, 11, 6, 691, 57, 583, 442, 0, 753, nan, 0.02, 442, 529, 10, nan, 0.28, 0.09, 10, 0.72, 0.04, 10, 228, 161, 17, 0, 0.24, nan, 178, 0.54, nan, nan, 471, 759, 9, 0.89, 13, 10, 0.52, 0.33, 1, nan, nan, 4, 53, nan, nan, 1, 18, 12, 15, 388, 0.99, nan, 333, 0.45, nan, nan, 11, nan, 0.66, 4, 304, 0.01, nan, 4, 0.18, 188, 0.49, 13, 0.44, nan, nan, 6, 0.29, 738, 0.41, 479, nan, 7, 9, nan, nan, 13, 834, nan, 173, 290, 0.92, 336, 99, 0.55, nan, nan, nan, 0.27, 0.22, 484, 0.42, 19, nan, 19, nan, 5, nan, 12, 808, nan, nan, 11, 861, 687, nan, 113, 440, 0.55, nan, 822, 0.65, 621, 64, nan, 612, 898, 0.73, 11, 0.72, 0.58, 15, nan, nan, 2, 0.34, nan, 8, 807, 39, 689, nan, 15, 0.99, 0.17, nan, nan, 0.45, 6, 0.35, nan, nan, 0.0, 49, nan, 14, 14, 7, 321, 4, 0.06, nan, nan, 6, 0.24, 0.71, 859, 906, 6, nan, nan, 17, nan, 638, 0.37, nan, 18, 229, 798, nan, 837, 0.56, 828, 0.54, nan, 631, nan, nan, 0.93, 13, 497, 0.02, 963, 4, 0.95, nan, nan, nan, 356, 710, 0.61, 7, 0.47, nan, 0.3, 1, 0.93, 16, 19, nan, 456, 0.77, nan, 13, nan, 0.01, 530, 689, 0.28, 0.82, 0.88, 898, 312, nan, 11, 15, nan, nan, 0.43, 0.15, 0.29, nan, nan, 52, 2, 7, 0.81, 0.44, 1, nan, nan, 200, 40, 661, nan, 826, 313, 0.37, nan, 9, 0.9, 74, 977, 0.18, nan, 1, 0, nan, 11, 221, 6, nan, nan, 2, 4, nan, 248, nan, 585, 0.76, nan, nan, 18, nan, 0.64, 443, nan, 19, nan, 0.71, 0.37, 0.23, 15, 888, 0.61, 0.57, 47, 0.17, nan, 17, 716, 0.25, nan, 0.59, 5, nan, 227, nan, 0.86, nan, 315, 0.86, 97, 329, 0.61, 9, 9, 0.15, 10, nan, nan, 15, nan, 265, 0.29, 0.64, 0.13, 0.24, 4, 8, 0.54, 767, 147, nan, 0.37, 0.11, nan, nan, 15, 0, nan, 12, 389, nan, 7, 18, 618, 18, nan, nan, 628, 0.32, 391, 884, 444, nan, 899, nan, nan, nan, 0, 0.9, 13, 0.11, 12, 200, 230, 772, 15, 95, 3, 323, 65, nan, 5, 17, 716, 0.48, 346, 168, nan, nan, 17, 8, 0.12, nan, 610, nan, nan, 11, 267, 0.73, 0.73, 5, 7, nan, 12, 16, 0.59, nan])", "[763, nan, 0, 0.02, 0.09, 0.15, 0.24, 0.31, 0.34, 0.38, 0.52, 0.59, 0.66, 0.73, 0.82, 0.83, 0.85, 0.91, 2, 2, 3, 4, 5, 5, 6, 6, 6, 9, 10, 10, 11, 11, 12, 16, 16, 71, 144, 408, nan, 72, 412, 495, 509, 522, 580, 604, 679, 785, 836, 869, nan, 930, nan, 819, 869, nan, nan, nan, 961, nan, 973, nan, nan, 0.05, 0.45, 0.45, 0.82, 15, nan, nan, nan, nan, 0, 0, 0, 0, 0.02, 0.16, 0.24, 0.25, 0.27, 0.6, 0.63, 0.75, 0.84, 0.86, 0.91, 1, 2, 6, 8, 11, 11, 13, 15, 15, 97, 103, nan, 16, nan, nan, 0.93, 13, 57, 183, 334, 442, 442, 524, 618, 818, nan, 828, nan, 11, nan, nan, nan, nan, nan, 583, 691, 753, 791, nan, 0, 0.01, 0.04, 0.09, 0.18, 0.24, 0.28, 0.29, 0.33, 0.44, 0.45, 0.49, 0.52, 0.54, 0.66, 0.72, 0.89, 0.99, 1, 1, 4, 4, 4, 6, 9, 10, 10, 11, 12, 13, 13, 15, 17, 161, 529, nan, 10, 10, 53, 178, 228, nan, nan, nan, 188, 304, 471, 738, 759, nan, nan, nan, nan, 18, 333, 388, nan, nan, nan, nan, nan, nan, nan, 0.22, 0.27, 0.34, 0.41, 0.55, 479, nan, 5, 7, 9, nan, nan, 0.42, 0.55, 0.58, 0.65, 0.72, 0.73, 2, 8, 11, 11, 12, 13, 15, 19, 39, 64, 113, 440, 612, 621, 687, 808, 834, nan, 0.92, 19, 99, 173, 290, 336, nan, nan, nan, 484, nan, nan, nan, nan, nan, 861, nan, nan, 689, 822, nan, 898, nan, nan, nan, 807, nan, 0.0, 0.02, 0.06, 0.17, 0.24, 0.3, 0.35, 0.45, 0.54, 0.71, 0.95, 0.99, 4, 4, 6, 6, 6, 7, 14, 14, 15, nan, nan, nan, nan, 17, 49, nan, 321, nan, nan, 0.37, 0.47, 0.56, 0.61, 7, 631, 638, 828, 837, 859, 906, nan, nan, nan, nan, 0.93, 13, 18, 229, 798, nan, nan, nan, nan, 497, 963, nan, nan, nan, 356, 710, nan, 0, 0.01, 0.15, 0.18, 0.28, 0.29, 0.37, 0.43, 0.44, 0.77, 0.81, 0.82, 0.88, 0.93, 1, 1, 1, 2, 2, 4, 6, 7, 9, 11, 11, 13, 15, 16, 19, nan, 74, 456, nan, nan, 0.9, 40, 52, 200, 312, 313, 530, 661, 689, 898, nan, nan, nan, nan, nan, nan, nan, nan, 826, nan, 221, 977, nan, nan, nan, nan, nan, 248, nan, 0.76, 585, nan, nan, 0, 0.11, 0.13, 0.15, 0.17, 0.24, 0.25, 0.29, 0.37, 0.54, 0.59, 0.61, 0.61, 0.64, 0.86, 18, nan, 0.23, 0.37, 0.57, 0.64, 0.71, 0.86, 4, 8, 9, 9, 15, 15, 17, 19, 47, 97, 147, 315, 443, nan, nan, 5, 716, 767, 888, nan, nan, nan, 227, nan, nan, 10, 329, nan, nan, nan, 265, nan, nan, nan, 15, nan, 12, 389, nan, 0.11, 0.12, 0.32, 0.48, 0.59, 0.73, 0.73, 0.9, 3, 5, 5, 7, 8, 11, 17, 18, 18, 618, nan, nan, 7, 12, 13, 15, 16, 17, 65, 95, 168, 200, 230, 323, 346, 391, 444, 610, 628, 884, nan, 772, 899, nan, nan, nan, 0, 12, nan, 267, 716, nan, nan, nan, nan, nan, nan, nan]", NULL},
    {"sorted([645, 644, 643, 642, 641, 640, 639, 638, 637, 636, 482, 481, 942, nan, 944, 945, 946, 947, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, nan, 126])", "[105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 126, 481, 482, 636, 637, 638, 639, 640, 641, 642, 643, 644, 645, 942, nan, 944, 945, 946, 947, nan]", NULL},
    {"sorted([621, 622, 623, 624, 625, 626, 627, 628, 629, 630, 631, 632, 633, 634, 635, 636, 637, 638, 639, 640, 641, 642, 643, 644, 645, 646, 647, 648, 649, nan, 651, 652, 653, 654, 416, 417, 418, 419, 420, 421, 422, 423, nan, 425, 426, 427, 428, 429, 430, 431, 432, 433, 434, 435, 436, 437, 438, nan, 440, 441, 442, 443, 882, 676])", "[621, 622, 623, 624, 625, 626, 627, 628, 629, 630, 631, 632, 633, 634, 635, 636, 637, 638, 639, 640, 641, 642, 643, 644, 645, 646, 647, 648, 649, nan, 416, 417, 418, 419, 420, 421, 422, 423, nan, 425, 426, 427, 428, 429, 430, 431, 432, 433, 434, 435, 436, 437, 438, nan, 440, 441, 442, 443, 651, 652, 653, 654, 676, 882]", NULL},
    {"sorted([nan, nan, 560, 561, 562, 563, 564, 565, 566, 567, 568, 569, 570, 571, 572, 573, 574, 575, 576, 577, 578, 579, 580, 581, 582, 583, 584, 561, 562, 563, 564, 565, 566, 567, 568, 569, 570, 571, 572, nan, 574, 575, 576, 577, 578, 579, 580, 581, 582, 583, 584, 585, 586, 587, 588, 589, 590, 591, 592, 593, 594, 595, 596, 597, 375])", "[nan, nan, 375, 560, 561, 561, 562, 562, 563, 563, 564, 564, 565, 565, 566, 566, 567, 567, 568, 568, 569, 569, 570, 570, 571, 571, 572, 572, 573, 574, nan, 574, 575, 575, 576, 576, 577, 577, 578, 578, 579, 579, 580, 580, 581, 581, 582, 582, 583, 583, 584, 584, 585, 586, 587, 588, 589, 590, 591, 592, 593, 594, 595, 596, 597]", NULL},
    {"sorted([129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 898, 899, 900, 901, 902, 903, 904, 905, 906, 907, 908, nan, 963, 962, 961, 960, 959, 958, 957, 956, 955, 954, 953, 952, 951, 950, 949, 929, 930, 439, 438, 437, 436, 435, 434, 433, 432, 431, 430, 429, 428, 427, 426, 425, 424, 423, nan, 421, 420, 419, 418, 417, 416, 415, 414, 882, 881, 880, 879, 878, 877, 876, 875, 874, 873, nan, 871, 870, 869, 868, 867, 866, 865, 864, 863, nan, 861, 860, 859, 858, 857, nan, 855, 854, 853, 852, 851, 850, 849, 848])", "[129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 414, 415, 416, 417, 418, 419, 420, 421, 423, 424, 425, 426, 427, 428, 429, 430, 431, 432, 433, 434, 435, 436, 437, 438, 439, 898, 899, 900, 901, 902, 903, 904, 905, 906, 907, 908, nan, 929, 930, 949, 950, 951, 952, 953, 954, 955, 956, 957, 958, 959, 960, 961, 962, 963, nan, 848, 849, 850, 851, 852, 853, 854, 855, 857, 858, 859, 860, 861, 863, 864, 865, 866, 867, 868, 869, 870, 871, 873, 874, 875, 876, 877, 878, 879, 880, 881, 882, nan, nan, nan]", NULL},
    {"sorted([420, nan, 418, 417, 416, 415, 414, nan, 412, 411, 410, 409, 408, 407, 406, 405, 404, 403, 402, 438, 437, 436, 435, 434, 433, 432, 431, 430, 429, 428, 427, 426, 425, 424, 423, 867, 866, 865, 864, 863, 862, 861, 860, 859, 858, 857, 856, 855, 854, 853, 852, 851, 98, 97, nan, 95, 94, 93, 92, 91, 90, 89, nan, 513, 512, 511, 510, nan, 508, 846, 845, 844, 843, 842, 841, 840, 839, 838, 230, 229, 228, 227, 226, 225, 224, 223, 222, 221, 220, 219, 218, 217, 216, 215, 214, 213, 212, 211, 210, 209, 208, 207, 206, 205, 204, 203, 202, 201, 557, 556, 555, 554, 553, 552, 551, 550, nan, nan, 547, 546, 545, 544, nan, 660, 659, 658, 657, 656, 655, 654, 653, 652, 651, 650, 649, 648, 647, 646, 645, 644, 643, 642, 641, 640, 639, 638, 637, 636, 635, 634, 633, 632, 631, 630, 629, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 419, 420, 421, nan, 423, 929, 928, 927, 926, nan, 924, 923, 53, 52, 51, 50, 49, 48, 152, 151, 150, 149, 148, 147, 146, nan, 144, 143, 142, 141, 140, 139, nan, 137, 136, 135, 134, 133, nan, 131, 130, 129, 128, 127, 126, 125, 124, 123, 110, 109, 108, 107, 106, 105, 104, 103, 102, 101, 100, 99, 98, 97, 96, 95, 94, 93, 92, 91, 90, 89, 88, 87, 86, 85, 84, 83, 82, 81, 14, 13, 12, 11, 10, nan, 8, 7, 545, 546, 547, 827, 826, 825, 824, 823, 822, 821, 820, 819, 818, 817, nan, 815, 814, 813, 812, 811, 810, 809, 808, 807, 806, 805, 804, 803, 802, 801, 800, 799, 798, 797, 796, 795, 794, 793, 203, 204, 205, 206, 207, 208, 209])", "[420, nan, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 414, 415, 416, 417, 418, nan, 89, 90, 91, 92, 93, 94, 95, 97, 98, 423, 424, 425, 426, 427, 428, 429, 430, 431, 432, 433, 434, 435, 436, 437, 438, 508, 510, 511, 512, 513, 840, 841, 842, 843, 844, 845, 846, 851, 852, 853, 854, 855, 856, 857, 858, 859, 860, 861, 862, 863, 864, 865, 866, 867, nan, nan, nan, 48, 49, 50, 51, 52, 53, 150, 151, 152, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 419, 420, 421, 423, 629, 630, 631, nan, 923, 924, 926, 927, 928, 929, nan, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 123, 124, 125, 126, 127, 128, 129, 130, 131, 133, 134, 135, 136, 137, 139, 140, 141, 142, 143, 144, 146, 147, 148, 149, nan, nan, nan, 7, 8, 10, 11, 12, 13, 14, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 201, 202, 203, nan, 203, 204, 204, 205, 205, 206, 206, 207, 207, 208, 208, 209, 209, 210, 211, 212, 213, 214, 215, 216, 217, 218, 219, 220, 221, 222, 223, 224, 225, 226, 227, 228, 229, 230, 545, 546, 547, 550, 551, 552, 553, 554, 555, 556, 557, 838, 839, nan, nan, 544, 545, 546, 547, nan, 632, 633, 634, 635, 636, 637, 638, 639, 640, 641, 642, 643, 644, 645, 646, 647, 648, 649, 650, 651, 652, 653, 654, 655, 656, 657, 658, 659, 660, 793, 794, 795, 796, 797, 798, 799, 800, 801, 802, 803, 804, 805, 806, 807, 808, 809, 810, 811, 812, 813, 814, 815, 817, 818, 819, 820, 821, 822, 823, 824, 825, 826, 827, nan]", NULL},
    {"sorted([241, 242, 243, 244, nan, 246, 247, 248, 249, 250, 251, 252, 253, 254, 255, nan, 257, 258, 259, 260, 261, 262, 263, 264, 385, nan, 387, nan, 389, 390, 391, 392, nan, 394, 395, 396, 397, 398, nan, nan, nan, 156, 157, 158, 159, 160, 161, 162, 163, 164, 728, 727, 726, 725, 724, 723, 722, 721, 720, 719, 718, nan, 716, 715, 714, 713, 712, 711, 710, 709, 708, 707, 706, 423, 422, 421, 420, 419, 418, 417, 416, 917, 918, 919, 920, 921, 935, 936, 937, 938, 939, 940, 941, 942, 943, 588, 589, 590, 591, 592, 593, 594, 595, 596, 597, 598, 599, 600, 601, 602, 603, 604, 605, nan, 222, 221, 220, 219, 218, 217, 216, 215, 214, 213, 212, 211, 210, 209, 208, 207, 206, 205, 204, 203, 202, 201, 200, 199, 198, 197, 196, 195, 194, 193, 192, 191, 190, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 613, 612, 611, nan, 609, 608, 607, 606, 605, 604, 603, 602, 601, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 761, 760, 759, 758, 757, 756, 755, 754, 753, 752, 751, 750, 749, 748, 747, 746, nan, 744, 10, 933, 932, 931, 930, 929, nan, 927, 926, 925, 924, 923, 922, 921, 920, 919, 918, 917, 916, 915, 914, 913, 912, 296, 297, 298, 299, 300, 301, 302, 303, 304, 305, 306, 307, 308, nan, 860, 861, 862, 863, nan, 865, 866, 867, 868, nan, 870, 871, 872, 873, 874, 875, 876, 877, 878, 879, 880, 881, nan, 883, 884, 686, 687, 688, 689, 690, 691, 692, 693, 694, 695, 696, 697, 698, 699, nan, 701, 702, 703, 760, 761, 762, 763, 764, 765, 766, 767, 768, 769, 770, 771, 772, 773, 774, 775, 776, 777, 778, 779, 780, 781, 782, 783, 784, 785, 786, 863, 862, 861, 697, 696, 695, 694, 693, 692, 691, 690, 689, 688, 687, 686, nan, 684, 683, nan, 681, 680, 679, 678, 677, 676, 675, 674, nan, 737, 736, 735, 734, 733, 732, 731, 730, 729, 728, 727, 726, 725, 724, 723, 722, 721, 720, 719, 718, 717, nan, 715, 714, nan, nan, 711, 710, 709, 708, 707, 706, 705, 308, nan, 310, 311, 312, 313, 314, nan, 316, 317, 318, 319, 320, 321, 322, 323, 324, 325, 326, 327, 328, nan, 330, 331, 332, 333, 334, 335, 336, 337, 338, 339, 340, 341, 342, 343, 344, 938, 939, 940, 941, 942, 943, 944, 945, 946, 947, 948, 949, 950, 951, 952, 953, 954, 1010, 1009, 1008, 1007, 1006, 1005, 1004, 1003, 1002, 1001, 1000, 999, 998, 997, 996, 995, 994, 993, 992, 991, 990, 428, 429, 284, 285, 286, 287, 288, 289, 290, 291, 292, 293, 294, 295, 296, 297, 298, nan, 300, 301, 302, 303, 304, 305, 306, 307, 308, 309, 310, 311, 312, 313, 314, 315, 316, 317, 542, 541, 540, 539, 538, 537, 737, 736, 735, nan, 733, nan, 731, 730, 729, nan, 727, 726, 725, 724, 429, 428, 427, 426, nan, 424, 423, 422, 421, 420, 419, 418, 417, 416, 415, 414, 413, 412, 411, 410, 409, 408, 407, 406, 405, 945, 946, 947, 948, 949, 950, 951, 952, 953, 954, 955, 956, 957, 958, 959, 960, 961, 962, 963, 964, 965, 966, 967, 968, 969, 970, 971, 972, 973, 974, nan, 976, 977, 978, 979, 980, 707, 706, 705, 704, 703, 702, 701, 586, 585, 584, 583, 582, 581, 580, 579, 578, 577, 576, 575, 574, 573, 572, 571, 570, 569, 568, 567, 566, 565, 564, 563, 562, 139, 138, nan, 136, 135, 134, 133, 132, 131, 130, 129, 128, 127, 126, 125, 124, 123, 122, 121, 120, 119, 118, 117, 116, 115, 114, 113, 112, 111, 110, 109, 108, 107, 106, 105, 373, 374, nan, 376, 377, 378, 379, 380, 381, 382, 383, 384, 385, 386, 387, 388, 389, 390, 119, 118, 117, 116, 422, 423, 424, 425])", "[241, 242, 243, 244, nan, 198, 199, 200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 214, 215, 216, 217, 218, 219, 220, 221, 588, 589, 590, 591, 592, 593, 594, 595, 596, 597, 598, 599, 600, 601, 602, 603, 604, 605, nan, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 246, 247, 248, 249, 250, 251, 252, 253, 254, 255, nan, 257, 258, 259, 260, 261, 262, 263, 264, 385, nan, 387, nan, 389, 390, 391, 392, nan, 394, 395, 396, 397, 398, nan, nan, nan, 156, 157, 158, 159, 160, 161, 162, 163, 164, 190, 191, 192, 193, 194, 195, 196, 197, 222, 416, 417, 418, 419, 420, 421, 422, 423, 609, 611, 612, 613, 706, 707, 708, 709, 710, 711, 712, 713, 714, 715, 716, 718, 719, 720, 721, 722, 723, 724, 725, 726, 727, 728, nan, 917, 918, 919, 920, 921, 935, 936, 937, 938, 939, 940, 941, 942, 943, nan, 10, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 296, 601, 602, 603, 604, 605, 606, 607, 608, 674, 675, 676, 677, 678, 679, 680, 681, 683, 684, 686, 687, 688, 689, 690, 691, 692, 693, 694, 695, 744, 746, 747, 748, 749, 750, 751, 752, 753, 754, 755, 756, 757, 758, 759, 760, 761, nan, 912, 913, 914, 915, 916, 917, 918, 919, 920, 921, 922, 923, 924, 925, 926, 927, 929, 930, 931, 932, 933, nan, 297, 298, 299, 300, 301, 302, 303, 304, 305, 306, 307, 308, nan, 686, 687, 688, 692, 693, 694, 695, 696, 696, 697, 698, 699, nan, 697, 701, 702, 703, 760, 761, 762, 763, 764, 765, 766, 767, 768, 769, 770, 771, 772, 773, 774, 775, 776, 777, 778, 779, 780, 781, 782, 783, 784, 785, 786, 860, 861, 861, 862, 862, 863, nan, 689, 690, 863, 865, 866, 867, 868, nan, 691, 870, 871, 872, 873, 874, 875, 876, 877, 878, 879, 880, 881, nan, 883, 884, nan, nan, nan, 717, 718, 719, 720, 721, 722, 723, 724, 725, 726, 727, 728, 729, 730, 731, 732, 733, 734, 735, 736, 737, nan, 308, 310, 311, 312, 313, 314, 316, 317, 318, 319, 320, 321, 322, 323, 324, 325, 326, 327, 328, 330, 331, 332, 333, 334, 335, 336, 337, 338, 339, 705, 706, 707, 708, 709, 710, 711, 714, 715, nan, nan, nan, nan, nan, 284, 285, 286, 287, 288, 289, 290, 291, 292, 293, 294, 295, 296, 297, 298, 300, 301, 302, 303, 304, 305, 307, 308, 309, 310, 311, 312, 313, 315, 316, 317, 429, nan, 306, 314, 340, 341, 342, 343, 344, 428, 537, 538, 539, 540, 541, 542, 735, 736, 737, 938, 939, 940, 941, 942, 943, 944, 945, 946, 947, 948, 949, 950, 951, 952, 953, 954, 990, 991, 992, 993, 994, 995, 996, 997, 998, 999, 1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, nan, 406, 408, 410, 412, 414, 416, 418, 420, 422, 424, 426, 428, 724, 726, 727, 733, nan, 405, 407, 409, 411, 413, 415, 417, 419, 421, 423, 427, 429, 725, 729, 730, 731, nan, nan, 578, 579, 580, 581, 582, 583, 584, 585, 586, 701, 702, 703, 704, 705, 706, 707, 945, 946, 947, 948, 949, 950, 951, 952, 953, 954, 955, 956, 957, 958, 959, 960, 961, 962, 963, 964, 965, 966, 967, 968, 969, 970, 971, 972, 973, 974, nan, 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127, 128, 129, 130, 131, 132, 133, 134, 135, 136, 138, 139, 562, 563, 564, 565, 566, 567, 568, 569, 570, 571, 572, 573, 574, 575, 576, 577, nan, 105, 106, 107, 108, 109, 110, 111, 116, 118, 373, 374, nan, 117, 119, 376, 377, 378, 379, 380, 381, 382, 383, 384, 385, 386, 387, 388, 389, 390, 422, 423, 424, 425, 976, 977, 978, 979, 980]", NULL},
    {"sorted([45, 6, 's', 95, 45])", "TypeError: '<' not supported between instances of 'str' and 'int'", NULL},
    {"sorted([76, 's', 89, 88, 72])", "TypeError: '<' not supported between instances of 'str' and 'int'", NULL},
    {"sorted([46, 86, 35, 18, 86, 68, 44, 58, 99, 13, 87, 92, 21, 38, 34, 81, 37, 47, 's', 38])", "TypeError: '<' not supported between instances of 'str' and 'int'", NULL},
    {"sorted([72, 57, 85, 19, 36, 51, 80, 32, 47, 89, 20, 95, 94, 39, 11, 83, 19, 23, 's', 97])", "TypeError: '<' not supported between instances of 'str' and 'int'", NULL},
    {"sorted([18, 7, 30, 23, 2, 1, 94, 40, 62, 89, 14, 93, 20, 95, 63, 85, 64, 39, 85, 96, 53, 54, 36, 59, 55, 62, 84, 61, 20, 34, 50, 55, 64, 84, 31, 71, 68, 69, 16, 46, 40, 78, 90, 35, 52, 3, 2, 25, 24, 53, 91, 54, 48, 35, 13, 85, 's', 15, 15, 79, 69, 2, 99, 35])", "TypeError: '<' not supported between instances of 'str' and 'int'", NULL},
    {"sorted([92, 49, 17, 37, 24, 69, 83, 79, 95, 25, 13, 94, 97, 19, 44, 44, 48, 52, 92, 19, 61, 69, 31, 25, 92, 75, 5, 77, 21, 74, 22, 94, 86, 68, 9, 44, 62, 48, 23, 25, 49, 6, 37, 70, 69, 's', 43, 59, 1, 76, 8, 12, 69, 98, 52, 96, 70, 90, 14, 24, 71, 28, 51, 13])", "TypeError: '<' not supported between instances of 'str' and 'int'", NULL},
    {"sorted([48, 80, 93, 66, 99, 20, 32, 56, 33, 93, 39, 99, 72, 47, 40, 45, 81, 2, 50, 66, 1, 36, 12, 83, 98, 19, 5, 34, 13, 22, 5, 48, 23, 63, 79, 37, 40, 86, 56, 52, 's', 94, 15, 14, 43, 18, 90, 16, 84, 35, 97, 6, 99, 61, 81, 75, 36, 19, 44, 63, 56, 73, 8, 71, 19])", "TypeError: '<' not supported between instances of 'str' and 'int'", NULL},
    {"sorted([73, 93, 64, 83, 97, 's', 64, 56, 1, 67, 66, 89, 95, 13, 46, 96, 42, 15, 38, 20, 96, 42, 34, 88, 6, 81, 23, 68, 66, 58, 63, 98, 40, 91, 0, 83, 75, 90, 47, 69, 98, 8, 32, 33, 34, 29, 69, 58, 93, 20, 2, 8, 59, 21, 75, 7, 23, 21, 78, 31, 26, 13, 80, 93, 30])", "TypeError: '<' not supported between instances of 'str' and 'int'", NULL},
    {"sorted([30, 65, 15, 36, 2, 26, 81, 42, 70, 44, 65, 34, 29, 99, 10, 35, 43, 52, 49, 99, 72, 97, 23, 87, 99, 45, 29, 45, 99, 76, 72, 4, 39, 17, 18, 23, 32, 66, 72, 70, 98, 42, 79, 19, 68, 37, 26, 62, 73, 87, 71, 64, 81, 93, 24, 46, 76, 64, 36, 75, 26, 18, 11, 45, 9, 56, 5, 54, 78, 23, 26, 50, 37, 30, 15, 83, 39, 82, 57, 56, 's', 86, 65, 92, 15, 8, 19, 51, 77, 2, 10, 32, 0, 27, 11, 68, 14, 65, 13, 83])", "TypeError: '<' not supported between instances of 'str' and 'int'", NULL},
    {"sorted([87, 56, 91, 54, 's', 9, 25, 90, 79, 2, 98, 26, 28, 15, 82, 82, 66, 72, 90, 85, 12, 74, 81, 6, 6, 99, 45, 14, 60, 47, 73, 72, 15, 65, 98, 93, 75, 71, 84, 58, 45, 12, 28, 49, 0, 26, 49, 61, 25, 17, 12, 59, 15, 82, 74, 86, 77, 63, 44, 80, 70, 40, 14, 33, 66, 66, 55, 41, 41, 37, 41, 87, 8, 36, 66, 9, 60, 11, 16, 46, 62, 80, 82, 63, 10, 56, 11, 61, 47, 77, 85, 64, 87, 30, 42, 55, 81, 54, 7, 15])", "TypeError: '<' not supported between instances of 'str' and 'int'", NULL},
    {"sorted([52, 89, 48, 68, 11, 91, 96, 75, 87, 0, 71, 13, 40, 2, 52, 96, 78, 19, 64, 84, 54, 3, 47, 17, 96, 88, 37, 14, 45, 56, 66, 4, 57, 2, 89, 78, 85, 70, 73, 7, 19, 88, 36, 10, 34, 45, 70, 22, 36, 89, 58, 56, 91, 16, 91, 8, 1, 83, 43, 24, 74, 66, 3, 38, 3, 37, 81, 35, 70, 18, 14, 77, 17, 84, 35, 84, 4, 46, 4, 37, 4, 10, 10, 68, 19, 35, 32, 40, 94, 57, 51, 61, 58, 46, 88, 11, 66, 28, 1, 59, 77, 1, 43, 35, 35, 88, 87, 76, 52, 72, 84, 41, 94, 2, 46, 37, 38, 57, 6, 51, 50, 8, 83, 28, 53, 55, 72, 75, 60, 33, 59, 67, 34, 47, 88, 15, 63, 86, 63, 89, 82, 17, 11, 5, 94, 23, 50, 5, 83, 60, 56, 85, 64, 60, 60, 79, 52, 80, 68, 86, 1, 21, 88, 39, 4, 45, 55, 18, 's', 64, 9, 29, 71, 76, 52, 2, 70, 52, 66, 12, 0, 0, 35, 20, 88, 79, 62, 83, 61, 97, 5, 41, 11, 20, 44, 14, 17, 88, 75, 96])", "TypeError: '<' not supported between instances of 'str' and 'int'", NULL},
    {"sorted([19, 66, 56, 16, 21, 28, 24, 41, 87, 8, 82, 87, 85, 32, 59, 87, 48, 27, 16, 19, 82, 's', 44, 47, 20, 90, 89, 25, 59, 72, 66, 47, 47, 78, 72, 25, 14, 86, 20, 19, 36, 14, 63, 94, 98, 35, 59, 47, 25, 59, 20, 47, 60, 3, 72, 50, 23, 56, 22, 33, 21, 56, 79, 84, 46, 66, 66, 93, 16, 16, 57, 50, 43, 41, 61, 88, 62, 63, 38, 29, 98, 70, 53, 83, 27, 95, 63, 7, 43, 5, 49, 97, 79, 6, 83, 51, 92, 51, 76, 47, 48, 38, 82, 24, 48, 34, 77, 71, 52, 10, 36, 40, 27, 94, 99, 63, 9, 50, 43, 13, 39, 82, 64, 72, 89, 36, 8, 60, 55, 22, 23, 54, 53, 2, 7, 14, 18, 91, 87, 51, 8, 9, 72, 9, 42, 90, 77, 41, 91, 16, 40, 10, 97, 40, 8, 67, 93, 35, 8, 71, 28, 78, 95, 85, 67, 8, 56, 88, 97, 23, 54, 95, 63, 11, 33, 30, 41, 27, 14, 98, 49, 18, 36, 54, 62, 30, 2, 77, 3, 66, 90, 74, 7, 98, 80, 53, 79, 20, 51, 11])", "TypeError: '<' not supported between instances of 'str' and 'int'", NULL},
    {"sorted([59, 52, 54, 8, 14, 14, 39, 93, 72, 83, 87, 50, 15, 31, 75, 10, 61, 95, 65, 44, 36, 67, 11, 97, 89, 1, 26, 71, 'b', 'f', 'e', 's', 'y', 'b', 'v', 's', 'l', 'k', 'j', 'q', 'd', 'w', 'e', 'e', 'm', 'b', 'm', 'd', 'i', 'c', 'l', 'l', 'q', 'f', 'p', 'z', 'j', 'd', 'e', 'j', 'h', 'w', 'd', 'f', 'g', 'e', 'f', 'p', 'n', 's'])", "TypeError: '<' not supported between instances of 'str' and 'int'", NULL},
    {"sorted([10, 9, 74, 68, 1, 43, 75, 39, 19, 81, 51, 97, 57, 72, 94, 89, 19, 69, 20, 11, 85, 10, 99, 16, 18, 54, 92, 30, 85, 64, 85, 59, 59, 49, 34, 26, 58, 41, 1, 43, 50, 5, 90, 3, 21, 68, 29, 56, 90, 41, 4, 57, 3, 94, 76, 72, 53, 30, 17, 24, 60, 83, 6, 28, 97, 26, 65, 31, 96, 75, 26, 59, 0, 28, 6, 57, 27, 83, 60, 47, 69, 60, 6, 10, 93, 83, 44, 96, 7, 56, 60, 6, 'w', 'r', 'q', 's', 'p', 'z', 'x', 'k', 'j', 'k', 'e', 'h', 'k', 'z', 'y', 'n', 'g', 'w', 'k', 'k', 'y', 'o', 'w', 'd', 's', 'g', 'c', 'g', 'u', 'v', 'n', 'v', 'h', 'a', 'c', 'e', 'y', 'q', 'z', 'j', 'e', 'c', 'o', 'd', 'h', 't', 'f', 'a', 'd', 'f', 'n', 'r', 'a', 'x', 'd', 'm', 'e', 'l'])", "TypeError: '<' not supported between instances of 'str' and 'int'", NULL},
    {"sorted([51, 81, 17, 28, 74, 92, 37, 21, 79, 78, 1, 69, 31, 5, 73, 11, 8, 12, 61, 77, 46, 80, 4, 57, 56, 63, 16, 52, 11, 51, 87, 12, 88, 54, 94, 40, 62, 7, 0, 22, 95, 0, 50, 35, 14, 0, 60, 42, 29, 89, 3, 90, 62, 43, 21, 14, 2, 72, 98, 28, 66, 96, 40, 51, 34, 30, 16, 11, 73, 98, 37, 32, 72, 97, 38, 52, 46, 35, 3, 48, 13, 32, 50, 45, 79, 91, 15, 0, 30, 62, 25, 6, 97, 12, 69, 39, 27, 1, 78, 86, 28, 44, 86, 76, 40, 36, 49, 53, 19, 99, 53, 79, 1, 1, 63, 8, 83, 15, 72, 6, 73, 7, 32, 96, 51, 18, 40, 96, 55, 87, 61, 99, 0, 31, 25, 49, 98, 84, 18, 51, 35, 47, 83, 96, 23, 17, 30, 48, 91, 'g', 'e', 'i', 'g', 'v', 'n', 'l', 'i', 'w', 'y', 'g', 'y', 'h', 's', 'n', 'q', 'i', 'p', 'u', 'j', 't', 'r', 'v', 's', 'w', 'b', 'g', 'q', 't', 'p', 'f', 'i', 'a', 'g', 'h', 'z', 'a', 'd', 'w', 'f', 'l', 'r', 'c', 'o', 'y', 'b', 'g', 'r', 'm', 'b', 'q', 'f', 's', 'j', 'e', 'd', 'f', 'a', 'f', 'u', 'y', 'c', 'l', 'n', 'b', 'e', 'b', 'p', 'b', 'i', 'y', 'x', 'l', 'q', 'd', 'p', 'f', 'j', 'a', 'm', 'w', 'k', 'm', 'u', 'a', 'r', 'k', 'u', 'l', 'o', 't', 'n', 'o', 'l', 'm', 'e', 'l', 'q', 'x', 'm', 'u', 'a', 'r', 'o', 'g', 'b', 'e', 'u', 'j', 'n', 'k', 'n', 'd', 'c', 'l', 'u', 'i', 'k', 'o', 'r', 'm', 'i', 'y', 'r', 'v', 'y', 'k', 'x', 'p', 'g', 'f', 's', 'u', 'm', 'q', 'a', 'w', 'u', 'u', 'l', 'n', 'z', 'b', 'a', 'u', 'y', 'w', 'w', 't', 'i', 'l'])", "TypeError: '<' not supported between instances of 'str' and 'int'", NULL},
    {"x = [54, 's', 11]; try: x.sort(); x", "[54, 's', 11]", NULL},
    {"x = [15, 's', 3]; try: x.sort(); x", "[15, 's', 3]", NULL},
    {"x = [75, 32, 26, 's', 6]; try: x.sort(); x", "[75, 32, 26, 's', 6]", NULL},
    {"x = [76, 32, 66, 's', 70]; try: x.sort(); x", "[32, 66, 76, 's', 70]", NULL},
    {"x = [37, 75, 45, 57, 84, 's', 29, 82, 80, 33, 91, 4, 37, 84, 32, 24, 94, 18, 42, 27]; try: x.sort(); x", "[37, 45, 57, 75, 84, 's', 29, 82, 80, 33, 91, 4, 37, 84, 32, 24, 94, 18, 42, 27]", NULL},
    {"x = [9, 0, 53, 2, 45, 38, 50, 78, 54, 22, 87, 75, 61, 61, 85, 38, 's', 53, 26, 67]; try: x.sort(); x", "[0, 2, 9, 22, 38, 38, 45, 50, 53, 54, 61, 61, 75, 78, 85, 87, 's', 53, 26, 67]", NULL},
    {"x = [33, 28, 77, 46, 3, 78, 33, 18, 44, 31, 40, 63, 9, 28, 73, 's', 54, 70, 49, 43, 60, 56, 16, 99, 56, 38, 73, 29, 28, 52, 87, 12, 82, 57, 26, 51, 71, 19, 20, 17, 44, 34, 80, 55, 21, 72, 66, 58, 33, 83, 22, 58, 21, 56, 49, 14, 0, 24, 48, 38, 59, 32, 76, 52]; try: x.sort(); x", "[3, 9, 18, 28, 28, 31, 33, 33, 40, 44, 46, 63, 73, 77, 78, 's', 54, 70, 49, 43, 60, 56, 16, 99, 56, 38, 73, 29, 28, 52, 87, 12, 82, 57, 26, 51, 71, 19, 20, 17, 44, 34, 80, 55, 21, 72, 66, 58, 33, 83, 22, 58, 21, 56, 49, 14, 0, 24, 48, 38, 59, 32, 76, 52]", NULL},
    {"x = [85, 94, 86, 55, 66, 24, 93, 21, 73, 19, 85, 67, 80, 9, 72, 86, 36, 17, 85, 6, 6, 15, 50, 82, 26, 61, 91, 26, 35, 79, 26, 19, 74, 57, 57, 83, 72, 88, 31, 27, 18, 85, 85, 75, 55, 35, 55, 25, 15, 43, 25, 26, 15, 26, 73, 58, 79, 76, 46, 's', 98, 32, 11, 27]; try: x.sort(); x", "[6, 6, 9, 15, 17, 19, 19, 21, 24, 26, 26, 26, 35, 36, 50, 55, 61, 66, 67, 72, 73, 79, 80, 82, 85, 85, 85, 86, 86, 91, 93, 94, 15, 15, 18, 25, 25, 26, 26, 27, 31, 35, 43, 46, 55, 55, 57, 57, 58, 72, 73, 74, 75, 76, 79, 83, 85, 85, 88, 's', 98, 32, 11, 27]", NULL},
    {"x = [83, 61, 2, 's', 30, 9, 30, 17, 96, 47, 69, 48, 70, 11, 17, 14, 95, 73, 32, 15, 19, 96, 12, 64, 3, 6, 39, 4, 44, 98, 65, 91, 11, 94, 78, 57, 35, 33, 15, 63, 19, 79, 23, 18, 94, 69, 24, 11, 7, 49, 4, 6, 98, 25, 74, 79, 35, 44, 57, 37, 43, 98, 63, 90, 23]; try: x.sort(); x", "[83, 61, 2, 's', 30, 9, 30, 17, 96, 47, 69, 48, 70, 11, 17, 14, 95, 73, 32, 15, 19, 96, 12, 64, 3, 6, 39, 4, 44, 98, 65, 91, 11, 94, 78, 57, 35, 33, 15, 63, 19, 79, 23, 18, 94, 69, 24, 11, 7, 49, 4, 6, 98, 25, 74, 79, 35, 44, 57, 37, 43, 98, 63, 90, 23]", NULL},
    {"x = [67, 78, 87, 72, 43, 6, 10, 66, 96, 79, 48, 55, 37, 93, 26, 68, 30, 57, 72, 79, 92, 39, 74, 50, 34, 85, 7, 23, 89, 4, 83, 16, 61, 93, 70, 49, 96, 34, 15, 40, 93, 80, 64, 85, 46, 50, 16, 11, 's', 28, 53, 63, 83, 1, 73, 27, 65, 13, 20, 42, 85, 53, 50, 58, 94]; try: x.sort(); x", "[4, 6, 7, 10, 16, 23, 26, 30, 34, 37, 39, 43, 48, 50, 55, 57, 61, 66, 67, 68, 72, 72, 74, 78, 79, 79, 83, 85, 87, 89, 92, 93, 96, 11, 15, 16, 34, 40, 46, 49, 50, 64, 70, 80, 85, 93, 93, 96, 's', 28, 53, 63, 83, 1, 73, 27, 65, 13, 20, 42, 85, 53, 50, 58, 94]", NULL},
    {"x = [23, 1, 51, 25, 92, 9, 30, 96, 85, 42, 90, 72, 91, 43, 21, 1, 3, 42, 14, 17, 89, 1, 7, 62, 55, 43, 22, 37, 77, 56, 46, 23, 16, 6, 75, 39, 93, 70, 72, 78, 64, 91, 9, 79, 87, 24, 7, 9, 47, 78, 13, 71, 81, 93, 70, 18, 15, 14, 24, 99, 15, 36, 65, 19, 99, 18, 92, 20, 21, 40, 85, 19, 0, 43, 61, 65, 9, 61, 76, 76, 56, 93, 0, 77, 54, 15, 54, 36, 55, 26, 46, 90, 23, 52, 89, 41, 13, 91, 90, 's']; try: x.sort(); x", "[1, 1, 1, 3, 6, 7, 7, 9, 9, 9, 14, 16, 17, 21, 22, 23, 23, 24, 25, 30, 37, 39, 42, 42, 43, 43, 46, 47, 51, 55, 56, 62, 64, 70, 72, 72, 75, 77, 78, 78, 79, 85, 87, 89, 90, 91, 91, 92, 93, 96, 0, 0, 9, 13, 13, 14, 15, 15, 15, 18, 18, 19, 19, 20, 21, 23, 24, 26, 36, 36, 40, 41, 43, 46, 52, 54, 54, 55, 56, 61, 61, 65, 65, 70, 71, 76, 76, 77, 81, 85, 89, 90, 90, 91, 92, 93, 93, 99, 99, 's']", NULL},
    {"x = [96, 9, 15, 51, 19, 75, 7, 50, 19, 72, 8, 82, 73, 70, 86, 21, 38, 71, 77, 93, 13, 42, 12, 41, 85, 74, 13, 10, 60, 46, 9, 50, 55, 10, 18, 7, 26, 48, 68, 22, 56, 48, 61, 49, 94, 's', 62, 0, 24, 90, 21, 1, 32, 4, 65, 99, 74, 36, 53, 41, 41, 99, 34, 47, 36, 57, 5, 56, 25, 28, 34, 96, 69, 64, 5, 95, 38, 32, 48, 82, 72, 19, 55, 27, 56, 71, 51, 74, 89, 97, 1, 25, 16, 69, 74, 92, 54, 44, 81, 10]; try: x.sort(); x", "[7, 7, 8, 9, 9, 10, 10, 12, 13, 13, 15, 18, 19, 19, 21, 22, 26, 38, 41, 42, 46, 48, 48, 49, 50, 50, 51, 55, 56, 60, 61, 68, 70, 71, 72, 73, 74, 75, 77, 82, 85, 86, 93, 94, 96, 's', 62, 0, 24, 90, 21, 1, 32, 4, 65, 99, 74, 36, 53, 41, 41, 99, 34, 47, 36, 57, 5, 56, 25, 28, 34, 96, 69, 64, 5, 95, 38, 32, 48, 82, 72, 19, 55, 27, 56, 71, 51, 74, 89, 97, 1, 25, 16, 69, 74, 92, 54, 44, 81, 10]", NULL},
    {"x = [35, 70, 82, 88, 96, 8, 45, 34, 4, 61, 71, 5, 71, 53, 6, 9, 42, 56, 25, 99, 44, 39, 92, 73, 4, 78, 72, 90, 52, 47, 89, 77, 9, 's', 79, 8, 86, 0, 47, 0, 62, 10, 40, 96, 19, 52, 16, 60, 77, 42, 67, 32, 59, 6, 2, 43, 39, 20, 99, 24, 80, 77, 18, 23, 56, 87, 15, 27, 87, 12, 5, 37, 33, 18, 3, 25, 46, 90, 30, 11, 66, 20, 32, 37, 2, 58, 26, 70, 70, 22, 92, 75, 59, 82, 46, 97, 51, 93, 33, 0, 74, 88, 88, 15, 45, 42, 67, 71, 50, 22, 36, 64, 73, 39, 43, 99, 7, 21, 37, 15, 19, 96, 27, 27, 43, 90, 67, 17, 74, 92, 70, 69, 34, 40, 62, 71, 54, 82, 9, 5, 0, 14, 1, 84, 15, 80, 25, 61, 79, 39, 70, 83, 54, 65, 35, 35, 7, 78, 15, 22, 47, 30, 94, 9, 19, 31, 23, 81, 2, 42, 50, 15, 39, 24, 17, 88, 35, 69, 70, 21, 39, 81, 75, 15, 62, 14, 77, 49, 22, 31, 35, 1, 17, 37, 64, 16, 31, 24, 11, 18]; try: x.sort(); x", "[4, 4, 5, 6, 8, 9, 9, 25, 34, 35, 39, 42, 44, 45, 47, 52, 53, 56, 61, 70, 71, 71, 72, 73, 77, 78, 82, 88, 89, 90, 92, 96, 99, 's', 79, 8, 86, 0, 47, 0, 62, 10, 40, 96, 19, 52, 16, 60, 77, 42, 67, 32, 59, 6, 2, 43, 39, 20, 99, 24, 80, 77, 18, 23, 56, 87, 15, 27, 87, 12, 5, 37, 33, 18, 3, 25, 46, 90, 30, 11, 66, 20, 32, 37, 2, 58, 26, 70, 70, 22, 92, 75, 59, 82, 46, 97, 51, 93, 33, 0, 74, 88, 88, 15, 45, 42, 67, 71, 50, 22, 36, 64, 73, 39, 43, 99, 7, 21, 37, 15, 19, 96, 27, 27, 43, 90, 67, 17, 74, 92, 70, 69, 34, 40, 62, 71, 54, 82, 9, 5, 0, 14, 1, 84, 15, 80, 25, 61, 79, 39, 70, 83, 54, 65, 35, 35, 7, 78, 15, 22, 47, 30, 94, 9, 19, 31, 23, 81, 2, 42, 50, 15, 39, 24, 17, 88, 35, 69, 70, 21, 39, 81, 75, 15, 62, 14, 77, 49, 22, 31, 35, 1, 17, 37, 64, 16, 31, 24, 11, 18]", NULL},
    {"x = [80, 55, 0, 44, 39, 63, 36, 93, 48, 54, 80, 66, 49, 11, 45, 35, 76, 56, 16, 75, 60, 74, 2, 30, 42, 86, 56, 65, 65, 77, 23, 93, 92, 23, 50, 41, 65, 28, 49, 56, 29, 24, 60, 94, 37, 61, 78, 36, 5, 81, 70, 43, 51, 56, 65, 82, 40, 44, 85, 35, 12, 92, 29, 57, 78, 85, 59, 35, 4, 15, 76, 10, 12, 78, 54, 23, 8, 45, 82, 71, 68, 30, 99, 78, 96, 89, 35, 90, 75, 36, 50, 53, 21, 77, 59, 88, 92, 35, 98, 6, 55, 65, 20, 4, 63, 2, 30, 37, 9, 19, 66, 5, 82, 4, 86, 11, 81, 's', 75, 87, 0, 1, 16, 90, 60, 94, 67, 90, 68, 58, 15, 50, 86, 65, 31, 81, 57, 67, 52, 14, 82, 27, 4, 20, 33, 49, 57, 45, 23, 34, 39, 34, 85, 32, 35, 38, 9, 89, 91, 70, 88, 11, 34, 29, 15, 67, 85, 8, 21, 84, 29, 32, 12, 70, 91, 4, 91, 85, 46, 22, 6, 55, 72, 17, 19, 81, 25, 34, 45, 35, 93, 27, 90, 40, 85, 0, 10, 59, 89, 49]; try: x.sort(); x", "[0, 2, 5, 11, 16, 23, 23, 24, 28, 29, 30, 35, 36, 36, 37, 39, 41, 42, 44, 45, 48, 49, 49, 50, 54, 55, 56, 56, 56, 60, 60, 61, 63, 65, 65, 65, 66, 74, 75, 76, 77, 78, 80, 80, 81, 86, 92, 93, 93, 94, 4, 6, 8, 10, 12, 12, 15, 21, 23, 29, 30, 35, 35, 35, 35, 36, 40, 43, 44, 45, 50, 51, 53, 54, 56, 57, 59, 59, 65, 68, 70, 71, 75, 76, 77, 78, 78, 78, 82, 82, 85, 85, 88, 89, 90, 92, 92, 96, 98, 99, 2, 4, 4, 5, 9, 11, 19, 20, 30, 37, 55, 63, 65, 66, 81, 82, 86, 's', 75, 87, 0, 1, 16, 90, 60, 94, 67, 90, 68, 58, 15, 50, 86, 65, 31, 81, 57, 67, 52, 14, 82, 27, 4, 20, 33, 49, 57, 45, 23, 34, 39, 34, 85, 32, 35, 38, 9, 89, 91, 70, 88, 11, 34, 29, 15, 67, 85, 8, 21, 84, 29, 32, 12, 70, 91, 4, 91, 85, 46, 22, 6, 55, 72, 17, 19, 81, 25, 34, 45, 35, 93, 27, 90, 40, 85, 0, 10, 59, 89, 49]", NULL},
    {"x = [61, 56, 15, 50, 68, 72, 9, 9, 46, 63, 54, 35, 28, 94, 81, 66, 55, 25, 17, 51, 7, 53, 18, 14, 82, 36, 53, 97, 21, 74, 60, 14, 57, 94, 86, 20, 78, 65, 42, 83, 36, 27, 75, 2, 's', 79, 59, 42, 67, 53, 91, 65, 84, 25, 53, 60, 36, 67, 52, 46, 74, 45, 77, 3, 66, 87, 74, 96, 64, 2, 39, 20, 33, 93, 45, 26, 62, 28, 24, 71, 40, 25, 15, 33, 96, 64, 12, 56, 73, 23, 88, 77, 87, 74, 62, 32, 43, 8, 36, 23, 81, 11, 61, 14, 41, 93, 33, 8, 93, 49, 91, 33, 98, 44, 73, 58, 65, 71, 39, 29, 74, 84, 95, 76, 56, 65, 31, 69, 78, 99, 48, 11, 59, 77, 63, 48, 9, 95, 61, 28, 41, 91, 97, 56, 20, 86, 19, 70, 65, 20, 80, 25, 99, 1, 40, 45, 14, 73, 86, 35, 7, 81, 25, 23, 77, 8, 39, 64, 40, 43, 7, 65, 83, 96, 9, 99, 51, 13, 36, 64, 5, 68, 24, 54, 7, 24, 30, 87, 44, 63, 76, 68, 91, 85, 22, 88, 70, 8, 76, 9, 33, 53, 54, 83, 7, 58, 59, 85, 15, 53, 33, 33, 51, 32, 60, 66, 17, 88, 77, 2, 36, 67, 54, 64, 94, 3, 92, 20, 90, 19, 17, 45, 15, 1, 46, 27, 16, 17, 77, 21, 29, 86, 50, 24, 60, 63, 44, 76, 12, 12, 2, 3, 47, 3, 97, 80, 29, 8, 90, 96, 65, 74, 11, 40, 77, 25, 90, 44, 87, 60, 97, 60, 68, 9, 70, 7, 85, 57, 39, 37, 13, 52, 96, 36, 70, 87, 46, 92, 79, 41, 9, 35, 86, 55, 74, 90, 19, 51, 4, 29]; try: x.sort(); x", "[7, 9, 9, 14, 14, 15, 17, 18, 20, 21, 25, 28, 35, 36, 46, 50, 51, 53, 53, 54, 55, 56, 57, 60, 61, 63, 65, 66, 68, 72, 74, 78, 81, 82, 86, 94, 94, 97, 2, 27, 36, 42, 75, 83, 's', 79, 59, 42, 67, 53, 91, 65, 84, 25, 53, 60, 36, 67, 52, 46, 74, 45, 77, 3, 66, 87, 74, 96, 64, 2, 39, 20, 33, 93, 45, 26, 62, 28, 24, 71, 40, 25, 15, 33, 96, 64, 12, 56, 73, 23, 88, 77, 87, 74, 62, 32, 43, 8, 36, 23, 81, 11, 61, 14, 41, 93, 33, 8, 93, 49, 91, 33, 98, 44, 73, 58, 65, 71, 39, 29, 74, 84, 95, 76, 56, 65, 31, 69, 78, 99, 48, 11, 59, 77, 63, 48, 9, 95, 61, 28, 41, 91, 97, 56, 20, 86, 19, 70, 65, 20, 80, 25, 99, 1, 40, 45, 14, 73, 86, 35, 7, 81, 25, 23, 77, 8, 39, 64, 40, 43, 7, 65, 83, 96, 9, 99, 51, 13, 36, 64, 5, 68, 24, 54, 7, 24, 30, 87, 44, 63, 76, 68, 91, 85, 22, 88, 70, 8, 76, 9, 33, 53, 54, 83, 7, 58, 59, 85, 15, 53, 33, 33, 51, 32, 60, 66, 17, 88, 77, 2, 36, 67, 54, 64, 94, 3, 92, 20, 90, 19, 17, 45, 15, 1, 46, 27, 16, 17, 77, 21, 29, 86, 50, 24, 60, 63, 44, 76, 12, 12, 2, 3, 47, 3, 97, 80, 29, 8, 90, 96, 65, 74, 11, 40, 77, 25, 90, 44, 87, 60, 97, 60, 68, 9, 70, 7, 85, 57, 39, 37, 13, 52, 96, 36, 70, 87, 46, 92, 79, 41, 9, 35, 86, 55, 74, 90, 19, 51, 4, 29]", NULL},
    {"x = [99, 43, 6, 89, 36, 67, 88, 28, 4, 66, 49, 24, 26, 62, 29, 98, 88, 52, 69, 10, 80, 36, 52, 88, 86, 85, 46, 89, 6, 20, 41, 9, 62, 97, 68, 38, 85, 88, 34, 3, 45, 50, 66, 74, 27, 58, 75, 10, 26, 28, 18, 60, 81, 69, 57, 99, 4, 18, 3, 73, 36, 77, 21, 54, 75, 84, 44, 10, 88, 58, 92, 52, 63, 90, 63, 7, 39, 62, 88, 85, 72, 0, 85, 83, 42, 74, 61, 38, 77, 34, 30, 76, 75, 15, 32, 64, 78, 81, 53, 73, 73, 20, 16, 20, 40, 81, 41, 6, 85, 17, 73, 63, 60, 56, 63, 70, 98, 58, 36, 20, 87, 29, 91, 88, 41, 62, 78, 44, 55, 8, 40, 78, 41, 28, 94, 27, 59, 59, 93, 86, 82, 27, 83, 20, 32, 53, 81, 47, 94, 99, 6, 6, 76, 68, 23, 11, 87, 9, 33, 63, 86, 93, 15, 90, 55, 60, 77, 22, 89, 15, 26, 50, 25, 97, 48, 13, 78, 43, 66, 27, 17, 30, 15, 36, 36, 80, 45, 10, 77, 21, 49, 98, 32, 59, 67, 52, 60, 92, 17, 92, 51, 60, 59, 3, 58, 57, 88, 48, 94, 54, 41, 18, 63, 11, 95, 6, 41, 89, 69, 6, 56, 77, 12, 37, 95, 26, 63, 53, 23, 63, 92, 4, 84, 44, 48, 50, 32, 51, 6, 64, 30, 68, 37, 80, 81, 0, 5, 21, 89, 's', 91, 63, 88, 53, 80, 69, 96, 30, 33, 92, 9, 74, 31, 95, 23, 5, 45, 55, 59, 43, 45, 29, 61, 46, 77, 33, 84, 7, 59, 84, 67, 76, 27, 16, 54, 60, 36, 0, 19, 12, 47, 75, 3, 77, 7, 26, 42, 39, 14, 18]; try: x.sort(); x", "[0, 3, 3, 4, 4, 6, 6, 6, 6, 6, 7, 8, 9, 10, 10, 10, 15, 16, 17, 18, 18, 20, 20, 20, 20, 20, 21, 24, 26, 26, 27, 27, 27, 28, 28, 28, 29, 29, 30, 32, 32, 34, 34, 36, 36, 36, 36, 38, 38, 39, 40, 40, 41, 41, 41, 41, 42, 43, 44, 44, 45, 46, 47, 49, 50, 52, 52, 52, 53, 53, 54, 55, 56, 57, 58, 58, 58, 59, 59, 60, 60, 61, 62, 62, 62, 62, 63, 63, 63, 63, 64, 66, 66, 67, 68, 69, 69, 70, 72, 73, 73, 73, 73, 74, 74, 75, 75, 75, 76, 77, 77, 78, 78, 78, 80, 81, 81, 81, 81, 82, 83, 83, 84, 85, 85, 85, 85, 85, 86, 86, 87, 88, 88, 88, 88, 88, 88, 88, 89, 89, 90, 91, 92, 93, 94, 94, 97, 98, 98, 99, 99, 99, 9, 10, 11, 13, 15, 15, 15, 17, 21, 22, 23, 25, 26, 27, 30, 33, 36, 36, 43, 45, 48, 50, 55, 60, 63, 66, 68, 76, 77, 77, 78, 80, 86, 87, 89, 90, 93, 97, 3, 6, 6, 11, 12, 17, 18, 26, 32, 37, 41, 41, 48, 49, 51, 52, 53, 54, 56, 57, 58, 59, 59, 60, 60, 63, 63, 67, 69, 77, 88, 89, 92, 92, 94, 95, 95, 98, 0, 4, 5, 6, 21, 23, 30, 32, 37, 44, 48, 50, 51, 63, 64, 68, 80, 81, 84, 89, 92, 's', 91, 63, 88, 53, 80, 69, 96, 30, 33, 92, 9, 74, 31, 95, 23, 5, 45, 55, 59, 43, 45, 29, 61, 46, 77, 33, 84, 7, 59, 84, 67, 76, 27, 16, 54, 60, 36, 0, 19, 12, 47, 75, 3, 77, 7, 26, 42, 39, 14, 18]", NULL},
    {"x = [4, 6, 97, 5, 80, 28, 23, 12, 7, 68, 50, 9, 58, 11, 21, 94, 94, 93, 82, 40, 38, 5, 56, 31, 97, 88, 74, 20, 11, 54, 'h', 'd', 's', 'p', 'h', 'v', 'x', 'l', 'r', 't', 'p', 'y', 'm', 'm', 't', 'p', 'e', 'o', 't', 'u', 't', 'l', 'i', 't', 'j', 'n', 'w', 'r', 'p', 'q', 'n', 'd', 'd', 'h', 'j', 'l', 'i', 'x', 'z', 'x']; try: x.sort(); x", "[4, 5, 5, 6, 7, 9, 11, 11, 12, 20, 21, 23, 28, 31, 38, 40, 50, 54, 56, 58, 68, 74, 80, 82, 88, 93, 94, 94, 97, 97, 'h', 'd', 's', 'p', 'h', 'v', 'x', 'l', 'r', 't', 'p', 'y', 'm', 'm', 't', 'p', 'e', 'o', 't', 'u', 't', 'l', 'i', 't', 'j', 'n', 'w', 'r', 'p', 'q', 'n', 'd', 'd', 'h', 'j', 'l', 'i', 'x', 'z', 'x']", NULL},
    {"x = [59, 53, 68, 2, 82, 26, 46, 57, 99, 86, 63, 70, 2, 32, 11, 58, 41, 81, 53, 43, 13, 94, 39, 32, 31, 4, 53, 10, 0, 59, 82, 78, 36, 15, 95, 55, 42, 96, 65, 44, 28, 66, 49, 6, 49, 59, 29, 19, 33, 57, 26, 40, 13, 33, 57, 50, 93, 36, 5, 49, 28, 95, 0, 'b', 'n', 'i', 'x', 'e', 'o', 'i', 'y', 'y', 'y', 'z', 's', 'w', 'f', 't', 'n', 'w', 'b', 'v', 'o', 'l', 'r', 'g', 'h', 'g', 'a', 'c', 'd', 'd', 'g', 'w', 'p', 'w', 'n', 'q', 'l', 'g', 'u', 'u', 'u', 'o', 'e', 'r', 'o', 'p', 'w', 'j', 'u', 'o', 'e', 'y', 'q', 'x', 'n', 'v', 'w', 'y', 'd', 'v', 'z', 's', 'v', 'c', 'k', 'o', 'd', 'i', 't', 'y', 'w', 'c', 'e', 'c', 'm', 'g', 'p', 'o', 'z', 'm', 'a', 'e', 'd', 'x', 'z', 'x', 'r', 'u']; try: x.sort(); x", "[0, 2, 2, 4, 10, 11, 13, 15, 26, 31, 32, 32, 36, 39, 41, 42, 43, 46, 53, 53, 53, 55, 57, 58, 59, 59, 63, 68, 70, 78, 81, 82, 82, 86, 94, 95, 96, 99, 0, 5, 6, 13, 19, 26, 28, 28, 29, 33, 33, 36, 40, 44, 49, 49, 49, 50, 57, 57, 59, 65, 66, 93, 95, 'b', 'n', 'i', 'x', 'e', 'o', 'i', 'y', 'y', 'y', 'z', 's', 'w', 'f', 't', 'n', 'w', 'b', 'v', 'o', 'l', 'r', 'g', 'h', 'g', 'a', 'c', 'd', 'd', 'g', 'w', 'p', 'w', 'n', 'q', 'l', 'g', 'u', 'u', 'u', 'o', 'e', 'r', 'o', 'p', 'w', 'j', 'u', 'o', 'e', 'y', 'q', 'x', 'n', 'v', 'w', 'y', 'd', 'v', 'z', 's', 'v', 'c', 'k', 'o', 'd', 'i', 't', 'y', 'w', 'c', 'e', 'c', 'm', 'g', 'p', 'o', 'z', 'm', 'a', 'e', 'd', 'x', 'z', 'x', 'r', 'u']", NULL},
    {"x = [4, 70, 2, 23, 32, 12, 49, 86, 54, 73, 67, 5, 42, 99, 39, 9, 57, 5, 64, 45, 92, 34, 75, 25, 86, 40, 59, 40, 48, 5, 46, 42, 32, 77, 65, 45, 56, 94, 62, 77, 42, 95, 88, 71, 24, 67, 22, 72, 54, 73, 89, 92, 28, 25, 94, 9, 64, 36, 74, 80, 86, 35, 64, 72, 6, 50, 71, 21, 54, 69, 58, 69, 17, 48, 11, 87, 97, 84, 24, 54, 87, 86, 47, 56, 15, 30, 71, 39, 36, 97, 87, 80, 38, 21, 98, 69, 0, 58, 40, 63, 72, 0, 79, 60, 17, 55, 36, 80, 88, 80, 0, 84, 17, 46, 83, 51, 37, 45, 82, 57, 31, 37, 93, 13, 31, 75, 77, 75, 59, 11, 70, 9, 36, 11, 7, 33, 33, 'b', 'g', 'x', 'a', 'm', 'w', 't', 'm', 'j', 'a', 'g', 'h', 'm', 'c', 't', 'g', 'x', 'd', 's', 'g', 'u', 'f', 'e', 'q', 'w', 'u', 'n', 'b', 'l', 'r', 'v', 'd', 'a', 'x', 'g', 's', 't', 'h', 'o', 'u', 'w', 'f', 'l', 'w', 'p', 'm', 'v', 'r', 'p', 'h', 'p', 'k', 'w', 'c', 'b', 'f', 's', 'v', 'z', 's', 'x', 'm', 't', 'n', 'g', 'w', 'e', 'c', 'x', 'o', 'o', 'n', 'm', 'n', 'm', 'q', 'l', 'x', 'n', 'd', 'w', 'm', 'p', 'e', 'w', 'v', 'r', 'g', 'e', 'c', 'f', 'g', 'g', 'r', 'b', 'o', 'n', 'g', 'v', 's', 'c', 'x', 'b', 'h', 'i', 'y', 'j', 'i', 's', 'k', 'w', 'e', 's', 'z', 'g', 'r', 'r', 'g', 'c', 'l', 'd', 'x', 'u', 'i', 'b', 'u', 'q', 'v', 'n', 'e', 'i', 'g', 'h', 'c', 'o', 'r', 'm', 'z', 'q', 'c', 'z', 'f', 'i', 'v', 'a', 'n', 'w', 'r', 'm', 'a', 'w', 'm', 'l', 'k', 'v', 'v', 'x', 'f', 'y', 'v', 'r', 'e', 'e']; try: x.sort(); x", "[2, 4, 5, 5, 5, 6, 9, 9, 11, 12, 17, 21, 22, 23, 24, 25, 25, 28, 32, 32, 34, 35, 36, 39, 40, 40, 42, 42, 42, 45, 45, 46, 48, 48, 49, 50, 54, 54, 54, 56, 57, 58, 59, 62, 64, 64, 64, 65, 67, 67, 69, 69, 70, 71, 71, 72, 72, 73, 73, 74, 75, 77, 77, 80, 86, 86, 86, 87, 88, 89, 92, 92, 94, 94, 95, 99, 0, 0, 0, 15, 17, 17, 21, 24, 30, 36, 36, 38, 39, 40, 46, 47, 54, 55, 56, 58, 60, 63, 69, 71, 72, 79, 80, 80, 80, 84, 84, 86, 87, 87, 88, 97, 97, 98, 7, 9, 11, 11, 13, 31, 31, 33, 33, 36, 37, 37, 45, 51, 57, 59, 70, 75, 75, 77, 82, 83, 93, 'b', 'g', 'x', 'a', 'm', 'w', 't', 'm', 'j', 'a', 'g', 'h', 'm', 'c', 't', 'g', 'x', 'd', 's', 'g', 'u', 'f', 'e', 'q', 'w', 'u', 'n', 'b', 'l', 'r', 'v', 'd', 'a', 'x', 'g', 's', 't', 'h', 'o', 'u', 'w', 'f', 'l', 'w', 'p', 'm', 'v', 'r', 'p', 'h', 'p', 'k', 'w', 'c', 'b', 'f', 's', 'v', 'z', 's', 'x', 'm', 't', 'n', 'g', 'w', 'e', 'c', 'x', 'o', 'o', 'n', 'm', 'n', 'm', 'q', 'l', 'x', 'n', 'd', 'w', 'm', 'p', 'e', 'w', 'v', 'r', 'g', 'e', 'c', 'f', 'g', 'g', 'r', 'b', 'o', 'n', 'g', 'v', 's', 'c', 'x', 'b', 'h', 'i', 'y', 'j', 'i', 's', 'k', 'w', 'e', 's', 'z', 'g', 'r', 'r', 'g', 'c', 'l', 'd', 'x', 'u', 'i', 'b', 'u', 'q', 'v', 'n', 'e', 'i', 'g', 'h', 'c', 'o', 'r', 'm', 'z', 'q', 'c', 'z', 'f', 'i', 'v', 'a', 'n', 'w', 'r', 'm', 'a', 'w', 'm', 'l', 'k', 'v', 'v', 'x', 'f', 'y', 'v', 'r', 'e', 'e']", NULL},
};

static const Case iterator_cases[] = {
    {"list(reversed([1, 2, 3]))", "[3, 2, 1]", NULL},
    {"list(reversed((1, 2)))", "[2, 1]", NULL},
    {"list(reversed('h\303\251llo'))", "['o', 'l', 'l', '\303\251', 'h']", NULL},
    {"list(reversed(range(1, 10, 3)))", "[7, 4, 1]", NULL},
    {"list(reversed({1: 2, 3: 4}))", "[3, 1]", NULL},
    {"list(reversed({1: 2, 3: 4}.values()))", "[4, 2]", NULL},
    {"list(reversed({1: 2, 3: 4}.items()))", "[(3, 4), (1, 2)]", NULL},
    {"reversed(1)", "TypeError: 'int' object is not reversible", NULL},
    {"reversed()", "TypeError: reversed expected 1 argument, got 0", NULL},
    {"reversed(1, 2)", "TypeError: reversed expected 1 argument, got 2", NULL},
    {"reversed(reversed([1]))", "TypeError: 'list_reverseiterator' object is not reversible", NULL},
    {"list(reversed([]))", "[]", NULL},
    {"list(reversed(''))", "[]", NULL},
    {"list(reversed(range(0)))", "[]", NULL},
    {"x = [1, 2, 3]; it = reversed(x); x.pop(); list(it)", "[]", NULL},
    {"list(enumerate('ab'))", "[(0, 'a'), (1, 'b')]", NULL},
    {"list(enumerate('ab', 5))", "[(5, 'a'), (6, 'b')]", NULL},
    {"list(enumerate('ab', True))", "[(1, 'a'), (2, 'b')]", NULL},
    {"enumerate('a', 1.5)", "TypeError: 'float' object cannot be interpreted as an integer", NULL},
    {"enumerate(1, 1.5)", "TypeError: 'float' object cannot be interpreted as an integer", NULL},
    {"enumerate(1)", "TypeError: 'int' object is not iterable", NULL},
    {"enumerate()", "TypeError: enumerate() missing required argument 'iterable'", NULL},
    {"enumerate(1, 2, 3)", "TypeError: enumerate() takes at most 2 arguments (3 given)", NULL},
    {"list(enumerate([], 3))", "[]", NULL},
    {"list(enumerate(range(3), -2))", "[(-2, 0), (-1, 1), (0, 2)]", NULL},
    {"list(zip([1, 2], [3]))", "[(1, 3)]", NULL},
    {"list(zip())", "[]", NULL},
    {"list(zip('ab', 'cd', [1, 2, 3]))", "[('a', 'c', 1), ('b', 'd', 2)]", NULL},
    {"zip([1], 2)", "TypeError: 'int' object is not iterable", NULL},
    {"list(zip([1]))", "[(1,)]", NULL},
    {"list(zip(range(3), reversed('abc')))", "[(0, 'c'), (1, 'b'), (2, 'a')]", NULL},
    {"list(enumerate(zip('ab', 'cd')))", "[(0, ('a', 'c')), (1, ('b', 'd'))]", NULL},
    {"list(reversed([[1], [2]]))", "[[2], [1]]", NULL},
};

static const Case divmod_cases[] = {
    {"divmod(7, 2)", "(3, 1)", NULL},
    {"divmod(-7, 2)", "(-4, 1)", NULL},
    {"divmod(7, -2)", "(-4, -1)", NULL},
    {"divmod(7.5, 2)", "(3.0, 1.5)", NULL},
    {"divmod(-7.5, 2)", "(-4.0, 0.5)", NULL},
    {"divmod(True, True)", "(1, 0)", NULL},
    {"divmod(1, 0)", "ZeroDivisionError: integer division or modulo by zero", NULL},
    {"divmod(1.0, 0)", "ZeroDivisionError: float divmod()", NULL},
    {"divmod(1, 0.0)", "ZeroDivisionError: float divmod()", NULL},
    {"divmod(0, 0.0)", "ZeroDivisionError: float divmod()", NULL},
    {"divmod('a', 1)", "TypeError: unsupported operand type(s) for divmod(): 'str' and 'int'", NULL},
    {"divmod(1, 'a')", "TypeError: unsupported operand type(s) for divmod(): 'int' and 'str'", NULL},
    {"divmod(1.5, 'a')", "TypeError: unsupported operand type(s) for divmod(): 'float' and 'str'", NULL},
    {"divmod(1)", "TypeError: divmod expected 2 arguments, got 1", NULL},
    {"divmod(1, 2, 3)", "TypeError: divmod expected 2 arguments, got 3", NULL},
    {"M = 9223372036854775807; m = -M - 1; divmod(m, -1)", "OverflowError: integer overflow", NULL},
    {"M = 9223372036854775807; m = -M - 1; divmod(m, 1)", "(-9223372036854775808, 0)", NULL},
    {"divmod(inf, 1)", "(nan, nan)", NULL},
    {"divmod(1, inf)", "(0.0, 1.0)", NULL},
    {"divmod(-1, inf)", "(-1.0, inf)", NULL},
    {"divmod(nan, 1)", "(nan, nan)", NULL},
    {"divmod(-0.0, 1)", "(-0.0, 0.0)", NULL},
    {"divmod(5, 0.5)", "(10.0, 0.0)", NULL},
    {"divmod([], [])", "TypeError: unsupported operand type(s) for divmod(): 'list' and 'list'", NULL},
};

static const Case round_cases[] = {
    {"round(2.5)", "2", NULL},
    {"round(3.5)", "4", NULL},
    {"round(-0.5)", "0", NULL},
    {"round(-1.5)", "-2", NULL},
    {"round(0.5)", "0", NULL},
    {"round(1.4999999999999998)", "1", NULL},
    {"round(2.675, 2)", "2.67", NULL},
    {"round(0.125, 2)", "0.12", NULL},
    {"round(0.375, 2)", "0.38", NULL},
    {"round(1234, -2)", "1200", NULL},
    {"round(1250, -2)", "1200", NULL},
    {"round(1350, -2)", "1400", NULL},
    {"round(-1250, -2)", "-1200", NULL},
    {"round(5, -1)", "0", NULL},
    {"round(15, -1)", "20", NULL},
    {"round(25, -1)", "20", NULL},
    {"round(-25, -1)", "-20", NULL},
    {"round(35, -1)", "40", NULL},
    {"round(123.456, -1)", "120.0", NULL},
    {"round(123.456, 1)", "123.5", NULL},
    {"round(1e20, -19)", "1e+20", NULL},
    {"round(0.5, 0)", "0.0", NULL},
    {"round(-0.5, 0)", "-0.0", NULL},
    {"round(1.5, None)", "2", NULL},
    {"round(1, None)", "1", NULL},
    {"round(True)", "1", NULL},
    {"round(True, 1)", "1", NULL},
    {"round(1.5, True)", "1.5", NULL},
    {"M = 9223372036854775807; m = -M - 1; round(M, -19)", "OverflowError: integer overflow", NULL},
    {"M = 9223372036854775807; m = -M - 1; round(M, -18)", "9000000000000000000", NULL},
    {"M = 9223372036854775807; m = -M - 1; round(m, -18)", "-9000000000000000000", NULL},
    {"M = 9223372036854775807; m = -M - 1; round(m, -19)", "OverflowError: integer overflow", NULL},
    {"M = 9223372036854775807; m = -M - 1; round(m, -20)", "0", NULL},
    {"round(5e-324, 400)", "5e-324", NULL},
    {"round(1.0, -400)", "0.0", NULL},
    {"round(-1.0, -400)", "-0.0", NULL},
    {"round(1.0, 400)", "1.0", NULL},
    {"round(2, -400)", "0", NULL},
    {"round(nan)", "ValueError: cannot convert float NaN to integer", NULL},
    {"round(inf)", "OverflowError: cannot convert float infinity to integer", NULL},
    {"round(-inf)", "OverflowError: cannot convert float infinity to integer", NULL},
    {"round(inf, 2)", "inf", NULL},
    {"round(nan, 2)", "nan", NULL},
    {"round(1.7e308, -308)", "OverflowError: rounded value too large to represent", NULL},
    {"round(1e300, 2)", "1e+300", NULL},
    {"round(1e300)", "OverflowError: integer overflow", NULL},
    {"round(9.223372036854776e18)", "OverflowError: integer overflow", NULL},
    {"round(9.2233720368547748e18)", "9223372036854774784", NULL},
    {"round('a')", "TypeError: type str doesn't define __round__ method", NULL},
    {"round('a', 1.5)", "TypeError: type str doesn't define __round__ method", NULL},
    {"round(1.5, 1.5)", "TypeError: 'float' object cannot be interpreted as an integer", NULL},
    {"round(1.5, 'a')", "TypeError: 'str' object cannot be interpreted as an integer", NULL},
    {"round()", "TypeError: round() missing required argument 'number' (pos 1)", NULL},
    {"round(1, 2, 3)", "TypeError: round() takes at most 2 arguments (3 given)", NULL},
    {"round(0.1, 1)", "0.1", NULL},
    {"round(0.15, 1)", "0.1", NULL},
    {"round(0.25, 1)", "0.2", NULL},
    {"round(0.35, 1)", "0.3", NULL},
    {"round(2.5, 0)", "2.0", NULL},
    {"round(-2.5, 0)", "-2.0", NULL},
    {"round(1e-320, 323)", "1e-320", NULL},
    {"round(1e-320, 322)", "1e-320", NULL},
    {"round(123456.789, -3)", "123000.0", NULL},
    {"round(5e-05, 4)", "0.0001", NULL},
    {"round(4.5e15 + 0.5)", "4500000000000000", NULL},
    {"round(-0.0)", "0", NULL},
    {"round(-0.0, 1)", "-0.0", NULL},
    {"round(0.0, -1)", "0.0", NULL},
    {"round(1.5e300, -300)", "2e+300", NULL},
    {"round(7, 0)", "7", NULL},
    {"round(-7, -1)", "-10", NULL},
    {"round(5.5)", "6", NULL},
    {"round(6.5)", "6", NULL},
    {"round(-6.5)", "-6", NULL},
    {"round(2.675, 3)", "2.675", NULL},
    {"round(2.675, 20)", "2.675", NULL},
    {"round(1e16 + 2, -1)", "1e+16", NULL},
    {"round(0.5e-3, 3)", "0.001", NULL},
    {"round(435.05367005919334, 11)", "435.05367005919", NULL},
    {"round(-0.1159784978125169, 6)", "-0.115978", NULL},
    {"round(8.364304353593365, -1)", "10.0", NULL},
    {"round(2.1108145928430932e-11, 5)", "0.0", NULL},
    {"round(0.07891673346333064, 1)", "0.1", NULL},
    {"round(817161665.8173234, -1)", "817161670.0", NULL},
    {"round(0.5948563530438391, -4)", "0.0", NULL},
    {"round(730.397473039744, 3)", "730.397", NULL},
    {"round(0.8477056974396306, -4)", "0.0", NULL},
    {"round(9.795357443032888e-09, 6)", "0.0", NULL},
    {"round(-102.41984639604107, 2)", "-102.42", NULL},
    {"round(0.6940663964033087, 7)", "0.6940664", NULL},
    {"round(-0.04798623460821938, -2)", "-0.0", NULL},
    {"round(-725.9903839472768, 2)", "-725.99", NULL},
    {"round(-0.9694467761471539, 6)", "-0.969447", NULL},
    {"round(-690.4569746639661, 10)", "-690.456974664", NULL},
    {"round(-0.6065969018847774, 8)", "-0.6065969", NULL},
    {"round(-0.009541434854754005, 5)", "-0.00954", NULL},
    {"round(7.937272269105389e-05, -1)", "0.0", NULL},
    {"round(6.367505876749176, 4)", "6.3675", NULL},
    {"round(2.6279418002215993e-11, 8)", "0.0", NULL},
    {"round(-86.99426845002847, 4)", "-86.9943", NULL},
    {"round(0.4615672183142343, -2)", "0.0", NULL},
    {"round(380.75723189087125, -2)", "400.0", NULL},
    {"round(358.7955294048686, 10)", "358.7955294049", NULL},
    {"round(79055.00733149996, -4)", "80000.0", NULL},
    {"round(8.659323833939628e-07, 0)", "0.0", NULL},
    {"round(-136.32481250753517, -1)", "-140.0", NULL},
    {"round(-0.5456916539200536, 3)", "-0.546", NULL},
    {"round(-0.09910007090329365, 6)", "-0.0991", NULL},
    {"round(974.6958487739239, -2)", "1000.0", NULL},
    {"round(2.025816949166207e-08, 7)", "0.0", NULL},
    {"round(-929.3229897602426, 2)", "-929.32", NULL},
    {"round(909.4257498200202, 8)", "909.42574982", NULL},
    {"round(-653.1475259849747, 5)", "-653.14753", NULL},
    {"round(876.9029483606942, 11)", "876.90294836069", NULL},
    {"round(-973.5584159144912, 5)", "-973.55842", NULL},
    {"round(3.483141764821204e-10, 6)", "0.0", NULL},
    {"round(98924.65433383067, 3)", "98924.654", NULL},
    {"round(0.19442766603970751, 7)", "0.1944277", NULL},
};

static const Case int_cases[] = {
    {"int()", "0", NULL},
    {"int(True)", "1", NULL},
    {"int(3.9)", "3", NULL},
    {"int(-3.9)", "-3", NULL},
    {"int(-0.5)", "0", NULL},
    {"int('  12  ')", "12", NULL},
    {"int('+12')", "12", NULL},
    {"int('-1_000')", "-1000", NULL},
    {"int('\\t\\n12\\x0b')", "12", NULL},
    {"int('\\u0661\\u0662')", "12", NULL},
    {"int('0_1')", "1", NULL},
    {"int('00')", "0", NULL},
    {"int('-0')", "0", NULL},
    {"int('1 2')", "ValueError: invalid literal for int() with base 10: '1 2'", NULL},
    {"int(' \\u3000 7 \\x85')", "7", NULL},
    {"int('\\uff11\\uff12')", "12", NULL},
    {"int('abc')", "ValueError: invalid literal for int() with base 10: 'abc'", NULL},
    {"int('')", "ValueError: invalid literal for int() with base 10: ''", NULL},
    {"int(' ')", "ValueError: invalid literal for int() with base 10: ' '", NULL},
    {"int('1_')", "ValueError: invalid literal for int() with base 10: '1_'", NULL},
    {"int('1__0')", "ValueError: invalid literal for int() with base 10: '1__0'", NULL},
    {"int('_1')", "ValueError: invalid literal for int() with base 10: '_1'", NULL},
    {"int('1.5')", "ValueError: invalid literal for int() with base 10: '1.5'", NULL},
    {"int('- 1')", "ValueError: invalid literal for int() with base 10: '- 1'", NULL},
    {"int('+-1')", "ValueError: invalid literal for int() with base 10: '+-1'", NULL},
    {"int(nan)", "ValueError: cannot convert float NaN to integer", NULL},
    {"int(inf)", "OverflowError: cannot convert float infinity to integer", NULL},
    {"int(-inf)", "OverflowError: cannot convert float infinity to integer", NULL},
    {"int([])", "TypeError: int() argument must be a string, a bytes-like object or a real number, not 'list'", NULL},
    {"int(None)", "TypeError: int() argument must be a string, a bytes-like object or a real number, not 'NoneType'", NULL},
    {"int('a', 10)", "ValueError: invalid literal for int() with base 10: 'a'", NULL},
    {"int(1, 10)", "TypeError: int() can't convert non-string with explicit base", NULL},
    {"int('10', 1)", "ValueError: int() base must be >= 2 and <= 36, or 0", NULL},
    {"int('10', 37)", "ValueError: int() base must be >= 2 and <= 36, or 0", NULL},
    {"int('z', 36)", "35", NULL},
    {"int('Z', 36)", "35", NULL},
    {"int('0x10', 16)", "16", NULL},
    {"int('0x10', 0)", "16", NULL},
    {"int('010', 0)", "ValueError: invalid literal for int() with base 0: '010'", NULL},
    {"int('00', 0)", "0", NULL},
    {"int('0_0', 0)", "0", NULL},
    {"int('0b2', 0)", "ValueError: invalid literal for int() with base 0: '0b2'", NULL},
    {"int('12', 0)", "12", NULL},
    {"int('1f', 16)", "31", NULL},
    {"int('0o17', 0)", "15", NULL},
    {"int('0b101', 2)", "5", NULL},
    {"int('0x_1f', 0)", "31", NULL},
    {"int('0x', 0)", "ValueError: invalid literal for int() with base 0: '0x'", NULL},
    {"int('0b_', 0)", "ValueError: invalid literal for int() with base 0: '0b_'", NULL},
    {"int('0b1_0', 0)", "2", NULL},
    {"int('1', 1.5)", "TypeError: 'float' object cannot be interpreted as an integer", NULL},
    {"int(1, 1.5)", "TypeError: 'float' object cannot be interpreted as an integer", NULL},
    {"int('1', True)", "ValueError: int() base must be >= 2 and <= 36, or 0", NULL},
    {"int('1', 2, 3)", "TypeError: int() takes at most 2 arguments (3 given)", NULL},
    {"int('9223372036854775807')", "9223372036854775807", NULL},
    {"int('9223372036854775808')", "OverflowError: integer overflow", NULL},
    {"int('-9223372036854775808')", "-9223372036854775808", NULL},
    {"int('-9223372036854775809')", "OverflowError: integer overflow", NULL},
    {"int('99999999999999999999')", "OverflowError: integer overflow", NULL},
    {"int('99999999999999999999x')", "ValueError: invalid literal for int() with base 10: '99999999999999999999x'", NULL},
    {"int('0099999999999999999999', 0)", "ValueError: invalid literal for int() with base 0: '0099999999999999999999'", NULL},
    {"int(1e300)", "OverflowError: integer overflow", NULL},
    {"int(9.2233720368547748e18)", "9223372036854774784", NULL},
    {"int(-9.223372036854776e18)", "-9223372036854775808", NULL},
    {"int(9.223372036854776e18)", "OverflowError: integer overflow", NULL},
    {"int('x' * 300)", "ValueError: invalid literal for int() with base 10: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", NULL},
    {"int('\\x1c1')", "ValueError: invalid literal for int() with base 10: '\\x1c1'", NULL},
    {"int('1\\x00')", "ValueError: invalid literal for int() with base 10: '1\\x00'", NULL},
    {"int('1\\xa0')", "1", NULL},
    {"int('+\\xa01')", "ValueError: invalid literal for int() with base 10: '+\\xa01'", NULL},
    {"int('\\u00b2')", "ValueError: invalid literal for int() with base 10: '\302\262'", NULL},
    {"int('7fffffffffffffff', 16)", "9223372036854775807", NULL},
    {"int('8000000000000000', 16)", "OverflowError: integer overflow", NULL},
    {"int('-8000000000000000', 16)", "-9223372036854775808", NULL},
    {"int('1' * 64, 2)", "OverflowError: integer overflow", NULL},
    {"int('1' * 63, 2)", "9223372036854775807", NULL},
    {"int('zzzzzzzzzzzz', 36)", "4738381338321616895", NULL},
    {"int('zzzzzzzzzzzzz', 36)", "OverflowError: integer overflow", NULL},
    {"int(-0.0)", "0", NULL},
    {"int('  -  5')", "ValueError: invalid literal for int() with base 10: '  -  5'", NULL},
    {"int('5', 0)", "5", NULL},
    {"int('0', 0)", "0", NULL},
    {"int('-0b11', 0)", "-3", NULL},
    {"int(' 0X1a ', 16)", "26", NULL},
    {"int('0o8', 0)", "ValueError: invalid literal for int() with base 0: '0o8'", NULL},
    {"int('08', 8)", "ValueError: invalid literal for int() with base 8: '08'", NULL},
    {"int('\303\251')", "ValueError: invalid literal for int() with base 10: '\303\251'", NULL},
    {"int('12\303\251')", "ValueError: invalid literal for int() with base 10: '12\303\251'", NULL},
    {"int(ValueError())", "TypeError: int() argument must be a string, a bytes-like object or a real number, not 'ValueError'", NULL},
};

static const Case float_cases[] = {
    {"float()", "0.0", NULL},
    {"float(1)", "1.0", NULL},
    {"float(True)", "1.0", NULL},
    {"float('1.5')", "1.5", NULL},
    {"float(' -1.5e3 ')", "-1500.0", NULL},
    {"float('inf')", "inf", NULL},
    {"float('-Infinity')", "-inf", NULL},
    {"float('INF')", "inf", NULL},
    {"float('nan')", "nan", NULL},
    {"float('+nan')", "nan", NULL},
    {"float('-nan')", "nan", NULL},
    {"float('1e400')", "inf", NULL},
    {"float('-1e400')", "-inf", NULL},
    {"float('1e-400')", "0.0", NULL},
    {"float('.5')", "0.5", NULL},
    {"float('5.')", "5.0", NULL},
    {"float('.')", "ValueError: could not convert string to float: '.'", NULL},
    {"float('1_000.000_1')", "1000.0001", NULL},
    {"float('1._5')", "ValueError: could not convert string to float: '1._5'", NULL},
    {"float('1e1_0')", "10000000000.0", NULL},
    {"float('0x1p3')", "ValueError: could not convert string to float: '0x1p3'", NULL},
    {"float('infinit')", "ValueError: could not convert string to float: 'infinit'", NULL},
    {"float('  ')", "ValueError: could not convert string to float: '  '", NULL},
    {"float('')", "ValueError: could not convert string to float: ''", NULL},
    {"float('x')", "ValueError: could not convert string to float: 'x'", NULL},
    {"float('1e')", "ValueError: could not convert string to float: '1e'", NULL},
    {"float('1_0.5')", "10.5", NULL},
    {"float('1__0')", "ValueError: could not convert string to float: '1__0'", NULL},
    {"float('in f')", "ValueError: could not convert string to float: 'in f'", NULL},
    {"float('1_e5')", "ValueError: could not convert string to float: '1_e5'", NULL},
    {"float('1e_5')", "ValueError: could not convert string to float: '1e_5'", NULL},
    {"float('1e+5')", "100000.0", NULL},
    {"float('1E5')", "100000.0", NULL},
    {"float('-0')", "-0.0", NULL},
    {"float('nan(1)')", "ValueError: could not convert string to float: 'nan(1)'", NULL},
    {"float('\\u0661.5')", "1.5", NULL},
    {"float('\\x851.5\\u3000')", "1.5", NULL},
    {"float('1\\x00')", "ValueError: could not convert string to float: '1\\x00'", NULL},
    {"float([])", "TypeError: float() argument must be a string or a real number, not 'list'", NULL},
    {"float(None)", "TypeError: float() argument must be a string or a real number, not 'NoneType'", NULL},
    {"float(1, 2)", "TypeError: float expected at most 1 argument, got 2", NULL},
    {"M = 9223372036854775807; m = -M - 1; float(M)", "9.223372036854776e+18", NULL},
    {"M = 9223372036854775807; m = -M - 1; float(m)", "-9.223372036854776e+18", NULL},
    {"float(9007199254740993)", "9007199254740992.0", NULL},
    {"float('x' * 300)", "ValueError: could not convert string to float: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'", NULL},
    {"float('0.1')", "0.1", NULL},
    {"float('1.7976931348623157e308')", "1.7976931348623157e+308", NULL},
    {"float('1.7976931348623159e308')", "inf", NULL},
    {"float('2.4703282292062327e-324')", "0.0", NULL},
    {"float('2.4703282292062328e-324')", "5e-324", NULL},
    {"float('123456789012345678901234567890')", "1.2345678901234568e+29", NULL},
    {"float('0.000000000000000000000000000001')", "1e-30", NULL},
    {"float('1' * 400)", "inf", NULL},
    {"float('_1')", "ValueError: could not convert string to float: '_1'", NULL},
    {"float('1_')", "ValueError: could not convert string to float: '1_'", NULL},
    {"float('+.5e-3')", "0.0005", NULL},
    {"float('e5')", "ValueError: could not convert string to float: 'e5'", NULL},
    {"float('-.e5')", "ValueError: could not convert string to float: '-.e5'", NULL},
    {"float('++1')", "ValueError: could not convert string to float: '++1'", NULL},
    {"float('infinity ')", "inf", NULL},
    {"float(' nan ')", "nan", NULL},
    {"float('na n')", "ValueError: could not convert string to float: 'na n'", NULL},
    {"float(1.5)", "1.5", NULL},
    {"float(-0.0)", "-0.0", NULL},
    {"float('1.5\303\251')", "ValueError: could not convert string to float: '1.5\303\251'", NULL},
};

static const Case constructor_cases[] = {
    {"bool()", "False", NULL},
    {"bool(0)", "False", NULL},
    {"bool(1)", "True", NULL},
    {"bool([])", "False", NULL},
    {"bool('a')", "True", NULL},
    {"bool(0.0)", "False", NULL},
    {"bool(nan)", "True", NULL},
    {"bool(None)", "False", NULL},
    {"bool(1, 2)", "TypeError: bool expected at most 1 argument, got 2", NULL},
    {"bool({})", "False", NULL},
    {"list()", "[]", NULL},
    {"list('abc')", "['a', 'b', 'c']", NULL},
    {"list((1, 2))", "[1, 2]", NULL},
    {"list({1: 2, 3: 4})", "[1, 3]", NULL},
    {"list({1: 2}.items())", "[(1, 2)]", NULL},
    {"list(range(3))", "[0, 1, 2]", NULL},
    {"list(1)", "TypeError: 'int' object is not iterable", NULL},
    {"list(1, 2)", "TypeError: list expected at most 1 argument, got 2", NULL},
    {"x = [1]; y = list(x); y is x", "False", NULL},
    {"tuple()", "()", NULL},
    {"tuple('ab')", "('a', 'b')", NULL},
    {"tuple([1, 2])", "(1, 2)", NULL},
    {"tuple(1)", "TypeError: 'int' object is not iterable", NULL},
    {"tuple(1, 2)", "TypeError: tuple expected at most 1 argument, got 2", NULL},
    {"x = (1,); tuple(x) is x", "True", NULL},
    {"tuple({1: 2})", "(1,)", NULL},
    {"tuple(range(2))", "(0, 1)", NULL},
    {"dict()", "{}", NULL},
    {"dict({1: 2})", "{1: 2}", NULL},
    {"dict([(1, 2), (3, 4)])", "{1: 2, 3: 4}", NULL},
    {"dict([[1, 2]])", "{1: 2}", NULL},
    {"dict(['ab'])", "{'a': 'b'}", NULL},
    {"dict([(1, 2)], 3)", "TypeError: dict expected at most 1 argument, got 2", NULL},
    {"dict(1)", "TypeError: 'int' object is not iterable", NULL},
    {"dict([1])", "TypeError: cannot convert dictionary update sequence element #0 to a sequence", NULL},
    {"dict([(1,)])", "ValueError: dictionary update sequence element #0 has length 1; 2 is required", NULL},
    {"dict([(1, 2, 3)])", "ValueError: dictionary update sequence element #0 has length 3; 2 is required", NULL},
    {"dict('ab')", "ValueError: dictionary update sequence element #0 has length 1; 2 is required", NULL},
    {"dict(['abc'])", "ValueError: dictionary update sequence element #0 has length 3; 2 is required", NULL},
    {"dict({1: 2}.items())", "{1: 2}", NULL},
    {"dict([([], 1)])", "TypeError: unhashable type: 'list'", NULL},
    {"dict([(1, 2), (1, 3)])", "{1: 3}", NULL},
    {"dict(zip('ab', [1, 2]))", "{'a': 1, 'b': 2}", NULL},
    {"dict(enumerate('xy'))", "{0: 'x', 1: 'y'}", NULL},
    {"x = {1: 2}; y = dict(x); y[3] = 4; x", "{1: 2}", NULL},
    {"dict([range(2)])", "{0: 1}", NULL},
    {"dict([{1: 2, 3: 4}])", "{1: 3}", NULL},
    {"dict([(1, 2), 5])", "TypeError: cannot convert dictionary update sequence element #1 to a sequence", NULL},
    {"range(5)", "range(0, 5)", NULL},
    {"range(1, 5)", "range(1, 5)", NULL},
    {"range(1, 5, 2)", "range(1, 5, 2)", NULL},
    {"range(True)", "range(0, 1)", NULL},
    {"range(1, 2, 0)", "ValueError: range() arg 3 must not be zero", NULL},
    {"range(1.5)", "TypeError: 'float' object cannot be interpreted as an integer", NULL},
    {"range('a')", "TypeError: 'str' object cannot be interpreted as an integer", NULL},
    {"range()", "TypeError: range expected at least 1 argument, got 0", NULL},
    {"range(1, 2, 3, 4)", "TypeError: range expected at most 3 arguments, got 4", NULL},
    {"range(1.5, 2, 0)", "TypeError: 'float' object cannot be interpreted as an integer", NULL},
    {"range(1, 2, 0.5)", "TypeError: 'float' object cannot be interpreted as an integer", NULL},
    {"range(5, 1, -1)", "range(5, 1, -1)", NULL},
    {"list(range(5, 1, -2))", "[5, 3]", NULL},
    {"range(-3)", "range(0, -3)", NULL},
    {"M = 9223372036854775807; m = -M - 1; range(m, M)", "range(-9223372036854775808, 9223372036854775807)", NULL},
    {"M = 9223372036854775807; m = -M - 1; range(M, m, m)", "range(9223372036854775807, -9223372036854775808, -9223372036854775808)", NULL},
    {"range(0, 10, 3)[2]", "6", NULL},
    {"list(range(10, 0, -3))", "[10, 7, 4, 1]", NULL},
};

static const Case exception_cases[] = {
    {"ValueError()", "ValueError()", NULL},
    {"ValueError('a')", "ValueError('a')", NULL},
    {"str(ValueError('a'))", "'a'", NULL},
    {"repr(ValueError(1))", "'ValueError(1)'", NULL},
    {"KeyError('k')", "KeyError('k')", NULL},
    {"str(KeyError('k'))", "\"'k'\"", NULL},
    {"Exception(1, 2)", "TypeError: Exception() takes at most 1 argument (2 given)", NULL},
    {"ValueError(x=1)", "TypeError: ValueError() takes no keyword arguments", NULL},
    {"BaseException()", "BaseException()", NULL},
    {"ZeroDivisionError('z')", "ZeroDivisionError('z')", NULL},
    {"str(IndexError())", "''", NULL},
    {"x = ValueError([1]); str(x)", "'[1]'", NULL},
    {"isinstance(RecursionError('r'), RecursionError)", "True", NULL},
    {"ValueError(None)", "ValueError(None)", NULL},
    {"str(KeyError())", "''", NULL},
    {"str(AssertionError('a'))", "'a'", NULL},
    {"MemoryError()", "MemoryError()", NULL},
    {"AttributeError('x')", "AttributeError('x')", NULL},
    {"repr(OverflowError('integer overflow'))", "\"OverflowError('integer overflow')\"", NULL},
    {"ValueError('\303\251')", "ValueError('\303\251')", NULL},
};

static const Case str_method_cases[] = {
    {"','.join(['a', 'b'])", "'a,b'", NULL},
    {"''.join([])", "''", NULL},
    {"'-'.join('abc')", "'a-b-c'", NULL},
    {"'ab'.join(('x', 'y', 'z'))", "'xabyabz'", NULL},
    {"'a'.join([1])", "TypeError: sequence item 0: expected str instance, int found", NULL},
    {"'x'.join(['a', 1])", "TypeError: sequence item 1: expected str instance, int found", NULL},
    {"'a'.join(1)", "TypeError: can only join an iterable", NULL},
    {"'a'.join()", "TypeError: str.join() takes exactly one argument (0 given)", NULL},
    {"'a'.join(1, 2)", "TypeError: str.join() takes exactly one argument (2 given)", NULL},
    {"'\303\251'.join(['\303\274', '\303\266'])", "'\303\274\303\251\303\266'", NULL},
    {"', '.join({'k': 1, 'j': 2})", "'k, j'", NULL},
    {"'-'.join(reversed('abc'))", "'c-b-a'", NULL},
    {"'-'.join(range(3))", "TypeError: sequence item 0: expected str instance, int found", NULL},
    {"'a'.join(None)", "TypeError: can only join an iterable", NULL},
    {"'a'.join(len)", "TypeError: can only join an iterable", NULL},
    {"'-'.join(['a'])", "'a'", NULL},
    {"str.join()", "TypeError: unbound method str.join() needs an argument", NULL},
    {"str.join(1, [])", "TypeError: descriptor 'join' for 'str' objects doesn't apply to a 'int' object", NULL},
    {"str.join('-', ['a', 'b'])", "'a-b'", NULL},
    {"'a b  c'.split()", "['a', 'b', 'c']", NULL},
    {"'  a  b  '.split()", "['a', 'b']", NULL},
    {"''.split()", "[]", NULL},
    {"'   '.split()", "[]", NULL},
    {"'a,b,,c,'.split(',')", "['a', 'b', '', 'c', '']", NULL},
    {"''.split(',')", "['']", NULL},
    {"'a'.split('')", "ValueError: empty separator", NULL},
    {"'a'.split(1)", "TypeError: must be str or None, not int", NULL},
    {"'a b c'.split(None, 1)", "['a', 'b c']", NULL},
    {"'  a  b  '.split(None, 1)", "['a', 'b  ']", NULL},
    {"'a,b,c'.split(',', 1)", "['a', 'b,c']", NULL},
    {"'a,b,c'.split(',', 0)", "['a,b,c']", NULL},
    {"'a,b,c'.split(',', -1)", "['a', 'b', 'c']", NULL},
    {"'a'.split(None, 1.5)", "TypeError: 'float' object cannot be interpreted as an integer", NULL},
    {"'a'.split(1, 1.5)", "TypeError: 'float' object cannot be interpreted as an integer", NULL},
    {"'a'.split(None, 1, 2)", "TypeError: split() takes at most 2 arguments (3 given)", NULL},
    {"'a\\u3000b\\x85c\\x1cd'.split()", "['a', 'b', 'c', 'd']", NULL},
    {"'aXbXXc'.split('XX')", "['aXb', 'c']", NULL},
    {"'\303\251a\303\251b'.split('\303\251')", "['', 'a', 'b']", NULL},
    {"'a b'.split(' ', True)", "['a', 'b']", NULL},
    {"'abcabc'.split('bc')", "['a', 'a', '']", NULL},
    {"'a\\tb\\nc'.split()", "['a', 'b', 'c']", NULL},
    {"'a  b'.split(' ')", "['a', '', 'b']", NULL},
    {"'ab'.split('ab')", "['', '']", NULL},
    {"'Ab1\303\251'.upper()", "'AB1\303\251'", NULL},
    {"'Ab1\303\211'.lower()", "'ab1\303\211'", NULL},
    {"'x'.upper(1)", "TypeError: str.upper() takes no arguments (1 given)", NULL},
    {"'x'.lower(1)", "TypeError: str.lower() takes no arguments (1 given)", NULL},
    {"''.upper()", "''", NULL},
    {"'hello'.startswith('he')", "True", NULL},
    {"'hello'.startswith('lo')", "False", NULL},
    {"'hello'.endswith('lo')", "True", NULL},
    {"'hello'.startswith(('x', 'h'))", "True", NULL},
    {"'hello'.startswith(('x', 1))", "TypeError: tuple for startswith must only contain str, not int", NULL},
    {"'hello'.startswith(('h', 1))", "True", NULL},
    {"'hello'.startswith(1)", "TypeError: startswith first arg must be str or a tuple of str, not int", NULL},
    {"'hello'.startswith()", "TypeError: startswith() takes at least 1 argument (0 given)", NULL},
    {"'hello'.endswith(1)", "TypeError: endswith first arg must be str or a tuple of str, not int", NULL},
    {"'hello'.startswith('l', 2)", "True", NULL},
    {"'hello'.startswith('l', 2, 3)", "True", NULL},
    {"'hello'.startswith('ll', 2, 3)", "False", NULL},
    {"'hello'.endswith('l', 0, 4)", "True", NULL},
    {"'hello'.endswith('', 5)", "True", NULL},
    {"'hello'.endswith('', 6)", "False", NULL},
    {"''.startswith('', 1)", "False", NULL},
    {"'a'.startswith('', 1)", "True", NULL},
    {"'a'.startswith('', 2)", "False", NULL},
    {"'hello'.startswith('h', -10)", "True", NULL},
    {"'hello'.startswith('o', -1)", "True", NULL},
    {"'hello'.endswith('h', None, -4)", "True", NULL},
    {"'hello'.startswith('a', 1.5)", "TypeError: slice indices must be integers or None or have an __index__ method", NULL},
    {"'hello'.startswith(1, 1.5)", "TypeError: slice indices must be integers or None or have an __index__ method", NULL},
    {"'a'.startswith('a', 1, 2, 3)", "TypeError: startswith() takes at most 3 arguments (4 given)", NULL},
    {"'h\303\251llo'.startswith('\303\251', 1)", "True", NULL},
    {"'h\303\251llo'.endswith('\303\251', 0, 2)", "True", NULL},
    {"'h\303\251llo'.endswith('llo')", "True", NULL},
    {"'hello'.find('l')", "2", NULL},
    {"'hello'.find('z')", "-1", NULL},
    {"'hello'.find('')", "0", NULL},
    {"'hello'.find('l', 3)", "3", NULL},
    {"'hello'.find('l', -2)", "3", NULL},
    {"'hello'.find('l', 0, 2)", "-1", NULL},
    {"'hello'.find('', 5)", "5", NULL},
    {"'hello'.find('', 6)", "-1", NULL},
    {"''.find('', 1)", "-1", NULL},
    {"'a'.find('', 1)", "1", NULL},
    {"'h\303\251llo'.find('l')", "2", NULL},
    {"'h\303\251llo'.find('l', 3)", "3", NULL},
    {"'h\\U0001F600llo'.find('llo')", "2", NULL},
    {"'hello'.find(1)", "TypeError: must be str, not int", NULL},
    {"'hello'.find()", "TypeError: find() takes at least 1 argument (0 given)", NULL},
    {"'a'.find('a', 'x')", "TypeError: slice indices must be integers or None or have an __index__ method", NULL},
    {"'a'.find(1, 1.5)", "TypeError: slice indices must be integers or None or have an __index__ method", NULL},
    {"'a'.find(1, 2, 3, 4)", "TypeError: find() takes at most 3 arguments (4 given)", NULL},
    {"'abc'.find('c', -1)", "2", NULL},
    {"'abc'.find('c', None, -1)", "-1", NULL},
    {"'abcabc'.find('bc', 2)", "4", NULL},
    {"'hello'.replace('l', 'L')", "'heLLo'", NULL},
    {"'hello'.replace('l', 'L', 1)", "'heLlo'", NULL},
    {"'hello'.replace('l', 'L', 0)", "'hello'", NULL},
    {"'hello'.replace('l', 'L', -1)", "'heLLo'", NULL},
    {"'hello'.replace('', '-')", "'-h-e-l-l-o-'", NULL},
    {"'abc'.replace('', '-', 2)", "'-a-bc'", NULL},
    {"''.replace('', 'x')", "'x'", NULL},
    {"'h\303\251llo'.replace('', '|')", "'|h|\303\251|l|l|o|'", NULL},
    {"'aaa'.replace('a', 'bb')", "'bbbbbb'", NULL},
    {"'aaa'.replace('aa', 'b')", "'ba'", NULL},
    {"'a'.replace('a')", "TypeError: replace expected at least 2 arguments, got 1", NULL},
    {"'a'.replace()", "TypeError: replace expected at least 2 arguments, got 0", NULL},
    {"'a'.replace(1, 'b')", "TypeError: replace() argument 1 must be str, not int", NULL},
    {"'a'.replace('a', 1)", "TypeError: replace() argument 2 must be str, not int", NULL},
    {"'a'.replace('a', 'b', 'c')", "TypeError: 'str' object cannot be interpreted as an integer", NULL},
    {"'a'.replace('a', 'b', 1, 2)", "TypeError: replace expected at most 3 arguments, got 4", NULL},
    {"'a'.replace(1, 'b', 1.5)", "TypeError: replace() argument 1 must be str, not int", NULL},
    {"'a'.replace('a', 1, 1.5)", "TypeError: replace() argument 2 must be str, not int", NULL},
    {"'h\303\251llo'.replace('\303\251', 'e')", "'hello'", NULL},
    {"'abc'.replace('abc', '')", "''", NULL},
    {"'abc'.replace('x', 'y')", "'abc'", NULL},
    {"'  a b  '.strip()", "'a b'", NULL},
    {"'xxaxx'.strip('x')", "'a'", NULL},
    {"'\\u3000a\\x85'.strip()", "'a'", NULL},
    {"'a'.strip(None)", "'a'", NULL},
    {"'xx'.strip('')", "'xx'", NULL},
    {"'a'.strip(1)", "TypeError: strip arg must be None or str", NULL},
    {"'a'.strip(1, 2)", "TypeError: strip expected at most 1 argument, got 2", NULL},
    {"'\303\251b\303\251'.strip('\303\251')", "'b'", NULL},
    {"'abcba'.strip('ab')", "'c'", NULL},
    {"''.strip()", "''", NULL},
    {"'   '.strip()", "''", NULL},
    {"'\\x1c a \\x1f'.strip()", "'a'", NULL},
    {"'abc'.strip('cba')", "''", NULL},
    {"'a\\U0001F600'.strip('\\U0001F600')", "'a'", NULL},
    {"str.upper('x')", "'X'", NULL},
    {"str.upper()", "TypeError: unbound method str.upper() needs an argument", NULL},
    {"str.upper(1)", "TypeError: descriptor 'upper' for 'str' objects doesn't apply to a 'int' object", NULL},
    {"str.split(1)", "TypeError: descriptor 'split' for 'str' objects doesn't apply to a 'int' object", NULL},
    {"'a'.upper(x=1)", "TypeError: str.upper() takes no keyword arguments", NULL},
};

static const Case list_method_cases[] = {
    {"x = [1]; x.append(2); x", "[1, 2]", NULL},
    {"x = []; x.append()", "TypeError: list.append() takes exactly one argument (0 given)", NULL},
    {"x = []; x.append(1, 2)", "TypeError: list.append() takes exactly one argument (2 given)", NULL},
    {"x = [1, 2, 3]; x.pop()", "3", NULL},
    {"x = [1, 2, 3]; x.pop(0); x", "[2, 3]", NULL},
    {"x = [1, 2, 3]; x.pop(-1)", "3", NULL},
    {"x = []; x.pop()", "IndexError: pop from empty list", NULL},
    {"x = [1]; x.pop(5)", "IndexError: pop index out of range", NULL},
    {"x = [1, 2, 3]; x.pop(-4)", "IndexError: pop index out of range", NULL},
    {"x = [1]; x.pop(True)", "IndexError: pop index out of range", NULL},
    {"x = [1, 2]; x.pop(True)", "2", NULL},
    {"x = [1]; x.pop('a')", "TypeError: 'str' object cannot be interpreted as an integer", NULL},
    {"x = []; x.pop('a')", "TypeError: 'str' object cannot be interpreted as an integer", NULL},
    {"x = [1]; x.pop(1, 2)", "TypeError: pop expected at most 1 argument, got 2", NULL},
    {"x = [1, 2]; x.insert(0, 5); x", "[5, 1, 2]", NULL},
    {"x = [1, 2]; x.insert(-1, 5); x", "[1, 5, 2]", NULL},
    {"x = [1, 2]; x.insert(100, 5); x", "[1, 2, 5]", NULL},
    {"x = [1, 2]; x.insert(-100, 5); x", "[5, 1, 2]", NULL},
    {"x = []; x.insert(1)", "TypeError: insert expected 2 arguments, got 1", NULL},
    {"x = []; x.insert('a', 1)", "TypeError: 'str' object cannot be interpreted as an integer", NULL},
    {"x = []; x.insert(1.5, 1)", "TypeError: 'float' object cannot be interpreted as an integer", NULL},
    {"x = []; x.insert(1, 2, 3)", "TypeError: insert expected 2 arguments, got 3", NULL},
    {"x = [1]; x.insert(1, 2); x", "[1, 2]", NULL},
    {"M = 9223372036854775807; m = -M - 1; x = [1]; x.insert(M, 2); x", "[1, 2]", NULL},
    {"M = 9223372036854775807; m = -M - 1; x = [1]; x.insert(m, 2); x", "[2, 1]", NULL},
    {"x = [1]; x.extend([2, 3]); x", "[1, 2, 3]", NULL},
    {"x = [1]; x.extend('ab'); x", "[1, 'a', 'b']", NULL},
    {"x = [1]; x.extend(range(2)); x", "[1, 0, 1]", NULL},
    {"x = [1]; x.extend(x); x", "[1, 1]", NULL},
    {"x = [1]; x.extend(1)", "TypeError: 'int' object is not iterable", NULL},
    {"x = []; x.extend()", "TypeError: list.extend() takes exactly one argument (0 given)", NULL},
    {"x = []; x.extend(1, 2)", "TypeError: list.extend() takes exactly one argument (2 given)", NULL},
    {"x = [1]; x.extend({5: 6}.items()); x", "[1, (5, 6)]", NULL},
    {"[1, 2, 3].index(2)", "1", NULL},
    {"[1, 2, 3].index(5)", "ValueError: 5 is not in list", NULL},
    {"[1].index('a')", "ValueError: 'a' is not in list", NULL},
    {"[].index()", "TypeError: index expected at least 1 argument, got 0", NULL},
    {"[1, 2].index(2, -1)", "1", NULL},
    {"[1, 2].index(2, -100, 100)", "1", NULL},
    {"[1, 2].index(2, None)", "TypeError: slice indices must be integers or have an __index__ method", NULL},
    {"[1, 2].index(2, 0, None)", "TypeError: slice indices must be integers or have an __index__ method", NULL},
    {"[1].index(1, 'a')", "TypeError: slice indices must be integers or have an __index__ method", NULL},
    {"[1].index(1, 1.5)", "TypeError: slice indices must be integers or have an __index__ method", NULL},
    {"[1, 2, 3].index(3, 1, 2)", "ValueError: 3 is not in list", NULL},
    {"[1, 2, 3, 2].index(2, 2)", "3", NULL},
    {"[1].index(1, 2)", "ValueError: 1 is not in list", NULL},
    {"[1, 2].index(1, 0, 1, 2)", "TypeError: index expected at most 3 arguments, got 4", NULL},
    {"[1.0].index(1)", "0", NULL},
    {"[nan].index(nan)", "0", NULL},
    {"[[1]].index([1])", "0", NULL},
    {"[1].index(1.5)", "ValueError: 1.5 is not in list", NULL},
    {"['\303\251'].index('x')", "ValueError: 'x' is not in list", NULL},
    {"x = [1, 2, 3]; x.reverse(); x", "[3, 2, 1]", NULL},
    {"x = []; x.reverse(1)", "TypeError: list.reverse() takes no arguments (1 given)", NULL},
    {"x = [3, 1, 2]; x.sort(); x", "[1, 2, 3]", NULL},
    {"x = [1, 'a']; x.sort()", "TypeError: '<' not supported between instances of 'str' and 'int'", NULL},
    {"x = [1]; x.sort(1)", "TypeError: sort() takes no positional arguments", NULL},
    {"list.append([], 1)", "None", NULL},
    {"list.append(1, 2)", "TypeError: descriptor 'append' for 'list' objects doesn't apply to a 'int' object", NULL},
    {"list.append()", "TypeError: unbound method list.append() needs an argument", NULL},
    {"list.pop(())", "TypeError: descriptor 'pop' for 'list' objects doesn't apply to a 'tuple' object", NULL},
    {"x = [1, 2, 3]; x.pop(1); x", "[1, 3]", NULL},
    {"x = [[1], [2]]; x.pop(0)", "[1]", NULL},
    {"[1, 2].index(True)", "0", NULL},
    {"[(1, 2)].index((1, 2))", "0", NULL},
    {"x = [5, 3, 4]; x.sort(); x.reverse(); x", "[5, 4, 3]", NULL},
    {"[].sort()", "None", NULL},
};

static const Case dict_method_cases[] = {
    {"{1: 2}.get(1)", "2", NULL},
    {"{1: 2}.get(3)", "None", NULL},
    {"{1: 2}.get(3, 4)", "4", NULL},
    {"{}.get()", "TypeError: get expected at least 1 argument, got 0", NULL},
    {"{}.get(1, 2, 3)", "TypeError: get expected at most 2 arguments, got 3", NULL},
    {"{}.get([], 1)", "TypeError: unhashable type: 'list'", NULL},
    {"{1: 2}.get(1.0)", "2", NULL},
    {"{1: 2}.get(True)", "2", NULL},
    {"{1: 2}.keys()", "dict_keys([1])", NULL},
    {"{1: 2}.values()", "dict_values([2])", NULL},
    {"{1: 2}.items()", "dict_items([(1, 2)])", NULL},
    {"{}.keys(1)", "TypeError: dict.keys() takes no arguments (1 given)", NULL},
    {"{}.values(1)", "TypeError: dict.values() takes no arguments (1 given)", NULL},
    {"{}.items(1)", "TypeError: dict.items() takes no arguments (1 given)", NULL},
    {"list({1: 2, 3: 4}.keys())", "[1, 3]", NULL},
    {"list({1: 2, 3: 4}.items())", "[(1, 2), (3, 4)]", NULL},
    {"x = {1: 2}; x.pop(1)", "2", NULL},
    {"x = {1: 2}; x.pop(1); x", "{}", NULL},
    {"{}.pop(1)", "KeyError: 1", NULL},
    {"{}.pop(1, 5)", "5", NULL},
    {"{}.pop([], 1)", "1", NULL},
    {"{}.pop([])", "KeyError: []", NULL},
    {"{1: 2}.pop([], 1)", "TypeError: unhashable type: 'list'", NULL},
    {"{}.pop()", "TypeError: pop expected at least 1 argument, got 0", NULL},
    {"{}.pop(1, 2, 3)", "TypeError: pop expected at most 2 arguments, got 3", NULL},
    {"x = {1: 2, 3: 4}; x.pop(3, 9); x", "{1: 2}", NULL},
    {"x = {'a': 1}; v = x.keys(); x['b'] = 2; list(v)", "['a', 'b']", NULL},
    {"dict.get({}, 1)", "None", NULL},
    {"dict.get(1, 2)", "TypeError: descriptor 'get' for 'dict' objects doesn't apply to a 'int' object", NULL},
    {"dict.keys()", "TypeError: unbound method dict.keys() needs an argument", NULL},
    {"{(1, 2): 3}.get((1, 2))", "3", NULL},
    {"{1: 2}.pop(1.0)", "2", NULL},
    {"{nan: 1}.get(nan)", "1", NULL},
    {"len({1: 2, 3: 4}.values())", "2", NULL},
    {"{1: None}.get(1, 5)", "None", NULL},
};


/* ---------------------------------------------------------------------- */
/* Generated tables, one test each                                         */

Test(builtins, print) { CHECK_CASES(print_cases); }
Test(builtins, len_and_keywords) { CHECK_CASES(len_cases); }
Test(builtins, abs) { CHECK_CASES(abs_cases); }
Test(builtins, min_max) { CHECK_CASES(minmax_cases); }
Test(builtins, sum) { CHECK_CASES(sum_cases); }
Test(builtins, repr_str) { CHECK_CASES(repr_str_cases); }
Test(builtins, ord_chr) { CHECK_CASES(ord_chr_cases); }
Test(builtins, isinstance) { CHECK_CASES(isinstance_cases); }
Test(builtins, sorted_and_sort) { CHECK_CASES(sorted_cases); }
/* Random lists with NaNs and mixed types: the result, the error message
 * and the list left behind by a failed sort all depend on the exact
 * sequence of comparisons, which must be CPython's. */
Test(builtins, sort_matches_cpython_comparison_order) { CHECK_CASES(sort_random_cases); }
Test(builtins, reversed_enumerate_zip) { CHECK_CASES(iterator_cases); }
Test(builtins, divmod) { CHECK_CASES(divmod_cases); }
Test(builtins, round) { CHECK_CASES(round_cases); }
Test(builtins, int) { CHECK_CASES(int_cases); }
Test(builtins, float) { CHECK_CASES(float_cases); }
Test(builtins, bool_list_tuple_dict_range) { CHECK_CASES(constructor_cases); }
Test(builtins, exception_classes) { CHECK_CASES(exception_cases); }
Test(builtins, str_methods) { CHECK_CASES(str_method_cases); }
Test(builtins, list_methods) { CHECK_CASES(list_method_cases); }
Test(builtins, dict_methods) { CHECK_CASES(dict_method_cases); }

/* ---------------------------------------------------------------------- */
/* Hand-written                                                            */

Test(builtins, table_and_lookup) {
  cr_expect_eq(builtin_by_name("print", 5), B_print);
  cr_expect_eq(builtin_by_name("ValueError", 10), B_ValueError);
  cr_expect_eq(builtin_by_name("range", 5), B_range);
  cr_expect_eq(builtin_by_name("append", 6), -1); /* methods are not globals */
  cr_expect_eq(builtin_by_name("prin", 4), -1);
  cr_expect_eq(builtin_by_name("printx", 6), -1);
  cr_expect_eq(builtin_by_name("print", 4), -1);
  for (int id = 0; id < B_COUNT; id++) {
    cr_expect(builtin_info[id].name && builtin_info[id].name[0]);
    if (builtin_info[id].kind == BK_EXCEPTION) {
      cr_expect(builtin_is_exception(id));
      cr_expect(exc_class_matches(id, B_BaseException));
      cr_expect(exc_class_matches(id, id));
    } else {
      cr_expect(!builtin_is_exception(id));
      cr_expect(!exc_class_matches(id, B_BaseException));
    }
    if (builtin_info[id].kind == BK_METHOD) {
      int owner = builtin_info[id].parent;
      cr_expect(owner == B_str || owner == B_list || owner == B_dict);
    } else if (builtin_info[id].kind != BK_EXCEPTION) {
      cr_expect_eq(builtin_by_name(builtin_info[id].name, strlen(builtin_info[id].name)), id);
    }
  }
  cr_expect(exc_class_matches(B_ZeroDivisionError, B_ArithmeticError));
  cr_expect(exc_class_matches(B_KeyError, B_LookupError));
  cr_expect(exc_class_matches(B_UnboundLocalError, B_NameError));
  cr_expect(exc_class_matches(B_RecursionError, B_Exception));
  cr_expect(!exc_class_matches(B_KeyError, B_IndexError));
  cr_expect(!exc_class_matches(B_Exception, B_ValueError));
  cr_expect(!exc_class_matches(B_int, B_int));
  cr_expect(!exc_class_matches(-1, B_Exception));
  cr_expect(!exc_class_matches(B_COUNT, B_Exception));
  cr_expect(!builtin_is_exception(-1));
  cr_expect(!builtin_is_exception(B_COUNT));
}

Test(builtins, method_lookup_by_type) {
  VM *vm = test_vm_new();
  ObjStr *s = str_from_cstr(vm, "x");
  ObjList *l = list_new(vm, 0);
  ObjDict *d = dict_new(vm);
  cr_expect_eq(builtin_method_for(value_obj(&s->h), "join", 4), B_str_join);
  cr_expect_eq(builtin_method_for(value_obj(&l->h), "pop", 3), B_list_pop);
  cr_expect_eq(builtin_method_for(value_obj(&d->h), "pop", 3), B_dict_pop);
  cr_expect_eq(builtin_method_for(value_obj(&d->h), "append", 6), -1);
  cr_expect_eq(builtin_method_for(value_obj(&s->h), "joi", 3), -1);
  cr_expect_eq(builtin_method_for(value_int(1), "pop", 3), -1);
  cr_expect_eq(builtin_method_for(value_none(), "join", 4), -1);
  cr_expect_eq(builtin_method_for(value_builtin(B_str), "join", 4), -1);
  obj_decref(vm, &s->h);
  obj_decref(vm, &l->h);
  obj_decref(vm, &d->h);
  cr_expect_eq(test_vm_free(vm), 0);
}

static char *pending_message(VM *vm) {
  StrBuf sb;
  strbuf_init(&sb);
  cr_assert(vm->exc != NULL);
  exc_format_last_line(vm, vm->exc, &sb);
  ObjException *e = vm_take_exc(vm);
  obj_decref(vm, &e->h);
  char *r = strdup(sb.data ? sb.data : "");
  strbuf_free(&sb);
  return r;
}

#define EXPECT_PENDING(vm, want)        \
  do {                                  \
    char *m_ = pending_message(vm);     \
    cr_expect_str_eq(m_, want);         \
    free(m_);                           \
  } while (0)

/* Bytecode can call builtin_call with anything: bad ids, keyword names that
 * are not strings or outnumber the arguments, methods without self. */
Test(builtins, hostile_calls) {
  VM *vm = test_vm_new();
  Value args[3] = {value_int(1), value_int(2), value_int(3)}, r;
  cr_expect_eq(builtin_call(vm, -1, args, 1, NULL, &r), LS_ERR);
  EXPECT_PENDING(vm, "TypeError: invalid builtin -1");
  cr_expect_eq(builtin_call(vm, B_COUNT, args, 1, NULL, &r), LS_ERR);
  char want[64];
  snprintf(want, sizeof want, "TypeError: invalid builtin %d", B_COUNT);
  EXPECT_PENDING(vm, want);

  ObjTuple *kw = tuple_new(vm, 2);
  kw->items[0] = value_int(5);
  kw->items[1] = value_int(6);
  cr_expect_eq(builtin_call(vm, B_print, args, 1, kw, &r), LS_ERR);
  EXPECT_PENDING(vm, "TypeError: more keyword names than arguments");
  cr_expect_eq(builtin_call(vm, B_print, args, 3, kw, &r), LS_ERR);
  EXPECT_PENDING(vm, "TypeError: keywords must be strings");
  cr_expect_eq(builtin_call(vm, B_len, args, 3, kw, &r), LS_ERR);
  EXPECT_PENDING(vm, "TypeError: len() takes no keyword arguments");
  cr_expect_eq(builtin_call(vm, B_list_append, args, 3, kw, &r), LS_ERR);
  EXPECT_PENDING(vm, "TypeError: list.append() takes no keyword arguments");
  obj_decref(vm, &kw->h);

  ObjTuple *empty = tuple_new(vm, 0);
  cr_expect_eq(builtin_call(vm, B_len, args, 0, empty, &r), LS_ERR); /* no keywords: plain call */
  EXPECT_PENDING(vm, "TypeError: len() takes exactly one argument (0 given)");
  obj_decref(vm, &empty->h);

  cr_expect_eq(builtin_call(vm, B_dict_keys, args, 0, NULL, &r), LS_ERR);
  EXPECT_PENDING(vm, "TypeError: unbound method dict.keys() needs an argument");
  cr_expect_eq(builtin_call(vm, B_str_strip, args, 1, NULL, &r), LS_ERR);
  EXPECT_PENDING(vm, "TypeError: descriptor 'strip' for 'str' objects doesn't apply to a 'int' object");
  cr_expect_eq(test_vm_free(vm), 0);
}

static VM *vm_with_fuel(int64_t fuel) {
  VM *vm = test_vm_new();
  cr_assert(vm != NULL);
  vm->config.fuel = fuel;
  vm->fuel = fuel;
  return vm;
}

/* Builtins consuming endless iterables stop when the fuel runs out: one
 * unit per step of the iterator (iter_next_charged charges the step that
 * finds the end too). */
Test(builtins, endless_iterables_stop_on_fuel) {
  static const char *const srcs[] = {
      "sum(range(1000000000000000000))",
      "max(range(1000000000000000000))",
      "min(reversed(range(1000000000000000000)))",
      "list(range(1000000000000000000))",
      "tuple(range(1000000000000000000))",
      "sorted(range(1000000000000000000))",
      "''.join(reversed(range(1000000000000000000)))",
      "dict(enumerate(range(1000000000000000000)))",
      "x = []; x.extend(range(1000000000000000000))",
      "sum(zip(range(1000000000000000000)), ())",
  };
  for (size_t i = 0; i < sizeof srcs / sizeof srcs[0]; i++) {
    VM *vm = vm_with_fuel(500);
    EXPECT_RUN(vm, srcs[i], "<out of fuel>");
    cr_expect_eq(vm->fuel, 0, "%s", srcs[i]);
    cr_expect_eq(test_vm_free(vm), 0, "%s leaked", srcs[i]);
  }
  VM *vm = vm_with_fuel(500);
  EXPECT_RUN(vm, "sum(range(100))", "4950");
  cr_expect_eq(vm->fuel, 500 - 101);
  EXPECT_RUN(vm, "list(range(10))", "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]");
  cr_expect_eq(vm->fuel, 500 - 101 - 11);
  cr_expect_eq(test_vm_free(vm), 0);
}

static VM *vm_with_heap_room(int64_t room) {
  VM *vm = test_vm_new();
  cr_assert(vm != NULL);
  vm->max_heap = vm->heap_bytes + room;
  return vm;
}

Test(builtins, huge_results_raise_memory_error) {
  static const char *const srcs[] = {
      "'-'.join(['a' * 1000] * 100)",
      "x = 'a' * 1000; x.replace('a', x)",
      "x = 'a' * 1000; x.replace('', 'xyz' * 30)",
      "list(range(100000))",
      "sorted(range(100000))",
      "str(list(range(30000)))",
      "repr(['x' * 100] * 1000)",
      "dict(zip(range(10000), range(10000)))",
      "x = [1] * 1000; x.extend(x); x.extend(x); x.extend(x); x.extend(x)",
      "('ab' * 1000).split('b')",
  };
  for (size_t i = 0; i < sizeof srcs / sizeof srcs[0]; i++) {
    VM *vm = vm_with_heap_room(64 * 1024);
    int64_t before = vm->heap_bytes;
    EXPECT_RUN(vm, srcs[i], "MemoryError");
    cr_expect_eq(vm->heap_bytes, before, "%s: heap not restored", srcs[i]);
    EXPECT_RUN(vm, "'-'.join(['o', 'k'])", "'o-k'");
    cr_expect_eq(test_vm_free(vm), 0, "%s leaked", srcs[i]);
  }
}

/* Sorting uses a charged scratch buffer and gives it back. */
Test(builtins, sort_scratch_is_released) {
  VM *vm = test_vm_new();
  int64_t before = vm->heap_bytes;
  EXPECT_RUN(vm, "x = list(range(300)); y = sorted(x + x); len(y)", "600");
  cr_expect_eq(vm->heap_bytes, before);
  cr_expect_eq(test_vm_free(vm), 0);
}

/* print writes piece by piece, like CPython: an error in str() of a later
 * argument leaves the earlier ones written. */
Test(builtins, print_partial_output_on_error) {
  VM *vm = test_vm_new();
  Value a = value_int(1), deep = value_int(0);
  for (int i = 0; i < 5000; i++) {
    ObjList *l = list_new(vm, 1);
    list_append(vm, l, deep);
    value_decref(vm, deep);
    deep = value_obj(&l->h);
  }
  Value args[2] = {a, deep}, r;
  cr_expect_eq(builtin_call(vm, B_print, args, 2, NULL, &r), LS_ERR);
  EXPECT_PENDING(vm, "RecursionError: maximum recursion depth exceeded while getting the repr of an object");
  cr_expect_eq(vm->out.len, 2);
  cr_expect(memcmp(vm->out.data, "1 ", 2) == 0);
  value_decref(vm, deep);
  cr_expect_eq(test_vm_free(vm), 0);
}

/* Deeply nested tuples of classes in isinstance are bounded too. */
Test(builtins, isinstance_deep_tuple_is_bounded) {
  VM *vm = test_vm_new();
  Value cls = value_builtin(B_str);
  for (int i = 0; i < 100000; i++) {
    ObjTuple *t = tuple_new(vm, 1);
    t->items[0] = cls;
    cls = value_obj(&t->h);
  }
  Value args[2] = {value_int(1), cls}, r;
  cr_expect_eq(builtin_call(vm, B_isinstance, args, 2, NULL, &r), LS_ERR);
  EXPECT_PENDING(vm, "RecursionError: maximum recursion depth exceeded in __instancecheck__");
  cr_expect_eq(vm->repr_depth, 0);
  value_decref(vm, cls);
  cr_expect_eq(test_vm_free(vm), 0);
}
