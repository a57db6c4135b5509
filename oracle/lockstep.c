/* Lockstep re-runs and the oracle in child processes (oracle/lockstep.h,
 * docs/lockstep.md).
 *
 * A side (one engine configuration) runs in its own VM with a checkpoint
 * hook. Three kinds of run, each in a child process when isolated:
 *   log   every checkpoint appends a record (a cheap hash of the frame,
 *         and at sampled checkpoints a digest of the reachable heap) to a
 *         log in shared memory, so that a child that dies leaves every
 *         record it wrote;
 *   text  the same hook, but at one chosen checkpoint the frame, globals
 *         and heap are written out as text, with the tier-2 side's last
 *         trace exit named from the trace dump;
 *   end   the oracle's own end-state capture (lockstep_oracle_run).
 * The comparison: log both sides with heap digests at every Kth
 * checkpoint; if a sampled heap digest is the first difference, log again
 * with a digest at every checkpoint of the window before it; then capture
 * both states as text at the first differing checkpoint. */
#include "oracle/lockstep.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jit/tier2.h"
#include "vm/exc.h"
#include "vm/heap.h"
#include "vm/interp.h"
#include "vm/opcodes.h"
#include "vm/ops.h"

/* ------------------------------------------------------------ child processes */

/* Where a run writes what it reports: a pipe to the parent, or a buffer. */
typedef struct Channel {
  int fd;      /* >= 0: a pipe */
  StrBuf *buf; /* else */
} Channel;

static void chan_write(Channel *ch, const void *data, size_t len) {
  if (ch->fd < 0) {
    strbuf_append(ch->buf, data, len);
    return;
  }
  const char *p = data;
  while (len > 0) {
    ssize_t n = write(ch->fd, p, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return; /* the parent is gone: nothing to report to */
    p += n;
    len -= (size_t)n;
  }
}

typedef void (*ChildFn)(void *ctx, Channel *ch);

typedef enum ChildStatus { CHILD_OK, CHILD_DIED, CHILD_TIMED_OUT, CHILD_IN_PROCESS } ChildStatus;

static void describe_wait_status(int status, unsigned timeout, char *why, size_t whysz) {
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    if (sig == SIGALRM && timeout) snprintf(why, whysz, "timed out after %u s", timeout);
    else snprintf(why, whysz, "killed by signal %d (%s)", sig, strsignal(sig));
  } else if (WIFEXITED(status)) {
    snprintf(why, whysz, "exited with status %d (a sanitizer report or an abort)", WEXITSTATUS(status));
  } else {
    snprintf(why, whysz, "ended with wait status %d", status);
  }
}

/* Child side: stderr silenced when asked, a time limit, fn, then _exit
 * (no atexit handlers: they belong to the parent). */
static void child_main(ChildFn fn, void *ctx, const LockstepChild *opt, int fd) {
  if (opt->quiet) {
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0) dup2(null, 2);
  }
  signal(SIGALRM, SIG_DFL);
  if (opt->timeout_seconds) alarm(opt->timeout_seconds);
  Channel ch = {.fd = fd};
  fn(ctx, &ch);
  _exit(0);
}

/* Runs fn in a child process when opt->isolate (else here), collecting what
 * it writes into data. CHILD_DIED, CHILD_TIMED_OUT: why says how. */
static ChildStatus run_child(ChildFn fn, void *ctx, const LockstepChild *opt, StrBuf *data, char *why, size_t whysz) {
  why[0] = '\0';
  if (opt->isolate) {
    int fds[2];
    fflush(NULL);
    if (pipe(fds) == 0) {
      pid_t pid = fork();
      if (pid == 0) {
        close(fds[0]);
        child_main(fn, ctx, opt, fds[1]);
      }
      close(fds[1]);
      if (pid > 0) {
        char buf[65536];
        for (;;) {
          ssize_t n = read(fds[0], buf, sizeof buf);
          if (n < 0 && errno == EINTR) continue;
          if (n <= 0) break;
          strbuf_append(data, buf, (size_t)n);
        }
        close(fds[0]);
        int status = 0;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return CHILD_OK;
        describe_wait_status(status, opt->timeout_seconds, why, whysz);
        bool alarm_rang = WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM && opt->timeout_seconds;
        return alarm_rang ? CHILD_TIMED_OUT : CHILD_DIED;
      }
      close(fds[0]);
    }
  }
  Channel ch = {.fd = -1, .buf = data};
  fn(ctx, &ch);
  return CHILD_IN_PROCESS;
}

/* ------------------------------------------------------------ the oracle, isolated */

typedef struct CaptureRecord {
  uint32_t index;
  int32_t status;
  char why[128];
  int32_t outcome;
  int64_t fuel_left, live_at_end, heap_bytes_at_end, leaked, objects_walked;
  uint64_t digest[ORACLE_WHAT_COUNT];
  Tier2Stats stats;
} CaptureRecord;

typedef struct OracleChild {
  const Module *module;
  const OracleOptions *opts;
  uint32_t first, n;
  unsigned timeout; /* per configuration */
} OracleChild;

static void oracle_child(void *vctx, Channel *ch) {
  OracleChild *oc = vctx;
  OracleCapture cap;
  OracleWalk walk;
  oracle_capture_init(&cap);
  oracle_walk_init(&walk);
  for (uint32_t i = oc->first; i < oc->n; i++) {
    if (oc->timeout && ch->fd >= 0) alarm(oc->timeout); /* each configuration gets the whole time */
    oracle_capture_run(&cap, oc->module, &oc->opts->configs[i], oc->opts, false, &walk);
    CaptureRecord rec;
    memset(&rec, 0, sizeof rec);
    rec.index = i;
    rec.status = (int32_t)cap.status;
    memcpy(rec.why, cap.why, sizeof rec.why);
    rec.outcome = cap.outcome;
    rec.fuel_left = cap.fuel_left;
    rec.live_at_end = cap.live_at_end;
    rec.heap_bytes_at_end = cap.heap_bytes_at_end;
    rec.leaked = cap.leaked;
    rec.objects_walked = cap.objects_walked;
    memcpy(rec.digest, cap.digest, sizeof rec.digest);
    rec.stats = cap.stats;
    chan_write(ch, &rec, sizeof rec);
  }
  oracle_capture_free(&cap);
  oracle_walk_free(&walk);
}

static void capture_from_record(OracleCapture *c, const OracleConfig *config, const CaptureRecord *rec) {
  strbuf_clear(&c->output);
  for (int i = 0; i < ORACLE_WHAT_COUNT; i++) strbuf_clear(&c->text[i]);
  c->config = *config;
  c->status = (OracleRunStatus)rec->status;
  memcpy(c->why, rec->why, sizeof c->why);
  c->why[sizeof c->why - 1] = '\0';
  c->outcome = rec->outcome;
  c->fuel_left = rec->fuel_left;
  c->live_at_end = rec->live_at_end;
  c->heap_bytes_at_end = rec->heap_bytes_at_end;
  c->leaked = rec->leaked;
  c->objects_walked = rec->objects_walked;
  memcpy(c->digest, rec->digest, sizeof c->digest);
  c->has_text = false;
  c->stats = rec->stats;
  c->copied = false;
  c->copied_from[0] = '\0';
}

