/* The logic of the coverage-guided fuzz targets (target_common.h): one
 * oracle execution per input with JIT coverage, the loader checks, and the
 * replay of files outside any fuzzer. The targets stay thin adapters. */
#include "fuzz/target_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/interp.h"
#include "vm/jasm.h"
#include "vm/jbc.h"
#include "vm/loader.h"
#include "vm/vm.h"

/* ------------------------------------------------------------ the target */

FuzzTarget *fuzz_target_new(void) {
  FuzzTarget *t = calloc(1, sizeof *t);
  if (!t) return NULL;
  t->gen.size = 0; /* GEN_DEFAULT_SIZE */
  oracle_options_default(&t->opts);
  t->opts.fuel = FUZZ_TARGET_FUEL;
  t->opts.max_heap = FUZZ_TARGET_MAX_HEAP;
  oracle_result_init(&t->result);
  return t;
}

void fuzz_target_free(FuzzTarget *t) {
  if (!t) return;
  oracle_result_free(&t->result);
  free(t);
}

/* ------------------------------------------------------------ coverage */

static void count_into(uint8_t *counter, uint64_t n) {
  uint64_t sum = (uint64_t)*counter + n;
  *counter = sum > UINT8_MAX ? UINT8_MAX : (uint8_t)sum;
}

static void cover_tier2(uint8_t *cov, const Tier2Stats *s) {
  for (int u = 0; u < UOP_COUNT; u++) {
    count_into(&cov[FUZZ_COV_COMPILED + u], s->uop_compiled[u]);
    count_into(&cov[FUZZ_COV_EXITS + u], s->uop_exits[u]);
  }
  const uint64_t events[FUZZ_EVENT_COUNT] = {
      [FUZZ_EVENT_TRACES] = s->traces,       [FUZZ_EVENT_ENTRIES] = s->entries,
      [FUZZ_EVENT_DEOPTS] = s->deopts,       [FUZZ_EVENT_SIDE_EXITS] = s->side_exits,
      [FUZZ_EVENT_ERRORS] = s->errors,       [FUZZ_EVENT_INVALIDATIONS] = s->invalidations,
      [FUZZ_EVENT_ABORTED] = s->aborted,
  };
  for (int e = 0; e < FUZZ_EVENT_COUNT; e++) count_into(&cov[FUZZ_COV_EVENTS + e], events[e]);
}

/* Tier-2 counters of the jit configurations (the uops engine records the
 * same traces; the jit is what needs the feedback), and how the baseline
 * run ended. */
static void fill_coverage(FuzzTarget *t) {
  memset(t->coverage, 0, sizeof t->coverage);
  const OracleResult *r = &t->result;
  for (uint32_t i = 0; i < r->nconfigs; i++) {
    const OracleCapture *c = &r->caps[i];
    if (c->config.engine == ORACLE_ENGINE_JIT && c->status == ORACLE_RUN_OK) cover_tier2(t->coverage, &c->stats);
  }
  if (r->nconfigs > 0 && r->caps[0].status == ORACLE_RUN_OK && r->caps[0].outcome >= 0 && r->caps[0].outcome < 3)
    t->coverage[FUZZ_COV_OUTCOME + r->caps[0].outcome] = 1;
}

/* ------------------------------------------------------------ oracle target */

static void append_program(StrBuf *report, const Module *m) {
  StrBuf text;
  strbuf_init(&text);
  strbuf_puts(report, "lockstep-fuzz: the generated program (.jasm):\n");
  if (jasm_disassemble(m, &text) && text.data) strbuf_append(report, text.data, text.len);
  else strbuf_puts(report, "(could not be disassembled: out of memory)\n");
  strbuf_free(&text);
}

FuzzRun fuzz_target_run(FuzzTarget *t, const uint8_t *data, size_t len, StrBuf *report) {
  memset(t->coverage, 0, sizeof t->coverage);
  StrBuf err;
  strbuf_init(&err);
  Module *m = gen_program(len ? data : NULL, len, &t->gen, &err);
  if (!m) {
    if (report)
      strbuf_printf(report, "lockstep-fuzz: generator failed: %s\n", err.data && err.len ? err.data : "(no message)");
    strbuf_free(&err);
    return FUZZ_RUN_GEN_FAILED;
  }
  strbuf_free(&err);
  oracle_run(&t->result, m, &t->opts, false);
  if (t->tamper) {
    t->tamper(&t->result);
    oracle_judge(&t->result);
  }
  fill_coverage(t);
  FuzzRun run = FUZZ_RUN_AGREE;
  if (t->result.verdict == ORACLE_INCONCLUSIVE) run = FUZZ_RUN_INCONCLUSIVE;
  if (t->result.verdict == ORACLE_DIVERGED) {
    run = FUZZ_RUN_DIVERGED;
    if (report) {
      strbuf_printf(report, "lockstep-fuzz: diverged: %s\n", t->result.signature);
      oracle_report(&t->result, m, &t->opts, report);
      append_program(report, m);
    }
  }
  module_free(m);
  return run;
}

