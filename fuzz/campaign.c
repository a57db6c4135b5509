/* The campaign's supervisor (docs/campaigns.md). It owns OUT/: locks it,
 * reads OUT/state, forks the workers, and then, ten times a second, reads
 * what workers report through a pipe, restarts the ones that died, kills
 * the ones whose heartbeat stopped, refreshes the status line, and every
 * couple of seconds writes OUT/state from a consistent snapshot of the
 * shared counters. The supervisor never runs a generated program itself:
 * whatever might crash runs in a worker or in a short-lived helper child. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <dirent.h>
#include <unistd.h>

#include "fuzz/campaign_internal.h"
#include "vm/jasm.h"

enum {
  TICK_MS = 100,
  STATE_EVERY_MS = 2000,
  STATUS_TTY_EVERY_MS = 1000,
  STATUS_LINE_EVERY_MS = 10000,
  FRUITLESS_DEATHS_MAX = 5, /* a worker dying this often without running a program is retired */
  LOG_TAIL_BYTES = 6000,
  HELPER_TIMEOUT_MS = 10000,
};

void campaign_options_default(CampaignOptions *o) {
  memset(o, 0, sizeof *o);
  o->seed = 1;
  o->jobs = 1;
  o->timeout = CAMPAIGN_DEFAULT_TIMEOUT;
  o->reduce_seconds = CAMPAIGN_DEFAULT_REDUCE_SECONDS;
  o->gen.size = GEN_DEFAULT_SIZE;
  oracle_options_default(&o->oracle);
  o->status_tty = -1;
  o->test_crash_seed = CAMPAIGN_NO_SEED;
  o->test_hang_seed = CAMPAIGN_NO_SEED;
  o->test_diverge_seed = CAMPAIGN_NO_SEED;
}

/* ------------------------------------------------------------ signals */

static volatile sig_atomic_t stop_signals;

static void on_stop_signal(int sig) {
  (void)sig;
  stop_signals++;
}

typedef struct SavedSignals {
  struct sigaction intr, term;
} SavedSignals;

static void install_signals(SavedSignals *saved) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  stop_signals = 0;
  sigaction(SIGINT, &sa, &saved->intr);
  sigaction(SIGTERM, &sa, &saved->term);
}

static void restore_signals(const SavedSignals *saved) {
  sigaction(SIGINT, &saved->intr, NULL);
  sigaction(SIGTERM, &saved->term, NULL);
}

/* ------------------------------------------------------------ the supervisor */

typedef struct Worker {
  pid_t pid;             /* 0: not running */
  bool hang_killed;      /* killed by us for making no progress */
  bool user_killed;      /* killed by a second Ctrl-C: its program stays pending */
  uint32_t fruitless;    /* deaths in a row outside any program */
} Worker;

typedef struct Supervisor {
  CampaignOptions o;     /* with seed, size, fuel and configs resolved against the state */
  StrBuf out_dir, findings_dir, logs_dir, state_path;
  int lock_fd;
  CampaignShared *sh;
  Worker workers[CAMPAIGN_MAX_JOBS];
  int msg_rd, msg_wr;
  char msg[2 * (ORACLE_SIGNATURE_MAX + 64)];
  size_t msg_len;
  CampaignState state;      /* as read at the start; sigs kept up to date */
  CampaignCounters extra;   /* this session's counts made by the supervisor (crashes, hangs) */
  int64_t start_ms, last_status_ms, last_state_ms;
  bool tty, status_shown, stopping;
  StrBuf scratch;
} Supervisor;

static void counters_add(CampaignCounters *a, const CampaignCounters *b) {
  a->execs += b->execs;
  a->programs += b->programs;
  a->traces += b->traces;
  a->divergences += b->divergences;
  a->inconclusive += b->inconclusive;
  a->crashes += b->crashes;
  a->hangs += b->hangs;
  a->gen_errors += b->gen_errors;
}

/* This session's counts: the workers' slots plus the supervisor's own. */
static CampaignCounters session_counters(const Supervisor *sv) {
  CampaignCounters c = sv->extra;
  for (uint32_t w = 0; w < sv->o.jobs; w++) {
    CampaignSlot *s = &sv->sh->slots[w];
    c.execs += atomic_load(&s->execs);
    c.programs += atomic_load(&s->programs);
    c.traces += atomic_load(&s->traces);
    c.divergences += atomic_load(&s->divergences);
    c.inconclusive += atomic_load(&s->inconclusive);
    c.gen_errors += atomic_load(&s->gen_errors);
  }
  return c;
}

static uint64_t session_ms(const Supervisor *sv) { return (uint64_t)(campaign_now_ms() - sv->start_ms); }

/* ------------------------------------------------------------ state snapshot */

