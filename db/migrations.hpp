// Schema migrations. The schema version lives in `PRAGMA user_version` (0 for
// a fresh file). Each migration is db/migrations/NNNN_name.sql, compiled into
// the binary by db/CMakeLists.txt.
//
// Adding migration N: create db/migrations/000N_what_it_does.sql with plain
// SQL (no BEGIN/COMMIT; it runs inside the migration transaction) and rebuild.
// Never edit a migration that has shipped; fix forward with a new one. For a
// table rebuild follow https://sqlite.org/lang_altertable.html#otheralter
// (0007 is one): foreign keys are not enforced while migrations run, so a
// DROP TABLE cascades nowhere, and are checked (PRAGMA foreign_key_check)
// before the COMMIT.
#pragma once

#include <span>

namespace plenary::db {

class connection;

struct migration {
    int version;
    const char* name;
    const char* sql;
};

namespace detail {
// Defined in the generated migrations_embedded.cpp.
std::span<const migration> embedded_migrations() noexcept;
}  // namespace detail

// Highest schema version this binary knows.
int latest_schema_version() noexcept;

// Current PRAGMA user_version of the database behind `conn`.
int schema_version(connection& conn);

// Applies every missing migration in one IMMEDIATE transaction and returns the
// resulting version. Throws problem(unavailable) when the database is newer
// than this binary, and whatever SQLite reports if a migration fails (nothing
// is applied then).
int apply_migrations(connection& conn);

// Same with an explicit list (tests use it to exercise failure paths).
int apply_migrations(connection& conn, std::span<const migration> migrations);

}  // namespace plenary::db
