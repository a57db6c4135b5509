/* lockstep reduce: shrink a diverging input while the oracle keeps giving
 * the same signature (fuzz/reduce.h, docs/reducer.md), and write the result
 * as .jasm, optionally as a regression test in tests/regress/ with a header
 * (tests/regress/README.md). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cli/cli.h"
#include "fuzz/gen.h"
#include "fuzz/reduce.h"
#include "oracle/lockstep.h"
#include "vm/jasm.h"

enum {
  REDUCE_EXIT_OK = 0,
  REDUCE_EXIT_NO_DIVERGENCE = 1,
  REDUCE_EXIT_BAD_INPUT = EXIT_USAGE, /* 2 */
  DEFAULT_MAX_SECONDS = 600,
  DEFAULT_TIMEOUT = 60,
  TEST_NAME_MAX = 100,
};

static const char reduce_usage[] =
    "Usage: lockstep reduce [options] INPUT -o OUT.jasm\n"
    "       lockstep reduce [options] INPUT --as-test NAME\n"
    "\n"
    "Shrink a diverging program while its divergence signature stays the same\n"
    "(docs/reducer.md): delete functions, exception handlers, blocks and\n"
    "instructions, drop branches, replace expressions by constants, shrink\n"
    "constants, keeping the program valid at every step. INPUT is a .py, .jasm\n"
    "or .jbc program, a 'lockstep fuzz' finding, or a libFuzzer/AFL++ crash file\n"
    "(generator bytes). Every candidate runs through the oracle in child\n"
    "processes, so candidates that crash or hang are simply not kept.\n"
    "\n"
    "Options:\n"
    "  -o, --output FILE   write the reduced program (.jasm) to FILE\n"
    "  --as-test NAME      write it to tests/regress/NAME.jasm with a header:\n"
    "                      signature, date, the configurations that failed, the\n"
    "                      input's name and the command that replays it\n"
    "  --regress-dir DIR   where --as-test writes (default tests/regress)\n"
    "  --force             overwrite an existing regression test\n"
    "  --signature SIG     the divergence to keep (default: the input's own); a\n"
    "                      ':WHERE' part is ignored while reducing\n"
    "  --configs LIST      oracle configurations (default: the oracle's)\n"
    "  --fuel N            fuel (default 100000; generator bytes: 20000; a\n"
    "                      finding: its finding.txt)\n"
    "  --max-heap BYTES    heap limit, optional K/M/G suffix\n"
    "  --size S            generator size for generator bytes (default 200)\n"
    "  --max-tests N       oracle runs at most (default 20000)\n"
    "  --max-seconds S     time bound (default 600; 0: none)\n"
    "  --timeout S         seconds one candidate may run (default 60)\n"
    "  --no-fork           run candidates in this process (a crash ends it)\n"
    "  --verbose           print every step kept\n"
    "  -h, --help          show this help\n"
    "\n"
    "Exit status: 0 reduced and written; 1 the input does not diverge (or not\n"
    "with SIG); 2 usage error, an input that cannot be loaded, or a file that\n"
    "cannot be written.\n";

typedef struct ReduceArgs {
  const char *path, *output, *test_name, *regress_dir, *signature;
  bool force, no_fork, verbose;
  GenOptions gen;
  OracleOptions opts;
  CliInputFlags flags;
  ReduceOptions ropt;
  uint32_t timeout;
} ReduceArgs;

