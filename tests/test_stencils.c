/* The copy-and-patch machinery: the ELF stencil parser on a known object
 * (and corrupted copies of it), the generated stencil tables and symbol
 * table, real machine code built from stencils and run over real frames
 * (including deopts and exits in the middle of a trace), W^X, and
 * unmapping or reusing freed traces' memory. */
#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jit/codegen.h"
#include "jit/elf_stencil.h"
#include "jit/executor.h"
#include "jit/stencils.h"
#include "support.h"
#include "vm/builtins.h"
#include "vm/dict.h"
#include "vm/exc.h"
#include "vm/frame.h"
#include "vm/heap.h"
#include "vm/interp_support.h"
#include "vm/iter.h"
#include "vm/list.h"
#include "vm/loader.h"
#include "vm/opcodes.h"
#include "vm/ops.h"
#include "vm/str.h"

/* ============================================================ ELF parser */

static uint8_t *read_known_object(size_t *len) {
  char *data = test_read_file(KNOWN_STENCIL_OBJECT, len);
  cr_assert_not_null(data, "cannot read %s", KNOWN_STENCIL_OBJECT);
  return (uint8_t *)data;
}

/* The header of section `name` of a well-formed object. */
static Elf64_Shdr section_named(const uint8_t *obj, const char *name) {
  Elf64_Ehdr eh;
  memcpy(&eh, obj, sizeof eh);
  Elf64_Shdr names;
  memcpy(&names, obj + eh.e_shoff + (size_t)eh.e_shstrndx * sizeof names, sizeof names);
  for (uint32_t i = 0; i < eh.e_shnum; i++) {
    Elf64_Shdr sh;
    memcpy(&sh, obj + eh.e_shoff + (size_t)i * sizeof sh, sizeof sh);
    if (strcmp((const char *)obj + names.sh_offset + sh.sh_name, name) == 0) return sh;
  }
  cr_assert_fail("no section %s", name);
  Elf64_Shdr none = {0};
  return none;
}

/* Position of the relocation of .rela.text against symbol `sym_name`. */
static size_t rela_text_entry(const uint8_t *obj, const char *sym_name) {
  Elf64_Shdr rela = section_named(obj, ".rela.text");
  Elf64_Shdr symtab = section_named(obj, ".symtab");
  Elf64_Shdr strtab = section_named(obj, ".strtab");
  Elf64_Shdr shstr;
  Elf64_Ehdr eh;
  memcpy(&eh, obj, sizeof eh);
  memcpy(&shstr, obj + eh.e_shoff + (size_t)eh.e_shstrndx * sizeof shstr, sizeof shstr);
  for (size_t k = 0; k < rela.sh_size / sizeof(Elf64_Rela); k++) {
    Elf64_Rela r;
    memcpy(&r, obj + rela.sh_offset + k * sizeof r, sizeof r);
    Elf64_Sym s;
    memcpy(&s, obj + symtab.sh_offset + ELF64_R_SYM(r.r_info) * sizeof s, sizeof s);
    const char *name = (const char *)obj + strtab.sh_offset + s.st_name;
    if (ELF64_ST_TYPE(s.st_info) == STT_SECTION) {
      Elf64_Shdr target;
      memcpy(&target, obj + eh.e_shoff + (size_t)s.st_shndx * sizeof target, sizeof target);
      name = (const char *)obj + shstr.sh_offset + target.sh_name;
    }
    if (strcmp(name, sym_name) == 0) return (size_t)rela.sh_offset + k * sizeof r;
  }
  cr_assert_fail("no relocation against %s", sym_name);
  return 0;
}

static void set_reloc_type(uint8_t *obj, size_t entry, uint32_t type) {
  Elf64_Rela r;
  memcpy(&r, obj + entry, sizeof r);
  r.r_info = ELF64_R_INFO(ELF64_R_SYM(r.r_info), type);
  memcpy(obj + entry, &r, sizeof r);
}

/* Renames a symbol in .strtab by changing its last character. */
static void rename_symbol(uint8_t *obj, const char *name, char last) {
  Elf64_Shdr strtab = section_named(obj, ".strtab");
  size_t n = strlen(name) + 1;
  for (size_t i = 0; i + n <= strtab.sh_size; i++) {
    char *s = (char *)obj + strtab.sh_offset + i;
    if (memcmp(s, name, n) == 0 && (i == 0 || s[-1] == '\0')) {
      s[n - 2] = last;
      return;
    }
  }
  cr_assert_fail("no symbol named %s", name);
}

static bool hole_fits(const ElfStencil *s, const StencilHole *h) {
  size_t width = h->kind == R_X86_64_64 ? 8 : 4;
  return h->offset + width <= (h->in_data ? s->data_size : s->code_size);
}

