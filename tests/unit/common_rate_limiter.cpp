// Tests for common/rate_limiter: token buckets per key, the waits it
// reports, and the bound on memory. Time is passed in; nothing sleeps.
#include "common/rate_limiter.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <limits>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace plenary;
using namespace std::chrono_literals;

namespace {
const rate_limiter::clock::time_point t0{std::chrono::hours(1000)};

int allowed(rate_limiter& limiter, std::string_view key, int attempts, rate_limiter::clock::time_point now) {
    int n = 0;
    for (int i = 0; i < attempts; ++i) n += limiter.acquire(key, now) == 0s ? 1 : 0;
    return n;
}
}  // namespace

TEST(RateLimiter, AllowsBurstThenRefusesWithWait) {
    rate_limiter limiter({.per_second = 1, .burst = 5, .capacity = 100});
    EXPECT_EQ(allowed(limiter, "10.0.0.1", 5, t0), 5);
    EXPECT_EQ(limiter.acquire("10.0.0.1", t0), 1s);
    EXPECT_EQ(limiter.acquire("10.0.0.1", t0), 1s);  // a refusal takes nothing
}

TEST(RateLimiter, RefillsWithTime) {
    rate_limiter limiter({.per_second = 2, .burst = 4, .capacity = 100});
    EXPECT_EQ(allowed(limiter, "a", 10, t0), 4);
    EXPECT_EQ(allowed(limiter, "a", 10, t0 + 500ms), 1);
    EXPECT_EQ(allowed(limiter, "a", 10, t0 + 1500ms), 2);
    // Refill stops at the burst however long the key was idle.
    EXPECT_EQ(allowed(limiter, "a", 10, t0 + 1h), 4);
}

TEST(RateLimiter, WaitIsWholeSecondsRoundedUp) {
    rate_limiter slow({.per_second = 0.25, .burst = 1, .capacity = 10});
    EXPECT_EQ(slow.acquire("k", t0), 0s);
    EXPECT_EQ(slow.acquire("k", t0), 4s);
    EXPECT_EQ(slow.acquire("k", t0 + 1s), 3s);
    EXPECT_EQ(slow.acquire("k", t0 + 3500ms), 1s);
    EXPECT_EQ(slow.acquire("k", t0 + 4s), 0s);

    rate_limiter fast({.per_second = 100, .burst = 1, .capacity = 10});
    EXPECT_EQ(fast.acquire("k", t0), 0s);
    EXPECT_EQ(fast.acquire("k", t0), 1s);  // 10 ms to go is still reported as 1 s
    EXPECT_EQ(fast.acquire("k", t0 + 10ms), 0s);
}

TEST(RateLimiter, ReportedWaitIsEnough) {
    rate_limiter limiter({.per_second = 0.3, .burst = 2, .capacity = 10});
    auto now = t0;
    EXPECT_EQ(allowed(limiter, "k", 2, now), 2);
    for (int i = 0; i < 20; ++i) {
        const auto wait = limiter.acquire("k", now);
        ASSERT_GE(wait, 1s);
        now += wait;
        EXPECT_EQ(limiter.acquire("k", now), 0s) << i;
    }
}

TEST(RateLimiter, KeysAreIndependent) {
    rate_limiter limiter({.per_second = 1, .burst = 2, .capacity = 100});
    EXPECT_EQ(allowed(limiter, "10.0.0.1", 5, t0), 2);
    EXPECT_EQ(allowed(limiter, "10.0.0.2", 5, t0), 2);
    EXPECT_EQ(allowed(limiter, "2001:db8::1", 5, t0), 2);
    EXPECT_EQ(allowed(limiter, "", 5, t0), 2);
}

TEST(RateLimiter, TimeBeforeLastUpdateAddsNothing) {
    rate_limiter limiter({.per_second = 1, .burst = 2, .capacity = 10});
    EXPECT_EQ(allowed(limiter, "k", 2, t0 + 10s), 2);
    EXPECT_EQ(limiter.acquire("k", t0), 1s);  // a late-arriving earlier `now`
    EXPECT_EQ(allowed(limiter, "k", 2, t0 + 11s), 1);
}

