/* Interpreter frames (vm/frame.h). */
#include "vm/frame.h"

#include <stdlib.h>

#include "vm/heap.h"

Frame *frame_new(VM *vm, Frame *parent, uint32_t code_index) {
  const Code *code = &vm->module->funcs[code_index];
  size_t nslots = (size_t)code->nlocals + code->max_stack;
  Frame *f = malloc(sizeof(Frame) + nslots * sizeof(Value));
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
  free(f);
}

