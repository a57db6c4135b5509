/* The module formats: .jbc reading and writing, the .jasm assembler and
 * disassembler (exact round trips, verified or not), and the loader's
 * errors on hostile input. */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/support.h"
#include "vm/jasm.h"
#include "vm/jbc.h"
#include "vm/loader.h"
#include "vm/opcodes.h"

/* ====================================================================== */
/* Helpers */

static Module *assemble_ok(const char *text) {
  StrBuf err;
  strbuf_init(&err);
  Module *m = jasm_assemble("t.jasm", text, strlen(text), &err);
  cr_assert(m, "assembly failed: %s\n--- text ---\n%s", err.data ? err.data : "?", text);
  strbuf_free(&err);
  return m;
}

/* The error message of assembling text, which must fail (caller frees). */
static char *assemble_error(const char *text) {
  StrBuf err;
  strbuf_init(&err);
  Module *m = jasm_assemble("t.jasm", text, strlen(text), &err);
  cr_assert_null(m, "assembly unexpectedly succeeded:\n%s", text);
  cr_assert(err.data, "no error message");
  cr_assert_null(strchr(err.data, '\n'), "message is not one line: %s", err.data);
  return err.data;
}

static void expect_asm_error(const char *text, const char *expected) {
  char *msg = assemble_error(text);
  cr_expect_str_eq(msg, expected, "for text:\n%s", text);
  free(msg);
}

static StrBuf jbc_of(const Module *m) {
  StrBuf sb;
  strbuf_init(&sb);
  cr_assert(jbc_write(m, &sb), "jbc_write failed");
  return sb;
}

static StrBuf dis_of(const Module *m) {
  StrBuf sb;
  strbuf_init(&sb);
  cr_assert(jasm_disassemble(m, &sb), "jasm_disassemble failed");
  return sb;
}

