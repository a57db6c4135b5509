/* Stencils: the machine code clang-19 built from jit/template.c for one uop
 * (or for the trace's entry or exit), with the holes that jit/codegen.c
 * patches at run time. jit/stencilgen.c reads each ELF object with the
 * parser below and writes the tables of the generated header
 * (generated/jit/stencils.h) in the `Stencil` form; docs/jit-stencils.md
 * describes the whole pipeline. */
#ifndef LOCKSTEP_ELF_STENCIL_H
#define LOCKSTEP_ELF_STENCIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm/strbuf.h"

/* What a hole is patched with. */
typedef enum StencilHoleValue {
  HOLE_OPARG,      /* the UopInstr's oparg (_JIT_OPARG) */
  HOLE_OPERAND,    /* its operand (_JIT_OPERAND) */
  HOLE_TARGET,     /* its target (_JIT_TARGET) */
  HOLE_EXIT_INDEX, /* its exit_index (_JIT_EXIT_INDEX) */
  HOLE_CONTINUE,   /* the code of the next stencil (_JIT_CONTINUE) */
  HOLE_EXIT,       /* the trace's exit stencil (_JIT_EXIT) */
  HOLE_TOP,        /* the trace's first uop (_JIT_TOP) */
  HOLE_DATA,       /* this instance's copy of the stencil's data; addend = offset in it */
  HOLE_SYMBOL,     /* an external function of the VM, by symbol index */
  HOLE_VALUE_COUNT
} StencilHoleValue;

/* One relocation to apply. kind is the ELF relocation type: R_X86_64_64
 * (the 8 bytes at offset become value + addend) or R_X86_64_PC32 /
 * R_X86_64_PLT32 (the 4 bytes become value + addend - address of the site,
 * which must fit in int32). */
typedef struct StencilHole {
  uint32_t offset;  /* in the code, or in the data when in_data */
  bool in_data;
  uint8_t kind;     /* R_X86_64_64, R_X86_64_PC32 or R_X86_64_PLT32 */
  uint8_t value;    /* StencilHoleValue */
  uint16_t symbol;  /* HOLE_SYMBOL: index into the symbol table */
  int64_t addend;
} StencilHole;

/* A stencil as the generated header holds it. */
typedef struct Stencil {
  const uint8_t *code;
  uint32_t code_size;   /* without the trailing jump to the continuation */
  const uint8_t *data;  /* read-only data (.rodata*, .lrodata*), NULL if none */
  uint32_t data_size;
  uint32_t data_align;  /* a power of two */
  const StencilHole *holes;
  uint32_t nholes;
} Stencil;

/* The external symbols stencils call, in the generated header's order
 * (JIT_STENCIL_SYMBOLS), with their addresses (jit/codegen_symbols.c). */
typedef struct StencilSymbol {
  const char *name;
  void (*address)(void);
} StencilSymbol;

extern const StencilSymbol jit_stencil_symbols[];
extern const uint32_t jit_stencil_nsymbols;

/* Limits the parser enforces, so that offsets fit the tables' types. */
enum {
  STENCIL_MAX_SECTION = 1 << 20, /* bytes of code, and of data */
  STENCIL_MAX_ALIGN = 4096,
  STENCIL_MAX_SYMBOLS = 1 << 15,
};

/* One parsed object: owned buffers. Holes of kind HOLE_SYMBOL index
 * `symbols` (this object's external symbols, in order of first use). */
typedef struct ElfStencil {
  uint8_t *code;
  size_t code_size;
  uint8_t *data;
  size_t data_size;
  size_t data_align;
  StencilHole *holes;
  size_t nholes;
  char **symbols;
  size_t nsymbols;
  bool stripped_continue; /* the trailing `jmp _JIT_CONTINUE` was removed */
} ElfStencil;

/* Parse an ELF64 x86-64 relocatable object (`len` bytes at `obj`) whose
 * .text starts with the function _JIT_ENTRY: code from .text, data from
 * every .rodata* / .lrodata* section (concatenated, each at its alignment),
 * holes from their relocations. Refuses, with one line naming `what` (e.g.
 * "uop LOAD_FAST"), the relocation type and the symbol appended to err,
 * anything it cannot reproduce exactly: other relocation types, writable or
 * other executable sections, unknown _JIT_ names, malformed files. On
 * failure *out is left empty. */
bool elf_stencil_parse(const uint8_t *obj, size_t len, const char *what, ElfStencil *out, StrBuf *err);
void elf_stencil_free(ElfStencil *s);

/* "R_X86_64_PC32", ...; NULL for a type without a name here. */
const char *elf_stencil_reloc_name(uint32_t type);
/* "OPARG", "CONTINUE", ... */
const char *stencil_hole_value_name(int value);

#endif
