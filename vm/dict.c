/* dict objects: a compact, insertion-ordered table in CPython 3.11's shape.
 * Entries are appended in order; a power-of-two array of slots indexes
 * them. Deleted entries keep their place until the next resize compacts
 * the table.
 *
 * The sizes follow CPython's exactly (8 slots at first, 2/3 of the slots
 * usable as entries, resize to fit len*3 when the entries run out, never
 * shrink on delete), because where a resize compacts the entries is
 * observable: it decides what a loop that mutates the dict it iterates sees
 * (vm/iter.c). Slot probing is not observable and only has to be
 * deterministic. */
#include "vm/dict.h"

#include "vm/builtins.h"
#include "vm/exc.h"
#include "vm/heap.h"
#include "vm/ops.h"
#include "vm/str.h"

enum {
  SLOT_EMPTY = -1,
  SLOT_DUMMY = -2,
  DICT_MIN_SLOTS = 8,
  PERTURB_SHIFT = 5,
};
/* Largest slot count: keeps every byte count far below 2**63. */
#define DICT_MAX_SLOTS ((int64_t)1 << 56)

ObjDict *dict_new(VM *vm) {
  ObjDict *d = (ObjDict *)heap_alloc(vm, sizeof(ObjDict), OBJ_DICT);
  if (!d) return NULL;
  d->len = 0;
  d->nentries = 0;
  d->cap = 0;
  d->entries = NULL;
  d->slots = NULL;
  d->nslots = 0;
  d->version = 0;
  return d;
}

/* CPython's USABLE_FRACTION: how many entries a table of n slots holds. */
static int64_t usable_entries(int64_t nslots) { return (nslots << 1) / 3; }

/* CPython's calculate_log2_keysize, as a slot count. */
static int64_t slots_for(int64_t minsize) {
  uint64_t m = (((uint64_t)minsize | DICT_MIN_SLOTS) - 1) | (DICT_MIN_SLOTS - 1);
  int bits = 0;
  while (m) {
    bits++;
    m >>= 1;
  }
  return bits >= 62 ? DICT_MAX_SLOTS * 2 : (int64_t)1 << bits;
}

/* Open addressing with CPython's perturbed probe sequence: every slot is
 * eventually visited, and the sequence depends only on the hash. */
static int64_t probe_start(const ObjDict *d, uint64_t hash) { return (int64_t)(hash & (uint64_t)(d->nslots - 1)); }

static int64_t probe_next(const ObjDict *d, int64_t i, uint64_t *perturb) {
  *perturb >>= PERTURB_SHIFT;
  return (int64_t)(((uint64_t)i * 5 + *perturb + 1) & (uint64_t)(d->nslots - 1));
}

/* A slot that is empty or a dummy, for a new entry with this hash. There
 * always is one: at most 2/3 of the slots ever hold an entry. */
static int64_t find_free_slot(const ObjDict *d, uint64_t hash) {
  uint64_t perturb = hash;
  int64_t i = probe_start(d, hash);
  while (d->slots[i] >= 0) i = probe_next(d, i, &perturb);
  return i;
}

/* Find `key`: *slot is its slot, or -1 when absent. Equal-but-not-identical
 * keys are compared with value_equal, which may raise (deep tuples). */
static Status dict_find(VM *vm, const ObjDict *d, Value key, uint64_t hash, int64_t *slot) {
  *slot = -1;
  if (d->nslots == 0) return LS_OK;
  uint64_t perturb = hash;
  int64_t i = probe_start(d, hash);
  for (;;) {
    int64_t ix = d->slots[i];
    if (ix == SLOT_EMPTY) return LS_OK;
    if (ix >= 0) {
      const DictEntry *e = &d->entries[ix];
      if (value_is(e->key, key)) {
        *slot = i;
        return LS_OK;
      }
      if (e->hash == hash) {
        bool eq;
        if (value_equal(vm, e->key, key, &eq) != LS_OK) return LS_ERR;
        if (eq) {
          *slot = i;
          return LS_OK;
        }
      }
    }
    i = probe_next(d, i, &perturb);
  }
}

/* Rebuild the table with `nslots` slots, compacting the live entries in
 * order. On failure the dict is unchanged. */
