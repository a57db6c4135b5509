/* A growable byte buffer for building text (repr, messages, output). It is
 * scratch memory, not VM heap: only the str made from it is counted. */
#ifndef LOCKSTEP_STRBUF_H
#define LOCKSTEP_STRBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct StrBuf {
  char *data; /* NUL-terminated when len > 0 or after any append */
  size_t len, cap;
  bool oom;   /* an append failed; the buffer holds a prefix */
} StrBuf;

void strbuf_init(StrBuf *sb);
void strbuf_free(StrBuf *sb);
void strbuf_clear(StrBuf *sb);
bool strbuf_append(StrBuf *sb, const char *data, size_t len);
bool strbuf_puts(StrBuf *sb, const char *s);
bool strbuf_putc(StrBuf *sb, char c);
bool strbuf_put_int(StrBuf *sb, int64_t v); /* in decimal, as printf("%" PRId64) */
bool strbuf_printf(StrBuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
