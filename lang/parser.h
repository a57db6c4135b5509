/* The parser: a recursive-descent parser for the lockstep subset of Python
 * (docs/language.md), building the tree of ast.h. Constructs outside the
 * subset are reported by name ("classes are not supported"); anything that
 * is not Python is "invalid syntax" or CPython's more specific message.
 * Recursion is bounded: brackets by the lexer, everything else that nests
 * by LANG_MAX_PARSE_DEPTH and LANG_MAX_EXPR_HEIGHT. */
#ifndef LOCKSTEP_LANG_PARSER_H
#define LOCKSTEP_LANG_PARSER_H

#include <stdbool.h>
#include <stdint.h>

#include "lang/arena.h"
#include "lang/ast.h"
#include "lang/diag.h"
#include "lang/sym.h"

enum { LANG_MAX_PARSE_DEPTH = 1000 };

/* Parses the whole source (valid UTF-8 without NUL bytes) into *out; false
 * with the error in diag. */
bool lang_parse(const char *src, uint32_t len, Arena *arena, SymTable *syms, LangDiag *diag, Program *out);

#endif
