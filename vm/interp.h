/* Engines that run a module in a VM. */
#ifndef LOCKSTEP_INTERP_H
#define LOCKSTEP_INTERP_H

#include "vm/vm.h"

/* The reference interpreter: a plain loop over bytecode with no
 * specialization, caching or tier-up. Its results are the ground truth.
 * Returns LS_OK with the outcome filled in (which may be an uncaught
 * exception or fuel exhaustion); LS_ERR only when the process itself ran
 * out of memory. */
Status ref_run(VM *vm, Outcome *out);

#endif
