/* VM instances: creation (turning the module's constants into this VM's
 * heap values), output, and teardown. */
#include "vm/vm.h"

#include <stdlib.h>
#include <string.h>

#include "vm/builtins.h"
#include "vm/dict.h"
#include "vm/exc.h"
#include "vm/frame.h"
#include "vm/heap.h"
#include "vm/list.h"
#include "vm/str.h"

/* Constant tuples nest at most CONST_MAX_DEPTH deep (the loaders enforce
 * it), so this recursion is bounded. */
static Status const_to_value(VM *vm, const Const *c, Value *out) {
  switch ((ConstKind)c->kind) {
  case CK_NONE: *out = value_none(); return LS_OK;
  case CK_BOOL: *out = value_bool(c->as.i != 0); return LS_OK;
  case CK_INT: *out = value_int(c->as.i); return LS_OK;
  case CK_FLOAT: *out = value_float(c->as.f); return LS_OK;
  case CK_STR: {
    ObjStr *s = str_new(vm, c->as.s.data, c->as.s.len);
    if (!s) return LS_ERR;
    *out = value_obj(&s->h);
    return LS_OK;
  }
  case CK_TUPLE: {
    ObjTuple *t = tuple_new(vm, c->as.t.len);
    if (!t) return LS_ERR;
    for (uint32_t i = 0; i < c->as.t.len; i++) {
      if (const_to_value(vm, &c->as.t.items[i], &t->items[i]) != LS_OK) {
        obj_decref(vm, &t->h);
        return LS_ERR;
      }
    }
    *out = value_obj(&t->h);
    return LS_OK;
  }
  case CK_COUNT: break;
  }
  return vm_raise(vm, B_TypeError, "bad constant kind %u", c->kind);
}

static Status vm_materialize_code(VM *vm, const Code *code, VMCode *vc) {
  for (uint32_t i = 0; i < code->nconsts; i++)
    if (const_to_value(vm, &code->consts[i], &vc->consts[i]) != LS_OK) return LS_ERR;
  for (uint32_t i = 0; i < code->nnames; i++) {
    ObjStr *s = str_new(vm, code->names[i].data, code->names[i].len);
    if (!s) return LS_ERR;
    vc->names[i] = value_obj(&s->h);
  }
  return LS_OK;
}

/* vm->codes and, after it in the same block, every function's constants and
 * names: one allocation per VM rather than two per function. The values
 * start as None (all zero bytes), so releasing a half-made VM is safe. */
static bool vm_alloc_codes(VM *vm) {
  const Module *module = vm->module;
  size_t nvalues = 0;
  for (uint32_t i = 0; i < module->nfuncs; i++)
    nvalues += (size_t)module->funcs[i].nconsts + module->funcs[i].nnames;
  size_t bytes = (size_t)module->nfuncs * sizeof(VMCode) + nvalues * sizeof(Value);
  vm->codes = calloc(1, bytes ? bytes : 1);
  if (!vm->codes) return false;
  Value *next = (Value *)(vm->codes + module->nfuncs);
  for (uint32_t i = 0; i < module->nfuncs; i++) {
    vm->codes[i].consts = next;
    next += module->funcs[i].nconsts;
    vm->codes[i].names = next;
    next += module->funcs[i].nnames;
  }
  return true;
}

VM *vm_new(const Module *module, const VMConfig *config) {
  VM *vm = calloc(1, sizeof *vm);
  if (!vm) return NULL;
  vm->module = module;
  if (config) vm->config = *config;
  else vm->config.fuel = -1;
  if (vm->config.max_heap <= 0) vm->config.max_heap = VM_DEFAULT_MAX_HEAP;
  if (vm->config.max_depth <= 0) vm->config.max_depth = VM_DEFAULT_MAX_DEPTH;
  vm->fuel = vm->config.fuel;
  strbuf_init(&vm->out);

  /* The program's constants are part of the program: they are made before
   * the limit applies (but count towards heap_bytes from then on). */
  vm->max_heap = INT64_MAX;
  bool ok = heap_pool_open(vm) && vm_alloc_codes(vm);
  for (uint32_t i = 0; ok && i < module->nfuncs; i++)
    ok = vm_materialize_code(vm, &module->funcs[i], &vm->codes[i]) == LS_OK;
  if (ok) {
    vm->globals = dict_new(vm);
    ok = vm->globals != NULL;
  }
  vm->max_heap = vm->config.max_heap;
  if (!ok) {
    vm_free(vm);
    return NULL;
  }
  return vm;
}

void vm_release_roots(VM *vm) {
  if (vm->codes) {
    for (uint32_t i = 0; i < vm->module->nfuncs; i++) {
      VMCode *vc = &vm->codes[i];
      const Code *code = &vm->module->funcs[i];
      for (uint32_t k = 0; vc->consts && k < code->nconsts; k++) value_decref(vm, vc->consts[k]);
      for (uint32_t k = 0; vc->names && k < code->nnames; k++) value_decref(vm, vc->names[k]);
      vc->consts = vc->names = NULL; /* their memory is part of vm->codes */
    }
  }
  if (vm->globals) obj_decref(vm, &vm->globals->h);
  vm->globals = NULL;
  if (vm->exc) obj_decref(vm, &vm->exc->h);
  vm->exc = NULL;
}

void vm_free(VM *vm) {
  if (!vm) return;
  vm_release_roots(vm);
  heap_free_all(vm);
  frame_release_spares(vm);
  heap_pool_close(vm);
  free(vm->codes);
  free(vm->repr_active);
  strbuf_free(&vm->out);
  free(vm);
}

void vm_write(VM *vm, const char *data, size_t len) {
  strbuf_append(&vm->out, data, len);
  if (vm->config.sink && vm->out.len >= VM_OUTPUT_FLUSH_BYTES) vm_flush(vm);
}

void vm_flush(VM *vm) {
  if (vm->config.sink && vm->out.len > 0) {
    vm->config.sink(vm->config.sink_ctx, vm->out.data, vm->out.len);
    strbuf_clear(&vm->out);
  }
}

void outcome_clear(VM *vm, Outcome *o) {
  value_decref(vm, o->value);
  o->value = value_none();
}
