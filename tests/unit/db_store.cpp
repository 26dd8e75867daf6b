// db::store: group commit, per-job savepoints, completion rules (after COMMIT,
// on the handler's executor), load shedding, readers beside the writer, stop.
#include "common/problem.hpp"
#include "db/connection.hpp"
#include "db/migrations.hpp"
#include "db/store.hpp"
#include "db_test_support.hpp"

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_future.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <stdexcept>
#include <thread>
#include <vector>

namespace plenary::db {
namespace {

namespace asio = boost::asio;
using testing::gate;
using testing::scratch_dir;

constexpr auto hang_guard = std::chrono::seconds(60);

class DbStore : public ::testing::Test {
protected:
    store_options options(std::size_t queue_capacity = 8192) {
        store_options o;
        o.path = dir_.file("store.db");
        o.write_queue_capacity = queue_capacity;
        return o;
    }
    static void create_table(store& s) {
        s.write_sync([](connection& c) { c.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)"); });
    }
    static auto insert(std::int64_t id) {
        return [id](connection& c) {
            c.prepare("INSERT INTO t(id, v) VALUES(?, ?)").bind_all(id, "row").execute();
            return c.last_insert_rowid();
        };
    }
    std::int64_t count_rows_directly() {
        connection c(dir_.file("store.db"), open_mode::read_only);
        return c.query_int64("SELECT count(*) FROM t");
    }
    // Submits a job that parks the writer thread until the gate opens, so
    // the jobs submitted meanwhile are all queued and form one batch.
    static std::future<void> block_writer(store& s, gate& g) {
        auto f = s.async_write([&g](connection&) { g.arrive_and_wait(); }, asio::use_future);
        EXPECT_TRUE(g.wait_started());
        return f;
    }
    template <class F>
    static errc error_code_of(F& future) {
        try {
            future.get();
        } catch (const problem& e) {
            return e.code();
        }
        ADD_FAILURE() << "expected a problem";
        return errc::internal;
    }

    scratch_dir dir_;
};

TEST_F(DbStore, OpensMigratedDatabase) {
    store s(options());
    EXPECT_EQ(s.schema_version(), latest_schema_version());
    EXPECT_EQ(s.path(), dir_.file("store.db"));
    auto users = s.read_sync([](connection& c) { return c.query_int64("SELECT count(*) FROM users"); });
    EXPECT_EQ(users, 0);
}

TEST_F(DbStore, SyncHelpersReturnValuesAndRethrow) {
    store s(options());
    create_table(s);
    EXPECT_EQ(s.write_sync(insert(5)), 5);
    EXPECT_EQ(s.read_sync([](connection& c) { return c.query_text("SELECT v FROM t WHERE id = 5"); }), "row");
    try {
        s.write_sync(insert(5));
        FAIL() << "duplicate key accepted";
    } catch (const problem& e) {
        EXPECT_EQ(e.code(), errc::conflict);
    }
}

TEST_F(DbStore, ConcurrentWritersShareCommits) {
    store s(options());
    create_table(s);
    std::atomic<std::size_t> committed_in_callbacks{0};
    s.on_commit([&](std::size_t n) { committed_in_callbacks += n; });
    const auto before = s.stats();

    gate g;
    auto blocker = block_writer(s, g);
    constexpr int threads = 4;
    constexpr int per_thread = 100;
    std::vector<std::vector<std::future<std::int64_t>>> results(threads);
    std::vector<std::thread> submitters;
    for (int t = 0; t < threads; ++t) {
        submitters.emplace_back([&, t] {
            for (int i = 0; i < per_thread; ++i) {
                results[t].push_back(s.async_write(insert(t * per_thread + i + 1), asio::use_future));
            }
        });
    }
    for (auto& th : submitters) {
        th.join();
    }
    g.open();
    blocker.get();
    for (auto& list : results) {
        for (auto& f : list) {
            ASSERT_EQ(f.wait_for(hang_guard), std::future_status::ready);
            EXPECT_GT(f.get(), 0);
        }
    }
    const auto after = s.stats();
    const std::uint64_t jobs = threads * per_thread + 1;  // + the blocker
    EXPECT_EQ(after.jobs_committed - before.jobs_committed, jobs);
    EXPECT_LT(after.batches_committed - before.batches_committed, jobs);
    EXPECT_EQ(committed_in_callbacks.load(), jobs);
    EXPECT_EQ(after.write_queue_depth, 0u);
    EXPECT_EQ(count_rows_directly(), threads * per_thread);
}

// The writer checkpoints after the commit that crosses the mark, not only
// when idle: 200 back-to-back commits of a new page each would leave at least
// 400 frames in the WAL without it.
TEST_F(DbStore, BackToBackCommitsKeepTheWalShort) {
    auto o = options();
    o.wal_autocheckpoint_pages = 16;
    store s(o);
    s.write_sync([](connection& c) { c.exec("CREATE TABLE b(x BLOB)"); });
    for (int i = 0; i < 200; ++i) {
        s.write_sync([](connection& c) { c.exec("INSERT INTO b VALUES(zeroblob(3000))"); });
    }
    connection probe(dir_.file("store.db"), open_mode::read_write);
    checkpoint_result wal;
    for (int tries = 0; tries < 100 && (wal = probe.checkpoint(false)).busy; ++tries) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));  // the writer's idle checkpoint
    }
    ASSERT_FALSE(wal.busy);
    EXPECT_GT(wal.wal_pages, 0);
    EXPECT_LE(wal.wal_pages, 32);
    // Nothing else was queued, so each checkpoint came after its answers.
    EXPECT_GE(s.stats().checkpoints_after_answers, 10u);
    EXPECT_EQ(s.stats().checkpoints_before_answers, 0u);
}

