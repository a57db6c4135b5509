/* Executor lifetime. Everything an executor owns is one allocation: the
 * struct and the per-exit arrays, which start zeroed, then the arrays
 * filled from the recording (uops, names), then the bytes of the names. A
 * fuzz execution makes and frees dozens of executors; one malloc and one
 * free each, instead of eight and nine plus one per name, keeps that off
 * the profile. */
#include "jit/executor_new.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jit/codegen.h"

/* Reserves `count` elements of `size` bytes at `align` in a block being
 * sized: returns their offset and moves *end past them. Counts are at most
 * UINT32_MAX and sizes a few bytes, so nothing here can overflow a 64-bit
 * size_t. */
static size_t reserve(size_t *end, size_t count, size_t size, size_t align) {
  size_t at = (*end + align - 1) & ~(align - 1);
  *end = at + count * size;
  return at;
}

Executor *executor_new(const Recorder *r) {
  /* Per-exit and per-name arrays have at least one element, as before. */
  size_t nexits = r->nexits ? r->nexits : 1, ndeps = r->ndeps ? r->ndeps : 1;
  size_t end = sizeof(Executor);
  size_t exit_counts_at = reserve(&end, nexits, sizeof(uint64_t), alignof(uint64_t));
  size_t links_at = reserve(&end, nexits, sizeof(Executor *), alignof(Executor *));
  size_t exit_uop_at = reserve(&end, nexits, sizeof(uint32_t), alignof(uint32_t));
  size_t exit_backoff_at = reserve(&end, nexits, 1, 1);
  size_t zeroed_end = end;
  size_t uops_at = reserve(&end, r->len, sizeof(UopInstr), alignof(UopInstr));
  size_t deps_at = reserve(&end, ndeps, sizeof(char *), alignof(char *));
  size_t dep_lens_at = reserve(&end, ndeps, sizeof(uint32_t), alignof(uint32_t));
  size_t names_at = end;
  for (uint32_t i = 0; i < r->ndeps; i++) {
    size_t n = (size_t)r->deps[i]->nbytes;
    if (n >= SIZE_MAX - end) return NULL;
    end += n + 1;
  }
  uint8_t *block = malloc(end);
  if (!block) return NULL;
  memset(block, 0, zeroed_end);
  memset(block + deps_at, 0, names_at - deps_at); /* all of it filled below unless there are no names */
  Executor *e = (Executor *)(void *)block;
  e->code_index = r->code_index;
  e->start = r->start;
  e->valid = true;
  e->nuops = r->len;
  e->uops = (UopInstr *)(void *)(block + uops_at);
  e->nexits = r->nexits;
  e->exit_counts = (uint64_t *)(void *)(block + exit_counts_at);
  e->links = (Executor **)(void *)(block + links_at);
  e->exit_backoff = block + exit_backoff_at;
  e->exit_uop = (uint32_t *)(void *)(block + exit_uop_at);
  e->ndeps = r->ndeps;
  e->deps = (char **)(void *)(block + deps_at);
  e->dep_lens = (uint32_t *)(void *)(block + dep_lens_at);
  if (r->len) memcpy(e->uops, r->uops, r->len * sizeof(UopInstr));
  for (uint32_t i = 0; i < r->len; i++)
    if ((uop_info[r->uops[i].uop].flags & (UOPF_DEOPT | UOPF_EXIT | UOPF_ERROR)) && r->uops[i].exit_index < r->nexits)
      e->exit_uop[r->uops[i].exit_index] = i;
  char *name = (char *)block + names_at;
  for (uint32_t i = 0; i < r->ndeps; i++) {
    size_t n = (size_t)r->deps[i]->nbytes;
    memcpy(name, r->deps[i]->data, n + 1);
    e->deps[i] = name;
    e->dep_lens[i] = (uint32_t)n;
    name += n + 1;
  }
  return e;
}

bool executor_depends_on(const Executor *e, const ObjStr *name) {
  for (uint32_t i = 0; i < e->ndeps; i++)
    if (e->dep_lens[i] == (uint64_t)name->nbytes && memcmp(e->deps[i], name->data, e->dep_lens[i]) == 0) return true;
  return false;
}

void executor_free(Executor *e) {
  if (!e) return;
  codegen_free(e);
  free(e); /* and with it every array and name: one block */
}
