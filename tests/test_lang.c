/* The Python-subset front end (lang/): programs compiled by lang_compile and
 * run by the reference interpreter with their exact stdout asserted; the
 * error message of every class of compile error; line numbers in
 * tracebacks; the shape of the generated code where it matters (constant
 * folding, in-place operators); hostile sources (deep nesting, huge files,
 * random bytes, truncations and mutations of a valid program), each
 * bounded; and the programs of corpus/lang replayed against their stored
 * expected files.
 * Every run asserts that no object is alive once the VM's roots are
 * released, and every compiled module is re-verified. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/lang.h"
#include "tests/support.h"
#include "vm/exc.h"
#include "vm/interp.h"
#include "vm/jasm.h"
#include "vm/jbc.h"
#include "vm/opcodes.h"
#include "vm/verify.h"

/* ---- helpers ---- */

typedef struct LangRun {
  char *error;     /* compile error line, or NULL when it compiled */
  int outcome;     /* OutcomeKind */
  char *out;       /* stdout */
  char *last;      /* "Type: message" of an uncaught exception, else "" */
  char *traceback; /* the whole traceback of an uncaught exception, else "" */
  int64_t leaked;  /* objects alive after vm_release_roots */
} LangRun;

static char *steal(StrBuf *sb) {
  char *s = sb->data ? sb->data : strdup("");
  strbuf_init(sb);
  return s;
}

static Module *compile_or_null(const char *src, size_t len, StrBuf *err) {
  Module *m = lang_compile("prog.py", src, len, err);
  if (m) cr_assert(verify_module(m, NULL), "a compiled module must verify");
  return m;
}

static LangRun run_module(Module *m, int64_t fuel) {
  LangRun r = {0};
  VMConfig cfg = {.fuel = fuel};
  VM *vm = vm_new(m, &cfg);
  cr_assert(vm);
  Outcome o;
  cr_assert_eq(ref_run(vm, &o), LS_OK);
  r.outcome = (int)o.kind;
  StrBuf last, tb;
  strbuf_init(&last);
  strbuf_init(&tb);
  if (o.kind == OUTCOME_EXCEPTION) {
    exc_format_last_line(vm, AS_EXCEPTION(o.value), &last);
    exc_format_traceback(vm, AS_EXCEPTION(o.value), &tb);
  }
  outcome_clear(vm, &o);
  r.last = steal(&last);
  r.traceback = steal(&tb);
  r.out = steal(&vm->out);
  vm_release_roots(vm);
  r.leaked = vm->live_objects;
  vm_free(vm);
  return r;
}

static LangRun lang_run_fuel(const char *src, int64_t fuel) {
  StrBuf err;
  strbuf_init(&err);
  Module *m = compile_or_null(src, strlen(src), &err);
  if (!m) {
    LangRun r = {.error = steal(&err), .out = strdup(""), .last = strdup(""), .traceback = strdup("")};
    return r;
  }
  strbuf_free(&err);
  LangRun r = run_module(m, fuel);
  module_free(m);
  return r;
}

static LangRun lang_run(const char *src) { return lang_run_fuel(src, 10 * 1000 * 1000); }

static void lang_run_free(LangRun *r) {
  free(r->error);
  free(r->out);
  free(r->last);
  free(r->traceback);
  memset(r, 0, sizeof *r);
}

/* Runs src and asserts it compiles, ends normally with exactly `out` on
 * stdout and leaks nothing. */
static void expect_output(const char *src, const char *out) {
  LangRun r = lang_run(src);
  cr_assert_null(r.error, "compile error: %s\nsource:\n%s", r.error, src);
  cr_assert_eq(r.outcome, OUTCOME_RETURN, "uncaught: %s\nsource:\n%s", r.last, src);
  cr_assert_str_eq(r.out, out, "source:\n%s", src);
  cr_assert_eq(r.leaked, 0, "%lld objects leaked", (long long)r.leaked);
  lang_run_free(&r);
}

/* Asserts src ends in the uncaught exception `last` after printing `out`. */
static void expect_exception(const char *src, const char *out, const char *last) {
  LangRun r = lang_run(src);
  cr_assert_null(r.error, "compile error: %s", r.error);
  cr_assert_eq(r.outcome, OUTCOME_EXCEPTION, "source:\n%s", src);
  cr_assert_str_eq(r.out, out);
  cr_assert_str_eq(r.last, last);
  cr_assert_eq(r.leaked, 0);
  lang_run_free(&r);
}

/* Asserts src fails to compile with exactly "prog.py:LINE:COL: error: MSG". */
static void expect_error(const char *src, const char *message) {
  StrBuf err;
  strbuf_init(&err);
  Module *m = lang_compile("prog.py", src, strlen(src), &err);
  cr_assert_null(m, "expected an error (%s) for:\n%s", message, src);
  cr_assert_not_null(err.data);
  cr_assert_str_eq(err.data, message, "source:\n%s", src);
  strbuf_free(&err);
}

/* The same when the source has NUL bytes or is built in a buffer. */
static void expect_error_bytes(const char *src, size_t len, const char *needle) {
  StrBuf err;
  strbuf_init(&err);
  Module *m = lang_compile("prog.py", src, len, &err);
  cr_assert_null(m);
  cr_assert_not_null(err.data);
  cr_assert(strstr(err.data, needle), "message '%s' lacks '%s'", err.data, needle);
  cr_assert_null(strchr(err.data, '\n'), "the message must be one line");
  strbuf_free(&err);
}

/* A growable text for generated sources. */
static char *repeat(const char *head, const char *unit, size_t n, const char *tail) {
  StrBuf sb;
  strbuf_init(&sb);
  strbuf_puts(&sb, head);
  for (size_t i = 0; i < n; i++) strbuf_puts(&sb, unit);
  strbuf_puts(&sb, tail);
  cr_assert(!sb.oom);
  return steal(&sb);
}

