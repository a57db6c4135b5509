/* Pieces of instruction semantics that every engine shares beyond
 * vm/ops.h: the interpreters and the tier-2 micro-ops call these, so an
 * error message or a lookup rule exists once. */
#include "vm/interp_support.h"

#include <stdlib.h>

#include "vm/builtins.h"
#include "vm/dict.h"
#include "vm/exc.h"
#include "vm/heap.h"
#include "vm/ops.h"
#include "vm/str.h"


const ExcEntry *interp_find_handler(const Code *code, uint32_t ip) {
  for (uint32_t i = 0; i < code->nhandlers; i++) {
    const ExcEntry *h = &code->handlers[i];
    if (h->start <= ip && ip < h->end) return h;
  }
  return NULL;
}

static const char *interp_local_name(const Code *code, uint32_t i) { return code->local_names[i].data; }

Status interp_raise_unbound_local(VM *vm, const Code *code, uint32_t i) {
  return vm_raise(vm, B_UnboundLocalError,
                  "cannot access local variable '%s' where it is not associated with a value",
                  interp_local_name(code, i));
}

/* CPython's wording for a call with the wrong number of arguments. */
Status interp_raise_arity_error(VM *vm, const Code *code, uint32_t nargs) {
  const char *fn = code->name.data;
  if (nargs > code->arity)
    return vm_raise(vm, B_TypeError, "%s() takes %u positional argument%s but %u %s given", fn, code->arity,
                    code->arity == 1 ? "" : "s", nargs, nargs == 1 ? "was" : "were");
  uint32_t missing = code->arity - nargs;
  StrBuf names;
  strbuf_init(&names);
  for (uint32_t i = nargs; i < code->arity; i++) {
    uint32_t k = i - nargs;
    if (k > 0) strbuf_puts(&names, missing == 2 ? " and " : (k == missing - 1 ? ", and " : ", "));
    strbuf_printf(&names, "'%s'", interp_local_name(code, i));
  }
  Status st = vm_raise(vm, B_TypeError, "%s() missing %u required positional argument%s: %s", fn, missing,
                       missing == 1 ? "" : "s", names.data ? names.data : "");
  strbuf_free(&names);
  return st;
}

/* Finds what LOAD_GLOBAL pushes: the global, else the builtin, else NameError. */
Status interp_load_global(VM *vm, const ObjStr *name, Value *out) {
  Value *slot = dict_lookup_str(vm->globals, name);
  if (slot) {
    value_incref(*slot);
    *out = *slot;
    return LS_OK;
  }
  int id = builtin_global(name);
  if (id >= 0) {
    *out = value_builtin(id);
    return LS_OK;
  }
  return vm_raise(vm, B_NameError, "name '%s' is not defined", name->data);
}

/* The keyword names of CALL_KW must be a tuple of strs no longer than the
 * argument count (hostile bytecode may put anything there). */
Status interp_check_kwnames(VM *vm, Value kw, uint32_t nargs) {
  if (!value_is_kind(kw, OBJ_TUPLE)) return vm_raise(vm, B_TypeError, "keyword names must be a tuple");
  const ObjTuple *t = AS_TUPLE(kw);
  if (t->len > (int64_t)nargs) return vm_raise(vm, B_TypeError, "more keyword names than arguments");
  for (int64_t i = 0; i < t->len; i++)
    if (!value_is_kind(t->items[i], OBJ_STR)) return vm_raise(vm, B_TypeError, "keywords must be strings");
  return LS_OK;
}

Status interp_raise(VM *vm, Value v) {
  if (value_is_kind(v, OBJ_EXCEPTION)) {
    value_incref(v);
    return vm_raise_exc(vm, AS_EXCEPTION(v));
  }
  if (v.tag == V_BUILTIN && builtin_is_exception((int)v.as.i)) return vm_raise_noarg(vm, (int)v.as.i);
  return vm_raise(vm, B_TypeError, "exceptions must derive from BaseException");
}

/* isinstance(exc, cls) for `except cls:`, cls an exception class or a
 * tuple of them. */
Status interp_exc_match(VM *vm, Value exc, Value cls, bool *out) {
  const Value *classes = &cls;
  int64_t n = 1;
  if (value_is_kind(cls, OBJ_TUPLE)) {
    classes = AS_TUPLE(cls)->items;
    n = AS_TUPLE(cls)->len;
  }
  for (int64_t i = 0; i < n; i++)
    if (classes[i].tag != V_BUILTIN || !builtin_is_exception((int)classes[i].as.i))
      return vm_raise(vm, B_TypeError, "catching classes that do not inherit from BaseException is not allowed");
  *out = false;
  if (!value_is_kind(exc, OBJ_EXCEPTION)) return LS_OK;
  for (int64_t i = 0; i < n; i++)
    if (exc_class_matches(AS_EXCEPTION(exc)->type, (int)classes[i].as.i)) *out = true;
  return LS_OK;
}

void interp_unwind_all(VM *vm, Frame *f) {
  while (f) {
    Frame *parent = f->parent;
    frame_free(vm, f);
    f = parent;
  }
  vm->depth = 0;
}

