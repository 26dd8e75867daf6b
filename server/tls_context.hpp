// The server's OpenSSL context, configured per Mozilla's "intermediate"
// profile: TLS 1.2 and 1.3 only, forward-secret AEAD ciphers, X25519/P-256,
// no compression or renegotiation, and a session cache plus tickets so a
// returning client can resume instead of paying for a full handshake.
#pragma once

#include <boost/asio/ssl/context.hpp>

#include <string>

namespace plenary::server {

// Throws std::runtime_error naming the file when the chain or key can not be
// loaded or do not belong together.
boost::asio::ssl::context make_tls_context(const std::string& cert_file, const std::string& key_file);

}  // namespace plenary::server
