/* The stencil template. clang-19 compiles this file once per uop, with
 * -DTHIS_UOP=UOP_<NAME> (and once each with -DJIT_STENCIL_ENTRY and
 * -DJIT_STENCIL_EXIT), into ELF objects that jit/stencilgen.c turns into
 * the generated stencil header. Holes are symbols the object leaves
 * undefined (_JIT_OPARG, _JIT_CONTINUE, ...), patched at run time by
 * jit/codegen.c; their addresses are read through `movabs` in inline
 * assembly so that clang can assume nothing about their values. */
#include <stddef.h>
#include <stdint.h>

#include "jit/jit_abi.h"
#include "jit/uops.h"
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

#define JIT_HOLE(type, sym)                              \
  ({                                                     \
    uintptr_t hole_;                                     \
    __asm__("movabs $" #sym ", %0" : "=r"(hole_));       \
    (type) hole_;                                        \
  })

typedef JIT_PRESERVE_NONE void JitStencilFn(JitState *jst, Frame *frame, Value *sp);
extern JitStencilFn _JIT_CONTINUE; /* the next stencil */
extern JitStencilFn _JIT_EXIT;     /* the trace's exit stencil */
extern JitStencilFn _JIT_TOP;      /* the trace's first uop */

#if defined(JIT_STENCIL_ENTRY)

/* Called from C: runs the trace, which returns here through the exit
 * stencil. */
void _JIT_ENTRY(JitState *jst, Frame *frame, Value *sp) { _JIT_CONTINUE(jst, frame, sp); }

#elif defined(JIT_STENCIL_EXIT)

JIT_PRESERVE_NONE void _JIT_ENTRY(JitState *jst, Frame *frame, Value *sp) {
  jst->frame = frame;
  frame->sp = sp;
}

#else

#define OPARG JIT_HOLE(uint32_t, _JIT_OPARG)
#define OPERAND JIT_HOLE(uint64_t, _JIT_OPERAND)
#define TARGET JIT_HOLE(uint32_t, _JIT_TARGET)
#define EXIT_INDEX JIT_HOLE(uint32_t, _JIT_EXIT_INDEX)
#define EXECUTOR_VALID executor_is_valid(jit_state->executor)

#define JIT_LEAVE(kind, ip)                               \
  do {                                                    \
    jit_state->exit_kind = (kind);                        \
    jit_state->exit_ip = (ip);                            \
    jit_state->exit_index = EXIT_INDEX;                   \
    __attribute__((musttail)) return _JIT_EXIT(jit_state, frame, sp); \
  } while (0)
#define DEOPT_IF(c) do { if (__builtin_expect(!!(c), 0)) JIT_LEAVE(JIT_EXIT_DEOPT, TARGET); } while (0)
#define EXIT_IF(c) do { if (__builtin_expect(!!(c), 0)) JIT_LEAVE(JIT_EXIT_SIDE, TARGET); } while (0)
#define ERROR_IF(c) do { if (__builtin_expect(!!(c), 0)) JIT_LEAVE(JIT_EXIT_ERROR, TARGET); } while (0)
#define EXIT_AT(off) JIT_LEAVE(JIT_EXIT_SIDE, (off))
#define JUMP_TO_TOP() do { __attribute__((musttail)) return _JIT_TOP(jit_state, frame, sp); } while (0)

#include "jit/executor.h"

/* The JitState parameter is not called `st`: uop bodies use `st` for a
 * local Status, which would shadow it inside ERROR_IF. */
JIT_PRESERVE_NONE void _JIT_ENTRY(JitState *jit_state, Frame *frame, Value *sp) {
  VM *vm = jit_state->vm;
  (void)vm;
  switch (THIS_UOP) {
#define UOP(name) case UOP_##name: {
#define END_UOP } break;
#include "jit/uop_bodies.h"
#undef UOP
#undef END_UOP
  default: break;
  }
  __attribute__((musttail)) return _JIT_CONTINUE(jit_state, frame, sp);
}

#endif
