// test/integration/model/create/include.test.js
#include "support.hpp"

// Every case creates a row together with its associated rows, given as
// nested values with the include option; Tabula's create takes the row's
// own attributes only.
#define INCLUDE_CASE(title)                                                                        \
    SEQUELIZE_CASE("model/create/include.test.js", "create > include > " title, "[create]") {      \
        NOT_SUPPORTED("create with include");                                                      \
    }

INCLUDE_CASE("should create data for BelongsTo relations")
INCLUDE_CASE("should create data for BelongsTo relations with no nullable FK")
INCLUDE_CASE("should create data for BelongsTo relations with alias")
INCLUDE_CASE("should create data for HasMany relations")
INCLUDE_CASE("should create data for HasMany relations with alias")
INCLUDE_CASE("should create data for HasOne relations")
INCLUDE_CASE("should create data for HasOne relations with alias")
INCLUDE_CASE("should create data for BelongsToMany relations")
INCLUDE_CASE("should create data for polymorphic BelongsToMany relations")
INCLUDE_CASE("should create data for BelongsToMany relations with alias")
