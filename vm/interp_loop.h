/* The bytecode interpreter loop, one body for two engines: included by
 * vm/interp_ref.c as the reference interpreter (INTERP_TIER1 0: no counters,
 * no tier-up) and by jit/tier1.c as the tier-1 interpreter that hosts
 * tier-2 traces (INTERP_TIER1 1, with the TIER1_* hooks it defines). Every
 * instruction's semantics is therefore written exactly once.
 *
 * The includer defines INTERP_FN (the function's name) and INTERP_TIER1. */
#ifndef INTERP_FN
#error "define INTERP_FN and INTERP_TIER1 before including vm/interp_loop.h"
#endif

#define PUSH(v) (*f->sp++ = (v))
#define POP() (*--f->sp)
#define TOP() (f->sp[-1])
#define PEEK(n) (f->sp[-(ptrdiff_t)(n)])
#define CHECK(expr) do { if ((expr) != LS_OK) goto error; } while (0)

Status INTERP_FN(VM *vm, Outcome *out) {
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
      arg = interp_read_u32(code + ip + 1);
      next = ip + 5;
    }
#if INTERP_TIER1
    TIER1_BEFORE_INSTRUCTION(f, ip);
#endif

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
      if (v.tag == V_UNBOUND) CHECK(interp_raise_unbound_local(vm, f->code, arg));
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
      if (old.tag == V_UNBOUND) CHECK(interp_raise_unbound_local(vm, f->code, arg));
      f->slots[arg] = value_unbound();
      value_decref(vm, old);
      break;
    }
    case OP_LOAD_GLOBAL: {
      Value v;
      CHECK(interp_load_global(vm, AS_STR(f->vc->names[arg]), &v));
      PUSH(v);
      break;
    }
    case OP_STORE_GLOBAL: {
      Value v = POP();
      Status st = dict_set(vm, vm->globals, f->vc->names[arg], v);
      value_decref(vm, v);
      CHECK(st);
#if INTERP_TIER1
      if (vm->on_global_change) vm->on_global_change(vm, AS_STR(f->vc->names[arg]));
#endif
      break;
    }
    case OP_DELETE_GLOBAL: {
      Value old;
      bool found;
      CHECK(dict_pop(vm, vm->globals, f->vc->names[arg], &old, &found));
      if (!found) CHECK(vm_raise(vm, B_NameError, "name '%s' is not defined", AS_STR(f->vc->names[arg])->data));
      value_decref(vm, old);
#if INTERP_TIER1
      if (vm->on_global_change) vm->on_global_change(vm, AS_STR(f->vc->names[arg]));
#endif
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
      if (vm->checkpoint) vm->checkpoint(vm, CHECKPOINT_BACKEDGE, f, ip, 0);
      CHECK(vm_charge_fuel(vm));
      next -= arg;
#if INTERP_TIER1
      TIER1_HOT_SPOT(f, next);
#endif
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
        if (interp_check_kwnames(vm, kwnames, arg) != LS_OK) {
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
          st = interp_raise_arity_error(vm, target, arg);
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
        if (vm->checkpoint) vm->checkpoint(vm, CHECKPOINT_CALL, f, 0, 0);
#if INTERP_TIER1
        TIER1_HOT_SPOT(f, 0); /* a function's entry is traced like a loop head */
#endif
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
      if (vm->checkpoint) vm->checkpoint(vm, CHECKPOINT_RETURN, f, ip, 0);
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
      interp_raise(vm, v);
      value_decref(vm, v);
      goto error;
    }
    case OP_CHECK_EXC_MATCH: {
      Value cls = POP();
      bool match = false;
      Status st = interp_exc_match(vm, TOP(), cls, &match);
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
#if INTERP_TIER1
    TIER1_ON_ERROR();
#endif
    if (vm->out_of_fuel) {
      interp_unwind_all(vm, f);
      out->kind = OUTCOME_FUEL;
      return LS_OK;
    }
    if (!vm->exc) { /* the process itself is out of memory */
      interp_unwind_all(vm, f);
      return LS_ERR;
    }
    for (;;) {
      exc_add_traceback(vm, vm->exc, f->code_index, code_line_at(f->code, f->ip));
      const ExcEntry *h = interp_find_handler(f->code, f->ip);
      if (h && vm_charge_fuel(vm) != LS_OK) { /* a handler may jump backward: it costs fuel like a back-edge */
        interp_unwind_all(vm, f);
        out->kind = OUTCOME_FUEL;
        return LS_OK;
      }
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
