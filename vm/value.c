/* Generic value semantics: type names, truthiness, identity, equality,
 * hashing, repr and str, with CPython 3.11's results.
 *
 * Equality and repr recurse into containers, so their depth is bounded:
 * like CPython 3.11, where Python frames and nested repr/== calls share one
 * recursion limit, a level of nesting counts against the same budget as a
 * frame (vm->depth + vm->repr_depth). Hashing needs no bound: it walks
 * nested tuples with an explicit stack. */
#include <inttypes.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/builtins.h"
#include "vm/dict.h"
#include "vm/exc.h"
#include "vm/heap.h"
#include "vm/iter.h"
#include "vm/list.h"
#include "vm/ops.h"
#include "vm/str.h"

/* ---------------------------------------------------------------- names */

static const char *builtin_type_name(int64_t id) {
  if (id >= 0 && id < B_COUNT && (builtin_info[id].kind == BK_TYPE || builtin_info[id].kind == BK_EXCEPTION))
    return "type";
  return "builtin_function_or_method";
}

static const char *dictview_type_name(const ObjDictView *v) {
  switch ((DictViewKind)v->view) {
  case VIEW_KEYS: return "dict_keys";
  case VIEW_VALUES: return "dict_values";
  case VIEW_ITEMS: return "dict_items";
  }
  return "dict_keys";
}

static const char *exception_type_name(const ObjException *e) {
  return e->type >= 0 && e->type < B_COUNT ? builtin_info[e->type].name : "BaseException";
}

static const char *obj_type_name(const Obj *o) {
  switch ((ObjKind)o->kind) {
  case OBJ_STR: return "str";
  case OBJ_LIST: return "list";
  case OBJ_TUPLE: return "tuple";
  case OBJ_DICT: return "dict";
  case OBJ_DICTVIEW: return dictview_type_name((const ObjDictView *)o);
  case OBJ_RANGE: return "range";
  case OBJ_FUNCTION: return "function";
  case OBJ_EXCEPTION: return exception_type_name((const ObjException *)o);
  case OBJ_ITER: return iter_type_name((const ObjIter *)o);
  case OBJ_KIND_COUNT: break;
  }
  return "object";
}

const char *value_type_name(Value v) {
  switch (v.tag) {
  case V_NONE: return "NoneType";
  case V_BOOL: return "bool";
  case V_INT: return "int";
  case V_FLOAT: return "float";
  case V_BUILTIN: return builtin_type_name(v.as.i);
  case V_OBJ: return obj_type_name(v.as.o);
  default: return "NULL";
  }
}

/* ---------------------------------------------------- truthiness, `is` */

bool value_truthy(Value v) {
  switch (v.tag) {
  case V_NONE: return false;
  case V_BOOL:
  case V_INT: return v.as.i != 0;
  case V_FLOAT: return v.as.f != 0.0; /* NaN is true */
  case V_OBJ: break;
  default: return true;
  }
  const Obj *o = v.as.o;
  switch ((ObjKind)o->kind) {
  case OBJ_STR: return ((const ObjStr *)o)->nbytes > 0;
  case OBJ_LIST: return ((const ObjList *)o)->len > 0;
  case OBJ_TUPLE: return ((const ObjTuple *)o)->len > 0;
  case OBJ_DICT: return ((const ObjDict *)o)->len > 0;
  case OBJ_DICTVIEW: return ((const ObjDictView *)o)->dict->len > 0;
  case OBJ_RANGE: return ((const ObjRange *)o)->len != 0; /* -1: longer than 2**63-1 */
  default: return true;
  }
}

bool value_is(Value a, Value b) {
  if (a.tag != b.tag) return false;
  switch (a.tag) {
  case V_NONE: return true;
  case V_FLOAT: return memcmp(&a.as.f, &b.as.f, sizeof(double)) == 0; /* the same float object */
  case V_OBJ: return a.as.o == b.as.o;
  default: return a.as.i == b.as.i;
  }
}

/* -------------------------------------------------------- nesting bound */

static int64_t nesting_limit(const VM *vm) {
  return vm->config.max_depth > 0 ? vm->config.max_depth : VM_DEFAULT_MAX_DEPTH;
}

/* One more level of nested repr or comparison. `slack` reproduces where
 * CPython gives up: a repr fails one level earlier than a comparison. */
static Status nest_enter(VM *vm, int slack, const char *what) {
  if ((int64_t)vm->depth + vm->repr_depth + slack >= nesting_limit(vm))
    return vm_raise(vm, B_RecursionError, "maximum recursion depth exceeded%s", what);
  vm->repr_depth++;
  return LS_OK;
}

static void nest_leave(VM *vm) { vm->repr_depth--; }

/* -------------------------------------------------------------- numbers */

/* An integral float within int64 range, as that int. */
static bool float_to_int_exact(double f, int64_t *out) {
  if (!(f >= -9223372036854775808.0 && f < 9223372036854775808.0)) return false; /* NaN, inf, too big */
  if (floor(f) != f) return false;
  *out = (int64_t)f;
  return true;
}

