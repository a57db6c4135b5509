/* The semantics of every operation on values, with CPython 3.11's results
 * and error messages. Shared by every engine: the reference interpreter calls
 * these directly, and the JIT's micro-ops fall back on them, so an engine can
 * only differ from `ref` in its own fast paths.
 *
 * Conventions: operands are borrowed; results (*out) are new references;
 * LS_ERR means an exception (or fuel exhaustion) is pending on the VM. */
#ifndef LOCKSTEP_OPS_H
#define LOCKSTEP_OPS_H

#include "vm/strbuf.h"
#include "vm/vm.h"

/* Python type name, as in error messages: "int", "NoneType", "list",
 * "function", "builtin_function_or_method", "type", "list_iterator", ... */
const char *value_type_name(Value v);

bool value_truthy(Value v);
/* `is`: identity for heap objects and builtins; by value for immediates. */
bool value_is(Value a, Value b);
/* ==, recursively for containers; RecursionError when nested too deep. */
Status value_equal(VM *vm, Value a, Value b, bool *out);
/* Hash for dict keys, consistent with value_equal (hash(1) == hash(1.0) ==
 * hash(True)); TypeError "unhashable type: 'list'". Deterministic. */
Status value_hash(VM *vm, Value v, uint64_t *out);

/* repr() and str() appended to sb. Cycles print as [...] / {...}. */
Status value_repr(VM *vm, Value v, StrBuf *sb);
Status value_str(VM *vm, Value v, StrBuf *sb);
/* CPython's float repr: shortest round-trip digits ("0.1", "1e+16", "inf"). */
void float_repr(double f, StrBuf *sb);

/* Instructions' semantics. */
Status op_unary(VM *vm, int opcode, Value a, Value *out); /* OP_UNARY_NEGATIVE/POSITIVE/INVERT/NOT */
Status op_binary(VM *vm, int binop, Value a, Value b, Value *out);
Status op_compare(VM *vm, int cmpop, Value a, Value b, Value *out);
Status op_contains(VM *vm, Value item, Value container, bool *out);
Status op_getitem(VM *vm, Value container, Value key, Value *out);
Status op_setitem(VM *vm, Value container, Value key, Value value);
Status op_delitem(VM *vm, Value container, Value key);
Status op_slice(VM *vm, Value container, Value start, Value stop, Value step, Value *out);
/* Unpack exactly n items of an iterable into out[0..n-1] (in order). */
Status op_unpack(VM *vm, Value seq, int64_t n, Value *out);

/* 64-bit integer arithmetic with Python semantics; false on overflow. */
bool int_add(int64_t a, int64_t b, int64_t *r);
bool int_sub(int64_t a, int64_t b, int64_t *r);
bool int_mul(int64_t a, int64_t b, int64_t *r);

#endif
