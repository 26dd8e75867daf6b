// Applying the embedded schema migrations (see migrations.hpp for how to add one).
#include "db/migrations.hpp"

#include "common/problem.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"

#include <string>

namespace plenary::db {

namespace {

void check_sequence(std::span<const migration> migrations) {
    int expected = 1;
    for (const auto& m : migrations) {
        if (m.version != expected) {
            throw problem(errc::internal, "migration list is not numbered 1..N (at " + std::to_string(m.version) + ")");
        }
        ++expected;
    }
}

void refuse_if_newer(int current, int known) {
    if (current > known) {
        throw problem(errc::unavailable, "database schema version " + std::to_string(current) +
                                             " is newer than this plenary (knows up to " + std::to_string(known) +
                                             "); upgrade plenary");
    }
}

// The missing migrations in one IMMEDIATE transaction; see apply_migrations.
int apply_pending(connection& conn, std::span<const migration> migrations) {
    const int known = migrations.empty() ? 0 : migrations.back().version;
    // Cheap early answer without taking the write lock.
    refuse_if_newer(schema_version(conn), known);

    transaction tx(conn, transaction::kind::immediate);
    // Re-read under the lock: another process may have migrated meanwhile.
    const int current = schema_version(conn);
    refuse_if_newer(current, known);
    if (current == known) {
        tx.rollback();
        return current;
    }
    for (const auto& m : migrations) {
        if (m.version <= current) {
            continue;
        }
        conn.exec(m.sql);
    }
    // A rebuilt table must not leave dangling references behind.
    if (conn.prepare_uncached("PRAGMA foreign_key_check").step()) {
        throw problem(errc::internal, "migration left foreign key violations");
    }
    conn.exec("PRAGMA user_version=" + std::to_string(known));
    tx.commit();
    return known;
}

}  // namespace

int latest_schema_version() noexcept {
    auto all = detail::embedded_migrations();
    return all.empty() ? 0 : all.back().version;
}

int schema_version(connection& conn) {
    return static_cast<int>(conn.query_int64("PRAGMA user_version"));
}

int apply_migrations(connection& conn) {
    return apply_migrations(conn, detail::embedded_migrations());
}

int apply_migrations(connection& conn, std::span<const migration> migrations) {
    check_sequence(migrations);
    // SQLite's table-rebuild procedure needs foreign keys off: with them on, a
    // rebuild's DROP TABLE would cascade into every child table. The setting
    // is ignored inside a transaction, so it wraps apply_pending; the check
    // before COMMIT still refuses a migration that leaves a broken reference.
    const bool enforced = conn.query_int64("PRAGMA foreign_keys") != 0;
    if (enforced) conn.exec("PRAGMA foreign_keys=OFF");
    int version = 0;
    try {
        version = apply_pending(conn, migrations);
    } catch (...) {
        if (enforced) conn.exec("PRAGMA foreign_keys=ON");
        throw;
    }
    if (enforced) conn.exec("PRAGMA foreign_keys=ON");
    return version;
}

}  // namespace plenary::db
