/* The bytecode verifier: one test per rule (each asserts rejection and a
 * piece of the message), positive tests, verify_max_stack exactness, and a
 * bounded random test whose accepted modules are re-checked by an
 * independent abstract walk. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support.h"
#include "vm/module.h"
#include "vm/opcodes.h"
#include "vm/verify.h"

/* Instruction bytes: I0 for no operand, I1 with a u32 LE operand. */
#define I0(op) OP_##op
#define I1(op, x)                                                                                      \
  OP_##op, (uint8_t)((uint32_t)(x)&0xffu), (uint8_t)(((uint32_t)(x) >> 8) & 0xffu),                   \
      (uint8_t)(((uint32_t)(x) >> 16) & 0xffu), (uint8_t)(((uint32_t)(x) >> 24) & 0xffu)

/* ---- building modules ---- */

static void set_str(Bytes *b, const char *s) { cr_assert(bytes_set(b, s, strlen(s))); }

static void set_locals(Code *c, uint32_t n) {
  for (uint32_t i = 0; c->local_names && i < c->nlocals; i++) free(c->local_names[i].data);
  free(c->local_names);
  c->nlocals = n;
  c->local_names = n ? calloc(n, sizeof *c->local_names) : NULL;
  for (uint32_t i = 0; i < n; i++) {
    char name[16];
    snprintf(name, sizeof name, "l%u", i);
    set_str(&c->local_names[i], name);
  }
}

static void set_code(Code *c, const uint8_t *code, size_t len) {
  free(c->code);
  c->code = len ? malloc(len) : NULL;
  if (len) memcpy(c->code, code, len);
  c->code_len = (uint32_t)len;
}

#define SET_CODE(c, ...)                           \
  do {                                             \
    static const uint8_t code_[] = {__VA_ARGS__};  \
    set_code((c), code_, sizeof code_);            \
  } while (0)

static void add_handler(Code *c, uint32_t start, uint32_t end, uint32_t target, uint32_t depth) {
  c->handlers = realloc(c->handlers, (c->nhandlers + 1) * sizeof *c->handlers);
  c->handlers[c->nhandlers++] = (ExcEntry){start, end, target, depth};
}

static void add_line(Code *c, uint32_t offset, uint32_t line) {
  c->lines = realloc(c->lines, (c->nlines + 1) * sizeof *c->lines);
  c->lines[c->nlines++] = (LineEntry){offset, line};
}

/* A valid module of nfuncs functions f0, f1, ...: each with 2 locals, 2 int
 * constants, 2 names, max_stack 8 and the code `LOAD_CONST 0; RETURN_VALUE`.
 * Tests replace what they need. */
static Module *make_module(uint32_t nfuncs) {
  Module *m = calloc(1, sizeof *m);
  m->nfuncs = nfuncs;
  m->funcs = calloc(nfuncs ? nfuncs : 1, sizeof *m->funcs);
  for (uint32_t i = 0; i < nfuncs; i++) {
    Code *c = &m->funcs[i];
    char name[16];
    snprintf(name, sizeof name, "f%u", i);
    set_str(&c->name, name);
    set_locals(c, 2);
    c->max_stack = 8;
    c->nconsts = 2;
    c->consts = calloc(2, sizeof *c->consts);
    c->consts[0] = (Const){.kind = CK_INT, .as.i = 10};
    c->consts[1] = (Const){.kind = CK_INT, .as.i = 20};
    c->nnames = 2;
    c->names = calloc(2, sizeof *c->names);
    set_str(&c->names[0], "x");
    set_str(&c->names[1], "y");
    SET_CODE(c, I1(LOAD_CONST, 0), I0(RETURN_VALUE));
  }
  return m;
}

static void expect_valid(Module *m) {
  StrBuf err;
  strbuf_init(&err);
  bool ok = verify_module(m, &err);
  cr_expect(ok, "rejected: %s", err.data ? err.data : "");
  strbuf_free(&err);
  module_free(m);
}

/* Rejected, with `part` in the one-line message. */
static void expect_fault(Module *m, const char *part) {
  StrBuf err;
  strbuf_init(&err);
  bool ok = verify_module(m, &err);
  cr_expect(!ok, "accepted, expected: %s", part);
  cr_expect(err.data && strstr(err.data, part), "message \"%s\" lacks \"%s\"", err.data ? err.data : "", part);
  cr_expect(err.data && !strchr(err.data, '\n'), "message is not one line");
  strbuf_free(&err);
  module_free(m);
}

static Module *one(void) { return make_module(1); }
static Code *f0(Module *m) { return &m->funcs[0]; }

/* ---- module ---- */

Test(verify_module, valid_default) { expect_valid(one()); }

Test(verify_module, no_functions) {
  expect_fault(make_module(0), "module: no functions");
  cr_expect(!verify_module(NULL, NULL));
}

Test(verify_module, too_many_functions) {
  Module *m = calloc(1, sizeof *m);
  m->nfuncs = MODULE_MAX_FUNCS + 1;
  m->funcs = calloc(m->nfuncs, sizeof *m->funcs);
  expect_fault(m, "module: 65537 functions (at most 65536)");
}

Test(verify_module, top_level_arity) {
  Module *m = one();
  f0(m)->arity = 1;
  expect_fault(m, "function 0 (f0): the top-level function has arity 1 (must be 0)");
}

Test(verify_module, err_is_appended_and_may_be_null) {
  Module *m = one();
  f0(m)->arity = 1;
  cr_expect(!verify_module(m, NULL));
  StrBuf err;
  strbuf_init(&err);
  strbuf_puts(&err, "x.jbc: error: verify: ");
  cr_expect(!verify_module(m, &err));
  cr_expect_str_eq(err.data, "x.jbc: error: verify: function 0 (f0): the top-level function has arity 1 (must be 0)");
  strbuf_free(&err);
  module_free(m);
}

/* ---- function header ---- */