static bool same_bytes(const StrBuf *a, const StrBuf *b) {
  return a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

/* jbc bytes -> read -> dis -> asm -> write must give the same bytes, and
 * the disassembly of the result must be the same text. */
static void check_round_trip_bytes(const StrBuf *bytes) {
  StrBuf err;
  strbuf_init(&err);
  Module *m = jbc_read("r.jbc", (const uint8_t *)bytes->data, bytes->len, &err);
  cr_assert(m, "jbc_read rejected a written module: %s", err.data);
  StrBuf again = jbc_of(m);
  cr_assert(same_bytes(bytes, &again), "read/write is not the identity");
  StrBuf text = dis_of(m);
  Module *m2 = jasm_assemble("r.jasm", text.data, text.len, &err);
  cr_assert(m2, "disassembly does not assemble: %s\n--- text ---\n%s", err.data, text.data);
  StrBuf bytes2 = jbc_of(m2);
  cr_assert(same_bytes(bytes, &bytes2), "round trip changed the module\n--- text ---\n%s", text.data);
  StrBuf text2 = dis_of(m2);
  cr_assert_str_eq(text.data, text2.data, "disassembly is not stable");
  strbuf_free(&text2);
  strbuf_free(&bytes2);
  strbuf_free(&text);
  strbuf_free(&again);
  strbuf_free(&err);
  module_free(m2);
  module_free(m);
}

static void check_round_trip_module(const Module *m) {
  StrBuf bytes = jbc_of(m);
  check_round_trip_bytes(&bytes);
  strbuf_free(&bytes);
}

/* ====================================================================== */
/* Hand-written programs */

static const char fib_jasm[] =
    "; fib(10), recursively\n"
    ".function main\n"
    "    .line 1\n"
    "    MAKE_FUNCTION fib\n"
    "    STORE_GLOBAL fib\n"
    "    .line 6\n"
    "    LOAD_GLOBAL print\n"
    "    LOAD_GLOBAL fib\n"
    "    LOAD_CONST 10\n"
    "    CALL 1\n"
    "    CALL 1\n"
    "    POP_TOP\n"
    "    LOAD_CONST None\n"
    "    RETURN_VALUE\n"
    ".end\n"
    "\n"
    ".function fib\n"
    ".arity 1\n"
    ".locals n\n"
    "    .line 2\n"
    "    LOAD_FAST n\n"
    "    LOAD_CONST 2\n"
    "    COMPARE_OP <\n"
    "    POP_JUMP_IF_FALSE recurse   ; n >= 2\n"
    "    .line 3\n"
    "    LOAD_FAST n\n"
    "    RETURN_VALUE\n"
    "recurse: .line 4\n"
    "    LOAD_GLOBAL fib\n"
    "    LOAD_FAST n\n"
    "    LOAD_CONST 1\n"
    "    BINARY_OP -\n"
    "    CALL 1\n"
    "    LOAD_GLOBAL fib\n"
    "    LOAD_FAST n\n"
    "    LOAD_CONST 2\n"
    "    BINARY_OP -\n"
    "    CALL 1\n"
    "    BINARY_OP +\n"
    "    RETURN_VALUE\n"
    ".end\n";

Test(formats, assembles_fib) {
  Module *m = assemble_ok(fib_jasm);
  cr_assert_eq(m->nfuncs, 2);
  cr_assert_str_eq(m->filename, "t.jasm");
  const Code *main_code = &m->funcs[0], *fib = &m->funcs[1];
  cr_assert_str_eq(main_code->name.data, "main");
  cr_assert_str_eq(fib->name.data, "fib");
  cr_assert_eq(fib->arity, 1);
  cr_assert_eq(fib->nlocals, 1);
  cr_assert_str_eq(fib->local_names[0].data, "n");
  /* consts in first-use order: 2, 1; names: fib */
  cr_assert_eq(fib->nconsts, 2);
  cr_assert_eq(fib->consts[0].kind, CK_INT);
  cr_assert_eq(fib->consts[0].as.i, 2);
  cr_assert_eq(fib->consts[1].as.i, 1);
  cr_assert_eq(fib->nnames, 1);
  cr_assert_eq(main_code->nnames, 2); /* fib, print (fib reused) */
  cr_assert_str_eq(main_code->names[1].data, "print");
  /* MAKE_FUNCTION fib -> function 1 */
  cr_assert_eq(main_code->code[0], OP_MAKE_FUNCTION);
  cr_assert_eq(main_code->code[1], 1);
  /* POP_JUMP_IF_FALSE at 15 jumps to 26 (after LOAD_FAST, RETURN_VALUE): distance 6 */
  Instr in;
  cr_assert(instr_decode(fib, 15, &in));
  cr_assert_eq(in.op, OP_POP_JUMP_IF_FALSE);
  cr_assert_eq(in.arg, 6);
  cr_assert_eq(instr_jump_target(&in), 26);
  /* line table: .line directives become entries at the next instruction */
  cr_assert_eq(fib->nlines, 3);
  cr_assert_eq(fib->lines[2].offset, 26);
  cr_assert_eq(fib->lines[2].line, 4);
  cr_assert_eq(code_line_at(fib, 27), 4);
  cr_assert_eq(code_line_at(fib, 3), 2);
  cr_assert_eq(code_line_at(main_code, 0), 1);
  /* .stack omitted: computed by the verifier's analysis */
  cr_assert_eq(main_code->max_stack, 3);
  cr_assert_eq(fib->max_stack, 4);
  check_round_trip_module(m);
  module_free(m);
}

Test(formats, runs_fib_through_loader) {
  TestRun r = test_run_jasm(fib_jasm, -1, 0);
  cr_assert(r.loaded, "%s", r.error);
  cr_expect_str_eq(r.out, "55\n");
  cr_expect_eq(r.leaked, 0);
  test_run_free(&r);
}

static const char loop_jasm[] =
    ".function \"<module>\"\n"
    ".locals total i 'odd name' \"\"\n"
    ".stack 4\n"
    "    LOAD_CONST 0\n"
    "    STORE_FAST total\n"
    "    LOAD_CONST (1, 2.5, 'x\\n\\u00e9', (None, True, -0.0), ())\n"
    "    GET_ITER\n"
    "loop:\n"
    "    FOR_ITER done\n"
    "    STORE_FAST i\n"
    "    JUMP_BACKWARD loop\n"
    "done:\n"
    "    LOAD_CONST 'caf\\xe9 \\U0001F600 \"q\" \\'s\\''\n"
    "    STORE_FAST 'odd name'\n"
    "    LOAD_CONST -9223372036854775808\n"
    "    STORE_FAST \"\"\n"
    "try_start:\n"
    "    LOAD_CONST 1\n"
    "    LOAD_CONST 0\n"
    "    BINARY_OP //=\n"
    "    POP_TOP\n"
    "try_end:\n"
    "    JUMP_FORWARD after\n"
    "handler:\n"
    "    POP_TOP\n"
    "after:\n"
    "    LOAD_FAST total\n"
    "    RETURN_VALUE\n"
    ".handler try_start try_end handler 0\n"
    ".end\n";

Test(formats, assembles_constants_labels_handlers) {
  Module *m = assemble_ok(loop_jasm);
  const Code *c = &m->funcs[0];
  cr_assert_str_eq(c->name.data, "<module>");
  cr_assert_eq(c->nlocals, 4);
  cr_assert_str_eq(c->local_names[2].data, "odd name");
  cr_assert_eq(c->local_names[3].len, 0);
  cr_assert_eq(c->max_stack, 4);
  cr_assert_eq(c->nconsts, 5); /* 0, the tuple, the string, INT64_MIN, 1 (0 reused) */
  const Const *t = &c->consts[1];
  cr_assert_eq(t->kind, CK_TUPLE);
  cr_assert_eq(t->as.t.len, 5);
  cr_assert_eq(t->as.t.items[1].kind, CK_FLOAT);
  cr_assert_eq(t->as.t.items[1].as.f, 2.5);
  cr_assert_str_eq(t->as.t.items[2].as.s.data, "x\n\xc3\xa9");
  const Const *inner = &t->as.t.items[3];
  cr_assert_eq(inner->as.t.len, 3);
  cr_assert(signbit(inner->as.t.items[2].as.f));
  cr_assert_eq(t->as.t.items[4].as.t.len, 0);
  cr_assert_str_eq(c->consts[2].as.s.data, "caf\xc3\xa9 \xf0\x9f\x98\x80 \"q\" 's'");
  cr_assert_eq(c->consts[3].as.i, INT64_MIN);
  cr_assert_eq(c->consts[4].as.i, 1);
  cr_assert_eq(c->nhandlers, 1);
  const ExcEntry *h = &c->handlers[0];
  cr_assert_eq(h->start, 51);
  cr_assert_eq(h->end, 67);
  cr_assert_eq(h->target, 72);
  cr_assert_eq(h->depth, 0);
  check_round_trip_module(m);
  module_free(m);
}

Test(formats, round_trips_disassembly_text) {
  Module *m = assemble_ok(fib_jasm);
  StrBuf text = dis_of(m);
  cr_expect(strstr(text.data, ".function fib"), "%s", text.data);
  cr_expect(strstr(text.data, "    POP_JUMP_IF_FALSE L26"), "%s", text.data);
  cr_expect(strstr(text.data, "L26:\n    .line 4\n    LOAD_GLOBAL       fib"), "%s", text.data);
  cr_expect(strstr(text.data, "    MAKE_FUNCTION     fib"), "%s", text.data);
  cr_expect(strstr(text.data, "; 0: function 1"), "%s", text.data);
  cr_expect(strstr(text.data, "    COMPARE_OP        <"), "%s", text.data);
  cr_expect(strstr(text.data, ".stack 3\n"), "%s", text.data);
  cr_expect_null(strstr(text.data, ".consts"), "%s", text.data);
  cr_expect_null(strstr(text.data, ".names"), "%s", text.data);
  strbuf_free(&text);
  module_free(m);
}

Test(formats, disassembles_floats_like_python) {
  Module *m = assemble_ok(
      ".function f\n.stack 1\n"
      "LOAD_CONST 1.0\nLOAD_CONST -0.0\nLOAD_CONST 1e+16\nLOAD_CONST 1.5e-07\nLOAD_CONST 0.1\n"
      "LOAD_CONST inf\nLOAD_CONST -inf\nLOAD_CONST nan\nLOAD_CONST float(0x7ff8000000000001)\n"
      "LOAD_CONST float(0xfff8000000000000)\nLOAD_CONST 123456789012345678.0\nLOAD_CONST 0.0001\n"
      "LOAD_CONST 1e-05\nLOAD_CONST 5e-324\nLOAD_CONST 1\nLOAD_CONST True\nLOAD_CONST (1.0,)\n"
      ".end\n");
  const Code *c = &m->funcs[0];
  cr_assert_eq(c->nconsts, 17); /* 1.0, 1, True and (1.0,) are all different */
  uint64_t bits;
  memcpy(&bits, &c->consts[8].as.f, 8);
  cr_assert_eq(bits, UINT64_C(0x7ff8000000000001));
  StrBuf text = dis_of(m);
  const char *expected[] = {"1.0",  "-0.0", "1e+16", "1.5e-07", "0.1", "inf", "-inf", "nan",
                            "float(0x7ff8000000000001)", "float(0xfff8000000000000)",
                            "1.2345678901234568e+17", "0.0001", "1e-05", "5e-324", "1", "True", "(1.0,)"};
  for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
    char line[96];
    snprintf(line, sizeof line, "    LOAD_CONST        %s ", expected[i]);
    cr_expect(strstr(text.data, line), "missing '%s' in\n%s", line, text.data);
  }
  strbuf_free(&text);
  check_round_trip_module(m);
  module_free(m);
}

Test(formats, disassembles_irregular_tables_explicitly) {
  /* duplicate and unused constants, names out of first-use order, a
   * duplicate local name, jumps to the middle of an instruction */
  Module *m = assemble_ok(
      ".function f\n.locals a a\n.stack 2\n"
      ".consts 1, 1, 'unused'\n"
      ".names y x\n"
      "    LOAD_CONST #1\n"
      "    LOAD_CONST 1\n"
      "    STORE_FAST #1\n"
      "    LOAD_GLOBAL x\n"
      "    JUMP_FORWARD @2\n"
      "    .byte 0xff\n"
      "    LOAD_FAST #7\n"
      "    .line 3 @2\n"
      "    .line 2 @0\n"
      ".end\n");
  const Code *c = &m->funcs[0];
  cr_assert_eq(c->nconsts, 3);
  cr_assert_eq(c->code[1], 1);
  cr_assert_eq(c->code[6], 0);
  cr_assert_eq(c->nnames, 2);
  cr_assert_eq(c->code[16], 1); /* x is names[1] */
  StrBuf text = dis_of(m);
  cr_expect(strstr(text.data, ".consts 1 "), "%s", text.data);
  cr_expect(strstr(text.data, ".consts 'unused' "), "%s", text.data);
  cr_expect(strstr(text.data, ".names y "), "%s", text.data);
  cr_expect(strstr(text.data, "    LOAD_CONST        #1                        ; 0: 1\n"), "%s", text.data);
  cr_expect(strstr(text.data, "    STORE_FAST        #1 "), "%s", text.data);
  cr_expect(strstr(text.data, "    JUMP_FORWARD      @2 "), "%s", text.data);
  cr_expect(strstr(text.data, "    .byte 0xff "), "%s", text.data);
  cr_expect(strstr(text.data, "out of range (2 locals)"), "%s", text.data);
  cr_expect(strstr(text.data, ".line 3 @2\n.line 2 @0\n"), "%s", text.data);
  strbuf_free(&text);
  check_round_trip_module(m);
  module_free(m);
}

