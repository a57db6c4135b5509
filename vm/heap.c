/* The heap: every object of a VM is on one doubly linked list, so the VM can
 * count, walk and, at teardown, free everything, cycles included. Freeing is
 * iterative: an object whose count drops to zero moves to the `dying` list,
 * and one loop drains it, so dropping a million-deep nested list uses no C
 * stack.
 *
 * Memory for objects, frames and small buffers (list items, dict tables)
 * comes from the VM's pool of small blocks (HeapPool): a freed block waits in
 * its size class and the next request of that class takes it back, so a
 * program that keeps making and dropping short-lived values (and calls that
 * make and drop frames) does not go through malloc each time. The pool is
 * only where the memory comes from: heap_bytes, live_objects and the limit
 * count exactly the sizes asked for. */
#include "vm/heap.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "vm/builtins.h"
#include "vm/exc.h"

/* ------------------------------------------------------------ the pool
 *
 * Under AddressSanitizer a block in the pool is poisoned, so touching a freed
 * object or frame is still reported (as use-after-poison), and the pool is a
 * queue that hands a block back only once HEAP_POOL_REUSE_DELAY others of its
 * class wait behind it: a stale pointer stays detectable for a while, as it
 * would in ASan's own quarantine, instead of aliasing the next allocation.
 * The bytes between a block's requested size and its class size stay
 * poisoned too, so overflowing an object is still caught (ASan calls it a
 * heap-buffer-overflow). Without ASan the
 * pool is a stack (the most recently freed block is the warmest). */
#if defined(__SANITIZE_ADDRESS__)
#define HEAP_POOL_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HEAP_POOL_ASAN 1
#endif
#endif

#ifdef HEAP_POOL_ASAN
#include <sanitizer/asan_interface.h>
enum { HEAP_POOL_REUSE_DELAY = 64 };
#define POOL_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define POOL_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
/* A read the sanitizer checks: a block freed twice is already poisoned. */
#define POOL_CHECK_LIVE(p) ((void)*(volatile const char *)(p))
#else
enum { HEAP_POOL_REUSE_DELAY = 0 };
#define POOL_POISON(p, n) ((void)(p), (void)(n))
#define POOL_UNPOISON(p, n) ((void)(p), (void)(n))
#define POOL_CHECK_LIVE(p) ((void)(p))
#endif

typedef struct PoolBlock {
  struct PoolBlock *next;
} PoolBlock;

/* ---------------------------------------------------------- block lists */

/* The next block of l to reuse; NULL when there is none (or, under ASan,
 * while too few wait behind it). Only its link is unpoisoned. */
static void *list_pop(BlockList *l) {
  if (l->count <= HEAP_POOL_REUSE_DELAY) return NULL;
  PoolBlock *b = l->head;
  POOL_UNPOISON(b, sizeof *b);
  l->head = b->next;
  if (!b->next) l->tail = NULL;
  l->count--;
  return b;
}

/* Adds block p, of `usable` bytes, to l and poisons it. */
static void list_push(BlockList *l, void *p, size_t usable) {
  PoolBlock *b = p;
  POOL_UNPOISON(b, sizeof *b);
#ifdef HEAP_POOL_ASAN
  b->next = NULL;
  if (l->tail) {
    PoolBlock *last = l->tail;
    POOL_UNPOISON(last, sizeof *last);
    last->next = b;
    POOL_POISON(last, sizeof *last);
  } else {
    l->head = b;
  }
  l->tail = b;
#else
  b->next = l->head;
  l->head = b;
#endif
  POOL_POISON(b, usable);
  l->count++;
}

static void list_free_all(BlockList *l) {
  PoolBlock *b = l->head;
  while (b) {
    POOL_UNPOISON(b, sizeof *b);
    PoolBlock *next = b->next;
    free(b);
    b = next;
  }
  l->head = l->tail = NULL;
  l->count = 0;
}

void *heap_list_take(BlockList *l, size_t bytes) {
  void *p = list_pop(l);
  if (p) POOL_UNPOISON(p, bytes);
  return p;
}

void heap_list_keep(BlockList *l, void *p, size_t bytes) {
  POOL_CHECK_LIVE(p);
  list_push(l, p, bytes);
}

/* ------------------------------------------------------- size classes */

static bool pool_takes(size_t bytes) { return bytes > 0 && bytes <= HEAP_POOL_MAX_BLOCK; }

/* The smallest class whose blocks hold `bytes` (pool_takes(bytes)). */
static unsigned pool_class_holding(size_t bytes) { return (unsigned)((bytes - 1) / HEAP_POOL_GRAIN); }

/* The largest class whose blocks fit in `bytes` usable bytes (at least
 * HEAP_POOL_GRAIN, pool_takes(bytes)). A buffer may have come straight from
 * malloc with exactly its size, so it is filed by what it surely holds. */
static unsigned pool_class_within(size_t bytes) { return (unsigned)(bytes / HEAP_POOL_GRAIN - 1); }

