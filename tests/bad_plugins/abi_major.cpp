// A dialect built for the next ABI major. The table is written out by hand so
// that the version numbers are the ones compiled into this file; the loader
// must refuse it before reading anything past the version fields.
#include <tabula/sdk/dialect.h>

extern "C" TABULA_PLUGIN_EXPORT const tabula_dialect* tabula_dialect_entry_v1(void) {
    static const tabula_dialect table = {
        sizeof(tabula_dialect),
        TABULA_ABI_MAJOR + 1,
        TABULA_ABI_MINOR,
        "abi_major",
        "0.0.0",
        "hand-written table",
        nullptr,
        nullptr,
    };
    return &table;
}