Test(elf, known_object_gives_known_holes) {
  size_t len;
  uint8_t *obj = read_known_object(&len);
  size_t text_size = (size_t)section_named(obj, ".text").sh_size;
  StrBuf err;
  strbuf_init(&err);
  ElfStencil s;
  cr_assert(elf_stencil_parse(obj, len, "known", &s, &err), "%s", err.data ? err.data : "");

  /* The trailing `jmp _JIT_CONTINUE` is gone, and with it its hole. */
  cr_assert(s.stripped_continue);
  cr_assert_eq(s.code_size, text_size - 5);
  cr_assert_eq(s.nholes, 4);
  for (size_t i = 0; i < s.nholes; i++) {
    cr_assert_neq(s.holes[i].value, HOLE_CONTINUE);
    cr_assert(hole_fits(&s, &s.holes[i]));
  }

  /* In code order: movabs $_JIT_OPERAND; mulsd .LCPI(%rip) (the 2.5);
   * movabs $.L.str (the tag); call known_external. */
  const StencilHole *operand = &s.holes[0], *cst = &s.holes[1], *str = &s.holes[2], *call = &s.holes[3];
  cr_assert(operand->offset < cst->offset && cst->offset < str->offset && str->offset < call->offset);
  for (size_t i = 0; i < s.nholes; i++) cr_assert_not(s.holes[i].in_data);

  cr_assert_eq(operand->value, HOLE_OPERAND);
  cr_assert_eq(operand->kind, R_X86_64_64);
  cr_assert_eq(operand->addend, 0);
  cr_assert_eq(s.code[operand->offset - 2] & 0xF8, 0x48, "REX.W prefix of movabs");
  cr_assert_eq(s.code[operand->offset - 1] & 0xF8, 0xB8, "movabs opcode");

  /* The data: .rodata.cst8 (2.5) at 0, then .lrodata.str1.1 ("known"). */
  cr_assert_eq(s.data_align, 8);
  cr_assert_eq(s.data_size, 8 + 6);
  cr_assert_eq(cst->value, HOLE_DATA);
  cr_assert_eq(cst->kind, R_X86_64_PC32);
  cr_assert_eq(cst->addend, 0 - 4, "rip-relative: the displacement ends 4 bytes after the site");
  double d;
  memcpy(&d, s.data + cst->addend + 4, sizeof d);
  cr_assert_eq(d, 2.5);
  cr_assert_eq(str->value, HOLE_DATA);
  cr_assert_eq(str->kind, R_X86_64_64);
  cr_assert_eq(str->addend, 8);
  cr_assert_str_eq((const char *)s.data + str->addend, "known");

  cr_assert_eq(call->value, HOLE_SYMBOL);
  cr_assert_eq(call->kind, R_X86_64_PLT32);
  cr_assert_eq(call->addend, -4);
  cr_assert_eq(s.code[call->offset - 1], 0xE8, "a call");
  cr_assert_eq(s.nsymbols, 1);
  cr_assert_str_eq(s.symbols[call->symbol], "known_external");

  elf_stencil_free(&s);
  strbuf_free(&err);
  free(obj);
}

/* Parses obj and expects a refusal whose message contains every `needle`. */
static void expect_refused(const uint8_t *obj, size_t len, const char *n1, const char *n2) {
  StrBuf err;
  strbuf_init(&err);
  ElfStencil s;
  cr_assert_not(elf_stencil_parse(obj, len, "uop KNOWN", &s, &err), "parsed a corrupted object");
  cr_assert_not_null(err.data);
  cr_assert_not_null(strstr(err.data, "uop KNOWN"), "message: %s", err.data);
  cr_assert_not_null(strstr(err.data, n1), "message: %s", err.data);
  if (n2) cr_assert_not_null(strstr(err.data, n2), "message: %s", err.data);
  cr_assert_null(s.code);
  cr_assert_null(s.holes);
  strbuf_free(&err);
}

Test(elf, unsupported_relocation_types_are_refused_by_name) {
  size_t len;
  uint8_t *obj = read_known_object(&len);
  size_t call = rela_text_entry(obj, "known_external");
  set_reloc_type(obj, call, R_X86_64_GOTPCREL);
  expect_refused(obj, len, "unsupported R_X86_64_GOTPCREL", "known_external");
  set_reloc_type(obj, call, 200);
  expect_refused(obj, len, "relocation type 200", "known_external");
  set_reloc_type(obj, call, R_X86_64_PLT32);
  /* What -mcmodel=medium gives for strings without -mlarge-data-threshold=0. */
  set_reloc_type(obj, rela_text_entry(obj, ".lrodata.str1.1"), R_X86_64_32);
  expect_refused(obj, len, "unsupported R_X86_64_32 ", ".lrodata.str1.1");
  free(obj);
}

Test(elf, unknown_holes_and_a_misplaced_entry_are_refused) {
  size_t len;
  uint8_t *obj = read_known_object(&len);
  rename_symbol(obj, "_JIT_OPERAND", 'X');
  expect_refused(obj, len, "unknown hole _JIT_OPERANX", NULL);
  free(obj);

  obj = read_known_object(&len);
  rename_symbol(obj, "_JIT_ENTRY", 'X');
  expect_refused(obj, len, "no function _JIT_ENTRY", NULL);
  free(obj);

  /* An operand hole used as an address. */
  obj = read_known_object(&len);
  set_reloc_type(obj, rela_text_entry(obj, "_JIT_OPERAND"), R_X86_64_PC32);
  expect_refused(obj, len, "hole _JIT_OPERAND used through R_X86_64_PC32", NULL);
  free(obj);
}

/* Every prefix of the object, and many single-byte corruptions of it, are
 * refused or parsed into holes that lie inside what is copied; never a
 * crash or an out-of-bounds read (ASan). */
Test(elf, hostile_objects_never_crash) {
  size_t len;
  uint8_t *obj = read_known_object(&len);
  StrBuf err;
  strbuf_init(&err);
  for (size_t n = 0; n < len; n++) {
    uint8_t *prefix = malloc(n ? n : 1);
    memcpy(prefix, obj, n);
    ElfStencil s;
    bool ok = elf_stencil_parse(prefix, n, "prefix", &s, &err);
    if (ok) elf_stencil_free(&s);
    free(prefix);
    strbuf_clear(&err);
  }
  uint64_t rng = 12345;
  uint8_t *copy = malloc(len);
  int parsed = 0;
  for (int round = 0; round < 3000; round++) {
    memcpy(copy, obj, len);
    int flips = 1 + (int)(test_rand(&rng) % 3);
    for (int f = 0; f < flips; f++) copy[test_rand(&rng) % len] ^= (uint8_t)(1u << (test_rand(&rng) % 8));
    ElfStencil s;
    if (elf_stencil_parse(copy, len, "mutant", &s, &err)) {
      parsed++;
      for (size_t i = 0; i < s.nholes; i++) {
        cr_assert(hole_fits(&s, &s.holes[i]));
        cr_assert_lt(s.holes[i].value, HOLE_VALUE_COUNT);
        if (s.holes[i].value == HOLE_SYMBOL) cr_assert_lt(s.holes[i].symbol, s.nsymbols);
      }
      elf_stencil_free(&s);
    }
    strbuf_clear(&err);
  }
  cr_log_info("elf: %d of 3000 mutated objects still parsed", parsed);
  free(copy);
  strbuf_free(&err);
  free(obj);
}

