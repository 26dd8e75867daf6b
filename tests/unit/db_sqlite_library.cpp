// configure_sqlite_library: SQLite's memory statistics (and the process-wide
// mutex every allocation takes for them) are off once it has run. SQLite
// accepts the setting only before its first use, so this test needs a
// process of its own, which ctest gives every test.
#include "db/connection.hpp"
#include "db/sqlite_library.hpp"
#include "db_test_support.hpp"

#include <gtest/gtest.h>

#include <sqlite3.h>

namespace plenary::db {
namespace {

// With statistics off, the high-water mark of a fresh allocation stays 0.
bool sqlite_memory_statistics_on() {
    void* probe = sqlite3_malloc(64);
    sqlite3_free(probe);
    return sqlite3_memory_highwater(0) > 0;
}

bool configured_here = false;  // by a test earlier in this process

TEST(SqliteLibrary, ConfiguringTurnsMemoryStatisticsOff) {
    configured_here = configure_sqlite_library();
    if (!configured_here) {
        GTEST_SKIP() << "SQLite was in use before this test; run it alone, as ctest does";
    }
    EXPECT_FALSE(sqlite_memory_statistics_on());
    testing::scratch_dir dir;
    connection conn(dir.file("a.db"), open_mode::read_write);
    conn.exec("CREATE TABLE t(x TEXT); INSERT INTO t VALUES (hex(randomblob(5000)))");
    EXPECT_EQ(conn.query_int64("SELECT length(x) FROM t"), 10000);
    EXPECT_FALSE(sqlite_memory_statistics_on());
    EXPECT_FALSE(configure_sqlite_library()) << "SQLite takes the setting only before its first use";
}

// Without it SQLite's default holds, so the probe above can tell the two apart.
TEST(SqliteLibrary, StatisticsAreOnWithoutIt) {
    if (configured_here) GTEST_SKIP() << "the test before configured SQLite in this process";
    testing::scratch_dir dir;
    connection conn(dir.file("a.db"), open_mode::read_write);
    EXPECT_TRUE(sqlite_memory_statistics_on());
}

}  // namespace
}  // namespace plenary::db
