/* lockstep's own fuzz campaign (docs/campaigns.md) and the triage of crash
 * files. A campaign needs neither libFuzzer nor AFL++: a supervisor process
 * forks J workers; each takes the next program number from a counter in
 * shared memory, generates that program (fuzz/gen.h), runs it through every
 * oracle configuration (oracle/oracle.h) and saves any divergence under
 * OUT/findings/NAME/. The supervisor restarts workers that crash or hang
 * (saving what they were running as a finding), prints a status line, and
 * writes OUT/state every few seconds so that a killed campaign resumes
 * where it stopped.
 *
 * Files: campaign.c (the supervisor), campaign_worker.c (the worker loop and
 * the one place that runs a program through the oracle with its phase
 * published), campaign_state.c (OUT/state and the signature table),
 * campaign_findings.c (saving findings atomically), campaign_triage.c
 * (`lockstep triage`). */
#ifndef LOCKSTEP_CAMPAIGN_H
#define LOCKSTEP_CAMPAIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "fuzz/gen.h"
#include "oracle/oracle.h"
#include "vm/strbuf.h"

enum {
  CAMPAIGN_MAX_JOBS = 256,
  CAMPAIGN_DEFAULT_TIMEOUT = 10, /* seconds without progress before a worker counts as hung */
  CAMPAIGN_NAME_MAX = 200,       /* bytes of a finding's directory name */
  CAMPAIGN_DEFAULT_REDUCE_SECONDS = 30,
};
#define CAMPAIGN_NO_SEED UINT64_MAX

typedef struct CampaignOptions {
  const char *out_dir;       /* required */
  uint64_t seed;             /* first program number */
  uint32_t jobs;             /* worker processes, 1..CAMPAIGN_MAX_JOBS */
  double seconds;            /* this session's duration; 0: until interrupted (or runs) */
  uint64_t runs;             /* stop once programs seed..seed+runs-1 are done; 0: no limit */
  uint32_t timeout;          /* seconds without progress before a worker is killed as hung */
  double reduce_seconds;     /* bound on reducing each new finding; 0: no reduction */
  GenOptions gen;
  OracleOptions oracle;
  /* Set when the option was given: a resumed campaign must agree with its
   * state on these (the same numbers must mean the same programs). */
  bool seed_set, size_set, fuel_set, configs_set;
  FILE *status;              /* live status line and summary; NULL: quiet */
  int status_tty;            /* 1: carriage-return updates; 0: a line every ~10 s; -1: ask isatty */
  /* Test hooks (environment LOCKSTEP_FUZZ_TEST_CRASH_SEED, _HANG_SEED and
   * _DIVERGE_SEED in the CLI): the worker raises SIGSEGV, or stops making
   * progress, while it runs the last configuration of this program number;
   * or it alters the last configuration's stdout digest after the run, a
   * fake "output" divergence. CAMPAIGN_NO_SEED: off. */
  uint64_t test_crash_seed, test_hang_seed, test_diverge_seed;
} CampaignOptions;

typedef struct CampaignCounters {
  uint64_t execs;        /* differential executions: a program through every config, judged */
  uint64_t programs;     /* programs generated (or attempted) */
  uint64_t traces;       /* traces compiled by the jit configurations */
  uint64_t divergences;  /* diverged verdicts */
  uint64_t inconclusive;
  uint64_t crashes;      /* workers that died running a program */
  uint64_t hangs;        /* workers killed for making no progress */
  uint64_t gen_errors;   /* gen_program failures (a generator bug, or the process out of memory) */
} CampaignCounters;

typedef struct CampaignSummary {
  CampaignCounters total;   /* over every session in out_dir */
  CampaignCounters session; /* this session only */
  double session_seconds;
  double total_seconds;
  uint64_t base_seed, next_seed; /* programs base_seed..next_seed-1 are done */
  uint64_t signatures;      /* distinct finding signatures in out_dir */
  uint64_t findings;        /* finding directories in out_dir/findings */
  bool interrupted;         /* stopped by SIGINT/SIGTERM */
} CampaignSummary;

void campaign_options_default(CampaignOptions *o);
/* Run (or resume) a campaign. False with one line in err when it cannot
 * start: the directory cannot be created or locked, its state is
 * unreadable or was made with other --seed/--size/--fuel/--configs. */
bool campaign_run(const CampaignOptions *o, CampaignSummary *summary, StrBuf *err);

/* A finding's directory name: the signature with every byte outside
 * [A-Za-z0-9._,@~+=-] replaced by '_' (':' too), never starting with '.',
 * and when longer than CAMPAIGN_NAME_MAX cut and suffixed with a hash of
 * the whole signature. `out` holds CAMPAIGN_NAME_MAX + 1 bytes. */
void campaign_signature_dirname(const char *signature, char out[CAMPAIGN_NAME_MAX + 1]);

/* ---- triage (campaign_triage.c) ---- */

typedef struct TriageOptions {
  GenOptions gen;          /* for files holding generator bytes */
  OracleOptions oracle;
  uint32_t timeout;        /* seconds per file before it counts as a hang */
  bool fuel_set, configs_set;  /* given explicitly: used for every file (else chosen per file) */
  bool verbose;            /* let the children's stderr through (sanitizer reports); else /dev/null */
  const char *test_crash_name; /* test hook (LOCKSTEP_TRIAGE_TEST_CRASH): files with this base name crash */
} TriageOptions;

typedef enum TriageKind {
  TRIAGE_DIVERGED = 0, /* diverged, crashed or hung: a bug */
  TRIAGE_INCONCLUSIVE,
  TRIAGE_AGREE,
  TRIAGE_ERROR,        /* the file could not be read or loaded */
} TriageKind;

typedef struct TriageRow {
  TriageKind kind;
  char *signature;     /* "agree", "inconclusive", "error: ..." for the others */
  uint64_t count;
  char *example;       /* the first file (in sorted path order) */
  char *detail;        /* inconclusive, error: the first file's reason; else NULL */
} TriageRow;

typedef struct TriageResult {
  TriageRow *rows;     /* bugs first, most frequent first; then the rest */
  size_t nrows, cap;
  uint64_t files;
  uint64_t bugs;       /* files whose row is TRIAGE_DIVERGED */
  bool truncated;      /* more than the file limit (a million) were found */
} TriageResult;

void triage_options_default(TriageOptions *o);
/* Every input file under `dir` (recursively; see docs/campaigns.md for the
 * files skipped) through the generator or the loader and the oracle, each
 * in a child process. False with a message in err when dir cannot be read. */
bool triage_dir(const char *dir, const TriageOptions *o, TriageResult *r, StrBuf *err);
void triage_print(const TriageResult *r, StrBuf *out);
void triage_result_free(TriageResult *r);

#endif
