// Who may read which event's live counts, remembered per bearer token and
// event slug, so `GET /stats` and the `/live` handshake answer from memory
// instead of two trips to the reader pool; and which kiosk a device token
// belongs to, so a check-in at the door goes straight to the writer instead
// of waiting for a reader first. Correctness rests on a generation
// number: the feed bumps it after every COMMIT that changed an access-bearing
// row (a user's role, a token or kiosk issued or revoked, staff added or
// removed, an event's slug or status, an event deleted), before the writing
// request is answered. An entry only counts under the generation read before
// its lookup began, so a lookup that raced a revocation is never served.
// Entries also lapse at each new minute, which keeps the once-a-minute
// `last_used_at` refresh of API tokens working.
#pragma once

#include "db/checkins.hpp"

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace plenary::server::live {

class access_cache {
public:
    struct grant {
        std::int64_t event_id = 0;
        bool organizer = false;  // else a kiosk
    };

    // Past this many entries the cache starts again from empty.
    static constexpr std::size_t max_entries = 16384;

    // A key that holds a digest of the token, never the token itself.
    static std::string key(std::string_view bearer_token, std::string_view slug);

    std::uint64_t generation() const noexcept { return generation_.load(std::memory_order_acquire); }
    // Valid when stored under `generation` (read before the lookup) in this minute.
    std::optional<grant> find(const std::string& key, std::uint64_t generation) const;
    void put(std::string key, grant g, std::uint64_t generation);
    // The same for kiosks, keyed by the SHA-256 of the device token. Only
    // kiosks that were not revoked are stored; last_seen_at may lag.
    std::optional<db::kiosk_record> find_kiosk(const std::string& token_hash, std::uint64_t generation) const;
    void put_kiosk(std::string token_hash, db::kiosk_record k, std::uint64_t generation);
    // After an access-bearing change commits: nothing stored so far counts.
    void invalidate();

    std::uint64_t hits() const noexcept { return hits_.load(std::memory_order_relaxed); }

private:
    template <class V>
    struct entry {
        V value;
        std::uint64_t generation = 0;
        std::int64_t minute = 0;
    };
    template <class V>
    using table = std::unordered_map<std::string, entry<V>>;

    template <class V>
    std::optional<V> find_in(const table<V>& t, const std::string& key, std::uint64_t generation) const;
    template <class V>
    void put_in(table<V>& t, std::string key, V value, std::uint64_t generation);

    std::atomic<std::uint64_t> generation_{1};
    mutable std::atomic<std::uint64_t> hits_{0};
    mutable std::mutex mutex_;
    table<grant> grants_;
    table<db::kiosk_record> kiosks_;
};

}  // namespace plenary::server::live
