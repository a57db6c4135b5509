/* lockstep asm and lockstep dis: between .jasm text and .jbc bytes. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "vm/jasm.h"
#include "vm/jbc.h"

static const char asm_usage[] =
    "Usage: lockstep asm FILE -o OUT.jbc\n"
    "\n"
    "Assemble FILE (.jasm; a .jbc is copied through the loader), verify the\n"
    "result and write it as binary bytecode to OUT.jbc (atomically).\n"
    "\n"
    "Options:\n"
    "  -o, --output OUT  the .jbc file to write (required)\n"
    "  -h, --help        show this help\n";

static const char compile_usage[] =
    "Usage: lockstep compile FILE.py -o OUT.jbc\n"
    "\n"
    "Compile FILE.py (the Python subset of docs/language.md), verify the result\n"
    "and write it as binary bytecode to OUT.jbc (atomically).\n"
    "\n"
    "Options:\n"
    "  -o, --output OUT  the .jbc file to write (required)\n"
    "  -h, --help        show this help\n";

static const char dis_usage[] =
    "Usage: lockstep dis FILE\n"
    "\n"
    "Load and verify FILE (.py, .jbc or .jasm) and print its bytecode as .jasm\n"
    "text, which 'lockstep asm' turns back into the same bytes.\n"
    "\n"
    "Options:\n"
    "  -h, --help  show this help\n";

static Module *load_or_report(const char *path) {
  StrBuf err;
  strbuf_init(&err);
  Module *m = cli_load_program(path, &err);
  if (!m) fprintf(stderr, "%s\n", err.data ? err.data : "lockstep: cannot load program");
  strbuf_free(&err);
  return m;
}

/* asm and compile: load any program, write it as .jbc. */
static int write_bytecode(const char *cmd, const char *usage, int argc, char **argv) {
  const char *path = NULL, *out_path = NULL;
  for (int i = 1; i < argc; i++) {
    bool missing = false;
    if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
      fputs(usage, stdout);
      return EXIT_OK;
    } else if (cli_option_value(argv, argc, &i, "-o", &out_path, &missing) ||
               cli_option_value(argv, argc, &i, "--output", &out_path, &missing)) {
      if (missing) return cli_usage_error(cmd, "-o needs a file name");
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      return cli_usage_error(cmd, "unknown option '%s'", argv[i]);
    } else if (path) {
      return cli_usage_error(cmd, "more than one FILE ('%s' and '%s')", path, argv[i]);
    } else {
      path = argv[i];
    }
  }
  if (!path) return cli_usage_error(cmd, "no FILE given");
  if (!out_path) return cli_usage_error(cmd, "no output file given (-o OUT.jbc)");
  Module *m = load_or_report(path);
  if (!m) return EXIT_USAGE;
  StrBuf bytes;
  strbuf_init(&bytes);
  int status = EXIT_OK;
  const char *why = "out of memory";
  if (!jbc_write(m, &bytes) || !cli_write_file(out_path, bytes.data, bytes.len, &why)) {
    fprintf(stderr, "lockstep %s: %s: cannot write: %s\n", cmd, out_path, why);
    status = EXIT_USAGE;
  }
  strbuf_free(&bytes);
  module_free(m);
  return status;
}

int cmd_asm(int argc, char **argv) { return write_bytecode("asm", asm_usage, argc, argv); }
int cmd_compile(int argc, char **argv) { return write_bytecode("compile", compile_usage, argc, argv); }

int cmd_dis(int argc, char **argv) {
  const char *path = NULL;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
      fputs(dis_usage, stdout);
      return EXIT_OK;
    } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
      return cli_usage_error("dis", "unknown option '%s'", argv[i]);
    } else if (path) {
      return cli_usage_error("dis", "more than one FILE ('%s' and '%s')", path, argv[i]);
    } else {
      path = argv[i];
    }
  }
  if (!path) return cli_usage_error("dis", "no FILE given");
  Module *m = load_or_report(path);
  if (!m) return EXIT_USAGE;
  StrBuf text;
  strbuf_init(&text);
  int status = EXIT_OK;
  if (!jasm_disassemble(m, &text)) {
    fprintf(stderr, "lockstep dis: %s: out of memory\n", path);
    status = EXIT_USAGE;
  } else {
    fwrite(text.data, 1, text.len, stdout);
  }
  strbuf_free(&text);
  module_free(m);
  return status;
}
