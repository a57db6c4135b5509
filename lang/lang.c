/* lang_compile: checks the encoding, parses, generates code and verifies
 * it. */
#include "lang/lang.h"

#include <stdlib.h>
#include <string.h>

#include "lang/arena.h"
#include "lang/compile.h"
#include "lang/diag.h"
#include "lang/parser.h"
#include "lang/sym.h"
#include "vm/verify.h"

/* Length of the valid UTF-8 sequence at s[i] (no overlong forms, no
 * surrogates, nothing above U+10FFFF), or 0. */
static size_t utf8_sequence(const unsigned char *s, size_t len, size_t i) {
  unsigned char c = s[i];
  if (c < 0x80) return 1;
  size_t n;
  uint32_t min, cp;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2, min = 0x80, cp = c & 0x1Fu;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3, min = 0x800, cp = c & 0x0Fu;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4, min = 0x10000, cp = c & 0x07u;
  } else {
    return 0;
  }
  if (len - i < n) return 0;
  for (size_t k = 1; k < n; k++) {
    if ((s[i + k] & 0xC0) != 0x80) return 0;
    cp = cp << 6 | (s[i + k] & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

static uint32_t line_of(const char *s, size_t pos) {
  uint32_t line = 1;
  for (size_t i = 0; i < pos; i++)
    if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= pos || s[i + 1] != '\n'))) line++;
  return line;
}

/* The source must be UTF-8 without NUL bytes, as CPython requires. */
static bool check_encoding(const char *src, size_t len, LangDiag *diag) {
  const unsigned char *s = (const unsigned char *)src;
  for (size_t i = 0; i < len;) {
    if (s[i] == 0) return diag_error(diag, line_of(src, i), (uint32_t)i, "source code cannot contain null bytes");
    size_t n = utf8_sequence(s, len, i);
    if (n == 0)
      return diag_error(diag, line_of(src, i), (uint32_t)i, "invalid UTF-8 in source (byte 0x%02x)", s[i]);
    i += n;
  }
  return true;
}

static Module *compile_source(const char *src, size_t len, LangDiag *diag) {
  if (!check_encoding(src, len, diag)) return NULL;
  Arena arena;
  arena_init(&arena);
  SymTable syms;
  symtab_init(&syms, &arena);
  Program prog;
  Module *m = NULL;
  if (lang_parse(src, (uint32_t)len, &arena, &syms, diag, &prog)) m = lang_codegen(&prog, &syms, len, diag);
  symtab_free(&syms);
  arena_free(&arena);
  return m;
}

Module *lang_compile(const char *filename, const char *source, size_t len, StrBuf *err) {
  if (len >= 3 && memcmp(source, "\xEF\xBB\xBF", 3) == 0) { /* a UTF-8 byte order mark is allowed */
    source += 3;
    len -= 3;
  }
  LangDiag diag;
  diag_init(&diag);
  Module *m = NULL;
  if (len > LANG_MAX_SOURCE_BYTES)
    diag_error(&diag, 1, 0, "source file too large (more than %d MiB)", LANG_MAX_SOURCE_BYTES >> 20);
  else
    m = compile_source(source, len, &diag);
  if (m) {
    m->filename = strdup(filename);
    StrBuf why;
    strbuf_init(&why);
    if (!m->filename) {
      diag_out_of_memory(&diag);
    } else if (!verify_module(m, &why)) {
      diag_error(&diag, 1, 0, "internal error: the compiled bytecode fails verification: %s",
                 why.data ? why.data : "(no reason given)");
    }
    strbuf_free(&why);
    if (diag.failed) {
      module_free(m);
      m = NULL;
    }
  }
  if (!m) {
    if (!diag.failed) diag_out_of_memory(&diag);
    diag_format(&diag, filename, source, len, err);
  }
  diag_free(&diag);
  return m;
}