/* ---- programs ---- */

Test(lang, arithmetic_and_printing) {
  expect_output("print(1 + 2 * 3, 7 // 2, -7 // 2, 7 % -3, 7 / 2, 2 ** 10, 2 ** -1)\n"
                "print(-2 ** 2, (-2) ** 2, ~5, +3, not 0, 1 << 4, 256 >> 2, 6 & 3, 6 | 3, 6 ^ 3)\n"
                "print(True + 1, 1.5 * 2, 'ab' * 2, [0] * 3, (1, 2) + (3,))\n",
                "7 3 -4 -2 3.5 1024 0.5\n-4 4 -6 3 True 16 64 2 7 5\n2 3.0 abab [0, 0, 0] (1, 2, 3)\n");
}

Test(lang, literals) {
  expect_output("print(0x1F, 0o17, 0b101, 1_000_000, 00, 0_0)\n"
                "print(-9223372036854775808, 9223372036854775807)\n"
                "print(1.5, .5, 1., 1e3, 1.5e-3, 1_0.2_5, 1e400, -0.0)\n"
                "print('a\\tb', \"q\\\"q\", '\\x41\\u00e9\\U0001F600\\101\\0'[-1] == chr(0), r'\\n', 'x' 'y' \"z\")\n"
                "print('''one\ntwo''', \"\"\"3\"\"\", u'u', len('\\\n'))\n"
                "print(True, False, None, 'é', len('é€'))\n",
                "31 15 5 1000000 0 0\n-9223372036854775808 9223372036854775807\n"
                "1.5 0.5 1.0 1000.0 0.0015 10.25 inf -0.0\n"
                "a\tb q\"q True \\n xyz\none\ntwo 3 u 0\nTrue False None é 2\n");
}

Test(lang, strings_lists_dicts_tuples) {
  expect_output("s = 'hello'\n"
                "print(s[1], s[-1], s[1:3], s[::-1], s[:2], s[3:], s[::2], s.upper(), s.find('l'))\n"
                "l = [3, 1, 2]\n"
                "l.append(4); l.sort(); print(l, l[1:3], l[-1], len(l), 2 in l, 9 not in l)\n"
                "d = {'a': 1, 'b': 2}\n"
                "d['c'] = 3; del d['a']; print(d, d.get('z', 0), list(d.keys()), 'b' in d)\n"
                "t = (1, (2, 3), 'x')\n"
                "print(t, t[1][1], len(t), t[-1], (), (1,), {}, [])\n"
                "print({(1, 2): 'p'}[(1, 2)], {1: 'a', 1.0: 'b'})\n",
                "e o el olleh he lo hlo HELLO 2\n"
                "[1, 2, 3, 4] [2, 3] 4 4 True True\n"
                "{'b': 2, 'c': 3} 0 ['b', 'c'] True\n"
                "(1, (2, 3), 'x') 3 3 x () (1,) {} []\n"
                "p {1: 'b'}\n");
}

Test(lang, large_displays_are_built_in_chunks) {
  char *src = repeat("l = [", "7, ", 5000, "8]\nprint(len(l), l[0], l[-1], sum(l))\n");
  expect_output(src, "5001 7 8 35008\n");
  free(src);
  StrBuf sb;
  strbuf_init(&sb);
  strbuf_puts(&sb, "d = {");
  for (int i = 0; i < 3000; i++) strbuf_printf(&sb, "%d: %d, ", i, i * 2);
  strbuf_puts(&sb, "0: 'first key, last value'}\nprint(len(d), d[2999], d[0], list(d)[:3])\n");
  expect_output(sb.data, "3000 5998 first key, last value [0, 1, 2]\n");
  strbuf_free(&sb);
}

Test(lang, functions_and_recursion) {
  expect_output("def fib(n):\n"
                "    if n < 2:\n"
                "        return n\n"
                "    return fib(n - 1) + fib(n - 2)\n"
                "def noret():\n"
                "    pass\n"
                "def apply(f, x):\n"
                "    return f(x)\n"
                "fs = [fib, noret]\n"
                "print(fib(15), noret(), apply(fib, 10), fs[0](7), {'f': fib}['f'](6))\n",
                "610 None 55 13 8\n");
  expect_exception("def f(a, b):\n    return a\nf(1)\n", "",
                   "TypeError: f() missing 1 required positional argument: 'b'");
}

Test(lang, control_flow) {
  expect_output("i = 0\n"
                "while i < 10:\n"
                "    i += 1\n"
                "    if i == 2:\n"
                "        continue\n"
                "    elif i == 6:\n"
                "        break\n"
                "    else:\n"
                "        print(i, end=' ')\n"
                "else:\n"
                "    print('no')\n"
                "print()\n"
                "for x in range(3):\n"
                "    pass\n"
                "else:\n"
                "    print('else', x)\n"
                "for c in 'ab':\n"
                "    for n in (1, 2):\n"
                "        if n == 2:\n"
                "            break\n"
                "        print(c, n)\n"
                "while True:\n"
                "    break\n"
                "for k, v in {'a': 1}.items():\n"
                "    print(k, v)\n"
                "for i, (a, b) in enumerate([(1, 2), (3, 4)]):\n"
                "    print(i, a + b)\n",
                "1 3 4 5 \nelse 2\na 1\nb 1\na 1\n0 3\n1 7\n");
}

