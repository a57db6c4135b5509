/* Interpreter frames, shared by every engine: the reference interpreter,
 * the tier-1 interpreter and tier-2 traces (uop interpreter and machine
 * code) all read and write the same frame layout. */
#ifndef LOCKSTEP_FRAME_H
#define LOCKSTEP_FRAME_H

#include "vm/vm.h"

typedef struct Frame {
  struct Frame *parent;
  const Code *code;
  const VMCode *vc;
  uint32_t code_index;
  uint32_t ip;    /* offset of the instruction being executed */
  Value *stack;   /* base of the value stack (after the locals) */
  Value *sp;      /* next free stack slot */
  Value slots[];  /* nlocals locals, then max_stack stack slots */
} Frame;

/* A frame for function code_index with every local unbound; NULL when the
 * process is out of memory. */
Frame *frame_new(VM *vm, Frame *parent, uint32_t code_index);
/* Drops the frame's locals and stack and frees it (it may be kept for the
 * function's next call). */
void frame_free(VM *vm, Frame *f);
/* Hands the frames kept for later calls to the VM's pool (vm_free). */
void frame_release_spares(VM *vm);

#endif
