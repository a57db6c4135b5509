/* The reducer (fuzz/reduce.h): with predicates of known meaning ("ref
 * still prints X", "the program still raises ZeroDivisionError") it must
 * shrink generated and hand-written programs to a few instructions, hand
 * the predicate only verified modules, stay within its test budget and be
 * deterministic. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/gen.h"
#include "fuzz/reduce.h"
#include "lang/lang.h"
#include "tests/support.h"
#include "vm/exc.h"
#include "vm/interp.h"
#include "vm/jasm.h"
#include "vm/jbc.h"
#include "vm/loader.h"
#include "vm/verify.h"

enum { FUEL = 20000 };

/* What ref did with a module. */
typedef struct RefRun {
  StrBuf out;
  int outcome;      /* OutcomeKind */
  StrBuf last_line; /* "Type: message" of an uncaught exception */
  int64_t leaked;
} RefRun;

static void ref_run_module(const Module *m, RefRun *r) {
  strbuf_init(&r->out);
  strbuf_init(&r->last_line);
  VMConfig cfg = {.fuel = FUEL};
  VM *vm = vm_new(m, &cfg);
  cr_assert_not_null(vm);
  Outcome o;
  cr_assert_eq(ref_run(vm, &o), LS_OK);
  r->outcome = (int)o.kind;
  if (o.kind == OUTCOME_EXCEPTION) exc_format_last_line(vm, AS_EXCEPTION(o.value), &r->last_line);
  outcome_clear(vm, &o);
  strbuf_append(&r->out, vm->out.data ? vm->out.data : "", vm->out.len);
  vm_release_roots(vm);
  r->leaked = vm->live_objects;
  vm_free(vm);
}

static void ref_run_free(RefRun *r) {
  strbuf_free(&r->out);
  strbuf_free(&r->last_line);
}

typedef struct Probe {
  const char *needle; /* stdout must contain it */
  const char *raises; /* or: the uncaught exception's line starts with it */
  uint64_t calls, unverified, leaks;
} Probe;

static bool probe_predicate(const Module *m, void *ctx) {
  Probe *p = ctx;
  p->calls++;
  if (!verify_module(m, NULL)) p->unverified++;
  RefRun r;
  ref_run_module(m, &r);
  if (r.leaked) p->leaks++;
  bool yes;
  if (p->raises)
    yes = r.outcome == OUTCOME_EXCEPTION && r.last_line.data &&
          strncmp(r.last_line.data, p->raises, strlen(p->raises)) == 0;
  else
    yes = r.out.data && strstr(r.out.data, p->needle) != NULL;
  ref_run_free(&r);
  return yes;
}

static Module *compile_py(const char *src) {
  StrBuf err;
  strbuf_init(&err);
  Module *m = lang_compile("<test>", src, strlen(src), &err);
  cr_assert_not_null(m, "%s", err.data ? err.data : "");
  strbuf_free(&err);
  return m;
}

static Module *generated(uint64_t seed) {
  uint8_t bytes[GEN_SEED_BYTES];
  gen_seed_bytes(seed, sizeof bytes, bytes);
  StrBuf err;
  strbuf_init(&err);
  Module *m = gen_program(bytes, sizeof bytes, NULL, &err);
  cr_assert_not_null(m, "%s", err.data ? err.data : "");
  strbuf_free(&err);
  return m;
}

static void print_jasm(const char *title, const Module *m) {
  StrBuf sb;
  strbuf_init(&sb);
  cr_assert(jasm_disassemble(m, &sb));
  cr_log_info("%s:\n%s", title, sb.data ? sb.data : "");
  strbuf_free(&sb);
}

/* The shortest line of ref's output of 3 to 40 bytes (not the summary of
 * every global that generated programs print last); NULL if none. */
static char *some_output_line(const Module *m) {
  RefRun r;
  ref_run_module(m, &r);
  char *line = NULL;
  size_t best = SIZE_MAX;
  const char *p = r.out.data ? r.out.data : "";
  while (*p) {
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p) : strlen(p);
    if (len >= 3 && len <= 40 && len < best) {
      free(line);
      line = strndup(p, len);
      best = len;
    }
    p += len + (nl ? 1 : 0);
  }
  ref_run_free(&r);
  return line;
}

