/* Engine configurations: which engine and which tier-2 threshold, under a
 * canonical name ("ref", "uops@1", "jit@default"). Threshold 1 sends every
 * loop to tier 2 at once; small odd thresholds (2, 7) make traces start
 * after a loop has already run a few iterations in tier 1, so side exits
 * and re-entries happen at varying points; the default is what users run. */
#include <stdio.h>
#include <string.h>

#include "oracle/oracle.h"

static const char *const default_configs[] = {"ref", "uops@1", "uops@default", "jit@1",
                                              "jit@2", "jit@7", "jit@default"};

void oracle_options_default(OracleOptions *o) {
  memset(o, 0, sizeof *o);
  o->fuel = ORACLE_DEFAULT_FUEL;
  o->max_heap = ORACLE_DEFAULT_MAX_HEAP;
  for (size_t i = 0; i < sizeof default_configs / sizeof default_configs[0]; i++) {
    bool ok = oracle_config_parse(default_configs[i], strlen(default_configs[i]), &o->configs[o->nconfigs]);
    if (ok) o->nconfigs++;
  }
}

/* A decimal threshold 1..ORACLE_MAX_THRESHOLD, digits only. */
static bool parse_threshold(const char *s, size_t len, uint32_t *out) {
  if (len == 0 || len > 12) return false;
  uint64_t v = 0;
  for (size_t i = 0; i < len; i++) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (uint64_t)(s[i] - '0');
  }
  if (v < 1 || v > ORACLE_MAX_THRESHOLD) return false;
  *out = (uint32_t)v;
  return true;
}

static bool word_is(const char *s, size_t len, const char *word) {
  return len == strlen(word) && memcmp(s, word, len) == 0;
}

bool oracle_config_parse(const char *text, size_t len, OracleConfig *out) {
  memset(out, 0, sizeof *out);
  const char *at = memchr(text, '@', len);
  size_t engine_len = at ? (size_t)(at - text) : len;
  if (word_is(text, len, "ref")) {
    out->engine = ORACLE_ENGINE_REF;
    snprintf(out->name, sizeof out->name, "ref");
    return true;
  }
  if (word_is(text, engine_len, "uops")) out->engine = ORACLE_ENGINE_UOPS;
  else if (word_is(text, engine_len, "jit")) out->engine = ORACLE_ENGINE_JIT;
  else return false;
  const char *engine = out->engine == ORACLE_ENGINE_JIT ? "jit" : "uops";
  if (at) {
    const char *t = at + 1;
    size_t tlen = len - engine_len - 1;
    if (!word_is(t, tlen, "default") && !parse_threshold(t, tlen, &out->threshold)) return false;
  }
  if (out->threshold == 0) snprintf(out->name, sizeof out->name, "%s@default", engine);
  else snprintf(out->name, sizeof out->name, "%s@%u", engine, out->threshold);
  return true;
}

static bool config_listed(const OracleOptions *o, const OracleConfig *c) {
  for (uint32_t i = 0; i < o->nconfigs; i++)
    if (strcmp(o->configs[i].name, c->name) == 0) return true;
  return false;
}

bool oracle_configs_parse(const char *list, OracleOptions *o, StrBuf *err) {
  OracleOptions parsed = *o;
  parsed.nconfigs = 0;
  const char *p = list;
  for (;;) {
    const char *comma = strchr(p, ',');
    size_t len = comma ? (size_t)(comma - p) : strlen(p);
    OracleConfig c;
    if (!oracle_config_parse(p, len, &c)) {
      strbuf_printf(err, "unknown configuration '%.*s' (ref, uops, jit, uops@N, jit@N, uops@default, jit@default)",
                    (int)(len > 64 ? 64 : len), p);
      return false;
    }
    if (config_listed(&parsed, &c)) {
      strbuf_printf(err, "configuration '%s' given twice", c.name);
      return false;
    }
    if (parsed.nconfigs == ORACLE_MAX_CONFIGS) {
      strbuf_printf(err, "more than %d configurations", ORACLE_MAX_CONFIGS);
      return false;
    }
    parsed.configs[parsed.nconfigs++] = c;
    if (!comma) break;
    p = comma + 1;
  }
  if (parsed.nconfigs < 2) {
    strbuf_printf(err, "at least two configurations are needed to compare");
    return false;
  }
  *o = parsed;
  return true;
}

const char *oracle_what_name(OracleWhat what) {
  switch (what) {
  case ORACLE_WHAT_CRASH: return "crash";
  case ORACLE_WHAT_OUTCOME: return "outcome";
  case ORACLE_WHAT_OUTPUT: return "output";
  case ORACLE_WHAT_GLOBALS: return "globals";
  case ORACLE_WHAT_HEAP: return "heap";
  case ORACLE_WHAT_REFCOUNT: return "heap.refcount";
  case ORACLE_WHAT_LEAK: return "leak";
  case ORACLE_WHAT_FUEL: return "fuel";
  case ORACLE_WHAT_COUNT: break;
  }
  return "same";
}
