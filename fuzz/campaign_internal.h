/* Pieces shared by the campaign's files (fuzz/campaign*.c); not an API. */
#ifndef LOCKSTEP_CAMPAIGN_INTERNAL_H
#define LOCKSTEP_CAMPAIGN_INTERNAL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "fuzz/campaign.h"

/* Values of CampaignSlot.current besides program numbers. */
#define SEED_NONE CAMPAIGN_NO_SEED
#define SEED_CLAIMING (UINT64_MAX - 1)
/* Program numbers stay below this, so that they never collide with the two
 * markers above. */
#define SEED_MAX (UINT64_MAX - 2)

/* What a worker (or a triage child) is doing, published in shared memory
 * before it does it, so that the supervisor can name a crash or a hang. */
typedef enum CampaignPhase {
  PHASE_IDLE = 0,
  PHASE_GEN,     /* gen_program */
  PHASE_LOAD,    /* reading and loading a program file (triage) */
  PHASE_JUDGE,   /* comparing captures */
  PHASE_REPORT,  /* oracle_report (reruns two configurations with text) */
  PHASE_SAVE,    /* writing a finding */
  PHASE_LOCKSTEP, /* the lockstep re-run that names where a divergence starts */
  PHASE_REDUCE,  /* reducing a new finding (heartbeat at every candidate) */
  PHASE_CONFIG0 = 16, /* + i: running configuration i */
} CampaignPhase;

/* One worker's shared state. The slot outlives the worker process: a
 * restarted worker keeps adding to the same counters. */
typedef struct CampaignSlot {
  /* Odd while a worker commits a finished program (its counters and
   * current = SEED_NONE together), so that the supervisor's snapshot sees
   * a program either running or counted, never both or neither. */
  _Atomic uint32_t seq;
  _Atomic uint64_t current;     /* program being run, SEED_NONE or SEED_CLAIMING */
  _Atomic uint32_t phase;       /* CampaignPhase */
  _Atomic uint32_t done;        /* the worker stopped cleanly */
  _Atomic int64_t heartbeat_ms; /* campaign_now_ms() at the last sign of progress */
  _Atomic uint64_t execs, programs, traces, divergences, inconclusive, gen_errors;
} CampaignSlot;

enum { CAMPAIGN_MAX_PENDING = CAMPAIGN_MAX_JOBS };

/* The page the supervisor and its workers share (mmap MAP_SHARED before
 * the forks). Program numbers are handed out by `next`, after the ones
 * left unfinished by a killed session (`pending`), so that the programs a
 * campaign has run after N executions are the first N numbers whatever the
 * number of workers. */
typedef struct CampaignShared {
  _Atomic uint64_t next;          /* next program number not handed out */
  uint64_t limit;                 /* numbers >= limit are not handed out */
  _Atomic uint32_t pending_next;  /* first entry of pending[] not handed out */
  uint32_t npending;
  uint64_t pending[CAMPAIGN_MAX_PENDING];
  _Atomic uint32_t stop;          /* workers finish their program and exit */
  CampaignSlot slots[CAMPAIGN_MAX_JOBS];
} CampaignShared;

/* Monotonic milliseconds (for heartbeats, timeouts and rates only). */
int64_t campaign_now_ms(void);

/* The name a crash or hang in `phase` gets in its signature: a config name
 * ("jit@1"), "gen", "load", "judge", "report", "save", "lockstep",
 * "reduce", or "unknown". */
const char *campaign_phase_name(uint32_t phase, const OracleOptions *o);
/* How long a process may go without a heartbeat in `phase` before it is
 * hung: `timeout` seconds, more for the phases that run several child
 * processes with that timeout each between two heartbeats. */
int64_t campaign_phase_allowance_ms(uint32_t phase, const OracleOptions *o, uint32_t timeout);

/* ---- running one program (campaign_worker.c) ---- */

typedef enum CampaignInject { INJECT_NONE = 0, INJECT_CRASH, INJECT_HANG } CampaignInject;

/* Where a run publishes its phase and heartbeat (either may be NULL). */
typedef struct CampaignProgress {
  _Atomic uint32_t *phase;
  _Atomic int64_t *heartbeat_ms;
} CampaignProgress;

void campaign_progress(const CampaignProgress *p, uint32_t phase);
/* oracle_run, with the phase published before each configuration, and the
 * test hook applied at the last one. */
OracleVerdict campaign_judge(OracleResult *r, const Module *m, const OracleOptions *o, const CampaignProgress *p,
                             CampaignInject inject);