/* Exact, as CPython compares int and float: no rounding of the int. */
static bool number_equal(Value a, Value b) {
  if (a.tag == V_FLOAT && b.tag == V_FLOAT) return a.as.f == b.as.f;
  if (a.tag != V_FLOAT && b.tag != V_FLOAT) return a.as.i == b.as.i;
  double f = a.tag == V_FLOAT ? a.as.f : b.as.f;
  int64_t i = a.tag == V_FLOAT ? b.as.i : a.as.i;
  int64_t fi;
  return float_to_int_exact(f, &fi) && fi == i;
}

static bool value_is_number(Value v) { return v.tag == V_INT || v.tag == V_BOOL || v.tag == V_FLOAT; }

/* ------------------------------------------------------------- equality */

static Status equal_values(VM *vm, Value a, Value b, bool *out);

/* Items pairwise, identical items counting as equal without a comparison
 * (CPython's PyObject_RichCompareBool shortcut). */
static Status equal_items(VM *vm, const Value *x, const Value *y, int64_t n, bool *out) {
  *out = true;
  for (int64_t i = 0; i < n; i++) {
    if (value_is(x[i], y[i])) continue;
    bool eq;
    if (equal_values(vm, x[i], y[i], &eq) != LS_OK) return LS_ERR;
    if (!eq) {
      *out = false;
      return LS_OK;
    }
  }
  return LS_OK;
}

/* CPython's dict_equal: same length, and every key of a maps in b to an
 * equal value. */
static Status equal_dicts(VM *vm, ObjDict *a, ObjDict *b, bool *out) {
  *out = false;
  if (a->len != b->len) return LS_OK;
  for (int64_t k = 0; k < a->nentries; k++) {
    const DictEntry *e = &a->entries[k];
    if (e->deleted) continue;
    Value bv;
    bool found;
    if (dict_get(vm, b, e->key, &bv, &found) != LS_OK) return LS_ERR;
    if (!found) return LS_OK;
    if (value_is(e->value, bv)) continue;
    bool eq;
    if (equal_values(vm, e->value, bv, &eq) != LS_OK) return LS_ERR;
    if (!eq) return LS_OK;
  }
  *out = true;
  return LS_OK;
}

/* CPython's range_equals: equal as sequences. */
static bool equal_ranges(const ObjRange *a, const ObjRange *b) {
  uint64_t n = range_length(a->start, a->stop, a->step);
  if (n != range_length(b->start, b->stop, b->step)) return false;
  if (n == 0) return true;
  if (a->start != b->start) return false;
  return n == 1 || a->step == b->step;
}

static bool view_is_setlike(Value v) {
  return value_is_kind(v, OBJ_DICTVIEW) && AS_DICTVIEW(v)->view != VIEW_VALUES;
}

/* dict_keys and dict_items compare as sets: same size, and every element
 * of a is in b. */
static Status equal_setlike_views(VM *vm, const ObjDictView *a, const ObjDictView *b, bool *out) {
  *out = false;
  if (a->dict->len != b->dict->len) return LS_OK;
  const ObjDict *d = a->dict;
  for (int64_t k = 0; k < d->nentries; k++) {
    const DictEntry *e = &d->entries[k];
    if (e->deleted) continue;
    Value elem = e->key;
    if (a->view == VIEW_ITEMS) {
      ObjTuple *pair = tuple_pair_new(vm, e->key, e->value);
      if (!pair) return LS_ERR;
      elem = value_obj(&pair->h);
    }
    bool in;
    Status st = dictview_has(vm, b, elem, &in);
    if (a->view == VIEW_ITEMS) value_decref(vm, elem);
    if (st != LS_OK) return LS_ERR;
    if (!in) return LS_OK;
  }
  *out = true;
  return LS_OK;
}

static Status equal_objects(VM *vm, Value a, Value b, bool *out) {
  *out = false;
  if (a.as.o == b.as.o) {
    *out = true;
    return LS_OK;
  }
  if (view_is_setlike(a) && view_is_setlike(b)) return equal_setlike_views(vm, AS_DICTVIEW(a), AS_DICTVIEW(b), out);
  if (a.as.o->kind != b.as.o->kind) return LS_OK;
  switch ((ObjKind)a.as.o->kind) {
  case OBJ_STR: *out = str_equal(AS_STR(a), AS_STR(b)); return LS_OK;
  case OBJ_RANGE: *out = equal_ranges(AS_RANGE(a), AS_RANGE(b)); return LS_OK;
  case OBJ_LIST:
    if (AS_LIST(a)->len != AS_LIST(b)->len) return LS_OK;
    return equal_items(vm, AS_LIST(a)->items, AS_LIST(b)->items, AS_LIST(a)->len, out);
  case OBJ_TUPLE:
    if (AS_TUPLE(a)->len != AS_TUPLE(b)->len) return LS_OK;
    return equal_items(vm, AS_TUPLE(a)->items, AS_TUPLE(b)->items, AS_TUPLE(a)->len, out);
  case OBJ_DICT: return equal_dicts(vm, AS_DICT(a), AS_DICT(b), out);
  default: return LS_OK; /* everything else compares by identity */
  }
}

static bool is_container(Value v) {
  int k = value_obj_kind(v);
  return k == OBJ_LIST || k == OBJ_TUPLE || k == OBJ_DICT || k == OBJ_DICTVIEW;
}