static Status dict_resize(VM *vm, ObjDict *d, int64_t nslots) {
  if (nslots > DICT_MAX_SLOTS) return vm_raise_noarg(vm, B_MemoryError);
  int64_t cap = usable_entries(nslots);
  DictEntry *entries = heap_buf_alloc(vm, (size_t)cap * sizeof(DictEntry));
  if (!entries) return LS_ERR;
  int64_t *slots = heap_buf_alloc(vm, (size_t)nslots * sizeof(int64_t));
  if (!slots) {
    heap_buf_free(vm, entries, (size_t)cap * sizeof(DictEntry));
    return LS_ERR;
  }
  int64_t n = 0;
  for (int64_t k = 0; k < d->nentries; k++)
    if (!d->entries[k].deleted) entries[n++] = d->entries[k];
  for (int64_t k = 0; k < nslots; k++) slots[k] = SLOT_EMPTY;
  if (d->entries) heap_buf_free(vm, d->entries, (size_t)d->cap * sizeof(DictEntry));
  if (d->slots) heap_buf_free(vm, d->slots, (size_t)d->nslots * sizeof(int64_t));
  d->entries = entries;
  d->cap = cap;
  d->slots = slots;
  d->nslots = nslots;
  d->nentries = n;
  for (int64_t k = 0; k < n; k++) d->slots[find_free_slot(d, entries[k].hash)] = k;
  return LS_OK;
}

Status dict_get(VM *vm, ObjDict *d, Value key, Value *out_borrowed, bool *found) {
  *found = false;
  uint64_t hash;
  if (value_hash(vm, key, &hash) != LS_OK) return LS_ERR;
  int64_t slot;
  if (dict_find(vm, d, key, hash, &slot) != LS_OK) return LS_ERR;
  if (slot < 0) return LS_OK;
  *found = true;
  *out_borrowed = d->entries[d->slots[slot]].value;
  return LS_OK;
}

Status dict_set(VM *vm, ObjDict *d, Value key, Value value) {
  uint64_t hash;
  if (value_hash(vm, key, &hash) != LS_OK) return LS_ERR;
  int64_t slot;
  if (dict_find(vm, d, key, hash, &slot) != LS_OK) return LS_ERR;
  if (slot >= 0) {
    DictEntry *e = &d->entries[d->slots[slot]];
    Value old = e->value;
    value_incref(value);
    e->value = value;
    value_decref(vm, old);
    return LS_OK;
  }
  /* CPython resizes when no usable entry is left, to fit used*3. */
  if (d->nentries == d->cap && dict_resize(vm, d, slots_for(d->len * 3)) != LS_OK) return LS_ERR;
  int64_t ix = d->nentries++;
  DictEntry *e = &d->entries[ix];
  value_incref(key);
  value_incref(value);
  e->key = key;
  e->value = value;
  e->hash = hash;
  e->deleted = 0;
  d->slots[find_free_slot(d, hash)] = ix;
  d->len++;
  d->version++;
  return LS_OK;
}

Status dict_pop(VM *vm, ObjDict *d, Value key, Value *out_value, bool *found) {
  *found = false;
  uint64_t hash;
  if (value_hash(vm, key, &hash) != LS_OK) return LS_ERR;
  int64_t slot;
  if (dict_find(vm, d, key, hash, &slot) != LS_OK) return LS_ERR;
  if (slot < 0) return LS_OK;
  DictEntry *e = &d->entries[d->slots[slot]];
  Value old_key = e->key;
  *out_value = e->value;
  *found = true;
  e->key = value_none();
  e->value = value_none();
  e->deleted = 1;
  d->slots[slot] = SLOT_DUMMY;
  d->len--;
  d->version++;
  value_decref(vm, old_key);
  return LS_OK;
}

Value *dict_lookup_str(ObjDict *d, const ObjStr *key) {
  if (d->nslots == 0) return NULL;
  uint64_t hash = key->hash; /* value_hash of a str is its stored hash */
  uint64_t perturb = hash;
  int64_t i = probe_start(d, hash);
  for (;;) {
    int64_t ix = d->slots[i];
    if (ix == SLOT_EMPTY) return NULL;
    if (ix >= 0) {
      DictEntry *e = &d->entries[ix];
      /* The same str object (a global stored and loaded through one name
       * constant) needs no comparison. */
      if (e->key.tag == V_OBJ && e->key.as.o == &key->h) return &e->value;
      if (e->hash == hash && value_is_kind(e->key, OBJ_STR) && str_equal(AS_STR(e->key), key)) return &e->value;
    }
    i = probe_next(d, i, &perturb);
  }
}
