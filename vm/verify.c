/* The bytecode verifier (rules: docs/verifier.md).
 *
 * Per function, in this order:
 *   1. the header: counts within the limits of vm/module.h, tables present;
 *   2. names and constants: valid UTF-8, known kinds, bounded tuple nesting;
 *   3. a linear decode from offset 0 that marks every instruction start and
 *      checks every operand, reachable or not;
 *   4. jump targets, exception-table entries and line-table offsets against
 *      the set of instruction starts;
 *   5. the stack analysis: a worklist from offset 0 and from every handler
 *      target that gives each reachable instruction one depth;
 *   6. the exception ranges: no reachable covered instruction may leave the
 *      stack below a covering handler's depth.
 * Everything is linear in the code size (plus H log H for H handlers), uses
 * no recursion, and allocates only in proportion to counts checked first. */
#include "vm/verify.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/opcodes.h"
#include "vm/str.h"

/* Per code offset, one uint16_t: the stack depth before the instruction that
 * starts there, or one of these markers. */
enum {
  DEPTH_NOT_START = 0xFFFF, /* the offset is inside an instruction */
  DEPTH_UNSEEN = 0xFFFE,    /* an instruction start not reached (yet) */
};
_Static_assert((int)CODE_MAX_STACK < (int)DEPTH_UNSEEN, "stack depths must fit below the markers");

enum { NAME_SHOWN_BYTES = 64 }; /* a function name longer than this is cut in messages */

typedef struct Checker {
  const Module *m;
  uint32_t index;   /* of the function being checked */
  const Code *c;
  StrBuf *err;
  uint32_t limit;   /* the deepest the stack may get */
  bool declared;    /* limit is c->max_stack (else CODE_MAX_STACK: verify_max_stack) */
  uint16_t *depth;  /* code_len entries, see DEPTH_* */
  uint32_t *work;   /* instruction starts whose successors are still to be visited */
  size_t nwork, capwork;
  uint32_t deepest; /* the greatest depth the analysis saw */
} Checker;

/* ---- messages ---- */

/* A function name for a message: printable ASCII as is, other bytes as
 * \xNN, so that a hostile name cannot break the one-line format. */
static void put_shown_name(StrBuf *sb, const Bytes *name) {
  if (!name->data) {
    strbuf_putc(sb, '?');
    return;
  }
  uint32_t shown = name->len < NAME_SHOWN_BYTES ? name->len : NAME_SHOWN_BYTES;
  for (uint32_t i = 0; i < shown; i++) {
    unsigned char ch = (unsigned char)name->data[i];
    if (ch >= 0x20 && ch < 0x7f && ch != '\\')
      strbuf_putc(sb, (char)ch);
    else
      strbuf_printf(sb, "\\x%02x", ch);
  }
  if (shown < name->len) strbuf_puts(sb, "...");
}

