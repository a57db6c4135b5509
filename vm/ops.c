/* Operator semantics: unary and binary operators, comparisons, membership,
 * subscripts, slices and unpacking, with CPython 3.11's results and error
 * messages. Ints are int64: any result that does not fit raises
 * OverflowError("integer overflow") where CPython would grow a big int.
 *
 * Every engine calls these (the JIT's uops fall back on them), so a fast path
 * elsewhere may only ever agree with what is computed here. */
#include "vm/ops.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vm/builtins.h"
#include "vm/dict.h"
#include "vm/exc.h"
#include "vm/heap.h"
#include "vm/iter.h"
#include "vm/list.h"
#include "vm/opcodes.h"
#include "vm/str.h"

__extension__ typedef unsigned __int128 ops_u128;

/* ------------------------------------------------------------------------ */
/* int64 arithmetic                                                          */

bool int_add(int64_t a, int64_t b, int64_t *r) { return !__builtin_add_overflow(a, b, r); }
bool int_sub(int64_t a, int64_t b, int64_t *r) { return !__builtin_sub_overflow(a, b, r); }
bool int_mul(int64_t a, int64_t b, int64_t *r) { return !__builtin_mul_overflow(a, b, r); }

static Status raise_overflow(VM *vm) { return vm_raise(vm, B_OverflowError, "integer overflow"); }

static uint64_t u64_abs(int64_t v) { return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v; }

static int bit_length(uint64_t v) { return v ? 64 - __builtin_clzll(v) : 0; }

/* a / b correctly rounded, as CPython's long_true_divide (b != 0). Operands
 * of at most 53 bits convert exactly, so one float division rounds once;
 * larger ones are divided in 128-bit integers with a sticky bit, so the
 * conversion to double is the only rounding. */
static double int_true_divide(int64_t a, int64_t b) {
  const uint64_t exact = (uint64_t)1 << 53;
  uint64_t ua = u64_abs(a), ub = u64_abs(b);
  if (ua <= exact && ub <= exact) return (double)a / (double)b;
  bool negative = (a < 0) != (b < 0);
  if (ua == 0) return negative ? -0.0 : 0.0;
  /* Scale so the integer quotient has at least 55 significant bits: the
   * sticky bit then lies below the rounding position. */
  int shift = 56 + bit_length(ub) - bit_length(ua);
  if (shift < 0) shift = 0;
  ops_u128 num = (ops_u128)ua << shift;
  uint64_t q = (uint64_t)(num / ub);
  if (num % ub != 0) q |= 1;
  double r = ldexp((double)q, -shift);
  return negative ? -r : r;
}

/* Exact comparison of an int64 with a double: -1, 0 or 1; 2 when d is NaN. */
static int cmp_int_double(int64_t i, double d) {
  if (isnan(d)) return 2;
  if (d >= 9223372036854775808.0) return -1;
  if (d < -9223372036854775808.0) return 1;
  double t = trunc(d); /* in [-2**63, 2**63): converts exactly */
  int64_t ti = (int64_t)t;
  if (i != ti) return i < ti ? -1 : 1;
  double frac = d - t;
  return frac > 0 ? -1 : frac < 0 ? 1 : 0;
}

/* ------------------------------------------------------------------------ */
/* float arithmetic, as CPython's floatobject.c                              */

static bool float_is_odd_integer(double w) { return fmod(fabs(w), 2.0) == 1.0; }

static Status float_pow(VM *vm, double iv, double iw, Value *out) {
  if (iw == 0.0) return (*out = value_float(1.0), LS_OK);
  if (isnan(iv)) return (*out = value_float(iv), LS_OK);
  if (isnan(iw)) return (*out = value_float(iv == 1.0 ? 1.0 : iw), LS_OK);
  if (isinf(iw)) {
    double av = fabs(iv);
    if (av == 1.0) return (*out = value_float(1.0), LS_OK);
    *out = value_float((iw > 0) == (av > 1.0) ? fabs(iw) : 0.0);
    return LS_OK;
  }
  if (isinf(iv)) {
    bool odd = float_is_odd_integer(iw);
    if (iw > 0) *out = value_float(odd ? iv : fabs(iv));
    else *out = value_float(odd ? copysign(0.0, iv) : 0.0);
    return LS_OK;
  }
  if (iv == 0.0) {
    if (iw < 0.0) return vm_raise(vm, B_ZeroDivisionError, "0.0 cannot be raised to a negative power");
    *out = value_float(float_is_odd_integer(iw) ? iv : 0.0);
    return LS_OK;
  }
  bool negate = false;
  if (iv < 0.0) {
    /* CPython returns a complex number here; lockstep has no complex type,
     * so it raises what math.pow raises for the same operands. */
    if (iw != floor(iw)) return vm_raise(vm, B_ValueError, "math domain error");
    negate = float_is_odd_integer(iw);
    iv = -iv;
  }
  if (iv == 1.0) return (*out = value_float(negate ? -1.0 : 1.0), LS_OK);
  double r = pow(iv, iw);
  /* CPython reports ERANGE only for overflow (an underflow to zero or a
   * subnormal is not an error); finite operands overflow exactly when the
   * result is infinite. */
  if (isinf(r)) return vm_raise(vm, B_OverflowError, "(34, 'Numerical result out of range')");
  *out = value_float(negate ? -r : r);
  return LS_OK;
}

/* CPython's _float_div_mod: floor quotient and modulo with the divisor's
 * sign (wx != 0). */
static void float_divmod(double vx, double wx, double *floordiv, double *mod) {
  double m = fmod(vx, wx);
  double div = (vx - m) / wx;
  if (m != 0.0) {
    if ((wx < 0) != (m < 0)) {
      m += wx;
      div -= 1.0;
    }
  } else {
    m = copysign(0.0, wx);
  }
  double fd;
  if (div != 0.0) {
    fd = floor(div);
    if (div - fd > 0.5) fd += 1.0;
  } else {
    fd = copysign(0.0, vx / wx);
  }
  *floordiv = fd;
  *mod = m;
}

