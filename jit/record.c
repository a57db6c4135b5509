/* Translation of executed bytecode into uops (see jit/record.h). A trace
 * follows exactly the path tier 1 takes: guards check that later runs take
 * it too, and leave the trace (resuming tier 1 at the guarded instruction,
 * which tier 1 then re-executes) when they do not. Anything the trace does
 * not handle ends it with EXIT_TRACE at that instruction. */
#include "jit/record.h"

#include <string.h>

#include "vm/builtins.h"
#include "vm/dict.h"
#include "vm/interp_support.h"
#include "vm/opcodes.h"
#include "vm/ops.h"

void record_start(Recorder *r, const Frame *f, uint32_t start) {
  r->active = true;
  r->frame = f;
  r->frames[0] = f;
  r->depth = 0;
  r->expect_callee = r->expect_return = false;
  r->code_index = f->code_index;
  r->start = start;
  r->len = 0;
  r->nexits = 0;
  r->ndeps = 0;
  r->pending_for_iter = false;
}

/* Appends a uop; false when the trace is full (one slot stays free for the
 * final EXIT_TRACE). */
static bool emit(Recorder *r, UopId uop, uint32_t oparg, uint64_t operand, uint32_t target) {
  if (r->len + 1 >= TIER2_MAX_TRACE) return false;
  UopInstr *u = &r->uops[r->len++];
  u->uop = (uint16_t)uop;
  u->reserved = 0;
  u->oparg = oparg;
  u->operand = operand;
  u->target = target;
  u->exit_index = (uop_info[uop].flags & (UOPF_DEOPT | UOPF_EXIT | UOPF_ERROR)) ? r->nexits++ : 0;
  return true;
}

/* Ends the trace so that tier 1 resumes at `ip`. */
static RecordResult finish_at(Recorder *r, uint32_t ip) {
  UopInstr *u = &r->uops[r->len++];
  *u = (UopInstr){.uop = UOP_EXIT_TRACE, .target = ip, .exit_index = r->nexits++};
  r->active = false;
  /* A trace that does nothing but leave is not worth an executor. */
  return r->len > 1 ? RECORD_DONE : RECORD_ABORT;
}

/* Whether a load of `name` has been baked into the trace being recorded
 * (names are compared by content: each code object has its own). */
static bool has_baked(const Recorder *r, const ObjStr *name) {
  for (uint32_t i = 0; i < r->ndeps; i++)
    if (r->deps[i]->nbytes == name->nbytes && memcmp(r->deps[i]->data, name->data, (size_t)name->nbytes) == 0)
      return true;
  return false;
}

/* Tier 1 is about to rebind or delete global `name` in the recorded
 * iteration. If an earlier load of it was baked, the trace would begin its
 * next run with the value from before this store (the executor does not
 * exist yet, so the store cannot invalidate it): give up the recording. */
static RecordResult abort_if_baked(Recorder *r, const ObjStr *name) {
  if (!has_baked(r, name)) return RECORD_CONTINUE;
  r->active = false;
  return RECORD_ABORT;
}

/* Where the recording stood before the current instruction. An instruction
 * is recorded whole or not at all: if the trace fills up halfway through
 * one, its uops are dropped and the trace ends *before* it, so that tier 1
 * executes it exactly once (a DELETE_GLOBAL whose CHECK_VALIDITY did not
 * fit must not be left in the trace with an exit that re-executes it). */
typedef struct RecordMark {
  uint32_t len, nexits, ndeps;
} RecordMark;

static RecordResult finish_before(Recorder *r, uint32_t ip, const RecordMark *m) {
  r->len = m->len;
  r->nexits = m->nexits;
  r->ndeps = m->ndeps;
  r->pending_for_iter = r->expect_callee = r->expect_return = false;
  return finish_at(r, ip);
}

static bool add_dep(Recorder *r, const ObjStr *name) {
  for (uint32_t i = 0; i < r->ndeps; i++)
    if (r->deps[i] == name) return true;
  if (r->ndeps == RECORD_MAX_DEPS) return false;
  r->deps[r->ndeps++] = name;
  return true;
}

static bool is_int_op(int binop) {
  switch (binop % BINOP_INPLACE_BASE) {
  case BINOP_ADD: case BINOP_SUB: case BINOP_MUL: return true;
  default: return false;
  }
}

