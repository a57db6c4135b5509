/* The reference interpreter, in process: at least one test per opcode with
 * the exact result or output, then the exception table (stack truncation,
 * first matching entry, propagation through frames, tracebacks), call
 * errors with CPython's messages, and zero live objects after every run.
 * Programs are .jasm text (docs/jasm.md) run by tests/support.c. */
#include <criterion/criterion.h>

#include <stdio.h>
#include <string.h>

#include "tests/support.h"
#include "vm/exc.h"
#include "vm/interp.h"
#include "vm/loader.h"

/* A module whose top-level code is `body` (with no locals). */
#define MODULE(body) ".function \"<module>\"\n" body ".end\n"

/* Runs jasm with unlimited fuel; it must load and leave nothing alive. */
static TestRun run_ok(const char *jasm) {
  TestRun r = test_run_jasm(jasm, -1, 0);
  cr_assert(r.loaded, "program does not load: %s\n%s", r.error ? r.error : "", jasm);
  cr_expect_eq(r.leaked, 0, "%lld objects leaked by:\n%s", (long long)r.leaked, jasm);
  return r;
}

/* The module code returns a value whose repr is `want`, printing nothing. */
static void expect_return(const char *jasm, const char *want) {
  TestRun r = run_ok(jasm);
  cr_expect_eq(r.outcome, OUTCOME_RETURN, "outcome %d (%s), expected a return, for:\n%s", r.outcome, r.result, jasm);
  cr_expect_str_eq(r.result, want, "returned %s, expected %s, for:\n%s", r.result, want, jasm);
  cr_expect_str_eq(r.out, "", "unexpected output '%s' for:\n%s", r.out, jasm);
  test_run_free(&r);
}

/* The program returns normally after printing exactly `want`. */
static void expect_output(const char *jasm, const char *want) {
  TestRun r = run_ok(jasm);
  cr_expect_eq(r.outcome, OUTCOME_RETURN, "outcome %d (%s), expected a return, for:\n%s", r.outcome, r.result, jasm);
  cr_expect_str_eq(r.out, want, "printed '%s', expected '%s', for:\n%s", r.out, want, jasm);
  test_run_free(&r);
}

/* The program ends in an uncaught exception whose last traceback line is
 * `want`, after printing `out`. */
static void expect_exception_after(const char *jasm, const char *out, const char *want) {
  TestRun r = run_ok(jasm);
  cr_expect_eq(r.outcome, OUTCOME_EXCEPTION, "outcome %d (%s), expected an exception, for:\n%s", r.outcome, r.result,
               jasm);
  cr_expect_str_eq(r.result, want, "got '%s', expected '%s', for:\n%s", r.result, want, jasm);
  cr_expect_str_eq(r.out, out, "printed '%s', expected '%s', for:\n%s", r.out, out, jasm);
  test_run_free(&r);
}

static void expect_exception(const char *jasm, const char *want) { expect_exception_after(jasm, "", want); }

/* ---- One test (at least) per opcode ---- */

Test(interp, nop) {
  expect_return(MODULE("  NOP\n  LOAD_CONST 1\n  NOP\n  RETURN_VALUE\n"), "1");
}

Test(interp, pop_top) {
  expect_return(MODULE("  LOAD_CONST 1\n  LOAD_CONST 'dropped'\n  POP_TOP\n  RETURN_VALUE\n"), "1");
}

Test(interp, copy) {
  expect_return(MODULE("  LOAD_CONST 1\n  LOAD_CONST 2\n  COPY 1\n  COPY 3\n  BUILD_TUPLE 4\n  RETURN_VALUE\n"),
                "(1, 2, 2, 1)");
  /* a copied list is the same object: appending through one shows in the other */
  expect_return(MODULE("  BUILD_LIST 0\n  COPY 1\n  LOAD_METHOD append\n  LOAD_CONST 7\n  CALL 2\n  POP_TOP\n"
                       "  RETURN_VALUE\n"),
                "[7]");
}

Test(interp, swap) {
  expect_return(MODULE("  LOAD_CONST 1\n  LOAD_CONST 2\n  LOAD_CONST 3\n  SWAP 3\n  BUILD_TUPLE 3\n  RETURN_VALUE\n"),
                "(3, 2, 1)");
  expect_return(MODULE("  LOAD_CONST 1\n  LOAD_CONST 2\n  LOAD_CONST 3\n  SWAP 2\n  BUILD_TUPLE 3\n  RETURN_VALUE\n"),
                "(1, 3, 2)");
}

Test(interp, load_const_every_literal) {
  expect_return(MODULE("  LOAD_CONST None\n  LOAD_CONST True\n  LOAD_CONST False\n  LOAD_CONST 42\n"
                       "  LOAD_CONST -7\n  LOAD_CONST 1.5\n  LOAD_CONST 1e+16\n  LOAD_CONST inf\n  LOAD_CONST nan\n"
                       "  LOAD_CONST 'str'\n  LOAD_CONST \"it's\"\n  LOAD_CONST (1, 'a', (2.5, None))\n"
                       "  LOAD_CONST ()\n  LOAD_CONST -0.0\n  LOAD_CONST 9223372036854775807\n"
                       "  BUILD_TUPLE 15\n  RETURN_VALUE\n"),
                "(None, True, False, 42, -7, 1.5, 1e+16, inf, nan, 'str', \"it's\", (1, 'a', (2.5, None)), (), -0.0, "
                "9223372036854775807)");
  expect_return(MODULE("  LOAD_CONST 'tab\\there\\n'\n  RETURN_VALUE\n"), "'tab\\there\\n'");
}

Test(interp, load_fast_store_fast) {
  expect_return(".function \"<module>\"\n.locals x y\n"
                "  LOAD_CONST 5\n  STORE_FAST x\n  LOAD_FAST x\n  LOAD_FAST x\n  BINARY_OP +\n  STORE_FAST y\n"
                "  LOAD_CONST 'overwritten'\n  STORE_FAST x\n  LOAD_FAST x\n  LOAD_FAST y\n  BUILD_TUPLE 2\n"
                "  RETURN_VALUE\n.end\n",
                "('overwritten', 10)");
}

Test(interp, load_fast_unbound) {
  expect_exception(".function \"<module>\"\n.locals value\n  LOAD_FAST value\n  RETURN_VALUE\n.end\n",
                   "UnboundLocalError: cannot access local variable 'value' where it is not associated with a value");
}

