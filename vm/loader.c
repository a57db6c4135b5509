/* Loading modules: reading files (bounded by JBC_MAX_FILE_BYTES, whatever
 * the file claims to be), choosing the format, parsing and verifying. */
#include "vm/loader.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "vm/jasm.h"
#include "vm/jbc.h"
#include "vm/verify.h"

typedef enum Format { FORMAT_UNKNOWN, FORMAT_JBC, FORMAT_JASM } Format;

static bool has_suffix(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

static void file_error(StrBuf *err, const char *path, const char *what, int errnum) {
  strbuf_printf(err, "%s: error: %s: %s", path, what, strerror(errnum));
}

static void too_large(StrBuf *err, const char *path) {
  strbuf_printf(err, "%s: error: file too large (limit %d bytes)", path, JBC_MAX_FILE_BYTES);
}

/* The whole file into a malloc'd buffer (never more than the limit + 1
 * bytes are read, so a huge or endless file costs nothing). */
static bool read_file(const char *path, uint8_t **data, size_t *len, StrBuf *err) {
  *data = NULL;
  *len = 0;
  FILE *f = fopen(path, "rb");
  if (!f) {
    file_error(err, path, "cannot open", errno);
    return false;
  }
  struct stat st;
  if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > JBC_MAX_FILE_BYTES) {
    fclose(f);
    too_large(err, path);
    return false;
  }
  size_t cap = 0, n = 0;
  uint8_t *buf = NULL;
  bool ok = true;
  for (;;) {
    if (n == cap) {
      size_t next = cap ? cap * 2 : 1 << 16;
      if (next > (size_t)JBC_MAX_FILE_BYTES + 1) next = (size_t)JBC_MAX_FILE_BYTES + 1;
      if (next == cap) {
        too_large(err, path);
        ok = false;
        break;
      }
      uint8_t *p = realloc(buf, next);
      if (!p) {
        strbuf_printf(err, "%s: error: out of memory", path);
        ok = false;
        break;
      }
      buf = p;
      cap = next;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0) {
      if (ferror(f)) {
        file_error(err, path, "cannot read", errno);
        ok = false;
      }
      break;
    }
  }
  fclose(f);
  if (ok && n > JBC_MAX_FILE_BYTES) {
    too_large(err, path);
    ok = false;
  }
  if (!ok) {
    free(buf);
    return false;
  }
  *data = buf;
  *len = n;
  return true;
}

static Module *parse(const char *name, const uint8_t *data, size_t len, Format format, StrBuf *err) {
  static const uint8_t empty[1] = {0};
  if (!data) data = empty;
  switch (format) {
  case FORMAT_JBC: return jbc_read(name, data, len, err);
  case FORMAT_JASM: return jasm_assemble(name, (const char *)data, len, err);
  case FORMAT_UNKNOWN: break;
  }
  strbuf_printf(err, "%s: error: unknown file type (expected .jbc or .jasm)", name);
  return NULL;
}

static Module *verified(const char *name, Module *m, StrBuf *err) {
  if (!m) return NULL;
  StrBuf msg;
  strbuf_init(&msg);
  bool ok = verify_module(m, &msg);
  if (!ok) strbuf_printf(err, "%s: error: verify: %s", name, msg.data ? msg.data : "invalid module");
  strbuf_free(&msg);
  if (ok) return m;
  module_free(m);
  return NULL;
}

Module *module_load_file(const char *path, StrBuf *err) {
  uint8_t *data;
  size_t len;
  if (!read_file(path, &data, &len, err)) return NULL;
  Format format = FORMAT_UNKNOWN;
  if (jbc_has_magic(data, len) || has_suffix(path, ".jbc"))
    format = FORMAT_JBC; /* a .jbc without the magic gets jbc_read's "bad magic" */
  else if (has_suffix(path, ".jasm"))
    format = FORMAT_JASM;
  Module *m = verified(path, parse(path, data, len, format, err), err);
  free(data);
  return m;
}

Module *module_load_bytes(const char *name, const void *data, size_t len, StrBuf *err) {
  if (!name) name = "<bytes>";
  if (len > JBC_MAX_FILE_BYTES) {
    too_large(err, name);
    return NULL;
  }
  const uint8_t *bytes = data;
  Format format = bytes && jbc_has_magic(bytes, len) ? FORMAT_JBC : FORMAT_JASM;
  return verified(name, parse(name, bytes, len, format, err), err);
}
