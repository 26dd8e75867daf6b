// db::store::backup_to: a consistent, complete copy taken while writers keep
// committing.
#include "common/problem.hpp"
#include "db/connection.hpp"
#include "db/migrations.hpp"
#include "db/store.hpp"
#include "db_test_support.hpp"

#include <boost/asio/use_future.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace plenary::db {
namespace {

using testing::scratch_dir;

TEST(DbBackup, CopyWhileWritingIsCompleteAndIntact) {
    scratch_dir dir;
    store_options options;
    options.path = dir.file("live.db");
    store s(options);
    s.write_sync([](connection& c) { c.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, payload TEXT)"); });
    // Enough pages that the copy takes several 256-page steps.
    constexpr int initial_rows = 3000;
    s.write_sync([](connection& c) {
        auto& ins = c.prepare("INSERT INTO t(payload) VALUES(?)");
        for (int i = 0; i < initial_rows; ++i) {
            ins.bind_all(std::string(500, static_cast<char>('a' + i % 26)));
            ins.execute();
            ins.reset();
        }
    });

    std::atomic<bool> done{false};
    std::atomic<int> written_during{0};
    std::thread writer([&] {
        while (!done.load()) {
            s.write_sync([](connection& c) {
                c.prepare("INSERT INTO t(payload) VALUES(?)").bind_all("during backup").execute();
            });
            ++written_during;
        }
    });
    const std::string copy = dir.file("copy.db");
    try {
        s.backup_to(copy);
    } catch (...) {
        done = true;
        writer.join();
        throw;
    }
    done = true;
    writer.join();

    connection c(copy, open_mode::read_only);
    EXPECT_EQ(c.query_text("PRAGMA integrity_check"), "ok");
    EXPECT_GE(c.query_int64("SELECT count(*) FROM t WHERE payload != 'during backup'"), initial_rows);
    EXPECT_EQ(c.query_int64("PRAGMA user_version"), latest_schema_version());
    EXPECT_EQ(c.query_int64("SELECT count(*) FROM users"), 0);
    // No temporary files left beside the copy.
    int entries = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
        if (e.path().filename().string().find(".tmp-") != std::string::npos) {
            ADD_FAILURE() << "leftover " << e.path();
        }
        ++entries;
    }
    EXPECT_GT(entries, 0);
    EXPECT_GT(written_during.load(), 0);
}

TEST(DbBackup, ReplacesAnExistingDestination) {
    scratch_dir dir;
    store_options options;
    options.path = dir.file("live.db");
    store s(options);
    s.write_sync([](connection& c) { c.exec("CREATE TABLE t(x); INSERT INTO t VALUES(1)"); });
    const std::string copy = dir.file("copy.db");
    s.backup_to(copy);
    s.write_sync([](connection& c) { c.exec("INSERT INTO t VALUES(2)"); });
    s.backup_to(copy);
    connection c(copy, open_mode::read_only);
    EXPECT_EQ(c.query_int64("SELECT count(*) FROM t"), 2);
}

TEST(DbBackup, UnwritableDestinationThrowsAndLeavesNothing) {
    scratch_dir dir;
    store_options options;
    options.path = dir.file("live.db");
    store s(options);
    try {
        s.backup_to(dir.file("no/such/dir/copy.db"));
        FAIL() << "backup into a missing directory succeeded";
    } catch (const problem& e) {
        EXPECT_EQ(e.code(), errc::unavailable);
    }
    EXPECT_THROW(s.backup_to(options.path), problem);  // never onto the live file
    EXPECT_EQ(s.read_sync([](connection& c) { return c.query_text("PRAGMA integrity_check"); }), "ok");
}

}  // namespace
}  // namespace plenary::db