Test(interp, delete_fast) {
  expect_exception(".function \"<module>\"\n.locals x\n  LOAD_CONST 1\n  STORE_FAST x\n  DELETE_FAST x\n"
                   "  LOAD_FAST x\n  RETURN_VALUE\n.end\n",
                   "UnboundLocalError: cannot access local variable 'x' where it is not associated with a value");
  expect_exception(".function \"<module>\"\n.locals x\n  DELETE_FAST x\n  LOAD_CONST None\n  RETURN_VALUE\n.end\n",
                   "UnboundLocalError: cannot access local variable 'x' where it is not associated with a value");
  /* deleting drops the reference: the list goes away, nothing leaks */
  expect_return(".function \"<module>\"\n.locals x\n  BUILD_LIST 0\n  STORE_FAST x\n  DELETE_FAST x\n"
                "  LOAD_CONST 'ok'\n  RETURN_VALUE\n.end\n",
                "'ok'");
}

Test(interp, load_global) {
  expect_return(MODULE("  LOAD_GLOBAL len\n  LOAD_CONST 'abcd'\n  CALL 1\n  RETURN_VALUE\n"), "4");
  /* a global shadows the builtin of the same name */
  expect_return(MODULE("  LOAD_CONST 'mine'\n  STORE_GLOBAL len\n  LOAD_GLOBAL len\n  RETURN_VALUE\n"), "'mine'");
  expect_exception(MODULE("  LOAD_GLOBAL no_such_name\n  RETURN_VALUE\n"),
                   "NameError: name 'no_such_name' is not defined");
}

Test(interp, store_global) {
  expect_return(".function \"<module>\"\n  LOAD_CONST 41\n  STORE_GLOBAL g\n"
                "  MAKE_FUNCTION f\n  STORE_GLOBAL f\n  LOAD_GLOBAL f\n  CALL 0\n  RETURN_VALUE\n.end\n"
                ".function f\n  LOAD_GLOBAL g\n  LOAD_CONST 1\n  BINARY_OP +\n  RETURN_VALUE\n.end\n",
                "42");
}

Test(interp, delete_global) {
  expect_exception(MODULE("  LOAD_CONST 1\n  STORE_GLOBAL g\n  DELETE_GLOBAL g\n  LOAD_GLOBAL g\n  RETURN_VALUE\n"),
                   "NameError: name 'g' is not defined");
  expect_exception(MODULE("  DELETE_GLOBAL never_bound\n  LOAD_CONST None\n  RETURN_VALUE\n"),
                   "NameError: name 'never_bound' is not defined");
  /* deleting a global that shadows a builtin uncovers the builtin */
  expect_return(MODULE("  LOAD_CONST 0\n  STORE_GLOBAL len\n  DELETE_GLOBAL len\n  LOAD_GLOBAL len\n"
                       "  LOAD_CONST 'xy'\n  CALL 1\n  RETURN_VALUE\n"),
                "2");
}

Test(interp, make_function) {
  expect_return(".function \"<module>\"\n  MAKE_FUNCTION f\n  RETURN_VALUE\n.end\n"
                ".function f\n  LOAD_CONST None\n  RETURN_VALUE\n.end\n",
                "<function f>");
  /* two MAKE_FUNCTIONs give two distinct objects of the same code */
  expect_return(".function \"<module>\"\n  MAKE_FUNCTION f\n  MAKE_FUNCTION f\n  IS_OP 0\n  MAKE_FUNCTION f\n"
                "  CALL 0\n  BUILD_TUPLE 2\n  RETURN_VALUE\n.end\n"
                ".function f\n  LOAD_CONST 'called'\n  RETURN_VALUE\n.end\n",
                "(False, 'called')");
}

Test(interp, unary_ops) {
  expect_return(MODULE("  LOAD_CONST 5\n  UNARY_NEGATIVE\n  LOAD_CONST -2.5\n  UNARY_NEGATIVE\n"
                       "  LOAD_CONST True\n  UNARY_NEGATIVE\n  BUILD_TUPLE 3\n  RETURN_VALUE\n"),
                "(-5, 2.5, -1)");
  expect_return(MODULE("  LOAD_CONST -3\n  UNARY_POSITIVE\n  LOAD_CONST True\n  UNARY_POSITIVE\n"
                       "  BUILD_TUPLE 2\n  RETURN_VALUE\n"),
                "(-3, 1)");
  expect_return(MODULE("  LOAD_CONST 5\n  UNARY_INVERT\n  LOAD_CONST False\n  UNARY_INVERT\n"
                       "  BUILD_TUPLE 2\n  RETURN_VALUE\n"),
                "(-6, -1)");
  expect_return(MODULE("  LOAD_CONST 0\n  UNARY_NOT\n  LOAD_CONST 'x'\n  UNARY_NOT\n  BUILD_LIST 0\n  UNARY_NOT\n"
                       "  LOAD_CONST None\n  UNARY_NOT\n  BUILD_TUPLE 4\n  RETURN_VALUE\n"),
                "(True, False, True, True)");
  expect_exception(MODULE("  LOAD_CONST 's'\n  UNARY_NEGATIVE\n  RETURN_VALUE\n"),
                   "TypeError: bad operand type for unary -: 'str'");
  expect_exception(MODULE("  LOAD_CONST 1.5\n  UNARY_INVERT\n  RETURN_VALUE\n"),
                   "TypeError: bad operand type for unary ~: 'float'");
  expect_exception(MODULE("  LOAD_CONST -9223372036854775807\n  LOAD_CONST 1\n  BINARY_OP -\n  UNARY_NEGATIVE\n"
                          "  RETURN_VALUE\n"),
                   "OverflowError: integer overflow");
}

/* One BINARY_OP per operator, in plain and in-place form; values from
 * python3. */