static Status equal_values(VM *vm, Value a, Value b, bool *out) {
  if (value_is_number(a) && value_is_number(b)) {
    *out = number_equal(a, b);
    return LS_OK;
  }
  if (a.tag != b.tag) {
    *out = false;
    return LS_OK;
  }
  if (a.tag != V_OBJ) {
    *out = a.tag == V_NONE || a.as.i == b.as.i;
    return LS_OK;
  }
  if (!is_container(a) || a.as.o == b.as.o) return equal_objects(vm, a, b, out);
  if (nest_enter(vm, 0, " in comparison") != LS_OK) return LS_ERR;
  Status st = equal_objects(vm, a, b, out);
  nest_leave(vm);
  return st;
}

Status value_equal(VM *vm, Value a, Value b, bool *out) {
  *out = false;
  return equal_values(vm, a, b, out);
}

/* -------------------------------------------------------------- hashing */

/* splitmix64's finalizer: spreads small ints over all 64 bits. */
static uint64_t mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

/* Distinct salts keep values of different types apart (not required for
 * correctness, only for fewer collisions). */
enum {
  SALT_NONE = 0x6e6f6e65,
  SALT_BUILTIN = 0x6275696c,
  SALT_FLOAT = 0x666c6f61,
  SALT_FUNC = 0x66756e63,
  SALT_RANGE = 0x72616e67,
  SALT_IDENTITY = 0x69642121,
};

static uint64_t hash_int(int64_t i) { return mix64((uint64_t)i); }

/* Equal numbers hash alike: an integral float hashes as the int, so
 * -0.0, 0.0, 0, False share a hash. */
static uint64_t hash_float(double f) {
  int64_t i;
  if (float_to_int_exact(f, &i)) return hash_int(i);
  if (isnan(f)) return mix64(SALT_FLOAT);
  uint64_t bits;
  memcpy(&bits, &f, sizeof bits);
  return mix64(bits ^ SALT_FLOAT);
}

/* Consistent with range equality: only the length, and the start and
 * step where they matter, identify a range. */
static uint64_t hash_range(const ObjRange *r) {
  uint64_t n = range_length(r->start, r->stop, r->step);
  uint64_t h = mix64(n ^ SALT_RANGE);
  if (n >= 1) h = mix64(h ^ (uint64_t)r->start);
  if (n >= 2) h = mix64(h ^ (uint64_t)r->step);
  return h;
}

static Status raise_unhashable(VM *vm, Value v) {
  return vm_raise(vm, B_TypeError, "unhashable type: '%s'", value_type_name(v));
}

/* Hash of anything but a tuple. Objects without value equality hash by
 * kind (and code index for functions): nothing here may depend on
 * addresses, and equal objects are identical ones. */
static Status hash_scalar(VM *vm, Value v, uint64_t *out) {
  switch (v.tag) {
  case V_NONE: *out = mix64(SALT_NONE); return LS_OK;
  case V_BOOL:
  case V_INT: *out = hash_int(v.as.i); return LS_OK;
  case V_FLOAT: *out = hash_float(v.as.f); return LS_OK;
  case V_BUILTIN: *out = mix64((uint64_t)v.as.i ^ SALT_BUILTIN); return LS_OK;
  case V_OBJ: break;
  default: *out = 0; return LS_OK;
  }
  const Obj *o = v.as.o;
  switch ((ObjKind)o->kind) {
  case OBJ_STR: *out = ((const ObjStr *)o)->hash; return LS_OK;
  case OBJ_RANGE: *out = hash_range((const ObjRange *)o); return LS_OK;
  case OBJ_FUNCTION: *out = mix64(((const ObjFunction *)o)->code_index ^ (uint64_t)SALT_FUNC); return LS_OK;
  case OBJ_LIST:
  case OBJ_DICT: return raise_unhashable(vm, v);
  case OBJ_DICTVIEW:
    if (((const ObjDictView *)o)->view != VIEW_VALUES) return raise_unhashable(vm, v);
    break; /* dict_values hashes by identity in CPython */
  default: break;
  }
  *out = mix64(o->kind ^ (uint64_t)SALT_IDENTITY);
  return LS_OK;
}

/* Tuple hashing combines item hashes (xxHash-style lanes, as CPython's
 * tuplehash); nested tuples are walked with an explicit stack. */
enum { TUPLE_HASH_INLINE_FRAMES = 32 };
#define XXPRIME_1 11400714785074694791ull
#define XXPRIME_2 14029467366897019727ull
#define XXPRIME_5 2870177450012600261ull

typedef struct HashFrame {
  const ObjTuple *t;
  int64_t next;
  uint64_t acc;
} HashFrame;

static uint64_t tuple_hash_step(uint64_t acc, uint64_t lane) {
  acc += lane * XXPRIME_2;
  acc = (acc << 31) | (acc >> 33);
  return acc * XXPRIME_1;
}

static uint64_t tuple_hash_finish(uint64_t acc, int64_t len) {
  return acc + ((uint64_t)len ^ (XXPRIME_5 ^ 3527539ull));
}

