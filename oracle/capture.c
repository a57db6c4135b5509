/* One configuration, one run, one capture: a fresh VM over the shared
 * module with the oracle's fuel and heap limits, the engine the config
 * names, and afterwards everything observable about the run, as digests
 * (and text when asked) per category:
 *   outcome   how it ended (return value's repr, or the exception's last
 *             line and traceback frames, or out of fuel) and the VM's own
 *             end state (depth, pending exception, fuel flag)
 *   output    stdout bytes
 *   globals   the global names and their bindings     (heap_walk.c)
 *   heap      every object reachable from globals, result, constants and
 *             names: content and aliasing              (heap_walk.c)
 *   refcount  the same objects' reference counts      (heap_walk.c)
 *   leak      objects and bytes alive at the end, objects alive after the
 *             roots are released (leaks and cycles)
 *   fuel      fuel left */
#include <stdio.h>
#include <string.h>

#include "oracle/oracle.h"
#include "vm/exc.h"
#include "vm/heap.h"
#include "vm/interp.h"
#include "vm/ops.h"

enum { TOK_OUTCOME = 0x4f4300, TOK_REPR_FAILED, TOK_VM_STATE };

void oracle_capture_init(OracleCapture *c) {
  memset(c, 0, sizeof *c);
  strbuf_init(&c->output);
  for (int i = 0; i < ORACLE_WHAT_COUNT; i++) strbuf_init(&c->text[i]);
}

void oracle_capture_free(OracleCapture *c) {
  strbuf_free(&c->output);
  for (int i = 0; i < ORACLE_WHAT_COUNT; i++) strbuf_free(&c->text[i]);
  memset(c, 0, sizeof *c);
}

/* Forget the previous run but keep the buffers' memory for the next. */
static void capture_reset(OracleCapture *c, const OracleConfig *config, bool want_text) {
  strbuf_clear(&c->output);
  for (int i = 0; i < ORACLE_WHAT_COUNT; i++) strbuf_clear(&c->text[i]);
  c->config = *config;
  c->status = ORACLE_RUN_OK;
  c->why[0] = '\0';
  c->outcome = OUTCOME_RETURN;
  c->fuel_left = c->live_at_end = c->heap_bytes_at_end = c->leaked = c->objects_walked = c->output_len = 0;
  memset(c->digest, 0, sizeof c->digest);
  memset(&c->stats, 0, sizeof c->stats);
  c->has_text = want_text;
  c->copied = false;
  c->copied_from[0] = '\0';
}

static void capture_fail(OracleCapture *c, OracleRunStatus status, const char *why) {
  c->status = status;
  snprintf(c->why, sizeof c->why, "%s", why);
}

void oracle_capture_copy(OracleCapture *c, const OracleCapture *src, const OracleConfig *config) {
  capture_reset(c, config, src->has_text);
  strbuf_append(&c->output, src->output.data ? src->output.data : "", src->output.len);
  for (int i = 0; i < ORACLE_WHAT_COUNT; i++)
    strbuf_append(&c->text[i], src->text[i].data ? src->text[i].data : "", src->text[i].len);
  c->status = src->status;
  memcpy(c->why, src->why, sizeof c->why);
  c->outcome = src->outcome;
  c->output_len = src->output_len;
  c->fuel_left = src->fuel_left;
  c->live_at_end = src->live_at_end;
  c->heap_bytes_at_end = src->heap_bytes_at_end;
  c->leaked = src->leaked;
  c->objects_walked = src->objects_walked;
  memcpy(c->digest, src->digest, sizeof c->digest);
  c->stats = src->stats;
  c->copied = true;
  snprintf(c->copied_from, sizeof c->copied_from, "%s", src->config.name);
  if (c->output.oom) capture_fail(c, ORACLE_RUN_PROCESS_OOM, "the process ran out of memory copying a capture");
  for (int i = 0; i < ORACLE_WHAT_COUNT; i++)
    if (c->text[i].oom) capture_fail(c, ORACLE_RUN_PROCESS_OOM, "the process ran out of memory copying a capture");
}

void oracle_capture_set_crash(OracleCapture *c, const char *why) { capture_fail(c, ORACLE_RUN_CRASH, why); }

/* The VM's output sink during a capture: hashes every byte (8 at a time,
 * carrying a partial word across writes, so the digest does not depend on
 * where the VM flushed) and keeps a bounded prefix. */
