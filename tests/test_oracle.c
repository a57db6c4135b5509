/* The oracle: the engines agree on the corpus; every kind of difference is
 * detected and named by the right signature; the heap walk sees aliasing,
 * reference counts, cycles and million-deep nesting, and is deterministic
 * and independent of addresses; the inconclusive rules; `lockstep diff`.
 *
 * The engines agree, so differences are injected: two slightly different
 * programs are captured under two configurations and judged as if they
 * were one program (the capture, comparison and signature code is exactly
 * what a real divergence goes through), or hand-built VM states are walked
 * directly. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "lang/lang.h"
#include "oracle/oracle.h"
#include "tests/support.h"
#include "vm/dict.h"
#include "vm/heap.h"
#include "vm/list.h"
#include "vm/loader.h"
#include "vm/str.h"

/* ------------------------------------------------------------- helpers */

static Module *compile_py(const char *src) {
  StrBuf err;
  strbuf_init(&err);
  Module *m = lang_compile("<test>", src, strlen(src), &err);
  cr_assert_not_null(m, "compile error: %s", err.data ? err.data : "");
  strbuf_free(&err);
  return m;
}

static Module *load_path(const char *path) {
  StrBuf err;
  strbuf_init(&err);
  Module *m = test_load_program(path, &err);
  cr_assert_not_null(m, "%s: %s", path, err.data ? err.data : "");
  strbuf_free(&err);
  return m;
}

static OracleOptions options_with(int64_t fuel, const char *configs) {
  OracleOptions o;
  oracle_options_default(&o);
  if (fuel >= 0) o.fuel = fuel;
  if (configs) {
    StrBuf err;
    strbuf_init(&err);
    cr_assert(oracle_configs_parse(configs, &o, &err), "%s", err.data ? err.data : "");
    strbuf_free(&err);
  }
  return o;
}

static OracleConfig config_named(const char *name) {
  OracleConfig c;
  cr_assert(oracle_config_parse(name, strlen(name), &c), "bad config %s", name);
  return c;
}

/* Capture program `src` under `config` into slot `slot` of r (with text),
 * as if it were one configuration of one oracle run. */
static void capture_py(OracleResult *r, uint32_t slot, const char *config, const char *src, int64_t fuel) {
  Module *m = compile_py(src);
  OracleOptions o = options_with(fuel, NULL);
  OracleConfig c = config_named(config);
  oracle_capture_run(&r->caps[slot], m, &c, &o, true, &r->walk);
  cr_assert_eq(r->caps[slot].status, ORACLE_RUN_OK, "%s: %s", config, r->caps[slot].why);
  if (slot + 1 > r->nconfigs) r->nconfigs = slot + 1;
  module_free(m);
}

/* Judge `base` under ref against `other` under `config`; returns the
 * verdict and leaves the signature in r. */
static OracleVerdict judge_pair(OracleResult *r, const char *base, const char *config, const char *other, int64_t fuel) {
  r->nconfigs = 0;
  capture_py(r, 0, "ref", base, fuel);
  capture_py(r, 1, config, other, fuel);
  return oracle_judge(r);
}

static void expect_signature(const char *base, const char *other, const char *signature) {
  OracleResult r;
  oracle_result_init(&r);
  OracleVerdict v = judge_pair(&r, base, "jit@1", other, -1);
  cr_expect_eq(v, ORACLE_DIVERGED, "expected %s, got verdict %d", signature, (int)v);
  cr_expect_str_eq(r.signature, signature);
  oracle_result_free(&r);
}

/* text has `line` as one of its lines. */
static bool has_line(const char *text, const char *line) {
  size_t n = strlen(line);
  for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
    if (strncmp(p, line, n) == 0 && (p[n] == '\n' || p[n] == '\0')) return true;
  return false;
}

/* Digests of a hand-built VM's globals walk (text into `text` when not NULL). */
static void walk_vm(VM *vm, uint64_t digest[ORACLE_WHAT_COUNT], StrBuf *heap_text) {
  OracleWalk w;
  oracle_walk_init(&w);
  StrBuf *text[ORACLE_WHAT_COUNT] = {0};
  text[ORACLE_WHAT_HEAP] = heap_text;
  OracleEmit e;
  oracle_emit_begin(&e, text);
  oracle_walk_begin(&w, vm);
  oracle_walk_globals(&w, &e, vm->globals);
  oracle_walk_drain(&w, &e);
  oracle_walk_end(&w);
  cr_assert_not(w.failed);
  memcpy(digest, e.digest, sizeof e.digest);
  oracle_walk_free(&w);
  for (Obj *o = vm->objects; o; o = o->next) cr_assert_eq(o->mark, 0, "a mark was left set");
}

static void set_global(VM *vm, const char *name, Value v) {
  ObjStr *k = str_from_cstr(vm, name);
  cr_assert_not_null(k);
  cr_assert_eq(dict_set(vm, vm->globals, value_obj(&k->h), v), LS_OK);
  obj_decref(vm, &k->h);
  value_decref(vm, v);
}

