/* Modules and code objects: the loaded, immutable form of a program. A
 * module is shared read-only by every VM that runs it (the oracle runs one
 * module in several VMs), so its constants are plain data (Const), turned
 * into heap values per VM when the VM is created. */
#ifndef LOCKSTEP_MODULE_H
#define LOCKSTEP_MODULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Limits enforced by every loader and by the verifier. */
enum {
  MODULE_MAX_FUNCS = 1 << 16,
  CODE_MAX_LOCALS = 8192,
  CODE_MAX_STACK = 8192,
  CODE_MAX_CONSTS = 1 << 20,
  CODE_MAX_NAMES = 1 << 20,
  CODE_MAX_BYTES = 1 << 24,
  CODE_MAX_HANDLERS = 1 << 16,
  CONST_MAX_DEPTH = 64,       /* nesting of constant tuples */
  NAME_MAX_BYTES = 1 << 20,
};

typedef struct Bytes {
  uint32_t len;
  char *data; /* NUL-terminated; may contain NULs before len */
} Bytes;

typedef enum ConstKind { CK_NONE = 0, CK_BOOL, CK_INT, CK_FLOAT, CK_STR, CK_TUPLE, CK_COUNT } ConstKind;

typedef struct Const {
  uint32_t kind; /* ConstKind */
  union {
    int64_t i;   /* CK_INT, CK_BOOL */
    double f;    /* CK_FLOAT */
    Bytes s;     /* CK_STR: UTF-8 */
    struct {
      uint32_t len;
      struct Const *items;
    } t;         /* CK_TUPLE */
  } as;
} Const;

typedef struct LineEntry {
  uint32_t offset; /* instructions from here on ... */
  uint32_t line;   /* ... come from this source line */
} LineEntry;

/* Exceptions raised by instructions in [start, end) go to `target`, with the
 * stack truncated to `depth` and the exception pushed. The first matching
 * entry in table order wins. */
typedef struct ExcEntry {
  uint32_t start, end, target, depth;
} ExcEntry;

typedef struct Code {
  Bytes name;
  uint32_t arity;      /* the first `arity` locals are the parameters */
  uint32_t nlocals;
  uint32_t max_stack;
  Bytes *local_names;  /* nlocals */
  uint32_t nconsts;
  Const *consts;
  uint32_t nnames;
  Bytes *names;        /* global and method names */
  uint32_t code_len;
  uint8_t *code;
  uint32_t nlines;
  LineEntry *lines;
  uint32_t nhandlers;
  ExcEntry *handlers;
} Code;

/* Function 0 is the module's top-level code (arity 0). */
typedef struct Module {
  char *filename; /* for tracebacks and messages */
  uint32_t nfuncs;
  Code *funcs;
} Module;

void module_free(Module *m);
void code_free(Code *c);
void const_free(Const *c);

/* Source line of the instruction at `offset` (0 when the table has none). */
uint32_t code_line_at(const Code *c, uint32_t offset);

/* Exact equality of constants: same kind and bits (1, 1.0 and True differ;
 * so do 0.0 and -0.0). */
bool const_equal(const Const *a, const Const *b);
bool bytes_equal(const Bytes *a, const Bytes *b);

/* Deep copy; false when out of memory. */
bool const_copy(Const *dst, const Const *src);
bool bytes_set(Bytes *b, const char *data, size_t len);

/* Decoding one instruction. Returns false if it does not fit in the code. */
typedef struct Instr {
  uint32_t offset;
  uint32_t size;
  int op;
  uint32_t arg;
} Instr;

bool instr_decode(const Code *c, uint32_t offset, Instr *out);
/* For jumps: the target offset, computed in 64 bits (may be out of range). */
int64_t instr_jump_target(const Instr *in);

#endif
