/* The code generator: from the syntax tree to a Module of lockstep
 * bytecode (function 0 is the top-level code; each def is one more
 * function). How each construct compiles is described in docs/language.md. */
#ifndef LOCKSTEP_LANG_COMPILE_H
#define LOCKSTEP_LANG_COMPILE_H

#include <stddef.h>

#include "lang/ast.h"
#include "lang/diag.h"
#include "lang/sym.h"
#include "vm/module.h"

/* A new module (filename not set), or NULL with the error in diag.
 * `source_len` scales the work budget that bounds code duplication by
 * finally blocks. */
Module *lang_codegen(const Program *prog, const SymTable *syms, size_t source_len, LangDiag *diag);

#endif
