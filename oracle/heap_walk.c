/* The canonical heap walk: every object reachable from the roots, numbered
 * in breadth-first order of first visit. Numbers stand in for addresses, so
 * a walk is the same in every engine and every run, and aliasing shows:
 * `b = [a, a]` refers to one number twice, `b = [[1], [1]]` to two.
 *
 * The queue is the array of visited objects itself (order[next..n) are
 * numbered but not yet written), so the walk is a loop, never a recursion:
 * a million-deep nesting costs a million queue slots and no C stack.
 * Obj.mark holds number + 1 while the walk runs (0: not visited); the walk
 * clears every mark before it starts and after it ends. */
#include <stdlib.h>
#include <string.h>

#include "oracle/oracle.h"
#include "vm/builtins.h"
#include "vm/iter.h"
#include "vm/ops.h"

/* Token tags: a value is hashed as (tag, payload), so 1, 1.0, True and a
 * builtin with id 1 never hash alike. Records start with their kind. */
enum {
  TOK_NONE = 0x4f5200,
  TOK_BOOL,
  TOK_INT,
  TOK_FLOAT,
  TOK_BUILTIN,
  TOK_OBJ,
  TOK_UNNUMBERED, /* an object the walk had no memory to number */
  TOK_BAD_TAG,    /* a value tag no engine should produce */
  TOK_RECORD = 0x4f5300,
  TOK_GLOBALS = 0x4f5400,
};

enum { STR_PREVIEW_BYTES = 24 };

void oracle_walk_init(OracleWalk *w) { memset(w, 0, sizeof *w); }

void oracle_walk_free(OracleWalk *w) {
  free(w->order);
  memset(w, 0, sizeof *w);
}

void oracle_walk_begin(OracleWalk *w, VM *vm) {
  w->vm = vm;
  w->n = w->next = 0;
  w->failed = false;
  for (Obj *o = vm->objects; o; o = o->next) o->mark = 0;
}

void oracle_walk_end(OracleWalk *w) {
  for (size_t i = 0; i < w->n; i++) w->order[i]->mark = 0;
  w->next = w->n; /* n stays: how many objects the walk numbered */
}

/* Number a new object; false when the queue cannot grow. */
static bool walk_number(OracleWalk *w, Obj *o) {
  if (w->n >= (size_t)UINT32_MAX - 1) return false; /* marks are 32-bit */
  if (w->n == w->cap) {
    size_t cap = w->cap ? w->cap * 2 : 1024;
    Obj **p = realloc(w->order, cap * sizeof *p);
    if (!p) return false;
    w->order = p;
    w->cap = cap;
  }
  w->order[w->n++] = o;
  o->mark = (uint32_t)w->n;
  return true;
}

/* The object's number, numbering it if new; -1 when out of memory. */
static int64_t walk_id(OracleWalk *w, Obj *o) {
  if (o->mark == 0 && !walk_number(w, o)) {
    w->failed = true;
    return -1;
  }
  return (int64_t)o->mark - 1;
}

static uint64_t float_bits(double f) {
  if (f != f) return 0x7ff8000000000000ull; /* NaN's sign and payload are not observable */
  uint64_t bits;
  memcpy(&bits, &f, sizeof bits);
  return bits;
}

static void emit_float(OracleEmit *e, double f) {
  oracle_emit_word(e, TOK_FLOAT);
  oracle_emit_word(e, float_bits(f));
  if (oracle_emit_wants_text(e)) float_repr(f, e->text[e->cur]);
}

static void emit_builtin(OracleEmit *e, int64_t id) {
  oracle_emit_word(e, TOK_BUILTIN);
  oracle_emit_word(e, (uint64_t)id);
  if (id >= 0 && id < B_COUNT) ORACLE_EMIT_TEXTF(e, "<builtin %s>", builtin_info[id].name);
  else ORACLE_EMIT_TEXTF(e, "<builtin %lld>", (long long)id);
}

static void emit_obj_ref(OracleWalk *w, OracleEmit *e, Obj *o) {
  int64_t id = walk_id(w, o);
  if (id < 0) {
    oracle_emit_word(e, TOK_UNNUMBERED);
    oracle_emit_text(e, "#?");
    return;
  }
  /* One word: tag, kind and number (numbers are below 2**32). */
  oracle_emit_word(e, ((uint64_t)TOK_OBJ << 40) | ((uint64_t)(o->kind & 0xff) << 32) | (uint64_t)id);
  if (!oracle_emit_wants_text(e)) return;
  ORACLE_EMIT_TEXTF(e, "#%lld ", (long long)id);
  StrBuf *sb = e->text[e->cur];
  if (o->kind == OBJ_STR) oracle_quote(sb, ((ObjStr *)o)->data, (size_t)((ObjStr *)o)->nbytes, STR_PREVIEW_BYTES);
  else strbuf_puts(sb, value_type_name(value_obj(o)));
}