static Status float_binary(VM *vm, int op, double x, double y, Value *out) {
  double q, m;
  switch (op) {
  case BINOP_ADD: *out = value_float(x + y); return LS_OK;
  case BINOP_SUB: *out = value_float(x - y); return LS_OK;
  case BINOP_MUL: *out = value_float(x * y); return LS_OK;
  case BINOP_TRUEDIV:
    if (y == 0.0) return vm_raise(vm, B_ZeroDivisionError, "float division by zero");
    *out = value_float(x / y);
    return LS_OK;
  case BINOP_FLOORDIV:
    if (y == 0.0) return vm_raise(vm, B_ZeroDivisionError, "float floor division by zero");
    float_divmod(x, y, &q, &m);
    *out = value_float(q);
    return LS_OK;
  case BINOP_MOD:
    if (y == 0.0) return vm_raise(vm, B_ZeroDivisionError, "float modulo");
    float_divmod(x, y, &q, &m);
    *out = value_float(m);
    return LS_OK;
  case BINOP_POW: return float_pow(vm, x, y, out);
  default: break;
  }
  return vm_raise(vm, B_TypeError, "invalid float operator %d", op);
}

/* ------------------------------------------------------------------------ */
/* int arithmetic                                                            */

static Status int_pow(VM *vm, int64_t base, int64_t exp, Value *out) {
  if (exp < 0) {
    if (base == 0) return vm_raise(vm, B_ZeroDivisionError, "0.0 cannot be raised to a negative power");
    return float_pow(vm, (double)base, (double)exp, out);
  }
  /* Square-and-multiply. When squaring the base overflows while exponent
   * bits remain, the exact result is at least that square: overflow too. */
  int64_t result = 1;
  while (exp) {
    if ((exp & 1) && !int_mul(result, base, &result)) return raise_overflow(vm);
    exp >>= 1;
    if (exp && !int_mul(base, base, &base)) return raise_overflow(vm);
  }
  *out = value_int(result);
  return LS_OK;
}

static Status int_lshift(VM *vm, int64_t x, int64_t n, Value *out) {
  if (n < 0) return vm_raise(vm, B_ValueError, "negative shift count");
  if (x == 0) return (*out = value_int(0), LS_OK);
  if (n > 63) return raise_overflow(vm);
  if (x > (INT64_MAX >> n) || x < (INT64_MIN >> n)) return raise_overflow(vm);
  *out = value_int((int64_t)((uint64_t)x << n));
  return LS_OK;
}

static Status int_rshift(VM *vm, int64_t x, int64_t n, Value *out) {
  if (n < 0) return vm_raise(vm, B_ValueError, "negative shift count");
  if (n > 63) *out = value_int(x < 0 ? -1 : 0);
  else *out = value_int(x >> n); /* arithmetic shift (gcc, clang) = floor */
  return LS_OK;
}

static Status int_binary(VM *vm, int op, Value a, Value b, Value *out) {
  int64_t x = a.as.i, y = b.as.i, r;
  bool both_bool = a.tag == V_BOOL && b.tag == V_BOOL;
  switch (op) {
  case BINOP_ADD:
    if (!int_add(x, y, &r)) return raise_overflow(vm);
    break;
  case BINOP_SUB:
    if (!int_sub(x, y, &r)) return raise_overflow(vm);
    break;
  case BINOP_MUL:
    if (!int_mul(x, y, &r)) return raise_overflow(vm);
    break;
  case BINOP_TRUEDIV:
    if (y == 0) return vm_raise(vm, B_ZeroDivisionError, "division by zero");
    *out = value_float(int_true_divide(x, y));
    return LS_OK;
  case BINOP_FLOORDIV:
    if (y == 0) return vm_raise(vm, B_ZeroDivisionError, "integer division or modulo by zero");
    if (x == INT64_MIN && y == -1) return raise_overflow(vm);
    r = x / y;
    if (x % y != 0 && ((x < 0) != (y < 0))) r--;
    break;
  case BINOP_MOD:
    if (y == 0) return vm_raise(vm, B_ZeroDivisionError, "integer modulo by zero");
    if (y == -1) {
      r = 0; /* INT64_MIN % -1 is undefined in C */
      break;
    }
    r = x % y;
    if (r != 0 && ((r < 0) != (y < 0))) r += y;
    break;
  case BINOP_POW: return int_pow(vm, x, y, out);
  case BINOP_LSHIFT: return int_lshift(vm, x, y, out);
  case BINOP_RSHIFT: return int_rshift(vm, x, y, out);
  case BINOP_AND:
    *out = both_bool ? value_bool(x & y) : value_int(x & y);
    return LS_OK;
  case BINOP_OR:
    *out = both_bool ? value_bool(x | y) : value_int(x | y);
    return LS_OK;
  case BINOP_XOR:
    *out = both_bool ? value_bool(x ^ y) : value_int(x ^ y);
    return LS_OK;
  default: return vm_raise(vm, B_TypeError, "invalid int operator %d", op);
  }
  *out = value_int(r);
  return LS_OK;
}

/* ------------------------------------------------------------------------ */
/* sequences: concatenation and repetition                                   */

static bool is_number(Value v) { return v.tag == V_INT || v.tag == V_BOOL || v.tag == V_FLOAT; }
static double number_as_double(Value v) { return v.tag == V_FLOAT ? v.as.f : (double)v.as.i; }

static bool is_sequence(Value v) {
  return value_is_kind(v, OBJ_STR) || value_is_kind(v, OBJ_LIST) || value_is_kind(v, OBJ_TUPLE);
}

/* MemoryError unless `bytes` more could be charged to the heap. Checked
 * before a scratch buffer is built, so a huge result is refused without a
 * huge malloc; the str made afterwards is charged as usual. */
static Status heap_room(VM *vm, uint64_t bytes) {
  int64_t room = vm->max_heap - vm->heap_bytes;
  if (room < 0 || bytes > (uint64_t)room) return vm_raise_noarg(vm, B_MemoryError);
  return LS_OK;
}

static Status str_value_from(VM *vm, const char *data, size_t len, Value *out) {
  ObjStr *s = str_new(vm, data, len);
  if (!s) return LS_ERR;
  *out = value_obj(&s->h);
  return LS_OK;
}

