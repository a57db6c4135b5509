/* Building code objects (see emit.h). */
#include "lang/emit.h"

#include <stdlib.h>
#include <string.h>

#include "vm/opcodes.h"

/* ---- growable arrays of the Code ---- */

/* Ensures room for `extra` more elements in *items (n used, *cap allocated). */
static bool reserve(void **items, uint32_t n, uint32_t *cap, size_t elem, uint32_t extra) {
  if ((uint64_t)n + extra <= *cap) return true;
  uint64_t want = *cap ? (uint64_t)*cap * 2 : 16;
  while (want < (uint64_t)n + extra) want *= 2;
  if (want > UINT32_MAX) want = UINT32_MAX;
  if (want < (uint64_t)n + extra) return false;
  void *p = realloc(*items, (size_t)want * elem);
  if (!p) return false;
  *items = p;
  *cap = (uint32_t)want;
  return true;
}

static bool fail(Emitter *e, const char *msg) { return diag_error(e->diag, e->line, e->pos, "%s", msg); }

/* ---- hash index over a table kept elsewhere ---- */

typedef bool (*EntryEq)(const Emitter *e, uint32_t index, const void *key);

static void index_free(HashIndex *ix) {
  free(ix->slots);
  free(ix->hashes);
  memset(ix, 0, sizeof *ix);
}

static int64_t index_find(const Emitter *e, const HashIndex *ix, uint64_t hash, const void *key, EntryEq eq) {
  if (ix->nslots == 0) return -1;
  uint32_t mask = ix->nslots - 1;
  for (uint32_t j = (uint32_t)hash & mask;; j = (j + 1) & mask) {
    uint32_t v = ix->slots[j];
    if (v == 0) return -1;
    if (ix->hashes[j] == hash && eq(e, v - 1, key)) return v - 1;
  }
}

static bool index_add(HashIndex *ix, uint64_t hash, uint32_t index) {
  if ((uint64_t)(ix->count + 1) * 2 > ix->nslots) {
    uint32_t n = ix->nslots ? ix->nslots * 2 : 64;
    uint32_t *slots = calloc(n, sizeof *slots);
    uint64_t *hashes = calloc(n, sizeof *hashes);
    if (!slots || !hashes) {
      free(slots);
      free(hashes);
      return false;
    }
    for (uint32_t i = 0; i < ix->nslots; i++) {
      if (!ix->slots[i]) continue;
      uint32_t j = (uint32_t)ix->hashes[i] & (n - 1);
      while (slots[j]) j = (j + 1) & (n - 1);
      slots[j] = ix->slots[i];
      hashes[j] = ix->hashes[i];
    }
    free(ix->slots);
    free(ix->hashes);
    ix->slots = slots;
    ix->hashes = hashes;
    ix->nslots = n;
  }
  uint32_t mask = ix->nslots - 1;
  uint32_t j = (uint32_t)hash & mask;
  while (ix->slots[j]) j = (j + 1) & mask;
  ix->slots[j] = index + 1;
  ix->hashes[j] = hash;
  ix->count++;
  return true;
}

static uint64_t hash_bytes(const char *s, uint32_t len) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (uint32_t i = 0; i < len; i++) {
    h ^= (unsigned char)s[i];
    h *= 0x100000001b3ull;
  }
  return h;
}

static uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
  return h;
}

/* Constants nest at most CONST_MAX_DEPTH deep (the compiler folds no
 * deeper), so this recursion is bounded. */
static uint64_t hash_const(const Const *c) {
  uint64_t h = mix(0, c->kind);
  switch ((ConstKind)c->kind) {
  case CK_BOOL:
  case CK_INT: return mix(h, (uint64_t)c->as.i);
  case CK_FLOAT: {
    uint64_t bits;
    memcpy(&bits, &c->as.f, sizeof bits);
    return mix(h, bits);
  }
  case CK_STR: return mix(h, hash_bytes(c->as.s.data, c->as.s.len));
  case CK_TUPLE:
    for (uint32_t i = 0; i < c->as.t.len; i++) h = mix(h, hash_const(&c->as.t.items[i]));
    return mix(h, c->as.t.len);
  default: return h;
  }
}

static bool const_entry_eq(const Emitter *e, uint32_t index, const void *key) {
  return const_equal(&e->code.consts[index], key);
}

typedef struct NameKey {
  const char *data;
  uint32_t len;
} NameKey;

