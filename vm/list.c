/* list and tuple objects. A list owns a separately charged buffer of items
 * that grows like CPython's (about 1/8 over-allocation); a tuple keeps its
 * items inline. Both hold one reference per item. */
#include "vm/list.h"

#include <stdint.h>

#include "vm/builtins.h"
#include "vm/exc.h"
#include "vm/heap.h"

/* Most items a list or tuple may hold: keeps every byte count below 2**63
 * (and far above any heap limit). */
#define SEQ_MAX_ITEMS ((int64_t)1 << 56)

static Status raise_memory(VM *vm) { return vm_raise_noarg(vm, B_MemoryError); }

ObjList *list_new(VM *vm, int64_t cap) {
  if (cap < 0) cap = 0;
  if (cap > SEQ_MAX_ITEMS) {
    raise_memory(vm);
    return NULL;
  }
  ObjList *l = (ObjList *)heap_alloc(vm, sizeof(ObjList), OBJ_LIST);
  if (!l) return NULL;
  l->len = 0;
  l->cap = 0;
  l->items = NULL;
  if (cap > 0 && list_reserve(vm, l, cap) != LS_OK) {
    obj_decref(vm, &l->h);
    return NULL;
  }
  return l;
}

/* Resize the item buffer to exactly `cap` (>= len). */
static Status list_set_capacity(VM *vm, ObjList *l, int64_t cap) {
  if (cap > SEQ_MAX_ITEMS) return raise_memory(vm);
  size_t old_bytes = (size_t)l->cap * sizeof(Value);
  size_t new_bytes = (size_t)cap * sizeof(Value);
  Value *items = l->items ? heap_buf_realloc(vm, l->items, old_bytes, new_bytes) : heap_buf_alloc(vm, new_bytes);
  if (!items) return LS_ERR;
  l->items = items;
  l->cap = cap;
  return LS_OK;
}

Status list_reserve(VM *vm, ObjList *l, int64_t cap) {
  if (cap <= l->cap) return LS_OK;
  return list_set_capacity(vm, l, cap);
}

Status list_append(VM *vm, ObjList *l, Value v) {
  if (l->len == l->cap) {
    if (l->len >= SEQ_MAX_ITEMS) return raise_memory(vm);
    /* CPython's list_resize: new size plus 1/8, plus 6, rounded to 4. */
    int64_t need = l->len + 1;
    int64_t cap = (need + (need >> 3) + 6) & ~(int64_t)3;
    if (list_set_capacity(vm, l, cap) != LS_OK) return LS_ERR;
  }
  value_incref(v);
  l->items[l->len++] = v;
  return LS_OK;
}

ObjTuple *tuple_new(VM *vm, int64_t len) {
  if (len < 0) len = 0;
  if (len > SEQ_MAX_ITEMS) {
    raise_memory(vm);
    return NULL;
  }
  ObjTuple *t = (ObjTuple *)heap_alloc(vm, sizeof(ObjTuple) + (size_t)len * sizeof(Value), OBJ_TUPLE);
  if (!t) return NULL;
  t->len = len;
  for (int64_t i = 0; i < len; i++) t->items[i] = value_none();
  return t;
}

ObjTuple *tuple_pair_new(VM *vm, Value a, Value b) {
  ObjTuple *t = tuple_new(vm, 2);
  if (!t) return NULL;
  value_incref(a);
  value_incref(b);
  t->items[0] = a;
  t->items[1] = b;
  return t;
}
