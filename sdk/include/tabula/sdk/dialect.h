/* The C ABI between the Tabula core and a dialect plugin: the narrow waist.
 * Plain C so that any compiler can build either side; nothing C++ crosses.
 * Rules: every struct starts with its size; members are only ever appended;
 * a new member bumps TABULA_ABI_MINOR, a change to an existing one bumps
 * TABULA_ABI_MAJOR. */
#ifndef TABULA_SDK_DIALECT_H
#define TABULA_SDK_DIALECT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TABULA_ABI_MAJOR 1
#define TABULA_ABI_MINOR 6

/* The one symbol a dialect exports (see TABULA_DIALECT_ENTRY). */
#define TABULA_DIALECT_ENTRY_SYMBOL "tabula_dialect_entry_v1"

#if defined(_WIN32)
#define TABULA_PLUGIN_EXPORT __declspec(dllexport)
#else
#define TABULA_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

/* ---- results and errors ------------------------------------------------ */

typedef enum tabula_rc {
    TABULA_OK = 0,
    TABULA_ERROR = 1,
    TABULA_ROW = 100, /* step produced a row */
    TABULA_DONE = 101 /* step finished */
} tabula_rc;

/* What went wrong, in the core's words. The dialect maps its native codes
 * to one of these in one place; the core turns it into an exception class. */
typedef enum tabula_error_kind {
    TABULA_ERR_GENERIC = 0,          /* DatabaseError */
    TABULA_ERR_CONNECTION = 1,       /* ConnectionError, cause unknown */
    TABULA_ERR_CONN_REFUSED = 2,     /* ConnectionRefusedError */
    TABULA_ERR_ACCESS_DENIED = 3,    /* AccessDeniedError */
    TABULA_ERR_HOST_NOT_FOUND = 4,   /* HostNotFoundError */
    TABULA_ERR_CONN_TIMEOUT = 5,     /* ConnectionTimedOutError */
    TABULA_ERR_UNIQUE = 10,          /* UniqueConstraintError */
    TABULA_ERR_FOREIGN_KEY = 11,     /* ForeignKeyConstraintError */
    TABULA_ERR_NOT_NULL = 12,        /* NotNullConstraintError */
    TABULA_ERR_CHECK = 13,           /* CheckConstraintError */
    TABULA_ERR_TIMEOUT = 14,         /* TimeoutError: statement cancelled */
    TABULA_ERR_UNKNOWN_TABLE = 15,   /* UnknownTableError */
    TABULA_ERR_SYNTAX = 16,          /* DatabaseError, the SQL is wrong */
    TABULA_ERR_MISUSE = 17,          /* core called the plugin wrongly */
    TABULA_ERR_UNSUPPORTED = 18,     /* the dialect cannot do this */
    TABULA_ERR_CONNECTION_LOST = 19, /* connection is unusable from now on */
    TABULA_ERR_DEADLOCK = 20,        /* serialization failure or deadlock */
    /* The prepared statement no longer fits the schema (DDL changed it): the
     * core finalizes it and prepares the SQL afresh next time. A dialect
     * prepares again by itself where that is safe (outside a transaction). */
    TABULA_ERR_STALE_STATEMENT = 21
} tabula_error_kind;

/* Filled in by the plugin when a call returns TABULA_ERROR. The buffers
 * belong to the caller, so nothing has to be freed across the boundary. */
typedef struct tabula_error {
    uint32_t struct_size;
    int32_t kind;         /* tabula_error_kind */
    int64_t native_code;  /* the client library's own code, 0 if none */
    char sqlstate[8];     /* five characters and NUL, "" if unknown */
    char message[1024];   /* the server's or client library's message */
    char fields[256];     /* for constraint errors: columns, comma-separated */
    char constraint[128]; /* for constraint errors: the constraint's name */
} tabula_error;

/* ---- values ------------------------------------------------------------ */

typedef enum tabula_type {
    TABULA_TYPE_NULL = 0,
    TABULA_TYPE_BOOL = 1,      /* i: 0 or 1 */
    TABULA_TYPE_INT = 2,       /* i */
    TABULA_TYPE_DOUBLE = 3,    /* d */
    TABULA_TYPE_DECIMAL = 4,   /* data/size: exact decimal text, "-12.50" */
    TABULA_TYPE_TEXT = 5,      /* data/size: UTF-8, not NUL-terminated */
    TABULA_TYPE_BYTES = 6,     /* data/size */
    TABULA_TYPE_DATE = 7,      /* data/size: "YYYY-MM-DD" */
    TABULA_TYPE_TIME = 8,      /* data/size: "HH:MM:SS[.ffffff]" */
    TABULA_TYPE_TIMESTAMP = 9, /* i: microseconds since 1970-01-01 UTC */
    TABULA_TYPE_JSON = 10,     /* data/size: JSON text */
    TABULA_TYPE_UUID = 11      /* data/size: "xxxxxxxx-xxxx-..." */
} tabula_type;