/* ============================================================== tables */

static void check_stencil(const Stencil *s, const char *name) {
  cr_assert(s->code_size == 0 || s->code != NULL, "%s", name);
  cr_assert(s->data_size == 0 || s->data != NULL, "%s", name);
  cr_assert(s->data_align >= 1 && (s->data_align & (s->data_align - 1)) == 0, "%s", name);
  for (uint32_t i = 0; i < s->nholes; i++) {
    const StencilHole *h = &s->holes[i];
    size_t width = h->kind == R_X86_64_64 ? 8 : 4;
    cr_assert(h->kind == R_X86_64_64 || h->kind == R_X86_64_PC32 || h->kind == R_X86_64_PLT32, "%s", name);
    cr_assert_leq(h->offset + width, h->in_data ? s->data_size : s->code_size, "%s hole %u", name, i);
    cr_assert_lt(h->value, HOLE_VALUE_COUNT, "%s", name);
    if (h->value == HOLE_SYMBOL) cr_assert_lt(h->symbol, jit_stencil_nsymbols, "%s", name);
  }
}

Test(tables, every_uop_has_a_stencil) {
  for (int u = 0; u < UOP_COUNT; u++) {
    const Stencil *s = &jit_stencils[u];
    check_stencil(s, uop_info[u].name);
    /* NOP's body is empty: its stencil was only the jump to the next one,
     * which is stripped, so it falls through. Every other has code. */
    if (u == UOP_NOP) {
      cr_assert_eq(s->code_size, 0);
      cr_assert_eq(s->nholes, 0);
    } else {
      cr_assert_gt(s->code_size, 0, "uop %s has no code", uop_info[u].name);
    }
  }
  check_stencil(&jit_stencil_entry, "entry");
  check_stencil(&jit_stencil_exit, "exit");
  cr_assert_gt(jit_stencil_entry.code_size, 0);
  cr_assert_gt(jit_stencil_exit.code_size, 0);
  /* The entry calls the first uop; the exit continues nowhere. */
  cr_assert_eq(jit_stencil_entry.nholes, 1);
  cr_assert_eq(jit_stencil_entry.holes[0].value, HOLE_CONTINUE);
  for (uint32_t i = 0; i < jit_stencil_exit.nholes; i++) cr_assert_neq(jit_stencil_exit.holes[i].value, HOLE_CONTINUE);
}

/* The generated symbol table against the same names resolved here. */
#define TEST_SYMBOL(name) {#name, (void (*)(void))name},
static const StencilSymbol expected_symbols[] = {JIT_STENCIL_SYMBOLS(TEST_SYMBOL){NULL, NULL}};
#undef TEST_SYMBOL

Test(tables, symbol_table_resolves) {
  cr_assert_eq(jit_stencil_nsymbols, JIT_STENCIL_NSYMBOLS);
  cr_assert_gt(jit_stencil_nsymbols, 0);
  for (uint32_t i = 0; i < jit_stencil_nsymbols; i++) {
    cr_assert_not_null(jit_stencil_symbols[i].address, "%s", jit_stencil_symbols[i].name);
    cr_assert_str_eq(jit_stencil_symbols[i].name, expected_symbols[i].name);
    cr_assert(jit_stencil_symbols[i].address == expected_symbols[i].address, "%s", expected_symbols[i].name);
    if (i > 0) cr_assert_lt(strcmp(jit_stencil_symbols[i - 1].name, jit_stencil_symbols[i].name), 0, "sorted, unique");
  }
  cr_assert_null(jit_stencil_symbols[jit_stencil_nsymbols].name);
}

/* ============================================= running machine code */

/* Instruction numbers of the program below (tier 1 would be at these). */
enum {
  I_LOOP = 4,        /* LOAD_FAST i */
  I_LIMIT,           /* LOAD_CONST 10 */
  I_COMPARE,         /* COMPARE_OP < */
  I_BRANCH,          /* POP_JUMP_IF_FALSE done */
  I_LOAD_TOTAL,      /* LOAD_FAST total */
  I_LOAD_I,          /* LOAD_FAST i */
  I_ADD_TOTAL,       /* BINARY_OP + */
  I_STORE_TOTAL,     /* STORE_FAST total */
  I_LOAD_I2,         /* LOAD_FAST i */
  I_ONE,             /* LOAD_CONST 1 */
  I_ADD_I,           /* BINARY_OP + */
  I_STORE_I,         /* STORE_FAST i */
  I_BACK,            /* JUMP_BACKWARD loop */
  I_DONE,            /* LOAD_FAST f */
};

static const char program[] =
    ".function main\n"
    ".locals i total f s\n"
    "    LOAD_CONST 0\n"
    "    STORE_FAST i\n"
    "    LOAD_CONST 0\n"
    "    STORE_FAST total\n"
    "loop:\n"
    "    LOAD_FAST i\n"
    "    LOAD_CONST 10\n"
    "    COMPARE_OP <\n"
    "    POP_JUMP_IF_FALSE done\n"
    "    LOAD_FAST total\n"
    "    LOAD_FAST i\n"
    "    BINARY_OP +\n"
    "    STORE_FAST total\n"
    "    LOAD_FAST i\n"
    "    LOAD_CONST 1\n"
    "    BINARY_OP +\n"
    "    STORE_FAST i\n"
    "    JUMP_BACKWARD loop\n"
    "done:\n"
    "    LOAD_FAST f\n"
    "    LOAD_CONST 1.5\n"
    "    BINARY_OP +\n"
    "    STORE_FAST f\n"
    "    LOAD_CONST 'hello'\n"
    "    LOAD_METHOD frob\n"
    "    CALL 0\n"
    "    RETURN_VALUE\n"
    ".end\n";

