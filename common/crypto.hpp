// Cryptographic primitives the rest of plenary uses, all on OpenSSL: CSPRNG
// tokens, SHA-256 for storing tokens hashed, scrypt for passwords, and a
// constant-time comparison.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace plenary {

// n bytes from OpenSSL's CSPRNG; throws std::runtime_error if it fails.
std::string random_bytes(std::size_t n);

// base64url without padding.
std::string base64url(std::string_view bytes);
// Its inverse; false on a character outside the alphabet. Trailing bits that
// do not fill a byte are ignored.
bool base64url_decode(std::string_view in, std::string& out);

// A bearer token: prefix + base64url of `bytes` random bytes (>= 16).
std::string make_token(std::string_view prefix, std::size_t bytes = 32);

// Raw 32-byte SHA-256 digest.
std::string sha256(std::string_view data);
// The same digest written to `out` (32 bytes), without an allocation: every
// request hashes its bearer token.
void sha256_into(std::string_view data, unsigned char* out);
std::string to_hex(std::string_view bytes);

bool constant_time_equal(std::string_view a, std::string_view b) noexcept;

struct scrypt_params {
    std::uint64_t n = 1u << 17;  // OWASP: N=2^17, r=8, p=1 (128 MiB)
    std::uint32_t r = 8;
    std::uint32_t p = 1;
};

// "scrypt$N$r$p$<salt b64url>$<hash b64url>". Slow by design: call it off the
// I/O threads.
std::string hash_password(std::string_view password, const scrypt_params& params = {});
bool verify_password(std::string_view password, std::string_view encoded);

}  // namespace plenary
