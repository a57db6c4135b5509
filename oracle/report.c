/* What a person reads: the verdict line, a divergence report with a
 * unified view of the first differing lines, and whole captures. Only
 * here is text needed; when a result has none, the two runs the report
 * shows are made again with text (runs are deterministic, and a rerun
 * that does not reproduce its digests is reported as such). */
#include <stdlib.h>
#include <string.h>

#include "oracle/oracle.h"

enum {
  DIFF_CONTEXT = 3,     /* equal lines shown before the first difference */
  DIFF_MAX_LINES = 12,  /* differing lines shown from each side */
  DIFF_LINE_WIDTH = 160 /* characters shown of one line */
};

void oracle_verdict_line(const OracleResult *r, StrBuf *out) {
  switch (r->verdict) {
  case ORACLE_AGREE:
    strbuf_printf(out, "agree: %u configurations (", r->nconfigs);
    for (uint32_t i = 0; i < r->nconfigs; i++) strbuf_printf(out, "%s%s", i ? ", " : "", r->caps[i].config.name);
    strbuf_puts(out, ")\n");
    return;
  case ORACLE_DIVERGED: strbuf_printf(out, "diverged: %s\n", r->signature); return;
  case ORACLE_INCONCLUSIVE: strbuf_printf(out, "inconclusive: %s\n", r->reason); return;
  }
}

/* ------------------------------------------------------------ line diff */

typedef struct Line {
  const char *p;
  size_t len;
} Line;

typedef struct Lines {
  Line *v;
  size_t n;
} Lines;

/* Split text at '\n' (a final line without one still counts). */
static bool lines_split(const char *text, size_t len, Lines *out) {
  size_t n = 0;
  for (size_t i = 0; i < len; i++) n += text[i] == '\n';
  n += len > 0 && text[len - 1] != '\n';
  out->n = 0;
  out->v = malloc((n ? n : 1) * sizeof *out->v);
  if (!out->v) return false;
  size_t start = 0;
  for (size_t i = 0; i <= len; i++) {
    if (i < len && text[i] != '\n') continue;
    if (i == len && start == len) break;
    out->v[out->n++] = (Line){text + start, i - start};
    start = i + 1;
  }
  return true;
}

static bool line_equal(Line a, Line b) { return a.len == b.len && memcmp(a.p, b.p, a.len) == 0; }

static size_t first_differing_column(Line a, Line b) {
  size_t i = 0;
  while (i < a.len && i < b.len && a.p[i] == b.p[i]) i++;
  return i;
}

/* One line, clipped to DIFF_LINE_WIDTH characters around column `focus`. */
static void put_line(StrBuf *out, const char *prefix, Line l, size_t focus) {
  strbuf_puts(out, prefix);
  size_t from = 0;
  if (l.len > DIFF_LINE_WIDTH && focus > DIFF_LINE_WIDTH / 2) {
    from = focus - DIFF_LINE_WIDTH / 2;
    if (from > l.len - DIFF_LINE_WIDTH) from = l.len - DIFF_LINE_WIDTH;
  }
  size_t shown = l.len - from < DIFF_LINE_WIDTH ? l.len - from : DIFF_LINE_WIDTH;
  if (from > 0) strbuf_puts(out, "...");
  strbuf_append(out, l.p + from, shown);
  if (from + shown < l.len) strbuf_puts(out, "...");
  strbuf_putc(out, '\n');
}

static void put_side(StrBuf *out, const char *prefix, const Lines *l, size_t from, size_t to, size_t focus) {
  size_t shown = 0;
  for (size_t i = from; i < to && shown < DIFF_MAX_LINES; i++, shown++)
    put_line(out, prefix, l->v[i], i == from ? focus : 0);
  if (to - from > shown) strbuf_printf(out, "%s... %zu more lines\n", prefix, to - from - shown);
}

