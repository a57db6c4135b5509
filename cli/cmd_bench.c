/* lockstep bench: each benchmark under every engine (and python3 when it is
 * installed), as child processes of this one command, several repetitions;
 * a table of median wall times, ratios to ref and peak resident memory. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "vm/strbuf.h"

extern char **environ;

static const char usage[] =
    "Usage: lockstep bench [options] [FILE.py ...]\n"
    "\n"
    "Run each benchmark (default: corpus/bench/*.py) under the engines ref, uops\n"
    "and jit, and under python3 when it is on PATH, each as a child process,\n"
    "several times; print the median wall time, the ratio to ref and the peak\n"
    "resident memory of each, and the geometric means. Outputs must agree: a\n"
    "benchmark whose stdout differs between engines is reported and fails the\n"
    "command.\n"
    "\n"
    "Options:\n"
    "  --repeat N         runs per engine and benchmark (default 3; median)\n"
    "  --no-python        do not run python3\n"
    "  --jit-threshold N  passed to the uops and jit engines\n"
    "  -h, --help         show this help\n"
    "\n"
    "The machine's load shows in wall times: compare ratios within one run.\n";

enum { ENGINE_REF, ENGINE_UOPS, ENGINE_JIT, ENGINE_PYTHON, NENGINES, MAX_REPEAT = 99 };
static const char *const engine_names[NENGINES] = {"ref", "uops", "jit", "python3"};

typedef struct Sample {
  double seconds;
  long max_rss_kib;
  int status;
  uint64_t output_hash;
} Sample;

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t hash_file(const char *path) {
  FILE *fp = fopen(path, "rb");
  uint64_t h = 1469598103934665603ull;
  int c;
  while (fp && (c = fgetc(fp)) != EOF) h = (h ^ (uint64_t)c) * 1099511628211ull;
  if (fp) fclose(fp);
  return h;
}

/* Runs argv with stdout into out_path; fills the sample. */
static bool run_child(char *const argv[], const char *out_path, Sample *s) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid;
  double t0 = now_seconds();
  int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) return false;
  int wstatus = 0;
  struct rusage ru;
  if (wait4(pid, &wstatus, 0, &ru) < 0) return false;
  s->seconds = now_seconds() - t0;
  s->max_rss_kib = ru.ru_maxrss;
  s->status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
  s->output_hash = hash_file(out_path);
  return true;
}

