/* The uop interpreter (engine uops): runs a trace's uops one by one with
 * the same bodies the stencils are made of (jit/uop_bodies.h). */
#include "jit/uop_interp.h"

#include "jit/executor.h"

#include <stddef.h>

#include "vm/builtins.h"
#include "vm/dict.h"
#include "vm/exc.h"
#include "vm/frame.h"
#include "vm/heap.h"
#include "vm/interp_support.h"
#include "vm/iter.h"
#include "vm/list.h"
#include "vm/opcodes.h"
#include "vm/ops.h"
#include "vm/str.h"

void uop_run(JitState *jst, Frame *frame) {
  VM *vm = jst->vm;
  const Executor *ex = jst->executor;
  Value *sp = frame->sp;
  const UopInstr *u = ex->uops;

#define OPARG (u->oparg)
#define OPERAND (u->operand)
#define TARGET (u->target)
#define EXECUTOR_VALID (ex->valid)
#define UOP_LEAVE(kind, ip)        \
  do {                             \
    jst->exit_kind = (kind);        \
    jst->exit_ip = (ip);            \
    jst->exit_index = u->exit_index; \
    goto leave;                    \
  } while (0)
#define DEOPT_IF(c) do { if (c) UOP_LEAVE(JIT_EXIT_DEOPT, TARGET); } while (0)
#define EXIT_IF(c) do { if (c) UOP_LEAVE(JIT_EXIT_SIDE, TARGET); } while (0)
#define ERROR_IF(c) do { if (c) UOP_LEAVE(JIT_EXIT_ERROR, TARGET); } while (0)
#define EXIT_AT(off) UOP_LEAVE(JIT_EXIT_SIDE, (off))
#define JUMP_TO_TOP() do { u = ex->uops; goto dispatch; } while (0)
#define UOP(name) case UOP_##name: {
#define END_UOP } break;

dispatch:
  switch ((UopId)u->uop) {
#include "jit/uop_bodies.h"
  case UOP_COUNT: break;
  }
  u++;
  goto dispatch;

leave:
  jst->frame = frame;
  frame->sp = sp;
}
