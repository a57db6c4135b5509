/* Tier-2 micro-ops (uops): the one table. Bytecode instructions expand to
 * one or more uops when a hot loop is recorded into a trace (jit/record.c);
 * each uop's semantics is one C body in jit/uop_bodies.h, included both by
 * the uop interpreter (jit/uop_interp.c) and by the stencil template
 * (jit/template.c) that clang-19 turns into machine code.
 *
 * X(NAME, FLAGS, DOC)
 *   FLAGS: UOPF_DEOPT (may leave the trace, resuming tier 1 at the uop's
 *          target with the frame as the reference interpreter has it there),
 *          UOPF_EXIT (a side exit whose count is kept), UOPF_ERROR (may
 *          raise: exits with the exception pending and the instruction's
 *          inputs consumed), UOPF_END (ends a trace).
 * Operands of a uop instance: oparg (32 bits), operand (64 bits), target
 * (the bytecode offset of the instruction it came from). */
#ifndef LOCKSTEP_UOPS_H
#define LOCKSTEP_UOPS_H

#include <stdint.h>

enum {
  UOPF_DEOPT = 1u << 0,
  UOPF_EXIT = 1u << 1,
  UOPF_ERROR = 1u << 2,
  UOPF_END = 1u << 3,
};

#define LS_UOPS(X) \
  X(NOP,                    0,                       "Nothing.") \
  X(POP_TOP,                0,                       "Drop the top of the stack.") \
  X(COPY,                   0,                       "Push a new reference to the oparg-th item.") \
  X(SWAP,                   0,                       "Swap the top and the oparg-th item.") \
  X(LOAD_CONST,             0,                       "Push constant oparg of the frame's code.") \
  X(LOAD_FAST,              UOPF_DEOPT,              "Push local oparg; deopt if unbound (tier 1 raises).") \
  X(STORE_FAST,             0,                       "Pop into local oparg.") \
  X(DELETE_FAST,            UOPF_DEOPT,              "Unbind local oparg; deopt if unbound.") \
  X(LOAD_GLOBAL,            UOPF_ERROR,              "Generic LOAD_GLOBAL (names[oparg]).") \
  X(LOAD_GLOBAL_BUILTIN,    0,                       "Push builtin `operand`; valid while names[oparg] is not a global (executor dependency).") \
  X(LOAD_GLOBAL_FUNCTION,   0,                       "Push the function object `operand`; valid while names[oparg] is bound to it (executor dependency).") \
  X(STORE_GLOBAL,           UOPF_ERROR,              "Generic STORE_GLOBAL.") \
  X(DELETE_GLOBAL,          UOPF_ERROR,              "Generic DELETE_GLOBAL.") \
  X(CHECK_VALIDITY,         UOPF_DEOPT,              "Leave the trace if the executor was invalidated (after a global changed).") \
  X(MAKE_FUNCTION,          UOPF_ERROR,              "Generic MAKE_FUNCTION.") \
  X(UNARY_OP,               UOPF_ERROR,              "Generic unary operation (oparg: the opcode).") \
  X(UNARY_NEGATIVE_INT,     UOPF_DEOPT,              "-int; deopt unless an int other than the minimum.") \
  X(UNARY_NOT_BOOL,         UOPF_DEOPT,              "not bool; deopt unless a bool.") \
  X(GUARD_BOTH_INT,         UOPF_DEOPT,              "Deopt unless the two top items are ints (not bools).") \
  X(GUARD_BOTH_FLOAT,       UOPF_DEOPT,              "Deopt unless the two top items are floats.") \
  X(BINARY_OP_ADD_INT,      UOPF_DEOPT,              "int + int; deopt on overflow (tier 1 raises).") \
  X(BINARY_OP_SUBTRACT_INT, UOPF_DEOPT,              "int - int; deopt on overflow.") \
  X(BINARY_OP_MULTIPLY_INT, UOPF_DEOPT,              "int * int; deopt on overflow.") \
  X(BINARY_OP_ADD_FLOAT,    0,                       "float + float.") \
  X(BINARY_OP_SUBTRACT_FLOAT, 0,                     "float - float.") \
  X(BINARY_OP_MULTIPLY_FLOAT, 0,                     "float * float.") \
  X(BINARY_OP_TRUEDIV_FLOAT, UOPF_DEOPT,             "float / float; deopt on a zero divisor.") \
  X(BINARY_OP,              UOPF_ERROR,              "Generic BINARY_OP (oparg: the operator).") \
  X(COMPARE_OP_INT,         0,                       "int cmp int (oparg: the comparison), after GUARD_BOTH_INT.") \
  X(COMPARE_OP_FLOAT,       0,                       "float cmp float, after GUARD_BOTH_FLOAT.") \
  X(COMPARE_OP,             UOPF_ERROR,              "Generic COMPARE_OP.") \
  X(IS_OP,                  0,                       "is / is not (oparg 1).") \
  X(CONTAINS_OP,            UOPF_ERROR,              "in / not in (oparg 1).") \
  X(BINARY_SUBSCR_LIST_INT, UOPF_DEOPT,              "list[int]; deopt unless a list and an int index in range.") \
  X(BINARY_SUBSCR,          UOPF_ERROR,              "Generic BINARY_SUBSCR.") \
  X(STORE_SUBSCR_LIST_INT,  UOPF_DEOPT,              "list[int] = v; deopt unless a list and an int index in range.") \
  X(STORE_SUBSCR,           UOPF_ERROR,              "Generic STORE_SUBSCR.") \
  X(DELETE_SUBSCR,          UOPF_ERROR,              "Generic DELETE_SUBSCR.") \
  X(BINARY_SLICE,           UOPF_ERROR,              "Generic BINARY_SLICE.") \
  X(BUILD_LIST,             UOPF_ERROR,              "BUILD_LIST oparg.") \
  X(BUILD_TUPLE,            UOPF_ERROR,              "BUILD_TUPLE oparg.") \
  X(BUILD_MAP,              UOPF_ERROR,              "BUILD_MAP oparg.") \
  X(LIST_APPEND,            UOPF_ERROR,              "LIST_APPEND oparg.") \
  X(UNPACK_SEQUENCE,        UOPF_ERROR,              "UNPACK_SEQUENCE oparg.") \
  X(GET_ITER,               UOPF_ERROR,              "GET_ITER.") \
  X(FOR_ITER,               UOPF_ERROR | UOPF_EXIT,  "Generic FOR_ITER; when exhausted, pop the iterator and exit at `operand` (the loop's exit).") \
  X(FOR_ITER_RANGE,         UOPF_DEOPT | UOPF_EXIT,  "FOR_ITER over a range iterator (deopt otherwise); exhausted: exit at `operand`.") \
  X(GUARD_IS_TRUE_POP,      UOPF_EXIT,               "Exit (before popping) unless the top is truthy; then pop it.") \
  X(GUARD_IS_FALSE_POP,     UOPF_EXIT,               "Exit (before popping) unless the top is falsy; then pop it.") \
  X(CHECK_FUNCTION,         UOPF_DEOPT,              "Deopt unless the callee below oparg arguments is a function of code `operand`.") \
  X(PUSH_FRAME,             UOPF_DEOPT,              "CALL oparg of the function checked by CHECK_FUNCTION: charge fuel, push its frame and continue in it (deopt when fuel is out, at the depth limit or out of memory: tier 1 makes the call).") \
  X(POP_FRAME,              0,                       "RETURN_VALUE from a frame the trace pushed: free it and push the result in the caller.") \
  X(CALL_BUILTIN,           UOPF_DEOPT | UOPF_ERROR, "CALL oparg of a builtin (deopt for any other callee or when fuel is out).") \
  X(CALL_KW_BUILTIN,        UOPF_DEOPT | UOPF_ERROR, "CALL_KW oparg of a builtin (same deopts).") \
  X(LOAD_METHOD,            UOPF_ERROR,              "LOAD_METHOD names[oparg].") \
  X(CHECK_EXC_MATCH,        UOPF_ERROR,              "CHECK_EXC_MATCH.") \
  X(CHECKPOINT,             0,                       "Lockstep mode only: report checkpoint kind oparg at bytecode offset `target` (frame state stored first).") \
  X(JUMP_TO_TOP,            UOPF_DEOPT | UOPF_END,   "Loop back-edge: charge one unit of fuel (deopt to the JUMP_BACKWARD when none is left) and jump to the trace's start.") \
  X(EXIT_TRACE,             UOPF_EXIT | UOPF_END,    "Leave the trace, resuming tier 1 at the target.")

typedef enum UopId {
#define LS_UOP_ENUM(name, flags, doc) UOP_##name,
  LS_UOPS(LS_UOP_ENUM)
#undef LS_UOP_ENUM
  UOP_COUNT
} UopId;

typedef struct UopInfo {
  const char *name;
  uint32_t flags;
  const char *doc;
} UopInfo;

extern const UopInfo uop_info[UOP_COUNT];

/* One uop of a trace. */
typedef struct UopInstr {
  uint16_t uop;     /* UopId */
  uint16_t reserved;
  uint32_t oparg;
  uint32_t target;  /* bytecode offset of the instruction it came from */
  uint32_t exit_index; /* which of the executor's exit counters it bumps */
  uint64_t operand;
} UopInstr;

#endif
