/* The VM's pool of small blocks (vm/heap.c): objects, frames and buffers
 * reuse freed memory without changing what is counted (heap_bytes,
 * live_objects), the pool stays within its bounds, and, in the
 * sanitizer build, a block waiting in the pool is poisoned: touching a freed
 * frame or object, writing past an object's end, or freeing a buffer twice
 * is still reported by AddressSanitizer. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support.h"
#include "vm/frame.h"
#include "vm/heap.h"
#include "vm/list.h"
#include "vm/str.h"

#if defined(__SANITIZE_ADDRESS__)
#define TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TEST_ASAN 1
#endif
#endif

static VM *vm;

static void start_vm(void) {
  vm = test_vm_new();
  cr_assert(vm != NULL);
}

static void end_vm(void) {
  int64_t leaked = test_vm_free(vm);
  vm = NULL;
  cr_assert_eq(leaked, 0, "%lld objects leaked", (long long)leaked);
}

static ObjStr *str_of_len(size_t len) {
  char buf[600];
  cr_assert(len < sizeof buf);
  memset(buf, 'a', len);
  ObjStr *s = str_new(vm, buf, len);
  cr_assert(s != NULL);
  return s;
}

TestSuite(heap_pool, .init = start_vm, .fini = end_vm);

/* Counting is by the size asked for, whatever block the pool hands out. */
Test(heap_pool, accounting_is_by_requested_size) {
  int64_t bytes0 = vm->heap_bytes, live0 = vm->live_objects;
  for (int round = 0; round < 3; round++) {
    ObjStr *strs[40];
    for (size_t i = 0; i < 40; i++) strs[i] = str_of_len(i * 13);
    int64_t expect = 0;
    for (size_t i = 0; i < 40; i++) expect += (int64_t)(sizeof(ObjStr) + i * 13 + 1);
    cr_assert_eq(vm->heap_bytes - bytes0, expect);
    cr_assert_eq(vm->live_objects - live0, 40);
    for (size_t i = 0; i < 40; i++) obj_decref(vm, &strs[i]->h);
    cr_assert_eq(vm->heap_bytes, bytes0);
    cr_assert_eq(vm->live_objects, live0);
  }
}

/* A new object's header is fresh even in a reused block (mark 0 outside a
 * heap walk, refcount 1). */
Test(heap_pool, reused_block_gets_a_fresh_header) {
  for (int i = 0; i < 200; i++) {
    ObjStr *s = str_of_len(5);
    cr_assert_eq(s->h.refcount, 1);
    cr_assert_eq(s->h.mark, 0);
    cr_assert_eq(s->h.size, sizeof(ObjStr) + 6);
    cr_assert_str_eq(s->data, "aaaaa");
    s->h.mark = 7; /* as a walk would leave it if it were interrupted */
    obj_decref(vm, &s->h);
  }
}

/* Many objects of every small size, freed at once: each class of the pool
 * keeps at most HEAP_POOL_CLASS_MAX_BYTES and frees the rest. */
Test(heap_pool, pool_is_bounded) {
  enum { N = 4000 };
  ObjStr **strs = malloc(N * sizeof *strs);
  cr_assert(strs != NULL);
  for (size_t i = 0; i < N; i++) strs[i] = str_of_len(i % 470);
  for (size_t i = 0; i < N; i++) obj_decref(vm, &strs[i]->h);
  free(strs);
  size_t held = 0;
  for (unsigned c = 0; c < HEAP_POOL_CLASSES; c++) {
    size_t class_bytes = (size_t)vm->pool->classes[c].count * (c + 1) * HEAP_POOL_GRAIN;
    cr_assert_leq(class_bytes, (size_t)HEAP_POOL_CLASS_MAX_BYTES, "class %u holds %zu bytes", c, class_bytes);
    held += class_bytes;
  }
  cr_assert_eq(held, vm->pool->bytes);
  cr_assert_leq(vm->pool->bytes, (size_t)HEAP_POOL_MAX_BYTES);
  cr_assert_gt(vm->pool->bytes, (size_t)HEAP_POOL_MAX_BYTES / 4, "the pool kept too little to be of use");
}

