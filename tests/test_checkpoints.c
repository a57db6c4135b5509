/* Lockstep checkpoints: every engine passes the same checkpoints (function
 * entries, returns, loop back-edges) in the same order with the same frame
 * state, including when traces run them (CHECKPOINT uops compiled in only in
 * lockstep mode). Trace exits (CHECKPOINT_EXIT) are engine-specific and only
 * counted. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jit/tier2.h"
#include "lang/lang.h"
#include "tests/support.h"
#include "vm/frame.h"
#include "vm/interp.h"
#include "vm/loader.h"

typedef struct Log {
  uint64_t *entries; /* one hash per checkpoint */
  size_t len, cap;
  size_t exits;
} Log;

static uint64_t mix(uint64_t h, uint64_t v) { return (h ^ v) * 0x100000001b3ull + (h >> 29); }

/* Frame state, without addresses: ip, depth, and each local and stack slot's
 * tag and immediate payload (objects by kind). */
static uint64_t frame_hash(const VM *vm, CheckpointKind kind, const Frame *f, uint32_t ip) {
  uint64_t h = mix(mix(mix(1469598103934665603ull, (uint64_t)kind), f->code_index), ip);
  h = mix(h, (uint64_t)vm->depth);
  h = mix(h, (uint64_t)vm->fuel);
  const Value *end = f->sp;
  for (const Value *v = f->slots; v < end; v++) {
    h = mix(h, v->tag);
    if (v->tag == V_OBJ) h = mix(h, v->as.o->kind);
    else if (v->tag != V_UNBOUND) h = mix(h, (uint64_t)v->as.i);
  }
  return h;
}

static void record_checkpoint(VM *vm, CheckpointKind kind, const Frame *f, uint32_t ip, uint64_t aux) {
  (void)aux;
  Log *log = vm->checkpoint_ctx;
  if (kind == CHECKPOINT_EXIT) {
    log->exits++;
    return;
  }
  if (log->len == log->cap) {
    log->cap = log->cap ? 2 * log->cap : 1024;
    log->entries = realloc(log->entries, log->cap * sizeof(uint64_t));
    cr_assert_not_null(log->entries);
  }
  log->entries[log->len++] = frame_hash(vm, kind, f, ip);
}

static Log run_logged(const Module *m, bool tier2, Tier2Mode mode, uint32_t threshold) {
  Log log = {0};
  VMConfig vc = {.fuel = 300000};
  VM *vm = vm_new(m, &vc);
  cr_assert_not_null(vm);
  vm->checkpoint = record_checkpoint;
  vm->checkpoint_ctx = &log;
  Outcome o;
  Tier2Config tc = {.mode = mode, .threshold = threshold, .lockstep = true};
  Status st = tier2 ? tier1_run(vm, &tc, &o, NULL) : ref_run(vm, &o);
  cr_assert_eq(st, LS_OK);
  outcome_clear(vm, &o);
  vm_free(vm);
  return log;
}

static Module *load(const char *path) {
  StrBuf err;
  strbuf_init(&err);
  Module *m;
  size_t n = strlen(path);
  if (n > 3 && strcmp(path + n - 3, ".py") == 0) {
    size_t len = 0;
    char *src = test_read_file(path, &len);
    cr_assert_not_null(src);
    m = lang_compile(path, src, len, &err);
    free(src);
  } else {
    m = module_load_file(path, &err);
  }
  cr_assert_not_null(m, "%s: %s", path, err.data ? err.data : "");
  strbuf_free(&err);
  return m;
}

/* Compares the checkpoint logs of ref, uops@1 and jit@1; returns the number
 * of mismatches and adds the trace exits seen under jit. */
static int compare_engines(const char *path, size_t *jit_exits, size_t *checkpoints) {
  Module *m = load(path);
  Log ref = run_logged(m, false, TIER2_UOPS, 0);
  Log others[2] = {run_logged(m, true, TIER2_UOPS, 1), run_logged(m, true, TIER2_JIT, 1)};
  const char *names[2] = {"uops@1", "jit@1"};
  int bad = 0;
  for (int k = 0; k < 2; k++) {
    size_t n = ref.len < others[k].len ? ref.len : others[k].len;
    size_t first = n;
    for (size_t i = 0; i < n; i++)
      if (ref.entries[i] != others[k].entries[i]) {
        first = i;
        break;
      }
    if (first < n || ref.len != others[k].len) {
      bad++;
      cr_log_error("%s: %s checkpoint %zu of %zu/%zu differs from ref", path, names[k], first, ref.len,
                   others[k].len);
    }
  }
  *jit_exits += others[1].exits;
  *checkpoints += ref.len;
  free(ref.entries);
  free(others[0].entries);
  free(others[1].entries);
  module_free(m);
  return bad;
}

static int check_dir(const char *dir, const char *ext, size_t *exits, size_t *checkpoints, int *count) {
  char path[4096];
  snprintf(path, sizeof path, "%s/corpus/%s", test_source_dir(), dir);
  DIR *d = opendir(path);
  cr_assert_not_null(d);
  int bad = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t len = strlen(e->d_name), k = strlen(ext);
    if (len <= k || strcmp(e->d_name + len - k, ext) != 0) continue;
    char file[4096 + 256];
    snprintf(file, sizeof file, "%s/%s", path, e->d_name);
    bad += compare_engines(file, exits, checkpoints);
    (*count)++;
  }
  closedir(d);
  return bad;
}

Test(checkpoints, same_sequence_in_every_engine, .timeout = 600) {
  size_t exits = 0, checkpoints = 0;
  int count = 0;
  int bad = check_dir("vm", ".jasm", &exits, &checkpoints, &count);
  bad += check_dir("lang", ".py", &exits, &checkpoints, &count);
  cr_expect_eq(bad, 0, "%d programs reach different checkpoints", bad);
  cr_expect_gt(count, 100);
  cr_expect_gt(checkpoints, 10000, "the corpus should pass many checkpoints (%zu)", checkpoints);
  cr_expect_gt(exits, 100, "traces should have exited (%zu)", exits);
}
