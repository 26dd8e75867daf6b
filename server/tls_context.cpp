// OpenSSL server context setup; see tls_context.hpp for the profile.
#include "server/tls_context.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <stdexcept>

namespace plenary::server {

namespace {

namespace ssl = boost::asio::ssl;

// TLS 1.2 only; TLS 1.3 suites are OpenSSL's defaults, which are all AEAD.
constexpr const char* tls12_ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

constexpr unsigned char session_id_context[] = "plenary";

std::string openssl_reason() {
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0) return "unknown OpenSSL error";
    char buf[256];
    ERR_error_string_n(code, buf, sizeof buf);
    return buf;
}

void require(bool ok, const std::string& what) {
    if (!ok) throw std::runtime_error(what + ": " + openssl_reason());
}

}  // namespace

ssl::context make_tls_context(const std::string& cert_file, const std::string& key_file) {
    ssl::context ctx(ssl::context::tls_server);
    SSL_CTX* native = ctx.native_handle();

    ctx.set_options(ssl::context::default_workarounds | ssl::context::no_compression);
    // Our order, not the client's: every suite offered is an AEAD with
    // forward secrecy, so this only stops a client steering to the weakest
    // of them (and is what scanners such as testssl check for).
    SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    require(SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) == 1, "cannot set the minimum TLS version");
    require(SSL_CTX_set_cipher_list(native, tls12_ciphers) == 1, "cannot set the TLS 1.2 ciphers");
    require(SSL_CTX_set1_groups_list(native, "X25519:P-256") == 1, "cannot set the key exchange groups");

    SSL_CTX_set_session_cache_mode(native, SSL_SESS_CACHE_SERVER);
    require(SSL_CTX_set_session_id_context(native, session_id_context, sizeof session_id_context - 1) == 1,
            "cannot set the TLS session id context");

    ERR_clear_error();
    require(SSL_CTX_use_certificate_chain_file(native, cert_file.c_str()) == 1,
            "cannot load the certificate chain from " + cert_file);
    require(SSL_CTX_use_PrivateKey_file(native, key_file.c_str(), SSL_FILETYPE_PEM) == 1,
            "cannot load the private key from " + key_file);
    require(SSL_CTX_check_private_key(native) == 1,
            "the private key in " + key_file + " does not match the certificate in " + cert_file);
    return ctx;
}

}  // namespace plenary::server
