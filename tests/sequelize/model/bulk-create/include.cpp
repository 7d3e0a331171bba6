// test/integration/model/bulk-create/include.test.js
#include "support.hpp"

// Every case creates a row together with its associated rows, given as
// nested values with the include option; Tabula's bulkCreate takes the row's
// own attributes only.
#define INCLUDE_CASE(title)                                                                        \
    SEQUELIZE_CASE("model/bulk-create/include.test.js", "bulkCreate > include > " title,           \
                   "[bulkCreate]") {                                                               \
        NOT_SUPPORTED("bulkCreate with include");                                                  \
    }

INCLUDE_CASE("should bulkCreate data for BelongsTo relations")
INCLUDE_CASE("should bulkCreate data for BelongsTo relations with no nullable FK")
INCLUDE_CASE("should bulkCreate data for BelongsTo relations with alias")
INCLUDE_CASE("should bulkCreate data for HasMany relations")
INCLUDE_CASE("should bulkCreate data for HasMany relations with alias")
INCLUDE_CASE("should bulkCreate data for HasOne relations")
INCLUDE_CASE("should bulkCreate data for HasOne relations with alias")
INCLUDE_CASE("should bulkCreate data for BelongsToMany relations")
INCLUDE_CASE("should bulkCreate data for polymorphic BelongsToMany relations")
INCLUDE_CASE("should bulkCreate data for BelongsToMany relations with alias")
