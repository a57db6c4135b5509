/* The builtin library: functions, type constructors, exception classes and
 * the methods of str, list and dict, with CPython 3.11's results and error
 * messages (argument-count wording included, which differs from builtin to
 * builtin exactly as in CPython).
 *
 * Every builtin that consumes an iterable item by item charges one unit of
 * fuel per item (iter_next_charged), so sum(range(10**18)) stops when the
 * fuel runs out, at the same item in every engine. Sizes of new strings are
 * checked against the heap limit before any scratch buffer is built.
 *
 * Documented differences from CPython:
 *  - an exception class takes at most one argument (CPython keeps any
 *    number in .args; lockstep exceptions hold one);
 *  - str.upper/lower map ASCII letters only (other characters unchanged);
 *  - chr() of a surrogate code point raises ValueError (a lockstep str is
 *    valid UTF-8 and cannot hold one);
 *  - only print takes keyword arguments (sep, end). */
#include "vm/builtins.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/dict.h"
#include "vm/exc.h"
#include "vm/heap.h"
#include "vm/iter.h"
#include "vm/list.h"
#include "vm/opcodes.h"
#include "vm/ops.h"
#include "vm/str.h"

const BuiltinInfo builtin_info[B_COUNT] = {
#define LS_BUILTIN_INFO(id, name, kind, parent) [B_##id] = {name, kind, B_##parent},
    LS_BUILTINS(LS_BUILTIN_INFO)
#undef LS_BUILTIN_INFO
};

/* ======================================================================== */
/* Lookup                                                                    */

static bool builtin_valid(int id) { return id >= 0 && id < B_COUNT; }

static bool name_is(const char *name, const char *s, size_t len) { return strlen(name) == len && memcmp(name, s, len) == 0; }

/* Name lengths known at compile time: lookups (LOAD_GLOBAL falls back on
 * builtin_by_name) compare lengths before bytes. */
static const uint8_t builtin_name_len[B_COUNT] = {
#define LS_BUILTIN_NAME_LEN(id, name, kind, parent) [B_##id] = sizeof(name) - 1,
    LS_BUILTINS(LS_BUILTIN_NAME_LEN)
#undef LS_BUILTIN_NAME_LEN
};

static bool builtin_named(int id, const char *name, size_t len) {
  return builtin_name_len[id] == len && memcmp(builtin_info[id].name, name, len) == 0;
}

/* Name lookups run on every LOAD_GLOBAL that misses the globals (each use
 * of len, print, ...) and on every method call, so they go through a hash
 * table keyed by (owner, name), owner being B_NONE for functions, types
 * and exceptions and the type for methods. It is filled on first use
 * (lockstep runs its VMs on one thread); slots hold id + 1, 0 is empty. */
enum { LOOKUP_SLOTS = 512 };
_Static_assert(B_COUNT * 2 < LOOKUP_SLOTS, "the lookup table must stay at most half full");
static int16_t lookup_slots[LOOKUP_SLOTS];
static bool lookup_ready;

static int lookup_owner(int id) { return builtin_info[id].kind == BK_METHOD ? builtin_info[id].parent : B_NONE; }

/* Keyed by the str hash every ObjStr carries, so a lookup hashes nothing. */
static uint32_t lookup_slot(int owner, uint64_t name_hash) {
  uint64_t h = name_hash + (uint64_t)(owner + 1) * 0x9E3779B97F4A7C15u;
  return (uint32_t)(h ^ h >> 29) & (LOOKUP_SLOTS - 1);
}

static int lookup_find(int owner, const char *name, size_t len, uint64_t hash, uint32_t *free_slot) {
  uint32_t i = lookup_slot(owner, hash);
  for (; lookup_slots[i]; i = (i + 1) & (LOOKUP_SLOTS - 1)) {
    int id = lookup_slots[i] - 1;
    if (lookup_owner(id) == owner && builtin_named(id, name, len)) return id;
  }
  if (free_slot) *free_slot = i;
  return -1;
}

static void lookup_fill(void) {
  for (int id = 0; id < B_COUNT; id++) {
    const char *name = builtin_info[id].name;
    uint32_t slot;
    /* The first of two builtins with one name and owner wins, as a scan would. */
    size_t len = strlen(name);
    if (lookup_find(lookup_owner(id), name, len, str_hash_bytes(name, len), &slot) < 0) lookup_slots[slot] = (int16_t)(id + 1);
  }
  lookup_ready = true;
}

static int lookup(int owner, const char *name, size_t len, uint64_t hash) {
  if (!lookup_ready) lookup_fill();
  return lookup_find(owner, name, len, hash, NULL);
}

int builtin_by_name(const char *name, size_t len) { return lookup(B_NONE, name, len, str_hash_bytes(name, len)); }

int builtin_global(const ObjStr *name) { return lookup(B_NONE, name->data, (size_t)name->nbytes, name->hash); }

/* The builtin type whose methods a value has, or B_NONE. */
static int method_owner(Value v) {
  switch (value_obj_kind(v)) {
  case OBJ_STR: return B_str;
  case OBJ_LIST: return B_list;
  case OBJ_DICT: return B_dict;
  default: return B_NONE;
  }
}

int builtin_method_for(Value self, const char *name, size_t len) {
  int owner = method_owner(self);
  return owner == B_NONE ? -1 : lookup(owner, name, len, str_hash_bytes(name, len));
}

int builtin_method(Value self, const ObjStr *name) {
  int owner = method_owner(self);
  return owner == B_NONE ? -1 : lookup(owner, name->data, (size_t)name->nbytes, name->hash);
}

bool builtin_is_exception(int id) { return builtin_valid(id) && builtin_info[id].kind == BK_EXCEPTION; }

bool exc_class_matches(int id, int base) {
  if (!builtin_is_exception(id) || !builtin_is_exception(base)) return false;
  /* Parents always precede their children in the table: the walk ends. */
  for (int k = id; k != B_NONE; k = builtin_info[k].parent)
    if (k == base) return true;
  return false;
}

/* ======================================================================== */
/* Argument helpers                                                          */

typedef Status (*BuiltinFn)(VM *vm, const Value *args, uint32_t nargs, Value *out);

static const char *plural(uint32_t n) { return n == 1 ? "" : "s"; }

/* "len expected at least 1 argument, got 0" (CPython's _PyArg_CheckPositional). */
static Status args_expected(VM *vm, const char *name, uint32_t n, uint32_t min, uint32_t max) {
  if (n >= min && n <= max) return LS_OK;
  if (min == max) return vm_raise(vm, B_TypeError, "%s expected %u argument%s, got %u", name, min, plural(min), n);
  if (n < min)
    return vm_raise(vm, B_TypeError, "%s expected at least %u argument%s, got %u", name, min, plural(min), n);
  return vm_raise(vm, B_TypeError, "%s expected at most %u argument%s, got %u", name, max, plural(max), n);
}

/* "len() takes exactly one argument (2 given)" (Argument Clinic's wording). */
static Status args_takes(VM *vm, const char *name, uint32_t n, uint32_t min, uint32_t max) {
  if (n >= min && n <= max) return LS_OK;
  if (max == 0) return vm_raise(vm, B_TypeError, "%s() takes no arguments (%u given)", name, n);
  if (min == 1 && max == 1) return vm_raise(vm, B_TypeError, "%s() takes exactly one argument (%u given)", name, n);
  if (n < min)
    return vm_raise(vm, B_TypeError, "%s() takes at least %u argument%s (%u given)", name, min, plural(min), n);
  return vm_raise(vm, B_TypeError, "%s() takes at most %u argument%s (%u given)", name, max, plural(max), n);
}

/* An argument used as an integer (operator.index): int or bool. */
static Status arg_index(VM *vm, Value v, int64_t *out) {
  if (!value_is_intlike(v))
    return vm_raise(vm, B_TypeError, "'%s' object cannot be interpreted as an integer", value_type_name(v));
  *out = v.as.i;
  return LS_OK;
}

/* A slice-like bound (str.find's start/end): int, bool, or None (keeps *out). */
static Status arg_slice_bound(VM *vm, Value v, int64_t *out) {
  if (v.tag == V_NONE) return LS_OK;
  if (!value_is_intlike(v))
    return vm_raise(vm, B_TypeError, "slice indices must be integers or None or have an __index__ method");
  *out = v.as.i;
  return LS_OK;
}

/* ======================================================================== */
/* Values                                                                    */

static Status raise_overflow(VM *vm) { return vm_raise(vm, B_OverflowError, "integer overflow"); }

/* MemoryError unless `bytes` more fit under the heap limit: checked before a
 * scratch buffer for a new str is built, so a huge result never mallocs. */
static Status heap_room(VM *vm, uint64_t bytes) {
  int64_t room = vm->max_heap - vm->heap_bytes;
  if (room < 0 || bytes > (uint64_t)room) return vm_raise_noarg(vm, B_MemoryError);
  return LS_OK;
}

static Status new_str(VM *vm, const char *data, size_t len, Value *out) {
  ObjStr *s = str_new(vm, data, len);
  if (!s) return LS_ERR;
  *out = value_obj(&s->h);
  return LS_OK;
}

static Status str_from_buf(VM *vm, StrBuf *sb, Value *out) {
  if (sb->oom) return vm_raise_noarg(vm, B_MemoryError);
  return new_str(vm, sb->len ? sb->data : "", sb->len, out);
}

static Status new_list_value(VM *vm, int64_t cap, ObjList **l, Value *out) {
  *l = list_new(vm, cap);
  if (!*l) return LS_ERR;
  *out = value_obj(&(*l)->h);
  return LS_OK;
}

static bool is_str(Value v) { return value_is_kind(v, OBJ_STR); }
static bool str_is_ascii(const ObjStr *s) { return s->nchars == s->nbytes; }

/* Code point index <-> byte offset. */
static int64_t cp_to_byte(const ObjStr *s, int64_t cp) { return str_is_ascii(s) ? cp : str_byte_offset(s, cp); }

static int64_t byte_to_cp(const ObjStr *s, int64_t off) {
  if (str_is_ascii(s)) return off;
  int64_t n = 0;
  for (int64_t i = 0; i < off; i++) n += ((unsigned char)s->data[i] & 0xC0) != 0x80;
  return n;
}

/* The items of a list or tuple (borrowed), or NULL. */
static const Value *seq_items(Value v, int64_t *n) {
  if (value_is_kind(v, OBJ_LIST)) {
    *n = AS_LIST(v)->len;
    return AS_LIST(v)->items;
  }
  if (value_is_kind(v, OBJ_TUPLE)) {
    *n = AS_TUPLE(v)->len;
    return AS_TUPLE(v)->items;
  }
  return NULL;
}

static Status list_append_owned(VM *vm, ObjList *l, Value v) {
  Status st = list_append(vm, l, v);
  value_decref(vm, v);
  return st;
}

/* A new list of the items of `iterable`. Lists and tuples are copied
 * directly; anything else is iterated with one unit of fuel per item. */
static Status list_from_iterable(VM *vm, Value iterable, ObjList **out) {
  int64_t n;
  const Value *items = seq_items(iterable, &n);
  if (items) {
    ObjList *l = list_new(vm, n);
    if (!l) return LS_ERR;
    for (int64_t i = 0; i < n; i++) {
      l->items[i] = items[i];
      value_incref(items[i]);
    }
    l->len = n;
    *out = l;
    return LS_OK;
  }
  Value it;
  if (iter_new(vm, iterable, &it) != LS_OK) return LS_ERR;
  ObjList *l = list_new(vm, 0);
  Status st = l ? LS_OK : LS_ERR;
  while (st == LS_OK) {
    Value item;
    bool done;
    st = iter_next_charged(vm, it, &item, &done);
    if (st != LS_OK || done) break;
    st = list_append_owned(vm, l, item);
  }
  value_decref(vm, it);
  if (st != LS_OK) {
    if (l) obj_decref(vm, &l->h);
    return LS_ERR;
  }
  *out = l;
  return LS_OK;
}