Test(verify_header, arity_exceeds_locals) {
  Module *m = make_module(2);
  m->funcs[1].arity = 3;
  expect_fault(m, "function 1 (f1): arity 3 exceeds the number of locals 2");
}

Test(verify_header, too_many_locals) {
  Module *m = one();
  set_locals(f0(m), CODE_MAX_LOCALS + 1);
  expect_fault(m, "8193 locals (at most 8192)");
}

Test(verify_header, max_stack_limit) {
  Module *m = one();
  f0(m)->max_stack = CODE_MAX_STACK + 1;
  expect_fault(m, "max_stack 8193 (at most 8192)");
}

Test(verify_header, empty_code) {
  Module *m = one();
  set_code(f0(m), NULL, 0);
  expect_fault(m, "function 0 (f0): empty code");
}

Test(verify_header, code_too_long) {
  Module *m = one();
  free(f0(m)->code);
  f0(m)->code_len = CODE_MAX_BYTES + 1;
  f0(m)->code = calloc(f0(m)->code_len, 1);
  expect_fault(m, "16777217 bytes of code (at most 16777216)");
}

Test(verify_header, too_many_constants) {
  Module *m = one();
  Code *c = f0(m);
  free(c->consts);
  c->nconsts = CODE_MAX_CONSTS + 1;
  c->consts = calloc(c->nconsts, sizeof *c->consts);
  expect_fault(m, "1048577 constants (at most 1048576)");
}

Test(verify_header, too_many_names) {
  Module *m = one();
  Code *c = f0(m);
  for (uint32_t i = 0; i < c->nnames; i++) free(c->names[i].data);
  free(c->names);
  c->nnames = CODE_MAX_NAMES + 1;
  c->names = calloc(c->nnames, sizeof *c->names);
  expect_fault(m, "1048577 names (at most 1048576)");
}

Test(verify_header, too_many_handlers) {
  Module *m = one();
  Code *c = f0(m);
  c->nhandlers = CODE_MAX_HANDLERS + 1;
  c->handlers = calloc(c->nhandlers, sizeof *c->handlers);
  expect_fault(m, "65537 exception handlers (at most 65536)");
}

Test(verify_header, missing_table) {
  Module *m = one();
  f0(m)->nlines = 3; /* lines stays NULL */
  expect_fault(m, "a table with a nonzero count is missing");
}

/* ---- names and constants ---- */

Test(verify_names, function_name_without_bytes) {
  Module *m = one();
  free(f0(m)->name.data);
  f0(m)->name = (Bytes){0, NULL};
  expect_fault(m, "function 0 (?): the function name has no bytes");
}

Test(verify_names, local_name_not_utf8) {
  Module *m = one();
  free(f0(m)->local_names[1].data);
  cr_assert(bytes_set(&f0(m)->local_names[1], "a\xff", 2));
  expect_fault(m, "local name 1 is not valid UTF-8");
}

Test(verify_names, name_too_long) {
  Module *m = one();
  Code *c = f0(m);
  free(c->names[0].data);
  char *big = malloc(NAME_MAX_BYTES + 1);
  memset(big, 'n', NAME_MAX_BYTES + 1);
  cr_assert(bytes_set(&c->names[0], big, NAME_MAX_BYTES + 1));
  free(big);
  expect_fault(m, "name 0 is longer than 1048576 bytes");
}

Test(verify_names, escaped_function_name_in_messages) {
  Module *m = one();
  free(f0(m)->name.data);
  cr_assert(bytes_set(&f0(m)->name, "a\nb\\", 4));
  f0(m)->arity = 1;
  expect_fault(m, "function 0 (a\\x0ab\\x5c): the top-level function has arity 1");
}

Test(verify_consts, unknown_kind) {
  Module *m = one();
  f0(m)->consts[1].kind = CK_COUNT;
  expect_fault(m, "constant 1: unknown kind 6");
}

Test(verify_consts, string_not_utf8) {
  Module *m = one();
  Const *k = &f0(m)->consts[0];
  k->kind = CK_STR;
  cr_assert(bytes_set(&k->as.s, "\xc0\x80", 2)); /* overlong NUL */
  expect_fault(m, "a string in constant 0 is not valid UTF-8");
}

/* A constant made of `depth` nested one-item tuples around a string. */
static void set_nested_tuple(Const *k, int depth) {
  for (int i = 0; i < depth; i++) {
    k->kind = CK_TUPLE;
    k->as.t.len = 1;
    k->as.t.items = calloc(1, sizeof(Const));
    k = k->as.t.items;
  }
  k->kind = CK_STR;
  cr_assert(bytes_set(&k->as.s, "leaf", 4));
}

Test(verify_consts, tuple_nesting_limit) {
  Module *m = one();
  set_nested_tuple(&f0(m)->consts[1], CONST_MAX_DEPTH);
  expect_valid(m);
  m = one();
  set_nested_tuple(&f0(m)->consts[1], CONST_MAX_DEPTH + 1);
  expect_fault(m, "constant 1: tuples nested deeper than 64");
}

Test(verify_consts, tuple_items_checked) {
  Module *m = one();
  Const *k = &f0(m)->consts[0];
  k->kind = CK_TUPLE;
  k->as.t.len = 3;
  k->as.t.items = calloc(3, sizeof(Const));
  k->as.t.items[2].kind = CK_STR;
  cr_assert(bytes_set(&k->as.t.items[2].as.s, "\xed\xa0\x80", 3)); /* a surrogate */
  expect_fault(m, "a string in constant 0 is not valid UTF-8");
}

/* ---- linear decode ---- */

Test(verify_decode, unknown_opcode) {
  Module *m = one();
  SET_CODE(f0(m), I0(NOP), 0xff, I0(RETURN_VALUE));
  expect_fault(m, "function 0 (f0) at offset 1: unknown opcode byte 0xff");
}

Test(verify_decode, unknown_opcode_first_past_table) {
  Module *m = one();
  SET_CODE(f0(m), OP_COUNT);
  expect_fault(m, "at offset 0: unknown opcode byte");
}

