// Per-client request rate limiting: a token bucket for each key (a client
// address), shared by all I/O threads, in bounded memory however many
// addresses a flood comes from.
#pragma once

#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace plenary {

class rate_limiter {
public:
    using clock = std::chrono::steady_clock;

    struct options {
        double per_second = 10;        // refill rate, tokens per second (> 0)
        double burst = 1000;           // bucket size, and what a new key starts with (>= 1)
        std::size_t capacity = 10000;  // keys remembered (>= 1)
    };

    // Throws std::invalid_argument for options outside the ranges above.
    explicit rate_limiter(options o);

    // std::chrono::seconds{0} when allowed (a token is taken), else whole
    // seconds (>= 1) until a token is available; nothing taken then.
    std::chrono::seconds acquire(std::string_view key, clock::time_point now = clock::now());

    // Keys currently remembered (for tests and metrics).
    std::size_t size() const;

private:
    struct bucket {
        std::string key;
        double tokens;
        clock::time_point updated;
    };
    // Most recently used at the front.
    using lru_list = std::list<bucket>;

    void refill(bucket& b, clock::time_point now) const noexcept;
    void drop_full_tail(clock::time_point now);
    lru_list::iterator find_or_insert(std::string_view key, clock::time_point now);

    const options options_;
    mutable std::mutex mutex_;
    lru_list buckets_;
    // Views into the keys stored in buckets_: list nodes never move, so the
    // views stay valid until their node is erased, and a lookup allocates nothing.
    std::unordered_map<std::string_view, lru_list::iterator> index_;
};

}  // namespace plenary
