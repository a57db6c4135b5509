/* The engines agree: every corpus program gives the same stdout, outcome,
 * result, remaining fuel and leak count under `ref`, `uops` and `jit`, at
 * threshold 1 (everything hot at once) and at the default. Benchmarks run
 * with a fuel cap so that the suite stays fast under the sanitizers; running
 * out of fuel at exactly the same point is part of agreeing. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jit/tier2.h"
#include "lang/lang.h"
#include "tests/support.h"
#include "vm/exc.h"
#include "vm/interp.h"
#include "vm/loader.h"
#include "vm/ops.h"

enum { BENCH_FUEL = 200000 };

typedef struct EngineRun {
  int status;       /* Status of the run */
  int outcome;
  char *out;
  char *result;
  int64_t fuel_left;
  int64_t leaked;
  Tier2Stats stats;
} EngineRun;

typedef struct Config {
  const char *name;
  bool tier2;
  Tier2Mode mode;
  uint32_t threshold;
} Config;

static const Config configs[] = {
    {"ref", false, TIER2_UOPS, 0},
    {"uops/1", true, TIER2_UOPS, 1},
    {"uops/default", true, TIER2_UOPS, 0},
    {"jit/1", true, TIER2_JIT, 1},
    {"jit/default", true, TIER2_JIT, 0},
};
enum { NCONFIGS = sizeof configs / sizeof configs[0] };

static char *steal(StrBuf *sb) {
  char *s = sb->data ? sb->data : strdup("");
  strbuf_init(sb);
  return s;
}

static EngineRun run_config(const Module *m, const Config *c, int64_t fuel) {
  EngineRun r = {0};
  VMConfig vc = {.fuel = fuel};
  VM *vm = vm_new(m, &vc);
  cr_assert_not_null(vm);
  Outcome o;
  Tier2Config tc = {.mode = c->mode, .threshold = c->threshold};
  r.status = c->tier2 ? (int)tier1_run(vm, &tc, &o, &r.stats) : (int)ref_run(vm, &o);
  StrBuf sb;
  strbuf_init(&sb);
  if (r.status == LS_OK) {
    r.outcome = (int)o.kind;
    if (o.kind == OUTCOME_RETURN) value_repr(vm, o.value, &sb);
    else if (o.kind == OUTCOME_EXCEPTION) exc_format_last_line(vm, AS_EXCEPTION(o.value), &sb);
    outcome_clear(vm, &o);
  }
  r.result = steal(&sb);
  r.out = steal(&vm->out);
  r.fuel_left = vm->fuel;
  vm_release_roots(vm);
  r.leaked = vm->live_objects;
  vm_free(vm);
  return r;
}

static void run_free(EngineRun *r) {
  free(r->out);
  free(r->result);
}

/* The corpus's "; args: --fuel N" first line (the only run option the
 * corpus uses); -1 when absent. */
static int64_t corpus_fuel(const char *path) {
  size_t len = 0;
  char *text = test_read_file(path, &len);
  int64_t fuel = -1;
  const char *p = text ? strstr(text, "--fuel ") : NULL;
  if (p && strncmp(text, "; args:", 7) == 0 && p < strchr(text, '\n')) fuel = strtoll(p + 7, NULL, 10);
  free(text);
  return fuel;
}

static Module *load_program(const char *path) {
  StrBuf err;
  strbuf_init(&err);
  Module *m = test_load_program(path, &err);
  cr_assert_not_null(m, "%s: %s", path, err.data ? err.data : "");
  strbuf_free(&err);
  return m;
}

/* Compares every configuration with ref on one program; returns the number
 * of disagreements (each reported). */
static int check_program(const char *path, int64_t fuel, Tier2Stats *jit_total) {
  Module *m = load_program(path);
  EngineRun runs[NCONFIGS];
  for (int i = 0; i < NCONFIGS; i++) runs[i] = run_config(m, &configs[i], fuel);
  int bad = 0;
  for (int i = 1; i < NCONFIGS; i++) {
    const EngineRun *a = &runs[0], *b = &runs[i];
    const char *what = NULL;
    if (a->status != b->status) what = "status";
    else if (a->outcome != b->outcome) what = "outcome";
    else if (strcmp(a->out, b->out) != 0) what = "stdout";
    else if (strcmp(a->result, b->result) != 0) what = "result";
    else if (a->fuel_left != b->fuel_left) what = "fuel left";
    else if (a->leaked != b->leaked) what = "leaked objects";
    if (what) {
      bad++;
      cr_log_error("%s: %s differs between ref and %s (ref result '%s', %s result '%s')", path, what,
                   configs[i].name, a->result, configs[i].name, b->result);
    }
    if (b->leaked != 0) {
      bad++;
      cr_log_error("%s: %lld objects leaked under %s", path, (long long)b->leaked, configs[i].name);
    }
  }
  if (jit_total) {
    jit_total->traces += runs[3].stats.traces;
    jit_total->entries += runs[3].stats.entries;
  }
  for (int i = 0; i < NCONFIGS; i++) run_free(&runs[i]);
  module_free(m);
  return bad;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Every program in corpus/DIR with an expected .stdout next to it. */
static int check_dir(const char *dir, const char *ext, int64_t fuel, int *count, Tier2Stats *total) {
  char path[4096];
  snprintf(path, sizeof path, "%s/corpus/%s", test_source_dir(), dir);
  DIR *d = opendir(path);
  cr_assert_not_null(d, "cannot open %s", path);
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t len = strlen(e->d_name), k = strlen(ext);
    if (len <= k || strcmp(e->d_name + len - k, ext) != 0) continue;
    if (n == cap) {
      cap = cap ? 2 * cap : 64;
      names = realloc(names, cap * sizeof *names);
      cr_assert_not_null(names);
    }
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof *names, cmp_str);
  int bad = 0;
  for (size_t i = 0; i < n; i++) {
    char file[4096 + 256];
    snprintf(file, sizeof file, "%s/%s", path, names[i]);
    int64_t own = corpus_fuel(file);
    bad += check_program(file, own >= 0 ? own : fuel, total);
    free(names[i]);
    (*count)++;
  }
  free(names);
  return bad;
}

Test(engines, corpus_vm_agrees, .timeout = 600) {
  int count = 0;
  Tier2Stats total = {0};
  int bad = check_dir("vm", ".jasm", -1, &count, &total);
  cr_expect_eq(bad, 0, "%d disagreements over %d programs", bad, count);
  cr_expect_gt(count, 20);
  cr_expect_gt(total.traces, 0, "threshold 1 compiled no trace at all");
}

Test(engines, corpus_lang_agrees, .timeout = 900) {
  int count = 0;
  Tier2Stats total = {0};
  int bad = check_dir("lang", ".py", -1, &count, &total);
  cr_expect_eq(bad, 0, "%d disagreements over %d programs", bad, count);
  cr_expect_gt(count, 50);
  cr_expect_gt(total.entries, 0);
}

Test(engines, corpus_bench_agrees_under_fuel, .timeout = 900) {
  int count = 0;
  Tier2Stats total = {0};
  int bad = check_dir("bench", ".py", BENCH_FUEL, &count, &total);
  cr_expect_eq(bad, 0, "%d disagreements over %d programs", bad, count);
  cr_expect_gt(count, 7);
  cr_expect_gt(total.entries, 0);
}