static void capture_crashed(OracleCapture *c, const OracleConfig *config, const char *why) {
  CaptureRecord none;
  memset(&none, 0, sizeof none);
  capture_from_record(c, config, &none);
  oracle_capture_set_crash(c, why);
}

OracleVerdict lockstep_oracle_run(OracleResult *r, const Module *module, const OracleOptions *opts,
                                  const LockstepChild *child) {
  if (!child || !child->isolate) return oracle_run(r, module, opts, false);
  uint32_t n = opts->nconfigs < ORACLE_MAX_CONFIGS ? opts->nconfigs : ORACLE_MAX_CONFIGS;
  r->nconfigs = n;
  r->where[0] = '\0';
  StrBuf data;
  strbuf_init(&data);
  for (uint32_t first = 0; first < n;) {
    OracleChild oc = {.module = module, .opts = opts, .first = first, .n = n, .timeout = child->timeout_seconds};
    char why[128];
    strbuf_clear(&data);
    ChildStatus st = run_child(oracle_child, &oc, child, &data, why, sizeof why);
    size_t nrec = data.len / sizeof(CaptureRecord);
    for (size_t k = 0; k < nrec; k++) {
      CaptureRecord rec;
      memcpy(&rec, data.data + k * sizeof rec, sizeof rec);
      if (rec.index != first || first >= n) break; /* records come in order */
      capture_from_record(&r->caps[first], &opts->configs[first], &rec);
      first++;
    }
    bool died = st == CHILD_DIED || st == CHILD_TIMED_OUT;
    if (died && first < n) {
      capture_crashed(&r->caps[first], &opts->configs[first], why);
      first++;
    } else if (first < n) {
      capture_crashed(&r->caps[first], &opts->configs[first], "the run ended without a capture");
      first++;
    }
  }
  strbuf_free(&data);
  return oracle_judge(r);
}

/* ------------------------------------------------------------ one side's run */

typedef struct CheckRecord {
  uint64_t frame_hash;
  uint64_t heap_digest;   /* when has_heap */
  uint32_t code_index, ip;
  uint32_t depth;
  uint8_t kind, has_heap;
  uint16_t pad;
  uint32_t exit_trace, exit_uop; /* the last trace exit before it (0/0: none) */
  uint64_t exits_before;
} CheckRecord;

/* A log in memory shared with the child (MAP_SHARED), so that the records
 * of a child that dies are still there. */
typedef struct CheckLog {
  uint64_t count, cap;
  uint64_t exits;
  uint32_t finished, overflow;
  uint32_t last_exit_trace, last_exit_uop; /* the last trace exit of the run so far */
  uint64_t end[ORACLE_WHAT_COUNT]; /* when finished: the end state, per category */
  CheckRecord recs[];
} CheckLog;

enum {
  LOG_MAX_RECORDS = 1 << 22,
  HEAP_WALK_CHEAP = 256,  /* live objects a heap digest may cost at the base rate */
  HEAP_GAP_MAX = 1 << 24,
  NARROW_POINTS = 16,     /* heap digests per narrowing run */
};

static size_t log_bytes(uint64_t cap) { return sizeof(CheckLog) + (size_t)cap * sizeof(CheckRecord); }

static CheckLog *log_new(int64_t fuel) {
  /* Every call and back-edge costs fuel, so there are at most about two
   * checkpoints per unit of fuel. */
  uint64_t cap = (uint64_t)(fuel > 0 ? fuel : 0) * 2 + 64;
  if (cap > LOG_MAX_RECORDS) cap = LOG_MAX_RECORDS;
  void *p = mmap(NULL, log_bytes(cap), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) return NULL;
  CheckLog *log = p;
  log->count = log->exits = 0;
  log->finished = log->overflow = 0;
  log->last_exit_trace = log->last_exit_uop = 0;
  memset(log->end, 0, sizeof log->end);
  log->cap = cap;
  return log;
}

static void log_free(CheckLog *log) {
  if (log) munmap(log, log_bytes(log->cap));
}

typedef enum RunMode { RUN_LOG, RUN_TEXT } RunMode;

typedef struct SideRun {
  const Module *module;
  const LockstepSide *side;
  const LockstepOptions *opts;
  RunMode mode;
  CheckLog *log;           /* RUN_LOG */
  /* Heap digests: at the checkpoints in points[] when given (narrowing
   * down), else adaptively: after a digest, the next comes heap_every
   * checkpoints later, times the live objects over HEAP_WALK_CHEAP, so
   * that a big heap is walked rarely (a deterministic schedule: two sides
   * in the same state sample at the same checkpoints). */
  uint32_t heap_every;
  const uint64_t *points;
  size_t npoints, next_point;
  uint64_t next_sample;
  uint64_t text_at;        /* RUN_TEXT: the checkpoint to describe */
  Channel *ch;             /* RUN_TEXT: where the description goes */
  bool text_done;
  StrBuf dump;             /* RUN_TEXT, tier 2: trace descriptions */
  size_t dump_sent;
  /* while running */
  uint64_t index;
  uint64_t exits;
  uint32_t exit_trace, exit_uop;
  uint64_t out_hash;
  size_t out_hashed;
  OracleWalk walk;
} SideRun;

static uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
  h *= 0xff51afd7ed558ccdull;
  return h ^ (h >> 33);
}

static uint64_t float_bits(double f) {
  if (f != f) return 0x7ff8000000000000ull; /* NaN payloads are not observable */
  uint64_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}

/* What a value is, without following references far: immediates by value,
 * objects by kind and what their header says (length, str hash, ...). The
 * heap digest covers the rest. */
static uint64_t value_shallow_hash(uint64_t h, Value v) {
  h = mix(h, v.tag);
  switch (v.tag) {
  case V_NONE:
  case V_UNBOUND: return h;
  case V_BOOL:
  case V_INT:
  case V_BUILTIN: return mix(h, (uint64_t)v.as.i);
  case V_FLOAT: return mix(h, float_bits(v.as.f));
  case V_OBJ: break;
  default: return h;
  }
  const Obj *o = v.as.o;
  h = mix(h, o->kind);
  switch ((ObjKind)o->kind) {
  case OBJ_STR: return mix(mix(h, ((const ObjStr *)o)->hash), (uint64_t)((const ObjStr *)o)->nbytes);
  case OBJ_LIST: return mix(h, (uint64_t)((const ObjList *)o)->len);
  case OBJ_TUPLE: return mix(h, (uint64_t)((const ObjTuple *)o)->len);
  case OBJ_DICT: return mix(h, (uint64_t)((const ObjDict *)o)->len);
  case OBJ_RANGE: return mix(mix(h, (uint64_t)((const ObjRange *)o)->start), (uint64_t)((const ObjRange *)o)->len);
  case OBJ_FUNCTION: return mix(h, ((const ObjFunction *)o)->code_index);
  case OBJ_EXCEPTION: return mix(h, (uint64_t)(int64_t)((const ObjException *)o)->type);
  case OBJ_ITER: return mix(mix(h, ((const ObjIter *)o)->iter), (uint64_t)((const ObjIter *)o)->i);
  case OBJ_DICTVIEW:
  case OBJ_KIND_COUNT: break;
  }
  return h;
}

