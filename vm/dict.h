/* dict objects: insertion ordered; keys are hashable values (int, float,
 * bool, None, str, tuples of those). 1, 1.0 and True are the same key. */
#ifndef LOCKSTEP_DICT_H
#define LOCKSTEP_DICT_H

#include "vm/vm.h"

ObjDict *dict_new(VM *vm);
/* Lookup: *found false when absent. Raises TypeError for unhashable keys. */
Status dict_get(VM *vm, ObjDict *d, Value key, Value *out_borrowed, bool *found);
/* Insert or replace; takes new references to key and value (the existing
 * key object is kept on replace, as in CPython). */
Status dict_set(VM *vm, ObjDict *d, Value key, Value value);
/* Remove; *found false when absent. On success *out_value is owned. */
Status dict_pop(VM *vm, ObjDict *d, Value key, Value *out_value, bool *found);

/* Same, keyed by a C string (globals, by name): no hashing errors possible. */
Value *dict_lookup_str(ObjDict *d, const ObjStr *key);

#endif
