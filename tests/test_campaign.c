/* lockstep fuzz campaigns and triage (fuzz/campaign.h): a short campaign on
 * the current engines finds nothing and leaves a state file; resuming
 * continues where it stopped (executions keep counting, no program runs
 * twice), also after the supervisor is killed with SIGKILL; --runs makes
 * the set of programs exact; a worker that crashes or hangs (planted with
 * the test hooks) becomes one finding, never two; triage groups files by
 * signature; finding names and the state file withstand hostile text. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz/campaign.h"
#include "fuzz/campaign_internal.h"
#include "tests/support.h"

/* ------------------------------------------------------------ helpers */

static char *temp_dir(void) {
  char *dir = strdup("/tmp/lockstep-campaign-XXXXXX");
  cr_assert_not_null(dir);
  cr_assert_not_null(mkdtemp(dir), "mkdtemp: %s", strerror(errno));
  return dir;
}

static void remove_tree(const char *path) {
  struct stat st;
  if (lstat(path, &st) != 0) return;
  if (S_ISDIR(st.st_mode)) {
    DIR *d = opendir(path);
    if (d) {
      struct dirent *e;
      while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char child[4096];
        snprintf(child, sizeof child, "%s/%s", path, e->d_name);
        remove_tree(child);
      }
      closedir(d);
    }
    rmdir(path);
  } else {
    unlink(path);
  }
}

static char *path_join(const char *a, const char *b) {
  size_t n = strlen(a) + strlen(b) + 2;
  char *p = malloc(n);
  cr_assert_not_null(p);
  snprintf(p, n, "%s/%s", a, b);
  return p;
}

static bool is_file(const char *dir, const char *name) {
  char *p = path_join(dir, name);
  struct stat st;
  bool ok = stat(p, &st) == 0 && S_ISREG(st.st_mode);
  free(p);
  return ok;
}

static void write_text(const char *dir, const char *name, const void *data, size_t len) {
  char *p = path_join(dir, name);
  FILE *f = fopen(p, "wb");
  cr_assert_not_null(f, "%s: %s", p, strerror(errno));
  cr_assert_eq(fwrite(data, 1, len, f), len);
  fclose(f);
  free(p);
}

static void copy_file(const char *from, const char *dir, const char *name) {
  size_t len = 0;
  char *data = test_read_file(from, &len);
  cr_assert_not_null(data, "cannot read %s", from);
  write_text(dir, name, data, len);
  free(data);
}

/* Options for a quiet test campaign in dir. */
static CampaignOptions test_options(const char *dir, uint32_t jobs) {
  CampaignOptions o;
  campaign_options_default(&o);
  o.out_dir = dir;
  o.jobs = jobs;
  o.seed = 1000;
  o.reduce_seconds = 0;
  return o;
}

static CampaignSummary run_ok(const CampaignOptions *o) {
  CampaignSummary sum;
  StrBuf err;
  strbuf_init(&err);
  bool ok = campaign_run(o, &sum, &err);
  cr_assert(ok, "campaign_run: %s", err.data ? err.data : "?");
  strbuf_free(&err);
  return sum;
}

static CampaignState read_state(const char *dir) {
  CampaignState s;
  campaign_state_init(&s);
  char *path = path_join(dir, "state");
  StrBuf err;
  strbuf_init(&err);
  bool exists = false;
  bool ok = campaign_state_read(path, &s, &exists, &err);
  cr_assert(ok && exists, "state: %s", err.data ? err.data : "missing");
  strbuf_free(&err);
  free(path);
  return s;
}

static size_t count_entries(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) return 0;
  size_t n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) n += e->d_name[0] != '.';
  closedir(d);
  return n;
}

/* ------------------------------------------------------------ campaigns */

