/* The canonical token stream of a capture. Every token is hashed into the
 * 64-bit digest of the category being emitted; when that category has a
 * text buffer the token is also written out for people. Comparing captures
 * compares digests (fast: no formatting at all on the fuzzing path); the
 * text exists only for reports. Lengths are hashed before variable-length
 * data, so different token sequences cannot run together into one. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "oracle/oracle.h"

/* A bijective 64-bit mixer (MurmurHash3's finalizer), to spread each
 * category's starting state. */
static inline uint64_t mix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

void oracle_emit_begin(OracleEmit *e, StrBuf *const text[ORACLE_WHAT_COUNT]) {
  for (int i = 0; i < ORACLE_WHAT_COUNT; i++) {
    e->digest[i] = mix64(0x6c6f636b73746570ull + (uint64_t)i); /* distinct per category */
    e->text[i] = text ? text[i] : NULL;
  }
  e->cur = ORACLE_WHAT_OUTCOME;
}

void oracle_emit_select(OracleEmit *e, OracleWhat what) {
  if (what < ORACLE_WHAT_COUNT) e->cur = what;
}

void oracle_emit_bytes(OracleEmit *e, const void *data, size_t len) {
  const unsigned char *p = data;
  oracle_emit_word(e, (uint64_t)len);
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t w;
    memcpy(&w, p + i, 8);
    oracle_emit_word(e, w);
  }
  if (i < len) {
    uint64_t w = 0;
    memcpy(&w, p + i, len - i);
    oracle_emit_word(e, w);
  }
}

void oracle_emit_textf(OracleEmit *e, const char *fmt, ...) {
  StrBuf *sb = e->text[e->cur];
  if (!sb) return;
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n > 0) strbuf_append(sb, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

void oracle_emit_int(OracleEmit *e, int64_t v) {
  oracle_emit_word(e, (uint64_t)v);
  if (e->text[e->cur]) strbuf_printf(e->text[e->cur], "%lld", (long long)v);
}

/* One byte that cannot appear as itself inside the quotes. */
static void append_escaped(StrBuf *sb, unsigned char c) {
  static const char hex[] = "0123456789abcdef";
  char esc[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
  switch (c) {
  case '\'': strbuf_puts(sb, "\\'"); return;
  case '\\': strbuf_puts(sb, "\\\\"); return;
  case '\n': strbuf_puts(sb, "\\n"); return;
  case '\t': strbuf_puts(sb, "\\t"); return;
  default: strbuf_append(sb, esc, sizeof esc); return;
  }
}

void oracle_quote(StrBuf *sb, const char *data, size_t len, size_t max_bytes) {
  size_t shown = len < max_bytes ? len : max_bytes;
  strbuf_putc(sb, '\'');
  size_t run = 0; /* plain bytes not yet appended, copied in one go */
  for (size_t i = 0; i < shown; i++) {
    unsigned char c = (unsigned char)data[i];
    if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
      run++;
      continue;
    }
    strbuf_append(sb, data + i - run, run);
    run = 0;
    append_escaped(sb, c);
  }
  strbuf_append(sb, data + shown - run, run);
  strbuf_putc(sb, '\'');
  if (shown < len) strbuf_printf(sb, "...(%zu bytes)", len);
}

void oracle_emit_quoted(OracleEmit *e, const char *data, size_t len) {
  oracle_emit_bytes(e, data, len);
  if (e->text[e->cur]) oracle_quote(e->text[e->cur], data, len, (size_t)-1);
}