// With more jobs queued, the commit that crosses the mark checkpoints before
// answering: one job per batch, 100 of them queued behind a parked writer.
TEST_F(DbStore, QueuedJobsGetTheCheckpointBeforeTheAnswers) {
    auto o = options();
    o.wal_autocheckpoint_pages = 16;
    o.max_batch = 1;
    store s(o);
    s.write_sync([](connection& c) { c.exec("CREATE TABLE b(x BLOB)"); });
    gate g;
    auto blocker = block_writer(s, g);
    std::vector<std::future<void>> writes;
    for (int i = 0; i < 100; ++i) {
        writes.push_back(
            s.async_write([](connection& c) { c.exec("INSERT INTO b VALUES(zeroblob(3000))"); }, asio::use_future));
    }
    g.open();
    blocker.get();
    for (auto& w : writes) {
        ASSERT_EQ(w.wait_for(hang_guard), std::future_status::ready);
        w.get();
    }
    // 200 frames or more at 16 a checkpoint; only the last commit found the queue empty.
    EXPECT_GE(s.stats().checkpoints_before_answers, 5u);
    EXPECT_LE(s.stats().checkpoints_after_answers, 1u);
}

TEST_F(DbStore, FailingJobRollsBackAloneInItsBatch) {
    store s(options());
    create_table(s);
    gate g;
    auto blocker = block_writer(s, g);
    const auto before = s.stats();

    auto ok1 = s.async_write(insert(1), asio::use_future);
    auto thrower = s.async_write(
        [](connection& c) -> std::int64_t {
            insert(2)(c);
            throw std::runtime_error("handler bug");
        },
        asio::use_future);
    auto duplicate = s.async_write(insert(1), asio::use_future);  // UNIQUE violation
    auto ok3 = s.async_write(insert(3), asio::use_future);
    g.open();
    blocker.get();

    EXPECT_EQ(ok1.get(), 1);
    EXPECT_EQ(ok3.get(), 3);
    EXPECT_EQ(error_code_of(thrower), errc::internal);  // non-problem -> internal
    EXPECT_EQ(error_code_of(duplicate), errc::conflict);

    const auto after = s.stats();
    EXPECT_EQ(after.batches_committed - before.batches_committed, 2u);  // blocker's, then the four
    EXPECT_EQ(after.jobs_failed - before.jobs_failed, 2u);
    auto ids = s.read_sync([](connection& c) { return c.query_text("SELECT group_concat(id) FROM t"); });
    EXPECT_EQ(ids, "1,3");
}

TEST_F(DbStore, LostTransactionFailsTheWholeBatch) {
    store s(options());
    create_table(s);
    gate g;
    auto blocker = block_writer(s, g);
    const auto before = s.stats();

    auto a = s.async_write(insert(1), asio::use_future);
    // Ends the batch's transaction behind the store's back, like SQLite does
    // on an I/O error: nothing of the batch can be reported as committed.
    auto breaker = s.async_write(
        [](connection& c) {
            c.exec("ROLLBACK");
            throw problem(errc::unavailable, "disk trouble");
        },
        asio::use_future);
    auto b = s.async_write(insert(2), asio::use_future);
    g.open();
    blocker.get();

    EXPECT_EQ(error_code_of(a), errc::unavailable);
    EXPECT_EQ(error_code_of(breaker), errc::unavailable);
    EXPECT_EQ(error_code_of(b), errc::unavailable);
    EXPECT_EQ(s.stats().commit_failures - before.commit_failures, 1u);
    EXPECT_EQ(count_rows_directly(), 0);

    // The writer recovers for the next batch.
    EXPECT_EQ(s.write_sync(insert(9)), 9);
    EXPECT_EQ(count_rows_directly(), 1);
}

TEST_F(DbStore, JobThatEndsTransactionWithoutThrowingIsNotReportedAsDone) {
    store s(options());
    create_table(s);
    try {
        s.write_sync([](connection& c) {
            insert(1)(c);
            c.exec("COMMIT");  // misbehaving job: the store's RELEASE then fails
        });
        ADD_FAILURE() << "reported success";
    } catch (const problem& e) {
        EXPECT_EQ(e.code(), errc::unavailable);
    }
    EXPECT_EQ(s.write_sync(insert(2)), 2);
}