static bool valid_test_name(const char *s) {
  size_t n = strlen(s);
  if (n == 0 || n > TEST_NAME_MAX) return false;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

/* One of reduce's own options at argv[*i]: -1 to go on, else an exit status;
 * 0 with *matched false when it is none of them. */
static int parse_own_option(int argc, char **argv, int *i, ReduceArgs *a, bool *matched) {
  bool missing = false;
  const char *value = NULL;
  int64_t n;
  *matched = true;
  if (cli_option_value(argv, argc, i, "--output", &value, &missing) ||
      cli_option_value(argv, argc, i, "-o", &value, &missing)) {
    if (missing) return cli_usage_error("reduce", "-o needs a file name");
    a->output = value;
  } else if (cli_option_value(argv, argc, i, "--as-test", &value, &missing)) {
    if (missing || !valid_test_name(value))
      return cli_usage_error("reduce", "--as-test needs a name of letters, digits, '_' and '-', got '%s'",
                             missing ? "" : value);
    a->test_name = value;
  } else if (cli_option_value(argv, argc, i, "--regress-dir", &value, &missing)) {
    if (missing) return cli_usage_error("reduce", "--regress-dir needs a directory");
    a->regress_dir = value;
  } else if (cli_option_value(argv, argc, i, "--signature", &value, &missing)) {
    if (missing || !*value) return cli_usage_error("reduce", "--signature needs a signature such as output:ref~jit@1");
    a->signature = value;
  } else if (cli_option_value(argv, argc, i, "--max-tests", &value, &missing)) {
    if (missing || !cli_parse_count(value, false, &n) || n < 1)
      return cli_usage_error("reduce", "--max-tests needs a positive integer, got '%s'", missing ? "" : value);
    a->ropt.max_tests = (uint64_t)n;
  } else if (cli_option_value(argv, argc, i, "--max-seconds", &value, &missing)) {
    if (missing || !cli_parse_count(value, false, &n))
      return cli_usage_error("reduce", "--max-seconds needs seconds (0: none), got '%s'", missing ? "" : value);
    a->ropt.max_seconds = (double)n;
  } else if (cli_option_value(argv, argc, i, "--timeout", &value, &missing)) {
    if (missing || !cli_parse_count(value, false, &n) || n > 86400)
      return cli_usage_error("reduce", "--timeout needs seconds (0: none), got '%s'", missing ? "" : value);
    a->timeout = (uint32_t)n;
  } else if (strcmp(argv[*i], "--force") == 0) {
    a->force = true;
  } else if (strcmp(argv[*i], "--no-fork") == 0) {
    a->no_fork = true;
  } else if (strcmp(argv[*i], "--verbose") == 0) {
    a->verbose = true;
  } else {
    *matched = false;
  }
  return -1;
}

static int parse_reduce_args(int argc, char **argv, ReduceArgs *a) {
  oracle_options_default(&a->opts);
  a->gen.size = GEN_DEFAULT_SIZE;
  a->ropt.max_tests = REDUCE_DEFAULT_MAX_TESTS;
  a->ropt.max_seconds = DEFAULT_MAX_SECONDS;
  a->timeout = DEFAULT_TIMEOUT;
  a->regress_dir = "tests/regress";
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i];
    int status;
    bool matched;
    if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
      fputs(reduce_usage, stdout);
      return EXIT_OK;
    }
    if (cli_parse_input_option("reduce", argv, argc, &i, &a->gen, &a->opts, &a->flags, &status)) {
      if (status >= 0) return status;
      continue;
    }
    status = parse_own_option(argc, argv, &i, a, &matched);
    if (status >= 0) return status;
    if (matched) continue;
    if (arg[0] == '-' && arg[1] != '\0') return cli_usage_error("reduce", "unknown option '%s'", arg);
    if (a->path) return cli_usage_error("reduce", "more than one INPUT ('%s' and '%s')", a->path, arg);
    a->path = arg;
  }
  if (!a->path) return cli_usage_error("reduce", "no INPUT given");
  if (!a->output && !a->test_name) return cli_usage_error("reduce", "give -o OUT.jasm or --as-test NAME");
  return -1;
}

/* The configurations that disagree with the baseline in r. */
static void failed_configs(const OracleResult *r, StrBuf *out) {
  bool first = true;
  for (uint32_t i = 1; i < r->nconfigs; i++) {
    if (!(r->disagree & (1u << i))) continue;
    strbuf_printf(out, "%s%s", first ? "" : ",", r->caps[i].config.name);
    first = false;
  }
}

static void utc_now(char *out, size_t n) {
  time_t t = time(NULL);
  struct tm tm;
  if (gmtime_r(&t, &tm) && strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm) > 0) return;
  snprintf(out, n, "unknown");
}

typedef struct Reduced {
  OracleResult *r;       /* the reduced program's oracle result, located */
  ReduceStats stats;
  bool generated;
  double seconds;
} Reduced;

