/* Making and freeing executors from recordings. */
#ifndef LOCKSTEP_EXECUTOR_NEW_H
#define LOCKSTEP_EXECUTOR_NEW_H

#include "jit/executor.h"
#include "jit/record.h"

/* An executor holding a copy of the recording; NULL when out of memory. */
Executor *executor_new(const Recorder *r);
void executor_free(Executor *e);
/* Whether the executor's assumptions involve the global `name`. */
bool executor_depends_on(const Executor *e, const ObjStr *name);

#endif