Test(lang, assignment_forms) {
  expect_output("a = b = [1]\n"
                "print(a is b)\n"
                "x, y = 1, 2\n"
                "x, y = y, x\n"
                "p, q, r = 'abc'\n"
                "(m, n), o = (1, 2), 3\n"
                "[s, t] = [4, 5]\n"
                "u, = (6,)\n"
                "print(x, y, p, q, r, m, n, o, s, t, u)\n"
                "l = [0, 1, 2]\n"
                "l[0], l[2] = l[2], l[0]\n"
                "d = {}\n"
                "d[1] = d[2] = 'v'\n"
                "print(l, d)\n"
                "del l[0], d[1]\n"
                "print(l, d)\n",
                "True\n2 1 a b c 1 2 3 4 5 6\n[2, 1, 0] {1: 'v', 2: 'v'}\n[1, 0] {2: 'v'}\n");
  expect_exception("a, b = 1, 2, 3\n", "", "ValueError: too many values to unpack (expected 2)");
}

Test(lang, augmented_assignment) {
  expect_output("x = 10\n"
                "x += 5; x -= 3; x *= 2; x //= 5; x **= 3; x %= 7; x <<= 3; x >>= 1; x |= 3; x &= 14; x ^= 1\n"
                "f = 3.0\n"
                "f /= 2\n"
                "print(x, f)\n"
                "l = [1]\n"
                "alias = l\n"
                "l += [2]\n"
                "print(alias, alias is l)\n"
                "t = (1,)\n"
                "t2 = t\n"
                "t += (2,)\n"
                "print(t, t2)\n"
                "def idx():\n"
                "    print('idx')\n"
                "    return 0\n"
                "m = [[5]]\n"
                "m[idx()][idx()] += 1\n"
                "d = {'k': 1}\n"
                "d['k'] -= 5\n"
                "print(m, d)\n",
                "7 1.5\n[1, 2] True\n(1, 2) (1,)\nidx\nidx\n[[6]] {'k': -4}\n");
}

Test(lang, comparisons_and_boolean_operators) {
  expect_output("def v(x):\n"
                "    print('eval', x)\n"
                "    return x\n"
                "print(v(1) < v(2) < v(3))\n"
                "print(v(3) < v(2) < v(1))\n"
                "print(1 < 2 > 0, 1 == 1 != 2, 1 < 2 < 3 < 4 < 5, 1 < 2 < 3 > 10)\n"
                "print(None is None, 1 is not None, [] is [], 2 in [1, 2], 3 not in (1, 2))\n"
                "print([] or 'x', 0 and 1, 1 and 0 and v(9), 0 or 0.0 or '', 5 and 6)\n"
                "print(1 if 0 else 2, 'y' if [1] else 'n')\n"
                "if not (1 and 0) or v(7):\n"
                "    print('branch')\n",
                "eval 1\neval 2\neval 3\nTrue\neval 3\neval 2\nFalse\n"
                "True True True False\nTrue True False True True\nx 0 0  6\n2 y\nbranch\n");
}

Test(lang, comprehensions) {
  expect_output("x = 'outer'\n"
                "sq = [x * x for x in range(5) if x % 2 == 0]\n"
                "print(sq, x)\n"
                "print([(i, j) for i in range(3) for j in range(i) if j != 1])\n"
                "print([[y for y in range(x)] for x in range(3)], x)\n"
                "print([a + b for a, b in [(1, 2), (3, 4)]])\n"
                "def f(n):\n"
                "    k = 10\n"
                "    return [k + i for i in range(n)], [i for i in [k]]\n"
                "print(f(3))\n"
                "print([x for x in x])\n",
                "[0, 4, 16] outer\n[(1, 0), (2, 0)]\n[[], [0], [0, 1]] outer\n[3, 7]\n"
                "([10, 11, 12], [10])\n['o', 'u', 't', 'e', 'r']\n");
}

Test(lang, scopes_globals_and_del) {
  expect_output("g = 1\n"
                "def inc():\n"
                "    global g\n"
                "    g += 1\n"
                "def shadow():\n"
                "    g = 100\n"
                "    return g\n"
                "inc(); inc()\n"
                "print(g, shadow(), g)\n"
                "def unb():\n"
                "    try:\n"
                "        print(z)\n"
                "    except UnboundLocalError as e:\n"
                "        print(e)\n"
                "    z = 1\n"
                "unb()\n"
                "h = 5\n"
                "del h\n"
                "try:\n"
                "    print(h)\n"
                "except NameError as e:\n"
                "    print(e)\n",
                "3 100 3\ncannot access local variable 'z' where it is not associated with a value\n"
                "name 'h' is not defined\n");
}

Test(lang, try_except_else_finally) {
  expect_output("def f(x):\n"
                "    try:\n"
                "        if x == 0:\n"
                "            raise ValueError('zero')\n"
                "        r = 10 // x\n"
                "    except ValueError as e:\n"
                "        print('VE', e)\n"
                "        return -1\n"
                "    except (TypeError, ZeroDivisionError):\n"
                "        return -2\n"
                "    else:\n"
                "        print('else')\n"
                "        return r\n"
                "    finally:\n"
                "        print('finally', x)\n"
                "print(f(0), f(5), f('a'))\n"
                "try:\n"
                "    try:\n"
                "        raise KeyError('k')\n"
                "    except IndexError:\n"
                "        print('no')\n"
                "except LookupError as e:\n"
                "    print('outer', e)\n"
                "try:\n"
                "    print(e)\n"
                "except NameError:\n"
                "    print('e unbound after its except clause')\n"
                "try:\n"
                "    try:\n"
                "        1 / 0\n"
                "    except ZeroDivisionError:\n"
                "        raise\n"
                "except ZeroDivisionError as e:\n"
                "    print('reraised', e)\n"
                "try:\n"
                "    raise IndexError\n"
                "except:\n"
                "    print('bare except')\n"
                "try:\n"
                "    assert 1 > 2, 'nope'\n"
                "except AssertionError as e:\n"
                "    print('assert', e)\n",
                "VE zero\nfinally 0\nelse\nfinally 5\nfinally a\n-1 2 -2\nouter 'k'\n"
                "e unbound after its except clause\nreraised division by zero\nbare except\nassert nope\n");
}

