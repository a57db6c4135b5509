/* The generator's decision stream and bytecode builder (fuzz/gen_internal.h).
 *
 * Decisions: each takes one byte of the input (two for choices among more
 * than 256), so a mutated byte changes one decision and, mostly, what is
 * generated near it. Past the end of the input, bytes come from splitmix64
 * seeded with a hash of the whole input, which keeps every input complete
 * and deterministic.
 *
 * Builder: instructions are appended with their stack effect (from the
 * opcode table) tracked as they go; jumps go to labels patched at the end;
 * every label remembers the depth on arrival, so a mismatch (a generator
 * bug) is caught where it happens, not only by the verifier. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/gen_internal.h"

/* ================================================================ decisions */

void gen_rng_init(GenRng *r, const uint8_t *data, size_t len) {
  memset(r, 0, sizeof *r);
  r->data = data;
  r->len = data ? len : 0;
  r->mix = 0xCBF29CE484222325ull ^ (uint64_t)r->len; /* FNV-1a offset basis */
}

uint32_t gen_byte(GenRng *r) {
  if (r->pos < r->len) {
    uint8_t b = r->data[r->pos++];
    r->mix = (r->mix ^ b) * 0x100000001B3ull;
    return b;
  }
  if (!r->fallback) {
    r->fallback = true;
    r->state = r->mix;
  }
  return (uint32_t)(gen_splitmix64(&r->state) >> 56);
}

uint32_t gen_below(GenRng *r, uint32_t n) {
  if (n <= 1) return 0;
  uint32_t v = gen_byte(r);
  if (n > 256) v = v << 8 | gen_byte(r);
  if (n > 65536) v = v << 8 | gen_byte(r);
  if (n > (1u << 24)) v = v << 8 | gen_byte(r);
  return v % n;
}

int64_t gen_between(GenRng *r, int64_t lo, int64_t hi) {
  if (hi <= lo) return lo;
  uint64_t span = (uint64_t)hi - (uint64_t)lo;
  if (span >= UINT32_MAX) return lo + (int64_t)gen_below(r, UINT32_MAX);
  return lo + (int64_t)gen_below(r, (uint32_t)span + 1);
}

bool gen_chance(GenRng *r, uint32_t percent) {
  if (percent == 0) return false;
  if (percent >= 100) return true;
  return gen_below(r, 100) < percent;
}

uint32_t gen_weighted(GenRng *r, const uint32_t *weights, uint32_t n) {
  uint32_t total = 0;
  for (uint32_t i = 0; i < n; i++) total += weights[i];
  if (total == 0) return n;
  uint32_t x = gen_below(r, total);
  for (uint32_t i = 0; i < n; i++) {
    if (x < weights[i]) return i;
    x -= weights[i];
  }
  return n - 1;
}

/* ================================================================ names */

size_t gen_format_name(char *dst, size_t cap, const char *prefix, uint32_t n) {
  char digits[10]; /* UINT32_MAX has 10 */
  size_t ndigits = 0;
  do {
    digits[ndigits++] = (char)('0' + n % 10);
    n /= 10;
  } while (n);
  size_t len = 0;
  for (; prefix[len] && len + 1 < cap; len++) dst[len] = prefix[len];
  while (ndigits && len + 1 < cap) dst[len++] = digits[--ndigits];
  dst[len] = '\0';
  return len;
}

/* ================================================================ errors */

void gen_fail(Gen *g, const char *fmt, ...) {
  if (g->failed) return;
  g->failed = true;
  if (!g->err) return;
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  strbuf_printf(g->err, "gen: %s", msg);
}

/* Grows an array to hold at least `need` items of `size` bytes; an empty
 * one starts with `first` items. */
static __attribute__((noinline)) bool grow_slow(Gen *g, void **items, uint32_t *cap, uint32_t need, size_t size, uint32_t first) {
  uint32_t n = *cap ? *cap : first;
  while (n < need) {
    if (n > UINT32_MAX / 2) {
      gen_fail(g, "builder table too large");
      return false;
    }
    n *= 2;
  }
  void *p = realloc(*items, (size_t)n * size);
  if (!p) {
    gen_fail(g, "out of memory");
    return false;
  }
  *items = p;
  *cap = n;
  return true;
}

/* The check inline: it runs for every instruction, label and constant. */
static inline bool grow(Gen *g, void **items, uint32_t *cap, uint32_t need, size_t size, uint32_t first) {
  return need <= *cap || grow_slow(g, items, cap, need, size, first);
}

