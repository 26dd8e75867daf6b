// Tests for common/countries: the ISO 3166-1 alpha-2 set and its lookup.
#include "common/countries.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <string>

using namespace plenary;

TEST(Countries, HasAll249CodesSortedAndUnique) {
    const auto& codes = iso3166_alpha2_codes();
    EXPECT_EQ(codes.size(), 249u);
    EXPECT_TRUE(std::is_sorted(codes.begin(), codes.end()));
    EXPECT_EQ(std::adjacent_find(codes.begin(), codes.end()), codes.end());
    for (auto code : codes) {
        ASSERT_EQ(code.size(), 2u);
        EXPECT_TRUE(code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z') << code;
        EXPECT_TRUE(is_iso3166_alpha2(code)) << code;
    }
}

TEST(Countries, KnowsCurrentCodes) {
    for (auto code : {"CN", "TW", "HK", "MO", "US", "GB", "DE", "JP", "KR", "SG", "SS",
                      "CW", "SX", "BQ", "ME", "RS", "AX", "AQ", "UM", "ZW", "AD"}) {
        EXPECT_TRUE(is_iso3166_alpha2(code)) << code;
    }
}

TEST(Countries, RejectsWithdrawnReservedAndUserAssignedCodes) {
    // AN (Netherlands Antilles), YU, CS, ZR, TP, SU: withdrawn. UK, EU, UN:
    // reserved. XK (Kosovo), ZZ, AA, QM: user-assigned.
    for (auto code : {"AN", "YU", "CS", "ZR", "TP", "SU", "UK", "EU", "UN", "XK", "ZZ", "AA", "QM"}) {
        EXPECT_FALSE(is_iso3166_alpha2(code)) << code;
    }
}

TEST(Countries, RejectsLowercaseAndMalformedInput) {
    using namespace std::string_literals;
    for (auto code : {"cn", "Cn", "cN", "zz", "", "C", "CHN", " CN", "CN ", "C N"}) {
        EXPECT_FALSE(is_iso3166_alpha2(code)) << code;
    }
    EXPECT_FALSE(is_iso3166_alpha2("CN\0"s));
    EXPECT_FALSE(is_iso3166_alpha2("\xEF\xBC\xA3\xEF\xBC\xAE"));  // full-width ＣＮ
}

// tzdata (a build dependency) ships its own copy of the list; a new ISO
// assignment shows up here when the system's tzdata is newer than our table.
TEST(Countries, MatchesTzdataIso3166Table) {
    std::ifstream table("/usr/share/zoneinfo/iso3166.tab");
    ASSERT_TRUE(table) << "/usr/share/zoneinfo/iso3166.tab is missing: install Debian package tzdata";
    std::set<std::string> from_tzdata;
    for (std::string line; std::getline(table, line);) {
        if (line.empty() || line[0] == '#') continue;
        from_tzdata.insert(line.substr(0, line.find('\t')));
    }
    const auto& codes = iso3166_alpha2_codes();
    EXPECT_EQ(from_tzdata, std::set<std::string>(codes.begin(), codes.end()));
}
