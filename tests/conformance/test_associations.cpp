// Associations: keys and constraints, eager loading with include (nested,
// where, required, attributes, order), the number of queries an include
// costs, and the instance accessors.
#include "context.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace tabula;

namespace {

struct Library {
    std::vector<std::string> log;
    std::unique_ptr<Database> db =
        conformance::open({.logging = [this](const std::string& l) { log.push_back(l); }});
    Model& Author = db->define("author", {{"name", DataTypes::STRING}});
    Model& Bio = db->define("bio", {{"text", DataTypes::STRING}});
    Model& Book = db->define("book", {{"title", DataTypes::STRING}, {"year", DataTypes::INTEGER}});
    Model& Chapter = db->define("chapter", {{"heading", DataTypes::STRING}});
    Model& Genre = db->define("genre", {{"label", DataTypes::STRING}});
    Association& books = Author.hasMany(Book, {.onDelete = "CASCADE"});
    Association& bio = Author.hasOne(Bio);
    Association& author = Book.belongsTo(Author);
    Association& chapters = Book.hasMany(Chapter);
    Association& genres = Book.belongsToMany(Genre, {.through = "book_genres"});

    Library() {
        db->sync({.force = true});
        for (int a = 1; a <= 3; ++a) {
            Instance au = Author.create({{"name", "author" + std::to_string(a)}});
            bio.create(au, {{"text", "bio of " + std::to_string(a)}});
            for (int b = 1; b <= a; ++b) {
                Instance bk =
                    books.create(au, {{"title", "a" + std::to_string(a) + "b" + std::to_string(b)},
                                      {"year", 2000 + b}});
                chapters.create(bk, {{"heading", "one"}});
                chapters.create(bk, {{"heading", "two"}});
            }
        }
        Genre.bulkCreate({{{"label", "poetry"}}, {{"label", "prose"}}});
        log.clear();
    }
    size_t selects() const {
        return static_cast<size_t>(std::count_if(log.begin(), log.end(), [](const std::string& l) {
            return l.find("SELECT") != std::string::npos;
        }));
    }
};

} // namespace

TEST_CASE_METHOD(Library, "associations add keys named as Sequelize names them", "[associations]") {
    REQUIRE(Book.hasAttribute("authorId"));
    REQUIRE(Bio.hasAttribute("authorId"));
    REQUIRE(Chapter.hasAttribute("bookId"));
    REQUIRE(books.as() == "books");
    REQUIRE(author.as() == "author");
    REQUIRE(genres.through()->tableName() == "book_genres");
    REQUIRE(genres.through()->attributeNames() ==
            std::vector<std::string>{"createdAt", "updatedAt", "bookId", "genreId"});
    REQUIRE_THROWS_AS(Book.association("nope"), UsageError);
}

TEST_CASE_METHOD(Library, "foreign keys are enforced and cascade", "[associations]") {
    REQUIRE_THROWS_AS(Book.create({{"title", "orphan"}, {"authorId", 999}}),
                      ForeignKeyConstraintError);
    auto first = Author.findOne({.where = {{"name", "author1"}}});
    first->destroy();
    REQUIRE(Book.count({.where = {{"title", "a1b1"}}}) == 0); // ON DELETE CASCADE
}

TEST_CASE_METHOD(Library, "include loads hasMany, hasOne and belongsTo, nested, in bounded queries",
                 "[associations]") {
    auto authors = Author.findAll(
        {.include = {{.model = &Book, .include = {{.as = "chapters"}}}, {.model = &Bio}},
         .order = {{"name", "ASC"}}});
    REQUIRE(authors.size() == 3);
    REQUIRE(selects() == 4); // authors, books, chapters, bios: not one per parent
    REQUIRE(authors[2].related("books").size() == 3);
    REQUIRE(authors[2].related("books")[0].related("chapters").size() == 2);
    REQUIRE(authors[0].related("bio").size() == 1);
    REQUIRE(authors[0].related("bio")[0].get("text").asString() == "bio of 1");
    const std::string json = authors[0].toJSON();
    REQUIRE(json.find("\"books\":[{") != std::string::npos);
    REQUIRE(json.find("\"chapters\":[{") != std::string::npos);
    REQUIRE(json.find("\"bio\":{") != std::string::npos);

    auto book = Book.findOne({.where = {{"title", "a2b1"}}, .include = {{.as = "author"}}});
    REQUIRE(book->related("author").at(0).get("name").asString() == "author2");
    REQUIRE_THROWS_AS(book->related("chapters"), UsageError); // not loaded
}

