// An application linked against an installed Tabula, checking what it prints:
//   tabula_package_app guide                       the getting-started steps on SQLite
//   tabula_package_app echo [pluginPath]           loads the out-of-tree echo dialect
//   tabula_package_app refuse <pluginPath> <text>  expects a PluginError naming <text>...
#include <tabula/tabula.hpp>

#include <chrono>
#include <cstdlib>
#include <future>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

using namespace tabula;

namespace {

int fail(const std::string& what) {
    std::cerr << "FAIL: " << what << '\n';
    return 1;
}

// The guide on sqlite::memory:, output checked line by line.
int guide() {
    std::ostringstream out;
    Database db("sqlite::memory:",
                {.pool = {.max = 5, .min = 0, .idle = std::chrono::seconds(10)}, .logging = false});
    db.authenticate();
    out << "Connection has been established successfully.\n";

    Model& User = db.define("user", {
                                        {"firstName", DataTypes::STRING},
                                        {"lastName", DataTypes::STRING},
                                    });
    User.sync({.force = true});
    User.create({{"firstName", "John"}, {"lastName", "Hancock"}});
    const std::vector<Instance> users = User.findAll();
    for (const Instance& user : users)
        out << user.toJSON() << '\n';
    std::cout << out.str();

    if (users.size() != 1)
        return fail("findAll returned " + std::to_string(users.size()) + " rows");
    const std::string json = users.front().toJSON();
    for (const char* expected : {"\"id\":1", "\"firstName\":\"John\"", "\"lastName\":\"Hancock\"",
                                 "\"createdAt\"", "\"updatedAt\""})
        if (json.find(expected) == std::string::npos)
            return fail("toJSON() lacks " + std::string(expected) + ": " + json);

    auto john = User.findOne({.where = {{"firstName", "John"}}});
    if (!john || john->get("lastName").asString() != "Hancock")
        return fail("findOne where firstName = John did not find Hancock");
    std::future<std::vector<Instance>> later = User.findAllAsync();
    if (later.get().size() != 1) return fail("findAllAsync did not return the row");
    std::cout << "guide: ok\n";
    return 0;
}

// Parameters go out bound and come back as the echo dialect's one row.
int echo(const std::string& pluginPath) {
    Database db("database", "username", "password",
                {.dialect = "echo", .logging = false, .pluginPath = pluginPath});
    QueryResult result = db.query("SELECT ?, ?, ?", {.replacements = {42, "hello", 2.5}});
    if (result.rows.size() != 1) return fail("echo returned " + std::to_string(result.rows.size()));
    const Row& row = result.rows.front();
    std::cout << "echo row: " << row.toJSON() << '\n';
    if (row.values().size() != 3 || row[0].asInt() != 42 || row[1].asString() != "hello" ||
        row[2].asDouble() != 2.5)
        return fail("echo did not return 42, \"hello\", 2.5");
    std::cout << "echo: ok" << (pluginPath.empty() ? "" : " (pluginPath " + pluginPath + ")")
              << '\n';
    return 0;
}

// The dialect must be refused at load with a message containing every text.
int refuse(const std::string& pluginPath, const std::vector<std::string>& texts) {
    try {
        Database db("database", "username", "password",
                    {.dialect = "echo", .logging = false, .pluginPath = pluginPath});
        db.query("SELECT ?", {.replacements = {1}});
    } catch (const PluginError& e) {
        const std::string message = e.what();
        std::cout << "PluginError: " << message << '\n';
        for (const auto& text : texts)
            if (message.find(text) == std::string::npos)
                return fail("the PluginError does not name " + text);
        std::cout << "refused: ok\n";
        return 0;
    }
    return fail("the dialect in " + pluginPath + " was loaded, not refused");
}

} // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    try {
        if (!args.empty() && args[0] == "guide") return guide();
        if (!args.empty() && args[0] == "echo") return echo(args.size() > 1 ? args[1] : "");
        if (args.size() >= 3 && args[0] == "refuse")
            return refuse(args[1], std::vector<std::string>(args.begin() + 2, args.end()));
    } catch (const tabula::Error& e) {
        return fail(std::string(e.name()) + ": " + e.what());
    }
    std::cerr << "usage: tabula_package_app guide | echo [pluginPath] | refuse <pluginPath> "
                 "<text>...\n";
    return 2;
}