/* Extend a list by an iterable (list.extend, dict(...) helpers). */
static Status list_extend_by(VM *vm, ObjList *l, Value iterable) {
  int64_t n;
  const Value *items = seq_items(iterable, &n);
  if (items) {
    /* `l.extend(l)`: reserve first (which may move l's items), then copy
     * the n items counted before. */
    if (n > 0 && list_reserve(vm, l, l->len + n) != LS_OK) return LS_ERR;
    items = seq_items(iterable, &n);
    for (int64_t i = 0; i < n; i++) {
      l->items[l->len + i] = items[i];
      value_incref(items[i]);
    }
    l->len += n;
    return LS_OK;
  }
  Value it;
  if (iter_new(vm, iterable, &it) != LS_OK) return LS_ERR;
  Status st = LS_OK;
  for (;;) {
    Value item;
    bool done;
    st = iter_next_charged(vm, it, &item, &done);
    if (st != LS_OK || done) break;
    st = list_append_owned(vm, l, item);
    if (st != LS_OK) break;
  }
  value_decref(vm, it);
  return st;
}

/* ======================================================================== */
/* Unicode classes used by int(), float(), split() and strip()                */

/* str.isspace(), as CPython 3.11 (Unicode 14.0). */
static bool unicode_space(uint32_t cp) {
  if (cp < 0x80) return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20);
  if (cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A)) return true;
  return cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* Zero digits of the non-ASCII decimal digit blocks (Unicode 14.0); each
 * is followed by the digits 1..9. */
static const uint32_t unicode_decimal_zeros[] = {
    0x660,   0x6F0,   0x7C0,   0x966,   0x9E6,   0xA66,   0xAE6,   0xB66,   0xBE6,   0xC66,   0xCE6,
    0xD66,   0xDE6,   0xE50,   0xED0,   0xF20,   0x1040,  0x1090,  0x17E0,  0x1810,  0x1946,  0x19D0,
    0x1A80,  0x1A90,  0x1B50,  0x1BB0,  0x1C40,  0x1C50,  0xA620,  0xA8D0,  0xA900,  0xA9D0,  0xA9F0,
    0xAA50,  0xABF0,  0xFF10,  0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450,
    0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0,
    0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
};

/* The value of a non-ASCII decimal digit, or -1. */
static int unicode_decimal(uint32_t cp) {
  size_t n = sizeof unicode_decimal_zeros / sizeof unicode_decimal_zeros[0];
  for (size_t i = n; i-- > 0;) {
    if (unicode_decimal_zeros[i] <= cp) return cp - unicode_decimal_zeros[i] < 10 ? (int)(cp - unicode_decimal_zeros[i]) : -1;
  }
  return -1;
}

/* CPython's _PyUnicode_TransformDecimalAndSpaceToASCII: ASCII is kept,
 * other whitespace becomes ' ', other decimal digits their ASCII digit;
 * any other character makes the text unparsable (false). `buf` holds at
 * least s->nbytes bytes. */
static bool numeric_text_ascii(const ObjStr *s, char *buf, size_t *len) {
  size_t pos = 0, n = 0, nbytes = (size_t)s->nbytes;
  while (pos < nbytes) {
    unsigned char c = (unsigned char)s->data[pos];
    if (c < 0x80) {
      buf[n++] = (char)c;
      pos++;
      continue;
    }
    uint32_t cp = utf8_decode_at(s->data, nbytes, &pos);
    int d = unicode_decimal(cp);
    if (unicode_space(cp)) buf[n++] = ' ';
    else if (d >= 0) buf[n++] = (char)('0' + d);
    else return false;
  }
  *len = n;
  return true;
}

/* Py_ISSPACE: the ASCII whitespace int() and float() strip. */
static bool ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

static int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

/* ======================================================================== */
/* int() and float() from text                                                */

typedef enum ParseResult { PARSE_OK, PARSE_INVALID, PARSE_OVERFLOW } ParseResult;

static bool has_radix_prefix(const char *s, size_t i, size_t len, int base) {
  if (i + 1 >= len || s[i] != '0') return false;
  char c = (char)(s[i + 1] | 0x20);
  return (base == 16 && c == 'x') || (base == 8 && c == 'o') || (base == 2 && c == 'b');
}

/* CPython's PyLong_FromString grammar: whitespace, sign, a radix prefix
 * for bases 0/2/8/16 (then one optional '_'), digits with single '_'
 * between them, whitespace. Base 0 deduces the radix, and a decimal with a
 * leading 0 must be zero. The whole text is validated before an overflow is
 * reported, as CPython's error would be ValueError for bad text. */