Test(campaign, clean_run_writes_state_and_resumes) {
  char *dir = temp_dir();
  CampaignOptions o = test_options(dir, 2);
  o.seconds = 3;
  CampaignSummary a = run_ok(&o);
  cr_assert_gt(a.session.execs, 0);
  cr_assert_eq(a.findings, 0, "the engines diverged: see %s/findings", dir);
  cr_assert_eq(a.signatures, 0);
  cr_assert_eq(a.total.divergences + a.total.crashes + a.total.hangs + a.total.gen_errors, 0);

  CampaignState s1 = read_state(dir);
  cr_assert_eq(s1.base_seed, 1000);
  cr_assert_eq(s1.npending, 0, "a clean stop finishes every program it started");
  cr_assert_eq(s1.counters.execs, a.total.execs);
  cr_assert_eq(s1.next - s1.base_seed, s1.counters.execs, "programs 1000..next-1 ran once each");
  cr_assert_eq(s1.sessions, 1);

  /* Resume: without --seed (taken from the state), with other jobs. */
  CampaignOptions r = test_options(dir, 1);
  r.seed = 1; /* not given: ignored */
  r.seconds = 2;
  CampaignSummary b = run_ok(&r);
  cr_assert_gt(b.session.execs, 0);
  cr_assert_eq(b.total.execs, a.total.execs + b.session.execs, "executions keep counting");
  CampaignState s2 = read_state(dir);
  cr_assert_eq(s2.sessions, 2);
  cr_assert_gt(s2.next, s1.next);
  cr_assert_eq(s2.next - s2.base_seed, s2.counters.execs, "no program ran twice, none was skipped");
  cr_assert_eq(s2.counters.programs, s2.counters.execs);
  cr_assert_geq(s2.elapsed_ms, s1.elapsed_ms + 1500);

  /* Another --seed on the same directory is refused, the state untouched. */
  CampaignOptions bad = test_options(dir, 1);
  bad.seed = 7;
  bad.seed_set = true;
  bad.seconds = 1;
  CampaignSummary c;
  StrBuf err;
  strbuf_init(&err);
  cr_assert_not(campaign_run(&bad, &c, &err));
  cr_assert_not_null(strstr(err.data, "--seed 1000"), "%s", err.data);
  strbuf_free(&err);
  CampaignState s3 = read_state(dir);
  cr_assert_eq(s3.next, s2.next);

  campaign_state_free(&s1);
  campaign_state_free(&s2);
  campaign_state_free(&s3);
  remove_tree(dir);
  free(dir);
}

Test(campaign, runs_make_the_program_set_exact) {
  char *dir = temp_dir();
  CampaignOptions o = test_options(dir, 2);
  o.runs = 12;
  CampaignSummary a = run_ok(&o);
  cr_assert_eq(a.session.execs, 12);
  cr_assert_eq(a.next_seed, 1012);
  /* Nothing left: the same limit runs nothing more. */
  CampaignSummary b = run_ok(&o);
  cr_assert_eq(b.session.execs, 0);
  /* A larger limit runs exactly the next ones, with one worker this time. */
  o.runs = 20;
  o.jobs = 1;
  CampaignSummary c = run_ok(&o);
  cr_assert_eq(c.session.execs, 8);
  CampaignState s = read_state(dir);
  cr_assert_eq(s.next, 1020);
  cr_assert_eq(s.counters.execs, 20);
  campaign_state_free(&s);
  remove_tree(dir);
  free(dir);
}

