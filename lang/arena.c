/* The front end's bump allocator (see arena.h). */
#include "lang/arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_BLOCK_BYTES = 64 * 1024 };

struct ArenaBlock {
  ArenaBlock *next;
  size_t size, used;
  alignas(max_align_t) unsigned char data[];
};

void arena_init(Arena *a) { a->head = NULL; }

void arena_free(Arena *a) {
  ArenaBlock *b = a->head;
  while (b) {
    ArenaBlock *next = b->next;
    free(b);
    b = next;
  }
  a->head = NULL;
}

static size_t align_up(size_t n) {
  size_t al = alignof(max_align_t);
  return (n + al - 1) & ~(al - 1);
}

void *arena_alloc(Arena *a, size_t size) {
  if (size == 0) size = 1;
  if (size > SIZE_MAX / 2) return NULL;
  size = align_up(size);
  ArenaBlock *b = a->head;
  if (!b || b->size - b->used < size) {
    /* Large requests get a block of their own, behind the current one, so
     * the rest of the current block is not wasted. */
    size_t cap = size > ARENA_BLOCK_BYTES / 4 ? size : ARENA_BLOCK_BYTES;
    ArenaBlock *nb = malloc(sizeof *nb + cap);
    if (!nb) return NULL;
    nb->size = cap;
    nb->used = 0;
    if (b && cap != ARENA_BLOCK_BYTES) {
      nb->next = b->next;
      b->next = nb;
    } else {
      nb->next = b;
      a->head = nb;
    }
    b = nb;
  }
  void *p = b->data + b->used;
  b->used += size;
  memset(p, 0, size);
  return p;
}

void *arena_grow(Arena *a, const void *old, size_t old_size, size_t new_size) {
  void *p = arena_alloc(a, new_size);
  if (p && old && old_size) memcpy(p, old, old_size < new_size ? old_size : new_size);
  return p;
}

void *arena_push(Arena *a, void **items, uint32_t *n, uint32_t *cap, size_t elem) {
  if (*n == UINT32_MAX) return NULL;
  if (*n == *cap) {
    uint64_t new_cap = *cap ? (uint64_t)*cap * 2 : 4;
    if (new_cap > UINT32_MAX) new_cap = UINT32_MAX;
    if (new_cap * elem > SIZE_MAX / 2) return NULL;
    void *grown = arena_grow(a, *items, (size_t)*n * elem, (size_t)new_cap * elem);
    if (!grown) return NULL;
    *items = grown;
    *cap = (uint32_t)new_cap;
  }
  unsigned char *slot = (unsigned char *)*items + (size_t)*n * elem;
  (*n)++;
  memset(slot, 0, elem);
  return slot;
}
