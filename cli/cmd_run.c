/* lockstep run: load, verify and run a program. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "vm/exc.h"
#include "jit/tier2.h"
#include "vm/interp.h"
#include "vm/vm.h"

static const char usage[] =
    "Usage: lockstep run [options] FILE\n"
    "\n"
    "Load FILE (.py, .jbc or .jasm), verify it and run it. The program's output goes\n"
    "to stdout (buffered, flushed when full and at exit); an uncaught exception\n"
    "prints a traceback to stderr ending in 'Type: message'.\n"
    "\n"
    "Options:\n"
    "  --engine NAME     engine: ref (the reference interpreter; default), uops\n"
    "                    (tier 1 + traces on the uop interpreter) or jit (tier 1\n"
    "                    + traces as machine code copied from stencils)\n"
    "  --jit-threshold N back-edges to a loop head before it is traced (uops, jit;\n"
    "                    default 200; env LOCKSTEP_JIT_THRESHOLD)\n"
    "  --jit-stats       print tier-2 statistics to stderr after the run\n"
    "  --jit-dump        print every compiled trace (uops, stencil offsets) to stderr\n"
    "  --fuel N          stop after N units of fuel: one per loop back-edge, per\n"
    "                    call, per item a builtin consumes and per exception caught\n"
    "                    (default: unlimited)\n"
    "  --max-heap BYTES  limit on live heap objects, with optional K/M/G suffix\n"
    "                    (default 1G); past it the program gets MemoryError\n"
    "  --check-leaks     after the run, release the program's roots and fail if\n"
    "                    any object is still alive (a leak or a reference cycle)\n"
    "  -h, --help        show this help\n"
    "\n"
    "Environment: LOCKSTEP_ENGINE (default engine), LOCKSTEP_JIT_THRESHOLD,\n"
    "LOCKSTEP_JIT_STATS=1, LOCKSTEP_JIT_DUMP=1: the same knobs, for scripts and\n"
    "fuzz targets; options on the command line win.\n"
    "\n"
    "Exit status: 0 success; 1 uncaught exception; 2 usage error or a file that\n"
    "fails to load or verify; 3 out of fuel; 4 objects alive after --check-leaks.\n";

/* An environment variable set to anything but "" or "0". */
static bool env_flag(const char *name) {
  const char *v = getenv(name);
  return v && *v && strcmp(v, "0") != 0;
}

static void write_stdout(void *ctx, const char *data, size_t len) {
  (void)ctx;
  fwrite(data, 1, len, stdout);
}