typedef struct Fixture {
  Module *module;
  VM *vm;
  Frame *frame;
  uint32_t off[64]; /* offset of each instruction */
} Fixture;

static void fixture_open(Fixture *fx, int64_t fuel) {
  memset(fx, 0, sizeof *fx);
  StrBuf err;
  strbuf_init(&err);
  fx->module = module_load_bytes("<stencils>", program, sizeof program - 1, &err);
  cr_assert_not_null(fx->module, "%s", err.data ? err.data : "");
  strbuf_free(&err);
  VMConfig cfg = {.fuel = fuel};
  fx->vm = vm_new(fx->module, &cfg);
  cr_assert_not_null(fx->vm);
  fx->frame = frame_new(fx->vm, NULL, 0);
  cr_assert_not_null(fx->frame);
  const Code *c = &fx->module->funcs[0];
  uint32_t n = 0;
  for (uint32_t at = 0; at < c->code_len && n < 64;) {
    Instr in;
    cr_assert(instr_decode(c, at, &in));
    fx->off[n++] = at;
    at += in.size;
  }
}

static void fixture_close(Fixture *fx) {
  frame_free(fx->vm, fx->frame);
  vm_release_roots(fx->vm);
  cr_assert_eq(fx->vm->live_objects, 0, "leaked %lld objects", (long long)fx->vm->live_objects);
  vm_free(fx->vm);
  module_free(fx->module);
}

static uint32_t const_index(const Fixture *fx, int kind, int64_t i, double f, const char *s) {
  const Code *c = &fx->module->funcs[0];
  for (uint32_t k = 0; k < c->nconsts; k++) {
    const Const *k_ = &c->consts[k];
    if ((int)k_->kind != kind) continue;
    if ((kind == CK_INT && k_->as.i == i) || (kind == CK_FLOAT && k_->as.f == f) ||
        (kind == CK_STR && strcmp(k_->as.s.data, s) == 0))
      return k;
  }
  cr_assert_fail("constant not found");
  return 0;
}

enum { L_I = 0, L_TOTAL = 1, L_F = 2, L_S = 3 };

/* Appends one uop coming from instruction number `instr`. */
static void emit(Executor *e, const Fixture *fx, UopId uop, uint32_t oparg, int instr) {
  uint32_t i = e->nuops;
  cr_assert_lt(i, 64);
  e->uops[i] = (UopInstr){.uop = (uint16_t)uop, .oparg = oparg, .target = fx->off[instr], .exit_index = i, .operand = 0};
  e->nuops = i + 1;
}

static void executor_init(Executor *e, UopInstr *storage) {
  memset(e, 0, sizeof *e);
  e->valid = true;
  e->uops = storage;
}

/* The loop body as the recorder would trace it, closing with JUMP_TO_TOP. */
static void trace_loop(Executor *e, const Fixture *fx) {
  emit(e, fx, UOP_LOAD_FAST, L_I, I_LOOP);
  emit(e, fx, UOP_LOAD_CONST, const_index(fx, CK_INT, 10, 0, NULL), I_LIMIT);
  emit(e, fx, UOP_GUARD_BOTH_INT, 0, I_COMPARE);
  emit(e, fx, UOP_COMPARE_OP_INT, CMPOP_LT, I_COMPARE);
  emit(e, fx, UOP_GUARD_IS_TRUE_POP, 0, I_BRANCH);
  emit(e, fx, UOP_LOAD_FAST, L_TOTAL, I_LOAD_TOTAL);
  emit(e, fx, UOP_LOAD_FAST, L_I, I_LOAD_I);
  emit(e, fx, UOP_GUARD_BOTH_INT, 0, I_ADD_TOTAL);
  emit(e, fx, UOP_BINARY_OP_ADD_INT, BINOP_ADD, I_ADD_TOTAL);
  emit(e, fx, UOP_STORE_FAST, L_TOTAL, I_STORE_TOTAL);
  emit(e, fx, UOP_LOAD_FAST, L_I, I_LOAD_I2);
  emit(e, fx, UOP_LOAD_CONST, const_index(fx, CK_INT, 1, 0, NULL), I_ONE);
  emit(e, fx, UOP_GUARD_BOTH_INT, 0, I_ADD_I);
  emit(e, fx, UOP_BINARY_OP_ADD_INT, BINOP_ADD, I_ADD_I);
  emit(e, fx, UOP_STORE_FAST, L_I, I_STORE_I);
  emit(e, fx, UOP_JUMP_TO_TOP, 0, I_BACK);
}

static JitState run(Executor *e, Fixture *fx) {
  StrBuf err;
  strbuf_init(&err);
  cr_assert(codegen_compile(e, &err), "%s", err.data ? err.data : "");
  strbuf_free(&err);
  cr_assert_not_null(e->entry);
  cr_assert_eq((uintptr_t)e->entry, (uintptr_t)e->code, "the entry stencil is at offset 0");
  JitState st = {.vm = fx->vm, .executor = e, .exit_kind = 99, .exit_ip = 99, .exit_index = 99};
  e->entry(&st, fx->frame, fx->frame->sp);
  return st;
}

static int64_t local_int(const Fixture *fx, int slot) {
  cr_assert_eq(fx->frame->slots[slot].tag, V_INT);
  return fx->frame->slots[slot].as.i;
}

