/* A campaign's worker process: claims program numbers, generates and judges
 * each program, saves divergences as findings and tells the supervisor
 * about them through a pipe. Everything it is about to do is published in
 * its shared slot first (program number, phase, heartbeat), so that if it
 * dies or stops making progress the supervisor knows what killed it. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "fuzz/campaign_internal.h"
#include "fuzz/reduce.h"
#include "oracle/lockstep.h"
#include "vm/jasm.h"

int64_t campaign_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

const char *campaign_phase_name(uint32_t phase, const OracleOptions *o) {
  if (phase >= PHASE_CONFIG0) {
    uint32_t i = phase - PHASE_CONFIG0;
    return o && i < o->nconfigs ? o->configs[i].name : "unknown";
  }
  switch ((CampaignPhase)phase) {
  case PHASE_GEN: return "gen";
  case PHASE_LOAD: return "load";
  case PHASE_JUDGE: return "judge";
  case PHASE_REPORT: return "report";
  case PHASE_SAVE: return "save";
  case PHASE_LOCKSTEP: return "lockstep";
  case PHASE_REDUCE: return "reduce";
  case PHASE_IDLE:
  case PHASE_CONFIG0: break;
  }
  return "unknown";
}

int64_t campaign_phase_allowance_ms(uint32_t phase, const OracleOptions *o, uint32_t timeout) {
  int64_t ms = (int64_t)timeout * 1000;
  /* lockstep: two logged runs, two runs with text, and the end states */
  if (phase == PHASE_LOCKSTEP) return 8 * ms;
  /* reduce: one candidate through every configuration, each in a child */
  if (phase == PHASE_REDUCE) return ((int64_t)(o ? o->nconfigs : ORACLE_MAX_CONFIGS) + 1) * ms;
  return ms;
}

void campaign_progress(const CampaignProgress *p, uint32_t phase) {
  if (!p) return;
  if (p->phase) atomic_store(p->phase, phase);
  if (p->heartbeat_ms) atomic_store(p->heartbeat_ms, campaign_now_ms());
}

/* The test hooks' faults, planted where a real JIT crash would happen. */
static void inject_fault(CampaignInject inject) {
  if (inject == INJECT_CRASH) {
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core); /* a planted crash leaves no core file behind */
    raise(SIGSEGV);
  }
  if (inject == INJECT_HANG)
    for (;;) pause(); /* no heartbeat from here on: the supervisor kills us */
}

OracleVerdict campaign_judge(OracleResult *r, const Module *m, const OracleOptions *o, const CampaignProgress *p,
                             CampaignInject inject) {
  /* oracle_run, one configuration at a time, so that each is announced. */
  r->nconfigs = o->nconfigs < ORACLE_MAX_CONFIGS ? o->nconfigs : ORACLE_MAX_CONFIGS;
  r->where[0] = '\0';
  for (uint32_t i = 0; i < r->nconfigs; i++) {
    campaign_progress(p, PHASE_CONFIG0 + i);
    if (i + 1 == r->nconfigs) inject_fault(inject);
    if (!oracle_capture_from_twin(r, o, i)) oracle_capture_run(&r->caps[i], m, &o->configs[i], o, false, &r->walk);
  }
  campaign_progress(p, PHASE_JUDGE);
  return oracle_judge(r);
}

void campaign_program_header(StrBuf *sb, uint64_t seed, uint32_t size) {
  strbuf_printf(sb, "; lockstep fuzz program %llu (lockstep gen --seed %llu --size %u)\n", (unsigned long long)seed,
                (unsigned long long)seed, size);
}

/* The lowest configuration that disagrees with the baseline; 0 if none. */
static uint32_t first_disagreeing(const OracleResult *r) {
  for (uint32_t i = 1; i < r->nconfigs; i++)
    if (r->disagree & (1u << i)) return i;
  return 0;
}

