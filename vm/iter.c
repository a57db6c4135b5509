/* range objects, dict views and every iterator. Iterators follow CPython
 * 3.11 step by step where the difference is observable:
 *  - a list iterator re-reads the list's length at each step, so it sees
 *    appends made during the loop;
 *  - an exhausted iterator drops its sequence and stays exhausted;
 *  - a dict iterator raises "dictionary changed size during iteration"
 *    when the size differs from the size at the start (and keeps raising),
 *    and "dictionary keys changed during iteration" when it finds more
 *    entries than the dict had (a key deleted and another added);
 *  - range iteration never overflows: it counts the items left. */
#include "vm/iter.h"

#include "vm/builtins.h"
#include "vm/dict.h"
#include "vm/exc.h"
#include "vm/heap.h"
#include "vm/list.h"
#include "vm/ops.h"
#include "vm/str.h"

/* ---------------------------------------------------------------- range */

uint64_t range_length(int64_t start, int64_t stop, int64_t step) {
  if (step > 0 && start < stop) return ((uint64_t)stop - (uint64_t)start - 1) / (uint64_t)step + 1;
  if (step < 0 && start > stop) return ((uint64_t)start - (uint64_t)stop - 1) / (0 - (uint64_t)step) + 1;
  return 0;
}

Status range_new(VM *vm, int64_t start, int64_t stop, int64_t step, Value *out) {
  if (step == 0) return vm_raise(vm, B_ValueError, "range() arg 3 must not be zero");
  ObjRange *r = (ObjRange *)heap_alloc(vm, sizeof(ObjRange), OBJ_RANGE);
  if (!r) return LS_ERR;
  uint64_t n = range_length(start, stop, step);
  r->start = start;
  r->stop = stop;
  r->step = step;
  r->len = n > (uint64_t)INT64_MAX ? -1 : (int64_t)n;
  *out = value_obj(&r->h);
  return LS_OK;
}

/* The value `k` steps after `v`, computed modulo 2**64: exact whenever the
 * true result is an element of the range, even if `step` itself is the
 * wrapped form of 2**63 (a reversed range with step -2**63). */
static int64_t range_advance(int64_t v, uint64_t k, int64_t step) {
  return (int64_t)((uint64_t)v + k * (uint64_t)step);
}

/* CPython's range_iter uses a C-long iterator only when the length fits and
 * stop cannot overflow; otherwise its type is longrange_iterator. */
static bool range_iter_is_long(int64_t stop, int64_t step, uint64_t len) {
  if (len > (uint64_t)INT64_MAX) return true;
  if (len == 0) return false;
  if (step > 0) return stop > INT64_MAX - (step - 1);
  return stop < INT64_MIN + (-1 - step);
}

/* The same choice in CPython's range_reverse. */
static bool range_reverse_is_long(int64_t start, int64_t step, uint64_t len) {
  if (step == INT64_MIN) return true;
  if (step > 0 && (uint64_t)start - (uint64_t)INT64_MIN < (uint64_t)step) return true;
  if (step < 0 && (uint64_t)INT64_MAX - (uint64_t)start < 0 - (uint64_t)step) return true;
  return len > (uint64_t)INT64_MAX;
}

/* ---------------------------------------------------------------- views */

Status dictview_new(VM *vm, ObjDict *d, DictViewKind kind, Value *out) {
  ObjDictView *v = (ObjDictView *)heap_alloc(vm, sizeof(ObjDictView), OBJ_DICTVIEW);
  if (!v) return LS_ERR;
  v->view = kind;
  obj_incref(&d->h);
  v->dict = d;
  *out = value_obj(&v->h);
  return LS_OK;
}

static Status dict_has_item(VM *vm, ObjDict *d, Value key, Value value, bool *out) {
  Value found_value;
  bool found;
  *out = false;
  if (dict_get(vm, d, key, &found_value, &found) != LS_OK) return LS_ERR;
  if (!found) return LS_OK;
  if (value_is(found_value, value)) {
    *out = true;
    return LS_OK;
  }
  return value_equal(vm, found_value, value, out);
}

