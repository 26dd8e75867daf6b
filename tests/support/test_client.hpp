// Synchronous HTTP/1.1 client for integration tests over loopback: TLS (the
// default) or plain TCP. Every operation carries a generous deadline that
// only guards against a hung test, never measures the server.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/verb.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <openssl/ssl.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace plenary::testing {

namespace http = boost::beast::http;
using http_response = http::response<http::string_body>;
using header_list = std::vector<std::pair<std::string, std::string>>;

// The headers that make a GET a WebSocket upgrade request (RFC 6455's sample key).
inline header_list websocket_upgrade_headers() {
    return {{"Connection", "Upgrade"},
            {"Upgrade", "websocket"},
            {"Sec-WebSocket-Version", "13"},
            {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}};
}

struct ssl_session_free {
    void operator()(SSL_SESSION* s) const noexcept { SSL_SESSION_free(s); }
};
using ssl_session_ptr = std::unique_ptr<SSL_SESSION, ssl_session_free>;

struct client_options {
    int min_tls_version = 0;         // e.g. TLS1_VERSION; 0: library default
    int max_tls_version = 0;         // e.g. TLS1_1_VERSION; 0: library default
    bool allow_legacy = false;       // security level 0, so OpenSSL will even offer TLS 1.0/1.1
    std::string cipher_list{};       // TLS 1.2 ciphers offered; empty: default
    SSL_SESSION* resume = nullptr;   // offered for resumption
    std::string ca_file{};           // set: verify the server against it (host "localhost")
    std::string host = "localhost";  // SNI and Host header
    std::chrono::seconds guard{20};  // hang guard per operation
};

// Builds the client TLS context the options describe (shared with the WebSocket client).
boost::asio::ssl::context make_client_tls_context(const client_options& options);

template <class Stream>
class basic_test_client {
public:
    static constexpr bool is_tls = !std::is_same_v<Stream, boost::beast::tcp_stream>;

    // Connects (and for TLS handshakes); throws boost::system::system_error on failure.
    explicit basic_test_client(unsigned short port, client_options options = {});
    ~basic_test_client();

    // One request on the (kept-alive) connection; Host is added unless given.
    http_response request(http::verb method, std::string target, std::string body = {}, header_list headers = {});

    void write_raw(std::string_view bytes);
    http_response read_response();
    // Reads (and discards) until the server ends the connection; returns
    // what ended it. beast::error::timeout means the guard ran out instead.
    boost::system::error_code read_until_closed(std::size_t* received = nullptr);  // adds the bytes read to *received
    // Exactly `n` bytes as they come off the connection, starting with any
    // that request() or read_response() read past the response (after an
    // upgrade, say).
    std::string read_raw(std::size_t n);

    // TLS details (TLS client only).
    bool session_reused() const;
    std::string tls_version() const;
    std::string cipher() const;
    ssl_session_ptr session() const;

    Stream& stream() { return stream_; }

private:
    boost::asio::io_context ioc_;
    client_options options_;
    boost::asio::ssl::context tls_;
    Stream stream_;
    boost::beast::flat_buffer buffer_;
};

using test_client = basic_test_client<boost::beast::ssl_stream<boost::beast::tcp_stream>>;
using plain_test_client = basic_test_client<boost::beast::tcp_stream>;

extern template class basic_test_client<boost::beast::ssl_stream<boost::beast::tcp_stream>>;
extern template class basic_test_client<boost::beast::tcp_stream>;

}  // namespace plenary::testing
