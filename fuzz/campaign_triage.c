/* `lockstep triage DIR`: every crash file under DIR through the oracle,
 * grouped by signature. Crash files come from any of lockstep's fuzzers:
 * libFuzzer (crash-*, timeout-*, ...: generator bytes), AFL++
 * (crashes/id:*: generator bytes), `lockstep fuzz` (findings/NAME/input.jasm)
 * or people (.jasm, .jbc, .py programs). Each file runs in a child process,
 * so one that crashes or hangs the engines is a row ("crash:WHERE",
 * "hang:WHERE"), not the end of the triage.
 *
 * Which files: every regular file, recursively, except hidden ones and
 *   - in a lockstep fuzz finding (a directory with finding.txt): only input.*
 *   - in a lockstep fuzz directory (a "state" file of the campaign's
 *     format): only findings/ is walked (not logs/, state, lock)
 *   - in an AFL++ instance directory (with fuzzer_stats): only crashes/ and
 *     hangs/ are walked, and their README.txt is skipped.
 * Limits per file, unless --fuel/--configs say otherwise: generator bytes
 * run as the coverage-guided targets run them (fuzz/target_common.h); a
 * finding's input with the fuel and configurations in its finding.txt;
 * other programs with the oracle's defaults. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz/campaign_internal.h"
#include "fuzz/target_common.h"
#include "lang/lang.h"
#include "vm/loader.h"

enum {
  TRIAGE_MAX_FILES = 1000000,
  TRIAGE_MAX_DEPTH = 64,
  TRIAGE_MAX_INPUT = 64 << 20,
  TRIAGE_MSG_MAX = 1024,
};

void triage_options_default(TriageOptions *o) {
  memset(o, 0, sizeof *o);
  o->gen.size = GEN_DEFAULT_SIZE;
  oracle_options_default(&o->oracle);
  o->timeout = CAMPAIGN_DEFAULT_TIMEOUT;
}

/* ------------------------------------------------------------ collecting files */

typedef struct PathList {
  char **v;
  size_t n, cap;
  bool full;
} PathList;

static bool paths_push(PathList *l, const char *path) {
  if (l->n >= TRIAGE_MAX_FILES) return (l->full = true), false;
  if (l->n == l->cap) {
    size_t cap = l->cap ? 2 * l->cap : 64;
    char **v = realloc(l->v, cap * sizeof *v);
    if (!v) return false;
    l->v = v;
    l->cap = cap;
  }
  char *copy = strdup(path);
  if (!copy) return false;
  l->v[l->n++] = copy;
  return true;
}

static void paths_free(PathList *l) {
  for (size_t i = 0; i < l->n; i++) free(l->v[i]);
  free(l->v);
  memset(l, 0, sizeof *l);
}

static bool file_exists(const char *dir, const char *name) {
  StrBuf sb;
  strbuf_init(&sb);
  strbuf_printf(&sb, "%s/%s", dir, name);
  struct stat st;
  bool ok = sb.data && stat(sb.data, &st) == 0 && S_ISREG(st.st_mode);
  strbuf_free(&sb);
  return ok;
}

static bool is_campaign_dir(const char *dir) {
  StrBuf sb;
  strbuf_init(&sb);
  strbuf_printf(&sb, "%s/state", dir);
  size_t len = 0;
  char *text = sb.data ? campaign_read_file(sb.data, 64, true, &len) : NULL;
  bool yes = text && strncmp(text, "lockstep-fuzz-state ", 20) == 0;
  free(text);
  strbuf_free(&sb);
  return yes;
}

typedef enum DirKind { DIR_PLAIN, DIR_FINDING, DIR_CAMPAIGN, DIR_AFL } DirKind;

static DirKind dir_kind(const char *dir) {
  if (file_exists(dir, "finding.txt")) return DIR_FINDING;
  if (is_campaign_dir(dir)) return DIR_CAMPAIGN;
  if (file_exists(dir, "fuzzer_stats")) return DIR_AFL;
  return DIR_PLAIN;
}

