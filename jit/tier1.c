/* The tier-1 engine: the interpreter loop of vm/interp_loop.h with
 * back-edge counters, trace recording and entry into executors, for the
 * engines `uops` (traces on the uop interpreter) and `jit` (traces as
 * machine code). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jit/codegen.h"
#include "jit/executor_new.h"
#include "jit/record.h"
#include "jit/tier2.h"
#include "jit/uop_interp.h"
#include "vm/builtins.h"
#include "vm/dict.h"
#include "vm/exc.h"
#include "vm/heap.h"
#include "vm/interp.h"
#include "vm/interp_support.h"
#include "vm/iter.h"
#include "vm/list.h"
#include "vm/opcodes.h"
#include "vm/ops.h"
#include "vm/str.h"

typedef struct Tier2 {
  Tier2Config config;
  Tier2Stats *stats;
  uint32_t nfuncs;
  uint32_t **counters;   /* per code, per offset: back-edges seen to that loop head */
  uint8_t **backoff;     /* per code, per offset: failed or invalidated attempts */
  Executor ***heads;     /* per code, per offset: the valid executor starting there */
  Executor *all;         /* every live executor */
  Executor *running;     /* the one executing now, if any (freed only after it returns) */
  uint32_t dependents;   /* executors among them that depend on globals */
  Recorder rec;
  Executor *stitch_from;  /* the recording in progress started at a hot exit of this executor ... */
  uint32_t stitch_exit;   /* ... this one */
  double *samples;       /* compile time per uop of each trace, for the median */
  size_t nsamples, cap_samples;
} Tier2;

static Tier2 *tier2_of(VM *vm) { return (Tier2 *)vm->tier2; }

/* Per-code tables are made the first time a loop of that code gets hot. */
static bool tier2_code_tables(Tier2 *t, const Code *code, uint32_t ci) {
  if (t->counters[ci]) return true;
  t->counters[ci] = calloc(code->code_len, sizeof(uint32_t));
  t->backoff[ci] = calloc(code->code_len, 1);
  t->heads[ci] = calloc(code->code_len, sizeof(Executor *));
  return t->counters[ci] && t->backoff[ci] && t->heads[ci];
}

/* Frees an executor no longer reachable from a loop head, first removing
 * every link to it from other executors' exits. */
static void tier2_free_executor(Tier2 *t, Executor *e) {
  for (Executor **p = &t->all; *p;) {
    Executor *x = *p;
    if (x == e) {
      *p = e->next;
      continue;
    }
    for (uint32_t i = 0; i < x->nexits; i++)
      if (x->links[i] == e) x->links[i] = NULL;
    p = &x->next;
  }
  if (t->stitch_from == e) {
    /* A recording is under way from one of e's exits: with e gone it has no
     * exit to be linked to, and it did not start at a loop head (whose
     * tables may not even exist), so it cannot be installed: give it up. */
    t->stitch_from = NULL;
    if (t->rec.active) {
      t->rec.active = false;
      t->stats->aborted++;
    }
  }
  if (e->ndeps) t->dependents--;
  executor_free(e);
}

static void tier2_note_failure(Tier2 *t, uint32_t ci, uint32_t start) {
  t->counters[ci][start] = 0;
  if (t->backoff[ci][start] < 16) t->backoff[ci][start]++;
}

/* A recording that failed: back off before trying again from the same loop
 * head or exit. */
static void tier2_note_recording_failure(Tier2 *t) {
  Executor *from = t->stitch_from;
  if (!from) {
    tier2_note_failure(t, t->rec.code_index, t->rec.start);
    return;
  }
  from->exit_counts[t->stitch_exit] = 0;
  if (from->exit_backoff[t->stitch_exit] < 16) from->exit_backoff[t->stitch_exit]++;
  t->stitch_from = NULL;
}