TEST_CASE_METHOD(Library, "children of a whole table are read without a list of keys",
                 "[associations]") {
    Book.create({{"title", "anonymous"}}); // no author: matches no parent
    log.clear();
    auto whole = Author.findAll({.include = {{.model = &Book}}, .order = {{"name", "ASC"}}});
    REQUIRE(selects() == 2);
    CHECK(log[1].find("IS NOT NULL") != std::string::npos);
    CHECK_FALSE(conformance::readsAList(log[1]));

    log.clear();
    auto some = Author.findAll({.where = {{"name", {Op::ne, "nobody"}}},
                                .include = {{.model = &Book}},
                                .order = {{"name", "ASC"}}});
    REQUIRE(selects() == 2);
    CHECK(conformance::readsAList(log[1]));

    // Both ways load the same children.
    REQUIRE(whole.size() == 3);
    REQUIRE(some.size() == 3);
    for (size_t a = 0; a < 3; ++a) {
        const auto& w = whole[a].related("books");
        const auto& s = some[a].related("books");
        REQUIRE(w.size() == a + 1);
        REQUIRE(s.size() == w.size());
        for (size_t b = 0; b < w.size(); ++b)
            CHECK(w[b].get("title") == s[b].get("title"));
    }

    // A belongsTo reads only the parents its rows point at.
    log.clear();
    auto books = Book.findAll({.include = {{.as = "author"}}});
    REQUIRE(books.size() == 7);
    CHECK(conformance::readsAList(log[1]));
    for (const auto& b : books) {
        REQUIRE(b.related("author").size() == (b.get("authorId").isNull() ? 0u : 1u));
        // Books of one author each hold a whole copy of that author.
        if (!b.get("authorId").isNull())
            CHECK(b.related("author")[0].get("id") == b.get("authorId"));
    }
}

TEST_CASE_METHOD(Library, "a where on an include makes it required; required false keeps parents",
                 "[associations]") {
    auto withOld = Author.findAll(
        {.include = {{.model = &Book, .where = {{"year", 2003}}}}, .order = {{"name", "ASC"}}});
    REQUIRE(withOld.size() == 1);
    REQUIRE(withOld[0].get("name").asString() == "author3");
    REQUIRE(withOld[0].related("books").size() == 1);

    auto all =
        Author.findAll({.include = {{.model = &Book, .where = {{"year", 2003}}, .required = false}},
                        .order = {{"name", "ASC"}}});
    REQUIRE(all.size() == 3);
    REQUIRE(all[0].related("books").empty());

    // Limit counts parents, not joined rows.
    auto page = Author.findAll(
        {.include = {{.model = &Book, .required = true}}, .order = {{"name", "DESC"}}, .limit = 2});
    REQUIRE(page.size() == 2);
    REQUIRE(page[0].related("books").size() == 3);
    REQUIRE(Author.count({.include = {{.model = &Book, .where = {{"year", 2002}}}}}) == 2);
}

TEST_CASE_METHOD(Library, "include attributes and order", "[associations]") {
    auto a = Author.findOne(
        {.where = {{"name", "author3"}},
         .include = {{.model = &Book, .attributes = {"title"}, .order = {{"year", "DESC"}}}}});
    const auto& list = a->related("books");
    REQUIRE(list.size() == 3);
    REQUIRE(list[0].get("title").asString() == "a3b3");
    REQUIRE(list[2].get("title").asString() == "a3b1");
    REQUIRE(list[0].get("year").isNull());
}

