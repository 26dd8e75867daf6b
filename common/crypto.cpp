// OpenSSL-backed implementation of common/crypto.hpp.
#include "common/crypto.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#include <array>
#include <charconv>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

namespace plenary {

namespace {

constexpr char b64url_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int b64url_value(char c) noexcept {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}

std::string derive(std::string_view password, std::string_view salt, const scrypt_params& params, std::size_t length) {
    EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "SCRYPT", nullptr);
    if (!kdf) throw std::runtime_error("scrypt is not available in this OpenSSL");
    EVP_KDF_CTX* ctx = EVP_KDF_CTX_new(kdf);
    EVP_KDF_free(kdf);
    if (!ctx) throw std::runtime_error("scrypt context allocation failed");

    std::uint64_t n = params.n;
    std::uint32_t r = params.r;
    std::uint32_t p = params.p;
    std::uint64_t maxmem = 256ull * 1024 * 1024;  // N=2^17, r=8 needs 128 MiB
    OSSL_PARAM ps[] = {
        OSSL_PARAM_construct_octet_string("pass", const_cast<char*>(password.data()), password.size()),
        OSSL_PARAM_construct_octet_string("salt", const_cast<char*>(salt.data()), salt.size()),
        OSSL_PARAM_construct_uint64("n", &n),
        OSSL_PARAM_construct_uint32("r", &r),
        OSSL_PARAM_construct_uint32("p", &p),
        OSSL_PARAM_construct_uint64("maxmem_bytes", &maxmem),
        OSSL_PARAM_construct_end(),
    };
    std::string out(length, '\0');
    const int ok = EVP_KDF_derive(ctx, reinterpret_cast<unsigned char*>(out.data()), out.size(), ps);
    EVP_KDF_CTX_free(ctx);
    if (ok != 1) throw std::runtime_error("scrypt derivation failed");
    return out;
}

template <class T>
bool parse_number(std::string_view s, T& out) {
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && ptr == s.data() + s.size();
}

}  // namespace

namespace {

void draw_random(unsigned char* out, std::size_t n) {
    if (n > 0 && RAND_bytes(out, static_cast<int>(n)) != 1) throw std::runtime_error("CSPRNG failure");
}

// RAND_bytes costs about a microsecond a call however few bytes it returns
// (OpenSSL 3 asks the kernel for the pid, finds its parameters by name and
// takes a lock), and a registration asks twice (ticket code, manage token)
// inside the one SQLite writer. So each thread draws a block at once and
// hands it out in order.
// Bytes handed out are wiped from the block, so it never holds a copy of a
// token already issued. plenary never forks, so no two processes can hand
// out the same block.
class random_pool {
public:
    random_pool() = default;
    random_pool(const random_pool&) = delete;
    random_pool& operator=(const random_pool&) = delete;
    ~random_pool() { OPENSSL_cleanse(block_.data(), block_.size()); }

    void take(unsigned char* out, std::size_t n) {
        if (n > block_.size() / 2) return draw_random(out, n);
        if (n > block_.size() - next_) {
            draw_random(block_.data(), block_.size());
            next_ = 0;
        }
        std::memcpy(out, block_.data() + next_, n);
        OPENSSL_cleanse(block_.data() + next_, n);
        next_ += n;
    }

private:
    std::array<unsigned char, 512> block_{};
    std::size_t next_ = block_.size();
};

}  // namespace

std::string random_bytes(std::size_t n) {
    thread_local random_pool pool;
    std::string out(n, '\0');
    pool.take(reinterpret_cast<unsigned char*>(out.data()), n);
    return out;
}

std::string base64url(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() * 4 + 2) / 3);
    std::uint32_t acc = 0;
    int bits = 0;
    for (unsigned char c : bytes) {
        acc = (acc << 8) | c;
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out.push_back(b64url_chars[(acc >> bits) & 0x3F]);
        }
    }
    if (bits > 0) out.push_back(b64url_chars[(acc << (6 - bits)) & 0x3F]);
    return out;
}

bool base64url_decode(std::string_view in, std::string& out) {
    out.clear();
    out.reserve(in.size() * 3 / 4);
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : in) {
        const int v = b64url_value(c);
        if (v < 0) return false;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xFF));
        }
    }
    return true;
}

std::string make_token(std::string_view prefix, std::size_t bytes) {
    if (bytes < 16) throw std::invalid_argument("tokens carry at least 128 random bits");
    return std::string(prefix) + base64url(random_bytes(bytes));
}

namespace {

// EVP_sha256() makes OpenSSL 3 look the algorithm up by name on every digest;
// under wrk that lookup was two thirds of hashing a bearer token. Fetched once
// here. Deliberately never freed: threads may still hash while the process
// exits, and the handle is reachable, so leak checkers do not count it.
const EVP_MD* sha256_algorithm() {
    static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (md == nullptr) throw std::runtime_error("SHA-256 is not available");
    return md;
}

}  // namespace

void sha256_into(std::string_view data, unsigned char* out) {
    // One context per thread, reset by each init: EVP_Digest allocates and
    // frees a context and the algorithm's state on every call.
    struct context_deleter {
        void operator()(EVP_MD_CTX* ctx) const noexcept { EVP_MD_CTX_free(ctx); }
    };
    thread_local const std::unique_ptr<EVP_MD_CTX, context_deleter> ctx(EVP_MD_CTX_new());
    unsigned int len = 0;
    if (!ctx || EVP_DigestInit_ex2(ctx.get(), sha256_algorithm(), nullptr) != 1 ||
        EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1 || EVP_DigestFinal_ex(ctx.get(), out, &len) != 1 ||
        len != 32) {
        throw std::runtime_error("SHA-256 failed");
    }
}

std::string sha256(std::string_view data) {
    std::string out(32, '\0');
    sha256_into(data, reinterpret_cast<unsigned char*>(out.data()));
    return out;
}

std::string to_hex(std::string_view bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 0xF]);
    }
    return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string hash_password(std::string_view password, const scrypt_params& params) {
    const auto salt = random_bytes(16);
    const auto hash = derive(password, salt, params, 32);
    return "scrypt$" + std::to_string(params.n) + "$" + std::to_string(params.r) + "$" + std::to_string(params.p) +
           "$" + base64url(salt) + "$" + base64url(hash);
}

bool verify_password(std::string_view password, std::string_view encoded) {
    std::vector<std::string_view> parts;
    std::size_t pos = 0;
    while (parts.size() < 6) {
        const auto next = encoded.find('$', pos);
        parts.push_back(encoded.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos));
        if (next == std::string_view::npos) break;
        pos = next + 1;
    }
    scrypt_params params;
    std::string salt;
    std::string expected;
    if (parts.size() != 6 || parts[0] != "scrypt" || !parse_number(parts[1], params.n) ||
        !parse_number(parts[2], params.r) || !parse_number(parts[3], params.p) || !base64url_decode(parts[4], salt) ||
        !base64url_decode(parts[5], expected) || expected.empty()) {
        return false;
    }
    // Bounds keep a tampered hash from asking for unbounded memory or time.
    if (params.n < 2 || params.n > (1u << 20) || params.r == 0 || params.r > 16 || params.p == 0 || params.p > 4) {
        return false;
    }
    return constant_time_equal(derive(password, salt, params, expected.size()), expected);
}

}  // namespace plenary
