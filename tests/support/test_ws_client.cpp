// Test WebSocket client; see test_ws_client.hpp.
#include "test_ws_client.hpp"

#include "run_sync.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace plenary::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using asio::use_awaitable;
using boost::system::error_code;

test_ws_client::test_ws_client(unsigned short port, std::string target, client_options options)
    : options_(std::move(options)), tls_(make_client_tls_context(options_)), stream_(ioc_, tls_) {
    stream_.control_callback([this](websocket::frame_type kind, beast::string_view) {
        if (kind == websocket::frame_type::ping) ++pings_;
    });
    run_sync(ioc_, [this, port, &target]() -> asio::awaitable<void> {
        auto& tcp = beast::get_lowest_layer(stream_);
        tcp.expires_after(options_.guard);
        co_await tcp.async_connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), use_awaitable);
        SSL_set_tlsext_host_name(stream_.next_layer().native_handle(), options_.host.c_str());
        co_await stream_.next_layer().async_handshake(asio::ssl::stream_base::client, use_awaitable);
        co_await stream_.async_handshake(options_.host, target, use_awaitable);
    }());
}

test_ws_client::~test_ws_client() {
    error_code ignored;
    beast::get_lowest_layer(stream_).socket().close(ignored);
}

test_ws_client::read_result test_ws_client::read() {
    return run_sync(ioc_, [this]() -> asio::awaitable<read_result> {
        beast::get_lowest_layer(stream_).expires_after(options_.guard);
        auto [ec, n] = co_await stream_.async_read(buffer_, asio::as_tuple(use_awaitable));
        read_result out{ec, beast::buffers_to_string(buffer_.data())};
        buffer_.consume(buffer_.size());
        co_return out;
    }());
}

void test_ws_client::write(std::string_view text) {
    run_sync(ioc_, [this, text]() -> asio::awaitable<void> {
        beast::get_lowest_layer(stream_).expires_after(options_.guard);
        stream_.text(true);
        co_await stream_.async_write(asio::buffer(text.data(), text.size()), use_awaitable);
    }());
}

void test_ws_client::close() {
    run_sync(ioc_, [this]() -> asio::awaitable<void> {
        beast::get_lowest_layer(stream_).expires_after(options_.guard);
        co_await stream_.async_close(websocket::close_code::normal, use_awaitable);
    }());
}

error_code test_ws_client::read_raw_until_closed() {
    return run_sync(ioc_, [this]() -> asio::awaitable<error_code> {
        beast::get_lowest_layer(stream_).expires_after(options_.guard);
        char scratch[4096];
        for (;;) {
            auto [ec, n] =
                co_await stream_.next_layer().async_read_some(asio::buffer(scratch), asio::as_tuple(use_awaitable));
            if (ec) co_return ec;
        }
    }());
}

}  // namespace plenary::testing
