/* A VM instance: one heap, one set of globals, one output buffer, its own
 * limits. Two VMs never share mutable state, so the oracle can run the same
 * module in several VMs side by side. */
#ifndef LOCKSTEP_VM_H
#define LOCKSTEP_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm/module.h"
#include "vm/object.h"
#include "vm/status.h"
#include "vm/strbuf.h"
#include "vm/value.h"

enum {
  VM_DEFAULT_MAX_DEPTH = 1000,          /* frames; deeper calls raise RecursionError */
  VM_OUTPUT_FLUSH_BYTES = 1 << 16,      /* flush stdout to the sink past this */
};
#define VM_DEFAULT_MAX_HEAP ((int64_t)1 << 30) /* bytes of live objects */

typedef void (*OutputSink)(void *ctx, const char *data, size_t len);

/* Lockstep checkpoints (see docs/jit.md): points every engine passes in the
 * same order, where the oracle can compare frame state. CHECKPOINT_EXIT is
 * the one engine-specific kind: a trace left (aux: trace id << 32 | uop). */
typedef enum CheckpointKind {
  CHECKPOINT_CALL = 0,   /* a function's frame was just pushed (ip 0) */
  CHECKPOINT_RETURN,     /* at RETURN_VALUE, before its frame is popped */
  CHECKPOINT_BACKEDGE,   /* at JUMP_BACKWARD, before it charges fuel */
  CHECKPOINT_EXIT,       /* a tier-2 trace left to tier 1 */
} CheckpointKind;
struct VM;
struct Frame;
typedef void (*CheckpointHook)(struct VM *vm, CheckpointKind kind, const struct Frame *f, uint32_t ip,
                               uint64_t aux);

typedef struct VMConfig {
  int64_t fuel;        /* back-edges + calls + builtin iteration steps + exceptions caught; < 0: unlimited */
  int64_t max_heap;    /* bytes of live heap objects; <= 0: VM_DEFAULT_MAX_HEAP */
  int max_depth;       /* <= 0: VM_DEFAULT_MAX_DEPTH */
  OutputSink sink;     /* NULL: keep all output in vm->out (the oracle reads it) */
  void *sink_ctx;
} VMConfig;

/* Freed small blocks (objects, frames, buffers) waiting, by size class, to be
 * reused instead of going back to malloc (vm/heap.c). Class c holds blocks of
 * (c + 1) * HEAP_POOL_GRAIN bytes. The layout is the same in every build: the
 * JIT stencils, compiled without sanitizers, see these structs. */
enum {
  HEAP_POOL_GRAIN = 8,
  HEAP_POOL_CLASSES = 64,                                  /* blocks of up to 512 bytes */
  HEAP_POOL_MAX_BLOCK = HEAP_POOL_GRAIN * HEAP_POOL_CLASSES,
  HEAP_POOL_CLASS_MAX_BYTES = 16 << 10,                    /* held per class; the excess is freed */
  /* 1 MiB: all classes together; also how full a VM's kept frames may make
   * the pool when the VM is freed. So a pool never holds more than 2 MiB. */
  HEAP_POOL_MAX_BYTES = HEAP_POOL_CLASS_MAX_BYTES * HEAP_POOL_CLASSES,
};
typedef struct BlockList {
  void *head;                      /* next block to reuse */
  void *tail;                      /* last block queued (sanitizer builds only) */
  uint32_t count;
} BlockList;
typedef struct HeapPool {
  BlockList classes[HEAP_POOL_CLASSES];
  size_t bytes;                    /* held in all classes */
} HeapPool;

/* Per-code values made from the module's constants and names in this VM. */
typedef struct VMCode {
  Value *consts;
  Value *names; /* str objects */
  BlockList spare_frames; /* freed frames of this function, for its next calls (vm/frame.c) */
} VMCode;

typedef struct VM {
  const Module *module;
  VMConfig config;
  VMCode *codes;            /* one per module function */

  /* heap (vm/heap.c) */
  Obj *objects;             /* live objects, newest first */
  Obj *dying;               /* objects whose count reached zero, being freed */
  bool freeing;
  bool tearing_down;
  int64_t live_objects;
  int64_t heap_bytes;
  int64_t max_heap;
  HeapPool *pool;           /* freed small blocks for reuse (vm/heap.c) */
  uint32_t spare_frames;    /* frames kept in codes[].spare_frames, at most config.max_depth */

  /* run state */
  ObjDict *globals;
  int64_t fuel;             /* remaining; ignored when config.fuel < 0 */
  bool out_of_fuel;         /* pending: stops the run, no handler catches it */
  ObjException *exc;        /* pending exception (owned reference) */
  int depth;                /* current frame depth */
  int repr_depth;           /* nesting of repr/eq/hash, bounded */
  Obj **repr_active;        /* objects whose repr is in progress (cycles print [...]) */
  int repr_active_len, repr_active_cap;

  StrBuf out;               /* program stdout, not yet handed to the sink */

  /* Tier 2 (jit/), when the VM runs under the tier-1 engine; NULL under the
   * reference interpreter. Called after every change to a global binding so
   * that executors relying on it are invalidated before they run again. */
  void (*on_global_change)(struct VM *vm, const ObjStr *name);
  void *tier2;

  /* Lockstep mode: called at every checkpoint when set (NULL otherwise). */
  CheckpointHook checkpoint;
  void *checkpoint_ctx;
} VM;

/* NULL when memory is short. The VM borrows `module`, which must outlive it. */
VM *vm_new(const Module *module, const VMConfig *config);
/* Frees everything the VM owns, cyclic garbage included. */
void vm_free(VM *vm);
/* Drop the VM's own roots (globals, constants, pending exception), leaving
 * only objects kept alive by cycles or lost references: after this,
 * vm->live_objects counts leaked objects. vm_free still works afterwards. */
void vm_release_roots(VM *vm);

/* Charge one unit of fuel; LS_ERR with vm->out_of_fuel set when none is left. */
static inline Status vm_charge_fuel(VM *vm) {
  if (vm->config.fuel < 0) return LS_OK;
  if (vm->fuel <= 0) {
    vm->out_of_fuel = true;
    return LS_ERR;
  }
  vm->fuel--;
  return LS_OK;
}

/* Program output (print). */
void vm_write(VM *vm, const char *data, size_t len);
void vm_flush(VM *vm);

typedef enum OutcomeKind {
  OUTCOME_RETURN = 0,  /* value: the module code's return value */
  OUTCOME_EXCEPTION,   /* value: the uncaught exception */
  OUTCOME_FUEL,        /* fuel ran out */
} OutcomeKind;

typedef struct Outcome {
  OutcomeKind kind;
  Value value;         /* owned reference (None for OUTCOME_FUEL) */
} Outcome;

void outcome_clear(VM *vm, Outcome *o);

#endif
