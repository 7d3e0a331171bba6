// Finds dialect plugins on disk, loads them with Boost.DLL and checks the
// handshake; every failure is a PluginError that says what to do about it.
#include "plugin_loader.hpp"

#include <tabula/errors.hpp>

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <sstream>
#include <system_error>
#include <type_traits>
#include <utility>

namespace tabula::detail {

namespace {

namespace fs = std::filesystem;

#if defined(_WIN32)
constexpr const char* kLibrarySuffix = ".dll";
constexpr char kPathListSeparator = ';';
#elif defined(__APPLE__)
constexpr const char* kLibrarySuffix = ".dylib";
constexpr char kPathListSeparator = ':';
#else
constexpr const char* kLibrarySuffix = ".so";
constexpr char kPathListSeparator = ':';
#endif

const std::string kFilePrefix = "tabula-dialect-";
const std::string kFileAbiTag = "-abi" + std::to_string(TABULA_ABI_MAJOR);

// The smallest structs an ABI 1.0 plugin may hand over. Members are only ever
// appended, so a newer minor may be larger but never smaller.
constexpr std::size_t kDialectHeaderSize = offsetof(tabula_dialect, abi_minor) + sizeof(uint16_t);
constexpr std::size_t kDialectSizeV1 = offsetof(tabula_dialect, profile) + sizeof(void*);
constexpr std::size_t kDriverSizeV1 = offsetof(tabula_driver, transaction) + sizeof(void*);
constexpr std::size_t kProfileSizeV1 = offsetof(tabula_profile, now_sql) + sizeof(void*);

class StaticDialect final : public DialectLibrary {
public:
    StaticDialect(const tabula_dialect* api, std::string name) {
        api_ = api;
        name_ = std::move(name);
    }
};

class FileDialect final : public DialectLibrary {
public:
    FileDialect(boost::dll::shared_library library, const tabula_dialect* api, std::string name,
                std::string path)
        : library_(std::move(library)) {
        api_ = api;
        name_ = std::move(name);
        path_ = std::move(path);
    }

private:
    // Owned here so the code behind api_ stays mapped as long as this object.
    boost::dll::shared_library library_;
};

// Every dialect in use, by canonical name. Allocated once and never freed:
// plugins stay mapped until the process ends, so no plugin code (a static
// destructor, a connection closed late) can run after its library is gone.
struct Registry {
    std::mutex mutex;
    std::map<std::string, std::shared_ptr<const DialectLibrary>> dialects;
};

Registry& registry() {
    static Registry* instance = new Registry;
    return *instance;
}

void checkName(const std::string& name) {
    const bool valid = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
    if (!valid)
        throw PluginError("'" + name +
                          "' is not a valid dialect name: use lower-case letters, digits and "
                          "'_' only, e.g. 'sqlite' or 'postgres'");
}

std::string canonicalName(const std::string& name) {
    if (name == "postgresql") return "postgres";
    if (name == "mariadb") return "mysql";
    return name;
}

std::string abiText(unsigned major, unsigned minor) {
    return std::to_string(major) + "." + std::to_string(minor);
}

// The dialect names of every plugin file in `folders` built for this ABI major.
std::vector<std::string> dialectsIn(const std::vector<std::string>& folders) {
    std::vector<std::string> found;
    const std::string suffix = kFileAbiTag + kLibrarySuffix;
    for (const auto& folder : folders) {
        std::error_code ec;
        fs::directory_iterator it(folder, ec);
        for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
            const std::string file = it->path().filename().string();
            if (file.size() <= kFilePrefix.size() + suffix.size()) continue;
            if (file.compare(0, kFilePrefix.size(), kFilePrefix) != 0) continue;
            if (file.compare(file.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
            std::string name =
                file.substr(kFilePrefix.size(), file.size() - kFilePrefix.size() - suffix.size());
            if (std::find(found.begin(), found.end(), name) == found.end())
                found.push_back(std::move(name));
        }
    }
    std::sort(found.begin(), found.end());
    return found;
}

[[noreturn]] void throwNotFound(const std::string& requested, const std::string& name,
                                const std::vector<std::string>& folders) {
    std::ostringstream out;
    out << "Dialect '" << requested << "'";
    if (requested != name) out << " (an alias of '" << name << "')";
    out << " not found. Searched:";
    for (const auto& folder : folders) {
        std::error_code ec;
        out << "\n  " << folder
            << (fs::is_directory(folder, ec) ? " (exists)" : " (does not exist)");
    }
    out << "\nDialects found there: ";
    const auto found = dialectsIn(folders);
    if (found.empty()) out << "none";
    for (std::size_t i = 0; i < found.size(); ++i)
        out << (i ? ", " : "") << found[i];
    out << ".\nSet the pluginPath option or TABULA_PLUGIN_PATH to the folder holding "
        << dialectFileName(name) << ".";
    throw PluginError(out.str());
}

// The handshake plus the check that the plugin is the dialect that was asked for.
void checkDialect(const tabula_dialect* api, const std::string& name, const std::string& where) {
    const std::string dialect = "'" + name + "' " + where;
    checkHandshake(api, dialect);
    if (name != api->name)
        throw PluginError("Dialect " + dialect + " reports its name as '" + api->name +
                          "'; a dialect must be registered and its file named after the "
                          "name it reports (" +
                          kFilePrefix + api->name + kFileAbiTag + kLibrarySuffix + ")");
}

std::shared_ptr<const DialectLibrary> loadFile(const std::string& name, const fs::path& file) {
    const std::string path = file.string();
    boost::dll::shared_library library;
    try {
        library.load(file, boost::dll::load_mode::rtld_local | boost::dll::load_mode::rtld_now);
    } catch (const std::exception& e) {
        throw PluginError("Cannot load dialect '" + name + "' from " + path + ": " + e.what());
    }
    if (!library.has(TABULA_DIALECT_ENTRY_SYMBOL))
        throw PluginError(path + " is not a Tabula dialect: it has no " +
                          TABULA_DIALECT_ENTRY_SYMBOL + " entry point");
    auto entry =
        library.get<std::remove_pointer_t<tabula_dialect_entry_fn>>(TABULA_DIALECT_ENTRY_SYMBOL);
    const tabula_dialect* api = entry();
    checkDialect(api, name, "at " + path);
    return std::make_shared<FileDialect>(std::move(library), api, name, path);
}

} // namespace

std::string dialectFileName(const std::string& name) {
    checkName(name);
    return kFilePrefix + name + kFileAbiTag + kLibrarySuffix;
}

std::vector<std::string> dialectSearchPaths(const std::string& pluginPath) {
    std::vector<std::string> paths;
    auto add = [&paths](const std::string& folder) {
        if (folder.empty()) return;
        fs::path path = fs::path(folder).lexically_normal();
        // "/opt/x/" and "/opt/x" are one folder.
        if (!path.has_filename() && path != path.root_path()) path = path.parent_path();
        const std::string normal = path.string();
        if (std::find(paths.begin(), paths.end(), normal) == paths.end()) paths.push_back(normal);
    };
    add(pluginPath);
    if (const char* env = std::getenv("TABULA_PLUGIN_PATH")) {
        std::istringstream list(env);
        for (std::string entry; std::getline(list, entry, kPathListSeparator);)
            add(entry);
    }
    boost::dll::fs::error_code ec;
    const auto self = boost::dll::this_line_location(ec);
    if (!ec) add((self.parent_path() / TABULA_DIALECT_SUBDIR).string());
    add(TABULA_INSTALL_DIALECT_DIR);
    return paths;
}

void checkHandshake(const tabula_dialect* api, const std::string& where) {
    if (!api)
        throw PluginError("Dialect " + where + " returned no dialect table from its entry point");
    if (api->struct_size < kDialectHeaderSize)
        throw PluginError("Dialect " + where + " returned a dialect table of " +
                          std::to_string(api->struct_size) +
                          " bytes, too small to hold even its ABI version");
    // The layout past the version fields belongs to the plugin's ABI major, so
    // nothing else is read when the major differs.
    if (api->abi_major != TABULA_ABI_MAJOR)
        throw PluginError("Dialect " + where + " was built for dialect ABI " +
                          abiText(api->abi_major, api->abi_minor) + ", this core speaks ABI " +
                          abiText(TABULA_ABI_MAJOR, TABULA_ABI_MINOR) +
                          "; rebuild the dialect against this SDK");
    const std::string build = api->struct_size >= kDialectSizeV1 && api->build_tag
                                  ? std::string("; dialect build: ") + api->build_tag
                                  : std::string();
    if (api->abi_minor > TABULA_ABI_MINOR)
        throw PluginError("Dialect " + where + " is newer (ABI " +
                          abiText(api->abi_major, api->abi_minor) + ") than this core (ABI " +
                          abiText(TABULA_ABI_MAJOR, TABULA_ABI_MINOR) +
                          "); upgrade Tabula or use a dialect built for " +
                          abiText(TABULA_ABI_MAJOR, TABULA_ABI_MINOR) + build);
    if (api->struct_size < kDialectSizeV1)
        throw PluginError("Dialect " + where + " returned a dialect table of " +
                          std::to_string(api->struct_size) + " bytes, ABI " +
                          abiText(TABULA_ABI_MAJOR, 0) + " needs at least " +
                          std::to_string(kDialectSizeV1) + build);
    if (!api->name)
        throw PluginError("Dialect " + where + " reports no name in its dialect table" + build);
    if (!api->driver)
        throw PluginError("Dialect " + where + " has no driver table (its driver member is NULL)" +
                          build);
    if (!api->profile)
        throw PluginError("Dialect " + where + " has no SQL profile (its profile member is NULL)" +
                          build);

    const tabula_driver& d = *api->driver;
    if (d.struct_size < kDriverSizeV1)
        throw PluginError("Dialect " + where + " has a driver table of " +
                          std::to_string(d.struct_size) + " bytes, ABI " +
                          abiText(TABULA_ABI_MAJOR, 0) + " needs at least " +
                          std::to_string(kDriverSizeV1) + build);
    const std::pair<const char*, bool> functions[] = {
        {"connect", d.connect != nullptr},
        {"ping", d.ping != nullptr},
        {"close", d.close != nullptr},
        {"exec", d.exec != nullptr},
        {"prepare", d.prepare != nullptr},
        {"bind", d.bind != nullptr},
        {"step", d.step != nullptr},
        {"column_count", d.column_count != nullptr},
        {"column_name", d.column_name != nullptr},
        {"column_value", d.column_value != nullptr},
        {"changes", d.changes != nullptr},
        {"last_insert_id", d.last_insert_id != nullptr},
        {"reset", d.reset != nullptr},
        {"finalize", d.finalize != nullptr},
        {"transaction", d.transaction != nullptr},
    };
    std::string missing;
    for (const auto& [function, present] : functions)
        if (!present) missing += (missing.empty() ? "" : ", ") + std::string(function);
    if (!missing.empty())
        throw PluginError("Dialect " + where +
                          " leaves required driver functions NULL: " + missing + build);

    const tabula_profile& p = *api->profile;
    if (p.struct_size < kProfileSizeV1)
        throw PluginError("Dialect " + where + " has a profile of " +
                          std::to_string(p.struct_size) + " bytes, ABI " +
                          abiText(TABULA_ABI_MAJOR, 0) + " needs at least " +
                          std::to_string(kProfileSizeV1) + build);
    if (!p.name) throw PluginError("Dialect " + where + " reports no name in its profile" + build);
    if (!p.quote_open || !p.quote_close)
        throw PluginError("Dialect " + where +
                          " sets no identifier quote characters in its profile" + build);
}

std::shared_ptr<const DialectLibrary> loadDialect(const std::string& requested,
                                                  const std::string& pluginPath) {
    checkName(requested);
    const std::string name = canonicalName(requested);
    Registry& reg = registry();
    // Held while loading so two threads asking for one dialect load it once.
    std::lock_guard lock(reg.mutex);
    if (auto it = reg.dialects.find(name); it != reg.dialects.end()) return it->second;

    const auto folders = dialectSearchPaths(pluginPath);
    const std::string file = dialectFileName(name);
    for (const auto& folder : folders) {
        const fs::path candidate = fs::path(folder) / file;
        std::error_code ec;
        if (!fs::exists(candidate, ec)) continue;
        auto library = loadFile(name, candidate);
        reg.dialects.emplace(name, library);
        return library;
    }
    throwNotFound(requested, name, folders);
}

void registerDialect(const std::string& name, tabula_dialect_entry_fn entry) {
    checkName(name);
    if (!entry) throw PluginError("registerDialect('" + name + "') was given no entry function");
    const tabula_dialect* api = entry();
    checkDialect(api, name, "(registered statically)");
    Registry& reg = registry();
    std::lock_guard lock(reg.mutex);
    if (auto it = reg.dialects.find(name); it != reg.dialects.end()) {
        if (&it->second->api() == api) return;
        const std::string& path = it->second->path();
        throw PluginError("Dialect '" + name + "' is already " +
                          (path.empty() ? std::string("registered") : "loaded from " + path) +
                          "; register a dialect before its first use");
    }
    reg.dialects.emplace(name, std::make_shared<StaticDialect>(api, name));
}

} // namespace tabula::detail
