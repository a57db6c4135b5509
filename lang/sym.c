/* Interned identifiers (see sym.h). */
#include "lang/sym.h"

#include <stdlib.h>
#include <string.h>

void symtab_init(SymTable *t, Arena *arena) {
  t->arena = arena;
  t->slots = NULL;
  t->nslots = 0;
  t->count = 0;
}

void symtab_free(SymTable *t) {
  free(t->slots);
  t->slots = NULL;
  t->nslots = 0;
  t->count = 0;
}

/* FNV-1a: deterministic, no seed. */
static uint64_t hash_name(const char *s, uint32_t len) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (uint32_t i = 0; i < len; i++) {
    h ^= (unsigned char)s[i];
    h *= 0x100000001b3ull;
  }
  return h;
}

static bool symtab_rehash(SymTable *t) {
  uint32_t n = t->nslots ? t->nslots * 2 : 256;
  if (n < t->nslots) return false;
  const Sym **slots = calloc(n, sizeof *slots);
  if (!slots) return false;
  for (uint32_t i = 0; i < t->nslots; i++) {
    const Sym *s = t->slots[i];
    if (!s) continue;
    uint32_t j = (uint32_t)s->hash & (n - 1);
    while (slots[j]) j = (j + 1) & (n - 1);
    slots[j] = s;
  }
  free(t->slots);
  t->slots = slots;
  t->nslots = n;
  return true;
}

const Sym *sym_intern(SymTable *t, const char *name, uint32_t len) {
  if ((uint64_t)(t->count + 1) * 2 > t->nslots && !symtab_rehash(t)) return NULL;
  uint64_t h = hash_name(name, len);
  uint32_t mask = t->nslots - 1;
  uint32_t j = (uint32_t)h & mask;
  while (t->slots[j]) {
    const Sym *s = t->slots[j];
    if (s->hash == h && s->len == len && memcmp(s->name, name, len) == 0) return s;
    j = (j + 1) & mask;
  }
  Sym *s = arena_alloc(t->arena, sizeof *s + (size_t)len + 1);
  if (!s) return NULL;
  s->id = t->count++;
  s->len = len;
  s->hash = h;
  memcpy(s->name, name, len);
  s->name[len] = '\0';
  t->slots[j] = s;
  return s;
}

bool sym_is(const Sym *s, const char *name) { return s && strcmp(s->name, name) == 0; }
