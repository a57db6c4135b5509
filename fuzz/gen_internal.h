/* Internals of the program generator (fuzz/gen.h), shared by its files:
 *   gen_emit.c  the decision stream and the bytecode builder (labels,
 *               constants, names, stack depth, exception table)
 *   gen_expr.c  expressions: push exactly one value of a wanted kind
 *   gen_stmt.c  statements, blocks, loops, try/except
 *   gen.c       the program plan (functions, globals) and the entry points
 *
 * Termination is by construction: every loop has a trip count fixed when it
 * is generated (range() lengths, counters in reserved locals, containers of
 * bounded size), functions only call functions with a higher index or
 * "leaves" (functions that call no user function), and recursion goes
 * through a depth argument. Each construct's fuel (back-edges, calls, items
 * consumed by builtins, caught exceptions) has an upper bound that the
 * generator charges against a budget as it emits it (GenFn.fuel). */
#ifndef LOCKSTEP_GEN_INTERNAL_H
#define LOCKSTEP_GEN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fuzz/gen.h"
#include "vm/builtins.h"
#include "vm/module.h"
#include "vm/opcodes.h"
#include "vm/strbuf.h"

/* ---------------------------------------------------------------- decisions */

typedef struct GenRng {
  const uint8_t *data;
  size_t len, pos;
  uint64_t mix;   /* hash of the bytes consumed (seeds the fallback) */
  uint64_t state; /* splitmix64 state once the input is used up */
  bool fallback;
} GenRng;

void gen_rng_init(GenRng *r, const uint8_t *data, size_t len);
uint32_t gen_byte(GenRng *r);
/* Uniform enough in [0, n); n == 0 or 1 gives 0 and consumes nothing. */
uint32_t gen_below(GenRng *r, uint32_t n);
/* In [lo, hi] (lo <= hi). */
int64_t gen_between(GenRng *r, int64_t lo, int64_t hi);
bool gen_chance(GenRng *r, uint32_t percent);
/* An index into weights[0..n) with probability proportional to its weight;
 * weights of 0 are never chosen. All zero: returns n. */
