/* range, dict views and iterators. */
#ifndef LOCKSTEP_ITER_H
#define LOCKSTEP_ITER_H

#include "vm/vm.h"

/* range(start, stop, step); ValueError for step 0. */
Status range_new(VM *vm, int64_t start, int64_t stop, int64_t step, Value *out);
Status dictview_new(VM *vm, ObjDict *d, DictViewKind kind, Value *out);

/* iter(v): TypeError "'int' object is not iterable" when v is not iterable. */
Status iter_new(VM *vm, Value v, Value *out);
/* next(it): *done true at the end (no exception), else *out owned.
 * RuntimeError when a dict changed size during iteration. */
Status iter_next(VM *vm, Value it, Value *out, bool *done);
/* Iterator helpers for builtins: charge one unit of fuel per item. */
Status iter_next_charged(VM *vm, Value it, Value *out, bool *done);

#endif