typedef struct OutputTap {
  OracleCapture *c;
  VM *vm;
  OracleEmit hash;   /* its ORACLE_WHAT_OUTPUT digest runs over the bytes */
  uint64_t partial;  /* the last < 8 bytes, not hashed yet */
  unsigned npartial;
  bool lost;         /* the VM's own buffer failed (process out of memory) */
  bool over;         /* past ORACLE_MAX_OUTPUT: the run is being stopped */
} OutputTap;

static void tap_bytes(OutputTap *t, const unsigned char *p, size_t len) {
  while (len > 0 && t->npartial > 0) {
    t->partial |= (uint64_t)*p++ << (8 * t->npartial);
    len--;
    if (++t->npartial == 8) {
      oracle_emit_word(&t->hash, t->partial);
      t->partial = 0;
      t->npartial = 0;
    }
  }
  for (; len >= 8; p += 8, len -= 8) {
    uint64_t w = 0;
    for (unsigned i = 0; i < 8; i++) w |= (uint64_t)p[i] << (8 * i); /* the same on any byte order */
    oracle_emit_word(&t->hash, w);
  }
  for (; len > 0; len--) t->partial |= (uint64_t)*p++ << (8 * t->npartial++);
}

static void tap_write(void *ctx, const char *data, size_t len) {
  OutputTap *t = ctx;
  if (t->vm->out.oom) t->lost = true; /* vm_flush clears the flag right after this call */
  t->c->output_len += (int64_t)len;
  tap_bytes(t, (const unsigned char *)data, len);
  size_t room = ORACLE_OUTPUT_KEEP - t->c->output.len;
  strbuf_append(&t->c->output, data, len < room ? len : room);
  if (t->c->output_len > ORACLE_MAX_OUTPUT && !t->over) {
    /* Stop at the next call or back-edge, as running out of fuel does. */
    t->over = true;
    t->vm->config.fuel = 0;
    t->vm->fuel = 0;
  }
}

/* The output digest: every byte, then the length. */
static void tap_finish(OutputTap *t, OracleEmit *e) {
  oracle_emit_word(&t->hash, t->partial);
  oracle_emit_select(e, ORACLE_WHAT_OUTPUT);
  oracle_emit_word(e, t->hash.digest[ORACLE_WHAT_OUTPUT]);
  oracle_emit_word(e, (uint64_t)t->c->output_len);
}

static Status run_engine(VM *vm, const OracleConfig *config, Outcome *out, Tier2Stats *stats) {
  if (config->engine == ORACLE_ENGINE_REF) return ref_run(vm, out);
  Tier2Config tc = {.mode = config->engine == ORACLE_ENGINE_JIT ? TIER2_JIT : TIER2_UOPS,
                    .threshold = config->threshold};
  return tier1_run(vm, &tc, out, stats);
}

/* The VM's state that must be back to rest whatever the engine did. */
static void emit_vm_state(OracleEmit *e, const VM *vm) {
  oracle_emit_word(e, TOK_VM_STATE);
  oracle_emit_text(e, "vm state: depth=");
  oracle_emit_int(e, vm->depth);
  oracle_emit_text(e, " repr_depth=");
  oracle_emit_int(e, vm->repr_depth);
  oracle_emit_text(e, " pending_exception=");
  oracle_emit_int(e, vm->exc != NULL);
  oracle_emit_text(e, " out_of_fuel=");
  oracle_emit_int(e, vm->out_of_fuel);
  oracle_emit_text(e, "\n");
}

/* Appends repr(v) to sb; a repr that raises (nesting too deep) is
 * described by its exception, which is dropped. */
static bool describe_return(VM *vm, Value v, StrBuf *sb) {
  if (value_repr(vm, v, sb) == LS_OK) return true;
  strbuf_clear(sb);
  ObjException *x = vm_take_exc(vm);
  strbuf_puts(sb, "<repr raised ");
  if (x) {
    exc_format_last_line(vm, x, sb);
    obj_decref(vm, &x->h);
  }
  strbuf_puts(sb, ">");
  return false;
}

/* The traceback's frames, innermost first, as (function, line). */
static void emit_traceback(OracleEmit *e, const VM *vm, const ObjException *x) {
  oracle_emit_word(e, (uint64_t)x->tb_len);
  for (int64_t i = 0; i < x->tb_len; i++) {
    const TracebackEntry *t = &x->tb[i];
    oracle_emit_word(e, ((uint64_t)t->code_index << 32) | t->line);
    if (!oracle_emit_wants_text(e)) continue;
    const Module *m = vm->module;
    const Bytes *name = m && t->code_index < m->nfuncs ? &m->funcs[t->code_index].name : NULL;
    oracle_emit_text(e, "  in ");
    if (name && name->data) oracle_quote(e->text[e->cur], name->data, name->len, 64);
    else ORACLE_EMIT_TEXTF(e, "code%u", t->code_index);
    ORACLE_EMIT_TEXTF(e, " line %u\n", t->line);
  }
}

