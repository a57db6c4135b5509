/* The disassembler: a module as .jasm text (docs/jasm.md) that assembles
 * back to exactly the same module, verified or not, and reads well.
 *
 * Exactness drives every choice below. Tables are written explicitly
 * (`.consts`, `.names`) only when first-use order would not rebuild them;
 * an operand is written inline only when the assembler would resolve the
 * inline form to the same index, else as #N; jump targets and handler
 * boundaries become labels L<offset> when they fall on an instruction
 * start, else raw @N; bytes that do not decode become `.byte`; and the line
 * table is written inline only when its entries are in order at
 * instruction starts, else as `.line N @OFFSET` entries. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "vm/jasm.h"
#include "vm/opcodes.h"
#include "vm/ops.h"

enum {
  INDENT = 4,
  OPERAND_COL = INDENT + 18, /* after the longest opcode name */
  COMMENT_COL = 48,
  COMMENT_REPR_BYTES = 60,   /* constants shown in comments are cut here */
  NAMES_PER_LINE = 8,
};

/* Marks per code offset, 0..code_len inclusive. */
enum { AT_START = 1, AT_LABEL = 2 };

typedef struct Dis {
  const Module *m;
  StrBuf *out;
  JasmIndex funcs_ix; /* first function of each name */
  /* the function being written */
  const Code *c;
  uint8_t *marks;
  JasmIndex consts_ix, names_ix, locals_ix;
  bool consts_explicit, names_explicit, lines_inline;
} Dis;

/* One decoded item: an instruction, or a byte written `.byte`. */
typedef struct Item {
  uint32_t offset, size;
  bool is_byte;
  int op;
  uint32_t arg;
} Item;

/* Walks the code: once an instruction does not fit, every remaining byte
 * is a `.byte`, as the assembler would need them. */
typedef struct ItemWalk {
  const Code *c;
  uint32_t offset;
  bool tail;
} ItemWalk;

static bool next_item(ItemWalk *w, Item *it) {
  const Code *c = w->c;
  if (w->offset >= c->code_len) return false;
  Instr in = {0, 0, -1, 0};
  bool ok = !w->tail && instr_decode(c, w->offset, &in);
  if (!ok && !w->tail && in.op >= 0 && in.op < OP_COUNT) w->tail = true; /* truncated at the end */
  *it = (Item){w->offset, ok ? in.size : 1, !ok, ok ? in.op : c->code[w->offset], ok ? in.arg : 0};
  w->offset += it->size;
  return true;
}

static bool is_start(const Dis *d, int64_t offset) {
  return offset >= 0 && offset <= (int64_t)d->c->code_len && (d->marks[offset] & AT_START);
}

/* ---- small writers ---- */

/* Pads the line that starts at line_start to column col, counting
 * characters rather than bytes (at least one space is added). */
static void pad_to(StrBuf *sb, size_t line_start, size_t col) {
  size_t used = 0;
  for (size_t i = line_start; i < sb->len; i++) used += ((unsigned char)sb->data[i] & 0xC0) != 0x80;
  if (used >= col) {
    strbuf_putc(sb, ' ');
    return;
  }
  while (used++ < col) strbuf_putc(sb, ' ');
}

static void put_name(StrBuf *sb, const Bytes *name) {
  if (jasm_is_ident(name->data, name->len))
    strbuf_append(sb, name->data, name->len);
  else
    jasm_write_quoted(sb, name->data, name->len);
}

static uint64_t double_bits(double f) {
  uint64_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}

/* Python's repr when it reads back to the same bits, else the raw bits. */
static void put_float(StrBuf *sb, double f) {
  StrBuf text;
  strbuf_init(&text);
  float_repr(f, &text);
  double back;
  if (!text.oom && text.data && jasm_parse_float(text.data, text.len, &back) && double_bits(back) == double_bits(f))
    strbuf_append(sb, text.data, text.len);
  else
    strbuf_printf(sb, "float(0x%016" PRIx64 ")", double_bits(f));
  strbuf_free(&text);
}

