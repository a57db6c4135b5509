/* The instruction set: the one table. Every other view of the bytecode (the
 * enum, names, operand decoding, the verifier's stack effects, the
 * disassembler, the assembler and docs/bytecode.md) derives from it.
 *
 * X(NAME, OPERAND_KIND, POPS, PUSHES, BRANCH_PUSHES, FLAGS, DOC)
 *   POPS, PUSHES   stack effect when execution falls through, as C
 *                  expressions of the operand `arg` (an int64_t)
 *   BRANCH_PUSHES  values pushed (after POPS) when the jump is taken
 *   FLAGS          OPF_* below
 * Encoding: one opcode byte, then for any operand kind but OPK_NONE a
 * 32-bit little-endian operand. Jump operands are distances in bytes from
 * the end of the jumping instruction (forward or backward by kind).
 * A raising instruction has consumed its inputs; the exception table then
 * truncates the stack to the handler's depth. */
#ifndef LOCKSTEP_OPCODES_H
#define LOCKSTEP_OPCODES_H

#include <stddef.h>
#include <stdint.h>

#define LS_OPCODES(X) \
  X(NOP,               OPK_NONE,      0, 0, 0, 0, "Do nothing.") \
  X(POP_TOP,           OPK_NONE,      1, 0, 0, 0, "Discard the top of the stack.") \
  X(COPY,              OPK_COUNT,     arg, arg + 1, 0, 0, "Push a new reference to the arg-th item from the top (arg >= 1; COPY 1 duplicates the top).") \
  X(SWAP,              OPK_COUNT,     arg, arg, 0, 0, "Swap the top with the arg-th item from the top (arg >= 2).") \
  X(LOAD_CONST,        OPK_CONST,     0, 1, 0, 0, "Push constant arg.") \
  X(LOAD_FAST,         OPK_LOCAL,     0, 1, 0, 0, "Push local arg; UnboundLocalError if it has no value.") \
  X(STORE_FAST,        OPK_LOCAL,     1, 0, 0, 0, "Pop into local arg.") \
  X(DELETE_FAST,       OPK_LOCAL,     0, 0, 0, 0, "Unbind local arg; UnboundLocalError if it has no value.") \
  X(LOAD_GLOBAL,       OPK_NAME,      0, 1, 0, 0, "Push global names[arg], else the builtin of that name; NameError if neither exists.") \
  X(STORE_GLOBAL,      OPK_NAME,      1, 0, 0, 0, "Pop into global names[arg].") \
  X(DELETE_GLOBAL,     OPK_NAME,      0, 0, 0, 0, "Unbind global names[arg]; NameError if it is not bound.") \
  X(MAKE_FUNCTION,     OPK_FUNC,      0, 1, 0, 0, "Push a new function object for function arg of the module.") \
  X(UNARY_NEGATIVE,    OPK_NONE,      1, 1, 0, 0, "-TOS") \
  X(UNARY_POSITIVE,    OPK_NONE,      1, 1, 0, 0, "+TOS") \
  X(UNARY_INVERT,      OPK_NONE,      1, 1, 0, 0, "~TOS") \
  X(UNARY_NOT,         OPK_NONE,      1, 1, 0, 0, "not TOS (by truthiness)") \
  X(BINARY_OP,         OPK_BINOP,     2, 1, 0, 0, "TOS1 op TOS, for the operator arg (docs: operators); in-place forms mutate lists.") \
  X(COMPARE_OP,        OPK_CMPOP,     2, 1, 0, 0, "TOS1 cmp TOS, for the comparison arg.") \
  X(IS_OP,             OPK_FLAG,      2, 1, 0, 0, "TOS1 is TOS (is not, when arg is 1).") \
  X(CONTAINS_OP,       OPK_FLAG,      2, 1, 0, 0, "TOS1 in TOS (not in, when arg is 1).") \
  X(BINARY_SUBSCR,     OPK_NONE,      2, 1, 0, 0, "TOS1[TOS]") \
  X(STORE_SUBSCR,      OPK_NONE,      3, 0, 0, 0, "TOS1[TOS] = TOS2") \
  X(DELETE_SUBSCR,     OPK_NONE,      2, 0, 0, 0, "del TOS1[TOS]") \
  X(BINARY_SLICE,      OPK_NONE,      4, 1, 0, 0, "TOS3[TOS2:TOS1:TOS]; None stands for an omitted bound or step.") \
  X(BUILD_LIST,        OPK_COUNT,     arg, 1, 0, 0, "Pop arg items, push a list of them (first pushed first).") \
  X(BUILD_TUPLE,       OPK_COUNT,     arg, 1, 0, 0, "Pop arg items, push a tuple of them.") \
  X(BUILD_MAP,         OPK_COUNT,     2 * arg, 1, 0, 0, "Pop arg key/value pairs, push a dict of them in order.") \
  X(LIST_APPEND,       OPK_COUNT,     arg + 1, arg, 0, 0, "Pop TOS and append it to the list arg items below it (arg >= 1).") \
  X(UNPACK_SEQUENCE,   OPK_COUNT,     1, arg, 0, 0, "Pop an iterable of exactly arg items; push them so that the first ends on top.") \
  X(GET_ITER,          OPK_NONE,      1, 1, 0, 0, "iter(TOS)") \
  X(FOR_ITER,          OPK_JUMP_FWD,  1, 2, 0, OPF_JUMP, "Push next(TOS) above the iterator; when it is exhausted, pop the iterator and jump.") \
  X(JUMP_FORWARD,      OPK_JUMP_FWD,  0, 0, 0, OPF_JUMP | OPF_NOFALL, "Jump forward.") \
  X(JUMP_BACKWARD,     OPK_JUMP_BACK, 0, 0, 0, OPF_JUMP | OPF_NOFALL | OPF_BACKEDGE, "Jump backward; a loop back-edge (costs one unit of fuel).") \
  X(POP_JUMP_IF_FALSE, OPK_JUMP_FWD,  1, 0, 0, OPF_JUMP, "Pop TOS; jump forward if it is falsy.") \
  X(POP_JUMP_IF_TRUE,  OPK_JUMP_FWD,  1, 0, 0, OPF_JUMP, "Pop TOS; jump forward if it is truthy.") \
  X(CALL,              OPK_COUNT,     arg + 1, 1, 0, OPF_CALL, "Call TOS-arg with the arg items above it (costs one unit of fuel).") \
  X(CALL_KW,           OPK_COUNT,     arg + 2, 1, 0, OPF_CALL, "Like CALL, with a tuple of keyword names on top naming the last arguments.") \
  X(LOAD_METHOD,       OPK_NAME,      1, 2, 0, 0, "Replace TOS with the method names[arg] of its type, then TOS itself (for CALL arg+1).") \
  X(RETURN_VALUE,      OPK_NONE,      1, 0, 0, OPF_NOFALL, "Return TOS to the caller.") \
  X(RAISE,             OPK_NONE,      1, 0, 0, OPF_NOFALL, "Raise TOS (an exception, or an exception class to instantiate).") \
  X(CHECK_EXC_MATCH,   OPK_NONE,      2, 2, 0, 0, "TOS1 is an exception: replace TOS (an exception class) with isinstance(TOS1, TOS).")

