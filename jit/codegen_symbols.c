/* The addresses of the external functions stencils call. The generated
 * header lists their names (JIT_STENCIL_SYMBOLS, in the order holes index
 * them); this file resolves each against the headers the template itself
 * includes, so a stencil that calls a function without a prototype here is
 * a compile error (an undeclared identifier), not a wrong address at run
 * time. Only functions: an object's address would not convert to the
 * function pointer type below without a -Wpedantic error. */
#include <string.h> /* clang may lower a struct copy in a uop body to memcpy/memset */

#include "jit/elf_stencil.h"
#include "jit/stencils.h"
#include "vm/builtins.h"
#include "vm/dict.h"
#include "vm/exc.h"
#include "vm/frame.h"
#include "vm/heap.h"
#include "vm/interp_support.h"
#include "vm/iter.h"
#include "vm/list.h"
#include "vm/opcodes.h"
#include "vm/ops.h"
#include "vm/str.h"

/* void (*)(void) is the generic function pointer type: casting any function
 * to it is allowed, and gcc's -Wcast-function-type exempts it. The final
 * entry keeps the array non-empty when stencils call nothing. */
const StencilSymbol jit_stencil_symbols[] = {
#define JIT_SYMBOL_ENTRY(name) {#name, (void (*)(void))name},
    JIT_STENCIL_SYMBOLS(JIT_SYMBOL_ENTRY)
#undef JIT_SYMBOL_ENTRY
    {NULL, NULL},
};

const uint32_t jit_stencil_nsymbols = JIT_STENCIL_NSYMBOLS;
