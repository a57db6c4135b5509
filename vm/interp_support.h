/* Instruction semantics shared by every engine (see interp_support.c). */
#ifndef LOCKSTEP_INTERP_SUPPORT_H
#define LOCKSTEP_INTERP_SUPPORT_H

#include "vm/frame.h"

static inline uint32_t interp_read_u32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The first exception-table entry covering `ip`, or NULL. */
const ExcEntry *interp_find_handler(const Code *code, uint32_t ip);
Status interp_raise_unbound_local(VM *vm, const Code *code, uint32_t i);
/* CPython's wording for a call with the wrong number of arguments. */
Status interp_raise_arity_error(VM *vm, const Code *code, uint32_t nargs);
/* What LOAD_GLOBAL pushes: the global, else the builtin, else NameError. */
Status interp_load_global(VM *vm, const ObjStr *name, Value *out);
/* CALL_KW's keyword names: a tuple of strs no longer than the arguments. */
Status interp_check_kwnames(VM *vm, Value kw, uint32_t nargs);
/* RAISE: an exception instance, or a class to instantiate. */
Status interp_raise(VM *vm, Value v);
/* `except cls:` matching (cls an exception class or a tuple of them). */
Status interp_exc_match(VM *vm, Value exc, Value cls, bool *out);
/* Frees a frame and all its callers. */
void interp_unwind_all(VM *vm, Frame *f);

#endif