Test(run, loop_runs_to_its_branch_exit) {
  Fixture fx;
  fixture_open(&fx, -1);
  fx.frame->slots[L_I] = value_int(0);
  fx.frame->slots[L_TOTAL] = value_int(0);
  UopInstr storage[64];
  Executor e;
  executor_init(&e, storage);
  trace_loop(&e, &fx);
  JitState st = run(&e, &fx);
  /* i reached 10: the branch guard exits before popping the False, and
   * tier 1 resumes at the POP_JUMP_IF_FALSE. */
  cr_assert_eq(st.exit_kind, JIT_EXIT_SIDE);
  cr_assert_eq(st.exit_ip, fx.off[I_BRANCH]);
  cr_assert_eq(st.exit_index, 4, "the GUARD_IS_TRUE_POP's exit counter");
  cr_assert_eq(local_int(&fx, L_I), 10);
  cr_assert_eq(local_int(&fx, L_TOTAL), 45);
  cr_assert_eq(fx.frame->sp, fx.frame->stack + 1);
  cr_assert_eq(fx.frame->stack[0].tag, V_BOOL);
  cr_assert_eq(fx.frame->stack[0].as.i, 0);
  fx.frame->sp--;
  codegen_free(&e);
  fixture_close(&fx);
}

Test(run, out_of_fuel_deopts_at_the_back_edge) {
  Fixture fx;
  fixture_open(&fx, 5);
  fx.frame->slots[L_I] = value_int(0);
  fx.frame->slots[L_TOTAL] = value_int(0);
  UopInstr storage[64];
  Executor e;
  executor_init(&e, storage);
  trace_loop(&e, &fx);
  JitState st = run(&e, &fx);
  /* Five back-edges were paid for; the sixth finds no fuel and leaves at the
   * JUMP_BACKWARD, where tier 1 runs out of fuel itself. */
  cr_assert_eq(st.exit_kind, JIT_EXIT_DEOPT);
  cr_assert_eq(st.exit_ip, fx.off[I_BACK]);
  cr_assert_eq(fx.vm->fuel, 0);
  cr_assert_eq(local_int(&fx, L_I), 6);
  cr_assert_eq(local_int(&fx, L_TOTAL), 0 + 1 + 2 + 3 + 4 + 5);
  cr_assert_eq(fx.frame->sp, fx.frame->stack);
  codegen_free(&e);
  fixture_close(&fx);
}

Test(run, int_overflow_deopts_with_the_stack_untouched) {
  Fixture fx;
  fixture_open(&fx, -1);
  fx.frame->slots[L_I] = value_int(0);
  fx.frame->slots[L_TOTAL] = value_int(INT64_MAX - 2);
  UopInstr storage[64];
  Executor e;
  executor_init(&e, storage);
  trace_loop(&e, &fx);
  JitState st = run(&e, &fx);
  /* total + i: MAX-2 + 0 and + 1 fit; MAX-1 + 2 overflows. The add deopts
   * with its operands still on the stack, for tier 1 to raise OverflowError. */
  cr_assert_eq(st.exit_kind, JIT_EXIT_DEOPT);
  cr_assert_eq(st.exit_ip, fx.off[I_ADD_TOTAL]);
  cr_assert_eq(st.exit_index, 8);
  cr_assert_eq(fx.frame->sp, fx.frame->stack + 2);
  cr_assert_eq(fx.frame->stack[0].tag, V_INT);
  cr_assert_eq(fx.frame->stack[0].as.i, INT64_MAX - 1);
  cr_assert_eq(fx.frame->stack[1].tag, V_INT);
  cr_assert_eq(fx.frame->stack[1].as.i, 2);
  cr_assert_eq(local_int(&fx, L_I), 2);
  cr_assert_eq(local_int(&fx, L_TOTAL), INT64_MAX - 1);
  fx.frame->sp -= 2;
  codegen_free(&e);
  fixture_close(&fx);
}

Test(run, type_guard_deopts_before_the_add) {
  Fixture fx;
  fixture_open(&fx, -1);
  fx.frame->slots[L_I] = value_int(0);
  fx.frame->slots[L_TOTAL] = value_float(0.5); /* the trace assumed an int */
  UopInstr storage[64];
  Executor e;
  executor_init(&e, storage);
  trace_loop(&e, &fx);
  JitState st = run(&e, &fx);
  cr_assert_eq(st.exit_kind, JIT_EXIT_DEOPT);
  cr_assert_eq(st.exit_ip, fx.off[I_ADD_TOTAL]);
  cr_assert_eq(st.exit_index, 7, "the GUARD_BOTH_INT's");
  cr_assert_eq(fx.frame->sp, fx.frame->stack + 2);
  fx.frame->sp -= 2;
  codegen_free(&e);
  fixture_close(&fx);
}

Test(run, float_add_and_exit_trace) {
  Fixture fx;
  fixture_open(&fx, -1);
  fx.frame->slots[L_F] = value_float(2.25);
  UopInstr storage[64];
  Executor e;
  executor_init(&e, storage);
  emit(&e, &fx, UOP_LOAD_FAST, L_F, I_DONE);
  emit(&e, &fx, UOP_LOAD_CONST, const_index(&fx, CK_FLOAT, 0, 1.5, NULL), I_DONE + 1);
  emit(&e, &fx, UOP_GUARD_BOTH_FLOAT, 0, I_DONE + 2);
  emit(&e, &fx, UOP_BINARY_OP_ADD_FLOAT, BINOP_ADD, I_DONE + 2);
  emit(&e, &fx, UOP_NOP, 0, I_DONE + 3);
  emit(&e, &fx, UOP_STORE_FAST, L_F, I_DONE + 3);
  emit(&e, &fx, UOP_EXIT_TRACE, 0, I_DONE + 4);
  JitState st = run(&e, &fx);
  cr_assert_eq(st.exit_kind, JIT_EXIT_SIDE);
  cr_assert_eq(st.exit_ip, fx.off[I_DONE + 4]);
  cr_assert_eq(fx.frame->slots[L_F].tag, V_FLOAT);
  cr_assert_eq(fx.frame->slots[L_F].as.f, 3.75);
  cr_assert_eq(fx.frame->sp, fx.frame->stack);
  codegen_free(&e);
  fixture_close(&fx);
}

