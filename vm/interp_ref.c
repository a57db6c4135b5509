/* The reference interpreter. Its job is to be obviously right: one plain
 * loop, one case per opcode, every operation through vm/ops.c, frames on an
 * explicit linked list (so deep recursion never uses C stack). It trusts the
 * verifier for stack depths and operand ranges, and nothing else. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "vm/builtins.h"
#include "vm/dict.h"
#include "vm/exc.h"
#include "vm/heap.h"
#include "vm/interp.h"
#include "vm/iter.h"
#include "vm/list.h"
#include "vm/opcodes.h"
#include "vm/ops.h"
#include "vm/str.h"

typedef struct Frame {
  struct Frame *parent;
  const Code *code;
  const VMCode *vc;
  uint32_t code_index;
  uint32_t ip;    /* offset of the instruction being executed */
  Value *stack;   /* base of the value stack (after the locals) */
  Value *sp;      /* next free stack slot */
  Value slots[];  /* nlocals locals, then max_stack stack slots */
} Frame;

static Frame *frame_new(VM *vm, Frame *parent, uint32_t code_index) {
  const Code *code = &vm->module->funcs[code_index];
  size_t nslots = (size_t)code->nlocals + code->max_stack;
  Frame *f = malloc(sizeof(Frame) + nslots * sizeof(Value));
  if (!f) return NULL;
  f->parent = parent;
  f->code = code;
  f->vc = &vm->codes[code_index];
  f->code_index = code_index;
  f->ip = 0;
  for (uint32_t i = 0; i < code->nlocals; i++) f->slots[i] = value_unbound();
  f->stack = f->slots + code->nlocals;
  f->sp = f->stack;
  return f;
}

static void frame_free(VM *vm, Frame *f) {
  for (uint32_t i = 0; i < f->code->nlocals; i++)
    if (f->slots[i].tag != V_UNBOUND) value_decref(vm, f->slots[i]);
  while (f->sp > f->stack) value_decref(vm, *--f->sp);
  free(f);
}

static uint32_t read_u32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static const ExcEntry *find_handler(const Code *code, uint32_t ip) {
  for (uint32_t i = 0; i < code->nhandlers; i++) {
    const ExcEntry *h = &code->handlers[i];
    if (h->start <= ip && ip < h->end) return h;
  }
  return NULL;
}

static const char *local_name(const Code *code, uint32_t i) { return code->local_names[i].data; }

static Status raise_unbound_local(VM *vm, const Code *code, uint32_t i) {
  return vm_raise(vm, B_UnboundLocalError,
                  "cannot access local variable '%s' where it is not associated with a value",
                  local_name(code, i));
}

/* CPython's wording for a call with the wrong number of arguments. */
static Status raise_arity_error(VM *vm, const Code *code, uint32_t nargs) {
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
    strbuf_printf(&names, "'%s'", local_name(code, i));
  }
  Status st = vm_raise(vm, B_TypeError, "%s() missing %u required positional argument%s: %s", fn, missing,
                       missing == 1 ? "" : "s", names.data ? names.data : "");
  strbuf_free(&names);
  return st;
}

/* Finds what LOAD_GLOBAL pushes: the global, else the builtin, else NameError. */
static Status load_global(VM *vm, const ObjStr *name, Value *out) {
  Value *slot = dict_lookup_str(vm->globals, name);
  if (slot) {
    value_incref(*slot);
    *out = *slot;
    return LS_OK;
  }
  int id = builtin_by_name(name->data, (size_t)name->nbytes);
  if (id >= 0) {
    *out = value_builtin(id);
    return LS_OK;
  }
  return vm_raise(vm, B_NameError, "name '%s' is not defined", name->data);
}

/* The keyword names of CALL_KW must be a tuple of strs no longer than the
 * argument count (hostile bytecode may put anything there). */
static Status check_kwnames(VM *vm, Value kw, uint32_t nargs) {
  if (!value_is_kind(kw, OBJ_TUPLE)) return vm_raise(vm, B_TypeError, "keyword names must be a tuple");
  const ObjTuple *t = AS_TUPLE(kw);
  if (t->len > (int64_t)nargs) return vm_raise(vm, B_TypeError, "more keyword names than arguments");
  for (int64_t i = 0; i < t->len; i++)
    if (!value_is_kind(t->items[i], OBJ_STR)) return vm_raise(vm, B_TypeError, "keywords must be strings");
  return LS_OK;
}

static Status raise_instance_or_class(VM *vm, Value v) {
  if (value_is_kind(v, OBJ_EXCEPTION)) {
    value_incref(v);
    return vm_raise_exc(vm, AS_EXCEPTION(v));
  }
  if (v.tag == V_BUILTIN && builtin_is_exception((int)v.as.i)) return vm_raise_noarg(vm, (int)v.as.i);
  return vm_raise(vm, B_TypeError, "exceptions must derive from BaseException");
}

