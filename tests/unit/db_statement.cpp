// db::statement: binding every supported type, reading columns back, UTF-8
// text, blobs, NULL/optional, and refusal of multi-statement text.
#include "common/problem.hpp"
#include "db/connection.hpp"
#include "db/sqlite_error.hpp"
#include "db/statement.hpp"
#include "db_test_support.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace plenary::db {
namespace {

using testing::scratch_dir;

class DbStatement : public ::testing::Test {
protected:
    DbStatement() : conn_(dir_.file("s.db"), open_mode::read_write) {
        conn_.exec("CREATE TABLE v(i INTEGER, d REAL, t TEXT, b BLOB)");
    }
    scratch_dir dir_;
    connection conn_;
};

TEST_F(DbStatement, BindsAndReadsScalars) {
    auto& ins = conn_.prepare("INSERT INTO v(i, d, t, b) VALUES(?, ?, ?, ?)");
    ins.bind(1, std::numeric_limits<std::int64_t>::max());
    ins.bind(2, 2.5);
    ins.bind(3, std::string("hello"));
    ins.bind(4, nullptr);
    ins.execute();

    auto& sel = conn_.prepare("SELECT i, d, t, b FROM v");
    ASSERT_TRUE(sel.step());
    EXPECT_EQ(sel.column_count(), 4);
    EXPECT_EQ(sel.column_name(2), "t");
    EXPECT_EQ(sel.column_int64(0), std::numeric_limits<std::int64_t>::max());
    EXPECT_DOUBLE_EQ(sel.column_double(1), 2.5);
    EXPECT_EQ(sel.column_text(2), "hello");
    EXPECT_TRUE(sel.is_null(3));
    EXPECT_FALSE(sel.is_null(0));
    EXPECT_FALSE(sel.step());
}

TEST_F(DbStatement, Utf8TextRoundTripsByteForByte) {
    const std::string chinese = "会议签到 — 北京 2026 🎤";
    conn_.prepare("INSERT INTO v(t) VALUES(?)").bind_all(chinese).execute();

    auto& sel = conn_.prepare("SELECT t, length(t), length(CAST(t AS BLOB)) FROM v");
    ASSERT_TRUE(sel.step());
    EXPECT_EQ(sel.column_text(0), chinese);
    EXPECT_EQ(sel.column_int64(1), 16);  // characters, as SQLite counts them
    EXPECT_EQ(sel.column_int64(2), static_cast<std::int64_t>(chinese.size()));
}

TEST_F(DbStatement, TextBindingCopiesTheCallersBuffer) {
    auto& ins = conn_.prepare("INSERT INTO v(t) VALUES(?)");
    {
        std::string temporary = "copied";
        ins.bind(1, std::string_view(temporary));
        temporary.assign("XXXXXX");
    }
    ins.execute();
    auto& sel = conn_.prepare("SELECT t FROM v");
    ASSERT_TRUE(sel.step());
    EXPECT_EQ(sel.column_text(0), "copied");
}

TEST_F(DbStatement, BlobsRoundTripIncludingEmpty) {
    std::vector<std::uint8_t> bytes;
    for (int i = 1; i <= 255; ++i) {
        bytes.push_back(static_cast<std::uint8_t>(i));
    }
    const std::vector<std::uint8_t> empty;
    auto& ins = conn_.prepare("INSERT INTO v(i, b) VALUES(?, ?)");
    ins.bind_all(1, bytes).execute();
    conn_.prepare("INSERT INTO v(i, b) VALUES(?, ?)").bind_all(2, empty).execute();

    auto& sel = conn_.prepare("SELECT b, typeof(b) FROM v ORDER BY i");
    ASSERT_TRUE(sel.step());
    EXPECT_EQ(sel.column_blob(0), bytes);
    EXPECT_EQ(sel.column_text(1), "blob");
    ASSERT_TRUE(sel.step());
    EXPECT_TRUE(sel.column_blob(0).empty());
    EXPECT_EQ(sel.column_text(1), "blob");  // an empty blob is not NULL
}

TEST_F(DbStatement, ByteSpanBlob) {
    const std::byte raw[] = {std::byte{0xde}, std::byte{0xad}, std::byte{0xbe}, std::byte{0xef}};
    conn_.prepare("INSERT INTO v(b) VALUES(?)").bind_all(std::span<const std::byte>(raw)).execute();
    auto& sel = conn_.prepare("SELECT hex(b) FROM v");
    ASSERT_TRUE(sel.step());
    EXPECT_EQ(sel.column_text(0), "DEADBEEF");
}

TEST_F(DbStatement, OptionalBindsValueOrNull) {
    std::optional<std::string> some = "x";
    std::optional<std::string> none;
    std::optional<std::int64_t> number = 7;
    conn_.prepare("INSERT INTO v(i, t) VALUES(?, ?)").bind_all(number, some).execute();
    conn_.prepare("INSERT INTO v(i, t) VALUES(?, ?)").bind_all(std::optional<int>(), none).execute();

    auto& sel = conn_.prepare("SELECT i, t FROM v ORDER BY rowid");
    ASSERT_TRUE(sel.step());
    EXPECT_EQ(sel.column_int64(0), 7);
    EXPECT_EQ(sel.column_optional_text(1), std::optional<std::string>("x"));
    ASSERT_TRUE(sel.step());
    EXPECT_TRUE(sel.is_null(0));
    EXPECT_EQ(sel.column_optional_text(1), std::nullopt);
}

TEST_F(DbStatement, BindAllMixesTypesInOrder) {
    conn_.prepare("INSERT INTO v(i, d, t, b) VALUES(?, ?, ?, ?)")
        .bind_all(true, 0.25f, "lit", std::vector<std::uint8_t>{1, 2})
        .execute();
    auto& sel = conn_.prepare("SELECT i, d, t, hex(b) FROM v");
    ASSERT_TRUE(sel.step());
    EXPECT_EQ(sel.column_int(0), 1);
    EXPECT_DOUBLE_EQ(sel.column_double(1), 0.25);
    EXPECT_EQ(sel.column_text(2), "lit");
    EXPECT_EQ(sel.column_text(3), "0102");
}

TEST_F(DbStatement, BindingAnOutOfRangeIndexThrows) {
    auto& ins = conn_.prepare("INSERT INTO v(i) VALUES(?)");
    EXPECT_THROW(ins.bind(2, 1), sqlite_error);
}

TEST_F(DbStatement, MultipleStatementsAreRefused) {
    EXPECT_THROW(conn_.prepare("SELECT 1; SELECT 2"), problem);
    EXPECT_NO_THROW(conn_.prepare("SELECT 1;  "));
    EXPECT_THROW(conn_.prepare("-- only a comment"), problem);
}

TEST_F(DbStatement, StepErrorIsConflictForConstraint) {
    conn_.exec("CREATE TABLE u(k TEXT UNIQUE)");
    conn_.prepare("INSERT INTO u VALUES(?)").bind_all("a").execute();
    try {
        conn_.prepare("INSERT INTO u VALUES(?)").bind_all("a").execute();
        FAIL() << "duplicate accepted";
    } catch (const sqlite_error& e) {
        EXPECT_EQ(e.code(), errc::conflict);
    }
}

TEST_F(DbStatement, MoveTransfersOwnership) {
    statement a = conn_.prepare_uncached("SELECT 41 + 1");
    statement b = std::move(a);
    EXPECT_EQ(a.native_handle(), nullptr);
    ASSERT_TRUE(b.step());
    EXPECT_EQ(b.column_int(0), 42);
    EXPECT_EQ(b.sql(), "SELECT 41 + 1");
}

}  // namespace
}  // namespace plenary::db