/* Calls into the VM (obj_decref, vm_raise: usually through trampolines,
 * the binary being far from the mapping) and a string from the stencil's
 * read-only data (the message format). */
Test(run, error_exit_raises_with_the_message_from_stencil_data) {
  Fixture fx;
  fixture_open(&fx, -1);
  UopInstr storage[64];
  Executor e;
  executor_init(&e, storage);
  uint32_t hello = const_index(&fx, CK_STR, 0, 0, "hello");
  emit(&e, &fx, UOP_LOAD_CONST, hello, I_DONE + 4);
  emit(&e, &fx, UOP_COPY, 1, I_DONE + 4);
  emit(&e, &fx, UOP_POP_TOP, 0, I_DONE + 4);
  emit(&e, &fx, UOP_LOAD_METHOD, 0, I_DONE + 5);
  emit(&e, &fx, UOP_EXIT_TRACE, 0, I_DONE + 6);
  ObjStr *str = AS_STR(fx.vm->codes[0].consts[hello]);
  int64_t refs = str->h.refcount;
  JitState st = run(&e, &fx);
  cr_assert_eq(st.exit_kind, JIT_EXIT_ERROR);
  cr_assert_eq(st.exit_ip, fx.off[I_DONE + 5]);
  cr_assert_eq(fx.frame->sp, fx.frame->stack, "LOAD_METHOD consumed its input");
  cr_assert_eq(str->h.refcount, refs);
  cr_assert_not_null(fx.vm->exc);
  StrBuf msg;
  strbuf_init(&msg);
  cr_assert_eq(exc_format_last_line(fx.vm, fx.vm->exc, &msg), LS_OK);
  cr_assert_str_eq(msg.data, "AttributeError: 'str' object has no attribute 'frob'");
  strbuf_free(&msg);
  codegen_free(&e);
  fixture_close(&fx);
}

/* Reads back the patched bytes: operand holes hold the operands, and every
 * call to a VM function reaches it, directly or through a trampoline
 * (jmp *0(%rip) followed by the address) inside the mapping. */
Test(run, patched_holes_hold_operands_and_reach_functions) {
  Fixture fx;
  fixture_open(&fx, -1);
  UopInstr storage[64];
  Executor e;
  executor_init(&e, storage);
  uint32_t hello = const_index(&fx, CK_STR, 0, 0, "hello");
  emit(&e, &fx, UOP_LOAD_CONST, hello, I_DONE + 4);
  emit(&e, &fx, UOP_POP_TOP, 0, I_DONE + 4);
  emit(&e, &fx, UOP_EXIT_TRACE, 0, I_DONE + 5);
  JitState st = run(&e, &fx);
  cr_assert_eq(st.exit_ip, fx.off[I_DONE + 5]);
  const uint8_t *code = e.code;
  size_t at = jit_stencil_entry.code_size;
  int calls = 0, via_trampoline = 0;
  for (uint32_t i = 0; i < e.nuops; i++) {
    const Stencil *s = &jit_stencils[storage[i].uop];
    for (uint32_t h = 0; h < s->nholes; h++) {
      const StencilHole *hole = &s->holes[h];
      if (hole->in_data) continue;
      const uint8_t *site = code + at + hole->offset;
      if (hole->value == HOLE_OPARG) {
        uint64_t v;
        memcpy(&v, site, sizeof v);
        cr_assert_eq(v, storage[i].oparg);
      } else if (hole->value == HOLE_TARGET) {
        uint64_t v;
        memcpy(&v, site, sizeof v);
        cr_assert_eq(v, storage[i].target);
      } else if (hole->value == HOLE_SYMBOL && hole->kind == R_X86_64_PLT32) {
        int32_t rel;
        memcpy(&rel, site, sizeof rel);
        const uint8_t *dest = site + 4 + rel;
        uintptr_t fn = (uintptr_t)jit_stencil_symbols[hole->symbol].address;
        calls++;
        if ((uintptr_t)dest != fn) {
          static const uint8_t jmp_rip[6] = {0xFF, 0x25, 0, 0, 0, 0};
          cr_assert(dest >= code && dest + 16 <= code + e.code_used, "call to neither the function nor a trampoline");
          cr_assert_eq(memcmp(dest, jmp_rip, 6), 0);
          uint64_t addr;
          memcpy(&addr, dest + 6, sizeof addr);
          cr_assert_eq(addr, (uint64_t)fn, "trampoline to %s", jit_stencil_symbols[hole->symbol].name);
          via_trampoline++;
        }
      }
    }
    at += s->code_size;
  }
  cr_assert_gt(calls, 0);
  cr_log_info("run: %d of %d calls into the VM go through trampolines", via_trampoline, calls);
  codegen_free(&e);
  fixture_close(&fx);
}