Test(verify_decode, truncated) {
  Module *m = one();
  SET_CODE(f0(m), I1(LOAD_CONST, 0), I0(RETURN_VALUE), OP_LOAD_CONST, 0, 0);
  expect_fault(m, "at offset 6: LOAD_CONST: instruction truncated by the end of the code (5 bytes, 3 left)");
}

Test(verify_decode, example_message_exact) {
  Module *m = make_module(2);
  Code *c = &m->funcs[1];
  free(c->name.data);
  set_str(&c->name, "fib");
  set_locals(c, 3);
  SET_CODE(c, I1(LOAD_CONST, 0), I1(LOAD_CONST, 1), I0(POP_TOP), I0(POP_TOP), I1(LOAD_FAST, 7), I0(RETURN_VALUE));
  StrBuf err;
  strbuf_init(&err);
  cr_expect(!verify_module(m, &err));
  cr_expect_str_eq(err.data, "function 1 (fib) at offset 12: LOAD_FAST: local index 7 out of range (3 locals)");
  strbuf_free(&err);
  module_free(m);
}

Test(verify_decode, const_index) {
  Module *m = one();
  SET_CODE(f0(m), I1(LOAD_CONST, 2), I0(RETURN_VALUE));
  expect_fault(m, "at offset 0: LOAD_CONST: constant index 2 out of range (2 constants)");
}

Test(verify_decode, local_index) {
  Module *m = one();
  SET_CODE(f0(m), I1(LOAD_CONST, 0), I1(STORE_FAST, 2), I1(LOAD_CONST, 0), I0(RETURN_VALUE));
  expect_fault(m, "at offset 5: STORE_FAST: local index 2 out of range (2 locals)");
}

Test(verify_decode, name_index) {
  Module *m = one();
  SET_CODE(f0(m), I1(LOAD_GLOBAL, 0xffffffffu), I0(RETURN_VALUE));
  expect_fault(m, "LOAD_GLOBAL: name index 4294967295 out of range (2 names)");
}

Test(verify_decode, function_index) {
  Module *m = make_module(3);
  SET_CODE(f0(m), I1(MAKE_FUNCTION, 2), I1(MAKE_FUNCTION, 3), I0(RETURN_VALUE));
  expect_fault(m, "at offset 5: MAKE_FUNCTION: function index 3 out of range (3 functions)");
}

Test(verify_decode, binop) {
  Module *m = one();
  SET_CODE(f0(m), I1(LOAD_CONST, 0), I1(LOAD_CONST, 1), I1(BINARY_OP, BINOP_COUNT - 1), I1(LOAD_CONST, 1),
           I1(BINARY_OP, BINOP_COUNT), I0(RETURN_VALUE));
  expect_fault(m, "at offset 20: BINARY_OP: operator 24 out of range (24 operators)");
}

Test(verify_decode, cmpop) {
  Module *m = one();
  SET_CODE(f0(m), I1(LOAD_CONST, 0), I1(LOAD_CONST, 1), I1(COMPARE_OP, CMPOP_COUNT), I0(RETURN_VALUE));
  expect_fault(m, "COMPARE_OP: comparison 6 out of range (6 comparisons)");
}

Test(verify_decode, flag) {
  Module *m = one();
  SET_CODE(f0(m), I1(LOAD_CONST, 0), I1(LOAD_CONST, 1), I1(IS_OP, 1), I1(LOAD_CONST, 1), I1(CONTAINS_OP, 2),
           I0(RETURN_VALUE));
  expect_fault(m, "at offset 20: CONTAINS_OP: flag 2 is not 0 or 1");
}

Test(verify_decode, copy_minimum) {
  Module *m = one();
  SET_CODE(f0(m), I1(LOAD_CONST, 0), I1(COPY, 0), I0(RETURN_VALUE));
  expect_fault(m, "at offset 5: COPY: count 0 is below the minimum 1");
}

Test(verify_decode, swap_minimum) {
  Module *m = one();
  SET_CODE(f0(m), I1(LOAD_CONST, 0), I1(SWAP, 1), I0(RETURN_VALUE));
  expect_fault(m, "SWAP: count 1 is below the minimum 2");
}

Test(verify_decode, list_append_minimum) {
  Module *m = one();
  SET_CODE(f0(m), I1(BUILD_LIST, 0), I1(LOAD_CONST, 0), I1(LIST_APPEND, 0), I0(RETURN_VALUE));
  expect_fault(m, "LIST_APPEND: count 0 is below the minimum 1");
}

Test(verify_decode, count_bound) {
  Module *m = one();
  SET_CODE(f0(m), I1(BUILD_MAP, 0xffffffffu), I0(RETURN_VALUE));
  expect_fault(m, "BUILD_MAP: count 4294967295 out of range (at most 8192)");
}

Test(verify_decode, count_pops_in_64_bits) {
  /* BUILD_MAP 8192 pops 16384 (computed in 64 bits): an underflow, not a
   * wrapped count. */
  Module *m = one();
  SET_CODE(f0(m), I1(BUILD_MAP, CODE_MAX_STACK), I0(RETURN_VALUE));
  expect_fault(m, "BUILD_MAP: stack underflow (depth 0, pops 16384)");
}

Test(verify_decode, jump_outside_code) {
  Module *m = one();
  SET_CODE(f0(m), I1(JUMP_FORWARD, 6), I1(LOAD_CONST, 0), I0(RETURN_VALUE));
  expect_fault(m, "at offset 0: JUMP_FORWARD: jump target 11 outside the code (11 bytes)");
  m = one();
  SET_CODE(f0(m), I1(LOAD_CONST, 0), I0(RETURN_VALUE), I1(JUMP_BACKWARD, 12));
  expect_fault(m, "at offset 6: JUMP_BACKWARD: jump target -1 outside the code (11 bytes)");
  m = one();
  SET_CODE(f0(m), I1(LOAD_CONST, 0), I1(POP_JUMP_IF_TRUE, 0xffffffffu), I1(LOAD_CONST, 0), I0(RETURN_VALUE));
  expect_fault(m, "POP_JUMP_IF_TRUE: jump target 4294967305 outside the code");
}

