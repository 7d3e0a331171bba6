// Prints the name and dialect ABI version a plugin file reports, read through
// its entry point with the C ABI alone: the evidence that a test plugin was
// really built against the SDK version it claims.
//   tabula_plugin_abi <plugin file>   ->   echo 1.0 (gcc 12.2.0)
#include <tabula/sdk/dialect.h>

#include <dlfcn.h>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: tabula_plugin_abi <plugin file>\n";
        return 2;
    }
    void* library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        std::cerr << "cannot load " << argv[1] << ": " << dlerror() << '\n';
        return 1;
    }
    auto entry =
        reinterpret_cast<tabula_dialect_entry_fn>(dlsym(library, TABULA_DIALECT_ENTRY_SYMBOL));
    const tabula_dialect* dialect = entry ? entry() : nullptr;
    if (!dialect) {
        std::cerr << argv[1] << " has no " << TABULA_DIALECT_ENTRY_SYMBOL << " entry point\n";
        return 1;
    }
    std::cout << (dialect->name ? dialect->name : "?") << ' ' << dialect->abi_major << '.'
              << dialect->abi_minor << " (" << (dialect->build_tag ? dialect->build_tag : "")
              << ")\n";
    return 0;
}