void campaign_locate(OracleResult *r, const Module *m, const OracleOptions *o, uint32_t timeout, StrBuf *report) {
  if (r->verdict != ORACLE_DIVERGED || r->what == ORACLE_WHAT_CRASH) return;
  uint32_t other = first_disagreeing(r);
  if (other == 0) return;
  LockstepSide sides[2];
  memset(sides, 0, sizeof sides);
  sides[0].config = r->caps[0].config;
  sides[1].config = r->caps[other].config;
  LockstepOptions lo;
  lockstep_options_from_oracle(&lo, o);
  lo.child.timeout_seconds = timeout;
  lo.child.quiet = true;
  LockstepResult *res = malloc(sizeof *res);
  if (!res) return;
  lockstep_result_init(res);
  if (lockstep_compare(m, sides, &lo, res)) {
    if (res->where_opcode[0]) oracle_set_where(r, res->where_opcode, res->where_uop);
    if (report && res->report.len) {
      strbuf_printf(report, "\n---- lockstep re-run: %s against %s ----\n", sides[0].config.name, sides[1].config.name);
      strbuf_append(report, res->report.data, res->report.len);
    }
  }
  lockstep_result_free(res);
  free(res);
}

uint64_t campaign_jit_traces(const OracleResult *r) {
  uint64_t n = 0;
  for (uint32_t i = 0; i < r->nconfigs; i++)
    if (r->caps[i].config.engine == ORACLE_ENGINE_JIT) n += r->caps[i].stats.traces;
  return n;
}

/* ------------------------------------------------------------ claiming */

/* The next program number for slot s, or SEED_NONE when there is none.
 * The slot says SEED_CLAIMING while the number is taken from the shared
 * counters, so that the supervisor's snapshot of unfinished programs never
 * misses one in flight (campaign.c: snapshot_pending). */
static uint64_t claim_seed(CampaignShared *sh, CampaignSlot *s) {
  atomic_store(&s->current, SEED_CLAIMING);
  uint64_t seed = SEED_NONE;
  if (atomic_load(&sh->pending_next) < sh->npending) {
    uint32_t i = atomic_fetch_add(&sh->pending_next, 1);
    if (i < sh->npending) seed = sh->pending[i];
  }
  if (seed == SEED_NONE) {
    uint64_t n = atomic_load(&sh->next);
    /* Checked before the add so that `next` never runs past the limit. */
    while (n < sh->limit && !atomic_compare_exchange_weak(&sh->next, &n, n + 1)) {
    }
    if (n < sh->limit) seed = n;
  }
  atomic_store(&s->current, seed);
  return seed;
}

/* ------------------------------------------------------------ one program */

typedef struct Worker {
  CampaignShared *sh;
  CampaignSlot *slot;
  const CampaignOptions *o;
  char *findings_dir;
  int msg_fd;
  CampaignProgress progress;
  uint8_t bytes[GEN_SEED_BYTES];
  OracleResult result;
  StrBuf err, report, jasm, info, reduced, lockstep;
  ReduceSignature same; /* reducing: the predicate "the same signature" */
} Worker;

/* One line to the supervisor; lines are shorter than PIPE_BUF, so writes
 * from several workers never interleave. */
static void tell_supervisor(Worker *wk, char kind, uint64_t seed, const char *signature) {
  char line[ORACLE_SIGNATURE_MAX + 64];
  int n = snprintf(line, sizeof line, "%c %llu ", kind, (unsigned long long)seed);
  for (const char *s = signature; *s && n < (int)sizeof line - 2; s++)
    line[n++] = (*s == '\n' || *s == ' ') ? '_' : *s;
  line[n++] = '\n';
  for (size_t off = 0; off < (size_t)n;) {
    ssize_t k = write(wk->msg_fd, line + off, (size_t)n - off);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return; /* the supervisor is gone: nothing to tell */
    off += (size_t)k;
  }
}

static void save(Worker *wk, const char *signature, uint64_t seed, const FindingFile *files, size_t n) {
  campaign_progress(&wk->progress, PHASE_SAVE);
  strbuf_clear(&wk->info);
  campaign_finding_info(&wk->info, signature, seed, wk->o, NULL);
  strbuf_clear(&wk->err);
  bool is_new = false;
  if (!campaign_save_finding(wk->findings_dir, signature, wk->info.data, files, n, &is_new, &wk->err))
    fprintf(stderr, "lockstep fuzz worker: cannot save finding %s: %s\n", signature,
            wk->err.data ? wk->err.data : "?");
}

