// The first moments of a connection on the HTTPS port: peek at the first
// bytes (within the handshake timeout) to tell a TLS ClientHello from plain
// HTTP, then hand the connection and the bytes read so far to the right
// http_session (TLS: the real server; plain: redirect to HTTPS).
#pragma once

#include "server/connection_registry.hpp"
#include "server/session_context.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <memory>
#include <string>

namespace plenary::server {

class detect_session final : public std::enable_shared_from_this<detect_session>, public stoppable {
public:
    detect_session(boost::asio::ip::tcp::socket socket, connection_registry::lease lease, const session_context& ctx,
                   std::string remote_address);

    void start();
    void stop() override;
    void force_close() override;

private:
    boost::asio::awaitable<void> run(std::shared_ptr<detect_session> self);

    boost::beast::tcp_stream stream_;
    boost::beast::flat_buffer buffer_;
    connection_registry::lease lease_;
    const session_context& ctx_;
    std::string remote_;
    boost::asio::any_io_executor executor_;
    bool handed_off_ = false;
};

}  // namespace plenary::server