Test(lang, leaving_try_blocks_early) {
  expect_output("def g():\n"
                "    for i in range(3):\n"
                "        try:\n"
                "            try:\n"
                "                return i\n"
                "            finally:\n"
                "                print('inner')\n"
                "        finally:\n"
                "            print('outer')\n"
                "print(g())\n"
                "for i in range(4):\n"
                "    try:\n"
                "        if i == 1:\n"
                "            continue\n"
                "        if i == 3:\n"
                "            break\n"
                "        print('body', i)\n"
                "    finally:\n"
                "        print('fin', i)\n"
                "def r():\n"
                "    try:\n"
                "        return 'try'\n"
                "    finally:\n"
                "        return 'finally wins'\n"
                "def swallow():\n"
                "    for i in range(2):\n"
                "        try:\n"
                "            raise ValueError\n"
                "        finally:\n"
                "            continue\n"
                "    return 'swallowed'\n"
                "def in_handler():\n"
                "    for i in range(3):\n"
                "        try:\n"
                "            raise KeyError(i)\n"
                "        except KeyError as e:\n"
                "            if i == 1:\n"
                "                break\n"
                "    return i\n"
                "print(r(), swallow(), in_handler())\n"
                "while True:\n"
                "    try:\n"
                "        try:\n"
                "            break\n"
                "        finally:\n"
                "            raise ValueError('from finally')\n"
                "    except ValueError as e:\n"
                "        print('caught', e)\n"
                "        break\n",
                "inner\nouter\n0\nbody 0\nfin 0\nfin 1\nbody 2\nfin 2\nfin 3\n"
                "finally wins swallowed 1\ncaught from finally\n");
}

Test(lang, print_keywords) {
  expect_output("print(1, 2, sep='-')\nprint('a', end='')\nprint('b', 'c', end='!\\n', sep='')\nprint()\n",
                "1-2\nabc!\n\n");
}

Test(lang, uncaught_exceptions) {
  expect_exception("print('before')\nd = {}\nd['missing']\n", "before\n", "KeyError: 'missing'");
  expect_exception("raise ValueError('bad')\n", "", "ValueError: bad");
  expect_exception("raise TypeError\n", "", "TypeError");
  expect_exception("x = 1\nassert x == 2, 'x is ' + str(x)\n", "", "AssertionError: x is 1");
  expect_exception("assert []\n", "", "AssertionError");
  expect_exception("raise\n", "", "RuntimeError: No active exception to reraise");
  expect_exception("def r(n):\n    return r(n + 1)\nr(0)\n", "", "RecursionError: maximum recursion depth exceeded");
  expect_exception("try:\n    raise TypeError('t')\nexcept ValueError:\n    pass\n", "", "TypeError: t");
  expect_exception("def f():\n    try:\n        raise KeyError(1)\n    finally:\n        print('cleanup')\nf()\n",
                   "cleanup\n", "KeyError: 1");
  expect_exception("print(9223372036854775807 + 1)\n", "", "OverflowError: integer overflow");
  expect_exception("'abc'.nope()\n", "", "AttributeError: 'str' object has no attribute 'nope'");
}

Test(lang, traceback_lines) {
  LangRun r = lang_run("def inner(x):\n"
                       "    return [1, 2][x]\n"
                       "\n"
                       "def outer(x):\n"
                       "    y = (1 +\n"
                       "         x)\n"
                       "    return inner(\n"
                       "        y)\n"
                       "\n"
                       "outer(5)\n");
  cr_assert_eq(r.outcome, OUTCOME_EXCEPTION);
  cr_assert_str_eq(r.traceback, "Traceback (most recent call last):\n"
                                "  File \"prog.py\", line 10, in <module>\n"
                                "  File \"prog.py\", line 7, in outer\n"
                                "  File \"prog.py\", line 2, in inner\n"
                                "IndexError: list index out of range\n");
  lang_run_free(&r);
  /* an error in the second line of a multi-line expression names that line */
  r = lang_run("x = [1,\n     2 // 0,\n     3]\n");
  cr_assert(strstr(r.traceback, "line 2, in <module>"), "%s", r.traceback);
  lang_run_free(&r);
}

/* ---- the generated code ---- */

static Module *must_compile(const char *src) {
  StrBuf err;
  strbuf_init(&err);
  Module *m = compile_or_null(src, strlen(src), &err);
  cr_assert_not_null(m, "%s", err.data);
  strbuf_free(&err);
  return m;
}

static int count_op(const Code *c, int op, uint32_t *arg) {
  int n = 0;
  Instr in;
  for (uint32_t off = 0; off < c->code_len && instr_decode(c, off, &in); off += in.size)
    if (in.op == op) {
      n++;
      if (arg) *arg = in.arg;
    }
  return n;
}

Test(lang, module_shape) {
  Module *m = must_compile("def f(a, b):\n    c = a\n    return c\nx = f(1, 2)\n");
  cr_assert_str_eq(m->filename, "prog.py");
  cr_assert_eq(m->nfuncs, 2);
  cr_assert_str_eq(m->funcs[0].name.data, "<module>");
  cr_assert_eq(m->funcs[0].arity, 0);
  cr_assert_str_eq(m->funcs[1].name.data, "f");
  cr_assert_eq(m->funcs[1].arity, 2);
  cr_assert_eq(m->funcs[1].nlocals, 3);
  cr_assert_str_eq(m->funcs[1].local_names[2].data, "c");
  cr_assert_eq(count_op(&m->funcs[0], OP_MAKE_FUNCTION, NULL), 1);
  cr_assert_eq(count_op(&m->funcs[0], OP_STORE_GLOBAL, NULL), 2);
  cr_assert_eq(count_op(&m->funcs[1], OP_LOAD_GLOBAL, NULL), 0);
  module_free(m);
}

