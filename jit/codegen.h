/* Copy-and-patch: turns an executor's uops into machine code by copying the
 * stencils clang built at build time (generated jit/stencils.h) and patching
 * their holes. Memory is mapped read+write, filled, then switched to
 * read+execute: never writable and executable at once. */
#ifndef LOCKSTEP_CODEGEN_H
#define LOCKSTEP_CODEGEN_H

#include <stdbool.h>

#include "jit/executor.h"
#include "vm/strbuf.h"

/* Compile e->uops into e->code / e->entry. False (with a message in err)
 * when memory cannot be mapped; tier 1 then drops the executor and keeps
 * interpreting. */
bool codegen_compile(Executor *e, StrBuf *err);
/* Take e->code out of use: at once no longer executable, then kept for the
 * next trace of the same size (up to a bound) or unmapped. */
void codegen_free(Executor *e);
/* Unmap every mapping codegen_free kept (tests; nothing else needs it). */
void codegen_release_cache(void);
/* For --jit-dump: each uop's stencil offset and size in e->code. */
bool codegen_describe(const Executor *e, StrBuf *out);

#endif
