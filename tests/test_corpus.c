/* The corpus replayed by the test suite: every corpus/ (any depth) .jasm that has a
 * NAME.stdout next to it is run through the command line (`lockstep run
 * --check-leaks`), as .jasm and assembled to .jbc, and its stdout, exit
 * status and last stderr line are compared with the expected files; `lockstep
 * dis` of each .jbc must assemble back to the same bytes. Each test loops over
 * every file and names each failing file, rather than one test per file.
 *
 * Expected files (written from CPython runs, see corpus/vm/README.md):
 *   NAME.stdout  exact stdout
 *   NAME.status  when the exit status is not 0: the status on line 1 and the
 *                last line of stderr on line 2, where the word FILE stands
 *                for the path given to lockstep (its messages name the file)
 * A first line "; args: ..." in NAME.jasm gives extra `lockstep run` options. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/support.h"
#include "vm/jasm.h"
#include "vm/module.h"
#include "vm/opcodes.h"
#include "vm/vm.h"

enum {
  MAX_RUN_ARGS = 16,
  CHILD_TIMEOUT_SECONDS = 120, /* a hung program fails its file instead of the whole run */
};

/* ---- Finding the corpus ---- */

typedef struct CorpusList {
  char **paths; /* .jasm files with a .stdout next to them, sorted */
  size_t len, cap;
} CorpusList;

/* nftw has no context argument, so the walk collects into this. */
static CorpusList *walk_target;

static char *path_with_suffix(const char *jasm_path, const char *suffix) {
  size_t n = strlen(jasm_path) - strlen(".jasm");
  char *p = malloc(n + strlen(suffix) + 1);
  cr_assert_not_null(p);
  memcpy(p, jasm_path, n);
  strcpy(p + n, suffix);
  return p;
}