static Status dict_has_value(VM *vm, const ObjDict *d, Value x, bool *out) {
  *out = false;
  for (int64_t k = 0; k < d->nentries; k++) {
    const DictEntry *e = &d->entries[k];
    if (e->deleted) continue;
    if (value_is(e->value, x)) {
      *out = true;
      return LS_OK;
    }
    if (value_equal(vm, e->value, x, out) != LS_OK) return LS_ERR;
    if (*out) return LS_OK;
  }
  return LS_OK;
}

Status dictview_has(VM *vm, const ObjDictView *v, Value x, bool *out) {
  *out = false;
  switch ((DictViewKind)v->view) {
  case VIEW_KEYS: {
    Value ignored;
    return dict_get(vm, v->dict, x, &ignored, out);
  }
  case VIEW_ITEMS:
    if (!value_is_kind(x, OBJ_TUPLE) || AS_TUPLE(x)->len != 2) return LS_OK;
    return dict_has_item(vm, v->dict, AS_TUPLE(x)->items[0], AS_TUPLE(x)->items[1], out);
  case VIEW_VALUES: return dict_has_value(vm, v->dict, x, out);
  }
  return LS_OK;
}

/* ------------------------------------------------------------ creation */

/* A new iterator over `a` (a new reference is taken), all counters zero. */
static ObjIter *iter_alloc(VM *vm, IterKind kind, Value a) {
  ObjIter *it = (ObjIter *)heap_alloc(vm, sizeof(ObjIter), OBJ_ITER);
  if (!it) return NULL;
  it->iter = kind;
  it->sub = 0;
  value_incref(a);
  it->a = a;
  it->i = it->n = it->step = 0;
  it->version = 0;
  it->left = 0;
  return it;
}

static Status iter_done_alloc(ObjIter *it, Value *out) {
  if (!it) return LS_ERR;
  *out = value_obj(&it->h);
  return LS_OK;
}

static Status dict_iter_new(VM *vm, ObjDict *d, DictViewKind view, bool reverse, Value *out) {
  ObjIter *it = iter_alloc(vm, ITER_DICT, value_obj(&d->h));
  if (!it) return LS_ERR;
  it->sub = view;
  it->step = reverse ? -1 : 1;
  it->i = reverse ? d->nentries - 1 : 0;
  it->n = d->len;
  it->left = d->len;
  it->version = d->version;
  *out = value_obj(&it->h);
  return LS_OK;
}

static Status range_iter_new(VM *vm, const ObjRange *r, bool reverse, Value *out) {
  ObjIter *it = iter_alloc(vm, ITER_RANGE, value_none());
  if (!it) return LS_ERR;
  uint64_t len = range_length(r->start, r->stop, r->step);
  /* More than 2**63-1 items can never all be consumed: clamping is exact. */
  it->n = len > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)len;
  if (reverse) {
    it->i = len ? range_advance(r->start, len - 1, r->step) : r->start;
    it->step = (int64_t)(0 - (uint64_t)r->step); /* wraps for -2**63: see range_advance */
    it->sub = range_reverse_is_long(r->start, r->step, len);
  } else {
    it->i = r->start;
    it->step = r->step;
    it->sub = range_iter_is_long(r->stop, r->step, len);
  }
  *out = value_obj(&it->h);
  return LS_OK;
}

static Status raise_not_iterable(VM *vm, Value v) {
  return vm_raise(vm, B_TypeError, "'%s' object is not iterable", value_type_name(v));
}

Status iter_new(VM *vm, Value v, Value *out) {
  switch (value_obj_kind(v)) {
  case OBJ_LIST: return iter_done_alloc(iter_alloc(vm, ITER_LIST, v), out);
  case OBJ_TUPLE: return iter_done_alloc(iter_alloc(vm, ITER_TUPLE, v), out);
  case OBJ_STR: {
    ObjIter *it = iter_alloc(vm, ITER_STR, v);
    if (it) it->sub = AS_STR(v)->nchars == AS_STR(v)->nbytes;
    return iter_done_alloc(it, out);
  }
  case OBJ_RANGE: return range_iter_new(vm, AS_RANGE(v), false, out);
  case OBJ_DICT: return dict_iter_new(vm, AS_DICT(v), VIEW_KEYS, false, out);
  case OBJ_DICTVIEW: return dict_iter_new(vm, AS_DICTVIEW(v)->dict, AS_DICTVIEW(v)->view, false, out);
  case OBJ_ITER:
    value_incref(v);
    *out = v;
    return LS_OK;
  default: return raise_not_iterable(vm, v);
  }
}