static bool put_const(StrBuf *sb, const Const *c, int depth) {
  switch ((ConstKind)c->kind) {
  case CK_NONE: strbuf_puts(sb, "None"); return true;
  case CK_BOOL: strbuf_puts(sb, c->as.i ? "True" : "False"); return true;
  case CK_INT: strbuf_printf(sb, "%" PRId64, c->as.i); return true;
  case CK_FLOAT: put_float(sb, c->as.f); return true;
  case CK_STR: jasm_write_quoted(sb, c->as.s.data, c->as.s.len); return true;
  case CK_TUPLE:
    if (depth >= CONST_MAX_DEPTH) return false;
    strbuf_putc(sb, '(');
    for (uint32_t i = 0; i < c->as.t.len; i++) {
      if (i) strbuf_puts(sb, ", ");
      if (!put_const(sb, &c->as.t.items[i], depth + 1)) return false;
    }
    strbuf_puts(sb, c->as.t.len == 1 ? ",)" : ")");
    return true;
  case CK_COUNT: break;
  }
  return false;
}

/* Appends at most COMMENT_REPR_BYTES of text, cut at a character start. */
static void put_shortened(StrBuf *sb, const StrBuf *text) {
  size_t n = text->len;
  if (n <= COMMENT_REPR_BYTES) {
    strbuf_append(sb, text->data ? text->data : "", n);
    return;
  }
  n = COMMENT_REPR_BYTES;
  while (n > 0 && ((unsigned char)text->data[n] & 0xC0) == 0x80) n--;
  strbuf_append(sb, text->data, n);
  strbuf_puts(sb, "...");
}

static bool put_const_comment(StrBuf *sb, const Const *c) {
  StrBuf text;
  strbuf_init(&text);
  bool ok = put_const(&text, c, 0);
  if (ok) put_shortened(sb, &text);
  strbuf_free(&text);
  return ok;
}

static void put_name_comment(StrBuf *sb, const Bytes *name) {
  StrBuf text;
  strbuf_init(&text);
  jasm_write_quoted(&text, name->data, name->len);
  put_shortened(sb, &text);
  strbuf_free(&text);
}

/* ---- tables: which index the inline form of an entry resolves to ---- */

static bool const_eq_at(const void *ctx, uint32_t index, const void *key) {
  return const_equal(&((const Const *)ctx)[index], key);
}

static bool bytes_eq_at(const void *ctx, uint32_t index, const void *key) {
  return bytes_equal(&((const Bytes *)ctx)[index], key);
}

static bool func_name_eq_at(const void *ctx, uint32_t index, const void *key) {
  return bytes_equal(&((const Code *)ctx)[index].name, key);
}

/* Indexes the first of each distinct entry; *dups tells whether any entry
 * repeats an earlier one. */
static bool index_consts(JasmIndex *ix, const Code *c, bool *dups) {
  *dups = false;
  for (uint32_t i = 0; i < c->nconsts; i++) {
    uint64_t h = jasm_const_hash(&c->consts[i]);
    if (jasm_index_find(ix, h, &c->consts[i], const_eq_at, c->consts) >= 0) *dups = true;
    else if (!jasm_index_add(ix, h, i)) return false;
  }
  return true;
}

static bool index_bytes(JasmIndex *ix, const Bytes *items, uint32_t n, bool *dups) {
  *dups = false;
  for (uint32_t i = 0; i < n; i++) {
    uint64_t h = jasm_bytes_hash(items[i].data, items[i].len);
    if (jasm_index_find(ix, h, &items[i], bytes_eq_at, items) >= 0) *dups = true;
    else if (!jasm_index_add(ix, h, i)) return false;
  }
  return true;
}

static bool index_funcs(JasmIndex *ix, const Module *m) {
  for (uint32_t i = 0; i < m->nfuncs; i++) {
    const Bytes *name = &m->funcs[i].name;
    uint64_t h = jasm_bytes_hash(name->data, name->len);
    if (jasm_index_find(ix, h, name, func_name_eq_at, m->funcs) < 0 && !jasm_index_add(ix, h, i)) return false;
  }
  return true;
}

/* Would assembling with inline operands only rebuild a table of n entries
 * (all distinct) exactly: is every entry used, first used in table order? */