void oracle_diff_text(const char *a, size_t alen, const char *b, size_t blen, const char *alabel,
                      const char *blabel, StrBuf *out) {
  Lines la = {0}, lb = {0};
  if (!lines_split(a ? a : "", alen, &la) || !lines_split(b ? b : "", blen, &lb)) {
    strbuf_puts(out, "(no memory for the line view)\n");
    free(la.v);
    free(lb.v);
    return;
  }
  size_t p = 0;
  while (p < la.n && p < lb.n && line_equal(la.v[p], lb.v[p])) p++;
  size_t s = 0;
  while (s < la.n - p && s < lb.n - p && line_equal(la.v[la.n - 1 - s], lb.v[lb.n - 1 - s])) s++;
  strbuf_printf(out, "--- %s\n+++ %s\n", alabel, blabel);
  if (alen == blen && (alen == 0 || memcmp(a, b, alen) == 0)) {
    strbuf_puts(out, "(no difference in the text)\n");
  } else if (p == la.n && p == lb.n) {
    /* Equal lines, different bytes: only a missing final newline differs. */
    const char *lacking = alen > 0 && a[alen - 1] == '\n' ? blabel : alabel;
    strbuf_printf(out, "(the lines are equal; %s has no newline at the end)\n", lacking);
  } else {
    strbuf_printf(out, "@@ line %zu @@\n", p + 1);
    for (size_t i = p > DIFF_CONTEXT ? p - DIFF_CONTEXT : 0; i < p; i++) put_line(out, "  ", la.v[i], 0);
    size_t focus = p < la.n && p < lb.n ? first_differing_column(la.v[p], lb.v[p]) : 0;
    put_side(out, "- ", &la, p, la.n - s, focus);
    put_side(out, "+ ", &lb, p, lb.n - s, focus);
  }
  free(la.v);
  free(lb.v);
}

/* ---------------------------------------------------------------- report */

static const char *status_name(OracleRunStatus s) {
  switch (s) {
  case ORACLE_RUN_OK: return "ok";
  case ORACLE_RUN_PROCESS_OOM: return "process out of memory";
  case ORACLE_RUN_CRASH: return "crash";
  case ORACLE_RUN_OUTPUT_LIMIT: return "not judged";
  }
  return "?";
}

static const char *outcome_name(int kind) {
  switch (kind) {
  case OUTCOME_RETURN: return "return";
  case OUTCOME_EXCEPTION: return "exception";
  case OUTCOME_FUEL: return "out of fuel";
  default: return "?";
  }
}

/* The text of one category of a capture (stdout for output). */
static void category_text(const OracleCapture *c, OracleWhat what, const char **data, size_t *len) {
  const StrBuf *sb = what == ORACLE_WHAT_OUTPUT ? &c->output : &c->text[what];
  *data = sb->data ? sb->data : "";
  *len = sb->len;
}

void oracle_capture_print(const OracleCapture *c, StrBuf *out) {
  strbuf_printf(out, "== %s: %s", c->config.name, status_name(c->status));
  if (c->status != ORACLE_RUN_OK) strbuf_printf(out, " (%s)", c->why);
  strbuf_printf(out, "; %s; %lld objects walked", outcome_name(c->outcome), (long long)c->objects_walked);
  if (c->config.engine != ORACLE_ENGINE_REF)
    strbuf_printf(out, "; %llu traces, %llu trace entries, %llu side exits", (unsigned long long)c->stats.traces,
                  (unsigned long long)c->stats.entries, (unsigned long long)c->stats.side_exits);
  if (c->copied) strbuf_printf(out, "; not run: the same run as its twin %s, which installed no trace", c->copied_from);
  strbuf_puts(out, "\n");
  for (int i = ORACLE_WHAT_OUTCOME; i < ORACLE_WHAT_COUNT; i++) {
    const char *data;
    size_t len;
    category_text(c, (OracleWhat)i, &data, &len);
    strbuf_printf(out, "-- %s (digest %016llx)", oracle_what_name((OracleWhat)i), (unsigned long long)c->digest[i]);
    if (i == ORACLE_WHAT_OUTPUT) strbuf_printf(out, " %lld bytes%s", (long long)c->output_len, (size_t)c->output_len > len ? ", cut" : "");
    strbuf_putc(out, '\n');
    if (!c->has_text && i != ORACLE_WHAT_OUTPUT) continue;
    strbuf_append(out, data, len);
    if (len > 0 && data[len - 1] != '\n') strbuf_puts(out, "\n(no newline at the end)\n");
  }
}