static bool entry_wanted(DirKind kind, const char *name, bool is_dir) {
  if (name[0] == '.') return false;
  switch (kind) {
  case DIR_FINDING: return !is_dir && strncmp(name, "input.", 6) == 0;
  case DIR_CAMPAIGN: return is_dir && strcmp(name, "findings") == 0;
  case DIR_AFL: return is_dir && (strcmp(name, "crashes") == 0 || strcmp(name, "hangs") == 0);
  case DIR_PLAIN: return is_dir || strcmp(name, "README.txt") != 0;
  }
  return false;
}

/* Walks dir with an explicit stack of directories (depth bounded; symbolic
 * links are not followed). */
static bool collect(const char *root, PathList *files, StrBuf *err) {
  PathList stack = {0};
  bool ok = paths_push(&stack, root);
  StrBuf path;
  strbuf_init(&path);
  while (ok && stack.n > 0) {
    char *dir = stack.v[--stack.n];
    size_t depth = 0;
    for (const char *p = dir + strlen(root); *p; p++) depth += *p == '/';
    DirKind kind = dir_kind(dir);
    DIR *d = opendir(dir);
    if (!d) {
      if (strcmp(dir, root) == 0) {
        strbuf_printf(err, "%s: %s", dir, strerror(errno));
        ok = false;
      }
      free(dir);
      continue;
    }
    struct dirent *e;
    while (ok && (e = readdir(d)) != NULL) {
      if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
      strbuf_clear(&path);
      strbuf_printf(&path, "%s/%s", dir, e->d_name);
      struct stat st;
      if (!path.data || lstat(path.data, &st) != 0) continue;
      bool is_dir = S_ISDIR(st.st_mode);
      if ((!is_dir && !S_ISREG(st.st_mode)) || !entry_wanted(kind, e->d_name, is_dir)) continue;
      if (is_dir && depth + 1 > TRIAGE_MAX_DEPTH) continue;
      ok = paths_push(is_dir ? &stack : files, path.data) || files->full;
    }
    closedir(d);
    free(dir);
  }
  if (!ok && !err->len) strbuf_printf(err, "out of memory listing %s", root);
  strbuf_free(&path);
  paths_free(&stack);
  return ok;
}

