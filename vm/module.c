/* Modules, code objects and constants: freeing, comparing, copying, and
 * decoding single instructions. Everything here works on plain data owned by
 * the module (malloc'd, not VM heap), since one module is shared by many VMs.
 *
 * Constant tuples nest at most CONST_MAX_DEPTH deep in every module the
 * loaders (jbc_read, jasm_assemble) and the verifier accept, so the
 * recursion over tuples below is bounded. */
#include "vm/module.h"

#include <stdlib.h>
#include <string.h>

#include "vm/opcodes.h"

void const_free(Const *c) {
  if (!c) return;
  if (c->kind == CK_STR) {
    free(c->as.s.data);
  } else if (c->kind == CK_TUPLE) {
    for (uint32_t i = 0; i < c->as.t.len; i++) const_free(&c->as.t.items[i]);
    free(c->as.t.items);
  }
  memset(c, 0, sizeof *c);
  c->kind = CK_NONE;
}

static void bytes_array_free(Bytes *items, uint32_t n) {
  if (!items) return;
  for (uint32_t i = 0; i < n; i++) free(items[i].data);
  free(items);
}

void code_free(Code *c) {
  if (!c) return;
  free(c->name.data);
  bytes_array_free(c->local_names, c->nlocals);
  if (c->consts) {
    for (uint32_t i = 0; i < c->nconsts; i++) const_free(&c->consts[i]);
    free(c->consts);
  }
  bytes_array_free(c->names, c->nnames);
  free(c->code);
  free(c->lines);
  free(c->handlers);
  memset(c, 0, sizeof *c);
}

void module_free(Module *m) {
  if (!m) return;
  if (m->funcs) {
    for (uint32_t i = 0; i < m->nfuncs; i++) code_free(&m->funcs[i]);
    free(m->funcs);
  }
  free(m->filename);
  free(m);
}

/* The entry with the greatest offset <= `offset` (the table is sorted by
 * offset in verified code; for an unsorted table the answer is still some
 * entry's line, never a read out of bounds). */
uint32_t code_line_at(const Code *c, uint32_t offset) {
  if (!c || c->nlines == 0 || !c->lines) return 0;
  uint32_t lo = 0, hi = c->nlines; /* answer in [lo-1, hi-1] */
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (c->lines[mid].offset <= offset)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo == 0 ? 0 : c->lines[lo - 1].line;
}

bool bytes_equal(const Bytes *a, const Bytes *b) {
  if (a->len != b->len) return false;
  return a->len == 0 || memcmp(a->data, b->data, a->len) == 0;
}

static uint64_t float_bits(double f) {
  uint64_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}

bool const_equal(const Const *a, const Const *b) {
  if (a->kind != b->kind) return false;
  switch ((ConstKind)a->kind) {
  case CK_NONE: return true;
  case CK_BOOL:
  case CK_INT: return a->as.i == b->as.i;
  case CK_FLOAT: return float_bits(a->as.f) == float_bits(b->as.f);
  case CK_STR: return bytes_equal(&a->as.s, &b->as.s);
  case CK_TUPLE:
    if (a->as.t.len != b->as.t.len) return false;
    for (uint32_t i = 0; i < a->as.t.len; i++)
      if (!const_equal(&a->as.t.items[i], &b->as.t.items[i])) return false;
    return true;
  case CK_COUNT: break;
  }
  return false;
}

/* Initializes `b` (any previous content is not freed) with a NUL-terminated
 * copy of data[0..len). On failure b is left empty ({0, NULL}). */
bool bytes_set(Bytes *b, const char *data, size_t len) {
  b->len = 0;
  b->data = NULL;
  if (len > UINT32_MAX) return false;
  char *p = malloc(len + 1);
  if (!p) return false;
  if (len) memcpy(p, data, len);
  p[len] = '\0';
  b->data = p;
  b->len = (uint32_t)len;
  return true;
}

/* Initializes `dst` (not freed first) with a deep copy of `src`. On failure
 * dst holds None, so const_free(dst) is always safe. */
bool const_copy(Const *dst, const Const *src) {
  memset(dst, 0, sizeof *dst);
  dst->kind = CK_NONE;
  switch ((ConstKind)src->kind) {
  case CK_NONE: return true;
  case CK_BOOL:
  case CK_INT:
    dst->kind = src->kind;
    dst->as.i = src->as.i;
    return true;
  case CK_FLOAT:
    dst->kind = CK_FLOAT;
    dst->as.f = src->as.f;
    return true;
  case CK_STR:
    if (!bytes_set(&dst->as.s, src->as.s.data, src->as.s.len)) return false;
    dst->kind = CK_STR;
    return true;
  case CK_TUPLE: {
    uint32_t n = src->as.t.len;
    Const *items = n ? calloc(n, sizeof *items) : NULL;
    if (n && !items) return false;
    dst->kind = CK_TUPLE;
    dst->as.t.items = items;
    for (uint32_t i = 0; i < n; i++) {
      dst->as.t.len = i + 1; /* items[i] is freeable even if its copy fails */
      if (!const_copy(&items[i], &src->as.t.items[i])) {
        const_free(dst);
        return false;
      }
    }
    return true;
  }
  case CK_COUNT: break;
  }
  return false;
}

static uint32_t read_u32le(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Fills `out` as far as it can: offset always; op with the raw byte (which
 * may be >= OP_COUNT) when offset is inside the code; size with the
 * encoded size of a known opcode (1 for an unknown one). Returns true only
 * for a known opcode whose operand fits in the code. */
bool instr_decode(const Code *c, uint32_t offset, Instr *out) {
  out->offset = offset;
  out->size = 0;
  out->op = -1;
  out->arg = 0;
  if (!c->code || offset >= c->code_len) return false;
  int op = c->code[offset];
  out->op = op;
  if (op >= OP_COUNT) {
    out->size = 1;
    return false;
  }
  out->size = opcode_size(op);
  if (out->size > c->code_len - offset) return false;
  if (out->size == 5) out->arg = read_u32le(&c->code[offset + 1]);
  return true;
}

/* Target of a jump instruction (from the end of the instruction), or -1 for
 * an instruction that does not jump. */
int64_t instr_jump_target(const Instr *in) {
  if (in->op < 0 || in->op >= OP_COUNT) return -1;
  int64_t end = (int64_t)in->offset + (int64_t)in->size;
  switch (opcode_info[in->op].operand) {
  case OPK_JUMP_FWD: return end + (int64_t)in->arg;
  case OPK_JUMP_BACK: return end - (int64_t)in->arg;
  default: return -1;
  }
}