Test(verify_decode, jump_into_instruction) {
  Module *m = one();
  SET_CODE(f0(m), I1(JUMP_FORWARD, 1), I1(LOAD_CONST, 0), I0(RETURN_VALUE));
  expect_fault(m, "at offset 0: JUMP_FORWARD: jump target 6 is not at the start of an instruction");
}

Test(verify_decode, backward_jump_must_go_backward) {
  Module *m = one();
  SET_CODE(f0(m), I1(JUMP_BACKWARD, 0), I1(LOAD_CONST, 0), I0(RETURN_VALUE));
  expect_fault(m, "at offset 0: JUMP_BACKWARD: backward jump to 5 does not go backward");
}

Test(verify_decode, unreachable_code_still_decoded) {
  Module *m = one();
  SET_CODE(f0(m), I1(LOAD_CONST, 0), I0(RETURN_VALUE), I1(LOAD_FAST, 9), I0(RETURN_VALUE));
  expect_fault(m, "at offset 6: LOAD_FAST: local index 9 out of range (2 locals)");
}

/* ---- stack analysis ---- */

Test(verify_stack, underflow) {
  Module *m = one();
  SET_CODE(f0(m), I0(POP_TOP), I1(LOAD_CONST, 0), I0(RETURN_VALUE));
  expect_fault(m, "function 0 (f0) at offset 0: POP_TOP: stack underflow (depth 0, pops 1)");
}

Test(verify_stack, overflow) {
  Module *m = one();
  f0(m)->max_stack = 1;
  SET_CODE(f0(m), I1(LOAD_CONST, 0), I1(LOAD_CONST, 1), I0(POP_TOP), I0(RETURN_VALUE));
  expect_fault(m, "at offset 5: LOAD_CONST: stack overflow (depth 2 exceeds max_stack 1)");
}

Test(verify_stack, merge_mismatch) {
  /* 0 LOAD_CONST; 5 POP_JUMP_IF_FALSE -> 15; 10 LOAD_CONST; 15 LOAD_CONST; 20 RETURN_VALUE */
  Module *m = one();
  SET_CODE(f0(m), I1(LOAD_CONST, 0), I1(POP_JUMP_IF_FALSE, 5), I1(LOAD_CONST, 0), I1(LOAD_CONST, 1),
           I0(RETURN_VALUE));
  expect_fault(m, "at offset 15: LOAD_CONST: stack depth 1 on one path and 0 on another");
}

Test(verify_stack, falls_off_the_end) {
  Module *m = one();
  SET_CODE(f0(m), I1(LOAD_CONST, 0), I0(POP_TOP));
  expect_fault(m, "at offset 5: POP_TOP: execution falls off the end of the code");
  m = one(); /* a conditional jump last: its target is past the end (they jump forward) */
  SET_CODE(f0(m), I1(LOAD_CONST, 0), I1(POP_JUMP_IF_FALSE, 0));
  expect_fault(m, "POP_JUMP_IF_FALSE: jump target 10 outside the code");
  m = one();
  SET_CODE(f0(m), I1(LOAD_CONST, 0), I0(RETURN_VALUE), I1(JUMP_BACKWARD, 6), I1(LOAD_CONST, 0), I0(UNARY_NOT));
  expect_valid(m); /* the unreachable last instruction may "fall off" */
  m = one();
  SET_CODE(f0(m), I1(JUMP_FORWARD, 0), I1(LOAD_CONST, 0), I0(UNARY_NOT));
  expect_fault(m, "at offset 10: UNARY_NOT: execution falls off the end of the code");
}

/* for x in c: l0 = x; return c1 */
static const uint8_t for_loop[] = {
    I1(LOAD_CONST, 0),     /* 0 */
    I0(GET_ITER),          /* 5: depth 1 */
    I1(FOR_ITER, 10),      /* 6: -> 21; falls through with 2, jumps with 0 */
    I1(STORE_FAST, 0),     /* 11 */
    I1(JUMP_BACKWARD, 15), /* 16: -> 6 */
    I1(LOAD_CONST, 1),     /* 21 */
    I0(RETURN_VALUE),      /* 26 */
};

Test(verify_stack, for_loop_valid) {
  Module *m = one();
  f0(m)->max_stack = 2;
  set_code(f0(m), for_loop, sizeof for_loop);
  expect_valid(m);
  m = one();
  f0(m)->max_stack = 1;
  set_code(f0(m), for_loop, sizeof for_loop);
  expect_fault(m, "at offset 6: FOR_ITER: stack overflow (depth 2 exceeds max_stack 1)");
}

Test(verify_stack, for_iter_exit_edge_pops_the_iterator) {
  /* The exit target expects the iterator still on the stack (it is not). */
  Module *m = one();
  SET_CODE(f0(m), I1(LOAD_CONST, 0), I0(GET_ITER), I1(FOR_ITER, 10), I1(STORE_FAST, 0), I1(JUMP_BACKWARD, 15),
           I0(POP_TOP), I1(LOAD_CONST, 1), I0(RETURN_VALUE));
  expect_fault(m, "at offset 21: POP_TOP: stack underflow (depth 0, pops 1)");
}

Test(verify_stack, nofall_has_no_fall_through) {
  /* Dead code after RETURN_VALUE and after JUMP_FORWARD would underflow and
   * fall off the end; it gets no stack analysis. */
  Module *m = one();
  SET_CODE(f0(m), I1(JUMP_FORWARD, 2), I0(POP_TOP), I0(POP_TOP), I1(LOAD_CONST, 0), I0(RETURN_VALUE), I0(POP_TOP),
           I1(BINARY_OP, 0));
  expect_valid(m);
}

