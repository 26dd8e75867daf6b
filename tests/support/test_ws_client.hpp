// Synchronous wss:// client for integration tests, with the same hang guard
// as test_client. It can also fall silent on purpose (read raw TLS bytes
// without answering pings) to test the server's idle timeout.
#pragma once

#include "test_client.hpp"

#include <boost/beast/websocket/stream.hpp>

#include <atomic>
#include <string>

namespace plenary::testing {

class test_ws_client {
public:
    using stream_type = boost::beast::websocket::stream<boost::beast::ssl_stream<boost::beast::tcp_stream>>;

    struct read_result {
        boost::system::error_code ec;  // websocket::error::closed after a close frame
        std::string message;
    };

    // Connects, handshakes TLS and upgrades; throws system_error on failure
    // (a refused upgrade is websocket::error::upgrade_declined).
    test_ws_client(unsigned short port, std::string target, client_options options = {});
    ~test_ws_client();

    read_result read();
    void write(std::string_view text);
    void close();
    // The close frame the server sent (valid after read() returned closed).
    boost::beast::websocket::close_reason close_reason() const { return stream_.reason(); }
    // Reads the TLS stream under the WebSocket layer until the server ends
    // the connection, answering nothing (no pongs): a silent peer.
    boost::system::error_code read_raw_until_closed();
    int pings_received() const { return pings_; }

private:
    boost::asio::io_context ioc_;
    client_options options_;
    boost::asio::ssl::context tls_;
    stream_type stream_;
    boost::beast::flat_buffer buffer_;
    int pings_ = 0;
};

}  // namespace plenary::testing
