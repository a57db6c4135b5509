/* The uop interpreter (engine uops). */
#ifndef LOCKSTEP_UOP_INTERP_H
#define LOCKSTEP_UOP_INTERP_H

#include "jit/jit_abi.h"

/* Runs jst->executor's trace on `frame` from its first uop until it leaves;
 * then frame->sp is set and jjst->exit_kind/exit_ip/exit_index say why. */
void uop_run(JitState *jst, Frame *frame);

#endif
