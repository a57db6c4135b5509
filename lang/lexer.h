/* The tokenizer: Python's lexical rules (logical lines, INDENT/DEDENT from
 * the indentation stack, implicit joining inside brackets, backslash
 * continuation, string and number literals), producing one token at a time.
 * Limits as CPython's: 200 nested brackets, 100 indentation levels. */
#ifndef LOCKSTEP_LANG_LEXER_H
#define LOCKSTEP_LANG_LEXER_H

#include <stdbool.h>
#include <stdint.h>

#include "lang/arena.h"
#include "lang/diag.h"
#include "lang/sym.h"

/* X(KIND, TEXT): TEXT is the spelling of keywords (and names the others). */
#define LANG_TOKENS(X) \
  X(END, "end of file") X(NEWLINE, "newline") X(INDENT, "indent") X(DEDENT, "dedent") \
  X(NAME, "name") X(INT, "integer") X(FLOAT, "float") X(STRING, "string") \
  X(LPAR, "(") X(RPAR, ")") X(LSQB, "[") X(RSQB, "]") X(LBRACE, "{") X(RBRACE, "}") \
  X(COLON, ":") X(COMMA, ",") X(SEMI, ";") X(DOT, ".") X(ELLIPSIS, "...") \
  X(PLUS, "+") X(MINUS, "-") X(STAR, "*") X(SLASH, "/") X(DSLASH, "//") X(PERCENT, "%") \
  X(DSTAR, "**") X(LSHIFT, "<<") X(RSHIFT, ">>") X(AMP, "&") X(VBAR, "|") X(CARET, "^") \
  X(TILDE, "~") X(AT, "@") X(LT, "<") X(GT, ">") X(LE, "<=") X(GE, ">=") X(EQEQ, "==") \
  X(NE, "!=") X(EQUAL, "=") X(ARROW, "->") X(WALRUS, ":=") \
  X(PLUSEQ, "+=") X(MINUSEQ, "-=") X(STAREQ, "*=") X(SLASHEQ, "/=") X(DSLASHEQ, "//=") \
  X(PERCENTEQ, "%=") X(DSTAREQ, "**=") X(LSHIFTEQ, "<<=") X(RSHIFTEQ, ">>=") X(AMPEQ, "&=") \
  X(VBAREQ, "|=") X(CARETEQ, "^=") X(ATEQ, "@=") \
  X(KW_FALSE, "False") X(KW_NONE, "None") X(KW_TRUE, "True") X(KW_AND, "and") X(KW_AS, "as") \
  X(KW_ASSERT, "assert") X(KW_ASYNC, "async") X(KW_AWAIT, "await") X(KW_BREAK, "break") \
  X(KW_CLASS, "class") X(KW_CONTINUE, "continue") X(KW_DEF, "def") X(KW_DEL, "del") \
  X(KW_ELIF, "elif") X(KW_ELSE, "else") X(KW_EXCEPT, "except") X(KW_FINALLY, "finally") \
  X(KW_FOR, "for") X(KW_FROM, "from") X(KW_GLOBAL, "global") X(KW_IF, "if") \
  X(KW_IMPORT, "import") X(KW_IN, "in") X(KW_IS, "is") X(KW_LAMBDA, "lambda") \
  X(KW_NONLOCAL, "nonlocal") X(KW_NOT, "not") X(KW_OR, "or") X(KW_PASS, "pass") \
  X(KW_RAISE, "raise") X(KW_RETURN, "return") X(KW_TRY, "try") X(KW_WHILE, "while") \
  X(KW_WITH, "with") X(KW_YIELD, "yield")

typedef enum TokKind {
#define LANG_TOK_ENUM(kind, text) TK_##kind,
  LANG_TOKENS(LANG_TOK_ENUM)
#undef LANG_TOK_ENUM
  TK_COUNT
} TokKind;

#define TK_FIRST_KEYWORD TK_KW_FALSE

enum {
  LEX_MAX_LEVEL = 200,  /* nested brackets ("too many nested parentheses") */
  LEX_MAX_INDENT = 100, /* indentation stack ("too many levels of indentation") */
};

typedef struct Token {
  uint8_t kind;      /* TokKind */
  uint8_t int_flag;  /* TK_INT: INTLIT_* below */
  uint32_t line;     /* of the first character */
  uint32_t pos;      /* byte offset of the first character */
  union {
    uint64_t u;      /* TK_INT: the value when it fits in 64 bits */
    double f;        /* TK_FLOAT */
    struct {
      const char *data; /* TK_STRING: decoded UTF-8 (arena), NUL-terminated */
      uint32_t len;
    } s;
    const Sym *sym;  /* TK_NAME */
  } v;
} Token;

enum {
  INTLIT_FITS = 0,  /* value <= INT64_MAX */
  INTLIT_2POW63,    /* exactly 2**63: valid only after a unary minus */
  INTLIT_TOO_BIG,   /* larger */
};

typedef struct Lexer {
  const char *src;
  uint32_t len, pos, line;
  Arena *arena;
  LangDiag *diag;
  SymTable *syms;
  bool at_line_start;   /* indentation not yet measured for this line */
  bool line_has_tokens; /* a token since the last NEWLINE */
  bool finished;        /* END returned */
  int pending;          /* DEDENTs still to return (INDENT is never pending) */
  int nindent;          /* indent[0..nindent] in use; indent[0] == 0 */
  int indent[LEX_MAX_INDENT + 1];
  int altindent[LEX_MAX_INDENT + 1]; /* the same with tabs counted as 1 column */
  int level;            /* open brackets */
  char paren[LEX_MAX_LEVEL];
  uint32_t paren_line[LEX_MAX_LEVEL], paren_pos[LEX_MAX_LEVEL];
} Lexer;

/* The source must be valid UTF-8 without NUL bytes (lang_compile checks). */
void lexer_init(Lexer *lx, const char *src, uint32_t len, Arena *arena, SymTable *syms, LangDiag *diag);
/* The next token; false (with an error recorded) on a lexical error. */
bool lexer_next(Lexer *lx, Token *out);

#endif