static bool first_use_rebuilds(const Code *c, int kind, uint32_t n) {
  uint8_t *seen = calloc(n ? n : 1, 1);
  if (!seen) return false; /* the explicit form is always exact */
  uint32_t next = 0;
  bool ok = true;
  ItemWalk w = {c, 0, false};
  Item it;
  while (ok && next < n && next_item(&w, &it)) {
    if (it.is_byte || opcode_info[it.op].operand != kind || it.arg >= n || seen[it.arg]) continue;
    ok = it.arg == next;
    seen[it.arg] = 1;
    next++;
  }
  free(seen);
  return ok && next == n;
}

static bool inline_const(const Dis *d, uint32_t arg) {
  const Code *c = d->c;
  return arg < c->nconsts && jasm_index_find(&d->consts_ix, jasm_const_hash(&c->consts[arg]), &c->consts[arg], const_eq_at, c->consts) == arg;
}

static bool inline_bytes(const JasmIndex *ix, const Bytes *items, uint32_t n, uint32_t arg) {
  return arg < n && jasm_index_find(ix, jasm_bytes_hash(items[arg].data, items[arg].len), &items[arg], bytes_eq_at, items) == arg;
}

static bool inline_func(const Dis *d, uint32_t arg) {
  const Module *m = d->m;
  if (arg >= m->nfuncs) return false;
  const Bytes *name = &m->funcs[arg].name;
  return jasm_index_find(&d->funcs_ix, jasm_bytes_hash(name->data, name->len), name, func_name_eq_at, m->funcs) == arg;
}

/* ---- marks: instruction starts and labels ---- */

static void mark_label(Dis *d, int64_t offset) {
  if (is_start(d, offset)) d->marks[offset] |= AT_LABEL;
}

static bool compute_marks(Dis *d) {
  const Code *c = d->c;
  d->marks = calloc((size_t)c->code_len + 1, 1);
  if (!d->marks) return false;
  ItemWalk w = {c, 0, false};
  Item it;
  while (next_item(&w, &it)) d->marks[it.offset] |= AT_START;
  d->marks[c->code_len] |= AT_START;
  w = (ItemWalk){c, 0, false};
  while (next_item(&w, &it)) {
    if (it.is_byte) continue;
    Instr in = {it.offset, it.size, it.op, it.arg};
    int64_t target = instr_jump_target(&in);
    if (target >= 0) mark_label(d, target);
  }
  for (uint32_t i = 0; i < c->nhandlers; i++) {
    mark_label(d, c->handlers[i].start);
    mark_label(d, c->handlers[i].end);
    mark_label(d, c->handlers[i].target);
  }
  return true;
}

/* Inline `.line` works when entries are in offset order, at item starts. */
static bool lines_are_inline(const Dis *d) {
  const Code *c = d->c;
  uint32_t prev = 0;
  for (uint32_t i = 0; i < c->nlines; i++) {
    uint32_t off = c->lines[i].offset;
    if (off < prev || !is_start(d, off)) return false;
    prev = off;
  }
  return true;
}

/* ---- the header ---- */

static void put_position(Dis *d, uint32_t offset) {
  if (is_start(d, offset))
    strbuf_printf(d->out, " L%" PRIu32, offset);
  else
    strbuf_printf(d->out, " @%" PRIu32, offset);
}

static bool write_header(Dis *d, uint32_t index) {
  const Code *c = d->c;
  StrBuf *out = d->out;
  size_t start = out->len;
  strbuf_puts(out, ".function ");
  put_name(out, &c->name);
  pad_to(out, start, COMMENT_COL);
  strbuf_printf(out, "; function %" PRIu32 "\n", index);
  if (c->arity) strbuf_printf(out, ".arity %" PRIu32 "\n", c->arity);
  for (uint32_t i = 0; i < c->nlocals; i++) {
    strbuf_puts(out, i % NAMES_PER_LINE == 0 ? ".locals " : " ");
    put_name(out, &c->local_names[i]);
    if (i % NAMES_PER_LINE == NAMES_PER_LINE - 1 || i + 1 == c->nlocals) strbuf_putc(out, '\n');
  }
  strbuf_printf(out, ".stack %" PRIu32 "\n", c->max_stack);
  for (uint32_t i = 0; d->consts_explicit && i < c->nconsts; i++) {
    start = out->len;
    strbuf_puts(out, ".consts ");
    if (!put_const(out, &c->consts[i], 0)) return false;
    pad_to(out, start, COMMENT_COL);
    strbuf_printf(out, "; #%" PRIu32 "\n", i);
  }
  for (uint32_t i = 0; d->names_explicit && i < c->nnames; i++) {
    start = out->len;
    strbuf_puts(out, ".names ");
    put_name(out, &c->names[i]);
    pad_to(out, start, COMMENT_COL);
    strbuf_printf(out, "; #%" PRIu32 "\n", i);
  }
  for (uint32_t i = 0; i < c->nhandlers; i++) {
    const ExcEntry *h = &c->handlers[i];
    strbuf_puts(out, ".handler");
    put_position(d, h->start);
    put_position(d, h->end);
    put_position(d, h->target);
    strbuf_printf(out, " %" PRIu32 "\n", h->depth);
  }
  for (uint32_t i = 0; !d->lines_inline && i < c->nlines; i++)
    strbuf_printf(out, ".line %" PRIu32 " @%" PRIu32 "\n", c->lines[i].line, c->lines[i].offset);
  return true;
}

