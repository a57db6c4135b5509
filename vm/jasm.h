/* The text form of bytecode (.jasm), documented in docs/jasm.md: an
 * assembler (jasm.c) and a disassembler (dis.c). For every module M that
 * jbc_read accepts, assembling the disassembly of M gives back M exactly
 * (jbc_write of both is byte-identical), verified or not. */
#ifndef LOCKSTEP_JASM_H
#define LOCKSTEP_JASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm/module.h"
#include "vm/strbuf.h"

/* A new module (filename set to a copy of `filename`), or NULL with one line
 * "FILE:LINE:COL: error: message" appended to err. The module is not
 * verified; only a function without `.stack` goes through verify_max_stack. */
Module *jasm_assemble(const char *filename, const char *text, size_t len, StrBuf *err);

/* Appends the text of m to out. False when out of memory or when m cannot be
 * written (constant tuples nested beyond CONST_MAX_DEPTH, bad constant kind). */
bool jasm_disassemble(const Module *m, StrBuf *out);

/* ---- Shared by the assembler and the disassembler ---- */

/* An identifier: [A-Za-z_][A-Za-z0-9_]*. Anything else is written quoted. */
bool jasm_is_ident(const char *s, size_t len);

/* A float literal as the assembler reads it: decimal (`1.5`, `-0.0`,
 * `1e+16`), `inf`, `-inf`, `nan`. False when s[0..len) is not one. */
bool jasm_parse_float(const char *s, size_t len, double *out);

/* Appends s[0..len) as a string literal, '...' or "..." as Python's repr
 * chooses, with escapes for backslashes, quotes and control characters.
 * The assembler reads it back as the same bytes (for valid UTF-8). */
void jasm_write_quoted(StrBuf *sb, const char *s, size_t len);

/* Hashes consistent with const_equal and bytes_equal. */
uint64_t jasm_const_hash(const Const *c);
uint64_t jasm_bytes_hash(const char *data, size_t len);

/* A hash index of table positions: finds the first position of a table
 * whose entry equals a key. The table itself lives elsewhere; `eq` compares
 * entry `index` of the table (reached through ctx) with `key`. */
typedef bool (*JasmKeyEq)(const void *ctx, uint32_t index, const void *key);

typedef struct JasmIndexSlot {
  uint32_t index_plus1; /* 0: empty */
  uint32_t hash;
} JasmIndexSlot;

typedef struct JasmIndex {
  JasmIndexSlot *slots;
  uint32_t cap; /* a power of two, or 0 */
  uint32_t count;
} JasmIndex;

void jasm_index_free(JasmIndex *ix);
/* The position of the entry equal to key, or -1. */
int64_t jasm_index_find(const JasmIndex *ix, uint64_t hash, const void *key, JasmKeyEq eq, const void *ctx);
/* Records position `index` (whose key must not be in the index yet). */
bool jasm_index_add(JasmIndex *ix, uint64_t hash, uint32_t index);

#endif