/* Output is appended to vm->out (the oracle's VMs have no sink): hash the
 * new bytes only. */
static void hash_new_output(SideRun *s, const VM *vm) {
  if (vm->out.len < s->out_hashed) s->out_hashed = 0; /* a sink took it (not in oracle VMs) */
  for (size_t i = s->out_hashed; i < vm->out.len; i++)
    s->out_hash = (s->out_hash ^ (unsigned char)vm->out.data[i]) * 0x100000001b3ull;
  s->out_hashed = vm->out.len;
}

static uint64_t frame_hash(SideRun *s, const VM *vm, CheckpointKind kind, const Frame *f, uint32_t ip) {
  hash_new_output(s, vm);
  uint64_t h = mix(mix(mix(0x6c6f636b, (uint64_t)kind), f->code_index), ip);
  h = mix(mix(h, (uint64_t)vm->depth), (uint64_t)vm->fuel);
  h = mix(mix(h, s->out_hash), (uint64_t)vm->out.len);
  h = mix(h, (uint64_t)(f->sp - f->slots));
  for (const Value *v = f->slots; v < f->sp; v++) h = value_shallow_hash(h, *v);
  return h;
}

/* One local or stack value as a token of the walk ("<unbound>" for an
 * empty local, which the walk does not know). */
static void emit_slot(OracleWalk *w, OracleEmit *e, Value v) {
  if (v.tag == V_UNBOUND) {
    oracle_emit_word(e, 0x554e424f554e44ull);
    oracle_emit_text(e, "<unbound>");
    return;
  }
  oracle_walk_value(w, e, v);
}

static void emit_local_name(OracleEmit *e, const Code *c, uint32_t i) {
  if (!oracle_emit_wants_text(e)) return;
  oracle_emit_text(e, "  ");
  if (c->local_names && i < c->nlocals && c->local_names[i].data && c->local_names[i].len)
    oracle_quote(e->text[e->cur], c->local_names[i].data, c->local_names[i].len, 64);
  else
    oracle_emit_textf(e, "local%u", i);
  oracle_emit_text(e, " = ");
}

/* The frame's locals and stack (category OUTCOME, which nothing else uses
 * here), the globals, and every object they reach (HEAP, REFCOUNT). */
static void walk_state(SideRun *s, VM *vm, const Frame *f, OracleEmit *e) {
  OracleWalk *w = &s->walk;
  oracle_walk_begin(w, vm);
  if (vm->globals) oracle_walk_globals(w, e, vm->globals);
  oracle_emit_select(e, ORACLE_WHAT_OUTCOME);
  const Code *c = f->code;
  uint32_t nlocals = c ? c->nlocals : 0;
  oracle_emit_text(e, "locals:\n");
  for (uint32_t i = 0; i < nlocals && f->slots + i < f->sp; i++) {
    emit_local_name(e, c, i);
    emit_slot(w, e, f->slots[i]);
    oracle_emit_text(e, "\n");
  }
  int64_t nstack = f->sp - f->stack;
  oracle_emit_textf(e, "stack (%lld, bottom first):\n", (long long)nstack);
  oracle_emit_word(e, (uint64_t)nstack);
  for (int64_t i = 0; i < nstack; i++) {
    oracle_emit_textf(e, "  [%lld] = ", (long long)i);
    emit_slot(w, e, f->stack[i]);
    oracle_emit_text(e, "\n");
  }
  oracle_walk_drain(w, e);
  oracle_walk_end(w);
}

static uint64_t heap_digest(SideRun *s, VM *vm, const Frame *f) {
  OracleEmit e;
  oracle_emit_begin(&e, NULL);
  walk_state(s, vm, f, &e);
  uint64_t h = mix(e.digest[ORACLE_WHAT_OUTCOME], e.digest[ORACLE_WHAT_GLOBALS]);
  h = mix(h, e.digest[ORACLE_WHAT_HEAP]);
  return mix(h, s->walk.failed ? 1 : e.digest[ORACLE_WHAT_REFCOUNT]);
}

const char *lockstep_kind_name(CheckpointKind kind) {
  switch (kind) {
  case CHECKPOINT_CALL: return "call";
  case CHECKPOINT_RETURN: return "return";
  case CHECKPOINT_BACKEDGE: return "backedge";
  case CHECKPOINT_EXIT: return "exit";
  }
  return "?";
}

static int opcode_at(const Module *m, uint32_t code_index, uint32_t ip) {
  if (code_index >= m->nfuncs) return -1;
  Instr in;
  return instr_decode(&m->funcs[code_index], ip, &in) ? in.op : -1;
}

static void append_function_name(StrBuf *sb, const Module *m, uint32_t code_index) {
  const Bytes *name = code_index < m->nfuncs ? &m->funcs[code_index].name : NULL;
  if (name && name->data && name->len) oracle_quote(sb, name->data, name->len, 64);
  else strbuf_printf(sb, "code%u", code_index);
}

/* ---- trace dumps: naming the uop a trace exit came from ---- */

/* The line after `p` (or the end). */
static const char *next_line(const char *p, const char *end) {
  const char *nl = memchr(p, '\n', (size_t)(end - p));
  return nl ? nl + 1 : end;
}

/* The uop name on a dump line: "  %3u NAME ..." (uop interpreter) or
 * "  0x%04zx %4u  NAME ..." (machine code). */
static void uop_name_of_line(const char *line, const char *end, char *out, size_t outsz) {
  const char *tok[3];
  size_t len[3];
  int n = 0;
  for (const char *p = line; p < end && *p != '\n' && n < 3;) {
    while (p < end && (*p == ' ' || *p == '\t')) p++;
    if (p >= end || *p == '\n') break;
    tok[n] = p;
    while (p < end && *p != ' ' && *p != '\t' && *p != '\n') p++;
    len[n] = (size_t)(p - tok[n]);
    n++;
  }
  int want = n >= 1 && len[0] > 2 && tok[0][0] == '0' && tok[0][1] == 'x' ? 2 : 1;
  out[0] = '\0';
  if (want < n) snprintf(out, outsz, "%.*s", (int)len[want], tok[want]);
}

/* In a dump, trace `id`'s uop number `uop`: its name into out, and an
 * excerpt (the trace's header and the uops around it) into excerpt. */