void oracle_walk_value(OracleWalk *w, OracleEmit *e, Value v) {
  switch (v.tag) {
  case V_NONE: oracle_emit_word(e, TOK_NONE); oracle_emit_text(e, "None"); return;
  case V_BOOL:
    oracle_emit_word(e, TOK_BOOL);
    oracle_emit_word(e, (uint64_t)v.as.i);
    oracle_emit_text(e, v.as.i ? "True" : "False");
    return;
  case V_INT: oracle_emit_word(e, TOK_INT); oracle_emit_int(e, v.as.i); return;
  case V_FLOAT: emit_float(e, v.as.f); return;
  case V_BUILTIN: emit_builtin(e, v.as.i); return;
  case V_OBJ: emit_obj_ref(w, e, v.as.o); return;
  default:
    oracle_emit_word(e, TOK_BAD_TAG);
    oracle_emit_word(e, v.tag);
    ORACLE_EMIT_TEXTF(e, "<value tag %u>", v.tag);
    return;
  }
}

/* Values separated by ", ". */
static void emit_values(OracleWalk *w, OracleEmit *e, const Value *items, int64_t n) {
  oracle_emit_word(e, (uint64_t)n);
  for (int64_t i = 0; i < n; i++) {
    if (i) oracle_emit_text(e, ", ");
    oracle_walk_value(w, e, items[i]);
  }
}

/* A labelled integer field: " label=N". */
static void emit_field(OracleEmit *e, const char *label, int64_t v) {
  ORACLE_EMIT_TEXTF(e, " %s=", label);
  oracle_emit_int(e, v);
}

static void emit_dict_entries(OracleWalk *w, OracleEmit *e, const ObjDict *d) {
  oracle_emit_text(e, "{");
  oracle_emit_word(e, (uint64_t)d->len);
  bool first = true;
  for (int64_t k = 0; k < d->nentries; k++) {
    const DictEntry *en = &d->entries[k];
    if (en->deleted) continue;
    if (!first) oracle_emit_text(e, ", ");
    first = false;
    oracle_walk_value(w, e, en->key);
    oracle_emit_text(e, ": ");
    oracle_walk_value(w, e, en->value);
  }
  oracle_emit_text(e, "}");
  /* Insertions and deletions; iterators compare it to detect a change. */
  emit_field(e, "version", (int64_t)d->version);
}

static bool is_identifier(const char *data, size_t len) {
  if (len == 0) return false;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)data[i];
    bool ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

/* A name as text: as it is when it is an identifier, else quoted (names
 * in .jasm may be any UTF-8, newlines included). */
static void append_name(StrBuf *sb, const char *data, size_t len) {
  if (is_identifier(data, len)) strbuf_append(sb, data, len);
  else oracle_quote(sb, data, len, (size_t)-1);
}

/* Text only: the name of function `code_index` of the walked VM's module. */
static void emit_function_name(OracleWalk *w, OracleEmit *e, uint32_t code_index) {
  if (!oracle_emit_wants_text(e)) return;
  const Module *m = w->vm->module;
  if (m && code_index < m->nfuncs && m->funcs[code_index].name.data)
    append_name(e->text[e->cur], m->funcs[code_index].name.data, m->funcs[code_index].name.len);
  else
    ORACLE_EMIT_TEXTF(e, "code%u", code_index);
}

static void emit_exception(OracleWalk *w, OracleEmit *e, const ObjException *x) {
  oracle_emit_word(e, (uint64_t)(int64_t)x->type);
  oracle_emit_word(e, x->has_arg);
  oracle_emit_text(e, " args=(");
  if (x->has_arg) oracle_walk_value(w, e, x->arg);
  oracle_emit_text(e, ") tb=[");
  oracle_emit_word(e, (uint64_t)x->tb_len);
  for (int64_t i = 0; i < x->tb_len; i++) {
    const TracebackEntry *t = &x->tb[i];
    oracle_emit_word(e, ((uint64_t)t->code_index << 32) | t->line);
    if (i) oracle_emit_text(e, ", ");
    emit_function_name(w, e, t->code_index);
    ORACLE_EMIT_TEXTF(e, ":%u", t->line);
  }
  oracle_emit_text(e, "]");
}

static void emit_iterator(OracleWalk *w, OracleEmit *e, const ObjIter *it) {
  oracle_emit_word(e, it->iter);
  oracle_emit_word(e, it->sub);
  ORACLE_EMIT_TEXTF(e, " kind=%u sub=%u over ", it->iter, it->sub);
  oracle_walk_value(w, e, it->a);
  emit_field(e, "i", it->i);
  emit_field(e, "n", it->n);
  emit_field(e, "step", it->step);
  emit_field(e, "version", (int64_t)it->version);
  emit_field(e, "left", it->left);
}

