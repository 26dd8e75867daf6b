// Recent failures per key (an account, an address) in a sliding window, for
// throttling sign-in. Bounded twice: each key keeps at most `limit` times, and
// past `capacity` keys the one whose last failure is oldest is forgotten, so a
// flood of made-up names cannot grow memory. Not thread-safe: the owner locks.
#pragma once

#include <chrono>
#include <cstddef>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace plenary::server::auth {

class failure_counter {
public:
    using clock = std::chrono::steady_clock;

    failure_counter(std::size_t limit, clock::duration window, std::size_t capacity);

    // Whole seconds (at least 1) until `key` may try again, or 0 when it may now.
    std::chrono::seconds retry_after(const std::string& key, clock::time_point now) const;
    void add(const std::string& key, clock::time_point now);
    void clear(const std::string& key);
    std::size_t size() const noexcept { return entries_.size(); }

private:
    struct entry {
        std::vector<clock::time_point> failures;  // oldest first, at most limit_
        std::list<std::string>::iterator position;
    };

    std::size_t limit_;
    clock::duration window_;
    std::size_t capacity_;
    std::unordered_map<std::string, entry> entries_;
    std::list<std::string> order_;  // least recently failed first
};

}  // namespace plenary::server::auth
