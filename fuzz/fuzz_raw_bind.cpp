// Raw queries: `?`, `:name`, `$1` and `$name` are rewritten into each
// placeholder style, or the query is refused with a typed error.
#include "fuzz_common.hpp"
#include "sql/generator.hpp"

#include <tabula/errors.hpp>

#include <cstdlib>
#include <map>
#include <vector>

namespace {

tabula_profile profile(std::int32_t placeholder) {
    tabula_profile p{};
    p.struct_size = sizeof p;
    p.name = "fuzz";
    p.quote_open = '"';
    p.quote_close = '"';
    p.placeholder = placeholder;
    p.max_params = 1000;
    return p;
}

const tabula_profile profiles[] = {profile(TABULA_PLACEHOLDER_QUESTION),
                                   profile(TABULA_PLACEHOLDER_DOLLAR),
                                   profile(TABULA_PLACEHOLDER_AT)};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::Input in(data, size);
    const std::uint8_t choice = in.byte();
    const std::string sql = in.text();
    const std::vector<tabula::Value> positional{tabula::Value(1), tabula::Value("two"),
                                                tabula::Value()};
    const std::map<std::string, tabula::Value> named{{"a", tabula::Value(1)},
                                                     {"name", tabula::Value("x")}};
    const tabula::sql::Generator generator(profiles[choice % 3]);
    try {
        const tabula::sql::Statement st = generator.bindRaw(
            sql, (choice & 4) ? positional : std::vector<tabula::Value>{},
            (choice & 8) ? named : std::map<std::string, tabula::Value>{}, (choice & 16) != 0);
        // Every value given is bound, never pasted into the text.
        if (st.params.size() > 1000) std::abort();
    } catch (const tabula::Error&) {
    }
    return 0;
}
