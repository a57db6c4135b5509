/* Copy-and-patch (jit/codegen.h): a trace's machine code is the entry
 * stencil, each uop's stencil in order and the exit stencil, copied from
 * the generated header into one mapping of its own and patched with this
 * trace's values. Layout of the mapping (docs/jit-stencils.md):
 *
 *   [entry][uop 0]...[uop n-1][exit] pad [trampolines] [data of each piece]
 *
 * Each stencil's trailing jump to its continuation was stripped at build
 * time, so one uop falls through into the next. The mapping is read+write
 * while it is filled and read+execute afterwards; never both. A freed
 * trace's mapping goes back to read+write at once and is kept for the next
 * trace of the same size (the mapping cache below). */
#include "jit/codegen.h"

#include <elf.h>
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "jit/elf_stencil.h"
#include "jit/stencils.h"

enum {
  TRAMPOLINE_SIZE = 16, /* jmp *0(%rip); .quad address; two int3 */
  TRAMPOLINE_ALIGN = 16,
  INT3 = 0xCC, /* fills padding: a stray jump there traps */
};
/* No trace comes near this; it bounds every offset computed below. */
#define CODEGEN_MAX_BYTES ((size_t)1 << 30)

/* A trace's pieces in code order: 0 is the entry, 1..nuops the uops,
 * nuops + 1 the exit. Stencils by id: each uop's own (its UopId), then the
 * entry's and the exit's. */
enum { STENCIL_ENTRY = UOP_COUNT, STENCIL_EXIT, STENCIL_COUNT };

static size_t align_up(size_t n, size_t align) { return (n + align - 1) & ~(align - 1); }

/* ------------------------------------------------ what each stencil needs */

/* A set of symbol indexes (always at least one word). */
enum { SYMBOL_WORDS = JIT_STENCIL_NSYMBOLS / 64 + 1 };
typedef struct SymbolSet {
  uint64_t bits[SYMBOL_WORDS];
} SymbolSet;

/* What sizing needs of a stencil, worked out once per process from the
 * constant tables (on the first compile; not thread-safe, like the mapping
 * cache below), so that sizing a trace makes no pass over its holes. */
typedef struct StencilInfo {
  const Stencil *stencil;
  SymbolSet calls;     /* the functions its HOLE_SYMBOL holes name */
  uint32_t bad_symbol; /* 1 + the first symbol index out of the table a hole names, or 0 */
} StencilInfo;

static StencilInfo stencil_info[STENCIL_COUNT];
static bool stencil_info_ready;

static void gather_stencil_info(void) {
  if (stencil_info_ready) return;
  for (uint32_t id = 0; id < STENCIL_COUNT; id++) {
    StencilInfo *info = &stencil_info[id];
    const Stencil *s = id == STENCIL_ENTRY ? &jit_stencil_entry : id == STENCIL_EXIT ? &jit_stencil_exit : &jit_stencils[id];
    info->stencil = s;
    for (uint32_t h = 0; h < s->nholes; h++) {
      const StencilHole *hole = &s->holes[h];
      if (hole->value != HOLE_SYMBOL) continue;
      if (hole->symbol >= JIT_STENCIL_NSYMBOLS) {
        if (!info->bad_symbol) info->bad_symbol = (uint32_t)hole->symbol + 1;
        continue;
      }
      info->calls.bits[hole->symbol / 64] |= (uint64_t)1 << (hole->symbol % 64);
    }
  }
  stencil_info_ready = true;
}

/* ----------------------------------------------------------------- sizing */

typedef struct Layout {
  size_t first_uop;  /* code offset of uop 0 (the exit when there are none) */
  size_t exit;       /* code offset of the exit stencil */
  size_t code_end;   /* end of the exit stencil's code */
  size_t tramp;      /* offset of the first trampoline */
  size_t data;       /* offset of the first piece's data */
  size_t used;       /* bytes in use */
  uint32_t ntramps;
  bool has_data;     /* some piece has data */
  SymbolSet called;  /* the symbols the trace calls: one trampoline each */
  int32_t tramp_slot[JIT_STENCIL_NSYMBOLS + 1]; /* per called symbol: trampoline index */
} Layout;

