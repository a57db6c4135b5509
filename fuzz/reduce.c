/* The test-case reducer (fuzz/reduce.h, docs/reducer.md).
 *
 * The program is edited in an index form: instructions in an array, jump
 * targets and exception-table entries as instruction indices, a source line
 * per instruction. Deleting or inserting instructions then only shifts
 * indices; encoding back to bytecode recomputes every jump distance,
 * handler offset, line-table entry and max_stack. Each candidate is a copy
 * of the current program with one edit; it is encoded, verified (invalid
 * ones are skipped without running the predicate), looked up in a cache of
 * candidates already tested (by a hash of its .jbc encoding), and only then
 * handed to the predicate. An accepted candidate becomes the current
 * program. Every loop is bounded by the number of predicate calls. */
#include "fuzz/reduce.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "oracle/lockstep.h"
#include "vm/jbc.h"
#include "vm/opcodes.h"
#include "vm/verify.h"

#define NO_INDEX UINT32_MAX

enum {
  CANDIDATES_PER_TEST = 200, /* verifier-only candidates allowed per predicate call */
  CONST_STEPS = 64,          /* successive simplifications of one constant */
  TUPLE_ITEM_EDITS = 8,      /* tuples: per-item edits for the first items only */
  LOAD_CONST_TRIES = 8,      /* a load replaced by one of the first constants */
  MAX_OPERANDS = 8,          /* operations with more operands are not unwrapped */
  SCAN_MAX = 1 << 16,        /* instructions one expression or kept value may span */
};

/* ------------------------------------------------------------ index form */

typedef struct RInstr {
  uint8_t op;
  uint32_t arg;    /* the operand; unused for jumps */
  uint32_t target; /* jumps: instruction index of the target */
  uint32_t line;
} RInstr;

typedef struct RHandler {
  uint32_t start, end, target; /* instruction indices; end may be n */
  uint32_t depth;
} RHandler;

typedef struct RFunc {
  Code hdr; /* owns name, local_names, consts, names; code, lines, handlers unused */
  RInstr *ins;
  uint32_t n;
  RHandler *hs;
  uint32_t nh;
} RFunc;

typedef struct RProg {
  uint32_t nfuncs;
  RFunc *funcs;
} RProg;

static bool is_jump(int op) { return (opcode_info[op].flags & OPF_JUMP) != 0; }

static void func_free(RFunc *f) {
  code_free(&f->hdr);
  free(f->ins);
  free(f->hs);
  memset(f, 0, sizeof *f);
}

static void prog_free(RProg *p) {
  for (uint32_t i = 0; p->funcs && i < p->nfuncs; i++) func_free(&p->funcs[i]);
  free(p->funcs);
  memset(p, 0, sizeof *p);
}

static bool bytes_array_copy(Bytes **dst, const Bytes *src, uint32_t n) {
  *dst = NULL;
  if (n == 0) return true;
  Bytes *a = calloc(n, sizeof *a);
  if (!a) return false;
  *dst = a;
  for (uint32_t i = 0; i < n; i++)
    if (!bytes_set(&a[i], src[i].data ? src[i].data : "", src[i].len)) return false;
  return true;
}

static bool consts_copy(Const **dst, const Const *src, uint32_t n) {
  *dst = NULL;
  if (n == 0) return true;
  Const *a = calloc(n, sizeof *a);
  if (!a) return false;
  *dst = a;
  for (uint32_t i = 0; i < n; i++)
    if (!const_copy(&a[i], &src[i])) return false;
  return true;
}

/* The tables of a function header (everything but code, lines, handlers).
 * On failure dst is still safe to code_free. */
static bool header_copy(Code *dst, const Code *src) {
  memset(dst, 0, sizeof *dst);
  dst->arity = src->arity;
  dst->max_stack = src->max_stack;
  if (!bytes_set(&dst->name, src->name.data ? src->name.data : "", src->name.len)) return false;
  dst->nlocals = src->nlocals;
  if (!bytes_array_copy(&dst->local_names, src->local_names, src->nlocals)) return false;
  dst->nconsts = src->nconsts;
  if (!consts_copy(&dst->consts, src->consts, src->nconsts)) return false;
  dst->nnames = src->nnames;
  return bytes_array_copy(&dst->names, src->names, src->nnames);
}

static bool func_copy(RFunc *dst, const RFunc *src) {
  memset(dst, 0, sizeof *dst);
  if (!header_copy(&dst->hdr, &src->hdr)) return false;
  dst->ins = malloc((src->n ? src->n : 1) * sizeof *dst->ins);
  dst->hs = malloc((src->nh ? src->nh : 1) * sizeof *dst->hs);
  if (!dst->ins || !dst->hs) return false;
  if (src->n) memcpy(dst->ins, src->ins, src->n * sizeof *dst->ins);
  if (src->nh) memcpy(dst->hs, src->hs, src->nh * sizeof *dst->hs);
  dst->n = src->n;
  dst->nh = src->nh;
  return true;
}

static bool prog_copy(RProg *dst, const RProg *src) {
  memset(dst, 0, sizeof *dst);
  dst->funcs = calloc(src->nfuncs ? src->nfuncs : 1, sizeof *dst->funcs);
  if (!dst->funcs) return false;
  dst->nfuncs = src->nfuncs;
  for (uint32_t i = 0; i < src->nfuncs; i++)
    if (!func_copy(&dst->funcs[i], &src->funcs[i])) {
      prog_free(dst);
      return false;
    }
  return true;
}

/* From a verified code object: every offset the code refers to is an
 * instruction start (or the end, for a handler's end). */
static bool func_decode(const Code *c, RFunc *f) {
  memset(f, 0, sizeof *f);
  if (!header_copy(&f->hdr, c)) return false;
  uint32_t *index = malloc(((size_t)c->code_len + 1) * sizeof *index);
  f->ins = malloc(((size_t)c->code_len ? c->code_len : 1) * sizeof *f->ins);
  f->hs = malloc((c->nhandlers ? c->nhandlers : 1) * sizeof *f->hs);
  bool ok = index && f->ins && f->hs;
  for (uint32_t i = 0; ok && i <= c->code_len; i++) index[i] = NO_INDEX;
  Instr in;
  for (uint32_t off = 0; ok && off < c->code_len; off += in.size) {
    ok = instr_decode(c, off, &in);
    if (!ok) break;
    index[off] = f->n;
    f->ins[f->n++] = (RInstr){.op = (uint8_t)in.op, .arg = in.arg, .line = code_line_at(c, off)};
  }
  if (ok) index[c->code_len] = f->n;
  for (uint32_t k = 0, off = 0; ok && k < f->n; off += opcode_size(f->ins[k].op), k++) {
    if (!is_jump(f->ins[k].op)) continue;
    Instr j = {.offset = off, .size = opcode_size(f->ins[k].op), .op = f->ins[k].op, .arg = f->ins[k].arg};
    int64_t t = instr_jump_target(&j);
    ok = t >= 0 && t < (int64_t)c->code_len && index[t] != NO_INDEX;
    if (ok) f->ins[k].target = index[t];
    f->ins[k].arg = 0;
  }
  for (uint32_t h = 0; ok && h < c->nhandlers; h++) {
    const ExcEntry *e = &c->handlers[h];
    ok = e->start <= c->code_len && e->end <= c->code_len && e->target < c->code_len;
    if (!ok) break;
    RHandler r = {index[e->start], index[e->end], index[e->target], e->depth};
    ok = r.start != NO_INDEX && r.end != NO_INDEX && r.target != NO_INDEX;
    f->hs[f->nh++] = r;
  }
  free(index);
  return ok;
}

