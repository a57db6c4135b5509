/* Loading a module from a file or from memory: read, pick the format, parse,
 * verify. Every error is one line, "NAME: error: ...", appended to err. */
#ifndef LOCKSTEP_LOADER_H
#define LOCKSTEP_LOADER_H

#include <stddef.h>
#include <stdint.h>

#include "vm/module.h"
#include "vm/strbuf.h"

/* The file at `path`: .jbc when it starts with the .jbc magic (or is named
 * *.jbc), .jasm when named *.jasm. The module's filename is `path`. NULL on
 * any error (cannot open, too large, unknown type, parse, verify). */
Module *module_load_file(const char *path, StrBuf *err);

/* The same from memory, named `name` in messages and tracebacks: .jbc when
 * the bytes start with the magic, else .jasm text. `data` is bytes or text
 * (const void *, so that both uint8_t and char buffers pass as they are). */
Module *module_load_bytes(const char *name, const void *data, size_t len, StrBuf *err);

#endif
