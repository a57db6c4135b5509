/* Per-kind knowledge of what an object holds: releasing its references and
 * buffers (heap.c frees the block itself), and visiting its children in a
 * fixed order for heap walks. The buffer sizes released here are exactly
 * those charged when the buffers were made. */
#include "vm/heap.h"

static void release_values(VM *vm, const Value *items, int64_t n) {
  for (int64_t i = 0; i < n; i++) value_decref(vm, items[i]);
}

static void release_list(VM *vm, ObjList *l) {
  release_values(vm, l->items, l->len);
  if (l->items) heap_buf_free(vm, l->items, (size_t)l->cap * sizeof(Value));
  l->items = NULL;
  l->len = l->cap = 0;
}

static void release_dict(VM *vm, ObjDict *d) {
  for (int64_t k = 0; k < d->nentries; k++) {
    if (d->entries[k].deleted) continue;
    value_decref(vm, d->entries[k].key);
    value_decref(vm, d->entries[k].value);
  }
  if (d->entries) heap_buf_free(vm, d->entries, (size_t)d->cap * sizeof(DictEntry));
  if (d->slots) heap_buf_free(vm, d->slots, (size_t)d->nslots * sizeof(int64_t));
  d->entries = NULL;
  d->slots = NULL;
  d->len = d->nentries = d->cap = d->nslots = 0;
}

/* The traceback buffer holds its entries at its end (vm/exc.c). */
static void release_exception(VM *vm, ObjException *e) {
  value_decref(vm, e->arg);
  e->arg = value_none();
  if (e->tb) heap_buf_free(vm, e->tb + e->tb_len - e->tb_cap, (size_t)e->tb_cap * sizeof(TracebackEntry));
  e->tb = NULL;
  e->tb_len = e->tb_cap = 0;
}

/* Buffers only: at teardown (heap_free_all) the children may already be
 * freed, and every object goes anyway, so no reference is touched. */
static void release_buffers_only(VM *vm, Obj *o) {
  switch ((ObjKind)o->kind) {
  case OBJ_LIST: ((ObjList *)o)->len = 0; release_list(vm, (ObjList *)o); return;
  case OBJ_DICT: ((ObjDict *)o)->nentries = 0; release_dict(vm, (ObjDict *)o); return;
  case OBJ_EXCEPTION: ((ObjException *)o)->arg = value_none(); release_exception(vm, (ObjException *)o); return;
  default: return;
  }
}

void obj_release_children(VM *vm, Obj *o) {
  if (vm->tearing_down) {
    release_buffers_only(vm, o);
    return;
  }
  switch ((ObjKind)o->kind) {
  case OBJ_LIST: release_list(vm, (ObjList *)o); return;
  case OBJ_TUPLE: release_values(vm, ((ObjTuple *)o)->items, ((ObjTuple *)o)->len); return;
  case OBJ_DICT: release_dict(vm, (ObjDict *)o); return;
  case OBJ_DICTVIEW: obj_decref(vm, &((ObjDictView *)o)->dict->h); return;
  case OBJ_EXCEPTION: release_exception(vm, (ObjException *)o); return;
  case OBJ_ITER: value_decref(vm, ((ObjIter *)o)->a); return;
  case OBJ_STR:
  case OBJ_RANGE:
  case OBJ_FUNCTION:
  case OBJ_KIND_COUNT: return;
  }
}

static void visit_values(const Value *items, int64_t n, ValueVisitor visit, void *ctx) {
  for (int64_t i = 0; i < n; i++) visit(ctx, items[i]);
}

/* Dict entries in order, key then value; deleted entries are not there. */
static void visit_dict(const ObjDict *d, ValueVisitor visit, void *ctx) {
  for (int64_t k = 0; k < d->nentries; k++) {
    if (d->entries[k].deleted) continue;
    visit(ctx, d->entries[k].key);
    visit(ctx, d->entries[k].value);
  }
}

void obj_visit_children(const Obj *o, ValueVisitor visit, void *ctx) {
  switch ((ObjKind)o->kind) {
  case OBJ_LIST: visit_values(((const ObjList *)o)->items, ((const ObjList *)o)->len, visit, ctx); return;
  case OBJ_TUPLE: visit_values(((const ObjTuple *)o)->items, ((const ObjTuple *)o)->len, visit, ctx); return;
  case OBJ_DICT: visit_dict((const ObjDict *)o, visit, ctx); return;
  case OBJ_DICTVIEW: visit(ctx, value_obj(&((const ObjDictView *)o)->dict->h)); return;
  case OBJ_EXCEPTION:
    if (((const ObjException *)o)->has_arg) visit(ctx, ((const ObjException *)o)->arg);
    return;
  case OBJ_ITER: visit(ctx, ((const ObjIter *)o)->a); return;
  case OBJ_STR:
  case OBJ_RANGE:
  case OBJ_FUNCTION:
  case OBJ_KIND_COUNT: return;
  }
}