static bool file_exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool has_suffix(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

static int collect_entry(const char *path, const struct stat *st, int type, struct FTW *ftw) {
  (void)st;
  (void)ftw;
  if (type != FTW_F || !has_suffix(path, ".jasm")) return 0;
  char *stdout_path = path_with_suffix(path, ".stdout");
  bool expected = file_exists(stdout_path);
  free(stdout_path);
  if (!expected) return 0;
  CorpusList *l = walk_target;
  if (l->len == l->cap) {
    l->cap = l->cap ? 2 * l->cap : 64;
    l->paths = realloc(l->paths, l->cap * sizeof *l->paths);
    cr_assert_not_null(l->paths);
  }
  l->paths[l->len++] = strdup(path);
  return 0;
}

static int compare_paths(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static CorpusList corpus_find(void) {
  CorpusList l = {0};
  char root[4096];
  snprintf(root, sizeof root, "%s/corpus", test_source_dir());
  walk_target = &l;
  nftw(root, collect_entry, 16, FTW_PHYS);
  walk_target = NULL;
  if (l.len > 1) qsort(l.paths, l.len, sizeof *l.paths, compare_paths);
  return l;
}

static void corpus_free(CorpusList *l) {
  for (size_t i = 0; i < l->len; i++) free(l->paths[i]);
  free(l->paths);
  memset(l, 0, sizeof *l);
}

/* The file's name relative to the source tree, for messages. */
static const char *short_name(const char *path) {
  const char *root = test_source_dir();
  size_t n = strlen(root);
  if (strncmp(path, root, n) == 0 && path[n] == '/') return path + n + 1;
  return path;
}

/* ---- Expectations ---- */

typedef struct Expected {
  char *stdout_text;
  size_t stdout_len;
  int status;
  char *last_line; /* of stderr; NULL when the status is 0 */
  char *args[MAX_RUN_ARGS];
  int nargs;
} Expected;

/* "; args: --fuel 1000" on the first line of the .jasm. */
static void parse_args_line(const char *text, Expected *e) {
  static const char prefix[] = "; args:";
  if (strncmp(text, prefix, sizeof prefix - 1) != 0) return;
  const char *p = text + sizeof prefix - 1;
  while (*p && *p != '\n' && e->nargs < MAX_RUN_ARGS) {
    while (*p == ' ' || *p == '\t') p++;
    const char *start = p;
    while (*p && *p != '\n' && *p != ' ' && *p != '\t') p++;
    if (p > start) e->args[e->nargs++] = strndup(start, (size_t)(p - start));
  }
}

static bool expected_load(const char *jasm_path, Expected *e) {
  memset(e, 0, sizeof *e);
  char *stdout_path = path_with_suffix(jasm_path, ".stdout");
  char *status_path = path_with_suffix(jasm_path, ".status");
  e->stdout_text = test_read_file(stdout_path, &e->stdout_len);
  bool ok = e->stdout_text != NULL;
  char *status_text = test_read_file(status_path, NULL);
  if (status_text) {
    char *nl = strchr(status_text, '\n');
    e->status = atoi(status_text);
    if (nl) {
      char *line = nl + 1;
      line[strcspn(line, "\n")] = '\0';
      e->last_line = strdup(line);
    }
    ok = ok && nl && e->status > 0;
    free(status_text);
  }
  char *source = test_read_file(jasm_path, NULL);
  if (source) parse_args_line(source, e);
  ok = ok && source;
  free(source);
  free(stdout_path);
  free(status_path);
  return ok;
}

static void expected_free(Expected *e) {
  free(e->stdout_text);
  free(e->last_line);
  for (int i = 0; i < e->nargs; i++) free(e->args[i]);
  memset(e, 0, sizeof *e);
}

/* The expected last line with FILE replaced by the path lockstep was given. */
static char *expected_last_line(const Expected *e, const char *path) {
  StrBuf sb;
  strbuf_init(&sb);
  const char *s = e->last_line;
  const char *hit;
  while ((hit = strstr(s, "FILE")) != NULL) {
    strbuf_append(&sb, s, (size_t)(hit - s));
    strbuf_puts(&sb, path);
    s = hit + 4;
  }
  strbuf_puts(&sb, s);
  return sb.data ? sb.data : strdup("");
}

/* ---- Running lockstep ---- */

typedef struct Proc {
  int status;   /* exit status, or 128 + signal */
  char *out, *err;
  size_t out_len, err_len;
} Proc;

static char scratch_dir[] = "/tmp/lockstep-corpus-XXXXXX";

static const char *scratch(void) {
  static bool made;
  if (!made) {
    cr_assert_not_null(mkdtemp(scratch_dir), "mkdtemp: %s", strerror(errno));
    made = true;
  }
  return scratch_dir;
}

static const char *lockstep_bin(void) {
  const char *bin = getenv("LOCKSTEP_BIN");
  cr_assert(bin && *bin, "LOCKSTEP_BIN is not set (run the tests through ctest)");
  return bin;
}

/* Runs argv with stdout and stderr captured in files of the scratch dir. */
static Proc run_process(char *const argv[]) {
  char out_path[4200], err_path[4200];
  snprintf(out_path, sizeof out_path, "%s/stdout", scratch());
  snprintf(err_path, sizeof err_path, "%s/stderr", scratch());
  fflush(NULL);
  pid_t pid = fork();
  cr_assert(pid >= 0, "fork: %s", strerror(errno));
  if (pid == 0) {
    int out = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (out < 0 || err < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) _exit(126);
    close(out);
    close(err);
    alarm(CHILD_TIMEOUT_SECONDS); /* kept across execv */
    execv(argv[0], argv);
    _exit(127);
  }
  int wstatus = 0;
  while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  Proc p = {0};
  p.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
  p.out = test_read_file(out_path, &p.out_len);
  p.err = test_read_file(err_path, &p.err_len);
  if (!p.out) p.out = strdup("");
  if (!p.err) p.err = strdup("");
  return p;
}

static void proc_free(Proc *p) {
  free(p->out);
  free(p->err);
  memset(p, 0, sizeof *p);
}

/* The last non-empty line of text (a new string). */
static char *last_line(const char *text, size_t len) {
  while (len > 0 && text[len - 1] == '\n') len--;
  size_t start = len;
  while (start > 0 && text[start - 1] != '\n') start--;
  return strndup(text + start, len - start);
}

static Proc lockstep_run(const Expected *e, const char *path) {
  char *argv[MAX_RUN_ARGS + 8];
  int n = 0;
  argv[n++] = (char *)lockstep_bin();
  argv[n++] = (char *)"run";
  argv[n++] = (char *)"--check-leaks";
  for (int i = 0; i < e->nargs; i++) argv[n++] = e->args[i];
  argv[n++] = (char *)path;
  argv[n] = NULL;
  return run_process(argv);
}

static Proc lockstep_asm(const char *in, const char *out) {
  char *argv[] = {(char *)lockstep_bin(), (char *)"asm", (char *)in, (char *)"-o", (char *)out, NULL};
  return run_process(argv);
}

static Proc lockstep_dis(const char *in) {
  char *argv[] = {(char *)lockstep_bin(), (char *)"dis", (char *)in, NULL};
  return run_process(argv);
}

/* Checks one run against the expectations; returns the number of mismatches. */
static int check_run(const char *name, const char *how, const Expected *e, const char *path, const Proc *p) {
  int failures = 0;
  bool same_out = p->out_len == e->stdout_len && memcmp(p->out, e->stdout_text, e->stdout_len) == 0;
  cr_expect(same_out, "%s (%s): stdout differs from the expected file:\n--- got ---\n%.2000s\n"
            "--- expected ---\n%.2000s", name, how, p->out, e->stdout_text);
  failures += !same_out;
  cr_expect_eq(p->status, e->status, "%s (%s): exit status %d, expected %d; stderr:\n%.2000s", name, how, p->status,
               e->status, p->err);
  failures += p->status != e->status;
  if (e->last_line) {
    char *want = expected_last_line(e, path);
    char *got = last_line(p->err, p->err_len);
    cr_expect_str_eq(got, want, "%s (%s): last stderr line '%s', expected '%s'", name, how, got, want);
    failures += strcmp(got, want) != 0;
    free(want);
    free(got);
  } else {
    cr_expect_eq(p->err_len, 0, "%s (%s): unexpected stderr:\n%.2000s", name, how, p->err);
    failures += p->err_len != 0;
  }
  return failures;
}

static char *scratch_path(const char *jasm_path, const char *suffix) {
  const char *base = strrchr(jasm_path, '/');
  base = base ? base + 1 : jasm_path;
  size_t n = strlen(scratch()) + strlen(base) + strlen(suffix) + 2;
  char *p = malloc(n);
  cr_assert_not_null(p);
  snprintf(p, n, "%s/%.*s%s", scratch(), (int)(strlen(base) - strlen(".jasm")), base, suffix);
  return p;
}

static void scratch_cleanup(void) {
  if (strcmp(scratch_dir, "/tmp/lockstep-corpus-XXXXXX") == 0) return; /* never made */
  static const char *const leftovers[] = {"stdout", "stderr"};
  char path[4200];
  for (size_t i = 0; i < sizeof leftovers / sizeof *leftovers; i++) {
    snprintf(path, sizeof path, "%s/%s", scratch_dir, leftovers[i]);
    unlink(path);
  }
  if (rmdir(scratch_dir) != 0) fprintf(stderr, "could not remove %s: %s\n", scratch_dir, strerror(errno));
}

TestSuite(corpus, .fini = scratch_cleanup);

/* ---- Tests ---- */

Test(corpus, has_programs_with_expectations) {
  CorpusList l = corpus_find();
  cr_expect_geq(l.len, 30, "only %zu corpus programs with a .stdout were found under %s/corpus", l.len,
                test_source_dir());
  for (size_t i = 0; i < l.len; i++) {
    Expected e;
    cr_expect(expected_load(l.paths[i], &e), "%s: expected files are malformed (.status: status >= 1, then a line)",
              short_name(l.paths[i]));
    expected_free(&e);
  }
  corpus_free(&l);
}

/* Every .jasm under corpus/vm must have its expected output: a program
 * without one would silently not be replayed. */
Test(corpus, every_vm_program_has_expectations) {
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/corpus/vm", test_source_dir());
  DIR *d = opendir(dir);
  cr_assert_not_null(d, "cannot open %s", dir);
  size_t listed = 0;
  struct dirent *ent;
  while ((ent = readdir(d)) != NULL) {
    if (!has_suffix(ent->d_name, ".jasm")) continue;
    listed++;
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
    char *stdout_path = path_with_suffix(path, ".stdout");
    cr_expect(file_exists(stdout_path), "corpus/vm/%s has no .stdout next to it", ent->d_name);
    free(stdout_path);
  }
  closedir(d);
  cr_expect_geq(listed, 30, "corpus/vm has only %zu programs", listed);
}

Test(corpus, run_jasm) {
  CorpusList l = corpus_find();
  int failing = 0;
  for (size_t i = 0; i < l.len; i++) {
    Expected e;
    if (!expected_load(l.paths[i], &e)) {
      expected_free(&e);
      continue; /* reported by has_programs_with_expectations */
    }
    Proc p = lockstep_run(&e, l.paths[i]);
    failing += check_run(short_name(l.paths[i]), "run .jasm", &e, l.paths[i], &p) > 0;
    proc_free(&p);
    expected_free(&e);
  }
  cr_expect_eq(failing, 0, "%d of %zu corpus programs failed as .jasm", failing, l.len);
  corpus_free(&l);
}

Test(corpus, run_jbc) {
  CorpusList l = corpus_find();
  int failing = 0;
  for (size_t i = 0; i < l.len; i++) {
    const char *name = short_name(l.paths[i]);
    Expected e;
    if (!expected_load(l.paths[i], &e)) {
      expected_free(&e);
      continue;
    }
    char *jbc = scratch_path(l.paths[i], ".jbc");
    Proc a = lockstep_asm(l.paths[i], jbc);
    cr_expect_eq(a.status, 0, "%s: lockstep asm failed (%d):\n%.2000s", name, a.status, a.err);
    if (a.status == 0) {
      Proc p = lockstep_run(&e, jbc);
      failing += check_run(name, "run .jbc", &e, jbc, &p) > 0;
      proc_free(&p);
    } else {
      failing++;
    }
    proc_free(&a);
    unlink(jbc);
    free(jbc);
    expected_free(&e);
  }
  cr_expect_eq(failing, 0, "%d of %zu corpus programs failed as .jbc", failing, l.len);
  corpus_free(&l);
}

static bool files_equal(const char *a, const char *b, size_t *len_a, size_t *len_b) {
  char *da = test_read_file(a, len_a), *db = test_read_file(b, len_b);
  bool same = da && db && *len_a == *len_b && memcmp(da, db, *len_a) == 0;
  free(da);
  free(db);
  return same;
}

/* asm -> .jbc -> dis -> .jasm -> asm -> .jbc must give the same bytes. */
Test(corpus, dis_reassembles_to_identical_bytes) {
  CorpusList l = corpus_find();
  int failing = 0;
  for (size_t i = 0; i < l.len; i++) {
    const char *name = short_name(l.paths[i]);
    char *jbc1 = scratch_path(l.paths[i], ".1.jbc");
    char *dis = scratch_path(l.paths[i], ".dis.jasm");
    char *jbc2 = scratch_path(l.paths[i], ".2.jbc");
    bool ok = false;
    Proc a = lockstep_asm(l.paths[i], jbc1);
    cr_expect_eq(a.status, 0, "%s: lockstep asm failed (%d):\n%.2000s", name, a.status, a.err);
    if (a.status == 0) {
      Proc d = lockstep_dis(jbc1);
      cr_expect_eq(d.status, 0, "%s: lockstep dis failed (%d):\n%.2000s", name, d.status, d.err);
      FILE *fp = fopen(dis, "wb");
      cr_assert_not_null(fp);
      fwrite(d.out, 1, d.out_len, fp);
      fclose(fp);
      Proc b = lockstep_asm(dis, jbc2);
      cr_expect_eq(b.status, 0, "%s: the disassembly does not assemble (%d):\n%.2000s", name, b.status, b.err);
      size_t n1 = 0, n2 = 0;
      ok = d.status == 0 && b.status == 0 && files_equal(jbc1, jbc2, &n1, &n2);
      cr_expect(ok || b.status != 0, "%s: dis + asm gives different bytes (%zu vs %zu bytes)", name, n1, n2);
      proc_free(&d);
      proc_free(&b);
    }
    failing += !ok;
    proc_free(&a);
    unlink(jbc1);
    unlink(dis);
    unlink(jbc2);
    free(jbc1);
    free(dis);
    free(jbc2);
  }
  cr_expect_eq(failing, 0, "%d of %zu corpus programs failed the dis round trip", failing, l.len);
  corpus_free(&l);
}

/* The same programs in-process (tests/support.c), where leaks are counted
 * exactly and no process boundary can hide a difference. */
Test(corpus, in_process_matches_expectations) {
  CorpusList l = corpus_find();
  int failing = 0;
  for (size_t i = 0; i < l.len; i++) {
    const char *name = short_name(l.paths[i]);
    Expected e;
    if (!expected_load(l.paths[i], &e)) {
      expected_free(&e);
      continue;
    }
    int64_t fuel = -1, max_heap = 0;
    for (int k = 0; k + 1 < e.nargs; k++) {
      if (strcmp(e.args[k], "--fuel") == 0) fuel = strtoll(e.args[k + 1], NULL, 10);
      if (strcmp(e.args[k], "--max-heap") == 0) max_heap = strtoll(e.args[k + 1], NULL, 10);
    }
    size_t len = 0;
    char *text = test_read_file(l.paths[i], &len);
    cr_assert_not_null(text);
    TestRun r = test_run_bytes(text, len, fuel, max_heap);
    cr_expect(r.loaded, "%s: does not load: %s", name, r.error ? r.error : "");
    bool ok = r.loaded;
    if (r.loaded) {
      int want = e.status == 0 ? OUTCOME_RETURN : e.status == 1 ? OUTCOME_EXCEPTION : OUTCOME_FUEL;
      bool same_out = strlen(r.out) == e.stdout_len && memcmp(r.out, e.stdout_text, e.stdout_len) == 0;
      cr_expect(same_out, "%s (in process): stdout differs:\n--- got ---\n%.2000s", name, r.out);
      cr_expect_eq(r.outcome, want, "%s (in process): outcome %d, expected %d (%s)", name, r.outcome, want, r.result);
      if (want == OUTCOME_EXCEPTION)
        cr_expect_str_eq(r.result, e.last_line, "%s (in process): '%s', expected '%s'", name, r.result, e.last_line);
      cr_expect_eq(r.leaked, 0, "%s (in process): %lld objects leaked", name, (long long)r.leaked);
      ok = same_out && r.outcome == want && r.leaked == 0 &&
           (want != OUTCOME_EXCEPTION || strcmp(r.result, e.last_line) == 0);
    }
    failing += !ok;
    test_run_free(&r);
    free(text);
    expected_free(&e);
  }
  cr_expect_eq(failing, 0, "%d of %zu corpus programs failed in process", failing, l.len);
  corpus_free(&l);
}

/* Together, the programs of corpus/vm use every opcode of vm/opcodes.h. */
Test(corpus, covers_every_opcode) {
  CorpusList l = corpus_find();
  bool used[OP_COUNT] = {false};
  for (size_t i = 0; i < l.len; i++) {
    if (!strstr(l.paths[i], "/corpus/vm/")) continue;
    size_t len = 0;
    char *text = test_read_file(l.paths[i], &len);
    cr_assert_not_null(text);
    StrBuf err;
    strbuf_init(&err);
    Module *m = jasm_assemble(l.paths[i], text, len, &err);
    cr_expect_not_null(m, "%s: %s", short_name(l.paths[i]), err.data ? err.data : "");
    for (uint32_t f = 0; m && f < m->nfuncs; f++) {
      const Code *c = &m->funcs[f];
      Instr in;
      for (uint32_t off = 0; off < c->code_len && instr_decode(c, off, &in); off += in.size)
        if (in.op >= 0 && in.op < OP_COUNT) used[in.op] = true;
    }
    module_free(m);
    strbuf_free(&err);
    free(text);
  }
  for (int op = 0; op < OP_COUNT; op++)
    cr_expect(used[op], "no program in corpus/vm uses %s", opcode_info[op].name);
  corpus_free(&l);
}
