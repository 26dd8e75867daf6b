// Tests for common/text: percent-decoding, UTF-8 validation and the control
// character check that guard every path and text field.
#include "common/text.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace plenary;
using namespace std::string_literals;

TEST(PercentDecode, DecodesEscapesOfBothCases) {
    EXPECT_EQ(percent_decode("a%20b%2Fc%2fd"), "a b/c/d");
    EXPECT_EQ(percent_decode("%E4%B8%AD"), "\xE4\xB8\xAD");
    EXPECT_EQ(percent_decode(""), "");
    EXPECT_EQ(percent_decode("plain"), "plain");
}

TEST(PercentDecode, DecodesOnceOnly) {
    EXPECT_EQ(percent_decode("%252e%252e"), "%2e%2e");
}

TEST(PercentDecode, RejectsEncodedAndRawNul) {
    EXPECT_FALSE(percent_decode("x%00.html"));
    EXPECT_FALSE(percent_decode("a\0b"s));
}

TEST(PercentDecode, RejectsMalformedEscapes) {
    EXPECT_FALSE(percent_decode("%"));
    EXPECT_FALSE(percent_decode("abc%"));
    EXPECT_FALSE(percent_decode("%4"));
    EXPECT_FALSE(percent_decode("%zz"));
    EXPECT_FALSE(percent_decode("%4g"));
    EXPECT_FALSE(percent_decode("%%41"));
    EXPECT_EQ(percent_decode("%41"), "A");
}

TEST(Utf8, AcceptsWellFormedText) {
    EXPECT_TRUE(is_valid_utf8(""));
    EXPECT_TRUE(is_valid_utf8("hello"));
    EXPECT_TRUE(is_valid_utf8("\xC3\xA9"));                  // é
    EXPECT_TRUE(is_valid_utf8("\xE4\xBC\x9A\xE8\xAE\xAE"));  // 会议
    EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x8E\x89"));          // U+1F389
    EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));          // U+10FFFF
}

TEST(Utf8, RejectsOverlongForms) {
    EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));  // '/' in two bytes
    EXPECT_FALSE(is_valid_utf8("\xC1\xBF"));
    EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // '/' in three bytes
    EXPECT_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));  // '/' in four bytes
    EXPECT_FALSE(is_valid_utf8("\xC0\x80"));          // "modified UTF-8" NUL
}

TEST(Utf8, RejectsSurrogatesAndOutOfRange) {
    EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // U+D800
    EXPECT_FALSE(is_valid_utf8("\xED\xBF\xBF"));      // U+DFFF
    EXPECT_TRUE(is_valid_utf8("\xED\x9F\xBF"));       // U+D7FF is fine
    EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // U+110000
    EXPECT_FALSE(is_valid_utf8("\xF8\x88\x80\x80\x80"));
    EXPECT_FALSE(is_valid_utf8("\xFF"));
}

TEST(Utf8, RejectsTruncatedAndStrayBytes) {
    EXPECT_FALSE(is_valid_utf8("\xE4\xB8"));
    EXPECT_FALSE(is_valid_utf8("abc\xE4"));
    EXPECT_FALSE(is_valid_utf8("\x80"));
    EXPECT_FALSE(is_valid_utf8("\xC3\x28"));
}

TEST(Utf8, LengthCountsCodePoints) {
    EXPECT_EQ(utf8_length(""), 0u);
    EXPECT_EQ(utf8_length("abc"), 3u);
    EXPECT_EQ(utf8_length("\xE4\xBC\x9A\xE8\xAE\xAE"), 2u);
    EXPECT_EQ(utf8_length("a\xC3\xA9\xF0\x9F\x8E\x89"), 3u);
}

TEST(Utf8, ToValidReplacesBadBytes) {
    EXPECT_EQ(to_valid_utf8("ok \xC3\xA9"), "ok \xC3\xA9");
    EXPECT_EQ(to_valid_utf8("a\xFF"
                            "b"),
              "a\xEF\xBF\xBD"
              "b");
    EXPECT_EQ(to_valid_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_TRUE(is_valid_utf8(to_valid_utf8("\xE4\xB8")));
}

TEST(Utf8, TruncateNeverSplitsACharacter) {
    const std::string s = "ab\xE4\xBC\x9A";  // "ab会"
    EXPECT_EQ(truncate_utf8(s, 10), s);
    EXPECT_EQ(truncate_utf8(s, 5), s);
    EXPECT_EQ(truncate_utf8(s, 4), "ab");
    EXPECT_EQ(truncate_utf8(s, 3), "ab");
    EXPECT_EQ(truncate_utf8(s, 2), "ab");
    EXPECT_EQ(truncate_utf8(s, 0), "");
}

TEST(ControlChars, FindsC0DelAndC1) {
    EXPECT_FALSE(has_control_chars("plain text, 会议"));
    EXPECT_TRUE(has_control_chars("a\0b"s));
    EXPECT_TRUE(
        has_control_chars("a\x01"
                          "b"));
    EXPECT_TRUE(has_control_chars("a\x1B[31m"));
    EXPECT_TRUE(has_control_chars("a\x7F"));
    EXPECT_TRUE(has_control_chars("a\xC2\x85"));   // U+0085 NEL
    EXPECT_TRUE(has_control_chars("a\xC2\x9F"));   // U+009F
    EXPECT_FALSE(has_control_chars("a\xC2\xA0"));  // U+00A0 NBSP is not a control
}

TEST(ControlChars, WhitespaceControlsOnlyWhenAllowed) {
    EXPECT_TRUE(has_control_chars("line\nbreak"));
    EXPECT_TRUE(has_control_chars("tab\there"));
    EXPECT_FALSE(has_control_chars("line\r\nbreak\tand tab", true));
    EXPECT_TRUE(has_control_chars("bell\a", true));
}

TEST(TextHelpers, LowerAndTrim) {
    EXPECT_EQ(to_lower_ascii("Content-TYPE \xC3\x89"), "content-type \xC3\x89");
    EXPECT_EQ(trim("  a b \t\r\n"), "a b");
    EXPECT_EQ(trim(" \t "), "");
    EXPECT_EQ(trim(""), "");
}