static bool name_entry_eq(const Emitter *e, uint32_t index, const void *key) {
  const NameKey *k = key;
  const Bytes *b = &e->code.names[index];
  return b->len == k->len && memcmp(b->data, k->data, k->len) == 0;
}

/* ---- setup ---- */

bool emitter_init(Emitter *e, const char *name, LangDiag *diag) {
  memset(e, 0, sizeof *e);
  e->diag = diag;
  e->reachable = true;
  e->line = 1;
  if (!bytes_set(&e->code.name, name, strlen(name))) return diag_out_of_memory(diag);
  return true;
}

void emitter_free(Emitter *e) {
  code_free(&e->code);
  index_free(&e->const_index);
  index_free(&e->name_index);
  memset(e, 0, sizeof *e);
}

void label_init(Label *l) {
  l->offset = 0;
  l->chain = LABEL_NO_CHAIN;
  l->depth = -1;
  l->bound = false;
}

/* ---- instructions ---- */

static void put_u32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
  p[2] = (uint8_t)(v >> 16);
  p[3] = (uint8_t)(v >> 24);
}

static uint32_t get_u32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static bool note_line(Emitter *e) {
  Code *c = &e->code;
  if (c->nlines > 0 && c->lines[c->nlines - 1].line == e->line) return true;
  if (!reserve((void **)&c->lines, c->nlines, &e->cap_lines, sizeof *c->lines, 1)) return diag_out_of_memory(e->diag);
  c->lines[c->nlines].offset = c->code_len;
  c->lines[c->nlines].line = e->line;
  c->nlines++;
  return true;
}

/* Applies the stack effect of `op`; false when the depth limit is passed. */
static bool track_depth(Emitter *e, int op, uint32_t arg) {
  int64_t pops = opcode_pops(op, arg), pushes = opcode_pushes(op, arg);
  if (e->depth < pops) return fail(e, "internal error: stack underflow while compiling");
  int64_t after = e->depth - pops + pushes;
  if (after > CODE_MAX_STACK) return fail(e, "expression too complex (it needs more than 8192 stack slots)");
  e->depth = (int32_t)after;
  if (e->depth > e->max_depth) e->max_depth = e->depth;
  return true;
}

/* Writes the instruction bytes; the operand is written as given. */
static bool put_instruction(Emitter *e, int op, uint32_t arg) {
  Code *c = &e->code;
  uint32_t size = opcode_size(op);
  if ((uint64_t)c->code_len + size > CODE_MAX_BYTES) return fail(e, "function too large (more than 16 MiB of bytecode)");
  if (!reserve((void **)&c->code, c->code_len, &e->cap_code, 1, size)) return diag_out_of_memory(e->diag);
  if (!note_line(e)) return false;
  c->code[c->code_len] = (uint8_t)op;
  if (size == 5) put_u32(c->code + c->code_len + 1, arg);
  c->code_len += size;
  return true;
}

bool emit(Emitter *e, int op, uint32_t arg) {
  if (e->diag->failed) return false;
  if (opcode_info[op].operand == OPK_NONE) arg = 0;
  if (!track_depth(e, op, arg) || !put_instruction(e, op, arg)) return false;
  if (opcode_info[op].flags & OPF_NOFALL) e->reachable = false;
  return true;
}

/* Records the depth at which control arrives at `l`. */
static bool arrive(Emitter *e, Label *l, int32_t depth) {
  if (l->depth >= 0 && l->depth != depth) return fail(e, "internal error: inconsistent stack depth at a jump target");
  l->depth = depth;
  return true;
}

bool emit_jump(Emitter *e, int op, Label *l) {
  if (e->diag->failed) return false;
  int32_t before = e->depth;
  int64_t taken = before - opcode_pops(op, 0) + opcode_branch_pushes(op, 0);
  if (!track_depth(e, op, 0)) return false;
  if (!arrive(e, l, (int32_t)taken)) return false;
  uint32_t end = e->code.code_len + 5;
  if (opcode_info[op].operand == OPK_JUMP_BACK) {
    if (!l->bound) return fail(e, "internal error: backward jump to an unplaced label");
    if (!put_instruction(e, op, end - l->offset)) return false;
  } else {
    if (l->bound) return fail(e, "internal error: forward jump to a placed label");
    uint32_t operand_at = e->code.code_len + 1;
    if (!put_instruction(e, op, l->chain)) return false;
    l->chain = operand_at;
  }
  if (opcode_info[op].flags & OPF_NOFALL) e->reachable = false;
  return true;
}