Status iter_enumerate_new(VM *vm, Value iterable, Value *out) {
  Value inner;
  if (iter_new(vm, iterable, &inner) != LS_OK) return LS_ERR;
  ObjIter *it = iter_alloc(vm, ITER_ENUMERATE, inner);
  value_decref(vm, inner);
  return iter_done_alloc(it, out);
}

Status iter_zip_new(VM *vm, const Value *iterables, int64_t n, Value *out) {
  ObjTuple *its = tuple_new(vm, n);
  if (!its) return LS_ERR;
  for (int64_t k = 0; k < n; k++) {
    if (iter_new(vm, iterables[k], &its->items[k]) != LS_OK) {
      obj_decref(vm, &its->h);
      return LS_ERR;
    }
  }
  ObjIter *it = iter_alloc(vm, ITER_ZIP, value_obj(&its->h));
  obj_decref(vm, &its->h);
  return iter_done_alloc(it, out);
}

static Status reversed_seq_new(VM *vm, Value seq, int64_t first, Value *out) {
  ObjIter *it = iter_alloc(vm, ITER_REVERSED, seq);
  if (!it) return LS_ERR;
  it->sub = seq.as.o->kind;
  it->i = first;
  *out = value_obj(&it->h);
  return LS_OK;
}

Status iter_reversed_new(VM *vm, Value seq, Value *out) {
  switch (value_obj_kind(seq)) {
  case OBJ_LIST: return reversed_seq_new(vm, seq, AS_LIST(seq)->len - 1, out);
  case OBJ_TUPLE: return reversed_seq_new(vm, seq, AS_TUPLE(seq)->len - 1, out);
  case OBJ_STR: return reversed_seq_new(vm, seq, AS_STR(seq)->nbytes, out);
  case OBJ_RANGE: return range_iter_new(vm, AS_RANGE(seq), true, out);
  case OBJ_DICT: return dict_iter_new(vm, AS_DICT(seq), VIEW_KEYS, true, out);
  case OBJ_DICTVIEW: return dict_iter_new(vm, AS_DICTVIEW(seq)->dict, AS_DICTVIEW(seq)->view, true, out);
  default: return vm_raise(vm, B_TypeError, "'%s' object is not reversible", value_type_name(seq));
  }
}

/* ---------------------------------------------------------------- names */

static const char *dict_iter_type_name(const ObjIter *it) {
  bool reverse = it->step < 0;
  switch ((DictViewKind)it->sub) {
  case VIEW_KEYS: return reverse ? "dict_reversekeyiterator" : "dict_keyiterator";
  case VIEW_VALUES: return reverse ? "dict_reversevalueiterator" : "dict_valueiterator";
  case VIEW_ITEMS: return reverse ? "dict_reverseitemiterator" : "dict_itemiterator";
  }
  return "dict_keyiterator";
}

const char *iter_type_name(const ObjIter *it) {
  switch ((IterKind)it->iter) {
  case ITER_LIST: return "list_iterator";
  case ITER_TUPLE: return "tuple_iterator";
  case ITER_STR: return it->sub ? "str_ascii_iterator" : "str_iterator";
  case ITER_RANGE: return it->sub ? "longrange_iterator" : "range_iterator";
  case ITER_DICT: return dict_iter_type_name(it);
  case ITER_ENUMERATE: return "enumerate";
  case ITER_ZIP: return "zip";
  case ITER_REVERSED: return it->sub == OBJ_LIST ? "list_reverseiterator" : "reversed";
  }
  return "iterator";
}

/* ------------------------------------------------------------ stepping */

/* The end of an iterator that has already let go of its sequence. */
static Status iter_end(bool *done) {
  *done = true;
  return LS_OK;
}

/* Let go of the sequence: the iterator is exhausted for good. */
static void iter_drop(VM *vm, ObjIter *it) {
  Value a = it->a;
  it->a = value_none();
  it->n = 0;
  value_decref(vm, a);
}

