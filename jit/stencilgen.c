/* The build-time stencil generator. For every uop of jit/uops.h, and for
 * the trace's entry and exit, it runs clang-19 on jit/template.c, reads the
 * ELF object (jit/elf_stencil.c) and writes the generated header that
 * jit/codegen.c copies and patches at run time:
 *
 *   stencilgen --clang PATH --source-dir DIR --obj-dir DIR --output FILE
 *              [--jobs N] -- CLANG_FLAGS...
 *
 * Any relocation, section or symbol the patcher could not reproduce exactly
 * fails the build with a message naming the uop. See docs/jit-stencils.md. */
#include <errno.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "jit/elf_stencil.h"
#include "jit/uops.h"

enum { MAX_OBJECT_BYTES = 64 << 20, MAX_JOBS = 64 };

/* What gets compiled: every uop, then the entry and the exit stencils. */
enum { JOB_ENTRY = UOP_COUNT, JOB_EXIT, JOB_COUNT };

static const char *const uop_names[UOP_COUNT] = {
#define UOP_NAME(name, flags, doc) #name,
    LS_UOPS(UOP_NAME)
#undef UOP_NAME
};

typedef struct Options {
  const char *clang, *source_dir, *obj_dir, *output;
  int jobs;
  char **flags;
  int nflags;
} Options;

typedef struct Job {
  char name[64];      /* LOAD_FAST, ENTRY, EXIT */
  char define[96];    /* -DTHIS_UOP=UOP_LOAD_FAST, ... */
  char object[4096];  /* path of the object file */
  ElfStencil stencil;
  uint16_t *global_symbol; /* per stencil symbol: index in the sorted list */
} Job;

static Job jobs[JOB_COUNT];
static char **all_symbols; /* every external symbol, sorted, unique */
static size_t nall_symbols;

static int usage(void) {
  fprintf(stderr, "usage: stencilgen --clang PATH --source-dir DIR --obj-dir DIR --output FILE [--jobs N] -- CLANG_FLAGS...\n");
  return 2;
}

static bool parse_options(int argc, char **argv, Options *o) {
  memset(o, 0, sizeof *o);
  o->jobs = 2;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--") == 0) {
      o->flags = argv + i + 1;
      o->nflags = argc - i - 1;
      break;
    }
    if (i + 1 >= argc) return false;
    const char *v = argv[++i];
    if (strcmp(a, "--clang") == 0) o->clang = v;
    else if (strcmp(a, "--source-dir") == 0) o->source_dir = v;
    else if (strcmp(a, "--obj-dir") == 0) o->obj_dir = v;
    else if (strcmp(a, "--output") == 0) o->output = v;
    else if (strcmp(a, "--jobs") == 0) {
      char *end;
      long n = strtol(v, &end, 10);
      if (*end || n < 1 || n > MAX_JOBS) return false;
      o->jobs = (int)n;
    } else return false;
  }
  return o->clang && o->source_dir && o->obj_dir && o->output;
}

static bool prepare_jobs(const Options *o) {
  for (int k = 0; k < JOB_COUNT; k++) {
    Job *j = &jobs[k];
    const char *name = k == JOB_ENTRY ? "ENTRY" : k == JOB_EXIT ? "EXIT" : uop_names[k];
    int n1 = snprintf(j->name, sizeof j->name, "%s", name);
    int n2 = k == JOB_ENTRY  ? snprintf(j->define, sizeof j->define, "-DJIT_STENCIL_ENTRY")
             : k == JOB_EXIT ? snprintf(j->define, sizeof j->define, "-DJIT_STENCIL_EXIT")
                             : snprintf(j->define, sizeof j->define, "-DTHIS_UOP=UOP_%s", name);
    int n3 = snprintf(j->object, sizeof j->object, "%s/%s.o", o->obj_dir, name);
    if (n1 < 0 || (size_t)n1 >= sizeof j->name || n2 < 0 || (size_t)n2 >= sizeof j->define || n3 < 0 ||
        (size_t)n3 >= sizeof j->object) {
      fprintf(stderr, "stencilgen: name or path too long for %s\n", name);
      return false;
    }
  }
  return true;
}

/* ------------------------------------------------------------- compiling */

