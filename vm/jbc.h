/* The binary bytecode format (.jbc), documented in docs/jbc.md: a header
 * ("LSBC", version, flags) and the module's functions, little-endian.
 * Reading checks structure, limits (vm/module.h), UTF-8 and nesting, but not
 * the code bytes: that is the verifier's job (vm/verify.h). */
#ifndef LOCKSTEP_JBC_H
#define LOCKSTEP_JBC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm/module.h"
#include "vm/strbuf.h"

enum {
  JBC_VERSION = 1,
  JBC_MAX_FILE_BYTES = 64 << 20, /* larger inputs are refused ("file too large") */
  JBC_MAX_LINE_ENTRIES = CODE_MAX_BYTES, /* per function (.jbc and .jasm alike) */
};

#define JBC_MAGIC "LSBC"
#define JBC_MAGIC_LEN 4

/* A new module (filename set to a copy of `filename`), or NULL with a
 * one-line message "FILE: error: ..." appended to err. */
Module *jbc_read(const char *filename, const uint8_t *data, size_t len, StrBuf *err);

/* Appends the encoding of m to out. False when out of memory or when m is
 * not encodable (constant nesting beyond CONST_MAX_DEPTH, bad constant kind). */
bool jbc_write(const Module *m, StrBuf *out);

/* True when data starts with the .jbc magic. */
bool jbc_has_magic(const uint8_t *data, size_t len);

#endif