static int compare_paths(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* ------------------------------------------------------------ one file, in a child */

static bool has_suffix(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

static bool is_program_file(const char *path) {
  return has_suffix(path, ".jasm") || has_suffix(path, ".jbc") || has_suffix(path, ".py");
}

static const char *base_name(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

/* A decimal int64 (the whole string). */
static bool parse_i64(const char *s, int64_t *out) {
  if (*s < '0' || *s > '9') return false;
  errno = 0;
  char *end;
  long long v = strtoll(s, &end, 10);
  if (errno || *end) return false;
  *out = v;
  return true;
}

/* fuel and configs from the finding.txt beside a finding's input. */
static void finding_limits(const char *path, OracleOptions *opts) {
  StrBuf info;
  strbuf_init(&info);
  const char *slash = strrchr(path, '/');
  if (slash) strbuf_printf(&info, "%.*s/finding.txt", (int)(slash - path), path);
  else strbuf_puts(&info, "finding.txt");
  size_t len = 0;
  char *text = info.data ? campaign_read_file(info.data, 1 << 16, true, &len) : NULL;
  strbuf_free(&info);
  if (!text) return;
  for (char *line = text; line && *line;) {
    char *nl = strchr(line, '\n');
    if (nl) *nl = '\0';
    int64_t fuel;
    if (strncmp(line, "fuel: ", 6) == 0 && parse_i64(line + 6, &fuel)) opts->fuel = fuel;
    if (strncmp(line, "configs: ", 9) == 0) {
      StrBuf err;
      strbuf_init(&err);
      oracle_configs_parse(line + 9, opts, &err); /* unchanged when bad */
      strbuf_free(&err);
    }
    line = nl ? nl + 1 : NULL;
  }
  free(text);
}

/* The oracle's options for one file (see the top of this file). */
static void file_options(const TriageOptions *o, const char *path, OracleOptions *opts) {
  *opts = o->oracle;
  bool in_finding = strncmp(base_name(path), "input.", 6) == 0;
  if (in_finding) {
    OracleOptions found = o->oracle;
    finding_limits(path, &found);
    if (!o->fuel_set) opts->fuel = found.fuel;
    if (!o->configs_set) {
      opts->nconfigs = found.nconfigs;
      memcpy(opts->configs, found.configs, sizeof opts->configs);
    }
  } else if (!is_program_file(path)) {
    if (!o->fuel_set) opts->fuel = FUZZ_TARGET_FUEL;
    opts->max_heap = FUZZ_TARGET_MAX_HEAP;
  }
}

static Module *load_file(const char *path, const TriageOptions *o, StrBuf *err) {
  size_t len = 0;
  char *data = campaign_read_file(path, TRIAGE_MAX_INPUT, false, &len);
  if (!data) {
    strbuf_printf(err, "%s: cannot read: %s", path, strerror(errno));
    return NULL;
  }
  Module *m;
  if (has_suffix(path, ".py")) m = lang_compile(path, data, len, err);
  else if (is_program_file(path)) m = module_load_bytes(path, data, len, err);
  else m = gen_program((const uint8_t *)data, len, &o->gen, err);
  free(data);
  return m;
}

/* The child: one line on fd, "A", "I REASON", "D SIGNATURE" or "E MESSAGE".
 * A divergence is located as `lockstep fuzz` does, so that both name it
 * with the same signature. */
static void run_child(const char *path, const TriageOptions *o, const OracleOptions *opts, CampaignSlot *slot,
                      int fd) {
  CampaignProgress progress = {&slot->phase, &slot->heartbeat_ms};
  StrBuf line, err;
  strbuf_init(&line);
  strbuf_init(&err);
  campaign_progress(&progress, is_program_file(path) ? PHASE_LOAD : PHASE_GEN);
  Module *m = load_file(path, o, &err);
  if (!m) {
    strbuf_printf(&line, "E %s", err.data ? err.data : "cannot load");
  } else {
    OracleResult *r = malloc(sizeof *r);
    if (!r) _exit(3);
    oracle_result_init(r);
    bool poison = o->test_crash_name && strcmp(base_name(path), o->test_crash_name) == 0;
    OracleVerdict v = campaign_judge(r, m, opts, &progress, poison ? INJECT_CRASH : INJECT_NONE);
    if (v == ORACLE_DIVERGED) {
      campaign_progress(&progress, PHASE_LOCKSTEP);
      campaign_locate(r, m, opts, o->timeout, NULL);
      strbuf_printf(&line, "D %s", r->signature);
    }
    else if (v == ORACLE_INCONCLUSIVE) strbuf_printf(&line, "I %s", r->reason);
    else strbuf_puts(&line, "A");
  }
  for (size_t i = 0; i < line.len; i++)
    if (line.data[i] == '\n') line.data[i] = ' ';
  strbuf_putc(&line, '\n');
  size_t n = line.len < TRIAGE_MSG_MAX ? line.len : TRIAGE_MSG_MAX;
  for (size_t off = 0; off < n;) {
    ssize_t k = write(fd, line.data + off, n - off);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) break;
    off += (size_t)k;
  }
  _exit(0);
}

static void quiet_stderr(void) {
  int fd = open("/dev/null", O_WRONLY);
  if (fd < 0) return;
  dup2(fd, STDERR_FILENO);
  close(fd);
}

typedef struct Verdict {
  TriageKind kind;
  char signature[ORACLE_SIGNATURE_MAX];
  char detail[TRIAGE_MSG_MAX];
} Verdict;

/* Reads the child's line until EOF; false when its heartbeat is older
 * than its phase allows (a hang). */
static bool read_child(int fd, CampaignSlot *slot, const OracleOptions *opts, uint32_t timeout, char *buf, size_t cap,
                       size_t *len) {
  *len = 0;
  for (;;) {
    struct pollfd pfd = {fd, POLLIN, 0};
    int ready = poll(&pfd, 1, 100);
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) {
      int64_t allowed = campaign_phase_allowance_ms(atomic_load(&slot->phase), opts, timeout);
      if (campaign_now_ms() - atomic_load(&slot->heartbeat_ms) > allowed) return false;
      continue;
    }
    if (ready < 0) return false;
    ssize_t k = read(fd, buf + *len, cap - 1 - *len);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return true;
    *len += (size_t)k;
    if (*len == cap - 1) return true;
  }
}

/* src cut to fit dst (cap bytes with the NUL). */
static void copy_cut(char *dst, size_t cap, const char *src) {
  size_t n = strlen(src);
  if (n >= cap) n = cap - 1;
  memcpy(dst, src, n);
  dst[n] = '\0';
}

static void parse_child_line(char *buf, size_t len, Verdict *v) {
  buf[len] = '\0';
  char *nl = strchr(buf, '\n');
  if (nl) *nl = '\0';
  const char *rest = len >= 2 ? buf + 2 : "";
  switch (buf[0]) {
  case 'A': v->kind = TRIAGE_AGREE; snprintf(v->signature, sizeof v->signature, "agree"); break;
  case 'I':
    v->kind = TRIAGE_INCONCLUSIVE;
    snprintf(v->signature, sizeof v->signature, "inconclusive");
    copy_cut(v->detail, sizeof v->detail, rest);
    break;
  case 'D': v->kind = TRIAGE_DIVERGED; copy_cut(v->signature, sizeof v->signature, rest); break;
  case 'E':
    v->kind = TRIAGE_ERROR;
    snprintf(v->signature, sizeof v->signature, "error: cannot load");
    copy_cut(v->detail, sizeof v->detail, rest);
    break;
  default: v->kind = TRIAGE_ERROR; snprintf(v->signature, sizeof v->signature, "error: no verdict"); break;
  }
}

static void triage_file(const char *path, const TriageOptions *o, CampaignSlot *slot, Verdict *v) {
  memset(v, 0, sizeof *v);
  OracleOptions opts;
  file_options(o, path, &opts);
  int fds[2];
  if (pipe(fds) != 0) {
    v->kind = TRIAGE_ERROR;
    snprintf(v->signature, sizeof v->signature, "error: cannot make a pipe");
    return;
  }
  atomic_store(&slot->phase, PHASE_IDLE);
  atomic_store(&slot->heartbeat_ms, campaign_now_ms());
  fflush(NULL);
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid == 0) {
    campaign_die_with_parent(parent);
    close(fds[0]);
    if (!o->verbose) quiet_stderr();
    run_child(path, o, &opts, slot, fds[1]);
  }
  close(fds[1]);
  if (pid < 0) {
    close(fds[0]);
    v->kind = TRIAGE_ERROR;
    snprintf(v->signature, sizeof v->signature, "error: cannot fork");
    return;
  }
  char buf[TRIAGE_MSG_MAX + 1];
  size_t len = 0;
  bool in_time = read_child(fds[0], slot, &opts, o->timeout, buf, sizeof buf, &len);
  close(fds[0]);
  if (!in_time) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  bool clean = in_time && WIFEXITED(status) && WEXITSTATUS(status) == 0 && len > 0;
  if (clean) {
    parse_child_line(buf, len, v);
    return;
  }
  v->kind = TRIAGE_DIVERGED;
  snprintf(v->signature, sizeof v->signature, "%s:%s", in_time ? "crash" : "hang",
           campaign_phase_name(atomic_load(&slot->phase), &opts));
}

