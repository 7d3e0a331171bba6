// JSON paths ("meta.tags.0.name") rendered by each dialect built here: any
// path renders or is refused with a typed error, and its segments never end
// up outside a string literal of the dialect.
#include "fuzz_common.hpp"
#include "plugin_loader.hpp"
#include "sql/generator.hpp"

#include <tabula/errors.hpp>

#include <cstdlib>
#include <memory>
#include <vector>

namespace {

std::vector<std::shared_ptr<const tabula::detail::DialectLibrary>> dialects() {
    std::vector<std::shared_ptr<const tabula::detail::DialectLibrary>> out;
    for (const char* name : {"sqlite", "postgres", "mysql", "mssql"}) {
        try {
            out.push_back(tabula::detail::loadDialect(name, TABULA_FUZZ_DIALECT_DIR));
        } catch (const tabula::Error&) {
            // Not built in this tree.
        }
    }
    if (out.empty()) std::abort();
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto libraries = dialects();
    fuzz::Input in(data, size);
    const auto& library = libraries[in.byte() % libraries.size()];
    std::vector<std::string> path;
    while (!in.empty() && path.size() < 16)
        path.push_back(in.text());
    if (path.empty()) return 0;
    const tabula::sql::Generator generator(library->profile());
    tabula::sql::Select q;
    q.table = "t";
    q.where = tabula::sql::Condition::compare(tabula::sql::Node::jsonText("meta", path),
                                              tabula::OpKind::eq, tabula::Value("v"));
    try {
        const tabula::sql::Statement st = generator.select(q);
        if (st.params.size() != 1) std::abort(); // the value is bound, and only it
    } catch (const tabula::Error&) {
    }
    return 0;
}
