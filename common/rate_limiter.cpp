// Implementation of common/rate_limiter.hpp.
#include "common/rate_limiter.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace plenary {

namespace {

// Longest wait ever reported; keeps the double-to-integer conversion defined
// for a very slow refill rate.
constexpr double max_wait_seconds = 86400.0 * 365;

// How many least recently used buckets each call looks at for dropping.
// Two per call outruns the one a new key can add, so idle keys drain.
constexpr int tail_checks = 2;

rate_limiter::options checked(rate_limiter::options o) {
    if (!(o.per_second > 0) || !std::isfinite(o.per_second)) {
        throw std::invalid_argument("rate_limiter: per_second must be positive");
    }
    if (!(o.burst >= 1) || !std::isfinite(o.burst)) throw std::invalid_argument("rate_limiter: burst must be >= 1");
    if (o.capacity == 0) throw std::invalid_argument("rate_limiter: capacity must be >= 1");
    return o;
}

}  // namespace

rate_limiter::rate_limiter(options o) : options_(checked(o)) {}

void rate_limiter::refill(bucket& b, clock::time_point now) const noexcept {
    // `now` is read before the lock is taken, so a caller that lost the race
    // can arrive with a time before the last update: that adds nothing, and
    // must not move the bucket's clock backwards either.
    if (now <= b.updated) return;
    const std::chrono::duration<double> elapsed = now - b.updated;
    b.tokens = std::min(options_.burst, b.tokens + elapsed.count() * options_.per_second);
    b.updated = now;
}

void rate_limiter::drop_full_tail(clock::time_point now) {
    // A bucket that has refilled to full is the same as no bucket at all, so
    // forgetting it changes no answer and frees its memory early.
    for (int i = 0; i < tail_checks && !buckets_.empty(); ++i) {
        auto& last = buckets_.back();
        refill(last, now);
        if (last.tokens < options_.burst) return;
        index_.erase(last.key);
        buckets_.pop_back();
    }
}

rate_limiter::lru_list::iterator rate_limiter::find_or_insert(std::string_view key, clock::time_point now) {
    if (const auto found = index_.find(key); found != index_.end()) {
        buckets_.splice(buckets_.begin(), buckets_, found->second);
        return found->second;
    }
    if (buckets_.size() >= options_.capacity) {
        index_.erase(buckets_.back().key);
        buckets_.pop_back();
    }
    buckets_.push_front(bucket{std::string(key), options_.burst, now});
    try {
        index_.emplace(buckets_.front().key, buckets_.begin());
    } catch (...) {
        buckets_.pop_front();  // an unindexed bucket could never be found or counted right
        throw;
    }
    return buckets_.begin();
}

std::chrono::seconds rate_limiter::acquire(std::string_view key, clock::time_point now) {
    const std::lock_guard lock(mutex_);
    drop_full_tail(now);
    auto& b = *find_or_insert(key, now);
    refill(b, now);
    if (b.tokens >= 1) {
        b.tokens -= 1;
        return std::chrono::seconds{0};
    }
    double wait = std::ceil((1 - b.tokens) / options_.per_second);
    // Rounding can leave the refill after `wait` a hair short of a token;
    // a client that waits as told must then get one.
    if (b.tokens + wait * options_.per_second < 1) wait += 1;
    return std::chrono::seconds{static_cast<std::chrono::seconds::rep>(std::clamp(wait, 1.0, max_wait_seconds))};
}

std::size_t rate_limiter::size() const {
    const std::lock_guard lock(mutex_);
    return buckets_.size();
}

}  // namespace plenary