static pid_t spawn_clang(const Options *o, const Job *j, const char *template_path) {
  /* clang FLAGS... -DTHIS_UOP=... -I SRC -c SRC/jit/template.c -o OBJ */
  char **argv = calloc((size_t)o->nflags + 9, sizeof *argv); /* the 8 below and NULL */
  if (!argv) return -1;
  int n = 0;
  argv[n++] = (char *)o->clang;
  for (int i = 0; i < o->nflags; i++) argv[n++] = o->flags[i];
  argv[n++] = (char *)j->define;
  argv[n++] = (char *)"-I";
  argv[n++] = (char *)o->source_dir;
  argv[n++] = (char *)"-c";
  argv[n++] = (char *)template_path;
  argv[n++] = (char *)"-o";
  argv[n++] = (char *)j->object;
  argv[n] = NULL;
  pid_t pid;
  int rc = posix_spawn(&pid, o->clang, NULL, NULL, argv, environ);
  free(argv);
  if (rc != 0) {
    fprintf(stderr, "stencilgen: cannot run %s: %s\n", o->clang, strerror(rc));
    return -1;
  }
  return pid;
}

/* Runs clang for every job, at most o->jobs at a time. */
static bool compile_all(const Options *o) {
  char template_path[4096];
  int n = snprintf(template_path, sizeof template_path, "%s/jit/template.c", o->source_dir);
  if (n < 0 || (size_t)n >= sizeof template_path) return false;
  if (mkdir(o->obj_dir, 0777) != 0 && errno != EEXIST) {
    fprintf(stderr, "stencilgen: cannot create %s: %s\n", o->obj_dir, strerror(errno));
    return false;
  }
  pid_t running[MAX_JOBS];
  int job_of[MAX_JOBS];
  int nrunning = 0, next = 0;
  bool ok = true;
  while (nrunning > 0 || (ok && next < JOB_COUNT)) {
    if (ok && next < JOB_COUNT && nrunning < o->jobs) {
      pid_t pid = spawn_clang(o, &jobs[next], template_path);
      if (pid < 0) {
        ok = false;
        continue;
      }
      running[nrunning] = pid;
      job_of[nrunning++] = next++;
      continue;
    }
    int status;
    pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) continue;
      fprintf(stderr, "stencilgen: waitpid: %s\n", strerror(errno));
      return false;
    }
    for (int i = 0; i < nrunning; i++) {
      if (running[i] != pid) continue;
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "stencilgen: clang-19 failed on the stencil of %s (%s)\n", jobs[job_of[i]].name, jobs[job_of[i]].define);
        ok = false;
      }
      running[i] = running[nrunning - 1];
      job_of[i] = job_of[nrunning - 1];
      nrunning--;
      break;
    }
  }
  return ok;
}

/* --------------------------------------------------------------- parsing */

static uint8_t *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  struct stat st;
  uint8_t *buf = NULL;
  if (fstat(fileno(f), &st) == 0 && st.st_size >= 0 && st.st_size <= MAX_OBJECT_BYTES) {
    size_t size = (size_t)st.st_size;
    buf = malloc(size ? size : 1);
    if (buf && fread(buf, 1, size, f) != size) {
      free(buf);
      buf = NULL;
    }
    *len = size;
  }
  fclose(f);
  return buf;
}

static bool is_identifier(const char *s) {
  if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))) return false;
  for (; *s; s++)
    if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9'))) return false;
  return true;
}

/* The entry is called from C and calls the first uop; the exit returns to
 * the entry. Neither has operands, and the exit has nowhere to continue. */
static bool check_special_holes(const Job *j, int k) {
  for (size_t i = 0; i < j->stencil.nholes; i++) {
    int v = j->stencil.holes[i].value;
    bool allowed = v == HOLE_SYMBOL || v == HOLE_DATA || (k == JOB_ENTRY && v == HOLE_CONTINUE);
    if (!allowed) {
      fprintf(stderr, "stencilgen: the %s stencil may not use the hole %s\n", j->name, stencil_hole_value_name(v));
      return false;
    }
  }
  return true;
}