static Status str_concat(VM *vm, const ObjStr *a, const ObjStr *b, Value *out) {
  uint64_t total = (uint64_t)a->nbytes + (uint64_t)b->nbytes;
  if (heap_room(vm, total) != LS_OK) return LS_ERR;
  char *buf = malloc(total ? total : 1);
  if (!buf) return vm_raise_noarg(vm, B_MemoryError);
  memcpy(buf, a->data, (size_t)a->nbytes);
  memcpy(buf + a->nbytes, b->data, (size_t)b->nbytes);
  Status st = str_value_from(vm, buf, total, out);
  free(buf);
  return st;
}

static Status str_repeat(VM *vm, const ObjStr *s, int64_t n, Value *out) {
  if (n <= 0 || s->nbytes == 0) return str_value_from(vm, "", 0, out);
  if ((uint64_t)n > (uint64_t)INT64_MAX / (uint64_t)s->nbytes) return vm_raise_noarg(vm, B_MemoryError);
  uint64_t total = (uint64_t)s->nbytes * (uint64_t)n;
  if (heap_room(vm, total) != LS_OK) return LS_ERR;
  char *buf = malloc(total);
  if (!buf) return vm_raise_noarg(vm, B_MemoryError);
  for (int64_t i = 0; i < n; i++) memcpy(buf + (size_t)i * (size_t)s->nbytes, s->data, (size_t)s->nbytes);
  Status st = str_value_from(vm, buf, total, out);
  free(buf);
  return st;
}

/* The items of a list or tuple (borrowed). */
static Value *seq_items(Value v, int64_t *len) {
  if (value_is_kind(v, OBJ_LIST)) {
    *len = AS_LIST(v)->len;
    return AS_LIST(v)->items;
  }
  *len = AS_TUPLE(v)->len;
  return AS_TUPLE(v)->items;
}

/* A new list or tuple (`kind`) holding new references to the items of a
 * followed by those of b. */
static Status seq_build(VM *vm, ObjKind kind, const Value *a, int64_t na, const Value *b, int64_t nb,
                        Value *out) {
  if (na > INT64_MAX / (int64_t)sizeof(Value) - nb) return vm_raise_noarg(vm, B_MemoryError);
  int64_t n = na + nb;
  Value *dst;
  if (kind == OBJ_LIST) {
    ObjList *l = list_new(vm, n);
    if (!l) return LS_ERR;
    l->len = n;
    dst = l->items;
    *out = value_obj(&l->h);
  } else {
    ObjTuple *t = tuple_new(vm, n);
    if (!t) return LS_ERR;
    dst = t->items;
    *out = value_obj(&t->h);
  }
  for (int64_t i = 0; i < na; i++) {
    dst[i] = a[i];
    value_incref(a[i]);
  }
  for (int64_t i = 0; i < nb; i++) {
    dst[na + i] = b[i];
    value_incref(b[i]);
  }
  return LS_OK;
}

static Status seq_repeat_items(VM *vm, ObjKind kind, const Value *items, int64_t len, int64_t n,
                               Value *out) {
  if (n < 0 || len == 0) n = 0;
  if (n > 0 && len > INT64_MAX / (int64_t)sizeof(Value) / n) return vm_raise_noarg(vm, B_MemoryError);
  int64_t total = len * n;
  Value *dst;
  if (kind == OBJ_LIST) {
    ObjList *l = list_new(vm, total);
    if (!l) return LS_ERR;
    l->len = total;
    dst = l->items;
    *out = value_obj(&l->h);
  } else {
    ObjTuple *t = tuple_new(vm, total);
    if (!t) return LS_ERR;
    dst = t->items;
    *out = value_obj(&t->h);
  }
  for (int64_t i = 0; i < total; i++) {
    dst[i] = items[i % len];
    value_incref(dst[i]);
  }
  return LS_OK;
}

static Status seq_concat(VM *vm, Value a, Value b, Value *out) {
  ObjKind kind = (ObjKind)a.as.o->kind;
  if (!value_is_kind(b, kind)) {
    return vm_raise(vm, B_TypeError, "can only concatenate %s (not \"%s\") to %s", value_type_name(a),
                    value_type_name(b), value_type_name(a));
  }
  if (kind == OBJ_STR) return str_concat(vm, AS_STR(a), AS_STR(b), out);
  int64_t na, nb;
  Value *ia = seq_items(a, &na), *ib = seq_items(b, &nb);
  return seq_build(vm, kind, ia, na, ib, nb, out);
}

static Status seq_repeat(VM *vm, Value seq, Value count, Value *out) {
  if (!value_is_intlike(count)) {
    return vm_raise(vm, B_TypeError, "can't multiply sequence by non-int of type '%s'", value_type_name(count));
  }
  int64_t n = count.as.i;
  if (value_is_kind(seq, OBJ_STR)) return str_repeat(vm, AS_STR(seq), n, out);
  int64_t len;
  Value *items = seq_items(seq, &len);
  return seq_repeat_items(vm, (ObjKind)seq.as.o->kind, items, len, n, out);
}

/* ------------------------------------------------------------------------ */
/* in-place list operators                                                   */

static Status list_extend_values(VM *vm, ObjList *l, const Value *items, int64_t n) {
  if (n == 0) return LS_OK;
  if (l->len > INT64_MAX / (int64_t)sizeof(Value) - n) return vm_raise_noarg(vm, B_MemoryError);
  if (list_reserve(vm, l, l->len + n) != LS_OK) return LS_ERR;
  for (int64_t i = 0; i < n; i++) {
    l->items[l->len + i] = items[i];
    value_incref(items[i]);
  }
  l->len += n;
  return LS_OK;
}

/* list += iterable (list.extend): one unit of fuel per item of a general
 * iterable, since it may be endless (range(10**18)). */
static Status list_inplace_extend(VM *vm, ObjList *l, Value other) {
  if (value_is_kind(other, OBJ_LIST) || value_is_kind(other, OBJ_TUPLE)) {
    int64_t n;
    Value *items = seq_items(other, &n);
    /* `l += l`: reserve first, then copy the n items counted before. */
    if (l->len > INT64_MAX / (int64_t)sizeof(Value) - n) return vm_raise_noarg(vm, B_MemoryError);
    if (list_reserve(vm, l, l->len + n) != LS_OK) return LS_ERR;
    items = seq_items(other, &n);
    return list_extend_values(vm, l, items, n);
  }
  Value it;
  if (iter_new(vm, other, &it) != LS_OK) return LS_ERR;
  Status st = LS_OK;
  for (;;) {
    Value item;
    bool done;
    st = iter_next_charged(vm, it, &item, &done);
    if (st != LS_OK || done) break;
    st = list_append(vm, l, item);
    value_decref(vm, item);
    if (st != LS_OK) break;
  }
  value_decref(vm, it);
  return st;
}

