// A dialect whose table claims to be only as large as its version header,
// as a truncated or mis-built table would.
#include <tabula/sdk/dialect.h>

#include <cstddef>

extern "C" TABULA_PLUGIN_EXPORT const tabula_dialect* tabula_dialect_entry_v1(void) {
    static const tabula_dialect table = {
        offsetof(tabula_dialect, name), TABULA_ABI_MAJOR, TABULA_ABI_MINOR, "small_struct", "0.0.0",
        "hand-written table",           nullptr,          nullptr,
    };
    return &table;
}