Test(reduce, generated_program_keeps_an_output_line, .timeout = 300) {
  uint32_t total_before = 0, total_after = 0, programs = 0;
  for (uint64_t seed = 1; seed <= 5; seed++) {
    Module *m = generated(seed);
    char *line = some_output_line(m);
    if (!line) {
      module_free(m);
      continue;
    }
    Probe p = {.needle = line};
    Module *out = NULL;
    ReduceStats st;
    ReduceStatus s = reduce_module(m, probe_predicate, &p, NULL, &out, &st);
    cr_assert_eq(s, REDUCE_OK, "%s", reduce_status_name(s));
    cr_assert(verify_module(out, NULL));
    cr_assert(probe_predicate(out, &p), "the reduced program must still print '%s'", line);
    cr_expect_eq(p.unverified, 0);
    cr_expect_eq(p.leaks, 0);
    cr_expect_geq(st.instrs_before, 100, "seed %llu: a generated program of %u instructions",
                  (unsigned long long)seed, st.instrs_before);
    /* A line the program computes needs the computation (a dict built,
     * a loop run): more than a constant would, but still a few lines. */
    cr_expect_leq(st.instrs_after, 30, "seed %llu: printing '%s' needs only a few instructions, got %u",
                  (unsigned long long)seed, line, st.instrs_after);
    cr_log_info("seed %llu: %u -> %u instructions, %u -> %u functions, %llu tests, %llu invalid, %llu cached",
                (unsigned long long)seed, st.instrs_before, st.instrs_after, st.funcs_before, st.funcs_after,
                (unsigned long long)st.tests, (unsigned long long)st.invalid, (unsigned long long)st.cached);
    if (programs == 0) print_jasm("reduced", out);
    total_before += st.instrs_before;
    total_after += st.instrs_after;
    programs++;
    free(line);
    module_free(out);
    module_free(m);
  }
  cr_assert_gt(programs, 0, "no generated program printed anything");
  cr_log_info("%u programs: %u -> %u instructions", programs, total_before, total_after);
  cr_expect_leq(total_after, 24 * programs, "on average at most 24 instructions (%u over %u programs)", total_after,
                programs);
}

/* The first generated program that ends in an uncaught exception keeps
 * ending in it (type and message). */
Test(reduce, generated_program_keeps_its_exception, .timeout = 120) {
  Module *m = NULL;
  char line[256] = "";
  for (uint64_t seed = 1; seed <= 64 && !m; seed++) {
    Module *g = generated(seed);
    RefRun r;
    ref_run_module(g, &r);
    if (r.outcome == OUTCOME_EXCEPTION && r.last_line.data && r.last_line.len < sizeof line) {
      snprintf(line, sizeof line, "%s", r.last_line.data);
      m = g;
      cr_log_info("generated program %llu raises %s", (unsigned long long)seed, line);
    } else {
      module_free(g);
    }
    ref_run_free(&r);
  }
  if (!m) cr_skip_test("none of generated programs 1..64 ends in an uncaught exception");
  Probe p = {.raises = line};
  Module *out = NULL;
  ReduceStats st;
  cr_assert_eq(reduce_module(m, probe_predicate, &p, NULL, &out, &st), REDUCE_OK);
  print_jasm("reduced", out);
  cr_assert(verify_module(out, NULL));
  cr_assert(probe_predicate(out, &p));
  cr_expect_eq(p.unverified, 0);
  cr_expect_eq(p.leaks, 0);
  cr_expect_geq(st.instrs_before, 100);
  /* e.g. LOAD_GLOBAL max; BUILD_LIST 0; CALL 1; RETURN_VALUE */
  cr_expect_leq(st.instrs_after, 10, "%u -> %u instructions", st.instrs_before, st.instrs_after);
  cr_log_info("%s: %u -> %u instructions, %llu tests", line, st.instrs_before, st.instrs_after,
              (unsigned long long)st.tests);
  module_free(out);
  module_free(m);
}

static const char zero_division_py[] =
    "def helper(a, b):\n"
    "    total = 0\n"
    "    for i in range(a):\n"
    "        total += i * b\n"
    "    return total\n"
    "\n"
    "def noisy(xs):\n"
    "    out = []\n"
    "    for x in xs:\n"
    "        if x % 2 == 0:\n"
    "            out.append(x * 3)\n"
    "        else:\n"
    "            out.append(str(x))\n"
    "    return out\n"
    "\n"
    "data = [1, 2, 3, 4, 5, 6, 7, 8]\n"
    "print(noisy(data))\n"
    "try:\n"
    "    d = {'a': 1}\n"
    "    print(d['b'])\n"
    "except KeyError:\n"
    "    print('missing')\n"
    "acc = helper(10, 3)\n"
    "while acc > 5:\n"
    "    acc = acc // 2\n"
    "print('acc', acc, 1.5 * acc)\n"
    "print(acc // (acc - acc))\n"
    "print('never')\n";

