/* Shared pieces of the lockstep command line. */
#ifndef LOCKSTEP_CLI_H
#define LOCKSTEP_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
  EXIT_OK = 0,
  EXIT_EXCEPTION = 1, /* the program ended in an uncaught exception */
  EXIT_USAGE = 2,     /* bad command line, or input that fails to load or verify */
  EXIT_FUEL = 3,      /* the program ran out of fuel */
  EXIT_LEAK = 4,      /* --check-leaks found objects alive after teardown */
};

int cmd_run(int argc, char **argv);
int cmd_asm(int argc, char **argv);
int cmd_compile(int argc, char **argv);
int cmd_dis(int argc, char **argv);
int cmd_bench(int argc, char **argv);

/* Load and verify a program: .py (compiled by the front end), .jbc or
 * .jasm. NULL with a one-line message in err on failure. */
struct Module;
struct StrBuf;
struct Module *cli_load_program(const char *path, struct StrBuf *err);

/* Report a usage error for `cmd` and return EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* If argv[*i] is `--name VALUE` or `--name=VALUE`, store VALUE, advance *i
 * and return true. A missing value is reported through *missing. */
bool cli_option_value(char **argv, int argc, int *i, const char *name, const char **value, bool *missing);

/* Parse a non-negative integer with an optional K/M/G suffix (powers of
 * 1024 when `suffixes`); false on anything else or on overflow. */
bool cli_parse_count(const char *text, bool suffixes, int64_t *out);

/* Write `len` bytes to `path` atomically (temporary file, then rename). */
bool cli_write_file(const char *path, const void *data, size_t len, const char **why);

#endif