static void list_clear_items(VM *vm, ObjList *l) {
  int64_t n = l->len;
  l->len = 0;
  for (int64_t i = 0; i < n; i++) value_decref(vm, l->items[i]);
}

static Status list_inplace_repeat(VM *vm, ObjList *l, Value count) {
  if (!value_is_intlike(count)) {
    return vm_raise(vm, B_TypeError, "can't multiply sequence by non-int of type '%s'", value_type_name(count));
  }
  int64_t n = count.as.i, len = l->len;
  if (n <= 0) {
    list_clear_items(vm, l);
    return LS_OK;
  }
  if (n == 1 || len == 0) return LS_OK;
  if (len > INT64_MAX / (int64_t)sizeof(Value) / n) return vm_raise_noarg(vm, B_MemoryError);
  int64_t total = len * n;
  if (list_reserve(vm, l, total) != LS_OK) return LS_ERR;
  for (int64_t i = len; i < total; i++) {
    l->items[i] = l->items[i - len];
    value_incref(l->items[i]);
  }
  l->len = total;
  return LS_OK;
}

/* ------------------------------------------------------------------------ */
/* BINARY_OP                                                                 */

static bool op_is_arithmetic(int op) {
  return op == BINOP_ADD || op == BINOP_SUB || op == BINOP_MUL || op == BINOP_TRUEDIV || op == BINOP_FLOORDIV ||
         op == BINOP_MOD || op == BINOP_POW;
}

static Status unsupported_operands(VM *vm, int binop, Value a, Value b) {
  const char *sym = binop == BINOP_POW ? "** or pow()" : binop_symbol(binop);
  return vm_raise(vm, B_TypeError, "unsupported operand type(s) for %s: '%s' and '%s'", sym, value_type_name(a),
                  value_type_name(b));
}

Status op_binary(VM *vm, int binop, Value a, Value b, Value *out) {
  if (binop < 0 || binop >= BINOP_COUNT) return vm_raise(vm, B_TypeError, "invalid binary operator %d", binop);
  int op = binop >= BINOP_INPLACE_BASE ? binop - BINOP_INPLACE_BASE : binop;
  if (value_is_intlike(a) && value_is_intlike(b)) return int_binary(vm, op, a, b, out);
  if (is_number(a) && is_number(b)) {
    if (!op_is_arithmetic(op)) return unsupported_operands(vm, binop, a, b);
    return float_binary(vm, op, number_as_double(a), number_as_double(b), out);
  }
  if (binop >= BINOP_INPLACE_BASE && value_is_kind(a, OBJ_LIST) && (op == BINOP_ADD || op == BINOP_MUL)) {
    Status st = op == BINOP_ADD ? list_inplace_extend(vm, AS_LIST(a), b) : list_inplace_repeat(vm, AS_LIST(a), b);
    if (st != LS_OK) return LS_ERR;
    value_incref(a);
    *out = a;
    return LS_OK;
  }
  if (op == BINOP_ADD && is_sequence(a)) return seq_concat(vm, a, b, out);
  if (op == BINOP_MUL) {
    if (is_sequence(a)) return seq_repeat(vm, a, b, out);
    if (is_sequence(b)) return seq_repeat(vm, b, a, out);
  }
  return unsupported_operands(vm, binop, a, b);
}

/* ------------------------------------------------------------------------ */
/* UNARY_*                                                                   */

Status op_unary(VM *vm, int opcode, Value a, Value *out) {
  const char *sym;
  switch (opcode) {
  case OP_UNARY_NOT: *out = value_bool(!value_truthy(a)); return LS_OK;
  case OP_UNARY_NEGATIVE:
    if (value_is_intlike(a)) {
      if (a.as.i == INT64_MIN) return raise_overflow(vm);
      *out = value_int(-a.as.i);
      return LS_OK;
    }
    if (a.tag == V_FLOAT) return (*out = value_float(-a.as.f), LS_OK);
    sym = "-";
    break;
  case OP_UNARY_POSITIVE:
    if (value_is_intlike(a)) return (*out = value_int(a.as.i), LS_OK);
    if (a.tag == V_FLOAT) return (*out = a, LS_OK);
    sym = "+";
    break;
  case OP_UNARY_INVERT:
    if (value_is_intlike(a)) return (*out = value_int(~a.as.i), LS_OK);
    sym = "~";
    break;
  default: return vm_raise(vm, B_TypeError, "invalid unary opcode %d", opcode);
  }
  return vm_raise(vm, B_TypeError, "bad operand type for unary %s: '%s'", sym, value_type_name(a));
}

/* ------------------------------------------------------------------------ */
/* COMPARE_OP                                                                */

/* Whether `cmpop` holds for an ordering c (-1, 0, 1; 2 = unordered, NaN). */
static bool cmp_holds(int cmpop, int c) {
  if (c == 2) return cmpop == CMPOP_NE;
  switch (cmpop) {
  case CMPOP_LT: return c < 0;
  case CMPOP_LE: return c <= 0;
  case CMPOP_EQ: return c == 0;
  case CMPOP_NE: return c != 0;
  case CMPOP_GT: return c > 0;
  case CMPOP_GE: return c >= 0;
  default: return false;
  }
}

static int cmp_numbers(Value a, Value b) {
  if (value_is_intlike(a) && value_is_intlike(b)) return a.as.i < b.as.i ? -1 : a.as.i > b.as.i;
  if (a.tag == V_FLOAT && b.tag == V_FLOAT) {
    if (isnan(a.as.f) || isnan(b.as.f)) return 2;
    return a.as.f < b.as.f ? -1 : a.as.f > b.as.f;
  }
  if (a.tag == V_FLOAT) {
    int c = cmp_int_double(b.as.i, a.as.f);
    return c == 2 ? 2 : -c;
  }
  return cmp_int_double(a.as.i, b.as.f);
}

/* Ordering nested lists/tuples recurses, and their depth is up to the
 * program: bound it like value.c bounds == and repr, by the frame limit
 * shared between Python frames and nested comparisons (as in CPython). */