/* First sizes: enough for most functions at the default size, so that the
 * tables rarely move. */
enum {
  FIRST_CODE = 512, /* bytes */
  FIRST_TABLE = 32, /* entries of every other table */
};

#define GROW(c, field, capfield, need, first) \
  grow((c)->g, (void **)&(c)->field, &(c)->capfield, (need), sizeof *(c)->field, (first))

/* ================================================================ builder */

void gc_init(GenCode *c, Gen *g) {
  memset(c, 0, sizeof *c);
  c->g = g;
}

static void bytes_array_free(Bytes *b, uint32_t n) {
  if (!b) return;
  for (uint32_t i = 0; i < n; i++) free(b[i].data);
  free(b);
}

void gc_free(GenCode *c) {
  free(c->code);
  if (c->consts) {
    for (uint32_t i = 0; i < c->nconsts; i++) const_free(&c->consts[i]);
    free(c->consts);
  }
  free(c->const_index.slots);
  bytes_array_free(c->names, c->nnames);
  free(c->name_index.slots);
  bytes_array_free(c->locals, c->nlocals);
  free(c->labels);
  free(c->fixups);
  free(c->handlers);
  free(c->lines);
  gc_init(c, c->g);
}

static void put_u32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
  p[2] = (uint8_t)(v >> 16);
  p[3] = (uint8_t)(v >> 24);
}

/* Reports why append refuses an instruction (a generator bug); out of line,
 * so that append's common path stays small. */
static __attribute__((noinline, cold)) void refuse(GenCode *c, int op, int64_t pops) {
  if (c->dead) gen_fail(c->g, "%s emitted after an instruction that does not fall through", opcode_info[op].name);
  else gen_fail(c->g, "%s pops %lld with only %d on the stack", opcode_info[op].name, (long long)pops, (int)c->depth);
}

static void append_after_growing(GenCode *c, int op, uint32_t arg, int64_t pops, int64_t pushes);

/* Appends one instruction, applying its fall-through stack effect (pops
 * and pushes: opcode_pops and opcode_pushes of op and arg). It runs
 * for every instruction: the rare paths are calls at its ends, so the
 * common one saves no registers. */
static void append(GenCode *c, int op, uint32_t arg, int64_t pops, int64_t pushes) {
  if (c->g->failed) return;
  if (c->dead || c->depth < pops) {
    refuse(c, op, pops);
    return;
  }
  uint32_t size = opcode_size(op);
  if (c->len + size > c->cap) {
    append_after_growing(c, op, arg, pops, pushes);
    return;
  }
  if (c->pending_line) { /* gc_line made room for the entry */
    c->lines[c->nlines++] = (LineEntry){.offset = c->len, .line = c->pending_line};
    c->pending_line = 0;
  }
  c->code[c->len] = (uint8_t)op;
  if (size == 5) put_u32(c->code + c->len + 1, arg);
  c->len += size;
  c->ninstr++;
  c->depth = (int32_t)(c->depth - pops + pushes);
  if (c->depth > c->max_depth) c->max_depth = c->depth;
  if (opcode_info[op].flags & OPF_NOFALL) c->dead = true;
}

static __attribute__((noinline)) void append_after_growing(GenCode *c, int op, uint32_t arg, int64_t pops,
                                                          int64_t pushes) {
  if (GROW(c, code, cap, c->len + opcode_size(op), FIRST_CODE)) append(c, op, arg, pops, pushes);
}

void gc_append(GenCode *c, int op, uint32_t arg, int64_t pops, int64_t pushes) {
  if (opcode_info[op].flags & OPF_JUMP) {
    gen_fail(c->g, "gc_emit used for jump %s", opcode_info[op].name);
    return;
  }
  append(c, op, arg, pops, pushes);
}

uint32_t gc_label(GenCode *c) {
  if (!GROW(c, labels, cap_labels, c->nlabels + 1, FIRST_TABLE)) return 0;
  c->labels[c->nlabels] = (GenLabel){.offset = 0, .depth = -1, .bound = false};
  return c->nlabels++;
}

/* Records that the stack has `depth` values when control reaches `label`. */
static void label_arrive(GenCode *c, uint32_t label, int32_t depth) {
  GenLabel *l = &c->labels[label];
  if (l->depth < 0) l->depth = depth;
  else if (l->depth != depth) gen_fail(c->g, "label %u reached with depth %d and %d", label, (int)l->depth, (int)depth);
}