Test(verify_stack, copy_swap_juggling) {
  Module *m = one();
  f0(m)->max_stack = 4;
  SET_CODE(f0(m), I1(LOAD_CONST, 0), I1(LOAD_CONST, 1), I1(COPY, 2), I1(SWAP, 3), I1(COPY, 1), I1(SWAP, 4),
           I1(SWAP, 2), I0(POP_TOP), I1(BUILD_TUPLE, 3), I1(UNPACK_SEQUENCE, 3), I1(BUILD_LIST, 2), I1(LIST_APPEND, 1),
           I0(RETURN_VALUE));
  expect_valid(m);
  m = one();
  SET_CODE(f0(m), I1(LOAD_CONST, 0), I1(LOAD_CONST, 1), I1(SWAP, 3), I0(RETURN_VALUE));
  expect_fault(m, "at offset 10: SWAP: stack underflow (depth 2, pops 3)");
  m = one();
  SET_CODE(f0(m), I1(LOAD_CONST, 0), I1(COPY, 2), I0(RETURN_VALUE));
  expect_fault(m, "at offset 5: COPY: stack underflow (depth 1, pops 2)");
}

Test(verify_stack, calls_and_methods) {
  Module *m = make_module(2);
  f0(m)->max_stack = 3;
  SET_CODE(f0(m), I1(MAKE_FUNCTION, 1), I1(LOAD_CONST, 0), I1(LOAD_CONST, 1), I1(CALL, 2), I1(LOAD_METHOD, 0),
           I1(CALL, 1), I0(RETURN_VALUE));
  expect_valid(m);
}

/* ---- exception table ---- */

/* try: (try: -c0 except: pass) except: pass; return c1
 * inner [1, 8) -> 13 depth 0, outer [0, 19) -> 24 depth 0 */
static const uint8_t nested_try[] = {
    I0(NOP),              /* 0 */
    I1(LOAD_CONST, 0),    /* 1 */
    I0(UNARY_NEGATIVE),   /* 6 */
    I0(POP_TOP),          /* 7 */
    I1(JUMP_FORWARD, 6),  /* 8: -> 19 */
    I0(POP_TOP),          /* 13: inner handler, depth 1 */
    I1(JUMP_FORWARD, 0),  /* 14: -> 19 */
    I1(JUMP_FORWARD, 1),  /* 19: -> 25 */
    I0(POP_TOP),          /* 24: outer handler, depth 1 */
    I1(LOAD_CONST, 1),    /* 25 */
    I0(RETURN_VALUE),     /* 30 */
};

static Module *nested_try_module(void) {
  Module *m = one();
  Code *c = f0(m);
  c->max_stack = 1;
  set_code(c, nested_try, sizeof nested_try);
  add_handler(c, 1, 8, 13, 0);
  add_handler(c, 0, 19, 24, 0);
  return m;
}

Test(verify_handlers, nested_valid) { expect_valid(nested_try_module()); }

/* for x in c0: try: l0 = x; l0 except: pop ... with an outer try around the loop. */
static const uint8_t loop_try[] = {
    I1(LOAD_CONST, 0),     /* 0 */
    I0(GET_ITER),          /* 5 */
    I1(FOR_ITER, 22),      /* 6: -> 33 */
    I1(STORE_FAST, 0),     /* 11: depth 2; inner [11, 22) depth 1 */
    I1(LOAD_FAST, 0),      /* 16 */
    I0(POP_TOP),           /* 21 */
    I1(JUMP_BACKWARD, 21), /* 22: -> 6 */
    I0(POP_TOP),           /* 27: inner handler, depth 2 */
    I1(JUMP_BACKWARD, 27), /* 28: -> 6 */
    I1(LOAD_CONST, 1),     /* 33 */
    I0(RETURN_VALUE),      /* 38 */
    I0(POP_TOP),           /* 39: outer handler [6, 33) depth 0 */
    I1(LOAD_CONST, 1),     /* 40 */
    I0(RETURN_VALUE),      /* 45 */
};

static Module *loop_try_module(void) {
  Module *m = one();
  Code *c = f0(m);
  c->max_stack = 2;
  set_code(c, loop_try, sizeof loop_try);
  add_handler(c, 11, 22, 27, 1);
  add_handler(c, 6, 33, 39, 0);
  return m;
}

Test(verify_handlers, nested_in_loop_valid) { expect_valid(loop_try_module()); }

Test(verify_handlers, end_at_code_len_valid) {
  Module *m = one();
  SET_CODE(f0(m), I1(LOAD_CONST, 0), I0(RETURN_VALUE), I0(RETURN_VALUE));
  add_handler(f0(m), 0, 7, 6, 0);
  expect_valid(m);
}

Test(verify_handlers, start_not_before_end) {
  Module *m = nested_try_module();
  f0(m)->handlers[1].end = 0;
  expect_fault(m, "function 0 (f0): exception handler 1: start 0 is not before end 0");
}

Test(verify_handlers, start_inside_instruction) {
  Module *m = nested_try_module();
  f0(m)->handlers[0].start = 2;
  expect_fault(m, "exception handler 0: start 2 is not at the start of an instruction");
}

Test(verify_handlers, end_inside_instruction) {
  Module *m = nested_try_module();
  f0(m)->handlers[0].end = 9;
  expect_fault(m, "exception handler 0: end 9 is neither at the start of an instruction nor the end of the code");
  m = nested_try_module();
  f0(m)->handlers[0].end = sizeof nested_try + 1;
  expect_fault(m, "exception handler 0: end 32 is neither");
}

Test(verify_handlers, target_inside_instruction) {
  Module *m = nested_try_module();
  f0(m)->handlers[1].target = 26;
  expect_fault(m, "exception handler 1: target 26 is not at the start of an instruction");
  m = nested_try_module();
  f0(m)->handlers[1].target = sizeof nested_try;
  expect_fault(m, "exception handler 1: target 31 is not at the start of an instruction");
}