static Status enter_nesting(VM *vm) {
  int64_t limit = vm->config.max_depth > 0 ? vm->config.max_depth : VM_DEFAULT_MAX_DEPTH;
  if ((int64_t)vm->depth + vm->repr_depth >= limit)
    return vm_raise(vm, B_RecursionError, "maximum recursion depth exceeded in comparison");
  vm->repr_depth++;
  return LS_OK;
}

static Status compare_values(VM *vm, int cmpop, Value a, Value b, bool *out);

/* Lexicographic ordering of two lists or two tuples, as CPython: the first
 * index where the items differ by == decides with the same operator; when
 * one is a prefix of the other, the lengths decide. */
static Status seq_order(VM *vm, int cmpop, Value a, Value b, bool *out) {
  if (enter_nesting(vm) != LS_OK) return LS_ERR;
  Status st = LS_OK;
  int64_t i = 0;
  for (;; i++) {
    int64_t na, nb;
    Value *ia = seq_items(a, &na), *ib = seq_items(b, &nb);
    if (i >= na || i >= nb) {
      *out = cmp_holds(cmpop, na < nb ? -1 : na > nb);
      break;
    }
    bool eq;
    st = value_equal(vm, ia[i], ib[i], &eq);
    if (st != LS_OK) break;
    if (!eq) {
      st = compare_values(vm, cmpop, ia[i], ib[i], out);
      break;
    }
  }
  vm->repr_depth--;
  return st;
}

static bool is_setlike_view(Value v) {
  return value_is_kind(v, OBJ_DICTVIEW) && AS_DICTVIEW(v)->view != VIEW_VALUES;
}

/* Is every element of view `a` in view `b`? Items are (key, value) pairs. */
static Status view_contained_in(VM *vm, const ObjDictView *a, const ObjDictView *b, bool *out) {
  const ObjDict *d = a->dict;
  *out = true;
  for (int64_t i = 0; i < d->nentries && *out; i++) {
    const DictEntry *e = &d->entries[i];
    if (e->deleted) continue;
    if (a->view == VIEW_KEYS) {
      if (dictview_has(vm, b, e->key, out) != LS_OK) return LS_ERR;
      continue;
    }
    ObjTuple *pair = tuple_pair_new(vm, e->key, e->value);
    if (!pair) return LS_ERR;
    Status st = dictview_has(vm, b, value_obj(&pair->h), out);
    obj_decref(vm, &pair->h);
    if (st != LS_OK) return LS_ERR;
  }
  return LS_OK;
}

/* dict_keys and dict_items order like sets (CPython's dictview_richcompare):
 * a < b when a is a proper subset of b. */
static Status view_order(VM *vm, int cmpop, const ObjDictView *a, const ObjDictView *b, bool *out) {
  int64_t na = a->dict->len, nb = b->dict->len;
  *out = false;
  switch (cmpop) {
  case CMPOP_LT: return na < nb ? view_contained_in(vm, a, b, out) : LS_OK;
  case CMPOP_LE: return na <= nb ? view_contained_in(vm, a, b, out) : LS_OK;
  case CMPOP_GT: return na > nb ? view_contained_in(vm, b, a, out) : LS_OK;
  case CMPOP_GE: return na >= nb ? view_contained_in(vm, b, a, out) : LS_OK;
  default: return LS_OK;
  }
}

static Status compare_values(VM *vm, int cmpop, Value a, Value b, bool *out) {
  if (cmpop < 0 || cmpop >= CMPOP_COUNT) return vm_raise(vm, B_TypeError, "invalid comparison %d", cmpop);
  if (is_number(a) && is_number(b)) return (*out = cmp_holds(cmpop, cmp_numbers(a, b)), LS_OK);
  bool equality = cmpop == CMPOP_EQ || cmpop == CMPOP_NE;
  if (value_is_kind(a, OBJ_STR) && value_is_kind(b, OBJ_STR)) {
    if (equality) return (*out = str_equal(AS_STR(a), AS_STR(b)) == (cmpop == CMPOP_EQ), LS_OK);
    int c = str_compare(AS_STR(a), AS_STR(b));
    return (*out = cmp_holds(cmpop, c < 0 ? -1 : c > 0), LS_OK);
  }
  if (equality) {
    bool eq;
    if (value_equal(vm, a, b, &eq) != LS_OK) return LS_ERR;
    *out = eq == (cmpop == CMPOP_EQ);
    return LS_OK;
  }
  if ((value_is_kind(a, OBJ_LIST) && value_is_kind(b, OBJ_LIST)) ||
      (value_is_kind(a, OBJ_TUPLE) && value_is_kind(b, OBJ_TUPLE)))
    return seq_order(vm, cmpop, a, b, out);
  if (is_setlike_view(a) && is_setlike_view(b)) return view_order(vm, cmpop, AS_DICTVIEW(a), AS_DICTVIEW(b), out);
  return vm_raise(vm, B_TypeError, "'%s' not supported between instances of '%s' and '%s'", cmpop_symbol(cmpop),
                  value_type_name(a), value_type_name(b));
}

Status op_compare(VM *vm, int cmpop, Value a, Value b, Value *out) {
  bool r;
  if (compare_values(vm, cmpop, a, b, &r) != LS_OK) return LS_ERR;
  *out = value_bool(r);
  return LS_OK;
}

/* ------------------------------------------------------------------------ */
/* CONTAINS_OP                                                               */

static bool range_contains_int(const ObjRange *r, int64_t x) {
  uint64_t diff, step;
  if (r->step > 0) {
    if (x < r->start || x >= r->stop) return false;
    diff = (uint64_t)x - (uint64_t)r->start;
    step = (uint64_t)r->step;
  } else {
    if (x > r->start || x <= r->stop) return false;
    diff = (uint64_t)r->start - (uint64_t)x;
    step = (uint64_t)0 - (uint64_t)r->step;
  }
  return diff % step == 0;
}

/* CPython tests a non-int against a range by == with each item; only an
 * integral float can be equal to one, so that is decided arithmetically. */
static bool range_contains(const ObjRange *r, Value item) {
  if (value_is_intlike(item)) return range_contains_int(r, item.as.i);
  if (item.tag != V_FLOAT) return false;
  double f = item.as.f;
  if (!isfinite(f) || f != floor(f) || f < -9223372036854775808.0 || f >= 9223372036854775808.0) return false;
  return range_contains_int(r, (int64_t)f);
}

