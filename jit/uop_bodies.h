/* The body of every uop, written once. Included inside a switch by each
 * consumer (jit/uop_interp.c, jit/template.c), which defines:
 *   UOP(NAME) ... END_UOP   open and close one body
 *   OPARG, OPERAND, TARGET   this uop instance's operands
 *   vm, frame, sp            the VM, the current Frame, the stack pointer
 *   DEOPT_IF(c)   leave the trace at TARGET, stack untouched by this
 *                 instruction (tier 1 re-executes it)
 *   EXIT_IF(c)    the same, as a counted side exit (branch guards)
 *   ERROR_IF(c)   leave with an exception pending; the instruction's inputs
 *                 are consumed, as the reference interpreter has them
 *   EXIT_AT(off)  leave the trace, resuming tier 1 at bytecode offset `off`
 *   JUMP_TO_TOP() continue at the start of the trace
 *   EXECUTOR_VALID  whether the running executor is still valid
 * The semantics mirror vm/interp_loop.h instruction for instruction: the
 * same helpers, the same order of allocations and reference drops, so that
 * heap limits and fuel stop every engine at the same point. Fast paths only
 * take cases whose results are certain and leave everything else (errors,
 * overflow) to tier 1 by deopting before touching the stack. */

UOP(NOP) {
}
END_UOP

UOP(POP_TOP) {
  value_decref(vm, *--sp);
}
END_UOP

UOP(COPY) {
  Value v = sp[-(ptrdiff_t)OPARG];
  value_incref(v);
  *sp++ = v;
}
END_UOP

UOP(SWAP) {
  Value t = sp[-1];
  sp[-1] = sp[-(ptrdiff_t)OPARG];
  sp[-(ptrdiff_t)OPARG] = t;
}
END_UOP

UOP(LOAD_CONST) {
  Value v = frame->vc->consts[OPARG];
  value_incref(v);
  *sp++ = v;
}
END_UOP

UOP(LOAD_FAST) {
  Value v = frame->slots[OPARG];
  DEOPT_IF(v.tag == V_UNBOUND);
  value_incref(v);
  *sp++ = v;
}
END_UOP

UOP(STORE_FAST) {
  Value old = frame->slots[OPARG];
  frame->slots[OPARG] = *--sp;
  if (old.tag != V_UNBOUND) value_decref(vm, old);
}
END_UOP

UOP(DELETE_FAST) {
  Value old = frame->slots[OPARG];
  DEOPT_IF(old.tag == V_UNBOUND);
  frame->slots[OPARG] = value_unbound();
  value_decref(vm, old);
}
END_UOP

UOP(LOAD_GLOBAL) {
  Value v;
  Status st = interp_load_global(vm, AS_STR(frame->vc->names[OPARG]), &v);
  ERROR_IF(st != LS_OK);
  *sp++ = v;
}
END_UOP

UOP(LOAD_GLOBAL_BUILTIN) {
  *sp++ = value_builtin((int)OPERAND);
}
END_UOP

UOP(LOAD_GLOBAL_FUNCTION) {
  Value v = value_obj((Obj *)(uintptr_t)OPERAND);
  value_incref(v);
  *sp++ = v;
}
END_UOP

UOP(STORE_GLOBAL) {
  Value v = *--sp;
  Status st = dict_set(vm, vm->globals, frame->vc->names[OPARG], v);
  value_decref(vm, v);
  ERROR_IF(st != LS_OK);
  if (vm->on_global_change) vm->on_global_change(vm, AS_STR(frame->vc->names[OPARG]));
}
END_UOP

UOP(DELETE_GLOBAL) {
  Value old;
  bool found;
  Status st = dict_pop(vm, vm->globals, frame->vc->names[OPARG], &old, &found);
  ERROR_IF(st != LS_OK);
  if (!found) st = vm_raise(vm, B_NameError, "name '%s' is not defined", AS_STR(frame->vc->names[OPARG])->data);
  ERROR_IF(st != LS_OK);
  value_decref(vm, old);
  if (vm->on_global_change) vm->on_global_change(vm, AS_STR(frame->vc->names[OPARG]));
}
END_UOP

UOP(CHECK_VALIDITY) {
  DEOPT_IF(!EXECUTOR_VALID);
}
END_UOP