Test(reduce, keeps_an_uncaught_zero_division, .timeout = 120) {
  Module *m = compile_py(zero_division_py);
  Probe p = {.raises = "ZeroDivisionError"};
  Module *out = NULL;
  ReduceStats st;
  cr_assert_eq(reduce_module(m, probe_predicate, &p, NULL, &out, &st), REDUCE_OK);
  print_jasm("reduced", out);
  cr_assert(verify_module(out, NULL));
  cr_assert(probe_predicate(out, &p));
  cr_expect_eq(p.unverified, 0);
  cr_expect_eq(p.leaks, 0);
  cr_expect_eq(out->nfuncs, 1, "helper and noisy are not needed");
  /* LOAD_CONST 0; LOAD_CONST 0; BINARY_OP //; ...; RETURN_VALUE */
  cr_expect_leq(st.instrs_after, 6, "%u -> %u instructions", st.instrs_before, st.instrs_after);
  cr_log_info("zero division: %u -> %u instructions, %llu tests", st.instrs_before, st.instrs_after,
              (unsigned long long)st.tests);
  module_free(out);
  module_free(m);
}

static const char handler_py[] =
    "x = 10\n"
    "y = [1, 2, 3]\n"
    "for i in range(5):\n"
    "    x = x + i\n"
    "try:\n"
    "    y[x]\n"
    "except IndexError as e:\n"
    "    print('caught:', e)\n"
    "print(x, y)\n";

/* Needs the exception-table entry, its handler and a raising instruction:
 * the edits must keep handler offsets right. */
Test(reduce, keeps_a_handler) {
  Module *m = compile_py(handler_py);
  Probe p = {.needle = "list index out of range"};
  Module *out = NULL;
  ReduceStats st;
  cr_assert_eq(reduce_module(m, probe_predicate, &p, NULL, &out, &st), REDUCE_OK);
  print_jasm("reduced", out);
  cr_assert(probe_predicate(out, &p));
  cr_expect_eq(p.unverified, 0);
  cr_expect_geq(out->funcs[0].nhandlers, 1);
  cr_expect_lt(st.instrs_after, st.instrs_before / 2, "%u -> %u", st.instrs_before, st.instrs_after);
  module_free(out);
  module_free(m);
}

static bool jbc_equal(const Module *a, const Module *b) {
  StrBuf x, y;
  strbuf_init(&x);
  strbuf_init(&y);
  cr_assert(jbc_write(a, &x) && jbc_write(b, &y));
  bool same = x.len == y.len && memcmp(x.data, y.data, x.len) == 0;
  strbuf_free(&x);
  strbuf_free(&y);
  return same;
}

Test(reduce, deterministic) {
  Module *m = compile_py(zero_division_py);
  Module *out[2];
  ReduceStats st[2];
  for (int k = 0; k < 2; k++) {
    Probe p = {.raises = "ZeroDivisionError"};
    cr_assert_eq(reduce_module(m, probe_predicate, &p, NULL, &out[k], &st[k]), REDUCE_OK);
  }
  cr_expect(jbc_equal(out[0], out[1]));
  cr_expect_eq(st[0].tests, st[1].tests);
  cr_expect_eq(st[0].candidates, st[1].candidates);
  module_free(out[0]);
  module_free(out[1]);
  module_free(m);
}

Test(reduce, respects_the_test_budget) {
  Module *m = NULL;
  char *line = NULL;
  for (uint64_t seed = 7; seed < 64 && !line; seed++) {
    module_free(m);
    m = generated(seed);
    line = some_output_line(m);
  }
  cr_assert_not_null(line, "no generated program prints a short line");
  Probe p = {.needle = line};
  ReduceOptions opt = {.max_tests = 40};
  Module *out = NULL;
  ReduceStats st;
  cr_assert_eq(reduce_module(m, probe_predicate, &p, &opt, &out, &st), REDUCE_OK);
  cr_expect_leq(p.calls, 40);
  cr_expect_eq(st.tests, p.calls);
  cr_expect(st.out_of_tests);
  cr_assert(verify_module(out, NULL));
  cr_assert(probe_predicate(out, &p), "a cut-short reduction still returns an interesting program");
  cr_expect_leq(st.instrs_after, st.instrs_before);
  free(line);
  module_free(out);
  module_free(m);
}

static bool never(const Module *m, void *ctx) {
  (void)m;
  (void)ctx;
  return false;
}

Test(reduce, refuses_uninteresting_and_invalid_input) {
  Module *m = compile_py("print(1)\n");
  Module *out = NULL;
  cr_expect_eq(reduce_module(m, never, NULL, NULL, &out, NULL), REDUCE_NOT_INTERESTING);
  cr_expect_null(out);
  m->funcs[0].max_stack = 0; /* LOAD_GLOBAL needs a slot: no longer valid */
  cr_expect_eq(reduce_module(m, never, NULL, NULL, &out, NULL), REDUCE_INVALID_INPUT);
  cr_expect_null(out);
  module_free(m);
}