static void on_generator_error(Worker *wk, uint64_t seed) {
  strbuf_clear(&wk->report);
  strbuf_printf(&wk->report, "gen_program failed for program %llu (size %u): %s\n", (unsigned long long)seed,
                wk->o->gen.size, wk->err.data ? wk->err.data : "no message");
  FindingFile f = {"report.txt", wk->report.data, wk->report.len};
  save(wk, "generator", seed, &f, 1);
  tell_supervisor(wk, 'G', seed, "generator");
}

/* ReducePredicate: the same signature, with a heartbeat per candidate. */
static bool still_diverges(const Module *m, void *ctx) {
  Worker *wk = ctx;
  campaign_progress(&wk->progress, PHASE_REDUCE);
  return reduce_signature_predicate(m, &wk->same);
}

/* wk->reduced: the program reduced while its signature stays; false when
 * it could not be (then there is no reduced.jasm). */
static bool reduce(Worker *wk, uint64_t seed, const Module *m) {
  strbuf_clear(&wk->reduced);
  if (wk->o->reduce_seconds <= 0) return false;
  campaign_progress(&wk->progress, PHASE_REDUCE);
  reduce_signature_init(&wk->same, &wk->o->oracle, wk->result.signature);
  wk->same.timeout_seconds = wk->o->timeout;
  ReduceOptions ro = {.max_seconds = wk->o->reduce_seconds};
  ReduceStats stats;
  Module *out = NULL;
  ReduceStatus st = reduce_module(m, still_diverges, wk, &ro, &out, &stats);
  reduce_signature_free(&wk->same);
  if (st != REDUCE_OK) return false;
  strbuf_printf(&wk->reduced, "; lockstep fuzz program %llu reduced: %u -> %u instructions, %u -> %u functions%s\n",
                (unsigned long long)seed, stats.instrs_before, stats.instrs_after, stats.funcs_before,
                stats.funcs_after, stats.out_of_time || stats.out_of_tests ? " (stopped at its bound)" : "");
  bool ok = jasm_disassemble(out, &wk->reduced) && !wk->reduced.oom;
  module_free(out);
  return ok;
}

/* Names where it diverged, tells the supervisor at once (so the time to
 * detection does not include the reduction), and, for a signature not
 * saved yet, writes the report, reduces and saves the finding. */
static void on_divergence(Worker *wk, uint64_t seed, const Module *m) {
  OracleResult *r = &wk->result;
  strbuf_clear(&wk->lockstep);
  campaign_progress(&wk->progress, PHASE_LOCKSTEP);
  campaign_locate(r, m, &wk->o->oracle, wk->o->timeout, &wk->lockstep);
  tell_supervisor(wk, 'D', seed, r->signature);
  if (campaign_finding_exists(wk->findings_dir, r->signature)) return;
  campaign_progress(&wk->progress, PHASE_REPORT);
  strbuf_clear(&wk->report);
  oracle_report(r, m, &wk->o->oracle, &wk->report);
  strbuf_append(&wk->report, wk->lockstep.data ? wk->lockstep.data : "", wk->lockstep.len);
  strbuf_clear(&wk->jasm);
  campaign_program_header(&wk->jasm, seed, wk->o->gen.size);
  if (!jasm_disassemble(m, &wk->jasm)) strbuf_puts(&wk->jasm, "; the program could not be disassembled\n");
  bool reduced = reduce(wk, seed, m);
  FindingFile files[] = {{"input.jasm", wk->jasm.data, wk->jasm.len},
                         {"report.txt", wk->report.data, wk->report.len},
                         {"reduced.jasm", wk->reduced.data, wk->reduced.len}};
  save(wk, r->signature, seed, files, reduced ? 3 : 2);
}

static CampaignInject injected(const Worker *wk, uint64_t seed) {
  if (seed == wk->o->test_crash_seed) return INJECT_CRASH;
  if (seed == wk->o->test_hang_seed) return INJECT_HANG;
  return INJECT_NONE;
}

/* What one program adds to the slot's counters. */
typedef struct Tally {
  uint64_t execs, traces, divergences, inconclusive, gen_errors;
} Tally;

/* The program is done: its counts and the end of it become visible
 * together (CampaignSlot.seq), so that a program cut short by a kill and
 * run again on resume is counted once. */
