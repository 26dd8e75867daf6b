// Sign-in throttling: sliding windows, Retry-After arithmetic, per-account
// resets that leave the address count alone, and the memory bound.
#include "server/auth/failure_counter.hpp"
#include "server/auth/login_throttle.hpp"

#include <gtest/gtest.h>

#include <string>

namespace plenary::server::auth {
namespace {

using namespace std::chrono_literals;
using clock = failure_counter::clock;

TEST(AuthFailureCounter, BlocksAtTheLimitUntilTheOldestFailureLeavesTheWindow) {
    failure_counter counter(3, 60s, 100);
    const auto t0 = clock::time_point{} + 1000s;
    counter.add("a", t0);
    counter.add("a", t0 + 10s);
    EXPECT_EQ(counter.retry_after("a", t0 + 10s), 0s);
    counter.add("a", t0 + 20s);
    EXPECT_EQ(counter.retry_after("a", t0 + 20s), 40s);
    EXPECT_EQ(counter.retry_after("a", t0 + 59500ms), 1s) << "rounded up, never 0 while blocked";
    EXPECT_EQ(counter.retry_after("a", t0 + 60s), 0s);
    EXPECT_EQ(counter.retry_after("b", t0 + 20s), 0s);

    // A further failure after the window opened blocks again until the next oldest leaves.
    counter.add("a", t0 + 61s);
    EXPECT_EQ(counter.retry_after("a", t0 + 61s), 9s);
}

TEST(AuthFailureCounter, ForgetsTheLeastRecentlyFailedKeyPastCapacity) {
    failure_counter counter(1, 60s, 2);
    const auto t0 = clock::time_point{} + 1000s;
    counter.add("a", t0);
    counter.add("b", t0 + 1s);
    counter.add("a", t0 + 2s);  // "a" is now the most recent
    counter.add("c", t0 + 3s);  // evicts "b"
    EXPECT_EQ(counter.size(), 2u);
    EXPECT_GT(counter.retry_after("a", t0 + 3s), 0s);
    EXPECT_EQ(counter.retry_after("b", t0 + 3s), 0s);
    EXPECT_GT(counter.retry_after("c", t0 + 3s), 0s);
    for (int i = 0; i < 1000; ++i) counter.add(std::string("k").append(std::to_string(i)), t0 + 4s);
    EXPECT_EQ(counter.size(), 2u);
}

TEST(AuthFailureCounter, RefusesNonsenseLimits) {
    EXPECT_THROW(failure_counter(0, 60s, 1), std::invalid_argument);
    EXPECT_THROW(failure_counter(1, 0s, 1), std::invalid_argument);
    EXPECT_THROW(failure_counter(1, 60s, 0), std::invalid_argument);
}

TEST(AuthLoginThrottle, AccountsCountCaseInsensitivelyAndSuccessResetsOnlyTheAccount) {
    login_throttle throttle({.account_limit = 2, .address_limit = 3, .window = 900s, .capacity = 100});
    const auto t0 = clock::time_point{} + 1000s;
    throttle.record_failure("Org@Example.org", "10.0.0.1", t0);
    throttle.record_failure("org@example.org", "10.0.0.1", t0 + 1s);
    EXPECT_EQ(throttle.retry_after("ORG@EXAMPLE.ORG", "10.0.0.2", t0 + 1s), 899s);
    EXPECT_EQ(throttle.retry_after("x@example.org", "10.0.0.1", t0 + 1s), 0s);

    throttle.record_success("org@example.org");
    EXPECT_EQ(throttle.retry_after("org@example.org", "10.0.0.2", t0 + 2s), 0s);
    throttle.record_failure("y@example.org", "10.0.0.1", t0 + 2s);
    EXPECT_EQ(throttle.retry_after("z@example.org", "10.0.0.1", t0 + 2s), 898s) << "address limit of 3 reached";
    EXPECT_EQ(throttle.retry_after("z@example.org", "10.0.0.9", t0 + 2s), 0s);
}

}  // namespace
}  // namespace plenary::server::auth