UOP(MAKE_FUNCTION) {
  ObjFunction *fn = (ObjFunction *)heap_alloc(vm, sizeof(ObjFunction), OBJ_FUNCTION);
  ERROR_IF(fn == NULL);
  fn->code_index = OPARG;
  *sp++ = value_obj(&fn->h);
}
END_UOP

UOP(UNARY_OP) {
  Value a = *--sp, r;
  Status st = op_unary(vm, (int)OPARG, a, &r);
  value_decref(vm, a);
  ERROR_IF(st != LS_OK);
  *sp++ = r;
}
END_UOP

UOP(UNARY_NEGATIVE_INT) {
  Value a = sp[-1];
  DEOPT_IF(a.tag != V_INT || a.as.i == INT64_MIN);
  sp[-1] = value_int(-a.as.i);
}
END_UOP

UOP(UNARY_NOT_BOOL) {
  Value a = sp[-1];
  DEOPT_IF(a.tag != V_BOOL);
  sp[-1] = value_bool(a.as.i == 0);
}
END_UOP

UOP(GUARD_BOTH_INT) {
  DEOPT_IF(sp[-1].tag != V_INT || sp[-2].tag != V_INT);
}
END_UOP

UOP(GUARD_BOTH_FLOAT) {
  DEOPT_IF(sp[-1].tag != V_FLOAT || sp[-2].tag != V_FLOAT);
}
END_UOP

UOP(BINARY_OP_ADD_INT) {
  int64_t r;
  DEOPT_IF(__builtin_add_overflow(sp[-2].as.i, sp[-1].as.i, &r));
  sp[-2] = value_int(r);
  sp--;
}
END_UOP

UOP(BINARY_OP_SUBTRACT_INT) {
  int64_t r;
  DEOPT_IF(__builtin_sub_overflow(sp[-2].as.i, sp[-1].as.i, &r));
  sp[-2] = value_int(r);
  sp--;
}
END_UOP

UOP(BINARY_OP_MULTIPLY_INT) {
  int64_t r;
  DEOPT_IF(__builtin_mul_overflow(sp[-2].as.i, sp[-1].as.i, &r));
  sp[-2] = value_int(r);
  sp--;
}
END_UOP

UOP(BINARY_OP_ADD_FLOAT) {
  sp[-2] = value_float(sp[-2].as.f + sp[-1].as.f);
  sp--;
}
END_UOP

UOP(BINARY_OP_SUBTRACT_FLOAT) {
  sp[-2] = value_float(sp[-2].as.f - sp[-1].as.f);
  sp--;
}
END_UOP

UOP(BINARY_OP_MULTIPLY_FLOAT) {
  sp[-2] = value_float(sp[-2].as.f * sp[-1].as.f);
  sp--;
}
END_UOP

UOP(BINARY_OP_TRUEDIV_FLOAT) {
  DEOPT_IF(sp[-1].as.f == 0.0);
  sp[-2] = value_float(sp[-2].as.f / sp[-1].as.f);
  sp--;
}
END_UOP

UOP(BINARY_OP) {
  Value b = sp[-1], a = sp[-2], r;
  Status st = op_binary(vm, (int)OPARG, a, b, &r);
  value_decref(vm, a);
  value_decref(vm, b);
  sp -= 2;
  ERROR_IF(st != LS_OK);
  *sp++ = r;
}
END_UOP

UOP(COMPARE_OP_INT) {
  int64_t a = sp[-2].as.i, b = sp[-1].as.i;
  bool r;
  switch (OPARG) {
  case CMPOP_LT: r = a < b; break;
  case CMPOP_LE: r = a <= b; break;
  case CMPOP_EQ: r = a == b; break;
  case CMPOP_NE: r = a != b; break;
  case CMPOP_GT: r = a > b; break;
  default: r = a >= b; break;
  }
  sp[-2] = value_bool(r);
  sp--;
}
END_UOP

UOP(COMPARE_OP_FLOAT) {
  double a = sp[-2].as.f, b = sp[-1].as.f;
  bool r;
  switch (OPARG) { /* IEEE comparisons: NaN compares false except != */
  case CMPOP_LT: r = a < b; break;
  case CMPOP_LE: r = a <= b; break;
  case CMPOP_EQ: r = a == b; break;
  case CMPOP_NE: r = a != b; break;
  case CMPOP_GT: r = a > b; break;
  default: r = a >= b; break;
  }
  sp[-2] = value_bool(r);
  sp--;
}
END_UOP

