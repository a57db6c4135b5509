/* A small evaluator of Python-like statements for unit tests of the
 * operators and builtins: each case reads as the Python it is checked
 * against (expected strings from CPython 3.11). */
#ifndef LOCKSTEP_TEST_CASE_EVAL_H
#define LOCKSTEP_TEST_CASE_EVAL_H

#include <stddef.h>

#include "vm/vm.h"

/* Runs `src` in vm; returns (malloc'd) the repr of the last statement's
 * value, "Type: message" for an exception, or "<out of fuel>". */
char *ev_run(VM *vm, const char *src);

typedef struct Case {
  const char *src, *want; /* want: repr of the result, or "Type: message" */
  const char *out;        /* expected stdout, or NULL */
} Case;

/* Each case in a fresh VM, which must end with no live objects. */
void check_cases(const Case *cases, size_t n);

#define CHECK_CASES(table) check_cases(table, sizeof table / sizeof table[0])

/* One statement run in a given VM (limits set by the test). */
#define EXPECT_RUN(vm, src, want)                                                  \
  do {                                                                             \
    char *got_ = ev_run(vm, src);                                                  \
    cr_expect_str_eq(got_, want, "%s\n  got:  %s\n  want: %s", src, got_, want);   \
    free(got_);                                                                    \
  } while (0)

#endif