Test(lang, tuple_constants_are_folded) {
  Module *m = must_compile("t = (1, (2.5, 'x'), None, True, -3)\n");
  uint32_t k = 0;
  cr_assert_eq(count_op(&m->funcs[0], OP_BUILD_TUPLE, NULL), 0);
  cr_assert_eq(count_op(&m->funcs[0], OP_LOAD_CONST, &k), 2); /* the tuple, then the module's None */
  const Const *c = &m->funcs[0].consts[0];
  cr_assert_eq(c->kind, CK_TUPLE);
  cr_assert_eq(c->as.t.len, 5);
  cr_assert_eq(c->as.t.items[1].kind, CK_TUPLE);
  cr_assert_eq(c->as.t.items[4].as.i, -3);
  module_free(m);
  /* not folded when an item is not constant */
  m = must_compile("x = 1\nt = (1, x)\n");
  cr_assert_eq(count_op(&m->funcs[0], OP_BUILD_TUPLE, NULL), 1);
  module_free(m);
}

Test(lang, augmented_assignment_uses_inplace_operators) {
  Module *m = must_compile("l = []\nl += [1]\n");
  uint32_t arg = 0;
  cr_assert_eq(count_op(&m->funcs[0], OP_BINARY_OP, &arg), 1);
  cr_assert_eq(arg, BINOP_INPLACE_BASE + BINOP_ADD);
  module_free(m);
}

Test(lang, comprehension_variables_are_hidden_locals) {
  Module *m = must_compile("y = [x for x in range(3)]\n");
  cr_assert_eq(m->funcs[0].nlocals, 1);
  cr_assert_eq(count_op(&m->funcs[0], OP_STORE_GLOBAL, NULL), 1); /* y only */
  module_free(m);
}

Test(lang, line_table) {
  Module *m = must_compile("a = 1\n\nb = 2\nif a:\n    c = 3\n");
  const Code *c = &m->funcs[0];
  cr_assert_eq(code_line_at(c, 0), 1);
  Instr in;
  uint32_t off = 0, stores = 0;
  uint32_t lines[3] = {0};
  for (; off < c->code_len && instr_decode(c, off, &in); off += in.size)
    if (in.op == OP_STORE_GLOBAL && stores < 3) lines[stores++] = code_line_at(c, off);
  cr_assert_eq(lines[0], 1);
  cr_assert_eq(lines[1], 3);
  cr_assert_eq(lines[2], 5);
  module_free(m);
}

/* ---- compile errors ---- */

Test(lang, errors_outside_the_subset) {
  expect_error("class A:\n    pass\n", "prog.py:1:1: error: classes are not supported");
  expect_error("f = lambda: 1\n", "prog.py:1:5: error: lambda is not supported");
  expect_error("f(a=1)\n", "prog.py:1:3: error: keyword arguments are only supported for print's sep and end");
  expect_error("print(1, flush=True)\n",
               "prog.py:1:10: error: keyword arguments are only supported for print's sep and end");
  expect_error("import os\n", "prog.py:1:1: error: imports are not supported");
  expect_error("def f():\n    def g():\n        pass\n", "prog.py:2:5: error: nested functions are not supported");
  expect_error("x = {1, 2}\n", "prog.py:1:5: error: sets are not supported");
  expect_error("x = {k: 1 for k in y}\n", "prog.py:1:5: error: dict comprehensions are not supported");
  expect_error("x = (i for i in y)\n", "prog.py:1:5: error: generator expressions are not supported");
  expect_error("x = f'{y}'\n", "prog.py:1:5: error: f-strings are not supported");
  expect_error("x = b'y'\n", "prog.py:1:5: error: bytes literals are not supported");
  expect_error("with a:\n    pass\n", "prog.py:1:1: error: 'with' statements are not supported");
  expect_error("@d\ndef f():\n    pass\n", "prog.py:1:1: error: decorators are not supported");
  expect_error("def f(*a):\n    pass\n", "prog.py:1:7: error: *args and **kwargs parameters are not supported");
  expect_error("def f(a=1):\n    pass\n", "prog.py:1:8: error: default parameter values are not supported");
  expect_error("f(*a)\n", "prog.py:1:3: error: argument unpacking (*args, **kwargs) is not supported");
  expect_error("x = y.z\n", "prog.py:1:5: error: attribute access is only supported for method calls");
  expect_error("a.b = 1\n", "prog.py:1:1: error: attribute assignment is not supported");
  expect_error("a[1:2] = []\n", "prog.py:1:1: error: slice assignment is not supported");
  expect_error("x = 1j\n", "prog.py:1:5: error: complex numbers are not supported");
  expect_error("x: int = 1\n", "prog.py:1:2: error: annotations are not supported");
  expect_error("x = 9223372036854775808\n", "prog.py:1:5: error: integer literal too large for 64-bit int");
  expect_error("x = -9223372036854775809\n", "prog.py:1:6: error: integer literal too large for 64-bit int");
  expect_error("x = [*a]\n", "prog.py:1:6: error: starred expressions are not supported");
  expect_error("raise E from F\n", "prog.py:1:9: error: 'raise ... from ...' is not supported");
  expect_error("x = ...\n", "prog.py:1:5: error: Ellipsis (...) is not supported");
  expect_error("x = a @ b\n", "prog.py:1:7: error: the @ operator is not supported");
  expect_error("print((x := 1))\n", "prog.py:1:10: error: assignment expressions (:=) are not supported");
  expect_error("x = é\n",
               "prog.py:1:5: error: invalid character 'é' (U+00E9): only ASCII is allowed outside strings and comments");
}

