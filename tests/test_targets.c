/* The fuzz targets' shared logic (fuzz/target_common.h) without any
 * fuzzer: the seed corpus runs through the same entry points the fuzzers
 * call and every configuration agrees; the JIT coverage is filled in and
 * deterministic; a divergence (planted, since the engines agree) produces
 * the report and the abort the fuzzers save crashes by; the loader target
 * survives mutated inputs; the dictionary still matches the opcode table. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/target_common.h"
#include "support.h"
#include "vm/jbc.h"
#include "vm/opcodes.h"

/* ------------------------------------------------------------ helpers */

typedef struct Files {
  char **paths;
  size_t n;
} Files;

static int compare_paths(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file of corpus/fuzz/SUB, sorted (readdir order is not). */
static Files corpus_files(const char *sub) {
  Files f = {0};
  char dir[1024];
  snprintf(dir, sizeof dir, "%s/corpus/fuzz/%s", test_source_dir(), sub);
  DIR *d = opendir(dir);
  cr_assert(d != NULL, "cannot open %s", dir);
  struct dirent *ent;
  while ((ent = readdir(d)) != NULL) {
    if (ent->d_name[0] == '.' || strcmp(ent->d_name, "README.md") == 0) continue;
    f.paths = realloc(f.paths, (f.n + 1) * sizeof *f.paths);
    cr_assert(f.paths != NULL);
    size_t len = strlen(dir) + strlen(ent->d_name) + 2;
    f.paths[f.n] = malloc(len);
    cr_assert(f.paths[f.n] != NULL);
    snprintf(f.paths[f.n], len, "%s/%s", dir, ent->d_name);
    f.n++;
  }
  closedir(d);
  qsort(f.paths, f.n, sizeof *f.paths, compare_paths);
  return f;
}

static void files_free(Files *f) {
  for (size_t i = 0; i < f->n; i++) free(f->paths[i]);
  free(f->paths);
}

static uint8_t *read_bytes(const char *path, size_t *len) {
  char *data = test_read_file(path, len);
  cr_assert(data != NULL, "cannot read %s", path);
  return (uint8_t *)data;
}

static size_t nonzero(const uint8_t *cov, size_t from, size_t n) {
  size_t count = 0;
  for (size_t i = from; i < from + n; i++) count += cov[i] != 0;
  return count;
}

/* ------------------------------------------------------------ oracle target */

Test(targets, seed_corpus_agrees) {
  Files f = corpus_files("oracle");
  cr_assert_geq(f.n, 24, "only %zu seeds in corpus/fuzz/oracle", f.n);
  FuzzTarget *t = fuzz_target_new();
  cr_assert(t != NULL);
  size_t compiled_somewhere = 0;
  StrBuf report;
  strbuf_init(&report);
  for (size_t i = 0; i < f.n; i++) {
    size_t len = 0;
    uint8_t *data = read_bytes(f.paths[i], &len);
    strbuf_clear(&report);
    FuzzRun run = fuzz_target_run(t, data, len, &report);
    cr_expect(run == FUZZ_RUN_AGREE || run == FUZZ_RUN_INCONCLUSIVE, "%s: run %d\n%s", f.paths[i], (int)run,
              report.data ? report.data : "");
    compiled_somewhere += nonzero(t->coverage, FUZZ_COV_COMPILED, UOP_COUNT) > 0;
    free(data);
  }
  /* The seeds were chosen for their JIT coverage: most compile traces. */
  cr_expect_geq(compiled_somewhere * 2, f.n, "only %zu of %zu seeds compiled a uop", compiled_somewhere, f.n);
  strbuf_free(&report);
  fuzz_target_free(t);
  files_free(&f);
}

Test(targets, coverage_is_filled_and_deterministic) {
  Files f = corpus_files("oracle");
  FuzzTarget *t = fuzz_target_new();
  cr_assert(t != NULL);
  /* The seed with the most JIT counters, run twice, gives identical counters. */
  size_t best = 0, best_count = 0;
  uint8_t first[FUZZ_COV_SIZE];
  for (size_t i = 0; i < f.n; i++) {
    size_t len = 0;
    uint8_t *data = read_bytes(f.paths[i], &len);
    fuzz_target_run(t, data, len, NULL);
    size_t count = nonzero(t->coverage, 0, FUZZ_COV_SIZE);
    if (count > best_count) best = i, best_count = count;
    free(data);
  }
  size_t len = 0;
  uint8_t *data = read_bytes(f.paths[best], &len);
  cr_assert_eq(fuzz_target_run(t, data, len, NULL), FUZZ_RUN_AGREE);
  memcpy(first, t->coverage, sizeof first);
  cr_expect_gt(nonzero(first, FUZZ_COV_COMPILED, UOP_COUNT), 5, "few uops compiled");
  cr_expect_gt(nonzero(first, FUZZ_COV_EXITS, UOP_COUNT), 0, "no trace exits counted");
  cr_expect_gt(first[FUZZ_COV_EVENTS + FUZZ_EVENT_TRACES], 0);
  cr_expect_gt(first[FUZZ_COV_EVENTS + FUZZ_EVENT_ENTRIES], 0);
  cr_expect_eq(nonzero(first, FUZZ_COV_OUTCOME, 3), 1, "exactly one outcome kind");
  cr_expect_eq(first[FUZZ_COV_COMPILED + UOP_CHECKPOINT], 0, "CHECKPOINT is compiled only in lockstep mode");
  fuzz_target_run(t, NULL, 0, NULL); /* something else in between */
  cr_assert_eq(fuzz_target_run(t, data, len, NULL), FUZZ_RUN_AGREE);
  cr_expect(memcmp(first, t->coverage, sizeof first) == 0, "coverage of %s differs between runs", f.paths[best]);
  free(data);
  fuzz_target_free(t);
  files_free(&f);
}

Test(targets, any_bytes_make_a_program) {
  FuzzTarget *t = fuzz_target_new();
  cr_assert(t != NULL);
  uint64_t state = 5;
  for (int i = 0; i < 8; i++) {
    uint8_t bytes[64];
    size_t len = (size_t)(test_rand(&state) % sizeof bytes);
    for (size_t k = 0; k < len; k++) bytes[k] = (uint8_t)test_rand(&state);
    FuzzRun run = fuzz_target_run(t, bytes, len, NULL);
    cr_expect(run == FUZZ_RUN_AGREE || run == FUZZ_RUN_INCONCLUSIVE, "input %d: run %d", i, (int)run);
  }
  fuzz_target_free(t);
}

/* configs[3] of the defaults is jit@1 (oracle/config.c). */
static void tamper_jit1_heap(OracleResult *r) { r->caps[3].digest[ORACLE_WHAT_HEAP] ^= 1; }

static const char small_seed[] = "seed";

Test(targets, planted_divergence_is_reported) {
  FuzzTarget *t = fuzz_target_new();
  cr_assert(t != NULL);
  cr_assert_str_eq(t->opts.configs[3].name, "jit@1");
  t->tamper = tamper_jit1_heap;
  StrBuf report;
  strbuf_init(&report);
  FuzzRun run = fuzz_target_run(t, (const uint8_t *)small_seed, sizeof small_seed - 1, &report);
  cr_assert_eq(run, FUZZ_RUN_DIVERGED);
  cr_expect_str_eq(t->result.signature, "heap:ref~jit@1");
  cr_assert(report.data != NULL);
  cr_expect(strncmp(report.data, "lockstep-fuzz: diverged: heap:ref~jit@1\n", 40) == 0, "%s", report.data);
  /* The oracle's own report (its rerun cannot reproduce a planted digest). */
  cr_expect(strstr(report.data, "jit@1") != NULL && strstr(report.data, "did not reproduce") != NULL, "%s",
            report.data);
  const char *program = strstr(report.data, "lockstep-fuzz: the generated program (.jasm):\n");
  cr_expect(program != NULL && strstr(program, "\n.function ") != NULL, "%s", report.data);
  strbuf_free(&report);
  fuzz_target_free(t);
}

/* What the fuzzers see: the process aborts, so the input is saved. */
Test(targets, divergence_aborts, .signal = SIGABRT) {
  FuzzTarget *t = fuzz_target_new();
  cr_assert(t != NULL);
  t->tamper = tamper_jit1_heap;
  fuzz_target_one_input(t, (const uint8_t *)small_seed, sizeof small_seed - 1);
  cr_assert_fail("no abort on a divergence");
}

Test(targets, agreement_does_not_abort) {
  FuzzTarget *t = fuzz_target_new();
  cr_assert(t != NULL);
  fuzz_target_one_input(t, (const uint8_t *)small_seed, sizeof small_seed - 1);
  fuzz_target_free(t);
}

Test(targets, replay_files_exit_status) {
  Files f = corpus_files("oracle");
  cr_expect_eq(fuzz_replay_files(f.n < 3 ? (int)f.n : 3, f.paths, false), 0);
  char missing[] = "/nonexistent/lockstep-crash-file";
  char *paths[] = {missing};
  cr_expect_eq(fuzz_replay_files(1, paths, false), 2);
  files_free(&f);
}

/* ------------------------------------------------------------ loader target */

Test(targets, loader_corpus_loads_and_round_trips) {
  Files f = corpus_files("loader");
  cr_assert_geq(f.n, 30, "only %zu .jbc files in corpus/fuzz/loader", f.n);
  for (size_t i = 0; i < f.n; i++) {
    size_t len = 0;
    uint8_t *data = read_bytes(f.paths[i], &len);
    cr_expect(jbc_has_magic(data, len), "%s is not .jbc", f.paths[i]);
    bool loaded = false;
    StrBuf report;
    strbuf_init(&report);
    cr_expect_eq(fuzz_loader_run(data, len, &loaded, &report), FUZZ_RUN_AGREE, "%s: %s", f.paths[i],
                 report.data ? report.data : "");
    cr_expect(loaded, "%s did not load", f.paths[i]);
    strbuf_free(&report);
    free(data);
  }
  files_free(&f);
}

Test(targets, loader_takes_jasm_text) {
  static const char text[] = ".function main\n  LOAD_CONST 42\n  RETURN_VALUE\n.end\n";
  bool loaded = false;
  cr_expect_eq(fuzz_loader_run((const uint8_t *)text, sizeof text - 1, &loaded, NULL), FUZZ_RUN_AGREE);
  cr_expect(loaded);
  cr_expect(!fuzz_loader_one_input((const uint8_t *)"LSBC", 4), "a bare magic loaded");
  cr_expect(!fuzz_loader_one_input(NULL, 0), "nothing loaded");
}

/* Truncations and byte flips of real .jbc files: every one is rejected or
 * loads, round-trips and runs; none may crash (ASan watches). */
Test(targets, loader_survives_mutations) {
  Files f = corpus_files("loader");
  uint64_t state = 11;
  size_t loaded_count = 0, runs = 0;
  for (size_t i = 0; i < f.n && i < 6; i++) {
    size_t len = 0;
    uint8_t *data = read_bytes(f.paths[i], &len);
    for (size_t cut = 0; cut < len; cut += 1 + len / 24, runs++) {
      bool loaded = true;
      cr_expect_neq(fuzz_loader_run(data, cut, &loaded, NULL), FUZZ_RUN_DIVERGED);
      loaded_count += loaded;
    }
    for (int k = 0; k < 40 && len > 0; k++, runs++) {
      size_t at = (size_t)(test_rand(&state) % len);
      uint8_t saved = data[at];
      data[at] ^= (uint8_t)(1u << (test_rand(&state) % 8));
      bool loaded = false;
      StrBuf report;
      strbuf_init(&report);
      cr_expect_neq(fuzz_loader_run(data, len, &loaded, &report), FUZZ_RUN_DIVERGED, "%s, byte %zu: %s",
                    f.paths[i], at, report.data ? report.data : "");
      strbuf_free(&report);
      loaded_count += loaded;
      data[at] = saved;
    }
    free(data);
  }
  cr_expect_gt(runs, 100);
  cr_expect_gt(loaded_count, 0, "no mutated file loaded: the mutations test only the reader's rejections");
  files_free(&f);
}

/* ------------------------------------------------------------ dictionary */

/* Decodes a dictionary value ("..." with \xNN and \\ escapes). */
static size_t dict_value(const char *q, uint8_t *out, size_t cap) {
  size_t n = 0;
  for (const char *p = q; *p && *p != '"' && n < cap; p++) {
    if (p[0] == '\\' && p[1] == 'x' && p[2] && p[3]) {
      char hex[3] = {p[2], p[3], 0};
      out[n++] = (uint8_t)strtoul(hex, NULL, 16);
      p += 3;
    } else if (p[0] == '\\' && p[1]) {
      out[n++] = (uint8_t)p[1];
      p++;
    } else {
      out[n++] = (uint8_t)*p;
    }
  }
  return n;
}

Test(targets, dictionary_matches_opcode_table) {
  char path[1024];
  snprintf(path, sizeof path, "%s/fuzz/lockstep.dict", test_source_dir());
  size_t len = 0;
  char *text = test_read_file(path, &len);
  cr_assert(text != NULL, "cannot read %s", path);
  bool seen[OP_COUNT] = {0};
  for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
    if (line[0] == '#' || line[0] == '\0') continue;
    char *eq = strchr(line, '=');
    cr_assert(eq != NULL && eq[1] == '"', "bad dictionary line: %s", line);
    uint8_t value[64];
    size_t n = dict_value(eq + 2, value, sizeof value);
    cr_expect_gt(n, 0, "empty value: %s", line);
    bool is_op = strncmp(line, "op_", 3) == 0;
    bool is_mnemonic = strncmp(line, "jasm_", 5) == 0 && line[5] >= 'A' && line[5] <= 'Z';
    if (!is_op && !is_mnemonic) continue;
    const char *name = line + (is_op ? 3 : 5);
    int op = opcode_by_name(name, (size_t)(eq - name));
    cr_assert_geq(op, 0, "no opcode named in: %s", line);
    if (is_mnemonic) {
      cr_expect(n == strlen(opcode_info[op].name) && memcmp(value, opcode_info[op].name, n) == 0, "%s", line);
      continue;
    }
    cr_expect_eq(value[0], op, "%s: opcode %d is 0x%02x now", line, op, op);
    cr_expect_eq(n, opcode_size(op), "%s: encoded size is %u", line, opcode_size(op));
    seen[op] = true;
  }
  for (int op = 0; op < OP_COUNT; op++) cr_expect(seen[op], "no op_%s entry", opcode_info[op].name);
  free(text);
}