static bool prog_decode(const Module *m, RProg *p) {
  memset(p, 0, sizeof *p);
  p->funcs = calloc(m->nfuncs ? m->nfuncs : 1, sizeof *p->funcs);
  if (!p->funcs) return false;
  p->nfuncs = m->nfuncs;
  for (uint32_t i = 0; i < m->nfuncs; i++)
    if (!func_decode(&m->funcs[i], &p->funcs[i])) {
      prog_free(p);
      return false;
    }
  return true;
}

/* ------------------------------------------------------------ encoding */

static void put_u32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
  p[2] = (uint8_t)(v >> 16);
  p[3] = (uint8_t)(v >> 24);
}

/* Fills out's code, lines and handlers (new arrays); every other field is
 * the header's (borrowed). False when the index form cannot be encoded
 * (a jump in the wrong direction, an index out of range) or memory ran out. */
static bool func_encode(const RFunc *f, Code *out) {
  *out = f->hdr;
  out->code = NULL;
  out->lines = NULL;
  out->handlers = NULL;
  out->code_len = out->nlines = out->nhandlers = 0;
  if (f->n == 0 || f->n > CODE_MAX_BYTES / 5) return false;
  uint32_t *off = malloc(((size_t)f->n + 1) * sizeof *off);
  if (!off) return false;
  uint32_t len = 0, nlines = 0, prev_line = 0;
  for (uint32_t i = 0; i < f->n; i++) {
    off[i] = len;
    len += opcode_size(f->ins[i].op);
    if (f->ins[i].line != prev_line) nlines++;
    prev_line = f->ins[i].line;
  }
  off[f->n] = len;
  out->code = malloc(len);
  out->lines = malloc((nlines ? nlines : 1) * sizeof *out->lines);
  out->handlers = malloc((f->nh ? f->nh : 1) * sizeof *out->handlers);
  bool ok = out->code && out->lines && out->handlers;
  prev_line = 0;
  for (uint32_t i = 0; ok && i < f->n; i++) {
    const RInstr *in = &f->ins[i];
    uint8_t *p = out->code + off[i];
    p[0] = in->op;
    if (in->line != prev_line) out->lines[out->nlines++] = (LineEntry){off[i], in->line};
    prev_line = in->line;
    if (opcode_size(in->op) == 1) continue;
    uint32_t arg = in->arg;
    if (is_jump(in->op)) {
      uint32_t end = off[i] + 5;
      if (opcode_info[in->op].operand == OPK_JUMP_BACK) {
        ok = in->target <= i;
        if (ok) arg = end - off[in->target];
      } else {
        ok = in->target > i && in->target < f->n;
        if (ok) arg = off[in->target] - end;
      }
    }
    put_u32(p + 1, arg);
  }
  for (uint32_t h = 0; ok && h < f->nh; h++) {
    const RHandler *r = &f->hs[h];
    ok = r->start < r->end && r->end <= f->n && r->target < f->n;
    if (ok) out->handlers[out->nhandlers++] = (ExcEntry){off[r->start], off[r->end], off[r->target], r->depth};
  }
  free(off);
  out->code_len = len;
  return ok;
}

static void view_free(Module *view) {
  for (uint32_t i = 0; view->funcs && i < view->nfuncs; i++) {
    free(view->funcs[i].code);
    free(view->funcs[i].lines);
    free(view->funcs[i].handlers);
  }
  free(view->funcs);
  memset(view, 0, sizeof *view);
}

/* A module over p's tables (borrowed) with freshly encoded code, each
 * max_stack computed exactly, verified. False (view freed) when invalid. */
static bool prog_view(const RProg *p, const char *filename, Module *view) {
  memset(view, 0, sizeof *view);
  view->filename = (char *)filename; /* borrowed; view_free does not free it */
  view->funcs = calloc(p->nfuncs ? p->nfuncs : 1, sizeof *view->funcs);
  if (!view->funcs) return false;
  view->nfuncs = p->nfuncs;
  bool ok = p->nfuncs > 0;
  for (uint32_t i = 0; ok && i < p->nfuncs; i++) ok = func_encode(&p->funcs[i], &view->funcs[i]);
  for (uint32_t i = 0; ok && i < p->nfuncs; i++) {
    uint32_t depth = 0;
    ok = verify_max_stack(view, i, &depth, NULL);
    view->funcs[i].max_stack = depth;
  }
  ok = ok && verify_module(view, NULL);
  if (!ok) view_free(view);
  return ok;
}

/* An owned copy of a module, through its .jbc encoding. */
static Module *module_clone(const Module *m, const char *filename) {
  StrBuf sb, err;
  strbuf_init(&sb);
  strbuf_init(&err);
  Module *copy = NULL;
  if (jbc_write(m, &sb) && !sb.oom) copy = jbc_read(filename, (const uint8_t *)sb.data, sb.len, &err);
  strbuf_free(&sb);
  strbuf_free(&err);
  return copy;
}

static uint64_t fnv1a(const char *data, size_t len) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)data[i]) * 0x100000001b3ull;
  return h;
}

/* ------------------------------------------------------------ edits */

static uint32_t shift_after_delete(uint32_t t, uint32_t i, uint32_t j) {
  if (t >= j) return t - (j - i);
  return t >= i ? i : t;
}

/* Delete instructions [i, j): jumps and handler targets into the range go
 * to what follows it (the verifier rejects the result when the stack
 * depths do not fit); emptied handler ranges are dropped. */
static void func_delete_range(RFunc *f, uint32_t i, uint32_t j) {
  memmove(&f->ins[i], &f->ins[j], (f->n - j) * sizeof *f->ins);
  f->n -= j - i;
  for (uint32_t k = 0; k < f->n; k++)
    if (is_jump(f->ins[k].op)) f->ins[k].target = shift_after_delete(f->ins[k].target, i, j);
  uint32_t kept = 0;
  for (uint32_t h = 0; h < f->nh; h++) {
    RHandler r = f->hs[h];
    r.start = shift_after_delete(r.start, i, j);
    r.end = shift_after_delete(r.end, i, j);
    r.target = shift_after_delete(r.target, i, j);
    if (r.start < r.end) f->hs[kept++] = r;
  }
  f->nh = kept;
}

/* Insert `in` at index `at` (at <= n): references to `at` and beyond move up. */
static bool func_insert(RFunc *f, uint32_t at, RInstr in) {
  RInstr *p = realloc(f->ins, ((size_t)f->n + 1) * sizeof *p);
  if (!p) return false;
  f->ins = p;
  memmove(&f->ins[at + 1], &f->ins[at], (f->n - at) * sizeof *f->ins);
  f->n++;
  for (uint32_t k = 0; k < f->n; k++)
    if (k != at && is_jump(f->ins[k].op) && f->ins[k].target >= at) f->ins[k].target++;
  for (uint32_t h = 0; h < f->nh; h++) {
    RHandler *r = &f->hs[h];
    if (r->start >= at) r->start++;
    if (r->end >= at) r->end++;
    if (r->target >= at) r->target++;
  }
  f->ins[at] = in;
  return true;
}

static void func_delete_handler(RFunc *f, uint32_t h) {
  memmove(&f->hs[h], &f->hs[h + 1], (f->nh - h - 1) * sizeof *f->hs);
  f->nh--;
}

