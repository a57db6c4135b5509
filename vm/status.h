/* How VM operations report failure. An operation returns LS_ERR after it
 * has set a pending condition on the VM: either an exception
 * (vm->exc) or fuel exhaustion (vm->out_of_fuel), which no handler catches. */
#ifndef LOCKSTEP_STATUS_H
#define LOCKSTEP_STATUS_H

typedef enum Status { LS_OK = 0, LS_ERR = 1 } Status;

#endif
