// Associations between models: hasOne, belongsTo, hasMany, belongsToMany,
// with Sequelize's default key names and its instance accessors.
#pragma once

#include <tabula/query.hpp>
#include <tabula/transaction.hpp>
#include <tabula/value.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tabula {

class Model;
class Instance;

enum class AssociationType { HasOne, BelongsTo, HasMany, BelongsToMany };

struct AssociationOptions {
    std::string as{};         // name of the association; default: the target's name
    std::string foreignKey{}; // attribute holding the key; default e.g. "userId"
    std::string sourceKey{};  // hasOne/hasMany/belongsToMany: default the source's key
    std::string targetKey{};  // belongsTo/belongsToMany: default the target's key
    std::string through{};    // belongsToMany: junction model name (defined if missing)
    std::string otherKey{};   // belongsToMany: the target's key in the junction
    std::string onDelete{};   // CASCADE, SET NULL, ... (default SET NULL; junction CASCADE)
    std::string onUpdate{};   // default CASCADE
};

struct AssociationImpl;

// One association, with the accessors Sequelize generates per name:
// getTasks → get, countTasks → count, setTasks → set, addTask → add,
// removeTask → remove, hasTask → has, createTask → create.
class Association {
public:
    explicit Association(std::unique_ptr<AssociationImpl> impl);
    ~Association();

    AssociationType type() const;
    const std::string& as() const;
    Model& source() const;
    Model& target() const;
    const std::string& foreignKey() const;
    Model* through() const; // the junction model of a belongsToMany

    std::vector<Instance> get(const Instance& source, FindOptions options = {}) const;
    std::optional<Instance> getOne(const Instance& source, FindOptions options = {}) const;
    std::int64_t count(const Instance& source, FindOptions options = {}) const;
    // Replaces the associated rows (for hasOne/belongsTo: at most one).
    void set(Instance& source, const std::vector<Instance>& targets,
             Transaction* transaction = nullptr) const;
    void add(Instance& source, const std::vector<Instance>& targets,
             Transaction* transaction = nullptr) const;
    void remove(Instance& source, const std::vector<Instance>& targets,
                Transaction* transaction = nullptr) const;
    bool has(const Instance& source, const std::vector<Instance>& targets,
             Transaction* transaction = nullptr) const;
    Instance create(Instance& source, const Values& values,
                    Transaction* transaction = nullptr) const;

    AssociationImpl& impl() const { return *impl_; }

private:
    std::unique_ptr<AssociationImpl> impl_;
};

} // namespace tabula
