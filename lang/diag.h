/* Compile errors of the front end. Only the first error is kept: it is
 * reported as "FILE:LINE:COL: error: message", one line, where COL counts
 * code points from 1. Positions are kept as byte offsets into the source
 * until the message is formatted. */
#ifndef LOCKSTEP_LANG_DIAG_H
#define LOCKSTEP_LANG_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm/strbuf.h"

typedef struct LangDiag {
  bool failed;
  uint32_t line; /* 1-based */
  uint32_t pos;  /* byte offset of the faulty token in the source */
  StrBuf message;
} LangDiag;

void diag_init(LangDiag *d);
void diag_free(LangDiag *d);

/* Records an error unless one is already recorded; always returns false so
 * that callers can `return diag_error(...)`. */
bool diag_error(LangDiag *d, uint32_t line, uint32_t pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
bool diag_out_of_memory(LangDiag *d);

/* Appends "FILE:LINE:COL: error: message" (no newline) to out. */
void diag_format(const LangDiag *d, const char *filename, const char *source, size_t len, StrBuf *out);

#endif