static ParseResult parse_int_text(const char *s, size_t len, int base, int64_t *out) {
  size_t i = 0;
  while (i < len && ascii_space(s[i])) i++;
  bool negative = false;
  if (i < len && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  bool must_be_zero = false;
  if (base == 0) {
    if (has_radix_prefix(s, i, len, 16)) base = 16;
    else if (has_radix_prefix(s, i, len, 8)) base = 8;
    else if (has_radix_prefix(s, i, len, 2)) base = 2;
    else {
      must_be_zero = i < len && s[i] == '0';
      base = 10;
    }
  }
  if (has_radix_prefix(s, i, len, base)) {
    i += 2;
    if (i < len && s[i] == '_') i++;
  }
  if (i < len && s[i] == '_') return PARSE_INVALID;
  uint64_t limit = negative ? (uint64_t)1 << 63 : (uint64_t)INT64_MAX, mag = 0;
  bool overflow = false;
  size_t digits = 0;
  char prev = 0;
  for (; i < len && (digit_value(s[i]) < base || s[i] == '_'); i++) {
    if (s[i] == '_') {
      if (prev == '_') return PARSE_INVALID;
    } else {
      uint64_t d = (uint64_t)digit_value(s[i]);
      digits++;
      if (mag > (limit - d) / (uint64_t)base) overflow = true;
      else mag = mag * (uint64_t)base + d;
    }
    prev = s[i];
  }
  if (prev == '_' || digits == 0) return PARSE_INVALID;
  while (i < len && ascii_space(s[i])) i++;
  if (i != len) return PARSE_INVALID;
  if (must_be_zero && (overflow || mag != 0)) return PARSE_INVALID;
  if (overflow) return PARSE_OVERFLOW;
  *out = negative ? (int64_t)(0 - mag) : (int64_t)mag;
  return PARSE_OK;
}

static size_t skip_digits(const char *s, size_t i, size_t len) {
  while (i < len && s[i] >= '0' && s[i] <= '9') i++;
  return i;
}

static bool text_is_ci(const char *s, size_t len, const char *word) {
  if (strlen(word) != len) return false;
  for (size_t i = 0; i < len; i++)
    if ((s[i] | 0x20) != word[i]) return false;
  return true;
}

/* Python's float grammar (PyOS_string_to_double, no hex): sign, then inf,
 * infinity or nan in any case, or digits with an optional fraction and
 * exponent. `s` has no underscores and no surrounding whitespace. */
static bool float_text_valid(const char *s, size_t len) {
  size_t i = 0;
  if (i < len && (s[i] == '+' || s[i] == '-')) i++;
  if (text_is_ci(s + i, len - i, "inf") || text_is_ci(s + i, len - i, "infinity") || text_is_ci(s + i, len - i, "nan"))
    return true;
  size_t int_end = skip_digits(s, i, len);
  size_t ndigits = int_end - i;
  i = int_end;
  if (i < len && s[i] == '.') {
    size_t frac_end = skip_digits(s, i + 1, len);
    ndigits += frac_end - (i + 1);
    i = frac_end;
  }
  if (ndigits == 0) return false;
  if (i < len && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    if (i < len && (s[i] == '+' || s[i] == '-')) i++;
    size_t exp_end = skip_digits(s, i, len);
    if (exp_end == i) return false;
    i = exp_end;
  }
  return i == len;
}

/* CPython's _Py_string_to_number_with_underscores: '_' only between two
 * digits; removed in place. False when misplaced (or a NUL is embedded). */
static bool strip_underscores(char *s, size_t *len) {
  size_t n = 0;
  char prev = 0;
  for (size_t i = 0; i < *len; i++) {
    char c = s[i];
    if (c == '\0') return false;
    if (c == '_') {
      if (!(prev >= '0' && prev <= '9')) return false;
    } else {
      if (prev == '_' && !(c >= '0' && c <= '9')) return false;
      s[n++] = c;
    }
    prev = c;
  }
  if (prev == '_') return false;
  *len = n;
  return true;
}

/* Parse ASCII float text in place (buf has room for a NUL at buf[len]). */
static bool parse_float_text(char *buf, size_t len, double *out) {
  if (!strip_underscores(buf, &len)) return false;
  size_t b = 0, e = len;
  while (b < e && ascii_space(buf[b])) b++;
  while (e > b && ascii_space(buf[e - 1])) e--;
  if (!float_text_valid(buf + b, e - b)) return false;
  buf[e] = '\0';
  /* strtod is correctly rounded (glibc) and the text is already validated,
   * so it consumes all of it; the C locale's '.' is the decimal point. */
  *out = strtod(buf + b, NULL);
  return true;
}

/* repr(s), truncated to `max_chars` code points when max_chars >= 0
 * (CPython's "%.200R" in int()'s message). */
static Status repr_for_message(VM *vm, Value s, int64_t max_chars, StrBuf *sb) {
  if (value_repr(vm, s, sb) != LS_OK) return LS_ERR;
  if (sb->oom) return vm_raise_noarg(vm, B_MemoryError);
  if (max_chars < 0) return LS_OK;
  size_t pos = 0;
  for (int64_t k = 0; k < max_chars && pos < sb->len; k++) pos += (size_t)utf8_seq_len((unsigned char)sb->data[pos]);
  if (pos < sb->len) {
    sb->len = pos;
    sb->data[pos] = '\0';
  }
  return LS_OK;
}

static Status raise_bad_int_literal(VM *vm, Value s, int base) {
  StrBuf sb;
  strbuf_init(&sb);
  Status st = repr_for_message(vm, s, 200, &sb);
  if (st == LS_OK) st = vm_raise(vm, B_ValueError, "invalid literal for int() with base %d: %s", base, sb.data);
  strbuf_free(&sb);
  return st;
}

static Status int_from_str(VM *vm, Value s, int base, Value *out) {
  const ObjStr *str = AS_STR(s);
  char *buf = malloc((size_t)str->nbytes + 1);
  if (!buf) return vm_raise_noarg(vm, B_MemoryError);
  size_t len;
  int64_t v = 0;
  ParseResult r = numeric_text_ascii(str, buf, &len) ? parse_int_text(buf, len, base, &v) : PARSE_INVALID;
  free(buf);
  if (r == PARSE_INVALID) return raise_bad_int_literal(vm, s, base);
  if (r == PARSE_OVERFLOW) return raise_overflow(vm);
  *out = value_int(v);
  return LS_OK;
}

static Status float_from_str(VM *vm, Value s, Value *out) {
  const ObjStr *str = AS_STR(s);
  char *buf = malloc((size_t)str->nbytes + 1);
  if (!buf) return vm_raise_noarg(vm, B_MemoryError);
  size_t len;
  double f = 0.0;
  bool ok = numeric_text_ascii(str, buf, &len) && parse_float_text(buf, len, &f);
  free(buf);
  if (ok) {
    *out = value_float(f);
    return LS_OK;
  }
  StrBuf sb;
  strbuf_init(&sb);
  Status st = repr_for_message(vm, s, -1, &sb);
  if (st == LS_OK) st = vm_raise(vm, B_ValueError, "could not convert string to float: %s", sb.data);
  strbuf_free(&sb);
  return st;
}

/* int(f) for a float: truncation; NaN and infinities as CPython. */
static Status int_from_float(VM *vm, double f, int64_t *out) {
  if (isnan(f)) return vm_raise(vm, B_ValueError, "cannot convert float NaN to integer");
  if (isinf(f)) return vm_raise(vm, B_OverflowError, "cannot convert float infinity to integer");
  double t = trunc(f);
  if (!(t >= -9223372036854775808.0 && t < 9223372036854775808.0)) return raise_overflow(vm);
  *out = (int64_t)t;
  return LS_OK;
}

/* ======================================================================== */
/* Sorting: CPython's listsort (timsort with powersort merge order) for the
 * key-less case. Matching its exact sequence of `<` comparisons matters:
 * which pair is compared first decides the TypeError message for mixed
 * types, and NaNs make the result depend on every comparison. It is
 * iterative (a stack of at most 85 runs), stable, and on an error leaves
 * the items a permutation of the input, as CPython does.                    */

enum { SORT_MIN_GALLOP = 7, SORT_MAX_RUNS = 85 };

typedef struct SortRun {
  int64_t base, len;
  int power;
} SortRun;

typedef struct Sorter {
  VM *vm;
  Value *a;          /* the items, sorted in place */
  int64_t n;
  Value *tmp;        /* merge scratch (charged to the heap) */
  int64_t tmp_cap;
  int64_t min_gallop;
  SortRun runs[SORT_MAX_RUNS];
  int nruns;
} Sorter;

static Status sort_less(Sorter *s, Value x, Value y, bool *lt) {
  Value r;
  if (op_compare(s->vm, CMPOP_LT, x, y, &r) != LS_OK) return LS_ERR;
  *lt = value_truthy(r);
  return LS_OK;
}

static Status sort_reserve_tmp(Sorter *s, int64_t need) {
  if (need <= s->tmp_cap) return LS_OK;
  size_t bytes = (size_t)need * sizeof(Value);
  Value *p = s->tmp ? heap_buf_realloc(s->vm, s->tmp, (size_t)s->tmp_cap * sizeof(Value), bytes)
                    : heap_buf_alloc(s->vm, bytes);
  if (!p) return LS_ERR;
  s->tmp = p;
  s->tmp_cap = need;
  return LS_OK;
}

static void reverse_values(Value *a, int64_t n) {
  for (int64_t i = 0, j = n - 1; i < j; i++, j--) {
    Value t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

/* Length of the run starting at lo: non-descending, or strictly descending
 * (*descending; reversing it keeps the sort stable). */
static Status count_run(Sorter *s, int64_t lo, int64_t hi, int64_t *len, bool *descending) {
  Value *a = s->a;
  *descending = false;
  if (lo + 1 == hi) return (*len = 1, LS_OK);
  bool lt;
  if (sort_less(s, a[lo + 1], a[lo], &lt) != LS_OK) return LS_ERR;
  int64_t k = lo + 2;
  *descending = lt;
  for (; k < hi; k++) {
    if (sort_less(s, a[k], a[k - 1], &lt) != LS_OK) return LS_ERR;
    if (lt != *descending) break;
  }
  *len = k - lo;
  return LS_OK;
}

/* Sort a[lo:hi] by binary insertion, a[lo:start] being sorted already. */
static Status binary_insertion(Sorter *s, int64_t lo, int64_t hi, int64_t start) {
  Value *a = s->a;
  if (start == lo) start++;
  for (; start < hi; start++) {
    Value pivot = a[start];
    int64_t l = lo, r = start;
    do {
      int64_t m = l + ((r - l) >> 1);
      bool lt;
      if (sort_less(s, pivot, a[m], &lt) != LS_OK) return LS_ERR;
      if (lt) r = m;
      else l = m + 1;
    } while (l < r);
    memmove(&a[l + 1], &a[l], (size_t)(start - l) * sizeof(Value));
    a[l] = pivot;
  }
  return LS_OK;
}

/* Leftmost k with a[k-1] < key <= a[k], searched from `hint` outwards. */
static Status gallop_left(Sorter *s, Value key, const Value *a, int64_t n, int64_t hint, int64_t *pos) {
  int64_t last = 0, ofs = 1;
  bool lt;
  if (sort_less(s, a[hint], key, &lt) != LS_OK) return LS_ERR;
  if (lt) { /* a[hint] < key: gallop right */
    int64_t max = n - hint;
    while (ofs < max) {
      if (sort_less(s, a[hint + ofs], key, &lt) != LS_OK) return LS_ERR;
      if (!lt) break;
      last = ofs;
      ofs = (ofs << 1) + 1;
    }
    if (ofs > max) ofs = max;
    last += hint;
    ofs += hint;
  } else { /* key <= a[hint]: gallop left */
    int64_t max = hint + 1;
    while (ofs < max) {
      if (sort_less(s, a[hint - ofs], key, &lt) != LS_OK) return LS_ERR;
      if (lt) break;
      last = ofs;
      ofs = (ofs << 1) + 1;
    }
    if (ofs > max) ofs = max;
    int64_t k = last;
    last = hint - ofs;
    ofs = hint - k;
  }
  /* a[last] < key <= a[ofs]: binary search in between. */
  for (last++; last < ofs;) {
    int64_t m = last + ((ofs - last) >> 1);
    if (sort_less(s, a[m], key, &lt) != LS_OK) return LS_ERR;
    if (lt) last = m + 1;
    else ofs = m;
  }
  *pos = ofs;
  return LS_OK;
}

/* Rightmost k with a[k-1] <= key < a[k], searched from `hint` outwards. */
static Status gallop_right(Sorter *s, Value key, const Value *a, int64_t n, int64_t hint, int64_t *pos) {
  int64_t last = 0, ofs = 1;
  bool lt;
  if (sort_less(s, key, a[hint], &lt) != LS_OK) return LS_ERR;
  if (lt) { /* key < a[hint]: gallop left */
    int64_t max = hint + 1;
    while (ofs < max) {
      if (sort_less(s, key, a[hint - ofs], &lt) != LS_OK) return LS_ERR;
      if (!lt) break;
      last = ofs;
      ofs = (ofs << 1) + 1;
    }
    if (ofs > max) ofs = max;
    int64_t k = last;
    last = hint - ofs;
    ofs = hint - k;
  } else { /* a[hint] <= key: gallop right */
    int64_t max = n - hint;
    while (ofs < max) {
      if (sort_less(s, key, a[hint + ofs], &lt) != LS_OK) return LS_ERR;
      if (lt) break;
      last = ofs;
      ofs = (ofs << 1) + 1;
    }
    if (ofs > max) ofs = max;
    last += hint;
    ofs += hint;
  }
  /* a[last] <= key < a[ofs]: binary search in between. */
  for (last++; last < ofs;) {
    int64_t m = last + ((ofs - last) >> 1);
    if (sort_less(s, key, a[m], &lt) != LS_OK) return LS_ERR;
    if (lt) ofs = m;
    else last = m + 1;
  }
  *pos = ofs;
  return LS_OK;
}

static void copy_values(Value *dst, const Value *src, int64_t n) { memmove(dst, src, (size_t)n * sizeof(Value)); }

/* Merge the adjacent runs a[pa:pa+na] and a[pa+na:pa+na+nb] (na <= nb),
 * with A copied aside. On an error, what is left of A is copied back into
 * the gap, so the items stay a permutation. */
static Status merge_low(Sorter *s, int64_t pa, int64_t na, int64_t nb) {
  if (sort_reserve_tmp(s, na) != LS_OK) return LS_ERR;
  copy_values(s->tmp, &s->a[pa], na);
  Value *A = s->tmp, *B = &s->a[pa + na], *dest = &s->a[pa];
  Status st = LS_OK;
  int64_t min_gallop = s->min_gallop, acount, bcount, k;
  bool lt;
  *dest++ = *B++;
  if (--nb == 0) goto finish;
  if (na == 1) goto last_a;
  for (;;) {
    acount = bcount = 0;
    /* One item at a time until a run wins min_gallop times in a row. */
    for (;;) {
      if ((st = sort_less(s, *B, *A, &lt)) != LS_OK) goto finish;
      if (lt) {
        *dest++ = *B++;
        bcount++;
        acount = 0;
        if (--nb == 0) goto finish;
        if (bcount >= min_gallop) break;
      } else {
        *dest++ = *A++;
        acount++;
        bcount = 0;
        if (--na == 1) goto last_a;
        if (acount >= min_gallop) break;
      }
    }
    /* Galloping: move whole blocks while either run keeps winning. */
    min_gallop++;
    do {
      min_gallop -= min_gallop > 1;
      s->min_gallop = min_gallop;
      if ((st = gallop_right(s, *B, A, na, 0, &k)) != LS_OK) goto finish;
      acount = k;
      if (k) {
        copy_values(dest, A, k);
        dest += k;
        A += k;
        na -= k;
        if (na == 1) goto last_a;
        if (na == 0) goto finish; /* only with an inconsistent order */
      }
      *dest++ = *B++;
      if (--nb == 0) goto finish;
      if ((st = gallop_left(s, *A, B, nb, 0, &k)) != LS_OK) goto finish;
      bcount = k;
      if (k) {
        copy_values(dest, B, k);
        dest += k;
        B += k;
        nb -= k;
        if (nb == 0) goto finish;
      }
      *dest++ = *A++;
      if (--na == 1) goto last_a;
    } while (acount >= SORT_MIN_GALLOP || bcount >= SORT_MIN_GALLOP);
    min_gallop++;
    s->min_gallop = min_gallop;
  }
finish:
  if (na) copy_values(dest, A, na);
  return st;
last_a:
  /* The one item left of A belongs after the rest of B. */
  copy_values(dest, B, nb);
  dest[nb] = *A;
  return LS_OK;
}

/* Mirror of merge_low for na > nb: B copied aside, merging from the right. */
static Status merge_high(Sorter *s, int64_t pa, int64_t na, int64_t nb) {
  if (sort_reserve_tmp(s, nb) != LS_OK) return LS_ERR;
  copy_values(s->tmp, &s->a[pa + na], nb);
  Value *baseA = &s->a[pa], *baseB = s->tmp;
  Value *A = &s->a[pa + na - 1], *B = s->tmp + nb - 1, *dest = &s->a[pa + na + nb - 1];
  Status st = LS_OK;
  int64_t min_gallop = s->min_gallop, acount, bcount, k;
  bool lt;
  *dest-- = *A--;
  if (--na == 0) goto finish;
  if (nb == 1) goto first_b;
  for (;;) {
    acount = bcount = 0;
    for (;;) {
      if ((st = sort_less(s, *B, *A, &lt)) != LS_OK) goto finish;
      if (lt) {
        *dest-- = *A--;
        acount++;
        bcount = 0;
        if (--na == 0) goto finish;
        if (acount >= min_gallop) break;
      } else {
        *dest-- = *B--;
        bcount++;
        acount = 0;
        if (--nb == 1) goto first_b;
        if (bcount >= min_gallop) break;
      }
    }
    min_gallop++;
    do {
      min_gallop -= min_gallop > 1;
      s->min_gallop = min_gallop;
      if ((st = gallop_right(s, *B, baseA, na, na - 1, &k)) != LS_OK) goto finish;
      k = na - k;
      acount = k;
      if (k) {
        dest -= k;
        A -= k;
        copy_values(dest + 1, A + 1, k);
        na -= k;
        if (na == 0) goto finish;
      }
      *dest-- = *B--;
      if (--nb == 1) goto first_b;
      if ((st = gallop_left(s, *A, baseB, nb, nb - 1, &k)) != LS_OK) goto finish;
      k = nb - k;
      bcount = k;
      if (k) {
        dest -= k;
        B -= k;
        copy_values(dest + 1, B + 1, k);
        nb -= k;
        if (nb == 1) goto first_b;
        if (nb == 0) goto finish; /* only with an inconsistent order */
      }
      *dest-- = *A--;
      if (--na == 0) goto finish;
    } while (acount >= SORT_MIN_GALLOP || bcount >= SORT_MIN_GALLOP);
    min_gallop++;
    s->min_gallop = min_gallop;
  }
finish:
  if (nb) copy_values(dest - (nb - 1), baseB, nb);
  return st;
first_b:
  /* The one item left of B belongs before the rest of A. */
  dest -= na;
  A -= na;
  copy_values(dest + 1, A + 1, na);
  *dest = *B;
  return LS_OK;
}

/* Merge runs i and i+1 of the stack. */
static Status merge_at(Sorter *s, int i) {
  SortRun *r = s->runs;
  int64_t pa = r[i].base, na = r[i].len, pb = r[i + 1].base, nb = r[i + 1].len, k;
  r[i].len = na + nb;
  if (i == s->nruns - 3) r[i + 1] = r[i + 2];
  s->nruns--;
  /* Items of A before B's first item, and of B after A's last, are
   * already in place. */
  if (gallop_right(s, s->a[pb], &s->a[pa], na, 0, &k) != LS_OK) return LS_ERR;
  pa += k;
  na -= k;
  if (na == 0) return LS_OK;
  if (gallop_left(s, s->a[pa + na - 1], &s->a[pb], nb, nb - 1, &nb) != LS_OK) return LS_ERR;
  if (nb == 0) return LS_OK;
  return na <= nb ? merge_low(s, pa, na, nb) : merge_high(s, pa, na, nb);
}

/* Powersort's node power of two adjacent runs [s1, s1+n1) and
 * [s1+n1, s1+n1+n2) in a list of n items: the first bit where the binary
 * expansions of their midpoints (as fractions of n) differ. */
static int run_power(int64_t s1, int64_t n1, int64_t n2, int64_t n) {
  int64_t a = 2 * s1 + n1, b = a + n1 + n2; /* twice the midpoints */
  int power = 0;
  for (;;) {
    power++;
    if (a >= n) {
      a -= n;
      b -= n;
    } else if (b >= n) {
      break;
    }
    a <<= 1;
    b <<= 1;
  }
  return power;
}

/* A run of n2 items follows the top of the stack: merge while the run
 * below the top has a greater power than the new boundary. */
static Status found_new_run(Sorter *s, int64_t n2) {
  if (s->nruns == 0) return LS_OK;
  SortRun *top = &s->runs[s->nruns - 1];
  int power = run_power(top->base, top->len, n2, s->n);
  while (s->nruns > 1 && s->runs[s->nruns - 2].power > power)
    if (merge_at(s, s->nruns - 2) != LS_OK) return LS_ERR;
  s->runs[s->nruns - 1].power = power;
  return LS_OK;
}

static Status merge_force_collapse(Sorter *s) {
  while (s->nruns > 1) {
    int i = s->nruns - 2;
    if (i > 0 && s->runs[i - 1].len < s->runs[i + 1].len) i--;
    if (merge_at(s, i) != LS_OK) return LS_ERR;
  }
  return LS_OK;
}

static int64_t min_run_length(int64_t n) {
  int64_t r = 0;
  while (n >= 64) {
    r |= n & 1;
    n >>= 1;
  }
  return n + r;
}

static Status sort_runs(Sorter *s) {
  int64_t minrun = min_run_length(s->n), lo = 0, remaining = s->n;
  while (remaining > 0) {
    int64_t run;
    bool descending;
    if (count_run(s, lo, lo + remaining, &run, &descending) != LS_OK) return LS_ERR;
    if (descending) reverse_values(&s->a[lo], run);
    if (run < minrun) {
      int64_t force = remaining <= minrun ? remaining : minrun;
      if (binary_insertion(s, lo, lo + force, lo + run) != LS_OK) return LS_ERR;
      run = force;
    }
    if (found_new_run(s, run) != LS_OK) return LS_ERR;
    s->runs[s->nruns++] = (SortRun){.base = lo, .len = run, .power = 0};
    lo += run;
    remaining -= run;
  }
  return merge_force_collapse(s);
}

/* Sort n items in place with `<` (op_compare). */
static Status sort_values(VM *vm, Value *items, int64_t n) {
  if (n < 2) return LS_OK;
  Sorter s = {.vm = vm, .a = items, .n = n, .min_gallop = SORT_MIN_GALLOP};
  Status st = sort_runs(&s);
  if (s.tmp) heap_buf_free(vm, s.tmp, (size_t)s.tmp_cap * sizeof(Value));
  return st;
}

/* ======================================================================== */
/* print                                                                     */

static Status print_write_str(VM *vm, Value v, StrBuf *sb) {
  strbuf_clear(sb);
  if (value_str(vm, v, sb) != LS_OK) return LS_ERR;
  if (sb->oom) return vm_raise_noarg(vm, B_MemoryError);
  vm_write(vm, sb->data ? sb->data : "", sb->len);
  return LS_OK;
}

/* print(*args, sep=' ', end='\n'): written piece by piece, as CPython
 * does, so an error in str() of a later argument leaves the earlier ones
 * written. */
static Status bi_print(VM *vm, const Value *args, uint32_t npos, const Value *kwvals, const ObjTuple *kwnames,
                       Value *out) {
  Value sep = value_none(), end = value_none();
  for (int64_t k = 0; kwnames && k < kwnames->len; k++) {
    Value name = kwnames->items[k];
    if (!is_str(name)) return vm_raise(vm, B_TypeError, "keywords must be strings");
    const ObjStr *kw = AS_STR(name);
    if (name_is("sep", kw->data, (size_t)kw->nbytes)) sep = kwvals[k];
    else if (name_is("end", kw->data, (size_t)kw->nbytes)) end = kwvals[k];
    else return vm_raise(vm, B_TypeError, "'%s' is an invalid keyword argument for print()", kw->data);
  }
  if (sep.tag != V_NONE && !is_str(sep))
    return vm_raise(vm, B_TypeError, "sep must be None or a string, not %s", value_type_name(sep));
  if (end.tag != V_NONE && !is_str(end))
    return vm_raise(vm, B_TypeError, "end must be None or a string, not %s", value_type_name(end));
  StrBuf sb;
  strbuf_init(&sb);
  Status st = LS_OK;
  for (uint32_t i = 0; i < npos && st == LS_OK; i++) {
    if (i > 0) {
      if (sep.tag == V_NONE) vm_write(vm, " ", 1);
      else vm_write(vm, AS_STR(sep)->data, (size_t)AS_STR(sep)->nbytes);
    }
    st = print_write_str(vm, args[i], &sb);
  }
  strbuf_free(&sb);
  if (st != LS_OK) return LS_ERR;
  if (end.tag == V_NONE) vm_write(vm, "\n", 1);
  else vm_write(vm, AS_STR(end)->data, (size_t)AS_STR(end)->nbytes);
  *out = value_none();
  return LS_OK;
}

/* ======================================================================== */
/* Functions                                                                 */

static Status bi_len(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_takes(vm, "len", n, 1, 1) != LS_OK) return LS_ERR;
  Value v = args[0];
  int64_t len;
  switch (value_obj_kind(v)) {
  case OBJ_STR: len = AS_STR(v)->nchars; break;
  case OBJ_LIST: len = AS_LIST(v)->len; break;
  case OBJ_TUPLE: len = AS_TUPLE(v)->len; break;
  case OBJ_DICT: len = AS_DICT(v)->len; break;
  case OBJ_DICTVIEW: len = AS_DICTVIEW(v)->dict->len; break;
  case OBJ_RANGE:
    len = AS_RANGE(v)->len;
    if (len < 0) return vm_raise(vm, B_OverflowError, "Python int too large to convert to C ssize_t");
    break;
  default: return vm_raise(vm, B_TypeError, "object of type '%s' has no len()", value_type_name(v));
  }
  *out = value_int(len);
  return LS_OK;
}

static Status bi_abs(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_takes(vm, "abs", n, 1, 1) != LS_OK) return LS_ERR;
  Value v = args[0];
  if (value_is_intlike(v)) {
    if (v.as.i == INT64_MIN) return raise_overflow(vm);
    *out = value_int(v.as.i < 0 ? -v.as.i : v.as.i);
    return LS_OK;
  }
  if (v.tag == V_FLOAT) return (*out = value_float(fabs(v.as.f)), LS_OK);
  return vm_raise(vm, B_TypeError, "bad operand type for abs(): '%s'", value_type_name(v));
}

/* Keep `item` (owned) when it beats *best by `cmpop` (item < best for min,
 * item > best for max; the first of equal items wins, as in CPython). */
static Status minmax_consider(VM *vm, int cmpop, Value item, Value *best, bool *have) {
  if (!*have) {
    *best = item;
    *have = true;
    return LS_OK;
  }
  Value r;
  if (op_compare(vm, cmpop, item, *best, &r) != LS_OK) {
    value_decref(vm, item);
    return LS_ERR;
  }
  if (value_truthy(r)) {
    value_decref(vm, *best);
    *best = item;
  } else {
    value_decref(vm, item);
  }
  return LS_OK;
}

static Status min_max(VM *vm, const Value *args, uint32_t n, int cmpop, const char *name, Value *out) {
  if (n == 0) return vm_raise(vm, B_TypeError, "%s expected at least 1 argument, got 0", name);
  Value best = value_none();
  bool have = false;
  Status st = LS_OK;
  if (n > 1) {
    for (uint32_t i = 0; i < n && st == LS_OK; i++) {
      value_incref(args[i]);
      st = minmax_consider(vm, cmpop, args[i], &best, &have);
    }
  } else {
    Value it;
    if (iter_new(vm, args[0], &it) != LS_OK) return LS_ERR;
    for (;;) {
      Value item;
      bool done;
      st = iter_next_charged(vm, it, &item, &done);
      if (st != LS_OK || done) break;
      st = minmax_consider(vm, cmpop, item, &best, &have);
      if (st != LS_OK) break;
    }
    value_decref(vm, it);
  }
  if (st != LS_OK) {
    if (have) value_decref(vm, best);
    return LS_ERR;
  }
  if (!have) return vm_raise(vm, B_ValueError, "%s() arg is an empty sequence", name);
  *out = best;
  return LS_OK;
}

static Status bi_min(VM *vm, const Value *args, uint32_t n, Value *out) {
  return min_max(vm, args, n, CMPOP_LT, "min", out);
}

static Status bi_max(VM *vm, const Value *args, uint32_t n, Value *out) {
  return min_max(vm, args, n, CMPOP_GT, "max", out);
}

/* sum(iterable, start=0): left-to-right `+`, exactly as CPython 3.11 (its
 * int and float fast paths give the same results as plain addition; 3.11
 * does not compensate float rounding). An int partial sum outside int64
 * raises OverflowError. */
static Status bi_sum(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (n == 0) return vm_raise(vm, B_TypeError, "sum() takes at least 1 positional argument (0 given)");
  if (args_takes(vm, "sum", n, 1, 2) != LS_OK) return LS_ERR;
  Value it;
  if (iter_new(vm, args[0], &it) != LS_OK) return LS_ERR;
  Value acc = n == 2 ? args[1] : value_int(0);
  if (is_str(acc)) {
    value_decref(vm, it);
    return vm_raise(vm, B_TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
  }
  value_incref(acc);
  Status st = LS_OK;
  for (;;) {
    Value item, next;
    bool done;
    st = iter_next_charged(vm, it, &item, &done);
    if (st != LS_OK || done) break;
    if (acc.tag == V_INT && value_is_intlike(item)) {
      int64_t r;
      if (!int_add(acc.as.i, item.as.i, &r)) st = raise_overflow(vm);
      else next = value_int(r);
    } else {
      st = op_binary(vm, BINOP_ADD, acc, item, &next);
    }
    value_decref(vm, item);
    if (st != LS_OK) break;
    value_decref(vm, acc);
    acc = next;
  }
  value_decref(vm, it);
  if (st != LS_OK) {
    value_decref(vm, acc);
    return LS_ERR;
  }
  *out = acc;
  return LS_OK;
}

static Status bi_repr(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_takes(vm, "repr", n, 1, 1) != LS_OK) return LS_ERR;
  StrBuf sb;
  strbuf_init(&sb);
  Status st = value_repr(vm, args[0], &sb);
  if (st == LS_OK) st = str_from_buf(vm, &sb, out);
  strbuf_free(&sb);
  return st;
}

static Status bi_ord(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_takes(vm, "ord", n, 1, 1) != LS_OK) return LS_ERR;
  Value v = args[0];
  if (!is_str(v))
    return vm_raise(vm, B_TypeError, "ord() expected string of length 1, but %s found", value_type_name(v));
  const ObjStr *s = AS_STR(v);
  if (s->nchars != 1) {
    return vm_raise(vm, B_TypeError, "ord() expected a character, but string of length %lld found",
                    (long long)s->nchars);
  }
  size_t pos = 0;
  *out = value_int(utf8_decode_at(s->data, (size_t)s->nbytes, &pos));
  return LS_OK;
}

