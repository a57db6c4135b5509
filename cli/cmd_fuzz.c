/* lockstep fuzz: lockstep's own multi-process differential fuzz campaign
 * (fuzz/campaign.h, docs/campaigns.md). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "fuzz/campaign.h"

enum { FUZZ_EXIT_CLEAN = 0, FUZZ_EXIT_FOUND = 1 };

static const char fuzz_usage[] =
    "Usage: lockstep fuzz [options]\n"
    "\n"
    "Run a differential fuzz campaign without libFuzzer or AFL++: J worker\n"
    "processes generate programs (program N is 'lockstep gen --seed N'), run each\n"
    "under every engine configuration and compare them ('lockstep diff'). Program\n"
    "numbers are handed out in order from --seed, so after N executions the\n"
    "programs run are the first N whatever the number of workers.\n"
    "\n"
    "Every divergence is saved once per signature, atomically, in\n"
    "DIR/findings/NAME/ (NAME: the signature made safe for a file name):\n"
    "finding.txt (signature, program number, how to replay), input.jasm (the\n"
    "program), report.txt (the oracle's report and the lockstep re-run's, which\n"
    "adds where the engines first differ to the signature) and reduced.jasm\n"
    "(the program reduced with the same signature). A worker that crashes or stops making progress is\n"
    "restarted, and the program it was running becomes a finding with the\n"
    "signature crash:WHERE or hang:WHERE (WHERE: the configuration it was\n"
    "running, or gen, report, ...); its stderr is in DIR/logs/.\n"
    "\n"
    "A status line on stderr shows elapsed time, executions (and per second),\n"
    "programs, traces compiled, divergences, unique signatures and inconclusive\n"
    "verdicts; a summary follows at the end. Ctrl-C stops after the programs\n"
    "being run (twice: at once). Progress is saved in DIR/state every 2 seconds\n"
    "and at the end: the same command with the same DIR resumes the campaign,\n"
    "even after kill -9, without losing or repeating findings.\n"
    "\n"
    "Options:\n"
    "  --seconds N   stop after N seconds (default: run until interrupted)\n"
    "  --runs N      stop once programs SEED..SEED+N-1 are done (counted over\n"
    "                every session in DIR)\n"
    "  --jobs J      worker processes, 1 to 256, or 0 for one per online CPU\n"
    "                (default 1)\n"
    "  --seed S      first program number (default 1)\n"
    "  --out DIR     campaign directory, created if needed (default fuzz-out)\n"
    "  --size S      program size in instructions, 40 to 20000 (default 200)\n"
    "  --fuel N      fuel per configuration (default 100000)\n"
    "  --configs L   configurations to compare, as for 'lockstep diff' (default\n"
    "                ref,uops@1,uops@default,jit@1,jit@2,jit@7,jit@default)\n"
    "  --timeout N   seconds without progress before a worker counts as hung\n"
    "                (default 10)\n"
    "  --reduce-seconds N\n"
    "                time spent reducing each new finding (default 30; 0: keep\n"
    "                findings unreduced)\n"
    "  --quiet       no status line and no summary\n"
    "  -h, --help    show this help\n"
    "\n"
    "A resumed campaign keeps its --seed, --size, --fuel and --configs (given\n"
    "again, they must be the same); --jobs, --seconds and --runs may change.\n"
    "\n"
    "Test hooks (for lockstep's own tests; documented in docs/campaigns.md):\n"
    "LOCKSTEP_FUZZ_TEST_CRASH_SEED=N makes the worker crash (SIGSEGV), and\n"
    "LOCKSTEP_FUZZ_TEST_HANG_SEED=N makes it hang, while it runs program N;\n"
    "LOCKSTEP_FUZZ_TEST_DIVERGE_SEED=N fakes a divergence of its stdout.\n"
    "\n"
    "Exit status: 0 no divergence (DIR has no findings); 1 DIR has findings\n"
    "(divergences, crashes, hangs or generator failures, this session or an\n"
    "earlier one); 2 usage error, or DIR cannot be used.\n";

static bool parse_u64(const char *text, uint64_t *out) {
  if (!text || *text < '0' || *text > '9') return false;
  errno = 0;
  char *end;
  unsigned long long v = strtoull(text, &end, 10);
  if (errno || *end) return false;
  *out = (uint64_t)v;
  return true;
}

/* A count within [lo, hi]. */
static bool parse_range(const char *text, int64_t lo, int64_t hi, int64_t *out) {
  return cli_parse_count(text, false, out) && *out >= lo && *out <= hi;
}

static uint32_t online_cpus(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  if (n < 1) return 1;
  return n > CAMPAIGN_MAX_JOBS ? CAMPAIGN_MAX_JOBS : (uint32_t)n;
}

/* A test hook's program number from the environment; CAMPAIGN_NO_SEED when unset. */
static bool env_seed(const char *name, uint64_t *out) {
  const char *v = getenv(name);
  *out = CAMPAIGN_NO_SEED;
  return !v || !*v || parse_u64(v, out);
}

