/* The uop interpreter (engine uops). */
#ifndef LOCKSTEP_UOP_INTERP_H
#define LOCKSTEP_UOP_INTERP_H

#include "jit/jit_abi.h"

/* Runs jst->executor's trace on `frame` from its first uop until it leaves;
 * then jst->frame is the frame it left in (a callee's, when the trace
 * followed a call), its sp is set, and jst->exit_kind/exit_ip/exit_index say
 * why. */
void uop_run(JitState *jst, Frame *frame);

#endif
