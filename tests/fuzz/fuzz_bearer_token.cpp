// Fuzz target for common/ordered_key and base64url (common/crypto).
//
// Every manage token an attendee's browser sends goes through
// ordered_token_key before any lookup, so any bytes reach it. Checked for
// every input:
//  - the key is SHA-256 of the input (32 bytes), or, exactly when the input
//    is "pm_" followed by the base64url of 40 bytes, those bytes' first 8
//    followed by SHA-256 of the input (40 bytes);
//  - base64url_decode agrees with a slow reference decoder, and anything it
//    accepts re-encodes to a prefix-equal string (trailing bits aside);
//  - base64url of the input decodes back to the input;
//  - two issue times read from the input give tokens whose keys sort in the
//    order of the times (at millisecond resolution, from 2025 on).
// Any failed check aborts, which libFuzzer reports as a crash.
#include "common/crypto.hpp"
#include "common/ordered_key.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view prefix = "pm_";

void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "fuzz_bearer_token: invariant failed: %s\n", what);
    std::abort();
}

// RFC 4648 section 5, unpadded, written for clarity rather than speed.
std::optional<std::string> reference_decode(std::string_view in) {
    const std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string bits;
    for (char c : in) {
        const auto v = alphabet.find(c);
        if (v == std::string_view::npos) return std::nullopt;
        for (int b = 5; b >= 0; --b) bits.push_back(((v >> b) & 1) != 0 ? '1' : '0');
    }
    std::string out;
    for (std::size_t i = 0; i + 8 <= bits.size(); i += 8) {
        unsigned byte = 0;
        for (std::size_t b = i; b < i + 8; ++b) byte = (byte << 1) | (bits[b] == '1' ? 1U : 0U);
        out.push_back(static_cast<char>(byte));
    }
    return out;
}

void check_key(std::string_view input) {
    const auto key = plenary::ordered_token_key(prefix, input);
    const auto digest = plenary::sha256(input);
    std::optional<std::string> payload;
    if (input.starts_with(prefix)) payload = reference_decode(input.substr(prefix.size()));
    if (payload && payload->size() == 40) {
        require(key.size() == 40, "an ordered token's key has 40 bytes");
        require(key.substr(0, 8) == payload->substr(0, 8), "the key starts with the token's clock bytes");
        require(key.substr(8) == digest, "the key ends with the token's SHA-256");
    } else {
        require(key == digest, "any other token's key is its SHA-256");
    }
}

void check_base64url(std::string_view input) {
    std::string decoded;
    const bool ok = plenary::base64url_decode(input, decoded);
    const auto reference = reference_decode(input);
    require(ok == reference.has_value(), "decode accepts exactly the alphabet");
    if (ok) {
        require(decoded == *reference, "decode agrees with the reference");
        // Encoding again gives the input back, except that a last character
        // whose bits make no whole byte is dropped (length % 4 == 1) or
        // loses its unused low bits (length % 4 == 2 or 3).
        const auto again = plenary::base64url(decoded);
        const std::size_t kept = input.size() - (input.size() % 4 == 1 ? 1 : 0);
        require(again.size() == kept, "re-encoding keeps every character that carries a whole byte");
        if (input.size() % 4 == 0) require(again == input, "a whole-quantum input re-encodes to itself");
        if (kept > 0) {
            require(again.substr(0, kept - 1) == input.substr(0, kept - 1), "re-encoding changes at most the last");
        }
    }
    std::string round;
    require(plenary::base64url_decode(plenary::base64url(input), round) && round == input,
            "base64url decodes back to its input");
}

std::uint64_t read_u64(std::string_view in, std::size_t at) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(at + i < in.size() ? in[at + i] : 0);
    return v;
}

void check_order(std::string_view input) {
    using namespace std::chrono;
    const sys_days epoch{year{2025} / January / 1};
    // Up to about 35 years after the epoch, so the clock stays in range.
    const auto a = epoch + milliseconds(read_u64(input, 0) % (1ULL << 40));
    const auto b = epoch + milliseconds(read_u64(input, 8) % (1ULL << 40));
    const auto key_a = plenary::ordered_token_key(prefix, plenary::make_ordered_token(prefix, a));
    const auto key_b = plenary::ordered_token_key(prefix, plenary::make_ordered_token(prefix, b));
    require(key_a.size() == 40 && key_b.size() == 40, "a made token is an ordered token");
    if (a < b) require(key_a < key_b, "a token issued earlier has the smaller key");
    if (b < a) require(key_b < key_a, "a token issued later has the larger key");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    check_key(input);
    check_base64url(input);
    check_order(input);
    return 0;
}