Test(lang, errors_invalid_python) {
  expect_error("x = 1 +\n", "prog.py:1:8: error: invalid syntax");
  expect_error("if x\n    pass\n", "prog.py:1:5: error: expected ':'");
  expect_error("if x:\npass\n", "prog.py:2:1: error: expected an indented block after 'if' statement on line 1");
  expect_error("x = 1\n  y = 2\n", "prog.py:2:3: error: unexpected indent");
  expect_error("if 1:\n    x = 1\n  y = 2\n", "prog.py:3:3: error: unindent does not match any outer indentation level");
  expect_error("if 1:\n\tx = 1\n        y = 2\n", "prog.py:3:9: error: inconsistent use of tabs and spaces in indentation");
  expect_error("return 1\n", "prog.py:1:1: error: 'return' outside function");
  expect_error("break\n", "prog.py:1:1: error: 'break' outside loop");
  expect_error("while 1:\n    def f():\n        continue\n", "prog.py:3:9: error: 'continue' not properly in loop");
  expect_error("def f(x, x):\n    pass\n", "prog.py:1:10: error: duplicate argument 'x' in function definition");
  expect_error("x = (1,\n", "prog.py:1:5: error: '(' was never closed");
  expect_error("x = [1, 2)\n", "prog.py:1:10: error: closing parenthesis ')' does not match opening parenthesis '['");
  expect_error("x = ]\n", "prog.py:1:5: error: unmatched ']'");
  expect_error("x = 'abc\n", "prog.py:1:5: error: unterminated string literal (detected at line 1)");
  expect_error("x = '''abc\n\n", "prog.py:1:5: error: unterminated triple-quoted string literal (detected at line 3)");
  expect_error("x = 0777\n",
               "prog.py:1:5: error: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
  expect_error("x = 0b102\n", "prog.py:1:9: error: invalid digit '2' in binary literal");
  expect_error("x = '\\x4'\n", "prog.py:1:6: error: truncated \\xXX escape");
  expect_error("f() = 3\n", "prog.py:1:1: error: cannot assign to function call here. Maybe you meant '==' instead of '='?");
  expect_error("True = 1\n", "prog.py:1:1: error: cannot assign to True");
  expect_error("x, y += 1\n", "prog.py:1:1: error: 'tuple' is an illegal expression for augmented assignment");
  expect_error("del f()\n", "prog.py:1:5: error: cannot delete function call");
  expect_error("x = 1 if 2\n", "prog.py:1:5: error: expected 'else' after 'if' expression");
  expect_error("try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass\n",
               "prog.py:3:1: error: default 'except:' must be last");
  expect_error("try:\n    pass\nx = 1\n", "prog.py:3:1: error: expected 'except' or 'finally' block");
  expect_error("f(a=1, a=2)\n", "prog.py:1:8: error: keyword argument repeated: a");
  expect_error("print(end=1, 2)\n", "prog.py:1:14: error: positional argument follows keyword argument");
  expect_error("x = 1\nglobal x\n", "prog.py:2:1: error: name 'x' is assigned to before global declaration");
  expect_error("def f():\n    print(x)\n    global x\n",
               "prog.py:3:5: error: name 'x' is used prior to global declaration");
  expect_error("def f(x):\n    global x\n", "prog.py:2:5: error: name 'x' is parameter and global");
  expect_error("x = $\n", "prog.py:1:5: error: invalid syntax");
  expect_error("x = \\ 1\n", "prog.py:1:5: error: unexpected character after line continuation character");
  expect_error_bytes("x = 1\0\n", 7, "prog.py:1:6: error: source code cannot contain null bytes");
  expect_error_bytes("x = '\xff'\n", 9, "prog.py:1:6: error: invalid UTF-8 in source (byte 0xff)");
}

/* ---- hostile sources: each bounded, each an error message or a program ---- */

Test(lang, deep_nesting_is_an_error_not_a_crash) {
  char *src = repeat("x = ", "(", 10000, "\n");
  expect_error_bytes(src, strlen(src), "prog.py:1:205: error: too many nested parentheses");
  free(src);
  src = repeat("x = ", "[", 10000, "");
  expect_error_bytes(src, strlen(src), "too many nested parentheses");
  free(src);
  src = repeat("x = ", "(", 200, "1");
  char *full = repeat(src, ")", 200, "\nprint(x)\n");
  expect_output(full, "1\n");
  free(src);
  free(full);
  const char *units[] = {"-", "not ", "2 ** ", "1 if 1 else ", "~"};
  for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
    src = repeat("x = ", units[i], 100000, "1\n");
    expect_error_bytes(src, strlen(src), "expression too deeply nested");
    free(src);
  }
  src = repeat("x = 1", " + 1", 100000, "\n");
  expect_error_bytes(src, strlen(src), "expression too deeply nested");
  free(src);
  src = repeat("x = 1", " + 1", 2000, "\nprint(x)\n"); /* CPython's own limit is a little above */
  expect_output(src, "2001\n");
  free(src);
}

Test(lang, deep_blocks) {
  StrBuf sb;
  strbuf_init(&sb);
  for (int i = 0; i < 99; i++) strbuf_printf(&sb, "%*sfor i%d in range(1):\n", i, "", i);
  strbuf_printf(&sb, "%*sprint('deep')\n", 99, "");
  expect_output(sb.data, "deep\n");
  strbuf_clear(&sb);
  for (int i = 0; i < 100; i++) strbuf_printf(&sb, "%*sif 1:\n", i, "");
  strbuf_printf(&sb, "%*spass\n", 100, "");
  expect_error_bytes(sb.data, sb.len, "prog.py:101:101: error: too many levels of indentation");
  strbuf_free(&sb);
}