static bool parse_all(void) {
  StrBuf err;
  strbuf_init(&err);
  bool ok = true;
  for (int k = 0; k < JOB_COUNT && ok; k++) {
    Job *j = &jobs[k];
    size_t len;
    uint8_t *obj = read_file(j->object, &len);
    if (!obj) {
      fprintf(stderr, "stencilgen: cannot read %s\n", j->object);
      ok = false;
      break;
    }
    char what[320];
    snprintf(what, sizeof what, "stencilgen: %s %.200s", k < UOP_COUNT ? "uop" : "stencil", j->name);
    ok = elf_stencil_parse(obj, len, what, &j->stencil, &err);
    free(obj);
    if (!ok) break;
    for (size_t i = 0; i < j->stencil.nsymbols && ok; i++)
      if (!is_identifier(j->stencil.symbols[i])) {
        fprintf(stderr, "stencilgen: %s calls %s, which is not a C identifier\n", j->name, j->stencil.symbols[i]);
        ok = false;
      }
    if (ok && k >= UOP_COUNT) ok = check_special_holes(j, k);
  }
  if (err.len) fputs(err.data, stderr);
  strbuf_free(&err);
  return ok;
}

static int compare_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* One sorted list of every external symbol, and each stencil's map into it. */
static bool collect_symbols(void) {
  size_t total = 0;
  for (int k = 0; k < JOB_COUNT; k++) total += jobs[k].stencil.nsymbols;
  all_symbols = calloc(total + 1, sizeof *all_symbols);
  if (!all_symbols) return false;
  for (int k = 0; k < JOB_COUNT; k++)
    for (size_t i = 0; i < jobs[k].stencil.nsymbols; i++) all_symbols[nall_symbols++] = jobs[k].stencil.symbols[i];
  qsort(all_symbols, nall_symbols, sizeof *all_symbols, compare_names);
  size_t unique = 0;
  for (size_t i = 0; i < nall_symbols; i++)
    if (unique == 0 || strcmp(all_symbols[unique - 1], all_symbols[i]) != 0) all_symbols[unique++] = all_symbols[i];
  nall_symbols = unique;
  for (int k = 0; k < JOB_COUNT; k++) {
    Job *j = &jobs[k];
    j->global_symbol = calloc(j->stencil.nsymbols + 1, sizeof *j->global_symbol);
    if (!j->global_symbol) return false;
    for (size_t i = 0; i < j->stencil.nsymbols; i++) {
      char **found = bsearch(&j->stencil.symbols[i], all_symbols, nall_symbols, sizeof *all_symbols, compare_names);
      j->global_symbol[i] = (uint16_t)(found - all_symbols);
    }
  }
  return true;
}

/* ---------------------------------------------------------------- output */

static void write_bytes(FILE *f, const char *kind, const char *name, const uint8_t *bytes, size_t n) {
  fprintf(f, "static const uint8_t jit_%s_%s[%zu] = {", kind, name, n);
  for (size_t i = 0; i < n; i++) fprintf(f, "%s0x%02x,", i % 16 == 0 ? "\n  " : " ", bytes[i]);
  fprintf(f, "\n};\n");
}

static void write_holes(FILE *f, const Job *j) {
  const ElfStencil *s = &j->stencil;
  fprintf(f, "static const StencilHole jit_holes_%s[%zu] = {\n", j->name, s->nholes);
  for (size_t i = 0; i < s->nholes; i++) {
    const StencilHole *h = &s->holes[i];
    uint16_t sym = h->value == HOLE_SYMBOL ? j->global_symbol[h->symbol] : 0;
    fprintf(f, "  {.offset = 0x%x, .in_data = %s, .kind = %s, .value = HOLE_%s, .symbol = %u, .addend = ", h->offset,
            h->in_data ? "true" : "false", elf_stencil_reloc_name(h->kind), stencil_hole_value_name(h->value), sym);
    if (h->addend == INT64_MIN) fprintf(f, "INT64_MIN},");
    else fprintf(f, "%lld},", (long long)h->addend);
    if (h->value == HOLE_SYMBOL) fprintf(f, " /* %s */", all_symbols[sym]);
    fprintf(f, "\n");
  }
  fprintf(f, "};\n");
}

static void write_stencil_tables(FILE *f, const Job *j) {
  const ElfStencil *s = &j->stencil;
  fprintf(f, "\n/* %s: %zu bytes of code%s, %zu of data, %zu holes */\n", j->name, s->code_size,
          s->stripped_continue ? " (trailing jump to the continuation stripped)" : "", s->data_size, s->nholes);
  /* A uop whose body is empty (NOP) is nothing but the stripped jump: no
   * bytes at all, so that it falls through into the next stencil. */
  if (s->code_size) write_bytes(f, "code", j->name, s->code, s->code_size);
  if (s->data_size) write_bytes(f, "data", j->name, s->data, s->data_size);
  if (s->nholes) write_holes(f, j);
}