/* Bytes hashed, and shown as they are when they hold no control
 * character (else quoted, so that the text stays one line). */
static void emit_line_bytes(OracleEmit *e, const StrBuf *sb) {
  const char *data = sb->data ? sb->data : "";
  oracle_emit_bytes(e, data, sb->len);
  if (!oracle_emit_wants_text(e)) return;
  bool plain = true;
  for (size_t i = 0; plain && i < sb->len; i++) plain = (unsigned char)data[i] >= 0x20 && data[i] != 0x7f;
  if (plain) strbuf_append(e->text[e->cur], data, sb->len);
  else oracle_quote(e->text[e->cur], data, sb->len, (size_t)-1);
}

/* How the run ended. `scratch` holds the repr or exception line. Returns
 * false when the text could not be built (process out of memory). */
static bool emit_outcome(OracleEmit *e, VM *vm, const Outcome *out, StrBuf *scratch) {
  oracle_emit_select(e, ORACLE_WHAT_OUTCOME);
  oracle_emit_word(e, TOK_OUTCOME);
  oracle_emit_word(e, out->kind);
  switch (out->kind) {
  case OUTCOME_RETURN:
    if (!describe_return(vm, out->value, scratch)) oracle_emit_word(e, TOK_REPR_FAILED);
    oracle_emit_text(e, "return ");
    emit_line_bytes(e, scratch);
    oracle_emit_text(e, "\n");
    break;
  case OUTCOME_EXCEPTION:
    if (!value_is_kind(out->value, OBJ_EXCEPTION)) {
      oracle_emit_word(e, (uint64_t)value_obj_kind(out->value));
      oracle_emit_text(e, "exception that is not an exception object\n");
      break;
    }
    exc_format_last_line(vm, AS_EXCEPTION(out->value), scratch);
    oracle_emit_text(e, "exception ");
    emit_line_bytes(e, scratch);
    oracle_emit_text(e, "\n");
    emit_traceback(e, vm, AS_EXCEPTION(out->value));
    break;
  case OUTCOME_FUEL: oracle_emit_text(e, "out of fuel\n"); break;
  default: ORACLE_EMIT_TEXTF(e, "outcome kind %u\n", (unsigned)out->kind); break;
  }
  emit_vm_state(e, vm);
  return !scratch->oom;
}

/* One root line into the heap category: "f1.const[3] = #7 tuple". */
static void emit_root(OracleWalk *w, OracleEmit *e, bool is_const, uint32_t f, uint32_t k, Value v) {
  if (!value_is_obj(v)) return; /* immediates: the module's own, the same in every VM */
  oracle_emit_word(e, ((uint64_t)f << 32) | k);
  oracle_emit_word(e, is_const);
  ORACLE_EMIT_TEXTF(e, "f%u.%s[%u] = ", f, is_const ? "const" : "name", k);
  oracle_walk_value(w, e, v);
  oracle_emit_text(e, "\n");
  oracle_walk_drain(w, e);
}

/* Globals first, so their objects get the smallest numbers whatever else
 * the program holds; then the result; then every function's constants and
 * names (objects only they keep alive still have counts to check). */
static void emit_heap(OracleWalk *w, OracleEmit *e, VM *vm, const Outcome *out) {
  oracle_walk_begin(w, vm);
  if (vm->globals) oracle_walk_globals(w, e, vm->globals);
  oracle_walk_drain(w, e);
  oracle_emit_select(e, ORACLE_WHAT_HEAP);
  oracle_emit_text(e, "result = ");
  oracle_walk_value(w, e, out->value);
  oracle_emit_text(e, "\n");
  oracle_walk_drain(w, e);
  for (uint32_t f = 0; vm->codes && f < vm->module->nfuncs; f++) {
    const Code *code = &vm->module->funcs[f];
    const VMCode *vc = &vm->codes[f];
    for (uint32_t k = 0; vc->consts && k < code->nconsts; k++) emit_root(w, e, true, f, k, vc->consts[k]);
    for (uint32_t k = 0; vc->names && k < code->nnames; k++) emit_root(w, e, false, f, k, vc->names[k]);
  }
  oracle_emit_select(e, ORACLE_WHAT_HEAP);
  oracle_emit_text(e, "objects reachable: ");
  oracle_emit_int(e, (int64_t)w->n);
  oracle_emit_text(e, "\n");
  oracle_walk_end(w);
}