TEST(RateLimiter, MemoryIsBoundedByCapacity) {
    rate_limiter limiter({.per_second = 1, .burst = 3, .capacity = 50});
    for (int i = 0; i < 10000; ++i) {
        limiter.acquire("10.0." + std::to_string(i / 256) + "." + std::to_string(i % 256), t0);
        ASSERT_LE(limiter.size(), 50u);
    }
    EXPECT_EQ(limiter.size(), 50u);
}

TEST(RateLimiter, EvictsLeastRecentlyUsed) {
    rate_limiter limiter({.per_second = 0.001, .burst = 1, .capacity = 3});
    EXPECT_EQ(limiter.acquire("a", t0), 0s);
    EXPECT_EQ(limiter.acquire("b", t0), 0s);
    EXPECT_EQ(limiter.acquire("c", t0), 0s);
    EXPECT_GT(limiter.acquire("a", t0), 0s);  // uses "a", so "b" is now the oldest
    EXPECT_EQ(limiter.acquire("d", t0), 0s);  // evicts "b"
    EXPECT_EQ(limiter.size(), 3u);
    EXPECT_GT(limiter.acquire("a", t0), 0s);  // still remembered
    EXPECT_GT(limiter.acquire("c", t0), 0s);
    EXPECT_GT(limiter.acquire("d", t0), 0s);
    EXPECT_EQ(limiter.acquire("b", t0), 0s);  // forgotten, so it starts full again
}

TEST(RateLimiter, ForgetsKeysThatRefilled) {
    rate_limiter limiter({.per_second = 1, .burst = 2, .capacity = 100});
    for (int i = 0; i < 20; ++i) limiter.acquire(std::string("k").append(std::to_string(i)), t0);
    EXPECT_EQ(limiter.size(), 20u);
    // Two seconds on every bucket is full again; each call drops up to two of them.
    for (int i = 0; i < 20; ++i) limiter.acquire("busy", t0 + 2s);
    EXPECT_EQ(limiter.size(), 1u);
    // A forgotten key behaves as a fresh one: the full burst.
    EXPECT_EQ(allowed(limiter, "k0", 5, t0 + 2s), 2);
}

TEST(RateLimiter, DoesNotForgetKeysStillLimited) {
    rate_limiter limiter({.per_second = 1, .burst = 2, .capacity = 100});
    EXPECT_EQ(allowed(limiter, "k", 2, t0), 2);
    for (int i = 0; i < 10; ++i) limiter.acquire("other" + std::to_string(i), t0 + 1s);
    EXPECT_EQ(allowed(limiter, "k", 5, t0 + 1s), 1);
}

TEST(RateLimiter, RejectsBadOptions) {
    EXPECT_THROW(rate_limiter({.per_second = 0}), std::invalid_argument);
    EXPECT_THROW(rate_limiter({.per_second = -1}), std::invalid_argument);
    EXPECT_THROW(rate_limiter({.per_second = std::numeric_limits<double>::quiet_NaN()}), std::invalid_argument);
    EXPECT_THROW(rate_limiter({.per_second = std::numeric_limits<double>::infinity()}), std::invalid_argument);
    EXPECT_THROW(rate_limiter({.burst = 0.5}), std::invalid_argument);
    EXPECT_THROW(rate_limiter({.capacity = 0}), std::invalid_argument);
    EXPECT_NO_THROW(rate_limiter({}));
}

TEST(RateLimiter, CountsExactlyUnderConcurrentUse) {
    // Room for every key, so the shared one is never evicted and its count is exact.
    rate_limiter limiter({.per_second = 1, .burst = 1000, .capacity = 64});
    std::atomic<int> shared_allowed{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 1000; ++i) {
                if (limiter.acquire("shared", t0) == 0s) ++shared_allowed;
                limiter.acquire("own" + std::to_string(t * 8 + i % 8), t0);  // reorders the LRU list
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(shared_allowed.load(), 1000);
    EXPECT_EQ(limiter.size(), 33u);
}