/* ------------------------------------------------------------ the table */

static bool add_row(TriageResult *r, const Verdict *v, const char *path) {
  r->files++;
  if (v->kind == TRIAGE_DIVERGED) r->bugs++;
  for (size_t i = 0; i < r->nrows; i++) {
    if (r->rows[i].kind != v->kind || strcmp(r->rows[i].signature, v->signature) != 0) continue;
    r->rows[i].count++;
    return true;
  }
  if (r->nrows == r->cap) {
    size_t cap = r->cap ? 2 * r->cap : 16;
    TriageRow *rows = realloc(r->rows, cap * sizeof *rows);
    if (!rows) return false;
    r->rows = rows;
    r->cap = cap;
  }
  TriageRow row = {v->kind, strdup(v->signature), 1, strdup(path), v->detail[0] ? strdup(v->detail) : NULL};
  if (!row.signature || !row.example) {
    free(row.signature);
    free(row.example);
    free(row.detail);
    return false;
  }
  r->rows[r->nrows++] = row;
  return true;
}

static int compare_rows(const void *pa, const void *pb) {
  const TriageRow *a = pa, *b = pb;
  if (a->kind != b->kind) return a->kind < b->kind ? -1 : 1;
  if (a->count != b->count) return a->count > b->count ? -1 : 1;
  return strcmp(a->signature, b->signature);
}

