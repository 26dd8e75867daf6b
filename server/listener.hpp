// Accepts connections on one address, each onto the next io_context of the
// pool (so on one I/O thread for its whole life; a strand only when threads
// share a context), admits them through the connection registry (over
// max_connections: closed at once) and starts their first session: TLS
// detection on the HTTPS port, the redirect session on the plain-HTTP port.
#pragma once

#include "server/io_context_pool.hpp"
#include "server/session_context.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <memory>

namespace plenary::server {

class listener : public std::enable_shared_from_this<listener> {
public:
    enum class kind { https, http_redirect };

    // Binds and listens; throws std::runtime_error "cannot listen on HOST:PORT: reason".
    listener(io_context_pool& pool, const std::string& host, unsigned short port, kind k, const session_context& ctx);

    void start();
    // Closes the acceptor (thread-safe); sessions already accepted go on.
    void stop();
    unsigned short port() const noexcept { return port_; }

private:
    boost::asio::awaitable<void> accept_loop(std::shared_ptr<listener> self);
    void admit(boost::asio::ip::tcp::socket socket);

    io_context_pool& pool_;
    boost::asio::ip::tcp::acceptor acceptor_;
    kind kind_;
    const session_context& ctx_;
    unsigned short port_ = 0;
};

}  // namespace plenary::server