/* CPython's PyObject_RichCompareBool: identical values are equal without
 * a comparison (so a NaN is found in a list holding that same NaN). */
static Status equal_or_same(VM *vm, Value a, Value b, bool *out) {
  if (value_is(a, b)) return (*out = true, LS_OK);
  return value_equal(vm, a, b, out);
}

static Status items_contain(VM *vm, Value item, Value seq, bool *out) {
  *out = false;
  for (int64_t i = 0;; i++) {
    int64_t n;
    Value *items = seq_items(seq, &n);
    if (i >= n) return LS_OK;
    if (equal_or_same(vm, items[i], item, out) != LS_OK) return LS_ERR;
    if (*out) return LS_OK;
  }
}

/* `x in iterator` consumes it up to the first match (one unit of fuel per
 * item: the iterator may be endless). */
static Status iterator_contains(VM *vm, Value item, Value it, bool *out) {
  *out = false;
  for (;;) {
    Value v;
    bool done;
    if (iter_next_charged(vm, it, &v, &done) != LS_OK) return LS_ERR;
    if (done) return LS_OK;
    Status st = equal_or_same(vm, v, item, out);
    value_decref(vm, v);
    if (st != LS_OK) return LS_ERR;
    if (*out) return LS_OK;
  }
}

Status op_contains(VM *vm, Value item, Value container, bool *out) {
  Value found;
  switch (value_obj_kind(container)) {
  case OBJ_STR: {
    if (!value_is_kind(item, OBJ_STR)) {
      return vm_raise(vm, B_TypeError, "'in <string>' requires string as left operand, not %s",
                      value_type_name(item));
    }
    const ObjStr *hay = AS_STR(container), *needle = AS_STR(item);
    /* Byte search is exact: a valid UTF-8 needle only matches on code point
     * boundaries of a valid UTF-8 haystack. */
    *out = needle->nbytes == 0 ||
           memmem(hay->data, (size_t)hay->nbytes, needle->data, (size_t)needle->nbytes) != NULL;
    return LS_OK;
  }
  case OBJ_LIST:
  case OBJ_TUPLE: return items_contain(vm, item, container, out);
  case OBJ_DICT: return dict_get(vm, AS_DICT(container), item, &found, out);
  case OBJ_DICTVIEW: return dictview_has(vm, AS_DICTVIEW(container), item, out);
  case OBJ_RANGE: *out = range_contains(AS_RANGE(container), item); return LS_OK;
  case OBJ_ITER: return iterator_contains(vm, item, container, out);
  default: break;
  }
  return vm_raise(vm, B_TypeError, "argument of type '%s' is not iterable", value_type_name(container));
}

/* ------------------------------------------------------------------------ */
/* subscripts                                                                */

/* A Python index (negative counts from the end) into [0, len). */
static bool index_normalize(int64_t *i, int64_t len) {
  if (*i < 0) *i += len;
  return *i >= 0 && *i < len;
}

static Status str_char_at(VM *vm, const ObjStr *s, int64_t index, Value *out) {
  int64_t off = s->nchars == s->nbytes ? index : str_byte_offset(s, index);
  int64_t len = s->nchars == s->nbytes ? 1 : utf8_seq_len((unsigned char)s->data[off]);
  if (off + len > s->nbytes) len = s->nbytes - off;
  return str_value_from(vm, s->data + off, (size_t)len, out);
}

static int64_t range_item(const ObjRange *r, uint64_t k) {
  /* The exact result is an item of the range, so it fits; wrapping unsigned
   * arithmetic gets there without signed overflow on the way. */
  return (int64_t)((uint64_t)r->start + k * (uint64_t)r->step);
}

static bool builtin_info_is_class(Value v) {
  return v.as.i >= 0 && v.as.i < B_COUNT &&
         (builtin_info[v.as.i].kind == BK_TYPE || builtin_info[v.as.i].kind == BK_EXCEPTION);
}

static Status raise_not_subscriptable(VM *vm, Value container) {
  /* A class: CPython 3.11 words it differently (and gives list, tuple and
   * dict a generic alias, which lockstep does not have). */
  if (container.tag == V_BUILTIN && builtin_info_is_class(container))
    return vm_raise(vm, B_TypeError, "type '%s' is not subscriptable", builtin_info[container.as.i].name);
  return vm_raise(vm, B_TypeError, "'%s' object is not subscriptable", value_type_name(container));
}

static Status getitem_sequence(VM *vm, Value c, Value key, Value *out) {
  const char *what = value_type_name(c);
  if (!value_is_intlike(key)) {
    if (value_is_kind(c, OBJ_STR))
      return vm_raise(vm, B_TypeError, "string indices must be integers, not '%s'", value_type_name(key));
    return vm_raise(vm, B_TypeError, "%s indices must be integers or slices, not %s", what, value_type_name(key));
  }
  int64_t i = key.as.i;
  switch (value_obj_kind(c)) {
  case OBJ_STR:
    if (!index_normalize(&i, AS_STR(c)->nchars)) return vm_raise(vm, B_IndexError, "string index out of range");
    return str_char_at(vm, AS_STR(c), i, out);
  case OBJ_RANGE: {
    /* The exact length: a range may hold more than 2**63-1 items. */
    const ObjRange *r = AS_RANGE(c);
    uint64_t n = range_length(r->start, r->stop, r->step), k;
    if (i >= 0 ? (uint64_t)i >= n : u64_abs(i) > n)
      return vm_raise(vm, B_IndexError, "range object index out of range");
    k = i >= 0 ? (uint64_t)i : n - u64_abs(i);
    *out = value_int(range_item(r, k));
    return LS_OK;
  }
  default: {
    int64_t n;
    Value *items = seq_items(c, &n);
    if (!index_normalize(&i, n)) return vm_raise(vm, B_IndexError, "%s index out of range", what);
    *out = items[i];
    value_incref(*out);
    return LS_OK;
  }
  }
}

