/* Lockstep re-runs (oracle/lockstep.h). The engines agree, so divergences
 * are faked with a test hook that perturbs one side at checkpoint K: the
 * comparison must name checkpoint K and its opcode (a local changed: seen
 * by the frame hash; a list item changed: seen only by the heap digest, so
 * the sampled digests must be narrowed down to K), a crashing side must be
 * reported with the checkpoints it passed, and real engine pairs must agree
 * at every checkpoint. */
#include <criterion/criterion.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/lang.h"
#include "oracle/lockstep.h"
#include "tests/support.h"
#include "vm/interp.h"
#include "vm/loader.h"
#include "vm/opcodes.h"

static const char program_py[] =
    "def total(n, xs):\n"
    "    s = 0\n"
    "    for i in range(n):\n"
    "        s = s + i\n"
    "        xs[0] = xs[0] + 1\n"
    "    return s\n"
    "\n"
    "g = 0\n"
    "box = [0, 'x']\n"
    "for k in range(40):\n"
    "    g = g + total(k % 7 + 1, box)\n"
    "print(g, box)\n";

static Module *compile_py(const char *src) {
  StrBuf err;
  strbuf_init(&err);
  Module *m = lang_compile("<test>", src, strlen(src), &err);
  cr_assert_not_null(m, "%s", err.data ? err.data : "");
  strbuf_free(&err);
  return m;
}

static OracleConfig config(const char *name) {
  OracleConfig c;
  cr_assert(oracle_config_parse(name, strlen(name), &c));
  return c;
}

static LockstepOptions options(bool isolate) {
  OracleOptions oo;
  oracle_options_default(&oo);
  LockstepOptions lo;
  lockstep_options_from_oracle(&lo, &oo);
  lo.child.isolate = isolate;
  lo.child.quiet = true;
  lo.child.timeout_seconds = 60;
  return lo;
}

/* ---- what ref passes: checkpoint K's kind, function and offset ---- */

typedef struct Point {
  uint64_t want, index;
  bool found;
  CheckpointKind kind;
  uint32_t code_index, ip;
  uint64_t count;
} Point;

static void find_point(VM *vm, CheckpointKind kind, const Frame *f, uint32_t ip, uint64_t aux) {
  (void)aux;
  Point *p = vm->checkpoint_ctx;
  if (kind == CHECKPOINT_EXIT) return;
  if (p->index == p->want) {
    p->found = true;
    p->kind = kind;
    p->code_index = f->code_index;
    p->ip = ip;
  }
  p->index++;
  p->count++;
}

static Point ref_point(const Module *m, uint64_t k) {
  Point p = {.want = k};
  VMConfig vc = {.fuel = ORACLE_DEFAULT_FUEL};
  VM *vm = vm_new(m, &vc);
  cr_assert_not_null(vm);
  vm->checkpoint = find_point;
  vm->checkpoint_ctx = &p;
  Outcome o;
  cr_assert_eq(ref_run(vm, &o), LS_OK);
  outcome_clear(vm, &o);
  vm_release_roots(vm);
  cr_expect_eq(vm->live_objects, 0);
  vm_free(vm);
  return p;
}

static const char *opcode_name_at(const Module *m, uint32_t code_index, uint32_t ip) {
  Instr in;
  cr_assert(instr_decode(&m->funcs[code_index], ip, &in));
  return opcode_info[in.op].name;
}

/* ---- perturbations ---- */

typedef struct Perturb {
  uint64_t at;
  enum { CHANGE_LOCAL, CHANGE_LIST_ITEM, CRASH, CHANGE_GLOBAL } what;
  bool done;
} Perturb;

/* The first local (or stack slot) that is an int gets 1000 added. */
static void change_local(Frame *f) {
  for (Value *v = f->slots; v < f->sp; v++)
    if (v->tag == V_INT) {
      v->as.i += 1000;
      return;
    }
}

/* The first list in a local or stack slot whose first item is an int:
 * that item changes, the list's length does not. */
static bool change_list_item(Frame *f) {
  for (Value *v = f->slots; v < f->sp; v++) {
    if (!value_is_kind(*v, OBJ_LIST)) continue;
    ObjList *l = AS_LIST(*v);
    if (l->len > 0 && l->items[0].tag == V_INT) {
      l->items[0].as.i += 1000;
      return true;
    }
  }
  return false;
}

static void change_global_int(VM *vm) {
  ObjDict *g = vm->globals;
  for (int64_t k = 0; g && k < g->nentries; k++)
    if (!g->entries[k].deleted && g->entries[k].value.tag == V_INT) {
      g->entries[k].value.as.i += 1000;
      return;
    }
}

