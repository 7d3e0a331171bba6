// Where clauses built from arbitrary operators, nesting, attribute names and
// values, turned into SQL for a real model: rendered or refused with a typed
// error; the values are bound, never written into the SQL.
#include "database_impl.hpp"
#include "fuzz_common.hpp"
#include "model_impl.hpp"

#include <tabula/tabula.hpp>

#include <cstdlib>
#include <memory>

using namespace tabula;

namespace {

const char* const attributes[] = {"name",        "age",       "meta", "meta.city",
                                  "meta.tags.0", "createdAt", "nope", "id"};

Value value(fuzz::Input& in) {
    switch (in.byte() % 7) {
    case 0: return Value();
    case 1: return Value(static_cast<long long>(in.byte()) - 100);
    case 2: return Value(in.text());
    case 3: return Value(in.byte() % 2 == 0);
    case 4: return Value(static_cast<double>(in.byte()) / 7.0);
    case 5: {
        std::vector<Value> items;
        for (int n = in.byte() % 5; n > 0; --n)
            items.push_back(Value(in.text()));
        return Value::array(std::move(items));
    }
    default: return Value::json(in.text());
    }
}

Where clause(fuzz::Input& in, int depth) {
    const std::uint8_t kind = in.byte();
    if (depth < 300 && kind % 5 == 0) {
        std::vector<Where> children;
        for (int n = in.byte() % 4; n > 0; --n)
            children.push_back(clause(in, depth + 1));
        switch (kind % 3) {
        case 0: return Where::all(std::move(children));
        case 1: return Where::any(std::move(children));
        default: return Where::negate(children.empty() ? Where() : std::move(children.front()));
        }
    }
    const std::string attribute =
        kind % 11 == 1 ? in.text() : attributes[in.byte() % std::size(attributes)];
    const auto op = static_cast<OpKind>(in.byte() % (static_cast<int>(OpKind::substring) + 1));
    return Where(attribute, Cond(op, value(in)));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static auto db = [] {
        auto d = std::make_unique<Database>(
            "sqlite::memory:", Options{.logging = false, .pluginPath = TABULA_FUZZ_DIALECT_DIR});
        d->define(
            "thing",
            {{"name", DataTypes::STRING}, {"age", DataTypes::INTEGER}, {"meta", DataTypes::JSON}});
        return d;
    }();
    fuzz::Input in(data, size);
    try {
        FindOptions options;
        options.where = clause(in, 0);
        const ModelImpl& m = db->model("thing").impl();
        db->impl().sql().select(m.select(options));
    } catch (const Error&) {
    }
    return 0;
}