/* Constants shrink: the loop count 1000 becomes small, the string short. */
Test(reduce, shrinks_constants) {
  Module *m = compile_py("n = 0\nfor i in range(1000):\n    n = n + 1\nprint('result: ' + 'x' * 40, n > 3)\n");
  Probe p = {.needle = "True"};
  Module *out = NULL;
  ReduceStats st;
  cr_assert_eq(reduce_module(m, probe_predicate, &p, NULL, &out, &st), REDUCE_OK);
  print_jasm("reduced", out);
  const Code *c = &out->funcs[0];
  for (uint32_t k = 0; k < c->nconsts; k++) {
    const Const *k0 = &c->consts[k];
    if (k0->kind == CK_INT) cr_expect_leq(k0->as.i, 4, "int constant %lld", (long long)k0->as.i);
    if (k0->kind == CK_STR) cr_expect_leq(k0->as.s.len, 1, "string constant of %u bytes", k0->as.s.len);
  }
  module_free(out);
  module_free(m);
}

Test(reduce, signature_base) {
  char base[64];
  reduce_signature_base("output:ref~jit@1,uops@1:STORE_SUBSCR.GUARD_BOTH_INT", base, sizeof base);
  cr_expect_str_eq(base, "output:ref~jit@1,uops@1");
  reduce_signature_base("crash:ref~jit@1", base, sizeof base);
  cr_expect_str_eq(base, "crash:ref~jit@1");
  reduce_signature_base("", base, sizeof base);
  cr_expect_str_eq(base, "");
}

/* The engines agree on this program: there is no divergence to keep. */
Test(reduce, signature_predicate_needs_a_divergence) {
  Module *m = compile_py("x = 0\nfor i in range(50):\n    x = x + i\nprint(x)\n");
  OracleOptions opts;
  oracle_options_default(&opts);
  ReduceSignature sig;
  reduce_signature_init(&sig, &opts, "output:ref~jit@1");
  cr_expect_not(reduce_signature_predicate(m, &sig));
  sig.isolate = false;
  cr_expect_not(reduce_signature_predicate(m, &sig));
  reduce_signature_free(&sig);
  module_free(m);
}

/* A predicate that accepts about half of the candidates, by a hash of
 * their encoding: deterministic, and it drives the reducer down paths no
 * meaningful predicate would. Counts candidates that fail verification. */
typedef struct Coin {
  uint64_t calls, unverified;
} Coin;

static bool coin_predicate(const Module *m, void *ctx) {
  Coin *c = ctx;
  c->calls++;
  if (!verify_module(m, NULL)) c->unverified++;
  StrBuf sb;
  strbuf_init(&sb);
  cr_assert(jbc_write(m, &sb));
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < sb.len; i++) h = (h ^ (unsigned char)sb.data[i]) * 1099511628211ull;
  strbuf_free(&sb);
  return c->calls == 1 || (h >> 17) % 2 == 0;
}

static bool always(const Module *m, void *ctx) {
  (void)m;
  (void)ctx;
  return true;
}

/* Every corpus program, whatever it does: the reducer only ever hands out
 * valid modules and returns a valid one; with a predicate that accepts
 * everything, what is left is tiny. */
Test(reduce, any_program_stays_valid, .timeout = 300) {
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/corpus/vm", test_source_dir());
  DIR *d = opendir(dir);
  cr_assert_not_null(d);
  struct dirent *e;
  int files = 0;
  while ((e = readdir(d))) {
    size_t len = strlen(e->d_name);
    if (len <= 5 || strcmp(e->d_name + len - 5, ".jasm") != 0) continue;
    char path[4096 + 256];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    StrBuf err;
    strbuf_init(&err);
    Module *m = module_load_file(path, &err);
    strbuf_free(&err);
    if (!m) continue; /* corpus files that are meant to be rejected */
    Coin coin = {0};
    ReduceOptions opt = {.max_tests = 150};
    Module *out = NULL;
    cr_assert_eq(reduce_module(m, coin_predicate, &coin, &opt, &out, NULL), REDUCE_OK, "%s", path);
    cr_expect(verify_module(out, NULL), "%s", path);
    cr_expect_eq(coin.unverified, 0, "%s", path);
    module_free(out);
    ReduceStats st;
    cr_assert_eq(reduce_module(m, always, NULL, NULL, &out, &st), REDUCE_OK, "%s", path);
    cr_expect(verify_module(out, NULL), "%s", path);
    cr_expect_leq(st.instrs_after, 2 * st.funcs_after + 1, "%s: %u instructions left of %u", path, st.instrs_after,
                  st.instrs_before);
    module_free(out);
    module_free(m);
    files++;
  }
  closedir(d);
  cr_expect_gt(files, 20);
}
