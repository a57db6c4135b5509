/* The differential oracle (docs/oracle.md): runs one module under several
 * engine configurations, each in a fresh VM with the same limits, captures
 * each run's end state canonically (digests always, text on demand) and
 * judges: agree, diverged (with a signature) or inconclusive.
 *
 * Files, one job each (as wasmtime's oracles): config.c (engine
 * configurations and their names), emit.c (the canonical token stream:
 * 64-bit digests and optional text), heap_walk.c (the address-independent
 * walk of reachable objects), capture.c (one configuration, one run, one
 * capture), compare.c (verdict and signature), report.c (what a human
 * reads). The VM knows nothing of this; the oracle sees the engines through
 * ref_run and tier1_run only. */
#ifndef LOCKSTEP_ORACLE_H
#define LOCKSTEP_ORACLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jit/tier2.h"
#include "vm/module.h"
#include "vm/strbuf.h"
#include "vm/vm.h"

/* ---- engine configurations (config.c) ---- */

typedef enum OracleEngine { ORACLE_ENGINE_REF, ORACLE_ENGINE_UOPS, ORACLE_ENGINE_JIT } OracleEngine;

enum {
  ORACLE_MAX_CONFIGS = 16,
  ORACLE_CONFIG_NAME_MAX = 24, /* "uops@1000000000" fits */
  ORACLE_MAX_THRESHOLD = 1000000000,
};
#define ORACLE_DEFAULT_FUEL ((int64_t)100000)
#define ORACLE_DEFAULT_MAX_HEAP ((int64_t)64 << 20)

typedef struct OracleConfig {
  OracleEngine engine;
  uint32_t threshold;                 /* uops, jit: 0 means TIER2_DEFAULT_THRESHOLD */
  char name[ORACLE_CONFIG_NAME_MAX];  /* "ref", "uops@1", "jit@default", ... */
} OracleConfig;

typedef struct OracleOptions {
  int64_t fuel;      /* same for every configuration; >= 0 */
  int64_t max_heap;  /* bytes, same for every configuration; > 0 */
  uint32_t nconfigs; /* configs[0] is the baseline the others are compared with */
  OracleConfig configs[ORACLE_MAX_CONFIGS];
} OracleOptions;

/* Default fuel and heap, and the default configurations: ref, uops@1,
 * uops@default, jit@1, jit@2, jit@7, jit@default. */
void oracle_options_default(OracleOptions *o);
/* One configuration name: ref, uops, jit (= @default), uops@N, jit@N,
 * uops@default, jit@default (1 <= N <= ORACLE_MAX_THRESHOLD). The stored
 * name is canonical ("jit" becomes "jit@default", "jit@007" "jit@7"). */
bool oracle_config_parse(const char *text, size_t len, OracleConfig *out);
/* A comma-separated list replacing o's configurations; false with a
 * one-line message in err (unknown name, duplicate, too many, empty). */
bool oracle_configs_parse(const char *list, OracleOptions *o, StrBuf *err);

/* ---- what is compared, in the order a divergence is named ---- */

typedef enum OracleWhat {
  ORACLE_WHAT_CRASH = 0, /* the process died running a config (reported by the caller) */
  ORACLE_WHAT_OUTCOME,   /* return / uncaught exception / out of fuel, with the VM's end state */
  ORACLE_WHAT_OUTPUT,    /* stdout bytes */
  ORACLE_WHAT_GLOBALS,   /* global names and what each is bound to */
  ORACLE_WHAT_HEAP,      /* content and shape of every reachable object */
  ORACLE_WHAT_REFCOUNT,  /* reference counts of reachable objects */
  ORACLE_WHAT_LEAK,      /* memory accounting and objects alive after teardown */
  ORACLE_WHAT_FUEL,      /* fuel left */
  ORACLE_WHAT_COUNT,
  ORACLE_WHAT_SAME = ORACLE_WHAT_COUNT /* no difference */
} OracleWhat;

/* "crash", "outcome", "output", "globals", "heap", "heap.refcount", "leak",
 * "fuel"; "same" for ORACLE_WHAT_SAME. */
const char *oracle_what_name(OracleWhat what);

/* ---- the canonical token stream (emit.c) ----
 * Everything a capture compares goes through these calls: each token is
 * hashed into the digest of the current category and, when that category
 * has a text buffer, also written as text. Text never feeds a digest, so a
 * digest is the same whether or not text was asked for. */
typedef struct OracleEmit {
  uint64_t digest[ORACLE_WHAT_COUNT];
  StrBuf *text[ORACLE_WHAT_COUNT]; /* NULL: digest only */
  OracleWhat cur;
} OracleEmit;

void oracle_emit_begin(OracleEmit *e, StrBuf *const text[ORACLE_WHAT_COUNT]);
void oracle_emit_select(OracleEmit *e, OracleWhat what);
static inline bool oracle_emit_wants_text(const OracleEmit *e) { return e->text[e->cur] != NULL; }
/* Hash only. Inline, as it runs for every token: one multiply and a
 * rotation, each a bijection of the state, so for a given prefix two
 * different words never give one digest, and order matters. */
