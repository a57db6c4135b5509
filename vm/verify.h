/* The bytecode verifier: the proof every engine relies on. A module that
 * passes never makes an engine read out of bounds, whatever it does at run
 * time: operands are in range, jumps land on instruction starts, and the
 * value stack has one statically known depth at every reachable
 * instruction, never below zero nor above max_stack. The rules, one line
 * each, are in docs/verifier.md. */
#ifndef LOCKSTEP_VERIFY_H
#define LOCKSTEP_VERIFY_H

#include <stdbool.h>
#include <stdint.h>

#include "vm/module.h"
#include "vm/strbuf.h"

/* True when the module is valid; else false, and one line (no newline) is
 * appended to err (which may be NULL) naming the function, the offset and
 * the fault, e.g. "function 1 (fib) at offset 12: LOAD_FAST: local index 7
 * out of range (3 locals)". */
bool verify_module(const Module *m, StrBuf *err);

/* The exact maximum stack depth of function func_index by the same
 * analysis, ignoring its declared max_stack (the assembler's `.stack`
 * default). False, with one line appended to err, when the function is
 * invalid for any reason other than its declared max_stack. */
bool verify_max_stack(const Module *m, uint32_t func_index, uint32_t *max_stack, StrBuf *err);

#endif
