/* lockstep diff: run one program under every engine configuration and
 * print the oracle's verdict (docs/oracle.md). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "oracle/oracle.h"

enum {
  DIFF_EXIT_AGREE = 0,
  DIFF_EXIT_DIVERGED = 1,
  DIFF_EXIT_BAD_INPUT = EXIT_USAGE, /* 2 */
  DIFF_EXIT_INCONCLUSIVE = 3,
};

static const char usage[] =
    "Usage: lockstep diff [options] FILE\n"
    "\n"
    "Run FILE (.py, .jbc or .jasm) under several engine configurations, each in a\n"
    "fresh VM with the same fuel and heap limit, and compare what they did: the\n"
    "outcome, stdout, the globals, every reachable object (values, aliasing,\n"
    "reference counts), objects alive after teardown and fuel left. Prints one\n"
    "verdict line: 'agree: ...', 'diverged: SIGNATURE' followed by a report, or\n"
    "'inconclusive: REASON'.\n"
    "\n"
    "Options:\n"
    "  --fuel N          fuel for every configuration (default 100000); running out\n"
    "                    at the same point everywhere is agreement\n"
    "  --max-heap BYTES  heap limit for every configuration, optional K/M/G suffix\n"
    "                    (default 64M)\n"
    "  --configs LIST    comma-separated configurations, the first being the\n"
    "                    baseline: ref, uops@N, jit@N (N: tier-2 threshold),\n"
    "                    uops@default, jit@default, uops, jit (default:\n"
    "                    ref,uops@1,uops@default,jit@1,jit@2,jit@7,jit@default)\n"
    "  --verbose         also print every configuration's capture in full\n"
    "  -h, --help        show this help\n"
    "\n"
    "Exit status: 0 all configurations agree; 1 they diverged; 2 usage error or a\n"
    "file that fails to load or verify; 3 inconclusive (a configuration could not\n"
    "be judged, e.g. the process itself ran out of memory).\n";

typedef struct DiffArgs {
  const char *path;
  bool verbose;
  OracleOptions opts;
} DiffArgs;

/* Parses argv into args; returns -1 to go on, else an exit status. */
static int parse_args(int argc, char **argv, DiffArgs *args) {
  oracle_options_default(&args->opts);
  for (int i = 1; i < argc; i++) {
    bool missing = false;
    const char *arg = argv[i], *value = NULL;
    if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
      fputs(usage, stdout);
      return DIFF_EXIT_AGREE;
    } else if (cli_option_value(argv, argc, &i, "--fuel", &value, &missing)) {
      if (missing || !cli_parse_count(value, false, &args->opts.fuel))
        return cli_usage_error("diff", "--fuel needs a non-negative integer, got '%s'", missing ? "" : value);
    } else if (cli_option_value(argv, argc, &i, "--max-heap", &value, &missing)) {
      if (missing || !cli_parse_count(value, true, &args->opts.max_heap) || args->opts.max_heap == 0)
        return cli_usage_error("diff", "--max-heap needs a positive size such as 65536 or 64M, got '%s'",
                               missing ? "" : value);
    } else if (cli_option_value(argv, argc, &i, "--configs", &value, &missing)) {
      if (missing) return cli_usage_error("diff", "--configs needs a list such as ref,jit@1");
      StrBuf err;
      strbuf_init(&err);
      bool ok = oracle_configs_parse(value, &args->opts, &err);
      int rc = ok ? -1 : cli_usage_error("diff", "--configs: %s", err.data ? err.data : "bad list");
      strbuf_free(&err);
      if (!ok) return rc;
    } else if (strcmp(arg, "--verbose") == 0) {
      args->verbose = true;
    } else if (arg[0] == '-' && arg[1] != '\0') {
      return cli_usage_error("diff", "unknown option '%s'", arg);
    } else if (args->path) {
      return cli_usage_error("diff", "more than one FILE ('%s' and '%s')", args->path, arg);
    } else {
      args->path = arg;
    }
  }
  if (!args->path) return cli_usage_error("diff", "no FILE given");
  return -1;
}

static int exit_status(OracleVerdict v) {
  switch (v) {
  case ORACLE_AGREE: return DIFF_EXIT_AGREE;
  case ORACLE_DIVERGED: return DIFF_EXIT_DIVERGED;
  case ORACLE_INCONCLUSIVE: return DIFF_EXIT_INCONCLUSIVE;
  }
  return DIFF_EXIT_INCONCLUSIVE;
}

int cmd_diff(int argc, char **argv) {
  DiffArgs args = {0};
  int rc = parse_args(argc, argv, &args);
  if (rc >= 0) return rc;
  StrBuf err;
  strbuf_init(&err);
  Module *module = cli_load_program(args.path, &err);
  if (!module) {
    fprintf(stderr, "%s\n", err.data ? err.data : "lockstep diff: cannot load program");
    strbuf_free(&err);
    return DIFF_EXIT_BAD_INPUT;
  }
  strbuf_free(&err);

  OracleResult result;
  oracle_result_init(&result);
  OracleVerdict verdict = oracle_run(&result, module, &args.opts, args.verbose);
  StrBuf out;
  strbuf_init(&out);
  oracle_report(&result, module, &args.opts, &out); /* the verdict is always the first line */
  if (args.verbose)
    for (uint32_t i = 0; i < result.nconfigs; i++) oracle_capture_print(&result.caps[i], &out);
  fwrite(out.data ? out.data : "", 1, out.len, stdout);
  fflush(stdout);
  strbuf_free(&out);
  oracle_result_free(&result);
  module_free(module);
  return exit_status(verdict);
}