/* The index of a constant equal to c, appended when there is none. */
static uint32_t func_const_index(RFunc *f, const Const *c) {
  for (uint32_t k = 0; k < f->hdr.nconsts; k++)
    if (const_equal(&f->hdr.consts[k], c)) return k;
  if (f->hdr.nconsts >= CODE_MAX_CONSTS) return NO_INDEX;
  Const *p = realloc(f->hdr.consts, ((size_t)f->hdr.nconsts + 1) * sizeof *p);
  if (!p) return NO_INDEX;
  f->hdr.consts = p;
  if (!const_copy(&p[f->hdr.nconsts], c)) return NO_INDEX;
  return f->hdr.nconsts++;
}

static bool func_refers_to(const RFunc *f, uint32_t func_index) {
  for (uint32_t k = 0; k < f->n; k++)
    if (f->ins[k].op == OP_MAKE_FUNCTION && f->ins[k].arg == func_index) return true;
  return false;
}

/* Remove function k, which no other function refers to. */
static void prog_delete_func(RProg *p, uint32_t k) {
  func_free(&p->funcs[k]);
  memmove(&p->funcs[k], &p->funcs[k + 1], (p->nfuncs - k - 1) * sizeof *p->funcs);
  p->nfuncs--;
  for (uint32_t i = 0; i < p->nfuncs; i++)
    for (uint32_t j = 0; j < p->funcs[i].n; j++) {
      RInstr *in = &p->funcs[i].ins[j];
      if (in->op == OP_MAKE_FUNCTION && in->arg > k) in->arg--;
    }
}

/* Stack depth before each instruction (-1: unreachable), by the verifier's
 * rules (roots: 0 at the entry, depth + 1 at handler targets). The first
 * depth found wins: this only proposes candidates, the verifier judges. */
static int32_t *func_depths(const RFunc *f) {
  int32_t *depth = malloc(((size_t)f->n + 1) * sizeof *depth);
  uint32_t *work = malloc(((size_t)f->n + f->nh + 1) * sizeof *work);
  if (!depth || !work) {
    free(depth);
    free(work);
    return NULL;
  }
  for (uint32_t i = 0; i <= f->n; i++) depth[i] = -1;
  uint32_t nwork = 0;
  if (f->n) {
    depth[0] = 0;
    work[nwork++] = 0;
  }
  for (uint32_t h = 0; h < f->nh; h++) {
    uint32_t t = f->hs[h].target;
    if (t < f->n && depth[t] < 0 && f->hs[h].depth < CODE_MAX_STACK) {
      depth[t] = (int32_t)f->hs[h].depth + 1;
      work[nwork++] = t;
    }
  }
  while (nwork) {
    uint32_t i = work[--nwork];
    const RInstr *in = &f->ins[i];
    int64_t base = (int64_t)depth[i] - opcode_pops(in->op, in->arg);
    if (base < 0) continue;
    int64_t fall = base + opcode_pushes(in->op, in->arg);
    int64_t taken = base + opcode_branch_pushes(in->op, in->arg);
    if (!(opcode_info[in->op].flags & OPF_NOFALL) && i + 1 < f->n && depth[i + 1] < 0 && fall <= CODE_MAX_STACK) {
      depth[i + 1] = (int32_t)fall;
      work[nwork++] = i + 1;
    }
    if (is_jump(in->op) && in->target < f->n && depth[in->target] < 0 && taken <= CODE_MAX_STACK) {
      depth[in->target] = (int32_t)taken;
      work[nwork++] = in->target;
    }
  }
  free(work);
  return depth;
}

/* ------------------------------------------------------------ the reducer */

typedef struct Reducer {
  ReducePredicate interesting;
  void *ctx;
  const char *filename;
  ReduceOptions opt;
  ReduceStats *stats;
  struct timespec started;
  RProg cur;
  uint64_t version;    /* bumped on every accepted candidate */
  /* depth cache of one function of the current program */
  int32_t *depths;
  uint32_t depths_func;
  uint64_t depths_version;
  /* hashes of every candidate tested (open addressing, 0 = empty) */
  uint64_t *seen;
  size_t seen_cap, seen_len;
  bool no_memory;
} Reducer;

static double seconds_since(const struct timespec *t0) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static bool exhausted(Reducer *rd) {
  ReduceStats *s = rd->stats;
  if (s->tests >= rd->opt.max_tests) s->out_of_tests = true;
  if (s->candidates / CANDIDATES_PER_TEST >= rd->opt.max_tests) s->out_of_tests = true;
  if (rd->opt.max_seconds > 0 && seconds_since(&rd->started) >= rd->opt.max_seconds) s->out_of_time = true;
  return s->out_of_tests || s->out_of_time || rd->no_memory;
}

/* True when h was seen; else records it. */
static bool seen_before(Reducer *rd, uint64_t h) {
  if (h == 0) h = 1;
  if (rd->seen_len * 2 >= rd->seen_cap) {
    size_t cap = rd->seen_cap ? rd->seen_cap * 2 : 1024;
    uint64_t *t = calloc(cap, sizeof *t);
    if (!t) return false; /* no cache: the candidate is simply tested */
    for (size_t i = 0; i < rd->seen_cap; i++) {
      uint64_t v = rd->seen[i];
      if (!v) continue;
      size_t k = v & (cap - 1);
      while (t[k]) k = (k + 1) & (cap - 1);
      t[k] = v;
    }
    free(rd->seen);
    rd->seen = t;
    rd->seen_cap = cap;
  }
  size_t k = h & (rd->seen_cap - 1);
  while (rd->seen[k]) {
    if (rd->seen[k] == h) return true;
    k = (k + 1) & (rd->seen_cap - 1);
  }
  rd->seen[k] = h;
  rd->seen_len++;
  return false;
}

static uint64_t view_hash(const Module *view) {
  StrBuf sb;
  strbuf_init(&sb);
  uint64_t h = 0;
  if (jbc_write(view, &sb) && !sb.oom) h = fnv1a(sb.data, sb.len);
  strbuf_free(&sb);
  return h;
}

static uint32_t prog_instructions(const RProg *p) {
  uint32_t n = 0;
  for (uint32_t i = 0; i < p->nfuncs; i++) n += p->funcs[i].n;
  return n;
}

/* Tests cand (taking ownership of it): when it is valid, new and
 * interesting it becomes the current program. */
static bool try_prog(Reducer *rd, RProg *cand, const char *what) {
  ReduceStats *s = rd->stats;
  s->candidates++;
  Module view;
  if (!prog_view(cand, rd->filename, &view)) {
    s->invalid++;
    prog_free(cand);
    return false;
  }
  bool accept = false;
  uint64_t h = view_hash(&view);
  if (h && seen_before(rd, h)) {
    s->cached++;
  } else if (!exhausted(rd)) {
    s->tests++;
    accept = rd->interesting(&view, rd->ctx);
  }
  view_free(&view);
  if (!accept) {
    prog_free(cand);
    return false;
  }
  uint32_t before = prog_instructions(&rd->cur);
  prog_free(&rd->cur);
  rd->cur = *cand;
  rd->version++;
  s->accepted++;
  if (rd->opt.log)
    strbuf_printf(rd->opt.log, "reduce: test %llu: %s: %u -> %u instructions, %u functions\n",
                  (unsigned long long)s->tests, what, before, prog_instructions(&rd->cur), rd->cur.nfuncs);
  return true;
}