Test(verify_handlers, no_room_for_the_exception) {
  Module *m = nested_try_module();
  f0(m)->handlers[0].depth = 1;
  expect_fault(m, "exception handler 0: depth 1 leaves no room for the exception (max_stack 1)");
  m = nested_try_module();
  f0(m)->handlers[0].depth = UINT32_MAX;
  expect_fault(m, "exception handler 0: depth 4294967295 leaves no room");
}

Test(verify_handlers, target_depth_must_agree) {
  /* The handler target is also reached by falling through with depth 0. */
  Module *m = one();
  SET_CODE(f0(m), I0(NOP), I1(LOAD_CONST, 0), I0(RETURN_VALUE));
  add_handler(f0(m), 0, 1, 1, 0);
  expect_fault(m, "at offset 1: LOAD_CONST: stack depth 0 on one path and 1 on another");
  m = nested_try_module(); /* two entries into one target with different depths */
  f0(m)->max_stack = 2;
  add_handler(f0(m), 0, 1, 13, 1);
  expect_fault(m, "at offset 13: POP_TOP: stack depth 2 on one path and 1 on another");
}

Test(verify_handlers, stack_below_handler_depth) {
  /* RETURN_VALUE in [5, 6) leaves 0 values, below the handler's depth 1. */
  Module *m = one();
  f0(m)->max_stack = 2;
  SET_CODE(f0(m), I1(LOAD_CONST, 0), I0(RETURN_VALUE), I0(RETURN_VALUE));
  add_handler(f0(m), 5, 6, 6, 1);
  expect_fault(m, "at offset 5: RETURN_VALUE: stack depth 0 after its pops is below the depth 1 of exception handler 0");
  m = loop_try_module(); /* FOR_ITER consumes the iterator: below the inner depth 1 */
  f0(m)->handlers[0].start = 6;
  expect_fault(m, "at offset 6: FOR_ITER: stack depth 0 after its pops is below the depth 1 of exception handler 0");
}

Test(verify_handlers, unreachable_covered_code_is_not_range_checked) {
  /* Dead code inside a deep handler's range has no depth: not checked. */
  Module *m = one();
  f0(m)->max_stack = 3;
  SET_CODE(f0(m), I1(LOAD_CONST, 0), I0(RETURN_VALUE), I0(POP_TOP), I0(RETURN_VALUE), I0(RETURN_VALUE));
  add_handler(f0(m), 6, 7, 8, 2);
  expect_valid(m);
}

/* ---- line table ---- */

Test(verify_lines, valid) {
  Module *m = nested_try_module();
  add_line(f0(m), 0, 1);
  add_line(f0(m), 1, 2);
  add_line(f0(m), 30, 9);
  expect_valid(m);
}

Test(verify_lines, not_increasing) {
  Module *m = nested_try_module();
  add_line(f0(m), 0, 1);
  add_line(f0(m), 8, 2);
  add_line(f0(m), 8, 3);
  expect_fault(m, "function 0 (f0): line table entry 2: offset 8 does not come after offset 8");
}

Test(verify_lines, not_at_instruction_start) {
  Module *m = nested_try_module();
  add_line(f0(m), 0, 1);
  add_line(f0(m), 2, 2);
  expect_fault(m, "line table entry 1: offset 2 is not at the start of an instruction");
  m = nested_try_module();
  add_line(f0(m), sizeof nested_try, 2);
  expect_fault(m, "line table entry 0: offset 31 is not at the start of an instruction");
}

/* ---- verify_max_stack ---- */

static uint32_t max_stack_of(Module *m, uint32_t index) {
  StrBuf err;
  strbuf_init(&err);
  uint32_t n = 12345;
  bool ok = verify_max_stack(m, index, &n, &err);
  cr_assert(ok, "verify_max_stack failed: %s", err.data ? err.data : "");
  strbuf_free(&err);
  return n;
}

/* The computed depth is exact: declared, the module verifies; one less, it
 * does not. */
static void expect_exact_max_stack(Module *m, uint32_t expected) {
  Code *c = f0(m);
  c->max_stack = 0; /* ignored by verify_max_stack */
  uint32_t n = max_stack_of(m, 0);
  cr_expect_eq(n, expected, "max stack %u, expected %u", n, expected);
  c->max_stack = n;
  cr_expect(verify_module(m, NULL));
  if (n > 0) {
    c->max_stack = n - 1;
    cr_expect(!verify_module(m, NULL));
  }
  module_free(m);
}

Test(verify_max_stack, straight_line) {
  Module *m = one();
  SET_CODE(f0(m), I1(LOAD_CONST, 0), I1(LOAD_CONST, 1), I1(LOAD_CONST, 0), I1(BUILD_TUPLE, 3), I0(RETURN_VALUE));
  expect_exact_max_stack(m, 3);
}

Test(verify_max_stack, juggling_and_unpack) {
  Module *m = one();
  SET_CODE(f0(m), I1(LOAD_CONST, 0), I1(UNPACK_SEQUENCE, 5), I1(BUILD_TUPLE, 5), I1(LOAD_CONST, 1), I1(COPY, 2),
           I1(SWAP, 3), I1(BUILD_MAP, 1), I1(BUILD_LIST, 1), I0(RETURN_VALUE));
  expect_exact_max_stack(m, 5);
}

Test(verify_max_stack, loops_and_handlers) {
  Module *m = one();
  set_code(f0(m), for_loop, sizeof for_loop);
  expect_exact_max_stack(m, 2);
  expect_exact_max_stack(nested_try_module(), 1);
  expect_exact_max_stack(loop_try_module(), 2);
  m = one(); /* a handler's depth + 1 counts beyond what the code itself reaches */
  SET_CODE(f0(m), I1(LOAD_CONST, 0), I0(NOP), I0(RETURN_VALUE), I0(RETURN_VALUE));
  add_handler(f0(m), 5, 6, 7, 1);
  expect_exact_max_stack(m, 2);
}