Test(campaign, crashing_worker_becomes_one_finding) {
  char *dir = temp_dir();
  CampaignOptions o = test_options(dir, 2);
  o.runs = 10;
  o.test_crash_seed = 1003;
  CampaignSummary a = run_ok(&o);
  cr_assert_eq(a.total.crashes, 1);
  cr_assert_eq(a.total.execs, 9, "the other programs still ran");
  cr_assert_eq(a.total.programs, 10);
  cr_assert_eq(a.findings, 1);
  cr_assert_eq(a.signatures, 1);

  char *finding = path_join(dir, "findings/crash_jit@default");
  cr_assert(is_file(finding, "finding.txt"), "no finding in %s", finding);
  cr_assert(is_file(finding, "input.jasm"));
  cr_assert(is_file(finding, "report.txt"));
  StrBuf sig;
  strbuf_init(&sig);
  cr_assert(campaign_finding_signature(finding, &sig));
  cr_assert_str_eq(sig.data, "crash:jit@default");
  strbuf_free(&sig);
  char *report_path = path_join(finding, "report.txt");
  size_t len = 0;
  char *report = test_read_file(report_path, &len);
  cr_assert_not_null(report);
  cr_assert_not_null(strstr(report, "while running program 1003 (phase: jit@default)"), "%s", report);
  free(report);
  free(report_path);
  char *input_path = path_join(finding, "input.jasm");
  char *input = test_read_file(input_path, &len);
  cr_assert_not_null(input);
  cr_assert_not_null(strstr(input, "lockstep fuzz program 1003"));
  free(input);
  free(input_path);

  CampaignState s = read_state(dir);
  cr_assert_eq(s.sigs.n, 1);
  cr_assert_str_eq(s.sigs.v[0].signature, "crash:jit@default");
  cr_assert_eq(s.sigs.v[0].first_seed, 1003);
  campaign_state_free(&s);

  /* The same crash again (a fresh campaign over the same findings) is
   * counted, not saved twice. */
  char *state = path_join(dir, "state");
  remove_tree(state);
  free(state);
  CampaignSummary b = run_ok(&o);
  cr_assert_eq(b.session.crashes, 1);
  cr_assert_eq(b.findings, 1);
  char *findings = path_join(dir, "findings");
  cr_assert_eq(count_entries(findings), 1);
  free(findings);
  free(finding);
  remove_tree(dir);
  free(dir);
}

Test(campaign, divergence_is_located_saved_once_and_counted) {
  char *dir = temp_dir();
  CampaignOptions o = test_options(dir, 2);
  o.runs = 5;
  o.reduce_seconds = 2;
  o.test_diverge_seed = 1002; /* the last configuration's stdout digest is altered */
  CampaignSummary a = run_ok(&o);
  cr_assert_eq(a.total.divergences, 1);
  cr_assert_eq(a.total.execs, 5);
  cr_assert_eq(a.findings, 1);
  char *finding = path_join(dir, "findings/output_ref~jit@default");
  StrBuf sig;
  strbuf_init(&sig);
  cr_assert(campaign_finding_signature(finding, &sig), "no finding in %s", finding);
  cr_assert_str_eq(sig.data, "output:ref~jit@default");
  strbuf_free(&sig);
  cr_assert(is_file(finding, "input.jasm"));
  /* The engines really agree, so the lockstep re-run finds no checkpoint
   * that differs and the reducer nothing to keep: no where part, no
   * reduced.jasm; the report says both. */
  cr_assert_not(is_file(finding, "reduced.jasm"));
  char *report_path = path_join(finding, "report.txt");
  size_t len = 0;
  char *report = test_read_file(report_path, &len);
  cr_assert_not_null(report);
  cr_assert_not_null(strstr(report, "diverged: output:ref~jit@default"), "%s", report);
  cr_assert_not_null(strstr(report, "lockstep re-run: ref against jit@default"), "%s", report);
  free(report);
  free(report_path);

  /* Found again by a fresh campaign over the same findings: counted, not saved again. */
  char *state = path_join(dir, "state");
  remove_tree(state);
  free(state);
  CampaignSummary b = run_ok(&o);
  cr_assert_eq(b.session.divergences, 1);
  cr_assert_eq(b.findings, 1);
  CampaignState s = read_state(dir);
  cr_assert_eq(s.sigs.n, 1);
  cr_assert_eq(s.sigs.v[0].count, 2, "once found on disk, once now");
  campaign_state_free(&s);
  free(finding);
  remove_tree(dir);
  free(dir);
}

Test(campaign, hanging_worker_is_killed_and_becomes_a_finding) {
  char *dir = temp_dir();
  CampaignOptions o = test_options(dir, 1);
  o.runs = 6;
  o.timeout = 1;
  o.test_hang_seed = 1002;
  CampaignSummary a = run_ok(&o);
  cr_assert_eq(a.total.hangs, 1);
  cr_assert_eq(a.total.execs, 5);
  cr_assert_eq(a.findings, 1);
  char *finding = path_join(dir, "findings/hang_jit@default");
  StrBuf sig;
  strbuf_init(&sig);
  cr_assert(campaign_finding_signature(finding, &sig));
  cr_assert_str_eq(sig.data, "hang:jit@default");
  strbuf_free(&sig);
  free(finding);
  remove_tree(dir);
  free(dir);
}