static void dump_find_uop(const StrBuf *dump, uint32_t id, uint32_t uop, char *out, size_t outsz, StrBuf *excerpt) {
  out[0] = '\0';
  if (!dump->data || id == 0) return;
  const char *p = dump->data, *end = dump->data + dump->len;
  char head[32];
  int hl = snprintf(head, sizeof head, "trace %u:", id);
  for (; p < end; p = next_line(p, end)) {
    if ((size_t)(end - p) < (size_t)hl || memcmp(p, head, (size_t)hl) != 0) continue;
    const char *line = next_line(p, end);
    strbuf_append(excerpt, p, (size_t)(line - p));
    if (line < end && line[0] == ' ' && (line + 1 >= end || line[1] != ' ')) line = next_line(line, end); /* its globals */
    for (uint32_t k = 0; line < end && line[0] == ' ' && line[1] == ' '; k++, line = next_line(line, end)) {
      const char *after = next_line(line, end);
      if (k == uop) uop_name_of_line(line, end, out, outsz);
      if (k + 3 >= uop && k <= uop + 1) {
        strbuf_puts(excerpt, k == uop ? "=>" : "  ");
        strbuf_append(excerpt, line, (size_t)(after - line));
      }
    }
    return;
  }
}

/* Dump lines of CHECKPOINT uops reporting (kind, ip) in functions named
 * like the checkpoint's: the traces that may have reported it. */
static void dump_find_checkpoint_uops(const StrBuf *dump, const Bytes *fname, CheckpointKind kind, uint32_t ip,
                                      StrBuf *out) {
  if (!dump->data) return;
  const char *p = dump->data, *end = dump->data + dump->len;
  char want[64];
  snprintf(want, sizeof want, "oparg=%u ", (unsigned)kind);
  char target[32];
  int tl = snprintf(target, sizeof target, "target=%u", ip);
  unsigned trace = 0;
  bool same_function = false;
  for (uint32_t k = 0; p < end; p = next_line(p, end)) {
    const char *nl = next_line(p, end);
    size_t len = (size_t)(nl - p);
    if (len > 6 && memcmp(p, "trace ", 6) == 0) {
      trace = (unsigned)strtoul(p + 6, NULL, 10);
      const char *colon = memchr(p, ':', len);
      same_function = colon && fname && (size_t)(nl - colon) > fname->len + 2 &&
                      memcmp(colon + 2, fname->data ? fname->data : "", fname->len) == 0 &&
                      colon[2 + fname->len] == ' ';
      k = 0;
      continue;
    }
    if (len < 2 || p[0] != ' ' || p[1] != ' ') continue;
    char line[256];
    snprintf(line, sizeof line, "%.*s", (int)(len > 255 ? 255 : len), p);
    char *t = strstr(line, target);
    bool match = same_function && strstr(line, " CHECKPOINT ") && strstr(line, want) && t &&
                 (t[tl] == '\0' || t[tl] == '\n' || t[tl] == ' ');
    if (match) strbuf_printf(out, "trace %u uop %u, ", trace, k);
    k++;
  }
  if (out->len >= 2 && out->data[out->len - 2] == ',') {
    out->len -= 2;
    out->data[out->len] = '\0';
  }
}

/* ---- the text of one checkpoint's state ---- */

/* What a text run sends: the state at the checkpoint, the last trace exit
 * before it ("TRACE UOP"), and the trace dump as it grows (sent as soon as
 * it grows, so that a run that dies has sent the traces it compiled). */
enum { MSG_STATE = 'S', MSG_EXIT = 'X', MSG_DUMP = 'D' };

static void send_message(Channel *ch, char tag, const char *data, size_t len) {
  uint32_t n = len > UINT32_MAX ? UINT32_MAX : (uint32_t)len;
  chan_write(ch, &tag, 1);
  chan_write(ch, &n, sizeof n);
  chan_write(ch, data ? data : "", n);
}

static void describe_state(SideRun *s, VM *vm, CheckpointKind kind, const Frame *f, uint32_t ip) {
  StrBuf text[ORACLE_WHAT_COUNT];
  StrBuf *tp[ORACLE_WHAT_COUNT] = {0};
  for (int i = 0; i < ORACLE_WHAT_COUNT; i++) strbuf_init(&text[i]);
  tp[ORACLE_WHAT_OUTCOME] = &text[ORACLE_WHAT_OUTCOME];
  tp[ORACLE_WHAT_GLOBALS] = &text[ORACLE_WHAT_GLOBALS];
  tp[ORACLE_WHAT_HEAP] = &text[ORACLE_WHAT_HEAP];
  tp[ORACLE_WHAT_REFCOUNT] = &text[ORACLE_WHAT_REFCOUNT];
  OracleEmit e;
  oracle_emit_begin(&e, tp);
  walk_state(s, vm, f, &e);

  StrBuf sb;
  strbuf_init(&sb);
  int op = opcode_at(s->module, f->code_index, ip);
  strbuf_printf(&sb, "%s in ", lockstep_kind_name(kind));
  append_function_name(&sb, s->module, f->code_index);
  strbuf_printf(&sb, " (function %u) at offset %u: %s, line %u\n", f->code_index, ip,
                op >= 0 ? opcode_info[op].name : "?", code_line_at(f->code, ip));
  strbuf_printf(&sb, "frames %d, fuel left %lld, stdout %zu bytes\n", vm->depth, (long long)vm->fuel, vm->out.len);
  strbuf_append(&sb, text[ORACLE_WHAT_OUTCOME].data ? text[ORACLE_WHAT_OUTCOME].data : "", text[ORACLE_WHAT_OUTCOME].len);
  strbuf_puts(&sb, "globals:\n");
  strbuf_append(&sb, text[ORACLE_WHAT_GLOBALS].data ? text[ORACLE_WHAT_GLOBALS].data : "", text[ORACLE_WHAT_GLOBALS].len);
  strbuf_puts(&sb, "heap:\n");
  strbuf_append(&sb, text[ORACLE_WHAT_HEAP].data ? text[ORACLE_WHAT_HEAP].data : "", text[ORACLE_WHAT_HEAP].len);
  strbuf_puts(&sb, "refcounts:\n");
  strbuf_append(&sb, text[ORACLE_WHAT_REFCOUNT].data ? text[ORACLE_WHAT_REFCOUNT].data : "", text[ORACLE_WHAT_REFCOUNT].len);
  if (sb.len > LOCKSTEP_STATE_TEXT_MAX) { /* a huge heap: its beginning is enough */
    size_t keep = LOCKSTEP_STATE_TEXT_MAX;
    while (keep > 0 && sb.data[keep - 1] != '\n') keep--;
    size_t cut = sb.len - keep;
    sb.len = keep;
    sb.data[keep] = '\0';
    strbuf_printf(&sb, "... (%zu more bytes of state)\n", cut);
  }
  send_message(s->ch, MSG_STATE, sb.data, sb.len);
  char exit_msg[32];
  int n = snprintf(exit_msg, sizeof exit_msg, "%u %u", s->exit_trace, s->exit_uop);
  send_message(s->ch, MSG_EXIT, exit_msg, n > 0 ? (size_t)n : 0);
  strbuf_free(&sb);
  for (int i = 0; i < ORACLE_WHAT_COUNT; i++) strbuf_free(&text[i]);
}

static void send_new_dump(SideRun *s) {
  if (s->dump.len <= s->dump_sent) return;
  send_message(s->ch, MSG_DUMP, s->dump.data + s->dump_sent, s->dump.len - s->dump_sent);
  s->dump_sent = s->dump.len;
}

