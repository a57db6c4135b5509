/* A stencil-shaped function with one of each kind of hole, for
 * tests/test_stencils.c: clang-19 compiles it with the stencils' flags at
 * build time (tests/CMakeLists.txt), and the test checks that the ELF
 * parser (jit/elf_stencil.c) finds exactly these holes:
 *   - a 64-bit operand hole, read by movabs        R_X86_64_64    _JIT_OPERAND
 *   - a double constant in read-only data          R_X86_64_PC32  .rodata.cst8
 *   - a string in large read-only data             R_X86_64_64    .lrodata.str1.1
 *   - a call to a function outside the stencil     R_X86_64_PLT32 known_external
 *   - the tail call to the next stencil, at the very end, which is stripped
 *                                                  R_X86_64_PLT32 _JIT_CONTINUE */
#include <stdint.h>

typedef __attribute__((preserve_none)) void KnownStencilFn(double *slot);
extern KnownStencilFn _JIT_CONTINUE;
extern void known_external(double value, const char *tag);

__attribute__((preserve_none)) void _JIT_ENTRY(double *slot) {
  uintptr_t operand;
  __asm__("movabs $_JIT_OPERAND, %0" : "=r"(operand));
  slot[0] = slot[0] * 2.5 + (double)(int64_t)operand;
  known_external(slot[0], "known");
  __attribute__((musttail)) return _JIT_CONTINUE(slot);
}