typedef enum Opcode {
#define LS_OP_ENUM(name, ...) OP_##name,
  LS_OPCODES(LS_OP_ENUM)
#undef LS_OP_ENUM
  OP_COUNT
} Opcode;

typedef enum OperandKind {
  OPK_NONE,
  OPK_CONST,     /* index into the code object's constants */
  OPK_LOCAL,     /* index into its locals */
  OPK_NAME,      /* index into its names */
  OPK_FUNC,      /* index into the module's functions */
  OPK_JUMP_FWD,  /* forward distance in bytes */
  OPK_JUMP_BACK, /* backward distance in bytes */
  OPK_BINOP,     /* BinaryOp */
  OPK_CMPOP,     /* CompareOp */
  OPK_COUNT,     /* an item count */
  OPK_FLAG,      /* 0 or 1 */
} OperandKind;

enum {
  OPF_JUMP = 1u << 0,     /* has a jump target */
  OPF_NOFALL = 1u << 1,   /* never continues with the next instruction */
  OPF_BACKEDGE = 1u << 2, /* a loop back-edge: counts fuel, hotness */
  OPF_CALL = 1u << 3,     /* a call: counts fuel */
};

/* X(NAME, SYMBOL) for BINARY_OP; the in-place forms follow, in order, with
 * the symbol followed by '='. */