static void emit_counter(OracleEmit *e, const char *label, int64_t v) {
  oracle_emit_text(e, label);
  oracle_emit_int(e, v);
  oracle_emit_text(e, "\n");
}

/* Everything after the run returned; false when the process ran out of
 * memory building the capture (the capture is then inconclusive). */
static bool capture_end_state(OracleCapture *c, VM *vm, Outcome *out, OutputTap *tap, OracleWalk *walk) {
  c->outcome = (int)out->kind;
  c->fuel_left = vm->fuel;
  c->live_at_end = vm->live_objects;
  c->heap_bytes_at_end = vm->heap_bytes;
  StrBuf *text[ORACLE_WHAT_COUNT] = {0};
  for (int i = 0; c->has_text && i < ORACLE_WHAT_COUNT; i++)
    if (i != ORACLE_WHAT_OUTPUT) text[i] = &c->text[i];
  OracleEmit e;
  oracle_emit_begin(&e, text);

  StrBuf scratch;
  strbuf_init(&scratch);
  bool ok = emit_outcome(&e, vm, out, &scratch);
  strbuf_free(&scratch);

  tap_finish(tap, &e);

  emit_heap(walk, &e, vm, out);
  c->objects_walked = (int64_t)walk->n;
  ok = ok && !walk->failed;

  outcome_clear(vm, out);
  vm_release_roots(vm);
  c->leaked = vm->live_objects;
  oracle_emit_select(&e, ORACLE_WHAT_LEAK);
  emit_counter(&e, "objects alive at end: ", c->live_at_end);
  emit_counter(&e, "heap bytes at end: ", c->heap_bytes_at_end);
  emit_counter(&e, "objects alive after teardown: ", c->leaked);
  emit_counter(&e, "heap bytes after teardown: ", vm->heap_bytes);

  oracle_emit_select(&e, ORACLE_WHAT_FUEL);
  emit_counter(&e, "fuel left: ", c->fuel_left);

  memcpy(c->digest, e.digest, sizeof c->digest);
  for (int i = 0; c->has_text && i < ORACLE_WHAT_COUNT; i++) ok = ok && !c->text[i].oom;
  return ok;
}

void oracle_capture_run(OracleCapture *c, const Module *module, const OracleConfig *config,
                        const OracleOptions *opts, bool want_text, OracleWalk *walk) {
  capture_reset(c, config, want_text);
  OutputTap tap = {.c = c};
  oracle_emit_begin(&tap.hash, NULL);
  oracle_emit_select(&tap.hash, ORACLE_WHAT_OUTPUT);
  VMConfig vc = {.fuel = opts->fuel, .max_heap = opts->max_heap, .sink = tap_write, .sink_ctx = &tap};
  VM *vm = vm_new(module, &vc);
  if (!vm) {
    capture_fail(c, ORACLE_RUN_PROCESS_OOM, "the process ran out of memory creating the VM");
    return;
  }
  tap.vm = vm;
  Outcome out = {.kind = OUTCOME_RETURN, .value = value_none()};
  Status st = run_engine(vm, config, &out, &c->stats);
  vm_flush(vm);
  if (st == LS_OK) c->outcome = (int)out.kind;
  if (st != LS_OK) capture_fail(c, ORACLE_RUN_PROCESS_OOM, "the process ran out of memory during the run (LS_ERR)");
  else if (tap.lost || c->output.oom)
    capture_fail(c, ORACLE_RUN_PROCESS_OOM, "the process ran out of memory buffering stdout");
  else if (tap.over)
    capture_fail(c, ORACLE_RUN_OUTPUT_LIMIT, "stdout passed the oracle's limit of 64 MiB; the run was stopped");
  else if (!capture_end_state(c, vm, &out, &tap, walk))
    capture_fail(c, ORACLE_RUN_PROCESS_OOM, "the process ran out of memory capturing the end state");
  if (st == LS_OK) outcome_clear(vm, &out);
  vm_free(vm);
}

OracleWhat oracle_capture_compare(const OracleCapture *a, const OracleCapture *b) {
  if (a->status == ORACLE_RUN_CRASH || b->status == ORACLE_RUN_CRASH) return ORACLE_WHAT_CRASH;
  for (int i = ORACLE_WHAT_OUTCOME; i < ORACLE_WHAT_COUNT; i++)
    if (a->digest[i] != b->digest[i]) return (OracleWhat)i;
  return ORACLE_WHAT_SAME;
}
