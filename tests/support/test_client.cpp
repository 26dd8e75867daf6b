// Test HTTP client; see test_client.hpp.
#include "test_client.hpp"

#include "run_sync.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_prefix.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <stdexcept>

namespace plenary::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::use_awaitable;
using boost::system::error_code;

asio::ssl::context make_client_tls_context(const client_options& options) {
    asio::ssl::context ctx(asio::ssl::context::tls_client);
    SSL_CTX* native = ctx.native_handle();
    if (options.allow_legacy) {
        SSL_CTX_set_security_level(native, 0);
        SSL_CTX_set_cipher_list(native, "DEFAULT:@SECLEVEL=0");
    }
    if (options.min_tls_version) SSL_CTX_set_min_proto_version(native, options.min_tls_version);
    if (options.max_tls_version) SSL_CTX_set_max_proto_version(native, options.max_tls_version);
    if (!options.cipher_list.empty() && SSL_CTX_set_cipher_list(native, options.cipher_list.c_str()) != 1) {
        throw std::runtime_error("bad cipher list " + options.cipher_list);
    }
    if (options.ca_file.empty()) {
        ctx.set_verify_mode(asio::ssl::verify_none);
    } else {
        ctx.load_verify_file(options.ca_file);
        ctx.set_verify_mode(asio::ssl::verify_peer);
        ctx.set_verify_callback(asio::ssl::host_name_verification("localhost"));
    }
    return ctx;
}

namespace {

template <class Stream>
Stream make_stream(asio::io_context& ioc, asio::ssl::context& tls) {
    if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
        return Stream(ioc);
    } else {
        return Stream(ioc, tls);
    }
}

}  // namespace

template <class Stream>
basic_test_client<Stream>::basic_test_client(unsigned short port, client_options options)
    : options_(std::move(options)), tls_(make_client_tls_context(options_)), stream_(make_stream<Stream>(ioc_, tls_)) {
    run_sync(ioc_, [this, port]() -> asio::awaitable<void> {
        auto& tcp = beast::get_lowest_layer(stream_);
        tcp.expires_after(options_.guard);
        co_await tcp.async_connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), use_awaitable);
        if constexpr (is_tls) {
            SSL* ssl = stream_.native_handle();
            SSL_set_tlsext_host_name(ssl, options_.host.c_str());
            if (options_.resume) SSL_set_session(ssl, options_.resume);
            co_await stream_.async_handshake(asio::ssl::stream_base::client, use_awaitable);
        }
    }());
}

template <class Stream>
basic_test_client<Stream>::~basic_test_client() {
    if constexpr (is_tls) {
        // Closing without close_notify would make OpenSSL mark the session
        // unresumable, and resumption tests hold on to it.
        SSL_set_shutdown(stream_.native_handle(), SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
    }
    error_code ignored;
    beast::get_lowest_layer(stream_).socket().close(ignored);
}

template <class Stream>
http_response basic_test_client<Stream>::request(http::verb method, std::string target, std::string body,
                                                 header_list headers) {
    http::request<http::string_body> req{method, target, 11};
    req.set(http::field::host, options_.host);
    for (auto& [name, value] : headers) req.set(name, value);
    if (!body.empty() || method == http::verb::post || method == http::verb::put || method == http::verb::patch) {
        req.body() = std::move(body);
        req.prepare_payload();
    }
    run_sync(ioc_, [this, &req]() -> asio::awaitable<void> {
        beast::get_lowest_layer(stream_).expires_after(options_.guard);
        co_await http::async_write(stream_, req, use_awaitable);
    }());
    return read_response();
}

template <class Stream>
void basic_test_client<Stream>::write_raw(std::string_view bytes) {
    run_sync(ioc_, [this, bytes]() -> asio::awaitable<void> {
        beast::get_lowest_layer(stream_).expires_after(options_.guard);
        co_await asio::async_write(stream_, asio::buffer(bytes.data(), bytes.size()), use_awaitable);
    }());
}

template <class Stream>
http_response basic_test_client<Stream>::read_response() {
    return run_sync(ioc_, [this]() -> asio::awaitable<http_response> {
        beast::get_lowest_layer(stream_).expires_after(options_.guard);
        http::response_parser<http::string_body> parser;
        parser.body_limit(64 * 1024 * 1024);
        co_await http::async_read(stream_, buffer_, parser, use_awaitable);
        co_return parser.release();
    }());
}

template <class Stream>
error_code basic_test_client<Stream>::read_until_closed(std::size_t* received) {
    return run_sync(ioc_, [this, received]() -> asio::awaitable<error_code> {
        beast::get_lowest_layer(stream_).expires_after(options_.guard);
        char scratch[4096];
        for (;;) {
            auto [ec, n] = co_await stream_.async_read_some(asio::buffer(scratch), asio::as_tuple(use_awaitable));
            if (received != nullptr) *received += n;
            if (ec) co_return ec;
        }
    }());
}

template <class Stream>
std::string basic_test_client<Stream>::read_raw(std::size_t n) {
    return run_sync(ioc_, [this, n]() -> asio::awaitable<std::string> {
        beast::get_lowest_layer(stream_).expires_after(options_.guard);
        if (buffer_.size() < n) {
            // Into buffer_ itself: asio would read into a copy of a Beast buffer.
            const auto got = co_await asio::async_read(stream_, buffer_.prepare(n - buffer_.size()), use_awaitable);
            buffer_.commit(got);
        }
        std::string out = beast::buffers_to_string(beast::buffers_prefix(n, buffer_.data()));
        buffer_.consume(n);
        co_return out;
    }());
}

template <class Stream>
bool basic_test_client<Stream>::session_reused() const {
    if constexpr (is_tls) {
        return SSL_session_reused(const_cast<Stream&>(stream_).native_handle()) == 1;
    } else {
        return false;
    }
}

template <class Stream>
std::string basic_test_client<Stream>::tls_version() const {
    if constexpr (is_tls) {
        return SSL_get_version(const_cast<Stream&>(stream_).native_handle());
    } else {
        return {};
    }
}

template <class Stream>
std::string basic_test_client<Stream>::cipher() const {
    if constexpr (is_tls) {
        return SSL_get_cipher_name(const_cast<Stream&>(stream_).native_handle());
    } else {
        return {};
    }
}

template <class Stream>
ssl_session_ptr basic_test_client<Stream>::session() const {
    if constexpr (is_tls) {
        return ssl_session_ptr(SSL_get1_session(const_cast<Stream&>(stream_).native_handle()));
    } else {
        return nullptr;
    }
}

template class basic_test_client<beast::ssl_stream<beast::tcp_stream>>;
template class basic_test_client<beast::tcp_stream>;

}  // namespace plenary::testing