Test(lang, many_lines) {
  char *src = repeat("x = 0\n", "x = x + 1\n", 100000, "print(x)\n");
  expect_output(src, "100000\n");
  free(src);
  src = repeat("x = 0\n", "\n# comment\n", 100000, "print(x)\nprint(y)\n");
  LangRun r = lang_run(src);
  cr_assert_str_eq(r.last, "NameError: name 'y' is not defined");
  cr_assert(strstr(r.traceback, "line 200003"), "%s", r.traceback);
  lang_run_free(&r);
  free(src);
}

Test(lang, many_elifs_and_operands) {
  char *src = repeat("x = 5\nif x == 0:\n    pass\n", "elif x == 1:\n    pass\n", 20000, "else:\n    print('else')\n");
  expect_output(src, "else\n");
  free(src);
  src = repeat("x = 1", " and 1", 30000, "\nprint(x)\n");
  expect_output(src, "1\n");
  free(src);
  src = repeat("x = 1", " < 2 > 1", 10000, "\nprint(x)\n");
  expect_output(src, "True\n");
  free(src);
}

/* try/finally nested in finally bodies, with returns: every exit copies the
 * finally bodies, which could grow exponentially; the compiler must stop
 * with an error, quickly. */
Test(lang, finally_duplication_is_bounded, .timeout = 60) {
  StrBuf sb;
  strbuf_init(&sb);
  strbuf_puts(&sb, "def f():\n");
  int n = 40;
  for (int i = 0; i < n; i++) strbuf_printf(&sb, "%*stry:\n", i + 1, "");
  strbuf_printf(&sb, "%*sreturn 1\n", n + 1, "");
  for (int i = n - 1; i >= 0; i--)
    strbuf_printf(&sb, "%*sfinally:\n%*stry:\n%*sreturn 2\n%*sfinally:\n%*spass\n", i + 1, "", i + 2, "", i + 3, "",
                  i + 2, "", i + 3, "");
  StrBuf err;
  strbuf_init(&err);
  Module *m = lang_compile("prog.py", sb.data, sb.len, &err);
  cr_assert_null(m);
  cr_assert(strstr(err.data, "too many exception table entries") || strstr(err.data, "too complex") || strstr(err.data, "too large"),
            "%s", err.data);
  strbuf_free(&err);
  strbuf_free(&sb);
}

static const char sample_program[] =
    "# a sample with most constructs, for truncation and mutation\n"
    "def fib(n):\n"
    "    if n < 2:\n"
    "        return n\n"
    "    return fib(n - 1) + fib(n - 2)\n"
    "g = 0\n"
    "def work(xs):\n"
    "    global g\n"
    "    total = 0\n"
    "    for i, x in enumerate(xs):\n"
    "        try:\n"
    "            total += 10 // x\n"
    "        except ZeroDivisionError as e:\n"
    "            print('zero at', i, e)\n"
    "            continue\n"
    "        finally:\n"
    "            g += 1\n"
    "        if total > 100:\n"
    "            break\n"
    "    else:\n"
    "        print('no break')\n"
    "    return total\n"
    "d = {'a': [1, 2], (1, 2): \"t\\n\"}\n"
    "print(work([1, 0, 2, 5]), g, fib(10), [k for k in d if k != 'a'], d['a'][1:])\n"
    "s = '''multi\n"
    "line''' 'joined'\n"
    "x = -9223372036854775808 if s and not g else 0x7f\n"
    "while x < 200:\n"
    "    x <<= 1\n"
    "assert x > 0, 'positive'\n"
    "print(x, 1 < x <= 1000 != 5, s.upper(), 3.5e-2, sep=';', end='\\n')\n"
    "del d['a']\n";

static void check_any(const char *src, size_t len) {
  StrBuf err;
  strbuf_init(&err);
  Module *m = lang_compile("prog.py", src, len, &err);
  if (m) {
    cr_assert(verify_module(m, NULL));
    LangRun r = run_module(m, 20000);
    cr_assert_eq(r.leaked, 0, "leak running:\n%.*s", (int)len, src);
    lang_run_free(&r);
    module_free(m);
  } else {
    cr_assert_not_null(err.data);
    cr_assert(strncmp(err.data, "prog.py:", 8) == 0, "%s", err.data);
    cr_assert(strstr(err.data, ": error: "), "%s", err.data);
    cr_assert_null(strchr(err.data, '\n'));
    cr_assert_null(strstr(err.data, "internal error"), "%s\nsource:\n%.*s", err.data, (int)len, src);
  }
  strbuf_free(&err);
}

Test(lang, sample_program_runs) {
  expect_output(sample_program, "zero at 1 integer division or modulo by zero\nno break\n17 4 55 [(1, 2)] [2]\n"
                                "254;True;MULTI\nLINEJOINED;0.035\n");
}

Test(lang, every_truncation) {
  size_t len = sizeof sample_program - 1;
  for (size_t cut = 0; cut <= len; cut++) check_any(sample_program, cut);
}

Test(lang, random_mutations) {
  static const char alphabet[] = "()[]{}:=+-*/%<>!,.;'\"\\#\n\t    abcxyz019_";
  size_t len = sizeof sample_program - 1;
  char *buf = malloc(len + 16);
  uint64_t seed = 42;
  for (int iter = 0; iter < 1500; iter++) {
    memcpy(buf, sample_program, len);
    size_t n = len;
    int edits = 1 + (int)(test_rand(&seed) % 3);
    for (int k = 0; k < edits; k++) {
      size_t at = (size_t)(test_rand(&seed) % n);
      uint64_t kind = test_rand(&seed) % 3;
      if (kind == 0 && n > 1) { /* delete a byte */
        memmove(buf + at, buf + at + 1, n - at - 1);
        n--;
      } else if (kind == 1) { /* replace a byte */
        buf[at] = alphabet[test_rand(&seed) % (sizeof alphabet - 1)];
      } else if (n < len + 15) { /* insert a byte */
        memmove(buf + at + 1, buf + at, n - at);
        buf[at] = alphabet[test_rand(&seed) % (sizeof alphabet - 1)];
        n++;
      }
    }
    check_any(buf, n);
  }
  free(buf);
}

