// The getting-started guide, step by step: connect, test the connection,
// define a model, sync it, create a row, query it, and do the same through
// futures. Runs on SQLite by default; pass a URI to use another database:
//   getting_started postgres://user:pass@localhost:5432/db
#include <tabula/tabula.hpp>

#include <iostream>

using namespace tabula;

int main(int argc, char** argv) {
    const std::string uri = argc > 1 ? argv[1] : "sqlite::memory:";
    try {
        // Setting up a connection: one Database (and its pool) per database.
        Database db(uri, {.pool = {.max = 5, .min = 0, .idle = std::chrono::seconds(10)}});

        // Test the connection.
        try {
            db.authenticate();
            std::cout << "Connection has been established successfully.\n";
        } catch (const ConnectionError& err) {
            std::cerr << "Unable to connect to the database: " << err.what() << '\n';
            return 1;
        }

        // Your first model: table "users" with id, createdAt and updatedAt.
        Model& User = db.define("user", {
                                            {"firstName", DataTypes::STRING},
                                            {"lastName", DataTypes::STRING},
                                        });

        // force: true will drop the table if it already exists.
        User.sync({.force = true});
        std::cout << "Table created.\n";
        User.create({{"firstName", "John"}, {"lastName", "Hancock"}});

        // Your first query.
        for (const Instance& user : User.findAll())
            std::cout << user.toJSON() << '\n';

        // Application-wide model options: timestamps off unless a model asks.
        Database app(uri, {.logging = false, .define = {.timestamps = false}});
        Model& Plain = app.define("user", {});
        Model& Post = app.define("post", {}, {.timestamps = true});
        auto list = [](const Model& m) {
            std::string names;
            for (const auto& n : m.attributeNames())
                names += (names.empty() ? "" : ", ") + n;
            return names;
        };
        std::cout << "user attributes: " << list(Plain) << '\n';
        std::cout << "post attributes: " << list(Post) << '\n';

        // Promises: a future holds the row once the query has run.
        std::future<std::optional<Instance>> pending = User.findOneAsync();
        std::optional<Instance> user = pending.get();
        if (user)
            std::cout << "Found " << user->get("firstName") << ' ' << user->get("lastName") << '\n';
        return 0;
    } catch (const tabula::Error& err) {
        std::cerr << err.name() << ": " << err.what() << '\n';
        return 1;
    }
}
