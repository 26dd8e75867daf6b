// One accepted WebSocket (wss) connection: it listens to one hub topic and
// pushes what is published there. Incoming messages are read (and discarded
// for now) so pings, pongs and the close handshake work and a too-large
// message closes the socket with 1009. Outgoing messages are state snapshots,
// so a slow reader's queue is bounded by dropping the oldest waiting one.
#pragma once

#include "server/connection_registry.hpp"
#include "server/http_types.hpp"
#include "server/hub.hpp"
#include "server/session_context.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <deque>
#include <memory>
#include <mutex>
#include <string>

namespace plenary::server {

class websocket_session : public std::enable_shared_from_this<websocket_session>,
                          public hub::subscriber,
                          public stoppable {
public:
    using tls_stream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

    websocket_session(tls_stream stream, connection_registry::lease lease, const session_context& ctx);
    ~websocket_session();
    websocket_session(const websocket_session&) = delete;
    websocket_session& operator=(const websocket_session&) = delete;

    // Accepts the upgrade `req` asked for, then sends `accepted.first_message`
    // followed by what the hub publishes on `accepted.topic`.
    void start(request req, ws_accept accepted);

    void deliver(std::shared_ptr<const std::string> message) override;
    std::size_t queued() const override;
    void stop() override;
    void force_close() override;

private:
    boost::asio::awaitable<void> run(std::shared_ptr<websocket_session> self, request req, ws_accept accepted);
    boost::asio::awaitable<void> write_loop(std::shared_ptr<websocket_session> self);
    boost::asio::awaitable<void> close_going_away(std::shared_ptr<websocket_session> self);
    void start_writer();
    void shut_outbox();

    boost::beast::websocket::stream<tls_stream> ws_;
    connection_registry::lease lease_;
    const session_context& ctx_;
    boost::asio::any_io_executor executor_;
    std::string topic_;

    // Strand-only state.
    bool accepted_ = false;
    bool closing_ = false;

    // Shared with publishers on other threads.
    mutable std::mutex mutex_;
    std::deque<std::shared_ptr<const std::string>> outbox_;
    // True while a writer runs or before the handshake is done, so deliver()
    // only queues until the socket may be written.
    bool writing_ = true;
    bool shut_ = false;
};

}  // namespace plenary::server