/* Per config: agrees, differs first in X, or could not be judged. */
static void report_configs(const OracleResult *r, StrBuf *out) {
  for (uint32_t i = 0; i < r->nconfigs; i++) {
    const OracleCapture *c = &r->caps[i];
    strbuf_printf(out, "  %-16s ", c->config.name);
    if (c->status != ORACLE_RUN_OK) strbuf_printf(out, "%s: %s\n", status_name(c->status), c->why);
    else if (i == 0) strbuf_puts(out, "baseline\n");
    else if (r->first_diff[i] == ORACLE_WHAT_SAME) strbuf_puts(out, "agrees\n");
    else strbuf_printf(out, "differs, first in %s\n", oracle_what_name(r->first_diff[i]));
  }
}

/* Runs c's configuration again with text into `fresh`; notes a rerun that
 * does not reproduce the first run. */
static void rerun_with_text(OracleResult *r, const OracleCapture *c, OracleCapture *fresh, const Module *module,
                            const OracleOptions *opts, StrBuf *out) {
  oracle_capture_run(fresh, module, &c->config, opts, true, &r->walk);
  if (fresh->status == c->status && memcmp(fresh->digest, c->digest, sizeof c->digest) == 0) return;
  strbuf_printf(out, "note: %s did not reproduce its first run (nondeterminism?)\n", c->config.name);
}

static uint32_t first_disagreeing(const OracleResult *r) {
  for (uint32_t i = 0; i < r->nconfigs; i++)
    if (r->disagree & (1u << i)) return i;
  return 0;
}

/* The differing category of base and other, side by side. */
static void report_category(const OracleCapture *base, const OracleCapture *other, OracleWhat what, StrBuf *out) {
  strbuf_printf(out, "\nfirst difference: %s, %s vs %s\n", oracle_what_name(what), base->config.name,
                other->config.name);
  if (what == ORACLE_WHAT_CRASH) {
    strbuf_printf(out, "%s: %s\n", other->config.name, other->why[0] ? other->why : "crashed");
    return;
  }
  const char *a, *b;
  size_t alen, blen;
  category_text(base, what, &a, &alen);
  category_text(other, what, &b, &blen);
  if (what == ORACLE_WHAT_OUTPUT) {
    strbuf_printf(out, "stdout: %lld bytes under %s, %lld under %s\n", (long long)base->output_len, base->config.name,
                  (long long)other->output_len, other->config.name);
    if ((size_t)base->output_len > alen || (size_t)other->output_len > blen)
      strbuf_printf(out, "(only the first %zu bytes of each are kept)\n", (size_t)ORACLE_OUTPUT_KEEP);
  }
  oracle_diff_text(a, alen, b, blen, base->config.name, other->config.name, out);
}

void oracle_report(OracleResult *r, const Module *module, const OracleOptions *opts, StrBuf *out) {
  oracle_verdict_line(r, out);
  if (r->verdict == ORACLE_AGREE) return;
  report_configs(r, out);
  if (r->verdict != ORACLE_DIVERGED) return;
  uint32_t k = first_disagreeing(r);
  const OracleCapture *base = &r->caps[0], *other = &r->caps[k];
  if (r->what == ORACLE_WHAT_CRASH || (base->has_text && other->has_text)) {
    report_category(base, other, r->what, out);
    return;
  }
  if (!module || !opts) {
    strbuf_puts(out, "(the captures have no text and no program was given to run them again)\n");
    return;
  }
  OracleCapture fresh_base, fresh_other;
  oracle_capture_init(&fresh_base);
  oracle_capture_init(&fresh_other);
  rerun_with_text(r, base, &fresh_base, module, opts, out);
  rerun_with_text(r, other, &fresh_other, module, opts, out);
  report_category(&fresh_base, &fresh_other, r->what, out);
  oracle_capture_free(&fresh_base);
  oracle_capture_free(&fresh_other);
}