Test(formats, function_references_and_quoted_names) {
  Module *m = assemble_ok(
      ".function main\n.stack 1\n"
      "    MAKE_FUNCTION 'g h'\n    MAKE_FUNCTION later\n    MAKE_FUNCTION #0\n"
      ".end\n"
      ".function 'g h'\n.stack 0\n.end\n"
      ".function later\n.stack 0\n.end\n"
      ".function later\n.stack 0\n.end\n");
  const Code *c = &m->funcs[0];
  cr_assert_eq(c->code[1], 1);
  cr_assert_eq(c->code[6], 2);
  cr_assert_eq(c->code[11], 0);
  StrBuf text = dis_of(m);
  cr_expect(strstr(text.data, "MAKE_FUNCTION     'g h'"), "%s", text.data);
  cr_expect(strstr(text.data, ".function later "), "%s", text.data);
  strbuf_free(&text);
  check_round_trip_module(m);
  module_free(m);
}

/* ====================================================================== */
/* Random modules */

static uint32_t rnd(uint64_t *s, uint32_t n) { return n ? (uint32_t)(test_rand(s) % n) : 0; }

static const char *const name_pool[] = {"a", "b", "x", "fib", "", "a b", "\xc3\xa9t\xc3\xa9", "line\nbreak",
                                        "q'uote", "dq\"", "back\\slash", "tab\t", "L0", "#3", "None", "\xe2\x80\xa8"};
enum { NAME_POOL = sizeof name_pool / sizeof name_pool[0] };

static void random_name(uint64_t *s, Bytes *b) {
  const char *n = name_pool[rnd(s, NAME_POOL)];
  cr_assert(bytes_set(b, n, strlen(n)));
}

static double random_double(uint64_t *s) {
  static const uint64_t special[] = {
      UINT64_C(0x7ff8000000000000), UINT64_C(0x7ff8000000000001), UINT64_C(0xfff8000000000000),
      UINT64_C(0x7ff0000000000001), UINT64_C(0x8000000000000000), UINT64_C(0x0000000000000001),
      UINT64_C(0x7ff0000000000000), UINT64_C(0xfff0000000000000), UINT64_C(0x3fb999999999999a)};
  uint64_t bits;
  switch (rnd(s, 4)) {
  case 0: bits = special[rnd(s, sizeof special / sizeof special[0])]; break;
  case 1: bits = test_rand(s); break;
  default: {
    double small[] = {0.0, 1.0, 0.1, 1e16, 1e-05, 2.5, 123456.789, 1e300, -3.75};
    double f = small[rnd(s, sizeof small / sizeof small[0])];
    memcpy(&bits, &f, 8);
  }
  }
  double f;
  memcpy(&f, &bits, 8);
  return f;
}

static void random_const(uint64_t *s, Const *c, int depth) {
  memset(c, 0, sizeof *c);
  uint32_t kind = rnd(s, depth > 3 ? 5 : 6);
  c->kind = kind;
  switch (kind) {
  case CK_NONE: break;
  case CK_BOOL: c->as.i = rnd(s, 2); break;
  case CK_INT: {
    int64_t ints[] = {0, 1, -1, 42, INT64_MIN, INT64_MAX, (int64_t)test_rand(s)};
    c->as.i = ints[rnd(s, 7)];
    break;
  }
  case CK_FLOAT: c->as.f = random_double(s); break;
  case CK_STR: {
    char buf[16];
    uint32_t n = rnd(s, 8);
    for (uint32_t i = 0; i < n; i++) buf[i] = (char)rnd(s, 128); /* any ASCII, NUL included */
    if (rnd(s, 3) == 0) {
      cr_assert(bytes_set(&c->as.s, "\xe2\x82\xac\xc2\x85\0\x7f", 7));
    } else {
      cr_assert(bytes_set(&c->as.s, buf, n));
    }
    break;
  }
  case CK_TUPLE: {
    uint32_t n = rnd(s, 4);
    c->as.t.len = n;
    c->as.t.items = n ? calloc(n, sizeof(Const)) : NULL;
    for (uint32_t i = 0; i < n; i++) random_const(s, &c->as.t.items[i], depth + 1);
    break;
  }
  }
}

static void random_tables(uint64_t *s, Code *c) {
  random_name(s, &c->name);
  c->arity = rnd(s, 3);
  c->nlocals = rnd(s, 5);
  c->max_stack = rnd(s, 10);
  c->local_names = calloc(c->nlocals + 1, sizeof(Bytes));
  for (uint32_t i = 0; i < c->nlocals; i++) random_name(s, &c->local_names[i]);
  c->nconsts = rnd(s, 8);
  c->consts = calloc(c->nconsts + 1, sizeof(Const));
  for (uint32_t i = 0; i < c->nconsts; i++) {
    if (i > 0 && rnd(s, 4) == 0)
      cr_assert(const_copy(&c->consts[i], &c->consts[rnd(s, i)])); /* a duplicate */
    else
      random_const(s, &c->consts[i], 0);
  }
  c->nnames = rnd(s, 5);
  c->names = calloc(c->nnames + 1, sizeof(Bytes));
  for (uint32_t i = 0; i < c->nnames; i++) random_name(s, &c->names[i]);
}

static uint32_t random_arg(uint64_t *s, const Code *c, uint32_t nfuncs, int kind) {
  if (rnd(s, 12) == 0) return (uint32_t)test_rand(s);
  switch (kind) {
  case OPK_CONST: return rnd(s, c->nconsts + 2);
  case OPK_LOCAL: return rnd(s, c->nlocals + 2);
  case OPK_NAME: return rnd(s, c->nnames + 2);
  case OPK_FUNC: return rnd(s, nfuncs + 2);
  case OPK_BINOP: return rnd(s, BINOP_COUNT + 2);
  case OPK_CMPOP: return rnd(s, CMPOP_COUNT + 2);
  default: return rnd(s, 5);
  }
}

static void put_le32(uint8_t *p, uint32_t v) {
  for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i));
}

/* Code that is mostly instructions (some with jumps to real instruction
 * starts), with unknown opcodes, wild operands and a truncated tail. */