Test(verify_max_stack, invalid_function_and_index) {
  Module *m = make_module(2);
  SET_CODE(&m->funcs[1], I0(POP_TOP), I0(RETURN_VALUE));
  uint32_t n = 0;
  StrBuf err;
  strbuf_init(&err);
  cr_expect(!verify_max_stack(m, 1, &n, &err));
  cr_expect(strstr(err.data, "function 1 (f1) at offset 0: POP_TOP: stack underflow"), "%s", err.data);
  strbuf_clear(&err);
  cr_expect(!verify_max_stack(m, 2, &n, &err));
  cr_expect_str_eq(err.data, "module: no function 2 (2 functions)");
  strbuf_free(&err);
  cr_expect_eq(max_stack_of(m, 0), 1);
  module_free(m);
}

Test(verify_max_stack, hits_the_limit) {
  Module *m = one();
  size_t n = (size_t)CODE_MAX_STACK + 1;
  uint8_t *code = malloc(n * 5 + 1);
  for (size_t i = 0; i < n; i++) memcpy(code + 5 * i, (const uint8_t[]){I1(LOAD_CONST, 0)}, 5);
  code[n * 5] = OP_RETURN_VALUE;
  set_code(f0(m), code, n * 5 + 1);
  free(code);
  StrBuf err;
  strbuf_init(&err);
  uint32_t depth = 0;
  cr_expect(!verify_max_stack(m, 0, &depth, &err));
  cr_expect(strstr(err.data, "at offset 40960: LOAD_CONST: stack overflow (depth 8193 exceeds the stack limit 8192)"),
            "%s", err.data);
  strbuf_free(&err);
  module_free(m);
}

/* ---- random code ---- */

/* An independent check of the guarantee on an accepted function: a random
 * walk over its control flow (taking random branches and, at random,
 * raising into the first covering handler) must never see the stack go
 * below zero or above max_stack, leave the instruction starts, or meet an
 * operand out of range. */
static void abstract_walk(const Module *m, const Code *c, uint64_t *rng) {
  uint8_t *start = calloc(c->code_len, 1);
  for (uint32_t off = 0; off < c->code_len;) {
    cr_assert_lt(c->code[off], OP_COUNT);
    uint32_t size = opcode_size(c->code[off]);
    cr_assert_leq(size, c->code_len - off);
    start[off] = 1;
    off += size;
  }
  uint32_t ip = 0;
  int64_t depth = 0;
  for (int steps = 0; steps < 400; steps++) {
    cr_assert(ip < c->code_len && start[ip], "ip %u is not an instruction start", ip);
    Instr in;
    cr_assert(instr_decode(c, ip, &in));
    const OpcodeInfo *info = &opcode_info[in.op];
    switch (info->operand) {
    case OPK_CONST: cr_assert_lt(in.arg, c->nconsts); break;
    case OPK_LOCAL: cr_assert_lt(in.arg, c->nlocals); break;
    case OPK_NAME: cr_assert_lt(in.arg, c->nnames); break;
    case OPK_FUNC: cr_assert_lt(in.arg, m->nfuncs); break;
    case OPK_BINOP: cr_assert_lt(in.arg, BINOP_COUNT); break;
    case OPK_CMPOP: cr_assert_lt(in.arg, CMPOP_COUNT); break;
    case OPK_FLAG: cr_assert_leq(in.arg, 1); break;
    default: break;
    }
    int64_t pops = opcode_pops(in.op, in.arg);
    cr_assert_geq(depth - pops, 0, "underflow at %u", ip);
    cr_assert_leq(depth - pops + opcode_pushes(in.op, in.arg), c->max_stack, "overflow at %u", ip);
    if (test_rand(rng) % 8 == 0) { /* raise here */
      const ExcEntry *h = NULL;
      for (uint32_t i = 0; i < c->nhandlers && !h; i++)
        if (c->handlers[i].start <= ip && ip < c->handlers[i].end) h = &c->handlers[i];
      if (!h) break;
      cr_assert_geq(depth - pops, h->depth, "stack below the handler at %u", ip);
      cr_assert_lt(h->depth, c->max_stack);
      depth = h->depth + 1;
      ip = h->target;
      continue;
    }
    bool can_fall = !(info->flags & OPF_NOFALL);
    bool can_jump = info->flags & OPF_JUMP;
    if (!can_fall && !can_jump) break;
    if (can_jump && (!can_fall || test_rand(rng) % 2)) {
      depth = depth - pops + opcode_branch_pushes(in.op, in.arg);
      int64_t target = instr_jump_target(&in);
      cr_assert(target >= 0 && target < c->code_len);
      ip = (uint32_t)target;
    } else {
      depth = depth - pops + opcode_pushes(in.op, in.arg);
      ip += in.size;
    }
  }
  free(start);
}

static void put_instr(uint8_t *buf, uint32_t *len, int op, uint32_t arg) {
  buf[(*len)++] = (uint8_t)op;
  if (opcode_size(op) == 5)
    for (int i = 0; i < 4; i++) buf[(*len)++] = (uint8_t)(arg >> (8 * i));
}

/* Plausible code: a simulated straight-line depth keeps most instructions
 * from underflowing, jumps and handlers land on instruction starts often
 * enough, and arguments are occasionally wild. */