static bool place(Emitter *e, Label *l) {
  if (l->bound) return fail(e, "internal error: label placed twice");
  l->bound = true;
  l->offset = e->code.code_len;
  for (uint32_t at = l->chain; at != LABEL_NO_CHAIN;) {
    uint32_t next = get_u32(e->code.code + at);
    put_u32(e->code.code + at, l->offset - (at + 4)); /* from the end of the jump */
    at = next;
  }
  l->chain = LABEL_NO_CHAIN;
  return true;
}

bool label_bind(Emitter *e, Label *l) {
  if (e->diag->failed) return false;
  if (e->reachable) {
    if (!arrive(e, l, e->depth)) return false;
  } else if (l->depth >= 0) {
    e->depth = l->depth;
    e->reachable = true;
  }
  return place(e, l);
}

bool label_bind_handler(Emitter *e, Label *l, int32_t depth) {
  if (e->diag->failed) return false;
  if (!arrive(e, l, depth)) return false;
  e->depth = depth;
  if (e->depth > e->max_depth) e->max_depth = e->depth;
  e->reachable = true;
  return place(e, l);
}

/* ---- tables ---- */

int64_t emitter_const(Emitter *e, Const *c) {
  uint64_t h = hash_const(c);
  int64_t found = index_find(e, &e->const_index, h, c, const_entry_eq);
  if (found >= 0) {
    const_free(c);
    return found;
  }
  Code *code = &e->code;
  if (code->nconsts >= CODE_MAX_CONSTS) {
    const_free(c);
    fail(e, "too many constants in one function");
    return -1;
  }
  if (!reserve((void **)&code->consts, code->nconsts, &e->cap_consts, sizeof *code->consts, 1) ||
      !index_add(&e->const_index, h, code->nconsts)) {
    const_free(c);
    diag_out_of_memory(e->diag);
    return -1;
  }
  code->consts[code->nconsts] = *c;
  memset(c, 0, sizeof *c);
  return code->nconsts++;
}

int64_t emitter_name(Emitter *e, const char *name, uint32_t len) {
  NameKey key = {name, len};
  uint64_t h = hash_bytes(name, len);
  int64_t found = index_find(e, &e->name_index, h, &key, name_entry_eq);
  if (found >= 0) return found;
  Code *code = &e->code;
  if (code->nnames >= CODE_MAX_NAMES) {
    fail(e, "too many names in one function");
    return -1;
  }
  if (!reserve((void **)&code->names, code->nnames, &e->cap_names, sizeof *code->names, 1) ||
      !bytes_set(&code->names[code->nnames], name, len)) {
    diag_out_of_memory(e->diag);
    return -1;
  }
  if (!index_add(&e->name_index, h, code->nnames)) {
    free(code->names[code->nnames].data);
    diag_out_of_memory(e->diag);
    return -1;
  }
  return code->nnames++;
}

int64_t emitter_add_local(Emitter *e, const char *name, uint32_t len) {
  Code *code = &e->code;
  if (code->nlocals >= CODE_MAX_LOCALS) {
    fail(e, "too many local variables in one function (at most 8192)");
    return -1;
  }
  if (!reserve((void **)&code->local_names, code->nlocals, &e->cap_locals, sizeof *code->local_names, 1) ||
      !bytes_set(&code->local_names[code->nlocals], name, len)) {
    diag_out_of_memory(e->diag);
    return -1;
  }
  return code->nlocals++;
}

int64_t emitter_add_handler(Emitter *e, uint32_t start, uint32_t end, uint32_t target, uint32_t depth) {
  Code *code = &e->code;
  if (code->nhandlers >= CODE_MAX_HANDLERS) {
    fail(e, "too many exception table entries in one function (each exit through a finally block copies it)");
    return -1;
  }
  if (!reserve((void **)&code->handlers, code->nhandlers, &e->cap_handlers, sizeof *code->handlers, 1)) {
    diag_out_of_memory(e->diag);
    return -1;
  }
  ExcEntry *h = &code->handlers[code->nhandlers];
  h->start = start;
  h->end = end;
  h->target = target;
  h->depth = depth;
  return code->nhandlers++;
}

bool emitter_finish(Emitter *e, uint32_t arity, Code *out) {
  if (e->diag->failed) return false;
  e->code.arity = arity;
  e->code.max_stack = (uint32_t)e->max_depth;
  *out = e->code;
  memset(&e->code, 0, sizeof e->code);
  emitter_free(e);
  return true;
}