static bool check_uops(const Executor *e, StrBuf *err) {
  if (e->nuops > 0 && e->uops == NULL) {
    strbuf_printf(err, "jit: executor has %" PRIu32 " uops but no uop array\n", e->nuops);
    return false;
  }
  for (uint32_t i = 0; i < e->nuops; i++)
    if (e->uops[i].uop >= UOP_COUNT) {
      strbuf_printf(err, "jit: uop %" PRIu32 " of the trace has unknown id %u\n", i, (unsigned)e->uops[i].uop);
      return false;
    }
  return true;
}

static bool too_large(const Executor *e, StrBuf *err) {
  strbuf_printf(err, "jit: trace of %" PRIu32 " uops is too large to compile\n", e->nuops);
  return false;
}

/* Places the code of the next piece, stencil `id`, at l->code_end. */
static bool layout_piece(const Executor *e, Layout *l, uint32_t id, StrBuf *err) {
  const StencilInfo *info = &stencil_info[id];
  l->code_end += info->stencil->code_size;
  if (info->bad_symbol) {
    strbuf_printf(err, "jit: stencil hole names symbol %u of %u\n", (unsigned)info->bad_symbol - 1,
                  (unsigned)JIT_STENCIL_NSYMBOLS);
    return false;
  }
  for (uint32_t w = 0; w < SYMBOL_WORDS; w++) l->called.bits[w] |= info->calls.bits[w];
  l->has_data |= info->stencil->data_size != 0;
  return l->code_end <= CODEGEN_MAX_BYTES || too_large(e, err);
}

/* Sizes everything; gives each external symbol the trace calls a
 * trampoline slot (used only if the symbol is out of rel32 range), in
 * symbol order. */
static bool layout_trace(const Executor *e, Layout *l, StrBuf *err) {
  gather_stencil_info();
  memset(l, 0, sizeof *l);
  if (!layout_piece(e, l, STENCIL_ENTRY, err)) return false;
  l->first_uop = l->code_end;
  for (uint32_t i = 0; i < e->nuops; i++)
    if (!layout_piece(e, l, e->uops[i].uop, err)) return false;
  l->exit = l->code_end;
  if (!layout_piece(e, l, STENCIL_EXIT, err)) return false;
  for (uint32_t w = 0; w < SYMBOL_WORDS; w++)
    for (uint64_t bits = l->called.bits[w]; bits; bits &= bits - 1)
      l->tramp_slot[w * 64 + (uint32_t)__builtin_ctzll(bits)] = (int32_t)l->ntramps++;
  l->tramp = align_up(l->code_end, TRAMPOLINE_ALIGN);
  size_t off = l->data = l->tramp + (size_t)l->ntramps * TRAMPOLINE_SIZE;
  if (l->has_data) { /* few stencils have data */
    for (uint32_t k = 0; k < e->nuops + 2 && off <= CODEGEN_MAX_BYTES; k++) {
      uint32_t id = k == 0 ? STENCIL_ENTRY : k == e->nuops + 1 ? STENCIL_EXIT : e->uops[k - 1].uop;
      const Stencil *s = stencil_info[id].stencil;
      if (s->data_size) off = align_up(off, s->data_align) + s->data_size;
    }
  }
  l->used = off;
  return off <= CODEGEN_MAX_BYTES || too_large(e, err);
}

/* ------------------------------------------------------------- patching */

typedef struct Patcher {
  uint8_t *base;
  const Layout *layout;
  const Executor *e;
  StrBuf *err;
  size_t code; /* where the next piece's code goes */
  size_t data; /* where the next piece's data goes (before its alignment) */
} Patcher;

static bool patch_failed(Patcher *p, uint32_t k, const StencilHole *h, const char *why) {
  const char *piece = k == 0 ? "entry" : k == p->e->nuops + 1 ? "exit" : uop_info[p->e->uops[k - 1].uop].name;
  strbuf_printf(p->err, "jit: cannot patch hole %s (%s+0x%x) of %s (piece %" PRIu32 "): %s\n",
                stencil_hole_value_name(h->value), h->in_data ? "data" : "code", h->offset, piece, k, why);
  return false;
}

/* value + addend - site as a rel32, if it fits. Unsigned arithmetic: any
 * wrap is caught by the range check, never undefined. */
