/* The heap: every object of a VM is on one doubly linked list, so the VM can
 * count, walk and, at teardown, free everything, cycles included. Freeing is
 * iterative: an object whose count drops to zero moves to the `dying` list,
 * and one loop drains it, so dropping a million-deep nested list uses no C
 * stack. */
#include "vm/heap.h"

#include <assert.h>
#include <stdlib.h>

#include "vm/builtins.h"
#include "vm/exc.h"

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

Obj *heap_alloc_unlimited(VM *vm, size_t size, ObjKind kind) {
  assert(size >= sizeof(Obj));
  Obj *o = calloc(1, size);
  if (!o) return NULL;
  o->refcount = 1;
  o->kind = kind;
  o->size = size;
  heap_link(vm, o);
  vm->live_objects++;
  vm->heap_bytes += (int64_t)size;
  return o;
}

Obj *heap_alloc(VM *vm, size_t size, ObjKind kind) {
  if (heap_would_exceed(vm, size)) {
    vm_raise_noarg(vm, B_MemoryError);
    return NULL;
  }
  Obj *o = heap_alloc_unlimited(vm, size, kind);
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
  void *p = malloc(bytes ? bytes : 1);
  if (!p) {
    heap_release(vm, bytes);
    vm_raise_noarg(vm, B_MemoryError);
  }
  return p;
}

void *heap_buf_realloc(VM *vm, void *p, size_t old_bytes, size_t new_bytes) {
  if (new_bytes > old_bytes && heap_charge(vm, new_bytes - old_bytes) != LS_OK) return NULL;
  void *q = realloc(p, new_bytes ? new_bytes : 1);
  if (!q) {
    if (new_bytes > old_bytes) heap_release(vm, new_bytes - old_bytes);
    vm_raise_noarg(vm, B_MemoryError);
    return NULL;
  }
  if (new_bytes < old_bytes) heap_release(vm, old_bytes - new_bytes);
  return q;
}

void heap_buf_free(VM *vm, void *p, size_t bytes) {
  free(p);
  heap_release(vm, bytes);
}

static void heap_destroy(VM *vm, Obj *o) {
  obj_release_children(vm, o);
  vm->heap_bytes -= (int64_t)o->size;
  vm->live_objects--;
  free(o);
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