static void random_code(uint64_t *s, Code *c, uint32_t nfuncs, uint32_t *starts, uint32_t *nstarts) {
  enum { MAX_INSTRS = 16 };
  int ops[MAX_INSTRS];
  uint32_t n = rnd(s, MAX_INSTRS), off = 0;
  for (uint32_t i = 0; i < n; i++) {
    ops[i] = rnd(s, 8) == 0 ? (int)(OP_COUNT + rnd(s, 256 - OP_COUNT)) : (int)rnd(s, OP_COUNT);
    starts[i] = off;
    off += ops[i] < OP_COUNT ? opcode_size(ops[i]) : 1;
  }
  starts[n] = off;
  *nstarts = n + 1;
  uint32_t tail = rnd(s, 5) == 0 ? 1 + rnd(s, 4) : 0;
  c->code_len = off + tail;
  c->code = calloc(c->code_len + 1, 1);
  for (uint32_t i = 0; i < n; i++) {
    uint8_t *p = c->code + starts[i];
    p[0] = (uint8_t)ops[i];
    if (ops[i] >= OP_COUNT || opcode_size(ops[i]) == 1) continue;
    int kind = opcode_info[ops[i]].operand;
    uint32_t arg = random_arg(s, c, nfuncs, kind);
    uint32_t end = starts[i] + 5, target = starts[rnd(s, n + 1)];
    if (kind == OPK_JUMP_FWD && rnd(s, 4) && target >= end) arg = target - end;
    if (kind == OPK_JUMP_BACK && rnd(s, 4) && target <= end) arg = end - target;
    put_le32(p + 1, arg);
  }
  if (tail) {
    c->code[off] = (uint8_t)OP_LOAD_CONST; /* needs 4 operand bytes; has tail-1 */
    for (uint32_t i = 1; i < tail; i++) c->code[off + i] = (uint8_t)rnd(s, 256);
  }
}

static uint32_t random_position(uint64_t *s, const uint32_t *starts, uint32_t nstarts, uint32_t code_len) {
  return rnd(s, 3) ? starts[rnd(s, nstarts)] : rnd(s, code_len + 3);
}

static void random_lines_handlers(uint64_t *s, Code *c, const uint32_t *starts, uint32_t nstarts) {
  c->nlines = rnd(s, 5);
  c->lines = calloc(c->nlines + 1, sizeof(LineEntry));
  bool regular = rnd(s, 3) != 0;
  uint32_t at = 0;
  for (uint32_t i = 0; i < c->nlines; i++) {
    if (regular) {
      at += rnd(s, 2) ? 1 : 0; /* some share an offset */
      if (at >= nstarts) at = nstarts - 1;
      c->lines[i].offset = starts[at];
    } else {
      c->lines[i].offset = random_position(s, starts, nstarts, c->code_len);
    }
    c->lines[i].line = rnd(s, 100);
  }
  c->nhandlers = rnd(s, 3);
  c->handlers = calloc(c->nhandlers + 1, sizeof(ExcEntry));
  for (uint32_t i = 0; i < c->nhandlers; i++) {
    ExcEntry *h = &c->handlers[i];
    h->start = random_position(s, starts, nstarts, c->code_len);
    h->end = random_position(s, starts, nstarts, c->code_len);
    h->target = random_position(s, starts, nstarts, c->code_len);
    h->depth = rnd(s, 4);
  }
}

static Module *random_module(uint64_t *s) {
  Module *m = calloc(1, sizeof *m);
  m->nfuncs = 1 + rnd(s, 3);
  m->funcs = calloc(m->nfuncs, sizeof(Code));
  for (uint32_t f = 0; f < m->nfuncs; f++) {
    Code *c = &m->funcs[f];
    uint32_t starts[20], nstarts;
    random_tables(s, c);
    random_code(s, c, m->nfuncs, starts, &nstarts);
    random_lines_handlers(s, c, starts, nstarts);
  }
  return m;
}

Test(formats, random_modules_round_trip) {
  uint64_t seed = 12345;
  for (int i = 0; i < 3000; i++) {
    Module *m = random_module(&seed);
    check_round_trip_module(m);
    module_free(m);
  }
}

/* Random code bytes only: every byte value in every position. */
Test(formats, random_code_bytes_round_trip) {
  uint64_t seed = 99;
  for (int i = 0; i < 2000; i++) {
    Module *m = calloc(1, sizeof *m);
    m->nfuncs = 1;
    m->funcs = calloc(1, sizeof(Code));
    Code *c = &m->funcs[0];
    cr_assert(bytes_set(&c->name, "f", 1));
    c->code_len = rnd(&seed, 40);
    c->code = malloc(c->code_len + 1);
    for (uint32_t k = 0; k < c->code_len; k++) c->code[k] = (uint8_t)(rnd(&seed, 2) ? rnd(&seed, OP_COUNT + 2) : rnd(&seed, 256));
    check_round_trip_module(m);
    module_free(m);
  }
}

/* ====================================================================== */
/* .jbc reader errors */

static void b_u8(StrBuf *b, uint8_t v) { strbuf_putc(b, (char)v); }
static void b_u16(StrBuf *b, uint16_t v) {
  b_u8(b, (uint8_t)v);
  b_u8(b, (uint8_t)(v >> 8));
}
static void b_u32(StrBuf *b, uint32_t v) {
  for (int i = 0; i < 4; i++) b_u8(b, (uint8_t)(v >> (8 * i)));
}
static void b_str(StrBuf *b, const char *s, size_t n) {
  b_u32(b, (uint32_t)n);
  strbuf_append(b, s, n);
}
static void b_header(StrBuf *b, uint32_t nfuncs) {
  strbuf_append(b, "LSBC", 4);
  b_u16(b, 1);
  b_u16(b, 0);
  b_u32(b, nfuncs);
}
/* A function up to and including its constant count. */
static void b_func_start(StrBuf *b, const char *name, uint32_t nconsts) {
  b_str(b, name, strlen(name));
  b_u32(b, 0); /* arity */
  b_u32(b, 0); /* nlocals */
  b_u32(b, 1); /* max_stack */
  b_u32(b, nconsts);
}
/* names, code (LOAD_CONST 0; RETURN_VALUE), no lines, no handlers */
static void b_func_end(StrBuf *b) {
  b_u32(b, 0);
  b_u32(b, 6);
  uint8_t code[6] = {OP_LOAD_CONST, 0, 0, 0, 0, OP_RETURN_VALUE};
  strbuf_append(b, (const char *)code, 6);
  b_u32(b, 0);
  b_u32(b, 0);
}

static StrBuf minimal_jbc(void) {
  StrBuf b;
  strbuf_init(&b);
  b_header(&b, 1);
  b_func_start(&b, "main", 1);
  b_u8(&b, CK_NONE);
  b_func_end(&b);
  return b;
}

static char *jbc_error(const StrBuf *b) {
  StrBuf err;
  strbuf_init(&err);
  Module *m = jbc_read("bad.jbc", (const uint8_t *)b->data, b->len, &err);
  cr_assert_null(m, "jbc_read accepted a bad file");
  cr_assert(err.data);
  cr_assert(strncmp(err.data, "bad.jbc: error: ", 16) == 0, "%s", err.data);
  cr_assert_null(strchr(err.data, '\n'));
  return err.data;
}

static void expect_jbc_error(const StrBuf *b, const char *expected) {
  char *msg = jbc_error(b);
  cr_expect_str_eq(msg, expected);
  free(msg);
}