Test(campaign, resumes_after_sigkill_without_losing_programs) {
  char *dir = temp_dir();
  CampaignOptions o = test_options(dir, 2);
  o.seconds = 60;
  pid_t pid = fork();
  cr_assert_geq(pid, 0);
  if (pid == 0) {
    CampaignSummary sum;
    StrBuf err;
    strbuf_init(&err);
    campaign_run(&o, &sum, &err);
    _exit(0);
  }
  /* Let it write its state a few times, then kill the supervisor only:
   * its workers follow it (PR_SET_PDEATHSIG). */
  sleep(5);
  kill(pid, SIGKILL);
  waitpid(pid, NULL, 0);
  usleep(200 * 1000);
  CampaignState killed = read_state(dir);
  cr_assert_gt(killed.next, 1000);
  /* Every program handed out is done or pending, nothing in between. */
  cr_assert_eq(killed.next - killed.base_seed, killed.counters.execs + killed.npending, "next %llu, execs %llu, pending %u",
               (unsigned long long)killed.next, (unsigned long long)killed.counters.execs, killed.npending);

  o.seconds = 0;
  o.runs = killed.next - killed.base_seed + 5;
  CampaignSummary b = run_ok(&o);
  CampaignState s = read_state(dir);
  cr_assert_eq(s.npending, 0);
  cr_assert_eq(s.next, killed.next + 5);
  cr_assert_eq(s.counters.execs, s.next - s.base_seed, "pending programs were run again, each once");
  cr_assert_eq(b.session.execs, 5 + killed.npending);
  campaign_state_free(&killed);
  campaign_state_free(&s);
  remove_tree(dir);
  free(dir);
}

Test(campaign, a_second_campaign_on_one_directory_is_refused) {
  char *dir = temp_dir();
  CampaignOptions o = test_options(dir, 1);
  o.seconds = 3;
  pid_t pid = fork();
  cr_assert_geq(pid, 0);
  if (pid == 0) {
    CampaignSummary sum;
    StrBuf err;
    strbuf_init(&err);
    _exit(campaign_run(&o, &sum, &err) ? 0 : 1);
  }
  /* The first campaign holds the lock once its workers' logs appear. */
  char *log = path_join(dir, "logs");
  for (int i = 0; i < 400 && !is_file(log, "worker-0.log"); i++) usleep(50 * 1000);
  cr_assert(is_file(log, "worker-0.log"));
  free(log);
  CampaignSummary c;
  StrBuf err;
  strbuf_init(&err);
  o.seconds = 1;
  cr_assert_not(campaign_run(&o, &c, &err));
  cr_assert_not_null(strstr(err.data, "another lockstep fuzz"), "%s", err.data);
  strbuf_free(&err);
  int status = 0;
  waitpid(pid, &status, 0);
  cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  remove_tree(dir);
  free(dir);
}

/* ------------------------------------------------------------ findings and state */

Test(campaign, finding_names_are_safe) {
  char name[CAMPAIGN_NAME_MAX + 1];
  campaign_signature_dirname("outcome:ref~jit@1,uops@1:STORE_SUBSCR.GUARD_INT", name);
  cr_assert_str_eq(name, "outcome_ref~jit@1,uops@1_STORE_SUBSCR.GUARD_INT");
  campaign_signature_dirname("../../etc/passwd", name);
  cr_assert_eq(strchr(name, '/'), NULL);
  cr_assert_neq(name[0], '.');
  campaign_signature_dirname("", name);
  cr_assert_str_eq(name, "_");
  campaign_signature_dirname("a\nb c\xff", name);
  cr_assert_str_eq(name, "a_b_c_");
  char long_sig[600];
  memset(long_sig, 'x', sizeof long_sig - 1);
  long_sig[sizeof long_sig - 1] = '\0';
  campaign_signature_dirname(long_sig, name);
  cr_assert_leq(strlen(name), CAMPAIGN_NAME_MAX);
  long_sig[5] = 'y'; /* same prefix kept, another hash */
  char other[CAMPAIGN_NAME_MAX + 1];
  campaign_signature_dirname(long_sig, other);
  cr_assert_str_neq(name, other);
}