/* ---- instructions ---- */

static bool put_const_operand(Dis *d, uint32_t arg, StrBuf *comment) {
  const Code *c = d->c;
  if (inline_const(d, arg)) return put_const(d->out, &c->consts[arg], 0);
  strbuf_printf(d->out, "#%" PRIu32, arg);
  if (arg >= c->nconsts) {
    strbuf_printf(comment, "out of range (%" PRIu32 " constants)", c->nconsts);
    return true;
  }
  return put_const_comment(comment, &c->consts[arg]);
}

static void put_table_operand(Dis *d, const JasmIndex *ix, const Bytes *items, uint32_t n, uint32_t arg, StrBuf *comment,
                              const char *what) {
  if (inline_bytes(ix, items, n, arg)) {
    put_name(d->out, &items[arg]);
    return;
  }
  strbuf_printf(d->out, "#%" PRIu32, arg);
  if (arg < n)
    put_name_comment(comment, &items[arg]);
  else
    strbuf_printf(comment, "out of range (%" PRIu32 " %s)", n, what);
}

static void put_func_operand(Dis *d, uint32_t arg, StrBuf *comment) {
  const Module *m = d->m;
  if (inline_func(d, arg)) {
    put_name(d->out, &m->funcs[arg].name);
    strbuf_printf(comment, "function %" PRIu32, arg);
    return;
  }
  strbuf_printf(d->out, "#%" PRIu32, arg);
  if (arg < m->nfuncs)
    put_name_comment(comment, &m->funcs[arg].name);
  else
    strbuf_printf(comment, "out of range (%" PRIu32 " functions)", m->nfuncs);
}

static void put_jump_operand(Dis *d, const Item *it, StrBuf *comment) {
  Instr in = {it->offset, it->size, it->op, it->arg};
  int64_t target = instr_jump_target(&in);
  if (is_start(d, target)) {
    strbuf_printf(d->out, "L%" PRId64, target);
    return;
  }
  strbuf_printf(d->out, "@%" PRIu32, it->arg);
  strbuf_printf(comment, "-> %" PRId64 " (%s)", target,
                target < 0 || target > (int64_t)d->c->code_len ? "outside the code" : "not an instruction start");
}

static void put_operator_operand(Dis *d, uint32_t arg, bool comparison, StrBuf *comment) {
  if (arg < (uint32_t)(comparison ? CMPOP_COUNT : BINOP_COUNT)) {
    strbuf_puts(d->out, comparison ? cmpop_symbol((int)arg) : binop_symbol((int)arg));
    return;
  }
  strbuf_printf(d->out, "#%" PRIu32, arg);
  strbuf_puts(comment, comparison ? "unknown comparison" : "unknown operator");
}

static bool put_operand(Dis *d, const Item *it, StrBuf *comment) {
  const Code *c = d->c;
  switch (opcode_info[it->op].operand) {
  case OPK_CONST: return put_const_operand(d, it->arg, comment);
  case OPK_LOCAL: put_table_operand(d, &d->locals_ix, c->local_names, c->nlocals, it->arg, comment, "locals"); return true;
  case OPK_NAME: put_table_operand(d, &d->names_ix, c->names, c->nnames, it->arg, comment, "names"); return true;
  case OPK_FUNC: put_func_operand(d, it->arg, comment); return true;
  case OPK_JUMP_FWD:
  case OPK_JUMP_BACK: put_jump_operand(d, it, comment); return true;
  case OPK_BINOP: put_operator_operand(d, it->arg, false, comment); return true;
  case OPK_CMPOP: put_operator_operand(d, it->arg, true, comment); return true;
  case OPK_COUNT:
  case OPK_FLAG: strbuf_printf(d->out, "%" PRIu32, it->arg); return true;
  default: return true;
  }
}