static size_t utf8_encode(uint32_t cp, char *buf) {
  if (cp < 0x80) {
    buf[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    buf[0] = (char)(0xC0 | (cp >> 6));
    buf[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    buf[0] = (char)(0xE0 | (cp >> 12));
    buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    buf[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  buf[0] = (char)(0xF0 | (cp >> 18));
  buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  buf[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

static Status bi_chr(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_takes(vm, "chr", n, 1, 1) != LS_OK) return LS_ERR;
  int64_t cp = 0;
  if (arg_index(vm, args[0], &cp) != LS_OK) return LS_ERR;
  if (cp < INT32_MIN || cp > INT32_MAX) /* CPython converts to a C int first */
    return vm_raise(vm, B_OverflowError, "Python int too large to convert to C int");
  if (cp < 0 || cp >= 0x110000) return vm_raise(vm, B_ValueError, "chr() arg not in range(0x110000)");
  /* Deviation: CPython makes a lone-surrogate str; UTF-8 cannot hold one. */
  if (cp >= 0xD800 && cp <= 0xDFFF) return vm_raise(vm, B_ValueError, "chr() arg is a surrogate (not supported)");
  char buf[4];
  return new_str(vm, buf, utf8_encode((uint32_t)cp, buf), out);
}

/* isinstance against one class (a builtin type or exception class). */
static bool value_has_class(Value v, int cls) {
  switch (cls) {
  case B_int: return value_is_intlike(v);
  case B_bool: return v.tag == V_BOOL;
  case B_float: return v.tag == V_FLOAT;
  case B_str: return value_is_kind(v, OBJ_STR);
  case B_list: return value_is_kind(v, OBJ_LIST);
  case B_tuple: return value_is_kind(v, OBJ_TUPLE);
  case B_dict: return value_is_kind(v, OBJ_DICT);
  case B_range: return value_is_kind(v, OBJ_RANGE);
  default: return value_is_kind(v, OBJ_EXCEPTION) && exc_class_matches(AS_EXCEPTION(v)->type, cls);
  }
}

static bool value_is_class(Value v) {
  return v.tag == V_BUILTIN && builtin_valid((int)v.as.i) &&
         (builtin_info[v.as.i].kind == BK_TYPE || builtin_info[v.as.i].kind == BK_EXCEPTION);
}

/* Tuples of classes nest to any depth: bounded like nested comparisons
 * (frames and nesting share the recursion limit, as in CPython). */
static Status isinstance_of(VM *vm, Value v, Value cls, bool *out) {
  if (value_is_class(cls)) return (*out = value_has_class(v, (int)cls.as.i), LS_OK);
  if (!value_is_kind(cls, OBJ_TUPLE))
    return vm_raise(vm, B_TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union");
  int64_t limit = vm->config.max_depth > 0 ? vm->config.max_depth : VM_DEFAULT_MAX_DEPTH;
  if ((int64_t)vm->depth + vm->repr_depth >= limit)
    return vm_raise(vm, B_RecursionError, "maximum recursion depth exceeded in __instancecheck__");
  vm->repr_depth++;
  Status st = LS_OK;
  *out = false;
  const ObjTuple *t = AS_TUPLE(cls);
  for (int64_t i = 0; i < t->len && st == LS_OK && !*out; i++) st = isinstance_of(vm, v, t->items[i], out);
  vm->repr_depth--;
  return st;
}

static Status bi_isinstance(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_expected(vm, "isinstance", n, 2, 2) != LS_OK) return LS_ERR;
  bool r;
  if (isinstance_of(vm, args[0], args[1], &r) != LS_OK) return LS_ERR;
  *out = value_bool(r);
  return LS_OK;
}

static Status bi_sorted(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_expected(vm, "sorted", n, 1, 1) != LS_OK) return LS_ERR;
  ObjList *l;
  if (list_from_iterable(vm, args[0], &l) != LS_OK) return LS_ERR;
  if (sort_values(vm, l->items, l->len) != LS_OK) {
    obj_decref(vm, &l->h);
    return LS_ERR;
  }
  *out = value_obj(&l->h);
  return LS_OK;
}

static Status bi_reversed(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_expected(vm, "reversed", n, 1, 1) != LS_OK) return LS_ERR;
  return iter_reversed_new(vm, args[0], out);
}

static Status bi_enumerate(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (n == 0) return vm_raise(vm, B_TypeError, "enumerate() missing required argument 'iterable'");
  if (args_takes(vm, "enumerate", n, 1, 2) != LS_OK) return LS_ERR;
  int64_t start = 0;
  if (n == 2 && arg_index(vm, args[1], &start) != LS_OK) return LS_ERR;
  if (iter_enumerate_new(vm, args[0], out) != LS_OK) return LS_ERR;
  AS_ITER(*out)->i = start; /* ITER_ENUMERATE: i is the next count */
  return LS_OK;
}

static Status bi_zip(VM *vm, const Value *args, uint32_t n, Value *out) { return iter_zip_new(vm, args, n, out); }

static bool is_number(Value v) { return value_is_intlike(v) || v.tag == V_FLOAT; }

static Status bi_divmod(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_expected(vm, "divmod", n, 2, 2) != LS_OK) return LS_ERR;
  Value a = args[0], b = args[1];
  if (!is_number(a) || !is_number(b)) {
    return vm_raise(vm, B_TypeError, "unsupported operand type(s) for divmod(): '%s' and '%s'", value_type_name(a),
                    value_type_name(b));
  }
  bool floats = a.tag == V_FLOAT || b.tag == V_FLOAT;
  if (floats && (b.tag == V_FLOAT ? b.as.f == 0.0 : b.as.i == 0))
    return vm_raise(vm, B_ZeroDivisionError, "float divmod()");
  /* // and % compute the same pair CPython's divmod does. */
  Value q, r;
  if (op_binary(vm, BINOP_FLOORDIV, a, b, &q) != LS_OK) return LS_ERR;
  if (op_binary(vm, BINOP_MOD, a, b, &r) != LS_OK) return LS_ERR;
  ObjTuple *t = tuple_pair_new(vm, q, r);
  if (!t) return LS_ERR;
  *out = value_obj(&t->h);
  return LS_OK;
}

/* round(x) for a float: nearest, ties to even (CPython's float.__round__). */
static Status round_float_to_int(VM *vm, double x, Value *out) {
  double r = round(x);
  if (fabs(x - r) == 0.5) r = 2.0 * round(x / 2.0);
  int64_t i;
  if (int_from_float(vm, r, &i) != LS_OK) return LS_ERR;
  *out = value_int(i);
  return LS_OK;
}

/* round(x, nd) for a float, correctly rounded like CPython (which rounds the
 * exact binary value to nd decimal places, ties to even, then converts
 * back): the exact decimal expansion of x is rounded as text. */
static Status round_float_digits(VM *vm, double x, int64_t nd, Value *out) {
  /* CPython's bounds: beyond them the result is x itself, or a zero. */
  if (nd > 323 || !isfinite(x) || x == 0.0) return (*out = value_float(x), LS_OK);
  if (nd < -308) return (*out = value_float(0.0 * x), LS_OK);
  /* Every double's expansion ends within 1074 fractional digits. */
  char digits[1500];
  int len = snprintf(digits, sizeof digits, "%.1074f", fabs(x));
  if (len <= 0 || (size_t)len >= sizeof digits) return vm_raise_noarg(vm, B_MemoryError);
  char *dot = strchr(digits, '.');
  int64_t int_digits = dot - digits;
  memmove(dot, dot + 1, (size_t)(len - int_digits)); /* drop the point */
  int64_t ndig = len - 1;
  int64_t keep = int_digits + nd; /* digits kept, counted from the left */
  char kept[1500];
  int64_t nkept = keep > 0 ? keep : 0;
  memcpy(kept, digits, (size_t)nkept);
  bool round_up = false;
  if (keep >= 0 && keep < ndig) {
    char first = digits[keep];
    bool rest_nonzero = false;
    for (int64_t i = keep + 1; i < ndig && !rest_nonzero; i++) rest_nonzero = digits[i] != '0';
    bool last_odd = keep > 0 && ((digits[keep - 1] - '0') & 1);
    round_up = first > '5' || (first == '5' && (rest_nonzero || last_odd));
  }
  int64_t carry_at = nkept;
  if (round_up) { /* decimal increment of the kept digits */
    int64_t i = nkept - 1;
    while (i >= 0 && kept[i] == '9') kept[i--] = '0';
    if (i >= 0) kept[i]++;
    else {
      memmove(kept + 1, kept, (size_t)nkept);
      kept[0] = '1';
      carry_at++;
    }
  }
  if (carry_at == 0) kept[carry_at++] = '0';
  /* kept * 10**-nd, parsed by the correctly rounded strtod. */
  snprintf(kept + carry_at, sizeof kept - (size_t)carry_at, "e%lld", (long long)-nd);
  double r = strtod(kept, NULL);
  if (isinf(r)) return vm_raise(vm, B_OverflowError, "rounded value too large to represent");
  *out = value_float(copysign(r, x));
  return LS_OK;
}

/* round(i, nd) for an int and nd < 0: to a multiple of 10**-nd, ties to
 * even. Magnitudes are unsigned so that INT64_MIN and 10**19 fit. */
static Status round_int_digits(VM *vm, int64_t x, int64_t nd, Value *out) {
  if (nd >= 0) return (*out = value_int(x), LS_OK);
  if (nd < -19) return (*out = value_int(0), LS_OK); /* 10**20 > 2 * 2**63 */
  uint64_t pow10 = 1;
  for (int64_t i = 0; i < -nd; i++) pow10 *= 10;
  uint64_t mag = x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x;
  uint64_t q = mag / pow10, rem = mag % pow10;
  if (rem > pow10 - rem || (rem == pow10 - rem && (q & 1))) q++;
  /* q * pow10 <= mag + pow10 < 2**64: no unsigned overflow. */
  uint64_t r = q * pow10;
  if (x < 0 ? r > (uint64_t)1 << 63 : r > (uint64_t)INT64_MAX) return raise_overflow(vm);
  *out = value_int(x < 0 ? (int64_t)(0 - r) : (int64_t)r);
  return LS_OK;
}

static Status bi_round(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (n == 0) return vm_raise(vm, B_TypeError, "round() missing required argument 'number' (pos 1)");
  if (args_takes(vm, "round", n, 1, 2) != LS_OK) return LS_ERR;
  Value x = args[0];
  if (!is_number(x))
    return vm_raise(vm, B_TypeError, "type %s doesn't define __round__ method", value_type_name(x));
  bool has_digits = n == 2 && args[1].tag != V_NONE;
  int64_t nd = 0;
  if (has_digits && arg_index(vm, args[1], &nd) != LS_OK) return LS_ERR;
  if (value_is_intlike(x)) {
    if (!has_digits) return (*out = value_int(x.as.i), LS_OK);
    return round_int_digits(vm, x.as.i, nd, out);
  }
  if (!has_digits) return round_float_to_int(vm, x.as.f, out);
  return round_float_digits(vm, x.as.f, nd, out);
}

/* ======================================================================== */
/* Types                                                                     */

static Status bi_int(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_takes(vm, "int", n, 0, 2) != LS_OK) return LS_ERR;
  if (n == 0) return (*out = value_int(0), LS_OK);
  Value x = args[0];
  if (n == 2) {
    int64_t base = 0;
    if (arg_index(vm, args[1], &base) != LS_OK) return LS_ERR;
    if (base != 0 && (base < 2 || base > 36))
      return vm_raise(vm, B_ValueError, "int() base must be >= 2 and <= 36, or 0");
    if (!is_str(x)) return vm_raise(vm, B_TypeError, "int() can't convert non-string with explicit base");
    return int_from_str(vm, x, (int)base, out);
  }
  if (value_is_intlike(x)) return (*out = value_int(x.as.i), LS_OK);
  if (x.tag == V_FLOAT) {
    int64_t i;
    if (int_from_float(vm, x.as.f, &i) != LS_OK) return LS_ERR;
    return (*out = value_int(i), LS_OK);
  }
  if (is_str(x)) return int_from_str(vm, x, 10, out);
  return vm_raise(vm, B_TypeError, "int() argument must be a string, a bytes-like object or a real number, not '%s'",
                  value_type_name(x));
}

static Status bi_float(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_expected(vm, "float", n, 0, 1) != LS_OK) return LS_ERR;
  if (n == 0) return (*out = value_float(0.0), LS_OK);
  Value x = args[0];
  if (value_is_intlike(x)) return (*out = value_float((double)x.as.i), LS_OK);
  if (x.tag == V_FLOAT) return (*out = x, LS_OK);
  if (is_str(x)) return float_from_str(vm, x, out);
  return vm_raise(vm, B_TypeError, "float() argument must be a string or a real number, not '%s'", value_type_name(x));
}