static bool rel32(uint64_t value, int64_t addend, const uint8_t *site, int32_t *out) {
  uint64_t target = value + (uint64_t)addend;
  int64_t delta = (int64_t)(target - (uint64_t)(uintptr_t)site);
  if (delta < INT32_MIN || delta > INT32_MAX) return false;
  *out = (int32_t)delta;
  return true;
}

/* Patches the holes of piece k, whose code was copied to offset `code` of
 * the mapping and its data to `data`. Everything the loop needs is first
 * read into locals: the patched bytes are stored through a byte pointer,
 * which the compiler must otherwise assume may change any memory, reloading
 * it all after every hole. */
static bool patch_piece(Patcher *p, uint32_t k, const Stencil *s, size_t code, size_t data) {
  const Executor *e = p->e;
  const UopInstr *in = k >= 1 && k <= e->nuops ? &e->uops[k - 1] : NULL;
  uint8_t *code_at = p->base + code, *data_at = p->base + data;
  uint8_t *tramps = p->base + p->layout->tramp;
  uint64_t base = (uint64_t)(uintptr_t)p->base;
  /* What each kind of hole but HOLE_SYMBOL refers to, before its addend. */
  const uint64_t value_of[HOLE_SYMBOL] = {
      [HOLE_OPARG] = in ? in->oparg : 0,
      [HOLE_OPERAND] = in ? in->operand : 0,
      [HOLE_TARGET] = in ? in->target : 0,
      [HOLE_EXIT_INDEX] = in ? in->exit_index : 0,
      [HOLE_CONTINUE] = base + code + s->code_size,
      [HOLE_EXIT] = base + p->layout->exit,
      [HOLE_TOP] = base + p->layout->first_uop,
      [HOLE_DATA] = base + data,
  };
  bool is_exit = k == e->nuops + 1; /* the exit stencil has no continuation */
  const StencilHole *holes = s->holes;
  uint32_t nholes = s->nholes;
  for (uint32_t i = 0; i < nholes; i++) {
    const StencilHole *h = &holes[i];
    uint8_t *site = (h->in_data ? data_at : code_at) + h->offset;
    uint64_t value;
    if (h->value < HOLE_SYMBOL) {
      if (h->value == HOLE_CONTINUE && is_exit) return patch_failed(p, k, h, "the exit stencil has no continuation");
      value = value_of[h->value];
    } else if (h->value == HOLE_SYMBOL) {
      value = (uint64_t)(uintptr_t)jit_stencil_symbols[h->symbol].address; /* in range: checked by layout_trace */
    } else {
      return patch_failed(p, k, h, "unknown hole kind");
    }
    if (h->kind == R_X86_64_64) {
      uint64_t patched = value + (uint64_t)h->addend;
      memcpy(site, &patched, sizeof patched);
      continue;
    }
    if (h->kind != R_X86_64_PC32 && h->kind != R_X86_64_PLT32) return patch_failed(p, k, h, "unknown relocation kind");
    int32_t rel;
    if (!rel32(value, h->addend, site, &rel)) {
      /* A call or jump (PLT32) to a VM function beyond ±2 GiB goes through
       * the symbol's trampoline, which is inside this mapping. A PC32 might
       * be a data access, where a trampoline would be wrong. */
      if (h->value != HOLE_SYMBOL || h->kind != R_X86_64_PLT32)
        return patch_failed(p, k, h, "target out of rel32 range");
      uint8_t *tramp = tramps + (size_t)p->layout->tramp_slot[h->symbol] * TRAMPOLINE_SIZE;
      if (!rel32((uint64_t)(uintptr_t)tramp, h->addend, site, &rel))
        return patch_failed(p, k, h, "trampoline out of rel32 range");
    }
    memcpy(site, &rel, sizeof rel);
  }
  return true;
}

/* Copies piece k (stencil `id`) to p->code, its data to p->data (aligned;
 * the padding gets int3), and patches its holes. */
