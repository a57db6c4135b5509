/* str objects: immutable UTF-8, indexed by code point. */
#ifndef LOCKSTEP_STR_H
#define LOCKSTEP_STR_H

#include "vm/vm.h"

/* A new str from valid UTF-8 bytes; NULL with MemoryError pending. */
ObjStr *str_new(VM *vm, const char *data, size_t len);
static inline ObjStr *str_from_cstr(VM *vm, const char *s);
Value str_value(ObjStr *s); /* value_obj wrapper */
bool utf8_valid(const char *data, size_t len);
uint64_t str_hash_bytes(const char *data, size_t len);
/* Byte offset of code point `index` (0 <= index <= nchars). */
int64_t str_byte_offset(const ObjStr *s, int64_t index);
/* Length in bytes of the UTF-8 sequence starting with byte c (1..4). */
int utf8_seq_len(unsigned char c);
bool str_equal(const ObjStr *a, const ObjStr *b);
int str_compare(const ObjStr *a, const ObjStr *b); /* by code point, like CPython */

#include <string.h>
static inline ObjStr *str_from_cstr(VM *vm, const char *s) { return str_new(vm, s, strlen(s)); }

#endif