static Status bi_str(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_takes(vm, "str", n, 0, 3) != LS_OK) return LS_ERR;
  if (n == 0) return new_str(vm, "", 0, out);
  if (n >= 2) {
    /* str(obj, encoding[, errors]) decodes bytes, which lockstep lacks. */
    if (!is_str(args[1]))
      return vm_raise(vm, B_TypeError, "str() argument 'encoding' must be str, not %s", value_type_name(args[1]));
    if (n == 3 && !is_str(args[2]))
      return vm_raise(vm, B_TypeError, "str() argument 'errors' must be str, not %s", value_type_name(args[2]));
    if (is_str(args[0])) return vm_raise(vm, B_TypeError, "decoding str is not supported");
    return vm_raise(vm, B_TypeError, "decoding to str: need a bytes-like object, %s found", value_type_name(args[0]));
  }
  if (is_str(args[0])) {
    value_incref(args[0]);
    *out = args[0];
    return LS_OK;
  }
  StrBuf sb;
  strbuf_init(&sb);
  Status st = value_str(vm, args[0], &sb);
  if (st == LS_OK) st = str_from_buf(vm, &sb, out);
  strbuf_free(&sb);
  return st;
}

static Status bi_bool(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_expected(vm, "bool", n, 0, 1) != LS_OK) return LS_ERR;
  *out = value_bool(n == 1 && value_truthy(args[0]));
  return LS_OK;
}

