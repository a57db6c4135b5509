/* Hostile inputs, in process and bounded: random byte strings, every
 * truncation of every corpus program assembled to .jbc, bit flips and
 * overwritten fields of them, and mangled .jasm text (tools/mangle.h).
 * Each goes through module_load_bytes: a rejection must come with a
 * message; anything that loads must disassemble and run under the
 * reference interpreter with fuel 10000 and a 16 MiB heap, without any
 * ASan/UBSan report (the test binary is sanitized). Outcome counts are
 * checked for sanity, e.g. no truncation ever loads. The command-line twin
 * of this test, with far more inputs, is ci/hostile.sh. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support.h"
#include "tools/mangle.h"
#include "vm/interp.h"
#include "vm/jasm.h"
#include "vm/jbc.h"
#include "vm/loader.h"

enum {
  HOSTILE_FUEL = 10000,
  HOSTILE_MAX_HEAP = 16 << 20,
  MAX_SEEDS = 256,
};

/* ---- Seeds: the corpus, as text and as .jbc bytes ---- */

typedef struct Seed {
  char *name;
  uint8_t *text, *jbc;
  size_t text_len, jbc_len;
} Seed;

typedef struct Seeds {
  Seed items[MAX_SEEDS];
  size_t len;
} Seeds;

static bool is_jasm_name(const char *name) {
  size_t n = strlen(name);
  return n > 5 && strcmp(name + n - 5, ".jasm") == 0;
}

static int compare_names(const void *a, const void *b) {
  return strcmp(((const Seed *)a)->name, ((const Seed *)b)->name);
}

/* Every .jasm file of corpus/vm, assembled in process (jasm_assemble + jbc_write),
 * in name order so the mutants are the same on every machine. */
static Seeds *seeds_load(void) {
  Seeds *s = calloc(1, sizeof *s);
  cr_assert_not_null(s);
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/corpus/vm", test_source_dir());
  DIR *d = opendir(dir);
  cr_assert_not_null(d, "cannot open %s", dir);
  struct dirent *ent;
  while ((ent = readdir(d)) != NULL && s->len < MAX_SEEDS) {
    if (!is_jasm_name(ent->d_name)) continue;
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
    Seed *seed = &s->items[s->len++];
    seed->name = strdup(ent->d_name);
    seed->text = (uint8_t *)test_read_file(path, &seed->text_len);
    cr_assert_not_null(seed->text, "cannot read %s", path);
  }
  closedir(d);
  qsort(s->items, s->len, sizeof *s->items, compare_names);
  for (size_t i = 0; i < s->len; i++) {
    Seed *seed = &s->items[i];
    StrBuf err, bytes;
    strbuf_init(&err);
    strbuf_init(&bytes);
    Module *m = jasm_assemble(seed->name, (const char *)seed->text, seed->text_len, &err);
    cr_assert_not_null(m, "%s does not assemble: %s", seed->name, err.data ? err.data : "");
    cr_assert(jbc_write(m, &bytes), "%s: jbc_write failed", seed->name);
    seed->jbc = (uint8_t *)bytes.data;
    seed->jbc_len = bytes.len;
    module_free(m);
    strbuf_free(&err);
  }
  cr_assert_geq(s->len, 30, "only %zu corpus programs in %s", s->len, dir);
  return s;
}

static void seeds_free(Seeds *s) {
  for (size_t i = 0; i < s->len; i++) {
    free(s->items[i].name);
    free(s->items[i].text);
    free(s->items[i].jbc);
  }
  free(s);
}

/* ---- Trying one input ---- */

typedef struct Tally {
  long inputs, rejected, loaded;
  long returned, raised, out_of_fuel;
} Tally;

static void tally_log(const char *what, const Tally *t) {
  cr_log_info("%s: %ld inputs, %ld rejected, %ld loaded (%ld returned, %ld raised, %ld out of fuel)", what, t->inputs,
              t->rejected, t->loaded, t->returned, t->raised, t->out_of_fuel);
}

