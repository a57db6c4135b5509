/* OUT/state: what a campaign has done, so that a new `lockstep fuzz` with
 * the same OUT resumes it. Plain text, one "key value" per line, written
 * atomically (temporary file, then rename) and read back strictly: an
 * unknown key, a bad number or a missing "end" line is an error, never a
 * guess.
 *
 *   lockstep-fuzz-state 1
 *   base_seed 1
 *   size 200
 *   fuel 100000
 *   configs ref,uops@1,uops@default,jit@1,jit@2,jit@7,jit@default
 *   next 5321                 programs below this were handed out ...
 *   pending 2 5317 5320       ... and these of them were not finished
 *   execs 5319
 *   programs 5319
 *   traces 81234
 *   divergences 0
 *   inconclusive 2
 *   crashes 0
 *   hangs 0
 *   gen_errors 0
 *   elapsed_ms 61000
 *   sessions 1
 *   signature 3 17 outcome:ref~jit@1      count, first program, signature
 *   end */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/campaign_internal.h"

static const char state_magic[] = "lockstep-fuzz-state 1";
enum { STATE_MAX_BYTES = 64 << 20 };

/* ------------------------------------------------------------ signatures */

bool sigtable_add(SigTable *t, const char *signature, uint64_t count, uint64_t first_seed, bool *is_new) {
  *is_new = false;
  for (size_t i = 0; i < t->n; i++) {
    if (strcmp(t->v[i].signature, signature) != 0) continue;
    t->v[i].count += count;
    if (t->v[i].first_seed == CAMPAIGN_NO_SEED || (first_seed != CAMPAIGN_NO_SEED && first_seed < t->v[i].first_seed))
      t->v[i].first_seed = first_seed;
    return true;
  }
  if (t->n >= SIGTABLE_MAX) return false;
  if (t->n == t->cap) {
    size_t cap = t->cap ? 2 * t->cap : 16;
    SigEntry *v = realloc(t->v, cap * sizeof *v);
    if (!v) return false;
    t->v = v;
    t->cap = cap;
  }
  char *copy = strdup(signature);
  if (!copy) return false;
  t->v[t->n++] = (SigEntry){copy, count, first_seed};
  *is_new = true;
  return true;
}

void sigtable_free(SigTable *t) {
  for (size_t i = 0; i < t->n; i++) free(t->v[i].signature);
  free(t->v);
  memset(t, 0, sizeof *t);
}

/* ------------------------------------------------------------ state */

void campaign_state_init(CampaignState *s) { memset(s, 0, sizeof *s); }

void campaign_state_free(CampaignState *s) {
  sigtable_free(&s->sigs);
  memset(s, 0, sizeof *s);
}

void campaign_configs_text(const OracleOptions *o, char out[CAMPAIGN_CONFIGS_TEXT_MAX]) {
  size_t n = 0;
  out[0] = '\0';
  for (uint32_t i = 0; i < o->nconfigs && i < ORACLE_MAX_CONFIGS; i++)
    n += (size_t)snprintf(out + n, CAMPAIGN_CONFIGS_TEXT_MAX - n, "%s%s", i ? "," : "", o->configs[i].name);
}

/* The counters' keys, in the order of counter_at. */
static const char *const counter_keys[] = {"execs",        "programs", "traces", "divergences",
                                           "inconclusive", "crashes",  "hangs",  "gen_errors"};
enum { NCOUNTER_FIELDS = sizeof counter_keys / sizeof counter_keys[0] };

static uint64_t *counter_at(CampaignCounters *c, size_t i) {
  uint64_t *fields[NCOUNTER_FIELDS] = {&c->execs,        &c->programs, &c->traces, &c->divergences,
                                       &c->inconclusive, &c->crashes,  &c->hangs,  &c->gen_errors};
  return fields[i];
}

