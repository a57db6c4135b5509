/* Loading a program for any command: .py through the front end, .jbc and
 * .jasm through the VM's loader. Every path ends in the verifier. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "lang/lang.h"
#include "vm/loader.h"

static bool has_suffix(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

static Module *load_python(const char *path, StrBuf *err) {
  FILE *fp = fopen(path, "rb");
  if (!fp) {
    strbuf_printf(err, "%s: error: cannot open: %s", path, strerror(errno));
    return NULL;
  }
  StrBuf src;
  strbuf_init(&src);
  char buf[65536];
  size_t n;
  bool too_big = false;
  while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
    if (src.len + n > LANG_MAX_SOURCE_BYTES) {
      too_big = true;
      break;
    }
    strbuf_append(&src, buf, n);
  }
  bool read_error = ferror(fp) != 0;
  fclose(fp);
  Module *m = NULL;
  if (read_error) strbuf_printf(err, "%s: error: cannot read: %s", path, strerror(errno));
  else if (too_big) strbuf_printf(err, "%s: error: file too large (limit %d bytes)", path, LANG_MAX_SOURCE_BYTES);
  else if (src.oom) strbuf_printf(err, "%s: error: out of memory", path);
  else m = lang_compile(path, src.data ? src.data : "", src.len, err);
  strbuf_free(&src);
  return m;
}

Module *cli_load_program(const char *path, StrBuf *err) {
  if (has_suffix(path, ".py")) return load_python(path, err);
  return module_load_file(path, err);
}