static void tier2_describe(const Tier2 *t, VM *vm, const Executor *e) {
  StrBuf *out = t->config.dump;
  const Code *code = &vm->module->funcs[e->code_index];
  strbuf_printf(out, "trace %llu: %s at offset %u, %u uops, %u exits%s\n", (unsigned long long)t->stats->traces,
                code->name.data, e->start, e->nuops, e->nexits, e->ndeps ? ", depends on globals:" : "");
  for (uint32_t i = 0; i < e->ndeps; i++) strbuf_printf(out, " %s%s", e->deps[i], i + 1 == e->ndeps ? "\n" : "");
  if (e->code) {
    codegen_describe(e, out);
  } else {
    for (uint32_t i = 0; i < e->nuops; i++) {
      const UopInstr *u = &e->uops[i];
      strbuf_printf(out, "  %3u %-26s oparg=%u operand=%llu target=%u\n", i, uop_info[u->uop].name, u->oparg,
                    (unsigned long long)u->operand, u->target);
    }
  }
}

static void tier2_install(Tier2 *t, VM *vm) {
  Recorder *r = &t->rec;
  t->stats->recorded++; /* from here on uops and jit differ (oracle twins, docs/oracle.md) */
  Executor *e = executor_new(r);
  if (!e) {
    tier2_note_recording_failure(t);
    return;
  }
  if (t->config.mode == TIER2_JIT) {
    StrBuf err;
    strbuf_init(&err);
    if (!codegen_compile(e, &err)) {
      fprintf(stderr, "lockstep: jit: %s\n", err.data ? err.data : "cannot compile a trace");
      strbuf_free(&err);
      executor_free(e);
      tier2_note_recording_failure(t);
      return;
    }
    strbuf_free(&err);
    t->stats->code_bytes += e->code_size;
    t->stats->compile_ns_total += e->compile_ns;
    if (t->nsamples == t->cap_samples) {
      size_t cap = t->cap_samples ? 2 * t->cap_samples : 64;
      double *p = realloc(t->samples, cap * sizeof(double));
      if (p) {
        t->samples = p;
        t->cap_samples = cap;
      }
    }
    if (t->nsamples < t->cap_samples) t->samples[t->nsamples++] = e->compile_ns / e->nuops;
  }
  e->next = t->all;
  t->all = e;
  e->id = (uint32_t)t->stats->traces + 1;
  if (e->ndeps) t->dependents++;
  if (t->stitch_from) { /* a trace from a hot exit: that exit now continues here */
    t->stitch_from->links[t->stitch_exit] = e;
    t->stitch_from = NULL;
  } else {
    t->heads[r->code_index][r->start] = e;
  }
  t->stats->traces++;
  t->stats->uops += e->nuops;
  for (uint32_t i = 0; i < e->nuops; i++) t->stats->uop_compiled[e->uops[i].uop]++;
  if (t->config.dump) tier2_describe(t, vm, e);
}

/* Before tier 1 executes the instruction at ip while a recording is on. */
static void tier2_record(VM *vm, Frame *f, uint32_t ip) {
  Tier2 *t = tier2_of(vm);
  switch (record_instruction(&t->rec, vm, f, ip)) {
  case RECORD_CONTINUE: break;
  case RECORD_DONE: tier2_install(t, vm); break;
  case RECORD_ABORT:
    t->stats->aborted++;
    tier2_note_recording_failure(t);
    break;
  }
}

static void tier2_abort_recording(VM *vm) {
  Tier2 *t = tier2_of(vm);
  if (!t->rec.active) return;
  t->rec.active = false;
  t->stats->aborted++;
  tier2_note_recording_failure(t);
}

/* Tier 1 is at `target` in frame f, a loop head (after a back-edge) or a
 * function's entry: the executor to enter there, or NULL (counting towards
 * recording one). */
static Executor *tier2_hot_spot(VM *vm, Frame *f, uint32_t target) {
  Tier2 *t = tier2_of(vm);
  if (t->rec.active) return NULL; /* what an executor ran would be missing from the recording */
  uint32_t ci = f->code_index;
  if (!tier2_code_tables(t, f->code, ci)) return NULL;
  Executor *e = t->heads[ci][target];
  if (e) return e;
  uint64_t threshold = (uint64_t)t->config.threshold << t->backoff[ci][target]; /* no wrap at large thresholds */
  if (++t->counters[ci][target] >= threshold) {
    t->counters[ci][target] = 0;
    record_start(&t->rec, f, target);
  }
  return NULL;
}

/* The index in e of the uop that owns exit `exit_index`. */
static uint32_t exit_uop_index(const Executor *e, uint32_t exit_index) {
  return exit_index < e->nexits ? e->exit_uop[exit_index] : 0;
}