Test(campaign, findings_are_saved_once_and_names_never_collide) {
  char *dir = temp_dir();
  FindingFile f = {"input.jasm", "x", 1};
  bool is_new = false;
  StrBuf err;
  strbuf_init(&err);
  cr_assert(campaign_save_finding(dir, "outcome:ref~jit@1", "signature: outcome:ref~jit@1\n", &f, 1, &is_new, &err));
  cr_assert(is_new);
  cr_assert(campaign_save_finding(dir, "outcome:ref~jit@1", "signature: outcome:ref~jit@1\n", &f, 1, &is_new, &err));
  cr_assert_not(is_new);
  cr_assert(campaign_finding_exists(dir, "outcome:ref~jit@1"));
  /* "outcome_ref~jit@1" sanitizes to the same name: it gets its own. */
  cr_assert(campaign_save_finding(dir, "outcome_ref~jit@1", "signature: outcome_ref~jit@1\n", &f, 1, &is_new, &err),
            "%s", err.data);
  cr_assert(is_new);
  cr_assert(campaign_finding_exists(dir, "outcome_ref~jit@1"));
  cr_assert_eq(count_entries(dir), 2);
  strbuf_free(&err);
  remove_tree(dir);
  free(dir);
}

static bool state_bytes_accepted(const char *dir, const char *text, size_t len) {
  write_text(dir, "state", text, len);
  char *path = path_join(dir, "state");
  CampaignState s;
  campaign_state_init(&s);
  StrBuf err;
  strbuf_init(&err);
  bool exists = false;
  bool ok = campaign_state_read(path, &s, &exists, &err);
  if (!ok) cr_assert_gt(err.len, 0, "a refusal says why");
  strbuf_free(&err);
  campaign_state_free(&s);
  free(path);
  return ok;
}

static bool state_text_accepted(const char *dir, const char *text) {
  return state_bytes_accepted(dir, text, strlen(text));
}

Test(campaign, state_round_trips_and_rejects_garbage) {
  char *dir = temp_dir();
  CampaignState s;
  campaign_state_init(&s);
  s.base_seed = 5;
  s.size = 200;
  s.fuel = 1234;
  snprintf(s.configs, sizeof s.configs, "ref,jit@1");
  s.next = 50;
  s.npending = 2;
  s.pending[0] = 40;
  s.pending[1] = 49;
  s.counters.execs = 43;
  s.counters.crashes = 1;
  s.elapsed_ms = 999;
  s.sessions = 3;
  bool is_new;
  cr_assert(sigtable_add(&s.sigs, "crash:jit@1", 2, 17, &is_new));
  cr_assert(sigtable_add(&s.sigs, "outcome:ref~jit@1:BINARY_OP.ADD_INT", 1, CAMPAIGN_NO_SEED, &is_new));
  char *path = path_join(dir, "state");
  StrBuf err;
  strbuf_init(&err);
  cr_assert(campaign_state_write(path, &s, &err));
  CampaignState t = read_state(dir);
  cr_assert_eq(t.base_seed, 5);
  cr_assert_eq(t.fuel, 1234);
  cr_assert_str_eq(t.configs, "ref,jit@1");
  cr_assert_eq(t.npending, 2);
  cr_assert_eq(t.pending[1], 49);
  cr_assert_eq(t.counters.execs, 43);
  cr_assert_eq(t.counters.crashes, 1);
  cr_assert_eq(t.sigs.n, 2);
  cr_assert_eq(t.sigs.v[0].count, 2);
  cr_assert_eq(t.sigs.v[0].first_seed, 17);
  cr_assert_eq(t.sigs.v[1].first_seed, CAMPAIGN_NO_SEED);
  cr_assert_str_eq(t.sigs.v[1].signature, "outcome:ref~jit@1:BINARY_OP.ADD_INT");
  campaign_state_free(&t);
  campaign_state_free(&s);
  strbuf_free(&err);
  free(path);

  const char *head = "lockstep-fuzz-state 1\nbase_seed 1\nsize 200\nfuel 10\nconfigs ref,jit@1\nnext 9\n";
  char buf[512];
  snprintf(buf, sizeof buf, "%spending 1 3\nend\n", head);
  cr_assert(state_text_accepted(dir, buf));
  snprintf(buf, sizeof buf, "%spending 1 3\n", head);
  cr_assert_not(state_text_accepted(dir, buf), "truncated");
  snprintf(buf, sizeof buf, "%spending 1 30\nend\n", head);
  cr_assert_not(state_text_accepted(dir, buf), "pending beyond next");
  snprintf(buf, sizeof buf, "%spending 99999 1\nend\n", head);
  cr_assert_not(state_text_accepted(dir, buf), "too many pending");
  snprintf(buf, sizeof buf, "%sexecs 99999999999999999999999\nend\n", head);
  cr_assert_not(state_text_accepted(dir, buf), "overflow");
  snprintf(buf, sizeof buf, "%swhat 1\nend\n", head);
  cr_assert_not(state_text_accepted(dir, buf), "unknown key");
  snprintf(buf, sizeof buf, "%ssignature 1 x\nend\n", head);
  cr_assert_not(state_text_accepted(dir, buf), "bad signature line");
  cr_assert_not(state_bytes_accepted(dir, "lockstep-fuzz-state 1\n\0end\n", 27), "binary");
  cr_assert_not(state_text_accepted(dir, ""), "empty");

  /* A campaign refuses a broken state rather than guessing. */
  snprintf(buf, sizeof buf, "%sexecs x\nend\n", head);
  write_text(dir, "state", buf, strlen(buf));
  CampaignOptions o = test_options(dir, 1);
  o.runs = 1;
  CampaignSummary sum;
  strbuf_init(&err);
  cr_assert_not(campaign_run(&o, &sum, &err));
  cr_assert_not_null(strstr(err.data, "state:7"), "%s", err.data);
  strbuf_free(&err);
  remove_tree(dir);
  free(dir);
}