static bool copy_piece(Patcher *p, uint32_t k, uint32_t id) {
  const Stencil *s = stencil_info[id].stencil;
  size_t code = p->code, data = p->data;
  if (s->data_size) {
    size_t aligned = align_up(data, s->data_align);
    memset(p->base + data, INT3, aligned - data);
    data = aligned;
    memcpy(p->base + data, s->data, s->data_size);
    p->data = data + s->data_size;
  }
  if (s->code_size) memcpy(p->base + code, s->code, s->code_size); /* NOP has none */
  p->code = code + s->code_size;
  return s->nholes == 0 || patch_piece(p, k, s, code, data);
}

static void write_trampolines(Patcher *p) {
  static const uint8_t jmp_rip[6] = {0xFF, 0x25, 0x00, 0x00, 0x00, 0x00}; /* jmp *0(%rip) */
  uint8_t *t = p->base + p->layout->tramp;
  for (uint32_t w = 0; w < SYMBOL_WORDS; w++)
    for (uint64_t bits = p->layout->called.bits[w]; bits; bits &= bits - 1, t += TRAMPOLINE_SIZE) {
      uint32_t sym = w * 64 + (uint32_t)__builtin_ctzll(bits);
      uint64_t addr = (uint64_t)(uintptr_t)jit_stencil_symbols[sym].address;
      memcpy(t, jmp_rip, sizeof jmp_rip);
      memcpy(t + 6, &addr, sizeof addr);
      t[14] = t[15] = INT3; /* never reached */
    }
}

/* Copies every piece and patches its holes; the padding before the
 * trampolines gets int3 too. */
static bool copy_and_patch(Patcher *p) {
  const Executor *e = p->e;
  p->code = 0;
  p->data = p->layout->data;
  if (!copy_piece(p, 0, STENCIL_ENTRY)) return false;
  for (uint32_t i = 0; i < e->nuops; i++)
    if (!copy_piece(p, i + 1, e->uops[i].uop)) return false;
  if (!copy_piece(p, e->nuops + 1, STENCIL_EXIT)) return false;
  memset(p->base + p->code, INT3, p->layout->tramp - p->code);
  write_trampolines(p);
  return true;
}

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* ------------------------------------------------------------- mappings */

static size_t page_size(void) {
  static size_t cached;
  if (cached == 0) {
    long page = sysconf(_SC_PAGESIZE);
    cached = page > 0 ? (size_t)page : 4096;
  }
  return cached;
}

/* A trace's pages sit between two PROT_NONE guard pages, so that they are a
 * region (VMA) of their own: next to another mapping with the same
 * protection the kernel would merge them, and every mprotect would split
 * and re-merge regions (about a third dearer per call, measured). Returns
 * `size` bytes read+write, or NULL (errno set). */
