/* Reading one ELF64 x86-64 relocatable object, as clang-19 writes it for a
 * stencil, into code bytes, data bytes and holes (jit/elf_stencil.h).
 * The input is treated as hostile: every offset, size, index and string is
 * checked against the file before it is used, and anything the run-time
 * patcher could not reproduce exactly is refused with a message. */
#include "jit/elf_stencil.h"

#include <elf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ names */

#define RELOC_NAME(t) [t] = #t
static const char *const reloc_names[] = {
    RELOC_NAME(R_X86_64_NONE),      RELOC_NAME(R_X86_64_64),
    RELOC_NAME(R_X86_64_PC32),      RELOC_NAME(R_X86_64_GOT32),
    RELOC_NAME(R_X86_64_PLT32),     RELOC_NAME(R_X86_64_COPY),
    RELOC_NAME(R_X86_64_GLOB_DAT),  RELOC_NAME(R_X86_64_JUMP_SLOT),
    RELOC_NAME(R_X86_64_RELATIVE),  RELOC_NAME(R_X86_64_GOTPCREL),
    RELOC_NAME(R_X86_64_32),        RELOC_NAME(R_X86_64_32S),
    RELOC_NAME(R_X86_64_16),        RELOC_NAME(R_X86_64_PC16),
    RELOC_NAME(R_X86_64_8),         RELOC_NAME(R_X86_64_PC8),
    RELOC_NAME(R_X86_64_DTPMOD64),  RELOC_NAME(R_X86_64_DTPOFF64),
    RELOC_NAME(R_X86_64_TPOFF64),   RELOC_NAME(R_X86_64_TLSGD),
    RELOC_NAME(R_X86_64_TLSLD),     RELOC_NAME(R_X86_64_DTPOFF32),
    RELOC_NAME(R_X86_64_GOTTPOFF),  RELOC_NAME(R_X86_64_TPOFF32),
    RELOC_NAME(R_X86_64_PC64),      RELOC_NAME(R_X86_64_GOTOFF64),
    RELOC_NAME(R_X86_64_GOTPC32),   RELOC_NAME(R_X86_64_GOT64),
    RELOC_NAME(R_X86_64_GOTPCREL64), RELOC_NAME(R_X86_64_GOTPC64),
    RELOC_NAME(R_X86_64_GOTPLT64),  RELOC_NAME(R_X86_64_PLTOFF64),
    RELOC_NAME(R_X86_64_SIZE32),    RELOC_NAME(R_X86_64_SIZE64),
    RELOC_NAME(R_X86_64_GOTPC32_TLSDESC), RELOC_NAME(R_X86_64_TLSDESC_CALL),
    RELOC_NAME(R_X86_64_TLSDESC),   RELOC_NAME(R_X86_64_IRELATIVE),
    RELOC_NAME(R_X86_64_RELATIVE64), RELOC_NAME(R_X86_64_GOTPCRELX),
    RELOC_NAME(R_X86_64_REX_GOTPCRELX),
};
#undef RELOC_NAME

const char *elf_stencil_reloc_name(uint32_t type) {
  if (type >= sizeof reloc_names / sizeof reloc_names[0]) return NULL;
  return reloc_names[type];
}

static const char *const hole_value_names[HOLE_VALUE_COUNT] = {
    [HOLE_OPARG] = "OPARG",       [HOLE_OPERAND] = "OPERAND", [HOLE_TARGET] = "TARGET",
    [HOLE_EXIT_INDEX] = "EXIT_INDEX", [HOLE_CONTINUE] = "CONTINUE", [HOLE_EXIT] = "EXIT",
    [HOLE_TOP] = "TOP",           [HOLE_DATA] = "DATA",       [HOLE_SYMBOL] = "SYMBOL",
};

const char *stencil_hole_value_name(int value) {
  if (value < 0 || value >= HOLE_VALUE_COUNT) return "?";
  return hole_value_names[value];
}

/* The _JIT_* symbols template.c leaves undefined, and what they stand for. */
static const struct {
  const char *name;
  StencilHoleValue value;
} jit_holes[] = {
    {"_JIT_OPARG", HOLE_OPARG},         {"_JIT_OPERAND", HOLE_OPERAND},
    {"_JIT_TARGET", HOLE_TARGET},       {"_JIT_EXIT_INDEX", HOLE_EXIT_INDEX},
    {"_JIT_CONTINUE", HOLE_CONTINUE},   {"_JIT_EXIT", HOLE_EXIT},
    {"_JIT_TOP", HOLE_TOP},
};

