/* Reading and writing .jbc files (layout in docs/jbc.md). The reader treats
 * its input as hostile: every length is checked against the bytes left
 * before anything is allocated for it, every count against the limits of
 * vm/module.h, and the recursion over constant tuples stops at
 * CONST_MAX_DEPTH. */
#include "vm/jbc.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Smallest encodings, used to refuse a count before allocating for it: a
 * count the remaining bytes cannot hold is a truncated file. */
enum {
  MIN_CONST_BYTES = 1,
  MIN_BYTES_BYTES = 4,    /* a length-prefixed string */
  LINE_ENTRY_BYTES = 8,
  HANDLER_BYTES = 16,
  DISPLAY_NAME_BYTES = 48, /* function names shown in messages are cut here */
};

typedef struct Reader {
  const uint8_t *data;
  size_t len, pos;
  const char *filename;
  StrBuf *err;
  bool failed;
  int64_t func;         /* function being read, or -1 */
  const Bytes *func_name; /* its name once read */
  char item[48];        /* the part being read ("constant 3"), or "" */
} Reader;

/* ---- UTF-8 ---- */

/* Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF. */
static bool utf8_check(const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < len) {
    unsigned c = p[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    size_t n;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (len - i - 1 < n) return false;
    if (p[i + 1] < lo || p[i + 1] > hi) return false;
    for (size_t k = 2; k <= n; k++)
      if (p[i + k] < 0x80 || p[i + k] > 0xBF) return false;
    i += n + 1;
  }
  return true;
}

/* ---- errors ---- */

/* A name as shown inside a message: on one line, printable, and short. */
static void append_display_name(StrBuf *sb, const Bytes *name) {
  uint32_t n = name->len;
  const unsigned char *p = (const unsigned char *)name->data;
  uint32_t shown = n;
  if (shown > DISPLAY_NAME_BYTES) {
    shown = DISPLAY_NAME_BYTES;
    while (shown > 0 && (p[shown] & 0xC0) == 0x80) shown--; /* cut at a character start */
  }
  for (uint32_t i = 0; i < shown; i++) {
    if (p[i] < 0x20 || p[i] == 0x7F)
      strbuf_printf(sb, "\\x%02x", p[i]);
    else
      strbuf_putc(sb, (char)p[i]);
  }
  if (shown < n) strbuf_puts(sb, "...");
}

