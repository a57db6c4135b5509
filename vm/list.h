/* list and tuple objects. */
#ifndef LOCKSTEP_LIST_H
#define LOCKSTEP_LIST_H

#include "vm/vm.h"

/* New empty list with room for `cap` items; NULL with MemoryError pending. */
ObjList *list_new(VM *vm, int64_t cap);
/* Append (takes a new reference to v). */
Status list_append(VM *vm, ObjList *l, Value v);
Status list_reserve(VM *vm, ObjList *l, int64_t cap);

/* New tuple of `len` items, all None; fill items[] with owned references. */
ObjTuple *tuple_new(VM *vm, int64_t len);
/* The tuple (a, b), holding new references to both. */
ObjTuple *tuple_pair_new(VM *vm, Value a, Value b);

#endif
