// Schema migrations: applied on a fresh database, idempotent on re-open,
// atomic on failure, and a newer database is refused with a clear message.
#include "common/problem.hpp"
#include "db/connection.hpp"
#include "db/migrations.hpp"
#include "db/sqlite_error.hpp"
#include "db/store.hpp"
#include "db_test_support.hpp"

#include <gtest/gtest.h>

#include <string>

namespace plenary::db {
namespace {

using testing::scratch_dir;

bool has_table(connection& conn, const std::string& name) {
    auto& st = conn.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?");
    st.bind_all(name);
    bool found = st.step();
    st.reset();
    return found;
}

TEST(DbMigrations, EmbeddedListStartsAtOneWithAccounts) {
    auto all = detail::embedded_migrations();
    ASSERT_FALSE(all.empty());
    EXPECT_EQ(all.front().version, 1);
    EXPECT_EQ(std::string(all.front().name), "accounts");
    EXPECT_EQ(latest_schema_version(), all.back().version);
}

TEST(DbMigrations, FreshDatabaseGetsTheAccountsSchema) {
    scratch_dir dir;
    connection conn(dir.file("m.db"), open_mode::read_write);
    EXPECT_EQ(schema_version(conn), 0);
    EXPECT_EQ(apply_migrations(conn), latest_schema_version());
    EXPECT_EQ(schema_version(conn), latest_schema_version());
    EXPECT_FALSE(conn.in_transaction());
    EXPECT_TRUE(has_table(conn, "users"));
    EXPECT_TRUE(has_table(conn, "api_tokens"));
    EXPECT_TRUE(has_table(conn, "audit_log"));

    // The constraints the accounts code relies on.
    conn.exec("INSERT INTO users(email, name, role, created_at) VALUES('A@x.org', 'A', 'admin', 'now')");
    EXPECT_THROW(conn.exec("INSERT INTO users(email, name, role, created_at) VALUES('a@X.ORG', 'B', 'admin', 'now')"),
                 problem);  // UNIQUE COLLATE NOCASE
    EXPECT_THROW(conn.exec("INSERT INTO users(email, name, role, created_at) VALUES('c@x.org', 'C', 'root', 'now')"),
                 problem);  // role CHECK
    conn.exec("INSERT INTO api_tokens(user_id, token_hash, created_at) VALUES(1, x'01', 'now')");
    EXPECT_THROW(conn.exec("INSERT INTO api_tokens(user_id, token_hash, created_at) VALUES(99, x'02', 'now')"),
                 problem);  // foreign key
    conn.exec("DELETE FROM users WHERE id = 1");
    EXPECT_EQ(conn.query_int64("SELECT count(*) FROM api_tokens"), 0);  // ON DELETE CASCADE
}

TEST(DbMigrations, ReapplyingIsANoOp) {
    scratch_dir dir;
    {
        connection conn(dir.file("m.db"), open_mode::read_write);
        apply_migrations(conn);
        conn.exec("INSERT INTO audit_log(at, action) VALUES('now', 'test')");
    }
    connection conn(dir.file("m.db"), open_mode::read_write);
    EXPECT_EQ(apply_migrations(conn), latest_schema_version());
    EXPECT_EQ(apply_migrations(conn), latest_schema_version());
    EXPECT_EQ(conn.query_int64("SELECT count(*) FROM audit_log"), 1);
}

TEST(DbMigrations, NewerDatabaseIsRefused) {
    scratch_dir dir;
    const int newer = latest_schema_version() + 5;
    {
        connection conn(dir.file("m.db"), open_mode::read_write);
        conn.exec("PRAGMA user_version=" + std::to_string(newer));
    }
    connection conn(dir.file("m.db"), open_mode::read_write);
    try {
        apply_migrations(conn);
        FAIL() << "newer schema accepted";
    } catch (const problem& e) {
        EXPECT_EQ(e.code(), errc::unavailable);
        const std::string expected = "database schema version " + std::to_string(newer) +
                                     " is newer than this plenary (knows up to " +
                                     std::to_string(latest_schema_version()) + "); upgrade plenary";
        EXPECT_EQ(e.detail(), expected);
    }
    EXPECT_EQ(schema_version(conn), newer);
}

TEST(DbMigrations, StoreRefusesNewerDatabase) {
    scratch_dir dir;
    {
        connection conn(dir.file("m.db"), open_mode::read_write);
        conn.exec("PRAGMA user_version=" + std::to_string(latest_schema_version() + 1));
    }
    store_options options;
    options.path = dir.file("m.db");
    try {
        store s(options);
        FAIL() << "store opened a newer database";
    } catch (const problem& e) {
        EXPECT_NE(e.detail().find("upgrade plenary"), std::string::npos);
    }
}

TEST(DbMigrations, FailingMigrationAppliesNothing) {
    scratch_dir dir;
    const migration list[] = {
        {1, "one", "CREATE TABLE a(x INTEGER);"},
        {2, "two", "CREATE TABLE b(x INTEGER); INSERT INTO nowhere VALUES(1);"},
    };
    connection conn(dir.file("m.db"), open_mode::read_write);
    EXPECT_THROW(apply_migrations(conn, list), sqlite_error);
    EXPECT_FALSE(conn.in_transaction());
    EXPECT_EQ(schema_version(conn), 0);
    EXPECT_FALSE(has_table(conn, "a"));
    EXPECT_FALSE(has_table(conn, "b"));
}

TEST(DbMigrations, OnlyMissingMigrationsRun) {
    scratch_dir dir;
    const migration first[] = {{1, "one", "CREATE TABLE a(x INTEGER);"}};
    const migration both[] = {
        {1, "one", "CREATE TABLE a(x INTEGER);"},
        {2, "two", "ALTER TABLE a ADD COLUMN y TEXT;"},
    };
    connection conn(dir.file("m.db"), open_mode::read_write);
    EXPECT_EQ(apply_migrations(conn, first), 1);
    EXPECT_EQ(apply_migrations(conn, both), 2);  // would fail if 1 ran again
    EXPECT_NO_THROW(conn.exec("INSERT INTO a(x, y) VALUES(1, 'y')"));
}

TEST(DbMigrations, GapInNumberingIsRejected) {
    scratch_dir dir;
    const migration gap[] = {{1, "one", "SELECT 1;"}, {3, "three", "SELECT 1;"}};
    connection conn(dir.file("m.db"), open_mode::read_write);
    EXPECT_THROW(apply_migrations(conn, gap), problem);
    EXPECT_EQ(schema_version(conn), 0);
}

}  // namespace
}  // namespace plenary::db
