/* Allocation, reference counting and accounting of heap objects. Every
 * allocation is charged to the VM's heap limit; going over raises
 * MemoryError. Freeing is iterative, so dropping a deeply nested structure
 * never overflows the C stack. */
#ifndef LOCKSTEP_HEAP_H
#define LOCKSTEP_HEAP_H

#include "vm/vm.h"

/* A new object of `size` bytes (header included) and refcount 1, linked into
 * the VM; NULL with MemoryError pending when the limit would be exceeded.
 * Only the header is initialised: the constructor writes every other field
 * (the memory may be a block the VM freed earlier). */
Obj *heap_alloc(VM *vm, size_t size, ObjKind kind);
/* The same, ignoring the limit (but still counted): for exception objects,
 * so that MemoryError itself can always be raised. NULL only when the
 * process is out of memory. */
Obj *heap_alloc_unlimited(VM *vm, size_t size, ObjKind kind);

/* Uncounted memory from the VM's pool of small blocks (frames): a block of
 * at least `bytes` bytes, uninitialised; NULL when the process is out of
 * memory. heap_block_free takes the same `bytes` back. */
void *heap_block_alloc(VM *vm, size_t bytes);
void heap_block_free(VM *vm, void *p, size_t bytes);
/* A list of freed blocks of one size kept by their owner (a function's spare
 * frames): heap_list_take returns one (uninitialised, `bytes` usable) or NULL,
 * heap_list_keep adds one, heap_list_release moves them all to the VM's pool.
 * Under AddressSanitizer they are poisoned while kept, as in the pool. */
void *heap_list_take(BlockList *l, size_t bytes);
void heap_list_keep(BlockList *l, void *p, size_t bytes);
void heap_list_release(VM *vm, BlockList *l, size_t bytes);
/* vm_new and vm_free: a new VM takes over the pool the last freed VM of the
 * thread left, or makes one (heap_pool_open; false when out of memory); a
 * freed VM leaves its pool for the next one when none is waiting, and frees
 * it otherwise (heap_pool_close). So a thread keeps at most
 * 2 * HEAP_POOL_MAX_BYTES once its VMs are gone. */
bool heap_pool_open(VM *vm);
void heap_pool_close(VM *vm);

/* Charge or release bytes of a buffer owned by an object (list items, dict
 * tables). heap_charge fails with MemoryError pending. */
Status heap_charge(VM *vm, size_t bytes);
void heap_release(VM *vm, size_t bytes);
/* malloc/realloc/free of a charged buffer. */
void *heap_buf_alloc(VM *vm, size_t bytes);
void *heap_buf_realloc(VM *vm, void *p, size_t old_bytes, size_t new_bytes);
void heap_buf_free(VM *vm, void *p, size_t bytes);

static inline void obj_incref(Obj *o) { o->refcount++; }
static inline void value_incref(Value v) {
  if (v.tag == V_OBJ) v.as.o->refcount++;
}
void obj_decref(VM *vm, Obj *o);
static inline void value_decref(VM *vm, Value v) {
  if (v.tag == V_OBJ) obj_decref(vm, v.as.o);
}

/* Each kind's destructor: drop the references the object holds (with
 * value_decref) and free its buffers; heap.c frees the object itself. */
void obj_release_children(VM *vm, Obj *o);

/* Free every object, whatever its count (VM teardown; cycles included).
 * After this, decrefs are no-ops. */
void heap_free_all(VM *vm);

/* Visit every value an object refers to, in a fixed order (heap walks). */
typedef void (*ValueVisitor)(void *ctx, Value v);
void obj_visit_children(const Obj *o, ValueVisitor visit, void *ctx);

#endif