static bool wants_heap_digest(SideRun *s, const VM *vm, uint64_t index) {
  if (s->points) {
    if (s->next_point >= s->npoints || s->points[s->next_point] != index) return false;
    s->next_point++;
    return true;
  }
  if (index < s->next_sample) return false;
  uint64_t scale = (uint64_t)vm->live_objects / HEAP_WALK_CHEAP;
  uint64_t gap = (uint64_t)s->heap_every * (scale ? scale : 1);
  s->next_sample = index + (gap < HEAP_GAP_MAX ? gap : HEAP_GAP_MAX);
  return true;
}

static void on_checkpoint(VM *vm, CheckpointKind kind, const Frame *f, uint32_t ip, uint64_t aux) {
  SideRun *s = vm->checkpoint_ctx;
  if (s->mode == RUN_TEXT) send_new_dump(s);
  if (kind == CHECKPOINT_EXIT) {
    s->exits++;
    s->exit_trace = (uint32_t)(aux >> 32);
    s->exit_uop = (uint32_t)aux;
    if (s->log) {
      s->log->exits = s->exits;
      s->log->last_exit_trace = s->exit_trace;
      s->log->last_exit_uop = s->exit_uop;
    }
    return;
  }
  uint64_t index = s->index++;
  /* The hook gets the engine's own frame; only test hooks change it. */
  if (s->side->perturb) s->side->perturb(vm, kind, (Frame *)f, ip, index, s->side->perturb_ctx);
  if (s->mode == RUN_TEXT) {
    if (index == s->text_at && !s->text_done) {
      describe_state(s, vm, kind, f, ip);
      s->text_done = true;
    }
    return;
  }
  CheckLog *log = s->log;
  if (log->count >= log->cap) {
    log->overflow = 1;
    return;
  }
  CheckRecord r;
  memset(&r, 0, sizeof r);
  r.frame_hash = frame_hash(s, vm, kind, f, ip);
  r.code_index = f->code_index;
  r.ip = ip;
  r.depth = (uint32_t)vm->depth;
  r.kind = (uint8_t)kind;
  r.exit_trace = s->exit_trace;
  r.exit_uop = s->exit_uop;
  r.exits_before = s->exits;
  if (wants_heap_digest(s, vm, index)) {
    r.has_heap = 1;
    r.heap_digest = heap_digest(s, vm, f);
  }
  log->recs[log->count] = r;
  log->count++;
}

/* The end of a run, digested per category as the oracle names them (the
 * oracle's own capture cannot be used: it knows nothing of test hooks). */
static void end_state(SideRun *s, VM *vm, Outcome *out, uint64_t digest[ORACLE_WHAT_COUNT]) {
  OracleEmit e;
  oracle_emit_begin(&e, NULL);
  oracle_emit_select(&e, ORACLE_WHAT_OUTCOME);
  oracle_emit_word(&e, out->kind);
  StrBuf sb;
  strbuf_init(&sb);
  if (out->kind == OUTCOME_EXCEPTION && value_is_kind(out->value, OBJ_EXCEPTION)) {
    exc_format_last_line(vm, AS_EXCEPTION(out->value), &sb);
  } else if (out->kind == OUTCOME_RETURN && value_repr(vm, out->value, &sb) != LS_OK) {
    ObjException *x = vm_take_exc(vm);
    if (x) obj_decref(vm, &x->h);
    strbuf_clear(&sb);
  }
  oracle_emit_bytes(&e, sb.data ? sb.data : "", sb.len);
  strbuf_free(&sb);
  oracle_emit_word(&e, (uint64_t)vm->depth);
  oracle_emit_select(&e, ORACLE_WHAT_OUTPUT);
  oracle_emit_bytes(&e, vm->out.data ? vm->out.data : "", vm->out.len);
  OracleWalk *w = &s->walk;
  oracle_walk_begin(w, vm);
  if (vm->globals) oracle_walk_globals(w, &e, vm->globals);
  oracle_emit_select(&e, ORACLE_WHAT_HEAP);
  oracle_walk_value(w, &e, out->value);
  oracle_walk_drain(w, &e);
  oracle_walk_end(w);
  oracle_emit_select(&e, ORACLE_WHAT_FUEL);
  oracle_emit_word(&e, (uint64_t)vm->fuel);
  outcome_clear(vm, out);
  vm_release_roots(vm);
  oracle_emit_select(&e, ORACLE_WHAT_LEAK);
  oracle_emit_word(&e, (uint64_t)vm->live_objects);
  memcpy(digest, e.digest, sizeof e.digest);
}

/* Runs one side to its end (the child's job when isolated). */
static void side_child(void *vctx, Channel *ch) {
  SideRun *s = vctx;
  s->ch = ch;
  VMConfig vc = {.fuel = s->opts->fuel, .max_heap = s->opts->max_heap};
  VM *vm = vm_new(s->module, &vc);
  if (!vm) return;
  vm->checkpoint = on_checkpoint;
  vm->checkpoint_ctx = s;
  oracle_walk_init(&s->walk);
  Outcome out = {.kind = OUTCOME_RETURN, .value = value_none()};
  Status st;
  const OracleConfig *c = &s->side->config;
  if (c->engine == ORACLE_ENGINE_REF) {
    st = ref_run(vm, &out);
  } else {
    Tier2Config tc = {.mode = c->engine == ORACLE_ENGINE_JIT ? TIER2_JIT : TIER2_UOPS,
                      .threshold = c->threshold,
                      .lockstep = true,
                      .dump = s->mode == RUN_TEXT ? &s->dump : NULL};
    st = tier1_run(vm, &tc, &out, NULL);
  }
  if (st == LS_OK && s->log) {
    end_state(s, vm, &out, s->log->end);
    s->log->finished = 1;
  }
  if (st == LS_OK) outcome_clear(vm, &out);
  if (s->mode == RUN_TEXT) send_new_dump(s);
  oracle_walk_free(&s->walk);
  vm_free(vm);
}

typedef struct SideResult {
  bool died, timed_out;
  char why[128];
  StrBuf state, exit_info, dump;
} SideResult;

static void side_result_init(SideResult *r) {
  memset(r, 0, sizeof *r);
  strbuf_init(&r->state);
  strbuf_init(&r->exit_info);
  strbuf_init(&r->dump);
}

static void side_result_free(SideResult *r) {
  strbuf_free(&r->state);
  strbuf_free(&r->exit_info);
  strbuf_free(&r->dump);
}

/* Splits the messages of a text run into r. */
static void parse_messages(const StrBuf *data, SideResult *r) {
  size_t pos = 0;
  while (data->data && pos + 5 <= data->len) {
    char tag = data->data[pos];
    uint32_t n;
    memcpy(&n, data->data + pos + 1, sizeof n);
    pos += 5;
    if (n > data->len - pos) break; /* cut short by a dying child */
    StrBuf *dst = tag == MSG_STATE ? &r->state : tag == MSG_EXIT ? &r->exit_info : tag == MSG_DUMP ? &r->dump : NULL;
    if (dst) strbuf_append(dst, data->data + pos, n);
    pos += n;
  }
}