static UopId exit_uop(const Executor *e, uint32_t exit_index) {
  return e->nuops ? (UopId)e->uops[exit_uop_index(e, exit_index)].uop : UOP_NOP;
}

/* For lockstep reports: the trace id and the index of the uop that left. */
static uint64_t exit_site(const Executor *e, uint32_t exit_index) {
  return (uint64_t)e->id << 32 | exit_uop_index(e, exit_index);
}

/* Runs e from the loop head in *fp; on return *fp is the frame the last
 * trace left in (a callee's when it followed calls), its ip where tier 1
 * resumes. An exit that has a linked trace (recorded once the exit got hot:
 * stitching) continues in it without going back to the interpreter. */
/* Machine code has no function-type prefix before it, which clang's
 * -fsanitize=function would read when calling e->entry. */
#if defined(__clang__)
#define JIT_CALLS_MACHINE_CODE __attribute__((no_sanitize("function")))
#else
#define JIT_CALLS_MACHINE_CODE
#endif

JIT_CALLS_MACHINE_CODE static JitExitKind tier2_execute(VM *vm, Frame **fp, Executor *e) {
  Tier2 *t = tier2_of(vm);
  for (;;) {
    JitState st = {.vm = vm, .executor = e, .frame = *fp};
    t->running = e;
    t->stats->entries++;
    e->entries++;
    if (e->entry) e->entry(&st, *fp, (*fp)->sp);
    else uop_run(&st, *fp);
    t->running = NULL;
    t->stats->exits++;
    switch ((JitExitKind)st.exit_kind) {
    case JIT_EXIT_DEOPT: t->stats->deopts++; break;
    case JIT_EXIT_SIDE: t->stats->side_exits++; break;
    case JIT_EXIT_ERROR: t->stats->errors++; break;
    }
    *fp = st.frame;
    st.frame->ip = st.exit_ip;
    t->stats->uop_exits[exit_uop(e, st.exit_index)]++;
    if (vm->checkpoint) vm->checkpoint(vm, CHECKPOINT_EXIT, st.frame, st.exit_ip, exit_site(e, st.exit_index));
    uint32_t i = st.exit_index < e->nexits ? st.exit_index : 0;
    Executor *next = e->nexits ? e->links[i] : NULL;
    bool hot = e->nexits && ++e->exit_counts[i] >= (uint64_t)t->config.threshold << e->exit_backoff[i];
    if (!e->valid) { /* invalidated while it ran: it is no longer reachable */
      tier2_free_executor(t, e);
      return (JitExitKind)st.exit_kind;
    }
    if (st.exit_kind == JIT_EXIT_ERROR) return JIT_EXIT_ERROR;
    /* Each uop instance runs in one code object, so its exit always lands in
     * the code its link was recorded in. */
    if (next && next->valid && next->code_index == st.frame->code_index && next->start == st.exit_ip) {
      e = next;
      continue;
    }
    if (!next && hot && !t->rec.active) {
      record_start(&t->rec, st.frame, st.exit_ip);
      t->stitch_from = e;
      t->stitch_exit = i;
    }
    return (JitExitKind)st.exit_kind;
  }
}

/* A global binding changed: executors relying on it must never run again. */
static void tier2_on_global_change(VM *vm, const ObjStr *name) {
  Tier2 *t = tier2_of(vm);
  if (t->dependents == 0) return; /* the common case in loops that store globals */
  Executor **p = &t->all;
  while (*p) {
    Executor *e = *p;
    if (!e->valid || !executor_depends_on(e, name)) {
      p = &e->next;
      continue;
    }
    e->valid = false;
    t->stats->invalidations++;
    if (t->heads[e->code_index] && t->heads[e->code_index][e->start] == e) {
      t->heads[e->code_index][e->start] = NULL;
      tier2_note_failure(t, e->code_index, e->start);
    }
    if (e == t->running) { /* freed when it returns (it checks validity after the store) */
      p = &e->next;
      continue;
    }
    tier2_free_executor(t, e); /* unlinks it from the list: *p is its successor now */
  }
}

#define TIER1_BEFORE_INSTRUCTION(f, ip) \
  do { if (tier2_of(vm)->rec.active) tier2_record(vm, (f), (ip)); } while (0)
