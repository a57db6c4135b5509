/* The loader target (docs/fuzzing.md): raw bytes are a .jbc file (when
 * they start with "LSBC") or .jasm text. Whatever loads and verifies must
 * round-trip exactly through .jbc and .jasm and run under the reference
 * interpreter with small fuel and heap; nothing may crash. A broken round
 * trip prints what broke and aborts. Built by the `fuzz` preset with
 * libFuzzer and by the `afl` preset with AFL++'s libFuzzer driver
 * (afl-clang-fast -fsanitize=fuzzer). */
#include "fuzz/target_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_loader_one_input(data, size);
  return 0;
}