static size_t pool_class_bytes(unsigned c) { return (size_t)(c + 1) * HEAP_POOL_GRAIN; }

static void *pool_pop(HeapPool *pool, unsigned c) {
  void *p = list_pop(&pool->classes[c]);
  if (p) pool->bytes -= pool_class_bytes(c);
  return p;
}

/* Queues block p, which has `usable` bytes (at least pool_class_bytes(c)), in
 * class c, or frees it when the class holds all it may. The bound is per
 * class so that blocks of a size no longer in use (a program that once made
 * thousands of them) never crowd out the sizes in use now. */
static void pool_push(HeapPool *pool, unsigned c, void *p, size_t usable) {
  size_t bytes = pool_class_bytes(c);
  POOL_CHECK_LIVE(p);
  if ((size_t)(pool->classes[c].count + 1) * bytes > HEAP_POOL_CLASS_MAX_BYTES) {
    free(p);
    return;
  }
  list_push(&pool->classes[c], p, usable);
  pool->bytes += bytes;
}

/* heap_block_alloc, inlined where objects are made. */
static inline void *block_alloc(VM *vm, size_t bytes) {
  if (!pool_takes(bytes)) return malloc(bytes ? bytes : 1);
  unsigned c = pool_class_holding(bytes);
  void *p = pool_pop(vm->pool, c);
  if (!p) p = malloc(pool_class_bytes(c));
  if (!p) return NULL;
  POOL_UNPOISON(p, bytes);
  POOL_POISON((char *)p + bytes, pool_class_bytes(c) - bytes);
  return p;
}

void *heap_block_alloc(VM *vm, size_t bytes) { return block_alloc(vm, bytes); }

void heap_block_free(VM *vm, void *p, size_t bytes) {
  if (!pool_takes(bytes)) {
    free(p);
    return;
  }
  unsigned c = pool_class_holding(bytes);
  pool_push(vm->pool, c, p, pool_class_bytes(c));
}

/* A buffer of `bytes` bytes: from heap_block_alloc, or from malloc, realloc
 * or another allocator that gave at least `bytes`. */
static void buf_block_free(VM *vm, void *p, size_t bytes) {
  if (!p) return;
  if (bytes < HEAP_POOL_GRAIN || !pool_takes(bytes)) {
    free(p);
    return;
  }
  pool_push(vm->pool, pool_class_within(bytes), p, bytes);
}

/* The frames a function kept go to the pool even past their class's bound,
 * as long as the whole pool stays within HEAP_POOL_MAX_BYTES: the next VM
 * (the same program under the next configuration) makes the same calls, a
 * deep recursion included. Everything else keeps to its class's bound, so
 * the pool never holds more than twice HEAP_POOL_MAX_BYTES. */
void heap_list_release(VM *vm, BlockList *l, size_t bytes) {
  HeapPool *pool = vm->pool;
  while (l->head) {
    PoolBlock *b = l->head;
    POOL_UNPOISON(b, sizeof *b);
    l->head = b->next;
    if (!pool_takes(bytes)) {
      free(b);
      continue;
    }
    unsigned c = pool_class_holding(bytes);
    size_t block_bytes = pool_class_bytes(c);
    if (pool->bytes + block_bytes > HEAP_POOL_MAX_BYTES) {
      free(b);
      continue;
    }
    list_push(&pool->classes[c], b, block_bytes);
    pool->bytes += block_bytes;
  }
  l->tail = NULL;
  l->count = 0;
}

static void pool_free_all(HeapPool *pool) {
  for (unsigned c = 0; c < HEAP_POOL_CLASSES; c++) list_free_all(&pool->classes[c]);
  pool->bytes = 0;
}

/* A VM's pool outlives it, once: vm_free leaves it here and the next vm_new
 * on this thread starts with it. The oracle makes seven VMs for every
 * program, one after the other, and each would otherwise malloc the blocks
 * the previous one just freed (and freeing a hundred small blocks fills
 * malloc's fast bins, which its next large request must consolidate). At
 * most one pool waits, so a thread keeps at most 2 * HEAP_POOL_MAX_BYTES
 * once its VMs are gone. Under AddressSanitizer every VM has a pool of its
 * own, whose blocks go back to malloc, into ASan's quarantine, with it. */
#ifndef HEAP_POOL_ASAN
static _Thread_local HeapPool *spare_pool;
#endif

bool heap_pool_open(VM *vm) {
#ifndef HEAP_POOL_ASAN
  if (spare_pool) {
    vm->pool = spare_pool;
    spare_pool = NULL;
    return true;
  }
#endif
  vm->pool = calloc(1, sizeof *vm->pool);
  return vm->pool != NULL;
}

void heap_pool_close(VM *vm) {
  HeapPool *pool = vm->pool;
  vm->pool = NULL;
  if (!pool) return;
#ifndef HEAP_POOL_ASAN
  if (!spare_pool) {
    spare_pool = pool;
    return;
  }
#endif
  pool_free_all(pool);
  free(pool);
}