/* ------------------------------------------------------------ triage */

Test(campaign, triage_groups_files_by_signature) {
  char *dir = temp_dir();
  char fib[4096];
  snprintf(fib, sizeof fib, "%s/corpus/vm/fib.jasm", test_source_dir());
  char *sub = path_join(dir, "sub");
  char *finding = path_join(dir, "findings/crash_x");
  char *afl = path_join(dir, "afl");
  char *crashes = path_join(dir, "afl/crashes");
  char *queue = path_join(dir, "afl/queue");
  char *findings = path_join(dir, "findings");
  cr_assert_eq(mkdir(sub, 0755), 0);
  cr_assert_eq(mkdir(findings, 0755), 0);
  cr_assert_eq(mkdir(finding, 0755), 0);
  cr_assert_eq(mkdir(afl, 0755), 0);
  cr_assert_eq(mkdir(crashes, 0755), 0);
  cr_assert_eq(mkdir(queue, 0755), 0);

  copy_file(fib, dir, "fib.jasm");             /* agree */
  copy_file(fib, dir, "poison.jasm");          /* crash (test hook) */
  copy_file(fib, sub, "poison.jasm");          /* crash (test hook) */
  write_text(dir, "bad.jasm", "garbage\n", 8); /* cannot load */
  write_text(dir, ".hidden", "x", 1);          /* skipped */
  uint8_t bytes[64];
  gen_seed_bytes(3, sizeof bytes, bytes);
  write_text(dir, "crash-0123", bytes, sizeof bytes); /* generator bytes: agree */
  copy_file(fib, finding, "input.jasm");              /* agree; the rest of the finding is skipped */
  write_text(finding, "finding.txt", "signature: crash:x\nfuel: 5000\n", 30);
  write_text(finding, "report.txt", "r", 1);
  copy_file(fib, finding, "reduced.jasm");
  write_text(afl, "fuzzer_stats", "x", 1);
  write_text(crashes, "id:000000,sig:06", bytes, 32); /* generator bytes: agree */
  write_text(crashes, "README.txt", "x", 1);
  write_text(queue, "id:000001", bytes, 16);          /* not a crash: skipped */

  TriageOptions o;
  triage_options_default(&o);
  o.test_crash_name = "poison.jasm";
  TriageResult r;
  StrBuf err, out;
  strbuf_init(&err);
  strbuf_init(&out);
  cr_assert(triage_dir(dir, &o, &r, &err), "%s", err.data);
  triage_print(&r, &out);
  cr_log_info("%s", out.data);
  cr_assert_eq(r.files, 7, "%s", out.data);
  cr_assert_eq(r.bugs, 2);
  cr_assert_eq(r.nrows, 3, "%s", out.data);
  cr_assert_eq(r.rows[0].kind, TRIAGE_DIVERGED);
  cr_assert_str_eq(r.rows[0].signature, "crash:jit@default");
  cr_assert_eq(r.rows[0].count, 2);
  char *first_poison = path_join(dir, "poison.jasm");
  cr_assert_str_eq(r.rows[0].example, first_poison, "the first file in path order");
  free(first_poison);
  cr_assert_eq(r.rows[1].kind, TRIAGE_AGREE);
  cr_assert_eq(r.rows[1].count, 4);
  cr_assert_eq(r.rows[2].kind, TRIAGE_ERROR);
  cr_assert_eq(r.rows[2].count, 1);
  cr_assert_not_null(strstr(out.data, "crash:jit@default"));
  triage_result_free(&r);

  /* One file, and a directory that does not exist. */
  char *fib_copy = path_join(dir, "fib.jasm");
  cr_assert(triage_dir(fib_copy, &o, &r, &err));
  cr_assert_eq(r.files, 1);
  cr_assert_eq(r.bugs, 0);
  triage_result_free(&r);
  free(fib_copy);
  char *missing = path_join(dir, "missing");
  cr_assert_not(triage_dir(missing, &o, &r, &err));
  triage_result_free(&r);
  free(missing);

  strbuf_free(&err);
  strbuf_free(&out);
  free(sub);
  free(finding);
  free(afl);
  free(crashes);
  free(queue);
  free(findings);
  remove_tree(dir);
  free(dir);
}