UOP(COMPARE_OP) {
  Value b = sp[-1], a = sp[-2], r;
  Status st = op_compare(vm, (int)OPARG, a, b, &r);
  value_decref(vm, a);
  value_decref(vm, b);
  sp -= 2;
  ERROR_IF(st != LS_OK);
  *sp++ = r;
}
END_UOP

UOP(IS_OP) {
  Value b = sp[-1], a = sp[-2];
  bool r = value_is(a, b) != (OPARG == 1);
  value_decref(vm, a);
  value_decref(vm, b);
  sp -= 2;
  *sp++ = value_bool(r);
}
END_UOP

UOP(CONTAINS_OP) {
  Value container = sp[-1], item = sp[-2];
  bool r = false;
  Status st = op_contains(vm, item, container, &r);
  value_decref(vm, item);
  value_decref(vm, container);
  sp -= 2;
  ERROR_IF(st != LS_OK);
  *sp++ = value_bool(r != (OPARG == 1));
}
END_UOP

UOP(BINARY_SUBSCR_LIST_INT) {
  Value container = sp[-2], key = sp[-1];
  DEOPT_IF(!value_is_kind(container, OBJ_LIST) || key.tag != V_INT);
  ObjList *l = AS_LIST(container);
  int64_t i = key.as.i < 0 ? key.as.i + l->len : key.as.i;
  DEOPT_IF(i < 0 || i >= l->len);
  Value v = l->items[i];
  value_incref(v);
  sp[-2] = v;
  sp--;
  obj_decref(vm, &l->h);
}
END_UOP

UOP(BINARY_SUBSCR) {
  Value b = sp[-1], a = sp[-2], r;
  Status st = op_getitem(vm, a, b, &r);
  value_decref(vm, a);
  value_decref(vm, b);
  sp -= 2;
  ERROR_IF(st != LS_OK);
  *sp++ = r;
}
END_UOP

UOP(STORE_SUBSCR_LIST_INT) {
  Value key = sp[-1], container = sp[-2], v = sp[-3];
  DEOPT_IF(!value_is_kind(container, OBJ_LIST) || key.tag != V_INT);
  ObjList *l = AS_LIST(container);
  int64_t i = key.as.i < 0 ? key.as.i + l->len : key.as.i;
  DEOPT_IF(i < 0 || i >= l->len);
  Value old = l->items[i];
  l->items[i] = v; /* the list takes the stack's reference */
  sp -= 3;
  value_decref(vm, old);
  obj_decref(vm, &l->h);
}
END_UOP

UOP(STORE_SUBSCR) {
  Value key = sp[-1], container = sp[-2], v = sp[-3];
  Status st = op_setitem(vm, container, key, v);
  value_decref(vm, key);
  value_decref(vm, container);
  value_decref(vm, v);
  sp -= 3;
  ERROR_IF(st != LS_OK);
}
END_UOP

UOP(DELETE_SUBSCR) {
  Value key = sp[-1], container = sp[-2];
  Status st = op_delitem(vm, container, key);
  value_decref(vm, key);
  value_decref(vm, container);
  sp -= 2;
  ERROR_IF(st != LS_OK);
}
END_UOP

UOP(BINARY_SLICE) {
  Value step = sp[-1], stop = sp[-2], start = sp[-3], container = sp[-4], r;
  Status st = op_slice(vm, container, start, stop, step, &r);
  value_decref(vm, step);
  value_decref(vm, stop);
  value_decref(vm, start);
  value_decref(vm, container);
  sp -= 4;
  ERROR_IF(st != LS_OK);
  *sp++ = r;
}
END_UOP

UOP(BUILD_LIST) {
  ObjList *l = list_new(vm, OPARG);
  ERROR_IF(l == NULL);
  Value *items = sp - OPARG;
  for (uint32_t i = 0; i < OPARG; i++) l->items[i] = items[i];
  l->len = OPARG;
  sp = items;
  *sp++ = value_obj(&l->h);
}
END_UOP

