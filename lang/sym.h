/* Interned identifiers: each distinct name is one Sym, so the compiler
 * compares names by pointer and indexes per-name tables by `id`. */
#ifndef LOCKSTEP_LANG_SYM_H
#define LOCKSTEP_LANG_SYM_H

#include <stdbool.h>
#include <stdint.h>

#include "lang/arena.h"

typedef struct Sym {
  uint32_t id;   /* 0, 1, 2, ... in order of first appearance */
  uint32_t len;
  uint64_t hash;
  char name[];   /* NUL-terminated */
} Sym;

typedef struct SymTable {
  Arena *arena;
  const Sym **slots; /* open addressing, power-of-two size */
  uint32_t nslots;
  uint32_t count;
} SymTable;

void symtab_init(SymTable *t, Arena *arena);
void symtab_free(SymTable *t);
/* The Sym for name[0..len); NULL when out of memory. */
const Sym *sym_intern(SymTable *t, const char *name, uint32_t len);
bool sym_is(const Sym *s, const char *name);

#endif