static inline void oracle_emit_word(OracleEmit *e, uint64_t w) {
  uint64_t h = ((e->digest[e->cur] ^ w) + 0x2545f4914f6cdd1dull) * 0x9e3779b97f4a7c15ull;
  e->digest[e->cur] = (h << 31) | (h >> 33);
}
void oracle_emit_bytes(OracleEmit *e, const void *data, size_t len);
/* Text only (labels, punctuation, newlines): the tokens beside it carry the
 * information. */
static inline void oracle_emit_text(OracleEmit *e, const char *s) {
  if (e->text[e->cur]) strbuf_puts(e->text[e->cur], s);
}
void oracle_emit_textf(OracleEmit *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* oracle_emit_textf that does not even evaluate its arguments when the
 * current category has no text (the fuzzing path). */
#define ORACLE_EMIT_TEXTF(e, ...)                                       \
  do {                                                                  \
    if (oracle_emit_wants_text(e)) oracle_emit_textf((e), __VA_ARGS__); \
  } while (0)
/* Both: an integer, hashed as one word, printed in decimal. */
void oracle_emit_int(OracleEmit *e, int64_t v);
/* Both: bytes printed as a quoted, escaped string (\xNN for anything but
 * printable ASCII), so that the text is one line whatever the bytes are. */
void oracle_emit_quoted(OracleEmit *e, const char *data, size_t len);
/* Appends the quoted form of data to sb (no hashing). */
void oracle_quote(StrBuf *sb, const char *data, size_t len, size_t max_bytes);

/* ---- the canonical heap walk (heap_walk.c) ----
 * Numbers every object reachable from the roots in breadth-first order of
 * first visit (#0, #1, ...), so two references to one list print as one
 * number and nothing depends on addresses. Iterative: a million-deep
 * nesting only grows the queue. Cycles end at visited objects (Obj.mark
 * holds number + 1 during the walk; every mark is cleared at the end). */
typedef struct OracleWalk {
  VM *vm;
  Obj **order;   /* visited objects by number; reused between walks */
  size_t n, cap;
  size_t next;   /* first visited object whose record is not emitted yet */
  bool failed;   /* the queue could not grow (process memory): inconclusive */
} OracleWalk;

void oracle_walk_init(OracleWalk *w);
void oracle_walk_free(OracleWalk *w);
/* Start a walk of vm's heap: every mark is cleared first. */
void oracle_walk_begin(OracleWalk *w, VM *vm);
/* The token of a value inside a record or root line: immediates by value,
 * objects by kind and number (numbered now if new, their record to come). */
void oracle_walk_value(OracleWalk *w, OracleEmit *e, Value v);
/* The globals dict as the walk's first object (#0): one line per global
 * into ORACLE_WHAT_GLOBALS ("name (#key) = value", in insertion order), its
 * reference count into ORACLE_WHAT_REFCOUNT. Call right after begin. */
void oracle_walk_globals(OracleWalk *w, OracleEmit *e, ObjDict *globals);
/* Emit the records of every numbered object not emitted yet, and of
 * everything they reach: content into ORACLE_WHAT_HEAP, reference counts
 * into ORACLE_WHAT_REFCOUNT. */
void oracle_walk_drain(OracleWalk *w, OracleEmit *e);
/* Clear the marks of every numbered object (w->n still tells how many). */
void oracle_walk_end(OracleWalk *w);

/* ---- one run under one configuration (capture.c) ---- */

typedef enum OracleRunStatus {
  ORACLE_RUN_OK = 0,
  ORACLE_RUN_PROCESS_OOM, /* the process (not the VM) ran out of memory: inconclusive */
  ORACLE_RUN_CRASH,       /* set by a caller that saw the process die in this config */
  ORACLE_RUN_OUTPUT_LIMIT, /* stdout passed ORACLE_MAX_OUTPUT and the run was stopped: inconclusive */
} OracleRunStatus;

/* stdout is hashed as it streams out of the VM, whatever its size; only
 * its first ORACLE_OUTPUT_KEEP bytes are kept (for reports), so a program
 * printing gigabytes cannot exhaust the process. */
#define ORACLE_OUTPUT_KEEP ((size_t)1 << 20)
/* Past this much stdout a run is stopped (its fuel set to zero) and not
 * judged: fuel bounds the number of prints, not their size. */
#define ORACLE_MAX_OUTPUT ((int64_t)64 << 20)

typedef struct OracleCapture {
  OracleConfig config;
  OracleRunStatus status;
  char why[128];            /* PROCESS_OOM / CRASH: what happened */
  int outcome;              /* OutcomeKind */
  StrBuf output;            /* stdout: its first ORACLE_OUTPUT_KEEP bytes */
  int64_t output_len;       /* stdout bytes in all (more than output.len when cut) */
  int64_t fuel_left;
  int64_t live_at_end;      /* objects alive when the run returned */
  int64_t heap_bytes_at_end;
  int64_t leaked;           /* objects alive after vm_release_roots */
  int64_t objects_walked;
  uint64_t digest[ORACLE_WHAT_COUNT];
  bool has_text;
  StrBuf text[ORACLE_WHAT_COUNT]; /* when has_text; ORACLE_WHAT_OUTPUT stays empty (see output) */
  Tier2Stats stats;         /* uops, jit: what tier 2 did */
  bool copied;              /* not run: a copy of its twin's capture (oracle_capture_from_twin) */
  char copied_from[ORACLE_CONFIG_NAME_MAX]; /* the twin's name */
} OracleCapture;

void oracle_capture_init(OracleCapture *c);
void oracle_capture_free(OracleCapture *c);
/* Run `module` under `config` in a fresh VM with opts' fuel and heap, and
 * capture the end state (text too when want_text). `walk` is scratch. */
void oracle_capture_run(OracleCapture *c, const Module *module, const OracleConfig *config,
                        const OracleOptions *opts, bool want_text, OracleWalk *walk);
/* Make c, for config, a copy of src (the capture of config's twin). */
void oracle_capture_copy(OracleCapture *c, const OracleCapture *src, const OracleConfig *config);
/* For callers that run a config in a child process and see it die. */
void oracle_capture_set_crash(OracleCapture *c, const char *why);
/* The first category in which two captures differ, or ORACLE_WHAT_SAME. A
 * crash in either is ORACLE_WHAT_CRASH; run status otherwise is the
 * caller's business (see oracle_judge). */
OracleWhat oracle_capture_compare(const OracleCapture *a, const OracleCapture *b);

/* ---- verdict and signature (compare.c) ---- */

typedef enum OracleVerdict { ORACLE_AGREE = 0, ORACLE_DIVERGED, ORACLE_INCONCLUSIVE } OracleVerdict;

enum { ORACLE_WHERE_MAX = 96, ORACLE_SIGNATURE_MAX = 512 };

typedef struct OracleResult {
  OracleVerdict verdict;
  OracleWhat what;                       /* diverged: the category named */
  uint32_t disagree;                     /* diverged: bit i set for each config in the signature */
  OracleWhat first_diff[ORACLE_MAX_CONFIGS]; /* each config against configs[0] */
  char reason[256];                      /* inconclusive: why, one line */
  char where[ORACLE_WHERE_MAX];          /* "OPCODE" or "OPCODE.UOP" from lockstep repro; "" */
  char signature[ORACLE_SIGNATURE_MAX];  /* diverged: what:base~configs[:where] */
  uint32_t nconfigs;
  OracleCapture caps[ORACLE_MAX_CONFIGS];
  OracleWalk walk;                       /* scratch, reused between runs */
} OracleResult;

void oracle_result_init(OracleResult *r);
void oracle_result_free(OracleResult *r);
/* Run every configuration of opts over module and judge. Reuses r's
 * buffers, so a fuzz loop keeps one OracleResult. */
OracleVerdict oracle_run(OracleResult *r, const Module *module, const OracleOptions *opts, bool want_text);
/* Twins: uops@N and jit@N run the very same code until tier 2 installs a
 * first recording (the engine only decides what an installed recording
 * becomes: uops or machine code). So when an earlier capture of one of
 * them, r->caps[j] with j < i, shows that nothing was ever installed, the
 * other's run would repeat it step for step: capture i becomes a copy of
 * capture j (marked copied) and this returns true; the caller then skips
 * the run. False: configuration i must run. */
bool oracle_capture_from_twin(OracleResult *r, const OracleOptions *opts, uint32_t i);
/* Judge r->caps[0..nconfigs) as they are (oracle_run calls it; tests call
 * it after editing captures; a campaign after marking a crash). */
OracleVerdict oracle_judge(OracleResult *r);
/* Set the "where" part (opcode, and uop when not NULL/empty) and rebuild
 * the signature. Names are reduced to [A-Za-z0-9_]. */
void oracle_set_where(OracleResult *r, const char *opcode, const char *uop);

/* ---- reports (report.c) ---- */

/* The one-line verdict: "agree: 7 configurations (...)", "diverged:
 * SIGNATURE", "inconclusive: REASON". */
void oracle_verdict_line(const OracleResult *r, StrBuf *out);
/* The verdict line, then (diverged, inconclusive) each config's status,
 * and for a divergence the signature and, for the first disagreeing
 * config, a unified view of the first differing lines of the differing
 * part. Needs text: when r has none, the baseline and that config are run
 * again with text (runs are deterministic; a rerun whose digests differ is
 * reported as nondeterminism); module and opts may be NULL when r has
 * text. */
void oracle_report(OracleResult *r, const Module *module, const OracleOptions *opts, StrBuf *out);
/* Every category of one capture as text (lockstep diff --verbose). */
void oracle_capture_print(const OracleCapture *c, StrBuf *out);
/* A unified view of the first differing lines of a and b, labelled. */
void oracle_diff_text(const char *a, size_t alen, const char *b, size_t blen, const char *alabel,
                      const char *blabel, StrBuf *out);

#endif