bool triage_dir(const char *dir, const TriageOptions *o, TriageResult *r, StrBuf *err) {
  memset(r, 0, sizeof *r);
  PathList files = {0};
  struct stat st;
  if (stat(dir, &st) != 0) {
    strbuf_printf(err, "%s: %s", dir, strerror(errno));
    return false;
  }
  bool ok = S_ISDIR(st.st_mode) ? collect(dir, &files, err) : paths_push(&files, dir);
  if (!ok) {
    if (!err->len) strbuf_printf(err, "out of memory");
    paths_free(&files);
    return false;
  }
  if (files.n > 1) qsort(files.v, files.n, sizeof files.v[0], compare_paths);
  CampaignSlot *slot = mmap(NULL, sizeof *slot, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (slot == MAP_FAILED) {
    strbuf_printf(err, "cannot map shared memory: %s", strerror(errno));
    paths_free(&files);
    return false;
  }
  Verdict v;
  for (size_t i = 0; ok && i < files.n; i++) {
    triage_file(files.v[i], o, slot, &v);
    ok = add_row(r, &v, files.v[i]);
  }
  if (!ok) strbuf_printf(err, "out of memory");
  munmap(slot, sizeof *slot);
  r->truncated = files.full;
  paths_free(&files);
  if (r->nrows > 1) qsort(r->rows, r->nrows, sizeof r->rows[0], compare_rows);
  return ok;
}

void triage_print(const TriageResult *r, StrBuf *out) {
  size_t width = strlen("signature");
  for (size_t i = 0; i < r->nrows; i++) {
    size_t n = strlen(r->rows[i].signature);
    if (n > width) width = n;
  }
  strbuf_printf(out, "%-*s  %7s  %s\n", (int)width, "signature", "count", "example");
  uint64_t counts[4] = {0};
  size_t bug_rows = 0;
  for (size_t i = 0; i < r->nrows; i++) {
    const TriageRow *row = &r->rows[i];
    strbuf_printf(out, "%-*s  %7" PRIu64 "  %s", (int)width, row->signature, row->count, row->example);
    if (row->detail) strbuf_printf(out, "  (%s)", row->detail);
    strbuf_putc(out, '\n');
    counts[row->kind] += row->count;
    bug_rows += row->kind == TRIAGE_DIVERGED;
  }
  strbuf_printf(out,
                "%" PRIu64 " file%s: %" PRIu64 " diverged, crashed or hung (%zu signature%s), %" PRIu64
                " agree, %" PRIu64 " inconclusive, %" PRIu64 " could not be loaded%s\n",
                r->files, r->files == 1 ? "" : "s", counts[TRIAGE_DIVERGED], bug_rows, bug_rows == 1 ? "" : "s",
                counts[TRIAGE_AGREE], counts[TRIAGE_INCONCLUSIVE], counts[TRIAGE_ERROR],
                r->truncated ? " (stopped listing at the file limit)" : "");
}

void triage_result_free(TriageResult *r) {
  for (size_t i = 0; i < r->nrows; i++) {
    free(r->rows[i].signature);
    free(r->rows[i].example);
    free(r->rows[i].detail);
  }
  free(r->rows);
  memset(r, 0, sizeof *r);
}