Test(formats, minimal_jbc_loads_and_runs) {
  StrBuf b = minimal_jbc();
  StrBuf err;
  strbuf_init(&err);
  Module *m = module_load_bytes("min.jbc", (const uint8_t *)b.data, b.len, &err);
  cr_assert(m, "%s", err.data);
  cr_assert_str_eq(m->filename, "min.jbc");
  module_free(m);
  TestRun r = test_run_bytes(b.data, b.len, -1, 0);
  cr_assert(r.loaded, "%s", r.error);
  cr_expect_str_eq(r.result, "None");
  test_run_free(&r);
  strbuf_free(&err);
  strbuf_free(&b);
}

Test(formats, jbc_header_errors) {
  StrBuf b = minimal_jbc();
  b.data[3] = 'X';
  expect_jbc_error(&b, "bad.jbc: error: bad magic: not a .jbc file");
  b.data[3] = 'C';
  b.data[4] = 2;
  expect_jbc_error(&b, "bad.jbc: error: offset 4: unsupported version 2 (expected 1)");
  b.data[4] = 1;
  b.data[6] = 1;
  expect_jbc_error(&b, "bad.jbc: error: offset 6: flags must be 0, not 0x0001");
  b.data[6] = 0;
  strbuf_putc(&b, 0);
  expect_jbc_error(&b, "bad.jbc: error: offset 59: 1 trailing bytes after the last function");
  strbuf_free(&b);

  strbuf_init(&b);
  b_header(&b, 0);
  expect_jbc_error(&b, "bad.jbc: error: offset 8: a module needs at least one function");
  strbuf_free(&b);
}

Test(formats, jbc_truncated_at_every_length) {
  Module *m = assemble_ok(loop_jasm);
  StrBuf b = jbc_of(m);
  module_free(m);
  for (size_t len = 0; len < b.len; len++) {
    StrBuf prefix = {.data = b.data, .len = len, .cap = len};
    char *msg = jbc_error(&prefix);
    if (len >= 4) cr_expect(strstr(msg, "truncated"), "length %zu: %s", len, msg);
    free(msg);
  }
  strbuf_free(&b);
}

Test(formats, jbc_truncation_message) {
  StrBuf b = minimal_jbc();
  b.len = 22; /* inside the arity field of function 0 */
  expect_jbc_error(&b, "bad.jbc: error: function 0 (main): offset 20: truncated: expected 4 bytes, 2 left");
  b.len = 19; /* inside its name */
  expect_jbc_error(&b, "bad.jbc: error: function 0: offset 16: truncated: expected 4 bytes, 3 left");
  strbuf_free(&b);
}

Test(formats, jbc_rejects_bad_utf8) {
  StrBuf b;
  strbuf_init(&b);
  b_header(&b, 1);
  b_func_start(&b, "fib", 1);
  b_u8(&b, CK_STR);
  b_str(&b, "ok\xff", 3);
  b_func_end(&b);
  expect_jbc_error(&b, "bad.jbc: error: function 0 (fib): constant 0: offset 40: string is not valid UTF-8");
  strbuf_free(&b);

  strbuf_init(&b); /* overlong encoding in a function name */
  b_header(&b, 1);
  b_func_start(&b, "\xc0\xaf", 0);
  b_func_end(&b);
  expect_jbc_error(&b, "bad.jbc: error: function 0: offset 16: function name is not valid UTF-8");
  strbuf_free(&b);

  strbuf_init(&b); /* surrogate in a global name */
  b_header(&b, 1);
  b_func_start(&b, "main", 0);
  b_u32(&b, 1);
  b_str(&b, "\xed\xa0\x80", 3);
  expect_jbc_error(&b, "bad.jbc: error: function 0 (main): name 0: offset 44: name is not valid UTF-8");
  strbuf_free(&b);

  strbuf_init(&b); /* bad local name */
  b_header(&b, 1);
  b_str(&b, "main", 4);
  b_u32(&b, 0);
  b_u32(&b, 1);
  b_u32(&b, 0);
  b_str(&b, "\x80", 1);
  char *msg = jbc_error(&b);
  cr_expect(strstr(msg, "local name 0: offset 36: local name is not valid UTF-8"), "%s", msg);
  free(msg);
  strbuf_free(&b);
}

Test(formats, jbc_rejects_counts_over_limits) {
  StrBuf b;
  strbuf_init(&b);
  b_header(&b, MODULE_MAX_FUNCS + 1);
  expect_jbc_error(&b, "bad.jbc: error: offset 8: too many functions: 65537 (limit 65536)");
  strbuf_free(&b);

  strbuf_init(&b);
  b_header(&b, 1000); /* more functions than the bytes could hold */
  b_func_start(&b, "main", 1);
  char *msg = jbc_error(&b);
  cr_expect(strstr(msg, "offset 12: truncated: 1000 functions need at least 1000 bytes"), "%s", msg);
  free(msg);
  strbuf_free(&b);

  strbuf_init(&b);
  b_header(&b, 1);
  b_func_start(&b, "main", CODE_MAX_CONSTS + 1);
  expect_jbc_error(&b, "bad.jbc: error: function 0 (main): offset 32: too many constants: 1048577 (limit 1048576)");
  strbuf_free(&b);

  strbuf_init(&b);
  b_header(&b, 1);
  b_str(&b, "main", 4);
  b_u32(&b, CODE_MAX_LOCALS + 1); /* arity */
  b_u32(&b, 0);
  b_u32(&b, 0);
  msg = jbc_error(&b);
  cr_expect(strstr(msg, "arity 8193 exceeds the limit 8192"), "%s", msg);
  free(msg);
  strbuf_free(&b);

  strbuf_init(&b);
  b_header(&b, 1);
  b_str(&b, "main", 4);
  b_u32(&b, 0);
  b_u32(&b, CODE_MAX_LOCALS + 1);
  msg = jbc_error(&b);
  cr_expect(strstr(msg, "too many locals: 8193 (limit 8192)"), "%s", msg);
  free(msg);
  strbuf_free(&b);

  strbuf_init(&b);
  b_header(&b, 1);
  b_func_start(&b, "main", 0);
  b_u32(&b, 0);                  /* names */
  b_u32(&b, CODE_MAX_BYTES + 1); /* code */
  msg = jbc_error(&b);
  cr_expect(strstr(msg, "too many code bytes: 16777217 (limit 16777216)"), "%s", msg);
  free(msg);
  strbuf_free(&b);

  strbuf_init(&b);
  b_header(&b, 1);
  b_func_start(&b, "main", 0);
  b_u32(&b, 0); /* names */
  b_u32(&b, 0); /* code */
  b_u32(&b, 0); /* lines */
  b_u32(&b, CODE_MAX_HANDLERS + 1);
  msg = jbc_error(&b);
  cr_expect(strstr(msg, "too many handlers: 65537 (limit 65536)"), "%s", msg);
  free(msg);
  strbuf_free(&b);

  strbuf_init(&b); /* a string longer than the file */
  b_header(&b, 1);
  b_func_start(&b, "main", 1);
  b_u8(&b, CK_STR);
  b_u32(&b, UINT32_MAX);
  msg = jbc_error(&b);
  cr_expect(strstr(msg, "constant 0: offset 41: truncated: expected 4294967295 bytes, 0 left"), "%s", msg);
  free(msg);
  strbuf_free(&b);

  strbuf_init(&b); /* bad constant kind, bad bool */
  b_header(&b, 1);
  b_func_start(&b, "main", 2);
  b_u8(&b, CK_BOOL);
  b_u8(&b, 2);
  b_u8(&b, 9);
  msg = jbc_error(&b);
  cr_expect(strstr(msg, "constant 0: offset 37: bool constant must be 0 or 1, not 2"), "%s", msg);
  free(msg);
  b.data[37] = 1;
  msg = jbc_error(&b);
  cr_expect(strstr(msg, "constant 1: offset 38: unknown constant kind 9"), "%s", msg);
  free(msg);
  strbuf_free(&b);
}

