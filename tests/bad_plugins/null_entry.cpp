// A dialect whose entry point returns no table at all.
#include <tabula/sdk/dialect.h>

extern "C" TABULA_PLUGIN_EXPORT const tabula_dialect* tabula_dialect_entry_v1(void) {
    return nullptr;
}