/* A log run of one side, with heap digests at `points` (when not NULL) or
 * on the adaptive schedule; the log (to free) or NULL when out of memory. */
static CheckLog *run_log(const Module *m, const LockstepSide *side, const LockstepOptions *opts, uint32_t heap_every,
                         const uint64_t *points, size_t npoints, SideResult *res) {
  CheckLog *log = log_new(opts->fuel);
  if (!log) return NULL;
  SideRun s = {.module = m, .side = side, .opts = opts, .mode = RUN_LOG, .log = log, .heap_every = heap_every,
               .points = points, .npoints = npoints};
  strbuf_init(&s.dump);
  StrBuf data;
  strbuf_init(&data);
  ChildStatus st = run_child(side_child, &s, &opts->child, &data, res->why, sizeof res->why);
  res->died = st == CHILD_DIED || st == CHILD_TIMED_OUT;
  res->timed_out = st == CHILD_TIMED_OUT;
  strbuf_free(&data);
  strbuf_free(&s.dump);
  return log;
}

static void run_text(const Module *m, const LockstepSide *side, const LockstepOptions *opts, uint64_t at,
                     SideResult *res) {
  SideRun s = {.module = m, .side = side, .opts = opts, .mode = RUN_TEXT, .text_at = at, .heap_every = 1};
  strbuf_init(&s.dump);
  StrBuf data;
  strbuf_init(&data);
  char why[128];
  run_child(side_child, &s, &opts->child, &data, why, sizeof why);
  parse_messages(&data, res);
  strbuf_free(&data);
  strbuf_free(&s.dump);
}

/* ------------------------------------------------------------ comparison */

void lockstep_options_from_oracle(LockstepOptions *lo, const OracleOptions *opts) {
  memset(lo, 0, sizeof *lo);
  lo->fuel = opts->fuel;
  lo->max_heap = opts->max_heap;
  lo->heap_every = LOCKSTEP_DEFAULT_HEAP_EVERY;
  lo->child = (LockstepChild){.isolate = true, .timeout_seconds = 120, .quiet = false};
}

void lockstep_result_init(LockstepResult *res) {
  memset(res, 0, sizeof *res);
  strbuf_init(&res->report);
}

void lockstep_result_free(LockstepResult *res) {
  strbuf_free(&res->report);
  memset(res, 0, sizeof *res);
}

static bool records_differ(const CheckRecord *a, const CheckRecord *b) {
  if (a->frame_hash != b->frame_hash) return true;
  return a->has_heap && b->has_heap && a->heap_digest != b->heap_digest;
}

/* The first index < n where the logs differ in frame hash (fh) and in a
 * heap digest sampled on both sides (hd); UINT64_MAX when none. */
static void first_differences(const CheckLog *a, const CheckLog *b, uint64_t n, uint64_t *fh, uint64_t *hd) {
  *fh = *hd = UINT64_MAX;
  for (uint64_t i = 0; i < n; i++) {
    const CheckRecord *x = &a->recs[i], *y = &b->recs[i];
    if (*fh == UINT64_MAX && x->frame_hash != y->frame_hash) *fh = i;
    if (*hd == UINT64_MAX && x->has_heap && y->has_heap && x->heap_digest != y->heap_digest) *hd = i;
    if (*fh != UINT64_MAX) return;
  }
}

static void fill_point(LockstepPoint *p, const Module *m, const CheckRecord *r) {
  p->valid = true;
  p->kind = (CheckpointKind)r->kind;
  p->code_index = r->code_index;
  p->ip = r->ip;
  p->opcode = opcode_at(m, r->code_index, r->ip);
  p->depth = r->depth;
}

/* Two texts in columns, `|` between rows that agree and `*` between rows
 * that differ; long lines are cut. */
static void side_by_side(StrBuf *out, const char *la, const StrBuf *a, const char *lb, const StrBuf *b) {
  enum { MAX_COL = 80, MAX_ROWS = 400 };
  static const char missing[] = "(no state: this side never got here)\n";
  const char *pa = a->len ? a->data : missing, *ea = pa + (a->len ? a->len : strlen(missing));
  const char *pb = b->len ? b->data : missing, *eb = pb + (b->len ? b->len : strlen(missing));
  size_t col = strlen(la) < MAX_COL ? strlen(la) : MAX_COL;
  for (const char *p = pa; p < ea; p = next_line(p, ea)) {
    size_t len = (size_t)(next_line(p, ea) - p);
    if (len > 0 && p[len - 1] == '\n') len--;
    if (len > col) col = len > MAX_COL ? MAX_COL : len;
  }
  strbuf_printf(out, "  %-*s   %s\n", (int)col, la, lb);
  for (int row = 0; (pa < ea || pb < eb); row++) {
    if (row == MAX_ROWS) {
      strbuf_puts(out, "  ... (cut)\n");
      break;
    }
    const char *na = pa < ea ? next_line(pa, ea) : ea, *nb = pb < eb ? next_line(pb, eb) : eb;
    size_t lena = (size_t)(na - pa), lenb = (size_t)(nb - pb);
    if (lena && pa[lena - 1] == '\n') lena--;
    if (lenb && pb[lenb - 1] == '\n') lenb--;
    bool same = lena == lenb && memcmp(pa, pb, lena) == 0;
    if (lena > col) /* cut, and marked as cut */
      strbuf_printf(out, "  %.*s... %c %.*s\n", (int)col - 3, pa, same ? '|' : '*', (int)(lenb > 200 ? 200 : lenb), pb);
    else
      strbuf_printf(out, "  %-*.*s %c %.*s\n", (int)col, (int)lena, pa, same ? '|' : '*', (int)(lenb > 200 ? 200 : lenb),
                    pb);
    pa = na;
    pb = nb;
  }
}

static void describe_point(StrBuf *out, const Module *m, const LockstepPoint *p) {
  strbuf_printf(out, "%s in ", lockstep_kind_name(p->kind));
  append_function_name(out, m, p->code_index);
  strbuf_printf(out, " (function %u) at offset %u (%s), depth %u", p->code_index, p->ip,
                p->opcode >= 0 ? opcode_info[p->opcode].name : "?", p->depth);
}

/* One comparison in progress. */
typedef struct Compare {
  const Module *m;
  const LockstepSide *sides;
  const LockstepOptions *opts;
  LockstepResult *res;
  CheckLog *logs[2];
  SideResult runs[2];
  StrBuf excerpt[2]; /* the trace around each side's last exit */
} Compare;

/* Side k's last trace exit before checkpoint `at` (from its text run, or,
 * when it never got there, the last one of its log run), named from the
 * trace dump. */
