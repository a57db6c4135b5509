/* Exception objects, raising, and the text CPython prints for them.
 *
 * Exceptions (and their messages and tracebacks) ignore the heap limit but
 * are counted: raising must work when the heap is full, MemoryError above
 * all. When the process itself has no memory left, a raise leaves no
 * exception pending (vm->exc NULL with LS_ERR), which the interpreter
 * reports as a process failure. */
#include "vm/exc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/builtins.h"
#include "vm/heap.h"
#include "vm/ops.h"
#include "vm/str.h"

enum {
  TRACEBACK_LIMIT = 1000,        /* sys.tracebacklimit's default: the innermost 1000 frames */
  TRACEBACK_RECURSIVE_CUTOFF = 3 /* identical lines shown before "[Previous line repeated ...]" */
};

ObjException *exc_new(VM *vm, int type, bool has_arg, Value arg) {
  ObjException *e = (ObjException *)heap_alloc_unlimited(vm, sizeof(ObjException), OBJ_EXCEPTION);
  if (!e) return NULL;
  e->type = type;
  e->has_arg = has_arg;
  e->arg = has_arg ? arg : value_none();
  value_incref(e->arg);
  e->tb = NULL;
  e->tb_len = e->tb_cap = 0;
  return e;
}

/* Nothing can be raised: the process is out of memory. */
static Status raise_nothing(VM *vm) {
  ObjException *old = vm->exc;
  vm->exc = NULL;
  if (old) obj_decref(vm, &old->h);
  return LS_ERR;
}

Status vm_raise_exc(VM *vm, ObjException *e) {
  if (!e) return raise_nothing(vm);
  ObjException *old = vm->exc;
  vm->exc = e;
  if (old) obj_decref(vm, &old->h);
  return LS_ERR;
}

Status vm_raise_noarg(VM *vm, int type) { return vm_raise_exc(vm, exc_new(vm, type, false, value_none())); }

Status vm_raise_value(VM *vm, int type, Value arg) { return vm_raise_exc(vm, exc_new(vm, type, true, arg)); }

Status vm_raise(VM *vm, int type, const char *fmt, ...) {
  char small[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) n = 0;
  char *text = small;
  if ((size_t)n >= sizeof small) {
    text = malloc((size_t)n + 1);
    if (!text) return raise_nothing(vm);
    va_start(ap, fmt);
    vsnprintf(text, (size_t)n + 1, fmt, ap);
    va_end(ap);
  }
  ObjStr *msg = str_new_unlimited(vm, text, strnlen(text, (size_t)n));
  if (text != small) free(text);
  if (!msg) return raise_nothing(vm);
  ObjException *e = exc_new(vm, type, true, value_obj(&msg->h));
  obj_decref(vm, &msg->h);
  return vm_raise_exc(vm, e);
}

ObjException *vm_take_exc(VM *vm) {
  ObjException *e = vm->exc;
  vm->exc = NULL;
  return e;
}

/* ------------------------------------------------------------ traceback */

/* The traceback buffer keeps its entries at its end (e->tb points at the
 * first of the tb_len live ones), so that adding an outer frame in front
 * is O(1). Its bytes are counted like any buffer but, like the exception,
 * not limited; heap_buf_free releases them. */
static TracebackEntry *tb_base(const ObjException *e) { return e->tb + e->tb_len - e->tb_cap; }

static bool tb_grow(VM *vm, ObjException *e) {
  int64_t cap = e->tb_cap ? e->tb_cap * 2 : 16;
  if (cap > ((int64_t)1 << 40)) return false;
  TracebackEntry *buf = malloc((size_t)cap * sizeof(TracebackEntry));
  if (!buf) return false;
  vm->heap_bytes += cap * (int64_t)sizeof(TracebackEntry);
  TracebackEntry *first = buf + cap - e->tb_len;
  if (e->tb_len) memcpy(first, e->tb, (size_t)e->tb_len * sizeof(TracebackEntry));
  if (e->tb) heap_buf_free(vm, tb_base(e), (size_t)e->tb_cap * sizeof(TracebackEntry));
  e->tb = first;
  e->tb_cap = cap;
  return true;
}

/* Frames are added innermost first as the exception unwinds; each new one
 * is the outermost so far, so it goes in front. Without memory for it, the
 * frame is left out (nothing may be raised here: e may be vm->exc). */