static void write_stencil_value(FILE *f, const Job *j) {
  const ElfStencil *s = &j->stencil;
  if (s->code_size) fprintf(f, "{jit_code_%s, %zu, ", j->name, s->code_size);
  else fprintf(f, "{NULL, 0, ");
  if (s->data_size) fprintf(f, "jit_data_%s, %zu, %zu, ", j->name, s->data_size, s->data_align);
  else fprintf(f, "NULL, 0, 1, ");
  if (s->nholes) fprintf(f, "jit_holes_%s, %zu}", j->name, s->nholes);
  else fprintf(f, "NULL, 0}");
}

static void write_header(FILE *f, const Options *o) {
  fprintf(f, "/* generated from jit/template.c and jit/uop_bodies.h by jit/stencilgen.c; do not edit */\n");
  fprintf(f, "/* Stencils compiled with: clang-19");
  for (int i = 0; i < o->nflags; i++)
    if (!strstr(o->flags[i], "*/")) fprintf(f, " %s", o->flags[i]);
  fprintf(f, " */\n#ifndef LOCKSTEP_GENERATED_JIT_STENCILS_H\n#define LOCKSTEP_GENERATED_JIT_STENCILS_H\n\n");
  fprintf(f, "#include <elf.h>\n#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n\n");
  fprintf(f, "#include \"jit/elf_stencil.h\"\n#include \"jit/uops.h\"\n\n");
  fprintf(f, "_Static_assert(UOP_COUNT == %d, \"generated/jit/stencils.h is stale: rebuild it\");\n\n", UOP_COUNT);
  fprintf(f, "/* The external functions stencils call; jit/codegen_symbols.c resolves them. */\n");
  fprintf(f, "#define JIT_STENCIL_SYMBOLS(X)");
  for (size_t i = 0; i < nall_symbols; i++) fprintf(f, " \\\n  X(%s)", all_symbols[i]);
  fprintf(f, "\n\nenum { JIT_STENCIL_NSYMBOLS = %zu };\n", nall_symbols);
  for (int k = 0; k < JOB_COUNT; k++) write_stencil_tables(f, &jobs[k]);
  fprintf(f, "\n/* Indexed by UopId. */\nstatic const Stencil jit_stencils[UOP_COUNT] = {\n");
  for (int k = 0; k < UOP_COUNT; k++) {
    fprintf(f, "  [UOP_%s] = ", jobs[k].name);
    write_stencil_value(f, &jobs[k]);
    fprintf(f, ",\n");
  }
  fprintf(f, "};\n\n/* Called from C at offset 0 of every trace; calls the first uop. */\nstatic const Stencil jit_stencil_entry = ");
  write_stencil_value(f, &jobs[JOB_ENTRY]);
  fprintf(f, ";\n\n/* After the last uop: stores sp into the frame, returns to the entry. */\nstatic const Stencil jit_stencil_exit = ");
  write_stencil_value(f, &jobs[JOB_EXIT]);
  fprintf(f, ";\n\n#endif\n");
}

/* Written to FILE.tmp, then renamed: a failed run never leaves half a header. */
static bool write_output(const Options *o) {
  char tmp[4096];
  int n = snprintf(tmp, sizeof tmp, "%s.tmp", o->output);
  if (n < 0 || (size_t)n >= sizeof tmp) return false;
  FILE *f = fopen(tmp, "w");
  if (!f) {
    fprintf(stderr, "stencilgen: cannot write %s: %s\n", tmp, strerror(errno));
    return false;
  }
  write_header(f, o);
  bool ok = !ferror(f);
  if (fclose(f) != 0) ok = false;
  if (ok && rename(tmp, o->output) != 0) ok = false;
  if (!ok) {
    fprintf(stderr, "stencilgen: cannot write %s\n", o->output);
    remove(tmp);
  }
  return ok;
}

static void free_all(void) {
  for (int k = 0; k < JOB_COUNT; k++) {
    elf_stencil_free(&jobs[k].stencil);
    free(jobs[k].global_symbol);
  }
  free(all_symbols); /* the names belong to the stencils */
}

int main(int argc, char **argv) {
  Options o;
  if (!parse_options(argc, argv, &o)) return usage();
  bool ok = prepare_jobs(&o) && compile_all(&o) && parse_all() && collect_symbols() && write_output(&o);
  free_all();
  return ok ? 0 : 1;
}