static uint32_t shaped_code(uint64_t *rng, uint8_t *buf, uint32_t *starts, uint32_t *nstarts) {
  uint32_t len = 0, n = 1 + (uint32_t)(test_rand(rng) % 20);
  int64_t depth = 0;
  *nstarts = 0;
  for (uint32_t i = 0; i < n; i++) {
    uint64_t r = test_rand(rng);
    int op = (int)(r % OP_COUNT);
    uint32_t arg = (uint32_t)((r >> 8) % 4);
    if (opcode_info[op].flags & OPF_JUMP) arg = (uint32_t)((r >> 8) % 24);
    if ((r >> 40) % 64 == 0) arg = (uint32_t)(r >> 16);
    if (opcode_info[op].operand == OPK_COUNT && arg < 2 && op != OP_UNPACK_SEQUENCE) arg = 2;
    int64_t after = depth - opcode_pops(op, arg) + opcode_pushes(op, arg);
    if (depth < opcode_pops(op, arg) || after > 4) {
      op = depth < 3 ? OP_LOAD_CONST : OP_POP_TOP;
      arg = 0;
      after = depth + (op == OP_LOAD_CONST ? 1 : -1);
    }
    starts[(*nstarts)++] = len;
    put_instr(buf, &len, op, arg);
    depth = after;
  }
  if (depth == 0) {
    starts[(*nstarts)++] = len;
    put_instr(buf, &len, OP_LOAD_CONST, 0);
  }
  starts[(*nstarts)++] = len;
  put_instr(buf, &len, OP_RETURN_VALUE, 0);
  if (test_rand(rng) % 16 == 0) buf[test_rand(rng) % len] = (uint8_t)test_rand(rng);
  return len;
}

static void random_code(uint64_t *rng, Code *c, bool shaped) {
  uint8_t buf[256];
  uint32_t starts[64], nstarts = 0, len;
  if (shaped) {
    len = shaped_code(rng, buf, starts, &nstarts);
  } else {
    len = 1 + (uint32_t)(test_rand(rng) % 48);
    for (uint32_t i = 0; i < len; i++) buf[i] = (uint8_t)test_rand(rng);
    if (test_rand(rng) % 2)
      for (uint32_t i = 0; i < len; i++) buf[i] %= OP_COUNT + 1;
  }
  set_code(c, buf, len);
  c->max_stack = (uint32_t)(test_rand(rng) % 7) + (shaped ? 2 : 0);
  uint32_t nh = (uint32_t)(test_rand(rng) % 3);
  for (uint32_t i = 0; i < nh; i++) {
    uint32_t start, end, target, depth = (uint32_t)(test_rand(rng) % 3);
    if (nstarts > 1 && test_rand(rng) % 8) {
      uint32_t a = (uint32_t)(test_rand(rng) % nstarts), b = (uint32_t)(test_rand(rng) % nstarts);
      start = starts[a < b ? a : b];
      end = a == b ? len : starts[a < b ? b : a];
      target = starts[test_rand(rng) % nstarts];
      depth = (uint32_t)(test_rand(rng) % 2);
    } else {
      start = (uint32_t)(test_rand(rng) % (len + 1));
      end = (uint32_t)(test_rand(rng) % (len + 2));
      target = (uint32_t)(test_rand(rng) % (len + 1));
    }
    add_handler(c, start, end, target, depth);
  }
  if (test_rand(rng) % 4 == 0) add_line(c, 0, 1);
}

Test(verify_random, never_crashes_and_accepted_code_is_safe, .timeout = 120) {
  uint64_t rng = 20240613;
  int accepted = 0, accepted_with_handlers = 0;
  for (int i = 0; i < 20000; i++) {
    Module *m = make_module(2);
    Code *c = f0(m);
    random_code(&rng, c, i % 2 == 1);
    StrBuf err;
    strbuf_init(&err);
    bool ok = verify_module(m, &err);
    cr_assert(ok || (err.data && err.len > 0 && !strchr(err.data, '\n')), "bad message for case %d", i);
    strbuf_free(&err);
    uint32_t exact = 0;
    bool max_ok = verify_max_stack(m, 0, &exact, NULL);
    if (ok) {
      accepted++;
      if (c->nhandlers) accepted_with_handlers++;
      for (int walk = 0; walk < 4; walk++) abstract_walk(m, c, &rng);
      /* The exact depth is within the declared one, and is itself enough. */
      cr_assert(max_ok);
      cr_assert_leq(exact, c->max_stack);
      uint32_t declared = c->max_stack;
      c->max_stack = exact;
      cr_assert(verify_module(m, NULL), "case %d: not valid at its exact max stack %u", i, exact);
      if (exact > 0) {
        c->max_stack = exact - 1;
        cr_assert(!verify_module(m, NULL), "case %d: valid below its exact max stack %u", i, exact);
      }
      c->max_stack = declared;
    } else if (max_ok) {
      /* Only the declared max_stack was wrong: at the exact depth it passes. */
      c->max_stack = exact;
      cr_assert(verify_module(m, NULL), "case %d: verify_max_stack accepts but not at its depth %u", i, exact);
    }
    module_free(m);
  }
  cr_log_info("random: %d of 20000 accepted (%d with handlers)", accepted, accepted_with_handlers);
  cr_expect_gt(accepted, 500, "only %d random programs accepted", accepted);
  cr_expect_gt(accepted_with_handlers, 100, "only %d with handlers", accepted_with_handlers);
}

/* ---- size ---- */

/* The largest function: 16 MiB of code under 65536 handlers that all cover
 * all of it (quadratic work would take hours), plus a chain of forward
 * jumps. */
Test(verify_size, largest_function_is_linear, .timeout = 60) {
  Module *m = one();
  Code *c = f0(m);
  uint32_t len = CODE_MAX_BYTES;
  uint8_t *code = malloc(len);
  memset(code, OP_NOP, len);
  uint32_t tail = len - 6;
  for (uint32_t off = 1u << 17; off + 5 <= tail - 1024; off += 1u << 16)
    memcpy(code + off, (const uint8_t[]){I1(JUMP_FORWARD, 0)}, 5);
  memcpy(code + tail, (const uint8_t[]){I1(LOAD_CONST, 0), I0(RETURN_VALUE)}, 6);
  set_code(c, code, len);
  free(code);
  c->max_stack = 2;
  c->nhandlers = CODE_MAX_HANDLERS;
  c->handlers = calloc(c->nhandlers, sizeof *c->handlers);
  for (uint32_t i = 0; i < c->nhandlers; i++) c->handlers[i] = (ExcEntry){i, tail, len - 1, 0};
  expect_valid(m);
}