static Status hash_push(VM *vm, HashFrame **stack, int64_t *cap, int64_t *n, HashFrame *inline_frames,
                        const ObjTuple *t) {
  if (*n == *cap) {
    if (*cap > INT64_MAX / 2 / (int64_t)sizeof(HashFrame)) return vm_raise_noarg(vm, B_MemoryError);
    int64_t ncap = *cap * 2;
    HashFrame *p = *stack == inline_frames ? malloc((size_t)ncap * sizeof(HashFrame))
                                           : realloc(*stack, (size_t)ncap * sizeof(HashFrame));
    if (!p) return vm_raise_noarg(vm, B_MemoryError);
    if (*stack == inline_frames) memcpy(p, inline_frames, (size_t)*n * sizeof(HashFrame));
    *stack = p;
    *cap = ncap;
  }
  (*stack)[(*n)++] = (HashFrame){.t = t, .next = 0, .acc = XXPRIME_5};
  return LS_OK;
}

static Status hash_tuple(VM *vm, const ObjTuple *root, uint64_t *out) {
  HashFrame inline_frames[TUPLE_HASH_INLINE_FRAMES];
  HashFrame *stack = inline_frames;
  int64_t cap = TUPLE_HASH_INLINE_FRAMES, n = 0;
  Status st = hash_push(vm, &stack, &cap, &n, inline_frames, root);
  while (st == LS_OK && n > 0) {
    HashFrame *top = &stack[n - 1];
    if (top->next == top->t->len) {
      uint64_t h = tuple_hash_finish(top->acc, top->t->len);
      if (--n == 0) *out = h;
      else {
        stack[n - 1].acc = tuple_hash_step(stack[n - 1].acc, h);
        stack[n - 1].next++;
      }
      continue;
    }
    Value item = top->t->items[top->next];
    if (value_is_kind(item, OBJ_TUPLE)) {
      st = hash_push(vm, &stack, &cap, &n, inline_frames, AS_TUPLE(item));
      continue;
    }
    uint64_t h;
    st = hash_scalar(vm, item, &h);
    if (st == LS_OK) {
      top->acc = tuple_hash_step(top->acc, h);
      top->next++;
    }
  }
  if (stack != inline_frames) free(stack);
  return st;
}

Status value_hash(VM *vm, Value v, uint64_t *out) {
  *out = 0;
  if (value_is_kind(v, OBJ_TUPLE)) return hash_tuple(vm, AS_TUPLE(v), out);
  return hash_scalar(vm, v, out);
}

/* ---------------------------------------------------------- float repr */

/* Split "%.*e" output of a non-negative number into its digits (without
 * the point) and decimal exponent. */
static void split_exp_form(const char *buf, char *digits, size_t cap, int *exp10) {
  size_t n = 0;
  const char *p = buf;
  for (; *p && *p != 'e'; p++)
    if (*p != '.' && n + 1 < cap) digits[n++] = *p;
  digits[n] = '\0';
  *exp10 = *p == 'e' ? atoi(p + 1) : 0;
}

