/* Interpreter frames (vm/frame.h). */
#include "vm/frame.h"

#include "vm/heap.h"

static size_t frame_bytes(const Code *code) {
  return sizeof(Frame) + ((size_t)code->nlocals + code->max_stack) * sizeof(Value);
}

/* A call takes a frame its function left behind when an earlier call
 * returned, so calls, and deep recursion above all, do not go through
 * malloc. The VM keeps at most config.max_depth such frames in all: never
 * more than one call chain of the deepest kind the VM allows. */
Frame *frame_new(VM *vm, Frame *parent, uint32_t code_index) {
  const Code *code = &vm->module->funcs[code_index];
  VMCode *vc = &vm->codes[code_index];
  size_t bytes = frame_bytes(code);
  Frame *f = heap_list_take(&vc->spare_frames, bytes);
  if (f) vm->spare_frames--;
  else f = heap_block_alloc(vm, bytes);
  if (!f) return NULL;
  f->parent = parent;
  f->code = code;
  f->vc = vc;
  f->code_index = code_index;
  f->ip = 0;
  for (uint32_t i = 0; i < code->nlocals; i++) f->slots[i] = value_unbound();
  f->stack = f->slots + code->nlocals;
  f->sp = f->stack;
  return f;
}

void frame_free(VM *vm, Frame *f) {
  for (uint32_t i = 0; i < f->code->nlocals; i++)
    if (f->slots[i].tag != V_UNBOUND) value_decref(vm, f->slots[i]);
  while (f->sp > f->stack) value_decref(vm, *--f->sp);
  size_t bytes = frame_bytes(f->code);
  if (vm->spare_frames < (uint32_t)vm->config.max_depth) {
    heap_list_keep(&vm->codes[f->code_index].spare_frames, f, bytes);
    vm->spare_frames++;
  } else {
    heap_block_free(vm, f, bytes);
  }
}

void frame_release_spares(VM *vm) {
  if (!vm->codes) return;
  for (uint32_t i = 0; i < vm->module->nfuncs; i++)
    heap_list_release(vm, &vm->codes[i].spare_frames, frame_bytes(&vm->module->funcs[i]));
  vm->spare_frames = 0;
}