/* A copy of the current program to edit, or false when out of memory. */
static bool begin_edit(Reducer *rd, RProg *cand) {
  if (prog_copy(cand, &rd->cur)) return true;
  rd->no_memory = true;
  return false;
}

static const int32_t *current_depths(Reducer *rd, uint32_t fi) {
  if (rd->depths && rd->depths_func == fi && rd->depths_version == rd->version) return rd->depths;
  free(rd->depths);
  rd->depths = func_depths(&rd->cur.funcs[fi]);
  rd->depths_func = fi;
  rd->depths_version = rd->version;
  if (!rd->depths) rd->no_memory = true;
  return rd->depths;
}

static bool try_delete_range(Reducer *rd, uint32_t fi, uint32_t i, uint32_t j, const char *what) {
  RProg cand;
  if (!begin_edit(rd, &cand)) return false;
  func_delete_range(&cand.funcs[fi], i, j);
  return try_prog(rd, &cand, what);
}

/* ---- pass: unreachable code ---- */

static bool pass_unreachable(Reducer *rd) {
  bool progress = false;
  for (uint32_t fi = 0; fi < rd->cur.nfuncs && !exhausted(rd); fi++) {
    const int32_t *depth = current_depths(rd, fi);
    if (!depth) break;
    uint32_t n = rd->cur.funcs[fi].n;
    bool any = false;
    for (uint32_t i = 0; i < n && !any; i++) any = depth[i] < 0;
    if (!any) continue;
    RProg cand;
    if (!begin_edit(rd, &cand)) break;
    RFunc *f = &cand.funcs[fi];
    for (uint32_t i = n; i-- > 0;) /* from the end, so that earlier indices hold */
      if (depth[i] < 0) func_delete_range(f, i, i + 1);
    progress |= try_prog(rd, &cand, "unreachable code");
  }
  return progress;
}

/* ---- pass: functions ---- */

static bool referenced_elsewhere(const RProg *p, uint32_t k) {
  for (uint32_t i = 0; i < p->nfuncs; i++)
    if (i != k && func_refers_to(&p->funcs[i], k)) return true;
  return false;
}

static bool pass_functions(Reducer *rd) {
  bool progress = false;
  for (uint32_t k = rd->cur.nfuncs; k-- > 1 && !exhausted(rd);) {
    if (k >= rd->cur.nfuncs || referenced_elsewhere(&rd->cur, k)) continue;
    RProg cand;
    if (!begin_edit(rd, &cand)) break;
    prog_delete_func(&cand, k);
    progress |= try_prog(rd, &cand, "function");
  }
  return progress;
}

/* ---- pass: exception-table entries ---- */

static bool pass_handlers(Reducer *rd) {
  bool progress = false;
  for (uint32_t fi = 0; fi < rd->cur.nfuncs && !exhausted(rd); fi++)
    for (uint32_t h = rd->cur.funcs[fi].nh; h-- > 0 && !exhausted(rd);) {
      if (h >= rd->cur.funcs[fi].nh) continue;
      RProg cand;
      if (!begin_edit(rd, &cand)) return progress;
      func_delete_handler(&cand.funcs[fi], h);
      progress |= try_prog(rd, &cand, "exception handler");
    }
  return progress;
}

/* ---- pass: instruction ranges (delta debugging) ---- */

/* Tries deleting [i, j) for j in [i + size, i + 2 * size] where the stack
 * depth before j equals the one before i: the first such range that
 * verifies is tested. */
static bool try_ranges_at(Reducer *rd, uint32_t fi, uint32_t i, uint32_t size) {
  const int32_t *depth = current_depths(rd, fi);
  uint32_t n = rd->cur.funcs[fi].n;
  if (!depth || depth[i] < 0) return false;
  uint64_t tested = rd->stats->tests, version = rd->version;
  uint64_t last = (uint64_t)i + 2 * (uint64_t)size;
  for (uint64_t j = (uint64_t)i + size; j < n && j <= last && !exhausted(rd); j++) {
    if (depth[j] != depth[i]) continue;
    if (try_delete_range(rd, fi, i, (uint32_t)j, size > 1 ? "instruction range" : "instruction")) return true;
    if (rd->stats->tests != tested || rd->version != version) return false; /* one test per start */
    depth = current_depths(rd, fi);
    if (!depth) return false;
  }
  return false;
}

static uint32_t pow2_at_least(uint32_t v) {
  uint32_t p = 1;
  while (p < v && p < (1u << 30)) p <<= 1;
  return p;
}

static bool pass_ranges(Reducer *rd) {
  bool progress = false;
  for (uint32_t fi = 0; fi < rd->cur.nfuncs && !exhausted(rd); fi++) {
    uint32_t n = rd->cur.funcs[fi].n;
    for (uint32_t size = pow2_at_least((n + 1) / 2); size >= 1 && !exhausted(rd); size /= 2) {
      uint32_t i = 0;
      while (fi < rd->cur.nfuncs && i < rd->cur.funcs[fi].n && !exhausted(rd)) {
        if (try_ranges_at(rd, fi, i, size)) {
          progress = true;
          continue; /* the same start, new instructions behind it */
        }
        i += size >= 4 ? size / 2 : 1;
      }
    }
  }
  return progress;
}

/* ---- pass: branches ---- */

static bool try_cond_to_pop(Reducer *rd, uint32_t fi, uint32_t i, bool keep_jump) {
  RProg cand;
  if (!begin_edit(rd, &cand)) return false;
  RFunc *f = &cand.funcs[fi];
  RInstr jump = f->ins[i];
  f->ins[i] = (RInstr){.op = OP_POP_TOP, .line = jump.line};
  bool ok = true;
  if (keep_jump)
    ok = func_insert(f, i + 1, (RInstr){.op = OP_JUMP_FORWARD, .target = jump.target + 1, .line = jump.line});
  if (!ok) {
    prog_free(&cand);
    rd->no_memory = true;
    return false;
  }
  return try_prog(rd, &cand, keep_jump ? "branch always taken" : "branch never taken");
}

/* The loop whose FOR_ITER is at i runs its body once, with the item a
 * constant: FOR_ITER becomes LOAD_CONST, its back-edge POP_TOP (the
 * iterator, as the exhausted FOR_ITER would pop it). */
static bool try_loop_once(Reducer *rd, uint32_t fi, uint32_t i, const Const *item) {
  const RFunc *cur = &rd->cur.funcs[fi];
  uint32_t exit = cur->ins[i].target, back = NO_INDEX;
  for (uint32_t k = i + 1; k < exit && k < cur->n; k++)
    if (cur->ins[k].op == OP_JUMP_BACKWARD && cur->ins[k].target == i) back = k;
  if (back == NO_INDEX) return false;
  RProg cand;
  if (!begin_edit(rd, &cand)) return false;
  RFunc *f = &cand.funcs[fi];
  uint32_t k = func_const_index(f, item);
  if (k == NO_INDEX) {
    prog_free(&cand);
    rd->no_memory = true;
    return false;
  }
  f->ins[i] = (RInstr){.op = OP_LOAD_CONST, .arg = k, .line = f->ins[i].line};
  f->ins[back] = (RInstr){.op = OP_POP_TOP, .line = f->ins[back].line};
  return try_prog(rd, &cand, "loop run once");
}

