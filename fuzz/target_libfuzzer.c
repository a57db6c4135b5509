/* The libFuzzer target (docs/fuzzing.md): input bytes are generator
 * decisions (fuzz/gen.h); each input is one program through every oracle
 * configuration. A divergence prints the oracle's report and aborts, so
 * libFuzzer saves the input as crash-*. Built by the `fuzz` preset
 * (clang-19, -fsanitize=fuzzer,address,undefined).
 *
 * Coverage: besides the compiler's edge counters over the VM, libFuzzer
 * reads the section below after every input. It holds the JIT's own
 * coverage (target_common.h): per uop, instances compiled and trace exits
 * through it, tier-2 events, and the baseline's outcome kind. */
#include <stdlib.h>
#include <string.h>

#include "fuzz/target_common.h"

__attribute__((used, section("__libfuzzer_extra_counters"))) static uint8_t jit_counters[FUZZ_COV_SIZE];

/* One target for the process's lifetime: its buffers are reused, so
 * executions allocate little. */
static FuzzTarget *target(void) {
  static FuzzTarget *t;
  if (!t && !(t = fuzz_target_new())) abort(); /* out of memory before the first input */
  return t;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  FuzzTarget *t = target();
  fuzz_target_one_input(t, data, size);
  /* libFuzzer cleared the counters before this input; they count this one. */
  memcpy(jit_counters, t->coverage, sizeof jit_counters);
  return 0;
}
