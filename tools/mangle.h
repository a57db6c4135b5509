/* Deterministic input mutators for hostile-input testing, shared by
 * tools/mangle.c (the command line, used by ci/hostile.sh) and
 * tests/test_hostile.c (in process). Header-only and dependency-free so the
 * tool links with nothing. The same seed and input always give the same
 * output: everything is driven by one splitmix64 state.
 *
 * Every mutator returns a new malloc'd buffer (never NULL for a successful
 * allocation; the caller frees it) and its length through *out_len; NULL
 * only when malloc fails. */
#ifndef LOCKSTEP_TOOLS_MANGLE_H
#define LOCKSTEP_TOOLS_MANGLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct MangleRng {
  uint64_t state;
} MangleRng;

static inline uint64_t mangle_next(MangleRng *r) {
  uint64_t z = (r->state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/* Uniform in [0, n); 0 when n is 0. */
static inline size_t mangle_below(MangleRng *r, size_t n) { return n ? (size_t)(mangle_next(r) % n) : 0; }

static inline uint8_t *mangle_copy(const uint8_t *data, size_t len, size_t extra) {
  uint8_t *p = malloc(len + extra + 1);
  if (p && len) memcpy(p, data, len);
  return p;
}

/* Random bytes, up to max_len long. A quarter of them start with a valid
 * .jbc header ("LSBC", version 1, flags 0) so the parser gets past it. */
static inline uint8_t *mangle_random_bytes(MangleRng *r, size_t max_len, size_t *out_len) {
  static const uint8_t header[] = {'L', 'S', 'B', 'C', 1, 0, 0, 0};
  size_t len = mangle_below(r, max_len + 1);
  uint8_t *p = malloc(len + 1);
  if (!p) return NULL;
  for (size_t i = 0; i < len; i++) p[i] = (uint8_t)mangle_next(r);
  if (len >= sizeof header && mangle_below(r, 4) == 0) memcpy(p, header, sizeof header);
  *out_len = len;
  return p;
}

/* A proper prefix (shorter than the input; empty for an empty input). */
static inline uint8_t *mangle_truncate(MangleRng *r, const uint8_t *data, size_t len, size_t *out_len) {
  size_t keep = mangle_below(r, len);
  *out_len = keep;
  return mangle_copy(data, keep, 0);
}

/* The input with `flips` random bits inverted (the same bit may flip back). */
static inline uint8_t *mangle_flip_bits(MangleRng *r, const uint8_t *data, size_t len, int flips, size_t *out_len) {
  uint8_t *p = mangle_copy(data, len, 0);
  if (!p) return NULL;
  for (int i = 0; i < flips && len > 0; i++) p[mangle_below(r, len)] ^= (uint8_t)(1u << mangle_below(r, 8));
  *out_len = len;
  return p;
}

/* Overwrites a random 1, 2, 4 or 8 byte field with a value chosen to hit
 * limits: 0, all ones, small, sign bits, just past common sizes. */
static inline uint8_t *mangle_interesting_field(MangleRng *r, const uint8_t *data, size_t len, size_t *out_len) {
  static const uint64_t values[] = {0,          1,          2,          0x7F,        0x80,       0xFF,
                                    0x100,      0x7FFF,     0xFFFF,     0x10000,     0x7FFFFFFF, 0x80000000,
                                    0xFFFFFFFF, 0xFFFFFFFE, 0x7FFFFFFFFFFFFFFFull, 0x8000000000000000ull};
  uint8_t *p = mangle_copy(data, len, 0);
  if (!p) return NULL;
  *out_len = len;
  size_t width = (size_t)1 << mangle_below(r, 4);
  if (len < width) return p;
  size_t at = mangle_below(r, len - width + 1);
  uint64_t v = values[mangle_below(r, sizeof values / sizeof *values)];
  for (size_t i = 0; i < width; i++) p[at + i] = (uint8_t)(v >> (8 * i));
  return p;
}

/* ---- Text (.jasm) mutations ---- */

/* Spans of the text: lines or whitespace-separated tokens. */
typedef struct MangleSpan {
  size_t start, len;
} MangleSpan;

/* Fills spans (when not NULL) and returns how many there are. */
static inline size_t mangle_spans(const uint8_t *t, size_t len, bool tokens, MangleSpan *spans) {
  size_t n = 0, i = 0;
  while (i < len) {
    if (tokens) {
      while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')) i++;
      if (i >= len) break;
    }
    size_t start = i;
    if (tokens)
      while (i < len && t[i] != ' ' && t[i] != '\t' && t[i] != '\n' && t[i] != '\r') i++;
    else {
      while (i < len && t[i] != '\n') i++;
      if (i < len) i++; /* the newline belongs to its line */
    }
    if (spans) {
      spans[n].start = start;
      spans[n].len = i - start;
    }
    n++;
  }
  return n;
}

/* Builds out = t with span a replaced by the bytes of span b and (when
 * swap) span b replaced by the bytes of span a; a must come before b. */
static inline uint8_t *mangle_swap_spans(const uint8_t *t, size_t len, MangleSpan a, MangleSpan b, size_t *out_len) {
  uint8_t *p = malloc(len + 1);
  if (!p) return NULL;
  size_t o = 0;
  memcpy(p + o, t, a.start), o += a.start;
  memcpy(p + o, t + b.start, b.len), o += b.len;
  memcpy(p + o, t + a.start + a.len, b.start - (a.start + a.len)), o += b.start - (a.start + a.len);
  memcpy(p + o, t + a.start, a.len), o += a.len;
  memcpy(p + o, t + b.start + b.len, len - (b.start + b.len)), o += len - (b.start + b.len);
  *out_len = o;
  return p;
}

/* One random edit of a .jasm text: delete, duplicate or swap lines, swap
 * two tokens, replace a token by an interesting one, insert random bytes. */
static inline uint8_t *mangle_jasm_once(MangleRng *r, const uint8_t *t, size_t len, size_t *out_len) {
  static const char *const tokens[] = {"0",     "-1",    "4294967295", "9223372036854775807", "-9223372036854775808",
                                       "99999999999999999999", "1e308", "nan", "''", "'\\xff'", "(", ")", "((((",
                                       ".end",  ".function f", ".handler a b c 0", "#0", "#99999", "@-5", "L0:",
                                       "CALL",  "RAISE", "JUMP_BACKWARD", "FOR_ITER", ".stack 0", ".arity 9"};
  int op = (int)mangle_below(r, 6);
  bool by_token = op == 3 || op == 4;
  size_t n = mangle_spans(t, len, by_token, NULL);
  MangleSpan *spans = malloc(sizeof(MangleSpan) * (n + 1));
  if (!spans) return NULL;
  mangle_spans(t, len, by_token, spans);
  uint8_t *p = NULL;
  if (n == 0 || op == 5) { /* insert 1..8 random bytes */
    size_t k = 1 + mangle_below(r, 8), at = mangle_below(r, len + 1);
    p = malloc(len + k + 1);
    if (p) {
      memcpy(p, t, at);
      for (size_t i = 0; i < k; i++) p[at + i] = (uint8_t)mangle_next(r);
      memcpy(p + at + k, t + at, len - at);
      *out_len = len + k;
    }
  } else if (op == 0) { /* delete a line */
    MangleSpan s = spans[mangle_below(r, n)];
    p = malloc(len + 1);
    if (p) {
      memcpy(p, t, s.start);
      memcpy(p + s.start, t + s.start + s.len, len - s.start - s.len);
      *out_len = len - s.len;
    }
  } else if (op == 1) { /* duplicate a line */
    MangleSpan s = spans[mangle_below(r, n)];
    p = malloc(len + s.len + 1);
    if (p) {
      memcpy(p, t, s.start + s.len);
      memcpy(p + s.start + s.len, t + s.start, s.len);
      memcpy(p + s.start + 2 * s.len, t + s.start + s.len, len - s.start - s.len);
      *out_len = len + s.len;
    }
  } else if (op == 2 || op == 3) { /* swap two lines or two tokens */
    size_t i = mangle_below(r, n), j = mangle_below(r, n);
    if (i > j) {
      size_t k = i;
      i = j;
      j = k;
    }
    p = i == j ? mangle_copy(t, len, 0) : mangle_swap_spans(t, len, spans[i], spans[j], out_len);
    if (i == j && p) *out_len = len;
  } else { /* replace a token by an interesting one */
    MangleSpan s = spans[mangle_below(r, n)];
    const char *tok = tokens[mangle_below(r, sizeof tokens / sizeof *tokens)];
    size_t k = strlen(tok);
    p = malloc(len - s.len + k + 1);
    if (p) {
      memcpy(p, t, s.start);
      memcpy(p + s.start, tok, k);
      memcpy(p + s.start + k, t + s.start + s.len, len - s.start - s.len);
      *out_len = len - s.len + k;
    }
  }
  free(spans);
  return p;
}

/* One to four edits in a row. */
static inline uint8_t *mangle_jasm(MangleRng *r, const uint8_t *t, size_t len, size_t *out_len) {
  int edits = 1 + (int)mangle_below(r, 4);
  uint8_t *cur = mangle_copy(t, len, 0);
  size_t cur_len = len;
  for (int i = 0; i < edits && cur; i++) {
    size_t next_len = 0;
    uint8_t *next = mangle_jasm_once(r, cur, cur_len, &next_len);
    free(cur);
    cur = next;
    cur_len = next_len;
  }
  *out_len = cur_len;
  return cur;
}

/* A mutant of a .jbc input: a truncation, one bit flip, 2-16 bit flips or
 * an interesting field, chosen by the generator. */
static inline uint8_t *mangle_binary(MangleRng *r, const uint8_t *data, size_t len, size_t *out_len) {
  switch (mangle_below(r, 4)) {
  case 0: return mangle_truncate(r, data, len, out_len);
  case 1: return mangle_flip_bits(r, data, len, 1, out_len);
  case 2: return mangle_flip_bits(r, data, len, 2 + (int)mangle_below(r, 15), out_len);
  default: return mangle_interesting_field(r, data, len, out_len);
  }
}

#endif
