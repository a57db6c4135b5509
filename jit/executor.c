/* Executor lifetime. */
#include "jit/executor_new.h"

#include <stdlib.h>
#include <string.h>

#include "jit/codegen.h"

Executor *executor_new(const Recorder *r) {
  Executor *e = calloc(1, sizeof *e);
  if (!e) return NULL;
  e->code_index = r->code_index;
  e->start = r->start;
  e->valid = true;
  e->nuops = r->len;
  e->uops = malloc(r->len * sizeof(UopInstr));
  e->nexits = r->nexits;
  e->exit_counts = calloc(r->nexits ? r->nexits : 1, sizeof(uint64_t));
  e->links = calloc(r->nexits ? r->nexits : 1, sizeof(Executor *));
  e->exit_backoff = calloc(r->nexits ? r->nexits : 1, 1);
  e->exit_uop = calloc(r->nexits ? r->nexits : 1, sizeof(uint32_t));
  e->ndeps = r->ndeps;
  e->deps = calloc(r->ndeps ? r->ndeps : 1, sizeof(char *));
  e->dep_lens = calloc(r->ndeps ? r->ndeps : 1, sizeof(uint32_t));
  if (!e->uops || !e->exit_counts || !e->links || !e->exit_backoff || !e->exit_uop || !e->deps || !e->dep_lens) {
    executor_free(e);
    return NULL;
  }
  memcpy(e->uops, r->uops, r->len * sizeof(UopInstr));
  for (uint32_t i = 0; i < r->len; i++)
    if ((uop_info[r->uops[i].uop].flags & (UOPF_DEOPT | UOPF_EXIT | UOPF_ERROR)) && r->uops[i].exit_index < r->nexits)
      e->exit_uop[r->uops[i].exit_index] = i;
  for (uint32_t i = 0; i < r->ndeps; i++) {
    size_t n = (size_t)r->deps[i]->nbytes;
    e->deps[i] = malloc(n + 1);
    if (!e->deps[i]) {
      executor_free(e);
      return NULL;
    }
    memcpy(e->deps[i], r->deps[i]->data, n + 1);
    e->dep_lens[i] = (uint32_t)n;
  }
  return e;
}

bool executor_depends_on(const Executor *e, const ObjStr *name) {
  for (uint32_t i = 0; i < e->ndeps; i++)
    if (e->dep_lens[i] == (uint64_t)name->nbytes && memcmp(e->deps[i], name->data, e->dep_lens[i]) == 0) return true;
  return false;
}

void executor_free(Executor *e) {
  if (!e) return;
  codegen_free(e);
  for (uint32_t i = 0; e->deps && i < e->ndeps; i++) free(e->deps[i]);
  free(e->deps);
  free(e->dep_lens);
  free(e->exit_counts);
  free(e->links);
  free(e->exit_backoff);
  free(e->exit_uop);
  free(e->uops);
  free(e);
}
