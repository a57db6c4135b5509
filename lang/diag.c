/* Compile errors (see diag.h). */
#include "lang/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void diag_init(LangDiag *d) {
  d->failed = false;
  d->line = 0;
  d->pos = 0;
  strbuf_init(&d->message);
}

void diag_free(LangDiag *d) { strbuf_free(&d->message); }

bool diag_error(LangDiag *d, uint32_t line, uint32_t pos, const char *fmt, ...) {
  if (d->failed) return false;
  d->failed = true;
  d->line = line;
  d->pos = pos;
  va_list ap;
  va_start(ap, fmt);
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n > 0) {
    char *buf = malloc((size_t)n + 1);
    if (buf) {
      vsnprintf(buf, (size_t)n + 1, fmt, ap2);
      strbuf_append(&d->message, buf, (size_t)n);
      free(buf);
    }
  }
  va_end(ap2);
  return false;
}

bool diag_out_of_memory(LangDiag *d) { return diag_error(d, d->line, d->pos, "out of memory"); }

/* The column of byte `pos`: 1 + the number of code points between the start
 * of its line and pos. Continuation bytes (10xxxxxx) do not start a code
 * point. */
static uint32_t column_of(const char *source, size_t len, uint32_t pos) {
  if (pos > len) pos = (uint32_t)len;
  size_t start = pos;
  while (start > 0 && source[start - 1] != '\n' && source[start - 1] != '\r') start--;
  uint32_t col = 1;
  for (size_t i = start; i < pos; i++)
    if (((unsigned char)source[i] & 0xC0) != 0x80) col++;
  return col;
}

void diag_format(const LangDiag *d, const char *filename, const char *source, size_t len, StrBuf *out) {
  uint32_t line = d->line ? d->line : 1;
  strbuf_printf(out, "%s:%u:%u: error: ", filename, line, column_of(source, len, d->pos));
  if (d->message.len)
    strbuf_append(out, d->message.data, d->message.len);
  else
    strbuf_puts(out, "out of memory");
}
