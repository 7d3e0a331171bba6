// What an association knows: its kind, its models and the key attributes.
#pragma once

#include "model_impl.hpp"

#include <tabula/association.hpp>
#include <tabula/model.hpp>

#include <string>

namespace tabula {

struct AssociationImpl {
    AssociationType type;
    Model* source = nullptr;
    Model* target = nullptr;
    Model* through = nullptr;
    std::string as;
    bool aliased = false;   // named with `as`, not after the target
    std::string foreignKey; // on target (hasOne/hasMany), source (belongsTo), junction (btm)
    std::string sourceKey;  // hasOne/hasMany/btm: the source attribute the key points at
    std::string targetKey;  // belongsTo/btm: the target attribute the key points at
    std::string otherKey;   // btm: the junction attribute pointing at the target

    ModelImpl& src() const { return source->impl(); }
    ModelImpl& tgt() const { return target->impl(); }
    bool many() const {
        return type == AssociationType::HasMany || type == AssociationType::BelongsToMany;
    }
};

} // namespace tabula