static void find_exit(Compare *c, int k, uint64_t at) {
  LockstepResult *res = c->res;
  unsigned trace = 0, uop = 0;
  const StrBuf *info = &c->runs[k].exit_info;
  if (at < c->logs[k]->count && info->data && sscanf(info->data, "%u %u", &trace, &uop) == 2) {
    res->exit_trace[k] = trace;
    res->exit_uop_index[k] = uop;
  } else {
    res->exit_trace[k] = c->logs[k]->last_exit_trace;
    res->exit_uop_index[k] = c->logs[k]->last_exit_uop;
  }
  strbuf_clear(&c->excerpt[k]);
  dump_find_uop(&c->runs[k].dump, res->exit_trace[k], res->exit_uop_index[k], res->exit_uop[k],
                sizeof res->exit_uop[k], &c->excerpt[k]);
}

static void report_exits(Compare *c, uint64_t at, const LockstepPoint *p) {
  LockstepResult *res = c->res;
  StrBuf *out = &res->report;
  for (int k = 0; k < 2; k++) {
    if (c->sides[k].config.engine == ORACLE_ENGINE_REF) continue;
    const char *name = c->sides[k].config.name;
    const char *when = at < c->logs[k]->count ? "before this checkpoint" : "before it stopped";
    if (res->exit_trace[k] == 0) {
      strbuf_printf(out, "%s: no trace exit %s\n", name, when);
    } else {
      strbuf_printf(out, "%s: last trace exit %s: trace %u, uop %u (%s)\n", name, when, res->exit_trace[k],
                    res->exit_uop_index[k], res->exit_uop[k][0] ? res->exit_uop[k] : "?");
      strbuf_append(out, c->excerpt[k].data ? c->excerpt[k].data : "", c->excerpt[k].len);
    }
    StrBuf found;
    strbuf_init(&found);
    if (p->code_index < c->m->nfuncs)
      dump_find_checkpoint_uops(&c->runs[k].dump, &c->m->funcs[p->code_index].name, p->kind, p->ip, &found);
    if (found.len)
      strbuf_printf(out, "%s: CHECKPOINT uops for this point (if a trace reported it): %s\n", name, found.data);
    strbuf_free(&found);
  }
}

/* The first category in which the end states differ: CRASH when a side
 * did not finish, SAME when they agree. */
static OracleWhat compare_end_states(const CheckLog *a, const CheckLog *b) {
  if (!a->finished || !b->finished) return ORACLE_WHAT_CRASH;
  for (int i = ORACLE_WHAT_OUTCOME; i < ORACLE_WHAT_COUNT; i++)
    if (a->end[i] != b->end[i]) return (OracleWhat)i;
  return ORACLE_WHAT_SAME;
}

static void set_where(LockstepResult *res, const char *opcode, const LockstepSide sides[2]) {
  snprintf(res->where_opcode, sizeof res->where_opcode, "%s", opcode);
  res->where_uop[0] = '\0';
  for (int k = 1; k >= 0; k--) /* the compared side first: it is usually the tier-2 one */
    if (sides[k].config.engine != ORACLE_ENGINE_REF && res->exit_uop[k][0]) {
      snprintf(res->where_uop, sizeof res->where_uop, "%s", res->exit_uop[k]);
      break;
    }
}

static void report_header(Compare *c) {
  StrBuf *out = &c->res->report;
  for (int k = 0; k < 2; k++) {
    strbuf_printf(out, "%s: %llu checkpoints, %llu trace exits", c->sides[k].config.name,
                  (unsigned long long)c->res->checkpoints[k], (unsigned long long)c->res->exits[k]);
    if (c->res->crashed[k]) strbuf_printf(out, ", crashed: %s", c->res->crash_why[k]);
    if (c->logs[k] && c->logs[k]->overflow) strbuf_puts(out, " (log full: later checkpoints not compared)");
    strbuf_puts(out, "\n");
  }
}

/* The last checkpoint before `at` where both logs have a heap digest, or
 * UINT64_MAX (none: the heaps are only known equal before the start). */
static uint64_t previous_sample(const CheckLog *a, const CheckLog *b, uint64_t at) {
  for (uint64_t i = at; i-- > 0;)
    if (a->recs[i].has_heap && b->recs[i].has_heap) return i;
  return UINT64_MAX;
}

/* One narrowing step: heap digests at up to NARROW_POINTS checkpoints
 * evenly spread over (lo, hi) (lo == UINT64_MAX: from 0), both sides run
 * again; the window shrinks to the points around the first difference.
 * False when out of memory. */
static bool narrow_once(Compare *c, uint32_t every, uint64_t *lo, uint64_t *hi) {
  uint64_t first = *lo == UINT64_MAX ? 0 : *lo + 1, span = *hi - first;
  uint64_t points[NARROW_POINTS];
  size_t n = 0;
  for (size_t k = 0; k < NARROW_POINTS && k < span; k++) {
    uint64_t p = first + (span <= NARROW_POINTS ? k : k * span / NARROW_POINTS);
    if (n == 0 || points[n - 1] != p) points[n++] = p;
  }
  SideResult scratch[2];
  CheckLog *logs[2];
  for (int k = 0; k < 2; k++) {
    side_result_init(&scratch[k]);
    logs[k] = run_log(c->m, &c->sides[k], c->opts, every, points, n, &scratch[k]);
  }
  bool ok = logs[0] && logs[1];
  uint64_t new_lo = *lo, new_hi = *hi;
  for (size_t k = 0; ok && k < n; k++) {
    uint64_t p = points[k];
    if (p >= logs[0]->count || p >= logs[1]->count) break; /* cannot happen: both got to hi before */
    if (records_differ(&logs[0]->recs[p], &logs[1]->recs[p])) {
      new_hi = p;
      break;
    }
    new_lo = p;
  }
  for (int k = 0; k < 2; k++) {
    log_free(logs[k]);
    side_result_free(&scratch[k]);
  }
  *lo = new_lo;
  *hi = new_hi;
  return ok;
}

/* The first differing checkpoint, narrowed down when the first difference
 * seen is a sampled heap digest: the heap changed after the previous
 * sample, so the window between them is searched with digests at a few
 * points per run until it is one checkpoint wide. UINT64_MAX: none before
 * min(counts). */
static uint64_t locate(Compare *c, uint32_t every, bool *no_memory) {
  uint64_t n = c->logs[0]->count < c->logs[1]->count ? c->logs[0]->count : c->logs[1]->count;
  uint64_t fh, hd;
  first_differences(c->logs[0], c->logs[1], n, &fh, &hd);
  if (hd == UINT64_MAX || (fh != UINT64_MAX && fh <= hd)) return fh < hd ? fh : hd;
  /* Invariant: the heaps agree at lo (or lo is "before the start"), differ
   * at hi; frame hashes agree everywhere before hi. */
  uint64_t lo = previous_sample(c->logs[0], c->logs[1], hd), hi = hd;
  while (!*no_memory && hi - (lo == UINT64_MAX ? 0 : lo + 1) > 0) {
    uint64_t before_lo = lo, before_hi = hi;
    if (!narrow_once(c, every, &lo, &hi)) *no_memory = true;
    if (lo == before_lo && hi == before_hi) break; /* no progress: stop (defensive) */
  }
  return hi;
}

/* The side whose log stopped first (either, when they stopped together)
 * because its child timed out, or -1: a run that only got slower under
 * lockstep is no divergence. */