static bool pending_has(const CampaignState *s, uint64_t seed) {
  for (uint32_t i = 0; i < s->npending; i++)
    if (s->pending[i] == seed) return true;
  return false;
}

static void pending_add(CampaignState *s, uint64_t seed) {
  if (pending_has(s, seed)) return;
  if (s->npending < CAMPAIGN_MAX_PENDING) s->pending[s->npending++] = seed;
  else fprintf(stderr, "lockstep fuzz: too many unfinished programs to remember; %" PRIu64 " will not be rerun\n", seed);
}

/* One slot's program and counters at one moment: not while the worker
 * commits a finished program (odd seq) or claims one (SEED_CLAIMING).
 * Both last a few instructions, unless the worker was killed right there;
 * then the values are taken as they are after a while, which at worst
 * runs one program again, or skips its rerun. */
static void read_slot(CampaignSlot *s, uint64_t *current, CampaignCounters *c) {
  for (int tries = 0;; tries++) {
    bool patient = tries < 100000;
    uint32_t before = atomic_load(&s->seq);
    uint64_t cur = atomic_load(&s->current);
    if (patient && ((before & 1) || cur == SEED_CLAIMING)) {
      sched_yield();
      continue;
    }
    memset(c, 0, sizeof *c);
    c->execs = atomic_load(&s->execs);
    c->programs = atomic_load(&s->programs);
    c->traces = atomic_load(&s->traces);
    c->divergences = atomic_load(&s->divergences);
    c->inconclusive = atomic_load(&s->inconclusive);
    c->gen_errors = atomic_load(&s->gen_errors);
    *current = cur;
    if (!patient || atomic_load(&s->seq) == before) return;
  }
}

/* What is done and what is not, consistently: the programs handed out
 * but not finished, and this session's counters. Read in the order the
 * workers write (pending index, then next, then the slots), so that a
 * program being claimed right now is either below the `next` read here
 * and then in its slot, or not below it. */
static void snapshot(Supervisor *sv, CampaignState *out, CampaignCounters *session) {
  CampaignShared *sh = sv->sh;
  uint32_t p = atomic_load(&sh->pending_next);
  uint64_t next = atomic_load(&sh->next);
  out->npending = 0;
  for (uint32_t i = p; i < sh->npending; i++) pending_add(out, sh->pending[i]);
  *session = sv->extra;
  for (uint32_t w = 0; w < sv->o.jobs; w++) {
    uint64_t cur;
    CampaignCounters c;
    read_slot(&sh->slots[w], &cur, &c);
    counters_add(session, &c);
    if (cur <= SEED_MAX && cur < next) pending_add(out, cur);
  }
  out->next = next;
}

static bool write_state(Supervisor *sv) {
  CampaignState snap = sv->state; /* shares sigs: not freed here */
  CampaignCounters c;
  snapshot(sv, &snap, &c);
  counters_add(&snap.counters, &c);
  snap.elapsed_ms = sv->state.elapsed_ms + session_ms(sv);
  snap.sessions = sv->state.sessions + 1;
  StrBuf err;
  strbuf_init(&err);
  bool ok = campaign_state_write(sv->state_path.data, &snap, &err);
  if (!ok) fprintf(stderr, "lockstep fuzz: cannot write the state: %s\n", err.data ? err.data : "?");
  strbuf_free(&err);
  sv->last_state_ms = campaign_now_ms();
  return ok;
}

/* ------------------------------------------------------------ status */

static void format_duration(char *buf, size_t n, uint64_t ms) {
  uint64_t s = ms / 1000;
  snprintf(buf, n, "%" PRIu64 ":%02u:%02u", s / 3600, (unsigned)(s / 60 % 60), (unsigned)(s % 60));
}

static void status_line(Supervisor *sv, StrBuf *sb) {
  CampaignCounters s = session_counters(sv), t = sv->state.counters;
  counters_add(&t, &s);
  uint64_t ms = session_ms(sv);
  char dur[32];
  format_duration(dur, sizeof dur, ms);
  double rate = ms ? (double)s.execs * 1000.0 / (double)ms : 0.0;
  strbuf_printf(sb,
                "fuzz %s | execs %" PRIu64 " (%.0f/s) | programs %" PRIu64 " | traces %" PRIu64
                " | divergences %" PRIu64 " | signatures %zu | inconclusive %" PRIu64,
                dur, t.execs, rate, t.programs, t.traces, t.divergences + t.crashes + t.hangs,
                sv->state.sigs.n, t.inconclusive);
  /* Crashes and hangs are divergences too (the oracle's "crash" kind);
   * shown apart as well, with generator failures, when there are any. */
  if (t.crashes || t.hangs) strbuf_printf(sb, " (crashes %" PRIu64 ", hangs %" PRIu64 ")", t.crashes, t.hangs);
  if (t.gen_errors) strbuf_printf(sb, " | generator errors %" PRIu64, t.gen_errors);
}