UOP(BUILD_TUPLE) {
  ObjTuple *t = tuple_new(vm, OPARG);
  ERROR_IF(t == NULL);
  Value *items = sp - OPARG;
  for (uint32_t i = 0; i < OPARG; i++) t->items[i] = items[i];
  sp = items;
  *sp++ = value_obj(&t->h);
}
END_UOP

UOP(BUILD_MAP) {
  ObjDict *d = dict_new(vm);
  ERROR_IF(d == NULL);
  Value *items = sp - 2 * (size_t)OPARG;
  Status st = LS_OK;
  for (uint32_t i = 0; i < OPARG && st == LS_OK; i++) st = dict_set(vm, d, items[2 * i], items[2 * i + 1]);
  while (sp > items) value_decref(vm, *--sp);
  if (st != LS_OK) obj_decref(vm, &d->h);
  ERROR_IF(st != LS_OK);
  *sp++ = value_obj(&d->h);
}
END_UOP

UOP(LIST_APPEND) {
  Value v = *--sp;
  Value target = sp[-(ptrdiff_t)OPARG];
  Status st = value_is_kind(target, OBJ_LIST)
                  ? list_append(vm, AS_LIST(target), v)
                  : vm_raise(vm, B_TypeError, "LIST_APPEND target is '%s', not a list", value_type_name(target));
  value_decref(vm, v);
  ERROR_IF(st != LS_OK);
}
END_UOP

UOP(UNPACK_SEQUENCE) {
  Value seq = *--sp;
  Status st = op_unpack(vm, seq, OPARG, sp);
  value_decref(vm, seq);
  ERROR_IF(st != LS_OK);
  for (uint32_t i = 0; i < OPARG / 2; i++) { /* the first item ends on top */
    Value t = sp[i];
    sp[i] = sp[OPARG - 1 - i];
    sp[OPARG - 1 - i] = t;
  }
  sp += OPARG;
}
END_UOP

UOP(GET_ITER) {
  Value v = *--sp, it;
  Status st = iter_new(vm, v, &it);
  value_decref(vm, v);
  ERROR_IF(st != LS_OK);
  *sp++ = it;
}
END_UOP

UOP(FOR_ITER) {
  Value it = sp[-1], v;
  bool done = false;
  DEOPT_IF(!value_is_kind(it, OBJ_ITER)); /* tier 1 raises the TypeError */
  Status st = iter_next(vm, it, &v, &done);
  if (st != LS_OK) value_decref(vm, *--sp);
  ERROR_IF(st != LS_OK);
  if (done) {
    value_decref(vm, *--sp);
    EXIT_AT((uint32_t)OPERAND);
  }
  *sp++ = v;
}
END_UOP

UOP(FOR_ITER_RANGE) {
  Value it = sp[-1];
  DEOPT_IF(!value_is_kind(it, OBJ_ITER) || AS_ITER(it)->iter != ITER_RANGE);
  ObjIter *r = AS_ITER(it);
  if (r->n <= 0) {
    value_decref(vm, *--sp);
    EXIT_AT((uint32_t)OPERAND);
  }
  int64_t v = r->i;
  if (--r->n > 0) r->i = (int64_t)((uint64_t)r->i + (uint64_t)r->step); /* as vm/iter.c: wrapping, exact */
  *sp++ = value_int(v);
}
END_UOP

UOP(GUARD_IS_TRUE_POP) {
  EXIT_IF(!value_truthy(sp[-1]));
  value_decref(vm, *--sp);
}
END_UOP

UOP(GUARD_IS_FALSE_POP) {
  EXIT_IF(value_truthy(sp[-1]));
  value_decref(vm, *--sp);
}
END_UOP

UOP(CHECK_FUNCTION) {
  Value callee = sp[-(ptrdiff_t)OPARG - 1];
  DEOPT_IF(!value_is_kind(callee, OBJ_FUNCTION) || AS_FUNCTION(callee)->code_index != (uint32_t)OPERAND);
}
END_UOP

/* As CALL in vm/interp_loop.h: fuel first, then the depth limit, then the
 * frame. The arity was checked when the trace was recorded and cannot change
 * for a given code object. */