static StrBuf nested_tuples_jbc(int depth) {
  StrBuf b;
  strbuf_init(&b);
  b_header(&b, 1);
  b_func_start(&b, "main", 1);
  for (int i = 0; i < depth; i++) {
    b_u8(&b, CK_TUPLE);
    b_u32(&b, i + 1 < depth ? 1 : 0);
  }
  b_func_end(&b);
  return b;
}

Test(formats, jbc_limits_tuple_nesting) {
  StrBuf ok = nested_tuples_jbc(CONST_MAX_DEPTH);
  check_round_trip_bytes(&ok);
  strbuf_free(&ok);
  StrBuf bad = nested_tuples_jbc(CONST_MAX_DEPTH + 1);
  char *msg = jbc_error(&bad);
  cr_expect(strstr(msg, "constant 0: offset "), "%s", msg);
  cr_expect(strstr(msg, "constant tuples nested too deep (limit 64)"), "%s", msg);
  free(msg);
  strbuf_free(&bad);
  /* a million nested tuples: refused without deep recursion */
  StrBuf huge = nested_tuples_jbc(1000000);
  msg = jbc_error(&huge);
  cr_expect(strstr(msg, "nested too deep"), "%s", msg);
  free(msg);
  strbuf_free(&huge);
}

/* ====================================================================== */
/* The loader */

static char tmpdir[64];

static void make_tmpdir(void) {
  snprintf(tmpdir, sizeof tmpdir, "/tmp/lockstep_formats_XXXXXX");
  cr_assert(mkdtemp(tmpdir));
}

static void remove_tmpdir(void) {
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  cr_assert_eq(system(cmd), 0);
}

static char *write_tmp(const char *name, const void *data, size_t len) {
  char *path = malloc(256);
  snprintf(path, 256, "%s/%s", tmpdir, name);
  FILE *f = fopen(path, "wb");
  cr_assert(f);
  cr_assert_eq(fwrite(data, 1, len, f), len);
  fclose(f);
  return path;
}

static void expect_load_error(const char *path, const char *suffix) {
  StrBuf err;
  strbuf_init(&err);
  Module *m = module_load_file(path, &err);
  cr_assert_null(m, "%s loaded", path);
  cr_assert(err.data);
  char expected[512];
  snprintf(expected, sizeof expected, "%s: error: %s", path, suffix);
  cr_expect_str_eq(err.data, expected);
  strbuf_free(&err);
}

Test(formats, loader_reads_both_formats, .init = make_tmpdir, .fini = remove_tmpdir) {
  char *jasm_path = write_tmp("fib.jasm", fib_jasm, strlen(fib_jasm));
  StrBuf err;
  strbuf_init(&err);
  Module *m = module_load_file(jasm_path, &err);
  cr_assert(m, "%s", err.data);
  cr_assert_str_eq(m->filename, jasm_path);
  StrBuf bytes = jbc_of(m);
  module_free(m);
  char *jbc_path = write_tmp("fib.bin", bytes.data, bytes.len); /* .jbc by its magic */
  m = module_load_file(jbc_path, &err);
  cr_assert(m, "%s", err.data);
  cr_assert_str_eq(m->filename, jbc_path);
  StrBuf bytes2 = jbc_of(m);
  cr_assert(same_bytes(&bytes, &bytes2));
  module_free(m);
  strbuf_free(&bytes2);
  strbuf_free(&bytes);
  strbuf_free(&err);
  free(jbc_path);
  free(jasm_path);
}

Test(formats, loader_errors, .init = make_tmpdir, .fini = remove_tmpdir) {
  char missing[128];
  snprintf(missing, sizeof missing, "%s/missing.jasm", tmpdir);
  expect_load_error(missing, "cannot open: No such file or directory");
  expect_load_error(tmpdir, "cannot read: Is a directory");

  char *txt = write_tmp("prog.txt", "hello", 5);
  expect_load_error(txt, "unknown file type (expected .jbc or .jasm)");
  char *nomagic = write_tmp("prog.jbc", "LSBX", 4);
  expect_load_error(nomagic, "bad magic: not a .jbc file");

  const char invalid[] = ".function main\n.stack 1\n    LOAD_FAST #5\n    RETURN_VALUE\n.end\n";
  char *bad = write_tmp("bad.jasm", invalid, strlen(invalid));
  StrBuf err;
  strbuf_init(&err);
  cr_assert_null(module_load_file(bad, &err));
  char prefix[300];
  snprintf(prefix, sizeof prefix, "%s: error: verify: ", bad);
  cr_expect(strncmp(err.data, prefix, strlen(prefix)) == 0, "%s", err.data);
  strbuf_clear(&err);

  const char syntax[] = ".function main\n    BOGUS\n.end\n";
  char *syn = write_tmp("syn.jasm", syntax, strlen(syntax));
  char expected[300];
  snprintf(expected, sizeof expected, "%s:2:5: error: unknown opcode 'BOGUS'", syn);
  cr_assert_null(module_load_file(syn, &err));
  cr_expect_str_eq(err.data, expected);
  strbuf_clear(&err);

  /* too large: a sparse file one byte over the limit */
  char big[128];
  snprintf(big, sizeof big, "%s/big.jbc", tmpdir);
  FILE *f = fopen(big, "wb");
  cr_assert(f);
  cr_assert_eq(ftruncate(fileno(f), (off_t)JBC_MAX_FILE_BYTES + 1), 0);
  fclose(f);
  expect_load_error(big, "file too large (limit 67108864 bytes)");

  /* module_load_bytes: text without the magic is .jasm */
  cr_assert_null(module_load_bytes("mem", (const uint8_t *)"LSB", 3, &err));
  cr_expect_str_eq(err.data, "mem:1:1: error: unknown opcode 'LSB'");
  strbuf_free(&err);
  free(syn);
  free(bad);
  free(nomagic);
  free(txt);
}

/* ====================================================================== */
/* Assembler errors */

