/* The tokenizer (see lexer.h). It follows CPython's tokenizer for what is
 * accepted and for the wording of its errors. */
#include "lang/lexer.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const tok_texts[TK_COUNT] = {
#define LANG_TOK_TEXT(kind, text) text,
    LANG_TOKENS(LANG_TOK_TEXT)
#undef LANG_TOK_TEXT
};

void lexer_init(Lexer *lx, const char *src, uint32_t len, Arena *arena, SymTable *syms, LangDiag *diag) {
  memset(lx, 0, sizeof *lx);
  lx->src = src;
  lx->len = len;
  lx->line = 1;
  lx->arena = arena;
  lx->syms = syms;
  lx->diag = diag;
  lx->at_line_start = true;
}

/* ---- characters ---- */

static int peek_at(const Lexer *lx, uint32_t p) { return p < lx->len ? (unsigned char)lx->src[p] : -1; }
static bool is_ident_start(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_ident_char(int c) { return is_ident_start(c) || is_digit(c); }
static bool is_newline(int c) { return c == '\n' || c == '\r'; }

/* Consumes a newline at p ("\r\n" counts as one); returns the offset after it. */
static uint32_t skip_newline(const Lexer *lx, uint32_t p) {
  if (peek_at(lx, p) == '\r' && peek_at(lx, p + 1) == '\n') return p + 2;
  return p + 1;
}

static bool lex_error_at(Lexer *lx, uint32_t line, uint32_t pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static bool lex_error_at(Lexer *lx, uint32_t line, uint32_t pos, const char *fmt, ...) {
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return diag_error(lx->diag, line, pos, "%s", msg);
}

static void set_token(Lexer *lx, Token *t, int kind, uint32_t pos) {
  memset(t, 0, sizeof *t);
  t->kind = (uint8_t)kind;
  t->line = lx->line;
  t->pos = pos;
}

/* ---- indentation ---- */

/* At the start of a logical line: measures the indentation and queues
 * INDENT/DEDENT. Returns 1 with a token in *t, 0 to go on scanning, -1 on
 * error. Blank and comment-only lines are skipped whole. */
static int line_start(Lexer *lx, Token *t) {
  uint32_t p = lx->pos;
  int col = 0, altcol = 0;
  for (;;) {
    int c = peek_at(lx, p);
    if (c == ' ') {
      col++;
      altcol++;
    } else if (c == '\t') {
      col = (col / 8 + 1) * 8;
      altcol++;
    } else if (c == '\f') {
      col = altcol = 0;
    } else {
      break;
    }
    p++;
  }
  lx->pos = p;
  int c = peek_at(lx, p);
  if (c < 0) {
    lx->at_line_start = false;
    return 0;
  }
  if (c == '#' || is_newline(c)) {
    while (p < lx->len && !is_newline(peek_at(lx, p))) p++;
    if (p < lx->len) {
      lx->pos = skip_newline(lx, p);
      lx->line++;
    } else {
      lx->pos = p;
      lx->at_line_start = false;
    }
    return 0;
  }
  lx->at_line_start = false;
  int top = lx->indent[lx->nindent];
  if (col == top) {
    if (altcol != lx->altindent[lx->nindent])
      return lex_error_at(lx, lx->line, p, "inconsistent use of tabs and spaces in indentation") ? 0 : -1;
    return 0;
  }
  if (col > top) {
    if (lx->nindent + 1 >= LEX_MAX_INDENT)
      return lex_error_at(lx, lx->line, p, "too many levels of indentation") ? 0 : -1;
    if (altcol <= lx->altindent[lx->nindent])
      return lex_error_at(lx, lx->line, p, "inconsistent use of tabs and spaces in indentation") ? 0 : -1;
    lx->nindent++;
    lx->indent[lx->nindent] = col;
    lx->altindent[lx->nindent] = altcol;
    set_token(lx, t, TK_INDENT, p);
    return 1;
  }
  while (lx->nindent > 0 && col < lx->indent[lx->nindent]) {
    lx->nindent--;
    lx->pending++;
  }
  if (col != lx->indent[lx->nindent])
    return lex_error_at(lx, lx->line, p, "unindent does not match any outer indentation level") ? 0 : -1;
  if (altcol != lx->altindent[lx->nindent])
    return lex_error_at(lx, lx->line, p, "inconsistent use of tabs and spaces in indentation") ? 0 : -1;
  lx->pending--;
  set_token(lx, t, TK_DEDENT, p);
  return 1;
}

/* ---- numbers ---- */

/* CPython lets a number be followed directly by these keywords ("1if x else 2"). */
static bool keyword_may_follow_number(const char *s, uint32_t n) {
  static const char *const words[] = {"and", "else", "for", "if", "in", "is", "not", "or"};
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (strlen(words[i]) == n && memcmp(words[i], s, n) == 0) return true;
  return false;
}

/* After a number: an identifier character there is an error (`1abc`). */
static bool check_number_end(Lexer *lx, uint32_t p, const char *what) {
  if (!is_ident_char(peek_at(lx, p)) && peek_at(lx, p) < 0x80) return true;
  uint32_t q = p;
  while (is_ident_char(peek_at(lx, q))) q++;
  if (q > p && peek_at(lx, q) < 0x80 && !is_ident_char(peek_at(lx, q)) &&
      keyword_may_follow_number(lx->src + p, q - p))
    return true;
  return lex_error_at(lx, lx->line, p, "invalid %s literal", what);
}

static int digit_value(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 99;
}

static void set_int_value(Token *t, uint64_t value, bool overflow) {
  t->v.u = value;
  if (overflow || value > (uint64_t)1 << 63)
    t->int_flag = INTLIT_TOO_BIG;
  else if (value == (uint64_t)1 << 63)
    t->int_flag = INTLIT_2POW63;
  else
    t->int_flag = INTLIT_FITS;
}

static bool accumulate(uint64_t *value, unsigned base, unsigned digit) {
  if (*value > (UINT64_MAX - digit) / base) return false;
  *value = *value * base + digit;
  return true;
}

/* 0x..., 0o..., 0b... with underscores between digits. */
static bool lex_prefixed_int(Lexer *lx, Token *t, uint32_t start) {
  int kind = peek_at(lx, start + 1) | 0x20;
  unsigned base = kind == 'x' ? 16 : kind == 'o' ? 8 : 2;
  const char *what = base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary";
  uint32_t p = start + 2;
  uint64_t value = 0;
  bool overflow = false;
  int ndigits = 0;
  for (;;) {
    int c = peek_at(lx, p);
    if (c == '_') {
      if (digit_value(peek_at(lx, p + 1)) >= (int)base) return lex_error_at(lx, lx->line, p + 1, "invalid %s literal", what);
      p++;
      continue;
    }
    int d = digit_value(c);
    if (d >= (int)base) {
      if (base != 16 && is_digit(c)) return lex_error_at(lx, lx->line, p, "invalid digit '%c' in %s literal", c, what);
      break;
    }
    if (!overflow && !accumulate(&value, base, (unsigned)d)) overflow = true;
    ndigits++;
    p++;
  }
  if (ndigits == 0) return lex_error_at(lx, lx->line, p, "invalid %s literal", what);
  if (!check_number_end(lx, p, what)) return false;
  set_token(lx, t, TK_INT, start);
  set_int_value(t, value, overflow);
  lx->pos = p;
  return true;
}

/* Digits with single underscores between them, from p; returns the end
 * (p itself when there is no digit), or 0 after an error. */
static uint32_t scan_digits(Lexer *lx, uint32_t p, bool *ok) {
  *ok = true;
  while (is_digit(peek_at(lx, p))) {
    p++;
    if (peek_at(lx, p) == '_') {
      if (!is_digit(peek_at(lx, p + 1))) {
        *ok = lex_error_at(lx, lx->line, p + 1, "invalid decimal literal");
        return p;
      }
      p++;
    }
  }
  return p;
}

static bool lex_float_value(Lexer *lx, Token *t, uint32_t start, uint32_t end) {
  char *buf = malloc((size_t)(end - start) + 1);
  if (!buf) return diag_out_of_memory(lx->diag);
  size_t n = 0;
  for (uint32_t i = start; i < end; i++)
    if (lx->src[i] != '_') buf[n++] = lx->src[i];
  buf[n] = '\0';
  set_token(lx, t, TK_FLOAT, start);
  t->v.f = strtod(buf, NULL); /* correctly rounded; overflow gives inf as in CPython */
  free(buf);
  return true;
}

static bool lex_number(Lexer *lx, Token *t) {
  uint32_t start = lx->pos;
  int c1 = peek_at(lx, start + 1) | 0x20;
  if (peek_at(lx, start) == '0' && (c1 == 'x' || c1 == 'o' || c1 == 'b')) return lex_prefixed_int(lx, t, start);
  bool ok;
  uint32_t p = scan_digits(lx, start, &ok);
  if (!ok) return false;
  uint32_t int_end = p;
  bool is_float = false;
  if (peek_at(lx, p) == '.') {
    is_float = true;
    p = scan_digits(lx, p + 1, &ok);
    if (!ok) return false;
  }
  if ((peek_at(lx, p) | 0x20) == 'e') {
    uint32_t q = p + 1;
    if (peek_at(lx, q) == '+' || peek_at(lx, q) == '-') q++;
    if (is_digit(peek_at(lx, q))) {
      is_float = true;
      p = scan_digits(lx, q, &ok);
      if (!ok) return false;
    }
  }
  if ((peek_at(lx, p) | 0x20) == 'j') return lex_error_at(lx, lx->line, start, "complex numbers are not supported");
  if (!check_number_end(lx, p, "decimal")) return false;
  lx->pos = p;
  if (is_float) return lex_float_value(lx, t, start, p);
  uint64_t value = 0;
  bool overflow = false, nonzero = false;
  for (uint32_t i = start; i < int_end; i++) {
    int c = lx->src[i];
    if (c == '_') continue;
    if (c != '0') nonzero = true;
    if (!overflow && !accumulate(&value, 10, (unsigned)(c - '0'))) overflow = true;
  }
  if (lx->src[start] == '0' && nonzero)
    return lex_error_at(lx, lx->line, start,
                        "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
  set_token(lx, t, TK_INT, start);
  set_int_value(t, value, overflow);
  return true;
}

/* ---- strings ---- */

enum { STR_RAW = 1, STR_BYTES = 2, STR_FORMAT = 4 };

/* Flags of a string prefix (r, u, b, f and their valid combinations), or -1
 * when s[0..n) is not one. */
static int string_prefix_flags(const char *s, uint32_t n) {
  if (n == 0 || n > 2) return -1;
  int flags = 0;
  for (uint32_t i = 0; i < n; i++) {
    int f;
    switch (s[i] | 0x20) {
    case 'r': f = STR_RAW; break;
    case 'b': f = STR_BYTES; break;
    case 'f': f = STR_FORMAT; break;
    case 'u': f = 8; break;
    default: return -1;
    }
    if (flags & f) return -1;
    flags |= f;
  }
  if ((flags & 8) && n != 1) return -1;
  if ((flags & STR_BYTES) && (flags & STR_FORMAT)) return -1;
  return flags & ~8;
}

static void put_utf8(char *out, uint32_t *n, uint32_t cp) {
  if (cp < 0x80) {
    out[(*n)++] = (char)cp;
  } else if (cp < 0x800) {
    out[(*n)++] = (char)(0xC0 | (cp >> 6));
    out[(*n)++] = (char)(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out[(*n)++] = (char)(0xE0 | (cp >> 12));
    out[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[(*n)++] = (char)(0x80 | (cp & 0x3F));
  } else {
    out[(*n)++] = (char)(0xF0 | (cp >> 18));
    out[(*n)++] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[(*n)++] = (char)(0x80 | (cp & 0x3F));
  }
}

/* `count` hex digits at p; false when there are fewer. */
static bool read_hex(const Lexer *lx, uint32_t p, uint32_t end, int count, uint32_t *out) {
  uint32_t v = 0;
  for (int i = 0; i < count; i++) {
    if (p + (uint32_t)i >= end) return false;
    int d = digit_value(peek_at(lx, p + (uint32_t)i));
    if (d > 15) return false;
    v = v * 16 + (uint32_t)d;
  }
  *out = v;
  return true;
}

/* Decodes one escape after the backslash at `p - 1`; writes to out and
 * returns the offset after the escape, or 0 after an error. */
static uint32_t decode_escape(Lexer *lx, uint32_t p, uint32_t end, uint32_t line, char *out, uint32_t *n) {
  int e = peek_at(lx, p);
  uint32_t cp;
  switch (e) {
  case '\n': return p + 1;
  case '\r': return skip_newline(lx, p);
  case '\\': case '\'': case '"': out[(*n)++] = (char)e; return p + 1;
  case 'a': out[(*n)++] = '\a'; return p + 1;
  case 'b': out[(*n)++] = '\b'; return p + 1;
  case 'f': out[(*n)++] = '\f'; return p + 1;
  case 'n': out[(*n)++] = '\n'; return p + 1;
  case 'r': out[(*n)++] = '\r'; return p + 1;
  case 't': out[(*n)++] = '\t'; return p + 1;
  case 'v': out[(*n)++] = '\v'; return p + 1;
  case 'x':
  case 'u':
  case 'U': {
    int count = e == 'x' ? 2 : e == 'u' ? 4 : 8;
    if (!read_hex(lx, p + 1, end, count, &cp)) {
      const char *shape = e == 'x' ? "\\xXX" : e == 'u' ? "\\uXXXX" : "\\UXXXXXXXX";
      lex_error_at(lx, line, p - 1, "truncated %s escape", shape);
      return 0;
    }
    if (cp > 0x10FFFF) {
      lex_error_at(lx, line, p - 1, "illegal Unicode character");
      return 0;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      lex_error_at(lx, line, p - 1, "surrogate code points are not supported in strings");
      return 0;
    }
    put_utf8(out, n, cp);
    return p + 1 + (uint32_t)count;
  }
  case 'N':
    lex_error_at(lx, line, p - 1, "\\N{...} escapes are not supported");
    return 0;
  default:
    if (e >= '0' && e <= '7') {
      cp = 0;
      int k = 0;
      while (k < 3 && p < end && peek_at(lx, p) >= '0' && peek_at(lx, p) <= '7') {
        cp = cp * 8 + (uint32_t)(peek_at(lx, p) - '0');
        p++;
        k++;
      }
      put_utf8(out, n, cp);
      return p;
    }
    out[(*n)++] = '\\'; /* an unknown escape keeps its backslash; the character follows as is */
    return p;
  }
}

/* Finds the end of the string body starting at `body`; returns the offset of
 * the closing quote(s) or 0 after an error. Counts lines into *lines. */
static uint32_t find_string_end(Lexer *lx, uint32_t start, uint32_t body, int quote, bool triple, uint32_t *lines) {
  uint32_t p = body;
  *lines = 0;
  for (;;) {
    int c = peek_at(lx, p);
    if (c < 0 || (!triple && is_newline(c))) {
      if (triple)
        lex_error_at(lx, lx->line, start, "unterminated triple-quoted string literal (detected at line %u)",
                     lx->line + *lines);
      else
        lex_error_at(lx, lx->line, start, "unterminated string literal (detected at line %u)", lx->line);
      return 0;
    }
    if (c == '\\') {
      p++;
      int n = peek_at(lx, p);
      if (n < 0) continue; /* reported as unterminated at the top of the loop */
      if (is_newline(n)) {
        p = skip_newline(lx, p);
        (*lines)++;
      } else {
        p++;
      }
      continue;
    }
    if (is_newline(c)) {
      p = skip_newline(lx, p);
      (*lines)++;
      continue;
    }
    if (c == quote && (!triple || (peek_at(lx, p + 1) == quote && peek_at(lx, p + 2) == quote))) return p;
    p++;
  }
}

static bool lex_string(Lexer *lx, Token *t, uint32_t start, uint32_t quote_pos, int flags) {
  if (flags & STR_BYTES) return lex_error_at(lx, lx->line, start, "bytes literals are not supported");
  if (flags & STR_FORMAT) return lex_error_at(lx, lx->line, start, "f-strings are not supported");
  int quote = peek_at(lx, quote_pos);
  bool triple = peek_at(lx, quote_pos + 1) == quote && peek_at(lx, quote_pos + 2) == quote;
  uint32_t body = quote_pos + (triple ? 3 : 1);
  uint32_t lines;
  uint32_t end = find_string_end(lx, start, body, quote, triple, &lines);
  if (!end) return false;
  char *out = arena_alloc(lx->arena, (size_t)(end - body) + 1);
  if (!out) return diag_out_of_memory(lx->diag);
  uint32_t n = 0, p = body, line = lx->line;
  while (p < end) {
    int c = peek_at(lx, p);
    if (is_newline(c)) { /* universal newlines: \r\n and \r read as \n */
      out[n++] = '\n';
      p = skip_newline(lx, p);
      line++;
    } else if (c != '\\') {
      out[n++] = (char)c;
      p++;
    } else if (flags & STR_RAW) {
      out[n++] = '\\'; /* a raw string keeps the backslash and the character after it */
      p++;
      if (is_newline(peek_at(lx, p))) {
        out[n++] = '\n';
        p = skip_newline(lx, p);
        line++;
      } else if (p < end) {
        out[n++] = lx->src[p++];
      }
    } else {
      if (is_newline(peek_at(lx, p + 1))) line++;
      p = decode_escape(lx, p + 1, end, line, out, &n);
      if (!p) return false;
    }
  }
  out[n] = '\0';
  set_token(lx, t, TK_STRING, start);
  t->v.s.data = out;
  t->v.s.len = n;
  lx->pos = end + (triple ? 3 : 1);
  lx->line += lines;
  return true;
}

/* ---- names ---- */

static int keyword_kind(const char *s, uint32_t n) {
  for (int k = TK_FIRST_KEYWORD; k < TK_COUNT; k++)
    if (strlen(tok_texts[k]) == n && memcmp(tok_texts[k], s, n) == 0) return k;
  return -1;
}

/* Code point of the UTF-8 sequence at p (the source is valid UTF-8). */
static uint32_t code_point_at(const Lexer *lx, uint32_t p, uint32_t *size) {
  unsigned char c = (unsigned char)lx->src[p];
  int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
  for (int i = 1; i < n && p + (uint32_t)i < lx->len; i++) cp = cp << 6 | ((unsigned char)lx->src[p + (uint32_t)i] & 0x3Fu);
  *size = (uint32_t)n;
  return cp;
}

static bool invalid_character(Lexer *lx, uint32_t p) {
  uint32_t size;
  uint32_t cp = code_point_at(lx, p, &size);
  if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
    return lex_error_at(lx, lx->line, p, "invalid non-printable character U+%04X", cp);
  if (cp < 0x80) return lex_error_at(lx, lx->line, p, "invalid syntax");
  return lex_error_at(lx, lx->line, p, "invalid character '%.*s' (U+%04X): only ASCII is allowed outside strings and comments",
                      (int)size, lx->src + p, cp);
}

static bool lex_name(Lexer *lx, Token *t) {
  uint32_t start = lx->pos, p = start;
  while (is_ident_char(peek_at(lx, p))) p++;
  if (peek_at(lx, p) >= 0x80) return invalid_character(lx, p);
  int q = peek_at(lx, p);
  if (q == '\'' || q == '"') {
    int flags = string_prefix_flags(lx->src + start, p - start);
    if (flags >= 0) return lex_string(lx, t, start, p, flags);
  }
  lx->pos = p;
  int kw = keyword_kind(lx->src + start, p - start);
  if (kw >= 0) {
    set_token(lx, t, kw, start);
    return true;
  }
  const Sym *s = sym_intern(lx->syms, lx->src + start, p - start);
  if (!s) return diag_out_of_memory(lx->diag);
  set_token(lx, t, TK_NAME, start);
  t->v.sym = s;
  return true;
}

/* ---- operators ---- */

static bool open_bracket(Lexer *lx, Token *t, int c, int kind) {
  if (lx->level >= LEX_MAX_LEVEL) return lex_error_at(lx, lx->line, lx->pos, "too many nested parentheses");
  lx->paren[lx->level] = (char)c;
  lx->paren_line[lx->level] = lx->line;
  lx->paren_pos[lx->level] = lx->pos;
  lx->level++;
  set_token(lx, t, kind, lx->pos);
  lx->pos++;
  return true;
}

static bool close_bracket(Lexer *lx, Token *t, int c, int kind) {
  if (lx->level == 0) return lex_error_at(lx, lx->line, lx->pos, "unmatched '%c'", c);
  int open = lx->paren[lx->level - 1];
  int want = open == '(' ? ')' : open == '[' ? ']' : '}';
  if (c != want) {
    uint32_t open_line = lx->paren_line[lx->level - 1];
    if (open_line != lx->line)
      return lex_error_at(lx, lx->line, lx->pos, "closing parenthesis '%c' does not match opening parenthesis '%c' on line %u",
                          c, open, open_line);
    return lex_error_at(lx, lx->line, lx->pos, "closing parenthesis '%c' does not match opening parenthesis '%c'", c, open);
  }
  lx->level--;
  set_token(lx, t, kind, lx->pos);
  lx->pos++;
  return true;
}

typedef struct OpSpelling {
  const char *text;
  int kind;
} OpSpelling;

/* Longest first, so that the first match is the longest. */
static const OpSpelling operators[] = {
    {"**=", TK_DSTAREQ}, {"//=", TK_DSLASHEQ}, {">>=", TK_RSHIFTEQ}, {"<<=", TK_LSHIFTEQ}, {"...", TK_ELLIPSIS},
    {"**", TK_DSTAR},    {"//", TK_DSLASH},    {">>", TK_RSHIFT},    {"<<", TK_LSHIFT},    {"<=", TK_LE},
    {">=", TK_GE},       {"==", TK_EQEQ},      {"!=", TK_NE},        {"->", TK_ARROW},     {":=", TK_WALRUS},
    {"+=", TK_PLUSEQ},   {"-=", TK_MINUSEQ},   {"*=", TK_STAREQ},    {"/=", TK_SLASHEQ},   {"%=", TK_PERCENTEQ},
    {"&=", TK_AMPEQ},    {"|=", TK_VBAREQ},    {"^=", TK_CARETEQ},   {"@=", TK_ATEQ},      {":", TK_COLON},
    {",", TK_COMMA},     {";", TK_SEMI},       {".", TK_DOT},        {"+", TK_PLUS},       {"-", TK_MINUS},
    {"*", TK_STAR},      {"/", TK_SLASH},      {"%", TK_PERCENT},    {"&", TK_AMP},        {"|", TK_VBAR},
    {"^", TK_CARET},     {"~", TK_TILDE},      {"@", TK_AT},         {"<", TK_LT},         {">", TK_GT},
    {"=", TK_EQUAL},
};

static bool lex_operator(Lexer *lx, Token *t) {
  int c = peek_at(lx, lx->pos);
  switch (c) {
  case '(': return open_bracket(lx, t, c, TK_LPAR);
  case '[': return open_bracket(lx, t, c, TK_LSQB);
  case '{': return open_bracket(lx, t, c, TK_LBRACE);
  case ')': return close_bracket(lx, t, c, TK_RPAR);
  case ']': return close_bracket(lx, t, c, TK_RSQB);
  case '}': return close_bracket(lx, t, c, TK_RBRACE);
  default: break;
  }
  for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++) {
    size_t n = strlen(operators[i].text);
    if (lx->len - lx->pos >= n && memcmp(lx->src + lx->pos, operators[i].text, n) == 0) {
      set_token(lx, t, operators[i].kind, lx->pos);
      lx->pos += (uint32_t)n;
      return true;
    }
  }
  return invalid_character(lx, lx->pos);
}

/* ---- the driver ---- */

static bool end_of_input(Lexer *lx, Token *t) {
  if (lx->level > 0) {
    int i = lx->level - 1;
    return lex_error_at(lx, lx->paren_line[i], lx->paren_pos[i], "'%c' was never closed", lx->paren[i]);
  }
  if (lx->line_has_tokens) {
    lx->line_has_tokens = false;
    set_token(lx, t, TK_NEWLINE, lx->len);
    return true;
  }
  if (lx->nindent > 0) {
    lx->pending = lx->nindent - 1;
    lx->nindent = 0;
    set_token(lx, t, TK_DEDENT, lx->len);
    return true;
  }
  lx->finished = true;
  set_token(lx, t, TK_END, lx->len);
  return true;
}

/* One token, or 0 to look again (skipped a comment, a blank line, a
 * continuation); -1 on error. */
static int scan(Lexer *lx, Token *t) {
  while (lx->pos < lx->len) {
    int c = peek_at(lx, lx->pos);
    if (c != ' ' && c != '\t' && c != '\f') break;
    lx->pos++;
  }
  uint32_t p = lx->pos;
  int c = peek_at(lx, p);
  if (c < 0) return end_of_input(lx, t) ? 1 : -1;
  if (c == '#') {
    while (p < lx->len && !is_newline(peek_at(lx, p))) p++;
    lx->pos = p;
    return 0;
  }
  if (is_newline(c)) {
    lx->pos = skip_newline(lx, p);
    bool emit = lx->level == 0 && lx->line_has_tokens;
    if (emit) set_token(lx, t, TK_NEWLINE, p);
    lx->line++;
    if (lx->level == 0) {
      lx->at_line_start = true;
      lx->line_has_tokens = false;
    }
    return emit ? 1 : 0;
  }
  if (c == '\\') {
    int n = peek_at(lx, p + 1);
    if (n < 0) return lex_error_at(lx, lx->line, p, "unexpected EOF while parsing") ? 0 : -1;
    if (!is_newline(n)) return lex_error_at(lx, lx->line, p, "unexpected character after line continuation character") ? 0 : -1;
    lx->pos = skip_newline(lx, p + 1);
    lx->line++;
    if (lx->pos >= lx->len) return lex_error_at(lx, lx->line, lx->pos, "unexpected EOF while parsing") ? 0 : -1;
    return 0;
  }
  bool ok;
  if (is_ident_start(c))
    ok = lex_name(lx, t);
  else if (is_digit(c) || (c == '.' && is_digit(peek_at(lx, p + 1))))
    ok = lex_number(lx, t);
  else if (c == '\'' || c == '"')
    ok = lex_string(lx, t, p, p, 0);
  else if (c >= 0x80 || c < 0x20 || c == 0x7F || c == '$' || c == '?' || c == '`')
    ok = invalid_character(lx, p);
  else
    ok = lex_operator(lx, t);
  if (!ok) return -1;
  lx->line_has_tokens = true;
  return 1;
}

bool lexer_next(Lexer *lx, Token *out) {
  if (lx->diag->failed) return false;
  for (;;) {
    if (lx->pending > 0) {
      lx->pending--;
      set_token(lx, out, TK_DEDENT, lx->pos);
      return true;
    }
    if (lx->finished) {
      set_token(lx, out, TK_END, lx->len);
      return true;
    }
    int r;
    if (lx->at_line_start && lx->level == 0) {
      r = line_start(lx, out);
      if (r == 0 && lx->diag->failed) return false;
      if (r != 0) return r > 0;
      if (lx->at_line_start) continue; /* a blank line was skipped */
      if (lx->pending > 0) continue;
    }
    r = scan(lx, out);
    if (lx->diag->failed) return false;
    if (r > 0) return true;
  }
}
