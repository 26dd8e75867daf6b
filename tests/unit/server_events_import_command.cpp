// `plenary import` as a function: exit statuses, field paths on stderr, and
// that a refused document leaves the database untouched.
#include "db/connection.hpp"
#include "db/events.hpp"
#include "db/store.hpp"
#include "server/cli/command_line.hpp"
#include "server/cli/import_command.hpp"
#include "server/demo/demo_document.hpp"
#include "tests/unit/db_test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

namespace {

namespace db = plenary::db;

int run_import(const std::vector<std::string>& args) {
    std::vector<const char*> argv{"import"};
    for (const auto& a : args) argv.push_back(a.c_str());
    return plenary::cli::import_command(static_cast<int>(argv.size()), argv.data());
}

std::int64_t events_in(const std::string& path) {
    db::store store({.path = path, .readers = 1});
    return store.read_sync([](db::connection& c) { return db::count_events(c); });
}

TEST(ImportCommand, ImportsTheDemoDocument) {
    db::testing::scratch_dir dir;
    const auto file = dir.file("demo.json");
    std::ofstream(file) << plenary::demo::demo_document();
    ::testing::internal::CaptureStdout();
    EXPECT_EQ(run_import({"--db", dir.file("p.db"), file}), 0);
    const auto out = ::testing::internal::GetCapturedStdout();
    EXPECT_NE(out.find("imported 4 event(s)"), std::string::npos) << out;
    EXPECT_EQ(events_in(dir.file("p.db")), 4);
}

TEST(ImportCommand, InvalidDocumentPrintsFieldPathsAndExitsTwo) {
    db::testing::scratch_dir dir;
    const auto file = dir.file("bad.json");
    std::ofstream(file) << R"({"events":[{"slug":"ok-event","title":"T","timezone":"Asia/Shanghai",
        "starts_at":"2026-12-07T09:00:00+08:00","ends_at":"2026-12-07T17:00:00+08:00",
        "sessions":[{"title":"S","starts_at":"2026-12-08T09:00:00+08:00","ends_at":"2026-12-08T10:00:00+08:00"}]}]})";
    ::testing::internal::CaptureStderr();
    EXPECT_EQ(run_import({"--db", dir.file("p.db"), file}), 2);
    const auto err = ::testing::internal::GetCapturedStderr();
    EXPECT_NE(err.find("events[0].sessions[0].starts_at"), std::string::npos) << err;
    EXPECT_EQ(events_in(dir.file("p.db")), 0);
}

TEST(ImportCommand, MalformedJsonExitsTwo) {
    db::testing::scratch_dir dir;
    const auto file = dir.file("broken.json");
    std::ofstream(file) << R"({"events":[)";
    ::testing::internal::CaptureStderr();
    EXPECT_EQ(run_import({"--db", dir.file("p.db"), file}), 2);
    ::testing::internal::GetCapturedStderr();
}

TEST(ImportCommand, MissingArgumentsAreUsageErrors) {
    EXPECT_THROW(run_import({"--db", "x.db"}), plenary::cli::usage_error);
    EXPECT_THROW(run_import({"file.json"}), plenary::cli::usage_error);
    EXPECT_THROW(run_import({"--db", "x.db", "/nonexistent/file.json"}), plenary::cli::usage_error);
    EXPECT_THROW(run_import({"--bogus"}), plenary::cli::usage_error);
}

}  // namespace
