// Renders the query AST as SQL text plus bound parameters, in the flavour a
// dialect's profile describes. Values are never inlined into DML; DDL inlines
// only default values and ENUM members, as SQL literals.
#pragma once

#include "sql/ast.hpp"

#include <tabula/sdk/dialect.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tabula::sql {

class Generator {
public:
    explicit Generator(const tabula_profile& profile) : profile_(profile) {}

    const tabula_profile& profile() const { return profile_; }
    bool supports(unsigned flag) const { return (profile_.supports & flag) != 0; }

    // Identifier quoting; a quote character inside a name is doubled.
    std::string quote(std::string_view identifier) const;
    // A SQL string literal for DDL ('it''s').
    std::string literal(const Value& value) const;
    // The i-th placeholder (from 1) in the dialect's style.
    std::string placeholder(int index) const;

    Statement select(const Select& query) const;
    Statement insert(const Insert& query) const;
    Statement update(const Update& query) const;
    Statement remove(const Delete& query) const;

    // CREATE TABLE preceded by what the dialect needs first (CREATE TYPE).
    std::vector<std::string> createTable(const CreateTable& query) const;
    // DROP TABLE followed by what the dialect drops after it (DROP TYPE).
    std::vector<std::string> dropTable(const DropTable& query) const;
    // ALTER TABLE t ADD COLUMN c ..., preceded by any CREATE TYPE.
    std::vector<std::string> addColumn(const std::string& table, const ColumnDef& column) const;
    // Column type text from the dialect's render_type hook or the standard.
    std::string columnType(const std::string& table, const ColumnDef& column,
                           std::vector<std::string>* beforeCreate = nullptr,
                           std::vector<std::string>* afterDrop = nullptr) const;

    // Rewrites `?`, `:name`, `$1` and `$name` in a raw query into the
    // dialect's placeholders, collecting values; quoted text is left alone.
    Statement bindRaw(const std::string& sql, const std::vector<Value>& positional,
                      const std::map<std::string, Value>& named, bool dollarStyle) const;

private:
    Statement merge(const Insert& query) const;
    // True when returned rows are spelt OUTPUT INSERTED.* (T-SQL).
    bool outputInserted(bool returning) const;
    // "*", or the quoted columns, each after `prefix` ("INSERTED." for OUTPUT).
    std::string returnedColumns(const std::vector<std::string>& columns, const char* prefix) const;

    const tabula_profile& profile_;
};

} // namespace tabula::sql