/* Load; if it loads, disassemble it and run it with the hostile limits. */
static void try_input(const char *what, const uint8_t *data, size_t len, Tally *t) {
  t->inputs++;
  StrBuf err;
  strbuf_init(&err);
  Module *m = module_load_bytes("<hostile>", data, len, &err);
  if (!m) {
    t->rejected++;
    cr_assert(err.len > 0 && err.data && err.data[0], "%s: rejected (%zu bytes) without a message", what, len);
    strbuf_free(&err);
    return;
  }
  strbuf_free(&err);
  t->loaded++;
  StrBuf text;
  strbuf_init(&text);
  cr_assert(jasm_disassemble(m, &text), "%s: a loaded module does not disassemble", what);
  strbuf_free(&text);
  VMConfig cfg = {.fuel = HOSTILE_FUEL, .max_heap = HOSTILE_MAX_HEAP};
  VM *vm = vm_new(m, &cfg);
  if (vm) {
    Outcome o;
    if (ref_run(vm, &o) == LS_OK) {
      t->returned += o.kind == OUTCOME_RETURN;
      t->raised += o.kind == OUTCOME_EXCEPTION;
      t->out_of_fuel += o.kind == OUTCOME_FUEL;
      outcome_clear(vm, &o);
    }
    vm_free(vm);
  }
  module_free(m);
}

/* ---- Tests ---- */

/* The seeds themselves load and run, so the mutants start from valid code. */
Test(hostile, corpus_seeds_load) {
  Seeds *s = seeds_load();
  Tally t = {0};
  for (size_t i = 0; i < s->len; i++) {
    try_input(s->items[i].name, s->items[i].jbc, s->items[i].jbc_len, &t);
    try_input(s->items[i].name, s->items[i].text, s->items[i].text_len, &t);
  }
  tally_log("seeds", &t);
  cr_expect_eq(t.loaded, t.inputs, "%ld of %ld corpus seeds do not load", t.inputs - t.loaded, t.inputs);
  seeds_free(s);
}

Test(hostile, random_bytes, .timeout = 300) {
  MangleRng rng = {.state = 0x5eed0001};
  Tally t = {0};
  for (int i = 0; i < 4000; i++) {
    size_t len = 0;
    uint8_t *data = mangle_random_bytes(&rng, i < 100 ? 8 : 600, &len);
    cr_assert_not_null(data);
    char what[64];
    snprintf(what, sizeof what, "random input %d", i);
    try_input(what, data, len, &t);
    free(data);
  }
  tally_log("random bytes", &t);
  cr_expect_eq(t.loaded, 0, "%ld random byte strings loaded", t.loaded);
}

/* Every proper prefix of every corpus .jbc (and of its .jasm text, at a
 * stride) is rejected: nothing after the header is optional. */
Test(hostile, every_truncation_is_rejected, .timeout = 300) {
  Seeds *s = seeds_load();
  Tally t = {0};
  for (size_t i = 0; i < s->len; i++) {
    const Seed *seed = &s->items[i];
    for (size_t keep = 0; keep < seed->jbc_len; keep++) {
      char what[256];
      snprintf(what, sizeof what, "%s.jbc cut to %zu of %zu bytes", seed->name, keep, seed->jbc_len);
      long before = t.loaded;
      try_input(what, seed->jbc, keep, &t);
      cr_expect_eq(t.loaded, before, "%s loaded", what);
    }
  }
  tally_log("truncated .jbc", &t);
  cr_expect_eq(t.loaded, 0);
  cr_expect_gt(t.inputs, 1000);

  /* .jasm text cut anywhere: loads only if what is left is still a whole
   * program (a cut in the trailing comments or blank lines); never crashes */
  Tally text = {0};
  for (size_t i = 0; i < s->len; i++) {
    const Seed *seed = &s->items[i];
    for (size_t keep = 0; keep < seed->text_len; keep += 13) {
      char what[256];
      snprintf(what, sizeof what, "%s cut to %zu bytes", seed->name, keep);
      try_input(what, seed->text, keep, &text);
    }
  }
  tally_log("truncated .jasm", &text);
  cr_expect_gt(text.rejected, text.inputs / 2);
  seeds_free(s);
}