/* Exhausted for good: drop the sequence, as CPython does. */
static Status iter_finish(VM *vm, ObjIter *it, bool *done) {
  iter_drop(vm, it);
  return iter_end(done);
}

static Status str_slice_value(VM *vm, const ObjStr *s, int64_t from, int64_t to, Value *out) {
  ObjStr *c = str_new(vm, s->data + from, (size_t)(to - from));
  if (!c) return LS_ERR;
  *out = value_obj(&c->h);
  return LS_OK;
}

static Status next_list(VM *vm, ObjIter *it, Value *out, bool *done) {
  if (it->a.tag != V_OBJ) return iter_end(done);
  const ObjList *l = AS_LIST(it->a);
  if (it->i >= l->len) return iter_finish(vm, it, done);
  *out = l->items[it->i++];
  value_incref(*out);
  return LS_OK;
}

static Status next_tuple(VM *vm, ObjIter *it, Value *out, bool *done) {
  if (it->a.tag != V_OBJ) return iter_end(done);
  const ObjTuple *t = AS_TUPLE(it->a);
  if (it->i >= t->len) return iter_finish(vm, it, done);
  *out = t->items[it->i++];
  value_incref(*out);
  return LS_OK;
}

static Status next_str(VM *vm, ObjIter *it, Value *out, bool *done) {
  if (it->a.tag != V_OBJ) return iter_end(done);
  const ObjStr *s = AS_STR(it->a);
  if (it->i >= s->nbytes) return iter_finish(vm, it, done);
  int64_t end = it->i + utf8_seq_len((unsigned char)s->data[it->i]);
  if (end > s->nbytes) end = s->nbytes;
  if (str_slice_value(vm, s, it->i, end, out) != LS_OK) return LS_ERR;
  it->i = end;
  return LS_OK;
}

static Status next_range(ObjIter *it, Value *out, bool *done) {
  if (it->n <= 0) return iter_end(done);
  *out = value_int(it->i);
  if (--it->n > 0) it->i = range_advance(it->i, 1, it->step);
  return LS_OK;
}

/* The item a dict iterator yields for entry e. */
static Status dict_iter_item(VM *vm, const ObjIter *it, const DictEntry *e, Value *out) {
  switch ((DictViewKind)it->sub) {
  case VIEW_KEYS: *out = e->key; break;
  case VIEW_VALUES: *out = e->value; break;
  case VIEW_ITEMS: {
    ObjTuple *pair = tuple_pair_new(vm, e->key, e->value);
    if (!pair) return LS_ERR;
    *out = value_obj(&pair->h);
    return LS_OK;
  }
  }
  value_incref(*out);
  return LS_OK;
}

/* CPython's dictiter_iternext* and dictreviter_iternext. */
static Status next_dict(VM *vm, ObjIter *it, Value *out, bool *done) {
  if (it->a.tag != V_OBJ) return iter_end(done);
  const ObjDict *d = AS_DICT(it->a);
  if (it->n != d->len) {
    it->n = -1; /* stays an error on every later call, as in CPython */
    return vm_raise(vm, B_RuntimeError, "dictionary changed size during iteration");
  }
  int64_t i = it->i;
  if (it->step > 0) {
    while (i < d->nentries && d->entries[i].deleted) i++;
    if (i >= d->nentries) return iter_finish(vm, it, done);
    if (it->left == 0) { /* an entry we did not expect: keys were replaced */
      iter_drop(vm, it);
      return vm_raise(vm, B_RuntimeError, "dictionary keys changed during iteration");
    }
    it->i = i + 1;
  } else {
    if (i >= d->nentries) i = d->nentries - 1; /* entries past the end are empty */
    while (i >= 0 && d->entries[i].deleted) i--;
    if (i < 0) return iter_finish(vm, it, done);
    it->i = i - 1;
  }
  it->left--;
  return dict_iter_item(vm, it, &d->entries[i], out);
}