/* A list's items move between pool blocks and malloc as it grows past the
 * biggest block and shrinks back; every value survives each move. */
Test(heap_pool, buffers_keep_their_contents_across_moves) {
  ObjList *l = list_new(vm, 0);
  cr_assert(l != NULL);
  for (int64_t i = 0; i < 300; i++) cr_assert_eq(list_append(vm, l, value_int(i * 7)), LS_OK);
  for (int64_t i = 0; i < 300; i++) cr_assert_eq(l->items[i].as.i, i * 7);
  int64_t before = vm->heap_bytes;
  void *p = heap_buf_alloc(vm, 40);
  cr_assert(p != NULL);
  p = heap_buf_realloc(vm, p, 40, 4000);
  cr_assert(p != NULL);
  p = heap_buf_realloc(vm, p, 4000, 24);
  cr_assert(p != NULL);
  cr_assert_eq(vm->heap_bytes, before + 24);
  heap_buf_free(vm, p, 24);
  cr_assert_eq(vm->heap_bytes, before);
  obj_decref(vm, &l->h);
}

/* A call chain deeper than max_depth: the VM keeps max_depth of its frames
 * for later calls and gives the rest to the pool. */
Test(heap_pool, spare_frames_are_bounded_by_max_depth) {
  enum { N = 1500 };
  int max_depth = vm->config.max_depth;
  cr_assert_lt(max_depth, N);
  for (int round = 0; round < 2; round++) {
    Frame *top = NULL;
    for (int i = 0; i < N; i++) {
      Frame *f = frame_new(vm, top, 0);
      cr_assert(f != NULL);
      cr_assert_eq(f->parent, top);
      cr_assert_eq(f->sp, f->stack);
      top = f;
    }
    while (top) {
      Frame *parent = top->parent;
      frame_free(vm, top);
      top = parent;
    }
    cr_assert_eq(vm->spare_frames, (uint32_t)max_depth);
    cr_assert_eq(vm->codes[0].spare_frames.count, (uint32_t)max_depth);
  }
  /* What vm_free does: the kept frames go to the pool, past their class's
   * bound, for the next VM. */
  const Code *code = &vm->module->funcs[0];
  size_t frame_bytes = sizeof(Frame) + ((size_t)code->nlocals + code->max_stack) * sizeof(Value);
  size_t frame_block = (frame_bytes + HEAP_POOL_GRAIN - 1) / HEAP_POOL_GRAIN * HEAP_POOL_GRAIN;
  unsigned c = (unsigned)(frame_block / HEAP_POOL_GRAIN - 1);
  uint32_t before = vm->pool->classes[c].count;
  frame_release_spares(vm);
  cr_assert_eq(vm->spare_frames, 0);
  cr_assert_eq(vm->codes[0].spare_frames.count, 0);
  cr_assert_eq(vm->pool->classes[c].count, before + (uint32_t)max_depth);
  cr_assert_gt((size_t)vm->pool->classes[c].count * frame_block, (size_t)HEAP_POOL_CLASS_MAX_BYTES);
  cr_assert_leq(vm->pool->bytes, (size_t)HEAP_POOL_MAX_BYTES);
}

/* Frames of the same function reuse each other's memory (without the
 * sanitizer's reuse delay). */
Test(heap_pool, frames_are_reused) {
#ifdef TEST_ASAN
  cr_skip_test("the sanitizer build delays reuse on purpose");
#else
  Frame *f = frame_new(vm, NULL, 0);
  cr_assert(f != NULL);
  frame_free(vm, f);
  Frame *g = frame_new(vm, NULL, 0);
  cr_assert_eq(g, f);
  cr_assert_eq(g->sp, g->stack);
  frame_free(vm, g);
#endif
}

#ifdef TEST_ASAN
#include <sanitizer/asan_interface.h>
#include <unistd.h>

/* A pooled block is poisoned from its first byte to its class's end; a live
 * object is addressable exactly up to its size. */