static void perturb(VM *vm, CheckpointKind kind, Frame *f, uint32_t ip, uint64_t index, void *ctx) {
  (void)kind;
  (void)ip;
  Perturb *p = ctx;
  if (index != p->at) return;
  switch (p->what) {
  case CHANGE_LOCAL: change_local(f); break;
  case CHANGE_LIST_ITEM: p->done = change_list_item(f); break;
  case CRASH: raise(SIGSEGV); break;
  case CHANGE_GLOBAL: change_global_int(vm); break;
  }
}

static void compare(const Module *m, const char *base, const char *other, Perturb *pt, const LockstepOptions *lo,
                    LockstepResult *res) {
  LockstepSide sides[2] = {{.config = config(base)}, {.config = config(other)}};
  if (pt) {
    sides[1].perturb = perturb;
    sides[1].perturb_ctx = pt;
  }
  lockstep_result_init(res);
  cr_assert(lockstep_compare(m, sides, lo, res));
}

typedef struct Search {
  uint64_t from, index, found;
} Search;

static void find_backedge(VM *vm, CheckpointKind kind, const Frame *f, uint32_t ip, uint64_t aux) {
  (void)ip;
  (void)aux;
  Search *s = vm->checkpoint_ctx;
  if (kind == CHECKPOINT_EXIT) return;
  if (s->found == UINT64_MAX && s->index >= s->from && kind == CHECKPOINT_BACKEDGE && f->code_index != 0)
    s->found = s->index;
  s->index++;
}

/* The first checkpoint from `from` on that is a back-edge in a function
 * (whose frame has int locals and the list argument). */
static uint64_t backedge_in_function(const Module *m, uint64_t from) {
  Search s = {.from = from, .found = UINT64_MAX};
  VMConfig vc = {.fuel = ORACLE_DEFAULT_FUEL};
  VM *vm = vm_new(m, &vc);
  cr_assert_not_null(vm);
  vm->checkpoint = find_backedge;
  vm->checkpoint_ctx = &s;
  Outcome o;
  cr_assert_eq(ref_run(vm, &o), LS_OK);
  outcome_clear(vm, &o);
  vm_free(vm);
  cr_assert_neq(s.found, UINT64_MAX, "no back-edge in a function after checkpoint %llu", (unsigned long long)from);
  return s.found;
}

Test(lockstep, perturbed_local_is_named) {
  Module *m = compile_py(program_py);
  uint64_t k = backedge_in_function(m, 57);
  Point want = ref_point(m, k);
  for (int isolate = 0; isolate < 2; isolate++) {
    LockstepOptions lo = options(isolate);
    Perturb pt = {.at = k, .what = CHANGE_LOCAL};
    LockstepResult res;
    compare(m, "ref", "ref", &pt, &lo, &res);
    cr_log_info("%s", res.report.data ? res.report.data : "");
    cr_expect_eq(res.finding, LOCKSTEP_AT_CHECKPOINT);
    cr_expect_eq(res.index, k, "checkpoint %llu named, %llu perturbed", (unsigned long long)res.index,
                 (unsigned long long)k);
    cr_expect(res.point[0].valid);
    cr_expect_eq(res.point[0].kind, want.kind);
    cr_expect_eq(res.point[0].code_index, want.code_index);
    cr_expect_eq(res.point[0].ip, want.ip);
    const char *op = opcode_name_at(m, want.code_index, want.ip);
    cr_expect_str_eq(op, "JUMP_BACKWARD");
    cr_expect_str_eq(res.where_opcode, op);
    cr_expect_str_eq(res.where_uop, "", "ref has no uops");
    cr_expect_not_null(strstr(res.report.data, "JUMP_BACKWARD"));
    cr_expect_not_null(strstr(res.report.data, "states at that checkpoint"));
    lockstep_result_free(&res);
  }
  module_free(m);
}

Test(lockstep, perturbed_heap_is_narrowed_down) {
  Module *m = compile_py(program_py);
  uint64_t k = backedge_in_function(m, 101); /* not a multiple of the sampling interval */
  LockstepOptions lo = options(true);
  cr_assert_neq(k % LOCKSTEP_DEFAULT_HEAP_EVERY, 0);
  Perturb pt = {.at = k, .what = CHANGE_LIST_ITEM};
  LockstepResult res;
  compare(m, "ref", "ref", &pt, &lo, &res);
  cr_log_info("%s", res.report.data ? res.report.data : "");
  cr_expect_eq(res.finding, LOCKSTEP_AT_CHECKPOINT);
  cr_expect_eq(res.index, k, "checkpoint %llu named, %llu perturbed", (unsigned long long)res.index,
               (unsigned long long)k);
  cr_expect_str_eq(res.where_opcode, "JUMP_BACKWARD");
  lockstep_result_free(&res);
  module_free(m);
}