/* ------------------------------------------------------------- objects */

static void heap_link(VM *vm, Obj *o) {
  o->prev = NULL;
  o->next = vm->objects;
  if (vm->objects) vm->objects->prev = o;
  vm->objects = o;
}

static void heap_unlink(VM *vm, Obj *o) {
  if (o->prev) o->prev->next = o->next;
  else vm->objects = o->next;
  if (o->next) o->next->prev = o->prev;
  o->prev = o->next = NULL;
}

static bool heap_would_exceed(const VM *vm, size_t bytes) {
  return bytes > (uint64_t)INT64_MAX || (int64_t)bytes > vm->max_heap - vm->heap_bytes;
}

/* heap_alloc_unlimited, inlined into heap_alloc. */
static inline Obj *obj_alloc(VM *vm, size_t size, ObjKind kind) {
  assert(size >= sizeof(Obj));
  Obj *o = block_alloc(vm, size);
  if (!o) return NULL;
  o->refcount = 1;
  o->kind = kind;
  o->mark = 0;
  o->size = size;
  heap_link(vm, o);
  vm->live_objects++;
  vm->heap_bytes += (int64_t)size;
  return o;
}

Obj *heap_alloc_unlimited(VM *vm, size_t size, ObjKind kind) { return obj_alloc(vm, size, kind); }

Obj *heap_alloc(VM *vm, size_t size, ObjKind kind) {
  if (heap_would_exceed(vm, size)) {
    vm_raise_noarg(vm, B_MemoryError);
    return NULL;
  }
  Obj *o = obj_alloc(vm, size, kind);
  if (!o) vm_raise_noarg(vm, B_MemoryError);
  return o;
}

Status heap_charge(VM *vm, size_t bytes) {
  if (heap_would_exceed(vm, bytes)) return vm_raise_noarg(vm, B_MemoryError);
  vm->heap_bytes += (int64_t)bytes;
  return LS_OK;
}

void heap_release(VM *vm, size_t bytes) {
  vm->heap_bytes -= (int64_t)bytes;
  assert(vm->heap_bytes >= 0);
}

void *heap_buf_alloc(VM *vm, size_t bytes) {
  if (heap_charge(vm, bytes) != LS_OK) return NULL;
  void *p = heap_block_alloc(vm, bytes);
  if (!p) {
    heap_release(vm, bytes);
    vm_raise_noarg(vm, B_MemoryError);
  }
  return p;
}

/* Buffers that stay bigger than any pool block are left to realloc; any
 * other move goes through a fresh block, so a small buffer's old block goes
 * back to the pool. */
static void *buf_resize(VM *vm, void *p, size_t old_bytes, size_t new_bytes) {
  if (p && !pool_takes(old_bytes) && !pool_takes(new_bytes)) return realloc(p, new_bytes ? new_bytes : 1);
  void *q = heap_block_alloc(vm, new_bytes);
  if (!q) return NULL;
  if (p) {
    memcpy(q, p, old_bytes < new_bytes ? old_bytes : new_bytes);
    buf_block_free(vm, p, old_bytes);
  }
  return q;
}

void *heap_buf_realloc(VM *vm, void *p, size_t old_bytes, size_t new_bytes) {
  if (new_bytes > old_bytes && heap_charge(vm, new_bytes - old_bytes) != LS_OK) return NULL;
  void *q = buf_resize(vm, p, old_bytes, new_bytes);
  if (!q) {
    if (new_bytes > old_bytes) heap_release(vm, new_bytes - old_bytes);
    vm_raise_noarg(vm, B_MemoryError);
    return NULL;
  }
  if (new_bytes < old_bytes) heap_release(vm, old_bytes - new_bytes);
  return q;
}

void heap_buf_free(VM *vm, void *p, size_t bytes) {
  buf_block_free(vm, p, bytes);
  heap_release(vm, bytes);
}

static void heap_destroy(VM *vm, Obj *o) {
  obj_release_children(vm, o);
  vm->heap_bytes -= (int64_t)o->size;
  vm->live_objects--;
  heap_block_free(vm, o, o->size);
}

void obj_decref(VM *vm, Obj *o) {
  if (vm->tearing_down) return; /* heap_free_all frees every object itself; o may be gone */
  assert(o->refcount > 0);
  if (--o->refcount > 0) return;
  heap_unlink(vm, o);
  o->next = vm->dying;
  vm->dying = o;
  if (vm->freeing) return;
  vm->freeing = true;
  while (vm->dying) {
    Obj *d = vm->dying;
    vm->dying = d->next;
    heap_destroy(vm, d);
  }
  vm->freeing = false;
}

void heap_free_all(VM *vm) {
  vm->tearing_down = true;
  while (vm->objects) {
    Obj *o = vm->objects;
    heap_unlink(vm, o);
    heap_destroy(vm, o);
  }
}