Test(heap_pool, pooled_blocks_are_poisoned) {
  Frame *f = frame_new(vm, NULL, 0);
  cr_assert(f != NULL);
  cr_assert(!__asan_address_is_poisoned(&f->sp));
  frame_free(vm, f);
  cr_assert(__asan_address_is_poisoned(f));
  cr_assert(__asan_address_is_poisoned(&f->sp));

  ObjStr *s = str_of_len(3); /* 68 bytes in a 72-byte block */
  char *end = (char *)s + sizeof(ObjStr) + 4;
  cr_assert(!__asan_address_is_poisoned(end - 1));
  cr_assert(__asan_address_is_poisoned(end));
  obj_decref(vm, &s->h);
  cr_assert(__asan_address_is_poisoned(s));
  cr_assert(__asan_address_is_poisoned(&s->nbytes));
}

/* The sanitizer's report ends these tests (so they make their own VM and
 * never free it): the report is checked for its kind, and the process leaves
 * with the code the test expects. */
static const char *expected_report;
static bool report_matched;

static void on_report(const char *report) { report_matched = strstr(report, expected_report) != NULL; }

static void on_death(void) { _exit(report_matched ? 77 : 78); }

static void expect_report(const char *kind) {
  expected_report = kind;
  __asan_set_error_report_callback(on_report);
  __asan_set_death_callback(on_death);
}

Test(heap_pool_reports, freed_frame_read_is_reported, .exit_code = 77) {
  vm = test_vm_new();
  Frame *f = frame_new(vm, NULL, 0);
  frame_free(vm, f);
  expect_report("use-after-poison");
  uint32_t ip = *(volatile uint32_t *)&f->ip;
  cr_assert_fail("reading a freed frame went unreported (ip %u)", ip);
}

Test(heap_pool_reports, freed_object_decref_is_reported, .exit_code = 77) {
  vm = test_vm_new();
  ObjStr *s = str_of_len(10);
  obj_incref(&s->h); /* the bug: one reference too few counted */
  obj_decref(vm, &s->h);
  obj_decref(vm, &s->h);
  expect_report("use-after-poison");
  obj_decref(vm, &s->h); /* what frame_free did in the bug the fuzzer found */
  cr_assert_fail("decref of a freed object went unreported");
}

/* A freed block is not handed out again at once, so a stale pointer keeps
 * pointing at poison while later allocations happen. */
Test(heap_pool_reports, stale_pointer_stays_poisoned_across_allocations, .exit_code = 77) {
  vm = test_vm_new();
  Frame *f = frame_new(vm, NULL, 0);
  frame_free(vm, f);
  for (int i = 0; i < 50; i++) frame_free(vm, frame_new(vm, NULL, 0));
  expect_report("use-after-poison");
  *(volatile uint32_t *)&f->ip = 5;
  cr_assert_fail("writing a freed frame went unreported");
}

/* The overflow is into the bytes between the object's size and its block's
 * class size, in a block the pool handed out again. */
Test(heap_pool_reports, object_overflow_is_reported, .exit_code = 77) {
  vm = test_vm_new();
  ObjStr *strs[100];
  for (int i = 0; i < 100; i++) strs[i] = str_of_len(3);
  for (int i = 0; i < 100; i++) obj_decref(vm, &strs[i]->h);
  ObjStr *s = str_of_len(3);
  cr_assert_eq(s, strs[0], "not a reused block");
  expect_report("heap-buffer-overflow");
  ((volatile char *)s->data)[4] = 'x'; /* one past the NUL, inside the pool block */
  cr_assert_fail("writing past an object went unreported");
}

Test(heap_pool_reports, buffer_double_free_is_reported, .exit_code = 77) {
  vm = test_vm_new();
  void *p = heap_buf_alloc(vm, 64);
  heap_buf_free(vm, p, 64);
  expect_report("use-after-poison");
  heap_buf_free(vm, p, 64);
  cr_assert_fail("freeing a buffer twice went unreported");
}
#endif