Test(lockstep, crashing_side_is_reported) {
  Module *m = compile_py(program_py);
  LockstepOptions lo = options(true);
  Perturb pt = {.at = 33, .what = CRASH};
  LockstepResult res;
  compare(m, "ref", "jit@1", &pt, &lo, &res);
  cr_log_info("%s", res.report.data ? res.report.data : "");
  cr_expect(res.crashed[1]);
  cr_expect_not(res.crashed[0]);
  /* Under ASan the signal becomes a report and exit status 1. */
  cr_expect(strstr(res.crash_why[1], "signal") || strstr(res.crash_why[1], "exited"), "%s", res.crash_why[1]);
  cr_expect_eq(res.finding, LOCKSTEP_ENDED_EARLY);
  cr_expect_eq(res.checkpoints[1], 33);
  cr_expect_eq(res.index, 33);
  lockstep_result_free(&res);
  module_free(m);
}

Test(lockstep, divergence_after_the_last_checkpoint) {
  Module *m = compile_py(program_py);
  Point last = ref_point(m, 0);
  LockstepOptions lo = options(true);
  lo.heap_every = 1u << 30; /* no heap digest but the first: the change stays unseen until the end */
  Perturb pt = {.at = last.count - 1, .what = CHANGE_GLOBAL};
  LockstepResult res;
  compare(m, "ref", "ref", &pt, &lo, &res);
  cr_log_info("%s", res.report.data ? res.report.data : "");
  cr_expect_eq(res.finding, LOCKSTEP_AFTER_LAST);
  cr_expect_str_eq(res.where_opcode, "END");
  cr_expect_not_null(strstr(res.report.data, "after the last checkpoint"));
  lockstep_result_free(&res);
  module_free(m);
}

/* The tier-2 side, perturbed late: the report names its last trace exit
 * and the uop it left from (read from the trace dump). */
Test(lockstep, tier2_side_names_its_last_exit) {
  Module *m = compile_py(program_py);
  Point last = ref_point(m, 0);
  LockstepOptions lo = options(true);
  const char *configs[] = {"uops@1", "jit@1"};
  for (int c = 0; c < 2; c++) {
    Perturb pt = {.at = last.count - 3, .what = CHANGE_LOCAL};
    LockstepResult res;
    compare(m, "ref", configs[c], &pt, &lo, &res);
    cr_log_info("%s", res.report.data ? res.report.data : "");
    cr_expect_eq(res.finding, LOCKSTEP_AT_CHECKPOINT);
    cr_expect_eq(res.index, last.count - 3);
    cr_expect_gt(res.exits[1], 0);
    cr_expect_gt(res.exit_trace[1], 0, "%s: a trace exit before the checkpoint", configs[c]);
    cr_expect_neq(res.exit_uop[1][0], '\0', "%s: the exit's uop is named", configs[c]);
    cr_expect_str_eq(res.where_uop, res.exit_uop[1]);
    lockstep_result_free(&res);
  }
  module_free(m);
}

static Module *load_corpus(const char *name) {
  char path[4096];
  snprintf(path, sizeof path, "%s/corpus/%s", test_source_dir(), name);
  size_t n = strlen(path);
  if (n > 3 && strcmp(path + n - 3, ".py") == 0) {
    size_t len = 0;
    char *src = test_read_file(path, &len);
    cr_assert_not_null(src, "%s", path);
    StrBuf err;
    strbuf_init(&err);
    Module *m = lang_compile(path, src, len, &err);
    cr_assert_not_null(m, "%s", err.data ? err.data : "");
    strbuf_free(&err);
    free(src);
    return m;
  }
  StrBuf err;
  strbuf_init(&err);
  Module *m = module_load_file(path, &err);
  cr_assert_not_null(m, "%s", err.data ? err.data : "");
  strbuf_free(&err);
  return m;
}

/* No false alarms: the real engines agree at every checkpoint, heap
 * digests (reference counts included) at every one of them. */
