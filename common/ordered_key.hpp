// Secrets that also sort by when they were issued. A unique index over purely
// random values sends every insert to a different leaf page: in a batch of
// about 40 registrations, 58 of the 92 pages written to the WAL were the
// ticket-code and manage-token indexes alone. A leading count of
// milliseconds keeps new entries at the right edge of those indexes, where a
// batch shares a page or two; the random rest keeps them unguessable.
// What the prefix gives away is the moment of issue, to its holder.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace plenary {

using issue_time = std::chrono::system_clock::time_point;

// Milliseconds since 2025-01-01T00:00:00Z; 0 for anything earlier.
std::uint64_t issue_clock_ms(issue_time t) noexcept;

// A bearer token: `prefix` + base64url of the 8-byte big-endian issue clock
// followed by 32 bytes (256 bits) from the CSPRNG.
std::string make_ordered_token(std::string_view prefix, issue_time t);

// What the store keeps for a token and finds it by. For a token made by
// make_ordered_token with this prefix: its 8 clock bytes, then SHA-256 of the
// whole token (40 bytes). For any other token, among them those issued before
// tokens carried a clock: SHA-256 alone (32 bytes), so old tokens still work.
std::string ordered_token_key(std::string_view prefix, std::string_view token);

}  // namespace plenary
