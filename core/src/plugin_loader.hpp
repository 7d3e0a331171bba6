// Finds, loads and checks dialect plugins (Boost.DLL). A library is loaded
// once per process, kept while anything uses it and never unloaded at exit.
#pragma once

#include <tabula/sdk/dialect.h>

#include <memory>
#include <string>
#include <vector>

namespace tabula::detail {

class DialectLibrary {
public:
    virtual ~DialectLibrary() = default;
    const tabula_dialect& api() const { return *api_; }
    const tabula_driver& driver() const { return *api_->driver; }
    const tabula_profile& profile() const { return *api_->profile; }
    const std::string& name() const { return name_; }
    const std::string& path() const { return path_; } // "" when registered statically

protected:
    const tabula_dialect* api_ = nullptr;
    std::string name_;
    std::string path_;
};

// The file name of dialect `name` on this platform: "tabula-dialect-sqlite-abi1.so".
std::string dialectFileName(const std::string& name);

// Folders searched, in order: pluginPath, $TABULA_PLUGIN_PATH (':'-separated),
// <folder of libtabula>/tabula/dialects, the install folder.
std::vector<std::string> dialectSearchPaths(const std::string& pluginPath);

// Loads (or returns the already loaded) dialect `name`. Throws PluginError
// naming every folder searched, the dialects found there, the loader's own
// message, or both ABI versions on a handshake mismatch.
std::shared_ptr<const DialectLibrary> loadDialect(const std::string& name,
                                                  const std::string& pluginPath);

// Checks the handshake of an entry point's table; throws PluginError.
void checkHandshake(const tabula_dialect* api, const std::string& where);

// Static registration: makes `name` resolve to this table without a file.
void registerDialect(const std::string& name, tabula_dialect_entry_fn entry);

} // namespace tabula::detail
