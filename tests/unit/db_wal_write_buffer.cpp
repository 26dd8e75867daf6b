// The writer connection's WAL goes to the file in few large writes
// (db/wal_write_buffer.hpp), and nothing about what SQLite stores changes:
// a reader on its own connection sees every commit as soon as it returns,
// pages spilled and rewritten inside a transaction read back right, a
// rolled-back transaction's buffered pages never land on another writer's
// commit, and a write that fails on its way to the file fails the commit and
// loses nothing committed before it. The fault VFS underneath counts and fails the writes
// that reach the file.
#include "../support/fault_vfs.hpp"
#include "db/connection.hpp"
#include "db/sqlite_error.hpp"
#include "db_test_support.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace plenary::db {
namespace {

// Rows of about one page each, so a commit of n rows writes about n frames.
constexpr int page_row_bytes = 3900;

// Rows first .. first + count - 1, each body the id zero-padded to `bytes`.
std::string insert_rows(int first, int count, int bytes) {
    return "WITH RECURSIVE s(v) AS (SELECT " + std::to_string(first) + " UNION ALL SELECT v + 1 FROM s WHERE v < " +
           std::to_string(first + count - 1) + ") INSERT INTO t(id, body) SELECT v, printf('%0" +
           std::to_string(bytes) + "d', v) FROM s";
}

class WalWriteBuffer : public ::testing::Test {
protected:
    void open(connection_options options = {}) {
        writer_ = std::make_unique<connection>(dir_.file("w.db"), open_mode::read_write, options);
        writer_->exec("CREATE TABLE t(id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
        reader_ = std::make_unique<connection>(dir_.file("w.db"), open_mode::read_only);
    }
    std::int64_t rows_seen() { return reader_->query_int64("SELECT count(*) FROM t"); }
    std::int64_t bytes_seen() { return reader_->query_int64("SELECT coalesce(sum(length(body)), 0) FROM t"); }

    // Declared first: the connections open their files through it.
    plenary::testing::fault_vfs vfs_;
    testing::scratch_dir dir_;
    std::unique_ptr<connection> writer_;
    std::unique_ptr<connection> reader_;
};

TEST_F(WalWriteBuffer, CommitsReachTheFileInFewWritesAndReadersSeeEachAtOnce) {
    open();
    const auto before = vfs_.wal_writes();
    constexpr int commits = 20;
    constexpr int rows_per_commit = 43;  // a busy group commit's worth of pages
    for (int c = 0; c < commits; ++c) {
        writer_->exec("BEGIN");
        writer_->exec(insert_rows(c * rows_per_commit + 1, rows_per_commit, page_row_bytes));
        writer_->exec("COMMIT");
        ASSERT_EQ(rows_seen(), (c + 1) * rows_per_commit) << "commit " << c;
        ASSERT_EQ(bytes_seen(), std::int64_t{c + 1} * rows_per_commit * page_row_bytes) << "commit " << c;
    }
    // Unbuffered, SQLite writes each frame's header and page apart: at least
    // 86 writes a commit here. Buffered, a commit's 180 KiB go in two or three.
    const auto writes = vfs_.wal_writes() - before;
    EXPECT_GT(writes, 0U);
    EXPECT_LE(writes, 4U * commits) << "the WAL's writes were not gathered";
    EXPECT_EQ(writer_->query_text("PRAGMA integrity_check"), "ok");
    const auto done = writer_->checkpoint(true);
    EXPECT_FALSE(done.busy);
    EXPECT_EQ(rows_seen(), commits * rows_per_commit);
}

TEST_F(WalWriteBuffer, PagesSpilledAndRewrittenInsideATransactionReadBackRight) {
    // A 64 KiB page cache makes SQLite write uncommitted pages to the WAL in
    // the middle of the transaction, read them back and write them again.
    connection_options small_cache;
    small_cache.cache_size_kib = 64;
    open(small_cache);
    writer_->exec("BEGIN");
    writer_->exec(insert_rows(1, 600, 1000));
    // Newest first: the pages spilled last are still waiting in the buffer,
    // and SQLite reads them back from the WAL.
    EXPECT_EQ(writer_->query_int64("SELECT sum(length(body)) FROM (SELECT body FROM t ORDER BY id DESC)"), 600000);
    writer_->exec("UPDATE t SET body = upper(hex(id)) || substr(body, 1, 1200) WHERE id % 3 = 0");
    writer_->exec("DELETE FROM t WHERE id % 7 = 0");
    EXPECT_EQ(rows_seen(), 0) << "a reader saw an uncommitted row";
    writer_->exec("COMMIT");

    const auto expected = writer_->query_int64("SELECT sum(length(body)) FROM t");
    EXPECT_EQ(rows_seen(), 600 - 600 / 7);
    EXPECT_EQ(bytes_seen(), expected);
    EXPECT_EQ(reader_->query_text("SELECT body FROM t WHERE id = 3"), "33" + std::string(999, '0') + "3");
    EXPECT_EQ(writer_->query_text("PRAGMA integrity_check"), "ok");
    writer_->checkpoint(true);
    EXPECT_EQ(reader_->query_text("PRAGMA integrity_check"), "ok");
    EXPECT_EQ(bytes_seen(), expected);
}

TEST_F(WalWriteBuffer, AWriteThatFailsOnItsWayFailsTheCommitAndLosesNothingCommitted) {
    open();
    writer_->exec(insert_rows(1, 10, page_row_bytes));
    vfs_.fail_writes(true);
    writer_->exec("BEGIN");
    writer_->exec(insert_rows(11, 40, page_row_bytes));  // stays in the page cache until COMMIT
    EXPECT_THROW(writer_->exec("COMMIT"), sqlite_error);
    vfs_.fail_writes(false);
    EXPECT_GT(vfs_.injected(), 0U) << "no write failed; the test proved nothing";
    if (writer_->in_transaction()) writer_->exec("ROLLBACK");

    EXPECT_EQ(rows_seen(), 10);
    EXPECT_EQ(writer_->query_int64("SELECT count(*) FROM t"), 10);
    writer_->exec(insert_rows(11, 40, page_row_bytes));
    EXPECT_EQ(rows_seen(), 50);
    EXPECT_EQ(writer_->query_text("PRAGMA integrity_check"), "ok");
}

TEST_F(WalWriteBuffer, ARolledBackSpillNeverLandsOnAnotherWritersCommit) {
    // A spills pages into the WAL and rolls back with some still buffered;
    // B, a second writer, then commits frames at the same offsets; A reads.
    // With the WAL just checkpointed, A's rollback reloads page 1 from the
    // database file and not the WAL, so nothing flushes A's buffer on the
    // way: a buffer written out at A's next read (not before A releases the
    // write lock) clobbered B's frames for almost every size here.
    connection_options small_cache;
    small_cache.cache_size_kib = 64;
    for (int spilled_rows = 20; spilled_rows < 400; spilled_rows += 19) {
        testing::scratch_dir dir;
        connection a(dir.file("two.db"), open_mode::read_write, small_cache);
        connection b(dir.file("two.db"), open_mode::read_write);
        a.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
        a.checkpoint(true);
        a.exec("BEGIN");
        a.exec(insert_rows(1, spilled_rows, 1000));
        a.exec("ROLLBACK");
        b.exec(insert_rows(100001, 400, 1000));
        EXPECT_EQ(a.query_int64("SELECT count(*) FROM t"), 400) << spilled_rows;
        connection fresh(dir.file("two.db"), open_mode::read_only);
        ASSERT_EQ(fresh.query_text("PRAGMA integrity_check"), "ok") << spilled_rows << " rows spilled and rolled back";
        EXPECT_EQ(fresh.query_int64("SELECT count(*) FROM t WHERE length(body) = 1000"), 400) << spilled_rows;
    }
}

}  // namespace
}  // namespace plenary::db