static const double exact_powers_of_ten[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                              1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                              1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* Do these digits (d.ddd times 10**exp10) read back as f? With at most 15
 * digits, read as an integer m they are an exact double, and so is
 * 10**k for k <= 22: one multiplication or division then rounds once,
 * exactly as strtod would (Clinger's fast path). Otherwise ask strtod. */
static bool digits_read_back(const char *digits, int exp10, double f) {
  size_t n = strlen(digits);
  int scale = exp10 - (int)(n - 1); /* the value is m * 10**scale */
#if FLT_EVAL_METHOD == 0
  if (n <= 15 && scale >= -22 && scale <= 22) {
    uint64_t m = 0;
    for (size_t i = 0; i < n; i++) m = m * 10 + (uint64_t)(digits[i] - '0');
    double v = scale >= 0 ? (double)m * exact_powers_of_ten[scale] : (double)m / exact_powers_of_ten[-scale];
    return v == f;
  }
#endif
  char buf[48];
  snprintf(buf, sizeof buf, "%c.%se%d", digits[0], digits + 1, exp10);
  return strtod(buf, NULL) == f;
}

/* The next decimal up in the last place: 1.29 -> 1.30, 9.99 -> 10.0. */
static void digits_bump(char *digits, int *exp10) {
  size_t n = strlen(digits);
  while (n > 0 && digits[n - 1] == '9') digits[--n] = '0';
  if (n > 0) {
    digits[n - 1]++;
    return;
  }
  digits[0] = '1'; /* all nines: 9.99e2 -> 1.00e3 */
  (*exp10)++;
}

enum { FLOAT_MAX_DIGITS = 17 }; /* 17 significant digits always read back */

/* f (> 0, finite) correctly rounded to prec significant digits. They are
 * cut from f's 17-digit expansion d17 (exponent e17) when that is exact:
 * a rounding boundary for prec digits (prec digits, then 5, then zeros)
 * is itself a 17-digit decimal, so the two roundings can differ only when
 * d17 sits exactly on one; then printf rounds f itself. Sets *below when
 * the result is less than f. */
static void digits_rounded(double f, const char *d17, int e17, int prec, char *digits, int *exp10,
                           bool *below) {
  const char *tail = d17 + prec;
  bool on_boundary = tail[0] == '5' && strspn(tail + 1, "0") == strlen(tail + 1);
  if (on_boundary) {
    char buf[48];
    snprintf(buf, sizeof buf, "%.*e", prec - 1, f);
    split_exp_form(buf, digits, FLOAT_MAX_DIGITS + 1, exp10);
    *below = strtod(buf, NULL) < f;
    return;
  }
  memcpy(digits, d17, (size_t)prec);
  digits[prec] = '\0';
  *exp10 = e17;
  *below = tail[0] < '5';
  if (!*below) digits_bump(digits, exp10);
}

/* Are there prec significant digits that read back as f? The correctly
 * rounded digits are the closest candidate; at a power of two the
 * interval of values that read back as f is wider above f than below, so
 * when they fall below f and do not read back, the next decimal up may.
 * Being true for prec makes it true for prec + 1 (a decimal with prec
 * digits has prec + 1 too), so the shortest prec can be searched for. */
static bool digits_of_length(double f, const char *d17, int e17, int prec, char *digits, int *exp10) {
  bool below;
  digits_rounded(f, d17, e17, prec, digits, exp10, &below);
  if (digits_read_back(digits, *exp10, f)) return true;
  if (!below) return false;
  digits_bump(digits, exp10);
  return digits_read_back(digits, *exp10, f);
}

/* An integer below 2**53: its digits are exact, and doubles around it are
 * at most 1 apart, so no shorter decimal reads back as it. */
static bool small_integer_digits(double f, char *digits, int *exp10) {
  if (!(f < 9007199254740992.0) || f != floor(f)) return false;
  char tmp[FLOAT_MAX_DIGITS + 1];
  int n = 0;
  for (uint64_t m = (uint64_t)f; m; m /= 10) tmp[n++] = (char)('0' + m % 10);
  *exp10 = n - 1;
  int len = n;
  while (len > 1 && tmp[n - len] == '0') len--; /* trailing zeros sit first in tmp */
  for (int i = 0; i < len; i++) digits[i] = tmp[n - 1 - i];
  digits[len] = '\0';
  return true;
}

/* f's 17 significant digits, correctly rounded (ties to even), and its
 * decimal exponent, computed exactly with 128-bit integers, as printf's
 * "%.16e" would but without its multi-precision arithmetic: f = m * 2**e
 * (m < 2**53), and for 1e-6 <= f < 1e16 the digits are m * 10**s / 2**-e
 * rounded, with s = 16 - exponent <= 22, so m * 10**s < 2**128. False
 * outside that range or without 128-bit integers (printf does it then). */
#if defined(__SIZEOF_INT128__)
__extension__ typedef unsigned __int128 uint128; /* a GCC and clang extension: -Wpedantic accepts it so marked */
#endif

static bool digits17_exact(double f, char *d17, int *e17) {
#if defined(__SIZEOF_INT128__)
  if (!(f >= 1e-6 && f < 1e16)) return false;
  int binary_exp;
  double fraction = frexp(f, &binary_exp); /* f = fraction * 2**binary_exp, fraction in [0.5, 1) */
  uint64_t m = (uint64_t)ldexp(fraction, 53);
  int e = binary_exp - 53;
  int exp10 = (int)floor(log10(f)); /* may be one off near a power of ten: checked below */
  const uint64_t low = 10000000000000000u, high = 100000000000000000u; /* 10**16, 10**17 */
  for (int attempt = 0; attempt < 3; attempt++) {
    int scale = 16 - exp10;
    if (scale < 0 || scale > 22) return false;
    uint128 power = 1;
    for (int i = 0; i < scale; i++) power *= 10;
    uint128 q = (uint128)m * power;
    bool round_up = false;
    if (e >= 0) {
      q <<= e; /* only f >= 2**53, where e <= 1 */
    } else {
      unsigned k = (unsigned)-e;
      uint128 rest = q & (((uint128)1 << k) - 1), half = (uint128)1 << (k - 1);
      q >>= k;
      round_up = rest > half || (rest == half && (q & 1));
    }
    /* The truncated digits tell whether the exponent is right; rounding
     * up may then carry into an 18th digit: 99...9.5 -> 1.0e(exp10 + 1). */
    if (q < low) {
      exp10--;
    } else if (q >= high) {
      exp10++;
    } else {
      uint64_t digits = (uint64_t)q + round_up;
      if (digits == high) {
        digits = low;
        exp10++;
      }
      for (int i = FLOAT_MAX_DIGITS - 1; i >= 0; i--, digits /= 10) d17[i] = (char)('0' + digits % 10);
      d17[FLOAT_MAX_DIGITS] = '\0';
      *e17 = exp10;
      return true;
    }
  }
#else
  (void)f, (void)d17, (void)e17;
#endif
  return false;
}

/* Where a run of three zeros or nines starts in d17 (the digits of 0.1
 * are 1.0000000000000001, of 0.3 2.9999999999999999): the likely
 * shortest length, tried first. 0 when there is none. */
static int likely_length(const char *d17, int len) {
  for (int i = 1; i + 2 < len; i++)
    if ((d17[i] == '0' || d17[i] == '9') && d17[i + 1] == d17[i] && d17[i + 2] == d17[i]) return i;
  return 0;
}

/* The shortest digits that read back as f (f > 0, finite), as CPython's
 * repr picks them, without trailing zeros. */
static void float_shortest_digits(double f, char *digits, int *exp10) {
  if (small_integer_digits(f, digits, exp10)) return;
  char buf[48], d17[FLOAT_MAX_DIGITS + 1];
  int e17;
  if (!digits17_exact(f, d17, &e17)) {
    snprintf(buf, sizeof buf, "%.*e", FLOAT_MAX_DIGITS - 1, f);
    split_exp_form(buf, d17, sizeof d17, &e17);
  }
  int exact_len = FLOAT_MAX_DIGITS; /* d17 without its trailing zeros */
  while (exact_len > 1 && d17[exact_len - 1] == '0') exact_len--;
  /* Search [lo, hi] for the shortest length; hi always reads back (at
   * exact_len it is d17 itself, whose 17 digits read back). */
  int lo = 1, hi = exact_len;
  memcpy(digits, d17, (size_t)exact_len);
  digits[exact_len] = '\0';
  *exp10 = e17;
  char candidate[FLOAT_MAX_DIGITS + 1];
  int candidate_exp;
  int guess = likely_length(d17, exact_len);
  while (lo < hi) {
    int mid = guess ? guess : lo + (hi - lo) / 2;
    if (digits_of_length(f, d17, e17, mid, candidate, &candidate_exp)) {
      hi = mid;
      memcpy(digits, candidate, sizeof candidate);
      *exp10 = candidate_exp;
      guess = mid - 1 >= lo ? mid - 1 : 0; /* usually the guess was right: confirm */
    } else {
      lo = mid + 1;
      guess = 0;
    }
  }
  size_t n = strlen(digits);
  while (n > 1 && digits[n - 1] == '0') n--;
  digits[n] = '\0';
}

void float_repr(double f, StrBuf *sb) {
  if (isnan(f)) {
    strbuf_puts(sb, "nan");
    return;
  }
  if (isinf(f)) {
    strbuf_puts(sb, f > 0 ? "inf" : "-inf");
    return;
  }
  char digits[FLOAT_MAX_DIGITS + 1] = "0";
  int exp10 = 0;
  if (signbit(f)) strbuf_putc(sb, '-');
  if (f != 0.0) float_shortest_digits(fabs(f), digits, &exp10);
  int ndigits = (int)strlen(digits);
  if (exp10 < -4 || exp10 >= 16) { /* d[.ddd]e+XX, as repr() */
    strbuf_putc(sb, digits[0]);
    if (ndigits > 1) {
      strbuf_putc(sb, '.');
      strbuf_puts(sb, digits + 1);
    }
    strbuf_printf(sb, "e%c%02d", exp10 < 0 ? '-' : '+', abs(exp10));
  } else if (exp10 < 0) { /* 0.000ddd */
    strbuf_puts(sb, "0.");
    for (int k = exp10 + 1; k < 0; k++) strbuf_putc(sb, '0');
    strbuf_puts(sb, digits);
  } else { /* ddd.ddd, at least one digit after the point */
    int int_digits = exp10 + 1;
    for (int k = 0; k < int_digits; k++) strbuf_putc(sb, k < ndigits ? digits[k] : '0');
    strbuf_putc(sb, '.');
    if (ndigits > int_digits) strbuf_puts(sb, digits + int_digits);
    else strbuf_putc(sb, '0');
  }
}

/* ------------------------------------------------------------ str repr */

static bool ascii_needs_escape(unsigned char c, char quote) {
  return c < 0x20 || c == 0x7F || c == '\\' || c == (unsigned char)quote;
}

static void repr_ascii_escape(unsigned char c, StrBuf *sb) {
  switch (c) {
  case '\t': strbuf_puts(sb, "\\t"); return;
  case '\n': strbuf_puts(sb, "\\n"); return;
  case '\r': strbuf_puts(sb, "\\r"); return;
  case '\\': strbuf_puts(sb, "\\\\"); return;
  case '\'':
  case '"':
    strbuf_putc(sb, '\\');
    strbuf_putc(sb, (char)c);
    return;
  default: strbuf_printf(sb, "\\x%02x", c); return;
  }
}

static void repr_codepoint_escape(uint32_t cp, StrBuf *sb) {
  if (cp <= 0xFF) strbuf_printf(sb, "\\x%02" PRIx32, cp);
  else if (cp <= 0xFFFF) strbuf_printf(sb, "\\u%04" PRIx32, cp);
  else strbuf_printf(sb, "\\U%08" PRIx32, cp);
}

/* CPython's unicode_repr: single quotes unless the text has ' and no ";
 * backslash escapes for \t \n \r, the quote and backslash, \xNN for other
 * ASCII controls, and \x/\u/\U for non-printable code points. */
static void str_repr(const ObjStr *s, StrBuf *sb) {
  size_t n = (size_t)s->nbytes;
  bool has_single = memchr(s->data, '\'', n) != NULL;
  bool has_double = memchr(s->data, '"', n) != NULL;
  char quote = has_single && !has_double ? '"' : '\'';
  strbuf_putc(sb, quote);
  size_t i = 0;
  while (i < n) {
    size_t run = i; /* copy plain text in runs */
    while (run < n && (unsigned char)s->data[run] < 0x80 && !ascii_needs_escape((unsigned char)s->data[run], quote))
      run++;
    strbuf_append(sb, s->data + i, run - i);
    i = run;
    if (i >= n) break;
    unsigned char c = (unsigned char)s->data[i];
    if (c < 0x80) {
      repr_ascii_escape(c, sb);
      i++;
      continue;
    }
    size_t start = i;
    uint32_t cp = utf8_decode_at(s->data, n, &i);
    if (unicode_printable(cp)) strbuf_append(sb, s->data + start, i - start);
    else repr_codepoint_escape(cp, sb);
  }
  strbuf_putc(sb, quote);
}

/* ------------------------------------------------------ container repr */

/* Objects whose repr is in progress, so that a container met again inside
 * itself prints as [...] (CPython's Py_ReprEnter). */
static Status repr_active_enter(VM *vm, Obj *o, bool *recursive) {
  *recursive = false;
  for (int k = 0; k < vm->repr_active_len; k++) {
    if (vm->repr_active[k] == o) {
      *recursive = true;
      return LS_OK;
    }
  }
  if (vm->repr_active_len == vm->repr_active_cap) {
    int cap = vm->repr_active_cap ? vm->repr_active_cap * 2 : 16;
    Obj **p = realloc(vm->repr_active, (size_t)cap * sizeof(Obj *));
    if (!p) return vm_raise_noarg(vm, B_MemoryError);
    vm->repr_active = p;
    vm->repr_active_cap = cap;
  }
  vm->repr_active[vm->repr_active_len++] = o;
  return LS_OK;
}

static void repr_active_leave(VM *vm) { vm->repr_active_len--; }

static Status repr_items(VM *vm, const Value *items, int64_t n, StrBuf *sb) {
  for (int64_t i = 0; i < n; i++) {
    if (i > 0) strbuf_puts(sb, ", ");
    if (value_repr(vm, items[i], sb) != LS_OK) return LS_ERR;
  }
  return LS_OK;
}

static Status repr_dict_entries(VM *vm, const ObjDict *d, StrBuf *sb) {
  bool first = true;
  for (int64_t k = 0; k < d->nentries; k++) {
    const DictEntry *e = &d->entries[k];
    if (e->deleted) continue;
    if (!first) strbuf_puts(sb, ", ");
    first = false;
    if (value_repr(vm, e->key, sb) != LS_OK) return LS_ERR;
    strbuf_puts(sb, ": ");
    if (value_repr(vm, e->value, sb) != LS_OK) return LS_ERR;
  }
  return LS_OK;
}

/* An item of dict_items prints as a fresh (key, value) tuple: one more
 * level of nesting, as in CPython. */
static Status repr_item_pair(VM *vm, const DictEntry *e, StrBuf *sb) {
  if (nest_enter(vm, 1, " while getting the repr of an object") != LS_OK) return LS_ERR;
  strbuf_putc(sb, '(');
  Status st = value_repr(vm, e->key, sb);
  if (st == LS_OK) {
    strbuf_puts(sb, ", ");
    st = value_repr(vm, e->value, sb);
  }
  strbuf_putc(sb, ')');
  nest_leave(vm);
  return st;
}

/* dict_keys([...]): CPython prints the repr of list(view), a new list, so
 * the list itself counts a level of nesting. */
static Status repr_dictview_list(VM *vm, const ObjDictView *v, StrBuf *sb) {
  if (nest_enter(vm, 1, " while getting the repr of an object") != LS_OK) return LS_ERR;
  strbuf_putc(sb, '[');
  const ObjDict *d = v->dict;
  bool first = true;
  Status st = LS_OK;
  for (int64_t k = 0; st == LS_OK && k < d->nentries; k++) {
    const DictEntry *e = &d->entries[k];
    if (e->deleted) continue;
    if (!first) strbuf_puts(sb, ", ");
    first = false;
    if (v->view == VIEW_KEYS) st = value_repr(vm, e->key, sb);
    else if (v->view == VIEW_VALUES) st = value_repr(vm, e->value, sb);
    else st = repr_item_pair(vm, e, sb);
  }
  strbuf_putc(sb, ']');
  nest_leave(vm);
  return st;
}

/* What a container prints as when met again inside its own repr. */
static const char *repr_recursive_text(ObjKind kind) {
  switch (kind) {
  case OBJ_LIST: return "[...]";
  case OBJ_TUPLE: return "(...)";
  case OBJ_DICT: return "{...}";
  default: return "..."; /* dict views */
  }
}

static Status repr_container_items(VM *vm, Value v, StrBuf *sb) {
  Status st;
  switch ((ObjKind)v.as.o->kind) {
  case OBJ_LIST:
    strbuf_putc(sb, '[');
    st = repr_items(vm, AS_LIST(v)->items, AS_LIST(v)->len, sb);
    strbuf_putc(sb, ']');
    return st;
  case OBJ_TUPLE:
    strbuf_putc(sb, '(');
    st = repr_items(vm, AS_TUPLE(v)->items, AS_TUPLE(v)->len, sb);
    if (AS_TUPLE(v)->len == 1) strbuf_putc(sb, ',');
    strbuf_putc(sb, ')');
    return st;
  case OBJ_DICT:
    strbuf_putc(sb, '{');
    st = repr_dict_entries(vm, AS_DICT(v), sb);
    strbuf_putc(sb, '}');
    return st;
  default: /* OBJ_DICTVIEW */
    strbuf_puts(sb, dictview_type_name(AS_DICTVIEW(v)));
    strbuf_putc(sb, '(');
    st = repr_dictview_list(vm, AS_DICTVIEW(v), sb);
    strbuf_putc(sb, ')');
    return st;
  }
}

/* A container that may contain itself prints its items, or [...] / (...) /
 * {...} / ... when its repr is already in progress further out. */
static Status repr_container(VM *vm, Value v, StrBuf *sb) {
  bool recursive;
  if (repr_active_enter(vm, v.as.o, &recursive) != LS_OK) return LS_ERR;
  if (recursive) {
    strbuf_puts(sb, repr_recursive_text((ObjKind)v.as.o->kind));
    return LS_OK;
  }
  Status st = repr_container_items(vm, v, sb);
  repr_active_leave(vm);
  return st;
}

/* ------------------------------------------------------------ repr, str */

static void repr_builtin(int64_t id, StrBuf *sb) {
  if (id < 0 || id >= B_COUNT) {
    strbuf_puts(sb, "<built-in function ?>");
    return;
  }
  const BuiltinInfo *b = &builtin_info[id];
  switch (b->kind) {
  case BK_FUNCTION: strbuf_printf(sb, "<built-in function %s>", b->name); return;
  case BK_METHOD: strbuf_printf(sb, "<built-in method %s>", b->name); return;
  case BK_TYPE:
  case BK_EXCEPTION: strbuf_printf(sb, "<class '%s'>", b->name); return;
  }
}

static void repr_function(const VM *vm, const ObjFunction *fn, StrBuf *sb) {
  strbuf_puts(sb, "<function ");
  if (vm->module && fn->code_index < vm->module->nfuncs) {
    const Bytes *name = &vm->module->funcs[fn->code_index].name;
    strbuf_append(sb, name->data, name->len);
  } else {
    strbuf_puts(sb, "?");
  }
  strbuf_putc(sb, '>');
}

/* ValueError('msg') / ValueError() */
static Status repr_exception(VM *vm, const ObjException *e, StrBuf *sb) {
  strbuf_puts(sb, exception_type_name(e));
  strbuf_putc(sb, '(');
  if (e->has_arg && value_repr(vm, e->arg, sb) != LS_OK) return LS_ERR;
  strbuf_putc(sb, ')');
  return LS_OK;
}

static void repr_range(const ObjRange *r, StrBuf *sb) {
  if (r->step == 1) strbuf_printf(sb, "range(%" PRId64 ", %" PRId64 ")", r->start, r->stop);
  else strbuf_printf(sb, "range(%" PRId64 ", %" PRId64 ", %" PRId64 ")", r->start, r->stop, r->step);
}

static Status repr_dispatch(VM *vm, Value v, StrBuf *sb) {
  switch (v.tag) {
  case V_NONE: strbuf_puts(sb, "None"); return LS_OK;
  case V_BOOL: strbuf_puts(sb, v.as.i ? "True" : "False"); return LS_OK;
  case V_INT: strbuf_put_int(sb, v.as.i); return LS_OK;
  case V_FLOAT: float_repr(v.as.f, sb); return LS_OK;
  case V_BUILTIN: repr_builtin(v.as.i, sb); return LS_OK;
  case V_OBJ: break;
  default: strbuf_puts(sb, "<NULL>"); return LS_OK;
  }
  switch ((ObjKind)v.as.o->kind) {
  case OBJ_STR: str_repr(AS_STR(v), sb); return LS_OK;
  case OBJ_LIST:
  case OBJ_TUPLE:
  case OBJ_DICT:
  case OBJ_DICTVIEW: return repr_container(vm, v, sb);
  case OBJ_RANGE: repr_range(AS_RANGE(v), sb); return LS_OK;
  case OBJ_FUNCTION: repr_function(vm, AS_FUNCTION(v), sb); return LS_OK;
  case OBJ_EXCEPTION: return repr_exception(vm, AS_EXCEPTION(v), sb);
  case OBJ_ITER: strbuf_printf(sb, "<%s object>", iter_type_name(AS_ITER(v))); return LS_OK;
  case OBJ_KIND_COUNT: break;
  }
  strbuf_puts(sb, "<object>");
  return LS_OK;
}

/* Text that could never become a str (longer than the whole heap limit),
 * or scratch memory running out, is a MemoryError: the text grows outside
 * the VM heap, so this keeps it bounded. Only what this call added counts
 * (the caller's buffer may hold other text). */
static Status check_text_size(VM *vm, const StrBuf *sb, size_t start) {
  if (sb->oom || sb->len - start > (uint64_t)vm->max_heap) return vm_raise_noarg(vm, B_MemoryError);
  return LS_OK;
}

Status value_repr(VM *vm, Value v, StrBuf *sb) {
  size_t start = sb->len;
  if (nest_enter(vm, 1, " while getting the repr of an object") != LS_OK) return LS_ERR;
  Status st = repr_dispatch(vm, v, sb);
  nest_leave(vm);
  if (st == LS_OK) st = check_text_size(vm, sb, start);
  return st;
}

Status value_str(VM *vm, Value v, StrBuf *sb) {
  size_t start = sb->len;
  if (value_is_kind(v, OBJ_STR)) { /* str(s) is s itself: no nesting */
    strbuf_append(sb, AS_STR(v)->data, (size_t)AS_STR(v)->nbytes);
    return check_text_size(vm, sb, start);
  }
  if (nest_enter(vm, 1, " while getting the str of an object") != LS_OK) return LS_ERR;
  Status st = value_is_kind(v, OBJ_EXCEPTION) ? exc_str(vm, AS_EXCEPTION(v), sb) : value_repr(vm, v, sb);
  nest_leave(vm);
  if (st == LS_OK) st = check_text_size(vm, sb, start);
  return st;
}
