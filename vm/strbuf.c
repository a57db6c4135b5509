#include "vm/strbuf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void strbuf_init(StrBuf *sb) { memset(sb, 0, sizeof *sb); }

void strbuf_free(StrBuf *sb) {
  free(sb->data);
  strbuf_init(sb);
}

void strbuf_clear(StrBuf *sb) {
  sb->len = 0;
  sb->oom = false;
  if (sb->data) sb->data[0] = '\0';
}

static bool strbuf_reserve(StrBuf *sb, size_t extra) {
  if (sb->oom) return false;
  if (extra > ((size_t)-1) / 2 - sb->len) return (sb->oom = true, false);
  size_t need = sb->len + extra + 1;
  if (need <= sb->cap) return true;
  size_t cap = sb->cap ? sb->cap : 64;
  while (cap < need) cap *= 2;
  char *p = realloc(sb->data, cap);
  if (!p) return (sb->oom = true, false);
  sb->data = p;
  sb->cap = cap;
  return true;
}

bool strbuf_append(StrBuf *sb, const char *data, size_t len) {
  if (!strbuf_reserve(sb, len)) return false;
  if (len) memcpy(sb->data + sb->len, data, len);
  sb->len += len;
  sb->data[sb->len] = '\0';
  return true;
}

bool strbuf_puts(StrBuf *sb, const char *s) { return strbuf_append(sb, s, strlen(s)); }
bool strbuf_putc(StrBuf *sb, char c) { return strbuf_append(sb, &c, 1); }

/* Formats straight into the spare capacity; only text that does not fit
 * is formatted a second time, after growing the buffer. */
bool strbuf_printf(StrBuf *sb, const char *fmt, ...) {
  if (sb->oom) return false;
  va_list ap;
  va_start(ap, fmt);
  va_list ap2;
  va_copy(ap2, ap);
  size_t room = sb->cap > sb->len ? sb->cap - sb->len : 0;
  int n = vsnprintf(room ? sb->data + sb->len : NULL, room, fmt, ap);
  va_end(ap);
  bool ok = n >= 0;
  if (ok && (size_t)n >= room) {
    ok = strbuf_reserve(sb, (size_t)n);
    if (ok) vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap2);
  }
  if (ok) sb->len += (size_t)n;
  else if (sb->data) sb->data[sb->len] = '\0'; /* a failed format may have written into the spare room */
  va_end(ap2);
  return ok;
}

bool strbuf_put_int(StrBuf *sb, int64_t v) {
  char tmp[24];
  char *end = tmp + sizeof tmp, *p = end;
  /* Negate as unsigned so INT64_MIN has a magnitude. */
  uint64_t m = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
  do {
    *--p = (char)('0' + m % 10);
    m /= 10;
  } while (m);
  if (v < 0) *--p = '-';
  return strbuf_append(sb, p, (size_t)(end - p));
}