int cmd_run(int argc, char **argv) {
  const char *path = NULL, *value = NULL;
  const char *engine = getenv("LOCKSTEP_ENGINE") && *getenv("LOCKSTEP_ENGINE") ? getenv("LOCKSTEP_ENGINE") : "ref";
  VMConfig config = {.fuel = -1, .sink = write_stdout};
  bool check_leaks = false;
  bool jit_stats = env_flag("LOCKSTEP_JIT_STATS"), jit_dump = env_flag("LOCKSTEP_JIT_DUMP");
  Tier2Config tier2 = {.mode = TIER2_UOPS};
  StrBuf env_err;
  strbuf_init(&env_err);
  if (!tier2_config_from_env(&tier2, &env_err)) {
    int rc = cli_usage_error("run", "%s", env_err.data);
    strbuf_free(&env_err);
    return rc;
  }
  strbuf_free(&env_err);
  for (int i = 1; i < argc; i++) {
    bool missing = false;
    const char *arg = argv[i];
    if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
      fputs(usage, stdout);
      return EXIT_OK;
    } else if (cli_option_value(argv, argc, &i, "--engine", &engine, &missing)) {
      if (missing) return cli_usage_error("run", "--engine needs a value");
    } else if (cli_option_value(argv, argc, &i, "--fuel", &value, &missing)) {
      if (missing || !cli_parse_count(value, false, &config.fuel))
        return cli_usage_error("run", "--fuel needs a non-negative integer, got '%s'", missing ? "" : value);
    } else if (cli_option_value(argv, argc, &i, "--max-heap", &value, &missing)) {
      if (missing || !cli_parse_count(value, true, &config.max_heap) || config.max_heap == 0)
        return cli_usage_error("run", "--max-heap needs a positive size such as 65536 or 64M, got '%s'",
                               missing ? "" : value);
    } else if (cli_option_value(argv, argc, &i, "--jit-threshold", &value, &missing)) {
      int64_t n = 0;
      if (missing || !cli_parse_count(value, false, &n) || n < 1 || n > 1000000000)
        return cli_usage_error("run", "--jit-threshold needs an integer from 1 to 1000000000, got '%s'",
                               missing ? "" : value);
      tier2.threshold = (uint32_t)n;
    } else if (strcmp(arg, "--jit-stats") == 0) {
      jit_stats = true;
    } else if (strcmp(arg, "--jit-dump") == 0) {
      jit_dump = true;
    } else if (strcmp(arg, "--check-leaks") == 0) {
      check_leaks = true;
    } else if (arg[0] == '-' && arg[1] != '\0') {
      return cli_usage_error("run", "unknown option '%s'", arg);
    } else if (path) {
      return cli_usage_error("run", "more than one FILE ('%s' and '%s')", path, arg);
    } else {
      path = arg;
    }
  }
  if (!path) return cli_usage_error("run", "no FILE given");
  bool use_ref = strcmp(engine, "ref") == 0;
  if (strcmp(engine, "jit") == 0) tier2.mode = TIER2_JIT;
  else if (!use_ref && strcmp(engine, "uops") != 0)
    return cli_usage_error("run", "unknown engine '%s' (engines: ref, uops, jit)", engine);

  StrBuf err;
  strbuf_init(&err);
  Module *module = cli_load_program(path, &err);
  if (!module) {
    fprintf(stderr, "%s\n", err.data ? err.data : "lockstep: cannot load program");
    strbuf_free(&err);
    return EXIT_USAGE;
  }
  VM *vm = vm_new(module, &config);
  if (!vm) {
    fprintf(stderr, "lockstep: %s: out of memory creating the VM\n", path);
    module_free(module);
    strbuf_free(&err);
    return EXIT_USAGE;
  }

  Outcome outcome;
  int status = EXIT_OK;
  StrBuf dump;
  strbuf_init(&dump);
  if (jit_dump) tier2.dump = &dump;
  Tier2Stats stats;
  Status st = use_ref ? ref_run(vm, &outcome) : tier1_run(vm, &tier2, &outcome, &stats);
  vm_flush(vm);
  if (!use_ref && (jit_dump || jit_stats)) {
    if (jit_stats) tier2_stats_print(&stats, &dump);
    fwrite(dump.data ? dump.data : "", 1, dump.len, stderr);
  }
  strbuf_free(&dump);
  fflush(stdout);
  if (st != LS_OK) {
    fprintf(stderr, "lockstep: %s: out of memory\n", path);
    status = EXIT_USAGE;
  } else if (outcome.kind == OUTCOME_EXCEPTION) {
    strbuf_clear(&err);
    exc_format_traceback(vm, AS_EXCEPTION(outcome.value), &err); /* ends in a newline */
    fputs(err.data ? err.data : "Exception\n", stderr);
    status = EXIT_EXCEPTION;
  } else if (outcome.kind == OUTCOME_FUEL) {
    fprintf(stderr, "lockstep: %s: out of fuel after %lld units\n", path, (long long)config.fuel);
    status = EXIT_FUEL;
  }
  outcome_clear(vm, &outcome);
  if (check_leaks) {
    vm_release_roots(vm);
    if (vm->live_objects != 0) {
      fprintf(stderr, "lockstep: %s: %lld objects still alive after teardown (leak or reference cycle)\n", path,
              (long long)vm->live_objects);
      if (status == EXIT_OK) status = EXIT_LEAK;
    }
  }
  vm_free(vm);
  module_free(module);
  strbuf_free(&err);
  return status;
}
