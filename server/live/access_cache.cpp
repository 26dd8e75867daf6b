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
    // Built in one allocation: it is made for every request.
    std::string k(32 + 1 + slug.size(), '\n');
    sha256_into(bearer_token, reinterpret_cast<unsigned char*>(k.data()));
    slug.copy(k.data() + 33, slug.size());
    return k;
}

template <class V>
std::optional<V> access_cache::find_in(const table<V>& t, const std::string& key, std::uint64_t generation) const {
    std::lock_guard lock(mutex_);
    const auto it = t.find(key);
    if (it == t.end() || it->second.generation != generation || generation != generation_.load() ||
        it->second.minute != current_minute()) {
        return std::nullopt;
    }
    hits_.fetch_add(1, std::memory_order_relaxed);
    return it->second.value;
}

template <class V>
void access_cache::put_in(table<V>& t, std::string key, V value, std::uint64_t generation) {
    const auto minute = current_minute();
    std::lock_guard lock(mutex_);
    if (generation != generation_.load()) return;  // already outdated
    if (t.size() >= max_entries) t.clear();
    t.insert_or_assign(std::move(key), entry<V>{std::move(value), generation, minute});
}

std::optional<access_cache::grant> access_cache::find(const std::string& key, std::uint64_t generation) const {
    return find_in(grants_, key, generation);
}

void access_cache::put(std::string key, grant g, std::uint64_t generation) {
    put_in(grants_, std::move(key), g, generation);
}

std::optional<db::kiosk_record> access_cache::find_kiosk(const std::string& token_hash,
                                                         std::uint64_t generation) const {
    return find_in(kiosks_, token_hash, generation);
}

void access_cache::put_kiosk(std::string token_hash, db::kiosk_record k, std::uint64_t generation) {
    if (k.revoked_at) return;
    put_in(kiosks_, std::move(token_hash), std::move(k), generation);
}

void access_cache::invalidate() {
    std::lock_guard lock(mutex_);
    generation_.fetch_add(1, std::memory_order_acq_rel);
    grants_.clear();
    kiosks_.clear();
}

}  // namespace plenary::server::live