static Status bi_list(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_expected(vm, "list", n, 0, 1) != LS_OK) return LS_ERR;
  ObjList *l;
  if (n == 0) return new_list_value(vm, 0, &l, out);
  if (list_from_iterable(vm, args[0], &l) != LS_OK) return LS_ERR;
  *out = value_obj(&l->h);
  return LS_OK;
}

static Status bi_tuple(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_expected(vm, "tuple", n, 0, 1) != LS_OK) return LS_ERR;
  if (n == 1 && value_is_kind(args[0], OBJ_TUPLE)) { /* tuple(t) is t */
    value_incref(args[0]);
    *out = args[0];
    return LS_OK;
  }
  ObjList *l = NULL;
  if (n == 1 && list_from_iterable(vm, args[0], &l) != LS_OK) return LS_ERR;
  int64_t len = l ? l->len : 0;
  ObjTuple *t = tuple_new(vm, len);
  if (t) {
    for (int64_t i = 0; i < len; i++) { /* move the references */
      t->items[i] = l->items[i];
      l->items[i] = value_none();
    }
  }
  if (l) obj_decref(vm, &l->h);
  if (!t) return LS_ERR;
  *out = value_obj(&t->h);
  return LS_OK;
}

/* dict(iterable): each element is itself iterable and has exactly 2 items. */
static Status dict_add_pair(VM *vm, ObjDict *d, Value elem, int64_t index) {
  int64_t n;
  const Value *kv = seq_items(elem, &n);
  ObjList *tmp = NULL;
  if (!kv) {
    if (!value_is_kind(elem, OBJ_STR) && !value_is_kind(elem, OBJ_DICT) && !value_is_kind(elem, OBJ_DICTVIEW) &&
        !value_is_kind(elem, OBJ_RANGE) && !value_is_kind(elem, OBJ_ITER)) {
      return vm_raise(vm, B_TypeError, "cannot convert dictionary update sequence element #%lld to a sequence",
                      (long long)index);
    }
    if (list_from_iterable(vm, elem, &tmp) != LS_OK) return LS_ERR;
    kv = tmp->items;
    n = tmp->len;
  }
  Status st;
  if (n != 2) {
    st = vm_raise(vm, B_ValueError, "dictionary update sequence element #%lld has length %lld; 2 is required",
                  (long long)index, (long long)n);
  } else {
    st = dict_set(vm, d, kv[0], kv[1]);
  }
  if (tmp) obj_decref(vm, &tmp->h);
  return st;
}

static Status dict_update_from(VM *vm, ObjDict *d, Value src) {
  if (value_is_kind(src, OBJ_DICT)) {
    const ObjDict *s = AS_DICT(src);
    for (int64_t i = 0; i < s->nentries; i++) {
      if (s->entries[i].deleted) continue;
      if (dict_set(vm, d, s->entries[i].key, s->entries[i].value) != LS_OK) return LS_ERR;
    }
    return LS_OK;
  }
  Value it;
  if (iter_new(vm, src, &it) != LS_OK) return LS_ERR;
  Status st = LS_OK;
  for (int64_t index = 0;; index++) {
    Value elem;
    bool done;
    st = iter_next_charged(vm, it, &elem, &done);
    if (st != LS_OK || done) break;
    st = dict_add_pair(vm, d, elem, index);
    value_decref(vm, elem);
    if (st != LS_OK) break;
  }
  value_decref(vm, it);
  return st;
}

static Status bi_dict(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_expected(vm, "dict", n, 0, 1) != LS_OK) return LS_ERR;
  ObjDict *d = dict_new(vm);
  if (!d) return LS_ERR;
  if (n == 1 && dict_update_from(vm, d, args[0]) != LS_OK) {
    obj_decref(vm, &d->h);
    return LS_ERR;
  }
  *out = value_obj(&d->h);
  return LS_OK;
}

static Status bi_range(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_expected(vm, "range", n, 1, 3) != LS_OK) return LS_ERR;
  int64_t v[3] = {0, 0, 1};
  for (uint32_t i = 0; i < n; i++)
    if (arg_index(vm, args[i], &v[i]) != LS_OK) return LS_ERR;
  if (n == 1) return range_new(vm, 0, v[0], 1, out);
  if (v[2] == 0) return vm_raise(vm, B_ValueError, "range() arg 3 must not be zero");
  return range_new(vm, v[0], v[1], v[2], out);
}

/* Calling an exception class. Deviation: lockstep exceptions hold at most
 * one argument, so more raise TypeError instead of filling e.args. */
static Status exception_new(VM *vm, int cls, const Value *args, uint32_t n, Value *out) {
  if (n > 1) {
    return vm_raise(vm, B_TypeError, "%s() takes at most 1 argument (%u given)", builtin_info[cls].name, n);
  }
  ObjException *e = exc_new(vm, cls, n == 1, n == 1 ? args[0] : value_none());
  if (!e) return LS_ERR;
  *out = value_obj(&e->h);
  return LS_OK;
}

/* ======================================================================== */
/* str methods (self is args[0], already checked to be a str)                */

/* Byte offsets of the code point range [start, end) after CPython's
 * ADJUST_INDICES (start may exceed the length: then the range is empty). */
typedef struct StrRange {
  int64_t start, end; /* code points */
} StrRange;

static Status str_range_args(VM *vm, const ObjStr *s, const Value *args, uint32_t n, uint32_t first, StrRange *r) {
  r->start = 0;
  r->end = INT64_MAX;
  if (n > first && arg_slice_bound(vm, args[first], &r->start) != LS_OK) return LS_ERR;
  if (n > first + 1 && arg_slice_bound(vm, args[first + 1], &r->end) != LS_OK) return LS_ERR;
  int64_t len = s->nchars;
  if (r->end > len) r->end = len;
  else if (r->end < 0) {
    r->end += len;
    if (r->end < 0) r->end = 0;
  }
  if (r->start < 0) {
    r->start += len;
    if (r->start < 0) r->start = 0;
  }
  return LS_OK;
}

