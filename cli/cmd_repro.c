/* lockstep repro: find where a diverging input first goes wrong. The
 * oracle (each configuration in a child process, so that crashes and hangs
 * are verdicts) picks the pair, ref against the first configuration that
 * disagrees; a lockstep re-run of the pair (oracle/lockstep.h) names the
 * first differing checkpoint and shows both states; that checkpoint's
 * opcode and the tier-2 side's last uop complete the signature.
 *
 * Also here: loading any input for repro and reduce (cli_load_input). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "fuzz/gen.h"
#include "fuzz/target_common.h"
#include "lang/lang.h"
#include "oracle/lockstep.h"
#include "vm/jbc.h"
#include "vm/loader.h"

enum {
  REPRO_EXIT_SAME = 0,
  REPRO_EXIT_DIVERGED = 1,
  REPRO_EXIT_BAD_INPUT = EXIT_USAGE, /* 2 */
  INPUT_MAX_BYTES = 64 << 20,
  DEFAULT_TIMEOUT = 120,
};

/* ------------------------------------------------------------ inputs */

static bool has_suffix(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

static const char *base_name(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

static bool read_file(const char *path, StrBuf *data, StrBuf *err) {
  FILE *fp = fopen(path, "rb");
  if (!fp) {
    strbuf_printf(err, "%s: error: cannot open: %s", path, strerror(errno));
    return false;
  }
  char buf[65536];
  size_t n;
  bool too_big = false;
  while ((n = fread(buf, 1, sizeof buf, fp)) > 0 && !too_big) {
    too_big = data->len + n > INPUT_MAX_BYTES;
    if (!too_big) strbuf_append(data, buf, n);
  }
  bool failed = ferror(fp) != 0;
  fclose(fp);
  if (failed) strbuf_printf(err, "%s: error: cannot read: %s", path, strerror(errno));
  else if (too_big) strbuf_printf(err, "%s: error: file too large (limit %d bytes)", path, INPUT_MAX_BYTES);
  else if (data->oom) strbuf_printf(err, "%s: error: out of memory", path);
  return !failed && !too_big && !data->oom;
}

/* "fuel: N" and "configs: LIST" from the finding.txt beside a `lockstep
 * fuzz` finding's input.* (docs/campaigns.md). */
static void finding_limits(const char *path, OracleOptions *opts, bool fuel_set, bool configs_set) {
  if (strncmp(base_name(path), "input.", 6) != 0) return;
  StrBuf name, text, err;
  strbuf_init(&name);
  strbuf_init(&text);
  strbuf_init(&err);
  strbuf_printf(&name, "%.*s%s", (int)(base_name(path) - path), path, "finding.txt");
  if (name.data && read_file(name.data, &text, &err)) {
    for (char *line = text.data; line && *line;) {
      char *nl = strchr(line, '\n');
      if (nl) *nl = '\0';
      int64_t fuel;
      if (!fuel_set && strncmp(line, "fuel: ", 6) == 0 && cli_parse_count(line + 6, false, &fuel)) opts->fuel = fuel;
      if (!configs_set && strncmp(line, "configs: ", 9) == 0) {
        StrBuf bad;
        strbuf_init(&bad);
        oracle_configs_parse(line + 9, opts, &bad); /* unchanged when bad */
        strbuf_free(&bad);
      }
      line = nl ? nl + 1 : NULL;
    }
  }
  strbuf_free(&name);
  strbuf_free(&text);
  strbuf_free(&err);
}

Module *cli_load_input(const char *path, const GenOptions *gen, OracleOptions *opts, const CliInputFlags *flags,
                       bool *generated, StrBuf *err) {
  *generated = false;
  if (has_suffix(path, ".py") || has_suffix(path, ".jasm") || has_suffix(path, ".jbc")) {
    Module *m = cli_load_program(path, err);
    if (m) finding_limits(path, opts, flags->fuel_set, flags->configs_set);
    return m;
  }
  StrBuf data;
  strbuf_init(&data);
  Module *m = NULL;
  if (read_file(path, &data, err)) {
    if (jbc_has_magic((const uint8_t *)data.data, data.len)) {
      m = module_load_bytes(path, data.data, data.len, err);
    } else {
      /* A crash file of libFuzzer or AFL++: generator bytes, run as the
       * coverage-guided targets run them. */
      *generated = true;
      m = gen_program((const uint8_t *)data.data, data.len, gen, err);
      if (!flags->fuel_set) opts->fuel = FUZZ_TARGET_FUEL;
      if (!flags->heap_set) opts->max_heap = FUZZ_TARGET_MAX_HEAP;
    }
  }
  strbuf_free(&data);
  return m;
}

bool cli_parse_input_option(const char *cmd, char **argv, int argc, int *i, GenOptions *gen, OracleOptions *opts,
                            CliInputFlags *flags, int *status) {
  bool missing = false;
  const char *value = NULL;
  *status = -1;
  if (cli_option_value(argv, argc, i, "--fuel", &value, &missing)) {
    if (missing || !cli_parse_count(value, false, &opts->fuel))
      *status = cli_usage_error(cmd, "--fuel needs a non-negative integer, got '%s'", missing ? "" : value);
    flags->fuel_set = true;
  } else if (cli_option_value(argv, argc, i, "--max-heap", &value, &missing)) {
    if (missing || !cli_parse_count(value, true, &opts->max_heap) || opts->max_heap == 0)
      *status = cli_usage_error(cmd, "--max-heap needs a positive size such as 65536 or 64M, got '%s'",
                                missing ? "" : value);
    flags->heap_set = true;
  } else if (cli_option_value(argv, argc, i, "--configs", &value, &missing)) {
    StrBuf err;
    strbuf_init(&err);
    if (missing) *status = cli_usage_error(cmd, "--configs needs a list such as ref,jit@1");
    else if (!oracle_configs_parse(value, opts, &err))
      *status = cli_usage_error(cmd, "--configs: %s", err.data ? err.data : "bad list");
    strbuf_free(&err);
    flags->configs_set = true;
  } else if (cli_option_value(argv, argc, i, "--size", &value, &missing)) {
    int64_t size = 0;
    if (missing || !cli_parse_count(value, false, &size) || size < GEN_MIN_SIZE || size > GEN_MAX_SIZE)
      *status = cli_usage_error(cmd, "--size must be an integer from %d to %d, got '%s'", GEN_MIN_SIZE, GEN_MAX_SIZE,
                                missing ? "" : value);
    else gen->size = (uint32_t)size;
  } else {
    return false;
  }
  return true;
}

/* ------------------------------------------------------------ repro */

static const char repro_usage[] =
    "Usage: lockstep repro [options] FILE\n"
    "\n"
    "Find where a diverging input first goes wrong (docs/lockstep.md). FILE is a\n"
    "crash file of libFuzzer or AFL++ (generator bytes), a 'lockstep fuzz'\n"
    "finding, or any .py, .jasm or .jbc program. The oracle runs FILE under every\n"
    "configuration, each in a child process; then the baseline and the first\n"
    "configuration that disagrees are re-run in lockstep: both stop at every\n"
    "function entry, return and loop back-edge (traces report them through\n"
    "CHECKPOINT uops) and compare the frame (code, offset, locals, stack), stdout\n"
    "so far and the heap reachable from the frame and the globals. The report\n"
    "names the first checkpoint that differs, the trace and uop the tier-2 side\n"
    "left from last, and shows both states side by side; the signature gets the\n"
    "checkpoint's opcode and that uop as its last part.\n"
    "\n"
    "Options:\n"
    "  --configs LIST    configurations, the first being the baseline (default:\n"
    "                    the oracle's); with exactly two, they are compared in\n"
    "                    lockstep even when their end states agree\n"
    "  --fuel N          fuel (default 100000; generator bytes: the fuzz targets'\n"
    "                    20000; a finding: its finding.txt)\n"
    "  --max-heap BYTES  heap limit, optional K/M/G suffix (default 64M; generator\n"
    "                    bytes: 16M)\n"
    "  --size S          generator size for generator bytes (default 200)\n"
    "  --heap-every K    heap digest at every Kth checkpoint before narrowing down\n"
    "                    (default 16; 1: every checkpoint)\n"
    "  --timeout S       seconds a child may run before it counts as hung\n"
    "                    (default 120)\n"
    "  --no-fork         run everything in this process (a crash ends lockstep)\n"
    "  -h, --help        show this help\n"
    "\n"
    "Exit status: 0 no divergence; 1 a divergence was found and reported; 2 usage\n"
    "error or an input that cannot be loaded.\n";

typedef struct ReproArgs {
  const char *path;
  GenOptions gen;
  OracleOptions opts;
  CliInputFlags flags;
  uint32_t heap_every;
  uint32_t timeout;
  bool no_fork;
} ReproArgs;

static int parse_repro_args(int argc, char **argv, ReproArgs *a) {
  oracle_options_default(&a->opts);
  a->gen.size = GEN_DEFAULT_SIZE;
  a->heap_every = LOCKSTEP_DEFAULT_HEAP_EVERY;
  a->timeout = DEFAULT_TIMEOUT;
  for (int i = 1; i < argc; i++) {
    bool missing = false;
    const char *arg = argv[i], *value = NULL;
    int status;
    int64_t n;
    if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
      fputs(repro_usage, stdout);
      return EXIT_OK;
    } else if (cli_parse_input_option("repro", argv, argc, &i, &a->gen, &a->opts, &a->flags, &status)) {
      if (status >= 0) return status;
    } else if (cli_option_value(argv, argc, &i, "--heap-every", &value, &missing)) {
      if (missing || !cli_parse_count(value, false, &n) || n < 1 || n > UINT32_MAX)
        return cli_usage_error("repro", "--heap-every needs a positive integer, got '%s'", missing ? "" : value);
      a->heap_every = (uint32_t)n;
    } else if (cli_option_value(argv, argc, &i, "--timeout", &value, &missing)) {
      if (missing || !cli_parse_count(value, false, &n) || n > 86400)
        return cli_usage_error("repro", "--timeout needs seconds (0: none), got '%s'", missing ? "" : value);
      a->timeout = (uint32_t)n;
    } else if (strcmp(arg, "--no-fork") == 0) {
      a->no_fork = true;
    } else if (arg[0] == '-' && arg[1] != '\0') {
      return cli_usage_error("repro", "unknown option '%s'", arg);
    } else if (a->path) {
      return cli_usage_error("repro", "more than one FILE ('%s' and '%s')", a->path, arg);
    } else {
      a->path = arg;
    }
  }
  if (!a->path) return cli_usage_error("repro", "no FILE given");
  return -1;
}

static void print_buf(const StrBuf *sb) {
  fwrite(sb->data ? sb->data : "", 1, sb->len, stdout);
  fflush(stdout);
}

int cmd_repro(int argc, char **argv) {
  ReproArgs a;
  memset(&a, 0, sizeof a);
  int rc = parse_repro_args(argc, argv, &a);
  if (rc >= 0) return rc;
  StrBuf err, out;
  strbuf_init(&err);
  strbuf_init(&out);
  bool generated = false;
  Module *m = cli_load_input(a.path, &a.gen, &a.opts, &a.flags, &generated, &err);
  if (!m) {
    fprintf(stderr, "%s\n", err.data ? err.data : "lockstep repro: cannot load the input");
    strbuf_free(&err);
    return REPRO_EXIT_BAD_INPUT;
  }
  strbuf_free(&err);

  LockstepOptions lo;
  lockstep_options_from_oracle(&lo, &a.opts);
  lo.heap_every = a.heap_every;
  lo.child.isolate = !a.no_fork;
  lo.child.timeout_seconds = a.timeout;

  OracleResult *r = malloc(sizeof *r);
  LockstepResult *res = malloc(sizeof *res);
  if (!r || !res) {
    fputs("lockstep repro: out of memory\n", stderr);
    free(r);
    free(res);
    module_free(m);
    return REPRO_EXIT_BAD_INPUT;
  }
  oracle_result_init(r);
  lockstep_result_init(res);
  strbuf_printf(&out, "input: %s (%s), fuel %lld, max heap %lld\n", a.path,
                generated ? "generator bytes" : "program", (long long)a.opts.fuel, (long long)a.opts.max_heap);
  OracleVerdict v = lockstep_oracle_run(r, m, &a.opts, &lo.child);
  oracle_verdict_line(r, &out);
  if (out.len && out.data[out.len - 1] != '\n') strbuf_putc(&out, '\n');

  int status = v == ORACLE_DIVERGED ? REPRO_EXIT_DIVERGED : REPRO_EXIT_SAME;
  print_buf(&out);
  strbuf_clear(&out);
  bool compared = false;
  if (v == ORACLE_DIVERGED) {
    compared = lockstep_locate(r, m, &lo, res);
  } else if (r->nconfigs == 2) { /* an explicit pair: compare it anyway */
    LockstepSide sides[2];
    memset(sides, 0, sizeof sides);
    sides[0].config = r->caps[0].config;
    sides[1].config = r->caps[1].config;
    compared = lockstep_compare(m, sides, &lo, res);
  }
  if (res->report.len) {
    strbuf_puts(&out, "\n---- lockstep re-run ----\n");
    strbuf_append(&out, res->report.data, res->report.len);
  }
  if (compared && res->finding != LOCKSTEP_SAME) status = REPRO_EXIT_DIVERGED;
  if (v == ORACLE_DIVERGED && r->what != ORACLE_WHAT_CRASH) {
    strbuf_puts(&out, "\n---- end states (lockstep diff) ----\n");
    oracle_report(r, m, &a.opts, &out);
  }
  if (v == ORACLE_DIVERGED) strbuf_printf(&out, "\nsignature: %s\n", r->signature);
  else if (status == REPRO_EXIT_DIVERGED) strbuf_puts(&out, "\nthe end states agree, but the checkpoints differ\n");
  print_buf(&out);
  strbuf_free(&out);
  lockstep_result_free(res);
  oracle_result_free(r);
  free(res);
  free(r);
  module_free(m);
  return status;
}