#define LS_BINOPS(X) \
  X(ADD, "+") X(SUB, "-") X(MUL, "*") X(TRUEDIV, "/") X(FLOORDIV, "//") \
  X(MOD, "%") X(POW, "**") X(LSHIFT, "<<") X(RSHIFT, ">>") X(AND, "&") \
  X(OR, "|") X(XOR, "^")

typedef enum BinaryOp {
#define LS_BINOP_ENUM(name, sym) BINOP_##name,
  LS_BINOPS(LS_BINOP_ENUM)
#undef LS_BINOP_ENUM
  BINOP_INPLACE_BASE,
  BINOP_COUNT = 2 * BINOP_INPLACE_BASE
} BinaryOp;

#define LS_CMPOPS(X) X(LT, "<") X(LE, "<=") X(EQ, "==") X(NE, "!=") X(GT, ">") X(GE, ">=")

typedef enum CompareOp {
#define LS_CMPOP_ENUM(name, sym) CMPOP_##name,
  LS_CMPOPS(LS_CMPOP_ENUM)
#undef LS_CMPOP_ENUM
  CMPOP_COUNT
} CompareOp;

typedef struct OpcodeInfo {
  const char *name;
  uint8_t operand; /* OperandKind */
  uint8_t flags;
  const char *pops, *pushes, *branch_pushes; /* the table's expressions, as text */
  const char *doc;
} OpcodeInfo;

extern const OpcodeInfo opcode_info[OP_COUNT];

/* Stack effects for opcode `op` with operand `arg` (exact, in 64 bits).
 * Inline, so that where op is a constant (as in the generator's emitters)
 * the switch folds away. */
static inline int64_t opcode_pops(int op, int64_t arg) {
  (void)arg;
  switch (op) {
#define LS_OP_POPS(name, kind, pops, pushes, bpushes, flags, doc) \
  case OP_##name: return (pops);
    LS_OPCODES(LS_OP_POPS)
#undef LS_OP_POPS
  }
  return 0;
}

static inline int64_t opcode_pushes(int op, int64_t arg) {
  (void)arg;
  switch (op) {
#define LS_OP_PUSHES(name, kind, pops, pushes, bpushes, flags, doc) \
  case OP_##name: return (pushes);
    LS_OPCODES(LS_OP_PUSHES)
#undef LS_OP_PUSHES
  }
  return 0;
}
int64_t opcode_branch_pushes(int op, int64_t arg);

/* Encoded size in bytes: 1, or 5 with an operand. */
static inline uint32_t opcode_size(int op) { return opcode_info[op].operand == OPK_NONE ? 1u : 5u; }

/* Opcode by name, or -1. */
int opcode_by_name(const char *name, size_t len);

/* Operator symbols: "+", ..., and "+=", ... for the in-place forms. */
const char *binop_symbol(int op);
int binop_by_symbol(const char *sym, size_t len); /* -1 if unknown */
const char *cmpop_symbol(int op);
int cmpop_by_symbol(const char *sym, size_t len);
const char *operand_kind_name(int kind);

#endif
