/* The program generator (fuzz/gen.h): deterministic, always valid, mostly
 * terminating well within fuel, covering every opcode and (with traces at
 * threshold 1) nearly every uop, and programs on which `ref` and `uops`
 * agree. Inputs come from a fixed-seed splitmix64, so every run of this
 * test sees the same programs. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/gen.h"
#include "jit/tier2.h"
#include "jit/uops.h"
#include "tests/support.h"
#include "vm/exc.h"
#include "vm/interp.h"
#include "vm/jasm.h"
#include "vm/jbc.h"
#include "vm/opcodes.h"
#include "vm/ops.h"
#include "vm/verify.h"

enum {
  VALIDITY_PROGRAMS = 5000,
  OPCODE_PROGRAMS = 2000,
  TERMINATION_PROGRAMS = 500,
  TERMINATION_FUEL = 200000,
  UOP_PROGRAMS = 300,
  MAX_INPUT = 3000,
};

/* Input number i of a test: random bytes of a random length (0 included). */
static size_t make_input(uint64_t test_seed, uint32_t i, uint8_t *buf) {
  uint64_t state = test_seed * 1000003u + i;
  size_t len = (size_t)(test_rand(&state) % MAX_INPUT);
  for (size_t k = 0; k < len; k++) buf[k] = (uint8_t)test_rand(&state);
  return len;
}

static Module *generate(const uint8_t *data, size_t len, uint32_t size) {
  StrBuf err;
  strbuf_init(&err);
  GenOptions opt = {.size = size};
  Module *m = gen_program(data, len, &opt, &err);
  cr_assert_not_null(m, "GENERATOR BUG: no module for an input of %zu bytes: %s", len, err.data ? err.data : "");
  strbuf_free(&err);
  return m;
}

static char *jbc_of(const Module *m, size_t *len) {
  StrBuf sb;
  strbuf_init(&sb);
  cr_assert(jbc_write(m, &sb));
  *len = sb.len;
  return sb.data;
}

/* ------------------------------------------------------------ determinism */

Test(gen, same_bytes_same_program) {
  uint8_t buf[MAX_INPUT];
  for (uint32_t i = 0; i < 40; i++) {
    size_t len = make_input(11, i, buf);
    uint32_t size = i % 4 == 0 ? 600 : 0;
    /* once with a fresh error buffer, once with one already holding text */
    StrBuf err1, err2;
    strbuf_init(&err1);
    strbuf_init(&err2);
    strbuf_puts(&err2, "earlier text that must not matter");
    GenOptions opt = {.size = size};
    Module *a = gen_program(buf, len, &opt, &err1);
    Module *b = gen_program(buf, len, &opt, &err2);
    cr_assert_not_null(a);
    cr_assert_not_null(b);
    size_t la, lb;
    char *ja = jbc_of(a, &la), *jb = jbc_of(b, &lb);
    cr_assert_eq(la, lb, "input %u: .jbc sizes differ", i);
    cr_assert(memcmp(ja, jb, la) == 0, "input %u: the same bytes gave different programs", i);
    free(ja);
    free(jb);
    module_free(a);
    module_free(b);
    strbuf_free(&err1);
    strbuf_free(&err2);
  }
}

Test(gen, seed_bytes_are_fixed) {
  uint8_t a[64], b[64];
  gen_seed_bytes(42, sizeof a, a);
  gen_seed_bytes(42, sizeof b, b);
  cr_assert(memcmp(a, b, sizeof a) == 0);
  gen_seed_bytes(43, sizeof b, b);
  cr_assert(memcmp(a, b, sizeof a) != 0);
  /* a shorter request is a prefix of a longer one */
  uint8_t c[13];
  gen_seed_bytes(42, sizeof c, c);
  cr_assert(memcmp(a, c, sizeof c) == 0);
}

Test(gen, short_and_degenerate_inputs_give_complete_programs) {
  static const uint8_t zeros[256] = {0};
  uint8_t ones[256];
  memset(ones, 0xFF, sizeof ones);
  const struct {
    const uint8_t *data;
    size_t len;
  } inputs[] = {{NULL, 0}, {zeros, 1}, {zeros, sizeof zeros}, {ones, sizeof ones}, {ones, 3}};
  for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
    Module *m = generate(inputs[i].data, inputs[i].len, 0);
    cr_assert_geq(m->nfuncs, 3, "input %zu: %u functions", i, m->nfuncs);
    TestRun r;
    size_t len;
    char *jbc = jbc_of(m, &len);
    r = test_run_bytes(jbc, len, TERMINATION_FUEL, 0);
    cr_assert(r.loaded, "input %zu: %s", i, r.error);
    cr_assert_neq(r.outcome, OUTCOME_FUEL, "input %zu ran out of fuel", i);
    cr_assert_eq(r.leaked, 0);
    test_run_free(&r);
    free(jbc);
    module_free(m);
  }
}