TEST_F(DbStore, CompletionRunsOnTheHandlersExecutorAfterCommit) {
    store s(options());
    create_table(s);
    asio::io_context io;
    auto strand = asio::make_strand(io);
    bool on_strand = false;
    bool visible_elsewhere = false;
    std::exception_ptr error;
    s.async_write(insert(1), asio::bind_executor(strand, [&](std::exception_ptr e, std::int64_t) {
                      error = e;
                      on_strand = strand.running_in_this_thread();
                      // A separate connection sees the row: the COMMIT happened first.
                      visible_elsewhere = count_rows_directly() == 1;
                  }));
    std::thread runner([&] { io.run(); });  // returns once the completion ran (work guard)
    runner.join();
    EXPECT_FALSE(error);
    EXPECT_TRUE(on_strand);
    EXPECT_TRUE(visible_elsewhere);
}

TEST_F(DbStore, ReadCompletionAlsoUsesTheHandlersExecutor) {
    store s(options());
    asio::io_context io;
    auto strand = asio::make_strand(io);
    bool on_strand = false;
    std::int64_t version = -1;
    s.async_read([](connection& c) { return c.query_int64("PRAGMA user_version"); },
                 asio::bind_executor(strand, [&](std::exception_ptr, std::int64_t v) {
                     on_strand = strand.running_in_this_thread();
                     version = v;
                 }));
    io.run();
    EXPECT_TRUE(on_strand);
    EXPECT_EQ(version, latest_schema_version());
}

TEST_F(DbStore, FullQueueIsUnavailableAtOnce) {
    store s(options(1));
    create_table(s);
    gate g;
    auto blocker = block_writer(s, g);                         // taken off the queue, running
    auto queued = s.async_write(insert(1), asio::use_future);  // fills the single slot
    auto rejected = s.async_write(insert(2), asio::use_future);
    ASSERT_EQ(rejected.wait_for(hang_guard), std::future_status::ready);  // before the gate opens
    try {
        rejected.get();
        ADD_FAILURE() << "accepted past capacity";
    } catch (const problem& e) {
        EXPECT_EQ(e.code(), errc::unavailable);
        EXPECT_EQ(e.detail(), "server busy, retry");
        EXPECT_TRUE(e.retry_after_seconds().has_value());
    }
    EXPECT_EQ(s.stats().write_queue_depth, 1u);
    g.open();
    blocker.get();
    EXPECT_EQ(queued.get(), 1);
}

TEST_F(DbStore, ReadJobsCannotWrite) {
    store s(options());
    create_table(s);
    auto f = s.async_read([](connection& c) { c.exec("INSERT INTO t(id, v) VALUES(1, 'x')"); }, asio::use_future);
    EXPECT_EQ(error_code_of(f), errc::unavailable);  // SQLITE_READONLY
    EXPECT_EQ(count_rows_directly(), 0);
}

TEST_F(DbStore, ReadersSeeASnapshotWhileTheWriterCommits) {
    store s(options());
    create_table(s);
    s.write_sync(insert(1));
    gate g;
    auto reading = s.async_read(
        [&g](connection& c) {
            auto first = c.query_int64("SELECT count(*) FROM t");
            g.arrive_and_wait();
            auto second = c.query_int64("SELECT count(*) FROM t");
            return std::pair(first, second);
        },
        asio::use_future);
    ASSERT_TRUE(g.wait_started());
    // The reader holds an open snapshot; the writer is not blocked by it and
    // the other reader already sees the new row.
    s.write_sync(insert(2));
    EXPECT_EQ(s.read_sync([](connection& c) { return c.query_int64("SELECT count(*) FROM t"); }), 2);
    g.open();
    auto [first, second] = reading.get();
    EXPECT_EQ(first, 1);
    EXPECT_EQ(second, 1);  // one job, one consistent snapshot
}

TEST_F(DbStore, StopFinishesQueuedJobsThenRefuses) {
    store s(options());
    create_table(s);
    gate g;
    auto blocker = block_writer(s, g);
    std::vector<std::future<std::int64_t>> queued;
    for (int i = 1; i <= 20; ++i) {
        queued.push_back(s.async_write(insert(i), asio::use_future));
    }
    std::thread stopper([&] { s.stop(); });
    g.open();
    stopper.join();
    blocker.get();
    for (auto& f : queued) {
        EXPECT_GT(f.get(), 0);
    }
    EXPECT_EQ(count_rows_directly(), 20);

    auto late = s.async_write(insert(99), asio::use_future);
    EXPECT_EQ(error_code_of(late), errc::unavailable);
    auto late_read = s.async_read([](connection&) { return 1; }, asio::use_future);
    EXPECT_EQ(error_code_of(late_read), errc::unavailable);
    s.stop();  // idempotent
}

TEST_F(DbStore, ReopenKeepsData) {
    {
        store s(options());
        create_table(s);
        s.write_sync(insert(1));
    }
    store s(options());
    EXPECT_EQ(s.read_sync([](connection& c) { return c.query_int64("SELECT count(*) FROM t"); }), 1);
}

}  // namespace
}  // namespace plenary::db