/* The comment line that starts a finding's input.jasm. */
void campaign_program_header(StrBuf *sb, uint64_t seed, uint32_t size);
/* When r diverged (not by a crash): re-runs the baseline and the first
 * disagreeing configuration in lockstep (oracle/lockstep.h, each in a child
 * process with `timeout`), adds where they first differ to r's signature
 * (oracle_set_where) and appends the lockstep report to `report` (may be
 * NULL). */
void campaign_locate(OracleResult *r, const Module *m, const OracleOptions *o, uint32_t timeout, StrBuf *report);
/* Traces compiled by the jit configurations of r. */
uint64_t campaign_jit_traces(const OracleResult *r);

/* The worker process's main loop; never returns. `parent`: the
 * supervisor's pid, taken before the fork. */
void campaign_worker_main(CampaignShared *sh, uint32_t w, const CampaignOptions *o, pid_t parent, int msg_fd)
    __attribute__((noreturn));
/* In a child process just forked from `parent`: be killed when it dies
 * (or exit now if it has already), so that no child outlives a killed
 * campaign or triage. */
void campaign_die_with_parent(pid_t parent);

/* ---- the signature table and OUT/state (campaign_state.c) ---- */

typedef struct SigEntry {
  char *signature;
  uint64_t count;
  uint64_t first_seed; /* CAMPAIGN_NO_SEED: not known (found on disk) */
} SigEntry;

typedef struct SigTable {
  SigEntry *v;
  size_t n, cap;
} SigTable;

enum { SIGTABLE_MAX = 100000 };

/* Adds `count` to signature's entry, creating it (with first_seed) when
 * new; *is_new tells which. False when out of memory or the table is full. */
bool sigtable_add(SigTable *t, const char *signature, uint64_t count, uint64_t first_seed, bool *is_new);
void sigtable_free(SigTable *t);

enum { CAMPAIGN_CONFIGS_TEXT_MAX = ORACLE_MAX_CONFIGS * (ORACLE_CONFIG_NAME_MAX + 1) + 1 };

typedef struct CampaignState {
  uint64_t base_seed;
  uint32_t size;
  int64_t fuel;
  char configs[CAMPAIGN_CONFIGS_TEXT_MAX]; /* "ref,uops@1,..." */
  uint64_t next;
  uint32_t npending;
  uint64_t pending[CAMPAIGN_MAX_PENDING];
  CampaignCounters counters;
  uint64_t elapsed_ms;
  uint64_t sessions;
  SigTable sigs;
} CampaignState;

void campaign_state_init(CampaignState *s);
void campaign_state_free(CampaignState *s);
/* The configurations of o as "a,b,c". */
void campaign_configs_text(const OracleOptions *o, char out[CAMPAIGN_CONFIGS_TEXT_MAX]);
/* Reads OUT/state into s (initialised). *exists false (and true returned)
 * when there is no state file. False with a message on a malformed file. */
bool campaign_state_read(const char *path, CampaignState *s, bool *exists, StrBuf *err);
bool campaign_state_write(const char *path, const CampaignState *s, StrBuf *err);

/* ---- files and findings (campaign_findings.c) ---- */

/* Writes data to path atomically (a temporary file beside it, then rename). */
bool campaign_write_file(const char *path, const void *data, size_t len, StrBuf *err);
/* Reads at most max bytes of a file; NULL (with errno) when it cannot, or
 * when it is longer than max and !truncate_ok. */
char *campaign_read_file(const char *path, size_t max, bool truncate_ok, size_t *len);
/* mkdir unless it exists as a directory. */
bool campaign_mkdir(const char *path, StrBuf *err);

typedef struct FindingFile {
  const char *name;   /* "input.jasm", "report.txt", ... */
  const char *data;
  size_t len;
} FindingFile;

/* Saves files as OUT/findings/NAME/ (NAME from the signature), atomically:
 * written into a hidden temporary directory, then renamed. When a finding
 * with this signature exists already, nothing is written and *is_new is
 * false. finding.txt (the signature first) is always written. */
bool campaign_save_finding(const char *findings_dir, const char *signature, const char *info,
                           const FindingFile *files, size_t nfiles, bool *is_new, StrBuf *err);
/* Is there a finding with this signature under findings_dir? */
bool campaign_finding_exists(const char *findings_dir, const char *signature);
/* The signature recorded in OUT/findings/NAME/finding.txt, into sb; false
 * when there is none. */
bool campaign_finding_signature(const char *finding_dir, StrBuf *sb);
/* Removes leftover temporary directories of killed processes. */
void campaign_findings_cleanup(const char *findings_dir);
/* finding.txt for a program of a campaign. */
void campaign_finding_info(StrBuf *sb, const char *signature, uint64_t seed, const CampaignOptions *o,
                           const char *extra);

#endif