Test(formats, asm_errors_name_file_line_col) {
  expect_asm_error(".function f\n  LOAD_CONSTANT 1\n.end\n", "t.jasm:2:3: error: unknown opcode 'LOAD_CONSTANT'");
  expect_asm_error(".function f\n  COMPARE_OP +\n.end\n", "t.jasm:2:14: error: unknown comparison operator '+'");
  expect_asm_error(".function f\n  BINARY_OP <\n.end\n", "t.jasm:2:13: error: unknown operator '<'");
  expect_asm_error(".function f\n  BUILD_LIST x\n.end\n", "t.jasm:2:14: error: expected a number, found 'x'");
  expect_asm_error(".function f\n  LOAD_FAST y\n.end\n", "t.jasm:2:13: error: unknown local 'y' (not in .locals)");
  expect_asm_error(".function f\n  LOAD_CONST foo\n.end\n",
                   "t.jasm:2:14: error: bad constant 'foo' (expected None, True, False, a number, a string or a tuple)");
  expect_asm_error(".function f\n  LOAD_CONST\n.end\n", "t.jasm:2:13: error: LOAD_CONST needs an operand (const)");
  expect_asm_error(".function f\n  POP_TOP 1\n.end\n", "t.jasm:2:11: error: expected the end of the line, found '1'");
  expect_asm_error(".function f\n  JUMP_FORWARD nowhere\n.end\n", "t.jasm:2:16: error: undefined label 'nowhere'");
  expect_asm_error(".function f\nx:\n  NOP\n x: NOP\n.end\n", "t.jasm:4:2: error: duplicate label 'x'");
  expect_asm_error(".function f\n  NOP\n", "t.jasm:3:1: error: missing .end for function 'f'");
  expect_asm_error(".function f\n  NOP", "t.jasm:2:6: error: missing .end for function 'f'");
  expect_asm_error(".function f\n  LOAD_CONST 9223372036854775808\n.end\n",
                   "t.jasm:2:14: error: integer out of range (a constant must fit in 64 bits)");
  expect_asm_error(".function f\n  LOAD_CONST -9223372036854775809\n.end\n",
                   "t.jasm:2:14: error: integer out of range (a constant must fit in 64 bits)");
  expect_asm_error(".function f\n  LOAD_CONST 'a\\qb'\n.end\n", "t.jasm:2:16: error: bad escape '\\q'");
  expect_asm_error(".function f\n  LOAD_CONST '\\x4'\n.end\n", "t.jasm:2:15: error: bad escape: '\\x' needs 2 hex digits");
  expect_asm_error(".function f\n  LOAD_CONST '\\ud800'\n.end\n",
                   "t.jasm:2:15: error: bad escape: surrogate U+D800 is not valid UTF-8");
  expect_asm_error(".function f\n  LOAD_CONST '\\U00110000'\n.end\n",
                   "t.jasm:2:15: error: bad escape: U+110000 is not a code point");
  expect_asm_error(".function f\n  LOAD_CONST 'abc\n.end\n", "t.jasm:2:14: error: unterminated string");
  expect_asm_error(".function f\n  LOAD_CONST 'a\xff'\n.end\n", "t.jasm:2:16: error: string is not valid UTF-8");
  expect_asm_error(".function f\n  LOAD_CONST (1)\n.end\n",
                   "t.jasm:2:14: error: a one-item tuple is written with a trailing comma: (x,)");
  expect_asm_error(".function f\n  LOAD_CONST (1 2)\n.end\n", "t.jasm:2:17: error: expected ',' or ')' in a tuple, found '2'");
  expect_asm_error(".function f\nback:\n  FOR_ITER back\n.end\n",
                   "t.jasm:3:12: error: jump to 'back' goes backward; FOR_ITER jumps forward only");
  expect_asm_error(".function f\n  JUMP_BACKWARD fwd\n  NOP\nfwd:\n.end\n",
                   "t.jasm:2:17: error: jump to 'fwd' goes forward; JUMP_BACKWARD jumps backward only");
  expect_asm_error(".function f\n  MAKE_FUNCTION g\n.end\n", "t.jasm:2:17: error: undefined function 'g'");
  expect_asm_error("  NOP\n", "t.jasm:1:3: error: instruction outside a function (missing .function)");
  expect_asm_error("; nothing\n", "t.jasm:2:1: error: no functions (a module starts with .function NAME)");
  expect_asm_error(".function f\n.function g\n", "t.jasm:2:1: error: missing .end before .function");
  expect_asm_error(".function f\n  NOP\n.locals a\n.end\n", "t.jasm:3:1: error: .locals must come before the first instruction or label");
  expect_asm_error(".function f\n.stack 8193\n.end\n", "t.jasm:2:8: error: max_stack 8193 exceeds the limit 8192");
  expect_asm_error(".function f\n.arity 4294967296\n.end\n", "t.jasm:2:8: error: number out of range (0 to 4294967295)");
  expect_asm_error(".function f\n.frobnicate\n.end\n", "t.jasm:2:1: error: unknown directive '.frobnicate'");
  expect_asm_error(".function f\n  .byte 0x100\n.end\n", "t.jasm:2:9: error: .byte takes a byte: 0x00 to 0xff");
  expect_asm_error(".function f\n  LOAD_CONST float(0x1\n.end\n", "t.jasm:2:14: error: bad constant: expected float(0xHHHHHHHHHHHHHHHH)");
  expect_asm_error(".function f\n  LOAD_CONST 1.5x\n.end\n", "t.jasm:2:14: error: bad number");
  expect_asm_error(".function f\n\x01\n.end\n",
                   "t.jasm:2:1: error: expected an instruction, a label or a directive, found byte 0x01");
  expect_asm_error(".function f\n  BUILD_LIST 1 ; ok\n  BUILD_LIST 1 2\n.end\n",
                   "t.jasm:3:16: error: expected the end of the line, found '2'");
}

Test(formats, asm_limits_name_length) {
  size_t n = NAME_MAX_BYTES + 1;
  char *text = malloc(n + 64);
  memcpy(text, ".function ", 10);
  memset(text + 10, 'a', n);
  strcpy(text + 10 + n, "\n.end\n");
  char *msg = assemble_error(text);
  cr_expect_str_eq(msg, "t.jasm:1:11: error: a function name too long (limit 1048576 bytes)");
  free(msg);
  text[10 + n - 1] = '\n'; /* exactly the limit: fine */
  strcpy(text + 10 + n, ".stack 0\n.end\n");
  Module *m = assemble_ok(text);
  cr_expect_eq(m->funcs[0].name.len, NAME_MAX_BYTES);
  module_free(m);
  free(text);
}

Test(formats, asm_limits_tuple_nesting) {
  StrBuf text;
  strbuf_init(&text);
  strbuf_puts(&text, ".function f\n.stack 1\n  LOAD_CONST ");
  for (int i = 0; i < CONST_MAX_DEPTH; i++) strbuf_puts(&text, "(");
  for (int i = 0; i < CONST_MAX_DEPTH; i++) strbuf_puts(&text, i ? ",)" : ")");
  strbuf_puts(&text, "\n.end\n");
  Module *m = assemble_ok(text.data);
  check_round_trip_module(m);
  module_free(m);
  strbuf_clear(&text);
  strbuf_puts(&text, ".function f\n  LOAD_CONST ");
  for (int i = 0; i < 100000; i++) strbuf_puts(&text, "(");
  strbuf_puts(&text, "\n.end\n");
  char *msg = assemble_error(text.data);
  char expected[128];
  snprintf(expected, sizeof expected, "t.jasm:2:%d: error: constant tuples nested too deep (limit 64)", 14 + CONST_MAX_DEPTH);
  cr_expect_str_eq(msg, expected);
  free(msg);
  strbuf_free(&text);
}

Test(formats, asm_stack_computation_error) {
  /* without .stack, a stack underflow cannot be measured */
  char *msg = assemble_error(".function f\n  POP_TOP\n.end\n");
  const char *prefix = "t.jasm:1:1: error: cannot compute the stack depth (add .stack N): ";
  cr_expect(strncmp(msg, prefix, strlen(prefix)) == 0, "%s", msg);
  free(msg);
}

Test(formats, asm_accepts_crlf_and_comments) {
  Module *m = assemble_ok(".function f ; the module\r\n.stack 1\r\n  LOAD_CONST ';' ; a semicolon\r\n  RETURN_VALUE\r\n.end");
  cr_assert_eq(m->funcs[0].nconsts, 1);
  cr_assert_str_eq(m->funcs[0].consts[0].as.s.data, ";");
  module_free(m);
}