static Value new_list_of(VM *vm, int64_t n, const Value *items) {
  ObjList *l = list_new(vm, n);
  cr_assert_not_null(l);
  for (int64_t i = 0; i < n; i++) cr_assert_eq(list_append(vm, l, items[i]), LS_OK);
  return value_obj(&l->h);
}

/* -------------------------------------------------------- configurations */

Test(oracle_config, names_and_defaults) {
  OracleOptions o;
  oracle_options_default(&o);
  cr_expect_eq(o.fuel, ORACLE_DEFAULT_FUEL);
  cr_expect_eq(o.max_heap, ORACLE_DEFAULT_MAX_HEAP);
  const char *want[] = {"ref", "uops@1", "uops@default", "jit@1", "jit@2", "jit@7", "jit@default"};
  cr_assert_eq(o.nconfigs, 7);
  for (int i = 0; i < 7; i++) cr_expect_str_eq(o.configs[i].name, want[i]);
  cr_expect_str_eq(config_named("jit").name, "jit@default");
  cr_expect_str_eq(config_named("uops").name, "uops@default");
  cr_expect_str_eq(config_named("jit@007").name, "jit@7");
  cr_expect_eq(config_named("jit@7").threshold, 7);
  cr_expect_eq(config_named("uops@1000000000").threshold, 1000000000);
  OracleConfig c;
  const char *bad[] = {"", "jit@0", "jit@", "jit@-1", "jit@1x", "uops@1000000001", "refx", "ref@1", "JIT", "jit@99999999999999"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    cr_expect_not(oracle_config_parse(bad[i], strlen(bad[i]), &c), "'%s' accepted", bad[i]);
}

Test(oracle_config, lists) {
  OracleOptions o;
  oracle_options_default(&o);
  StrBuf err;
  strbuf_init(&err);
  cr_assert(oracle_configs_parse("ref,jit@3,uops", &o, &err));
  cr_expect_eq(o.nconfigs, 3);
  cr_expect_str_eq(o.configs[1].name, "jit@3");
  cr_expect_str_eq(o.configs[2].name, "uops@default");
  static const char seventeen[] = "ref,jit@1,jit@2,jit@3,jit@4,jit@5,jit@6,jit@7,jit@8,jit@9,jit@10,jit@11,"
                                  "jit@12,jit@13,jit@14,jit@15,jit@16";
  const char *bad[] = {"ref", "ref,ref", "ref,jit,jit@default", "ref,", ",ref", "ref,,jit", "ref,foo", seventeen};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    strbuf_clear(&err);
    cr_expect_not(oracle_configs_parse(bad[i], &o, &err), "'%s' accepted", bad[i]);
    cr_expect_gt(err.len, 0);
  }
  cr_expect_eq(o.nconfigs, 3, "a bad list must leave the options as they were");
  strbuf_free(&err);
}

/* ------------------------------------------------------- corpus agrees */

