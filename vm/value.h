/* Tagged values, Lua style: immediates (None, bool, int, float, builtin)
 * carry their payload; everything else points at a reference-counted heap
 * object (vm/object.h). Nothing here depends on addresses. */
#ifndef LOCKSTEP_VALUE_H
#define LOCKSTEP_VALUE_H

#include <stdbool.h>
#include <stdint.h>

typedef enum ValueTag {
  V_NONE = 0,
  V_BOOL,
  V_INT,
  V_FLOAT,
  V_BUILTIN, /* builtin function, type, exception class or method: as.i is a BuiltinId */
  V_OBJ,     /* heap object: as.o */
} ValueTag;

/* Marks a local variable that has no value (never assigned, or deleted).
 * Only ever stored in frame locals; never seen by operations. */
#define V_UNBOUND 0xFFu

struct Obj;

typedef struct Value {
  uint32_t tag;
  union {
    int64_t i; /* V_INT, V_BOOL (0/1), V_BUILTIN (BuiltinId) */
    double f;  /* V_FLOAT */
    struct Obj *o;
  } as;
} Value;

static inline Value value_none(void) { Value v = {.tag = V_NONE, .as.i = 0}; return v; }
static inline Value value_bool(bool b) { Value v = {.tag = V_BOOL, .as.i = b ? 1 : 0}; return v; }
static inline Value value_int(int64_t i) { Value v = {.tag = V_INT, .as.i = i}; return v; }
static inline Value value_float(double f) { Value v = {.tag = V_FLOAT, .as.f = f}; return v; }
static inline Value value_builtin(int id) { Value v = {.tag = V_BUILTIN, .as.i = id}; return v; }
static inline Value value_obj(struct Obj *o) { Value v = {.tag = V_OBJ, .as.o = o}; return v; }

static inline Value value_unbound(void) { Value v = {.tag = V_UNBOUND, .as.i = 0}; return v; }

static inline bool value_is_obj(Value v) { return v.tag == V_OBJ; }
/* int or bool: bool is a subtype of int in arithmetic. */
static inline bool value_is_intlike(Value v) { return v.tag == V_INT || v.tag == V_BOOL; }

#endif