/* Every prefix of a valid text either assembles or fails cleanly. */
Test(formats, asm_survives_every_prefix) {
  size_t n = strlen(loop_jasm);
  for (size_t len = 0; len <= n; len++) {
    StrBuf err;
    strbuf_init(&err);
    Module *m = jasm_assemble("p.jasm", loop_jasm, len, &err);
    if (m) module_free(m);
    else cr_assert(err.data && strncmp(err.data, "p.jasm:", 7) == 0);
    strbuf_free(&err);
  }
}

/* ====================================================================== */
/* Mutated inputs: rejected cleanly, or accepted and then exact */

static void mutate(uint64_t *s, StrBuf *b, const char *alphabet) {
  uint32_t edits = 1 + rnd(s, 4);
  for (uint32_t e = 0; e < edits; e++) {
    uint32_t at = rnd(s, (uint32_t)b->len + 1);
    char c = alphabet ? alphabet[rnd(s, (uint32_t)strlen(alphabet))] : (char)rnd(s, 256);
    switch (rnd(s, 3)) {
    case 0: /* replace */
      if (at < b->len) b->data[at] = c;
      break;
    case 1: /* delete */
      if (at < b->len) {
        memmove(b->data + at, b->data + at + 1, b->len - at - 1);
        b->len--;
      }
      break;
    default: /* insert */
      strbuf_putc(b, 0);
      memmove(b->data + at + 1, b->data + at, b->len - at - 1);
      b->data[at] = c;
      break;
    }
  }
}

Test(formats, mutated_jbc_files) {
  Module *seeds[2] = {assemble_ok(fib_jasm), assemble_ok(loop_jasm)};
  uint64_t s = 7;
  int accepted = 0;
  for (int i = 0; i < 4000; i++) {
    StrBuf b = jbc_of(seeds[i % 2]);
    mutate(&s, &b, NULL);
    StrBuf err;
    strbuf_init(&err);
    Module *m = jbc_read("m.jbc", (const uint8_t *)b.data, b.len, &err);
    if (m) {
      accepted++;
      module_free(m);
      check_round_trip_bytes(&b);
    } else {
      cr_assert(err.data && strncmp(err.data, "m.jbc: error: ", 14) == 0);
    }
    strbuf_free(&err);
    strbuf_free(&b);
  }
  cr_expect_gt(accepted, 100);
  module_free(seeds[0]);
  module_free(seeds[1]);
}

Test(formats, mutated_jasm_texts) {
  const char *seeds[2] = {fib_jasm, loop_jasm};
  uint64_t s = 11;
  int accepted = 0;
  for (int i = 0; i < 4000; i++) {
    StrBuf b;
    strbuf_init(&b);
    strbuf_puts(&b, seeds[i % 2]);
    mutate(&s, &b, "()'\"\\,#@:;.\n -0123456789xuUeLn_aF\x80\xc3\xa9");
    StrBuf err;
    strbuf_init(&err);
    Module *m = jasm_assemble("m.jasm", b.data, b.len, &err);
    if (m) {
      accepted++;
      check_round_trip_module(m);
      module_free(m);
    } else {
      cr_assert(err.data && strncmp(err.data, "m.jasm:", 7) == 0);
      cr_assert_null(strchr(err.data, '\n'), "%s", err.data);
    }
    strbuf_free(&err);
    strbuf_free(&b);
  }
  cr_expect_gt(accepted, 100);
}

/* ====================================================================== */
/* module.c helpers */

Test(formats, instr_decode_and_lines) {
  uint8_t code[] = {OP_NOP, OP_LOAD_CONST, 7, 0, 0, 0, 0xEE, OP_JUMP_BACKWARD, 8, 0, 0, 0, OP_CALL, 1};
  Code c;
  memset(&c, 0, sizeof c);
  c.code = code;
  c.code_len = sizeof code;
  Instr in;
  cr_assert(instr_decode(&c, 0, &in));
  cr_assert_eq(in.size, 1);
  cr_assert(instr_decode(&c, 1, &in));
  cr_assert_eq(in.op, OP_LOAD_CONST);
  cr_assert_eq(in.arg, 7);
  cr_assert_eq(instr_jump_target(&in), -1);
  cr_assert_not(instr_decode(&c, 6, &in)); /* unknown opcode */
  cr_assert_eq(in.op, 0xEE);
  cr_assert_eq(in.size, 1);
  cr_assert(instr_decode(&c, 7, &in));
  cr_assert_eq(instr_jump_target(&in), 4); /* 12 - 8: may land mid-instruction */
  cr_assert_not(instr_decode(&c, 12, &in)); /* CALL cut short */
  cr_assert_eq(in.op, OP_CALL);
  cr_assert_not(instr_decode(&c, 14, &in));
  cr_assert_eq(in.op, -1);

  cr_assert_eq(code_line_at(&c, 3), 0); /* no table */
  LineEntry lines[] = {{0, 10}, {5, 11}, {5, 12}, {9, 13}};
  c.lines = lines;
  c.nlines = 4;
  cr_assert_eq(code_line_at(&c, 0), 10);
  cr_assert_eq(code_line_at(&c, 4), 10);
  cr_assert_eq(code_line_at(&c, 5), 12);
  cr_assert_eq(code_line_at(&c, 100), 13);
  lines[0].offset = 3;
  cr_assert_eq(code_line_at(&c, 1), 0);
}

Test(formats, const_helpers) {
  Const a = {.kind = CK_TUPLE}, b;
  a.as.t.len = 2;
  a.as.t.items = calloc(2, sizeof(Const));
  a.as.t.items[0].kind = CK_FLOAT;
  a.as.t.items[0].as.f = -0.0;
  a.as.t.items[1].kind = CK_STR;
  cr_assert(bytes_set(&a.as.t.items[1].as.s, "a\0b", 3));
  cr_assert(const_copy(&b, &a));
  cr_assert(const_equal(&a, &b));
  b.as.t.items[0].as.f = 0.0;
  cr_assert_not(const_equal(&a, &b)); /* -0.0 and 0.0 differ */
  Const one = {.kind = CK_INT, .as.i = 1}, yes = {.kind = CK_BOOL, .as.i = 1};
  cr_assert_not(const_equal(&one, &yes));
  cr_assert_eq(a.as.t.items[1].as.s.data[3], '\0');
  const_free(&a);
  const_free(&b);
  cr_assert_eq(a.kind, CK_NONE);
}

/* Constants built in memory past the nesting limit are refused, not
 * recursed into. */
Test(formats, writers_refuse_too_deep_constants) {
  Module *m = assemble_ok(".function f\n.stack 1\n  LOAD_CONST ()\n.end\n");
  Const *c = &m->funcs[0].consts[0];
  for (int i = 0; i < CONST_MAX_DEPTH + 5; i++) {
    Const *items = calloc(1, sizeof(Const));
    items[0].kind = CK_TUPLE;
    c->as.t.len = 1;
    c->as.t.items = items;
    c = items;
  }
  StrBuf out;
  strbuf_init(&out);
  cr_assert_not(jbc_write(m, &out));
  strbuf_clear(&out);
  cr_assert_not(jasm_disassemble(m, &out));
  strbuf_free(&out);
  module_free(m);
}
