/* The statement evaluator and case tables shared by test_ops.c and
 * test_builtins.c (see tests/case_eval.h). */
#include <criterion/criterion.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tests/case_eval.h"
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
 * (Shared by test_ops.c and test_builtins.c.) */

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
char *ev_run(VM *vm, const char *src) {
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

/* Each case runs in a fresh VM, which must end with no live objects. */
void check_cases(const Case *cases, size_t n) {
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

