/* lockstep triage: group crash files by oracle signature
 * (fuzz/campaign.h: triage_dir; docs/campaigns.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "fuzz/campaign.h"

enum { TRIAGE_EXIT_CLEAN = 0, TRIAGE_EXIT_BUGS = 1 };

static const char triage_usage[] =
    "Usage: lockstep triage [options] DIR\n"
    "\n"
    "Run every crash file under DIR (recursively) through the oracle, each in a\n"
    "child process, and print one row per signature: the signature, how many\n"
    "files have it, and the first file (in path order) as an example. Rows for\n"
    "files that agree, are inconclusive or cannot be loaded come last.\n"
    "\n"
    "Files named *.jasm, *.jbc or *.py are programs; any other file holds\n"
    "generator bytes (libFuzzer's crash-*, AFL++'s crashes/id:*), turned into a\n"
    "program as the fuzz targets do. Hidden files are skipped; so is everything\n"
    "in a 'lockstep fuzz' finding but its input.* file, everything in a\n"
    "'lockstep fuzz' directory but findings/, and everything in an AFL++\n"
    "instance directory but crashes/ and hangs/. DIR may also be one file.\n"
    "\n"
    "A file whose child process dies is 'crash:WHERE', one that runs longer\n"
    "than --timeout is 'hang:WHERE' (WHERE: the configuration being run, or\n"
    "gen/load).\n"
    "\n"
    "Options:\n"
    "  --fuel N          fuel for every file (default: generator bytes 20000, as\n"
    "                    the fuzz targets; a finding's input as its finding.txt\n"
    "                    says; other programs 100000)\n"
    "  --configs LIST    configurations for every file, as for 'lockstep diff'\n"
    "                    (default: the oracle's, or a finding's own)\n"
    "  --size S          generator size for byte files, 40 to 20000 (default 200)\n"
    "  --timeout N       seconds per file before it is a hang (default 10)\n"
    "  --verbose         show what the child processes write to stderr (the\n"
    "                    sanitizers' reports of crashes)\n"
    "  -h, --help        show this help\n"
    "\n"
    "Test hook: LOCKSTEP_TRIAGE_TEST_CRASH=NAME makes files with base name NAME\n"
    "crash (SIGSEGV) in their last configuration (docs/campaigns.md).\n"
    "\n"
    "Exit status: 0 no file diverged, crashed or hung; 1 some did; 2 usage\n"
    "error, or DIR cannot be read.\n";

static int parse_option(char **argv, int argc, int *i, TriageOptions *o, bool *matched) {
  const char *v = NULL;
  bool missing = false;
  int64_t n = 0;
  *matched = true;
  if (cli_option_value(argv, argc, i, "--fuel", &v, &missing)) {
    if (missing || !cli_parse_count(v, false, &o->oracle.fuel))
      return cli_usage_error("triage", "--fuel needs a non-negative integer");
    o->fuel_set = true;
  } else if (cli_option_value(argv, argc, i, "--size", &v, &missing)) {
    if (missing || !cli_parse_count(v, false, &n) || n < GEN_MIN_SIZE || n > GEN_MAX_SIZE)
      return cli_usage_error("triage", "--size needs a number from %d to %d", GEN_MIN_SIZE, GEN_MAX_SIZE);
    o->gen.size = (uint32_t)n;
  } else if (cli_option_value(argv, argc, i, "--timeout", &v, &missing)) {
    if (missing || !cli_parse_count(v, false, &n) || n < 1 || n > 86400)
      return cli_usage_error("triage", "--timeout needs seconds, 1 to 86400");
    o->timeout = (uint32_t)n;
  } else if (cli_option_value(argv, argc, i, "--configs", &v, &missing)) {
    if (missing) return cli_usage_error("triage", "--configs needs a list such as ref,jit@1");
    StrBuf err;
    strbuf_init(&err);
    bool ok = oracle_configs_parse(v, &o->oracle, &err);
    int rc = ok ? -1 : cli_usage_error("triage", "--configs: %s", err.data ? err.data : "bad list");
    strbuf_free(&err);
    o->configs_set = true;
    return rc;
  } else {
    *matched = false;
  }
  return -1;
}

int cmd_triage(int argc, char **argv) {
  TriageOptions o;
  triage_options_default(&o);
  const char *dir = NULL;
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i];
    if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
      fputs(triage_usage, stdout);
      return EXIT_OK;
    }
    if (strcmp(arg, "--verbose") == 0) {
      o.verbose = true;
      continue;
    }
    bool matched;
    int rc = parse_option(argv, argc, &i, &o, &matched);
    if (rc >= 0) return rc;
    if (matched) continue;
    if (arg[0] == '-' && arg[1] != '\0') return cli_usage_error("triage", "unknown option '%s'", arg);
    if (dir) return cli_usage_error("triage", "more than one DIR ('%s' and '%s')", dir, arg);
    dir = arg;
  }
  if (!dir) return cli_usage_error("triage", "no DIR given");
  const char *hook = getenv("LOCKSTEP_TRIAGE_TEST_CRASH");
  o.test_crash_name = hook && *hook ? hook : NULL;

  TriageResult r;
  StrBuf err, out;
  strbuf_init(&err);
  strbuf_init(&out);
  bool ok = triage_dir(dir, &o, &r, &err);
  int status = EXIT_USAGE;
  if (!ok) {
    fprintf(stderr, "lockstep triage: %s\n", err.data ? err.data : "failed");
  } else {
    triage_print(&r, &out);
    fwrite(out.data ? out.data : "", 1, out.len, stdout);
    fflush(stdout);
    status = r.bugs > 0 ? TRIAGE_EXIT_BUGS : TRIAGE_EXIT_CLEAN;
  }
  triage_result_free(&r);
  strbuf_free(&err);
  strbuf_free(&out);
  return status;
}