static void write_and_abort(const StrBuf *report) {
  if (report->data) fwrite(report->data, 1, report->len, stderr);
  fflush(stderr);
  abort();
}

void fuzz_target_one_input(FuzzTarget *t, const uint8_t *data, size_t len) {
  StrBuf report;
  strbuf_init(&report);
  FuzzRun run = fuzz_target_run(t, data, len, &report);
  if (run == FUZZ_RUN_DIVERGED || run == FUZZ_RUN_GEN_FAILED) write_and_abort(&report);
  strbuf_free(&report);
}

/* ------------------------------------------------------------ loader target */

static void discard_output(void *ctx, const char *data, size_t len) {
  (void)ctx;
  (void)data;
  (void)len;
}

/* Runs a loaded module under the reference interpreter with small limits;
 * output goes nowhere (a print loop must not grow a buffer without end).
 * False when the process ran out of memory. */
static bool loader_ref_run(const Module *m) {
  VMConfig vc = {.fuel = FUZZ_LOADER_FUEL, .max_heap = FUZZ_LOADER_MAX_HEAP, .sink = discard_output};
  VM *vm = vm_new(m, &vc);
  if (!vm) return false;
  Outcome out = {.kind = OUTCOME_RETURN, .value = value_none()};
  Status st = ref_run(vm, &out);
  if (st == LS_OK) outcome_clear(vm, &out);
  vm_free(vm);
  return st == LS_OK;
}

static bool same_bytes(const StrBuf *a, const StrBuf *b) {
  return a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

/* The .jbc encoding of a module read back from `via` (.jbc bytes or .jasm
 * text) must be `expected`. Appends what broke to report; sets *oom when
 * memory ran out instead. */
static bool round_trip_matches(const StrBuf *via, bool via_jasm, const StrBuf *expected, StrBuf *report, bool *oom) {
  StrBuf err, again;
  strbuf_init(&err);
  strbuf_init(&again);
  const char *what = via_jasm ? ".jasm" : ".jbc";
  Module *back = via_jasm ? jasm_assemble("<round-trip>", via->data ? via->data : "", via->len, &err)
                          : jbc_read("<round-trip>", (const uint8_t *)via->data, via->len, &err);
  bool ok = false;
  if (!back) {
    *oom = err.oom || (err.data && strstr(err.data, "out of memory"));
    if (!*oom) strbuf_printf(report, "lockstep-fuzz: %s round trip: reading back failed: %s", what, err.data ? err.data : "");
  } else if (!jbc_write(back, &again)) {
    *oom = true;
  } else if (!same_bytes(&again, expected)) {
    strbuf_printf(report, "lockstep-fuzz: %s round trip: %zu bytes written, %zu after reading back, not identical\n", what,
                  expected->len, again.len);
  } else {
    ok = true;
  }
  module_free(back);
  strbuf_free(&err);
  strbuf_free(&again);
  return ok;
}

/* jbc_write -> jbc_read -> jbc_write, and jasm_disassemble ->
 * jasm_assemble -> jbc_write, must give identical bytes (vm/jasm.h). */
static FuzzRun loader_round_trips(const Module *m, StrBuf *report) {
  StrBuf jbc, jasm;
  strbuf_init(&jbc);
  strbuf_init(&jasm);
  bool oom = false;
  FuzzRun run = FUZZ_RUN_DIVERGED;
  if (!jbc_write(m, &jbc)) {
    oom = jbc.oom;
    if (!oom) strbuf_puts(report, "lockstep-fuzz: jbc_write refused a module the loader accepted\n");
  } else if (!jasm_disassemble(m, &jasm)) {
    oom = jasm.oom;
    if (!oom) strbuf_puts(report, "lockstep-fuzz: jasm_disassemble refused a module the loader accepted\n");
  } else if (round_trip_matches(&jbc, false, &jbc, report, &oom) && round_trip_matches(&jasm, true, &jbc, report, &oom)) {
    run = FUZZ_RUN_AGREE;
  }
  if (oom) run = FUZZ_RUN_INCONCLUSIVE;
  strbuf_free(&jbc);
  strbuf_free(&jasm);
  return run;
}

FuzzRun fuzz_loader_run(const uint8_t *data, size_t len, bool *loaded, StrBuf *report) {
  StrBuf err, sink;
  strbuf_init(&err);
  strbuf_init(&sink);
  if (!report) report = &sink;
  Module *m = module_load_bytes("<fuzz>", len ? (const void *)data : "", len, &err);
  if (loaded) *loaded = m != NULL;
  FuzzRun run = FUZZ_RUN_AGREE;
  if (m) {
    run = loader_round_trips(m, report);
    if (run == FUZZ_RUN_AGREE && !loader_ref_run(m)) run = FUZZ_RUN_INCONCLUSIVE;
  }
  module_free(m);
  strbuf_free(&err);
  strbuf_free(&sink);
  return run;
}

bool fuzz_loader_one_input(const uint8_t *data, size_t len) {
  StrBuf report;
  strbuf_init(&report);
  bool loaded = false;
  if (fuzz_loader_run(data, len, &loaded, &report) == FUZZ_RUN_DIVERGED) write_and_abort(&report);
  strbuf_free(&report);
  return loaded;
}

/* ------------------------------------------------------------ replay */

/* The whole file, or NULL (with a message on stderr, or none when memory
 * ran out). Inputs above the .jbc limit are refused: no fuzzer keeps inputs
 * that large. */
static uint8_t *read_input(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "%s: cannot open\n", path);
    return NULL;
  }
  /* Stops past the limit: a larger file is refused below. */
  size_t cap = 4096, n = 0;
  uint8_t *buf = malloc(cap);
  while (buf) {
    n += fread(buf + n, 1, cap - n, f);
    if (n < cap || ferror(f) || n > (size_t)JBC_MAX_FILE_BYTES) break;
    uint8_t *bigger = realloc(buf, cap * 2);
    if (!bigger) free(buf);
    buf = bigger;
    cap *= 2;
  }
  bool bad = ferror(f) != 0;
  fclose(f);
  if (bad) fprintf(stderr, "%s: read error\n", path);
  else if (buf && n > (size_t)JBC_MAX_FILE_BYTES) fprintf(stderr, "%s: larger than %d bytes\n", path, JBC_MAX_FILE_BYTES);
  if (bad || (buf && n > (size_t)JBC_MAX_FILE_BYTES)) {
    free(buf);
    return NULL;
  }
  *len = n;
  return buf;
}

