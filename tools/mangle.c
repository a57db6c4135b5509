/* mangle: writes deterministic mutants of seed programs for hostile-input
 * runs (ci/hostile.sh).
 *
 *   mangle --seed N --count K --out DIR [--max-random BYTES] FILE...
 *
 * Writes DIR/000000.EXT .. DIR/(K-1).EXT: random byte strings (about one in
 * eight), and mutants of the FILEs — truncations, bit flips and overwritten
 * fields of .jbc inputs (recognised by their magic bytes), line and token
 * edits and inserted bytes for text (.jasm) inputs. EXT is .jbc or .jasm
 * after the input's kind (random bytes get either), since lockstep picks the
 * loader by name for files without the magic. The same arguments always
 * give the same files. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/mangle.h"

enum { MAX_INPUT_BYTES = 64 << 20 };

typedef struct Input {
  uint8_t *data;
  size_t len;
  bool binary;
} Input;

static int usage(void) {
  fputs("Usage: mangle --seed N --count K --out DIR [--max-random BYTES] FILE...\n", stderr);
  return 2;
}

static bool parse_u64(const char *s, uint64_t *out) {
  if (!s || !*s || *s == '-') return false;
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || *end) return false;
  *out = v;
  return true;
}

static bool read_input(const char *path, Input *in) {
  FILE *fp = fopen(path, "rb");
  if (!fp) {
    fprintf(stderr, "mangle: %s: %s\n", path, strerror(errno));
    return false;
  }
  size_t cap = 4096, len = 0;
  uint8_t *data = malloc(cap);
  size_t n;
  while (data && (n = fread(data + len, 1, cap - len, fp)) > 0) {
    len += n;
    if (len == cap) {
      if (cap >= MAX_INPUT_BYTES) break;
      cap *= 2;
      uint8_t *bigger = realloc(data, cap);
      if (!bigger) free(data);
      data = bigger;
    }
  }
  fclose(fp);
  if (!data) {
    fprintf(stderr, "mangle: %s: out of memory\n", path);
    return false;
  }
  in->data = data;
  in->len = len;
  in->binary = len >= 4 && memcmp(data, "LSBC", 4) == 0;
  return true;
}

static bool write_output(const char *dir, uint64_t index, const char *ext, const uint8_t *data, size_t len) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%06llu%s", dir, (unsigned long long)index, ext);
  FILE *fp = fopen(path, "wb");
  if (!fp) {
    fprintf(stderr, "mangle: %s: %s\n", path, strerror(errno));
    return false;
  }
  bool ok = fwrite(data, 1, len, fp) == len;
  ok = fclose(fp) == 0 && ok;
  if (!ok) fprintf(stderr, "mangle: %s: write failed\n", path);
  return ok;
}

/* One output: random bytes, or a mutant of a randomly chosen input. */
static bool make_one(MangleRng *rng, const Input *inputs, size_t ninputs, size_t max_random, const char *dir,
                     uint64_t index) {
  size_t len = 0;
  uint8_t *data;
  const char *ext;
  if (ninputs == 0 || mangle_below(rng, 8) == 0) {
    data = mangle_random_bytes(rng, max_random, &len);
    ext = mangle_below(rng, 2) ? ".jbc" : ".jasm";
  } else {
    const Input *in = &inputs[mangle_below(rng, ninputs)];
    data = in->binary ? mangle_binary(rng, in->data, in->len, &len) : mangle_jasm(rng, in->data, in->len, &len);
    ext = in->binary ? ".jbc" : ".jasm";
  }
  if (!data) {
    fputs("mangle: out of memory\n", stderr);
    return false;
  }
  bool ok = write_output(dir, index, ext, data, len);
  free(data);
  return ok;
}

int main(int argc, char **argv) {
  uint64_t seed = 0, count = 0, max_random = 4096;
  const char *dir = NULL;
  bool have_seed = false, have_count = false;
  int first_file = argc;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
      have_seed = parse_u64(argv[++i], &seed);
      if (!have_seed) return usage();
    } else if (strcmp(argv[i], "--count") == 0 && i + 1 < argc) {
      have_count = parse_u64(argv[++i], &count);
      if (!have_count) return usage();
    } else if (strcmp(argv[i], "--max-random") == 0 && i + 1 < argc) {
      if (!parse_u64(argv[++i], &max_random) || max_random > MAX_INPUT_BYTES) return usage();
    } else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) {
      dir = argv[++i];
    } else if (argv[i][0] == '-') {
      return usage();
    } else {
      first_file = i;
      break;
    }
  }
  if (!have_seed || !have_count || !dir) return usage();

  size_t ninputs = (size_t)(argc - first_file);
  Input *inputs = calloc(ninputs ? ninputs : 1, sizeof *inputs);
  if (!inputs) return 1;
  int status = 0;
  for (size_t k = 0; k < ninputs && status == 0; k++)
    if (!read_input(argv[first_file + (int)k], &inputs[k])) status = 1;

  MangleRng rng = {.state = seed};
  for (uint64_t i = 0; i < count && status == 0; i++)
    if (!make_one(&rng, inputs, ninputs, (size_t)max_random, dir, i)) status = 1;

  for (size_t k = 0; k < ninputs; k++) free(inputs[k].data);
  free(inputs);
  return status;
}
