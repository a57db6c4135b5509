/* Heap objects. Every object starts with an Obj header that links it into
 * its VM's list of live objects (so the heap can be counted and walked) and
 * holds its reference count. Objects belong to exactly one VM. */
#ifndef LOCKSTEP_OBJECT_H
#define LOCKSTEP_OBJECT_H

#include <stddef.h>
#include <stdint.h>

#include "vm/value.h"

typedef enum ObjKind {
  OBJ_STR = 0,
  OBJ_LIST,
  OBJ_TUPLE,
  OBJ_DICT,
  OBJ_DICTVIEW,
  OBJ_RANGE,
  OBJ_FUNCTION,
  OBJ_EXCEPTION,
  OBJ_ITER,
  OBJ_KIND_COUNT
} ObjKind;

typedef struct Obj {
  struct Obj *prev, *next; /* the owning VM's list of live objects */
  int64_t refcount;
  uint32_t kind;      /* ObjKind */
  uint32_t mark;      /* scratch for heap walks; 0 outside a walk */
  size_t size;        /* bytes heap_alloc charged for this block */
} Obj;

/* UTF-8 text; `data` is NUL-terminated for convenience. `nchars` counts code
 * points, so len() and indexing agree with CPython. */
typedef struct ObjStr {
  Obj h;
  int64_t nbytes;
  int64_t nchars; /* == nbytes when the string is ASCII */
  uint64_t hash;  /* computed at creation; deterministic (no seed) */
  char data[];
} ObjStr;

typedef struct ObjList {
  Obj h;
  int64_t len, cap;
  Value *items;
} ObjList;

typedef struct ObjTuple {
  Obj h;
  int64_t len;
  Value items[];
} ObjTuple;

/* Insertion-ordered hash table (entries in order, an index of slots). Deleted
 * entries keep their place with key tag V_NONE and `deleted` set until the
 * table is compacted. */
typedef struct DictEntry {
  Value key, value;
  uint64_t hash;
  uint32_t deleted;
} DictEntry;

typedef struct ObjDict {
  Obj h;
  int64_t len;        /* live entries */
  int64_t nentries;   /* used entries, including deleted ones */
  int64_t cap;        /* capacity of entries */
  DictEntry *entries;
  int64_t *slots;     /* -1 empty, -2 dummy, else entry index */
  int64_t nslots;     /* power of two */
  uint64_t version;   /* bumped on every insertion or deletion (iteration check) */
} ObjDict;

typedef enum DictViewKind { VIEW_KEYS, VIEW_VALUES, VIEW_ITEMS } DictViewKind;

typedef struct ObjDictView {
  Obj h;
  uint32_t view;      /* DictViewKind */
  struct ObjDict *dict;
} ObjDictView;

typedef struct ObjRange {
  Obj h;
  int64_t start, stop, step, len;
} ObjRange;

/* A function value: a code object of the VM's module. No closures. */
typedef struct ObjFunction {
  Obj h;
  uint32_t code_index;
} ObjFunction;

typedef struct TracebackEntry {
  uint32_t code_index;
  uint32_t line;
} TracebackEntry;

typedef struct ObjException {
  Obj h;
  int32_t type;      /* BuiltinId of an exception class */
  uint32_t has_arg;  /* raised with one argument (args == (arg,)) */
  Value arg;
  TracebackEntry *tb; /* frames it passed through, innermost first (the order
                        it unwinds); CPython prints them in reverse */
  int64_t tb_len, tb_cap;
} ObjException;

typedef enum IterKind {
  ITER_LIST,       /* a: list, i: next index */
  ITER_TUPLE,      /* a: tuple */
  ITER_STR,        /* a: str, i: next byte offset */
  ITER_RANGE,      /* i: next value, n: items left, step */
  ITER_DICT,       /* a: dict, i: next entry, n: dict len at start, view kind in `sub` */
  ITER_ENUMERATE,  /* a: inner iterator, i: count */
  ITER_ZIP,        /* a: tuple of iterators */
  ITER_REVERSED,   /* a: list/tuple/str, i: next index counting down */
} IterKind;

typedef struct ObjIter {
  Obj h;
  uint32_t iter;  /* IterKind */
  uint32_t sub;   /* ITER_DICT: DictViewKind */
  Value a;
  int64_t i, n, step;
  uint64_t version; /* ITER_DICT: dict version at start */
  int64_t left;     /* ITER_DICT: items still expected (CPython's di->len), see vm/iter.c */
} ObjIter;

#define AS_STR(v) ((ObjStr *)(v).as.o)
#define AS_LIST(v) ((ObjList *)(v).as.o)
#define AS_TUPLE(v) ((ObjTuple *)(v).as.o)
#define AS_DICT(v) ((ObjDict *)(v).as.o)
#define AS_DICTVIEW(v) ((ObjDictView *)(v).as.o)
#define AS_RANGE(v) ((ObjRange *)(v).as.o)
#define AS_FUNCTION(v) ((ObjFunction *)(v).as.o)
#define AS_EXCEPTION(v) ((ObjException *)(v).as.o)
#define AS_ITER(v) ((ObjIter *)(v).as.o)

static inline int value_obj_kind(Value v) { return v.tag == V_OBJ ? (int)v.as.o->kind : -1; }
static inline int value_is_kind(Value v, ObjKind k) { return v.tag == V_OBJ && v.as.o->kind == (uint32_t)k; }

#endif