static void show_status(Supervisor *sv, bool force) {
  if (!sv->o.status) return;
  int64_t now = campaign_now_ms();
  int64_t every = sv->tty ? STATUS_TTY_EVERY_MS : STATUS_LINE_EVERY_MS;
  if (!force && now - sv->last_status_ms < every) return;
  sv->last_status_ms = now;
  strbuf_clear(&sv->scratch);
  status_line(sv, &sv->scratch);
  if (sv->tty) fprintf(sv->o.status, "\r%s\033[K", sv->scratch.data ? sv->scratch.data : "");
  else fprintf(sv->o.status, "%s\n", sv->scratch.data ? sv->scratch.data : "");
  sv->status_shown = true;
  fflush(sv->o.status);
}

/* Ends the carriage-return line before other text is printed. */
static void status_break(Supervisor *sv) {
  if (sv->o.status && sv->tty && sv->status_shown) {
    fputc('\n', sv->o.status);
    sv->status_shown = false;
  }
}

static void note_signature(Supervisor *sv, const char *signature, uint64_t seed, const char *how) {
  bool is_new = false;
  if (!sigtable_add(&sv->state.sigs, signature, 1, seed, &is_new))
    fprintf(stderr, "lockstep fuzz: cannot record signature %s\n", signature);
  if (is_new && sv->o.status) {
    status_break(sv);
    fprintf(sv->o.status, "new finding: %s (program %" PRIu64 "%s%s)\n", signature, seed, how ? ", " : "",
            how ? how : "");
    fflush(sv->o.status);
  }
}

/* ------------------------------------------------------------ messages */

/* "D SEED SIGNATURE" (divergence) or "G SEED generator" lines from workers. */
static void handle_message(Supervisor *sv, char *line) {
  char kind = line[0];
  if ((kind != 'D' && kind != 'G') || line[1] != ' ') return;
  char *end;
  errno = 0;
  unsigned long long seed = strtoull(line + 2, &end, 10);
  if (errno || *end != ' ' || !end[1]) return;
  note_signature(sv, end + 1, (uint64_t)seed, NULL);
}

static void read_messages(Supervisor *sv) {
  for (;;) {
    ssize_t k = read(sv->msg_rd, sv->msg + sv->msg_len, sizeof sv->msg - 1 - sv->msg_len);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return;
    sv->msg_len += (size_t)k;
    size_t start = 0;
    for (size_t i = 0; i < sv->msg_len; i++) {
      if (sv->msg[i] != '\n') continue;
      sv->msg[i] = '\0';
      handle_message(sv, sv->msg + start);
      start = i + 1;
    }
    memmove(sv->msg, sv->msg + start, sv->msg_len - start);
    sv->msg_len -= start;
    if (sv->msg_len == sizeof sv->msg - 1) sv->msg_len = 0; /* no newline in a full buffer: not ours */
  }
}

/* ------------------------------------------------------------ workers */

static void reset_slot(CampaignSlot *s) {
  uint32_t seq = atomic_load(&s->seq);
  atomic_store(&s->seq, seq + (seq & 1)); /* a worker killed while committing */
  atomic_store(&s->current, SEED_NONE);
  atomic_store(&s->phase, PHASE_IDLE);
  atomic_store(&s->done, 0);
  atomic_store(&s->heartbeat_ms, campaign_now_ms());
}

static void log_path(const Supervisor *sv, uint32_t w, StrBuf *sb) {
  strbuf_printf(sb, "%s/worker-%u.log", sv->logs_dir.data, w);
}

/* The worker's stdout and stderr go to OUT/logs/worker-W.log, truncated at
 * each start: after a crash, that file is what the worker said. */
static void redirect_output(const Supervisor *sv, uint32_t w) {
  StrBuf path;
  strbuf_init(&path);
  log_path(sv, w, &path);
  int fd = path.data ? open(path.data, O_WRONLY | O_CREAT | O_TRUNC, 0644) : -1;
  if (fd < 0) fd = open("/dev/null", O_WRONLY);
  if (fd >= 0) {
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    if (fd > STDERR_FILENO) close(fd);
  }
  strbuf_free(&path);
}

static bool start_worker(Supervisor *sv, uint32_t w) {
  reset_slot(&sv->sh->slots[w]);
  sv->workers[w].hang_killed = false;
  sv->workers[w].user_killed = false;
  fflush(NULL);
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) {
    fprintf(stderr, "lockstep fuzz: cannot start worker %u: %s\n", w, strerror(errno));
    return false;
  }
  if (pid == 0) {
    close(sv->msg_rd);
    if (sv->lock_fd >= 0) close(sv->lock_fd);
    redirect_output(sv, w);
    campaign_worker_main(sv->sh, w, &sv->o, parent, sv->msg_wr);
  }
  sv->workers[w].pid = pid;
  return true;
}