void gc_jump(GenCode *c, int op, uint32_t label) {
  if (c->g->failed) return;
  if (label >= c->nlabels || !(opcode_info[op].flags & OPF_JUMP)) {
    gen_fail(c->g, "bad jump");
    return;
  }
  GenLabel *l = &c->labels[label];
  int32_t taken_depth = (int32_t)(c->depth - opcode_pops(op, 0) + opcode_branch_pushes(op, 0));
  if (op == OP_JUMP_BACKWARD) {
    if (!l->bound) {
      gen_fail(c->g, "backward jump to an unbound label");
      return;
    }
    label_arrive(c, label, c->depth);
    uint32_t end = c->len + 5;
    uint32_t distance = end - l->offset;
    append(c, op, distance, opcode_pops(op, distance), opcode_pushes(op, distance));
    return;
  }
  if (l->bound) {
    gen_fail(c->g, "forward jump to a bound label");
    return;
  }
  if (!GROW(c, fixups, cap_fixups, c->nfixups + 1, FIRST_TABLE)) return;
  label_arrive(c, label, taken_depth);
  uint32_t at = c->len + 1;
  append(c, op, 0, opcode_pops(op, 0), opcode_pushes(op, 0));
  c->fixups[c->nfixups++] = (GenFixup){.label = label, .operand_at = at, .end = c->len};
}

void gc_bind(GenCode *c, uint32_t label) {
  if (c->g->failed) return;
  GenLabel *l = &c->labels[label];
  if (l->bound) {
    gen_fail(c->g, "label %u bound twice", label);
    return;
  }
  l->bound = true;
  l->offset = c->len;
  if (c->dead) {
    if (l->depth < 0) {
      gen_fail(c->g, "label %u bound after dead code with no jump to it", label);
      return;
    }
    c->depth = l->depth;
    c->dead = false;
  } else {
    label_arrive(c, label, c->depth);
  }
}

void gc_bind_at_depth(GenCode *c, uint32_t label, int32_t depth) {
  if (c->g->failed) return;
  if (!c->dead) {
    gen_fail(c->g, "handler code must not be reached by falling through");
    return;
  }
  label_arrive(c, label, depth);
  c->dead = true;
  gc_bind(c, label);
  if (c->depth > c->max_depth) c->max_depth = c->depth;
}

void gc_handler(GenCode *c, uint32_t start, uint32_t end, uint32_t target, uint32_t depth) {
  if (!GROW(c, handlers, cap_handlers, c->nhandlers + 1, FIRST_TABLE)) return;
  c->handlers[c->nhandlers++] = (GenHandler){.start = start, .end = end, .target = target, .depth = depth};
}

void gc_line(GenCode *c, uint32_t line) {
  /* room for the entry now, so that append stores it without a check */
  if (GROW(c, lines, cap_lines, c->nlines + 1, FIRST_TABLE)) c->pending_line = line;
}

/* ---- pools with a hash index ---- */

static uint32_t hash_mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  return (uint32_t)h;
}

static uint64_t hash_bytes(const char *data, size_t len) {
  uint64_t h = 0xCBF29CE484222325ull ^ len; /* FNV-1a */
  for (size_t i = 0; i < len; i++) h = (h ^ (uint8_t)data[i]) * 0x100000001B3ull;
  return h;
}

/* Equal constants (const_equal) hash alike: same kind, same bits. */
static uint64_t const_hash(const Const *k) {
  uint64_t h = (uint64_t)k->kind * 0x9E3779B97F4A7C15ull;
  switch ((ConstKind)k->kind) {
  case CK_BOOL:
  case CK_INT: return h ^ (uint64_t)k->as.i;
  case CK_FLOAT: {
    uint64_t bits;
    memcpy(&bits, &k->as.f, sizeof bits);
    return h ^ bits;
  }
  case CK_STR: return h ^ hash_bytes(k->as.s.data, k->as.s.len);
  case CK_TUPLE:
    for (uint32_t i = 0; i < k->as.t.len; i++) h = (h ^ hash_mix(const_hash(&k->as.t.items[i]))) * 0x100000001B3ull;
    return h ^ k->as.t.len;
  case CK_NONE:
  case CK_COUNT: break;
  }
  return h;
}

/* Entry `index` of the pool the index is over equals the key. */
typedef bool (*GenSameFn)(const GenCode *c, uint32_t index, const void *key);

/* The slot of the entry equal to key, or the empty slot where it would go.
 * The index must have a slot (cap > 0). */