Test(run, invalidated_executor_deopts_at_check_validity) {
  Fixture fx;
  fixture_open(&fx, -1);
  fx.frame->slots[L_I] = value_int(7);
  UopInstr storage[64];
  Executor e;
  executor_init(&e, storage);
  emit(&e, &fx, UOP_CHECK_VALIDITY, 0, I_LOOP);
  emit(&e, &fx, UOP_LOAD_FAST, L_I, I_LOOP);
  emit(&e, &fx, UOP_EXIT_TRACE, 0, I_LIMIT);
  JitState st = run(&e, &fx);
  cr_assert_eq(st.exit_kind, JIT_EXIT_SIDE);
  cr_assert_eq(fx.frame->sp, fx.frame->stack + 1);
  value_decref(fx.vm, *--fx.frame->sp);
  e.valid = false; /* the same machine code reads the executor's flag */
  JitState st2 = {.vm = fx.vm, .executor = &e};
  e.entry(&st2, fx.frame, fx.frame->sp);
  cr_assert_eq(st2.exit_kind, JIT_EXIT_DEOPT);
  cr_assert_eq(st2.exit_ip, fx.off[I_LOOP]);
  cr_assert_eq(fx.frame->sp, fx.frame->stack);
  codegen_free(&e);
  fixture_close(&fx);
}

Test(run, empty_trace_and_bad_uops) {
  Fixture fx;
  fixture_open(&fx, -1);
  UopInstr storage[64];
  Executor e;
  executor_init(&e, storage);
  run(&e, &fx); /* entry straight into exit */
  cr_assert_eq(fx.frame->sp, fx.frame->stack);
  codegen_free(&e);
  cr_assert_null(e.code);
  cr_assert_null(e.entry);

  storage[0] = (UopInstr){.uop = UOP_COUNT};
  e.nuops = 1;
  StrBuf err;
  strbuf_init(&err);
  cr_assert_not(codegen_compile(&e, &err));
  cr_assert_not_null(strstr(err.data, "unknown id"), "%s", err.data);
  cr_assert_null(e.code);
  strbuf_free(&err);
  fixture_close(&fx);
}

Test(run, describe_lists_each_uop_with_its_offset) {
  Fixture fx;
  fixture_open(&fx, -1);
  UopInstr storage[64];
  Executor e;
  executor_init(&e, storage);
  trace_loop(&e, &fx);
  StrBuf out;
  strbuf_init(&out);
  cr_assert(codegen_describe(&e, &out));
  char first[128];
  snprintf(first, sizeof first, "  0x%04x %4u  LOAD_FAST", (unsigned)jit_stencil_entry.code_size,
           (unsigned)jit_stencils[UOP_LOAD_FAST].code_size);
  cr_assert_eq(strncmp(out.data, first, strlen(first)), 0, "%s", out.data);
  size_t lines = 0;
  for (const char *p = out.data; *p; p++) lines += *p == '\n';
  cr_assert_eq(lines, e.nuops);
  cr_assert_not_null(strstr(out.data, "JUMP_TO_TOP"));
  strbuf_free(&out);
  fixture_close(&fx);
}

/* ==================================================== W^X and unmapping */

static char maps_buf[1 << 20];

/* /proc/self/maps, read without stdio (no allocation between samples). */
static const char *read_maps(void) {
  int fd = open("/proc/self/maps", O_RDONLY);
  cr_assert_geq(fd, 0);
  size_t n = 0;
  ssize_t r;
  while (n < sizeof maps_buf - 1 && (r = read(fd, maps_buf + n, sizeof maps_buf - 1 - n)) > 0) n += (size_t)r;
  close(fd);
  maps_buf[n] = '\0';
  return maps_buf;
}

static int count_lines(const char *s) {
  int n = 0;
  for (; *s; s++) n += *s == '\n';
  return n;
}

/* The permissions of the mapping holding addr, or NULL. */
static const char *perms_of(const char *maps, uintptr_t addr, char perms[5]) {
  for (const char *line = maps; *line;) {
    unsigned long lo, hi;
    char p[5];
    if (sscanf(line, "%lx-%lx %4s", &lo, &hi, p) == 3 && addr >= lo && addr < hi) {
      memcpy(perms, p, 5);
      return perms;
    }
    const char *nl = strchr(line, '\n');
    if (!nl) break;
    line = nl + 1;
  }
  return NULL;
}

Test(wx, no_mapping_is_writable_and_executable) {
  Fixture fx;
  fixture_open(&fx, -1);
  UopInstr storage[64];
  Executor e;
  executor_init(&e, storage);
  trace_loop(&e, &fx);
  StrBuf err;
  strbuf_init(&err);
  cr_assert(codegen_compile(&e, &err));
  strbuf_free(&err);
  const char *maps = read_maps();
  for (const char *line = maps; *line;) {
    char perms[5] = "";
    unsigned long lo, hi;
    sscanf(line, "%lx-%lx %4s", &lo, &hi, perms);
    cr_assert_not(perms[1] == 'w' && perms[2] == 'x', "writable and executable: %.80s", line);
    const char *nl = strchr(line, '\n');
    if (!nl) break;
    line = nl + 1;
  }
  char perms[5];
  cr_assert_not_null(perms_of(maps, (uintptr_t)e.code, perms));
  cr_assert_str_eq(perms, "r-xp");
  cr_assert_geq(e.code_size, e.code_used);
  cr_assert_eq(e.code_size % (size_t)sysconf(_SC_PAGESIZE), 0);
  codegen_free(&e);
  fixture_close(&fx);
}

/* codegen_free makes the trace unreachable at once: its mapping is either
 * gone or kept for reuse read+write, never executable; releasing the cache
 * unmaps it and leaves the mappings as they were. */
Test(wx, free_leaves_no_executable_code) {
  Fixture fx;
  fixture_open(&fx, -1);
  UopInstr storage[64];
  Executor e;
  executor_init(&e, storage);
  trace_loop(&e, &fx);
  StrBuf err;
  strbuf_init(&err);
  codegen_release_cache();
  read_maps();
  int before = count_lines(read_maps());
  cr_assert(codegen_compile(&e, &err));
  void *code = e.code;
  char perms[5];
  cr_assert_not_null(perms_of(read_maps(), (uintptr_t)code, perms));
  codegen_free(&e);
  cr_assert_null(e.code);
  cr_assert_null(e.entry);
  cr_assert_eq(e.code_size, 0);
  if (perms_of(read_maps(), (uintptr_t)code, perms)) cr_assert_str_eq(perms, "rw-p", "a freed trace's mapping is %s", perms);
  codegen_release_cache();
  const char *after = read_maps();
  cr_assert_null(perms_of(after, (uintptr_t)code, perms), "still mapped after codegen_release_cache");
  cr_assert_eq(count_lines(after), before);
  strbuf_free(&err);
  fixture_close(&fx);
}