/* ---- what a dead worker was running ---- */

/* The program as .jasm, made in a child process: if generating it is
 * what crashed the worker, it crashes the helper, not the supervisor. */
static bool program_text(Supervisor *sv, uint64_t seed, StrBuf *out) {
  int fds[2];
  if (pipe(fds) != 0) return false;
  fflush(NULL);
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return false;
  }
  if (pid == 0) {
    campaign_die_with_parent(parent);
    close(fds[0]);
    uint8_t *bytes = malloc(GEN_SEED_BYTES);
    StrBuf text, err;
    strbuf_init(&text);
    strbuf_init(&err);
    if (!bytes) _exit(3);
    gen_seed_bytes(seed, GEN_SEED_BYTES, bytes);
    Module *m = gen_program(bytes, GEN_SEED_BYTES, &sv->o.gen, &err);
    campaign_program_header(&text, seed, sv->o.gen.size);
    if (!m || !jasm_disassemble(m, &text) || text.oom) _exit(4);
    for (size_t off = 0; off < text.len;) {
      ssize_t k = write(fds[1], text.data + off, text.len - off);
      if (k < 0 && errno == EINTR) continue;
      if (k <= 0) _exit(5);
      off += (size_t)k;
    }
    _exit(0);
  }
  close(fds[1]);
  int64_t deadline = campaign_now_ms() + HELPER_TIMEOUT_MS;
  char buf[65536];
  for (;;) {
    int64_t left = deadline - campaign_now_ms();
    struct pollfd pfd = {fds[0], POLLIN, 0};
    int ready = left > 0 ? poll(&pfd, 1, (int)left) : 0;
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) { /* too slow: the generator hangs on this program */
      kill(pid, SIGKILL);
      break;
    }
    ssize_t k = read(fds[0], buf, sizeof buf);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) break;
    strbuf_append(out, buf, (size_t)k);
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 && !out->oom;
}

static void describe_death(StrBuf *sb, uint32_t w, bool hang, int status, int64_t allowed_ms) {
  if (hang) strbuf_printf(sb, "worker %u made no progress for %lld s and was killed", w, (long long)(allowed_ms / 1000));
  else if (WIFSIGNALED(status)) strbuf_printf(sb, "worker %u was killed by signal %d (%s)", w, WTERMSIG(status), strsignal(WTERMSIG(status)));
  else if (WIFEXITED(status)) strbuf_printf(sb, "worker %u exited with status %d", w, WEXITSTATUS(status));
  else strbuf_printf(sb, "worker %u died (wait status %d)", w, status);
}

static void append_log_tail(Supervisor *sv, uint32_t w, StrBuf *sb) {
  StrBuf path;
  strbuf_init(&path);
  log_path(sv, w, &path);
  size_t len = 0;
  char *text = path.data ? campaign_read_file(path.data, 1 << 24, true, &len) : NULL;
  if (text && len > 0) {
    size_t from = len > LOG_TAIL_BYTES ? len - LOG_TAIL_BYTES : 0;
    strbuf_printf(sb, "\nwhat the worker wrote to stderr%s (%s):\n", from ? ", the end" : "", path.data);
    strbuf_append(sb, text + from, len - from);
    if (text[len - 1] != '\n') strbuf_putc(sb, '\n');
  } else {
    strbuf_puts(sb, "\nthe worker wrote nothing to stderr\n");
  }
  free(text);
  strbuf_free(&path);
}

/* A worker died (or was killed) while running program `seed`: save that
 * program as a finding "crash:PHASE" or "hang:PHASE". */
