// IANA zone-name validation against tzdata and RFC 3339 parsing.
#include "common/timezone.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace {

using namespace std::chrono;
using plenary::is_valid_timezone;
using plenary::parse_rfc3339;

TEST(Timezone, AcceptsZonesThatTzdataHas) {
    EXPECT_TRUE(is_valid_timezone("Asia/Shanghai"));
    EXPECT_TRUE(is_valid_timezone("Europe/Berlin"));
    EXPECT_TRUE(is_valid_timezone("America/Argentina/Salta"));
    EXPECT_TRUE(is_valid_timezone("UTC"));
    EXPECT_TRUE(is_valid_timezone("Etc/GMT+8"));
}

TEST(Timezone, RefusesUnknownZones) {
    EXPECT_FALSE(is_valid_timezone("Mars/Olympus_Mons"));
    EXPECT_FALSE(is_valid_timezone("Asia/Shanghai2"));
    EXPECT_FALSE(is_valid_timezone(""));
    EXPECT_FALSE(is_valid_timezone("Asia"));  // a directory, not a zone
}

TEST(Timezone, RefusesPathTricksAndOddCharacters) {
    EXPECT_FALSE(is_valid_timezone("../../etc/passwd"));
    EXPECT_FALSE(is_valid_timezone("Asia/../Asia/Shanghai"));
    EXPECT_FALSE(is_valid_timezone("/etc/passwd"));
    EXPECT_FALSE(is_valid_timezone("Asia//Shanghai"));
    EXPECT_FALSE(is_valid_timezone("Asia/Shanghai/"));
    EXPECT_FALSE(is_valid_timezone("Asia/Shang hai"));
    EXPECT_FALSE(is_valid_timezone(std::string("Asia/Shanghai\0x", 15)));
    EXPECT_FALSE(is_valid_timezone("posix/Asia/Shanghai"));
    EXPECT_FALSE(is_valid_timezone("right/Asia/Shanghai"));
    EXPECT_FALSE(is_valid_timezone(std::string(65, 'A')));
}

TEST(Timezone, ChecksForARegularFileUnderTheGivenRoot) {
    std::random_device rd;
    const auto root = std::filesystem::temp_directory_path() / ("plenary-tz-" + std::to_string(rd()));
    std::filesystem::create_directories(root / "Test" / "Dir");
    std::ofstream(root / "Test" / "Zone") << "TZif";
    EXPECT_TRUE(is_valid_timezone("Test/Zone", root.string()));
    EXPECT_FALSE(is_valid_timezone("Test/Dir", root.string()));
    EXPECT_FALSE(is_valid_timezone("Test/Missing", root.string()));
    std::filesystem::remove_all(root);
}

TEST(Rfc3339, ParsesOffsetsIntoUtc) {
    const auto t = parse_rfc3339("2026-12-06T09:00:00+08:00");
    ASSERT_TRUE(t);
    EXPECT_EQ(plenary::format_utc(*t), "2026-12-06T01:00:00Z");
    EXPECT_EQ(plenary::format_utc(*parse_rfc3339("2026-12-06T01:00:00Z")), "2026-12-06T01:00:00Z");
    EXPECT_EQ(plenary::format_utc(*parse_rfc3339("2026-12-05T20:30:00-04:30")), "2026-12-06T01:00:00Z");
    EXPECT_EQ(plenary::format_utc(*parse_rfc3339("2026-12-06t01:00:00.123456z")), "2026-12-06T01:00:00Z");
}

TEST(Rfc3339, OffsetCrossesDateAndYearBoundaries) {
    EXPECT_EQ(plenary::canonical_rfc3339("2027-01-01T05:00:00+08:00"), "2026-12-31T21:00:00Z");
    EXPECT_EQ(plenary::canonical_rfc3339("2028-02-29T12:00:00Z"), "2028-02-29T12:00:00Z");
}

TEST(Rfc3339, RefusesMalformedTimes) {
    for (const char* bad : {"", "2026-12-06", "2026-12-06T09:00:00", "2026-12-06 09:00:00Z", "2026-13-01T00:00:00Z",
                            "2026-02-29T00:00:00Z", "2026-12-06T24:00:00Z", "2026-12-06T09:60:00Z",
                            "2026-12-06T09:00:00+0800", "2026-12-06T09:00:00+08:00x", "1969-12-31T23:59:59Z",
                            "2026-12-06T09:00:00.Z", "+2026-12-06T09:00:00Z", "2026-12-06T09:00:00+24:00"}) {
        EXPECT_FALSE(parse_rfc3339(bad)) << bad;
    }
}

// Found by fuzz_json_input: the range was checked on the local wall time,
// so an offset could carry the stored UTC form outside it.
TEST(Rfc3339, RangeHoldsForTheUtcInstant) {
    EXPECT_EQ(plenary::canonical_rfc3339("1970-01-01T00:00:00+01:00"), std::nullopt);
    EXPECT_EQ(plenary::canonical_rfc3339("9999-12-31T23:00:00-01:00"), std::nullopt);
    EXPECT_EQ(plenary::canonical_rfc3339("1970-01-01T00:00:00-01:00"), "1970-01-01T01:00:00Z");
    EXPECT_EQ(plenary::canonical_rfc3339("9999-12-31T23:59:59Z"), "9999-12-31T23:59:59Z");
    EXPECT_EQ(plenary::canonical_rfc3339("1970-01-01T00:00:00Z"), "1970-01-01T00:00:00Z");
}

TEST(Rfc3339, IcsFormIsBasicUtc) {
    EXPECT_EQ(plenary::format_ics_utc(*parse_rfc3339("2026-12-06T09:05:07+08:00")), "20261206T010507Z");
}

}  // namespace
