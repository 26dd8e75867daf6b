// Implementation of common/ordered_key.hpp.
#include "common/ordered_key.hpp"

#include "common/crypto.hpp"

#include <cstddef>

namespace plenary {

namespace {

constexpr std::size_t clock_bytes = 8;
constexpr std::size_t random_part = 32;

// 2025-01-01T00:00:00Z: nothing plenary issued is older.
constexpr std::chrono::sys_days clock_epoch{std::chrono::year{2025} / std::chrono::January / 1};

std::string big_endian(std::uint64_t v) {
    std::string out(clock_bytes, '\0');
    for (std::size_t i = 0; i < clock_bytes; ++i) {
        out[clock_bytes - 1 - i] = static_cast<char>(v & 0xFF);
        v >>= 8;
    }
    return out;
}

}  // namespace

std::uint64_t issue_clock_ms(issue_time t) noexcept {
    const auto since = std::chrono::duration_cast<std::chrono::milliseconds>(t - clock_epoch).count();
    return since < 0 ? 0 : static_cast<std::uint64_t>(since);
}

std::string make_ordered_token(std::string_view prefix, issue_time t) {
    return std::string(prefix).append(base64url(big_endian(issue_clock_ms(t)).append(random_bytes(random_part))));
}

std::string ordered_token_key(std::string_view prefix, std::string_view token) {
    std::string payload;
    const bool ordered = token.starts_with(prefix) && base64url_decode(token.substr(prefix.size()), payload) &&
                         payload.size() == clock_bytes + random_part;
    if (!ordered) return sha256(token);
    return payload.substr(0, clock_bytes).append(sha256(token));
}

}  // namespace plenary