static void *map_trace_pages(size_t size) {
  size_t page = page_size();
  uint8_t *guarded = mmap(NULL, size + 2 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (guarded == MAP_FAILED) return NULL;
  if (mprotect(guarded + page, size, PROT_READ | PROT_WRITE) != 0) {
    int saved = errno;
    munmap(guarded, size + 2 * page);
    errno = saved;
    return NULL;
  }
  return guarded + page;
}

static void unmap_trace_pages(void *base, size_t size) {
  size_t page = page_size();
  munmap((uint8_t *)base - page, size + 2 * page);
}

/* ----------------------------------------------------- the mapping cache */

/* A fresh mapping per trace costs mmap, munmap and a page fault per page on
 * first write; a fuzz worker compiles and frees thousands of traces, each VM
 * freeing all of its own at its end. So codegen_free keeps a trace's mapping
 * for the next trace of exactly the same size, after making it read+write:
 * not executable, so the freed code can no longer run. Before the mapping
 * is executable again every byte the freed trace used is overwritten, by
 * the new trace or by int3 (padding, and the tail beyond the new trace).
 * Bounded: at most CODE_CACHE_SLOTS mappings and CODE_CACHE_MAX_BYTES in
 * all; a mapping that does not fit is unmapped. Process-wide and not
 * thread-safe: VMs run on one thread (campaigns fork). */
enum { CODE_CACHE_SLOTS = 64 };
#define CODE_CACHE_MAX_BYTES ((size_t)1 << 20)

typedef struct CachedMapping {
  void *base;
  size_t size;
  size_t dirty; /* bytes the freed trace used: they still hold its code and data */
} CachedMapping;

static CachedMapping code_cache[CODE_CACHE_SLOTS];
static size_t code_cache_len;
static size_t code_cache_bytes;

/* A cached mapping of exactly `size` bytes, read+write, with every byte
 * from `used` on int3 or zero; or NULL. The most recently freed first: its
 * pages are the likeliest to be in the CPU's caches. */
static void *take_cached_mapping(size_t size, size_t used) {
  for (size_t i = code_cache_len; i-- > 0;) {
    if (code_cache[i].size != size) continue;
    CachedMapping m = code_cache[i];
    code_cache[i] = code_cache[--code_cache_len];
    code_cache_bytes -= size;
    if (m.dirty > used) memset((uint8_t *)m.base + used, INT3, m.dirty - used);
    return m.base;
  }
  return NULL;
}

/* Takes a trace's mapping out of use: into the cache, or unmapped. Either
 * way nothing in it is executable any more. */
static void release_mapping(void *base, size_t size, size_t used) {
  if (code_cache_len < CODE_CACHE_SLOTS && size <= CODE_CACHE_MAX_BYTES - code_cache_bytes &&
      mprotect(base, size, PROT_READ | PROT_WRITE) == 0) {
    code_cache[code_cache_len++] = (CachedMapping){base, size, used};
    code_cache_bytes += size;
    return;
  }
  unmap_trace_pages(base, size);
}

void codegen_release_cache(void) {
  while (code_cache_len > 0) {
    CachedMapping *m = &code_cache[--code_cache_len];
    unmap_trace_pages(m->base, m->size);
  }
  code_cache_bytes = 0;
}

/* A read+write mapping of `size` bytes for a trace of `used` bytes, or NULL
 * (errno set). */
static void *acquire_mapping(size_t size, size_t used) {
  void *mem = take_cached_mapping(size, used);
  return mem ? mem : map_trace_pages(size);
}

bool codegen_compile(Executor *e, StrBuf *err) {
  codegen_free(e);
  Layout layout;
  if (!check_uops(e, err) || !layout_trace(e, &layout, err)) return false;
  size_t size = align_up(layout.used, page_size());
  void *mem = acquire_mapping(size, layout.used);
  if (!mem) {
    strbuf_printf(err, "jit: cannot map %zu bytes for a trace: %s\n", size, strerror(errno));
    return false;
  }
  Patcher p = {.base = mem, .layout = &layout, .e = e, .err = err};
  /* compile_ns covers copying and patching only: sizing is a few additions
   * per uop, and mmap/mprotect are system calls whose cost is the kernel's. */
  double start = now_ns();
  bool ok = copy_and_patch(&p);
  double elapsed = now_ns() - start;
  if (ok && mprotect(mem, size, PROT_READ | PROT_EXEC) != 0) {
    strbuf_printf(err, "jit: cannot make a trace executable: %s\n", strerror(errno));
    ok = false;
  }
  if (!ok) {
    unmap_trace_pages(mem, size);
    return false;
  }
  e->code = mem;
  e->code_size = size;
  e->code_used = layout.used;
  /* Through an integer: ISO C has no object-to-function pointer cast. */
  e->entry = (JitEntryFn)(uintptr_t)mem;
  e->compile_ns = elapsed;
  return true;
}

void codegen_free(Executor *e) {
  if (e->code) release_mapping(e->code, e->code_size, e->code_used);
  e->code = NULL;
  e->code_size = 0;
  e->code_used = 0;
  e->entry = NULL;
}

bool codegen_describe(const Executor *e, StrBuf *out) {
  StrBuf ignored;
  strbuf_init(&ignored);
  bool ok = check_uops(e, &ignored);
  strbuf_free(&ignored);
  if (!ok) return false;
  size_t off = jit_stencil_entry.code_size;
  for (uint32_t i = 0; i < e->nuops; i++) {
    const UopInstr *in = &e->uops[i];
    uint32_t size = jit_stencils[in->uop].code_size;
    strbuf_printf(out, "  0x%04zx %4" PRIu32 "  %-24s oparg=%" PRIu32 " operand=%" PRIu64 " target=%" PRIu32 "\n", off, size,
                  uop_info[in->uop].name, in->oparg, in->operand, in->target);
    off += size;
  }
  return !out->oom;
}