Test(lockstep, engines_agree_at_every_checkpoint, .timeout = 300) {
  static const char *const programs[] = {"vm/ackermann.jasm", "vm/arith_float.jasm"};
  Module *own = compile_py(program_py);
  const char *configs[] = {"uops@1", "jit@1", "jit@7"};
  LockstepOptions lo = options(true);
  lo.heap_every = 1;
  for (size_t p = 0; p < 1 + sizeof programs / sizeof programs[0]; p++) {
    Module *m = p == 0 ? own : load_corpus(programs[p - 1]);
    for (int c = 0; c < 3; c++) {
      LockstepResult res;
      compare(m, "ref", configs[c], NULL, &lo, &res);
      cr_expect_eq(res.finding, LOCKSTEP_SAME, "%s under %s:\n%s", p ? programs[p - 1] : "program_py", configs[c],
                   res.report.data ? res.report.data : "");
      cr_expect_gt(res.checkpoints[0], 0);
      cr_expect_eq(res.checkpoints[0], res.checkpoints[1]);
      lockstep_result_free(&res);
    }
    if (p) module_free(m);
  }
  module_free(own);
}

Test(lockstep, isolated_oracle_matches_in_process) {
  Module *m = compile_py(program_py);
  OracleOptions oo;
  oracle_options_default(&oo);
  OracleResult a, b;
  oracle_result_init(&a);
  oracle_result_init(&b);
  LockstepChild child = {.isolate = true, .timeout_seconds = 60, .quiet = true};
  cr_expect_eq(oracle_run(&a, m, &oo, false), ORACLE_AGREE);
  cr_expect_eq(lockstep_oracle_run(&b, m, &oo, &child), ORACLE_AGREE, "%s", b.reason);
  cr_assert_eq(a.nconfigs, b.nconfigs);
  for (uint32_t i = 0; i < a.nconfigs; i++) {
    cr_expect_str_eq(a.caps[i].config.name, b.caps[i].config.name);
    cr_expect_eq(memcmp(a.caps[i].digest, b.caps[i].digest, sizeof a.caps[i].digest), 0, "%s",
                 a.caps[i].config.name);
    cr_expect_eq(a.caps[i].fuel_left, b.caps[i].fuel_left);
    cr_expect_eq(a.caps[i].stats.traces, b.caps[i].stats.traces);
  }
  oracle_result_free(&a);
  oracle_result_free(&b);
  module_free(m);
}

/* A program whose every run takes too long: the isolated oracle turns the
 * timeout into a crash verdict instead of hanging. */
Test(lockstep, isolated_oracle_times_out, .timeout = 60) {
  Module *m = compile_py("x = 0\nwhile True:\n    x = x + 1\n");
  OracleOptions oo;
  oracle_options_default(&oo);
  oo.fuel = (int64_t)1 << 40; /* effectively endless */
  StrBuf err;
  strbuf_init(&err);
  cr_assert(oracle_configs_parse("ref,jit@1", &oo, &err));
  strbuf_free(&err);
  OracleResult r;
  oracle_result_init(&r);
  LockstepChild child = {.isolate = true, .timeout_seconds = 1, .quiet = true};
  cr_expect_eq(lockstep_oracle_run(&r, m, &oo, &child), ORACLE_DIVERGED);
  cr_expect_eq(r.what, ORACLE_WHAT_CRASH);
  cr_expect_not_null(strstr(r.caps[0].why, "timed out"), "%s", r.caps[0].why);
  oracle_result_free(&r);
  module_free(m);
}

/* A heap of thousands of objects is digested rarely (every 16 × live/256
 * checkpoints); a change seen only by the heap digest must still be
 * narrowed down to its checkpoint, over several narrowing runs. */
Test(lockstep, big_heap_is_sampled_rarely_and_narrowed_down) {
  Module *m = compile_py("names = [str(i) for i in range(4000)]\n" /* 4000 str objects */
                         "def total(n, xs):\n"
                         "    s = 0\n"
                         "    for i in range(n):\n"
                         "        s = s + i\n"
                         "        xs[0] = xs[0] + 1\n"
                         "    return s\n"
                         "box = [0, 'x']\n"
                         "g = 0\n"
                         "for k in range(300):\n"
                         "    g = g + total(k % 7 + 1, box)\n"
                         "print(g, box, len(names))\n");
  uint64_t k = backedge_in_function(m, 1234);
  LockstepOptions lo = options(true);
  Perturb pt = {.at = k, .what = CHANGE_LIST_ITEM};
  LockstepResult res;
  compare(m, "ref", "ref", &pt, &lo, &res);
  cr_expect_eq(res.finding, LOCKSTEP_AT_CHECKPOINT, "%s", res.report.data ? res.report.data : "");
  cr_expect_eq(res.index, k, "checkpoint %llu named, %llu perturbed", (unsigned long long)res.index,
               (unsigned long long)k);
  lockstep_result_free(&res);
  module_free(m);
}