/* The header comment block of a reduced program (tests/regress/README.md). */
static void write_header(StrBuf *sb, const ReduceArgs *a, const Reduced *red, const char *test_path) {
  const OracleOptions *o = &a->opts;
  OracleOptions defaults;
  oracle_options_default(&defaults);
  char date[64];
  utc_now(date, sizeof date);
  if (a->test_name) strbuf_printf(sb, "; lockstep regression test: %s\n", a->test_name);
  strbuf_printf(sb, "; signature: %s\n", red->r->signature);
  strbuf_printf(sb, "; date: %s\n", date);
  strbuf_puts(sb, "; failed: ");
  failed_configs(red->r, sb);
  strbuf_printf(sb, " (against %s)\n", red->r->nconfigs ? red->r->caps[0].config.name : "?");
  strbuf_puts(sb, "; input: ");
  oracle_quote(sb, a->path, strlen(a->path), 200);
  if (red->generated) strbuf_printf(sb, " (generator bytes, size %u)", a->gen.size);
  strbuf_puts(sb, "\n");
  strbuf_printf(sb, "; fuel: %lld\n; max-heap: %lld\n", (long long)o->fuel, (long long)o->max_heap);
  strbuf_puts(sb, "; configs: ");
  for (uint32_t i = 0; i < o->nconfigs; i++) strbuf_printf(sb, "%s%s", i ? "," : "", o->configs[i].name);
  strbuf_puts(sb, "\n; replay: lockstep diff");
  if (o->fuel != defaults.fuel) strbuf_printf(sb, " --fuel %lld", (long long)o->fuel);
  if (o->max_heap != defaults.max_heap) strbuf_printf(sb, " --max-heap %lld", (long long)o->max_heap);
  strbuf_printf(sb, " %s\n", test_path ? test_path : (a->output ? a->output : "FILE"));
  strbuf_printf(sb, "; reduced: %u -> %u instructions, %u -> %u functions, %llu oracle runs, %.1f s%s\n",
                red->stats.instrs_before, red->stats.instrs_after, red->stats.funcs_before, red->stats.funcs_after,
                (unsigned long long)red->stats.tests, red->seconds,
                red->stats.out_of_tests || red->stats.out_of_time ? " (stopped at its bound)" : "");
}

static bool write_text(const char *path, const StrBuf *text) {
  const char *why = "out of memory";
  if (!text->oom && cli_write_file(path, text->data ? text->data : "", text->len, &why)) return true;
  fprintf(stderr, "lockstep reduce: cannot write %s: %s\n", path, why);
  return false;
}