Status op_getitem(VM *vm, Value container, Value key, Value *out) {
  switch (value_obj_kind(container)) {
  case OBJ_STR:
  case OBJ_LIST:
  case OBJ_TUPLE:
  case OBJ_RANGE: return getitem_sequence(vm, container, key, out);
  case OBJ_DICT: {
    Value v;
    bool found;
    if (dict_get(vm, AS_DICT(container), key, &v, &found) != LS_OK) return LS_ERR;
    if (!found) return vm_raise_value(vm, B_KeyError, key);
    value_incref(v);
    *out = v;
    return LS_OK;
  }
  default: break;
  }
  return raise_not_subscriptable(vm, container);
}

Status op_setitem(VM *vm, Value container, Value key, Value value) {
  if (value_is_kind(container, OBJ_DICT)) return dict_set(vm, AS_DICT(container), key, value);
  if (!value_is_kind(container, OBJ_LIST)) {
    return vm_raise(vm, B_TypeError, "'%s' object does not support item assignment", value_type_name(container));
  }
  if (!value_is_intlike(key))
    return vm_raise(vm, B_TypeError, "list indices must be integers or slices, not %s", value_type_name(key));
  ObjList *l = AS_LIST(container);
  int64_t i = key.as.i;
  if (!index_normalize(&i, l->len)) return vm_raise(vm, B_IndexError, "list assignment index out of range");
  Value old = l->items[i];
  value_incref(value);
  l->items[i] = value;
  value_decref(vm, old);
  return LS_OK;
}

Status op_delitem(VM *vm, Value container, Value key) {
  if (value_is_kind(container, OBJ_DICT)) {
    Value old;
    bool found;
    if (dict_pop(vm, AS_DICT(container), key, &old, &found) != LS_OK) return LS_ERR;
    if (!found) return vm_raise_value(vm, B_KeyError, key);
    value_decref(vm, old);
    return LS_OK;
  }
  if (!value_is_kind(container, OBJ_LIST)) {
    /* CPython: a sequence type with an integer key fails in
     * PySequence_DelItem ("doesn't"), anything else in PyObject_DelItem. */
    int k = value_obj_kind(container);
    bool sequence = k == OBJ_STR || k == OBJ_TUPLE || k == OBJ_RANGE || k == OBJ_DICTVIEW;
    return vm_raise(vm, B_TypeError, "'%s' object %s support item deletion", value_type_name(container),
                    sequence && value_is_intlike(key) ? "doesn't" : "does not");
  }
  if (!value_is_intlike(key))
    return vm_raise(vm, B_TypeError, "list indices must be integers or slices, not %s", value_type_name(key));
  ObjList *l = AS_LIST(container);
  int64_t i = key.as.i;
  if (!index_normalize(&i, l->len)) return vm_raise(vm, B_IndexError, "list assignment index out of range");
  Value old = l->items[i];
  memmove(&l->items[i], &l->items[i + 1], (size_t)(l->len - i - 1) * sizeof(Value));
  l->len--;
  value_decref(vm, old);
  return LS_OK;
}

/* ------------------------------------------------------------------------ */
/* BINARY_SLICE                                                              */

static Status slice_bound(VM *vm, Value v, int64_t *out) {
  if (!value_is_intlike(v)) {
    return vm_raise(vm, B_TypeError, "slice indices must be integers or None or have an __index__ method");
  }
  *out = v.as.i;
  return LS_OK;
}

/* CPython's PySlice_Unpack then PySlice_AdjustIndices: the step is checked
 * first, bounds are clamped into the sequence, and the number of items is
 * returned in *count. */
static Status slice_indices(VM *vm, Value vstart, Value vstop, Value vstep, int64_t length, int64_t *start,
                            int64_t *stop, int64_t *step, int64_t *count) {
  *step = 1;
  if (vstep.tag != V_NONE) {
    if (slice_bound(vm, vstep, step) != LS_OK) return LS_ERR;
    if (*step == 0) return vm_raise(vm, B_ValueError, "slice step cannot be zero");
    if (*step < -INT64_MAX) *step = -INT64_MAX;
  }
  *start = *step < 0 ? INT64_MAX : 0;
  *stop = *step < 0 ? INT64_MIN : INT64_MAX;
  if (vstart.tag != V_NONE && slice_bound(vm, vstart, start) != LS_OK) return LS_ERR;
  if (vstop.tag != V_NONE && slice_bound(vm, vstop, stop) != LS_OK) return LS_ERR;

  if (*start < 0) {
    *start += length;
    if (*start < 0) *start = *step < 0 ? -1 : 0;
  } else if (*start >= length) {
    *start = *step < 0 ? length - 1 : length;
  }
  if (*stop < 0) {
    *stop += length;
    if (*stop < 0) *stop = *step < 0 ? -1 : 0;
  } else if (*stop >= length) {
    *stop = *step < 0 ? length - 1 : length;
  }
  *count = 0;
  if (*step < 0) {
    if (*stop < *start) *count = (*start - *stop - 1) / (-*step) + 1;
  } else if (*start < *stop) {
    *count = (*stop - *start - 1) / *step + 1;
  }
  return LS_OK;
}

/* Byte offset of the code point after the one at `off` (valid UTF-8). */
static int64_t utf8_next(const ObjStr *s, int64_t off) {
  int64_t n = utf8_seq_len((unsigned char)s->data[off]);
  return off + n > s->nbytes ? s->nbytes : off + n;
}

/* Byte offset of the code point before the one at `off` (off > 0). */
static int64_t utf8_prev(const ObjStr *s, int64_t off) {
  do off--;
  while (off > 0 && ((unsigned char)s->data[off] & 0xC0) == 0x80);
  return off;
}

static Status str_slice(VM *vm, const ObjStr *s, int64_t start, int64_t step, int64_t count, Value *out) {
  bool ascii = s->nchars == s->nbytes;
  if (count == 0) return str_value_from(vm, "", 0, out);
  if (step == 1) {
    int64_t from = ascii ? start : str_byte_offset(s, start);
    int64_t to = ascii ? start + count : str_byte_offset(s, start + count);
    return str_value_from(vm, s->data + from, (size_t)(to - from), out);
  }
  /* The result is at most as long as s, which is already on the heap. */
  char *buf = malloc((size_t)s->nbytes + 1);
  if (!buf) return vm_raise_noarg(vm, B_MemoryError);
  size_t len = 0;
  int64_t off = ascii ? start : str_byte_offset(s, start);
  for (int64_t k = 0; k < count; k++) {
    int64_t end = utf8_next(s, off);
    memcpy(buf + len, s->data + off, (size_t)(end - off));
    len += (size_t)(end - off);
    if (k + 1 == count) break;
    /* Walk |step| code points; the walk never passes the last item taken,
     * so the total work is bounded by the string's length. */
    if (ascii) {
      off += step;
    } else if (step > 0) {
      for (int64_t j = 0; j < step; j++) off = utf8_next(s, off);
    } else {
      for (int64_t j = 0; j < -step; j++) off = utf8_prev(s, off);
    }
  }
  Status st = str_value_from(vm, buf, len, out);
  free(buf);
  return st;
}

