// The random UUIDs of DataTypes::UUID attributes with defaultValue UUIDV4:
// the version 4 form, and no two alike across many threads.
#include "model_impl.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using namespace tabula;

namespace {

// Gives `m` one attribute, "id", a UUID that defaults to UUIDV4.
void makeUuidModel(ModelImpl& m) {
    m.name = "thing";
    m.table = "things";
    Attribute def;
    def.type = DataTypes::UUID;
    def.defaultValue = DataTypes::UUIDV4;
    AttributeInfo id;
    id.name = "id";
    id.column = "id";
    id.def = def;
    m.attributes.push_back(std::move(id));
    m.byName.emplace("id", 0);
    m.byColumn.emplace("id", 0);
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx in lower case, V one of 8, 9, a, b.
bool isV4(const std::string& id) {
    if (id.size() != 36) return false;
    for (size_t i = 0; i < id.size(); ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (id[i] != '-') return false;
        } else if (hexValue(id[i]) < 0) {
            return false;
        }
    }
    return id[14] == '4' && (hexValue(id[19]) & 0xC) == 0x8;
}

// The 128 bits of a UUID, for sorting many of them cheaply.
std::pair<std::uint64_t, std::uint64_t> bits(const std::string& id) {
    std::uint64_t hi = 0, lo = 0;
    int n = 0;
    for (char c : id) {
        if (c == '-') continue;
        auto& half = n++ < 16 ? hi : lo;
        half = half << 4 | static_cast<std::uint64_t>(hexValue(c));
    }
    return {hi, lo};
}

// Makes `perThread` UUIDV4 defaults on each of `threads` threads (a few at a
// time) and checks that they are all version 4 and all different.
void requireDistinctAcrossThreads(int threads, int perThread) {
    ModelImpl m;
    makeUuidModel(m);
    constexpr int batch = 4;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> ids;
    ids.reserve(static_cast<size_t>(threads) * static_cast<size_t>(perThread));
    std::mutex mutex;
    bool allV4 = true;
    for (int started = 0; started < threads; started += batch) {
        std::vector<std::thread> running;
        for (int t = 0; t < batch; ++t)
            running.emplace_back([&] {
                std::vector<std::string> made;
                for (int i = 0; i < perThread; ++i)
                    made.push_back(m.defaultFor(0).asString());
                std::lock_guard lock(mutex);
                for (const auto& id : made) {
                    allV4 = allV4 && isV4(id);
                    ids.push_back(bits(id));
                }
            });
        for (auto& t : running)
            t.join();
    }
    REQUIRE(allV4);
    REQUIRE(ids.size() == static_cast<size_t>(threads) * static_cast<size_t>(perThread));
    std::sort(ids.begin(), ids.end());
    REQUIRE(std::adjacent_find(ids.begin(), ids.end()) == ids.end());
}

} // namespace

TEST_CASE("UUIDV4 defaults are version 4, variant 10 UUIDs", "[uuid]") {
    ModelImpl m;
    makeUuidModel(m);
    for (int i = 0; i < 1000; ++i) {
        Value v = m.defaultFor(0);
        REQUIRE(v.kind() == ValueKind::Uuid);
        INFO(v.asString());
        REQUIRE(isV4(v.asString()));
    }
}

// Each id holds 122 random bits, so no two of a few hundred thousand may be
// alike. Generators that hold less state per thread repeat across threads:
// seeded from one 32-bit draw each, a repeat is likely among 2^16 threads
// and all but certain among 2^18 (the second case, run by name or tag).
TEST_CASE("UUIDV4 defaults made on many threads never repeat", "[uuid]") {
    requireDistinctAcrossThreads(1 << 15, 3);
}

TEST_CASE("UUIDV4 defaults made on 2^18 threads never repeat", "[uuid][.][stress]") {
    requireDistinctAcrossThreads(1 << 18, 2);
}
