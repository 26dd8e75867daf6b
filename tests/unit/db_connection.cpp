// db::connection: pragmas on open, exec/prepare, statement cache, read-only
// mode, and how SQLite failures are classified.
#include "common/problem.hpp"
#include "db/connection.hpp"
#include "db/sqlite_error.hpp"
#include "db_test_support.hpp"

#include <gtest/gtest.h>

#include <sqlite3.h>

namespace plenary::db {
namespace {

using testing::scratch_dir;

TEST(DbConnection, ReadWriteOpenSetsPragmas) {
    scratch_dir dir;
    connection_options options;
    options.busy_timeout = std::chrono::milliseconds(1234);
    options.wal_autocheckpoint_pages = 777;
    options.journal_size_limit = 123456;
    connection conn(dir.file("a.db"), open_mode::read_write, options);

    EXPECT_EQ(conn.query_text("PRAGMA journal_mode"), "wal");
    EXPECT_EQ(conn.query_int64("PRAGMA synchronous"), 2);  // FULL
    EXPECT_EQ(conn.query_int64("PRAGMA foreign_keys"), 1);
    EXPECT_EQ(conn.query_int64("PRAGMA busy_timeout"), 1234);
    EXPECT_EQ(conn.query_int64("PRAGMA wal_autocheckpoint"), 777);
    EXPECT_EQ(conn.query_int64("PRAGMA journal_size_limit"), 123456);
    EXPECT_EQ(conn.query_int64("PRAGMA query_only"), 0);
    EXPECT_EQ(conn.mode(), open_mode::read_write);
    EXPECT_TRUE(std::filesystem::exists(dir.file("a.db")));
}

TEST(DbConnection, ReadOnlyConnectionRefusesWrites) {
    scratch_dir dir;
    connection rw(dir.file("a.db"), open_mode::read_write);
    rw.exec("CREATE TABLE t(x INTEGER)");
    rw.exec("INSERT INTO t VALUES(1)");

    connection ro(dir.file("a.db"), open_mode::read_only);
    EXPECT_EQ(ro.query_int64("PRAGMA query_only"), 1);
    EXPECT_EQ(ro.query_int64("PRAGMA foreign_keys"), 1);
    EXPECT_EQ(ro.query_text("PRAGMA journal_mode"), "wal");
    EXPECT_EQ(ro.query_int64("SELECT count(*) FROM t"), 1);
    try {
        ro.exec("INSERT INTO t VALUES(2)");
        FAIL() << "write on a read-only connection succeeded";
    } catch (const sqlite_error& e) {
        EXPECT_EQ(e.primary_code(), SQLITE_READONLY);
        EXPECT_EQ(e.code(), errc::unavailable);
    }
    EXPECT_EQ(rw.query_int64("SELECT count(*) FROM t"), 1);
}

TEST(DbConnection, ReadOnlyOpenOfMissingFileFails) {
    scratch_dir dir;
    EXPECT_THROW(connection(dir.file("missing.db"), open_mode::read_only), problem);
    EXPECT_FALSE(std::filesystem::exists(dir.file("missing.db")));
}

TEST(DbConnection, RowidChangesAndTransactionState) {
    scratch_dir dir;
    connection conn(dir.file("a.db"), open_mode::read_write);
    conn.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, x TEXT)");
    EXPECT_FALSE(conn.in_transaction());
    conn.exec("BEGIN");
    EXPECT_TRUE(conn.in_transaction());
    conn.prepare("INSERT INTO t(x) VALUES(?)").bind_all("a").execute();
    EXPECT_EQ(conn.last_insert_rowid(), 1);
    conn.prepare("INSERT INTO t(x) VALUES(?)").bind_all("b").execute();
    EXPECT_EQ(conn.last_insert_rowid(), 2);
    conn.exec("UPDATE t SET x = 'c'");
    EXPECT_EQ(conn.changes(), 2);
    conn.exec("COMMIT");
    EXPECT_FALSE(conn.in_transaction());
}

TEST(DbConnection, PrepareCachesStatementsAndResetsThem) {
    scratch_dir dir;
    connection conn(dir.file("a.db"), open_mode::read_write);
    conn.exec("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES(1),(2),(3)");

    auto& first = conn.prepare("SELECT x FROM t WHERE x >= ? ORDER BY x");
    first.bind(1, 2);
    ASSERT_TRUE(first.step());
    EXPECT_EQ(first.column_int64(0), 2);

    // Same text: same object, reset and with bindings cleared (NULL matches nothing).
    auto& second = conn.prepare("SELECT x FROM t WHERE x >= ? ORDER BY x");
    EXPECT_EQ(&first, &second);
    EXPECT_EQ(conn.cached_statements(), 1u);
    EXPECT_FALSE(second.step());

    second.bind(1, 1);
    ASSERT_TRUE(second.step());
    EXPECT_EQ(second.column_int64(0), 1);

    auto& other = conn.prepare("SELECT count(*) FROM t");
    EXPECT_NE(&other, &first);
    EXPECT_EQ(conn.cached_statements(), 2u);
}

TEST(DbConnection, ResetStatementsReleasesReadSnapshot) {
    scratch_dir dir;
    connection writer(dir.file("a.db"), open_mode::read_write);
    writer.exec("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES(1),(2)");
    connection reader(dir.file("a.db"), open_mode::read_only);

    auto& st = reader.prepare("SELECT x FROM t");
    ASSERT_TRUE(st.step());  // a pending statement holds a read transaction
    writer.exec("INSERT INTO t VALUES(3)");
    // While the reader is mid-statement, a checkpoint can not reach the end of the WAL.
    auto partial = writer.checkpoint(false);
    EXPECT_LT(partial.checkpointed_pages, partial.wal_pages);

    reader.reset_statements();
    auto full = writer.checkpoint(false);
    EXPECT_FALSE(full.busy);
    EXPECT_EQ(full.checkpointed_pages, full.wal_pages);
}

// Eight pages as the mark; each commit below adds at least two frames (a
// new leaf and the page that points to it), so twelve add at least 24.
TEST(DbConnection, DeferredCheckpointsLeaveTheCommitAndSayWhenOneIsDue) {
    scratch_dir dir;
    connection_options options;
    options.wal_autocheckpoint_pages = 8;
    auto twelve_commits = [](connection& c) {
        c.exec("CREATE TABLE t(b BLOB)");
        for (int i = 0; i < 12; ++i) {
            c.exec("INSERT INTO t VALUES(zeroblob(3000))");
        }
    };

    // Undeferred, SQLite checkpoints inside the commits and the WAL restarts.
    connection automatic(dir.file("auto.db"), open_mode::read_write, options);
    twelve_commits(automatic);
    EXPECT_LE(automatic.checkpoint(false).wal_pages, 16);

    connection deferred(dir.file("deferred.db"), open_mode::read_write, options);
    deferred.defer_checkpoints();
    EXPECT_FALSE(deferred.checkpoint_due());
    twelve_commits(deferred);
    EXPECT_TRUE(deferred.checkpoint_due());
    auto result = deferred.checkpoint(false);
    EXPECT_GE(result.wal_pages, 24);
    EXPECT_EQ(result.checkpointed_pages, result.wal_pages);
    // Fully copied, so the next commit starts the WAL over.
    deferred.exec("INSERT INTO t VALUES(1)");
    EXPECT_FALSE(deferred.checkpoint_due());
}

TEST(DbConnection, ExecReportsSyntaxErrorsAsInternal) {
    scratch_dir dir;
    connection conn(dir.file("a.db"), open_mode::read_write);
    try {
        conn.exec("SELEKT 1");
        FAIL() << "no exception";
    } catch (const sqlite_error& e) {
        EXPECT_EQ(e.code(), errc::internal);
        EXPECT_EQ(e.detail(), "storage error");  // generic: may reach clients
        EXPECT_NE(std::string(e.what()).find("syntax error"), std::string::npos);
    }
}

TEST(DbConnection, ErrorClassification) {
    EXPECT_EQ(errc_for_sqlite(SQLITE_BUSY), errc::unavailable);
    EXPECT_EQ(errc_for_sqlite(SQLITE_BUSY_SNAPSHOT), errc::unavailable);
    EXPECT_EQ(errc_for_sqlite(SQLITE_LOCKED), errc::unavailable);
    EXPECT_EQ(errc_for_sqlite(SQLITE_FULL), errc::unavailable);
    EXPECT_EQ(errc_for_sqlite(SQLITE_IOERR_FSYNC), errc::unavailable);
    EXPECT_EQ(errc_for_sqlite(SQLITE_READONLY), errc::unavailable);
    EXPECT_EQ(errc_for_sqlite(SQLITE_NOMEM), errc::unavailable);
    EXPECT_EQ(errc_for_sqlite(SQLITE_CANTOPEN), errc::unavailable);
    EXPECT_EQ(errc_for_sqlite(SQLITE_CONSTRAINT_UNIQUE), errc::conflict);
    EXPECT_EQ(errc_for_sqlite(SQLITE_CONSTRAINT_FOREIGNKEY), errc::conflict);
    EXPECT_EQ(errc_for_sqlite(SQLITE_ERROR), errc::internal);
    EXPECT_EQ(errc_for_sqlite(SQLITE_CORRUPT), errc::internal);
}

TEST(DbConnection, ForeignKeysAreEnforced) {
    scratch_dir dir;
    connection conn(dir.file("a.db"), open_mode::read_write);
    conn.exec("CREATE TABLE p(id INTEGER PRIMARY KEY); CREATE TABLE c(p INTEGER REFERENCES p(id))");
    try {
        conn.exec("INSERT INTO c VALUES(42)");
        FAIL() << "dangling reference accepted";
    } catch (const sqlite_error& e) {
        EXPECT_EQ(e.extended_code(), SQLITE_CONSTRAINT_FOREIGNKEY);
        EXPECT_EQ(e.code(), errc::conflict);
    }
}

}  // namespace
}  // namespace plenary::db