static UopId int_op_uop(int binop) {
  switch (binop % BINOP_INPLACE_BASE) {
  case BINOP_ADD: return UOP_BINARY_OP_ADD_INT;
  case BINOP_SUB: return UOP_BINARY_OP_SUBTRACT_INT;
  default: return UOP_BINARY_OP_MULTIPLY_INT;
  }
}

static bool is_float_op(int binop) { return is_int_op(binop) || binop % BINOP_INPLACE_BASE == BINOP_TRUEDIV; }

static UopId float_op_uop(int binop) {
  switch (binop % BINOP_INPLACE_BASE) {
  case BINOP_ADD: return UOP_BINARY_OP_ADD_FLOAT;
  case BINOP_SUB: return UOP_BINARY_OP_SUBTRACT_FLOAT;
  case BINOP_MUL: return UOP_BINARY_OP_MULTIPLY_FLOAT;
  default: return UOP_BINARY_OP_TRUEDIV_FLOAT;
  }
}

/* LOAD_GLOBAL: a function or builtin is baked into the trace, which then
 * depends on the name keeping its binding (jit/tier1.c invalidates the
 * executor when it changes); anything else is looked up every time. */
static bool record_load_global(Recorder *r, VM *vm, const Frame *f, uint32_t arg, uint32_t ip) {
  const ObjStr *name = AS_STR(f->vc->names[arg]);
  Value *slot = dict_lookup_str(vm->globals, name);
  if (slot && value_is_kind(*slot, OBJ_FUNCTION) && add_dep(r, name))
    return emit(r, UOP_LOAD_GLOBAL_FUNCTION, arg, (uint64_t)(uintptr_t)slot->as.o, ip);
  int id = slot ? -1 : builtin_global(name);
  if (id >= 0 && add_dep(r, name)) return emit(r, UOP_LOAD_GLOBAL_BUILTIN, arg, (uint64_t)id, ip);
  return emit(r, UOP_LOAD_GLOBAL, arg, 0, ip);
}

static bool record_binary_op(Recorder *r, const Frame *f, uint32_t arg, uint32_t ip) {
  Value a = f->sp[-2], b = f->sp[-1];
  if (a.tag == V_INT && b.tag == V_INT && is_int_op((int)arg))
    return emit(r, UOP_GUARD_BOTH_INT, 0, 0, ip) && emit(r, int_op_uop((int)arg), arg, 0, ip);
  if (a.tag == V_FLOAT && b.tag == V_FLOAT && is_float_op((int)arg))
    return emit(r, UOP_GUARD_BOTH_FLOAT, 0, 0, ip) && emit(r, float_op_uop((int)arg), arg, 0, ip);
  return emit(r, UOP_BINARY_OP, arg, 0, ip);
}

static bool record_compare_op(Recorder *r, const Frame *f, uint32_t arg, uint32_t ip) {
  Value a = f->sp[-2], b = f->sp[-1];
  if (a.tag == V_INT && b.tag == V_INT)
    return emit(r, UOP_GUARD_BOTH_INT, 0, 0, ip) && emit(r, UOP_COMPARE_OP_INT, arg, 0, ip);
  if (a.tag == V_FLOAT && b.tag == V_FLOAT)
    return emit(r, UOP_GUARD_BOTH_FLOAT, 0, 0, ip) && emit(r, UOP_COMPARE_OP_FLOAT, arg, 0, ip);
  return emit(r, UOP_COMPARE_OP, arg, 0, ip);
}

static bool list_index_in_range(Value container, Value key) {
  if (!value_is_kind(container, OBJ_LIST) || key.tag != V_INT) return false;
  int64_t len = AS_LIST(container)->len, i = key.as.i;
  return i < len && i >= -len;
}

