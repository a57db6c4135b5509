/* Interpreter frames (vm/frame.h). */
#include "vm/frame.h"

#include "vm/heap.h"

static size_t frame_bytes(const Code *code) {
  return sizeof(Frame) + ((size_t)code->nlocals + code->max_stack) * sizeof(Value);
}

/* Frames come from the VM's block pool: a call reuses the frame a previous
 * call of the same size left behind instead of calling malloc. */
Frame *frame_new(VM *vm, Frame *parent, uint32_t code_index) {
  const Code *code = &vm->module->funcs[code_index];
  Frame *f = heap_block_alloc(vm, frame_bytes(code));
  if (!f) return NULL;
  f->parent = parent;
  f->code = code;
  f->vc = &vm->codes[code_index];
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
  heap_block_free(vm, f, frame_bytes(f->code));
}