/* The next trace of the same size reuses the freed mapping, and nothing of
 * the freed trace survives in it: past the new trace's bytes, and in the
 * padding before its trampolines, every byte is int3 (or zero, never
 * written). The new trace runs, from a read+execute mapping. */
Test(wx, reused_mapping_keeps_nothing_of_the_freed_trace) {
  Fixture fx;
  fixture_open(&fx, -1);
  fx.frame->slots[L_I] = value_int(7);
  UopInstr storage[64];
  Executor e;
  executor_init(&e, storage);
  trace_loop(&e, &fx);
  StrBuf err;
  strbuf_init(&err);
  codegen_release_cache();
  cr_assert(codegen_compile(&e, &err));
  strbuf_free(&err);
  void *freed = e.code;
  size_t freed_size = e.code_size, freed_used = e.code_used;
  codegen_free(&e);

  e.nuops = 0;
  emit(&e, &fx, UOP_LOAD_FAST, L_I, I_LOOP);
  emit(&e, &fx, UOP_EXIT_TRACE, 0, I_LIMIT);
  JitState st = run(&e, &fx);
  cr_assert_eq(e.code_size, freed_size, "both traces fit in the same number of pages");
  cr_assert_eq(e.code, freed, "the freed mapping is reused");
  cr_assert_lt(e.code_used, freed_used);
  const uint8_t *bytes = e.code;
  for (size_t i = e.code_used; i < e.code_size; i++)
    cr_assert(bytes[i] == 0xCC || (bytes[i] == 0 && i >= freed_used), "byte %zu of the mapping is 0x%02x", i, bytes[i]);
  size_t code_end = jit_stencil_entry.code_size + jit_stencil_exit.code_size;
  for (uint32_t i = 0; i < e.nuops; i++) code_end += jit_stencils[storage[i].uop].code_size;
  for (size_t i = code_end; i % 16; i++) cr_assert_eq(bytes[i], 0xCC, "padding byte %zu", i);
  char perms[5];
  cr_assert_not_null(perms_of(read_maps(), (uintptr_t)e.code, perms));
  cr_assert_str_eq(perms, "r-xp");
  cr_assert_eq(st.exit_kind, JIT_EXIT_SIDE);
  cr_assert_eq(st.exit_ip, fx.off[I_LIMIT]);
  cr_assert_eq(fx.frame->sp, fx.frame->stack + 1);
  cr_assert_eq(local_int(&fx, L_I), 7);
  value_decref(fx.vm, *--fx.frame->sp);
  codegen_free(&e);
  codegen_release_cache();
  fixture_close(&fx);
}

/* The cache of freed mappings is bounded (64 mappings, 1 MiB): freeing many
 * traces at once unmaps all but a few of them. */
Test(wx, freed_mappings_kept_are_bounded) {
  enum { N = 100, KEPT_AT_MOST = 64 };
  Fixture fx;
  fixture_open(&fx, -1);
  static UopInstr storage[N][64];
  static Executor e[N];
  StrBuf err;
  strbuf_init(&err);
  codegen_release_cache();
  for (int k = 0; k < N; k++) {
    executor_init(&e[k], storage[k]);
    trace_loop(&e[k], &fx);
    cr_assert(codegen_compile(&e[k], &err));
  }
  strbuf_free(&err);
  static void *code[N];
  for (int k = 0; k < N; k++) {
    code[k] = e[k].code;
    codegen_free(&e[k]);
  }
  const char *maps = read_maps();
  int still_mapped = 0;
  char perms[5];
  for (int k = 0; k < N; k++)
    if (perms_of(maps, (uintptr_t)code[k], perms)) {
      still_mapped++;
      cr_assert_str_eq(perms, "rw-p");
    }
  cr_assert_leq(still_mapped, KEPT_AT_MOST);
  cr_assert_gt(still_mapped, 0, "the cache kept nothing");
  codegen_release_cache();
  maps = read_maps();
  for (int k = 0; k < N; k++) cr_assert_null(perms_of(maps, (uintptr_t)code[k], perms));
  fixture_close(&fx);
}

/* ========================================================= compile time */

static int compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Informational: the median cost of copy-and-patch per uop, as
 * --jit-stats reports it. No timed assertion. */
Test(timing, compile_time_per_uop) {
  enum { N = 1000, LEN = 50 };
  UopInstr storage[LEN];
  for (uint32_t i = 0; i < LEN; i++)
    storage[i] = (UopInstr){.uop = (uint16_t)(i % UOP_COUNT), .oparg = i, .target = 5 * i, .exit_index = i, .operand = i};
  Executor e;
  executor_init(&e, storage);
  e.nuops = LEN;
  static double per_uop[N];
  StrBuf err;
  strbuf_init(&err);
  size_t bytes = 0;
  for (int k = 0; k < N; k++) {
    cr_assert(codegen_compile(&e, &err));
    per_uop[k] = e.compile_ns / LEN;
    bytes = e.code_used;
    codegen_free(&e);
  }
  strbuf_free(&err);
  qsort(per_uop, N, sizeof per_uop[0], compare_doubles);
  cr_log_info("codegen: median %.1f ns per uop (copy and patch) over %d compiles of a %d-uop trace of %zu bytes",
              per_uop[N / 2], N, LEN, bytes);
}
