// Sliding-window failure counts with least-recently-failed eviction.
#include "server/auth/failure_counter.hpp"

#include <algorithm>
#include <stdexcept>

namespace plenary::server::auth {

failure_counter::failure_counter(std::size_t limit, clock::duration window, std::size_t capacity)
    : limit_(limit), window_(window), capacity_(capacity) {
    if (limit_ == 0 || capacity_ == 0 || window_ <= clock::duration::zero()) {
        throw std::invalid_argument("failure_counter: limit, window and capacity must be positive");
    }
}

std::chrono::seconds failure_counter::retry_after(const std::string& key, clock::time_point now) const {
    const auto it = entries_.find(key);
    if (it == entries_.end()) return std::chrono::seconds(0);
    const auto& failures = it->second.failures;
    const auto recent =
        std::count_if(failures.begin(), failures.end(), [&](clock::time_point t) { return now - t < window_; });
    if (static_cast<std::size_t>(recent) < limit_) return std::chrono::seconds(0);
    // Only limit_ times are kept, so all are recent here: the oldest leaving
    // the window lets one more attempt in.
    const auto wait = failures.front() + window_ - now;
    const auto secs = std::chrono::ceil<std::chrono::seconds>(wait);
    return std::max(secs, std::chrono::seconds(1));
}

void failure_counter::add(const std::string& key, clock::time_point now) {
    auto it = entries_.find(key);
    if (it == entries_.end()) {
        if (entries_.size() >= capacity_) {
            entries_.erase(order_.front());
            order_.pop_front();
        }
        order_.push_back(key);
        it = entries_.emplace(key, entry{{}, std::prev(order_.end())}).first;
    } else {
        order_.splice(order_.end(), order_, it->second.position);
    }
    auto& failures = it->second.failures;
    if (failures.size() >= limit_) failures.erase(failures.begin());
    failures.push_back(now);
}

void failure_counter::clear(const std::string& key) {
    const auto it = entries_.find(key);
    if (it == entries_.end()) return;
    order_.erase(it->second.position);
    entries_.erase(it);
}

}  // namespace plenary::server::auth