/* One cell. For values a plugin returns, data points into memory the plugin
 * owns and stays valid until the next step, reset or finalize. */
typedef struct tabula_value {
    int32_t type; /* tabula_type */
    int64_t i;
    double d;
    const char* data;
    size_t size;
} tabula_value;

/* ---- connecting -------------------------------------------------------- */

/* Settings arrive as key/value text: host, port, database, username,
 * password, storage (SQLite file or ":memory:"), then every dialectOptions
 * entry and every URI query option, as given. */
typedef struct tabula_setting {
    const char* key;
    const char* value;
} tabula_setting;

typedef struct tabula_conn tabula_conn; /* owned by the plugin */
typedef struct tabula_stmt tabula_stmt; /* owned by the plugin */

typedef enum tabula_tx_op {
    TABULA_TX_BEGIN = 0,
    TABULA_TX_COMMIT = 1,
    TABULA_TX_ROLLBACK = 2,
    TABULA_TX_SAVEPOINT = 3,
    TABULA_TX_RELEASE = 4,
    TABULA_TX_ROLLBACK_TO = 5
} tabula_tx_op;

typedef enum tabula_isolation {
    TABULA_ISO_DEFAULT = 0,
    TABULA_ISO_READ_UNCOMMITTED = 1,
    TABULA_ISO_READ_COMMITTED = 2,
    TABULA_ISO_REPEATABLE_READ = 3,
    TABULA_ISO_SERIALIZABLE = 4
} tabula_isolation;

/* The driver surface, modelled on sqlite3's prepare/bind/step/column API.
 * Every function that can fail returns tabula_rc and fills err. */
typedef struct tabula_driver {
    uint32_t struct_size;

    int (*connect)(const tabula_setting* settings, size_t count, tabula_conn** out,
                   tabula_error* err);
    /* Cheap check that the connection still works (used by the pool). */
    int (*ping)(tabula_conn* conn, tabula_error* err);
    void (*close)(tabula_conn* conn);

    /* Runs SQL without parameters or results (DDL, several statements). */
    int (*exec)(tabula_conn* conn, const char* sql, tabula_error* err);

    /* Prepares one statement. Parameters use the profile's placeholder style
     * and are numbered from 1. The core caches prepared statements per
     * connection by SQL text and reuses them after reset. */
    int (*prepare)(tabula_conn* conn, const char* sql, size_t sql_len, tabula_stmt** out,
                   tabula_error* err);
    /* Since ABI 1.3 the core keeps value->data valid until the statement's
     * next reset or finalize, so a plugin may keep the pointer (SQLite's
     * SQLITE_STATIC, a MYSQL_BIND buffer) instead of copying. A core before
     * 1.3 promised it only for the call, and never loads a 1.3 plugin. */
    int (*bind)(tabula_stmt* stmt, int index, const tabula_value* value, tabula_error* err);
    /* TABULA_ROW, TABULA_DONE or TABULA_ERROR. */
    int (*step)(tabula_stmt* stmt, tabula_error* err);
    int (*column_count)(tabula_stmt* stmt);
    const char* (*column_name)(tabula_stmt* stmt, int column);
    /* Writes the current row's cell; out->data stays valid until next step. */
    int (*column_value)(tabula_stmt* stmt, int column, tabula_value* out, tabula_error* err);
    /* Rows changed by the last completed statement. */
    int64_t (*changes)(tabula_stmt* stmt);
    /* Generated key of the last insert, 0 if none. After a multi-row INSERT
     * it is the key of the first row, as MySQL reports it; the core only
     * asks dialects without RETURNING for it. */
    int64_t (*last_insert_id)(tabula_stmt* stmt);
    /* Back to the state after prepare, bindings cleared, ready to reuse. */
    int (*reset)(tabula_stmt* stmt, tabula_error* err);
    void (*finalize)(tabula_stmt* stmt);

    /* Transaction verbs. name is the savepoint name for SAVEPOINT, RELEASE
     * and ROLLBACK_TO; isolation applies to BEGIN. */
    int (*transaction)(tabula_conn* conn, int op, const char* name, int isolation,
                       tabula_error* err);

    /* ABI 1.1. TABULA_SUPPORTS_* flags that this connection's server adds to
     * the profile's, e.g. RETURNING on MariaDB 10.5 and later. NULL: none.
     * The core asks the first connection of a Database once. */
    uint32_t (*server_supports)(tabula_conn* conn);

    /* ABI 1.4. Writes cells 0 .. count-1 of the current row to out[0 ..
     * count-1] under column_value's rules, in one call instead of count.
     * NULL: the core asks column_value for each cell. */
    int (*row_values)(tabula_stmt* stmt, tabula_value* out, int count, tabula_error* err);

    /* ABI 1.5. Loads rows into a table in one bulk operation (PostgreSQL's
     * COPY), for inserts that read nothing back. cells holds row_count rows
     * of column_count cells, one row after the other, under bind's rules;
     * table and columns are plain names, which the plugin quotes. Sets
     * *loaded to the rows written. The core calls it only when the profile
     * has TABULA_SUPPORTS_BULK_INSERT; NULL otherwise. */
    int (*bulk_insert)(tabula_conn* conn, const char* table, const char* const* columns,
                       int column_count, const tabula_value* cells, size_t row_count,
                       int64_t* loaded, tabula_error* err);

    /* ABI 1.6. Bounds every statement that starts on this connection from now
     * on to `milliseconds` (0: no limit, the state after connect). A statement
     * that runs longer is cancelled and fails with TABULA_ERR_TIMEOUT, and the
     * connection stays usable. The core calls it only when the value it wants
     * differs from the one it last set, and again after a ROLLBACK or
     * ROLLBACK_TO (a dialect may keep the setting in the transaction).
     * TABULA_ERR_UNSUPPORTED: the dialect cannot bound statements. NULL: the
     * core refuses a timeout with a UsageError. */
    int (*set_timeout)(tabula_conn* conn, int64_t milliseconds, tabula_error* err);
} tabula_driver;