static int compare_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static bool python_available(void) {
  const char *path = getenv("PATH");
  if (!path) return false;
  char *copy = strdup(path);
  bool found = false;
  for (char *dir = strtok(copy, ":"); dir && !found; dir = strtok(NULL, ":")) {
    char candidate[4096];
    snprintf(candidate, sizeof candidate, "%s/python3", dir);
    found = access(candidate, X_OK) == 0;
  }
  free(copy);
  return found;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The .py files of corpus/bench, sorted. */
static int default_files(char ***out) {
  DIR *d = opendir("corpus/bench");
  if (!d) return 0;
  int n = 0, cap = 16;
  char **files = malloc(cap * sizeof *files);
  struct dirent *e;
  while (files && (e = readdir(d))) {
    size_t len = strlen(e->d_name);
    if (len < 4 || strcmp(e->d_name + len - 3, ".py") != 0) continue;
    if (n == cap) {
      char **p = realloc(files, (cap *= 2) * sizeof *files);
      if (!p) break;
      files = p;
    }
    char path[1024];
    snprintf(path, sizeof path, "corpus/bench/%s", e->d_name);
    files[n++] = strdup(path);
  }
  closedir(d);
  if (files) qsort(files, n, sizeof *files, cmp_str);
  *out = files;
  return n;
}

static const char *base_name(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

int cmd_bench(int argc, char **argv) {
  int64_t repeat = 3, threshold = 0;
  bool use_python = true;
  char **files = NULL;
  int nfiles = 0;
  const char *value = NULL;
  char **given = calloc(argc > 0 ? argc : 1, sizeof *given);
  if (!given) return EXIT_USAGE;
  for (int i = 1; i < argc; i++) {
    bool missing = false;
    if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
      fputs(usage, stdout);
      free(given);
      return EXIT_OK;
    } else if (cli_option_value(argv, argc, &i, "--repeat", &value, &missing)) {
      if (missing || !cli_parse_count(value, false, &repeat) || repeat < 1 || repeat > MAX_REPEAT) {
        free(given);
        return cli_usage_error("bench", "--repeat needs an integer from 1 to %d", MAX_REPEAT);
      }
    } else if (cli_option_value(argv, argc, &i, "--jit-threshold", &value, &missing)) {
      if (missing || !cli_parse_count(value, false, &threshold) || threshold < 1 || threshold > 1000000000) {
        free(given);
        return cli_usage_error("bench", "--jit-threshold needs an integer from 1 to 1000000000");
      }
    } else if (strcmp(argv[i], "--no-python") == 0) {
      use_python = false;
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      free(given);
      return cli_usage_error("bench", "unknown option '%s'", argv[i]);
    } else {
      if (access(argv[i], R_OK) != 0) {
        fprintf(stderr, "lockstep bench: %s: cannot read: %s\n", argv[i], strerror(errno));
        free(given);
        return EXIT_USAGE;
      }
      given[nfiles++] = strdup(argv[i]);
    }
  }
  if (nfiles > 0) {
    files = given;
  } else {
    free(given);
    nfiles = default_files(&files);
    if (nfiles == 0) {
      free(files);
      return cli_usage_error("bench", "no FILE given and no corpus/bench/*.py here (run from the source tree)");
    }
  }
  use_python = use_python && python_available();

  char self[4096];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) {
    fprintf(stderr, "lockstep bench: cannot find its own executable\n");
    return EXIT_USAGE;
  }
  self[n] = '\0';
  char out_path[] = "/tmp/lockstep-bench-XXXXXX";
  int fd = mkstemp(out_path);
  if (fd < 0) {
    fprintf(stderr, "lockstep bench: cannot create a temporary file: %s\n", strerror(errno));
    return EXIT_USAGE;
  }
  close(fd);

  char threshold_arg[32];
  snprintf(threshold_arg, sizeof threshold_arg, "%lld", (long long)threshold);
  printf("%-16s %9s %9s %6s %9s %6s %9s %6s   %s\n", "benchmark", "ref s", "uops s", "x", "jit s", "x",
         use_python ? "python3 s" : "", use_python ? "x" : "", "peak RSS MiB ref/uops/jit");
  double log_sum[NENGINES] = {0};
  int counted = 0, failures = 0;
  bool jit_beats_uops_everywhere = true;
  for (int f = 0; f < nfiles; f++) {
    double median[NENGINES] = {0};
    long rss[NENGINES] = {0};
    uint64_t ref_hash = 0;
    bool ok = true;
    for (int e = 0; e < NENGINES && ok; e++) {
      if (e == ENGINE_PYTHON && !use_python) continue;
      double times[MAX_REPEAT];
      for (int r = 0; r < repeat; r++) {
        char *args[12];
        int k = 0;
        if (e == ENGINE_PYTHON) {
          args[k++] = (char *)"python3";
        } else {
          args[k++] = self;
          args[k++] = (char *)"run";
          args[k++] = (char *)"--engine";
          args[k++] = (char *)engine_names[e];
          if (threshold > 0 && e != ENGINE_REF) {
            args[k++] = (char *)"--jit-threshold";
            args[k++] = threshold_arg;
          }
        }
        args[k++] = files[f];
        args[k] = NULL;
        Sample s;
        if (!run_child(args, out_path, &s) || s.status != 0) {
          fprintf(stderr, "lockstep bench: %s under %s: %s\n", files[f], engine_names[e],
                  "did not run or exited with an error");
          ok = false;
          break;
        }
        if (e == ENGINE_REF && r == 0) ref_hash = s.output_hash;
        else if (s.output_hash != ref_hash) {
          fprintf(stderr, "lockstep bench: %s: output under %s differs from ref\n", files[f], engine_names[e]);
          ok = false;
          break;
        }
        times[r] = s.seconds;
        if (s.max_rss_kib > rss[e]) rss[e] = s.max_rss_kib;
      }
      if (!ok) break;
      qsort(times, (size_t)repeat, sizeof(double), compare_double);
      median[e] = times[repeat / 2];
    }
    if (!ok) {
      failures++;
      continue;
    }
    counted++;
    for (int e = 0; e < NENGINES; e++)
      if (median[e] > 0) log_sum[e] += log(median[e] / median[ENGINE_REF]);
    if (median[ENGINE_JIT] >= median[ENGINE_UOPS]) jit_beats_uops_everywhere = false;
    char py[32] = "", pyx[16] = "";
    if (use_python) {
      snprintf(py, sizeof py, "%9.3f", median[ENGINE_PYTHON]);
      snprintf(pyx, sizeof pyx, "%6.2f", median[ENGINE_REF] / median[ENGINE_PYTHON]);
    }
    printf("%-16.16s %9.3f %9.3f %6.2f %9.3f %6.2f %9s %6s   %.1f/%.1f/%.1f\n", base_name(files[f]),
           median[ENGINE_REF], median[ENGINE_UOPS], median[ENGINE_REF] / median[ENGINE_UOPS], median[ENGINE_JIT],
           median[ENGINE_REF] / median[ENGINE_JIT], py, pyx, rss[ENGINE_REF] / 1024.0, rss[ENGINE_UOPS] / 1024.0,
           rss[ENGINE_JIT] / 1024.0);
    fflush(stdout);
  }
  if (counted > 0) {
    printf("%-16s %9s %9s %6.2f %9s %6.2f %9s %6s\n", "geomean speedup", "", "", exp(-log_sum[ENGINE_UOPS] / counted),
           "", exp(-log_sum[ENGINE_JIT] / counted), "",
           use_python ? "" : "");
    if (use_python)
      printf("python3 relative to ref (geomean, >1: python3 slower): %.2f\n", exp(log_sum[ENGINE_PYTHON] / counted));
    printf("jit faster than uops on every benchmark: %s\n", jit_beats_uops_everywhere ? "yes" : "no");
  }
  printf("(x = ref time / engine time, median of %lld runs; %d of %d benchmarks ran)\n", (long long)repeat, counted,
         nfiles);
  remove(out_path);
  for (int f = 0; f < nfiles; f++) free(files[f]);
  free(files);
  return failures ? EXIT_EXCEPTION : EXIT_OK;
}
