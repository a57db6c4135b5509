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
int cmd_diff(int argc, char **argv);
int cmd_gen(int argc, char **argv);
int cmd_fuzz(int argc, char **argv);
int cmd_triage(int argc, char **argv);
int cmd_repro(int argc, char **argv);
int cmd_reduce(int argc, char **argv);

/* Load and verify a program: .py (compiled by the front end), .jbc or
 * .jasm. NULL with a one-line message in err on failure. */
struct Module;
struct StrBuf;
struct Module *cli_load_program(const char *path, struct StrBuf *err);

/* Inputs of repro and reduce (cmd_repro.c): a .py/.jasm/.jbc program, or
 * anything else as generator bytes (a libFuzzer/AFL++ crash file), which
 * then runs with the fuzz targets' fuel and heap; a `lockstep fuzz`
 * finding's input.* takes fuel and configurations from its finding.txt.
 * Options given explicitly (flags) win. NULL with a message in err. */
struct GenOptions;
struct OracleOptions;
typedef struct CliInputFlags {
  bool fuel_set, heap_set, configs_set;
} CliInputFlags;
struct Module *cli_load_input(const char *path, const struct GenOptions *gen, struct OracleOptions *opts,
                              const CliInputFlags *flags, bool *generated, struct StrBuf *err);
/* --fuel, --max-heap, --configs, --size at argv[*i]: true when it was one
 * of them; *status is then -1, or an exit status for a bad value. */
bool cli_parse_input_option(const char *cmd, char **argv, int argc, int *i, struct GenOptions *gen,
                            struct OracleOptions *opts, CliInputFlags *flags, int *status);

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