static void commit(CampaignSlot *s, const Tally *t) {
  atomic_fetch_add(&s->seq, 1);
  atomic_fetch_add(&s->programs, 1);
  atomic_fetch_add(&s->execs, t->execs);
  atomic_fetch_add(&s->traces, t->traces);
  atomic_fetch_add(&s->divergences, t->divergences);
  atomic_fetch_add(&s->inconclusive, t->inconclusive);
  atomic_fetch_add(&s->gen_errors, t->gen_errors);
  atomic_store(&s->phase, PHASE_IDLE);
  atomic_store(&s->current, SEED_NONE);
  atomic_fetch_add(&s->seq, 1);
}

static void run_program(Worker *wk, uint64_t seed) {
  Tally t = {0};
  campaign_progress(&wk->progress, PHASE_GEN);
  gen_seed_bytes(seed, sizeof wk->bytes, wk->bytes);
  strbuf_clear(&wk->err);
  Module *m = gen_program(wk->bytes, sizeof wk->bytes, &wk->o->gen, &wk->err);
  if (!m) {
    t.gen_errors = 1;
    on_generator_error(wk, seed);
  } else {
    OracleVerdict v = campaign_judge(&wk->result, m, &wk->o->oracle, &wk->progress, injected(wk, seed));
    if (seed == wk->o->test_diverge_seed && wk->result.nconfigs > 1) {
      wk->result.caps[wk->result.nconfigs - 1].digest[ORACLE_WHAT_OUTPUT] ^= 1; /* the test hook */
      v = oracle_judge(&wk->result);
    }
    t.execs = 1;
    t.traces = campaign_jit_traces(&wk->result);
    t.divergences = v == ORACLE_DIVERGED;
    t.inconclusive = v == ORACLE_INCONCLUSIVE;
    if (v == ORACLE_DIVERGED) on_divergence(wk, seed, m);
    module_free(m);
  }
  commit(wk->slot, &t);
}

/* ------------------------------------------------------------ the loop */

void campaign_die_with_parent(pid_t parent) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(0); /* it died before prctl */
}

/* Workers die with the supervisor (a killed campaign must not leave them
 * running) and leave Ctrl-C to it: it stops them between programs. */
static void detach_signals(pid_t parent) {
  campaign_die_with_parent(parent);
  signal(SIGINT, SIG_IGN);
  signal(SIGTERM, SIG_DFL);
  signal(SIGPIPE, SIG_IGN);
}

void campaign_worker_main(CampaignShared *sh, uint32_t w, const CampaignOptions *o, pid_t parent, int msg_fd) {
  detach_signals(parent);
  Worker *wk = calloc(1, sizeof *wk);
  size_t n = strlen(o->out_dir) + sizeof "/findings";
  char *dir = malloc(n);
  if (!wk || !dir) {
    fprintf(stderr, "lockstep fuzz worker %u: out of memory\n", w);
    _exit(3);
  }
  snprintf(dir, n, "%s/findings", o->out_dir);
  wk->sh = sh;
  wk->slot = &sh->slots[w];
  wk->o = o;
  wk->findings_dir = dir;
  wk->msg_fd = msg_fd;
  wk->progress = (CampaignProgress){&wk->slot->phase, &wk->slot->heartbeat_ms};
  oracle_result_init(&wk->result);
  strbuf_init(&wk->err);
  strbuf_init(&wk->report);
  strbuf_init(&wk->jasm);
  strbuf_init(&wk->info);
  strbuf_init(&wk->reduced);
  strbuf_init(&wk->lockstep);

  while (!atomic_load(&sh->stop)) {
    uint64_t seed = claim_seed(sh, wk->slot);
    if (seed == SEED_NONE) break;
    run_program(wk, seed);
  }

  oracle_result_free(&wk->result);
  strbuf_free(&wk->err);
  strbuf_free(&wk->report);
  strbuf_free(&wk->jasm);
  strbuf_free(&wk->info);
  strbuf_free(&wk->reduced);
  strbuf_free(&wk->lockstep);
  free(dir);
  free(wk);
  atomic_store(&sh->slots[w].done, 1);
  _exit(0);
}
