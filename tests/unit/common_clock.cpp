// format_rfc3339_utc against the C library's own calendar (gmtime_r and
// strftime) over instants that cross days, months, leap days, centuries and
// the epoch in both directions.
#include "common/clock.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <ctime>
#include <random>
#include <string>

using namespace plenary;

namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;

system_clock::time_point at_ms(std::int64_t ms) {
    return system_clock::time_point{std::chrono::duration_cast<system_clock::duration>(milliseconds{ms})};
}

std::string reference(std::int64_t ms) {
    std::int64_t secs = ms / 1000;
    std::int64_t millis = ms % 1000;
    if (millis < 0) {
        millis += 1000;
        --secs;
    }
    const auto t = static_cast<std::time_t>(secs);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
    char out[48];
    std::snprintf(out, sizeof out, "%s.%03dZ", date, static_cast<int>(millis));
    return out;
}

}  // namespace

TEST(Clock, KnownInstants) {
    EXPECT_EQ(format_rfc3339_utc(at_ms(0)), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(format_rfc3339_utc(at_ms(-1)), "1969-12-31T23:59:59.999Z");
    EXPECT_EQ(format_rfc3339_utc(at_ms(951782400000)), "2000-02-29T00:00:00.000Z");
    EXPECT_EQ(format_rfc3339_utc(at_ms(1795362645123)), "2026-11-22T15:50:45.123Z");
    EXPECT_EQ(format_rfc3339_utc(at_ms(4107542399999)), "2100-02-28T23:59:59.999Z");
    EXPECT_EQ(format_rfc3339_utc(at_ms(4107542400000)), "2100-03-01T00:00:00.000Z");
}

TEST(Clock, AgreesWithTheCLibraryFrom1900To2260) {
    // system_clock counts nanoseconds in 64 bits here: about 1678 to 2262.
    std::mt19937_64 rng(20261125);
    constexpr std::int64_t from = -2208988800000;  // 1900-01-01
    constexpr std::int64_t to = 9151488000000;     // 2260-01-01
    std::uniform_int_distribution<std::int64_t> pick(from, to);
    for (int i = 0; i < 200000; ++i) {
        const auto ms = pick(rng);
        ASSERT_EQ(format_rfc3339_utc(at_ms(ms)), reference(ms)) << ms;
    }
    // Every day's last and first millisecond over four years with a leap day.
    for (std::int64_t day = 10957; day < 10957 + 4 * 366; ++day) {  // from 2000-01-01
        const auto ms = day * 86400000;
        ASSERT_EQ(format_rfc3339_utc(at_ms(ms)), reference(ms)) << ms;
        ASSERT_EQ(format_rfc3339_utc(at_ms(ms - 1)), reference(ms - 1)) << ms;
    }
}

TEST(Clock, KeepsMillisecondsAndDropsFinerDigits) {
    const auto t = at_ms(1795362645123) + std::chrono::microseconds{999};
    EXPECT_EQ(format_rfc3339_utc(t), "2026-11-22T15:50:45.123Z");
}
