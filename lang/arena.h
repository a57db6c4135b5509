/* A bump allocator for the front end: tokens' text, AST nodes and their
 * arrays all live in one arena that is freed in one go when compilation
 * ends, so error paths never have to free node by node. */
#ifndef LOCKSTEP_LANG_ARENA_H
#define LOCKSTEP_LANG_ARENA_H

#include <stddef.h>
#include <stdint.h>

typedef struct ArenaBlock ArenaBlock;

typedef struct Arena {
  ArenaBlock *head; /* the block being filled; older blocks follow */
} Arena;

void arena_init(Arena *a);
void arena_free(Arena *a);
/* `size` zeroed bytes aligned for any object; NULL when out of memory. */
void *arena_alloc(Arena *a, size_t size);
/* A copy of old[0..old_size) in a new block of new_size bytes (the rest
 * zeroed). The old block is simply abandoned: growing geometrically wastes at
 * most as much as the final size. NULL when out of memory. */
void *arena_grow(Arena *a, const void *old, size_t old_size, size_t new_size);

/* Appends one element of `elem` bytes to the array *items (*n used, *cap
 * allocated), growing it in the arena; returns the new element (zeroed), or
 * NULL when out of memory or when the count would exceed UINT32_MAX. */
void *arena_push(Arena *a, void **items, uint32_t *n, uint32_t *cap, size_t elem);

#endif
