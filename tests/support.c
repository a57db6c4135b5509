#include "tests/support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/lang.h"
#include "vm/exc.h"
#include "vm/interp.h"
#include "vm/loader.h"
#include "vm/ops.h"

static char *strbuf_steal(StrBuf *sb) {
  char *s = sb->data ? sb->data : strdup("");
  strbuf_init(sb);
  return s;
}

static TestRun run_module(Module *m, int64_t fuel, int64_t max_heap) {
  TestRun r = {.loaded = true};
  VMConfig cfg = {.fuel = fuel, .max_heap = max_heap};
  VM *vm = vm_new(m, &cfg);
  if (!vm) {
    r.loaded = false;
    r.error = strdup("vm_new failed");
    return r;
  }
  Outcome o;
  StrBuf sb;
  strbuf_init(&sb);
  if (ref_run(vm, &o) != LS_OK) {
    r.outcome = -1;
  } else {
    r.outcome = (int)o.kind;
    if (o.kind == OUTCOME_RETURN) value_repr(vm, o.value, &sb);
    else if (o.kind == OUTCOME_EXCEPTION) exc_format_last_line(vm, AS_EXCEPTION(o.value), &sb);
    else strbuf_puts(&sb, "<out of fuel>");
    outcome_clear(vm, &o);
  }
  r.result = strbuf_steal(&sb);
  r.out = strbuf_steal(&vm->out);
  vm_release_roots(vm);
  r.leaked = vm->live_objects;
  vm_free(vm);
  return r;
}

TestRun test_run_bytes(const void *data, size_t len, int64_t fuel, int64_t max_heap) {
  StrBuf err;
  strbuf_init(&err);
  Module *m = module_load_bytes("<test>", data, len, &err);
  if (!m) {
    TestRun r = {.loaded = false, .error = strbuf_steal(&err)};
    return r;
  }
  strbuf_free(&err);
  TestRun r = run_module(m, fuel, max_heap);
  module_free(m);
  return r;
}

TestRun test_run_jasm(const char *jasm, int64_t fuel, int64_t max_heap) {
  return test_run_bytes(jasm, strlen(jasm), fuel, max_heap);
}

void test_run_free(TestRun *r) {
  free(r->error);
  free(r->out);
  free(r->result);
  memset(r, 0, sizeof *r);
}

static const char empty_module[] = ".function \"<module>\"\n  LOAD_CONST None\n  RETURN_VALUE\n.end\n";

VM *test_vm_new(void) {
  StrBuf err;
  strbuf_init(&err);
  Module *m = module_load_bytes("<test>", empty_module, sizeof empty_module - 1, &err);
  strbuf_free(&err);
  if (!m) return NULL;
  VMConfig cfg = {.fuel = -1};
  VM *vm = vm_new(m, &cfg);
  if (!vm) module_free(m);
  return vm;
}

int64_t test_vm_free(VM *vm) {
  Module *m = (Module *)vm->module;
  vm_release_roots(vm);
  int64_t leaked = vm->live_objects;
  vm_free(vm);
  module_free(m);
  return leaked;
}

char *test_read_file(const char *path, size_t *len) {
  FILE *fp = fopen(path, "rb");
  if (!fp) return NULL;
  StrBuf sb;
  strbuf_init(&sb);
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, fp)) > 0) strbuf_append(&sb, buf, n);
  fclose(fp);
  if (len) *len = sb.len;
  return strbuf_steal(&sb);
}

const char *test_source_dir(void) {
  const char *d = getenv("LOCKSTEP_SOURCE_DIR");
  return d && *d ? d : ".";
}

uint64_t test_rand(uint64_t *state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

Module *test_load_program(const char *path, StrBuf *err) {
  size_t n = strlen(path);
  if (n <= 3 || strcmp(path + n - 3, ".py") != 0) return module_load_file(path, err);
  size_t len = 0;
  char *src = test_read_file(path, &len);
  if (!src) {
    strbuf_printf(err, "cannot read %s", path);
    return NULL;
  }
  Module *m = lang_compile(path, src, len, err);
  free(src);
  return m;
}
