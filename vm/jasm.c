/* The .jasm assembler (grammar in docs/jasm.md). One pass over the text,
 * line by line: instructions have fixed sizes, so every label's offset is
 * known when it is defined and jumps are patched at `.end`; function
 * operands are patched once every function has been seen. The input is
 * hostile: every count is capped by the limits of vm/module.h, constant
 * tuples nest at most CONST_MAX_DEPTH deep (the only recursion), and the
 * first error stops the assembly with "FILE:LINE:COL: error: message". */
#include "vm/jasm.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/jbc.h"
#include "vm/opcodes.h"
#include "vm/verify.h"

/* ======================================================================
 * Shared helpers (declared in jasm.h, also used by dis.c)
 * ====================================================================== */

static bool is_ident_start(int c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
static bool is_ident_char(int c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }
static bool is_digit(int c) { return c >= '0' && c <= '9'; }

bool jasm_is_ident(const char *s, size_t len) {
  if (len == 0 || !is_ident_start((unsigned char)s[0])) return false;
  for (size_t i = 1; i < len; i++)
    if (!is_ident_char((unsigned char)s[i])) return false;
  return true;
}

static double float_from_bits(uint64_t bits) {
  double f;
  memcpy(&f, &bits, sizeof f);
  return f;
}

/* The NaN Python's float('nan') has; other NaNs are written float(0x...). */
#define CANONICAL_NAN_BITS UINT64_C(0x7ff8000000000000)

/* Length of a decimal float literal at s: [-] digits [. digits] [e [+-] digits]
 * with a '.' or an exponent; 0 when there is none. */
static size_t scan_decimal_float(const char *s, size_t len) {
  size_t i = 0;
  if (i < len && s[i] == '-') i++;
  size_t digits = i;
  while (i < len && is_digit((unsigned char)s[i])) i++;
  if (i == digits) return 0;
  bool is_float = false;
  if (i < len && s[i] == '.') {
    is_float = true;
    i++;
    while (i < len && is_digit((unsigned char)s[i])) i++;
  }
  if (i < len && (s[i] == 'e' || s[i] == 'E')) {
    size_t j = i + 1;
    if (j < len && (s[j] == '+' || s[j] == '-')) j++;
    size_t exp_digits = j;
    while (j < len && is_digit((unsigned char)s[j])) j++;
    if (j == exp_digits) return 0;
    is_float = true;
    i = j;
  }
  return is_float ? i : 0;
}

bool jasm_parse_float(const char *s, size_t len, double *out) {
  if (len == 3 && memcmp(s, "inf", 3) == 0) return (*out = INFINITY, true);
  if (len == 4 && memcmp(s, "-inf", 4) == 0) return (*out = -INFINITY, true);
  if (len == 3 && memcmp(s, "nan", 3) == 0) return (*out = float_from_bits(CANONICAL_NAN_BITS), true);
  if (len == 0 || scan_decimal_float(s, len) != len) return false;
  char small[64];
  char *buf = len < sizeof small ? small : malloc(len + 1);
  if (!buf) return false;
  memcpy(buf, s, len);
  buf[len] = '\0';
  char *end;
  *out = strtod(buf, &end); /* overflow gives ±inf and underflow 0, like Python */
  bool ok = end == buf + len;
  if (buf != small) free(buf);
  return ok;
}

#define FNV_OFFSET UINT64_C(0xcbf29ce484222325)
#define FNV_PRIME UINT64_C(0x100000001b3)

static uint64_t fnv_bytes(uint64_t h, const void *data, size_t len) {
  const unsigned char *p = data;
  for (size_t i = 0; i < len; i++) h = (h ^ p[i]) * FNV_PRIME;
  return h;
}

uint64_t jasm_bytes_hash(const char *data, size_t len) { return fnv_bytes(FNV_OFFSET, data, len); }

/* Past CONST_MAX_DEPTH only the shape is hashed: equal constants still hash
 * equal, and the recursion stays bounded. */
static uint64_t const_hash_at(uint64_t h, const Const *c, int depth) {
  uint32_t kind = c->kind;
  h = fnv_bytes(h, &kind, sizeof kind);
  switch ((ConstKind)c->kind) {
  case CK_BOOL:
  case CK_INT: return fnv_bytes(h, &c->as.i, sizeof c->as.i);
  case CK_FLOAT: return fnv_bytes(h, &c->as.f, sizeof c->as.f);
  case CK_STR: return fnv_bytes(h, c->as.s.data, c->as.s.len);
  case CK_TUPLE:
    h = fnv_bytes(h, &c->as.t.len, sizeof c->as.t.len);
    if (depth >= CONST_MAX_DEPTH) return h;
    for (uint32_t i = 0; i < c->as.t.len; i++) h = const_hash_at(h, &c->as.t.items[i], depth + 1);
    return h;
  case CK_NONE:
  case CK_COUNT: break;
  }
  return h;
}

uint64_t jasm_const_hash(const Const *c) { return const_hash_at(FNV_OFFSET, c, 0); }

void jasm_index_free(JasmIndex *ix) {
  free(ix->slots);
  memset(ix, 0, sizeof *ix);
}

int64_t jasm_index_find(const JasmIndex *ix, uint64_t hash, const void *key, JasmKeyEq eq, const void *ctx) {
  if (ix->cap == 0) return -1;
  uint32_t h = (uint32_t)hash, mask = ix->cap - 1;
  for (uint32_t i = h & mask;; i = (i + 1) & mask) {
    const JasmIndexSlot *s = &ix->slots[i];
    if (s->index_plus1 == 0) return -1;
    if (s->hash == h && eq(ctx, s->index_plus1 - 1, key)) return s->index_plus1 - 1;
  }
}

static void index_place(JasmIndexSlot *slots, uint32_t cap, JasmIndexSlot entry) {
  uint32_t mask = cap - 1;
  uint32_t i = entry.hash & mask;
  while (slots[i].index_plus1 != 0) i = (i + 1) & mask;
  slots[i] = entry;
}

bool jasm_index_add(JasmIndex *ix, uint64_t hash, uint32_t index) {
  if (index == UINT32_MAX) return false;
  if ((uint64_t)(ix->count + 1) * 2 > ix->cap) { /* keep the load under 1/2 */
    if (ix->cap > (UINT32_MAX >> 2)) return false;
    uint32_t cap = ix->cap ? ix->cap * 2 : 16;
    JasmIndexSlot *slots = calloc(cap, sizeof *slots);
    if (!slots) return false;
    for (uint32_t i = 0; i < ix->cap; i++)
      if (ix->slots[i].index_plus1) index_place(slots, cap, ix->slots[i]);
    free(ix->slots);
    ix->slots = slots;
    ix->cap = cap;
  }
  index_place(ix->slots, ix->cap, (JasmIndexSlot){index + 1, (uint32_t)hash});
  ix->count++;
  return true;
}

static size_t utf8_seq(const unsigned char *s, size_t len, uint32_t *cp);

void jasm_write_quoted(StrBuf *sb, const char *s, size_t len) {
  bool has_single = len && memchr(s, '\'', len), has_double = len && memchr(s, '"', len);
  char quote = has_single && !has_double ? '"' : '\'';
  strbuf_putc(sb, quote);
  const unsigned char *p = (const unsigned char *)s;
  for (size_t i = 0; i < len;) {
    unsigned c = p[i];
    if (c == '\\' || c == (unsigned char)quote) {
      strbuf_putc(sb, '\\');
      strbuf_putc(sb, (char)c);
    } else if (c == '\n') {
      strbuf_puts(sb, "\\n");
    } else if (c == '\t') {
      strbuf_puts(sb, "\\t");
    } else if (c == '\r') {
      strbuf_puts(sb, "\\r");
    } else if (c < 0x20 || c == 0x7F) {
      strbuf_printf(sb, "\\x%02x", c);
    } else if (c < 0x80) {
      strbuf_putc(sb, (char)c);
    } else {
      uint32_t cp;
      size_t n = utf8_seq(p + i, len - i, &cp);
      if (n == 0) { /* not UTF-8: no loader produces this; shown, not round-tripped */
        strbuf_printf(sb, "\\x%02x", c);
        i++;
        continue;
      }
      if (cp < 0xA0) /* C1 controls */
        strbuf_printf(sb, "\\x%02" PRIx32, cp);
      else if (cp == 0x2028 || cp == 0x2029) /* line separators, invisible in editors */
        strbuf_printf(sb, "\\u%04" PRIx32, cp);
      else
        strbuf_append(sb, s + i, n);
      i += n;
      continue;
    }
    i++;
  }
  strbuf_putc(sb, quote);
}

/* ======================================================================
 * Assembler state
 * ====================================================================== */

typedef struct Label {
  const char *name; /* in the text */
  uint32_t len;
  int64_t offset;   /* -1 until defined */
  uint32_t line, col; /* first mention */
} Label;

typedef struct JumpFixup {
  uint32_t at;    /* offset of the jump instruction */
  uint32_t label;
  uint32_t line, col;
} JumpFixup;

typedef struct HandlerFixup {
  uint32_t handler;
  uint32_t field; /* 0 start, 1 end, 2 target */
  uint32_t label;
} HandlerFixup;

typedef struct FuncFixup {
  uint32_t func, at; /* the instruction at code offset `at` of function `func` */
  Bytes name;
  uint32_t line, col;
} FuncFixup;

typedef struct FuncInfo {
  bool has_stack;
  uint32_t line, col; /* of `.function` */
} FuncInfo;

/* What one function needs while it is being assembled. */
typedef struct FuncState {
  uint32_t code_cap, consts_cap, names_cap, locals_cap, lines_cap, handlers_cap;
  JasmIndex consts_ix, names_ix, locals_ix, labels_ix;
  Label *labels;
  uint32_t nlabels, labels_cap;
  JumpFixup *jumps;
  uint32_t njumps, jumps_cap;
  HandlerFixup *hfix;
  uint32_t nhfix, hfix_cap;
  bool started; /* an instruction or label was seen: the header is over */
  bool have_arity;
} FuncState;

typedef struct Asm {
  const char *file;
  const char *text;
  size_t len, pos;
  size_t line_start;
  uint32_t line;
  StrBuf *err;
  bool failed;

  Module *m;
  uint32_t funcs_cap;
  FuncInfo *finfo; /* parallel to m->funcs */
  FuncFixup *ffix;
  size_t nffix, ffix_cap;

  bool in_func;
  uint32_t fi; /* the function being assembled */
  FuncState fs;
} Asm;

static Code *cur(Asm *a) { return &a->m->funcs[a->fi]; }

/* ---- errors ---- */

static uint32_t col_of(const Asm *a, size_t pos) {
  size_t col = pos - a->line_start + 1;
  return col > UINT32_MAX ? UINT32_MAX : (uint32_t)col;
}

static bool err_at(Asm *a, uint32_t line, uint32_t col, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static bool err_here(Asm *a, size_t pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void verr(Asm *a, uint32_t line, uint32_t col, const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));

static void verr(Asm *a, uint32_t line, uint32_t col, const char *fmt, va_list ap) {
  if (a->failed) return;
  a->failed = true;
  char msg[512];
  vsnprintf(msg, sizeof msg, fmt, ap);
  strbuf_printf(a->err, "%s:%" PRIu32 ":%" PRIu32 ": error: %s", a->file, line, col, msg);
}

/* Both return false so callers can `return err_...(...)`. */
static bool err_at(Asm *a, uint32_t line, uint32_t col, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  verr(a, line, col, fmt, ap);
  va_end(ap);
  return false;
}

static bool err_here(Asm *a, size_t pos, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  verr(a, a->line, col_of(a, pos), fmt, ap);
  va_end(ap);
  return false;
}

static bool err_oom(Asm *a) { return err_here(a, a->pos, "out of memory"); }

/* A short, printable rendering of user text for messages. */
static void describe(char *buf, size_t size, const char *s, size_t len) {
  StrBuf sb;
  strbuf_init(&sb);
  jasm_write_quoted(&sb, s, len > 40 ? 40 : len);
  snprintf(buf, size, "%s%s", sb.data ? sb.data : "''", len > 40 ? "..." : "");
  strbuf_free(&sb);
}

/* ---- growing arrays ---- */

static bool grow(void **p, uint32_t *cap, uint64_t need, size_t elem) {
  if (need <= *cap) return true;
  uint64_t n = *cap ? (uint64_t)*cap * 2 : 8;
  while (n < need) n *= 2;
  if (n > UINT32_MAX) n = UINT32_MAX;
  if (n < need || n > SIZE_MAX / elem) return false;
  void *q = realloc(*p, (size_t)n * elem);
  if (!q) return false;
  *p = q;
  *cap = (uint32_t)n;
  return true;
}

/* ---- characters and tokens ---- */

static int peek(const Asm *a) { return a->pos < a->len ? (unsigned char)a->text[a->pos] : -1; }
static int peek_at(const Asm *a, size_t k) { return a->pos + k < a->len ? (unsigned char)a->text[a->pos + k] : -1; }

static void skip_spaces(Asm *a) {
  while (a->pos < a->len && (a->text[a->pos] == ' ' || a->text[a->pos] == '\t' || a->text[a->pos] == '\r')) a->pos++;
}

static bool at_line_end(const Asm *a) {
  int c = peek(a);
  return c < 0 || c == '\n' || c == ';';
}

static bool err_unexpected(Asm *a, const char *what) {
  int c = peek(a);
  if (c < 0 || c == '\n') return err_here(a, a->pos, "expected %s, found the end of the line", what);
  if (c > 0x20 && c < 0x7F) return err_here(a, a->pos, "expected %s, found '%c'", what, c);
  return err_here(a, a->pos, "expected %s, found byte 0x%02x", what, c);
}

/* Nothing but spaces and a comment may follow (the newline is left for
 * the caller). */
static bool finish_line(Asm *a) {
  skip_spaces(a);
  if (peek(a) == ';')
    while (a->pos < a->len && a->text[a->pos] != '\n') a->pos++;
  if (a->pos < a->len && a->text[a->pos] != '\n') return err_unexpected(a, "the end of the line");
  return true;
}

static bool scan_ident(Asm *a, const char **s, size_t *len) {
  if (!is_ident_start(peek(a))) return false;
  size_t start = a->pos;
  while (a->pos < a->len && is_ident_char((unsigned char)a->text[a->pos])) a->pos++;
  *s = a->text + start;
  *len = a->pos - start;
  return true;
}

static bool ident_is(const char *s, size_t len, const char *word) { return strlen(word) == len && memcmp(s, word, len) == 0; }

/* A decimal number 0..UINT32_MAX. */
static bool parse_u32(Asm *a, uint32_t *out, const char *what) {
  size_t start = a->pos;
  if (!is_digit(peek(a))) return err_unexpected(a, what);
  uint64_t v = 0;
  while (is_digit(peek(a))) {
    v = v * 10 + (uint64_t)(a->text[a->pos] - '0');
    a->pos++;
    if (v > UINT32_MAX) {
      while (is_digit(peek(a))) a->pos++;
      return err_here(a, start, "number out of range (0 to 4294967295)");
    }
  }
  if (is_ident_char(peek(a))) return err_here(a, start, "bad number");
  *out = (uint32_t)v;
  return true;
}

static bool parse_u32_max(Asm *a, uint32_t *out, uint32_t max, const char *what) {
  size_t start = a->pos;
  if (!parse_u32(a, out, what)) return false;
  if (*out > max) return err_here(a, start, "%s %" PRIu32 " exceeds the limit %" PRIu32, what, *out, max);
  return true;
}

/* ---- strings ---- */

static int hex_value(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static void put_utf8(StrBuf *sb, uint32_t cp) {
  char b[4];
  size_t n;
  if (cp < 0x80) {
    b[0] = (char)cp;
    n = 1;
  } else if (cp < 0x800) {
    b[0] = (char)(0xC0 | cp >> 6);
    b[1] = (char)(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    b[0] = (char)(0xE0 | cp >> 12);
    b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
    b[2] = (char)(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    b[0] = (char)(0xF0 | cp >> 18);
    b[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    b[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    b[3] = (char)(0x80 | (cp & 0x3F));
    n = 4;
  }
  strbuf_append(sb, b, n);
}

/* Length of the valid UTF-8 sequence at s[0..len), or 0 if it is not one
 * (strict: no overlong forms, surrogates or code points past U+10FFFF). */
static size_t utf8_seq(const unsigned char *s, size_t len, uint32_t *cp) {
  unsigned c = s[0];
  if (c < 0x80) return (*cp = c, 1);
  size_t n;
  unsigned lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    *cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    *cp = c & 0x0F;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    *cp = c & 0x07;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (len < n || s[1] < lo || s[1] > hi) return 0;
  for (size_t k = 1; k < n; k++) {
    if (s[k] < 0x80 || s[k] > 0xBF) return 0;
    *cp = *cp << 6 | (s[k] & 0x3Fu);
  }
  return n;
}

/* An escape after the backslash at `bs`; appends the character to sb. */
static bool parse_escape(Asm *a, size_t bs, StrBuf *sb) {
  int c = peek(a);
  a->pos++;
  switch (c) {
  case 'n': strbuf_putc(sb, '\n'); return true;
  case 't': strbuf_putc(sb, '\t'); return true;
  case 'r': strbuf_putc(sb, '\r'); return true;
  case '0': strbuf_putc(sb, '\0'); return true;
  case '\\': strbuf_putc(sb, '\\'); return true;
  case '\'': strbuf_putc(sb, '\''); return true;
  case '"': strbuf_putc(sb, '"'); return true;
  case 'x':
  case 'u':
  case 'U': {
    int digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
    uint32_t cp = 0;
    for (int i = 0; i < digits; i++) {
      int h = hex_value(peek(a));
      if (h < 0) return err_here(a, bs, "bad escape: '\\%c' needs %d hex digits", c, digits);
      cp = cp << 4 | (uint32_t)h;
      a->pos++;
    }
    if (cp > 0x10FFFF) return err_here(a, bs, "bad escape: U+%" PRIX32 " is not a code point", cp);
    if (cp >= 0xD800 && cp <= 0xDFFF) return err_here(a, bs, "bad escape: surrogate U+%04" PRIX32 " is not valid UTF-8", cp);
    put_utf8(sb, cp);
    return true;
  }
  default:
    if (c > 0x20 && c < 0x7F) return err_here(a, bs, "bad escape '\\%c'", c);
    return err_here(a, bs, "bad escape at the end of a string");
  }
}

/* A '...' or "..." literal (the cursor is on the quote) into sb. */
static bool parse_string(Asm *a, StrBuf *sb) {
  size_t start = a->pos;
  char quote = a->text[a->pos++];
  strbuf_clear(sb);
  for (;;) {
    int c = peek(a);
    if (c < 0 || c == '\n') return err_here(a, start, "unterminated string");
    if (c == quote) {
      a->pos++;
      break;
    }
    if (c == '\\') {
      size_t bs = a->pos++;
      if (!parse_escape(a, bs, sb)) return false;
      continue;
    }
    if (c >= 0x80) { /* raw UTF-8, copied whole when valid */
      uint32_t cp;
      size_t n = utf8_seq((const unsigned char *)a->text + a->pos, a->len - a->pos, &cp);
      if (n == 0) return err_here(a, a->pos, "string is not valid UTF-8");
      strbuf_append(sb, a->text + a->pos, n);
      a->pos += n;
      continue;
    }
    strbuf_putc(sb, (char)c);
    a->pos++;
  }
  if (!sb->data) strbuf_append(sb, "", 0); /* an empty string still has data */
  return !sb->oom || err_oom(a);
}

/* A name: an identifier or a quoted string (valid UTF-8, NAME_MAX_BYTES). */
static bool parse_name(Asm *a, Bytes *out, const char *what) {
  size_t start = a->pos;
  const char *s;
  size_t len;
  if (scan_ident(a, &s, &len)) {
    if (len > NAME_MAX_BYTES) return err_here(a, start, "%s too long (limit %d bytes)", what, NAME_MAX_BYTES);
    return bytes_set(out, s, len) || err_oom(a);
  }
  int c = peek(a);
  if (c != '\'' && c != '"') return err_unexpected(a, what);
  StrBuf sb;
  strbuf_init(&sb);
  bool ok = parse_string(a, &sb);
  if (ok && sb.len > NAME_MAX_BYTES) ok = err_here(a, start, "%s too long (limit %d bytes)", what, NAME_MAX_BYTES);
  if (ok && !bytes_set(out, sb.data, sb.len)) ok = err_oom(a);
  strbuf_free(&sb);
  return ok;
}

/* ======================================================================
 * Constants
 * ====================================================================== */

static bool parse_const(Asm *a, Const *out, int depth);

static bool parse_tuple(Asm *a, Const *out, int depth) {
  size_t open = a->pos++;
  if (depth >= CONST_MAX_DEPTH) return err_here(a, open, "constant tuples nested too deep (limit %d)", CONST_MAX_DEPTH);
  out->kind = CK_TUPLE;
  out->as.t.len = 0;
  out->as.t.items = NULL;
  uint32_t cap = 0;
  bool trailing_comma = false;
  for (;;) {
    skip_spaces(a);
    if (peek(a) == ')') break;
    if (!grow((void **)&out->as.t.items, &cap, (uint64_t)out->as.t.len + 1, sizeof(Const))) return err_oom(a);
    Const *item = &out->as.t.items[out->as.t.len];
    memset(item, 0, sizeof *item);
    out->as.t.len++; /* a None until parsed: freeable on failure */
    if (!parse_const(a, item, depth + 1)) return false;
    skip_spaces(a);
    trailing_comma = peek(a) == ',';
    if (trailing_comma) {
      a->pos++;
      continue;
    }
    if (peek(a) != ')') return err_unexpected(a, "',' or ')' in a tuple");
    break;
  }
  if (out->as.t.len == 1 && !trailing_comma) return err_here(a, open, "a one-item tuple is written with a trailing comma: (x,)");
  a->pos++; /* ')' */
  return true;
}

static bool parse_raw_float(Asm *a, Const *out) {
  size_t start = a->pos; /* on "float" */
  a->pos += 5;
  if (peek(a) != '(' || peek_at(a, 1) != '0' || (peek_at(a, 2) != 'x' && peek_at(a, 2) != 'X'))
    return err_here(a, start, "bad constant: expected float(0xHHHHHHHHHHHHHHHH)");
  a->pos += 3;
  uint64_t bits = 0;
  int digits = 0;
  for (int h; (h = hex_value(peek(a))) >= 0; a->pos++) {
    if (++digits > 16) return err_here(a, start, "bad constant: float(0x...) takes at most 16 hex digits");
    bits = bits << 4 | (uint64_t)h;
  }
  if (digits == 0 || peek(a) != ')') return err_here(a, start, "bad constant: expected float(0xHHHHHHHHHHHHHHHH)");
  a->pos++;
  out->kind = CK_FLOAT;
  out->as.f = float_from_bits(bits);
  return true;
}

static bool parse_word_const(Asm *a, Const *out) {
  size_t start = a->pos;
  const char *s;
  size_t len;
  scan_ident(a, &s, &len);
  if (ident_is(s, len, "None")) return true;
  if (ident_is(s, len, "True") || ident_is(s, len, "False")) {
    out->kind = CK_BOOL;
    out->as.i = s[0] == 'T';
    return true;
  }
  if (ident_is(s, len, "inf") || ident_is(s, len, "nan")) {
    out->kind = CK_FLOAT;
    jasm_parse_float(s, len, &out->as.f);
    return true;
  }
  if (ident_is(s, len, "float") && peek(a) == '(') {
    a->pos = start;
    return parse_raw_float(a, out);
  }
  char shown[64];
  describe(shown, sizeof shown, s, len);
  return err_here(a, start, "bad constant %s (expected None, True, False, a number, a string or a tuple)", shown);
}

static bool parse_number_const(Asm *a, Const *out) {
  size_t start = a->pos;
  const char *s = a->text + start;
  size_t rest = a->len - start;
  if (rest >= 4 && memcmp(s, "-inf", 4) == 0 && !(rest > 4 && is_ident_char((unsigned char)s[4]))) {
    a->pos += 4;
    out->kind = CK_FLOAT;
    out->as.f = -INFINITY;
    return true;
  }
  size_t flen = scan_decimal_float(s, rest);
  if (flen) {
    a->pos += flen;
    if (is_ident_char(peek(a)) || peek(a) == '.') return err_here(a, start, "bad number");
    out->kind = CK_FLOAT;
    if (!jasm_parse_float(s, flen, &out->as.f)) return err_oom(a);
    return true;
  }
  bool neg = peek(a) == '-';
  if (neg) a->pos++;
  if (!is_digit(peek(a))) return err_here(a, start, "bad number");
  uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX, v = 0;
  bool overflow = false;
  while (is_digit(peek(a))) {
    uint64_t d = (uint64_t)(a->text[a->pos++] - '0');
    if (v > (limit - d) / 10) overflow = true;
    else v = v * 10 + d;
  }
  if (is_ident_char(peek(a)) || peek(a) == '.') return err_here(a, start, "bad number");
  if (overflow) return err_here(a, start, "integer out of range (a constant must fit in 64 bits)");
  out->kind = CK_INT;
  out->as.i = neg ? (v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v) : (int64_t)v;
  return true;
}

/* One constant into *out (zeroed by the caller: None), freeable on failure. */
static bool parse_const(Asm *a, Const *out, int depth) {
  int c = peek(a);
  if (c == '(') return parse_tuple(a, out, depth);
  if (c == '\'' || c == '"') {
    StrBuf sb;
    strbuf_init(&sb);
    bool ok = parse_string(a, &sb);
    if (ok && sb.len > UINT32_MAX) ok = err_here(a, a->pos, "string constant too long");
    if (ok && !bytes_set(&out->as.s, sb.data, sb.len)) ok = err_oom(a);
    if (ok) out->kind = CK_STR;
    strbuf_free(&sb);
    return ok;
  }
  if (is_ident_start(c)) return parse_word_const(a, out);
  if (c == '-' || is_digit(c)) return parse_number_const(a, out);
  return err_unexpected(a, "a constant");
}

/* ======================================================================
 * Tables: constants, names, locals, labels
 * ====================================================================== */

static bool const_eq_at(const void *ctx, uint32_t index, const void *key) {
  return const_equal(&((const Const *)ctx)[index], key);
}

static bool bytes_eq_at(const void *ctx, uint32_t index, const void *key) {
  return bytes_equal(&((const Bytes *)ctx)[index], key);
}

/* Takes ownership of *c. Inline constants reuse the first equal entry;
 * `.consts` entries are always appended. */
static bool add_const(Asm *a, Const *c, bool explicit_entry, uint32_t *index, size_t at) {
  Code *code = cur(a);
  uint64_t h = jasm_const_hash(c);
  int64_t found = jasm_index_find(&a->fs.consts_ix, h, c, const_eq_at, code->consts);
  if (found >= 0 && !explicit_entry) {
    const_free(c);
    *index = (uint32_t)found;
    return true;
  }
  if (code->nconsts >= CODE_MAX_CONSTS) {
    const_free(c);
    return err_here(a, at, "too many constants (limit %d)", CODE_MAX_CONSTS);
  }
  if (!grow((void **)&code->consts, &a->fs.consts_cap, (uint64_t)code->nconsts + 1, sizeof(Const)) ||
      (found < 0 && !jasm_index_add(&a->fs.consts_ix, h, code->nconsts))) {
    const_free(c);
    return err_oom(a);
  }
  *index = code->nconsts;
  code->consts[code->nconsts++] = *c;
  return true;
}

/* Takes ownership of name->data. */
static bool add_name(Asm *a, Bytes *name, bool explicit_entry, uint32_t *index, size_t at) {
  Code *code = cur(a);
  uint64_t h = jasm_bytes_hash(name->data, name->len);
  int64_t found = jasm_index_find(&a->fs.names_ix, h, name, bytes_eq_at, code->names);
  if (found >= 0 && !explicit_entry) {
    free(name->data);
    *index = (uint32_t)found;
    return true;
  }
  bool ok = true;
  if (code->nnames >= CODE_MAX_NAMES) ok = err_here(a, at, "too many names (limit %d)", CODE_MAX_NAMES);
  else if (!grow((void **)&code->names, &a->fs.names_cap, (uint64_t)code->nnames + 1, sizeof(Bytes)) ||
           (found < 0 && !jasm_index_add(&a->fs.names_ix, h, code->nnames)))
    ok = err_oom(a);
  if (!ok) {
    free(name->data);
    return false;
  }
  *index = code->nnames;
  code->names[code->nnames++] = *name;
  return true;
}

static bool add_local(Asm *a, Bytes *name, size_t at) {
  Code *code = cur(a);
  uint64_t h = jasm_bytes_hash(name->data, name->len);
  int64_t found = jasm_index_find(&a->fs.locals_ix, h, name, bytes_eq_at, code->local_names);
  bool ok = true;
  if (code->nlocals >= CODE_MAX_LOCALS) ok = err_here(a, at, "too many locals (limit %d)", CODE_MAX_LOCALS);
  else if (!grow((void **)&code->local_names, &a->fs.locals_cap, (uint64_t)code->nlocals + 1, sizeof(Bytes)) ||
           (found < 0 && !jasm_index_add(&a->fs.locals_ix, h, code->nlocals)))
    ok = err_oom(a);
  if (!ok) {
    free(name->data);
    return false;
  }
  code->local_names[code->nlocals++] = *name;
  return true;
}

typedef struct LabelKey {
  const char *name;
  size_t len;
} LabelKey;

static bool label_eq_at(const void *ctx, uint32_t index, const void *key) {
  const Label *l = &((const Label *)ctx)[index];
  const LabelKey *k = key;
  return l->len == k->len && memcmp(l->name, k->name, k->len) == 0;
}

/* The label named name[0..len), created on first mention. */
static bool find_label(Asm *a, const char *name, size_t len, size_t at, uint32_t *index) {
  FuncState *fs = &a->fs;
  LabelKey key = {name, len};
  uint64_t h = jasm_bytes_hash(name, len);
  int64_t found = jasm_index_find(&fs->labels_ix, h, &key, label_eq_at, fs->labels);
  if (found >= 0) return (*index = (uint32_t)found, true);
  if (len > NAME_MAX_BYTES) return err_here(a, at, "label name too long");
  if (!grow((void **)&fs->labels, &fs->labels_cap, (uint64_t)fs->nlabels + 1, sizeof(Label)) ||
      !jasm_index_add(&fs->labels_ix, h, fs->nlabels))
    return err_oom(a);
  fs->labels[fs->nlabels] = (Label){name, (uint32_t)len, -1, a->line, col_of(a, at)};
  *index = fs->nlabels++;
  return true;
}

/* ======================================================================
 * Emitting code
 * ====================================================================== */

static bool emit(Asm *a, const uint8_t *bytes, uint32_t n, size_t at) {
  Code *code = cur(a);
  if (code->code_len > CODE_MAX_BYTES - n) return err_here(a, at, "function code too large (limit %d bytes)", CODE_MAX_BYTES);
  if (!grow((void **)&code->code, &a->fs.code_cap, (uint64_t)code->code_len + n, 1)) return err_oom(a);
  memcpy(code->code + code->code_len, bytes, n);
  code->code_len += n;
  return true;
}

static void put_u32le(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
  p[2] = (uint8_t)(v >> 16);
  p[3] = (uint8_t)(v >> 24);
}

static bool emit_instr(Asm *a, int op, uint32_t arg, size_t at) {
  uint8_t b[5] = {(uint8_t)op};
  put_u32le(b + 1, arg);
  return emit(a, b, opcode_size(op), at);
}

/* ======================================================================
 * Operands
 * ====================================================================== */

/* `#N` or `@N`: a raw operand. */
static bool parse_raw(Asm *a, uint32_t *arg) {
  a->pos++;
  return parse_u32(a, arg, "a number");
}

static bool parse_const_operand(Asm *a, uint32_t *arg) {
  size_t at = a->pos;
  if (peek(a) == '#') return parse_raw(a, arg);
  Const c;
  memset(&c, 0, sizeof c);
  if (!parse_const(a, &c, 0)) {
    const_free(&c);
    return false;
  }
  return add_const(a, &c, false, arg, at);
}

static bool parse_local_operand(Asm *a, uint32_t *arg) {
  size_t at = a->pos;
  if (peek(a) == '#') return parse_raw(a, arg);
  Bytes name;
  if (!parse_name(a, &name, "a local name or #N")) return false;
  const Code *code = cur(a);
  int64_t found = jasm_index_find(&a->fs.locals_ix, jasm_bytes_hash(name.data, name.len), &name, bytes_eq_at, code->local_names);
  if (found < 0) {
    char shown[64];
    describe(shown, sizeof shown, name.data, name.len);
    free(name.data);
    return err_here(a, at, "unknown local %s (not in .locals)", shown);
  }
  free(name.data);
  *arg = (uint32_t)found;
  return true;
}

static bool parse_name_operand(Asm *a, uint32_t *arg) {
  size_t at = a->pos;
  if (peek(a) == '#') return parse_raw(a, arg);
  Bytes name;
  if (!parse_name(a, &name, "a name or #N")) return false;
  return add_name(a, &name, false, arg, at);
}

/* Function names are resolved once every function is known. */
static bool parse_func_operand(Asm *a, uint32_t *arg) {
  size_t at = a->pos;
  if (peek(a) == '#') return parse_raw(a, arg);
  Bytes name;
  if (!parse_name(a, &name, "a function name or #N")) return false;
  if (a->nffix == a->ffix_cap) {
    size_t cap = a->ffix_cap ? a->ffix_cap * 2 : 16;
    FuncFixup *p = realloc(a->ffix, cap * sizeof *p);
    if (!p) {
      free(name.data);
      return err_oom(a);
    }
    a->ffix = p;
    a->ffix_cap = cap;
  }
  a->ffix[a->nffix++] = (FuncFixup){a->fi, cur(a)->code_len, name, a->line, col_of(a, at)};
  *arg = 0;
  return true;
}

static bool parse_jump_operand(Asm *a, uint32_t *arg) {
  if (peek(a) == '@') return parse_raw(a, arg);
  size_t at = a->pos;
  const char *s;
  size_t len;
  if (!scan_ident(a, &s, &len)) return err_unexpected(a, "a label or @N");
  FuncState *fs = &a->fs;
  uint32_t label;
  if (!find_label(a, s, len, at, &label)) return false;
  if (!grow((void **)&fs->jumps, &fs->jumps_cap, (uint64_t)fs->njumps + 1, sizeof(JumpFixup))) return err_oom(a);
  fs->jumps[fs->njumps++] = (JumpFixup){cur(a)->code_len, label, a->line, col_of(a, at)};
  *arg = 0;
  return true;
}

static bool is_operator_char(int c) { return c > 0 && strchr("+-*/%<>&|^=!", c) != NULL; }

static bool parse_operator_operand(Asm *a, uint32_t *arg, bool comparison) {
  if (peek(a) == '#') return parse_raw(a, arg);
  size_t start = a->pos;
  while (is_operator_char(peek(a))) a->pos++;
  size_t len = a->pos - start;
  const char *s = a->text + start;
  int v = comparison ? cmpop_by_symbol(s, len) : binop_by_symbol(s, len);
  if (len == 0) return err_unexpected(a, comparison ? "a comparison operator" : "an operator");
  if (v < 0)
    return err_here(a, start, "unknown %s '%.*s'", comparison ? "comparison operator" : "operator", (int)len, s);
  *arg = (uint32_t)v;
  return true;
}

static bool parse_operand(Asm *a, int kind, uint32_t *arg) {
  switch (kind) {
  case OPK_CONST: return parse_const_operand(a, arg);
  case OPK_LOCAL: return parse_local_operand(a, arg);
  case OPK_NAME: return parse_name_operand(a, arg);
  case OPK_FUNC: return parse_func_operand(a, arg);
  case OPK_JUMP_FWD:
  case OPK_JUMP_BACK: return parse_jump_operand(a, arg);
  case OPK_BINOP: return parse_operator_operand(a, arg, false);
  case OPK_CMPOP: return parse_operator_operand(a, arg, true);
  case OPK_COUNT:
  case OPK_FLAG: return parse_u32(a, arg, "a number");
  default: *arg = 0; return true;
  }
}

/* ======================================================================
 * Lines: instructions, labels, directives
 * ====================================================================== */

static bool need_function(Asm *a, size_t at, const char *what) {
  if (a->in_func) return true;
  return err_here(a, at, "%s outside a function (missing .function)", what);
}

static bool parse_instruction(Asm *a, const char *name, size_t len, size_t at) {
  int op = opcode_by_name(name, len);
  if (op < 0) return err_here(a, at, "unknown opcode '%.*s'", (int)(len > 64 ? 64 : len), name);
  if (!need_function(a, at, "instruction")) return false;
  a->fs.started = true;
  int kind = opcode_info[op].operand;
  uint32_t arg = 0;
  skip_spaces(a);
  if (kind != OPK_NONE) {
    if (at_line_end(a)) return err_here(a, a->pos, "%s needs an operand (%s)", opcode_info[op].name, operand_kind_name(kind));
    if (!parse_operand(a, kind, &arg)) return false;
  }
  return emit_instr(a, op, arg, at) && finish_line(a);
}

static bool define_label(Asm *a, const char *name, size_t len, size_t at) {
  if (!need_function(a, at, "label")) return false;
  uint32_t index;
  if (!find_label(a, name, len, at, &index)) return false;
  Label *l = &a->fs.labels[index];
  if (l->offset >= 0) return err_here(a, at, "duplicate label '%.*s'", (int)(len > 64 ? 64 : len), name);
  l->offset = cur(a)->code_len;
  a->fs.started = true;
  return true;
}

/* Header directives (.arity .locals .stack .consts .names) describe the
 * tables, so they must come before the code that uses them. */
static bool in_header(Asm *a, size_t at, const char *directive) {
  if (!need_function(a, at, directive)) return false;
  if (a->fs.started) return err_here(a, at, "%s must come before the first instruction or label", directive);
  return true;
}

static bool dir_function(Asm *a, size_t at) {
  if (a->in_func) return err_here(a, at, "missing .end before .function");
  if (a->m->nfuncs >= MODULE_MAX_FUNCS) return err_here(a, at, "too many functions (limit %d)", MODULE_MAX_FUNCS);
  skip_spaces(a);
  Bytes name;
  if (!parse_name(a, &name, "a function name")) return false;
  if (!grow((void **)&a->m->funcs, &a->funcs_cap, (uint64_t)a->m->nfuncs + 1, sizeof(Code))) {
    free(name.data);
    return err_oom(a);
  }
  FuncInfo *fi = realloc(a->finfo, (size_t)a->funcs_cap * sizeof *fi);
  if (!fi) {
    free(name.data);
    return err_oom(a);
  }
  a->finfo = fi;
  a->fi = a->m->nfuncs++;
  Code *code = cur(a);
  memset(code, 0, sizeof *code);
  code->name = name;
  a->finfo[a->fi] = (FuncInfo){false, a->line, col_of(a, at)};
  memset(&a->fs, 0, sizeof a->fs);
  a->in_func = true;
  return finish_line(a);
}

static bool dir_arity(Asm *a, size_t at) {
  if (!in_header(a, at, ".arity")) return false;
  if (a->fs.have_arity) return err_here(a, at, "duplicate .arity");
  a->fs.have_arity = true;
  skip_spaces(a);
  return parse_u32_max(a, &cur(a)->arity, CODE_MAX_LOCALS, "arity") && finish_line(a);
}

static bool dir_stack(Asm *a, size_t at) {
  if (!in_header(a, at, ".stack")) return false;
  if (a->finfo[a->fi].has_stack) return err_here(a, at, "duplicate .stack");
  a->finfo[a->fi].has_stack = true;
  skip_spaces(a);
  return parse_u32_max(a, &cur(a)->max_stack, CODE_MAX_STACK, "max_stack") && finish_line(a);
}

static bool dir_locals(Asm *a, size_t at) {
  if (!in_header(a, at, ".locals")) return false;
  for (;;) {
    skip_spaces(a);
    if (at_line_end(a)) return finish_line(a);
    size_t item = a->pos;
    Bytes name;
    if (!parse_name(a, &name, "a local name") || !add_local(a, &name, item)) return false;
  }
}

static bool dir_names(Asm *a, size_t at) {
  if (!in_header(a, at, ".names")) return false;
  for (;;) {
    skip_spaces(a);
    if (at_line_end(a)) return finish_line(a);
    size_t item = a->pos;
    Bytes name;
    uint32_t index;
    if (!parse_name(a, &name, "a name") || !add_name(a, &name, true, &index, item)) return false;
  }
}

static bool dir_consts(Asm *a, size_t at) {
  if (!in_header(a, at, ".consts")) return false;
  skip_spaces(a);
  if (at_line_end(a)) return finish_line(a);
  for (;;) {
    size_t item = a->pos;
    Const c;
    memset(&c, 0, sizeof c);
    uint32_t index;
    if (!parse_const(a, &c, 0)) {
      const_free(&c);
      return false;
    }
    if (!add_const(a, &c, true, &index, item)) return false;
    skip_spaces(a);
    if (peek(a) != ',') return finish_line(a);
    a->pos++;
    skip_spaces(a);
  }
}

static bool dir_line(Asm *a, size_t at) {
  if (!need_function(a, at, ".line")) return false;
  Code *code = cur(a);
  if (code->nlines >= JBC_MAX_LINE_ENTRIES) return err_here(a, at, "too many line entries (limit %d)", JBC_MAX_LINE_ENTRIES);
  LineEntry e = {code->code_len, 0};
  skip_spaces(a);
  if (!parse_u32(a, &e.line, "a line number")) return false;
  skip_spaces(a);
  if (peek(a) == '@' && !parse_raw(a, &e.offset)) return false;
  if (!grow((void **)&code->lines, &a->fs.lines_cap, (uint64_t)code->nlines + 1, sizeof(LineEntry))) return err_oom(a);
  code->lines[code->nlines++] = e;
  return finish_line(a);
}

/* A handler boundary: a label (patched at .end) or @OFFSET. */
static bool parse_handler_field(Asm *a, uint32_t handler, uint32_t field, uint32_t *out) {
  skip_spaces(a);
  if (peek(a) == '@') return parse_raw(a, out);
  size_t at = a->pos;
  const char *s;
  size_t len;
  if (!scan_ident(a, &s, &len)) return err_unexpected(a, "a label or @OFFSET");
  FuncState *fs = &a->fs;
  uint32_t label;
  if (!find_label(a, s, len, at, &label)) return false;
  if (!grow((void **)&fs->hfix, &fs->hfix_cap, (uint64_t)fs->nhfix + 1, sizeof(HandlerFixup))) return err_oom(a);
  fs->hfix[fs->nhfix++] = (HandlerFixup){handler, field, label};
  *out = 0;
  return true;
}

static bool dir_handler(Asm *a, size_t at) {
  if (!need_function(a, at, ".handler")) return false;
  Code *code = cur(a);
  if (code->nhandlers >= CODE_MAX_HANDLERS) return err_here(a, at, "too many handlers (limit %d)", CODE_MAX_HANDLERS);
  if (!grow((void **)&code->handlers, &a->fs.handlers_cap, (uint64_t)code->nhandlers + 1, sizeof(ExcEntry))) return err_oom(a);
  uint32_t index = code->nhandlers;
  ExcEntry e = {0, 0, 0, 0};
  if (!parse_handler_field(a, index, 0, &e.start) || !parse_handler_field(a, index, 1, &e.end) ||
      !parse_handler_field(a, index, 2, &e.target))
    return false;
  skip_spaces(a);
  if (!parse_u32(a, &e.depth, "a stack depth")) return false;
  code->handlers[code->nhandlers++] = e;
  return finish_line(a);
}

static bool dir_byte(Asm *a, size_t at) {
  if (!need_function(a, at, ".byte")) return false;
  a->fs.started = true;
  skip_spaces(a);
  size_t start = a->pos;
  uint32_t v = 0;
  if (peek(a) == '0' && (peek_at(a, 1) == 'x' || peek_at(a, 1) == 'X')) {
    a->pos += 2;
    int digits = 0;
    for (int h; (h = hex_value(peek(a))) >= 0; a->pos++, digits++)
      if (digits < 3) v = v << 4 | (uint32_t)h;
    if (digits == 0 || digits > 2 || is_ident_char(peek(a))) return err_here(a, start, ".byte takes a byte: 0x00 to 0xff");
  } else if (!parse_u32(a, &v, "a byte value")) {
    return false;
  }
  if (v > 0xFF) return err_here(a, start, ".byte takes a byte: 0 to 255");
  uint8_t b = (uint8_t)v;
  return emit(a, &b, 1, at) && finish_line(a);
}

static void free_func_state(FuncState *fs) {
  jasm_index_free(&fs->consts_ix);
  jasm_index_free(&fs->names_ix);
  jasm_index_free(&fs->locals_ix);
  jasm_index_free(&fs->labels_ix);
  free(fs->labels);
  free(fs->jumps);
  free(fs->hfix);
  memset(fs, 0, sizeof *fs);
}

static bool resolve_jump(Asm *a, const JumpFixup *j) {
  Code *code = cur(a);
  const Label *l = &a->fs.labels[j->label];
  int op = code->code[j->at];
  int64_t end = (int64_t)j->at + 5, target = l->offset;
  bool forward = opcode_info[op].operand == OPK_JUMP_FWD;
  if (forward && target < end)
    return err_at(a, j->line, j->col, "jump to '%.*s' goes backward; %s jumps forward only", (int)l->len, l->name, opcode_info[op].name);
  if (!forward && target > end)
    return err_at(a, j->line, j->col, "jump to '%.*s' goes forward; %s jumps backward only", (int)l->len, l->name, opcode_info[op].name);
  put_u32le(code->code + j->at + 1, (uint32_t)(forward ? target - end : end - target));
  return true;
}

static bool dir_end(Asm *a, size_t at) {
  if (!need_function(a, at, ".end")) return false;
  FuncState *fs = &a->fs;
  for (uint32_t i = 0; i < fs->nlabels; i++) {
    const Label *l = &fs->labels[i];
    if (l->offset < 0) return err_at(a, l->line, l->col, "undefined label '%.*s'", (int)(l->len > 64 ? 64 : l->len), l->name);
  }
  for (uint32_t i = 0; i < fs->njumps; i++)
    if (!resolve_jump(a, &fs->jumps[i])) return false;
  Code *code = cur(a);
  for (uint32_t i = 0; i < fs->nhfix; i++) {
    const HandlerFixup *h = &fs->hfix[i];
    uint32_t offset = (uint32_t)fs->labels[h->label].offset;
    ExcEntry *e = &code->handlers[h->handler];
    if (h->field == 0) e->start = offset;
    else if (h->field == 1) e->end = offset;
    else e->target = offset;
  }
  free_func_state(fs);
  a->in_func = false;
  return finish_line(a);
}

typedef bool (*DirectiveFn)(Asm *a, size_t at);

static const struct {
  const char *name;
  DirectiveFn fn;
} directives[] = {
    {"function", dir_function}, {"arity", dir_arity}, {"locals", dir_locals}, {"stack", dir_stack},
    {"consts", dir_consts},     {"names", dir_names}, {"line", dir_line},     {"handler", dir_handler},
    {"byte", dir_byte},         {"end", dir_end},
};

static bool parse_directive(Asm *a) {
  size_t at = a->pos++;
  const char *s;
  size_t len;
  if (!scan_ident(a, &s, &len)) return err_here(a, at, "expected a directive name after '.'");
  for (size_t i = 0; i < sizeof directives / sizeof directives[0]; i++)
    if (ident_is(s, len, directives[i].name)) return directives[i].fn(a, at);
  return err_here(a, at, "unknown directive '.%.*s'", (int)(len > 64 ? 64 : len), s);
}

/* One line, up to and including its newline. */
static bool parse_line(Asm *a) {
  for (;;) {
    skip_spaces(a);
    if (at_line_end(a)) return finish_line(a);
    if (peek(a) == '.') return parse_directive(a);
    size_t at = a->pos;
    const char *s;
    size_t len;
    if (!scan_ident(a, &s, &len)) return err_unexpected(a, "an instruction, a label or a directive");
    skip_spaces(a);
    if (peek(a) != ':') return parse_instruction(a, s, len, at);
    a->pos++;
    if (!define_label(a, s, len, at)) return false; /* and go on with the rest of the line */
  }
}

/* ======================================================================
 * Whole module
 * ====================================================================== */

static bool func_name_eq_at(const void *ctx, uint32_t index, const void *key) {
  return bytes_equal(&((const Code *)ctx)[index].name, key);
}

static bool resolve_functions(Asm *a) {
  Module *m = a->m;
  JasmIndex ix = {0};
  bool ok = true;
  for (uint32_t i = 0; ok && i < m->nfuncs; i++) {
    uint64_t h = jasm_bytes_hash(m->funcs[i].name.data, m->funcs[i].name.len);
    if (jasm_index_find(&ix, h, &m->funcs[i].name, func_name_eq_at, m->funcs) < 0 && !jasm_index_add(&ix, h, i))
      ok = err_oom(a);
  }
  for (size_t i = 0; ok && i < a->nffix; i++) {
    const FuncFixup *f = &a->ffix[i];
    int64_t found = jasm_index_find(&ix, jasm_bytes_hash(f->name.data, f->name.len), &f->name, func_name_eq_at, m->funcs);
    if (found < 0) {
      char shown[64];
      describe(shown, sizeof shown, f->name.data, f->name.len);
      ok = err_at(a, f->line, f->col, "undefined function %s", shown);
    } else {
      put_u32le(m->funcs[f->func].code + f->at + 1, (uint32_t)found);
    }
  }
  jasm_index_free(&ix);
  return ok;
}

static bool compute_stacks(Asm *a) {
  for (uint32_t i = 0; i < a->m->nfuncs; i++) {
    if (a->finfo[i].has_stack) continue;
    StrBuf msg;
    strbuf_init(&msg);
    uint32_t depth = 0;
    bool ok = verify_max_stack(a->m, i, &depth, &msg);
    if (ok) a->m->funcs[i].max_stack = depth;
    else err_at(a, a->finfo[i].line, a->finfo[i].col, "cannot compute the stack depth (add .stack N): %s", msg.data ? msg.data : "invalid code");
    strbuf_free(&msg);
    if (!ok) return false;
  }
  return true;
}

/* No size limit here: the loader caps files, and the disassembly of a
 * large module may be longer than any file it came from. Every table is
 * capped all the same. */
static bool assemble(Asm *a) {
  while (a->pos < a->len) {
    if (!parse_line(a)) return false;
    if (a->pos < a->len) { /* on the newline */
      a->pos++;
      a->line++;
      a->line_start = a->pos;
    }
  }
  if (a->in_func) {
    char shown[64];
    const Bytes *name = &cur(a)->name;
    describe(shown, sizeof shown, name->data, name->len);
    return err_here(a, a->pos, "missing .end for function %s", shown);
  }
  if (a->m->nfuncs == 0) return err_here(a, a->pos, "no functions (a module starts with .function NAME)");
  return resolve_functions(a) && compute_stacks(a);
}

Module *jasm_assemble(const char *filename, const char *text, size_t len, StrBuf *err) {
  Asm a;
  memset(&a, 0, sizeof a);
  a.file = filename ? filename : "<input>";
  a.text = text ? text : "";
  a.len = text ? len : 0;
  a.line = 1;
  a.err = err;
  a.m = calloc(1, sizeof *a.m);
  bool ok = a.m != NULL || err_at(&a, 1, 1, "out of memory");
  ok = ok && assemble(&a);
  if (ok && !(a.m->filename = strdup(a.file))) ok = err_oom(&a);
  free_func_state(&a.fs);
  for (size_t i = 0; i < a.nffix; i++) free(a.ffix[i].name.data);
  free(a.ffix);
  free(a.finfo);
  if (!ok) {
    module_free(a.m);
    return NULL;
  }
  return a.m;
}