bool campaign_state_write(const char *path, const CampaignState *s, StrBuf *err) {
  StrBuf sb;
  strbuf_init(&sb);
  strbuf_printf(&sb, "%s\n", state_magic);
  strbuf_printf(&sb, "base_seed %" PRIu64 "\nsize %u\nfuel %" PRId64 "\nconfigs %s\nnext %" PRIu64 "\n",
                s->base_seed, s->size, s->fuel, s->configs, s->next);
  strbuf_printf(&sb, "pending %u", s->npending);
  for (uint32_t i = 0; i < s->npending; i++) strbuf_printf(&sb, " %" PRIu64, s->pending[i]);
  strbuf_puts(&sb, "\n");
  CampaignCounters c = s->counters;
  for (size_t i = 0; i < NCOUNTER_FIELDS; i++)
    strbuf_printf(&sb, "%s %" PRIu64 "\n", counter_keys[i], *counter_at(&c, i));
  strbuf_printf(&sb, "elapsed_ms %" PRIu64 "\nsessions %" PRIu64 "\n", s->elapsed_ms, s->sessions);
  for (size_t i = 0; i < s->sigs.n; i++) {
    const SigEntry *e = &s->sigs.v[i];
    strbuf_printf(&sb, "signature %" PRIu64 " ", e->count);
    if (e->first_seed == CAMPAIGN_NO_SEED) strbuf_puts(&sb, "-");
    else strbuf_printf(&sb, "%" PRIu64, e->first_seed);
    strbuf_printf(&sb, " %s\n", e->signature);
  }
  strbuf_puts(&sb, "end\n");
  bool ok = !sb.oom;
  if (!ok) strbuf_printf(err, "%s: out of memory", path);
  ok = ok && campaign_write_file(path, sb.data, sb.len, err);
  strbuf_free(&sb);
  return ok;
}

/* ---- reading ---- */

typedef struct Parser {
  const char *path;
  char *p, *end;
  unsigned line;
  StrBuf *err;
} Parser;

static bool parse_fail(Parser *ps, const char *what) {
  strbuf_printf(ps->err, "%s:%u: error: %s (delete the directory or use another --out)", ps->path, ps->line, what);
  return false;
}

/* The next line, NUL-terminated in place; NULL at the end. */
static char *next_line(Parser *ps) {
  if (ps->p >= ps->end) return NULL;
  char *line = ps->p;
  char *nl = memchr(line, '\n', (size_t)(ps->end - line));
  if (nl) {
    *nl = '\0';
    ps->p = nl + 1;
  } else {
    ps->p = ps->end;
  }
  ps->line++;
  return line;
}

/* A decimal uint64 at *s followed by ' ' or the end; advances *s. */
static bool take_u64(char **s, uint64_t *out) {
  char *p = *s;
  if (*p < '0' || *p > '9') return false;
  uint64_t v = 0;
  for (; *p >= '0' && *p <= '9'; p++) {
    uint64_t d = (uint64_t)(*p - '0');
    if (v > (UINT64_MAX - d) / 10) return false;
    v = v * 10 + d;
  }
  if (*p == ' ') p++;
  else if (*p != '\0') return false;
  *s = p;
  *out = v;
  return true;
}

static bool parse_pending(Parser *ps, char *rest, CampaignState *s) {
  uint64_t n;
  if (!take_u64(&rest, &n) || n > CAMPAIGN_MAX_PENDING) return parse_fail(ps, "bad pending list");
  s->npending = (uint32_t)n;
  for (uint32_t i = 0; i < s->npending; i++)
    if (!take_u64(&rest, &s->pending[i]) || s->pending[i] > SEED_MAX) return parse_fail(ps, "bad pending list");
  return *rest == '\0' ? true : parse_fail(ps, "bad pending list");
}

static bool parse_signature(Parser *ps, char *rest, CampaignState *s) {
  uint64_t count, first = CAMPAIGN_NO_SEED;
  if (!take_u64(&rest, &count)) return parse_fail(ps, "bad signature line");
  if (rest[0] == '-' && rest[1] == ' ') rest += 2;
  else if (!take_u64(&rest, &first)) return parse_fail(ps, "bad signature line");
  size_t len = strlen(rest);
  if (len == 0 || len >= ORACLE_SIGNATURE_MAX) return parse_fail(ps, "bad signature line");
  bool is_new;
  if (!sigtable_add(&s->sigs, rest, count, first, &is_new)) return parse_fail(ps, "too many signatures");
  return true;
}