uint32_t gen_weighted(GenRng *r, const uint32_t *weights, uint32_t n);
static inline uint64_t gen_splitmix64(uint64_t *state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/* dst = prefix followed by n in decimal, cut to cap - 1 bytes (cap >= 1):
 * what snprintf(dst, cap, "%s%u", prefix, n) writes, without its cost (names
 * are made for every variable and global). Returns the length written. */
size_t gen_format_name(char *dst, size_t cap, const char *prefix, uint32_t n);

/* ------------------------------------------------------------ code builder */

typedef struct GenLabel {
  uint32_t offset;
  int32_t depth; /* stack depth on arrival; -1 while unknown */
  bool bound;
} GenLabel;

typedef struct GenFixup {
  uint32_t label;
  uint32_t operand_at; /* where the u32 operand is */
  uint32_t end;        /* the end of the jump instruction */
} GenFixup;

typedef struct GenHandler {
  uint32_t start, end, target; /* labels */
  uint32_t depth;
} GenHandler;

/* A hash index over a pool (constants, names): which entry is equal to a
 * new one, without comparing it with every entry. Open addressing; a slot
 * holds an entry's hash and its index + 1 (0: empty). */
typedef struct GenSlot {
  uint32_t hash;
  uint32_t index_plus_1;
} GenSlot;

typedef struct GenIndex {
  GenSlot *slots;
  uint32_t cap; /* 0 or a power of two, at least twice the entries */
  uint32_t count;
} GenIndex;

struct Gen;

typedef struct GenCode {
  struct Gen *g;
  uint8_t *code;
  uint32_t len, cap;
  int32_t depth;       /* stack depth before the next instruction */
  int32_t max_depth;
  bool dead;           /* the last instruction does not fall through */
  uint32_t ninstr;
  Const *consts;
  uint32_t nconsts, cap_consts;
  GenIndex const_index;
  Bytes *names;
  uint32_t nnames, cap_names;
  GenIndex name_index;
  Bytes *locals;
  uint32_t nlocals, cap_locals;
  GenLabel *labels;
  uint32_t nlabels, cap_labels;
  GenFixup *fixups;
  uint32_t nfixups, cap_fixups;
  GenHandler *handlers;
  uint32_t nhandlers, cap_handlers;
  LineEntry *lines;
  uint32_t nlines, cap_lines;
  uint32_t pending_line; /* 0: none */
} GenCode;

void gc_init(GenCode *c, struct Gen *g);
void gc_free(GenCode *c);

/* gc_emit with the stack effect already worked out. */
void gc_append(GenCode *c, int op, uint32_t arg, int64_t pops, int64_t pushes);

/* Appends a non-jump instruction. */
static inline void gc_emit(GenCode *c, int op, uint32_t arg) {
  gc_append(c, op, arg, opcode_pops(op, arg), opcode_pushes(op, arg));
}

uint32_t gc_label(GenCode *c);
void gc_jump(GenCode *c, int op, uint32_t label);
void gc_bind(GenCode *c, uint32_t label);
/* Binds a handler's target: reached only through the exception table, with
 * `depth` values on the stack. */
void gc_bind_at_depth(GenCode *c, uint32_t label, int32_t depth);
void gc_handler(GenCode *c, uint32_t start, uint32_t end, uint32_t target, uint32_t depth);
void gc_line(GenCode *c, uint32_t line);
uint32_t gc_local(GenCode *c, const char *name);
uint32_t gc_name(GenCode *c, const char *name);
uint32_t gc_const(GenCode *c, const Const *k); /* copies k */
uint32_t gc_const_int(GenCode *c, int64_t v);
uint32_t gc_const_float(GenCode *c, double v);
uint32_t gc_const_str(GenCode *c, const char *s);
uint32_t gc_const_none(GenCode *c);
uint32_t gc_const_bool(GenCode *c, bool b);
/* Moves everything into `out` (the builder is left empty). False on a
 * generator bug or out of memory (reported on the Gen). */
bool gc_finish(GenCode *c, const char *name, uint32_t arity, Code *out);

/* Shorthands. */
void gc_load_const_int(GenCode *c, int64_t v);
void gc_load_global(GenCode *c, const char *name);
void gc_store_global(GenCode *c, const char *name);
void gc_load_method(GenCode *c, const char *name);

/* ------------------------------------------------------------ value kinds */

/* What the generator knows about a value. Kinds are families: a value
 * whose type changes mid-loop stays in its family, so code written for the
 * family stays meaningful (mostly free of TypeErrors). */
typedef enum GenKind {
  K_INT,  /* int or bool */
  K_NUM,  /* int, bool or float */
  K_STR,
  K_SEQ,  /* list or tuple of numbers */
  K_LIST, /* list of numbers */
  K_DICT, /* keys from a small fixed pool, number values */
  K_FUNC, /* a leaf function of known arity */
  K_ANY,
  K_COUNT
} GenKind;

enum {
  GEN_MAX_FUNCS = 10,
  GEN_MAX_PARAMS = 4,
  GEN_MAX_GLOBALS = 24,
  GEN_MAX_VARS = 96,
  GEN_MAX_LOOPS = 8,
  GEN_MAX_NEST = 4,     /* nested blocks (bounds the generator's recursion) */
  GEN_MAX_EXPR_DEPTH = 3,
  GEN_MAX_STMT_DEPTH = 16, /* statements inside statements, whatever the path */
  GEN_SEQ_MAX = 32,     /* no list, tuple or str value gets longer */
  GEN_COST_ITEMS = 34,  /* fuel bound of a builtin consuming one such value */
  GEN_NAME_MAX = 24,
};

typedef enum GenRole {
  ROLE_MODULE,
  ROLE_LEAF,   /* calls no user function: safe to rebind names to */
  ROLE_NORMAL, /* calls functions with higher indices and leaves */
  ROLE_REC,    /* recursion through a depth argument, one call per level */
  ROLE_REC2,   /* two calls per level (a call tree), small depth */
  ROLE_DEEP,   /* linear recursion deep enough for RecursionError */
} GenRole;

typedef struct GenFunc {
  char name[GEN_NAME_MAX];
  GenRole role;
  uint32_t arity;
  uint8_t param_kind[GEN_MAX_PARAMS];
  uint8_t ret_kind;
  uint32_t rec_max;     /* recursive roles: the largest depth argument callers pass */
  bool straight;        /* no loops: traces can follow calls into it */
  int64_t cap;          /* fuel budget of one call while generating */
  int64_t cost;         /* fuel bound of one call (its whole call tree) */
  uint32_t instr_budget;
  bool done;
} GenFunc;

typedef struct GenGlobal {
  char name[GEN_NAME_MAX];
  GenKind kind;
  uint32_t arity;     /* K_FUNC */
  int32_t func;       /* K_FUNC: the function it starts bound to */
  int64_t cost;       /* K_FUNC: fuel bound of a call through it */
  bool callable_from_all; /* K_FUNC: only ever bound to leaves */
} GenGlobal;

typedef struct Gen {
  GenRng rng;
  uint32_t size;
  StrBuf *err;
  bool failed;
  uint32_t nfuncs;
  GenFunc funcs[GEN_MAX_FUNCS];
  uint32_t nglobals;
  GenGlobal globals[GEN_MAX_GLOBALS];
  /* gen_pick_global's candidates for each wanted kind but K_FUNC, in index
   * order: globals keep their kinds once planned, and expressions ask often. */
  uint8_t globals_for_kind[K_COUNT][GEN_MAX_GLOBALS];
  uint32_t nglobals_for_kind[K_COUNT];
  uint32_t kinds_fitted[K_COUNT + 1]; /* GenVar.fits of a var of each kind */
  uint32_t line; /* next source line */
} Gen;

/* Reports a generator bug (or out of memory) once; generation goes on but
 * gen_program fails. */
void gen_fail(struct Gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---------------------------------------------------- per-function state */

typedef struct GenVar {
  uint32_t slot;
  GenKind kind;
  uint32_t arity;  /* K_FUNC */
  uint32_t fits;   /* bit k: a read gives a value of wanted kind k != K_FUNC (gen_kind_fits) */
  bool reserved;   /* loop counters, depth arguments: never assigned by statements */
  bool readable;   /* may be read (false for an inactive loop's variables) */
} GenVar;

typedef struct GenLoop {
  uint32_t continue_label;
  uint32_t break_label;
  int32_t body_depth; /* stack depth in the body, where break/continue may jump from */
  bool break_used;
  bool continue_is_backedge; /* continue jumps backward to the head */
  int32_t itvar;      /* var index of the iteration counter, or -1 */
  int64_t it_first, it_step; /* its value in the first iteration and its step */
  uint32_t trips;
} GenLoop;

typedef struct GenFn {
  Gen *g;
  uint32_t index;
  GenFunc *fn;
  GenCode c;
  uint32_t nvars;
  uint32_t exc_slot;   /* local for `except ... as e` */
  uint32_t nloops;
  uint32_t nest;       /* blocks open */
  uint32_t try_depth;  /* try bodies open */
  uint32_t expr_depth;
  uint32_t stmt_depth; /* gen_statement calls in progress */
  int64_t fuel;        /* fuel still available to the current block */
  int64_t instr_left;  /* instruction budget left in this function */
  int64_t instr_reserve; /* instructions set aside for the epilogue */
  uint32_t nlocal_names;
  /* The tables last: entries are written before they are read (vars[0,
   * nvars), loops[0, nloops)), so gen_function clears only what precedes
   * them (GEN_FN_HEADER_BYTES). */
  GenVar vars[GEN_MAX_VARS];
  GenLoop loops[GEN_MAX_LOOPS];
} GenFn;

#define GEN_FN_HEADER_BYTES offsetof(GenFn, vars)

/* gen_expr.c */
/* Pushes one value of `kind` (arity: for K_FUNC). Charges its calls to
 * fg->fuel; never needs more than is left. */
void gen_expr(GenFn *fg, GenKind kind, uint32_t arity);
/* Pushes a value whose truthiness decides a branch. */
void gen_cond(GenFn *fg);
/* Pushes a constant of the kind (no fuel). */
void gen_const_of(GenFn *fg, GenKind kind);
/* Pushes a value of a different type in the same family as `kind` (the
 * "type changes after iteration k" values). */
void gen_other_type(GenFn *fg, GenKind kind, uint32_t arity);
/* Bounds a str/list/seq value on the stack to GEN_SEQ_MAX items. */
void gen_bound_seq(GenFn *fg);
/* Var lookups: a random readable var of the kind (any var when assignable is
 * false, else only non-reserved ones), or -1. */
int32_t gen_pick_var(GenFn *fg, GenKind kind, uint32_t arity, bool assignable);
int32_t gen_pick_global(GenFn *fg, GenKind kind, uint32_t arity);
/* Fills Gen.kinds_fitted, and Gen.globals_for_kind once the globals are
 * planned. */
void gen_index_kinds(Gen *g);
bool gen_kind_fits(GenKind have, uint32_t have_arity, GenKind want, uint32_t want_arity);
/* A user function or a global holding one that this function may call
 * within the fuel left: the index of a global (>= 0), or -1. */
int32_t gen_pick_callee(GenFn *fg, int64_t fuel);
/* Pushes the arguments for a call of global `gi` (after its callee). */
void gen_call_args(GenFn *fg, uint32_t gi);
/* A leaf of the given arity (function index), or -1. */
int32_t gen_pick_leaf(Gen *g, uint32_t arity, int64_t max_cost);
bool gen_charge(GenFn *fg, int64_t units);
void gen_exc_class(GenFn *fg, int id);

/* gen_stmt.c */
void gen_block(GenFn *fg, int64_t instr_budget);
void gen_statement(GenFn *fg);
/* The module's driver: a call of global gi, often inside a hot loop. */
void gen_drive(GenFn *fg, uint32_t gi);
/* Adds a local var of the kind; returns its index in fg->vars. */
uint32_t gen_add_var(GenFn *fg, GenKind kind, uint32_t arity, bool reserved, const char *prefix);
void gen_store_var(GenFn *fg, uint32_t vi);
void gen_load_var(GenFn *fg, uint32_t vi);
void gen_new_line(GenFn *fg);
const char *gen_kind_prefix(GenKind kind);

#endif