void exc_add_traceback(VM *vm, ObjException *e, uint32_t code_index, uint32_t line) {
  if (e->tb_len == e->tb_cap && !tb_grow(vm, e)) return;
  e->tb--;
  e->tb_len++;
  e->tb[0].code_index = code_index;
  e->tb[0].line = line;
}

/* ----------------------------------------------------------------- text */

static const char *exc_type_name(const ObjException *e) {
  return e->type >= 0 && e->type < B_COUNT ? builtin_info[e->type].name : "BaseException";
}

Status exc_str(VM *vm, ObjException *e, StrBuf *sb) {
  if (!e->has_arg) return LS_OK;
  if (e->type == B_KeyError) return value_repr(vm, e->arg, sb);
  return value_str(vm, e->arg, sb);
}

/* str(e) for printing: never fails and leaves vm->exc as it was. A failing
 * str() prints as CPython's "<exception str() failed>". */
static void exc_message(VM *vm, ObjException *e, StrBuf *msg) {
  ObjException *pending = vm_take_exc(vm);
  obj_incref(&e->h);
  if (exc_str(vm, e, msg) != LS_OK) {
    strbuf_clear(msg);
    strbuf_puts(msg, "<exception str() failed>");
  }
  obj_decref(vm, &e->h);
  ObjException *raised = vm_take_exc(vm);
  if (raised) obj_decref(vm, &raised->h);
  vm->exc = pending;
}

Status exc_format_last_line(VM *vm, ObjException *e, StrBuf *sb) {
  StrBuf msg;
  strbuf_init(&msg);
  exc_message(vm, e, &msg);
  strbuf_puts(sb, exc_type_name(e));
  if (msg.len > 0) {
    strbuf_puts(sb, ": ");
    strbuf_append(sb, msg.data, msg.len);
  }
  strbuf_free(&msg);
  return LS_OK;
}

static const Bytes *frame_name(const VM *vm, const TracebackEntry *t) {
  if (vm->module && t->code_index < vm->module->nfuncs) return &vm->module->funcs[t->code_index].name;
  return NULL;
}

static bool same_frame_line(const VM *vm, const TracebackEntry *a, const TracebackEntry *b) {
  if (a->line != b->line) return false;
  const Bytes *x = frame_name(vm, a), *y = frame_name(vm, b);
  if (!x || !y) return x == y;
  return x->len == y->len && memcmp(x->data, y->data, x->len) == 0;
}

static void format_frame_line(const VM *vm, const TracebackEntry *t, StrBuf *sb) {
  strbuf_puts(sb, "  File \"");
  strbuf_puts(sb, vm->module && vm->module->filename ? vm->module->filename : "<unknown>");
  strbuf_printf(sb, "\", line %u, in ", t->line);
  const Bytes *name = frame_name(vm, t);
  if (name) strbuf_append(sb, name->data, name->len);
  else strbuf_puts(sb, "?");
  strbuf_putc(sb, '\n');
}

static void format_repeated(int64_t count, StrBuf *sb) {
  int64_t more = count - TRACEBACK_RECURSIVE_CUTOFF;
  strbuf_printf(sb, "  [Previous line repeated %lld more time%s]\n", (long long)more, more > 1 ? "s" : "");
}

/* CPython's tb_print_internal: the innermost TRACEBACK_LIMIT frames,
 * outermost first, with runs of identical lines collapsed after three. */
Status exc_format_traceback(VM *vm, ObjException *e, StrBuf *sb) {
  strbuf_puts(sb, "Traceback (most recent call last):\n");
  int64_t first = e->tb_len > TRACEBACK_LIMIT ? e->tb_len - TRACEBACK_LIMIT : 0;
  int64_t run = 0;
  for (int64_t k = first; k < e->tb_len; k++) {
    if (k == first || !same_frame_line(vm, &e->tb[k], &e->tb[k - 1])) {
      if (run > TRACEBACK_RECURSIVE_CUTOFF) format_repeated(run, sb);
      run = 0;
    }
    if (++run <= TRACEBACK_RECURSIVE_CUTOFF) format_frame_line(vm, &e->tb[k], sb);
  }
  if (run > TRACEBACK_RECURSIVE_CUTOFF) format_repeated(run, sb);
  exc_format_last_line(vm, e, sb);
  strbuf_putc(sb, '\n');
  return LS_OK;
}
