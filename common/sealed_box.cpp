// AES-256-GCM through OpenSSL's EVP interface.
#include "common/sealed_box.hpp"

#include "common/crypto.hpp"

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

namespace plenary {

namespace {

constexpr std::size_t nonce_size = 12;
constexpr std::size_t tag_size = 16;
constexpr std::size_t key_size = 32;

struct cipher_ctx_deleter {
    void operator()(EVP_CIPHER_CTX* ctx) const noexcept { EVP_CIPHER_CTX_free(ctx); }
};
using cipher_ctx = std::unique_ptr<EVP_CIPHER_CTX, cipher_ctx_deleter>;

cipher_ctx new_ctx() {
    cipher_ctx ctx(EVP_CIPHER_CTX_new());
    if (!ctx) throw std::runtime_error("EVP_CIPHER_CTX_new failed");
    return ctx;
}

const unsigned char* bytes(std::string_view s) {
    return reinterpret_cast<const unsigned char*>(s.data());
}
unsigned char* bytes(std::string& s, std::size_t offset = 0) {
    return reinterpret_cast<unsigned char*>(s.data()) + offset;
}

void check_key(std::string_view key) {
    if (key.size() != key_size) throw std::invalid_argument("sealed_box: key must be 32 bytes");
}

}  // namespace

std::string seal(std::string_view key, std::string_view plaintext) {
    check_key(key);
    auto out = random_bytes(nonce_size);
    out.resize(nonce_size + plaintext.size() + tag_size);
    auto ctx = new_ctx();
    int len = 0;
    if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(key), bytes(out)) != 1 ||
        EVP_EncryptUpdate(ctx.get(), bytes(out, nonce_size), &len, bytes(plaintext),
                          static_cast<int>(plaintext.size())) != 1 ||
        EVP_EncryptFinal_ex(ctx.get(), bytes(out, nonce_size + static_cast<std::size_t>(len)), &len) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, tag_size, bytes(out, nonce_size + plaintext.size())) !=
            1) {
        throw std::runtime_error("AES-GCM encryption failed");
    }
    return out;
}

std::optional<std::string> unseal(std::string_view key, std::string_view box) {
    check_key(key);
    if (box.size() < nonce_size + tag_size) return std::nullopt;
    const auto cipher = box.substr(nonce_size, box.size() - nonce_size - tag_size);
    std::string tag(box.substr(box.size() - tag_size));
    std::string out(cipher.size(), '\0');
    auto ctx = new_ctx();
    int len = 0;
    if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, bytes(key), bytes(box)) != 1 ||
        EVP_DecryptUpdate(ctx.get(), bytes(out), &len, bytes(cipher), static_cast<int>(cipher.size())) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, tag_size, tag.data()) != 1) {
        return std::nullopt;
    }
    int final_len = 0;
    if (EVP_DecryptFinal_ex(ctx.get(), bytes(out, static_cast<std::size_t>(len)), &final_len) != 1) return std::nullopt;
    return out;
}

}  // namespace plenary