Test(gen, sizes_are_respected) {
  uint8_t buf[MAX_INPUT];
  size_t len = make_input(5, 1, buf);
  const uint32_t sizes[] = {GEN_MIN_SIZE, 200, 1000, 5000};
  uint32_t prev_bytes = 0;
  for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
    Module *m = generate(buf, len, sizes[s]);
    uint32_t bytes = 0;
    for (uint32_t f = 0; f < m->nfuncs; f++) bytes += m->funcs[f].code_len;
    cr_assert_gt(bytes, prev_bytes, "size %u gave no more code (%u bytes) than the size before", sizes[s], bytes);
    prev_bytes = bytes;
    module_free(m);
  }
}

/* The .jasm text `lockstep gen` prints assembles back into the same module. */
Test(gen, disassembly_round_trips) {
  uint8_t buf[GEN_SEED_BYTES];
  for (uint64_t seed = 0; seed < 100; seed++) {
    gen_seed_bytes(seed, sizeof buf, buf);
    Module *m = generate(buf, sizeof buf, 0);
    StrBuf text, err;
    strbuf_init(&text);
    strbuf_init(&err);
    cr_assert(jasm_disassemble(m, &text));
    Module *back = jasm_assemble("<gen>", text.data, text.len, &err);
    cr_assert_not_null(back, "seed %llu: %s", (unsigned long long)seed, err.data);
    size_t la, lb;
    char *ja = jbc_of(m, &la), *jb = jbc_of(back, &lb);
    cr_assert(la == lb && memcmp(ja, jb, la) == 0, "seed %llu: the disassembly does not assemble back",
              (unsigned long long)seed);
    free(ja);
    free(jb);
    strbuf_free(&text);
    strbuf_free(&err);
    module_free(back);
    module_free(m);
  }
}

/* ------------------------------------------------------------ validity, opcodes */

Test(gen, every_program_verifies_and_every_opcode_appears, .timeout = 120) {
  uint8_t buf[MAX_INPUT];
  uint32_t seen[OP_COUNT] = {0};
  for (uint32_t i = 0; i < VALIDITY_PROGRAMS; i++) {
    size_t len = make_input(1, i, buf);
    uint32_t size = i % 10 == 9 ? 400 + (i % 7) * 100 : 0;
    Module *m = generate(buf, len, size);
    StrBuf err;
    strbuf_init(&err);
    cr_assert(verify_module(m, &err), "GENERATOR BUG: input %u does not verify: %s", i, err.data);
    strbuf_free(&err);
    if (i < OPCODE_PROGRAMS) {
      for (uint32_t f = 0; f < m->nfuncs; f++) {
        const Code *c = &m->funcs[f];
        Instr in;
        for (uint32_t off = 0; off < c->code_len && instr_decode(c, off, &in); off += in.size) seen[in.op]++;
      }
    }
    module_free(m);
  }
  int missing = 0;
  for (int op = 0; op < OP_COUNT; op++) {
    if (seen[op]) continue;
    cr_log_error("opcode %s never generated in %d programs", opcode_info[op].name, OPCODE_PROGRAMS);
    missing++;
  }
  cr_assert_eq(missing, 0, "%d opcodes never generated", missing);
}

/* ------------------------------------------------------------ running programs */

typedef struct Run {
  int status;
  int outcome;
  char *out;
  char *result;
  int64_t fuel_left;
  int64_t leaked;
} Run;

static char *steal(StrBuf *sb) {
  char *s = sb->data ? sb->data : strdup("");
  strbuf_init(sb);
  return s;
}