static const GenSlot *index_find(const GenCode *c, const GenIndex *ix, uint32_t hash, GenSameFn same, const void *key) {
  uint32_t mask = ix->cap - 1;
  for (uint32_t i = hash & mask;; i = (i + 1) & mask) {
    const GenSlot *slot = &ix->slots[i];
    if (!slot->index_plus_1) return slot;
    if (slot->hash == hash && same(c, slot->index_plus_1 - 1, key)) return slot;
  }
}

static void index_put(GenSlot *slots, uint32_t cap, uint32_t hash, uint32_t index) {
  uint32_t i = hash & (cap - 1);
  while (slots[i].index_plus_1) i = (i + 1) & (cap - 1);
  slots[i] = (GenSlot){.hash = hash, .index_plus_1 = index + 1};
}

/* Records that entry `index` (not in the index yet) has `hash`, keeping the
 * index at most half full. */
static void index_add(Gen *g, GenIndex *ix, uint32_t hash, uint32_t index) {
  if (2 * (ix->count + 1) > ix->cap) {
    uint32_t cap = ix->cap ? 2 * ix->cap : 64;
    if (cap <= ix->cap) {
      gen_fail(g, "builder table too large");
      return;
    }
    GenSlot *slots = calloc(cap, sizeof *slots);
    if (!slots) {
      gen_fail(g, "out of memory");
      return;
    }
    for (uint32_t i = 0; i < ix->cap; i++)
      if (ix->slots[i].index_plus_1) index_put(slots, cap, ix->slots[i].hash, ix->slots[i].index_plus_1 - 1);
    free(ix->slots);
    ix->slots = slots;
    ix->cap = cap;
  }
  index_put(ix->slots, ix->cap, hash, index);
  ix->count++;
}

/* The index of an entry equal to key, or -1. */
static int64_t index_lookup(const GenCode *c, const GenIndex *ix, uint32_t hash, GenSameFn same, const void *key) {
  if (!ix->cap) return -1;
  const GenSlot *slot = index_find(c, ix, hash, same, key);
  return slot->index_plus_1 ? (int64_t)slot->index_plus_1 - 1 : -1;
}

static uint32_t add_bytes(GenCode *c, Bytes **items, uint32_t *n, uint32_t *cap, const char *s, size_t len) {
  if (!grow(c->g, (void **)items, cap, *n + 1, sizeof **items, FIRST_TABLE)) return 0;
  Bytes *b = &(*items)[*n];
  memset(b, 0, sizeof *b);
  if (!bytes_set(b, s, len)) {
    gen_fail(c->g, "out of memory");
    return 0;
  }
  return (*n)++;
}

uint32_t gc_local(GenCode *c, const char *name) {
  return add_bytes(c, &c->locals, &c->nlocals, &c->cap_locals, name, strlen(name));
}

typedef struct NameKey {
  const char *data;
  size_t len;
} NameKey;

static bool same_name(const GenCode *c, uint32_t index, const void *key) {
  const NameKey *k = key;
  const Bytes *b = &c->names[index];
  return b->len == k->len && memcmp(b->data, k->data, k->len) == 0;
}

uint32_t gc_name(GenCode *c, const char *name) {
  NameKey key = {.data = name, .len = strlen(name)};
  uint32_t hash = hash_mix(hash_bytes(name, key.len));
  int64_t found = index_lookup(c, &c->name_index, hash, same_name, &key);
  if (found >= 0) return (uint32_t)found;
  uint32_t before = c->nnames;
  uint32_t i = add_bytes(c, &c->names, &c->nnames, &c->cap_names, name, key.len);
  if (c->nnames != before) index_add(c->g, &c->name_index, hash, i);
  return i;
}

static bool is_scalar_const(const Const *k) {
  return k->kind == CK_NONE || k->kind == CK_BOOL || k->kind == CK_INT || k->kind == CK_FLOAT;
}

static bool same_const(const GenCode *c, uint32_t index, const void *key) { return const_equal(&c->consts[index], key); }

uint32_t gc_const(GenCode *c, const Const *k) {
  uint32_t hash = hash_mix(const_hash(k));
  int64_t found = index_lookup(c, &c->const_index, hash, same_const, k);
  if (found >= 0) return (uint32_t)found;
  if (!GROW(c, consts, cap_consts, c->nconsts + 1, FIRST_TABLE)) return 0;
  if (is_scalar_const(k)) {
    c->consts[c->nconsts] = *k; /* what const_copy makes of it, without the call */
  } else if (!const_copy(&c->consts[c->nconsts], k)) {
    gen_fail(c->g, "out of memory");
    return 0;
  }
  index_add(c->g, &c->const_index, hash, c->nconsts);
  return c->nconsts++;
}

