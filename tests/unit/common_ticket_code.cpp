// Tests for common/ticket_code: generation, the typed-in form and printing.
#include "common/ticket_code.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <set>
#include <string>

using namespace plenary;
using namespace std::string_literals;

namespace {
bool in_alphabet(std::string_view code) {
    return code.find_first_not_of(ticket_alphabet) == std::string_view::npos;
}
}  // namespace

TEST(TicketCode, AlphabetHasNoLookAlikes) {
    EXPECT_EQ(ticket_alphabet.size(), 32u);
    for (char c : "0O1Iabc-") EXPECT_EQ(ticket_alphabet.find(c), std::string_view::npos) << c;
    EXPECT_EQ(std::set<char>(ticket_alphabet.begin(), ticket_alphabet.end()).size(), 32u);
    EXPECT_TRUE(std::is_sorted(ticket_alphabet.begin(), ticket_alphabet.end()));
    EXPECT_EQ(ticket_random_symbols * 5, 100u);
}

TEST(TicketCode, MadeCodesHaveLengthAndAlphabet) {
    for (int i = 0; i < 100; ++i) {
        const auto code = make_ticket_code();
        EXPECT_EQ(code.size(), ticket_code_length);
        EXPECT_TRUE(in_alphabet(code)) << code;
    }
}

TEST(TicketCode, ThousandCodesAreDistinct) {
    std::set<std::string> codes;
    for (int i = 0; i < 1000; ++i) codes.insert(make_ticket_code());
    EXPECT_EQ(codes.size(), 1000u);
}

// 2000 codes give 40000 random symbols, 1250 expected per symbol (sd ~35).
// The bounds sit about 9 sd out, and catch a modulo bias or a stuck symbol,
// not chance: a flaky test would be worse than none.
TEST(TicketCode, RandomSymbolsAreRoughlyUniform) {
    std::array<int, 32> counts{};
    constexpr int codes = 2000;
    for (int i = 0; i < codes; ++i) {
        const auto code = make_ticket_code();
        for (char c : std::string_view(code).substr(ticket_clock_symbols)) ++counts[ticket_alphabet.find(c)];
    }
    const double expected = codes * ticket_random_symbols / 32.0;
    for (std::size_t s = 0; s < counts.size(); ++s) {
        EXPECT_GT(counts[s], expected * 0.75) << ticket_alphabet[s];
        EXPECT_LT(counts[s], expected * 1.25) << ticket_alphabet[s];
    }
    // Positions are independent too: every symbol shows up at the first random place.
    std::set<char> first;
    for (int i = 0; i < codes; ++i) first.insert(make_ticket_code()[ticket_clock_symbols]);
    EXPECT_EQ(first.size(), 32u);
}

TEST(TicketCode, TheFirstEightSymbolsSpellTheIssueClock) {
    using namespace std::chrono;
    const sys_days epoch{year{2025} / January / 1};
    EXPECT_EQ(make_ticket_code(epoch).substr(0, ticket_clock_symbols), "22222222");
    EXPECT_EQ(make_ticket_code(epoch + milliseconds(1)).substr(0, ticket_clock_symbols), "22222223");
    EXPECT_EQ(make_ticket_code(epoch + milliseconds(33)).substr(0, ticket_clock_symbols), "22222233");
    // Before the epoch counts as the epoch; 2^40 ms later the clock wraps.
    EXPECT_EQ(make_ticket_code(epoch - hours(1)).substr(0, ticket_clock_symbols), "22222222");
    EXPECT_EQ(make_ticket_code(epoch + milliseconds(1LL << 40)).substr(0, ticket_clock_symbols), "22222222");
    EXPECT_EQ(make_ticket_code(epoch + milliseconds((1LL << 40) - 1)).substr(0, ticket_clock_symbols), "ZZZZZZZZ");
}

TEST(TicketCode, CodesIssuedLaterSortLater) {
    using namespace std::chrono;
    const auto start = sys_days{year{2026} / November / 24} + hours(9);
    std::string previous;
    for (milliseconds step : std::initializer_list<milliseconds>{milliseconds(0), milliseconds(1), milliseconds(31),
                                                                 milliseconds(32), seconds(1), hours(50)}) {
        const auto code = make_ticket_code(start + step);
        EXPECT_LT(previous, code) << "after " << step.count() << " ms";
        previous = code;
    }
}