/* ----------------------------------------------------------------- reader */

typedef struct Reader {
  const uint8_t *obj;
  size_t len;
  const char *what;
  StrBuf *err;
  Elf64_Ehdr eh;
  Elf64_Shdr *sh;          /* e_shnum section headers */
  const char *shstr;       /* section name table */
  size_t shstr_len;
  uint32_t text;           /* index of .text */
  size_t *data_off;        /* per section: offset in the stencil's data, or SIZE_MAX */
  const uint8_t *symtab;   /* Elf64_Sym entries (read with memcpy) */
  size_t nsyms;
  const char *strtab;
  size_t strtab_len;
  ElfStencil *out;
  size_t holes_cap;
} Reader;

static bool fail(Reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool fail(Reader *r, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  strbuf_printf(r->err, "%s: %s\n", r->what, msg);
  return false;
}

/* [off, off + size) lies inside the file. */
static bool in_file(const Reader *r, uint64_t off, uint64_t size) {
  return off <= r->len && size <= r->len - off;
}

/* A NUL-terminated string at `off` of a table of `len` bytes, or NULL. */
static const char *table_string(const char *table, size_t len, uint64_t off) {
  if (table == NULL || off >= len) return NULL;
  if (memchr(table + off, '\0', len - off) == NULL) return NULL;
  return table + off;
}

static const char *section_name(const Reader *r, uint32_t i) {
  const char *name = table_string(r->shstr, r->shstr_len, r->sh[i].sh_name);
  return name ? name : "?";
}

static bool starts_with(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

static bool read_header(Reader *r) {
  if (r->len < sizeof r->eh) return fail(r, "not an ELF object (%zu bytes)", r->len);
  memcpy(&r->eh, r->obj, sizeof r->eh);
  const unsigned char *id = r->eh.e_ident;
  if (memcmp(id, ELFMAG, SELFMAG) != 0) return fail(r, "not an ELF object (bad magic)");
  if (id[EI_CLASS] != ELFCLASS64 || id[EI_DATA] != ELFDATA2LSB)
    return fail(r, "not a 64-bit little-endian ELF object");
  if (r->eh.e_type != ET_REL) return fail(r, "not a relocatable object (e_type %u)", r->eh.e_type);
  if (r->eh.e_machine != EM_X86_64) return fail(r, "not an x86-64 object (e_machine %u)", r->eh.e_machine);
  if (r->eh.e_shentsize != sizeof(Elf64_Shdr)) return fail(r, "bad section header size %u", r->eh.e_shentsize);
  /* e_shnum 0 or e_shstrndx SHN_XINDEX mean extended numbering, which a
   * stencil never needs. */
  if (r->eh.e_shnum == 0 || r->eh.e_shnum >= SHN_LORESERVE) return fail(r, "bad section count %u", r->eh.e_shnum);
  if (r->eh.e_shstrndx >= r->eh.e_shnum) return fail(r, "bad section name table index %u", r->eh.e_shstrndx);
  if (!in_file(r, r->eh.e_shoff, (uint64_t)r->eh.e_shnum * sizeof(Elf64_Shdr)))
    return fail(r, "section headers out of the file");
  r->sh = malloc((size_t)r->eh.e_shnum * sizeof(Elf64_Shdr));
  r->data_off = malloc((size_t)r->eh.e_shnum * sizeof(size_t));
  if (!r->sh || !r->data_off) return fail(r, "out of memory");
  memcpy(r->sh, r->obj + r->eh.e_shoff, (size_t)r->eh.e_shnum * sizeof(Elf64_Shdr));
  for (uint32_t i = 0; i < r->eh.e_shnum; i++) {
    r->data_off[i] = SIZE_MAX;
    const Elf64_Shdr *s = &r->sh[i];
    if (s->sh_type != SHT_NOBITS && s->sh_type != SHT_NULL && !in_file(r, s->sh_offset, s->sh_size))
      return fail(r, "section %u out of the file", i);
  }
  const Elf64_Shdr *names = &r->sh[r->eh.e_shstrndx];
  if (names->sh_type != SHT_STRTAB) return fail(r, "section name table is not a string table");
  r->shstr = (const char *)r->obj + names->sh_offset;
  r->shstr_len = names->sh_size;
  return true;
}

static bool is_pow2(uint64_t x) { return x != 0 && (x & (x - 1)) == 0; }

/* .rodata, .rodata.cst8, .rodata.str1.1, .lrodata.* (the large-data form
 * that -mlarge-data-threshold=0 gives): read-only data the code refers to. */
static bool is_data_section(const Reader *r, uint32_t i) {
  const char *name = section_name(r, i);
  return starts_with(name, ".rodata") || starts_with(name, ".lrodata");
}

/* Finds .text and lays out the data sections; refuses every other section
 * that would be loaded, since the patcher would not copy it. */
static bool classify_sections(Reader *r) {
  ElfStencil *o = r->out;
  bool have_text = false;
  size_t data_size = 0, data_align = 1;
  for (uint32_t i = 1; i < r->eh.e_shnum; i++) {
    const Elf64_Shdr *s = &r->sh[i];
    const char *name = section_name(r, i);
    if (!(s->sh_flags & SHF_ALLOC)) continue;
    if (strcmp(name, ".text") == 0) {
      if (have_text) return fail(r, "more than one .text section");
      if (s->sh_type != SHT_PROGBITS || !(s->sh_flags & SHF_EXECINSTR)) return fail(r, ".text is not code");
      if (s->sh_size > STENCIL_MAX_SECTION) return fail(r, ".text has %llu bytes", (unsigned long long)s->sh_size);
      have_text = true;
      r->text = i;
    } else if (is_data_section(r, i)) {
      if (s->sh_type != SHT_PROGBITS || (s->sh_flags & (SHF_WRITE | SHF_EXECINSTR)))
        return fail(r, "section %s is not read-only data", name);
      uint64_t align = s->sh_addralign ? s->sh_addralign : 1;
      if (!is_pow2(align) || align > STENCIL_MAX_ALIGN) return fail(r, "section %s has alignment %llu", name, (unsigned long long)align);
      size_t off = (data_size + (size_t)align - 1) & ~((size_t)align - 1);
      if (s->sh_size > STENCIL_MAX_SECTION || off + s->sh_size > STENCIL_MAX_SECTION)
        return fail(r, "too much read-only data (section %s)", name);
      r->data_off[i] = off;
      data_size = off + (size_t)s->sh_size;
      if (align > data_align) data_align = (size_t)align;
    } else if (s->sh_size != 0) {
      return fail(r, "section %s cannot be part of a stencil (only .text and read-only data are copied)", name);
    }
  }
  /* Checked last, so that code placed elsewhere (.ltext under
   * -mcmodel=large) is reported by its section's name above. */
  if (!have_text || r->sh[r->text].sh_size == 0) return fail(r, "no code in .text");
  o->code_size = (size_t)r->sh[r->text].sh_size;
  o->code = malloc(o->code_size);
  o->data_size = data_size;
  o->data_align = data_align;
  o->data = data_size ? calloc(1, data_size) : NULL;
  if (!o->code || (data_size && !o->data)) return fail(r, "out of memory");
  memcpy(o->code, r->obj + r->sh[r->text].sh_offset, o->code_size);
  for (uint32_t i = 1; i < r->eh.e_shnum; i++)
    if (r->data_off[i] != SIZE_MAX)
      memcpy(o->data + r->data_off[i], r->obj + r->sh[i].sh_offset, (size_t)r->sh[i].sh_size);
  return true;
}

static bool read_symtab(Reader *r) {
  uint32_t found = 0;
  for (uint32_t i = 1; i < r->eh.e_shnum; i++) {
    const Elf64_Shdr *s = &r->sh[i];
    if (s->sh_type != SHT_SYMTAB) continue;
    if (found) return fail(r, "more than one symbol table");
    found = i;
    if (s->sh_entsize != sizeof(Elf64_Sym) || s->sh_size % sizeof(Elf64_Sym) != 0) return fail(r, "bad symbol table");
    if (s->sh_link == 0 || s->sh_link >= r->eh.e_shnum || r->sh[s->sh_link].sh_type != SHT_STRTAB)
      return fail(r, "bad symbol string table");
    r->symtab = r->obj + s->sh_offset;
    r->nsyms = (size_t)(s->sh_size / sizeof(Elf64_Sym));
    r->strtab = (const char *)r->obj + r->sh[s->sh_link].sh_offset;
    r->strtab_len = (size_t)r->sh[s->sh_link].sh_size;
  }
  if (!found) return fail(r, "no symbol table");
  return true;
}

static Elf64_Sym symbol_at(const Reader *r, size_t i) {
  Elf64_Sym sym;
  memcpy(&sym, r->symtab + i * sizeof sym, sizeof sym);
  return sym;
}

/* A symbol's name: its own, or its section's for section symbols; NULL
 * when the string table does not hold it. */
static const char *symbol_name_raw(const Reader *r, const Elf64_Sym *sym) {
  if (ELF64_ST_TYPE(sym->st_info) == STT_SECTION && sym->st_shndx < r->eh.e_shnum) return section_name(r, sym->st_shndx);
  return table_string(r->strtab, r->strtab_len, sym->st_name);
}

static const char *symbol_name(const Reader *r, const Elf64_Sym *sym) {
  const char *name = symbol_name_raw(r, sym);
  return name ? name : "?";
}

/* The function the code must start with: a stencil is entered at offset 0. */
static bool check_entry(Reader *r) {
  for (size_t i = 1; i < r->nsyms; i++) {
    Elf64_Sym sym = symbol_at(r, i);
    if (strcmp(symbol_name(r, &sym), "_JIT_ENTRY") != 0 || sym.st_shndx == SHN_UNDEF) continue;
    if (sym.st_shndx != r->text || sym.st_value != 0 || ELF64_ST_TYPE(sym.st_info) != STT_FUNC)
      return fail(r, "_JIT_ENTRY must be the function at offset 0 of .text (found in %s at offset %llu)",
                  sym.st_shndx < r->eh.e_shnum ? section_name(r, sym.st_shndx) : "?", (unsigned long long)sym.st_value);
    return true;
  }
  return fail(r, "no function _JIT_ENTRY");
}

static bool push_hole(Reader *r, StencilHole h) {
  ElfStencil *o = r->out;
  if (o->nholes == r->holes_cap) {
    size_t cap = r->holes_cap ? 2 * r->holes_cap : 16;
    StencilHole *n = realloc(o->holes, cap * sizeof *n);
    if (!n) return fail(r, "out of memory");
    o->holes = n;
    r->holes_cap = cap;
  }
  o->holes[o->nholes++] = h;
  return true;
}

/* Index of external symbol `name` in out->symbols, adding it if new. */
static bool symbol_index(Reader *r, const char *name, uint16_t *index) {
  ElfStencil *o = r->out;
  for (size_t i = 0; i < o->nsymbols; i++)
    if (strcmp(o->symbols[i], name) == 0) {
      *index = (uint16_t)i;
      return true;
    }
  if (o->nsymbols >= STENCIL_MAX_SYMBOLS) return fail(r, "too many external symbols");
  char **n = realloc(o->symbols, (o->nsymbols + 1) * sizeof *n);
  if (!n) return fail(r, "out of memory");
  o->symbols = n;
  if (!(o->symbols[o->nsymbols] = strdup(name))) return fail(r, "out of memory");
  *index = (uint16_t)o->nsymbols++;
  return true;
}

static size_t reloc_width(uint32_t type) { return type == R_X86_64_64 ? 8 : 4; }

static const char *reloc_label(uint32_t type, char *buf, size_t n) {
  const char *name = elf_stencil_reloc_name(type);
  if (name) return name;
  snprintf(buf, n, "relocation type %u", type);
  return buf;
}

/* What the symbol of one relocation stands for: a _JIT_ hole, an external
 * function, or a place in the stencil's data. */
static bool resolve_symbol(Reader *r, const Elf64_Rela *rel, const char *where, StencilHole *h) {
  uint32_t type = (uint32_t)ELF64_R_TYPE(rel->r_info);
  size_t symi = (size_t)ELF64_R_SYM(rel->r_info);
  char buf[48];
  if (symi == 0 || symi >= r->nsyms) return fail(r, "%s at %s has no valid symbol", reloc_label(type, buf, sizeof buf), where);
  Elf64_Sym sym = symbol_at(r, symi);
  const char *name = symbol_name_raw(r, &sym);
  if (name == NULL) return fail(r, "symbol %zu at %s has a bad name", symi, where);
  if (sym.st_shndx == SHN_UNDEF) {
    if (starts_with(name, "_JIT_")) {
      for (size_t i = 0; i < sizeof jit_holes / sizeof jit_holes[0]; i++)
        if (strcmp(name, jit_holes[i].name) == 0) h->value = (uint8_t)jit_holes[i].value;
      if (h->value == HOLE_VALUE_COUNT) return fail(r, "unknown hole %s (%s at %s)", name, reloc_label(type, buf, sizeof buf), where);
      /* Operand holes are values read by movabs, never addresses. */
      if (h->value <= HOLE_EXIT_INDEX && type != R_X86_64_64)
        return fail(r, "hole %s used through %s at %s (operand holes must be R_X86_64_64)", name, reloc_label(type, buf, sizeof buf), where);
      return true;
    }
    if (name[0] == '\0') return fail(r, "undefined symbol without a name at %s", where);
    if (ELF64_ST_BIND(sym.st_info) != STB_GLOBAL && ELF64_ST_BIND(sym.st_info) != STB_WEAK)
      return fail(r, "undefined local symbol %s at %s", name, where);
    h->value = HOLE_SYMBOL;
    return symbol_index(r, name, &h->symbol);
  }
  if (sym.st_shndx < r->eh.e_shnum && r->data_off[sym.st_shndx] != SIZE_MAX) {
    if (sym.st_value > r->sh[sym.st_shndx].sh_size) return fail(r, "symbol %s lies outside its section", name);
    h->value = HOLE_DATA;
    if (__builtin_add_overflow((int64_t)(r->data_off[sym.st_shndx] + (size_t)sym.st_value), h->addend, &h->addend))
      return fail(r, "addend out of range at %s", where);
    return true;
  }
  return fail(r, "%s at %s against symbol %s (%s): only _JIT_ holes, external functions and read-only data can be referenced",
              reloc_label(type, buf, sizeof buf), where, name,
              sym.st_shndx < r->eh.e_shnum ? section_name(r, sym.st_shndx) : "special section");
}

static bool read_relocation(Reader *r, uint32_t target, const Elf64_Rela *rel) {
  uint32_t type = (uint32_t)ELF64_R_TYPE(rel->r_info);
  const char *tname = section_name(r, target);
  char where[96], buf[48];
  snprintf(where, sizeof where, "%s+0x%llx", tname, (unsigned long long)rel->r_offset);
  if (type != R_X86_64_64 && type != R_X86_64_PC32 && type != R_X86_64_PLT32) {
    size_t symi = (size_t)ELF64_R_SYM(rel->r_info);
    const char *name = "?";
    Elf64_Sym sym;
    if (symi < r->nsyms) {
      sym = symbol_at(r, symi);
      name = symbol_name(r, &sym);
    }
    return fail(r, "unsupported %s against symbol %s at %s", reloc_label(type, buf, sizeof buf), name, where);
  }
  if (rel->r_offset > r->sh[target].sh_size || reloc_width(type) > r->sh[target].sh_size - rel->r_offset)
    return fail(r, "%s at %s lies outside the section", reloc_label(type, buf, sizeof buf), where);
  bool in_data = target != r->text;
  StencilHole h = {
      .offset = (uint32_t)((in_data ? r->data_off[target] : 0) + (size_t)rel->r_offset),
      .in_data = in_data,
      .kind = (uint8_t)type,
      .value = HOLE_VALUE_COUNT,
      .addend = rel->r_addend,
  };
  if (!resolve_symbol(r, rel, where, &h)) return false;
  return push_hole(r, h);
}

static bool read_relocations(Reader *r) {
  for (uint32_t i = 1; i < r->eh.e_shnum; i++) {
    const Elf64_Shdr *s = &r->sh[i];
    if (s->sh_type == SHT_REL) return fail(r, "section %s: REL relocations (without addends) are not supported", section_name(r, i));
    if (s->sh_type != SHT_RELA) continue;
    uint32_t target = s->sh_info;
    if (target == 0 || target >= r->eh.e_shnum) return fail(r, "section %s relocates no valid section", section_name(r, i));
    if (!(r->sh[target].sh_flags & SHF_ALLOC)) continue; /* not loaded: nothing to patch */
    if (target != r->text && r->data_off[target] == SIZE_MAX)
      return fail(r, "section %s relocates %s, which is not copied", section_name(r, i), section_name(r, target));
    if (s->sh_entsize != sizeof(Elf64_Rela) || s->sh_size % sizeof(Elf64_Rela) != 0)
      return fail(r, "bad relocation section %s", section_name(r, i));
    if (s->sh_link != 0 && (s->sh_link >= r->eh.e_shnum || r->sh[s->sh_link].sh_type != SHT_SYMTAB))
      return fail(r, "relocation section %s does not use the symbol table", section_name(r, i));
    size_t n = (size_t)(s->sh_size / sizeof(Elf64_Rela));
    for (size_t k = 0; k < n; k++) {
      Elf64_Rela rel;
      memcpy(&rel, r->obj + s->sh_offset + k * sizeof rel, sizeof rel);
      if (!read_relocation(r, target, &rel)) return false;
    }
  }
  return true;
}

/* The template ends every uop with `jmp _JIT_CONTINUE` (0xE9 and a 4-byte
 * PLT32 displacement, addend -4). The next stencil is copied right after
 * this one, so the jump can go: falling through reaches the same place. */
static void strip_trailing_continue(ElfStencil *o) {
  if (o->code_size < 5 || o->code[o->code_size - 5] != 0xE9) return;
  uint32_t site = (uint32_t)(o->code_size - 4);
  for (size_t i = 0; i < o->nholes; i++) {
    const StencilHole *h = &o->holes[i];
    if (h->in_data || h->offset != site) continue;
    if (h->value != HOLE_CONTINUE || h->addend != -4 || (h->kind != R_X86_64_PLT32 && h->kind != R_X86_64_PC32)) return;
    memmove(&o->holes[i], &o->holes[i + 1], (o->nholes - i - 1) * sizeof *h);
    o->nholes--;
    o->code_size -= 5;
    o->stripped_continue = true;
    return;
  }
}

static bool hole_before(const StencilHole *a, const StencilHole *b) {
  if (a->in_data != b->in_data) return !a->in_data;
  return a->offset < b->offset;
}

/* Code holes first, each area by offset; no two may overlap, and each must
 * lie inside what is copied. */
static bool sort_and_check_holes(Reader *r) {
  ElfStencil *o = r->out;
  for (size_t i = 1; i < o->nholes; i++) {
    StencilHole h = o->holes[i];
    size_t j = i;
    for (; j > 0 && hole_before(&h, &o->holes[j - 1]); j--) o->holes[j] = o->holes[j - 1];
    o->holes[j] = h;
  }
  for (size_t i = 0; i < o->nholes; i++) {
    const StencilHole *h = &o->holes[i];
    size_t limit = h->in_data ? o->data_size : o->code_size;
    if (h->offset + reloc_width(h->kind) > limit)
      return fail(r, "hole at %s+0x%x overlaps the stripped jump or the end", h->in_data ? "data" : "code", h->offset);
    if (i > 0 && o->holes[i - 1].in_data == h->in_data && o->holes[i - 1].offset + reloc_width(o->holes[i - 1].kind) > h->offset)
      return fail(r, "overlapping relocations at %s+0x%x", h->in_data ? "data" : "code", h->offset);
  }
  return true;
}

void elf_stencil_free(ElfStencil *s) {
  free(s->code);
  free(s->data);
  free(s->holes);
  for (size_t i = 0; i < s->nsymbols; i++) free(s->symbols[i]);
  free(s->symbols);
  memset(s, 0, sizeof *s);
}

bool elf_stencil_parse(const uint8_t *obj, size_t len, const char *what, ElfStencil *out, StrBuf *err) {
  memset(out, 0, sizeof *out);
  Reader r = {.obj = obj, .len = obj ? len : 0, .what = what, .err = err, .out = out};
  bool ok = read_header(&r) && classify_sections(&r) && read_symtab(&r) && check_entry(&r) && read_relocations(&r);
  if (ok) {
    strip_trailing_continue(out);
    ok = sort_and_check_holes(&r);
  }
  free(r.sh);
  free(r.data_off);
  if (!ok) elf_stencil_free(out);
  return ok;
}