Test(lang, random_bytes) {
  uint64_t seed = 7;
  char buf[512];
  for (int iter = 0; iter < 3000; iter++) {
    size_t n = (size_t)(test_rand(&seed) % sizeof buf);
    for (size_t i = 0; i < n; i++) buf[i] = (char)(test_rand(&seed) & 0xff);
    if (iter % 2) /* mostly ASCII, so that the lexer and parser see something */
      for (size_t i = 0; i < n; i++) buf[i] = (char)(0x20 + (unsigned char)buf[i] % 0x5f);
    check_any(buf, n);
  }
}

/* The same source always gives the same bytes, and the module survives the
 * text form: disassembled and assembled again, it encodes identically (the
 * hidden comprehension slots may share names with nothing else). */
Test(lang, deterministic_and_round_trips) {
  static const char src[] = "def f(x):\n    y = [x for x in range(x)]\n    return [[x for x in y] for y in [y]]\n"
                            "z = [x for x in 'ab']\nprint(f(3), z, [x for x in z])\n";
  Module *a = must_compile(src), *b = must_compile(src);
  StrBuf ja, jb, text;
  strbuf_init(&ja);
  strbuf_init(&jb);
  strbuf_init(&text);
  cr_assert(jbc_write(a, &ja) && jbc_write(b, &jb));
  cr_assert_eq(ja.len, jb.len);
  cr_assert(memcmp(ja.data, jb.data, ja.len) == 0);
  cr_assert(jasm_disassemble(a, &text));
  StrBuf err;
  strbuf_init(&err);
  Module *c = jasm_assemble("prog.py", text.data, text.len, &err);
  cr_assert_not_null(c, "%s\n%s", err.data, text.data);
  strbuf_clear(&jb);
  cr_assert(jbc_write(c, &jb));
  cr_assert(ja.len == jb.len && memcmp(ja.data, jb.data, ja.len) == 0, "round trip differs:\n%s", text.data);
  module_free(a);
  module_free(b);
  module_free(c);
  strbuf_free(&ja);
  strbuf_free(&jb);
  strbuf_free(&text);
  strbuf_free(&err);
  expect_output(src, "[[0, 1, 2]] ['a', 'b'] ['a', 'b']\n");
}

/* ---- the corpus ---- */

/* Every corpus/lang/NAME.py with NAME.stdout (and NAME.status when it does
 * not exit with 0): compiled and run in-process, compared with the stored
 * files (written from CPython runs). Status 1 means an uncaught exception
 * whose last line is line 2 of NAME.status. */
static bool read_expected(const char *path, char **out) {
  size_t len;
  *out = test_read_file(path, &len);
  return *out != NULL;
}

static void check_corpus_file(const char *dir, const char *name, int *failures) {
  char path[1024], base[1024];
  cr_assert(snprintf(path, sizeof path, "%s/%s", dir, name) < (int)sizeof path, "path too long");
  cr_assert(snprintf(base, sizeof base, "%s/%.*s", dir, (int)(strlen(name) - 3), name) < (int)sizeof base,
            "path too long");
  char exp_path[1100];
  snprintf(exp_path, sizeof exp_path, "%s.stdout", base);
  char *expected_out;
  if (!read_expected(exp_path, &expected_out)) return;
  snprintf(exp_path, sizeof exp_path, "%s.status", base);
  char *status_text = NULL;
  int expected_status = 0;
  char expected_last[1024] = "";
  if (read_expected(exp_path, &status_text)) {
    expected_status = atoi(status_text);
    const char *nl = strchr(status_text, '\n');
    if (nl) {
      snprintf(expected_last, sizeof expected_last, "%s", nl + 1);
      expected_last[strcspn(expected_last, "\n")] = '\0';
    }
  }
  size_t len;
  char *src = test_read_file(path, &len);
  cr_assert_not_null(src, "cannot read %s", path);
  StrBuf err;
  strbuf_init(&err);
  Module *m = lang_compile(path, src, len, &err);
  bool ok;
  if (!m) {
    ok = false;
    cr_log_error("%s: does not compile: %s", path, err.data);
  } else {
    LangRun r = run_module(m, -1);
    int status = r.outcome == OUTCOME_EXCEPTION ? 1 : r.outcome == OUTCOME_FUEL ? 3 : 0;
    ok = strcmp(r.out, expected_out) == 0 && status == expected_status && r.leaked == 0 &&
         (status == 0 || strcmp(r.last, expected_last) == 0);
    if (!ok)
      cr_log_error("%s: status %d (expected %d), last line '%s' (expected '%s'), %lld leaked, stdout %s", path, status,
                   expected_status, r.last, expected_last, (long long)r.leaked,
                   strcmp(r.out, expected_out) == 0 ? "matches" : "differs");
    lang_run_free(&r);
    module_free(m);
  }
  if (!ok) (*failures)++;
  strbuf_free(&err);
  free(src);
  free(expected_out);
  free(status_text);
}

Test(lang, corpus_lang, .timeout = 600) {
  char dir[1024];
  snprintf(dir, sizeof dir, "%s/corpus/lang", test_source_dir());
  DIR *d = opendir(dir);
  if (!d) {
    cr_log_warn("no %s: nothing to replay", dir);
    return;
  }
  int failures = 0;
  struct dirent *ent;
  while ((ent = readdir(d)) != NULL) {
    size_t n = strlen(ent->d_name);
    if (n > 3 && strcmp(ent->d_name + n - 3, ".py") == 0) check_corpus_file(dir, ent->d_name, &failures);
  }
  closedir(d);
  cr_assert_eq(failures, 0, "%d corpus programs differ from their expected files", failures);
}