/* What an object holds, after "#N kind". */
static void emit_content(OracleWalk *w, OracleEmit *e, const Obj *o) {
  switch ((ObjKind)o->kind) {
  case OBJ_STR: {
    const ObjStr *s = (const ObjStr *)o;
    oracle_emit_text(e, " ");
    oracle_emit_quoted(e, s->data, (size_t)s->nbytes);
    oracle_emit_word(e, (uint64_t)s->nchars);
    return;
  }
  case OBJ_LIST:
    oracle_emit_text(e, " [");
    emit_values(w, e, ((const ObjList *)o)->items, ((const ObjList *)o)->len);
    oracle_emit_text(e, "]");
    return;
  case OBJ_TUPLE:
    oracle_emit_text(e, " (");
    emit_values(w, e, ((const ObjTuple *)o)->items, ((const ObjTuple *)o)->len);
    oracle_emit_text(e, ")");
    return;
  case OBJ_DICT: oracle_emit_text(e, " "); emit_dict_entries(w, e, (const ObjDict *)o); return;
  case OBJ_DICTVIEW:
    oracle_emit_word(e, ((const ObjDictView *)o)->view);
    oracle_emit_text(e, " of ");
    oracle_walk_value(w, e, value_obj(&((const ObjDictView *)o)->dict->h));
    return;
  case OBJ_RANGE: {
    const ObjRange *r = (const ObjRange *)o;
    emit_field(e, "start", r->start);
    emit_field(e, "stop", r->stop);
    emit_field(e, "step", r->step);
    emit_field(e, "len", r->len);
    return;
  }
  case OBJ_FUNCTION: {
    uint32_t index = ((const ObjFunction *)o)->code_index;
    oracle_emit_word(e, index);
    oracle_emit_text(e, " ");
    emit_function_name(w, e, index);
    ORACLE_EMIT_TEXTF(e, " (code %u)", index);
    return;
  }
  case OBJ_EXCEPTION: emit_exception(w, e, (const ObjException *)o); return;
  case OBJ_ITER: emit_iterator(w, e, (const ObjIter *)o); return;
  case OBJ_KIND_COUNT: break;
  }
  ORACLE_EMIT_TEXTF(e, " <object kind %u>", o->kind);
}

/* The text label of an object: its Python type name. */
static const char *kind_label(const Obj *o) {
  return o->kind < OBJ_KIND_COUNT ? value_type_name(value_obj((Obj *)o)) : "object";
}

static void emit_record(OracleWalk *w, OracleEmit *e, const Obj *o, size_t id) {
  oracle_emit_select(e, ORACLE_WHAT_HEAP);
  oracle_emit_word(e, TOK_RECORD | ((uint64_t)o->kind << 32)); /* the kind says what follows */
  ORACLE_EMIT_TEXTF(e, "#%zu %s", id, kind_label(o));
  emit_content(w, e, o);
  oracle_emit_text(e, "\n");

  oracle_emit_select(e, ORACLE_WHAT_REFCOUNT);
  ORACLE_EMIT_TEXTF(e, "#%zu %s rc=", id, kind_label(o));
  oracle_emit_int(e, o->refcount);
  oracle_emit_text(e, "\n");
}

void oracle_walk_drain(OracleWalk *w, OracleEmit *e) {
  OracleWhat saved = e->cur;
  while (w->next < w->n) {
    size_t id = w->next++;
    emit_record(w, e, w->order[id], id);
  }
  oracle_emit_select(e, saved);
}

/* "name (#key) = " with the name's bytes hashed, so a renamed global
 * differs here and not only in the key's own record. */
static void emit_global_name(OracleWalk *w, OracleEmit *e, Value key) {
  if (!value_is_kind(key, OBJ_STR)) {
    oracle_walk_value(w, e, key);
    oracle_emit_text(e, " = ");
    return;
  }
  const ObjStr *s = AS_STR(key);
  oracle_emit_bytes(e, s->data, (size_t)s->nbytes);
  if (oracle_emit_wants_text(e)) append_name(e->text[e->cur], s->data, (size_t)s->nbytes);
  int64_t id = walk_id(w, key.as.o);
  oracle_emit_word(e, (uint64_t)id);
  ORACLE_EMIT_TEXTF(e, " (#%lld) = ", (long long)id);
}

void oracle_walk_globals(OracleWalk *w, OracleEmit *e, ObjDict *globals) {
  OracleWhat saved = e->cur;
  int64_t id = walk_id(w, &globals->h);
  if (id >= 0 && (size_t)id == w->next) w->next++; /* its record is this one, not a heap record */
  oracle_emit_select(e, ORACLE_WHAT_GLOBALS);
  oracle_emit_word(e, TOK_GLOBALS);
  oracle_emit_word(e, (uint64_t)id);
  oracle_emit_word(e, (uint64_t)globals->len);
  for (int64_t k = 0; k < globals->nentries; k++) {
    const DictEntry *en = &globals->entries[k];
    if (en->deleted) continue;
    emit_global_name(w, e, en->key);
    oracle_walk_value(w, e, en->value);
    oracle_emit_text(e, "\n");
  }
  oracle_emit_select(e, ORACLE_WHAT_REFCOUNT);
  ORACLE_EMIT_TEXTF(e, "#%lld globals rc=", (long long)id);
  oracle_emit_int(e, globals->h.refcount);
  oracle_emit_text(e, "\n");
  oracle_emit_select(e, saved);
}