static int write_outputs(const ReduceArgs *a, const Module *reduced, const Reduced *red) {
  StrBuf body;
  strbuf_init(&body);
  if (!jasm_disassemble(reduced, &body) || body.oom) {
    strbuf_free(&body);
    fputs("lockstep reduce: cannot write the reduced program as .jasm\n", stderr);
    return REDUCE_EXIT_BAD_INPUT;
  }
  int status = REDUCE_EXIT_OK;
  if (a->output) {
    StrBuf text;
    strbuf_init(&text);
    write_header(&text, a, red, NULL);
    strbuf_append(&text, body.data, body.len);
    if (!write_text(a->output, &text)) status = REDUCE_EXIT_BAD_INPUT;
    strbuf_free(&text);
  }
  if (a->test_name && status == REDUCE_EXIT_OK) {
    StrBuf path, text;
    strbuf_init(&path);
    strbuf_init(&text);
    strbuf_printf(&path, "%s/%s.jasm", a->regress_dir, a->test_name);
    struct stat st;
    if (stat(a->regress_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
      fprintf(stderr, "lockstep reduce: %s is not a directory: run from the source tree or give --regress-dir\n",
              a->regress_dir);
      status = REDUCE_EXIT_BAD_INPUT;
    } else if (!a->force && stat(path.data, &st) == 0) {
      fprintf(stderr, "lockstep reduce: %s exists (--force overwrites it)\n", path.data);
      status = REDUCE_EXIT_BAD_INPUT;
    } else {
      write_header(&text, a, red, path.data);
      strbuf_append(&text, body.data, body.len);
      if (!write_text(path.data, &text)) status = REDUCE_EXIT_BAD_INPUT;
      else fprintf(stderr, "lockstep reduce: wrote %s\n", path.data);
    }
    strbuf_free(&path);
    strbuf_free(&text);
  }
  strbuf_free(&body);
  return status;
}

static double now_seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Reduces m while its base signature is `target`; fills red. */
static int reduce_and_locate(const ReduceArgs *a, const Module *m, const char *target, Reduced *red,
                             Module **out) {
  ReduceSignature *sig = malloc(sizeof *sig);
  if (!sig) return REDUCE_EXIT_BAD_INPUT;
  reduce_signature_init(sig, &a->opts, target);
  sig->isolate = !a->no_fork;
  sig->timeout_seconds = a->timeout;
  StrBuf log;
  strbuf_init(&log);
  ReduceOptions ro = a->ropt;
  ro.log = a->verbose ? &log : NULL;
  double t0 = now_seconds();
  ReduceStatus st = reduce_module(m, reduce_signature_predicate, sig, &ro, out, &red->stats);
  red->seconds = now_seconds() - t0;
  reduce_signature_free(sig);
  free(sig);
  if (log.len) fwrite(log.data, 1, log.len, stderr);
  strbuf_free(&log);
  if (st == REDUCE_NOT_INTERESTING) {
    fprintf(stderr, "lockstep reduce: the input does not diverge with signature %s\n", target);
    return REDUCE_EXIT_NO_DIVERGENCE;
  }
  if (st != REDUCE_OK) {
    fprintf(stderr, "lockstep reduce: %s\n", reduce_status_name(st));
    return REDUCE_EXIT_BAD_INPUT;
  }
  /* The reduced program's full signature, with where it first diverges. */
  LockstepOptions lo;
  lockstep_options_from_oracle(&lo, &a->opts);
  lo.child.isolate = !a->no_fork;
  lo.child.timeout_seconds = a->timeout;
  lo.child.quiet = true;
  lockstep_oracle_run(red->r, *out, &a->opts, &lo.child);
  LockstepResult *res = malloc(sizeof *res);
  if (res) {
    lockstep_result_init(res);
    lockstep_locate(red->r, *out, &lo, res);
    lockstep_result_free(res);
    free(res);
  }
  return REDUCE_EXIT_OK;
}

int cmd_reduce(int argc, char **argv) {
  ReduceArgs a;
  memset(&a, 0, sizeof a);
  int rc = parse_reduce_args(argc, argv, &a);
  if (rc >= 0) return rc;
  StrBuf err;
  strbuf_init(&err);
  Reduced red;
  memset(&red, 0, sizeof red);
  Module *m = cli_load_input(a.path, &a.gen, &a.opts, &a.flags, &red.generated, &err);
  if (!m) {
    fprintf(stderr, "%s\n", err.data ? err.data : "lockstep reduce: cannot load the input");
    strbuf_free(&err);
    return REDUCE_EXIT_BAD_INPUT;
  }
  strbuf_free(&err);
  red.r = malloc(sizeof *red.r);
  if (!red.r) {
    module_free(m);
    return REDUCE_EXIT_BAD_INPUT;
  }
  oracle_result_init(red.r);
  char target[ORACLE_SIGNATURE_MAX];
  int status = REDUCE_EXIT_OK;
  if (a.signature) {
    reduce_signature_base(a.signature, target, sizeof target);
  } else {
    LockstepChild child = {.isolate = !a.no_fork, .timeout_seconds = a.timeout, .quiet = true};
    if (lockstep_oracle_run(red.r, m, &a.opts, &child) != ORACLE_DIVERGED) {
      StrBuf line;
      strbuf_init(&line);
      oracle_verdict_line(red.r, &line);
      fprintf(stderr, "lockstep reduce: nothing to reduce: %s", line.data ? line.data : "no verdict\n");
      strbuf_free(&line);
      status = REDUCE_EXIT_NO_DIVERGENCE;
    }
    reduce_signature_base(red.r->signature, target, sizeof target);
  }
  Module *out = NULL;
  if (status == REDUCE_EXIT_OK) {
    fprintf(stderr, "lockstep reduce: keeping signature %s\n", target);
    status = reduce_and_locate(&a, m, target, &red, &out);
  }
  if (status == REDUCE_EXIT_OK) {
    fprintf(stderr, "lockstep reduce: %u -> %u instructions, %u -> %u functions, %llu oracle runs in %.1f s%s\n",
            red.stats.instrs_before, red.stats.instrs_after, red.stats.funcs_before, red.stats.funcs_after,
            (unsigned long long)red.stats.tests, red.seconds,
            red.stats.out_of_tests || red.stats.out_of_time ? " (stopped at its bound)" : "");
    fprintf(stderr, "lockstep reduce: signature %s\n", red.r->signature);
    status = write_outputs(&a, out, &red);
  }
  module_free(out);
  oracle_result_free(red.r);
  free(red.r);
  module_free(m);
  return status;
}