static void record_death(Supervisor *sv, uint32_t w, bool hang, int status, uint64_t seed, uint32_t phase) {
  const char *where = campaign_phase_name(phase, &sv->o.oracle);
  char signature[64];
  snprintf(signature, sizeof signature, "%s:%s", hang ? "hang" : "crash", where);
  if (hang) sv->extra.hangs++;
  else sv->extra.crashes++;
  sv->extra.programs++;

  StrBuf report, jasm, info, err;
  strbuf_init(&report);
  strbuf_init(&jasm);
  strbuf_init(&info);
  strbuf_init(&err);
  int64_t allowed = campaign_phase_allowance_ms(phase, &sv->o.oracle, sv->o.timeout);
  describe_death(&report, w, hang, status, allowed);
  strbuf_printf(&report, " while running program %" PRIu64 " (phase: %s).\n", seed, where);
  append_log_tail(sv, w, &report);
  bool have_program = program_text(sv, seed, &jasm);
  if (!have_program) strbuf_puts(&report, "\nthe program could not be regenerated in a helper process either\n");
  else
    strbuf_puts(&report, "\nto see where: lockstep diff input.jasm, with a sanitizer build (cmake --preset dev)\n"
                         "for the stack of the crash; lockstep repro input.jasm for the last checkpoint\n");
  FindingFile files[2] = {{"report.txt", report.data, report.len}, {"input.jasm", jasm.data, jasm.len}};
  campaign_finding_info(&info, signature, seed, &sv->o, NULL);
  bool is_new = false;
  if (!campaign_save_finding(sv->findings_dir.data, signature, info.data, files, have_program ? 2 : 1, &is_new, &err))
    fprintf(stderr, "lockstep fuzz: cannot save finding %s: %s\n", signature, err.data ? err.data : "?");
  strbuf_clear(&err);
  describe_death(&err, w, hang, status, allowed);
  note_signature(sv, signature, seed, err.data);
  strbuf_free(&report);
  strbuf_free(&jasm);
  strbuf_free(&info);
  strbuf_free(&err);
}

static void worker_exited(Supervisor *sv, uint32_t w, int status) {
  Worker *wk = &sv->workers[w];
  CampaignSlot *slot = &sv->sh->slots[w];
  wk->pid = 0;
  bool clean = WIFEXITED(status) && WEXITSTATUS(status) == 0 && atomic_load(&slot->done);
  if (clean || wk->user_killed) return;
  uint64_t seed = atomic_load(&slot->current);
  if (seed <= SEED_MAX) {
    record_death(sv, w, wk->hang_killed, status, seed, atomic_load(&slot->phase));
    atomic_store(&slot->current, SEED_NONE);
    wk->fruitless = 0;
  } else {
    wk->fruitless++;
    status_break(sv);
    strbuf_clear(&sv->scratch);
    describe_death(&sv->scratch, w, wk->hang_killed, status, (int64_t)sv->o.timeout * 1000);
    fprintf(stderr, "lockstep fuzz: %s outside any program\n", sv->scratch.data ? sv->scratch.data : "a worker died");
  }
  if (sv->stopping || atomic_load(&sv->sh->stop)) return;
  if (wk->fruitless >= FRUITLESS_DEATHS_MAX || !start_worker(sv, w))
    fprintf(stderr, "lockstep fuzz: worker %u retired\n", w);
}

static void reap_workers(Supervisor *sv) {
  for (uint32_t w = 0; w < sv->o.jobs; w++) {
    if (sv->workers[w].pid <= 0) continue;
    int status;
    pid_t r = waitpid(sv->workers[w].pid, &status, WNOHANG);
    if (r == sv->workers[w].pid) worker_exited(sv, w, status);
  }
}

static void kill_hung_workers(Supervisor *sv) {
  int64_t now = campaign_now_ms();
  for (uint32_t w = 0; w < sv->o.jobs; w++) {
    Worker *wk = &sv->workers[w];
    if (wk->pid <= 0 || wk->hang_killed) continue;
    CampaignSlot *s = &sv->sh->slots[w];
    if (atomic_load(&s->current) > SEED_MAX) continue;
    int64_t allowed = campaign_phase_allowance_ms(atomic_load(&s->phase), &sv->o.oracle, sv->o.timeout);
    if (now - atomic_load(&s->heartbeat_ms) <= allowed) continue;
    kill(wk->pid, SIGKILL);
    wk->hang_killed = true;
  }
}

static bool workers_running(const Supervisor *sv) {
  for (uint32_t w = 0; w < sv->o.jobs; w++)
    if (sv->workers[w].pid > 0) return true;
  return false;
}

/* A second Ctrl-C: stop at once; the programs being run stay pending in
 * the state, to be run again on resume. */
static void kill_all_workers(Supervisor *sv) {
  for (uint32_t w = 0; w < sv->o.jobs; w++) {
    Worker *wk = &sv->workers[w];
    if (wk->pid <= 0 || wk->user_killed) continue;
    kill(wk->pid, SIGKILL);
    wk->user_killed = true;
  }
}

/* ------------------------------------------------------------ setup */

static bool make_dirs(const char *path, StrBuf *err) {
  StrBuf sb;
  strbuf_init(&sb);
  strbuf_puts(&sb, path);
  bool ok = !sb.oom;
  for (size_t i = 1; ok && i < sb.len; i++) {
    if (sb.data[i] != '/') continue;
    sb.data[i] = '\0';
    if (mkdir(sb.data, 0755) != 0 && errno != EEXIST) ok = campaign_mkdir(sb.data, err);
    sb.data[i] = '/';
  }
  ok = ok && campaign_mkdir(path, err);
  strbuf_free(&sb);
  return ok;
}