static FuzzRun replay_one(FuzzTarget *t, const char *path, const uint8_t *data, size_t len, StrBuf *report) {
  if (!t) {
    bool loaded = false;
    FuzzRun run = fuzz_loader_run(data, len, &loaded, report);
    if (run == FUZZ_RUN_AGREE) printf("%s: %s\n", path, loaded ? "loaded" : "rejected");
    else if (run == FUZZ_RUN_INCONCLUSIVE) printf("%s: inconclusive: out of memory\n", path);
    else printf("%s: diverged: round trip\n", path);
    return run;
  }
  FuzzRun run = fuzz_target_run(t, data, len, report);
  switch (run) {
  case FUZZ_RUN_AGREE: printf("%s: agree\n", path); break;
  case FUZZ_RUN_INCONCLUSIVE: printf("%s: inconclusive: %s\n", path, t->result.reason); break;
  case FUZZ_RUN_DIVERGED: printf("%s: diverged: %s\n", path, t->result.signature); break;
  case FUZZ_RUN_GEN_FAILED: printf("%s: generator failed\n", path); break;
  }
  return run;
}

int fuzz_replay_files(int nfiles, char **paths, bool loader) {
  FuzzTarget *t = NULL;
  if (!loader && !(t = fuzz_target_new())) {
    fprintf(stderr, "lockstep-fuzz: out of memory\n");
    return 2;
  }
  int status = 0;
  StrBuf report;
  strbuf_init(&report);
  for (int i = 0; i < nfiles; i++) {
    size_t len = 0;
    uint8_t *data = read_input(paths[i], &len);
    if (!data) {
      status = 2;
      continue;
    }
    strbuf_clear(&report);
    FuzzRun run = replay_one(t, paths[i], data, len, &report);
    free(data);
    fflush(stdout);
    if (report.len) fwrite(report.data, 1, report.len, stderr);
    if ((run == FUZZ_RUN_DIVERGED || run == FUZZ_RUN_GEN_FAILED) && status == 0) status = 1;
  }
  strbuf_free(&report);
  fuzz_target_free(t);
  return status;
}
