/* The programs in tests/regress/ (README.md there): every reduced divergence
 * replayed through every oracle configuration, with the fuel and heap limit
 * of its header; all must agree. Each configuration runs in a child
 * process, so a file that crashes or hangs an engine is a named failure. */
#include <criterion/criterion.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "oracle/lockstep.h"
#include "tests/support.h"
#include "vm/loader.h"

enum { MAX_FILES = 4096, TIMEOUT_SECONDS = 60 };

static int compare_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .jasm files of dir, sorted (so failures come in a stable order). */
static size_t list_programs(const char *dir, char **names, size_t max) {
  DIR *d = opendir(dir);
  cr_assert_not_null(d, "%s: the regression directory must exist", dir);
  size_t n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < max) {
    size_t len = strlen(e->d_name);
    if (e->d_name[0] == '.' || len <= 5 || strcmp(e->d_name + len - 5, ".jasm") != 0) continue;
    names[n] = strdup(e->d_name);
    cr_assert_not_null(names[n]);
    n++;
  }
  closedir(d);
  qsort(names, n, sizeof names[0], compare_names);
  return n;
}

/* The value of header line "; KEY: VALUE" (up to the end of the line). */
static bool header_field(const char *text, const char *key, char *out, size_t outsz) {
  size_t klen = strlen(key);
  for (const char *p = text; p && *p == ';'; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
    const char *q = p + 1;
    while (*q == ' ') q++;
    if (strncmp(q, key, klen) != 0 || q[klen] != ':') continue;
    q += klen + 1;
    while (*q == ' ') q++;
    size_t len = strcspn(q, "\n");
    if (len >= outsz) len = outsz - 1;
    memcpy(out, q, len);
    out[len] = '\0';
    return true;
  }
  return false;
}

/* The oracle's defaults, the header's fuel and heap, and its extra configs. */
static void header_options(const char *text, const char *name, OracleOptions *o) {
  oracle_options_default(o);
  char value[1024];
  if (header_field(text, "fuel", value, sizeof value)) o->fuel = strtoll(value, NULL, 10);
  if (header_field(text, "max-heap", value, sizeof value)) o->max_heap = strtoll(value, NULL, 10);
  cr_assert(o->fuel >= 0 && o->max_heap > 0, "%s: bad fuel or max-heap in the header", name);
  if (!header_field(text, "configs", value, sizeof value)) return;
  for (char *tok = strtok(value, ","); tok; tok = strtok(NULL, ",")) {
    OracleConfig c;
    if (!oracle_config_parse(tok, strlen(tok), &c)) {
      cr_log_warn("%s: unknown configuration '%s' in the header", name, tok);
      continue;
    }
    bool known = false;
    for (uint32_t i = 0; i < o->nconfigs && !known; i++) known = strcmp(o->configs[i].name, c.name) == 0;
    if (!known && o->nconfigs < ORACLE_MAX_CONFIGS) o->configs[o->nconfigs++] = c;
  }
}

/* True when the file agrees under every configuration. */
static bool replay(const char *dir, const char *name) {
  char path[4096];
  cr_assert(snprintf(path, sizeof path, "%s/%s", dir, name) < (int)sizeof path, "path too long");
  size_t len = 0;
  char *text = test_read_file(path, &len);
  cr_assert_not_null(text, "%s: cannot read", path);
  OracleOptions opts;
  header_options(text, name, &opts);
  char signature[512] = "";
  header_field(text, "signature", signature, sizeof signature);
  StrBuf err;
  strbuf_init(&err);
  Module *m = module_load_bytes(path, text, len, &err);
  free(text);
  cr_assert_not_null(m, "%s: %s", path, err.data ? err.data : "cannot load");
  strbuf_free(&err);

  OracleResult *r = malloc(sizeof *r);
  cr_assert_not_null(r);
  oracle_result_init(r);
  LockstepChild child = {.isolate = true, .timeout_seconds = TIMEOUT_SECONDS, .quiet = false};
  OracleVerdict v = lockstep_oracle_run(r, m, &opts, &child);
  StrBuf line;
  strbuf_init(&line);
  oracle_verdict_line(r, &line);
  bool agree = v == ORACLE_AGREE;
  if (!agree)
    cr_log_error("%s (reduced for %s): %s", name, signature[0] ? signature : "no signature in its header",
                 line.data ? line.data : "");
  strbuf_free(&line);
  oracle_result_free(r);
  free(r);
  module_free(m);
  return agree;
}

Test(regress, every_file_agrees_everywhere, .timeout = 600) {
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/tests/regress", test_source_dir());
  struct stat st;
  cr_assert(stat(dir, &st) == 0 && S_ISDIR(st.st_mode), "%s must be a directory", dir);
  char **names = calloc(MAX_FILES, sizeof *names);
  cr_assert_not_null(names);
  size_t n = list_programs(dir, names, MAX_FILES);
  size_t bad = 0;
  for (size_t i = 0; i < n; i++) {
    if (!replay(dir, names[i])) bad++;
    free(names[i]);
  }
  free(names);
  cr_log_info("tests/regress: %zu programs, %zu diverging", n, bad);
  cr_expect_eq(bad, 0, "%zu of %zu regression programs diverge (see above)", bad, n);
}

/* The header parser reads what `lockstep reduce --as-test` writes. */
Test(regress, header_fields) {
  const char text[] =
      "; lockstep regression test: t1\n"
      "; signature: output:ref~jit@1:JUMP_BACKWARD.GUARD_BOTH_INT\n"
      "; fuel: 20000\n"
      "; max-heap: 16777216\n"
      "; configs: ref,jit@1,jit@3\n"
      ".function main\n";
  OracleOptions o;
  header_options(text, "t1", &o);
  cr_expect_eq(o.fuel, 20000);
  cr_expect_eq(o.max_heap, 16777216);
  OracleOptions d;
  oracle_options_default(&d);
  cr_expect_eq(o.nconfigs, d.nconfigs + 1, "jit@3 is added to the defaults");
  cr_expect_str_eq(o.configs[o.nconfigs - 1].name, "jit@3");
  char sig[128];
  cr_expect(header_field(text, "signature", sig, sizeof sig));
  cr_expect_str_eq(sig, "output:ref~jit@1:JUMP_BACKWARD.GUARD_BOTH_INT");
  cr_expect_not(header_field(text, "date", sig, sizeof sig));
}