/* ---- SQL flavour --------------------------------------------------------- */

typedef enum tabula_placeholder {
    TABULA_PLACEHOLDER_QUESTION = 0, /* ?      (sqlite, mysql) */
    TABULA_PLACEHOLDER_DOLLAR = 1,   /* $1, $2 (postgres) */
    TABULA_PLACEHOLDER_AT = 2        /* @p1    (mssql) */
} tabula_placeholder;

/* Capability flags, Sequelize's `supports`. */
#define TABULA_SUPPORTS_RETURNING (1u << 0)           /* INSERT/UPDATE ... RETURNING */
#define TABULA_SUPPORTS_UPSERT_ON_CONFLICT (1u << 1)  /* ON CONFLICT (...) DO UPDATE */
#define TABULA_SUPPORTS_UPSERT_ON_DUPLICATE (1u << 2) /* ON DUPLICATE KEY UPDATE */
#define TABULA_SUPPORTS_NULLS_ORDER (1u << 3)         /* ORDER BY x NULLS FIRST */
#define TABULA_SUPPORTS_ILIKE (1u << 4)
#define TABULA_SUPPORTS_JSON (1u << 5)
#define TABULA_SUPPORTS_ARRAY (1u << 6)
#define TABULA_SUPPORTS_ENUM_TYPE (1u << 7)         /* ENUM is a created type */
#define TABULA_SUPPORTS_AUTOINC_INLINE_PK (1u << 8) /* type hook renders PRIMARY KEY */
#define TABULA_SUPPORTS_DEFAULT_VALUES (1u << 9)    /* INSERT ... DEFAULT VALUES */
#define TABULA_SUPPORTS_TRANSACTIONAL_DDL (1u << 10)
#define TABULA_SUPPORTS_INSERT_RETURNING_ONLY (1u << 11) /* RETURNING on INSERT, not UPDATE */
/* ABI 1.1: where column comments go. */
#define TABULA_SUPPORTS_COMMENT_INLINE (1u << 12)    /* "c" INT COMMENT 'text' */
#define TABULA_SUPPORTS_COMMENT_ON_COLUMN (1u << 13) /* COMMENT ON COLUMN "t"."c" IS 'text' */
/* ABI 1.2: the Transact-SQL forms (SQL Server, Sybase). */
/* A limit without an offset is SELECT TOP (n); OFFSET ... FETCH needs an ORDER BY,
 * so the core orders by the primary key when the query has no order of its own. */
#define TABULA_SUPPORTS_TOP (1u << 14)
#define TABULA_SUPPORTS_OUTPUT_INSERTED (1u << 15) /* returned rows: OUTPUT INSERTED.* */
#define TABULA_SUPPORTS_UPSERT_MERGE (1u << 16)    /* upsert is MERGE ... WITH (HOLDLOCK) */
#define TABULA_SUPPORTS_BIT_BOOLEANS (1u << 17)    /* no TRUE/FALSE: 1 and 0, x = 1 */
/* DDL: IF OBJECT_ID(...) IS NULL CREATE TABLE, ALTER TABLE t ADD c (no COLUMN),
 * N'...' string literals, and NO ACTION for RESTRICT. */
