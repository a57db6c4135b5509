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

/* Exact number of items of range(start, stop, step) (step != 0); may exceed
 * INT64_MAX, in which case ObjRange.len holds -1 (CPython's len() then
 * raises OverflowError). */
uint64_t range_length(int64_t start, int64_t stop, int64_t step);

/* `x in view` as CPython: keys by lookup (TypeError if unhashable), items
 * by a (key, value) 2-tuple, values by scanning with ==. */
Status dictview_has(VM *vm, const ObjDictView *v, Value x, bool *out);

/* enumerate(iterable), zip(*iterables) (n >= 0), reversed(seq) for list,
 * tuple, str, range, dict and dict views; TypeError as CPython otherwise
 * ("'int' object is not iterable" / "'int' object is not reversible"). */
Status iter_enumerate_new(VM *vm, Value iterable, Value *out);
Status iter_zip_new(VM *vm, const Value *iterables, int64_t n, Value *out);
Status iter_reversed_new(VM *vm, Value seq, Value *out);

/* Python type name of an iterator: "list_iterator", "range_iterator",
 * "dict_keyiterator", "enumerate", "zip", "reversed", ...
 * Field use beyond object.h's comments: ITER_STR sub = 1 for an ASCII str
 * (str_ascii_iterator); ITER_RANGE sub = 1 for CPython's longrange_iterator,
 * n clamped to INT64_MAX; ITER_DICT step = +1 forward, -1 reversed;
 * ITER_REVERSED sub = ObjKind of the sequence, and for a str i is the byte
 * offset just past the next character. An exhausted iterator holds None
 * in `a` (it has dropped its sequence, as CPython's do). */
const char *iter_type_name(const ObjIter *it);

#endif
