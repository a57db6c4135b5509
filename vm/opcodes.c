/* Tables derived from LS_OPCODES. */
#include "vm/opcodes.h"

#include <string.h>

#define LS_STR(x) #x
const OpcodeInfo opcode_info[OP_COUNT] = {
#define LS_OP_INFO(name, kind, pops, pushes, bpushes, flags, doc) \
  [OP_##name] = {#name, kind, (uint8_t)(flags), LS_STR(pops), LS_STR(pushes), LS_STR(bpushes), doc},
    LS_OPCODES(LS_OP_INFO)
#undef LS_OP_INFO
};

int64_t opcode_branch_pushes(int op, int64_t arg) {
  (void)arg;
  switch (op) {
#define LS_OP_BPUSHES(name, kind, pops, pushes, bpushes, flags, doc) \
  case OP_##name: return (bpushes);
    LS_OPCODES(LS_OP_BPUSHES)
#undef LS_OP_BPUSHES
  }
  return 0;
}

int opcode_by_name(const char *name, size_t len) {
  for (int op = 0; op < OP_COUNT; op++)
    if (strlen(opcode_info[op].name) == len && memcmp(opcode_info[op].name, name, len) == 0) return op;
  return -1;
}

static const char *const binop_symbols[BINOP_COUNT] = {
#define LS_BINOP_SYM(name, sym) [BINOP_##name] = sym,
#define LS_BINOP_ISYM(name, sym) [BINOP_INPLACE_BASE + BINOP_##name] = sym "=",
    LS_BINOPS(LS_BINOP_SYM) LS_BINOPS(LS_BINOP_ISYM)
#undef LS_BINOP_SYM
#undef LS_BINOP_ISYM
};

static const char *const cmpop_symbols[CMPOP_COUNT] = {
#define LS_CMPOP_SYM(name, sym) [CMPOP_##name] = sym,
    LS_CMPOPS(LS_CMPOP_SYM)
#undef LS_CMPOP_SYM
};

static int symbol_index(const char *const *table, int n, const char *sym, size_t len) {
  for (int i = 0; i < n; i++)
    if (strlen(table[i]) == len && memcmp(table[i], sym, len) == 0) return i;
  return -1;
}

const char *binop_symbol(int op) { return op >= 0 && op < BINOP_COUNT ? binop_symbols[op] : "?"; }
int binop_by_symbol(const char *sym, size_t len) { return symbol_index(binop_symbols, BINOP_COUNT, sym, len); }
const char *cmpop_symbol(int op) { return op >= 0 && op < CMPOP_COUNT ? cmpop_symbols[op] : "?"; }
int cmpop_by_symbol(const char *sym, size_t len) { return symbol_index(cmpop_symbols, CMPOP_COUNT, sym, len); }

const char *operand_kind_name(int kind) {
  static const char *const names[] = {
      [OPK_NONE] = "none",         [OPK_CONST] = "const",     [OPK_LOCAL] = "local",
      [OPK_NAME] = "name",         [OPK_FUNC] = "function",   [OPK_JUMP_FWD] = "forward jump",
      [OPK_JUMP_BACK] = "backward jump", [OPK_BINOP] = "operator", [OPK_CMPOP] = "comparison",
      [OPK_COUNT] = "count",       [OPK_FLAG] = "flag"};
  return kind >= 0 && kind <= OPK_FLAG ? names[kind] : "?";
}
