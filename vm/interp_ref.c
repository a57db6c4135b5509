/* The reference interpreter. Its job is to be obviously right: one plain
 * loop, one case per opcode, every operation through vm/ops.c, frames on an
 * explicit linked list (so deep recursion never uses C stack). It trusts the
 * verifier for stack depths and operand ranges, and nothing else. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "vm/builtins.h"
#include "vm/dict.h"
#include "vm/exc.h"
#include "vm/heap.h"
#include "vm/interp.h"
#include "vm/iter.h"
#include "vm/list.h"
#include "vm/opcodes.h"
#include "vm/ops.h"
#include "vm/str.h"
#include "vm/frame.h"
#include "vm/interp_support.h"

#define INTERP_FN ref_run
#define INTERP_TIER1 0
#include "vm/interp_loop.h"