UOP(PUSH_FRAME) {
  DEOPT_IF(vm->config.fuel >= 0 && vm->fuel <= 0);
  DEOPT_IF(vm->depth >= vm->config.max_depth);
  Frame *callee = frame_new(vm, frame, (uint32_t)OPERAND);
  DEOPT_IF(callee == NULL);
  if (vm->config.fuel >= 0) vm->fuel--;
  Value *args = sp - OPARG;
  for (uint32_t i = 0; i < OPARG; i++) callee->slots[i] = args[i]; /* the frame takes the references */
  sp = args - 1;
  value_decref(vm, *sp); /* the function object */
  frame->sp = sp;
  frame->ip = TARGET; /* the caller waits on its CALL, as in tier 1 */
  vm->depth++;
  frame = callee;
  sp = callee->sp;
}
END_UOP

UOP(POP_FRAME) {
  Value result = *--sp;
  Frame *caller = frame->parent;
  frame->sp = sp;
  frame_free(vm, frame);
  vm->depth--;
  frame = caller;
  sp = caller->sp;
  *sp++ = result;
}
END_UOP

UOP(CALL_BUILTIN) {
  Value *args = sp - OPARG;
  Value callee = args[-1];
  DEOPT_IF(callee.tag != V_BUILTIN);
  DEOPT_IF(vm->config.fuel >= 0 && vm->fuel <= 0); /* tier 1 runs out of fuel here */
  if (vm->config.fuel >= 0) vm->fuel--;
  Value r = value_none();
  Status st = builtin_call(vm, (int)callee.as.i, args, OPARG, NULL, &r);
  while (sp > args - 1) value_decref(vm, *--sp);
  ERROR_IF(st != LS_OK);
  *sp++ = r;
}
END_UOP

UOP(CALL_KW_BUILTIN) {
  Value *args = sp - 1 - OPARG;
  Value callee = args[-1];
  DEOPT_IF(callee.tag != V_BUILTIN);
  DEOPT_IF(vm->config.fuel >= 0 && vm->fuel <= 0);
  if (vm->config.fuel >= 0) vm->fuel--;
  Value kwnames = *--sp;
  Status st = interp_check_kwnames(vm, kwnames, OPARG);
  Value r = value_none();
  if (st == LS_OK) st = builtin_call(vm, (int)callee.as.i, args, OPARG, AS_TUPLE(kwnames), &r);
  value_decref(vm, kwnames);
  while (sp > args - 1) value_decref(vm, *--sp);
  ERROR_IF(st != LS_OK);
  *sp++ = r;
}
END_UOP

UOP(LOAD_METHOD) {
  Value self = *--sp;
  const ObjStr *name = AS_STR(frame->vc->names[OPARG]);
  int id = builtin_method(self, name);
  if (id < 0) {
    vm_raise(vm, B_AttributeError, "'%s' object has no attribute '%s'", value_type_name(self), name->data);
    value_decref(vm, self);
  }
  ERROR_IF(id < 0);
  *sp++ = value_builtin(id);
  *sp++ = self;
}
END_UOP

UOP(CHECK_EXC_MATCH) {
  Value cls = *--sp;
  bool match = false;
  Status st = interp_exc_match(vm, sp[-1], cls, &match);
  value_decref(vm, cls);
  if (st != LS_OK) value_decref(vm, *--sp);
  ERROR_IF(st != LS_OK);
  *sp++ = value_bool(match);
}
END_UOP

/* Before JUMP_TO_TOP, the back-edge checkpoint is reported only when the
 * back-edge will be taken here: when fuel is out, JUMP_TO_TOP deopts and
 * tier 1 reports it as it re-executes the JUMP_BACKWARD. */
UOP(CHECKPOINT) {
  bool deopting_at_backedge = OPARG == CHECKPOINT_BACKEDGE && vm->config.fuel >= 0 && vm->fuel <= 0;
  if (vm->checkpoint && !deopting_at_backedge) {
    frame->sp = sp;
    frame->ip = TARGET;
    vm->checkpoint(vm, (CheckpointKind)OPARG, frame, TARGET, 0);
  }
}
END_UOP

UOP(JUMP_TO_TOP) {
  DEOPT_IF(vm->config.fuel >= 0 && vm->fuel <= 0); /* tier 1 runs out of fuel at the JUMP_BACKWARD */
  if (vm->config.fuel >= 0) vm->fuel--;
  JUMP_TO_TOP();
}
END_UOP

UOP(EXIT_TRACE) {
  EXIT_AT(TARGET);
}
END_UOP