static Status items_slice(VM *vm, Value seq, int64_t start, int64_t step, int64_t count, Value *out) {
  int64_t n;
  Value *items = seq_items(seq, &n);
  Value *dst;
  if (value_is_kind(seq, OBJ_LIST)) {
    ObjList *l = list_new(vm, count);
    if (!l) return LS_ERR;
    l->len = count;
    dst = l->items;
    *out = value_obj(&l->h);
  } else {
    ObjTuple *t = tuple_new(vm, count);
    if (!t) return LS_ERR;
    dst = t->items;
    *out = value_obj(&t->h);
  }
  for (int64_t k = 0; k < count; k++) {
    dst[k] = items[start + k * step];
    value_incref(dst[k]);
  }
  return LS_OK;
}

/* A range's slice is a range: start, stop and step follow CPython's
 * compute_slice (start + i*step for the clamped bounds). */
static Status range_slice(VM *vm, const ObjRange *r, int64_t start, int64_t stop, int64_t step, Value *out) {
  int64_t nstart, nstop, nstep, t;
  if (!int_mul(start, r->step, &t) || !int_add(r->start, t, &nstart)) return raise_overflow(vm);
  if (!int_mul(stop, r->step, &t) || !int_add(r->start, t, &nstop)) return raise_overflow(vm);
  if (!int_mul(step, r->step, &nstep)) return raise_overflow(vm);
  return range_new(vm, nstart, nstop, nstep, out);
}

Status op_slice(VM *vm, Value container, Value start, Value stop, Value step, Value *out) {
  int64_t length;
  switch (value_obj_kind(container)) {
  case OBJ_STR: length = AS_STR(container)->nchars; break;
  case OBJ_LIST: length = AS_LIST(container)->len; break;
  case OBJ_TUPLE: length = AS_TUPLE(container)->len; break;
  case OBJ_RANGE:
    /* Slicing a range longer than 2**63-1 would need bounds beyond int64. */
    if (AS_RANGE(container)->len < 0) return raise_overflow(vm);
    length = AS_RANGE(container)->len;
    break;
  case OBJ_DICT: return vm_raise(vm, B_TypeError, "unhashable type: 'slice'");
  default: return raise_not_subscriptable(vm, container);
  }
  int64_t b = 0, e = 0, s = 1, count = 0; /* set by slice_indices on success */
  if (slice_indices(vm, start, stop, step, length, &b, &e, &s, &count) != LS_OK) return LS_ERR;
  switch (value_obj_kind(container)) {
  case OBJ_STR:
    /* A whole-string slice is the string itself, as in CPython. */
    if (s == 1 && count == length) return (value_incref(container), *out = container, LS_OK);
    return str_slice(vm, AS_STR(container), b, s, count, out);
  case OBJ_RANGE: return range_slice(vm, AS_RANGE(container), b, e, s, out);
  case OBJ_TUPLE:
    /* `t[:] is t` in CPython. */
    if (s == 1 && count == length) return (value_incref(container), *out = container, LS_OK);
    return items_slice(vm, container, b, s, count, out);
  default: return items_slice(vm, container, b, s, count, out);
  }
}

/* ------------------------------------------------------------------------ */
/* UNPACK_SEQUENCE                                                           */

static bool is_iterable(Value v) {
  switch (value_obj_kind(v)) {
  case OBJ_STR:
  case OBJ_LIST:
  case OBJ_TUPLE:
  case OBJ_DICT:
  case OBJ_DICTVIEW:
  case OBJ_RANGE:
  case OBJ_ITER: return true;
  default: return false;
  }
}

static void decref_values(VM *vm, Value *v, int64_t n) {
  for (int64_t i = 0; i < n; i++) value_decref(vm, v[i]);
}

static Status unpack_iterable(VM *vm, Value seq, int64_t n, Value *out) {
  Value it;
  if (iter_new(vm, seq, &it) != LS_OK) return LS_ERR;
  int64_t got = 0;
  Status st = LS_OK;
  while (got < n) {
    bool done;
    st = iter_next(vm, it, &out[got], &done);
    if (st != LS_OK) break;
    if (done) {
      st = vm_raise(vm, B_ValueError, "not enough values to unpack (expected %lld, got %lld)", (long long)n,
                    (long long)got);
      break;
    }
    got++;
  }
  if (st == LS_OK) {
    Value extra;
    bool done;
    st = iter_next(vm, it, &extra, &done);
    if (st == LS_OK && !done) {
      value_decref(vm, extra);
      st = vm_raise(vm, B_ValueError, "too many values to unpack (expected %lld)", (long long)n);
    }
  }
  value_decref(vm, it);
  if (st != LS_OK) decref_values(vm, out, got);
  return st;
}

Status op_unpack(VM *vm, Value seq, int64_t n, Value *out) {
  if (value_is_kind(seq, OBJ_LIST) || value_is_kind(seq, OBJ_TUPLE)) {
    int64_t len;
    Value *items = seq_items(seq, &len);
    if (len > n) return vm_raise(vm, B_ValueError, "too many values to unpack (expected %lld)", (long long)n);
    if (len < n) {
      return vm_raise(vm, B_ValueError, "not enough values to unpack (expected %lld, got %lld)", (long long)n,
                      (long long)len);
    }
    for (int64_t i = 0; i < n; i++) {
      out[i] = items[i];
      value_incref(out[i]);
    }
    return LS_OK;
  }
  if (!is_iterable(seq))
    return vm_raise(vm, B_TypeError, "cannot unpack non-iterable %s object", value_type_name(seq));
  return unpack_iterable(vm, seq, n, out);
}