static bool loop_once(Reducer *rd, uint32_t fi, uint32_t i) {
  static const Const none = {.kind = CK_NONE}, zero = {.kind = CK_INT};
  if (try_loop_once(rd, fi, i, &zero) || try_loop_once(rd, fi, i, &none)) return true;
  for (uint32_t k = 0; k < rd->cur.funcs[fi].hdr.nconsts && k < LOAD_CONST_TRIES && !exhausted(rd); k++) {
    Const c;
    if (!const_copy(&c, &rd->cur.funcs[fi].hdr.consts[k])) {
      rd->no_memory = true;
      return false;
    }
    bool done = !const_equal(&c, &none) && !const_equal(&c, &zero) && try_loop_once(rd, fi, i, &c);
    const_free(&c);
    if (done) return true;
  }
  return false;
}

static bool pass_branches(Reducer *rd) {
  bool progress = false;
  for (uint32_t fi = 0; fi < rd->cur.nfuncs && !exhausted(rd); fi++)
    for (uint32_t i = 0; i < rd->cur.funcs[fi].n && !exhausted(rd); i++) {
      int op = rd->cur.funcs[fi].ins[i].op;
      if (op == OP_POP_JUMP_IF_FALSE || op == OP_POP_JUMP_IF_TRUE) {
        if (try_cond_to_pop(rd, fi, i, false) || try_cond_to_pop(rd, fi, i, true)) progress = true;
      } else if (op == OP_FOR_ITER) {
        progress |= loop_once(rd, fi, i);
      } else if (op == OP_JUMP_FORWARD || op == OP_JUMP_BACKWARD) {
        progress |= try_delete_range(rd, fi, i, i + 1, op == OP_JUMP_FORWARD ? "jump" : "loop back-edge");
      }
    }
  return progress;
}

/* ---- pass: expressions into constants ---- */

/* The end of the longest sequence from i that pushes one value net without
 * going below the depth at i; NO_INDEX when none. */
static uint32_t expression_end(const int32_t *depth, uint32_t n, uint32_t i) {
  if (depth[i] < 0) return NO_INDEX;
  int32_t want = depth[i] + 1;
  uint32_t end = NO_INDEX;
  for (uint32_t k = i + 1; k < n && k - i <= SCAN_MAX && depth[k] >= want; k++)
    if (depth[k] == want) end = k;
  return end;
}

static bool try_expression_const(Reducer *rd, uint32_t fi, uint32_t i, uint32_t j, const Const *c) {
  RProg cand;
  if (!begin_edit(rd, &cand)) return false;
  RFunc *f = &cand.funcs[fi];
  uint32_t k = func_const_index(f, c);
  if (k == NO_INDEX) {
    prog_free(&cand);
    rd->no_memory = true;
    return false;
  }
  func_delete_range(f, i + 1, j);
  f->ins[i] = (RInstr){.op = OP_LOAD_CONST, .arg = k, .line = f->ins[i].line};
  return try_prog(rd, &cand, j > i + 1 ? "expression" : "load");
}

/* [i, j) becomes LOAD_CONST of None, 0 or one of the function's
 * constants (a poor man's constant propagation: `x` or `ord(chr(63))`
 * where the program also loads 63). */
static bool simplify_expression(Reducer *rd, uint32_t fi, uint32_t i, uint32_t j) {
  static const Const none = {.kind = CK_NONE}, zero = {.kind = CK_INT};
  const RInstr *in = &rd->cur.funcs[fi].ins[i];
  bool load = j == i + 1 && (in->op == OP_LOAD_FAST || in->op == OP_LOAD_GLOBAL);
  if (j == i + 1 && !load) return false;
  if (try_expression_const(rd, fi, i, j, &none) || try_expression_const(rd, fi, i, j, &zero)) return true;
  for (uint32_t k = 0; k < rd->cur.funcs[fi].hdr.nconsts && k < LOAD_CONST_TRIES && !exhausted(rd); k++) {
    Const c;
    if (!const_copy(&c, &rd->cur.funcs[fi].hdr.consts[k])) {
      rd->no_memory = true;
      return false;
    }
    bool done = !const_equal(&c, &none) && !const_equal(&c, &zero) && try_expression_const(rd, fi, i, j, &c);
    const_free(&c);
    if (done) return true;
  }
  return false;
}

static bool pass_expressions(Reducer *rd) {
  bool progress = false;
  for (uint32_t fi = 0; fi < rd->cur.nfuncs && !exhausted(rd); fi++)
    for (uint32_t i = 0; i < rd->cur.funcs[fi].n && !exhausted(rd); i++) {
      const int32_t *depth = current_depths(rd, fi);
      if (!depth) return progress;
      uint32_t j = expression_end(depth, rd->cur.funcs[fi].n, i);
      if (j != NO_INDEX) progress |= simplify_expression(rd, fi, i, j);
    }
  return progress;
}

/* ---- pass: an operation replaced by one of its operands ---- */

/* starts[q] = the first instruction of operand q of the instruction at c,
 * which pops p values (starts[p] = c). False when the stack shape is not
 * p expressions in a row. */
static bool operand_starts(const int32_t *depth, uint32_t c, uint32_t p, uint32_t *starts) {
  int64_t base = (int64_t)depth[c] - p;
  if (depth[c] < 0 || base < 0) return false;
  starts[p] = c;
  for (uint32_t q = p; q-- > 0;) {
    uint32_t k = starts[q + 1];
    while (k > 0 && depth[k - 1] > base + q && c - k < SCAN_MAX) k--;
    if (k == 0 || depth[k - 1] != base + q) return false;
    starts[q] = k - 1;
  }
  return true;
}

static bool try_keep_operand(Reducer *rd, uint32_t fi, uint32_t c, const uint32_t *starts, uint32_t q) {
  RProg cand;
  if (!begin_edit(rd, &cand)) return false;
  RFunc *f = &cand.funcs[fi];
  func_delete_range(f, starts[q + 1], c + 1);
  if (starts[q] > starts[0]) func_delete_range(f, starts[0], starts[q]);
  return try_prog(rd, &cand, "operation replaced by an operand");
}

/* How many operands one item of a variable-size operation takes (a list
 * item, a call argument, a dict entry), or 0 for other instructions. */
static uint32_t item_operands(const RInstr *in) {
  switch (in->op) {
  case OP_BUILD_LIST:
  case OP_BUILD_TUPLE:
  case OP_CALL: return in->arg > 0 ? 1 : 0;
  case OP_BUILD_MAP: return in->arg > 0 ? 2 : 0;
  default: return 0;
  }
}

/* Items [q, q + count) of a list, tuple or dict display, or arguments
 * [q, q + count) of a call, are dropped. starts: as operand_starts gives
 * them for the instruction at c, which pops p values. */
static bool try_drop_items(Reducer *rd, uint32_t fi, uint32_t c, const uint32_t *starts, uint32_t p, uint32_t q,
                           uint32_t count) {
  const RInstr *in = &rd->cur.funcs[fi].ins[c];
  uint32_t k = item_operands(in), items = in->arg;
  if (k == 0 || (uint64_t)k * items > p || q + count > items) return false;
  uint32_t base = p - k * items; /* the callee, for a call */
  uint32_t first = base + k * q, last = base + k * (q + count);
  RProg cand;
  if (!begin_edit(rd, &cand)) return false;
  RFunc *f = &cand.funcs[fi];
  f->ins[c].arg -= count;
  func_delete_range(f, starts[first], starts[last]);
  return try_prog(rd, &cand, count > 1 ? "items" : "item");
}

/* Delta debugging over the items of the operation at *c: chunks of half
 * the items, then a quarter, ..., then single items. *c follows the
 * instruction as operands before it go. */
