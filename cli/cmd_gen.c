/* lockstep gen: print the program the generator makes from a seed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "fuzz/gen.h"
#include "vm/jasm.h"

static const char gen_usage[] =
    "Usage: lockstep gen [--seed N] [--size S] [--out FILE]\n"
    "\n"
    "Generate a random program (the fuzzer's generator, docs/generator.md) and\n"
    "print it as .jasm text. The same seed and size give the same program on\n"
    "every machine; 'lockstep run' and 'lockstep diff' run the output.\n"
    "\n"
    "Options:\n"
    "  --seed N    which program: any integer from 0 to 2^64-1 (default 0)\n"
    "  --size S    rough number of instructions (default 200, from 40 to 20000)\n"
    "  --out FILE  write the program to FILE (atomically) instead of stdout\n"
    "  -h, --help  show this help\n";

/* A decimal integer in [0, 2^64). */
static bool parse_u64(const char *text, uint64_t *out) {
  if (!text || !*text || *text == '-' || *text == '+') return false;
  for (const char *p = text; *p; p++)
    if (*p < '0' || *p > '9') return false;
  errno = 0;
  char *end;
  unsigned long long v = strtoull(text, &end, 10);
  if (errno == ERANGE || *end) return false;
  *out = (uint64_t)v;
  return true;
}

int cmd_gen(int argc, char **argv) {
  const char *seed_text = NULL, *size_text = NULL, *out_path = NULL;
  for (int i = 1; i < argc; i++) {
    bool missing = false;
    if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
      fputs(gen_usage, stdout);
      return EXIT_OK;
    } else if (cli_option_value(argv, argc, &i, "--seed", &seed_text, &missing)) {
      if (missing) return cli_usage_error("gen", "--seed needs a number");
    } else if (cli_option_value(argv, argc, &i, "--size", &size_text, &missing)) {
      if (missing) return cli_usage_error("gen", "--size needs a number");
    } else if (cli_option_value(argv, argc, &i, "--out", &out_path, &missing) ||
               cli_option_value(argv, argc, &i, "-o", &out_path, &missing)) {
      if (missing) return cli_usage_error("gen", "--out needs a file name");
    } else {
      return cli_usage_error("gen", "unexpected argument '%s'", argv[i]);
    }
  }
  uint64_t seed = 0;
  if (seed_text && !parse_u64(seed_text, &seed))
    return cli_usage_error("gen", "--seed must be an integer from 0 to 18446744073709551615, got '%s'", seed_text);
  GenOptions opt = {.size = GEN_DEFAULT_SIZE};
  if (size_text) {
    int64_t size = 0;
    if (!cli_parse_count(size_text, false, &size) || size < GEN_MIN_SIZE || size > GEN_MAX_SIZE)
      return cli_usage_error("gen", "--size must be an integer from %d to %d, got '%s'", GEN_MIN_SIZE, GEN_MAX_SIZE,
                             size_text);
    opt.size = (uint32_t)size;
  }

  uint8_t bytes[GEN_SEED_BYTES];
  gen_seed_bytes(seed, sizeof bytes, bytes);
  StrBuf err, text;
  strbuf_init(&err);
  strbuf_init(&text);
  Module *m = gen_program(bytes, sizeof bytes, &opt, &err);
  int status = EXIT_OK;
  if (!m) {
    fprintf(stderr, "lockstep gen: seed %llu: %s\n", (unsigned long long)seed, err.data ? err.data : "failed");
    status = EXIT_USAGE;
  } else if (!strbuf_printf(&text, "; lockstep gen --seed %llu --size %u\n", (unsigned long long)seed, opt.size) ||
             !jasm_disassemble(m, &text)) {
    fputs("lockstep gen: out of memory\n", stderr);
    status = EXIT_USAGE;
  } else if (out_path) {
    const char *why = "out of memory";
    if (!cli_write_file(out_path, text.data, text.len, &why)) {
      fprintf(stderr, "lockstep gen: %s: cannot write: %s\n", out_path, why);
      status = EXIT_USAGE;
    }
  } else {
    fwrite(text.data, 1, text.len, stdout);
  }
  module_free(m);
  strbuf_free(&err);
  strbuf_free(&text);
  return status;
}