Test(interp, binary_op_every_operator) {
  static const struct {
    const char *sym;
    const char *want;
  } cases[] = {
      {"+", "(-4, 3.5)"},   {"-", "(-10, -0.5)"}, {"*", "(-21, 3.0)"},  {"/", "(-2.3333333333333335, 0.75)"},
      {"//", "(-3, 0.0)"},  {"%", "(2, 1.5)"},    {"**", "(-343, 1.5)"}, {"<<", "(-56, 6)"},
      {">>", "(-1, 1)"},    {"&", "(1, 1)"},      {"|", "(-5, 3)"},      {"^", "(-6, 2)"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    for (int inplace = 0; inplace < 2; inplace++) {
      char jasm[1024];
      /* (-7 op 3, X op Y) where the second pair is float for arithmetic and
       * small ints for bit operations */
      bool bits = strchr("<>&|^", cases[i].sym[0]) != NULL;
      const char *x = bits ? "3" : "1.5";
      const char *y = bits ? "1" : strcmp(cases[i].sym, "**") == 0 ? "1" : "2";
      snprintf(jasm, sizeof jasm,
               MODULE("  LOAD_CONST -7\n  LOAD_CONST 3\n  BINARY_OP %s%s\n  LOAD_CONST %s\n  LOAD_CONST %s\n"
                      "  BINARY_OP %s%s\n  BUILD_TUPLE 2\n  RETURN_VALUE\n"),
               cases[i].sym, inplace ? "=" : "", x, y, cases[i].sym, inplace ? "=" : "");
      expect_return(jasm, cases[i].want);
    }
  }
}

Test(interp, binary_op_inplace_list_mutates) {
  /* ys = xs; ys += [3]; xs *= 2 — both names see one list */
  expect_return(".function \"<module>\"\n.locals xs ys\n"
                "  LOAD_CONST 1\n  LOAD_CONST 2\n  BUILD_LIST 2\n  STORE_FAST xs\n  LOAD_FAST xs\n  STORE_FAST ys\n"
                "  LOAD_FAST ys\n  LOAD_CONST 3\n  BUILD_LIST 1\n  BINARY_OP +=\n  STORE_FAST ys\n"
                "  LOAD_FAST xs\n  LOAD_CONST 2\n  BINARY_OP *=\n  STORE_FAST xs\n"
                "  LOAD_FAST ys\n  LOAD_FAST xs\n  IS_OP 0\n  LOAD_FAST ys\n  BUILD_TUPLE 2\n  RETURN_VALUE\n.end\n",
                "(True, [1, 2, 3, 1, 2, 3])");
  /* plain + makes a new list */
  expect_return(".function \"<module>\"\n.locals xs\n"
                "  BUILD_LIST 0\n  STORE_FAST xs\n  LOAD_FAST xs\n  LOAD_FAST xs\n  LOAD_CONST 1\n  BUILD_LIST 1\n"
                "  BINARY_OP +\n  IS_OP 0\n  LOAD_FAST xs\n  BUILD_TUPLE 2\n  RETURN_VALUE\n.end\n",
                "(False, [])");
}

Test(interp, binary_op_errors) {
  expect_exception(MODULE("  LOAD_CONST 1\n  LOAD_CONST 0\n  BINARY_OP //\n  RETURN_VALUE\n"),
                   "ZeroDivisionError: integer division or modulo by zero");
  expect_exception(MODULE("  LOAD_CONST 1\n  LOAD_CONST 's'\n  BINARY_OP +\n  RETURN_VALUE\n"),
                   "TypeError: unsupported operand type(s) for +: 'int' and 'str'");
  expect_exception(MODULE("  LOAD_CONST 9223372036854775807\n  LOAD_CONST 1\n  BINARY_OP +=\n  RETURN_VALUE\n"),
                   "OverflowError: integer overflow");
}

Test(interp, compare_op_every_comparison) {
  expect_return(MODULE("  LOAD_CONST 1\n  LOAD_CONST 2\n  COMPARE_OP <\n  LOAD_CONST 2\n  LOAD_CONST 2\n"
                       "  COMPARE_OP <=\n  LOAD_CONST 1\n  LOAD_CONST 1.0\n  COMPARE_OP ==\n  LOAD_CONST 'a'\n"
                       "  LOAD_CONST 'a'\n  COMPARE_OP !=\n  LOAD_CONST 3\n  LOAD_CONST True\n  COMPARE_OP >\n"
                       "  LOAD_CONST nan\n  LOAD_CONST nan\n  COMPARE_OP >=\n  BUILD_TUPLE 6\n  RETURN_VALUE\n"),
                "(True, True, True, False, True, False)");
  expect_exception(MODULE("  LOAD_CONST 1\n  LOAD_CONST 'a'\n  COMPARE_OP <\n  RETURN_VALUE\n"),
                   "TypeError: '<' not supported between instances of 'int' and 'str'");
}

Test(interp, is_op) {
  expect_return(".function \"<module>\"\n.locals xs\n  BUILD_LIST 0\n  STORE_FAST xs\n"
                "  LOAD_FAST xs\n  LOAD_FAST xs\n  IS_OP 0\n  LOAD_FAST xs\n  BUILD_LIST 0\n  IS_OP 0\n"
                "  LOAD_CONST None\n  LOAD_CONST None\n  IS_OP 1\n  LOAD_FAST xs\n  LOAD_CONST None\n  IS_OP 1\n"
                "  LOAD_CONST True\n  LOAD_CONST 1\n  IS_OP 0\n  BUILD_TUPLE 5\n  RETURN_VALUE\n.end\n",
                "(True, False, False, True, False)");
}

Test(interp, contains_op) {
  expect_return(MODULE("  LOAD_CONST 2\n  LOAD_CONST (1, 2)\n  CONTAINS_OP 0\n  LOAD_CONST 'b'\n  LOAD_CONST 'abc'\n"
                       "  CONTAINS_OP 1\n  LOAD_CONST 1.0\n  LOAD_CONST 1\n  LOAD_CONST 'x'\n  BUILD_MAP 1\n"
                       "  CONTAINS_OP 0\n  LOAD_CONST 5\n  BUILD_LIST 0\n  CONTAINS_OP 1\n  BUILD_TUPLE 4\n"
                       "  RETURN_VALUE\n"),
                "(True, False, True, True)");
  expect_exception(MODULE("  LOAD_CONST 1\n  LOAD_CONST 2\n  CONTAINS_OP 0\n  RETURN_VALUE\n"),
                   "TypeError: argument of type 'int' is not iterable");
}

Test(interp, binary_subscr) {
  expect_return(MODULE("  LOAD_CONST (10, 20, 30)\n  LOAD_CONST -1\n  BINARY_SUBSCR\n  LOAD_CONST 'héllo'\n"
                       "  LOAD_CONST 1\n  BINARY_SUBSCR\n  LOAD_CONST 'k'\n  LOAD_CONST 'v'\n  BUILD_MAP 1\n"
                       "  LOAD_CONST 'k'\n  BINARY_SUBSCR\n  BUILD_TUPLE 3\n  RETURN_VALUE\n"),
                "(30, 'é', 'v')");
  expect_exception(MODULE("  BUILD_LIST 0\n  LOAD_CONST 0\n  BINARY_SUBSCR\n  RETURN_VALUE\n"),
                   "IndexError: list index out of range");
  expect_exception(MODULE("  BUILD_MAP 0\n  LOAD_CONST (1, 'a')\n  BINARY_SUBSCR\n  RETURN_VALUE\n"),
                   "KeyError: (1, 'a')");
  expect_exception(MODULE("  LOAD_CONST 5\n  LOAD_CONST 0\n  BINARY_SUBSCR\n  RETURN_VALUE\n"),
                   "TypeError: 'int' object is not subscriptable");
}

Test(interp, store_subscr) {
  expect_return(".function \"<module>\"\n.locals xs d\n"
                "  LOAD_CONST 1\n  LOAD_CONST 2\n  BUILD_LIST 2\n  STORE_FAST xs\n"
                "  LOAD_CONST 'last'\n  LOAD_FAST xs\n  LOAD_CONST -1\n  STORE_SUBSCR\n"
                "  BUILD_MAP 0\n  STORE_FAST d\n  LOAD_FAST xs\n  LOAD_FAST d\n  LOAD_CONST (0, 0)\n  STORE_SUBSCR\n"
                "  LOAD_FAST d\n  RETURN_VALUE\n.end\n",
                "{(0, 0): [1, 'last']}");
  expect_exception(MODULE("  LOAD_CONST 1\n  LOAD_CONST (1, 2)\n  LOAD_CONST 0\n  STORE_SUBSCR\n"
                          "  LOAD_CONST None\n  RETURN_VALUE\n"),
                   "TypeError: 'tuple' object does not support item assignment");
  expect_exception(MODULE("  LOAD_CONST 1\n  BUILD_LIST 0\n  LOAD_CONST 0\n  STORE_SUBSCR\n"
                          "  LOAD_CONST None\n  RETURN_VALUE\n"),
                   "IndexError: list assignment index out of range");
  expect_exception(MODULE("  LOAD_CONST 1\n  BUILD_MAP 0\n  BUILD_LIST 0\n  STORE_SUBSCR\n"
                          "  LOAD_CONST None\n  RETURN_VALUE\n"),
                   "TypeError: unhashable type: 'list'");
}

Test(interp, delete_subscr) {
  expect_return(".function \"<module>\"\n.locals xs d\n"
                "  LOAD_CONST 1\n  LOAD_CONST 2\n  LOAD_CONST 3\n  BUILD_LIST 3\n  STORE_FAST xs\n"
                "  LOAD_FAST xs\n  LOAD_CONST 0\n  DELETE_SUBSCR\n"
                "  LOAD_CONST 'a'\n  LOAD_CONST 1\n  LOAD_CONST 'b'\n  LOAD_CONST 2\n  BUILD_MAP 2\n  STORE_FAST d\n"
                "  LOAD_FAST d\n  LOAD_CONST 'a'\n  DELETE_SUBSCR\n  LOAD_FAST xs\n  LOAD_FAST d\n  BUILD_TUPLE 2\n"
                "  RETURN_VALUE\n.end\n",
                "([2, 3], {'b': 2})");
  expect_exception(MODULE("  BUILD_MAP 0\n  LOAD_CONST 'gone'\n  DELETE_SUBSCR\n  LOAD_CONST None\n  RETURN_VALUE\n"),
                   "KeyError: 'gone'");
}

Test(interp, binary_slice) {
  expect_return(MODULE("  LOAD_CONST (0, 1, 2, 3, 4)\n  LOAD_CONST 1\n  LOAD_CONST None\n  LOAD_CONST 2\n"
                       "  BINARY_SLICE\n  LOAD_CONST 'abcdef'\n  LOAD_CONST None\n  LOAD_CONST None\n"
                       "  LOAD_CONST -2\n  BINARY_SLICE\n  LOAD_CONST 1\n  LOAD_CONST 2\n  LOAD_CONST 3\n"
                       "  BUILD_LIST 3\n  LOAD_CONST -100\n  LOAD_CONST 100\n  LOAD_CONST None\n  BINARY_SLICE\n"
                       "  BUILD_TUPLE 3\n  RETURN_VALUE\n"),
                "((1, 3), 'fdb', [1, 2, 3])");
  expect_exception(MODULE("  LOAD_CONST 'abc'\n  LOAD_CONST None\n  LOAD_CONST None\n  LOAD_CONST 0\n"
                          "  BINARY_SLICE\n  RETURN_VALUE\n"),
                   "ValueError: slice step cannot be zero");
}

Test(interp, build_list_tuple_map) {
  expect_return(MODULE("  BUILD_LIST 0\n  BUILD_TUPLE 0\n  BUILD_MAP 0\n  LOAD_CONST 1\n  LOAD_CONST 'a'\n"
                       "  BUILD_LIST 2\n  LOAD_CONST 1\n  BUILD_TUPLE 1\n  BUILD_TUPLE 5\n  RETURN_VALUE\n"),
                "([], (), {}, [1, 'a'], (1,))");
  /* later pairs win, the first key object stays: {1: 'a', 1.0: 'b', 'k': 0} */
  expect_return(MODULE("  LOAD_CONST 1\n  LOAD_CONST 'a'\n  LOAD_CONST 1.0\n  LOAD_CONST 'b'\n  LOAD_CONST 'k'\n"
                       "  LOAD_CONST 0\n  BUILD_MAP 3\n  RETURN_VALUE\n"),
                "{1: 'b', 'k': 0}");
  expect_exception(MODULE("  BUILD_LIST 0\n  LOAD_CONST 1\n  BUILD_MAP 1\n  RETURN_VALUE\n"),
                   "TypeError: unhashable type: 'list'");
}

Test(interp, list_append) {
  expect_return(MODULE("  BUILD_LIST 0\n  LOAD_CONST 1\n  LIST_APPEND 1\n  LOAD_CONST 'x'\n  LOAD_CONST 'y'\n"
                       "  LIST_APPEND 2\n  POP_TOP\n  RETURN_VALUE\n"),
                "[1, 'y']");
  /* hostile bytecode can aim LIST_APPEND at something else */
  expect_exception(MODULE("  LOAD_CONST 5\n  LOAD_CONST 1\n  LIST_APPEND 1\n  RETURN_VALUE\n"),
                   "TypeError: LIST_APPEND target is 'int', not a list");
}

Test(interp, unpack_sequence) {
  expect_return(".function \"<module>\"\n.locals a b c\n  LOAD_CONST (1, 2, 3)\n  UNPACK_SEQUENCE 3\n"
                "  STORE_FAST a\n  STORE_FAST b\n  STORE_FAST c\n  LOAD_FAST c\n  LOAD_FAST b\n  LOAD_FAST a\n"
                "  BUILD_LIST 3\n  RETURN_VALUE\n.end\n",
                "[3, 2, 1]");
  expect_return(MODULE("  LOAD_CONST 'xy'\n  UNPACK_SEQUENCE 2\n  BUILD_TUPLE 2\n  RETURN_VALUE\n"), "('y', 'x')");
  expect_return(MODULE("  LOAD_CONST 'k'\n  LOAD_CONST 1\n  BUILD_MAP 1\n  UNPACK_SEQUENCE 1\n  RETURN_VALUE\n"),
                "'k'");
  expect_exception(MODULE("  LOAD_CONST (1, 2, 3)\n  UNPACK_SEQUENCE 2\n  BUILD_TUPLE 2\n  RETURN_VALUE\n"),
                   "ValueError: too many values to unpack (expected 2)");
  expect_exception(MODULE("  LOAD_CONST 1\n  LOAD_CONST 2\n  BUILD_LIST 2\n  UNPACK_SEQUENCE 3\n  BUILD_TUPLE 3\n"
                          "  RETURN_VALUE\n"),
                   "ValueError: not enough values to unpack (expected 3, got 2)");
  expect_exception(MODULE("  LOAD_CONST 1\n  UNPACK_SEQUENCE 2\n  BUILD_TUPLE 2\n  RETURN_VALUE\n"),
                   "TypeError: cannot unpack non-iterable int object");
}

/* total = 0; for x in ITERABLE: total += x — over several kinds. */
Test(interp, get_iter_for_iter) {
  static const struct {
    const char *iterable;
    const char *want;
  } cases[] = {
      {"  LOAD_CONST (1, 2, 3)\n", "6"},
      {"  LOAD_CONST 4\n  LOAD_CONST 5\n  BUILD_LIST 2\n", "9"},
      {"  LOAD_GLOBAL range\n  LOAD_CONST 5\n  CALL 1\n", "10"},
      {"  LOAD_CONST 7\n  LOAD_CONST 'a'\n  LOAD_CONST 8\n  LOAD_CONST 'b'\n  BUILD_MAP 2\n", "15"},
      {"  BUILD_LIST 0\n", "0"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char jasm[1024];
    snprintf(jasm, sizeof jasm,
             ".function \"<module>\"\n.locals total x\n  LOAD_CONST 0\n  STORE_FAST total\n%s  GET_ITER\n"
             "loop:\n  FOR_ITER done\n  STORE_FAST x\n  LOAD_FAST total\n  LOAD_FAST x\n  BINARY_OP +=\n"
             "  STORE_FAST total\n  JUMP_BACKWARD loop\ndone:\n  LOAD_FAST total\n  RETURN_VALUE\n.end\n",
             cases[i].iterable);
    expect_return(jasm, cases[i].want);
  }
  expect_exception(MODULE("  LOAD_CONST 5\n  GET_ITER\n  RETURN_VALUE\n"), "TypeError: 'int' object is not iterable");
  /* FOR_ITER on something that is not an iterator (only hostile bytecode) */
  expect_exception(MODULE("  LOAD_CONST 5\nloop:\n  FOR_ITER done\n  POP_TOP\n  JUMP_BACKWARD loop\ndone:\n"
                          "  LOAD_CONST None\n  RETURN_VALUE\n"),
                   "TypeError: 'int' object is not an iterator");
  /* GET_ITER of an iterator is the same iterator: two loops share it */
  expect_return(MODULE("  LOAD_CONST (1, 2, 3, 4)\n  GET_ITER\n  GET_ITER\n  FOR_ITER end1\n  POP_TOP\n"
                       "  GET_ITER\n  LOAD_GLOBAL list\n  SWAP 2\n  CALL 1\n  RETURN_VALUE\nend1:\n"
                       "  LOAD_CONST None\n  RETURN_VALUE\n"),
                "[2, 3, 4]");
}

Test(interp, jump_forward) {
  expect_return(MODULE("  LOAD_CONST 'taken'\n  JUMP_FORWARD over\n  POP_TOP\n  LOAD_CONST 'skipped'\nover:\n"
                       "  RETURN_VALUE\n"),
                "'taken'");
}

Test(interp, jump_backward) {
  /* i = 0; while i < 5: i += 1 */
  expect_return(".function \"<module>\"\n.locals i\n  LOAD_CONST 0\n  STORE_FAST i\ntop:\n  LOAD_FAST i\n"
                "  LOAD_CONST 5\n  COMPARE_OP <\n  POP_JUMP_IF_FALSE done\n  LOAD_FAST i\n  LOAD_CONST 1\n"
                "  BINARY_OP +\n  STORE_FAST i\n  JUMP_BACKWARD top\ndone:\n  LOAD_FAST i\n  RETURN_VALUE\n.end\n",
                "5");
}

/* POP_JUMP_IF_FALSE / POP_JUMP_IF_TRUE follow Python truthiness. */
Test(interp, pop_jump_if_false_and_true) {
  static const struct {
    const char *value;
    bool truthy;
  } cases[] = {
      {"LOAD_CONST 0", false},   {"LOAD_CONST 0.0", false}, {"LOAD_CONST -0.0", false},  {"LOAD_CONST ''", false},
      {"LOAD_CONST ()", false},  {"BUILD_LIST 0", false},   {"BUILD_MAP 0", false},      {"LOAD_CONST None", false},
      {"LOAD_CONST False", false}, {"LOAD_CONST 1", true},  {"LOAD_CONST -1", true},     {"LOAD_CONST nan", true},
      {"LOAD_CONST ' '", true},  {"LOAD_CONST (0,)", true}, {"LOAD_CONST True", true},   {"LOAD_GLOBAL len", true},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char jasm[512];
    snprintf(jasm, sizeof jasm,
             MODULE("  %s\n  POP_JUMP_IF_FALSE f\n  LOAD_CONST 'true'\n  RETURN_VALUE\nf:\n  LOAD_CONST 'false'\n"
                    "  RETURN_VALUE\n"),
             cases[i].value);
    expect_return(jasm, cases[i].truthy ? "'true'" : "'false'");
    snprintf(jasm, sizeof jasm,
             MODULE("  %s\n  POP_JUMP_IF_TRUE t\n  LOAD_CONST 'false'\n  RETURN_VALUE\nt:\n  LOAD_CONST 'true'\n"
                    "  RETURN_VALUE\n"),
             cases[i].value);
    expect_return(jasm, cases[i].truthy ? "'true'" : "'false'");
  }
}

Test(interp, call_function_and_builtin) {
  expect_return(".function \"<module>\"\n  MAKE_FUNCTION sub\n  LOAD_CONST 10\n  LOAD_CONST 3\n  CALL 2\n"
                "  LOAD_GLOBAL max\n  LOAD_CONST 4\n  LOAD_CONST 9\n  LOAD_CONST 2\n  CALL 3\n  BUILD_TUPLE 2\n"
                "  RETURN_VALUE\n.end\n"
                ".function sub\n.arity 2\n.locals a b\n  LOAD_FAST a\n  LOAD_FAST b\n  BINARY_OP -\n"
                "  RETURN_VALUE\n.end\n",
                "(7, 9)");
  /* parameters are the first locals; the others start unbound */
  expect_exception(".function \"<module>\"\n  MAKE_FUNCTION f\n  LOAD_CONST 1\n  CALL 1\n  RETURN_VALUE\n.end\n"
                   ".function f\n.arity 1\n.locals p tmp\n  LOAD_FAST tmp\n  RETURN_VALUE\n.end\n",
                   "UnboundLocalError: cannot access local variable 'tmp' where it is not associated with a value");
}

Test(interp, call_kw) {
  expect_output(MODULE("  LOAD_GLOBAL print\n  LOAD_CONST 1\n  LOAD_CONST 2\n  LOAD_CONST '-'\n  LOAD_CONST '!'\n"
                       "  LOAD_CONST ('sep', 'end')\n  CALL_KW 4\n  POP_TOP\n  LOAD_CONST None\n  RETURN_VALUE\n"),
                "1-2!");
  expect_output(MODULE("  LOAD_GLOBAL print\n  LOAD_CONST 'x'\n  LOAD_CONST ()\n  CALL_KW 1\n  POP_TOP\n"
                       "  LOAD_CONST None\n  RETURN_VALUE\n"),
                "x\n");
  expect_exception(".function \"<module>\"\n  MAKE_FUNCTION f\n  LOAD_CONST 1\n  LOAD_CONST ('x',)\n  CALL_KW 1\n"
                   "  RETURN_VALUE\n.end\n"
                   ".function f\n.arity 1\n.locals x\n  LOAD_FAST x\n  RETURN_VALUE\n.end\n",
                   "TypeError: f() got an unexpected keyword argument 'x'");
  expect_exception(MODULE("  LOAD_GLOBAL len\n  LOAD_CONST 'ab'\n  LOAD_CONST ('x',)\n  CALL_KW 1\n  RETURN_VALUE\n"),
                   "TypeError: len() takes no keyword arguments");
  expect_exception(MODULE("  LOAD_GLOBAL print\n  LOAD_CONST 1\n  LOAD_CONST ('sep',)\n  CALL_KW 1\n  RETURN_VALUE\n"),
                   "TypeError: sep must be None or a string, not int");
  expect_exception(MODULE("  LOAD_GLOBAL print\n  LOAD_CONST 1\n  LOAD_CONST ('x',)\n  CALL_KW 1\n  RETURN_VALUE\n"),
                   "TypeError: 'x' is an invalid keyword argument for print()");
  /* hostile keyword-name operands */
  expect_exception(MODULE("  LOAD_GLOBAL print\n  LOAD_CONST 1\n  LOAD_CONST 'sep'\n  CALL_KW 1\n  RETURN_VALUE\n"),
                   "TypeError: keyword names must be a tuple");
  expect_exception(MODULE("  LOAD_GLOBAL print\n  LOAD_CONST 1\n  LOAD_CONST ('a', 'b')\n  CALL_KW 1\n"
                          "  RETURN_VALUE\n"),
                   "TypeError: more keyword names than arguments");
  expect_exception(MODULE("  LOAD_GLOBAL print\n  LOAD_CONST 1\n  LOAD_CONST (5,)\n  CALL_KW 1\n  RETURN_VALUE\n"),
                   "TypeError: keywords must be strings");
}

Test(interp, load_method) {
  expect_return(MODULE("  LOAD_CONST 'a,b'\n  LOAD_METHOD split\n  LOAD_CONST ','\n  CALL 2\n"
                       "  LOAD_CONST 'k'\n  LOAD_CONST 1\n  BUILD_MAP 1\n  LOAD_METHOD get\n  LOAD_CONST 'z'\n"
                       "  LOAD_CONST 0\n  CALL 3\n  BUILD_TUPLE 2\n  RETURN_VALUE\n"),
                "(['a', 'b'], 0)");
  expect_exception(MODULE("  LOAD_CONST 5\n  LOAD_METHOD append\n  LOAD_CONST 1\n  CALL 2\n  RETURN_VALUE\n"),
                   "AttributeError: 'int' object has no attribute 'append'");
  expect_exception(MODULE("  LOAD_CONST None\n  LOAD_METHOD foo\n  CALL 1\n  RETURN_VALUE\n"),
                   "AttributeError: 'NoneType' object has no attribute 'foo'");
  expect_exception(MODULE("  BUILD_LIST 0\n  LOAD_METHOD nosuch\n  CALL 1\n  RETURN_VALUE\n"),
                   "AttributeError: 'list' object has no attribute 'nosuch'");
}

Test(interp, return_value) {
  expect_return(".function \"<module>\"\n  MAKE_FUNCTION outer\n  CALL 0\n  RETURN_VALUE\n.end\n"
                ".function outer\n  MAKE_FUNCTION inner\n  LOAD_CONST 2\n  CALL 1\n  LOAD_CONST 1\n  BINARY_OP +\n"
                "  RETURN_VALUE\n.end\n"
                ".function inner\n.arity 1\n.locals x\n  LOAD_FAST x\n  LOAD_FAST x\n  BINARY_OP *\n"
                "  RETURN_VALUE\n.end\n",
                "5");
  /* a frame returning with values still on its stack frees them */
  expect_return(MODULE("  BUILD_LIST 0\n  BUILD_MAP 0\n  LOAD_CONST 'top'\n  RETURN_VALUE\n"), "'top'");
}

Test(interp, raise) {
  expect_exception(MODULE("  LOAD_GLOBAL ValueError\n  LOAD_CONST 'bad'\n  CALL 1\n  RAISE\n"), "ValueError: bad");
  expect_exception(MODULE("  LOAD_GLOBAL KeyError\n  RAISE\n"), "KeyError");
  expect_exception(MODULE("  LOAD_GLOBAL MemoryError\n  RAISE\n"), "MemoryError");
  expect_exception(MODULE("  LOAD_GLOBAL KeyError\n  LOAD_CONST 'k'\n  CALL 1\n  RAISE\n"), "KeyError: 'k'");
  expect_exception(MODULE("  LOAD_CONST 5\n  RAISE\n"), "TypeError: exceptions must derive from BaseException");
  expect_exception(MODULE("  LOAD_GLOBAL len\n  RAISE\n"), "TypeError: exceptions must derive from BaseException");
}

Test(interp, check_exc_match) {
  /* try: raise KeyError('k') except LookupError: return 'caught' */
  expect_return(MODULE(".handler t0 t1 h 0\nt0:\n  LOAD_GLOBAL KeyError\n  LOAD_CONST 'k'\n  CALL 1\n  RAISE\n"
                       "t1:\nh:\n  LOAD_GLOBAL LookupError\n  CHECK_EXC_MATCH\n  POP_JUMP_IF_FALSE no\n  POP_TOP\n"
                       "  LOAD_CONST 'caught'\n  RETURN_VALUE\nno:\n  RAISE\n"),
                "'caught'");
  /* CHECK_EXC_MATCH leaves the exception and pushes the bool */
  expect_return(MODULE(".handler t0 t1 h 0\nt0:\n  LOAD_GLOBAL ValueError\n  RAISE\nt1:\nh:\n"
                       "  LOAD_GLOBAL TypeError\n  CHECK_EXC_MATCH\n  SWAP 2\n  LOAD_GLOBAL ValueError\n"
                       "  CHECK_EXC_MATCH\n  SWAP 2\n  LOAD_GLOBAL TypeError\n  LOAD_GLOBAL Exception\n"
                       "  BUILD_TUPLE 2\n  CHECK_EXC_MATCH\n  SWAP 2\n  POP_TOP\n  BUILD_TUPLE 3\n  RETURN_VALUE\n"),
                "(False, True, True)");
  expect_exception(MODULE(".handler t0 t1 h 0\nt0:\n  LOAD_GLOBAL ValueError\n  RAISE\nt1:\nh:\n"
                          "  LOAD_CONST 5\n  CHECK_EXC_MATCH\n  RETURN_VALUE\n"),
                   "TypeError: catching classes that do not inherit from BaseException is not allowed");
  expect_exception(MODULE(".handler t0 t1 h 0\nt0:\n  LOAD_GLOBAL ValueError\n  RAISE\nt1:\nh:\n"
                          "  LOAD_GLOBAL int\n  CHECK_EXC_MATCH\n  RETURN_VALUE\n"),
                   "TypeError: catching classes that do not inherit from BaseException is not allowed");
}

/* ---- The exception table ---- */

/* An exception raised with extra values on the stack truncates it to the
 * handler's depth: what is under it survives, the rest is released. */
Test(interp, handler_truncates_stack_to_depth) {
  expect_return(MODULE(".handler t0 t1 h 1\n  LOAD_CONST 'kept'\nt0:\n  BUILD_LIST 0\n  LOAD_CONST 'junk'\n"
                       "  BUILD_MAP 0\n  LOAD_CONST 1\n  LOAD_CONST 0\n  BINARY_OP /\n  RETURN_VALUE\nt1:\nh:\n"
                       "  POP_TOP\n  RETURN_VALUE\n"),
                "'kept'");
  /* depth 0 inside a loop body leaves nothing; depth 1 keeps the iterator */
  expect_return(".function \"<module>\"\n.locals n x\n.handler t0 t1 h 1\n  LOAD_CONST 0\n  STORE_FAST n\n"
                "  LOAD_CONST (1, 0, 2, 0)\n  GET_ITER\nloop:\n  FOR_ITER done\n  STORE_FAST x\nt0:\n"
                "  LOAD_CONST 'pad'\n  LOAD_CONST 10\n  LOAD_FAST x\n  BINARY_OP //\n  POP_TOP\n  POP_TOP\nt1:\n"
                "  JUMP_BACKWARD loop\nh:\n  POP_TOP\n  LOAD_FAST n\n  LOAD_CONST 1\n  BINARY_OP +\n"
                "  STORE_FAST n\n  JUMP_BACKWARD loop\ndone:\n  LOAD_FAST n\n  RETURN_VALUE\n.end\n",
                "2");
}

/* Overlapping entries: the first in table order wins, whatever the ranges. */
Test(interp, first_matching_handler_entry_wins) {
  expect_return(MODULE(".handler t0 t1 ha 0\n.handler t0 t2 hb 0\nt0:\n  LOAD_GLOBAL ValueError\n  RAISE\nt1:\n"
                       "  NOP\nt2:\nha:\n  POP_TOP\n  LOAD_CONST 'first'\n  RETURN_VALUE\nhb:\n  POP_TOP\n"
                       "  LOAD_CONST 'second'\n  RETURN_VALUE\n"),
                "'first'");
  expect_return(MODULE(".handler t0 t2 hb 0\n.handler t0 t1 ha 0\nt0:\n  LOAD_GLOBAL ValueError\n  RAISE\nt1:\n"
                       "  NOP\nt2:\nha:\n  POP_TOP\n  LOAD_CONST 'first'\n  RETURN_VALUE\nhb:\n  POP_TOP\n"
                       "  LOAD_CONST 'second'\n  RETURN_VALUE\n"),
                "'second'");
  /* an entry whose range does not cover the raising instruction is skipped */
  expect_return(MODULE(".handler n0 n1 ha 0\n.handler t0 t1 hb 0\nn0:\n  NOP\nn1:\nt0:\n  LOAD_GLOBAL ValueError\n"
                       "  RAISE\nt1:\nha:\n  POP_TOP\n  LOAD_CONST 'first'\n  RETURN_VALUE\nhb:\n  POP_TOP\n"
                       "  LOAD_CONST 'second'\n  RETURN_VALUE\n"),
                "'second'");
}

/* A raise in a handler goes to an outer entry covering the handler code. */
Test(interp, nested_handlers) {
  expect_return(".function \"<module>\"\n.locals log\n.handler i0 i1 ih 0\n.handler o0 o1 oh 0\n"
                "  BUILD_LIST 0\n  STORE_FAST log\no0:\ni0:\n  LOAD_GLOBAL KeyError\n  RAISE\ni1:\nih:\n"
                "  LOAD_GLOBAL ValueError\n  CHECK_EXC_MATCH\n  POP_JUMP_IF_FALSE reraise\n  POP_TOP\n"
                "  LOAD_CONST 'inner'\n  RETURN_VALUE\nreraise:\n  LOAD_FAST log\n  LOAD_METHOD append\n"
                "  LOAD_CONST 'inner saw it'\n  CALL 2\n  POP_TOP\n  RAISE\no1:\noh:\n  LOAD_GLOBAL KeyError\n"
                "  CHECK_EXC_MATCH\n  POP_JUMP_IF_FALSE out\n  POP_TOP\n  LOAD_FAST log\n  RETURN_VALUE\nout:\n"
                "  RAISE\n.end\n",
                "['inner saw it']");
}

static const char three_frames[] =
    ".function \"<module>\"\n"
    ".line 1\n  MAKE_FUNCTION f\n  STORE_GLOBAL f\n  MAKE_FUNCTION g\n  STORE_GLOBAL g\n"
    "  MAKE_FUNCTION h\n  STORE_GLOBAL h\n"
    ".line 5\n  LOAD_GLOBAL f\n  CALL 0\n  RETURN_VALUE\n.end\n"
    ".function f\n.line 10\n  LOAD_GLOBAL g\n  CALL 0\n  RETURN_VALUE\n.end\n"
    ".function g\n.line 20\n  LOAD_CONST 'pad'\n.line 21\n  LOAD_GLOBAL h\n  CALL 0\n  RETURN_VALUE\n.end\n"
    ".function h\n.line 30\n  LOAD_CONST 1\n  LOAD_CONST 0\n.line 31\n  BINARY_OP /\n  RETURN_VALUE\n.end\n";

Test(interp, exception_propagates_through_frames) {
  expect_exception(three_frames, "ZeroDivisionError: division by zero");
  /* caught two frames up, after the frames in between are released */
  expect_return(".function \"<module>\"\n.handler t0 t1 h 0\n  MAKE_FUNCTION f\n  STORE_GLOBAL f\n"
                "  MAKE_FUNCTION g\n  STORE_GLOBAL g\nt0:\n  LOAD_GLOBAL f\n  LOAD_CONST 'arg'\n  CALL 1\n"
                "  RETURN_VALUE\nt1:\nh:\n  LOAD_GLOBAL ZeroDivisionError\n  CHECK_EXC_MATCH\n  POP_JUMP_IF_FALSE no\n"
                "  POP_TOP\n  LOAD_CONST 'caught'\n  RETURN_VALUE\nno:\n  RAISE\n.end\n"
                ".function f\n.arity 1\n.locals a\n  BUILD_LIST 0\n  LOAD_GLOBAL g\n  CALL 0\n  RETURN_VALUE\n.end\n"
                ".function g\n  BUILD_MAP 0\n  LOAD_CONST 1\n  LOAD_CONST 0\n  BINARY_OP %\n  RETURN_VALUE\n.end\n",
                "'caught'");
  /* a handler in the middle frame that does not match re-raises upward */
  expect_exception(".function \"<module>\"\n  MAKE_FUNCTION f\n  CALL 0\n  RETURN_VALUE\n.end\n"
                   ".function f\n.handler t0 t1 h 0\nt0:\n  MAKE_FUNCTION g\n  CALL 0\n  RETURN_VALUE\nt1:\nh:\n"
                   "  LOAD_GLOBAL KeyError\n  CHECK_EXC_MATCH\n  POP_JUMP_IF_FALSE no\n  POP_TOP\n  LOAD_CONST None\n"
                   "  RETURN_VALUE\nno:\n  RAISE\n.end\n"
                   ".function g\n  LOAD_GLOBAL IndexError\n  LOAD_CONST 'deep'\n  CALL 1\n  RAISE\n.end\n",
                   "IndexError: deep");
}

/* The traceback names every frame, outermost first, with the line of the
 * instruction each frame was executing (the CALL in callers). */
Test(interp, traceback_lines) {
  StrBuf err;
  strbuf_init(&err);
  Module *m = module_load_bytes("prog.jasm", (const uint8_t *)three_frames, sizeof three_frames - 1, &err);
  cr_assert_not_null(m, "%s", err.data ? err.data : "");
  strbuf_free(&err);
  VMConfig cfg = {.fuel = -1};
  VM *vm = vm_new(m, &cfg);
  cr_assert_not_null(vm);
  Outcome o;
  cr_assert_eq(ref_run(vm, &o), LS_OK);
  cr_assert_eq(o.kind, OUTCOME_EXCEPTION);
  StrBuf tb;
  strbuf_init(&tb);
  exc_format_traceback(vm, AS_EXCEPTION(o.value), &tb);
  cr_expect_str_eq(tb.data,
                   "Traceback (most recent call last):\n"
                   "  File \"prog.jasm\", line 5, in <module>\n"
                   "  File \"prog.jasm\", line 10, in f\n"
                   "  File \"prog.jasm\", line 21, in g\n"
                   "  File \"prog.jasm\", line 31, in h\n"
                   "ZeroDivisionError: division by zero\n");
  strbuf_free(&tb);
  outcome_clear(vm, &o);
  vm_release_roots(vm);
  cr_expect_eq(vm->live_objects, 0);
  vm_free(vm);
  module_free(m);
}

/* ---- Call errors ---- */

static void expect_call_error(int arity, int nargs, const char *want) {
  static const char *const params[] = {"a", "b", "c"};
  char jasm[1024];
  StrBuf sb;
  strbuf_init(&sb);
  strbuf_puts(&sb, ".function \"<module>\"\n  MAKE_FUNCTION f\n");
  for (int i = 0; i < nargs; i++) strbuf_printf(&sb, "  LOAD_CONST %d\n", i);
  strbuf_printf(&sb, "  CALL %d\n  RETURN_VALUE\n.end\n.function f\n.arity %d\n.locals", nargs, arity);
  for (int i = 0; i < arity; i++) strbuf_printf(&sb, " %s", params[i]);
  strbuf_puts(&sb, "\n  LOAD_CONST None\n  RETURN_VALUE\n.end\n");
  snprintf(jasm, sizeof jasm, "%s", sb.data);
  strbuf_free(&sb);
  expect_exception(jasm, want);
}

Test(interp, call_arity_messages) {
  expect_call_error(1, 2, "TypeError: f() takes 1 positional argument but 2 were given");
  expect_call_error(0, 1, "TypeError: f() takes 0 positional arguments but 1 was given");
  expect_call_error(0, 2, "TypeError: f() takes 0 positional arguments but 2 were given");
  expect_call_error(2, 3, "TypeError: f() takes 2 positional arguments but 3 were given");
  expect_call_error(2, 0, "TypeError: f() missing 2 required positional arguments: 'a' and 'b'");
  expect_call_error(1, 0, "TypeError: f() missing 1 required positional argument: 'a'");
  expect_call_error(3, 0, "TypeError: f() missing 3 required positional arguments: 'a', 'b', and 'c'");
  expect_call_error(3, 1, "TypeError: f() missing 2 required positional arguments: 'b' and 'c'");
}

Test(interp, call_non_callable) {
  expect_exception(MODULE("  LOAD_CONST 5\n  LOAD_CONST 1\n  CALL 1\n  RETURN_VALUE\n"),
                   "TypeError: 'int' object is not callable");
  expect_exception(MODULE("  LOAD_CONST 's'\n  CALL 0\n  RETURN_VALUE\n"), "TypeError: 'str' object is not callable");
  expect_exception(MODULE("  LOAD_CONST None\n  CALL 0\n  RETURN_VALUE\n"),
                   "TypeError: 'NoneType' object is not callable");
  expect_exception(MODULE("  BUILD_LIST 0\n  LOAD_CONST 1\n  LOAD_CONST 2\n  CALL 2\n  RETURN_VALUE\n"),
                   "TypeError: 'list' object is not callable");
}

/* Output printed before an uncaught exception is kept. */
Test(interp, output_before_exception) {
  expect_exception_after(MODULE("  LOAD_GLOBAL print\n  LOAD_CONST 'before'\n  CALL 1\n  POP_TOP\n"
                                "  LOAD_GLOBAL undefined_name\n  RETURN_VALUE\n"),
                         "before\n", "NameError: name 'undefined_name' is not defined");
}

/* str(e) and repr(e) of caught exceptions, as CPython gives them. */
Test(interp, caught_exception_str_and_repr) {
  expect_return(MODULE(".handler t0 t1 h 0\nt0:\n  BUILD_MAP 0\n  LOAD_CONST 'k'\n  BINARY_SUBSCR\n"
                       "  RETURN_VALUE\nt1:\nh:\n  COPY 1\n  LOAD_GLOBAL str\n  SWAP 2\n  CALL 1\n  SWAP 2\n"
                       "  LOAD_GLOBAL repr\n  SWAP 2\n  CALL 1\n  BUILD_TUPLE 2\n  RETURN_VALUE\n"),
                "(\"'k'\", \"KeyError('k')\")");
}
