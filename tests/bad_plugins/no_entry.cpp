// A shared library that is not a dialect: it exports a function, but not the
// entry point the loader looks for.
#include <tabula/sdk/dialect.h>

extern "C" TABULA_PLUGIN_EXPORT int tabula_not_a_dialect(void) { return 42; }