/* Runs m under ref (tier2 NULL) or under tier 1 with that configuration. */
static Run run_engine(const Module *m, const Tier2Config *tier2, int64_t fuel) {
  Run r = {0};
  VMConfig vc = {.fuel = fuel};
  VM *vm = vm_new(m, &vc);
  cr_assert_not_null(vm);
  Outcome o;
  r.status = tier2 ? (int)tier1_run(vm, tier2, &o, NULL) : (int)ref_run(vm, &o);
  StrBuf sb;
  strbuf_init(&sb);
  r.outcome = -1;
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

static void run_free(Run *r) {
  free(r->out);
  free(r->result);
}

Test(gen, programs_terminate_under_ref, .timeout = 120) {
  uint8_t buf[MAX_INPUT];
  int finished = 0, exceptions = 0;
  int64_t fuel_used = 0, fuel_max = 0;
  for (uint32_t i = 0; i < TERMINATION_PROGRAMS; i++) {
    size_t len = make_input(2, i, buf);
    Module *m = generate(buf, len, 0);
    Run r = run_engine(m, NULL, TERMINATION_FUEL);
    cr_assert_eq(r.status, LS_OK);
    cr_assert_eq(r.leaked, 0, "input %u: %lld objects leaked under ref", i, (long long)r.leaked);
    if (r.outcome != OUTCOME_FUEL) finished++;
    else cr_log_warn("input %u of test seed 2 ran out of fuel", i);
    if (r.outcome == OUTCOME_EXCEPTION) exceptions++;
    int64_t used = TERMINATION_FUEL - r.fuel_left;
    fuel_used += used;
    if (used > fuel_max) fuel_max = used;
    run_free(&r);
    module_free(m);
  }
  cr_log_info("%d of %d programs finished (%d with an uncaught exception); fuel used: mean %lld, max %lld", finished,
              TERMINATION_PROGRAMS, exceptions, (long long)(fuel_used / TERMINATION_PROGRAMS), (long long)fuel_max);
  cr_assert_geq(finished * 100, TERMINATION_PROGRAMS * 98, "only %d of %d programs finished within %d fuel", finished,
                TERMINATION_PROGRAMS, TERMINATION_FUEL);
  /* most programs run to their summary rather than dying early */
  cr_assert_leq(exceptions * 100, TERMINATION_PROGRAMS * 15, "%d of %d programs ended in an uncaught exception",
                exceptions, TERMINATION_PROGRAMS);
}

/* Collects the uop names of a --jit-dump (lines "  N NAME oparg=..."). */
static void count_dumped_uops(const char *dump, uint32_t *seen) {
  for (const char *line = dump; line && *line;) {
    const char *end = strchr(line, '\n');
    size_t len = end ? (size_t)(end - line) : strlen(line);
    const char *p = line;
    while (p < line + len && *p == ' ') p++;
    if (p > line && p < line + len && *p >= '0' && *p <= '9') {
      while (p < line + len && *p >= '0' && *p <= '9') p++;
      while (p < line + len && *p == ' ') p++;
      const char *name = p;
      while (p < line + len && *p != ' ') p++;
      for (int u = 0; u < UOP_COUNT; u++)
        if (strlen(uop_info[u].name) == (size_t)(p - name) && memcmp(uop_info[u].name, name, (size_t)(p - name)) == 0)
          seen[u]++;
    }
    line = end ? end + 1 : NULL;
  }
}

/* ref and uops at threshold 1 agree, and the traces use nearly every uop.
 * A disagreement here is a JIT bug found by the generator: it is reported
 * with the seed that reproduces it (lockstep gen --seed N | lockstep diff). */
Test(gen, uops_agree_with_ref_and_cover_the_uops, .timeout = 240) {
  uint8_t buf[GEN_SEED_BYTES];
  uint32_t seen[UOP_COUNT] = {0};
  int disagreements = 0;
  for (uint64_t seed = 0; seed < UOP_PROGRAMS; seed++) {
    gen_seed_bytes(seed, sizeof buf, buf);
    Module *m = generate(buf, sizeof buf, 0);
    StrBuf dump;
    strbuf_init(&dump);
    Tier2Config tc = {.mode = TIER2_UOPS, .threshold = 1, .dump = &dump};
    Run a = run_engine(m, NULL, TERMINATION_FUEL);
    Run b = run_engine(m, &tc, TERMINATION_FUEL);
    count_dumped_uops(dump.data, seen);
    const char *what = a.status != b.status        ? "status"
                       : a.outcome != b.outcome     ? "outcome"
                       : strcmp(a.out, b.out)       ? "stdout"
                       : strcmp(a.result, b.result) ? "result"
                       : a.fuel_left != b.fuel_left ? "fuel left"
                       : a.leaked != b.leaked       ? "leaked objects"
                                                    : NULL;
    if (what) {
      disagreements++;
      cr_log_error("JIT BUG found by the generator: %s differs between ref and uops at threshold 1 for "
                   "`lockstep gen --seed %llu` (ref result '%s', uops result '%s')",
                   what, (unsigned long long)seed, a.result, b.result);
    }
    if (b.leaked) {
      disagreements++;
      cr_log_error("JIT BUG found by the generator: %lld objects leaked under uops for `lockstep gen --seed %llu`",
                   (long long)b.leaked, (unsigned long long)seed);
    }
    run_free(&a);
    run_free(&b);
    strbuf_free(&dump);
    module_free(m);
  }
  int covered = 0;
  for (int u = 0; u < UOP_COUNT; u++) {
    if (seen[u]) covered++;
    else cr_log_info("uop %s never appeared in the traces of %d generated programs", uop_info[u].name, UOP_PROGRAMS);
  }
  cr_log_info("%d of %d uops appeared in traces", covered, UOP_COUNT);
  cr_expect_eq(disagreements, 0, "%d disagreements between ref and uops (JIT bugs, see the log)", disagreements);
  cr_assert_geq(covered * 100, UOP_COUNT * 90, "only %d of %d uops appeared in traces", covered, UOP_COUNT);
}
