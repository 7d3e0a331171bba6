// Runs the getting-started guide on SQLite (when packaged) and loads every
// dialect the package was built with, by name: loading needs no server.
#include <tabula/tabula.hpp>

#include <iostream>
#include <sstream>
#include <string>

using namespace tabula;

namespace {

int guide() {
    Database db("sqlite::memory:", {.logging = false});
    db.authenticate();
    std::cout << "Connection has been established successfully.\n";
    Model& User = db.define("user", {
                                        {"firstName", DataTypes::STRING},
                                        {"lastName", DataTypes::STRING},
                                    });
    User.sync({.force = true});
    User.create({{"firstName", "John"}, {"lastName", "Hancock"}});
    for (const Instance& user : User.findAll())
        std::cout << user.toJSON() << '\n';
    auto john = User.findOne({.where = {{"firstName", "John"}}});
    if (!john || john->get("lastName").asString() != "Hancock") {
        std::cerr << "findOne did not find John Hancock\n";
        return 1;
    }
    return 0;
}

} // namespace

int main() {
    try {
        std::istringstream dialects(TABULA_TEST_DIALECTS);
        for (std::string dialect; std::getline(dialects, dialect, ',');) {
            // The pool opens no connection up front, so this only loads the plugin.
            Database db("database", "username", "password", {.dialect = dialect, .logging = false});
            std::cout << "loaded dialect " << db.dialectName() << '\n';
            if (dialect == "sqlite" && guide() != 0) return 1;
        }
        return 0;
    } catch (const tabula::Error& e) {
        std::cerr << e.name() << ": " << e.what() << '\n';
        return 1;
    }
}
