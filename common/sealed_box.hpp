// Authenticated encryption (AES-256-GCM, OpenSSL) of small blobs under a key
// the server does not keep: used to store idempotent replies so that only the
// client holding the idempotency key can have the stored answer replayed.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace plenary {

// key: 32 bytes. Output: 12-byte random nonce, ciphertext, 16-byte tag.
std::string seal(std::string_view key, std::string_view plaintext);
// nullopt when the box was not sealed under this key or was altered.
std::optional<std::string> unseal(std::string_view key, std::string_view box);

}  // namespace plenary
