/* Building one code object: instructions, constants, names, locals, the
 * line table and the exception table, with the stack depth tracked as each
 * instruction is emitted (the verifier then proves the same depths).
 *
 * Jumps go to Labels. A forward jump to a label not yet bound is chained
 * through its own operand bytes (each holds the previous unresolved jump's
 * operand offset), so labels need no allocation and live on the C stack. */
#ifndef LOCKSTEP_LANG_EMIT_H
#define LOCKSTEP_LANG_EMIT_H

#include <stdbool.h>
#include <stdint.h>

#include "lang/diag.h"
#include "vm/module.h"

typedef struct Label {
  uint32_t offset; /* when bound */
  uint32_t chain;  /* operand offset of the last unresolved jump, or LABEL_NO_CHAIN */
  int32_t depth;   /* stack depth where the label is, once known; else -1 */
  bool bound;
} Label;

#define LABEL_NO_CHAIN UINT32_MAX

typedef struct HashIndex {
  uint32_t *slots; /* index + 1 of a table entry, 0 when empty */
  uint64_t *hashes;
  uint32_t nslots, count;
} HashIndex;

typedef struct Emitter {
  Code code; /* owns its arrays until emitter_finish moves them out */
  uint32_t cap_code, cap_consts, cap_names, cap_locals, cap_lines, cap_handlers;
  HashIndex const_index, name_index;
  int32_t depth, max_depth;
  bool reachable;  /* false after an instruction that never falls through */
  uint32_t line;   /* source line of what is being emitted */
  uint32_t pos;    /* and its byte offset, for error messages */
  LangDiag *diag;
} Emitter;

bool emitter_init(Emitter *e, const char *name, LangDiag *diag);
void emitter_free(Emitter *e);

void label_init(Label *l);

/* One instruction (arg is ignored for opcodes without an operand). */
bool emit(Emitter *e, int op, uint32_t arg);
/* A jump (FOR_ITER, JUMP_*, POP_JUMP_*) to `l`: forward to an unbound label
 * or, for JUMP_BACKWARD, back to a bound one. */
bool emit_jump(Emitter *e, int op, Label *l);
/* Places `l` here. Code after an unconditional jump becomes reachable again
 * at the depth the label's jumps recorded. */
bool label_bind(Emitter *e, Label *l);
/* Places `l` as an exception handler's target: reached with `depth` values
 * on the stack (the handler's depth plus the exception). */
bool label_bind_handler(Emitter *e, Label *l, int32_t depth);

/* Index of a constant equal to *c, adding it if needed. Takes ownership of
 * *c's contents (freed when an equal constant already exists). -1 on error. */
int64_t emitter_const(Emitter *e, Const *c);
/* Index of a global or method name. -1 on error. */
int64_t emitter_name(Emitter *e, const char *name, uint32_t len);
/* Adds a local; returns its index or -1 (too many locals). */
int64_t emitter_add_local(Emitter *e, const char *name, uint32_t len);
/* Appends an exception table entry; returns its index or -1. */
int64_t emitter_add_handler(Emitter *e, uint32_t start, uint32_t end, uint32_t target, uint32_t depth);

static inline uint32_t emitter_offset(const Emitter *e) { return e->code.code_len; }

/* Sets arity and max_stack and moves the code object into *out (which must
 * be empty); the emitter is left empty. */
bool emitter_finish(Emitter *e, uint32_t arity, Code *out);

#endif