#define TABULA_SUPPORTS_TSQL_DDL (1u << 18)
/* ABI 1.5: the driver's bulk_insert loads rows faster than INSERT does. */
#define TABULA_SUPPORTS_BULK_INSERT (1u << 19)
/* UPDATE ... LIMIT n and DELETE ... LIMIT n (MySQL, MariaDB). Without it, a limited
 * UPDATE or DELETE picks its rows' keys with a subquery, or uses TOP (n) (TABULA_SUPPORTS_TOP). */
#define TABULA_SUPPORTS_UPDATE_LIMIT (1u << 20)

/* Where the core's SQL goes out: the core passes a sink, the plugin appends. */
typedef struct tabula_sink {
    void* ctx;
    void (*append)(void* ctx, const char* text, size_t len);
} tabula_sink;

typedef enum tabula_data_kind {
    TABULA_DT_STRING = 0, /* length */
    TABULA_DT_CHAR = 1,   /* length */
    TABULA_DT_TEXT = 2,
    TABULA_DT_INTEGER = 3,
    TABULA_DT_BIGINT = 4,
    TABULA_DT_FLOAT = 5,
    TABULA_DT_DOUBLE = 6,
    TABULA_DT_DECIMAL = 7, /* precision, scale */
    TABULA_DT_BOOLEAN = 8,
    TABULA_DT_DATE = 9, /* date and time, an instant */
    TABULA_DT_DATEONLY = 10,
    TABULA_DT_TIME = 11,
    TABULA_DT_UUID = 12,
    TABULA_DT_JSON = 13,
    TABULA_DT_BLOB = 14,
    TABULA_DT_ENUM = 15, /* values, value_count */
    TABULA_DT_JSONB = 16,
    TABULA_DT_ARRAY = 17 /* element */
} tabula_data_kind;

typedef struct tabula_column_type {
    uint32_t struct_size;
    int32_t kind;      /* tabula_data_kind */
    int32_t length;    /* 0: the dialect's default */
    int32_t precision; /* 0: unspecified */
    int32_t scale;
    const char* const* values; /* ENUM values */
    size_t value_count;
    int32_t element; /* ARRAY element kind */
    int32_t auto_increment;
    int32_t primary_key;
    const char* table;  /* unquoted table name, for named types */
    const char* column; /* unquoted column name */
} tabula_column_type;

/* The dialect's SQL profile: its flags plus render hooks for the parts that
 * truly differ. A NULL hook means "use the core's standard SQL". */
typedef struct tabula_profile {
    uint32_t struct_size;
    const char* name;    /* "sqlite" */
    char quote_open;     /* '"', '`' or '[' */
    char quote_close;    /* '"', '`' or ']' */
    int32_t placeholder; /* tabula_placeholder */
    uint32_t supports;   /* TABULA_SUPPORTS_* */
    int32_t max_params;  /* bound parameters per statement (bulk chunking) */

    /* Column type for a data type. `type` receives the type text, e.g.
     * "VARCHAR(255)". Statements that must run before CREATE TABLE (a
     * CREATE TYPE) go to `before_create`, one per call, and statements that
     * must follow DROP TABLE go to `after_drop`. */
    int (*render_type)(const tabula_column_type* column, tabula_sink* type,
                       tabula_sink* before_create, tabula_sink* after_drop);
    /* LIMIT/OFFSET clause appended to a SELECT; limit < 0 means none. */
    int (*render_limit)(int64_t limit, int64_t offset, tabula_sink* out);
    /* Text extraction of a path inside a JSON column. `column` is already
     * quoted SQL; segments are validated names or array indexes. */
    int (*render_json_path)(const char* column, const char* const* segments, size_t count,
                            tabula_sink* out);
    /* The current time as the server computes it, e.g. CURRENT_TIMESTAMP. */
    const char* now_sql;

    /* ABI 1.2. Rows one INSERT ... VALUES may carry (SQL Server: 1000);
     * 0: no limit beyond max_params. */
    int32_t max_insert_rows;

    /* ABI 1.6. The longest table or column name the database keeps whole,
     * in bytes of UTF-8 (PostgreSQL: 63, and it cuts longer ones short
     * without an error); the core refuses longer names when a model is
     * defined. 0: no limit. */
    int32_t max_identifier_length;
} tabula_profile;

/* The whole dialect, as the entry point returns it. */
typedef struct tabula_dialect {
    uint32_t struct_size;
    uint16_t abi_major;    /* TABULA_ABI_MAJOR the plugin was built with */
    uint16_t abi_minor;    /* TABULA_ABI_MINOR the plugin was built with */
    const char* name;      /* "sqlite", matches the file name */
    const char* version;   /* the plugin's own version */
    const char* build_tag; /* compiler and client library, for diagnostics */
    const tabula_driver* driver;
    const tabula_profile* profile;
} tabula_dialect;

typedef const tabula_dialect* (*tabula_dialect_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* TABULA_SDK_DIALECT_H */
