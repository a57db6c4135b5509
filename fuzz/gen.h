/* The structure-aware program generator (docs/generator.md): bytes in, a
 * valid, terminating module out. The input bytes are a stream of decisions
 * (which statement, which variable, how many iterations, ...); when they run
 * out, a splitmix64 generator seeded from everything consumed takes over, so
 * any input, even an empty one, gives a complete program. The same bytes and
 * options give the same module on every machine: nothing depends on time,
 * addresses or the C library's random numbers.
 *
 * Programs are emitted as bytecode directly (not through the front end), with
 * stack shapes no compiler produces: values kept on the stack across loops
 * and try blocks, COPY/SWAP juggling, returns from inside loops. They contain
 * hot loops whose values change type after some iteration, globals (and
 * global functions) rebound mid-loop, exceptions caught and uncaught,
 * bounded recursion, and a summary of the final globals printed at the end. */
#ifndef LOCKSTEP_GEN_H
#define LOCKSTEP_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "vm/module.h"
#include "vm/strbuf.h"

enum {
  GEN_DEFAULT_SIZE = 200, /* instructions, roughly, over all functions */
  GEN_MIN_SIZE = 40,
  GEN_MAX_SIZE = 20000,
};

typedef struct GenOptions {
  uint32_t size; /* rough instruction budget; 0: GEN_DEFAULT_SIZE; clamped to [GEN_MIN_SIZE, GEN_MAX_SIZE] */
} GenOptions;

/* A new module made from data[0..len) (data may be NULL when len is 0),
 * verified with verify_module. NULL with one line appended to err (which may
 * be NULL) when memory runs out or, which is a generator bug, when the
 * module fails verification. opt may be NULL (defaults). The module's
 * filename is "<gen>". */
Module *gen_program(const uint8_t *data, size_t len, const GenOptions *opt, StrBuf *err);

/* n bytes made from a seed (splitmix64), for `lockstep gen --seed N`:
 * gen_program(bytes of seed N) is program N. */
void gen_seed_bytes(uint64_t seed, size_t n, uint8_t *out);

/* How many bytes `lockstep gen --seed` feeds the generator: enough that
 * the fallback generator rarely takes over at the default size. */
enum { GEN_SEED_BYTES = 4096 };

#endif