RecordResult record_instruction(Recorder *r, VM *vm, const Frame *f, uint32_t ip) {
  if (r->expect_callee) { /* tier 1 has just made the call PUSH_FRAME stands for */
    r->expect_callee = false;
    if (f->parent == r->frame && ip == 0 && r->depth < RECORD_MAX_INLINE) {
      r->frame = r->frames[++r->depth] = f;
      if (r->lockstep && !emit(r, UOP_CHECKPOINT, CHECKPOINT_CALL, 0, 0)) return finish_at(r, ip);
    }
  } else if (r->expect_return) {
    r->expect_return = false;
    if (r->depth > 0) r->frame = r->frames[--r->depth];
  }
  if (f != r->frame) {
    r->active = false;
    return RECORD_ABORT;
  }
  if (r->pending_for_iter) {
    r->pending_for_iter = false;
    /* The loop ended while recording: the trace's FOR_ITER leaves by its
     * own exit when exhausted, so end the recorded path at the body. */
    if (ip == r->for_iter_exit && ip != r->for_iter_body) return finish_at(r, r->for_iter_body);
  }
  const RecordMark mark = {r->len, r->nexits, r->ndeps};
  const uint8_t *code = f->code->code;
  int op = code[ip];
  uint32_t arg = opcode_info[op].operand == OPK_NONE ? 0 : interp_read_u32(code + ip + 1);
  uint32_t next = ip + opcode_size(op);
  bool ok = true;
  switch ((Opcode)op) {
  /* NOP keeps its uop so that the trace mirrors the bytecode (its stencil
   * is empty, so it costs nothing as machine code). */
  case OP_NOP: ok = emit(r, UOP_NOP, 0, 0, ip); break;
  case OP_JUMP_FORWARD: break;
  case OP_POP_TOP: ok = emit(r, UOP_POP_TOP, 0, 0, ip); break;
  case OP_COPY: ok = emit(r, UOP_COPY, arg, 0, ip); break;
  case OP_SWAP: ok = emit(r, UOP_SWAP, arg, 0, ip); break;
  case OP_LOAD_CONST: ok = emit(r, UOP_LOAD_CONST, arg, 0, ip); break;
  case OP_LOAD_FAST: ok = emit(r, UOP_LOAD_FAST, arg, 0, ip); break;
  case OP_STORE_FAST: ok = emit(r, UOP_STORE_FAST, arg, 0, ip); break;
  case OP_DELETE_FAST: ok = emit(r, UOP_DELETE_FAST, arg, 0, ip); break;
  case OP_LOAD_GLOBAL: ok = record_load_global(r, vm, f, arg, ip); break;
  case OP_STORE_GLOBAL:
    if (abort_if_baked(r, AS_STR(f->vc->names[arg])) == RECORD_ABORT) return RECORD_ABORT;
    ok = emit(r, UOP_STORE_GLOBAL, arg, 0, ip) && emit(r, UOP_CHECK_VALIDITY, 0, 0, next);
    break;
  case OP_DELETE_GLOBAL:
    if (abort_if_baked(r, AS_STR(f->vc->names[arg])) == RECORD_ABORT) return RECORD_ABORT;
    ok = emit(r, UOP_DELETE_GLOBAL, arg, 0, ip) && emit(r, UOP_CHECK_VALIDITY, 0, 0, next);
    break;
  case OP_MAKE_FUNCTION: ok = emit(r, UOP_MAKE_FUNCTION, arg, 0, ip); break;
  case OP_UNARY_NEGATIVE:
    ok = f->sp[-1].tag == V_INT ? emit(r, UOP_UNARY_NEGATIVE_INT, 0, 0, ip) : emit(r, UOP_UNARY_OP, (uint32_t)op, 0, ip);
    break;
  case OP_UNARY_NOT:
    ok = f->sp[-1].tag == V_BOOL ? emit(r, UOP_UNARY_NOT_BOOL, 0, 0, ip) : emit(r, UOP_UNARY_OP, (uint32_t)op, 0, ip);
    break;
  case OP_UNARY_POSITIVE:
  case OP_UNARY_INVERT: ok = emit(r, UOP_UNARY_OP, (uint32_t)op, 0, ip); break;
  case OP_BINARY_OP: ok = record_binary_op(r, f, arg, ip); break;
  case OP_COMPARE_OP: ok = record_compare_op(r, f, arg, ip); break;
  case OP_IS_OP: ok = emit(r, UOP_IS_OP, arg, 0, ip); break;
  case OP_CONTAINS_OP: ok = emit(r, UOP_CONTAINS_OP, arg, 0, ip); break;
  case OP_BINARY_SUBSCR:
    ok = list_index_in_range(f->sp[-2], f->sp[-1]) ? emit(r, UOP_BINARY_SUBSCR_LIST_INT, 0, 0, ip)
                                                   : emit(r, UOP_BINARY_SUBSCR, 0, 0, ip);
    break;
  case OP_STORE_SUBSCR:
    ok = list_index_in_range(f->sp[-2], f->sp[-1]) ? emit(r, UOP_STORE_SUBSCR_LIST_INT, 0, 0, ip)
                                                   : emit(r, UOP_STORE_SUBSCR, 0, 0, ip);
    break;
  case OP_DELETE_SUBSCR: ok = emit(r, UOP_DELETE_SUBSCR, 0, 0, ip); break;
  case OP_BINARY_SLICE: ok = emit(r, UOP_BINARY_SLICE, 0, 0, ip); break;
  case OP_BUILD_LIST: ok = emit(r, UOP_BUILD_LIST, arg, 0, ip); break;
  case OP_BUILD_TUPLE: ok = emit(r, UOP_BUILD_TUPLE, arg, 0, ip); break;
  case OP_BUILD_MAP: ok = emit(r, UOP_BUILD_MAP, arg, 0, ip); break;
  case OP_LIST_APPEND: ok = emit(r, UOP_LIST_APPEND, arg, 0, ip); break;
  case OP_UNPACK_SEQUENCE: ok = emit(r, UOP_UNPACK_SEQUENCE, arg, 0, ip); break;
  case OP_GET_ITER: ok = emit(r, UOP_GET_ITER, 0, 0, ip); break;
  case OP_FOR_ITER: {
    Value it = f->sp[-1];
    bool range = value_is_kind(it, OBJ_ITER) && AS_ITER(it)->iter == ITER_RANGE;
    ok = emit(r, range ? UOP_FOR_ITER_RANGE : UOP_FOR_ITER, 0, next + arg, ip);
    r->pending_for_iter = ok;
    r->for_iter_body = next;
    r->for_iter_exit = next + arg;
    break;
  }
  case OP_JUMP_BACKWARD: {
    uint32_t target = next - arg;
    if (target != r->start || r->depth > 0) return finish_before(r, ip, &mark); /* an inner loop: it gets its own trace */
    if (r->lockstep && !emit(r, UOP_CHECKPOINT, CHECKPOINT_BACKEDGE, 0, ip)) return finish_before(r, ip, &mark);
    if (!emit(r, UOP_JUMP_TO_TOP, 0, 0, ip)) return finish_before(r, ip, &mark);
    r->active = false;
    return RECORD_DONE;
  }
  case OP_POP_JUMP_IF_FALSE:
  case OP_POP_JUMP_IF_TRUE:
    ok = emit(r, value_truthy(f->sp[-1]) ? UOP_GUARD_IS_TRUE_POP : UOP_GUARD_IS_FALSE_POP, 0, 0, ip);
    break;
  case OP_CALL: {
    Value callee = f->sp[-(ptrdiff_t)arg - 1];
    if (callee.tag == V_BUILTIN) {
      ok = emit(r, UOP_CALL_BUILTIN, arg, 0, ip);
      break;
    }
    /* A call the trace can follow: a function of the right arity, not too
     * deep; anything else (errors included) is tier 1's to make. */
    if (!value_is_kind(callee, OBJ_FUNCTION) || r->depth >= RECORD_MAX_INLINE ||
        vm->depth >= vm->config.max_depth)
      return finish_before(r, ip, &mark);
    uint32_t ci = AS_FUNCTION(callee)->code_index;
    if (vm->module->funcs[ci].arity != arg) return finish_before(r, ip, &mark);
    ok = emit(r, UOP_CHECK_FUNCTION, arg, ci, ip) && emit(r, UOP_PUSH_FRAME, arg, ci, ip);
    r->expect_callee = ok;
    break;
  }
  case OP_CALL_KW:
    if (f->sp[-(ptrdiff_t)arg - 2].tag != V_BUILTIN) return finish_before(r, ip, &mark);
    ok = emit(r, UOP_CALL_KW_BUILTIN, arg, 0, ip);
    break;
  case OP_LOAD_METHOD: ok = emit(r, UOP_LOAD_METHOD, arg, 0, ip); break;
  case OP_CHECK_EXC_MATCH: ok = emit(r, UOP_CHECK_EXC_MATCH, 0, 0, ip); break;
  case OP_RETURN_VALUE:
    if (r->depth == 0) return finish_before(r, ip, &mark);
    ok = (!r->lockstep || emit(r, UOP_CHECKPOINT, CHECKPOINT_RETURN, 0, ip)) && emit(r, UOP_POP_FRAME, 0, 0, ip);
    r->expect_return = ok;
    break;
  case OP_RAISE:
  case OP_COUNT: return finish_before(r, ip, &mark);
  }
  if (!ok) return finish_before(r, ip, &mark);
  return RECORD_CONTINUE;
}