static bool lock_out_dir(Supervisor *sv, StrBuf *err) {
  StrBuf path;
  strbuf_init(&path);
  strbuf_printf(&path, "%s/lock", sv->out_dir.data);
  sv->lock_fd = path.data ? open(path.data, O_RDWR | O_CREAT | O_CLOEXEC, 0644) : -1;
  bool ok = sv->lock_fd >= 0;
  if (!ok) strbuf_printf(err, "%s: %s", path.data ? path.data : "lock", strerror(errno));
  else if (flock(sv->lock_fd, LOCK_EX | LOCK_NB) != 0) {
    strbuf_printf(err, "%s: another lockstep fuzz is running in this directory", sv->out_dir.data);
    ok = false;
  }
  strbuf_free(&path);
  return ok;
}

static bool mismatch(StrBuf *err, const char *dir, const char *what, const char *state_value, const char *given) {
  strbuf_printf(err, "%s/state was made with %s %s, not %s: resume without the option, or use another --out", dir,
                what, state_value, given);
  return false;
}

/* A resumed campaign takes seed, size, fuel and configurations from its
 * state; an option given explicitly must agree. */
static bool resolve_options(Supervisor *sv, bool resumed, StrBuf *err) {
  CampaignState *s = &sv->state;
  CampaignOptions *o = &sv->o;
  char configs[CAMPAIGN_CONFIGS_TEXT_MAX], a[32], b[32];
  campaign_configs_text(&o->oracle, configs);
  if (!resumed) {
    s->base_seed = s->next = o->seed;
    s->size = o->gen.size;
    s->fuel = o->oracle.fuel;
    snprintf(s->configs, sizeof s->configs, "%s", configs);
    return true;
  }
  const char *dir = sv->out_dir.data;
  snprintf(a, sizeof a, "%" PRIu64, s->base_seed);
  snprintf(b, sizeof b, "%" PRIu64, o->seed);
  if (o->seed_set && o->seed != s->base_seed) return mismatch(err, dir, "--seed", a, b);
  snprintf(a, sizeof a, "%u", s->size);
  snprintf(b, sizeof b, "%u", o->gen.size);
  if (o->size_set && o->gen.size != s->size) return mismatch(err, dir, "--size", a, b);
  snprintf(a, sizeof a, "%" PRId64, s->fuel);
  snprintf(b, sizeof b, "%" PRId64, o->oracle.fuel);
  if (o->fuel_set && o->oracle.fuel != s->fuel) return mismatch(err, dir, "--fuel", a, b);
  if (o->configs_set && strcmp(configs, s->configs) != 0) return mismatch(err, dir, "--configs", s->configs, configs);
  o->seed = s->base_seed;
  o->gen.size = s->size;
  o->oracle.fuel = s->fuel;
  StrBuf perr;
  strbuf_init(&perr);
  bool ok = oracle_configs_parse(s->configs, &o->oracle, &perr);
  if (!ok) strbuf_printf(err, "%s/state: bad configs: %s", dir, perr.data ? perr.data : "?");
  strbuf_free(&perr);
  return ok;
}

/* Calls fn (when not NULL) with the signature of every finding directory
 * (one with a finding.txt naming a signature); returns how many there are. */
static uint64_t each_finding(Supervisor *sv, void (*fn)(Supervisor *sv, const char *signature)) {
  DIR *d = opendir(sv->findings_dir.data);
  if (!d) return 0;
  uint64_t n = 0;
  struct dirent *e;
  StrBuf path, sig;
  strbuf_init(&path);
  strbuf_init(&sig);
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue;
    strbuf_clear(&path);
    strbuf_clear(&sig);
    strbuf_printf(&path, "%s/%s", sv->findings_dir.data, e->d_name);
    if (!path.data || !campaign_finding_signature(path.data, &sig)) continue;
    n++;
    if (fn) fn(sv, sig.data);
  }
  strbuf_free(&path);
  strbuf_free(&sig);
  closedir(d);
  return n;
}

/* A finding on disk that the state does not know (saved just before a
 * kill) counts once. */
static void add_found(Supervisor *sv, const char *signature) {
  bool is_new = false;
  sigtable_add(&sv->state.sigs, signature, 0, CAMPAIGN_NO_SEED, &is_new);
  if (is_new) sv->state.sigs.v[sv->state.sigs.n - 1].count = 1;
}

static bool setup_dirs(Supervisor *sv, StrBuf *err) {
  const char *dir = sv->o.out_dir;
  strbuf_puts(&sv->out_dir, dir);
  strbuf_printf(&sv->findings_dir, "%s/findings", dir);
  strbuf_printf(&sv->logs_dir, "%s/logs", dir);
  strbuf_printf(&sv->state_path, "%s/state", dir);
  if (sv->out_dir.oom || sv->findings_dir.oom || sv->logs_dir.oom || sv->state_path.oom) {
    strbuf_printf(err, "out of memory");
    return false;
  }
  return make_dirs(dir, err) && lock_out_dir(sv, err) && campaign_mkdir(sv->findings_dir.data, err) &&
         campaign_mkdir(sv->logs_dir.data, err);
}

