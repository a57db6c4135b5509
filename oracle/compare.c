/* The verdict over all configurations, and the divergence signature.
 *
 *   agree         every configuration's capture equals the baseline's
 *   diverged      some differ; the signature names the first category (in
 *                 OracleWhat order) in which any config differs, the
 *                 configs that differ first in that category, and where
 *   inconclusive  no config differs, but one could not be judged (the
 *                 process itself ran out of memory: docs/oracle.md)
 *
 * A signature is `what:base~cfg,cfg[:where]`, e.g. "outcome:ref~jit@1" or
 * "heap.refcount:ref~jit@1,uops@1:STORE_SUBSCR.STORE_SUBSCR_LIST_INT": only
 * characters that are safe in a file name, never an address or a trace. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oracle/oracle.h"

void oracle_result_init(OracleResult *r) {
  memset(r, 0, sizeof *r);
  for (int i = 0; i < ORACLE_MAX_CONFIGS; i++) oracle_capture_init(&r->caps[i]);
  oracle_walk_init(&r->walk);
}

void oracle_result_free(OracleResult *r) {
  for (int i = 0; i < ORACLE_MAX_CONFIGS; i++) oracle_capture_free(&r->caps[i]);
  oracle_walk_free(&r->walk);
  memset(r, 0, sizeof *r);
}

OracleVerdict oracle_run(OracleResult *r, const Module *module, const OracleOptions *opts, bool want_text) {
  r->nconfigs = opts->nconfigs < ORACLE_MAX_CONFIGS ? opts->nconfigs : ORACLE_MAX_CONFIGS;
  r->where[0] = '\0';
  for (uint32_t i = 0; i < r->nconfigs; i++)
    if (!oracle_capture_from_twin(r, opts, i))
      oracle_capture_run(&r->caps[i], module, &opts->configs[i], opts, want_text, &r->walk);
  return oracle_judge(r);
}

static bool configs_are_twins(const OracleConfig *a, const OracleConfig *b) {
  return a->engine != ORACLE_ENGINE_REF && b->engine != ORACLE_ENGINE_REF && a->engine != b->engine &&
         a->threshold == b->threshold;
}

bool oracle_capture_from_twin(OracleResult *r, const OracleOptions *opts, uint32_t i) {
  for (uint32_t j = 0; j < i; j++) {
    const OracleCapture *c = &r->caps[j];
    if (c->copied || c->status != ORACLE_RUN_OK || c->stats.recorded != 0) continue;
    if (!configs_are_twins(&opts->configs[i], &opts->configs[j])) continue;
    oracle_capture_copy(&r->caps[i], c, &opts->configs[i]);
    return true;
  }
  return false;
}

static int compare_names(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Rebuild r->signature from what, disagree and where. */
static void build_signature(OracleResult *r) {
  r->signature[0] = '\0';
  if (r->verdict != ORACLE_DIVERGED) return;
  const char *names[ORACLE_MAX_CONFIGS];
  size_t n = 0;
  for (uint32_t i = 0; i < r->nconfigs; i++)
    if (r->disagree & (1u << i)) names[n++] = r->caps[i].config.name;
  qsort(names, n, sizeof names[0], compare_names);
  StrBuf sb;
  strbuf_init(&sb);
  strbuf_printf(&sb, "%s:%s~", oracle_what_name(r->what), r->nconfigs ? r->caps[0].config.name : "?");
  for (size_t i = 0; i < n; i++) strbuf_printf(&sb, "%s%s", i ? "," : "", names[i]);
  if (r->where[0]) strbuf_printf(&sb, ":%s", r->where);
  snprintf(r->signature, sizeof r->signature, "%s", sb.data ? sb.data : "");
  strbuf_free(&sb);
}

static OracleVerdict diverged(OracleResult *r, OracleWhat what, uint32_t disagree) {
  r->verdict = ORACLE_DIVERGED;
  r->what = what;
  r->disagree = disagree;
  build_signature(r);
  return r->verdict;
}

static OracleVerdict inconclusive(OracleResult *r, const OracleCapture *c) {
  r->verdict = ORACLE_INCONCLUSIVE;
  snprintf(r->reason, sizeof r->reason, "%s: %s", c->config.name, c->why);
  return r->verdict;
}

/* Crashes first: a crash is a bug whatever the other configs did. */
static uint32_t crashed_configs(OracleResult *r) {
  uint32_t mask = 0;
  for (uint32_t i = 0; i < r->nconfigs; i++) {
    if (r->caps[i].status != ORACLE_RUN_CRASH) continue;
    mask |= 1u << i;
    r->first_diff[i] = ORACLE_WHAT_CRASH;
  }
  return mask;
}

OracleVerdict oracle_judge(OracleResult *r) {
  r->verdict = ORACLE_AGREE;
  r->what = ORACLE_WHAT_SAME;
  r->disagree = 0;
  r->reason[0] = '\0';
  r->signature[0] = '\0';
  for (int i = 0; i < ORACLE_MAX_CONFIGS; i++) r->first_diff[i] = ORACLE_WHAT_SAME;
  if (r->nconfigs == 0) return r->verdict;
  uint32_t crashed = crashed_configs(r);
  if (crashed) return diverged(r, ORACLE_WHAT_CRASH, crashed);
  const OracleCapture *base = &r->caps[0];
  if (base->status != ORACLE_RUN_OK) return inconclusive(r, base);

  OracleWhat first = ORACLE_WHAT_SAME;
  const OracleCapture *unjudged = NULL;
  for (uint32_t i = 1; i < r->nconfigs; i++) {
    if (r->caps[i].status != ORACLE_RUN_OK) {
      if (!unjudged) unjudged = &r->caps[i];
      continue;
    }
    r->first_diff[i] = oracle_capture_compare(base, &r->caps[i]);
    if (r->first_diff[i] < first) first = r->first_diff[i];
  }
  if (first != ORACLE_WHAT_SAME) {
    uint32_t mask = 0;
    for (uint32_t i = 1; i < r->nconfigs; i++)
      if (r->first_diff[i] == first) mask |= 1u << i;
    return diverged(r, first, mask);
  }
  if (unjudged) return inconclusive(r, unjudged);
  return r->verdict;
}

/* Keep [A-Za-z0-9_] only, so the signature stays a safe file name. */
static void append_safe(StrBuf *sb, const char *s) {
  for (; s && *s; s++) {
    char c = *s;
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') strbuf_putc(sb, c);
  }
}

void oracle_set_where(OracleResult *r, const char *opcode, const char *uop) {
  StrBuf sb;
  strbuf_init(&sb);
  append_safe(&sb, opcode);
  if (uop && *uop) {
    strbuf_putc(&sb, '.');
    append_safe(&sb, uop);
  }
  snprintf(r->where, sizeof r->where, "%s", sb.data ? sb.data : "");
  strbuf_free(&sb);
  build_signature(r);
}
