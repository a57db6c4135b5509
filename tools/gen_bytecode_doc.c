/* Writes docs/bytecode.md from the opcode table (vm/opcodes.h), or checks
 * that the committed copy is current:
 *   gen_bytecode_doc            print the document
 *   gen_bytecode_doc --check F  exit 1 if F differs from what would be printed */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/opcodes.h"
#include "vm/strbuf.h"

static void render(StrBuf *sb) {
  strbuf_puts(sb,
              "<!-- generated from vm/opcodes.h by tools/gen_bytecode_doc.c; do not edit -->\n"
              "# lockstep bytecode\n\n"
              "One opcode byte, then a 32-bit little-endian operand for every operand kind but `none`.\n"
              "Jump distances count bytes from the end of the jumping instruction. `pops` and `pushes`\n"
              "are the stack effect when execution falls through; `branch` is what is pushed (after the\n"
              "pops) when the jump is taken. An instruction that raises has consumed its inputs; the\n"
              "exception table then truncates the stack to the handler's depth and pushes the exception.\n"
              "Fuel: one unit per back-edge (`JUMP_BACKWARD`), per call (`CALL`, `CALL_KW`), per item a\n"
              "builtin consumes, and per exception caught by a handler (a handler may jump backward).\n\n"
              "| code | name | operand | pops | pushes | branch | flags | meaning |\n"
              "|---:|---|---|---|---|---|---|---|\n");
  for (int op = 0; op < OP_COUNT; op++) {
    const OpcodeInfo *in = &opcode_info[op];
    char flags[64] = "";
    if (in->flags & OPF_JUMP) strcat(flags, "jump ");
    if (in->flags & OPF_NOFALL) strcat(flags, "no-fallthrough ");
    if (in->flags & OPF_BACKEDGE) strcat(flags, "back-edge ");
    if (in->flags & OPF_CALL) strcat(flags, "call ");
    size_t n = strlen(flags);
    if (n) flags[n - 1] = '\0';
    strbuf_printf(sb, "| %d | `%s` | %s | `%s` | `%s` | %s | %s | %s |\n", op, in->name,
                  operand_kind_name(in->operand), in->pops, in->pushes,
                  (in->flags & OPF_JUMP) ? in->branch_pushes : "", flags, in->doc);
  }
  strbuf_puts(sb, "\n## Operators (`BINARY_OP`)\n\n| arg | symbol |\n|---:|---|\n");
  for (int i = 0; i < BINOP_COUNT; i++) strbuf_printf(sb, "| %d | `%s` |\n", i, binop_symbol(i));
  strbuf_puts(sb, "\nIn-place forms (`+=` ...) mutate a list left operand (`+=` extends, `*=` repeats) and\n"
                  "otherwise behave as the plain operator.\n");
  strbuf_puts(sb, "\n## Comparisons (`COMPARE_OP`)\n\n| arg | symbol |\n|---:|---|\n");
  for (int i = 0; i < CMPOP_COUNT; i++) strbuf_printf(sb, "| %d | `%s` |\n", i, cmpop_symbol(i));
}

int main(int argc, char **argv) {
  StrBuf sb;
  strbuf_init(&sb);
  render(&sb);
  int status = 0;
  if (argc == 3 && strcmp(argv[1], "--check") == 0) {
    FILE *fp = fopen(argv[2], "rb");
    StrBuf have;
    strbuf_init(&have);
    char buf[4096];
    size_t n;
    while (fp && (n = fread(buf, 1, sizeof buf, fp)) > 0) strbuf_append(&have, buf, n);
    if (fp) fclose(fp);
    if (!fp || have.len != sb.len || memcmp(have.data, sb.data, sb.len) != 0) {
      fprintf(stderr, "%s is stale: regenerate it with 'cmake --build --preset dev --target update-bytecode-doc'\n",
              argv[2]);
      status = 1;
    }
    strbuf_free(&have);
  } else if (argc == 1) {
    fwrite(sb.data, 1, sb.len, stdout);
  } else {
    fprintf(stderr, "usage: gen_bytecode_doc [--check FILE]\n");
    status = 2;
  }
  strbuf_free(&sb);
  return status;
}
