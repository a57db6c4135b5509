/* Helpers shared by the Criterion tests. */
#ifndef LOCKSTEP_TEST_SUPPORT_H
#define LOCKSTEP_TEST_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm/vm.h"

/* A program run by the reference interpreter, with everything a test may
 * want to assert. */
typedef struct TestRun {
  bool loaded;        /* false: load/verify failed, see error */
  char *error;        /* load error message */
  int outcome;        /* OutcomeKind */
  char *out;          /* the program's stdout */
  char *result;       /* repr of the returned value, or "Type: message" of the exception */
  int64_t leaked;     /* objects alive after the VM's roots were released */
} TestRun;

/* Assemble `jasm` (text) or load bytes, verify, run under `ref` with the
 * given fuel (< 0: unlimited) and heap limit (<= 0: default). */
TestRun test_run_jasm(const char *jasm, int64_t fuel, int64_t max_heap);
TestRun test_run_bytes(const void *data, size_t len, int64_t fuel, int64_t max_heap);
void test_run_free(TestRun *r);

/* A VM over a module with one empty function, for unit tests of values. */
VM *test_vm_new(void);
/* Frees the VM; returns the number of objects that were still alive once
 * its roots were released (0 when nothing leaked). */
int64_t test_vm_free(VM *vm);

/* Read a whole file; NULL if it cannot be read. */
char *test_read_file(const char *path, size_t *len);
/* A program file: .py compiled by the front end, else .jbc or .jasm
 * loaded (and verified). NULL with a message in err when it fails. */
Module *test_load_program(const char *path, StrBuf *err);
/* The source tree (LOCKSTEP_SOURCE_DIR, else "."). */
const char *test_source_dir(void);

/* A small deterministic PRNG (splitmix64). */
uint64_t test_rand(uint64_t *state);

#endif