static bool setup_shared(Supervisor *sv, StrBuf *err) {
  void *p = mmap(NULL, sizeof(CampaignShared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) {
    strbuf_printf(err, "cannot map shared memory: %s", strerror(errno));
    return false;
  }
  sv->sh = p;
  CampaignShared *sh = sv->sh;
  uint64_t limit = SEED_MAX + 1;
  if (sv->o.runs && sv->o.runs < limit - sv->state.base_seed) limit = sv->state.base_seed + sv->o.runs;
  atomic_store(&sh->next, sv->state.next < limit ? sv->state.next : limit);
  sh->limit = limit;
  sh->npending = sv->state.npending;
  memcpy(sh->pending, sv->state.pending, sizeof(uint64_t) * sv->state.npending);
  atomic_store(&sh->pending_next, 0);
  atomic_store(&sh->stop, 0);
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    strbuf_printf(err, "cannot make a pipe: %s", strerror(errno));
    return false;
  }
  sv->msg_rd = fds[0];
  sv->msg_wr = fds[1];
  fcntl(sv->msg_rd, F_SETFL, fcntl(sv->msg_rd, F_GETFL) | O_NONBLOCK);
  return true;
}

static bool validate(const CampaignOptions *o, StrBuf *err) {
  if (!o->out_dir || !*o->out_dir) return strbuf_printf(err, "no output directory"), false;
  if (o->jobs < 1 || o->jobs > CAMPAIGN_MAX_JOBS)
    return strbuf_printf(err, "jobs must be between 1 and %d", CAMPAIGN_MAX_JOBS), false;
  if (o->seed > SEED_MAX) return strbuf_printf(err, "seed too large"), false;
  if (o->timeout < 1) return strbuf_printf(err, "timeout must be at least 1 second"), false;
  if (o->oracle.nconfigs < 1 || o->oracle.nconfigs > ORACLE_MAX_CONFIGS)
    return strbuf_printf(err, "bad configurations"), false;
  return true;
}

/* ------------------------------------------------------------ the loop */

static void supervise(Supervisor *sv) {
  for (;;) {
    struct pollfd pfd = {sv->msg_rd, POLLIN, 0};
    poll(&pfd, 1, TICK_MS);
    read_messages(sv);
    reap_workers(sv);
    kill_hung_workers(sv);
    bool out_of_time = sv->o.seconds > 0 && (double)session_ms(sv) >= sv->o.seconds * 1000.0;
    if (!sv->stopping && (stop_signals > 0 || out_of_time)) {
      sv->stopping = true;
      atomic_store(&sv->sh->stop, 1);
    }
    if (stop_signals > 1) kill_all_workers(sv);
    /* A worker that died was restarted above unless it is finished. */
    if (!workers_running(sv)) break;
    show_status(sv, false);
    if (campaign_now_ms() - sv->last_state_ms >= STATE_EVERY_MS) write_state(sv);
  }
  read_messages(sv);
}

static void fill_summary(Supervisor *sv, CampaignSummary *sum) {
  memset(sum, 0, sizeof *sum);
  sum->session = session_counters(sv);
  sum->total = sv->state.counters;
  counters_add(&sum->total, &sum->session);
  sum->session_seconds = (double)session_ms(sv) / 1000.0;
  sum->total_seconds = (double)(sv->state.elapsed_ms + session_ms(sv)) / 1000.0;
  sum->base_seed = sv->state.base_seed;
  sum->next_seed = atomic_load(&sv->sh->next);
  sum->signatures = sv->state.sigs.n;
  sum->findings = each_finding(sv, NULL);
  sum->interrupted = stop_signals > 0;
}