/* The corpus's "; args: --fuel N" first line; -1 when absent. */
static int64_t corpus_fuel(const char *path) {
  size_t len = 0;
  char *text = test_read_file(path, &len);
  int64_t fuel = -1;
  const char *p = text ? strstr(text, "--fuel ") : NULL;
  if (p && strncmp(text, "; args:", 7) == 0 && p < strchr(text, '\n')) fuel = strtoll(p + 7, NULL, 10);
  free(text);
  return fuel;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Every `every`-th program of corpus/DIR (sorted), through every default
 * configuration; returns the number of programs that did not agree. */
static int check_corpus(const char *dir, const char *ext, int every, int *count, uint64_t *traces) {
  char path[4096];
  snprintf(path, sizeof path, "%s/corpus/%s", test_source_dir(), dir);
  DIR *d = opendir(path);
  cr_assert_not_null(d, "cannot open %s", path);
  char **names = NULL;
  size_t n = 0, cap = 0;
  for (struct dirent *e; (e = readdir(d));) {
    size_t len = strlen(e->d_name), k = strlen(ext);
    if (len <= k || strcmp(e->d_name + len - k, ext) != 0) continue;
    if (n == cap) names = realloc(names, (cap = cap ? 2 * cap : 64) * sizeof *names);
    cr_assert_not_null(names);
    names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof *names, cmp_str);
  OracleResult r;
  oracle_result_init(&r);
  int bad = 0;
  for (size_t i = 0; i < n; i++) {
    if (i % (size_t)every == 0) {
      char file[4096 + 256];
      snprintf(file, sizeof file, "%s/%s", path, names[i]);
      Module *m = load_path(file);
      OracleOptions o = options_with(corpus_fuel(file), NULL);
      if (oracle_run(&r, m, &o, false) != ORACLE_AGREE) {
        StrBuf report;
        strbuf_init(&report);
        oracle_report(&r, m, &o, &report);
        cr_log_error("%s:\n%s", file, report.data ? report.data : "");
        strbuf_free(&report);
        bad++;
      }
      *traces += r.caps[3].stats.traces; /* jit@1 */
      (*count)++;
      module_free(m);
    }
    free(names[i]);
  }
  free(names);
  oracle_result_free(&r);
  return bad;
}

Test(oracle_corpus, vm_programs_agree, .timeout = 300) {
  int count = 0;
  uint64_t traces = 0;
  int bad = check_corpus("vm", ".jasm", 2, &count, &traces);
  cr_expect_eq(bad, 0, "%d of %d programs did not agree", bad, count);
  cr_expect_gt(count, 20);
  cr_expect_gt(traces, 0, "jit@1 compiled no trace at all");
}

Test(oracle_corpus, lang_programs_agree, .timeout = 300) {
  int count = 0;
  uint64_t traces = 0;
  int bad = check_corpus("lang", ".py", 3, &count, &traces);
  cr_expect_eq(bad, 0, "%d of %d programs did not agree", bad, count);
  cr_expect_gt(count, 20);
  cr_expect_gt(traces, 0);
}

/* ------------------------------------------------- agreement at limits */

Test(oracle_agree, out_of_fuel_at_the_same_point) {
  Module *m = compile_py("n = 0\nwhile True:\n    n += 1\n    if n % 100 == 0:\n        print(n)\n");
  OracleOptions o = options_with(1000, NULL);
  OracleResult r;
  oracle_result_init(&r);
  cr_expect_eq(oracle_run(&r, m, &o, false), ORACLE_AGREE);
  for (uint32_t i = 0; i < r.nconfigs; i++) {
    cr_expect_eq(r.caps[i].outcome, OUTCOME_FUEL, "%s", r.caps[i].config.name);
    cr_expect_eq(r.caps[i].fuel_left, 0);
    cr_expect_eq(r.caps[i].leaked, 0);
  }
  StrBuf line;
  strbuf_init(&line);
  oracle_verdict_line(&r, &line);
  cr_expect_str_eq(line.data, "agree: 7 configurations (ref, uops@1, uops@default, jit@1, jit@2, jit@7, jit@default)\n");
  strbuf_free(&line);
  oracle_result_free(&r);
  module_free(m);
}

/* Twins: uops@default is run; jit@default repeats it step for step when
 * nothing reached the threshold, so it is a copy; once anything is
 * installed both run. */
Test(oracle_agree, twin_without_a_trace_is_a_copy) {
  Module *cold = compile_py("x = [1, 2.5, 'a']\nfor i in range(5):\n    x.append(i * 2)\nprint(x)\n");
  Module *hot = compile_py("t = 0\nfor i in range(1000):\n    t += i\nprint(t)\n");
  OracleOptions o = options_with(-1, "ref,uops@default,jit@default,jit@1,uops@1");
  OracleResult r;
  oracle_result_init(&r);

  cr_expect_eq(oracle_run(&r, cold, &o, true), ORACLE_AGREE);
  cr_expect_not(r.caps[1].copied);
  cr_expect_eq(r.caps[1].stats.recorded, 0);
  cr_expect(r.caps[2].copied, "jit@default should copy uops@default");
  cr_expect_str_eq(r.caps[2].copied_from, "uops@default");
  cr_expect_str_eq(r.caps[2].config.name, "jit@default");
  cr_expect_str_eq(r.caps[2].output.data, "[1, 2.5, 'a', 0, 2, 4, 6, 8]\n");
  for (int w = ORACLE_WHAT_OUTCOME; w < ORACLE_WHAT_COUNT; w++) {
    cr_expect_eq(r.caps[2].digest[w], r.caps[1].digest[w]);
    cr_expect_str_eq(r.caps[2].text[w].data ? r.caps[2].text[w].data : "",
                     r.caps[1].text[w].data ? r.caps[1].text[w].data : "");
  }
  /* at threshold 1 the loop is installed at once: both run */
  cr_expect_gt(r.caps[3].stats.recorded, 0);
  cr_expect_not(r.caps[4].copied);
  cr_expect_gt(r.caps[4].stats.recorded, 0);
  StrBuf text;
  strbuf_init(&text);
  oracle_capture_print(&r.caps[2], &text);
  cr_expect(strstr(text.data, "not run: the same run as its twin uops@default") != NULL, "%s", text.data);

  cr_expect_eq(oracle_run(&r, hot, &o, false), ORACLE_AGREE);
  for (uint32_t i = 0; i < r.nconfigs; i++) cr_expect_not(r.caps[i].copied, "%s", r.caps[i].config.name);
  cr_expect_gt(r.caps[1].stats.recorded, 0);
  cr_expect_gt(r.caps[2].stats.traces, 0);

  strbuf_free(&text);
  oracle_result_free(&r);
  module_free(cold);
  module_free(hot);
}

Test(oracle_agree, memory_error_at_the_same_point) {
  Module *m = compile_py("x = []\nwhile True:\n    x.append([0] * 100)\n");
  OracleOptions o = options_with(1000000, "ref,uops@1,jit@1,jit@7");
  o.max_heap = 1 << 20;
  OracleResult r;
  oracle_result_init(&r);
  cr_expect_eq(oracle_run(&r, m, &o, true), ORACLE_AGREE);
  cr_expect_eq(r.caps[0].outcome, OUTCOME_EXCEPTION);
  cr_expect(strstr(r.caps[0].text[ORACLE_WHAT_OUTCOME].data, "exception MemoryError") != NULL, "%s",
            r.caps[0].text[ORACLE_WHAT_OUTCOME].data);
  oracle_result_free(&r);
  module_free(m);
}

Test(oracle_agree, cycles_agree_and_count_as_leaks) {
  Module *m = compile_py("a = []\na.append(a)\nd = {}\nd['self'] = d\nb = [a, d, a]\n"
                         "for i in range(50):\n    b.append(i)\n");
  OracleOptions o = options_with(-1, NULL);
  OracleResult r;
  oracle_result_init(&r);
  cr_expect_eq(oracle_run(&r, m, &o, true), ORACLE_AGREE);
  const char *heap = r.caps[0].text[ORACLE_WHAT_HEAP].data;
  cr_expect(has_line(heap, "#2 list [#2 list]"), "%s", heap);
  cr_expect(has_line(r.caps[0].text[ORACLE_WHAT_GLOBALS].data, "b (#5) = #6 list"), "%s",
            r.caps[0].text[ORACLE_WHAT_GLOBALS].data);
  /* The list, the dict and the dict's key 'self' outlive the globals. */
  for (uint32_t i = 0; i < r.nconfigs; i++) cr_expect_eq(r.caps[i].leaked, 3, "%s", r.caps[i].config.name);
  oracle_result_free(&r);
  module_free(m);
}

/* ------------------------------------------------ injected divergences */

Test(oracle_diverge, each_kind_gets_its_signature) {
  expect_signature("x = 1\n", "x = 1\nraise ValueError('no')\n", "outcome:ref~jit@1");
  expect_signature("print(1)\n", "print(2)\n", "output:ref~jit@1");
  expect_signature("x = 1\n", "x = 2\n", "globals:ref~jit@1");
  expect_signature("x = 1\ny = 2\n", "y = 2\nx = 1\n", "globals:ref~jit@1");
  expect_signature("x = [1]\n", "x = [2]\n", "heap:ref~jit@1");
  /* The same globals and objects; one program's list is also held by an
   * unreachable cycle, so only its count differs (and the cycle leaks). */
  expect_signature("x = [5]\nc = [x]\nc.append(1)\ndel c\n", "x = [5]\nc = [x]\nc.append(c)\ndel c\n",
                   "heap.refcount:ref~jit@1");
  expect_signature("x = 1\nc = [0]\nc.append(2)\ndel c\n", "x = 1\nc = [0]\nc.append(c)\ndel c\n", "leak:ref~jit@1");
  expect_signature("def f(n):\n    for i in range(n):\n        pass\nf(3)\n",
                   "def f(n):\n    for i in range(n):\n        pass\nf(4)\n", "fuel:ref~jit@1");
}

Test(oracle_diverge, aliasing_is_part_of_the_heap) {
  OracleResult r;
  oracle_result_init(&r);
  cr_expect_eq(judge_pair(&r, "a = [1]\nb = [a, a]\n", "uops@1", "a = [1]\nb = [[1], [1]]\n", -1), ORACLE_DIVERGED);
  cr_expect_str_eq(r.signature, "heap:ref~uops@1");
  cr_expect(has_line(r.caps[0].text[ORACLE_WHAT_HEAP].data, "#4 list [#2 list, #2 list]"));
  cr_expect(has_line(r.caps[1].text[ORACLE_WHAT_HEAP].data, "#4 list [#5 list, #6 list]"));
  oracle_result_free(&r);
}

Test(oracle_diverge, different_fuel_outcomes_diverge) {
  Module *m = compile_py("for i in range(100):\n    pass\nprint('done')\n");
  OracleOptions o = options_with(50, "ref,jit@1");
  OracleResult r;
  oracle_result_init(&r);
  oracle_capture_run(&r.caps[0], m, &o.configs[0], &o, false, &r.walk);
  o.fuel = 500;
  oracle_capture_run(&r.caps[1], m, &o.configs[1], &o, false, &r.walk);
  r.nconfigs = 2;
  cr_expect_eq(oracle_judge(&r), ORACLE_DIVERGED);
  cr_expect_str_eq(r.signature, "outcome:ref~jit@1");
  oracle_result_free(&r);
  module_free(m);
}

Test(oracle_diverge, configs_sorted_and_first_category_wins) {
  OracleResult r;
  oracle_result_init(&r);
  capture_py(&r, 0, "ref", "print(1)\nx = 1\n", -1);
  capture_py(&r, 1, "uops@1", "print(1)\nx = 2\n", -1); /* globals */
  capture_py(&r, 2, "jit@7", "print(2)\nx = 1\n", -1);  /* output */
  capture_py(&r, 3, "jit@2", "print(2)\nx = 1\n", -1);  /* output */
  capture_py(&r, 4, "jit@1", "print(1)\nx = 1\n", -1);  /* agrees */
  cr_assert_eq(oracle_judge(&r), ORACLE_DIVERGED);
  cr_expect_str_eq(r.signature, "output:ref~jit@2,jit@7");
  cr_expect_eq(r.first_diff[1], ORACLE_WHAT_GLOBALS);
  cr_expect_eq(r.first_diff[4], ORACLE_WHAT_SAME);
  oracle_set_where(&r, "STORE_SUBSCR", "_STORE_SUBSCR/LIST INT");
  cr_expect_str_eq(r.signature, "output:ref~jit@2,jit@7:STORE_SUBSCR._STORE_SUBSCRLISTINT");
  oracle_set_where(&r, "CALL", NULL);
  cr_expect_str_eq(r.signature, "output:ref~jit@2,jit@7:CALL");

  StrBuf rep;
  strbuf_init(&rep);
  oracle_report(&r, NULL, NULL, &rep); /* every capture has text: no rerun */
  cr_expect(has_line(rep.data, "diverged: output:ref~jit@2,jit@7:CALL"), "%s", rep.data);
  cr_expect(has_line(rep.data, "  uops@1           differs, first in globals"), "%s", rep.data);
  cr_expect(has_line(rep.data, "- 1"), "%s", rep.data);
  cr_expect(has_line(rep.data, "+ 2"), "%s", rep.data);
  strbuf_free(&rep);
  oracle_result_free(&r);
}

Test(oracle_diverge, crash_comes_first) {
  OracleResult r;
  oracle_result_init(&r);
  capture_py(&r, 0, "ref", "print(1)\n", -1);
  capture_py(&r, 1, "jit@1", "print(2)\n", -1);
  capture_py(&r, 2, "jit@7", "print(1)\n", -1);
  oracle_capture_set_crash(&r.caps[2], "signal 11");
  cr_assert_eq(oracle_judge(&r), ORACLE_DIVERGED);
  cr_expect_str_eq(r.signature, "crash:ref~jit@7");
  oracle_result_free(&r);
}

Test(oracle_diverge, report_reruns_for_text) {
  /* A real oracle run has no text; the report runs the two configs again. */
  Module *m = compile_py("x = [1, 2]\nprint(x)\n");
  OracleOptions o = options_with(-1, "ref,jit@1");
  OracleResult r;
  oracle_result_init(&r);
  cr_assert_eq(oracle_run(&r, m, &o, false), ORACLE_AGREE);
  cr_expect_not(r.caps[0].has_text);
  /* Pretend jit@1's heap differed: the rerun reproduces the real (equal)
   * state, so the report must say the first run was not reproduced. */
  r.caps[1].digest[ORACLE_WHAT_HEAP] ^= 1;
  cr_assert_eq(oracle_judge(&r), ORACLE_DIVERGED);
  cr_expect_str_eq(r.signature, "heap:ref~jit@1");
  StrBuf rep;
  strbuf_init(&rep);
  oracle_report(&r, m, &o, &rep);
  cr_expect(strstr(rep.data, "note: jit@1 did not reproduce its first run") != NULL, "%s", rep.data);
  cr_expect(strstr(rep.data, "first difference: heap, ref vs jit@1") != NULL, "%s", rep.data);
  strbuf_free(&rep);
  oracle_result_free(&r);
  module_free(m);
}

Test(oracle_diverge, output_is_hashed_whole_and_kept_in_part, .timeout = 60) {
  static const char *const base = "s = 'x' * 100000\nfor i in range(30):\n    print(s)\nprint('a')\n";
  static const char *const other = "s = 'x' * 100000\nfor i in range(30):\n    print(s)\nprint('b')\n";
  OracleResult r;
  oracle_result_init(&r);
  cr_expect_eq(judge_pair(&r, base, "jit@1", other, -1), ORACLE_DIVERGED);
  cr_expect_str_eq(r.signature, "output:ref~jit@1");
  cr_expect_eq(r.caps[0].output_len, 30 * 100001 + 2);
  cr_expect_eq(r.caps[0].output.len, ORACLE_OUTPUT_KEEP);
  StrBuf rep;
  strbuf_init(&rep);
  oracle_report(&r, NULL, NULL, &rep);
  cr_expect(strstr(rep.data, "(only the first 1048576 bytes of each are kept)") != NULL, "%s", rep.data);
  strbuf_free(&rep);

  /* The same bytes written in other pieces hash alike. */
  r.nconfigs = 0;
  capture_py(&r, 0, "ref", "print('ab' * 50000)\n", 1000000);
  capture_py(&r, 1, "jit@1", "for i in range(50000):\n    print('ab', end='')\nprint()\n", 1000000);
  cr_expect_eq(r.caps[1].output_len, 100001);
  cr_expect_eq(r.caps[0].digest[ORACLE_WHAT_OUTPUT], r.caps[1].digest[ORACLE_WHAT_OUTPUT]);
  oracle_result_free(&r);
}

/* -------------------------------------------------------- inconclusive */

static void fake_process_oom(OracleCapture *c) {
  c->status = ORACLE_RUN_PROCESS_OOM;
  snprintf(c->why, sizeof c->why, "the process ran out of memory during the run (LS_ERR)");
}

Test(oracle_inconclusive, too_much_output, .timeout = 60) {
  Module *m = compile_py("s = 'x' * 1000000\nwhile True:\n    print(s)\n");
  OracleOptions o = options_with(1000000, "ref,jit@1");
  OracleResult r;
  oracle_result_init(&r);
  cr_expect_eq(oracle_run(&r, m, &o, false), ORACLE_INCONCLUSIVE);
  cr_expect_str_eq(r.reason, "ref: stdout passed the oracle's limit of 64 MiB; the run was stopped");
  cr_expect_eq(r.caps[1].status, ORACLE_RUN_OUTPUT_LIMIT);
  cr_expect_lt(r.caps[0].output_len, ORACLE_MAX_OUTPUT + 2000002, "the run must stop soon after the limit");
  oracle_result_free(&r);
  module_free(m);
}

Test(oracle_inconclusive, process_out_of_memory) {
  OracleResult r;
  oracle_result_init(&r);
  capture_py(&r, 0, "ref", "print(1)\n", -1);
  capture_py(&r, 1, "jit@1", "print(1)\n", -1);
  capture_py(&r, 2, "jit@7", "print(1)\n", -1);
  fake_process_oom(&r.caps[2]);
  cr_expect_eq(oracle_judge(&r), ORACLE_INCONCLUSIVE);
  cr_expect_str_eq(r.reason, "jit@7: the process ran out of memory during the run (LS_ERR)");
  cr_expect_str_eq(r.signature, "");
  StrBuf line;
  strbuf_init(&line);
  oracle_verdict_line(&r, &line);
  cr_expect_str_eq(line.data, "inconclusive: jit@7: the process ran out of memory during the run (LS_ERR)\n");
  strbuf_clear(&line);
  oracle_report(&r, NULL, NULL, &line);
  cr_expect(has_line(line.data, "  jit@1            agrees"), "%s", line.data);
  cr_expect(has_line(line.data, "  jit@7            process out of memory: the process ran out of memory during the run (LS_ERR)"),
            "%s", line.data);
  strbuf_free(&line);

  /* A real difference elsewhere still counts. */
  capture_py(&r, 1, "jit@1", "print(2)\n", -1);
  cr_expect_eq(oracle_judge(&r), ORACLE_DIVERGED);
  cr_expect_str_eq(r.signature, "output:ref~jit@1");

  /* Without the baseline there is nothing to compare with. */
  capture_py(&r, 1, "jit@1", "print(1)\n", -1);
  capture_py(&r, 2, "jit@7", "print(1)\n", -1);
  fake_process_oom(&r.caps[0]);
  cr_expect_eq(oracle_judge(&r), ORACLE_INCONCLUSIVE);
  cr_expect(strncmp(r.reason, "ref: ", 5) == 0, "%s", r.reason);
  oracle_result_free(&r);
}

/* ------------------------------------------------------------ the walk */

Test(oracle_walk, refcount_difference_only) {
  VM *a = test_vm_new(), *b = test_vm_new();
  cr_assert(a && b);
  Value one = value_int(1);
  set_global(a, "x", new_list_of(a, 1, &one));
  set_global(b, "x", new_list_of(b, 1, &one));
  uint64_t da[ORACLE_WHAT_COUNT], db[ORACLE_WHAT_COUNT];
  walk_vm(a, da, NULL);
  walk_vm(b, db, NULL);
  cr_expect_eq(memcmp(da, db, sizeof da), 0);
  Value *x = &b->globals->entries[0].value;
  value_incref(*x); /* a reference an engine forgot to drop */
  walk_vm(b, db, NULL);
  cr_expect_eq(da[ORACLE_WHAT_GLOBALS], db[ORACLE_WHAT_GLOBALS]);
  cr_expect_eq(da[ORACLE_WHAT_HEAP], db[ORACLE_WHAT_HEAP]);
  cr_expect_neq(da[ORACLE_WHAT_REFCOUNT], db[ORACLE_WHAT_REFCOUNT]);
  value_decref(b, *x);
  cr_expect_eq(test_vm_free(a), 0);
  cr_expect_eq(test_vm_free(b), 0);
}

Test(oracle_walk, floats_nan_and_negative_zero) {
  VM *vm = test_vm_new();
  cr_assert_not_null(vm);
  uint64_t d1[ORACLE_WHAT_COUNT], d2[ORACLE_WHAT_COUNT], d3[ORACLE_WHAT_COUNT];
  set_global(vm, "f", value_float(NAN));
  walk_vm(vm, d1, NULL);
  set_global(vm, "f", value_float(-NAN)); /* the sign of a NaN is not observable */
  walk_vm(vm, d2, NULL);
  cr_expect_eq(d1[ORACLE_WHAT_GLOBALS], d2[ORACLE_WHAT_GLOBALS]);
  set_global(vm, "f", value_float(0.0));
  walk_vm(vm, d1, NULL);
  set_global(vm, "f", value_float(-0.0)); /* but -0.0 is */
  walk_vm(vm, d2, NULL);
  cr_expect_neq(d1[ORACLE_WHAT_GLOBALS], d2[ORACLE_WHAT_GLOBALS]);
  set_global(vm, "f", value_int(1));
  walk_vm(vm, d1, NULL);
  set_global(vm, "f", value_bool(true));
  walk_vm(vm, d2, NULL);
  set_global(vm, "f", value_float(1.0));
  walk_vm(vm, d3, NULL);
  cr_expect_neq(d1[ORACLE_WHAT_GLOBALS], d2[ORACLE_WHAT_GLOBALS]);
  cr_expect_neq(d1[ORACLE_WHAT_GLOBALS], d3[ORACLE_WHAT_GLOBALS]);
  cr_expect_neq(d2[ORACLE_WHAT_GLOBALS], d3[ORACLE_WHAT_GLOBALS]);
  cr_expect_eq(test_vm_free(vm), 0);
}

enum { DEEP = 1000000 };

/* x = [[[...[]...]]] `depth` deep, built and dropped without recursion;
 * when cyclic, the innermost list holds the outermost. */
static void make_deep(VM *vm, const char *name, int depth, bool cyclic) {
  Value v = new_list_of(vm, 0, NULL);
  Obj *innermost = v.as.o;
  for (int i = 0; i < depth; i++) {
    Value outer = new_list_of(vm, 1, &v);
    value_decref(vm, v);
    v = outer;
  }
  if (cyclic) cr_assert_eq(list_append(vm, (ObjList *)innermost, v), LS_OK);
  set_global(vm, name, v);
}

Test(oracle_walk, million_deep_nesting_and_cycles, .timeout = 120) {
  VM *vm = test_vm_new();
  cr_assert_not_null(vm);
  make_deep(vm, "deep", DEEP, false);
  make_deep(vm, "ring", 1000, true);
  uint64_t d1[ORACLE_WHAT_COUNT], d2[ORACLE_WHAT_COUNT];
  StrBuf heap;
  strbuf_init(&heap);
  walk_vm(vm, d1, &heap);
  walk_vm(vm, d2, NULL);
  cr_expect_eq(memcmp(d1, d2, sizeof d1), 0, "text changed a digest");
  /* deep (#1) = #2, ring (#3) = #4; breadth first, their insides follow. */
  cr_expect(strstr(heap.data, "#2 list [#5 list]\n#3 str 'ring'\n#4 list [#6 list]\n#5 list [#7 list]\n") != NULL);
  cr_expect(strstr(heap.data, "#2004 list [#4 list]\n") != NULL, "the ring closes on its first list");
  strbuf_free(&heap);
  /* The ring of 1001 lists outlives its global: a cycle, counted as leaked. */
  cr_expect_eq(test_vm_free(vm), 1001);
}

Test(oracle_walk, deep_program_through_every_engine, .timeout = 120) {
  Module *m = compile_py("x = []\nfor i in range(30000):\n    x = [x, i]\nr = []\nr.append(r)\n");
  OracleOptions o = options_with(-1, "ref,uops@1,jit@1");
  OracleResult r;
  oracle_result_init(&r);
  cr_expect_eq(oracle_run(&r, m, &o, false), ORACLE_AGREE);
  cr_expect_gt(r.caps[0].objects_walked, 30000);
  cr_expect_eq(r.caps[0].leaked, 1);
  oracle_result_free(&r);
  module_free(m);
}

/* ---------------------------------------------------------- determinism */

Test(oracle_determinism, same_program_same_digests_whatever_the_addresses) {
  Module *m = compile_py("d = {}\nfor i in range(300):\n    d[str(i)] = [i, float(i) / 3, (i, 'x' * (i % 7))]\n"
                         "    if i % 3 == 0:\n        del d[str(i // 2)]\nkeys = list(d.keys())\nv = d.values()\n");
  OracleOptions o = options_with(-1, "ref,jit@1");
  OracleResult r;
  oracle_result_init(&r);
  cr_assert_eq(oracle_run(&r, m, &o, false), ORACLE_AGREE);
  uint64_t first[ORACLE_WHAT_COUNT];
  memcpy(first, r.caps[0].digest, sizeof first);

  /* Unrelated allocation of many sizes, kept alive: the next run's objects
   * land at other addresses. */
  enum { NBLOCKS = 5000 };
  void **blocks = calloc(NBLOCKS, sizeof *blocks);
  cr_assert_not_null(blocks);
  uint64_t seed = 42;
  for (int i = 0; i < NBLOCKS; i++) blocks[i] = malloc(16 + test_rand(&seed) % 300);
  cr_assert_eq(oracle_run(&r, m, &o, false), ORACLE_AGREE);
  cr_expect_eq(memcmp(first, r.caps[0].digest, sizeof first), 0);
  cr_expect_eq(memcmp(first, r.caps[1].digest, sizeof first), 0);
  for (int i = 0; i < NBLOCKS; i += 2) free(blocks[i]);
  cr_assert_eq(oracle_run(&r, m, &o, true), ORACLE_AGREE);
  cr_expect_eq(memcmp(first, r.caps[0].digest, sizeof first), 0, "text changed a digest");
  for (int i = 1; i < NBLOCKS; i += 2) free(blocks[i]);
  free(blocks);
  oracle_result_free(&r);
  module_free(m);
}

Test(oracle_determinism, vm_heap_history_does_not_matter) {
  /* Two VMs build equal globals, one after making and dropping unrelated
   * objects (so list blocks sit at different addresses and the live-object
   * list is in a different order). */
  VM *a = test_vm_new(), *b = test_vm_new();
  cr_assert(a && b);
  for (int i = 0; i < 1000; i++) {
    ObjStr *s = str_from_cstr(b, "garbage");
    cr_assert_not_null(s);
    obj_decref(b, &s->h);
  }
  Value items[3] = {value_int(1), value_float(2.5), value_none()};
  Value la = new_list_of(a, 3, items), lb = new_list_of(b, 3, items);
  Value pa[2] = {la, la}, pb[2] = {lb, lb};
  set_global(a, "pair", new_list_of(a, 2, pa));
  set_global(b, "pair", new_list_of(b, 2, pb));
  set_global(a, "l", la);
  set_global(b, "l", lb);
  uint64_t da[ORACLE_WHAT_COUNT], db[ORACLE_WHAT_COUNT];
  walk_vm(a, da, NULL);
  walk_vm(b, db, NULL);
  cr_expect_eq(memcmp(da, db, sizeof da), 0);
  cr_expect_eq(test_vm_free(a), 0);
  cr_expect_eq(test_vm_free(b), 0);
}

/* ------------------------------------------------------------ line view */

Test(oracle_report, unified_view_of_the_first_difference) {
  const char *a = "one\ntwo\nthree\nfour\nfive\nsix\n";
  const char *b = "one\ntwo\nthree\nfour\nFIVE\nsix\n";
  StrBuf out;
  strbuf_init(&out);
  oracle_diff_text(a, strlen(a), b, strlen(b), "ref", "jit@1", &out);
  cr_expect_str_eq(out.data, "--- ref\n+++ jit@1\n@@ line 5 @@\n  two\n  three\n  four\n- five\n+ FIVE\n");
  strbuf_clear(&out);
  oracle_diff_text("x\n", 2, "x", 1, "ref", "jit@1", &out);
  cr_expect(strstr(out.data, "jit@1 has no newline at the end") != NULL, "%s", out.data);
  strbuf_clear(&out);
  oracle_diff_text("", 0, "extra\n", 6, "ref", "jit@1", &out);
  cr_expect_str_eq(out.data, "--- ref\n+++ jit@1\n@@ line 1 @@\n+ extra\n");
  strbuf_clear(&out);
  char longa[1000], longb[1000];
  memset(longa, 'a', sizeof longa - 1);
  longa[sizeof longa - 1] = '\0';
  memcpy(longb, longa, sizeof longa);
  longb[700] = 'B';
  oracle_diff_text(longa, strlen(longa), longb, strlen(longb), "ref", "jit@1", &out);
  cr_expect(strstr(out.data, "B") != NULL, "the clipped line must show the differing column");
  cr_expect_lt(out.len, 600);
  strbuf_free(&out);
}

/* ----------------------------------------------------------------- CLI */

/* Runs `lockstep diff ARGS`; returns the exit status, stdout in *out. */
static int lockstep_diff(const char *args, StrBuf *out) {
  const char *bin = getenv("LOCKSTEP_BIN");
  if (!bin || !*bin) cr_skip_test("LOCKSTEP_BIN is not set (run the tests through ctest)");
  char cmd[8192];
  snprintf(cmd, sizeof cmd, "cd '%s' && '%s' diff %s 2>/dev/null", test_source_dir(), bin, args);
  fflush(NULL);
  FILE *p = popen(cmd, "r");
  cr_assert_not_null(p);
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) strbuf_append(out, buf, n);
  int status = pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

Test(oracle_cli, exit_statuses, .timeout = 120) {
  StrBuf out;
  strbuf_init(&out);
  cr_expect_eq(lockstep_diff("corpus/vm/fib.jasm", &out), 0);
  cr_expect_str_eq(out.data, "agree: 7 configurations (ref, uops@1, uops@default, jit@1, jit@2, jit@7, jit@default)\n");
  strbuf_clear(&out);
  cr_expect_eq(lockstep_diff("--configs ref,jit@3 --fuel 50 corpus/lang/while_loops.py", &out), 0);
  cr_expect_str_eq(out.data, "agree: 2 configurations (ref, jit@3)\n");
  strbuf_clear(&out);
  cr_expect_eq(lockstep_diff("--verbose --configs ref,jit@1 corpus/vm/fib.jasm", &out), 0);
  cr_expect(strncmp(out.data, "agree: 2 configurations (ref, jit@1)\n", 37) == 0, "%s", out.data);
  cr_expect(strstr(out.data, "== jit@1: ok") != NULL);
  strbuf_clear(&out);
  cr_expect_eq(lockstep_diff("--help", &out), 0);
  cr_expect_eq(lockstep_diff("/nonexistent.jasm", &out), 2);
  cr_expect_eq(lockstep_diff("--configs ref corpus/vm/fib.jasm", &out), 2);
  cr_expect_eq(lockstep_diff("--fuel -1 corpus/vm/fib.jasm", &out), 2);
  cr_expect_eq(lockstep_diff("--max-heap 0 corpus/vm/fib.jasm", &out), 2);
  cr_expect_eq(lockstep_diff("--bogus corpus/vm/fib.jasm", &out), 2);
  cr_expect_eq(lockstep_diff("", &out), 2);
  strbuf_free(&out);
}