static bool drop_items(Reducer *rd, uint32_t fi, uint32_t *c) {
  const RInstr *in = &rd->cur.funcs[fi].ins[*c];
  if (item_operands(in) == 0) return false;
  bool progress = false;
  for (uint32_t size = pow2_at_least((in->arg + 1) / 2); size >= 1 && !exhausted(rd); size /= 2) {
    for (uint32_t q = 0; !exhausted(rd);) {
      in = &rd->cur.funcs[fi].ins[*c];
      uint32_t p = (uint32_t)opcode_pops(in->op, in->arg), items = in->arg;
      if (q >= items) break;
      uint32_t count = items - q < size ? items - q : size;
      const int32_t *depth = current_depths(rd, fi);
      uint32_t *starts = malloc(((size_t)p + 1) * sizeof *starts);
      bool dropped = false;
      uint32_t gone = 0;
      if (depth && starts && operand_starts(depth, *c, p, starts)) {
        uint32_t base = p - item_operands(in) * items;
        gone = starts[base + item_operands(in) * (q + count)] - starts[base + item_operands(in) * q];
        dropped = try_drop_items(rd, fi, *c, starts, p, q, count);
      }
      free(starts);
      if (!dropped) {
        q += count;
        continue;
      }
      *c -= gone;
      progress = true;
    }
  }
  return progress;
}

static bool pass_operands(Reducer *rd) {
  bool progress = false;
  for (uint32_t fi = 0; fi < rd->cur.nfuncs && !exhausted(rd); fi++)
    for (uint32_t c = 0; c < rd->cur.funcs[fi].n && !exhausted(rd); c++) {
      if (drop_items(rd, fi, &c)) progress = true;
      const RInstr *in = &rd->cur.funcs[fi].ins[c];
      int64_t p = opcode_pops(in->op, in->arg);
      if (p < 2 || p > MAX_OPERANDS || opcode_pushes(in->op, in->arg) != 1 || is_jump(in->op)) continue;
      const int32_t *depth = current_depths(rd, fi);
      uint32_t starts[MAX_OPERANDS + 1];
      if (!depth || !operand_starts(depth, c, (uint32_t)p, starts)) continue;
      for (uint32_t q = (uint32_t)p; q-- > 0 && !exhausted(rd);)
        if (try_keep_operand(rd, fi, c, starts, q)) {
          progress = true;
          break;
        }
    }
  return progress;
}

/* ---- pass: values pushed, kept on the stack, then popped or stored ---- */

/* The POP_TOP (or store) at c takes a value made by instructions [s, e)
 * long before (e <= c): both go, and handlers in between whose depth
 * counted the value count one less. */
static bool try_drop_value(Reducer *rd, uint32_t fi, uint32_t s, uint32_t e, uint32_t c, int32_t depth_s) {
  RProg cand;
  if (!begin_edit(rd, &cand)) return false;
  RFunc *f = &cand.funcs[fi];
  for (uint32_t h = 0; h < f->nh; h++) {
    RHandler *r = &f->hs[h];
    if (r->start >= e && r->end <= c && (int64_t)r->depth > depth_s) r->depth--;
  }
  func_delete_range(f, c, c + 1);
  func_delete_range(f, s, e);
  return try_prog(rd, &cand, "value kept on the stack");
}

/* The end of the instructions that made the value in stack slot
 * depth[s] that the POP_TOP at c drops: one past the last instruction in
 * [s, c) that reached down to that slot. */
static uint32_t value_end(const RFunc *f, const int32_t *depth, uint32_t s, uint32_t c) {
  uint32_t end = s + 1;
  for (uint32_t k = s; k < c; k++)
    if ((int64_t)depth[k] - opcode_pops(f->ins[k].op, f->ins[k].arg) <= depth[s]) end = k + 1;
  return end;
}

static bool pass_dead_values(Reducer *rd) {
  bool progress = false;
  for (uint32_t fi = 0; fi < rd->cur.nfuncs && !exhausted(rd); fi++)
    for (uint32_t c = 0; c < rd->cur.funcs[fi].n && !exhausted(rd); c++) {
      int op = rd->cur.funcs[fi].ins[c].op;
      if (op != OP_POP_TOP && op != OP_STORE_FAST && op != OP_STORE_GLOBAL) continue;
      const int32_t *depth = current_depths(rd, fi);
      uint32_t starts[2];
      if (!depth || !operand_starts(depth, c, 1, starts) || c - starts[0] > SCAN_MAX) continue;
      uint32_t e = value_end(&rd->cur.funcs[fi], depth, starts[0], c);
      if (e >= c) continue; /* adjacent: the range pass deletes it */
      progress |= try_drop_value(rd, fi, starts[0], e, c, depth[starts[0]]);
    }
  return progress;
}

/* ---- pass: constants ---- */

/* Up to `max` simpler versions of c, simplest first, into out (owned by
 * the caller, const_free each). */
static uint32_t simpler_consts(const Const *c, Const *out, uint32_t max);

static bool push_const(Const *out, uint32_t *n, uint32_t max, Const c) {
  if (*n >= max) {
    const_free(&c);
    return false;
  }
  out[(*n)++] = c;
  return true;
}

/* The first `len` bytes of s, cut back to a UTF-8 character boundary. */
static uint32_t utf8_cut(const Bytes *s, uint32_t len) {
  while (len > 0 && len < s->len && ((unsigned char)s->data[len] & 0xC0) == 0x80) len--;
  return len;
}

static bool tuple_prefix(Const *dst, const Const *t, uint32_t len) {
  memset(dst, 0, sizeof *dst);
  dst->kind = CK_TUPLE;
  if (len == 0) return true;
  dst->as.t.items = calloc(len, sizeof(Const));
  if (!dst->as.t.items) return false;
  for (uint32_t i = 0; i < len; i++) {
    dst->as.t.len = i + 1;
    if (!const_copy(&dst->as.t.items[i], &t->as.t.items[i])) return false;
  }
  return true;
}

/* t without item k, or with item k replaced by r (when r is not NULL). */
static bool tuple_edit(Const *dst, const Const *t, uint32_t k, const Const *r) {
  memset(dst, 0, sizeof *dst);
  dst->kind = CK_TUPLE;
  uint32_t len = t->as.t.len - (r ? 0 : 1);
  if (len == 0) return true;
  dst->as.t.items = calloc(len, sizeof(Const));
  if (!dst->as.t.items) return false;
  for (uint32_t i = 0, o = 0; i < t->as.t.len; i++) {
    if (i == k && !r) continue;
    dst->as.t.len = o + 1;
    if (!const_copy(&dst->as.t.items[o++], i == k ? r : &t->as.t.items[i])) return false;
  }
  return true;
}

static void simpler_tuples(const Const *c, Const *out, uint32_t *n, uint32_t max) {
  uint32_t len = c->as.t.len;
  Const t;
  if (tuple_prefix(&t, c, 0)) push_const(out, n, max, t);
  else const_free(&t);
  if (*n >= max) return; /* nested tuples: never more work than asked for */
  if (len > 1) {
    if (tuple_prefix(&t, c, len / 2)) push_const(out, n, max, t);
    else const_free(&t);
  }
  for (uint32_t k = 0; len > 1 && k < len && k < TUPLE_ITEM_EDITS && *n < max; k++) {
    if (tuple_edit(&t, c, k, NULL)) push_const(out, n, max, t);
    else const_free(&t);
  }
  for (uint32_t k = 0; k < len && k < TUPLE_ITEM_EDITS && *n < max; k++) {
    Const item[1];
    if (simpler_consts(&c->as.t.items[k], item, 1) == 0) continue;
    if (tuple_edit(&t, c, k, &item[0])) push_const(out, n, max, t);
    else const_free(&t);
    const_free(&item[0]);
  }
}