TEST_CASE_METHOD(Library, "accessors: get, count, add, remove, has, set, create",
                 "[associations]") {
    Instance a3 = *Author.findOne({.where = {{"name", "author3"}}});
    Instance a1 = *Author.findOne({.where = {{"name", "author1"}}});
    REQUIRE(books.count(a3) == 3);
    REQUIRE(books.get(a3, {.where = {{"year", {Op::gt, 2001}}}}).size() == 2);
    Instance moved = books.get(a3, {.order = {{"year", "ASC"}}}).front();
    books.add(a1, {moved});
    REQUIRE(books.count(a1) == 2);
    REQUIRE(books.has(a1, {moved}));
    REQUIRE_FALSE(books.has(a3, {moved}));
    books.remove(a1, {moved});
    REQUIRE(books.count(a1) == 1);
    books.set(a3, {moved});
    REQUIRE(books.count(a3) == 1);

    Instance b = books.get(a1).front();
    REQUIRE(author.getOne(b)->get("name").asString() == "author1");
    author.set(b, {a3});
    REQUIRE(author.getOne(b)->get("name").asString() == "author3");
    REQUIRE(bio.getOne(a1)->get("text").asString() == "bio of 1");

    auto poetry = *Genre.findOne({.where = {{"label", "poetry"}}});
    auto prose = *Genre.findOne({.where = {{"label", "prose"}}});
    genres.add(b, {poetry, prose});
    REQUIRE(genres.count(b) == 2);
    REQUIRE(genres.has(b, {prose}));
    genres.remove(b, {poetry});
    REQUIRE(genres.count(b) == 1);
    Instance drama = genres.create(b, {{"label", "drama"}});
    REQUIRE(genres.count(b) == 2);
    genres.set(b, {drama});
    auto got = genres.get(b);
    REQUIRE(got.size() == 1);
    REQUIRE(got[0].get("label").asString() == "drama");
}

TEST_CASE_METHOD(Library, "belongsToMany include and required include through the junction",
                 "[associations]") {
    auto bookA = *Book.findOne({.where = {{"title", "a2b1"}}});
    auto bookB = *Book.findOne({.where = {{"title", "a3b1"}}});
    auto poetry = *Genre.findOne({.where = {{"label", "poetry"}}});
    auto prose = *Genre.findOne({.where = {{"label", "prose"}}});
    genres.add(bookA, {poetry, prose});
    genres.add(bookB, {prose});
    log.clear();
    auto withGenres = Book.findAll({.include = {{.as = "genres"}}, .order = {{"title", "ASC"}}});
    REQUIRE(selects() == 3); // books, junction, genres
    REQUIRE(withGenres.size() == 6);
    size_t total = 0;
    for (const auto& bk : withGenres)
        total += bk.related("genres").size();
    REQUIRE(total == 3);
    // prose is linked to two books: each holds it.
    auto labels = [](const Instance& book) {
        std::vector<std::string> out;
        for (const auto& g : book.related("genres"))
            out.push_back(g.get<std::string>("label"));
        std::sort(out.begin(), out.end());
        return out;
    };
    for (const auto& bk : withGenres) {
        const std::string title = bk.get<std::string>("title");
        if (title == "a2b1")
            CHECK(labels(bk) == std::vector<std::string>{"poetry", "prose"});
        else if (title == "a3b1")
            CHECK(labels(bk) == std::vector<std::string>{"prose"});
        else
            CHECK(labels(bk).empty());
    }
    auto poetic = Book.findAll({.include = {{.as = "genres", .where = {{"label", "poetry"}}}}});
    REQUIRE(poetic.size() == 1);
    REQUIRE(poetic[0].get("title").asString() == "a2b1");
    REQUIRE(poetic[0].related("genres").size() == 1);
}

TEST_CASE_METHOD(Library, "order parents by an associated row's column", "[associations]") {
    auto byAuthor = Book.findAll({.order = {{"author.name", "DESC"}, {"title", "ASC"}}});
    REQUIRE(byAuthor.front().get("title").asString() == "a3b1");
    REQUIRE(byAuthor.back().get("title").asString() == "a1b1");
    auto byNewest = Author.findAll({.order = {{"books.year", "DESC"}}});
    REQUIRE(byNewest.front().get("name").asString() == "author3");
}
