/* Builtin functions, types, exception classes and methods: one table.
 * A builtin is an immediate value (V_BUILTIN with its BuiltinId), so
 * builtins cost no heap and look the same in every VM.
 *
 * X(ID, NAME, KIND, PARENT)
 *   KIND    BK_FUNCTION | BK_TYPE | BK_EXCEPTION | BK_METHOD
 *   PARENT  exceptions: the base class; methods: the owning type;
 *           others: B_NONE */
#ifndef LOCKSTEP_BUILTINS_H
#define LOCKSTEP_BUILTINS_H

#include "vm/vm.h"

typedef enum BuiltinKind { BK_FUNCTION, BK_TYPE, BK_EXCEPTION, BK_METHOD } BuiltinKind;

#define LS_BUILTINS(X) \
  X(print, "print", BK_FUNCTION, NONE) \
  X(len, "len", BK_FUNCTION, NONE) \
  X(abs, "abs", BK_FUNCTION, NONE) \
  X(min, "min", BK_FUNCTION, NONE) \
  X(max, "max", BK_FUNCTION, NONE) \
  X(sum, "sum", BK_FUNCTION, NONE) \
  X(repr, "repr", BK_FUNCTION, NONE) \
  X(ord, "ord", BK_FUNCTION, NONE) \
  X(chr, "chr", BK_FUNCTION, NONE) \
  X(isinstance, "isinstance", BK_FUNCTION, NONE) \
  X(sorted, "sorted", BK_FUNCTION, NONE) \
  X(reversed, "reversed", BK_FUNCTION, NONE) \
  X(enumerate, "enumerate", BK_FUNCTION, NONE) \
  X(zip, "zip", BK_FUNCTION, NONE) \
  X(divmod, "divmod", BK_FUNCTION, NONE) \
  X(round, "round", BK_FUNCTION, NONE) \
  X(int, "int", BK_TYPE, NONE) \
  X(float, "float", BK_TYPE, NONE) \
  X(str, "str", BK_TYPE, NONE) \
  X(bool, "bool", BK_TYPE, NONE) \
  X(list, "list", BK_TYPE, NONE) \
  X(tuple, "tuple", BK_TYPE, NONE) \
  X(dict, "dict", BK_TYPE, NONE) \
  X(range, "range", BK_TYPE, NONE) \
  X(BaseException, "BaseException", BK_EXCEPTION, NONE) \
  X(Exception, "Exception", BK_EXCEPTION, BaseException) \
  X(ArithmeticError, "ArithmeticError", BK_EXCEPTION, Exception) \
  X(ZeroDivisionError, "ZeroDivisionError", BK_EXCEPTION, ArithmeticError) \
  X(OverflowError, "OverflowError", BK_EXCEPTION, ArithmeticError) \
  X(LookupError, "LookupError", BK_EXCEPTION, Exception) \
  X(IndexError, "IndexError", BK_EXCEPTION, LookupError) \
  X(KeyError, "KeyError", BK_EXCEPTION, LookupError) \
  X(TypeError, "TypeError", BK_EXCEPTION, Exception) \
  X(ValueError, "ValueError", BK_EXCEPTION, Exception) \
  X(NameError, "NameError", BK_EXCEPTION, Exception) \
  X(UnboundLocalError, "UnboundLocalError", BK_EXCEPTION, NameError) \
  X(AttributeError, "AttributeError", BK_EXCEPTION, Exception) \
  X(AssertionError, "AssertionError", BK_EXCEPTION, Exception) \
  X(RuntimeError, "RuntimeError", BK_EXCEPTION, Exception) \
  X(RecursionError, "RecursionError", BK_EXCEPTION, RuntimeError) \
  X(MemoryError, "MemoryError", BK_EXCEPTION, Exception) \
  X(str_join, "join", BK_METHOD, str) \
  X(str_split, "split", BK_METHOD, str) \
  X(str_upper, "upper", BK_METHOD, str) \
  X(str_lower, "lower", BK_METHOD, str) \
  X(str_startswith, "startswith", BK_METHOD, str) \
  X(str_endswith, "endswith", BK_METHOD, str) \
  X(str_find, "find", BK_METHOD, str) \
  X(str_replace, "replace", BK_METHOD, str) \
  X(str_strip, "strip", BK_METHOD, str) \
  X(list_append, "append", BK_METHOD, list) \
  X(list_pop, "pop", BK_METHOD, list) \
  X(list_insert, "insert", BK_METHOD, list) \
  X(list_extend, "extend", BK_METHOD, list) \
  X(list_index, "index", BK_METHOD, list) \
  X(list_reverse, "reverse", BK_METHOD, list) \
  X(list_sort, "sort", BK_METHOD, list) \
  X(dict_get, "get", BK_METHOD, dict) \
  X(dict_keys, "keys", BK_METHOD, dict) \
  X(dict_values, "values", BK_METHOD, dict) \
  X(dict_items, "items", BK_METHOD, dict) \
  X(dict_pop, "pop", BK_METHOD, dict)

typedef enum BuiltinId {
  B_NONE = -1,
#define LS_BUILTIN_ENUM(id, name, kind, parent) B_##id,
  LS_BUILTINS(LS_BUILTIN_ENUM)
#undef LS_BUILTIN_ENUM
  B_COUNT
} BuiltinId;

typedef struct BuiltinInfo {
  const char *name;
  BuiltinKind kind;
  int parent; /* BuiltinId or B_NONE */
} BuiltinInfo;

extern const BuiltinInfo builtin_info[B_COUNT];

/* A global-scope builtin (function, type or exception) by name, or -1.
 * Methods are not found here. */
int builtin_by_name(const char *name, size_t len);
int builtin_global(const ObjStr *name); /* the same, using the hash name carries */
/* The method `name` of v's type, or -1 (the caller raises AttributeError:
 * "'int' object has no attribute 'foo'"). */
int builtin_method_for(Value self, const char *name, size_t len);
int builtin_method(Value self, const ObjStr *name); /* the same, using the hash name carries */
bool builtin_is_exception(int id);
/* Exception class `id` is `base` or derives from it. */
bool exc_class_matches(int id, int base);

/* Call builtin `id` with nargs arguments (borrowed). When kwnames is not
 * NULL, the last kwnames->len arguments are keywords with those names (only
 * print accepts any: sep=, end=). Methods get self as args[0]. */
Status builtin_call(VM *vm, int id, Value *args, uint32_t nargs, const ObjTuple *kwnames, Value *out);

#endif