static bool fail(Reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Records the first error only; returns false so callers can `return fail(..)`. */
static bool fail(Reader *r, const char *fmt, ...) {
  if (r->failed) return false;
  r->failed = true;
  strbuf_printf(r->err, "%s: error: ", r->filename);
  if (r->func >= 0) {
    strbuf_printf(r->err, "function %" PRId64, r->func);
    if (r->func_name) {
      strbuf_puts(r->err, " (");
      append_display_name(r->err, r->func_name);
      strbuf_puts(r->err, ")");
    }
    strbuf_puts(r->err, ": ");
  }
  if (r->item[0]) strbuf_printf(r->err, "%s: ", r->item);
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  strbuf_puts(r->err, msg);
  return false;
}

static bool fail_oom(Reader *r) { return fail(r, "out of memory"); }

static void set_item(Reader *r, const char *what, uint32_t index) {
  snprintf(r->item, sizeof r->item, "%s %" PRIu32, what, index);
}

/* ---- primitive reads ---- */

static size_t bytes_left(const Reader *r) { return r->len - r->pos; }

static bool need(Reader *r, size_t n) {
  if (n <= bytes_left(r)) return true;
  return fail(r, "offset %zu: truncated: expected %zu bytes, %zu left", r->pos, n, bytes_left(r));
}

static bool read_u8(Reader *r, uint8_t *out) {
  if (!need(r, 1)) return false;
  *out = r->data[r->pos++];
  return true;
}

static bool read_u16(Reader *r, uint16_t *out) {
  if (!need(r, 2)) return false;
  const uint8_t *p = r->data + r->pos;
  *out = (uint16_t)(p[0] | p[1] << 8);
  r->pos += 2;
  return true;
}

static bool read_u32(Reader *r, uint32_t *out) {
  if (!need(r, 4)) return false;
  const uint8_t *p = r->data + r->pos;
  *out = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
  r->pos += 4;
  return true;
}

static bool read_u64(Reader *r, uint64_t *out) {
  uint32_t lo, hi;
  if (!read_u32(r, &lo) || !read_u32(r, &hi)) return false;
  *out = (uint64_t)hi << 32 | lo;
  return true;
}

/* A count, checked against its limit and against the bytes its items need
 * at least, so a huge count in a small file never causes a huge allocation. */
static bool read_count(Reader *r, uint32_t *out, uint32_t limit, size_t min_item_bytes, const char *what) {
  size_t at = r->pos;
  if (!read_u32(r, out)) return false;
  if (*out > limit) return fail(r, "offset %zu: too many %s: %" PRIu32 " (limit %" PRIu32 ")", at, what, *out, limit);
  uint64_t min_bytes = (uint64_t)*out * min_item_bytes;
  if (min_bytes > bytes_left(r))
    return fail(r, "offset %zu: truncated: %" PRIu32 " %s need at least %" PRIu64 " bytes, %zu left", r->pos, *out, what,
                min_bytes, bytes_left(r));
  return true;
}

/* A length-prefixed UTF-8 string of at most max_len bytes. */
static bool read_bytes(Reader *r, Bytes *out, uint32_t max_len, const char *what) {
  size_t at = r->pos;
  uint32_t n;
  if (!read_u32(r, &n)) return false;
  if (n > max_len) return fail(r, "offset %zu: %s too long: %" PRIu32 " bytes (limit %" PRIu32 ")", at, what, n, max_len);
  if (!need(r, n)) return false;
  const char *s = (const char *)r->data + r->pos;
  if (!utf8_check(s, n)) return fail(r, "offset %zu: %s is not valid UTF-8", r->pos, what);
  if (!bytes_set(out, s, n)) return fail_oom(r);
  r->pos += n;
  return true;
}

/* n strings into *out; *count is set as soon as the array exists, so the
 * Code owns (and frees) it from then on. */
static bool read_bytes_array(Reader *r, Bytes **out, uint32_t *count, uint32_t n, const char *what) {
  *out = NULL;
  *count = 0;
  if (n == 0) return true;
  Bytes *items = calloc(n, sizeof *items);
  if (!items) return fail_oom(r);
  *out = items;
  *count = n;
  for (uint32_t i = 0; i < n; i++) {
    set_item(r, what, i);
    if (!read_bytes(r, &items[i], NAME_MAX_BYTES, what)) return false;
  }
  r->item[0] = '\0';
  return true;
}

/* ---- constants ---- */

static bool read_const(Reader *r, Const *out, int depth);

static bool read_tuple(Reader *r, Const *out, int depth) {
  if (depth >= CONST_MAX_DEPTH) return fail(r, "offset %zu: constant tuples nested too deep (limit %d)", r->pos - 1, CONST_MAX_DEPTH);
  uint32_t n;
  if (!read_count(r, &n, UINT32_MAX, MIN_CONST_BYTES, "tuple items")) return false;
  out->kind = CK_TUPLE;
  out->as.t.len = 0;
  out->as.t.items = NULL;
  if (n == 0) return true;
  out->as.t.items = calloc(n, sizeof(Const));
  if (!out->as.t.items) return fail_oom(r);
  out->as.t.len = n; /* calloc'd items are None: freeable at any point */
  for (uint32_t i = 0; i < n; i++)
    if (!read_const(r, &out->as.t.items[i], depth + 1)) return false;
  return true;
}

/* `out` is zeroed (None) by the caller and stays freeable on failure. */
static bool read_const(Reader *r, Const *out, int depth) {
  size_t at = r->pos;
  uint8_t kind;
  if (!read_u8(r, &kind)) return false;
  switch (kind) {
  case CK_NONE: return true;
  case CK_BOOL: {
    uint8_t b;
    if (!read_u8(r, &b)) return false;
    if (b > 1) return fail(r, "offset %zu: bool constant must be 0 or 1, not %u", r->pos - 1, b);
    out->kind = CK_BOOL;
    out->as.i = b;
    return true;
  }
  case CK_INT: {
    uint64_t u;
    if (!read_u64(r, &u)) return false;
    out->kind = CK_INT;
    memcpy(&out->as.i, &u, sizeof u);
    return true;
  }
  case CK_FLOAT: {
    uint64_t u;
    if (!read_u64(r, &u)) return false;
    out->kind = CK_FLOAT;
    memcpy(&out->as.f, &u, sizeof u);
    return true;
  }
  case CK_STR:
    if (!read_bytes(r, &out->as.s, UINT32_MAX, "string")) return false;
    out->kind = CK_STR;
    return true;
  case CK_TUPLE: return read_tuple(r, out, depth);
  default: return fail(r, "offset %zu: unknown constant kind %u", at, kind);
  }
}

static bool read_consts(Reader *r, Code *c) {
  uint32_t n;
  if (!read_count(r, &n, CODE_MAX_CONSTS, MIN_CONST_BYTES, "constants")) return false;
  if (n == 0) return true;
  c->consts = calloc(n, sizeof(Const));
  if (!c->consts) return fail_oom(r);
  c->nconsts = n;
  for (uint32_t i = 0; i < n; i++) {
    set_item(r, "constant", i);
    if (!read_const(r, &c->consts[i], 0)) return false;
  }
  r->item[0] = '\0';
  return true;
}

/* ---- code, lines, handlers ---- */

static bool read_code_bytes(Reader *r, Code *c) {
  uint32_t n;
  if (!read_count(r, &n, CODE_MAX_BYTES, 1, "code bytes")) return false;
  if (n == 0) return true;
  c->code = malloc(n);
  if (!c->code) return fail_oom(r);
  memcpy(c->code, r->data + r->pos, n);
  c->code_len = n;
  r->pos += n;
  return true;
}

static bool read_lines(Reader *r, Code *c) {
  uint32_t n;
  if (!read_count(r, &n, JBC_MAX_LINE_ENTRIES, LINE_ENTRY_BYTES, "line entries")) return false;
  if (n == 0) return true;
  c->lines = calloc(n, sizeof(LineEntry));
  if (!c->lines) return fail_oom(r);
  c->nlines = n;
  for (uint32_t i = 0; i < n; i++)
    if (!read_u32(r, &c->lines[i].offset) || !read_u32(r, &c->lines[i].line)) return false;
  return true;
}

static bool read_handlers(Reader *r, Code *c) {
  uint32_t n;
  if (!read_count(r, &n, CODE_MAX_HANDLERS, HANDLER_BYTES, "handlers")) return false;
  if (n == 0) return true;
  c->handlers = calloc(n, sizeof(ExcEntry));
  if (!c->handlers) return fail_oom(r);
  c->nhandlers = n;
  for (uint32_t i = 0; i < n; i++) {
    ExcEntry *h = &c->handlers[i];
    if (!read_u32(r, &h->start) || !read_u32(r, &h->end) || !read_u32(r, &h->target) || !read_u32(r, &h->depth))
      return false;
  }
  return true;
}

static bool read_limited_u32(Reader *r, uint32_t *out, uint32_t limit, const char *what) {
  size_t at = r->pos;
  if (!read_u32(r, out)) return false;
  if (*out > limit) return fail(r, "offset %zu: %s %" PRIu32 " exceeds the limit %" PRIu32, at, what, *out, limit);
  return true;
}

static bool read_function(Reader *r, Code *c) {
  r->item[0] = '\0';
  if (!read_bytes(r, &c->name, NAME_MAX_BYTES, "function name")) return false;
  r->func_name = &c->name;
  uint32_t nlocals;
  if (!read_limited_u32(r, &c->arity, CODE_MAX_LOCALS, "arity")) return false;
  if (!read_count(r, &nlocals, CODE_MAX_LOCALS, MIN_BYTES_BYTES, "locals")) return false;
  if (!read_limited_u32(r, &c->max_stack, CODE_MAX_STACK, "max_stack")) return false;
  if (!read_bytes_array(r, &c->local_names, &c->nlocals, nlocals, "local name")) return false;
  if (!read_consts(r, c)) return false;
  uint32_t nnames;
  if (!read_count(r, &nnames, CODE_MAX_NAMES, MIN_BYTES_BYTES, "names")) return false;
  if (!read_bytes_array(r, &c->names, &c->nnames, nnames, "name")) return false;
  return read_code_bytes(r, c) && read_lines(r, c) && read_handlers(r, c);
}

/* ---- module ---- */

bool jbc_has_magic(const uint8_t *data, size_t len) {
  return len >= JBC_MAGIC_LEN && memcmp(data, JBC_MAGIC, JBC_MAGIC_LEN) == 0;
}

static bool read_header(Reader *r) {
  if (r->len > JBC_MAX_FILE_BYTES) return fail(r, "file too large (%zu bytes, limit %d)", r->len, JBC_MAX_FILE_BYTES);
  if (!jbc_has_magic(r->data, r->len)) return fail(r, "bad magic: not a .jbc file");
  r->pos = JBC_MAGIC_LEN;
  uint16_t version, flags;
  if (!read_u16(r, &version)) return false;
  if (version != JBC_VERSION) return fail(r, "offset 4: unsupported version %u (expected %d)", version, JBC_VERSION);
  if (!read_u16(r, &flags)) return false;
  if (flags != 0) return fail(r, "offset 6: flags must be 0, not 0x%04x", flags);
  return true;
}

static bool read_module(Reader *r, Module *m) {
  if (!read_header(r)) return false;
  size_t at = r->pos;
  uint32_t n;
  if (!read_count(r, &n, MODULE_MAX_FUNCS, 1, "functions")) return false;
  if (n == 0) return fail(r, "offset %zu: a module needs at least one function", at);
  /* The array grows as functions are read, so a large count in a small
   * file costs nothing before the truncation is found. */
  uint32_t cap = 0;
  for (uint32_t i = 0; i < n; i++) {
    if (i == cap) {
      cap = cap ? (cap > n / 2 ? n : cap * 2) : (n < 8 ? n : 8);
      Code *funcs = realloc(m->funcs, (size_t)cap * sizeof(Code));
      if (!funcs) return fail_oom(r);
      m->funcs = funcs;
    }
    memset(&m->funcs[i], 0, sizeof(Code));
    m->nfuncs = i + 1;
    r->func = i;
    r->func_name = NULL;
    if (!read_function(r, &m->funcs[i])) return false;
  }
  r->func = -1;
  r->item[0] = '\0';
  if (r->pos != r->len) return fail(r, "offset %zu: %zu trailing bytes after the last function", r->pos, bytes_left(r));
  return true;
}

Module *jbc_read(const char *filename, const uint8_t *data, size_t len, StrBuf *err) {
  Reader r = {.data = data, .len = data ? len : 0, .filename = filename ? filename : "<input>", .err = err, .func = -1};
  Module *m = calloc(1, sizeof *m);
  if (!m) {
    fail(&r, "out of memory");
    return NULL;
  }
  if (!read_module(&r, m) || !(m->filename = strdup(r.filename))) {
    if (!r.failed) fail_oom(&r);
    module_free(m);
    return NULL;
  }
  return m;
}

/* ---- writing ---- */

static void put_u8(StrBuf *out, uint8_t v) { strbuf_putc(out, (char)v); }

static void put_u16(StrBuf *out, uint16_t v) {
  char b[2] = {(char)(v & 0xFF), (char)(v >> 8)};
  strbuf_append(out, b, 2);
}

static void put_u32(StrBuf *out, uint32_t v) {
  char b[4] = {(char)(v & 0xFF), (char)(v >> 8 & 0xFF), (char)(v >> 16 & 0xFF), (char)(v >> 24)};
  strbuf_append(out, b, 4);
}

static void put_u64(StrBuf *out, uint64_t v) {
  put_u32(out, (uint32_t)v);
  put_u32(out, (uint32_t)(v >> 32));
}

static void put_bytes(StrBuf *out, const Bytes *b) {
  put_u32(out, b->len);
  if (b->len) strbuf_append(out, b->data, b->len);
}

static bool write_const(StrBuf *out, const Const *c, int depth) {
  put_u8(out, (uint8_t)c->kind);
  uint64_t bits;
  switch ((ConstKind)c->kind) {
  case CK_NONE: return true;
  case CK_BOOL: put_u8(out, c->as.i ? 1 : 0); return true;
  case CK_INT: memcpy(&bits, &c->as.i, sizeof bits); put_u64(out, bits); return true;
  case CK_FLOAT: memcpy(&bits, &c->as.f, sizeof bits); put_u64(out, bits); return true;
  case CK_STR: put_bytes(out, &c->as.s); return true;
  case CK_TUPLE:
    if (depth >= CONST_MAX_DEPTH) return false;
    put_u32(out, c->as.t.len);
    for (uint32_t i = 0; i < c->as.t.len; i++)
      if (!write_const(out, &c->as.t.items[i], depth + 1)) return false;
    return true;
  case CK_COUNT: break;
  }
  return false;
}

static bool write_function(StrBuf *out, const Code *c) {
  put_bytes(out, &c->name);
  put_u32(out, c->arity);
  put_u32(out, c->nlocals);
  put_u32(out, c->max_stack);
  for (uint32_t i = 0; i < c->nlocals; i++) put_bytes(out, &c->local_names[i]);
  put_u32(out, c->nconsts);
  for (uint32_t i = 0; i < c->nconsts; i++)
    if (!write_const(out, &c->consts[i], 0)) return false;
  put_u32(out, c->nnames);
  for (uint32_t i = 0; i < c->nnames; i++) put_bytes(out, &c->names[i]);
  put_u32(out, c->code_len);
  if (c->code_len) strbuf_append(out, (const char *)c->code, c->code_len);
  put_u32(out, c->nlines);
  for (uint32_t i = 0; i < c->nlines; i++) {
    put_u32(out, c->lines[i].offset);
    put_u32(out, c->lines[i].line);
  }
  put_u32(out, c->nhandlers);
  for (uint32_t i = 0; i < c->nhandlers; i++) {
    const ExcEntry *h = &c->handlers[i];
    put_u32(out, h->start);
    put_u32(out, h->end);
    put_u32(out, h->target);
    put_u32(out, h->depth);
  }
  return true;
}

bool jbc_write(const Module *m, StrBuf *out) {
  strbuf_append(out, JBC_MAGIC, JBC_MAGIC_LEN);
  put_u16(out, JBC_VERSION);
  put_u16(out, 0);
  put_u32(out, m->nfuncs);
  for (uint32_t i = 0; i < m->nfuncs; i++)
    if (!write_function(out, &m->funcs[i])) return false;
  return !out->oom;
}