TEST(TicketCode, FormatGroupsByFour) {
    const std::string code = "ABCDEFGHJKLMNPQRSTUVWXYZ2345";
    EXPECT_EQ(format_ticket_code(code), "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345");
    EXPECT_EQ(format_ticket_code(""), "");
    EXPECT_EQ(format_ticket_code("ABCDE"), "ABCD-E");
    EXPECT_EQ(format_ticket_code("ABCD"), "ABCD");
}

TEST(TicketCode, ParseRoundTripsFormat) {
    for (int i = 0; i < 100; ++i) {
        const auto code = make_ticket_code();
        EXPECT_EQ(parse_ticket_code(format_ticket_code(code)), code);
        EXPECT_EQ(parse_ticket_code(code), code);
    }
}

TEST(TicketCode, ParseIgnoresCaseSpacesAndHyphens) {
    const std::string code = "ABCDEFGHJKLMNPQRSTUVWXYZ2345";
    EXPECT_EQ(parse_ticket_code("abcd-efgh-jklm-npqr-stuv-wxyz-2345"), code);
    EXPECT_EQ(parse_ticket_code("abcd efgh jklm npqr stuv wxyz 2345"), code);
    EXPECT_EQ(parse_ticket_code("  AbCd--EfGh JKLM-npqr stuvWXYZ2345 - "), code);
    EXPECT_EQ(parse_ticket_code("A-B-C-D-E-F-G-H-J-K-L-M-N-P-Q-R-S-T-U-V-W-X-Y-Z-2-3-4-5"), code);
}

TEST(TicketCode, ParseRejectsWrongLength) {
    const std::string code = "ABCDEFGHJKLMNPQRSTUVWXYZ2345";
    EXPECT_FALSE(parse_ticket_code(""));
    EXPECT_FALSE(parse_ticket_code("   --- "));
    EXPECT_FALSE(parse_ticket_code(code.substr(0, 27)));
    EXPECT_FALSE(parse_ticket_code(code + "A"));
    EXPECT_FALSE(parse_ticket_code(code + code));
    EXPECT_FALSE(parse_ticket_code(std::string(1 << 20, 'A')));
}

TEST(TicketCode, ParseRejectsOtherCharacters) {
    const std::string code = "ABCDEFGHJKLMNPQRSTUVWXYZ2345";
    // Look-alikes are not silently mapped: O, 0, I and 1 are never in a code.
    EXPECT_FALSE(parse_ticket_code("OBCDEFGHJKLMNPQRSTUVWXYZ2345"));
    EXPECT_FALSE(parse_ticket_code("0BCDEFGHJKLMNPQRSTUVWXYZ2345"));
    EXPECT_FALSE(parse_ticket_code("IBCDEFGHJKLMNPQRSTUVWXYZ2345"));
    EXPECT_FALSE(parse_ticket_code("1BCDEFGHJKLMNPQRSTUVWXYZ2345"));
    EXPECT_FALSE(parse_ticket_code(code.substr(0, 14) + '\0' + code.substr(14)));
    EXPECT_FALSE(parse_ticket_code(code + '\0'));
    EXPECT_FALSE(parse_ticket_code(code + "\n"));
    EXPECT_FALSE(parse_ticket_code("\t" + code));
    EXPECT_FALSE(parse_ticket_code(code.substr(0, 27) + "_"));
    EXPECT_FALSE(parse_ticket_code(code.substr(0, 27) + "\xC3\x85"));       // Å
    EXPECT_FALSE(parse_ticket_code(code.substr(0, 26) + "\xEF\xBC\xA1"));   // full-width Ａ
    EXPECT_FALSE(parse_ticket_code(code.substr(0, 27) + "\xE2\x80\x93"));   // en dash
    EXPECT_FALSE(parse_ticket_code(code.substr(0, 27) + "\xFF"));           // not UTF-8
    EXPECT_FALSE(parse_ticket_code(code.substr(0, 27) + "\xE3\x80\x80Z"));  // ideographic space
}

TEST(TicketCode, ParseSurvivesEveryByte) {
    const std::string code = "ABCDEFGHJKLMNPQRSTUVWXYZ2345";
    int accepted = 0;
    for (int b = 0; b < 256; ++b) {
        auto input = code;
        input[5] = static_cast<char>(b);
        const auto parsed = parse_ticket_code(input);
        if (parsed) {
            ++accepted;
            EXPECT_TRUE(in_alphabet(*parsed));
        }
    }
    // The 32 symbols and the 24 lowercase letters that map to them.
    EXPECT_EQ(accepted, 56);
}