static uint32_t simpler_consts(const Const *c, Const *out, uint32_t max) {
  uint32_t n = 0;
  switch ((ConstKind)c->kind) {
  case CK_INT: {
    int64_t v = c->as.i;
    if (v != 0) push_const(out, &n, max, (Const){.kind = CK_INT, .as.i = 0});
    if (v != 0 && v != 1) push_const(out, &n, max, (Const){.kind = CK_INT, .as.i = 1});
    if (v / 2 != 0 && v / 2 != 1) push_const(out, &n, max, (Const){.kind = CK_INT, .as.i = v / 2});
    break;
  }
  case CK_FLOAT: {
    double f = c->as.f;
    bool is_zero = f == 0.0 && !signbit(f);
    if (!is_zero) push_const(out, &n, max, (Const){.kind = CK_FLOAT, .as.f = 0.0});
    if (f != 1.0 && !is_zero) push_const(out, &n, max, (Const){.kind = CK_FLOAT, .as.f = 1.0});
    if (isfinite(f) && fabs(f) < 9007199254740992.0 && trunc(f) != f && trunc(f) != 0.0 && trunc(f) != 1.0)
      push_const(out, &n, max, (Const){.kind = CK_FLOAT, .as.f = trunc(f)});
    break;
  }
  case CK_STR: {
    const Bytes *s = &c->as.s;
    uint32_t cuts[2] = {0, s->len > 1 ? utf8_cut(s, s->len / 2) : 0};
    for (int k = 0; k < 2; k++) {
      if (s->len == 0 || (k == 1 && (cuts[1] == 0 || cuts[1] >= s->len))) continue;
      Const t = {.kind = CK_STR};
      if (bytes_set(&t.as.s, s->data, cuts[k])) push_const(out, &n, max, t);
    }
    break;
  }
  case CK_TUPLE:
    if (c->as.t.len > 0) simpler_tuples(c, out, &n, max);
    break;
  case CK_NONE:
  case CK_BOOL:
  case CK_COUNT: break;
  }
  return n;
}

static bool try_const_value(Reducer *rd, uint32_t fi, uint32_t k, const Const *value) {
  RProg cand;
  if (!begin_edit(rd, &cand)) return false;
  Const *slot = &cand.funcs[fi].hdr.consts[k];
  const_free(slot);
  if (!const_copy(slot, value)) {
    prog_free(&cand);
    rd->no_memory = true;
    return false;
  }
  return try_prog(rd, &cand, "constant");
}

enum { MAX_SIMPLER = 4 + 2 * TUPLE_ITEM_EDITS };

static bool simplify_const(Reducer *rd, uint32_t fi, uint32_t k) {
  bool progress = false;
  for (int step = 0; step < CONST_STEPS && !exhausted(rd); step++) {
    Const alts[MAX_SIMPLER];
    uint32_t n = simpler_consts(&rd->cur.funcs[fi].hdr.consts[k], alts, MAX_SIMPLER);
    bool accepted = false;
    for (uint32_t a = 0; a < n; a++) {
      if (!accepted && !exhausted(rd)) accepted = try_const_value(rd, fi, k, &alts[a]);
      const_free(&alts[a]);
    }
    if (!accepted) break;
    progress = true;
  }
  return progress;
}

static bool pass_constants(Reducer *rd) {
  bool progress = false;
  for (uint32_t fi = 0; fi < rd->cur.nfuncs && !exhausted(rd); fi++)
    for (uint32_t k = 0; k < rd->cur.funcs[fi].hdr.nconsts && !exhausted(rd); k++)
      progress |= simplify_const(rd, fi, k);
  return progress;
}

/* ---- pass: tables (unused or duplicate constants and names, unused locals) ---- */

typedef bool (*EntryEqual)(const void *table, uint32_t a, uint32_t b);

static bool const_entries_equal(const void *t, uint32_t a, uint32_t b) {
  return const_equal(&((const Const *)t)[a], &((const Const *)t)[b]);
}

static bool name_entries_equal(const void *t, uint32_t a, uint32_t b) {
  return bytes_equal(&((const Bytes *)t)[a], &((const Bytes *)t)[b]);
}

/* map[old] = new index of entry `old` in first-use order, equal entries
 * merged; returns the new count. kind selects the operands that use it. */
static uint32_t first_use_order(const RFunc *f, OperandKind kind, const void *table, uint32_t count, EntryEqual eq,
                                uint32_t *map, uint32_t *order) {
  uint32_t next = 0;
  for (uint32_t i = 0; i < count; i++) map[i] = NO_INDEX;
  for (uint32_t k = 0; k < f->n; k++) {
    const RInstr *in = &f->ins[k];
    if (opcode_info[in->op].operand != kind || in->arg >= count || map[in->arg] != NO_INDEX) continue;
    uint32_t same = NO_INDEX;
    for (uint32_t o = 0; o < next && same == NO_INDEX; o++)
      if (eq(table, order[o], in->arg)) same = o;
    if (same == NO_INDEX) {
      order[next] = in->arg;
      same = next++;
    }
    map[in->arg] = same;
  }
  return next;
}

static bool compact_consts(RFunc *f) {
  uint32_t n = f->hdr.nconsts;
  uint32_t *map = malloc((n ? n : 1) * sizeof *map), *order = malloc((n ? n : 1) * sizeof *order);
  Const *fresh = calloc(n ? n : 1, sizeof *fresh);
  bool ok = map && order && fresh;
  uint32_t m = ok ? first_use_order(f, OPK_CONST, f->hdr.consts, n, const_entries_equal, map, order) : 0;
  for (uint32_t i = 0; ok && i < m; i++) ok = const_copy(&fresh[i], &f->hdr.consts[order[i]]);
  if (ok) {
    for (uint32_t k = 0; k < f->n; k++)
      if (opcode_info[f->ins[k].op].operand == OPK_CONST) f->ins[k].arg = map[f->ins[k].arg];
    for (uint32_t i = 0; i < n; i++) const_free(&f->hdr.consts[i]);
    free(f->hdr.consts);
    f->hdr.consts = fresh;
    f->hdr.nconsts = m;
    fresh = NULL;
  }
  for (uint32_t i = 0; fresh && i < n; i++) const_free(&fresh[i]);
  free(fresh);
  free(map);
  free(order);
  return ok;
}

static bool compact_names(RFunc *f) {
  uint32_t n = f->hdr.nnames;
  uint32_t *map = malloc((n ? n : 1) * sizeof *map), *order = malloc((n ? n : 1) * sizeof *order);
  Bytes *fresh = calloc(n ? n : 1, sizeof *fresh);
  bool ok = map && order && fresh;
  uint32_t m = ok ? first_use_order(f, OPK_NAME, f->hdr.names, n, name_entries_equal, map, order) : 0;
  for (uint32_t i = 0; ok && i < m; i++)
    ok = bytes_set(&fresh[i], f->hdr.names[order[i]].data ? f->hdr.names[order[i]].data : "",
                   f->hdr.names[order[i]].len);
  if (ok) {
    for (uint32_t k = 0; k < f->n; k++)
      if (opcode_info[f->ins[k].op].operand == OPK_NAME) f->ins[k].arg = map[f->ins[k].arg];
    for (uint32_t i = 0; i < n; i++) free(f->hdr.names[i].data);
    free(f->hdr.names);
    f->hdr.names = fresh;
    f->hdr.nnames = m;
    fresh = NULL;
  }
  for (uint32_t i = 0; fresh && i < n; i++) free(fresh[i].data);
  free(fresh);
  free(map);
  free(order);
  return ok;
}