static void print_summary(Supervisor *sv, const CampaignSummary *sum) {
  FILE *f = sv->o.status;
  if (!f) return;
  show_status(sv, true);
  status_break(sv);
  const CampaignCounters *s = &sum->session, *t = &sum->total;
  fprintf(f, "lockstep fuzz: %s after %.1f s: %" PRIu64 " executions (%.0f/s) on %u worker%s\n",
          sum->interrupted ? "interrupted" : "stopped", sum->session_seconds, s->execs,
          sum->session_seconds > 0 ? (double)s->execs / sum->session_seconds : 0.0, sv->o.jobs,
          sv->o.jobs == 1 ? "" : "s");
  char range[64];
  if (sum->next_seed > sum->base_seed)
    snprintf(range, sizeof range, "programs %" PRIu64 "..%" PRIu64, sum->base_seed, sum->next_seed - 1);
  else
    snprintf(range, sizeof range, "no programs yet from %" PRIu64, sum->base_seed);
  fprintf(f, "  campaign %s: %s (size %u, fuel %" PRId64 "), %" PRIu64 " executions in %.1f s, %" PRIu64
             " traces compiled\n",
          sv->out_dir.data, range, sv->o.gen.size, sv->o.oracle.fuel, t->execs, sum->total_seconds, t->traces);
  fprintf(f, "  divergences %" PRIu64 ", crashes %" PRIu64 ", hangs %" PRIu64 ", generator errors %" PRIu64
             ", inconclusive %" PRIu64 "\n",
          t->divergences, t->crashes, t->hangs, t->gen_errors, t->inconclusive);
  fprintf(f, "  %" PRIu64 " unique signature%s", sum->signatures, sum->signatures == 1 ? "" : "s");
  fprintf(f, sum->signatures ? " (findings in %s):\n" : "\n", sv->findings_dir.data);
  for (size_t i = 0; i < sv->state.sigs.n; i++) {
    const SigEntry *e = &sv->state.sigs.v[i];
    char name[CAMPAIGN_NAME_MAX + 1];
    campaign_signature_dirname(e->signature, name);
    fprintf(f, "    %6" PRIu64 "  %s  (%s/)\n", e->count, e->signature, name);
  }
  fprintf(f, "  progress saved in %s/state: the same command continues the campaign\n", sv->out_dir.data);
  fflush(f);
}

static void supervisor_free(Supervisor *sv) {
  for (uint32_t w = 0; w < CAMPAIGN_MAX_JOBS; w++)
    if (sv->workers[w].pid > 0) {
      kill(sv->workers[w].pid, SIGKILL);
      waitpid(sv->workers[w].pid, NULL, 0);
    }
  if (sv->sh) munmap(sv->sh, sizeof(CampaignShared));
  if (sv->msg_rd >= 0) close(sv->msg_rd);
  if (sv->msg_wr >= 0) close(sv->msg_wr);
  if (sv->lock_fd >= 0) close(sv->lock_fd);
  campaign_state_free(&sv->state);
  strbuf_free(&sv->out_dir);
  strbuf_free(&sv->findings_dir);
  strbuf_free(&sv->logs_dir);
  strbuf_free(&sv->state_path);
  strbuf_free(&sv->scratch);
  free(sv);
}

static Supervisor *supervisor_new(const CampaignOptions *o) {
  Supervisor *sv = calloc(1, sizeof *sv);
  if (!sv) return NULL;
  sv->o = *o;
  sv->lock_fd = sv->msg_rd = sv->msg_wr = -1;
  strbuf_init(&sv->out_dir);
  strbuf_init(&sv->findings_dir);
  strbuf_init(&sv->logs_dir);
  strbuf_init(&sv->state_path);
  strbuf_init(&sv->scratch);
  campaign_state_init(&sv->state);
  return sv;
}

static bool prepare(Supervisor *sv, StrBuf *err) {
  if (!validate(&sv->o, err) || !setup_dirs(sv, err)) return false;
  bool exists = false;
  if (!campaign_state_read(sv->state_path.data, &sv->state, &exists, err)) return false;
  if (!resolve_options(sv, exists, err)) return false;
  campaign_findings_cleanup(sv->findings_dir.data);
  each_finding(sv, add_found);
  if (!setup_shared(sv, err)) return false;
  sv->tty = sv->o.status_tty >= 0 ? sv->o.status_tty : (sv->o.status && isatty(fileno(sv->o.status)));
  return true;
}

bool campaign_run(const CampaignOptions *o, CampaignSummary *summary, StrBuf *err) {
  memset(summary, 0, sizeof *summary);
  Supervisor *sv = supervisor_new(o);
  if (!sv) return strbuf_printf(err, "out of memory"), false;
  if (!prepare(sv, err)) {
    supervisor_free(sv);
    return false;
  }
  SavedSignals saved;
  install_signals(&saved);
  sv->start_ms = sv->last_state_ms = campaign_now_ms();
  sv->last_status_ms = sv->start_ms - STATUS_LINE_EVERY_MS; /* show the first line at once */
  bool started = true;
  for (uint32_t w = 0; w < sv->o.jobs && started; w++) started = start_worker(sv, w);
  if (!started) {
    sv->stopping = true;
    atomic_store(&sv->sh->stop, 1);
  }
  supervise(sv);
  write_state(sv);
  fill_summary(sv, summary);
  print_summary(sv, summary);
  restore_signals(&saved);
  bool ok = started;
  if (!started) strbuf_printf(err, "cannot start the workers");
  supervisor_free(sv);
  return ok;
}