/* One option with a value; returns -1 to go on, else an exit status. */
static int parse_valued(char **argv, int argc, int *i, CampaignOptions *o, bool *matched) {
  const char *v = NULL;
  bool missing = false;
  int64_t n = 0;
  *matched = true;
  if (cli_option_value(argv, argc, i, "--seconds", &v, &missing)) {
    if (missing || !parse_range(v, 0, 100000000, &n)) return cli_usage_error("fuzz", "--seconds needs a number of seconds");
    o->seconds = (double)n;
  } else if (cli_option_value(argv, argc, i, "--runs", &v, &missing)) {
    if (missing || !parse_u64(v, &o->runs)) return cli_usage_error("fuzz", "--runs needs a number of programs");
  } else if (cli_option_value(argv, argc, i, "--jobs", &v, &missing)) {
    if (missing || !parse_range(v, 0, CAMPAIGN_MAX_JOBS, &n))
      return cli_usage_error("fuzz", "--jobs needs a number from 0 (one per CPU) to %d", CAMPAIGN_MAX_JOBS);
    o->jobs = n ? (uint32_t)n : online_cpus();
  } else if (cli_option_value(argv, argc, i, "--seed", &v, &missing)) {
    if (missing || !parse_u64(v, &o->seed) || o->seed > UINT64_MAX - 3)
      return cli_usage_error("fuzz", "--seed needs a program number");
    o->seed_set = true;
  } else if (cli_option_value(argv, argc, i, "--out", &v, &missing)) {
    if (missing || !*v) return cli_usage_error("fuzz", "--out needs a directory");
    o->out_dir = v;
  } else if (cli_option_value(argv, argc, i, "--size", &v, &missing)) {
    if (missing || !parse_range(v, GEN_MIN_SIZE, GEN_MAX_SIZE, &n))
      return cli_usage_error("fuzz", "--size needs a number from %d to %d", GEN_MIN_SIZE, GEN_MAX_SIZE);
    o->gen.size = (uint32_t)n;
    o->size_set = true;
  } else if (cli_option_value(argv, argc, i, "--fuel", &v, &missing)) {
    if (missing || !cli_parse_count(v, false, &o->oracle.fuel))
      return cli_usage_error("fuzz", "--fuel needs a non-negative integer");
    o->fuel_set = true;
  } else if (cli_option_value(argv, argc, i, "--timeout", &v, &missing)) {
    if (missing || !parse_range(v, 1, 86400, &n)) return cli_usage_error("fuzz", "--timeout needs seconds, 1 to 86400");
    o->timeout = (uint32_t)n;
  } else if (cli_option_value(argv, argc, i, "--reduce-seconds", &v, &missing)) {
    if (missing || !parse_range(v, 0, 86400, &n)) return cli_usage_error("fuzz", "--reduce-seconds needs seconds, 0 to 86400");
    o->reduce_seconds = (double)n;
  } else if (cli_option_value(argv, argc, i, "--configs", &v, &missing)) {
    if (missing) return cli_usage_error("fuzz", "--configs needs a list such as ref,jit@1");
    StrBuf err;
    strbuf_init(&err);
    bool ok = oracle_configs_parse(v, &o->oracle, &err);
    int rc = ok ? -1 : cli_usage_error("fuzz", "--configs: %s", err.data ? err.data : "bad list");
    strbuf_free(&err);
    o->configs_set = true;
    return rc;
  } else {
    *matched = false;
  }
  return -1;
}

static int parse_args(int argc, char **argv, CampaignOptions *o) {
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i];
    if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
      fputs(fuzz_usage, stdout);
      return EXIT_OK;
    }
    if (strcmp(arg, "--quiet") == 0) {
      o->status = NULL;
      continue;
    }
    bool matched;
    int rc = parse_valued(argv, argc, &i, o, &matched);
    if (rc >= 0) return rc;
    if (!matched) return cli_usage_error("fuzz", "unexpected argument '%s'", arg);
  }
  if (!env_seed("LOCKSTEP_FUZZ_TEST_CRASH_SEED", &o->test_crash_seed) ||
      !env_seed("LOCKSTEP_FUZZ_TEST_HANG_SEED", &o->test_hang_seed) ||
      !env_seed("LOCKSTEP_FUZZ_TEST_DIVERGE_SEED", &o->test_diverge_seed))
    return cli_usage_error("fuzz", "LOCKSTEP_FUZZ_TEST_CRASH_SEED/_HANG_SEED/_DIVERGE_SEED must be program numbers");
  return -1;
}

int cmd_fuzz(int argc, char **argv) {
  CampaignOptions o;
  campaign_options_default(&o);
  o.out_dir = "fuzz-out";
  o.status = stderr;
  int rc = parse_args(argc, argv, &o);
  if (rc >= 0) return rc;
  CampaignSummary sum;
  StrBuf err;
  strbuf_init(&err);
  bool ok = campaign_run(&o, &sum, &err);
  if (!ok) fprintf(stderr, "lockstep fuzz: %s\n", err.data ? err.data : "cannot start");
  strbuf_free(&err);
  if (!ok) return EXIT_USAGE;
  return sum.findings > 0 || sum.signatures > 0 ? FUZZ_EXIT_FOUND : FUZZ_EXIT_CLEAN;
}
