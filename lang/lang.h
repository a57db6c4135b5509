/* The front end for the Python subset (docs/language.md): source text in,
 * verified bytecode module out. */
#ifndef LOCKSTEP_LANG_LANG_H
#define LOCKSTEP_LANG_LANG_H

#include <stddef.h>

#include "vm/module.h"
#include "vm/strbuf.h"

enum { LANG_MAX_SOURCE_BYTES = 256 << 20 };

/* Compiles `source` (UTF-8, `len` bytes) into a module whose filename is a
 * copy of `filename` and which passes verify_module. On error returns NULL
 * and appends one line "FILE:LINE:COL: error: message" (no newline) to err. */
Module *lang_compile(const char *filename, const char *source, size_t len, StrBuf *err);

#endif
