/* lockstep: the command line. Subcommands live in cmd_*.c. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const char usage[] =
    "Usage: lockstep COMMAND [options] [FILE]\n"
    "\n"
    "lockstep runs programs for a bytecode VM of a Python subset and checks\n"
    "its engines against each other.\n"
    "\n"
    "Commands:\n"
    "  run FILE                run a program (.py, .jbc or .jasm): --engine ref, uops or jit\n"
    "  compile FILE.py -o OUT  compile a Python-subset program into a .jbc file\n"
    "  asm FILE.jasm -o OUT    assemble a .jasm file into a .jbc file\n"
    "  dis FILE                print the bytecode of a .py, .jbc or .jasm file as .jasm text\n"
    "  bench [FILE.py ...]     time benchmarks under every engine (and python3)\n"
    "  diff FILE               run a program under every engine configuration and compare\n"
    "  gen [--seed N]          print a generated random program as .jasm\n"
    "  fuzz [--seconds N]      differential fuzz campaign: random programs through every configuration\n"
    "  triage DIR              group crash files (libFuzzer, AFL++, lockstep fuzz) by signature\n"
    "  repro FILE              re-run a diverging input in lockstep: the first differing checkpoint\n"
    "  reduce FILE -o OUT      shrink a diverging input while its signature stays the same\n"
    "\n"
    "Run 'lockstep COMMAND --help' for a command's options.\n"
    "\n"
    "Exit status of run: 0 success; 1 the program raised an uncaught exception;\n"
    "2 usage error, or input that fails to load or verify; 3 the program ran\n"
    "out of fuel; 4 objects leaked (--check-leaks). Every command's --help gives\n"
    "its own.\n";

int main(int argc, char **argv) {
  if (argc < 2) {
    fputs(usage, stderr);
    return EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
    fputs(usage, stdout);
    return EXIT_OK;
  }
  if (strcmp(cmd, "run") == 0) return cmd_run(argc - 1, argv + 1);
  if (strcmp(cmd, "asm") == 0) return cmd_asm(argc - 1, argv + 1);
  if (strcmp(cmd, "compile") == 0) return cmd_compile(argc - 1, argv + 1);
  if (strcmp(cmd, "dis") == 0) return cmd_dis(argc - 1, argv + 1);
  if (strcmp(cmd, "bench") == 0) return cmd_bench(argc - 1, argv + 1);
  if (strcmp(cmd, "diff") == 0) return cmd_diff(argc - 1, argv + 1);
  if (strcmp(cmd, "gen") == 0) return cmd_gen(argc - 1, argv + 1);
  if (strcmp(cmd, "fuzz") == 0) return cmd_fuzz(argc - 1, argv + 1);
  if (strcmp(cmd, "triage") == 0) return cmd_triage(argc - 1, argv + 1);
  if (strcmp(cmd, "repro") == 0) return cmd_repro(argc - 1, argv + 1);
  if (strcmp(cmd, "reduce") == 0) return cmd_reduce(argc - 1, argv + 1);
  fprintf(stderr, "lockstep: unknown command '%s'\n\n%s", cmd, usage);
  return EXIT_USAGE;
}
