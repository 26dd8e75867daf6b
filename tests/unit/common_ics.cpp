// RFC 5545 text escaping and line folding, including multi-byte UTF-8 text
// that must never be split inside a character.
#include "common/ics.hpp"
#include "common/text.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using plenary::ics_escape_text;
using plenary::ics_fold_line;

std::vector<std::string> physical_lines(const std::string& folded) {
    std::vector<std::string> lines;
    std::size_t pos = 0;
    while (pos < folded.size()) {
        const auto end = folded.find("\r\n", pos);
        EXPECT_NE(end, std::string::npos) << "every line must end with CRLF";
        if (end == std::string::npos) break;
        lines.push_back(folded.substr(pos, end - pos));
        pos = end + 2;
    }
    return lines;
}

// Undoes folding as a calendar client does: CRLF followed by one space vanishes.
std::string unfold(const std::string& folded) {
    std::string out;
    const auto lines = physical_lines(folded);
    for (std::size_t i = 0; i < lines.size(); ++i) out += i == 0 ? lines[i] : lines[i].substr(1);
    return out;
}

TEST(IcsEscape, EscapesBackslashSemicolonCommaAndNewlines) {
    EXPECT_EQ(ics_escape_text("a\\b;c,d"), "a\\\\b\\;c\\,d");
    EXPECT_EQ(ics_escape_text("one\ntwo\r\nthree\rfour"), "one\\ntwo\\nthree\\nfour");
    EXPECT_EQ(ics_escape_text("colon: stays"), "colon: stays");
}

TEST(IcsEscape, DropsOtherControlCharacters) {
    EXPECT_EQ(ics_escape_text("a\x01\tb\x7f"), "ab");
}

TEST(IcsEscape, LeavesUtf8Alone) {
    EXPECT_EQ(ics_escape_text("丝路心相通，研讨会"), "丝路心相通，研讨会");
}

TEST(IcsFold, ShortLineIsUnchangedButEndsWithCrlf) {
    EXPECT_EQ(ics_fold_line("SUMMARY:Hi"), "SUMMARY:Hi\r\n");
}

TEST(IcsFold, ExactlySeventyFiveOctetsIsNotFolded) {
    const std::string line(75, 'x');
    EXPECT_EQ(ics_fold_line(line), line + "\r\n");
}

TEST(IcsFold, LongAsciiLineFoldsAtSeventyFiveOctets) {
    const std::string line = "DESCRIPTION:" + std::string(200, 'a');
    const auto folded = ics_fold_line(line);
    const auto lines = physical_lines(folded);
    ASSERT_GE(lines.size(), 3u);
    EXPECT_EQ(lines[0].size(), 75u);
    for (std::size_t i = 1; i < lines.size(); ++i) {
        EXPECT_EQ(lines[i][0], ' ');
        EXPECT_LE(lines[i].size(), 75u);
    }
    EXPECT_EQ(lines[1].size(), 75u);  // space + 74 octets
    EXPECT_EQ(unfold(folded), line);
}

TEST(IcsFold, ChineseTextFoldsBetweenCharacters) {
    // Three-octet characters after an 8-octet name: 75 is not a multiple of
    // 3 past the prefix, so a naive cut would split a character.
    std::string line = "SUMMARY:";
    for (int i = 0; i < 60; ++i) line += "国际志愿服务";
    const auto folded = ics_fold_line(line);
    const auto lines = physical_lines(folded);
    ASSERT_GT(lines.size(), 1u);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        EXPECT_LE(lines[i].size(), 75u) << "line " << i;
        const auto content = i == 0 ? lines[i] : lines[i].substr(1);
        EXPECT_TRUE(plenary::is_valid_utf8(content)) << "line " << i << " splits a character";
        if (i + 1 < lines.size()) {
            EXPECT_GT(lines[i].size(), 72u) << "folding should fill the line";
        }
    }
    EXPECT_EQ(unfold(folded), line);
}

TEST(IcsFold, FourOctetCharactersAreKeptWhole) {
    std::string line = "X:";
    for (int i = 0; i < 50; ++i) line += "\xF0\x9F\x8C\x8F";  // U+1F30F
    const auto folded = ics_fold_line(line);
    for (const auto& l : physical_lines(folded)) {
        EXPECT_LE(l.size(), 75u);
        EXPECT_TRUE(plenary::is_valid_utf8(l));
    }
    EXPECT_EQ(unfold(folded), line);
}

TEST(IcsWriter, WritesEscapedFoldedContentLines) {
    plenary::ics_writer w;
    w.begin("VEVENT");
    w.text("SUMMARY", "Plenary; South-South, volunteering\nDay 1");
    w.raw("DTSTART", "20261206T010000Z");
    w.end("VEVENT");
    EXPECT_EQ(w.str(),
              "BEGIN:VEVENT\r\nSUMMARY:Plenary\\; South-South\\, volunteering\\nDay 1\r\n"
              "DTSTART:20261206T010000Z\r\nEND:VEVENT\r\n");
}

}  // namespace
