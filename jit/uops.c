/* The uop table's names and flags (jit/uops.h). */
#include "jit/uops.h"

const UopInfo uop_info[UOP_COUNT] = {
#define LS_UOP_INFO(name, flags, doc) [UOP_##name] = {#name, (flags), doc},
    LS_UOPS(LS_UOP_INFO)
#undef LS_UOP_INFO
};