/* Bit flips and overwritten fields of the .jbc: some still load (a changed
 * constant or operand the verifier accepts) and then run; most do not. */
Test(hostile, jbc_bit_flips, .timeout = 300) {
  Seeds *s = seeds_load();
  MangleRng rng = {.state = 0x5eed0002};
  Tally t = {0};
  for (size_t i = 0; i < s->len; i++) {
    const Seed *seed = &s->items[i];
    for (int k = 0; k < 210; k++) {
      size_t len = 0;
      int flips = k < 70 ? 1 : 2 + (int)mangle_below(&rng, 15);
      uint8_t *data = k < 140 ? mangle_flip_bits(&rng, seed->jbc, seed->jbc_len, flips, &len)
                              : mangle_interesting_field(&rng, seed->jbc, seed->jbc_len, &len);
      cr_assert_not_null(data);
      char what[256];
      snprintf(what, sizeof what, "%s.jbc mutant %d", seed->name, k);
      try_input(what, data, len, &t);
      free(data);
    }
  }
  tally_log("mutated .jbc", &t);
  cr_expect_gt(t.loaded, 0, "no mutant loaded: the run path was not exercised");
  cr_expect_gt(t.rejected, t.inputs / 4, "too few mutants were rejected (%ld of %ld)", t.rejected, t.inputs);
  cr_expect_gt(t.returned + t.raised + t.out_of_fuel, 0);
  seeds_free(s);
}

/* Line deletions, duplications and swaps, token swaps and replacements,
 * inserted bytes in the .jasm text. */
Test(hostile, mangled_jasm, .timeout = 300) {
  Seeds *s = seeds_load();
  MangleRng rng = {.state = 0x5eed0003};
  Tally t = {0};
  for (size_t i = 0; i < s->len; i++) {
    const Seed *seed = &s->items[i];
    for (int k = 0; k < 150; k++) {
      size_t len = 0;
      uint8_t *data = mangle_jasm(&rng, seed->text, seed->text_len, &len);
      cr_assert_not_null(data);
      char what[256];
      snprintf(what, sizeof what, "%s mutant %d", seed->name, k);
      try_input(what, data, len, &t);
      free(data);
    }
  }
  tally_log("mangled .jasm", &t);
  cr_expect_gt(t.loaded, 0, "no mangled text loaded: the run path was not exercised");
  cr_expect_gt(t.rejected, 0, "every mangled text loaded: the assembler accepts anything?");
  cr_expect_gt(t.raised, 0, "no loaded mutant raised an exception");
  seeds_free(s);
}

/* Mutants of mutants: errors deep inside otherwise valid files. */
Test(hostile, stacked_mutations, .timeout = 300) {
  Seeds *s = seeds_load();
  MangleRng rng = {.state = 0x5eed0004};
  Tally t = {0};
  for (int k = 0; k < 3000; k++) {
    const Seed *seed = &s->items[mangle_below(&rng, s->len)];
    size_t len = 0, len2 = 0;
    bool binary = mangle_below(&rng, 2) == 0;
    uint8_t *once = binary ? mangle_binary(&rng, seed->jbc, seed->jbc_len, &len)
                           : mangle_jasm(&rng, seed->text, seed->text_len, &len);
    cr_assert_not_null(once);
    uint8_t *twice = binary ? mangle_binary(&rng, once, len, &len2) : mangle_jasm(&rng, once, len, &len2);
    cr_assert_not_null(twice);
    char what[256];
    snprintf(what, sizeof what, "%s stacked mutant %d", seed->name, k);
    try_input(what, twice, len2, &t);
    free(once);
    free(twice);
  }
  tally_log("stacked mutants", &t);
  cr_expect_eq(t.loaded + t.rejected, t.inputs);
  seeds_free(s);
}