static Status m_str_join(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_takes(vm, "str.join", n - 1, 1, 1) != LS_OK) return LS_ERR;
  const ObjStr *sep = AS_STR(args[0]);
  Value iterable = args[1];
  ObjList *tmp = NULL;
  int64_t count;
  const Value *items = seq_items(iterable, &count);
  if (!items) {
    if (value_obj_kind(iterable) < 0 || value_is_kind(iterable, OBJ_FUNCTION) || value_is_kind(iterable, OBJ_EXCEPTION))
      return vm_raise(vm, B_TypeError, "can only join an iterable");
    if (list_from_iterable(vm, iterable, &tmp) != LS_OK) return LS_ERR;
    items = tmp->items;
    count = tmp->len;
  }
  Status st = LS_OK;
  uint64_t total = 0;
  for (int64_t i = 0; i < count && st == LS_OK; i++) {
    if (!is_str(items[i])) {
      st = vm_raise(vm, B_TypeError, "sequence item %lld: expected str instance, %s found", (long long)i,
                    value_type_name(items[i]));
      break;
    }
    total += (uint64_t)AS_STR(items[i])->nbytes + (i > 0 ? (uint64_t)sep->nbytes : 0);
    if (total > (uint64_t)INT64_MAX) st = vm_raise_noarg(vm, B_MemoryError);
  }
  if (st == LS_OK) st = heap_room(vm, total);
  char *buf = st == LS_OK ? malloc(total ? total : 1) : NULL;
  if (st == LS_OK && !buf) st = vm_raise_noarg(vm, B_MemoryError);
  if (st == LS_OK) {
    size_t len = 0;
    for (int64_t i = 0; i < count; i++) {
      if (i > 0) {
        memcpy(buf + len, sep->data, (size_t)sep->nbytes);
        len += (size_t)sep->nbytes;
      }
      memcpy(buf + len, AS_STR(items[i])->data, (size_t)AS_STR(items[i])->nbytes);
      len += (size_t)AS_STR(items[i])->nbytes;
    }
    st = new_str(vm, buf, len, out);
  }
  free(buf);
  if (tmp) obj_decref(vm, &tmp->h);
  return st;
}

/* Byte offset of the code point before `off` (off > 0). */
static size_t utf8_prev(const char *data, size_t off) {
  do off--;
  while (off > 0 && ((unsigned char)data[off] & 0xC0) == 0x80);
  return off;
}

static Status split_add(VM *vm, ObjList *l, const char *data, size_t from, size_t to) {
  Value piece;
  if (new_str(vm, data + from, to - from, &piece) != LS_OK) return LS_ERR;
  return list_append_owned(vm, l, piece);
}

/* str.split() on runs of whitespace, at most maxsplit times. */
static Status split_whitespace(VM *vm, const ObjStr *s, int64_t maxsplit, ObjList *l) {
  size_t len = (size_t)s->nbytes, i = 0;
  const char *d = s->data;
  for (; maxsplit > 0; maxsplit--) {
    size_t p = i;
    while (i < len && unicode_space(utf8_decode_at(d, len, &p))) i = p;
    if (i == len) return LS_OK;
    size_t j = i;
    p = i;
    utf8_decode_at(d, len, &p);
    i = p;
    while (i < len && !unicode_space(utf8_decode_at(d, len, &p))) i = p;
    if (split_add(vm, l, d, j, i) != LS_OK) return LS_ERR;
  }
  /* maxsplit reached: the rest, without its leading whitespace. */
  size_t p = i;
  while (i < len && unicode_space(utf8_decode_at(d, len, &p))) i = p;
  if (i < len) return split_add(vm, l, d, i, len);
  return LS_OK;
}

static Status split_separator(VM *vm, const ObjStr *s, const ObjStr *sep, int64_t maxsplit, ObjList *l) {
  size_t len = (size_t)s->nbytes, seplen = (size_t)sep->nbytes, i = 0;
  for (; maxsplit > 0; maxsplit--) {
    const char *hit = memmem(s->data + i, len - i, sep->data, seplen);
    if (!hit) break;
    size_t j = (size_t)(hit - s->data);
    if (split_add(vm, l, s->data, i, j) != LS_OK) return LS_ERR;
    i = j + seplen;
  }
  return split_add(vm, l, s->data, i, len);
}

static Status m_str_split(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_takes(vm, "split", n - 1, 0, 2) != LS_OK) return LS_ERR;
  const ObjStr *s = AS_STR(args[0]);
  Value sep = n > 1 ? args[1] : value_none();
  int64_t maxsplit = -1; /* converted before `sep` is checked, as CPython */
  if (n > 2 && arg_index(vm, args[2], &maxsplit) != LS_OK) return LS_ERR;
  if (sep.tag != V_NONE && !is_str(sep))
    return vm_raise(vm, B_TypeError, "must be str or None, not %s", value_type_name(sep));
  if (maxsplit < 0) maxsplit = INT64_MAX;
  if (is_str(sep) && AS_STR(sep)->nbytes == 0) return vm_raise(vm, B_ValueError, "empty separator");
  ObjList *l;
  if (new_list_value(vm, 0, &l, out) != LS_OK) return LS_ERR;
  Status st = sep.tag == V_NONE ? split_whitespace(vm, s, maxsplit, l) : split_separator(vm, s, AS_STR(sep), maxsplit, l);
  if (st != LS_OK) value_decref(vm, *out);
  return st;
}

/* ASCII case mapping; other characters are copied unchanged. */
static Status str_map_case(VM *vm, const Value *args, uint32_t n, const char *name, bool upper, Value *out) {
  if (args_takes(vm, name, n - 1, 0, 0) != LS_OK) return LS_ERR;
  const ObjStr *s = AS_STR(args[0]);
  char *buf = malloc((size_t)s->nbytes + 1);
  if (!buf) return vm_raise_noarg(vm, B_MemoryError);
  for (int64_t i = 0; i < s->nbytes; i++) {
    char c = s->data[i];
    if (upper && c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
    else if (!upper && c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    buf[i] = c;
  }
  Status st = new_str(vm, buf, (size_t)s->nbytes, out);
  free(buf);
  return st;
}

static Status m_str_upper(VM *vm, const Value *args, uint32_t n, Value *out) {
  return str_map_case(vm, args, n, "str.upper", true, out);
}

static Status m_str_lower(VM *vm, const Value *args, uint32_t n, Value *out) {
  return str_map_case(vm, args, n, "str.lower", false, out);
}

/* CPython's tailmatch: does `sub` occur at the start (or end) of
 * s[r.start:r.end]? */
static bool str_tailmatch(const ObjStr *s, const ObjStr *sub, StrRange r, bool at_end) {
  int64_t end = r.end - sub->nchars;
  if (end < r.start) return false;
  if (sub->nchars == 0) return true;
  int64_t off = cp_to_byte(s, at_end ? end : r.start);
  return off + sub->nbytes <= s->nbytes && memcmp(s->data + off, sub->data, (size_t)sub->nbytes) == 0;
}

static Status str_affix(VM *vm, const Value *args, uint32_t n, const char *name, bool at_end, Value *out) {
  if (args_takes(vm, name, n - 1, 1, 3) != LS_OK) return LS_ERR;
  const ObjStr *s = AS_STR(args[0]);
  Value affix = args[1];
  StrRange r;
  if (str_range_args(vm, s, args, n, 2, &r) != LS_OK) return LS_ERR;
  if (is_str(affix)) return (*out = value_bool(str_tailmatch(s, AS_STR(affix), r, at_end)), LS_OK);
  if (!value_is_kind(affix, OBJ_TUPLE)) {
    return vm_raise(vm, B_TypeError, "%s first arg must be str or a tuple of str, not %s", name,
                    value_type_name(affix));
  }
  const ObjTuple *t = AS_TUPLE(affix);
  for (int64_t i = 0; i < t->len; i++) {
    if (!is_str(t->items[i])) {
      return vm_raise(vm, B_TypeError, "tuple for %s must only contain str, not %s", name,
                      value_type_name(t->items[i]));
    }
    if (str_tailmatch(s, AS_STR(t->items[i]), r, at_end)) return (*out = value_bool(true), LS_OK);
  }
  *out = value_bool(false);
  return LS_OK;
}

static Status m_str_startswith(VM *vm, const Value *args, uint32_t n, Value *out) {
  return str_affix(vm, args, n, "startswith", false, out);
}

static Status m_str_endswith(VM *vm, const Value *args, uint32_t n, Value *out) {
  return str_affix(vm, args, n, "endswith", true, out);
}

static Status m_str_find(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_takes(vm, "find", n - 1, 1, 3) != LS_OK) return LS_ERR;
  const ObjStr *s = AS_STR(args[0]);
  StrRange r; /* CPython converts the bounds before checking `sub` */
  if (str_range_args(vm, s, args, n, 2, &r) != LS_OK) return LS_ERR;
  if (!is_str(args[1])) return vm_raise(vm, B_TypeError, "must be str, not %s", value_type_name(args[1]));
  const ObjStr *sub = AS_STR(args[1]);
  *out = value_int(-1);
  if (r.end - r.start < sub->nchars) return LS_OK;
  if (sub->nchars == 0) return (*out = value_int(r.start), LS_OK);
  int64_t from = cp_to_byte(s, r.start), to = cp_to_byte(s, r.end);
  const char *hit = memmem(s->data + from, (size_t)(to - from), sub->data, (size_t)sub->nbytes);
  if (hit) *out = value_int(byte_to_cp(s, hit - s->data));
  return LS_OK;
}

static Status m_str_replace(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_expected(vm, "replace", n - 1, 2, 3) != LS_OK) return LS_ERR;
  const ObjStr *s = AS_STR(args[0]);
  for (uint32_t k = 1; k <= 2; k++)
    if (!is_str(args[k]))
      return vm_raise(vm, B_TypeError, "replace() argument %u must be str, not %s", k, value_type_name(args[k]));
  const ObjStr *old = AS_STR(args[1]), *rep = AS_STR(args[2]);
  int64_t maxcount = -1;
  if (n > 3 && arg_index(vm, args[3], &maxcount) != LS_OK) return LS_ERR;
  if (maxcount < 0) maxcount = INT64_MAX;
  size_t len = (size_t)s->nbytes, oldlen = (size_t)old->nbytes, replen = (size_t)rep->nbytes;
  /* Count the replacements first to size (and limit-check) the result. */
  uint64_t count = 0;
  if (oldlen == 0) {
    count = (uint64_t)s->nchars + 1;
    if (count > (uint64_t)maxcount) count = (uint64_t)maxcount;
  } else {
    for (size_t i = 0; count < (uint64_t)maxcount;) {
      const char *hit = memmem(s->data + i, len - i, old->data, oldlen);
      if (!hit) break;
      count++;
      i = (size_t)(hit - s->data) + oldlen;
    }
  }
  uint64_t grow;
  if (__builtin_mul_overflow(count, (uint64_t)replen, &grow) || grow > (uint64_t)INT64_MAX)
    return vm_raise_noarg(vm, B_MemoryError);
  uint64_t total = len - count * oldlen + grow;
  if (heap_room(vm, total) != LS_OK) return LS_ERR;
  char *buf = malloc(total ? total : 1);
  if (!buf) return vm_raise_noarg(vm, B_MemoryError);
  size_t o = 0, i = 0;
  for (uint64_t k = 0; k < count; k++) {
    size_t j;
    if (oldlen == 0) {
      j = i; /* insert before the code point at i, then copy it */
    } else {
      j = (size_t)((const char *)memmem(s->data + i, len - i, old->data, oldlen) - s->data);
    }
    memcpy(buf + o, s->data + i, j - i);
    o += j - i;
    memcpy(buf + o, rep->data, replen);
    o += replen;
    i = j + oldlen;
    if (oldlen == 0 && i < len) {
      size_t cl = (size_t)utf8_seq_len((unsigned char)s->data[i]);
      memcpy(buf + o, s->data + i, cl);
      o += cl;
      i += cl;
    }
  }
  memcpy(buf + o, s->data + i, len - i);
  o += len - i;
  Status st = new_str(vm, buf, o, out);
  free(buf);
  return st;
}