static void put_message(StrBuf *sb, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
static void put_message(StrBuf *sb, const char *fmt, va_list ap) {
  char msg[256];
  vsnprintf(msg, sizeof msg, fmt, ap);
  strbuf_puts(sb, msg);
}

static bool module_fail(StrBuf *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool module_fail(StrBuf *err, const char *fmt, ...) {
  if (!err) return false;
  strbuf_puts(err, "module: ");
  va_list ap;
  va_start(ap, fmt);
  put_message(err, fmt, ap);
  va_end(ap);
  return false;
}

/* "function N (NAME)[ at offset X]: [OPNAME: ]message"; offset < 0 and
 * op < 0 leave their parts out. Always returns false. */
static bool fail(const Checker *k, int64_t offset, int op, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static bool fail(const Checker *k, int64_t offset, int op, const char *fmt, ...) {
  if (!k->err) return false;
  strbuf_printf(k->err, "function %u (", k->index);
  put_shown_name(k->err, &k->c->name);
  strbuf_putc(k->err, ')');
  if (offset >= 0) strbuf_printf(k->err, " at offset %lld", (long long)offset);
  strbuf_puts(k->err, ": ");
  if (op >= 0 && op < OP_COUNT) strbuf_printf(k->err, "%s: ", opcode_info[op].name);
  va_list ap;
  va_start(ap, fmt);
  put_message(k->err, fmt, ap);
  va_end(ap);
  return false;
}

static const char *limit_name(const Checker *k) { return k->declared ? "max_stack" : "the stack limit"; }

/* ---- decoding (the encoding of vm/opcodes.h) ---- */

static uint32_t operand_at(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The operand of the (already decoded) instruction at `offset`. */
static uint32_t arg_at(const Code *c, uint32_t offset) {
  return opcode_size(c->code[offset]) == 1 ? 0 : operand_at(c->code + offset + 1);
}

/* Distances count from the end of the jumping instruction. */
static int64_t jump_target(uint32_t offset, int op, uint32_t arg) {
  int64_t end = (int64_t)offset + opcode_size(op);
  return opcode_info[op].operand == OPK_JUMP_BACK ? end - (int64_t)arg : end + (int64_t)arg;
}

static bool is_start(const Checker *k, int64_t offset) {
  return offset >= 0 && offset < k->c->code_len && k->depth[offset] != DEPTH_NOT_START;
}

static bool is_reached(const Checker *k, uint32_t offset) { return k->depth[offset] < DEPTH_UNSEEN; }

/* ---- 1. header ---- */

static bool table_present(uint32_t count, const void *table) { return count == 0 || table != NULL; }

static bool check_header(const Checker *k) {
  const Code *c = k->c;
  if (c->nlocals > CODE_MAX_LOCALS) return fail(k, -1, -1, "%u locals (at most %d)", c->nlocals, CODE_MAX_LOCALS);
  if (c->arity > c->nlocals)
    return fail(k, -1, -1, "arity %u exceeds the number of locals %u", c->arity, c->nlocals);
  if (k->declared && c->max_stack > CODE_MAX_STACK)
    return fail(k, -1, -1, "max_stack %u (at most %d)", c->max_stack, CODE_MAX_STACK);
  if (c->code_len == 0) return fail(k, -1, -1, "empty code");
  if (c->code_len > CODE_MAX_BYTES)
    return fail(k, -1, -1, "%u bytes of code (at most %d)", c->code_len, CODE_MAX_BYTES);
  if (c->nconsts > CODE_MAX_CONSTS)
    return fail(k, -1, -1, "%u constants (at most %d)", c->nconsts, CODE_MAX_CONSTS);
  if (c->nnames > CODE_MAX_NAMES) return fail(k, -1, -1, "%u names (at most %d)", c->nnames, CODE_MAX_NAMES);
  if (c->nhandlers > CODE_MAX_HANDLERS)
    return fail(k, -1, -1, "%u exception handlers (at most %d)", c->nhandlers, CODE_MAX_HANDLERS);
  if (!table_present(c->code_len, c->code) || !table_present(c->nlocals, c->local_names) ||
      !table_present(c->nconsts, c->consts) || !table_present(c->nnames, c->names) ||
      !table_present(c->nlines, c->lines) || !table_present(c->nhandlers, c->handlers))
    return fail(k, -1, -1, "a table with a nonzero count is missing");
  return true;
}

/* ---- 2. names and constants ---- */

/* Engines print names with %s and turn names and str constants into str
 * objects, which must hold valid UTF-8. `what` names the string in the
 * message ("local name 3"). */
static bool check_bytes(const Checker *k, const char *what, const Bytes *b, uint32_t max_len) {
  if (!b->data) return fail(k, -1, -1, "%s has no bytes", what);
  if (b->len > max_len) return fail(k, -1, -1, "%s is longer than %u bytes", what, max_len);
  if (!utf8_valid(b->data, b->len)) return fail(k, -1, -1, "%s is not valid UTF-8", what);
  return true;
}

static bool check_indexed_bytes(const Checker *k, const char *kind, uint32_t index, const Bytes *b,
                                uint32_t max_len) {
  /* check_bytes's conditions, so that its label is formatted only for a failure */
  if (b->data && b->len <= max_len && utf8_valid(b->data, b->len)) return true;
  char what[64];
  snprintf(what, sizeof what, "%s %u", kind, index);
  return check_bytes(k, what, b, max_len);
}

static bool check_names(const Checker *k) {
  const Code *c = k->c;
  if (!check_bytes(k, "the function name", &c->name, NAME_MAX_BYTES)) return false;
  for (uint32_t i = 0; i < c->nlocals; i++)
    if (!check_indexed_bytes(k, "local name", i, &c->local_names[i], NAME_MAX_BYTES)) return false;
  for (uint32_t i = 0; i < c->nnames; i++)
    if (!check_indexed_bytes(k, "name", i, &c->names[i], NAME_MAX_BYTES)) return false;
  return true;
}

/* One constant node, `nesting` tuples deep. */
static bool check_const_node(const Checker *k, uint32_t index, const Const *v, int nesting) {
  switch (v->kind) {
  case CK_NONE:
  case CK_BOOL:
  case CK_INT:
  case CK_FLOAT: return true;
  case CK_STR: return check_indexed_bytes(k, "a string in constant", index, &v->as.s, UINT32_MAX);
  case CK_TUPLE:
    if (nesting + 1 > CONST_MAX_DEPTH)
      return fail(k, -1, -1, "constant %u: tuples nested deeper than %d", index, CONST_MAX_DEPTH);
    if (!table_present(v->as.t.len, v->as.t.items))
      return fail(k, -1, -1, "constant %u: a tuple has no items table", index);
    return true;
  default: return fail(k, -1, -1, "constant %u: unknown kind %u", index, v->kind);
  }
}

/* Walks one constant depth-first with an explicit stack, so hostile nesting
 * costs no C stack (the nesting check stops it at CONST_MAX_DEPTH). */
static bool check_const(const Checker *k, uint32_t index) {
  struct {
    const Const *items;
    uint32_t len, next;
  } open[CONST_MAX_DEPTH];
  int nopen = 0;
  const Const *v = &k->c->consts[index];
  while (v) {
    if (!check_const_node(k, index, v, nopen)) return false;
    if (v->kind == CK_TUPLE && v->as.t.len > 0) {
      open[nopen].items = v->as.t.items;
      open[nopen].len = v->as.t.len;
      open[nopen].next = 0;
      nopen++;
    }
    v = NULL;
    while (nopen > 0 && !v) {
      if (open[nopen - 1].next < open[nopen - 1].len)
        v = &open[nopen - 1].items[open[nopen - 1].next++];
      else
        nopen--;
    }
  }
  return true;
}

static bool check_consts(const Checker *k) {
  for (uint32_t i = 0; i < k->c->nconsts; i++)
    if (!check_const(k, i)) return false;
  return true;
}

/* ---- 3. linear decode ---- */

static uint32_t min_count(int op) {
  switch (op) {
  case OP_COPY: return 1;
  case OP_SWAP: return 2;
  case OP_LIST_APPEND: return 1;
  default: return 0;
  }
}

/* Operands of every kind but jumps (those need every instruction start). */
static bool check_operand(const Checker *k, uint32_t offset, int op, uint32_t arg) {
  const Code *c = k->c;
  switch (opcode_info[op].operand) {
  case OPK_CONST:
    if (arg >= c->nconsts)
      return fail(k, offset, op, "constant index %u out of range (%u constants)", arg, c->nconsts);
    return true;
  case OPK_LOCAL:
    if (arg >= c->nlocals) return fail(k, offset, op, "local index %u out of range (%u locals)", arg, c->nlocals);
    return true;
  case OPK_NAME:
    if (arg >= c->nnames) return fail(k, offset, op, "name index %u out of range (%u names)", arg, c->nnames);
    return true;
  case OPK_FUNC:
    if (arg >= k->m->nfuncs)
      return fail(k, offset, op, "function index %u out of range (%u functions)", arg, k->m->nfuncs);
    return true;
  case OPK_BINOP:
    if (arg >= BINOP_COUNT) return fail(k, offset, op, "operator %u out of range (%d operators)", arg, BINOP_COUNT);
    return true;
  case OPK_CMPOP:
    if (arg >= CMPOP_COUNT)
      return fail(k, offset, op, "comparison %u out of range (%d comparisons)", arg, CMPOP_COUNT);
    return true;
  case OPK_FLAG:
    if (arg > 1) return fail(k, offset, op, "flag %u is not 0 or 1", arg);
    return true;
  case OPK_COUNT:
    if (arg > CODE_MAX_STACK) return fail(k, offset, op, "count %u out of range (at most %d)", arg, CODE_MAX_STACK);
    if (arg < min_count(op)) return fail(k, offset, op, "count %u is below the minimum %u", arg, min_count(op));
    return true;
  default: return true; /* OPK_NONE; jumps are checked by check_jumps */
  }
}

/* Allocates k->depth and marks every instruction start DEPTH_UNSEEN. */
static bool decode_all(Checker *k) {
  const Code *c = k->c;
  k->depth = malloc((size_t)c->code_len * sizeof *k->depth);
  if (!k->depth) return fail(k, -1, -1, "out of memory while verifying");
  memset(k->depth, 0xFF, (size_t)c->code_len * sizeof *k->depth); /* all DEPTH_NOT_START */
  uint32_t offset = 0;
  while (offset < c->code_len) {
    int op = c->code[offset];
    if (op >= OP_COUNT) return fail(k, offset, -1, "unknown opcode byte 0x%02x", (unsigned)op);
    uint32_t size = opcode_size(op);
    if (size > c->code_len - offset)
      return fail(k, offset, op, "instruction truncated by the end of the code (%u bytes, %u left)", size,
                  c->code_len - offset);
    k->depth[offset] = DEPTH_UNSEEN;
    if (!check_operand(k, offset, op, arg_at(c, offset))) return false;
    offset += size;
  }
  return true;
}

/* ---- 4. targets against instruction starts ---- */

static bool check_jumps(const Checker *k) {
  const Code *c = k->c;
  for (uint32_t offset = 0; offset < c->code_len; offset += opcode_size(c->code[offset])) {
    int op = c->code[offset];
    if (!(opcode_info[op].flags & OPF_JUMP)) continue;
    int64_t target = jump_target(offset, op, arg_at(c, offset));
    if (target < 0 || target >= c->code_len)
      return fail(k, offset, op, "jump target %lld outside the code (%u bytes)", (long long)target, c->code_len);
    if (!is_start(k, target))
      return fail(k, offset, op, "jump target %lld is not at the start of an instruction", (long long)target);
    /* Engines treat a back-edge as a loop closing at or before itself. */
    if ((opcode_info[op].flags & OPF_BACKEDGE) && target > offset)
      return fail(k, offset, op, "backward jump to %lld does not go backward", (long long)target);
  }
  return true;
}

static bool check_handler_entries(const Checker *k) {
  const Code *c = k->c;
  for (uint32_t i = 0; i < c->nhandlers; i++) {
    const ExcEntry *h = &c->handlers[i];
    if (h->start >= h->end)
      return fail(k, -1, -1, "exception handler %u: start %u is not before end %u", i, h->start, h->end);
    if (!is_start(k, h->start))
      return fail(k, -1, -1, "exception handler %u: start %u is not at the start of an instruction", i, h->start);
    if (h->end != c->code_len && !is_start(k, h->end))
      return fail(k, -1, -1, "exception handler %u: end %u is neither at the start of an instruction nor the end of the code",
                  i, h->end);
    if (!is_start(k, h->target))
      return fail(k, -1, -1, "exception handler %u: target %u is not at the start of an instruction", i, h->target);
    if ((uint64_t)h->depth + 1 > k->limit)
      return fail(k, -1, -1, "exception handler %u: depth %u leaves no room for the exception (%s %u)", i, h->depth,
                  limit_name(k), k->limit);
  }
  return true;
}

static bool check_lines(const Checker *k) {
  const Code *c = k->c;
  for (uint32_t i = 0; i < c->nlines; i++) {
    uint32_t offset = c->lines[i].offset;
    if (i > 0 && offset <= c->lines[i - 1].offset)
      return fail(k, -1, -1, "line table entry %u: offset %u does not come after offset %u", i, offset,
                  c->lines[i - 1].offset);
    if (!is_start(k, offset))
      return fail(k, -1, -1, "line table entry %u: offset %u is not at the start of an instruction", i, offset);
  }
  return true;
}

/* ---- 5. stack analysis ---- */

static bool push_work(Checker *k, uint32_t offset) {
  if (k->nwork == k->capwork) {
    size_t cap = k->capwork ? 2 * k->capwork : 64;
    uint32_t *p = realloc(k->work, cap * sizeof *p);
    if (!p) return fail(k, -1, -1, "out of memory while verifying");
    k->work = p;
    k->capwork = cap;
  }
  k->work[k->nwork++] = offset;
  return true;
}

/* Control reaches instruction `target` with `depth` values on the stack
 * (depth <= k->limit, checked by the caller). */
static bool reach(Checker *k, uint32_t target, uint32_t depth) {
  uint16_t known = k->depth[target];
  if (known == DEPTH_UNSEEN) {
    k->depth[target] = (uint16_t)depth;
    if (depth > k->deepest) k->deepest = depth;
    return push_work(k, target);
  }
  if (known != depth)
    return fail(k, target, k->c->code[target], "stack depth %u on one path and %u on another", depth, known);
  return true;
}

/* Checks one reached instruction and passes its depth on to its successors. */
static bool step(Checker *k, uint32_t offset) {
  const Code *c = k->c;
  int op = c->code[offset];
  uint32_t arg = arg_at(c, offset);
  unsigned flags = opcode_info[op].flags;
  int64_t depth = k->depth[offset];
  int64_t pops = opcode_pops(op, arg);
  if (depth < pops) return fail(k, offset, op, "stack underflow (depth %lld, pops %lld)", (long long)depth, (long long)pops);
  int64_t after = depth - pops + opcode_pushes(op, arg);
  if (after > k->limit)
    return fail(k, offset, op, "stack overflow (depth %lld exceeds %s %u)", (long long)after, limit_name(k), k->limit);
  if ((uint64_t)after > k->deepest) k->deepest = (uint32_t)after;
  if (!(flags & OPF_NOFALL)) {
    uint32_t next = offset + opcode_size(op);
    if (next >= c->code_len) return fail(k, offset, op, "execution falls off the end of the code");
    if (!reach(k, next, (uint32_t)after)) return false;
  }
  if (flags & OPF_JUMP) {
    int64_t taken = depth - pops + opcode_branch_pushes(op, arg);
    if (taken > k->limit)
      return fail(k, offset, op, "stack overflow when the jump is taken (depth %lld exceeds %s %u)", (long long)taken,
                  limit_name(k), k->limit);
    if ((uint64_t)taken > k->deepest) k->deepest = (uint32_t)taken;
    if (!reach(k, (uint32_t)jump_target(offset, op, arg), (uint32_t)taken)) return false;
  }
  return true;
}

/* Roots: offset 0 with an empty stack, and every handler target with the
 * handler's depth plus the exception (a merge like any other edge). */
static bool analyze_stack(Checker *k) {
  if (!reach(k, 0, 0)) return false;
  for (uint32_t i = 0; i < k->c->nhandlers; i++) {
    const ExcEntry *h = &k->c->handlers[i];
    if (!reach(k, h->target, h->depth + 1)) return false;
  }
  while (k->nwork > 0)
    if (!step(k, k->work[--k->nwork])) return false;
  return true;
}

/* ---- 6. exception ranges ---- */

/* Max-heap of handler indices by (depth, then lower index first), so that
 * its top is the deepest handler covering the current offset. */
static bool handler_above(const ExcEntry *hs, uint32_t a, uint32_t b) {
  return hs[a].depth != hs[b].depth ? hs[a].depth > hs[b].depth : a < b;
}

static void heap_push_handler(const ExcEntry *hs, uint32_t *heap, uint32_t *n, uint32_t h) {
  uint32_t i = (*n)++;
  while (i > 0 && handler_above(hs, h, heap[(i - 1) / 2])) {
    heap[i] = heap[(i - 1) / 2];
    i = (i - 1) / 2;
  }
  heap[i] = h;
}

static void heap_pop_handler(const ExcEntry *hs, uint32_t *heap, uint32_t *n) {
  uint32_t last = heap[--*n], i = 0;
  for (;;) {
    uint32_t child = 2 * i + 1;
    if (child >= *n) break;
    if (child + 1 < *n && handler_above(hs, heap[child + 1], heap[child])) child++;
    if (!handler_above(hs, heap[child], last)) break;
    heap[i] = heap[child];
    i = child;
  }
  if (*n > 0) heap[i] = last;
}

static int compare_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return (x > y) - (x < y);
}

/* A raising instruction has consumed its inputs and unwinding truncates the
 * stack to the handler's depth: the stack must not be below it then. Sweeps
 * the code once with the handlers ordered by start. */
static bool sweep_ranges(const Checker *k, const uint64_t *by_start, uint32_t *heap) {
  const Code *c = k->c;
  const ExcEntry *hs = c->handlers;
  uint32_t nheap = 0, next = 0;
  for (uint32_t offset = 0; offset < c->code_len; offset += opcode_size(c->code[offset])) {
    while (next < c->nhandlers && (by_start[next] >> 32) <= offset)
      heap_push_handler(hs, heap, &nheap, (uint32_t)by_start[next++]);
    while (nheap > 0 && hs[heap[0]].end <= offset) heap_pop_handler(hs, heap, &nheap);
    if (nheap == 0 || !is_reached(k, offset)) continue;
    int op = c->code[offset];
    int64_t left = (int64_t)k->depth[offset] - opcode_pops(op, arg_at(c, offset));
    const ExcEntry *h = &hs[heap[0]];
    if (left < h->depth)
      return fail(k, offset, op, "stack depth %lld after its pops is below the depth %u of exception handler %u",
                  (long long)left, h->depth, heap[0]);
  }
  return true;
}

static bool check_handler_ranges(const Checker *k) {
  uint32_t n = k->c->nhandlers;
  if (n == 0) return true;
  uint64_t *by_start = malloc((size_t)n * sizeof *by_start);
  uint32_t *heap = malloc((size_t)n * sizeof *heap);
  bool ok = by_start && heap;
  if (!ok) {
    fail(k, -1, -1, "out of memory while verifying");
  } else {
    for (uint32_t i = 0; i < n; i++) by_start[i] = (uint64_t)k->c->handlers[i].start << 32 | i;
    qsort(by_start, n, sizeof *by_start, compare_u64);
    ok = sweep_ranges(k, by_start, heap);
  }
  free(by_start);
  free(heap);
  return ok;
}

/* ---- driver ---- */

static bool check_function(Checker *k) {
  return check_header(k) && check_names(k) && check_consts(k) && decode_all(k) && check_jumps(k) &&
         check_handler_entries(k) && check_lines(k) && analyze_stack(k) && check_handler_ranges(k);
}

static bool run_checker(const Module *m, uint32_t index, bool declared, StrBuf *err, uint32_t *deepest) {
  Checker k = {.m = m, .index = index, .c = &m->funcs[index], .err = err, .declared = declared};
  k.limit = declared ? k.c->max_stack : CODE_MAX_STACK;
  bool ok = check_function(&k);
  free(k.depth);
  free(k.work);
  if (deepest) *deepest = k.deepest;
  return ok;
}

static bool check_module_shape(const Module *m, StrBuf *err) {
  if (!m || m->nfuncs == 0 || !m->funcs) return module_fail(err, "no functions");
  if (m->nfuncs > MODULE_MAX_FUNCS) return module_fail(err, "%u functions (at most %d)", m->nfuncs, MODULE_MAX_FUNCS);
  return true;
}

bool verify_module(const Module *m, StrBuf *err) {
  if (!check_module_shape(m, err)) return false;
  if (m->funcs[0].arity != 0) {
    Checker k = {.m = m, .index = 0, .c = &m->funcs[0], .err = err};
    return fail(&k, -1, -1, "the top-level function has arity %u (must be 0)", m->funcs[0].arity);
  }
  for (uint32_t i = 0; i < m->nfuncs; i++)
    if (!run_checker(m, i, true, err, NULL)) return false;
  return true;
}

bool verify_max_stack(const Module *m, uint32_t func_index, uint32_t *max_stack, StrBuf *err) {
  if (!check_module_shape(m, err)) return false;
  if (func_index >= m->nfuncs) return module_fail(err, "no function %u (%u functions)", func_index, m->nfuncs);
  uint32_t deepest = 0;
  if (!run_checker(m, func_index, false, err, &deepest)) return false;
  if (max_stack) *max_stack = deepest;
  return true;
}