static Status next_reversed(VM *vm, ObjIter *it, Value *out, bool *done) {
  if (it->a.tag != V_OBJ) return iter_end(done);
  int64_t i = it->i;
  switch (value_obj_kind(it->a)) {
  case OBJ_LIST:
    if (i < 0 || i >= AS_LIST(it->a)->len) return iter_finish(vm, it, done);
    *out = AS_LIST(it->a)->items[i];
    break;
  case OBJ_TUPLE:
    if (i < 0 || i >= AS_TUPLE(it->a)->len) return iter_finish(vm, it, done);
    *out = AS_TUPLE(it->a)->items[i];
    break;
  case OBJ_STR: {
    const ObjStr *s = AS_STR(it->a);
    if (i <= 0 || i > s->nbytes) return iter_finish(vm, it, done);
    int64_t start = i - 1; /* back to the lead byte of the previous character */
    while (start > 0 && ((unsigned char)s->data[start] & 0xC0) == 0x80) start--;
    if (str_slice_value(vm, s, start, i, out) != LS_OK) return LS_ERR;
    it->i = start;
    return LS_OK;
  }
  default: return iter_finish(vm, it, done);
  }
  value_incref(*out);
  it->i = i - 1;
  return LS_OK;
}

static Status next_enumerate(VM *vm, ObjIter *it, Value *out, bool *done) {
  Value item;
  if (iter_next(vm, it->a, &item, done) != LS_OK) return LS_ERR;
  if (*done) return LS_OK;
  if (it->i == INT64_MAX) {
    value_decref(vm, item);
    return vm_raise(vm, B_OverflowError, "enumerate() count overflowed");
  }
  ObjTuple *pair = tuple_pair_new(vm, value_int(it->i), item);
  value_decref(vm, item);
  if (!pair) return LS_ERR;
  it->i++;
  *out = value_obj(&pair->h);
  return LS_OK;
}

/* CPython's zip_next: one item from each iterator in order; the first that
 * is exhausted ends this step (items already taken are dropped). */
static Status next_zip(VM *vm, ObjIter *it, Value *out, bool *done) {
  const ObjTuple *its = AS_TUPLE(it->a);
  if (its->len == 0) return iter_end(done);
  ObjTuple *result = tuple_new(vm, its->len);
  if (!result) return LS_ERR;
  for (int64_t k = 0; k < its->len; k++) {
    Status st = iter_next(vm, its->items[k], &result->items[k], done);
    if (st != LS_OK || *done) {
      obj_decref(vm, &result->h);
      return st;
    }
  }
  *out = value_obj(&result->h);
  return LS_OK;
}

/* enumerate and zip call their inner iterators' next, so nesting them
 * recurses in C: bound it like any other nesting (CPython has no bound and
 * crashes on very deep chains). */
static Status next_nested(VM *vm, ObjIter *it, Value *out, bool *done) {
  int64_t limit = vm->config.max_depth > 0 ? vm->config.max_depth : VM_DEFAULT_MAX_DEPTH;
  if ((int64_t)vm->depth + vm->repr_depth >= limit)
    return vm_raise(vm, B_RecursionError, "maximum recursion depth exceeded");
  vm->repr_depth++;
  Status st = it->iter == ITER_ENUMERATE ? next_enumerate(vm, it, out, done) : next_zip(vm, it, out, done);
  vm->repr_depth--;
  return st;
}

Status iter_next(VM *vm, Value v, Value *out, bool *done) {
  *done = false;
  *out = value_none();
  if (!value_is_kind(v, OBJ_ITER))
    return vm_raise(vm, B_TypeError, "'%s' object is not an iterator", value_type_name(v));
  ObjIter *it = AS_ITER(v);
  switch ((IterKind)it->iter) {
  case ITER_LIST: return next_list(vm, it, out, done);
  case ITER_TUPLE: return next_tuple(vm, it, out, done);
  case ITER_STR: return next_str(vm, it, out, done);
  case ITER_RANGE: return next_range(it, out, done);
  case ITER_DICT: return next_dict(vm, it, out, done);
  case ITER_ENUMERATE:
  case ITER_ZIP: return next_nested(vm, it, out, done);
  case ITER_REVERSED: return next_reversed(vm, it, out, done);
  }
  *done = true;
  return LS_OK;
}

Status iter_next_charged(VM *vm, Value it, Value *out, bool *done) {
  *done = false;
  *out = value_none();
  if (vm_charge_fuel(vm) != LS_OK) return LS_ERR;
  return iter_next(vm, it, out, done);
}
