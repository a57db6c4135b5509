/* Executors: compiled traces. One starts at a loop head (a JUMP_BACKWARD
 * target) of one code object; tier 1 enters it there. */
#ifndef LOCKSTEP_EXECUTOR_H
#define LOCKSTEP_EXECUTOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "jit/jit_abi.h"
#include "jit/uops.h"

typedef struct Executor {
  uint32_t id;           /* 1, 2, ... in order of creation (reports, --jit-dump) */
  uint32_t code_index;
  uint32_t start;        /* bytecode offset of the loop head */
  bool valid;            /* false once an assumption broke; never entered again */
  uint32_t nuops;
  UopInstr *uops;
  uint32_t nexits;
  uint64_t *exit_counts; /* per exit_index */
  struct Executor **links; /* per exit_index: the trace recorded from that exit once it got hot */
  uint8_t *exit_backoff;   /* per exit_index: failed attempts to record from it */
  uint32_t *exit_uop;      /* per exit_index: the index of the uop that owns it */
  uint32_t ndeps;
  char **deps;           /* names of globals its assumptions rely on (NUL-terminated copies) */
  uint32_t *dep_lens;
  /* machine code (engine jit): one mapping, read+execute */
  void *code;
  size_t code_size;      /* bytes mapped */
  size_t code_used;      /* bytes of code and data in it */
  JitEntryFn entry;
  double compile_ns;     /* time to copy and patch (not recording) */
  uint64_t entries;
  struct Executor *next; /* all executors of the VM */
} Executor;

static inline bool executor_is_valid(const struct Executor *e) { return e->valid; }

#endif