/* Is code point cp among the code points of `chars`? */
static bool str_has_cp(const ObjStr *chars, uint32_t cp) {
  size_t pos = 0, len = (size_t)chars->nbytes;
  while (pos < len)
    if (utf8_decode_at(chars->data, len, &pos) == cp) return true;
  return false;
}

static bool strip_match(const ObjStr *chars, uint32_t cp) { return chars ? str_has_cp(chars, cp) : unicode_space(cp); }

static Status m_str_strip(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_expected(vm, "strip", n - 1, 0, 1) != LS_OK) return LS_ERR;
  const ObjStr *s = AS_STR(args[0]), *chars = NULL;
  if (n > 1 && args[1].tag != V_NONE) {
    if (!is_str(args[1])) return vm_raise(vm, B_TypeError, "strip arg must be None or str");
    chars = AS_STR(args[1]);
  }
  size_t len = (size_t)s->nbytes, b = 0, e = len;
  while (b < e) {
    size_t p = b;
    if (!strip_match(chars, utf8_decode_at(s->data, len, &p))) break;
    b = p;
  }
  while (e > b) {
    size_t start = utf8_prev(s->data, e), p = start;
    if (!strip_match(chars, utf8_decode_at(s->data, len, &p))) break;
    e = start;
  }
  if (b == 0 && e == len) {
    value_incref(args[0]);
    *out = args[0];
    return LS_OK;
  }
  return new_str(vm, s->data + b, e - b, out);
}

/* ======================================================================== */
/* list methods                                                              */

static Status m_list_append(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_takes(vm, "list.append", n - 1, 1, 1) != LS_OK) return LS_ERR;
  if (list_append(vm, AS_LIST(args[0]), args[1]) != LS_OK) return LS_ERR;
  *out = value_none();
  return LS_OK;
}

static Status m_list_pop(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_expected(vm, "pop", n - 1, 0, 1) != LS_OK) return LS_ERR;
  ObjList *l = AS_LIST(args[0]);
  int64_t i = -1;
  if (n > 1 && arg_index(vm, args[1], &i) != LS_OK) return LS_ERR;
  if (l->len == 0) return vm_raise(vm, B_IndexError, "pop from empty list");
  if (i < 0) i += l->len;
  if (i < 0 || i >= l->len) return vm_raise(vm, B_IndexError, "pop index out of range");
  *out = l->items[i]; /* the list's reference moves to the caller */
  memmove(&l->items[i], &l->items[i + 1], (size_t)(l->len - i - 1) * sizeof(Value));
  l->len--;
  return LS_OK;
}

static Status m_list_insert(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_expected(vm, "insert", n - 1, 2, 2) != LS_OK) return LS_ERR;
  ObjList *l = AS_LIST(args[0]);
  int64_t i = 0;
  if (arg_index(vm, args[1], &i) != LS_OK) return LS_ERR;
  if (i < 0) {
    i += l->len;
    if (i < 0) i = 0;
  }
  if (i > l->len) i = l->len;
  /* Append first (growing the buffer), then rotate the item into place. */
  if (list_append(vm, l, args[2]) != LS_OK) return LS_ERR;
  Value v = l->items[l->len - 1];
  memmove(&l->items[i + 1], &l->items[i], (size_t)(l->len - 1 - i) * sizeof(Value));
  l->items[i] = v;
  *out = value_none();
  return LS_OK;
}

static Status m_list_extend(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_takes(vm, "list.extend", n - 1, 1, 1) != LS_OK) return LS_ERR;
  if (list_extend_by(vm, AS_LIST(args[0]), args[1]) != LS_OK) return LS_ERR;
  *out = value_none();
  return LS_OK;
}

/* list.index's start/stop: ints only (no None), clamped like a slice. */
static Status list_index_bound(VM *vm, Value v, int64_t len, int64_t *out) {
  if (!value_is_intlike(v))
    return vm_raise(vm, B_TypeError, "slice indices must be integers or have an __index__ method");
  *out = v.as.i;
  if (*out < 0) {
    *out += len;
    if (*out < 0) *out = 0;
  }
  return LS_OK;
}

static Status m_list_index(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_expected(vm, "index", n - 1, 1, 3) != LS_OK) return LS_ERR;
  const ObjList *l = AS_LIST(args[0]);
  int64_t start = 0, stop = INT64_MAX;
  if (n > 2 && list_index_bound(vm, args[2], l->len, &start) != LS_OK) return LS_ERR;
  if (n > 3 && list_index_bound(vm, args[3], l->len, &stop) != LS_OK) return LS_ERR;
  for (int64_t i = start; i < stop && i < l->len; i++) {
    /* PyObject_RichCompareBool: an identical item matches without == */
    bool eq = value_is(l->items[i], args[1]);
    if (!eq && value_equal(vm, l->items[i], args[1], &eq) != LS_OK) return LS_ERR;
    if (eq) return (*out = value_int(i), LS_OK);
  }
  StrBuf sb;
  strbuf_init(&sb);
  Status st = repr_for_message(vm, args[1], -1, &sb);
  if (st == LS_OK) st = vm_raise(vm, B_ValueError, "%s is not in list", sb.data);
  strbuf_free(&sb);
  return st;
}

static Status m_list_reverse(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_takes(vm, "list.reverse", n - 1, 0, 0) != LS_OK) return LS_ERR;
  reverse_values(AS_LIST(args[0])->items, AS_LIST(args[0])->len);
  *out = value_none();
  return LS_OK;
}

static Status m_list_sort(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (n > 1) return vm_raise(vm, B_TypeError, "sort() takes no positional arguments");
  ObjList *l = AS_LIST(args[0]);
  if (sort_values(vm, l->items, l->len) != LS_OK) return LS_ERR;
  *out = value_none();
  return LS_OK;
}

/* ======================================================================== */
/* dict methods                                                              */

static Status m_dict_get(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_expected(vm, "get", n - 1, 1, 2) != LS_OK) return LS_ERR;
  Value v;
  bool found;
  if (dict_get(vm, AS_DICT(args[0]), args[1], &v, &found) != LS_OK) return LS_ERR;
  if (!found) v = n > 2 ? args[2] : value_none();
  value_incref(v);
  *out = v;
  return LS_OK;
}

static Status dict_view_method(VM *vm, const Value *args, uint32_t n, const char *name, DictViewKind kind,
                               Value *out) {
  if (args_takes(vm, name, n - 1, 0, 0) != LS_OK) return LS_ERR;
  return dictview_new(vm, AS_DICT(args[0]), kind, out);
}

static Status m_dict_keys(VM *vm, const Value *args, uint32_t n, Value *out) {
  return dict_view_method(vm, args, n, "dict.keys", VIEW_KEYS, out);
}

static Status m_dict_values(VM *vm, const Value *args, uint32_t n, Value *out) {
  return dict_view_method(vm, args, n, "dict.values", VIEW_VALUES, out);
}

static Status m_dict_items(VM *vm, const Value *args, uint32_t n, Value *out) {
  return dict_view_method(vm, args, n, "dict.items", VIEW_ITEMS, out);
}

static Status m_dict_pop(VM *vm, const Value *args, uint32_t n, Value *out) {
  if (args_expected(vm, "pop", n - 1, 1, 2) != LS_OK) return LS_ERR;
  bool found = false;
  /* CPython answers for an empty dict without hashing the key, so even an
   * unhashable key gets the default (or KeyError) there. */
  if (AS_DICT(args[0])->len > 0 && dict_pop(vm, AS_DICT(args[0]), args[1], out, &found) != LS_OK) return LS_ERR;
  if (found) return LS_OK;
  if (n < 3) return vm_raise_value(vm, B_KeyError, args[1]);
  value_incref(args[2]);
  *out = args[2];
  return LS_OK;
}

/* ======================================================================== */
/* Dispatch                                                                  */

static const BuiltinFn builtin_fns[B_COUNT] = {
    [B_len] = bi_len,
    [B_abs] = bi_abs,
    [B_min] = bi_min,
    [B_max] = bi_max,
    [B_sum] = bi_sum,
    [B_repr] = bi_repr,
    [B_ord] = bi_ord,
    [B_chr] = bi_chr,
    [B_isinstance] = bi_isinstance,
    [B_sorted] = bi_sorted,
    [B_reversed] = bi_reversed,
    [B_enumerate] = bi_enumerate,
    [B_zip] = bi_zip,
    [B_divmod] = bi_divmod,
    [B_round] = bi_round,
    [B_int] = bi_int,
    [B_float] = bi_float,
    [B_str] = bi_str,
    [B_bool] = bi_bool,
    [B_list] = bi_list,
    [B_tuple] = bi_tuple,
    [B_dict] = bi_dict,
    [B_range] = bi_range,
    [B_str_join] = m_str_join,
    [B_str_split] = m_str_split,
    [B_str_upper] = m_str_upper,
    [B_str_lower] = m_str_lower,
    [B_str_startswith] = m_str_startswith,
    [B_str_endswith] = m_str_endswith,
    [B_str_find] = m_str_find,
    [B_str_replace] = m_str_replace,
    [B_str_strip] = m_str_strip,
    [B_list_append] = m_list_append,
    [B_list_pop] = m_list_pop,
    [B_list_insert] = m_list_insert,
    [B_list_extend] = m_list_extend,
    [B_list_index] = m_list_index,
    [B_list_reverse] = m_list_reverse,
    [B_list_sort] = m_list_sort,
    [B_dict_get] = m_dict_get,
    [B_dict_keys] = m_dict_keys,
    [B_dict_values] = m_dict_values,
    [B_dict_items] = m_dict_items,
    [B_dict_pop] = m_dict_pop,
};

/* A method gets its receiver as args[0]: it must be there and have the
 * owning type (a method value can be called on anything by bytecode). */
static Status check_method_self(VM *vm, int id, const Value *args, uint32_t n) {
  const char *owner = builtin_info[builtin_info[id].parent].name;
  if (n == 0) return vm_raise(vm, B_TypeError, "unbound method %s.%s() needs an argument", owner, builtin_info[id].name);
  if (method_owner(args[0]) != builtin_info[id].parent) {
    return vm_raise(vm, B_TypeError, "descriptor '%s' for '%s' objects doesn't apply to a '%s' object",
                    builtin_info[id].name, owner, value_type_name(args[0]));
  }
  return LS_OK;
}

static Status reject_keywords(VM *vm, int id) {
  const BuiltinInfo *b = &builtin_info[id];
  if (b->kind == BK_METHOD)
    return vm_raise(vm, B_TypeError, "%s.%s() takes no keyword arguments", builtin_info[b->parent].name, b->name);
  return vm_raise(vm, B_TypeError, "%s() takes no keyword arguments", b->name);
}

Status builtin_call(VM *vm, int id, Value *args, uint32_t nargs, const ObjTuple *kwnames, Value *out) {
  if (!builtin_valid(id)) return vm_raise(vm, B_TypeError, "invalid builtin %d", id);
  int64_t nkw = kwnames ? kwnames->len : 0;
  if (nkw > (int64_t)nargs) return vm_raise(vm, B_TypeError, "more keyword names than arguments");
  uint32_t npos = nargs - (uint32_t)nkw;
  if (id == B_print) return bi_print(vm, args, npos, args + npos, kwnames, out);
  if (nkw > 0) return reject_keywords(vm, id);
  if (builtin_info[id].kind == BK_EXCEPTION) return exception_new(vm, id, args, npos, out);
  if (builtin_info[id].kind == BK_METHOD && check_method_self(vm, id, args, npos) != LS_OK) return LS_ERR;
  return builtin_fns[id](vm, args, npos, out);
}