uint32_t gc_const_int(GenCode *c, int64_t v) {
  Const k = {.kind = CK_INT, .as.i = v};
  return gc_const(c, &k);
}

uint32_t gc_const_float(GenCode *c, double v) {
  Const k = {.kind = CK_FLOAT, .as.f = v};
  return gc_const(c, &k);
}

uint32_t gc_const_str(GenCode *c, const char *s) {
  Const k = {.kind = CK_STR, .as.s = {.len = (uint32_t)strlen(s), .data = (char *)(uintptr_t)s}};
  return gc_const(c, &k);
}

uint32_t gc_const_none(GenCode *c) {
  Const k = {.kind = CK_NONE};
  return gc_const(c, &k);
}

uint32_t gc_const_bool(GenCode *c, bool b) {
  Const k = {.kind = CK_BOOL, .as.i = b ? 1 : 0};
  return gc_const(c, &k);
}

void gc_load_const_int(GenCode *c, int64_t v) { gc_emit(c, OP_LOAD_CONST, gc_const_int(c, v)); }
void gc_load_global(GenCode *c, const char *name) { gc_emit(c, OP_LOAD_GLOBAL, gc_name(c, name)); }
void gc_store_global(GenCode *c, const char *name) { gc_emit(c, OP_STORE_GLOBAL, gc_name(c, name)); }
void gc_load_method(GenCode *c, const char *name) { gc_emit(c, OP_LOAD_METHOD, gc_name(c, name)); }

/* Patches every forward jump and turns handler labels into offsets. */
static bool resolve(GenCode *c, ExcEntry **handlers) {
  for (uint32_t i = 0; i < c->nfixups; i++) {
    const GenFixup *f = &c->fixups[i];
    const GenLabel *l = &c->labels[f->label];
    if (!l->bound || l->offset < f->end) {
      gen_fail(c->g, "forward jump to label %u never bound", f->label);
      return false;
    }
    put_u32(c->code + f->operand_at, l->offset - f->end);
  }
  *handlers = NULL;
  if (c->nhandlers == 0) return true;
  *handlers = calloc(c->nhandlers, sizeof **handlers);
  if (!*handlers) {
    gen_fail(c->g, "out of memory");
    return false;
  }
  for (uint32_t i = 0; i < c->nhandlers; i++) {
    const GenHandler *h = &c->handlers[i];
    const GenLabel *s = &c->labels[h->start], *e = &c->labels[h->end], *t = &c->labels[h->target];
    if (!s->bound || !e->bound || !t->bound || s->offset >= e->offset) {
      gen_fail(c->g, "exception table entry %u has an unbound or empty range", i);
      return false;
    }
    (*handlers)[i] = (ExcEntry){.start = s->offset, .end = e->offset, .target = t->offset, .depth = h->depth};
  }
  return true;
}

bool gc_finish(GenCode *c, const char *name, uint32_t arity, Code *out) {
  memset(out, 0, sizeof *out);
  if (c->g->failed) return false;
  if (!c->dead) {
    gen_fail(c->g, "function %s falls off the end of its code", name);
    return false;
  }
  ExcEntry *handlers = NULL;
  if (!resolve(c, &handlers)) return false;
  if (!bytes_set(&out->name, name, strlen(name))) {
    free(handlers);
    gen_fail(c->g, "out of memory");
    return false;
  }
  out->arity = arity;
  out->nlocals = c->nlocals;
  out->local_names = c->locals;
  out->max_stack = (uint32_t)c->max_depth;
  out->nconsts = c->nconsts;
  out->consts = c->consts;
  out->nnames = c->nnames;
  out->names = c->names;
  out->code_len = c->len;
  out->code = c->code;
  out->nlines = c->nlines;
  out->lines = c->lines;
  out->nhandlers = c->nhandlers;
  out->handlers = handlers;
  c->locals = NULL;
  c->nlocals = 0;
  c->consts = NULL;
  c->nconsts = 0;
  c->names = NULL;
  c->nnames = 0;
  c->code = NULL;
  c->len = 0;
  c->lines = NULL;
  c->nlines = 0;
  gc_free(c);
  return true;
}
