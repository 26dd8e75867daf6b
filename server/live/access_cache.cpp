// Generation-checked access cache; see access_cache.hpp.
#include "server/live/access_cache.hpp"

#include "common/crypto.hpp"

#include <chrono>

namespace plenary::server::live {

namespace {

std::int64_t current_minute() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return std::chrono::duration_cast<std::chrono::minutes>(now).count();
}

}  // namespace

std::string access_cache::key(std::string_view bearer_token, std::string_view slug) {
    return sha256(bearer_token).append(1, '\n').append(slug);
}

std::optional<access_cache::grant> access_cache::find(const std::string& key, std::uint64_t generation) const {
    std::lock_guard lock(mutex_);
    const auto it = entries_.find(key);
    if (it == entries_.end() || it->second.generation != generation || generation != generation_.load() ||
        it->second.minute != current_minute()) {
        return std::nullopt;
    }
    hits_.fetch_add(1, std::memory_order_relaxed);
    return it->second.value;
}

void access_cache::put(std::string key, grant g, std::uint64_t generation) {
    const auto minute = current_minute();
    std::lock_guard lock(mutex_);
    if (generation != generation_.load()) return;  // already outdated
    if (entries_.size() >= max_entries) entries_.clear();
    entries_.insert_or_assign(std::move(key), entry{g, generation, minute});
}

void access_cache::invalidate() {
    std::lock_guard lock(mutex_);
    generation_.fetch_add(1, std::memory_order_acq_rel);
    entries_.clear();
}

}  // namespace plenary::server::live