/* Locals past the parameters that no instruction uses are dropped (the
 * others keep their order and names). */
static bool compact_locals(RFunc *f) {
  uint32_t n = f->hdr.nlocals;
  uint32_t *map = malloc((n ? n : 1) * sizeof *map);
  if (!map) return false;
  for (uint32_t i = 0; i < n; i++) map[i] = i < f->hdr.arity ? 0 : NO_INDEX;
  for (uint32_t k = 0; k < f->n; k++)
    if (opcode_info[f->ins[k].op].operand == OPK_LOCAL && f->ins[k].arg < n) map[f->ins[k].arg] = 0;
  uint32_t m = 0;
  for (uint32_t i = 0; i < n; i++) {
    if (map[i] == NO_INDEX) {
      free(f->hdr.local_names[i].data);
      continue;
    }
    map[i] = m;
    f->hdr.local_names[m++] = f->hdr.local_names[i];
  }
  for (uint32_t k = 0; k < f->n; k++)
    if (opcode_info[f->ins[k].op].operand == OPK_LOCAL && f->ins[k].arg < n) f->ins[k].arg = map[f->ins[k].arg];
  f->hdr.nlocals = m;
  free(map);
  return true;
}

static bool pass_tables(Reducer *rd) {
  RProg cand;
  if (!begin_edit(rd, &cand)) return false;
  bool ok = true;
  for (uint32_t fi = 0; ok && fi < cand.nfuncs; fi++)
    ok = compact_consts(&cand.funcs[fi]) && compact_names(&cand.funcs[fi]) && compact_locals(&cand.funcs[fi]);
  if (!ok) {
    prog_free(&cand);
    rd->no_memory = true;
    return false;
  }
  return try_prog(rd, &cand, "tables");
}

/* ------------------------------------------------------------ driver */

typedef bool (*Pass)(Reducer *rd);

static bool reduce_round(Reducer *rd) {
  static const Pass passes[] = {pass_unreachable, pass_functions,   pass_handlers,    pass_ranges, pass_branches,
                                pass_operands,    pass_dead_values, pass_expressions, pass_tables, pass_constants};
  bool progress = false;
  for (size_t i = 0; i < sizeof passes / sizeof passes[0] && !exhausted(rd); i++) progress |= passes[i](rd);
  return progress;
}

uint32_t reduce_count_instructions(const Module *m) {
  uint32_t n = 0;
  for (uint32_t i = 0; m && i < m->nfuncs; i++) {
    Instr in;
    for (uint32_t off = 0; off < m->funcs[i].code_len; off += in.size ? in.size : 1) {
      instr_decode(&m->funcs[i], off, &in);
      n++;
    }
  }
  return n;
}

const char *reduce_status_name(ReduceStatus s) {
  switch (s) {
  case REDUCE_OK: return "ok";
  case REDUCE_NOT_INTERESTING: return "the input does not satisfy the predicate";
  case REDUCE_INVALID_INPUT: return "the input fails verification";
  case REDUCE_NO_MEMORY: return "out of memory";
  }
  return "?";
}

/* The current program as an owned module. */
static Module *current_module(Reducer *rd) {
  Module view;
  if (!prog_view(&rd->cur, rd->filename, &view)) return NULL;
  Module *m = module_clone(&view, rd->filename);
  view_free(&view);
  return m;
}

static ReduceStatus reduce_loop(Reducer *rd, const Module *m, Module **out) {
  if (!prog_decode(m, &rd->cur)) return REDUCE_NO_MEMORY;
  /* The index form re-encoded (exact max_stack, canonical line table) must
   * itself still be interesting; if not, the input is the answer. */
  Module view;
  bool usable = prog_view(&rd->cur, rd->filename, &view);
  if (usable) {
    seen_before(rd, view_hash(&view));
    rd->stats->tests++;
    usable = rd->interesting(&view, rd->ctx);
    view_free(&view);
  }
  if (usable)
    while (!exhausted(rd) && reduce_round(rd)) rd->stats->rounds++;
  *out = usable ? current_module(rd) : module_clone(m, rd->filename);
  if (!*out) return REDUCE_NO_MEMORY;
  return REDUCE_OK;
}

ReduceStatus reduce_module(const Module *m, ReducePredicate interesting, void *ctx, const ReduceOptions *opt,
                           Module **out, ReduceStats *stats) {
  ReduceStats local;
  if (!stats) stats = &local;
  memset(stats, 0, sizeof *stats);
  *out = NULL;
  stats->instrs_before = stats->instrs_after = reduce_count_instructions(m);
  stats->funcs_before = stats->funcs_after = m ? m->nfuncs : 0;
  if (!m || !verify_module(m, NULL)) return REDUCE_INVALID_INPUT;
  Reducer rd = {.interesting = interesting, .ctx = ctx, .filename = m->filename ? m->filename : "<reduced>",
                .stats = stats};
  if (opt) rd.opt = *opt;
  if (rd.opt.max_tests == 0) rd.opt.max_tests = REDUCE_DEFAULT_MAX_TESTS;
  clock_gettime(CLOCK_MONOTONIC, &rd.started);
  stats->tests = 1;
  if (!interesting(m, ctx)) return REDUCE_NOT_INTERESTING;
  ReduceStatus st = reduce_loop(&rd, m, out);
  prog_free(&rd.cur);
  free(rd.depths);
  free(rd.seen);
  if (*out) {
    stats->instrs_after = reduce_count_instructions(*out);
    stats->funcs_after = (*out)->nfuncs;
  }
  return st;
}

/* ------------------------------------------------------------ signatures */

void reduce_signature_base(const char *signature, char *out, size_t outsz) {
  if (outsz == 0) return;
  const char *colon = strchr(signature ? signature : "", ':');
  const char *second = colon ? strchr(colon + 1, ':') : NULL;
  size_t len = second ? (size_t)(second - signature) : strlen(signature ? signature : "");
  if (len >= outsz) len = outsz - 1;
  if (len) memcpy(out, signature, len);
  out[len] = '\0';
}

void reduce_signature_init(ReduceSignature *s, const OracleOptions *opts, const char *signature) {
  memset(s, 0, sizeof *s);
  s->opts = *opts;
  reduce_signature_base(signature, s->signature, sizeof s->signature);
  s->isolate = true;
  s->timeout_seconds = 60;
  oracle_result_init(&s->result);
}

void reduce_signature_free(ReduceSignature *s) { oracle_result_free(&s->result); }

bool reduce_signature_predicate(const Module *m, void *ctx) {
  ReduceSignature *s = ctx;
  LockstepChild child = {.isolate = s->isolate, .timeout_seconds = s->timeout_seconds, .quiet = true};
  if (lockstep_oracle_run(&s->result, m, &s->opts, &child) != ORACLE_DIVERGED) return false;
  char base[ORACLE_SIGNATURE_MAX];
  reduce_signature_base(s->result.signature, base, sizeof base);
  return strcmp(base, s->signature) == 0;
}