/* ------------------------------------------------------------ the commands */

/* Runs a shell command line; its exit status. */
__attribute__((format(printf, 1, 2))) static int run_command(const char *fmt, ...) {
  char cmd[8192];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(cmd, sizeof cmd, fmt, ap);
  va_end(ap);
  int status = system(cmd);
  cr_assert(status != -1 && WIFEXITED(status), "%s", cmd);
  return WEXITSTATUS(status);
}

Test(campaign, commands_exit_as_documented) {
  const char *bin = getenv("LOCKSTEP_BIN");
  if (!bin || !*bin) cr_skip_test("LOCKSTEP_BIN is not set (run the tests through ctest)");
  char *dir = temp_dir();
  cr_assert_eq(run_command("%s fuzz --help >/dev/null", bin), 0);
  cr_assert_eq(run_command("%s triage --help >/dev/null", bin), 0);
  cr_assert_eq(run_command("%s fuzz --jobs 999 2>/dev/null", bin), 2);
  cr_assert_eq(run_command("%s fuzz --bogus 2>/dev/null", bin), 2);
  cr_assert_eq(run_command("%s fuzz --quiet --runs 3 --seed 5 --out %s/a", bin, dir), 0);
  cr_assert_eq(run_command("%s fuzz --quiet --runs 3 --seed 6 --out %s/a 2>/dev/null", bin, dir), 2,
               "another --seed on the same directory");
  cr_assert_eq(run_command("LOCKSTEP_FUZZ_TEST_CRASH_SEED=6 %s fuzz --quiet --runs 3 --seed 5 --out %s/b", bin, dir), 1);
  cr_assert_eq(run_command("%s triage %s/a >/dev/null", bin, dir), 0, "no findings: nothing to triage");
  cr_assert_eq(run_command("LOCKSTEP_TRIAGE_TEST_CRASH=input.jasm %s triage %s/b >/dev/null", bin, dir), 1);
  cr_assert_eq(run_command("%s triage %s/missing 2>/dev/null", bin, dir), 2);
  cr_assert_eq(run_command("%s triage 2>/dev/null", bin), 2);
  remove_tree(dir);
  free(dir);
}