/* isinstance(exc, cls) for `except cls:`, cls an exception class or a
 * tuple of them. */
static Status exc_match(VM *vm, Value exc, Value cls, bool *out) {
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

static void unwind_all(VM *vm, Frame *f) {
  while (f) {
    Frame *parent = f->parent;
    frame_free(vm, f);
    f = parent;
  }
  vm->depth = 0;
}

#define PUSH(v) (*f->sp++ = (v))
#define POP() (*--f->sp)
#define TOP() (f->sp[-1])
#define PEEK(n) (f->sp[-(ptrdiff_t)(n)])
#define CHECK(expr) do { if ((expr) != LS_OK) goto error; } while (0)

Status ref_run(VM *vm, Outcome *out) {
  out->kind = OUTCOME_RETURN;
  out->value = value_none();
  Frame *f = frame_new(vm, NULL, 0);
  if (!f) return LS_ERR;
  vm->depth = 1;

  for (;;) {
    const uint8_t *code = f->code->code;
    uint32_t ip = f->ip;
    int op = code[ip];
    uint32_t arg = 0;
    uint32_t next = ip + 1;
    if (opcode_info[op].operand != OPK_NONE) {
      arg = read_u32(code + ip + 1);
      next = ip + 5;
    }

    switch ((Opcode)op) {
    case OP_NOP: break;
    case OP_POP_TOP: value_decref(vm, POP()); break;
    case OP_COPY: {
      Value v = PEEK(arg);
      value_incref(v);
      PUSH(v);
      break;
    }
    case OP_SWAP: {
      Value t = TOP();
      TOP() = PEEK(arg);
      PEEK(arg) = t;
      break;
    }
    case OP_LOAD_CONST: {
      Value v = f->vc->consts[arg];
      value_incref(v);
      PUSH(v);
      break;
    }
    case OP_LOAD_FAST: {
      Value v = f->slots[arg];
      if (v.tag == V_UNBOUND) CHECK(raise_unbound_local(vm, f->code, arg));
      value_incref(v);
      PUSH(v);
      break;
    }
    case OP_STORE_FAST: {
      Value old = f->slots[arg];
      f->slots[arg] = POP();
      if (old.tag != V_UNBOUND) value_decref(vm, old);
      break;
    }
    case OP_DELETE_FAST: {
      Value old = f->slots[arg];
      if (old.tag == V_UNBOUND) CHECK(raise_unbound_local(vm, f->code, arg));
      f->slots[arg] = value_unbound();
      value_decref(vm, old);
      break;
    }
    case OP_LOAD_GLOBAL: {
      Value v;
      CHECK(load_global(vm, AS_STR(f->vc->names[arg]), &v));
      PUSH(v);
      break;
    }
    case OP_STORE_GLOBAL: {
      Value v = POP();
      Status st = dict_set(vm, vm->globals, f->vc->names[arg], v);
      value_decref(vm, v);
      CHECK(st);
      break;
    }
    case OP_DELETE_GLOBAL: {
      Value old;
      bool found;
      CHECK(dict_pop(vm, vm->globals, f->vc->names[arg], &old, &found));
      if (!found) CHECK(vm_raise(vm, B_NameError, "name '%s' is not defined", AS_STR(f->vc->names[arg])->data));
      value_decref(vm, old);
      break;
    }
    case OP_MAKE_FUNCTION: {
      ObjFunction *fn = (ObjFunction *)heap_alloc(vm, sizeof(ObjFunction), OBJ_FUNCTION);
      if (!fn) goto error;
      fn->code_index = arg;
      PUSH(value_obj(&fn->h));
      break;
    }
    case OP_UNARY_NEGATIVE:
    case OP_UNARY_POSITIVE:
    case OP_UNARY_INVERT:
    case OP_UNARY_NOT: {
      Value a = POP(), r;
      Status st = op_unary(vm, op, a, &r);
      value_decref(vm, a);
      CHECK(st);
      PUSH(r);
      break;
    }
    case OP_BINARY_OP:
    case OP_COMPARE_OP:
    case OP_BINARY_SUBSCR: {
      Value b = POP(), a = POP(), r;
      Status st = op == OP_BINARY_OP    ? op_binary(vm, (int)arg, a, b, &r)
                  : op == OP_COMPARE_OP ? op_compare(vm, (int)arg, a, b, &r)
                                        : op_getitem(vm, a, b, &r);
      value_decref(vm, a);
      value_decref(vm, b);
      CHECK(st);
      PUSH(r);
      break;
    }
    case OP_IS_OP: {
      Value b = POP(), a = POP();
      bool r = value_is(a, b) != (arg == 1);
      value_decref(vm, a);
      value_decref(vm, b);
      PUSH(value_bool(r));
      break;
    }
    case OP_CONTAINS_OP: {
      Value container = POP(), item = POP();
      bool r = false;
      Status st = op_contains(vm, item, container, &r);
      value_decref(vm, item);
      value_decref(vm, container);
      CHECK(st);
      PUSH(value_bool(r != (arg == 1)));
      break;
    }
    case OP_STORE_SUBSCR: {
      Value key = POP(), container = POP(), v = POP();
      Status st = op_setitem(vm, container, key, v);
      value_decref(vm, key);
      value_decref(vm, container);
      value_decref(vm, v);
      CHECK(st);
      break;
    }
    case OP_DELETE_SUBSCR: {
      Value key = POP(), container = POP();
      Status st = op_delitem(vm, container, key);
      value_decref(vm, key);
      value_decref(vm, container);
      CHECK(st);
      break;
    }
    case OP_BINARY_SLICE: {
      Value step = POP(), stop = POP(), start = POP(), container = POP(), r;
      Status st = op_slice(vm, container, start, stop, step, &r);
      value_decref(vm, step);
      value_decref(vm, stop);
      value_decref(vm, start);
      value_decref(vm, container);
      CHECK(st);
      PUSH(r);
      break;
    }
    case OP_BUILD_LIST: {
      ObjList *l = list_new(vm, arg);
      if (!l) goto error;
      Value *items = f->sp - arg;
      if (arg > 0) memcpy(l->items, items, arg * sizeof(Value));
      l->len = arg;
      f->sp = items;
      PUSH(value_obj(&l->h));
      break;
    }
    case OP_BUILD_TUPLE: {
      ObjTuple *t = tuple_new(vm, arg);
      if (!t) goto error;
      Value *items = f->sp - arg;
      memcpy(t->items, items, arg * sizeof(Value));
      f->sp = items;
      PUSH(value_obj(&t->h));
      break;
    }
    case OP_BUILD_MAP: {
      ObjDict *d = dict_new(vm);
      if (!d) goto error;
      Value *items = f->sp - 2 * (size_t)arg;
      Status st = LS_OK;
      for (uint32_t i = 0; i < arg && st == LS_OK; i++) st = dict_set(vm, d, items[2 * i], items[2 * i + 1]);
      while (f->sp > items) value_decref(vm, POP());
      if (st != LS_OK) {
        obj_decref(vm, &d->h);
        goto error;
      }
      PUSH(value_obj(&d->h));
      break;
    }
    case OP_LIST_APPEND: {
      Value v = POP();
      Value target = PEEK(arg);
      Status st = value_is_kind(target, OBJ_LIST)
                      ? list_append(vm, AS_LIST(target), v)
                      : vm_raise(vm, B_TypeError, "LIST_APPEND target is '%s', not a list", value_type_name(target));
      value_decref(vm, v);
      CHECK(st);
      break;
    }
    case OP_UNPACK_SEQUENCE: {
      Value seq = POP();
      Status st = op_unpack(vm, seq, arg, f->sp);
      value_decref(vm, seq);
      CHECK(st);
      for (uint32_t i = 0; i < arg / 2; i++) { /* the first item ends on top */
        Value t = f->sp[i];
        f->sp[i] = f->sp[arg - 1 - i];
        f->sp[arg - 1 - i] = t;
      }
      f->sp += arg;
      break;
    }
    case OP_GET_ITER: {
      Value v = POP(), it;
      Status st = iter_new(vm, v, &it);
      value_decref(vm, v);
      CHECK(st);
      PUSH(it);
      break;
    }
    case OP_FOR_ITER: {
      Value it = TOP(), v;
      bool done = false;
      if (!value_is_kind(it, OBJ_ITER))
        CHECK(vm_raise(vm, B_TypeError, "'%s' object is not an iterator", value_type_name(it)));
      if (iter_next(vm, it, &v, &done) != LS_OK) {
        value_decref(vm, POP()); /* a raising instruction has consumed its input */
        goto error;
      }
      if (done) {
        value_decref(vm, POP());
        next += arg;
      } else {
        PUSH(v);
      }
      break;
    }
    case OP_JUMP_FORWARD: next += arg; break;
    case OP_JUMP_BACKWARD:
      CHECK(vm_charge_fuel(vm));
      next -= arg;
      break;
    case OP_POP_JUMP_IF_FALSE:
    case OP_POP_JUMP_IF_TRUE: {
      Value v = POP();
      bool truth = value_truthy(v);
      value_decref(vm, v);
      if (truth == (op == OP_POP_JUMP_IF_TRUE)) next += arg;
      break;
    }
    case OP_CALL:
    case OP_CALL_KW: {
      CHECK(vm_charge_fuel(vm));
      Value kwnames = value_none();
      const ObjTuple *kw = NULL;
      if (op == OP_CALL_KW) {
        kwnames = POP();
        if (check_kwnames(vm, kwnames, arg) != LS_OK) {
          value_decref(vm, kwnames);
          Value *base = f->sp - arg - 1;
          while (f->sp > base) value_decref(vm, POP());
          goto error;
        }
        kw = AS_TUPLE(kwnames);
      }
      Value *args = f->sp - arg;
      Value callee = args[-1];
      if (callee.tag == V_OBJ && callee.as.o->kind == OBJ_FUNCTION) {
        uint32_t ci = AS_FUNCTION(callee)->code_index;
        const Code *target = &vm->module->funcs[ci];
        Status st = LS_OK;
        if (kw && kw->len > 0)
          st = vm_raise(vm, B_TypeError, "%s() got an unexpected keyword argument '%s'", target->name.data,
                        AS_STR(kw->items[0])->data);
        else if (arg != target->arity)
          st = raise_arity_error(vm, target, arg);
        else if (vm->depth >= vm->config.max_depth)
          st = vm_raise(vm, B_RecursionError, "maximum recursion depth exceeded");
        Frame *callee_frame = st == LS_OK ? frame_new(vm, f, ci) : NULL;
        if (st == LS_OK && !callee_frame) st = vm_raise_noarg(vm, B_MemoryError);
        value_decref(vm, kwnames);
        if (st != LS_OK) {
          while (f->sp > args - 1) value_decref(vm, POP());
          goto error;
        }
        memcpy(callee_frame->slots, args, arg * sizeof(Value)); /* the frame takes the references */
        f->sp = args - 1;
        value_decref(vm, callee);
        vm->depth++; /* the caller's ip stays on its CALL until the callee returns */
        f = callee_frame;
        continue;
      }
      Value r = value_none();
      Status st = callee.tag == V_BUILTIN
                      ? builtin_call(vm, (int)callee.as.i, args, arg, kw, &r)
                      : vm_raise(vm, B_TypeError, "'%s' object is not callable", value_type_name(callee));
      value_decref(vm, kwnames);
      while (f->sp > args - 1) value_decref(vm, POP());
      CHECK(st);
      PUSH(r);
      break;
    }
    case OP_LOAD_METHOD: {
      Value self = POP();
      const ObjStr *name = AS_STR(f->vc->names[arg]);
      int id = builtin_method_for(self, name->data, (size_t)name->nbytes);
      if (id < 0) {
        Status st = vm_raise(vm, B_AttributeError, "'%s' object has no attribute '%s'", value_type_name(self), name->data);
        value_decref(vm, self);
        CHECK(st);
      }
      PUSH(value_builtin(id));
      PUSH(self);
      break;
    }
    case OP_RETURN_VALUE: {
      Value r = POP();
      Frame *parent = f->parent;
      frame_free(vm, f);
      vm->depth--;
      if (!parent) {
        out->kind = OUTCOME_RETURN;
        out->value = r;
        return LS_OK;
      }
      f = parent;
      PUSH(r);
      f->ip += opcode_size(f->code->code[f->ip]); /* past the CALL */
      continue;
    }
    case OP_RAISE: {
      Value v = POP();
      raise_instance_or_class(vm, v);
      value_decref(vm, v);
      goto error;
    }
    case OP_CHECK_EXC_MATCH: {
      Value cls = POP();
      bool match = false;
      Status st = exc_match(vm, TOP(), cls, &match);
      value_decref(vm, cls);
      if (st != LS_OK) {
        value_decref(vm, POP());
        goto error;
      }
      PUSH(value_bool(match));
      break;
    }
    case OP_COUNT: break;
    }
    f->ip = next;
    continue;

  error:
    if (vm->out_of_fuel) {
      unwind_all(vm, f);
      out->kind = OUTCOME_FUEL;
      return LS_OK;
    }
    if (!vm->exc) { /* the process itself is out of memory */
      unwind_all(vm, f);
      return LS_ERR;
    }
    for (;;) {
      exc_add_traceback(vm, vm->exc, f->code_index, code_line_at(f->code, f->ip));
      const ExcEntry *h = find_handler(f->code, f->ip);
      if (h) {
        while (f->sp > f->stack + h->depth) value_decref(vm, POP());
        PUSH(value_obj(&vm_take_exc(vm)->h));
        f->ip = h->target;
        break;
      }
      Frame *parent = f->parent;
      frame_free(vm, f);
      vm->depth--;
      if (!parent) {
        out->kind = OUTCOME_EXCEPTION;
        out->value = value_obj(&vm_take_exc(vm)->h);
        return LS_OK;
      }
      f = parent; /* its ip is on the CALL that raised */
    }
  }
}
