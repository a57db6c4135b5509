/* Trace recording: while tier 1 runs a hot loop once more, each instruction
 * it is about to execute is translated into uops, with guards for the types
 * it sees and the branch directions it takes. */
#ifndef LOCKSTEP_RECORD_H
#define LOCKSTEP_RECORD_H

#include <stdbool.h>
#include <stdint.h>

#include "jit/tier2.h"
#include "jit/uops.h"
#include "vm/frame.h"

enum {
  RECORD_MAX_DEPS = 64,
  RECORD_MAX_INLINE = 4, /* calls a trace follows into callees, nested */
};

typedef struct Recorder {
  bool active;
  const Frame *frame;       /* the frame being recorded (frames[depth]) */
  const Frame *frames[RECORD_MAX_INLINE + 1]; /* the start frame, then callees the trace entered */
  uint32_t depth;
  bool expect_callee;       /* PUSH_FRAME was recorded: the callee's first instruction comes next */
  bool expect_return;       /* POP_FRAME was recorded: the caller's next instruction comes next */
  uint32_t code_index;
  uint32_t start;           /* the loop head where the trace starts */
  uint32_t len;
  UopInstr uops[TIER2_MAX_TRACE];
  uint32_t nexits;
  uint32_t ndeps;
  const ObjStr *deps[RECORD_MAX_DEPS]; /* globals the trace's assumptions rely on */
  bool lockstep;            /* emit CHECKPOINT uops where tier 1 reports checkpoints */
  bool pending_for_iter;    /* the last instruction was a FOR_ITER ... */
  uint32_t for_iter_body;   /* ... whose body starts here */
  uint32_t for_iter_exit;   /* ... and whose loop exit is here */
} Recorder;

typedef enum RecordResult {
  RECORD_CONTINUE, /* go on executing and recording */
  RECORD_DONE,     /* the trace is complete: make an executor of it */
  RECORD_ABORT,    /* give up this recording */
} RecordResult;

void record_start(Recorder *r, const Frame *f, uint32_t start);
/* Called before tier 1 executes the instruction at `ip` of frame `f`. */
RecordResult record_instruction(Recorder *r, VM *vm, const Frame *f, uint32_t ip);

#endif
