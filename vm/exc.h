/* Exception objects and raising. A raise sets vm->exc and returns LS_ERR;
 * any previously pending exception is dropped. */
#ifndef LOCKSTEP_EXC_H
#define LOCKSTEP_EXC_H

#include "vm/vm.h"

/* New exception of class `type` (a BuiltinId), with one argument when
 * has_arg. NULL with MemoryError pending. Exceptions ignore the heap limit
 * (so MemoryError itself can always be raised) but are counted. */
ObjException *exc_new(VM *vm, int type, bool has_arg, Value arg);

/* Raise `type` with a formatted str message (CPython's wording). */
Status vm_raise(VM *vm, int type, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Raise `type` with no arguments (str(e) == ""). */
Status vm_raise_noarg(VM *vm, int type);
/* Raise `type` with `arg` as its argument (KeyError(key)); borrows arg. */
Status vm_raise_value(VM *vm, int type, Value arg);
/* Raise an existing exception object (takes the reference). */
Status vm_raise_exc(VM *vm, ObjException *e);
/* Take the pending exception (owned), leaving none. */
ObjException *vm_take_exc(VM *vm);

/* Record a traceback frame as the exception passes through it. */
void exc_add_traceback(VM *vm, ObjException *e, uint32_t code_index, uint32_t line);

/* str(e) as CPython gives it: "" without args, str(arg) with one, repr(key)
 * for KeyError. */
Status exc_str(VM *vm, ObjException *e, StrBuf *sb);
/* "Type: message" (or just "Type" for an empty message), as a traceback ends. */
Status exc_format_last_line(VM *vm, ObjException *e, StrBuf *sb);
/* The whole traceback: "Traceback (most recent call last):", a line per
 * frame, then the last line. */
Status exc_format_traceback(VM *vm, ObjException *e, StrBuf *sb);

#endif
