// Tests for common/ordered_key: tokens whose stored keys sort by issue time,
// and tokens issued before that still finding their rows.
#include "common/ordered_key.hpp"

#include "common/crypto.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>

using namespace plenary;
using namespace std::chrono;

namespace {
const sys_days epoch{year{2025} / January / 1};
}  // namespace

TEST(OrderedKey, TheClockCountsMillisecondsFrom2025) {
    EXPECT_EQ(issue_clock_ms(epoch), 0U);
    EXPECT_EQ(issue_clock_ms(epoch + milliseconds(5)), 5U);
    EXPECT_EQ(issue_clock_ms(epoch + days(1)), 86'400'000U);
    EXPECT_EQ(issue_clock_ms(epoch - seconds(1)), 0U);
}

TEST(OrderedKey, TokensCarryThePrefixAndAreDistinct) {
    std::set<std::string> tokens;
    for (int i = 0; i < 200; ++i) {
        const auto token = make_ordered_token("pm_", epoch + hours(1));
        EXPECT_TRUE(token.starts_with("pm_")) << token;
        EXPECT_EQ(token.size(), 3U + 54U);  // 40 bytes in base64url
        tokens.insert(token);
    }
    EXPECT_EQ(tokens.size(), 200U);
}

TEST(OrderedKey, TheKeyIsTheClockThenTheTokensDigest) {
    const auto token = make_ordered_token("pm_", epoch + milliseconds(0x0102030405LL));
    const auto key = ordered_token_key("pm_", token);
    ASSERT_EQ(key.size(), 40U);
    EXPECT_EQ(key.substr(0, 8), std::string("\0\0\0\x01\x02\x03\x04\x05", 8));
    EXPECT_EQ(key.substr(8), sha256(token));
}

TEST(OrderedKey, KeysSortByIssueTimeWhateverTheRandomPart) {
    const auto start = sys_days{year{2026} / November / 24} + hours(9);
    std::string earlier_max;  // the largest key issued at the step before
    for (milliseconds step : std::initializer_list<milliseconds>{milliseconds(0), milliseconds(1), milliseconds(255),
                                                                 milliseconds(256), seconds(3), days(400)}) {
        std::string this_max;
        for (int i = 0; i < 20; ++i) {
            const auto key = ordered_token_key("pm_", make_ordered_token("pm_", start + step));
            EXPECT_LT(earlier_max, key) << "at " << step.count() << " ms";
            this_max = std::max(this_max, key);
        }
        earlier_max = this_max;
    }
}

TEST(OrderedKey, OlderAndForeignTokensAreKeyedByTheirDigestAlone) {
    // Tokens issued before keys carried a clock: prefix + 32 random bytes.
    const auto old_token = make_token("pm_");
    EXPECT_EQ(ordered_token_key("pm_", old_token), sha256(old_token));
    // Another prefix, not base64url, or a payload of another length.
    const auto other = make_ordered_token("pk_", epoch + hours(1));
    EXPECT_EQ(ordered_token_key("pm_", other), sha256(other));
    EXPECT_EQ(ordered_token_key("pm_", "pm_not*base64"), sha256("pm_not*base64"));
    const auto longer = make_token("pm_", 41);
    EXPECT_EQ(ordered_token_key("pm_", longer), sha256(longer));
    EXPECT_EQ(ordered_token_key("pm_", ""), sha256(""));
}