static bool write_item(Dis *d, const Item *it) {
  StrBuf *out = d->out;
  size_t start = out->len;
  StrBuf comment;
  strbuf_init(&comment);
  bool ok = true;
  pad_to(out, start, INDENT);
  if (it->is_byte) {
    strbuf_printf(out, ".byte 0x%02x", (unsigned)it->op);
    strbuf_puts(&comment, it->op < OP_COUNT ? "truncated instruction" : "unknown opcode");
  } else {
    strbuf_puts(out, opcode_info[it->op].name);
    if (opcode_info[it->op].operand != OPK_NONE) {
      pad_to(out, start, OPERAND_COL);
      ok = put_operand(d, it, &comment);
    }
  }
  pad_to(out, start, COMMENT_COL);
  strbuf_printf(out, "; %" PRIu32, it->offset);
  if (comment.len) {
    strbuf_puts(out, ": ");
    strbuf_append(out, comment.data, comment.len);
  }
  strbuf_putc(out, '\n');
  strbuf_free(&comment);
  return ok;
}

/* Labels and inline line entries at `offset`, before the item there. */
static void write_marks(Dis *d, uint32_t offset, uint32_t *next_line) {
  const Code *c = d->c;
  if (d->marks[offset] & AT_LABEL) strbuf_printf(d->out, "L%" PRIu32 ":\n", offset);
  while (d->lines_inline && *next_line < c->nlines && c->lines[*next_line].offset == offset)
    strbuf_printf(d->out, "    .line %" PRIu32 "\n", c->lines[(*next_line)++].line);
}

static bool write_body(Dis *d) {
  uint32_t next_line = 0;
  ItemWalk w = {d->c, 0, false};
  Item it;
  while (next_item(&w, &it)) {
    write_marks(d, it.offset, &next_line);
    if (!write_item(d, &it)) return false;
  }
  write_marks(d, d->c->code_len, &next_line);
  return true;
}

/* ---- functions and the module ---- */

static void end_function(Dis *d) {
  free(d->marks);
  d->marks = NULL;
  jasm_index_free(&d->consts_ix);
  jasm_index_free(&d->names_ix);
  jasm_index_free(&d->locals_ix);
}

static bool write_function(Dis *d, uint32_t index) {
  const Code *c = &d->m->funcs[index];
  d->c = c;
  bool const_dups, name_dups, local_dups;
  if (!compute_marks(d) || !index_consts(&d->consts_ix, c, &const_dups) ||
      !index_bytes(&d->names_ix, c->names, c->nnames, &name_dups) ||
      !index_bytes(&d->locals_ix, c->local_names, c->nlocals, &local_dups))
    return false;
  d->consts_explicit = const_dups || !first_use_rebuilds(c, OPK_CONST, c->nconsts);
  d->names_explicit = name_dups || !first_use_rebuilds(c, OPK_NAME, c->nnames);
  d->lines_inline = lines_are_inline(d);
  bool ok = write_header(d, index) && write_body(d);
  strbuf_puts(d->out, ".end\n");
  return ok;
}

bool jasm_disassemble(const Module *m, StrBuf *out) {
  Dis d;
  memset(&d, 0, sizeof d);
  d.m = m;
  d.out = out;
  if (!index_funcs(&d.funcs_ix, m)) return false;
  strbuf_printf(out, "; lockstep bytecode: %" PRIu32 " function%s\n", m->nfuncs, m->nfuncs == 1 ? "" : "s");
  bool ok = true;
  for (uint32_t i = 0; ok && i < m->nfuncs; i++) {
    strbuf_putc(out, '\n');
    ok = write_function(&d, i);
    end_function(&d);
  }
  jasm_index_free(&d.funcs_ix);
  return ok && !out->oom;
}