static int timed_out_first(const Compare *c) {
  uint64_t a = c->logs[0]->count, b = c->logs[1]->count;
  if (c->runs[0].timed_out && a <= b) return 0;
  if (c->runs[1].timed_out && b <= a) return 1;
  return -1;
}

/* The heading of a finding at checkpoint `at`. */
static void report_heading(Compare *c, uint64_t at, const LockstepPoint *p) {
  LockstepResult *res = c->res;
  StrBuf *out = &res->report;
  switch (res->finding) {
  case LOCKSTEP_AT_CHECKPOINT:
    strbuf_printf(out, "first differing checkpoint: #%llu, ", (unsigned long long)at);
    describe_point(out, c->m, p);
    strbuf_puts(out, "\n");
    if (res->point[1].valid && (res->point[0].kind != res->point[1].kind || res->point[0].ip != res->point[1].ip ||
                                res->point[0].code_index != res->point[1].code_index)) {
      strbuf_printf(out, "  %s is at: ", c->sides[1].config.name);
      describe_point(out, c->m, &res->point[1]);
      strbuf_puts(out, "\n");
    }
    return;
  case LOCKSTEP_ENDED_EARLY: {
    int ended = c->logs[0]->count <= at ? 0 : 1;
    strbuf_printf(out, "%s passed only %llu checkpoints; %s went on to #%llu, ", c->sides[ended].config.name,
                  (unsigned long long)at, c->sides[1 - ended].config.name, (unsigned long long)at);
    describe_point(out, c->m, p);
    strbuf_puts(out, "\n");
    return;
  }
  case LOCKSTEP_AFTER_LAST:
  case LOCKSTEP_INCONCLUSIVE:
  case LOCKSTEP_SAME:
    strbuf_printf(out, "the last checkpoint, where both still agree: #%llu, ", (unsigned long long)at);
    describe_point(out, c->m, p);
    strbuf_puts(out, "\n");
    return;
  }
}

/* Both states at checkpoint `at` as text, the last trace exits, the
 * heading and the "where" of the signature. */
static void report_checkpoint(Compare *c, uint64_t at) {
  LockstepResult *res = c->res;
  StrBuf *out = &res->report;
  res->index = at;
  for (int k = 0; k < 2; k++) {
    if (at < c->logs[k]->count) fill_point(&res->point[k], c->m, &c->logs[k]->recs[at]);
    run_text(c->m, &c->sides[k], c->opts, at, &c->runs[k]);
    find_exit(c, k, at);
  }
  const LockstepPoint *p = res->point[0].valid ? &res->point[0] : &res->point[1];
  report_heading(c, at, p);
  set_where(res, p->opcode >= 0 ? opcode_info[p->opcode].name : "UNKNOWN", c->sides);
  report_exits(c, at, p);
  strbuf_puts(out, "\nstates at that checkpoint:\n");
  side_by_side(out, c->sides[0].config.name, &c->runs[0].state, c->sides[1].config.name, &c->runs[1].state);
}

bool lockstep_compare(const Module *module, const LockstepSide sides[2], const LockstepOptions *opts,
                      LockstepResult *res) {
  strbuf_clear(&res->report);
  StrBuf report = res->report;
  memset(res, 0, sizeof *res);
  res->report = report;
  Compare c = {.m = module, .sides = sides, .opts = opts, .res = res};
  uint32_t every = opts->heap_every ? opts->heap_every : LOCKSTEP_DEFAULT_HEAP_EVERY;
  for (int k = 0; k < 2; k++) {
    side_result_init(&c.runs[k]);
    strbuf_init(&c.excerpt[k]);
    c.logs[k] = run_log(module, &sides[k], opts, every, NULL, 0, &c.runs[k]);
  }
  bool ok = c.logs[0] && c.logs[1];
  if (!ok) strbuf_puts(&res->report, "lockstep: out of memory for the checkpoint logs\n");
  for (int k = 0; ok && k < 2; k++) {
    res->checkpoints[k] = c.logs[k]->count;
    res->exits[k] = c.logs[k]->exits;
    res->crashed[k] = c.runs[k].died;
    snprintf(res->crash_why[k], sizeof res->crash_why[k], "%s", c.runs[k].why);
  }
  if (ok) {
    report_header(&c);
    bool no_memory = false;
    uint64_t at = locate(&c, every, &no_memory);
    uint64_t n = c.logs[0]->count < c.logs[1]->count ? c.logs[0]->count : c.logs[1]->count;
    if (at != UINT64_MAX) {
      res->finding = LOCKSTEP_AT_CHECKPOINT;
      report_checkpoint(&c, at);
    } else if (timed_out_first(&c) >= 0) {
      int k = timed_out_first(&c);
      res->finding = LOCKSTEP_INCONCLUSIVE;
      strbuf_printf(&res->report,
                    "inconclusive: %s timed out after %llu checkpoints, before any difference (lockstep runs are "
                    "slower than the oracle's: try a longer --timeout)\n",
                    sides[k].config.name, (unsigned long long)c.logs[k]->count);
    } else if (c.logs[0]->count != c.logs[1]->count && !c.logs[0]->overflow && !c.logs[1]->overflow) {
      res->finding = LOCKSTEP_ENDED_EARLY;
      report_checkpoint(&c, n);
    } else {
      OracleWhat what = compare_end_states(c.logs[0], c.logs[1]);
      if (what != ORACLE_WHAT_SAME) {
        res->finding = LOCKSTEP_AFTER_LAST;
        strbuf_printf(&res->report,
                      "every one of the %llu checkpoints agrees; the end states differ (%s): the divergence "
                      "happened after the last checkpoint\n",
                      (unsigned long long)n, oracle_what_name(what));
        if (n > 0) report_checkpoint(&c, n - 1);
        set_where(res, "END", sides);
      } else {
        strbuf_printf(&res->report, "no divergence: %llu checkpoints and the end states agree\n",
                      (unsigned long long)n);
      }
    }
    if (no_memory) strbuf_puts(&res->report, "lockstep: out of memory narrowing down the window\n");
    ok = !no_memory;
  }
  for (int k = 0; k < 2; k++) {
    log_free(c.logs[k]);
    side_result_free(&c.runs[k]);
    strbuf_free(&c.excerpt[k]);
  }
  return ok;
}

bool lockstep_locate(OracleResult *r, const Module *module, const LockstepOptions *opts, LockstepResult *res) {
  if (r->verdict != ORACLE_DIVERGED) return false;
  uint32_t other = 0;
  for (uint32_t i = 1; i < r->nconfigs && !other; i++)
    if (r->disagree & (1u << i)) other = i;
  if (other == 0) return false;
  LockstepSide sides[2];
  memset(sides, 0, sizeof sides);
  sides[0].config = r->caps[0].config;
  sides[1].config = r->caps[other].config;
  if (!lockstep_compare(module, sides, opts, res)) return false;
  if (res->finding != LOCKSTEP_SAME && res->where_opcode[0]) oracle_set_where(r, res->where_opcode, res->where_uop);
  return true;
}
