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
/* str_new ignoring the heap limit (exception messages); NULL without an
 * exception only when the process itself is out of memory. */
ObjStr *str_new_unlimited(VM *vm, const char *data, size_t len);
/* The code point at byte offset *pos of UTF-8 text of `len` bytes
 * (*pos < len); advances *pos past it. Never reads past `len`. */
uint32_t utf8_decode_at(const char *data, size_t len, size_t *pos);
/* str.isprintable() of one code point, as CPython 3.11 (Unicode 14.0). */
bool unicode_printable(uint32_t cp);

#include <string.h>
static inline ObjStr *str_from_cstr(VM *vm, const char *s) { return str_new(vm, s, strlen(s)); }

#endif