#define TIER1_ON_ERROR() tier2_abort_recording(vm)
/* At a loop head or a function's entry. A block, not do-while: its
 * `continue` must reach the interpreter loop. */
#define TIER1_HOT_SPOT(f, target)                                              \
  {                                                                            \
    Executor *exec_ = tier2_hot_spot(vm, (f), (target));                       \
    if (exec_) {                                                               \
      (f)->ip = (target);                                                      \
      if (tier2_execute(vm, &(f), exec_) == JIT_EXIT_ERROR) goto error;       \
      continue;                                                                \
    }                                                                          \
  }

#define INTERP_FN tier1_loop
#define INTERP_TIER1 1
static Status tier1_loop(VM *vm, Outcome *out);
#include "vm/interp_loop.h"

static int compare_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

Status tier1_run(VM *vm, const Tier2Config *config, Outcome *out, Tier2Stats *stats) {
  Tier2Stats local_stats;
  if (!stats) stats = &local_stats;
  memset(stats, 0, sizeof *stats);
  Tier2 *t = calloc(1, sizeof *t);
  uint32_t n = vm->module->nfuncs;
  if (!t) return LS_ERR;
  t->config = *config;
  t->rec.lockstep = config->lockstep;
  if (t->config.threshold == 0) t->config.threshold = TIER2_DEFAULT_THRESHOLD;
  t->stats = stats;
  t->nfuncs = n;
  t->counters = calloc(n, sizeof(uint32_t *));
  t->backoff = calloc(n, sizeof(uint8_t *));
  t->heads = calloc(n, sizeof(Executor **));
  Status st = LS_ERR;
  if (t->counters && t->backoff && t->heads) {
    vm->tier2 = t;
    vm->on_global_change = tier2_on_global_change;
    st = tier1_loop(vm, out);
    vm->tier2 = NULL;
    vm->on_global_change = NULL;
  }
  while (t->all) {
    Executor *e = t->all;
    t->all = e->next;
    executor_free(e);
  }
  for (uint32_t i = 0; i < n; i++) {
    if (t->counters) free(t->counters[i]);
    if (t->backoff) free(t->backoff[i]);
    if (t->heads) free(t->heads[i]);
  }
  if (t->nsamples) {
    qsort(t->samples, t->nsamples, sizeof(double), compare_double);
    stats->compile_ns_per_uop_median = t->samples[t->nsamples / 2];
  }
  free(t->samples);
  free(t->counters);
  free(t->backoff);
  free(t->heads);
  free(t);
  return st;
}

bool tier2_config_from_env(Tier2Config *config, StrBuf *err) {
  const char *s = getenv("LOCKSTEP_JIT_THRESHOLD");
  if (!s || !*s) return true;
  char *end;
  unsigned long v = strtoul(s, &end, 10);
  if (*end || v == 0 || v > 1000000000ul || *s == '-') {
    strbuf_printf(err, "LOCKSTEP_JIT_THRESHOLD must be an integer from 1 to 1000000000, got '%s'", s);
    return false;
  }
  config->threshold = (uint32_t)v;
  return true;
}

void tier2_stats_print(const Tier2Stats *s, StrBuf *out) {
  strbuf_printf(out,
                "jit-stats: traces compiled: %llu\n"
                "jit-stats: uops compiled: %llu\n"
                "jit-stats: machine code bytes: %llu\n"
                "jit-stats: trace entries: %llu\n"
                "jit-stats: exits taken: %llu (deopt %llu, side %llu, error %llu)\n"
                "jit-stats: invalidations: %llu\n"
                "jit-stats: recordings abandoned: %llu\n"
                "jit-stats: compile time (copy and patch): %.0f ns total, %.1f ns per uop (median over traces)\n",
                (unsigned long long)s->traces, (unsigned long long)s->uops, (unsigned long long)s->code_bytes,
                (unsigned long long)s->entries, (unsigned long long)s->exits, (unsigned long long)s->deopts,
                (unsigned long long)s->side_exits, (unsigned long long)s->errors,
                (unsigned long long)s->invalidations, (unsigned long long)s->aborted, s->compile_ns_total,
                s->compile_ns_per_uop_median);
}
