/* What machine code and C agree on: the state passed along a trace and how
 * a trace hands control back to tier 1. Both the uop interpreter and the
 * stencils (compiled by clang-19 from jit/template.c) use it. */
#ifndef LOCKSTEP_JIT_ABI_H
#define LOCKSTEP_JIT_ABI_H

#include <stdint.h>

#include "vm/frame.h"

struct Executor;

typedef enum JitExitKind {
  JIT_EXIT_DEOPT = 0, /* a guard failed: tier 1 re-executes the instruction at exit_ip */
  JIT_EXIT_SIDE,      /* a side exit (branch guard, loop end, trace end): resume at exit_ip */
  JIT_EXIT_ERROR,     /* an exception is pending, raised by the instruction at exit_ip */
} JitExitKind;

typedef struct JitState {
  VM *vm;
  struct Executor *executor;
  uint32_t exit_kind;  /* JitExitKind */
  uint32_t exit_ip;    /* bytecode offset where tier 1 resumes */
  uint32_t exit_index; /* the exit's counter in the executor */
  uint32_t reserved;
  Frame *frame;        /* the frame the trace left in (a callee, when it followed a call) */
} JitState;

/* Every stencil but the entry has this signature and continues by a tail
 * call to the next; the trace's exit stencil stores sp into the frame and
 * returns to the entry stencil, which returns to its C caller. */
#if defined(__clang__) && __clang_major__ >= 19
#define JIT_PRESERVE_NONE __attribute__((preserve_none))
#else
#define JIT_PRESERVE_NONE
#endif

/* The entry stencil, at offset 0 of every compiled trace: an ordinary C
 * function (callable from gcc-built code). */
typedef void (*JitEntryFn)(JitState *st, Frame *frame, Value *sp);

#endif