static bool parse_number_field(Parser *ps, const char *key, char *rest, CampaignState *s, bool *known) {
  uint64_t v;
  *known = true;
  uint64_t *dst = NULL;
  if (strcmp(key, "base_seed") == 0) dst = &s->base_seed;
  else if (strcmp(key, "next") == 0) dst = &s->next;
  else if (strcmp(key, "elapsed_ms") == 0) dst = &s->elapsed_ms;
  else if (strcmp(key, "sessions") == 0) dst = &s->sessions;
  for (size_t i = 0; !dst && i < NCOUNTER_FIELDS; i++)
    if (strcmp(key, counter_keys[i]) == 0) dst = counter_at(&s->counters, i);
  bool is_size = strcmp(key, "size") == 0, is_fuel = strcmp(key, "fuel") == 0;
  if (!dst && !is_size && !is_fuel) {
    *known = false;
    return true;
  }
  if (!take_u64(&rest, &v) || *rest != '\0') return parse_fail(ps, "bad number");
  if (is_size) {
    if (v < GEN_MIN_SIZE || v > GEN_MAX_SIZE) return parse_fail(ps, "size out of range");
    s->size = (uint32_t)v;
  } else if (is_fuel) {
    if (v > INT64_MAX) return parse_fail(ps, "fuel out of range");
    s->fuel = (int64_t)v;
  } else {
    *dst = v;
  }
  return true;
}

static bool parse_line(Parser *ps, char *line, CampaignState *s) {
  char *space = strchr(line, ' ');
  if (!space) return parse_fail(ps, "expected 'key value'");
  *space = '\0';
  const char *key = line;
  char *rest = space + 1;
  if (strcmp(key, "configs") == 0) {
    if (strlen(rest) >= sizeof s->configs) return parse_fail(ps, "configs too long");
    snprintf(s->configs, sizeof s->configs, "%s", rest);
    return true;
  }
  if (strcmp(key, "pending") == 0) return parse_pending(ps, rest, s);
  if (strcmp(key, "signature") == 0) return parse_signature(ps, rest, s);
  bool known;
  if (!parse_number_field(ps, key, rest, s, &known)) return false;
  return known ? true : parse_fail(ps, "unknown key");
}

static bool parse_state(Parser *ps, CampaignState *s) {
  char *line = next_line(ps);
  if (!line || strcmp(line, state_magic) != 0) return parse_fail(ps, "not a lockstep fuzz state file");
  bool ended = false;
  while ((line = next_line(ps)) != NULL) {
    if (ended) return parse_fail(ps, "text after 'end'");
    if (strcmp(line, "end") == 0) ended = true;
    else if (!parse_line(ps, line, s)) return false;
  }
  if (!ended) return parse_fail(ps, "truncated (no 'end' line)");
  if (s->base_seed > SEED_MAX || s->next > SEED_MAX || s->next < s->base_seed || s->size == 0 || !s->configs[0])
    return parse_fail(ps, "inconsistent values");
  for (uint32_t i = 0; i < s->npending; i++)
    if (s->pending[i] < s->base_seed || s->pending[i] >= s->next) return parse_fail(ps, "pending program out of range");
  return true;
}

bool campaign_state_read(const char *path, CampaignState *s, bool *exists, StrBuf *err) {
  campaign_state_free(s);
  size_t len = 0;
  char *text = campaign_read_file(path, STATE_MAX_BYTES, false, &len);
  if (!text) {
    *exists = errno != ENOENT;
    if (*exists) strbuf_printf(err, "%s: cannot read: %s", path, strerror(errno));
    return !*exists;
  }
  *exists = true;
  if (memchr(text, '\0', len)) {
    free(text);
    strbuf_printf(err, "%s: error: not a lockstep fuzz state file", path);
    return false;
  }
  Parser ps = {path, text, text + len, 0, err};
  bool ok = parse_state(&ps, s);
  free(text);
  if (!ok) campaign_state_free(s);
  return ok;
}
