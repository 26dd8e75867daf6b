// One accepted WebSocket (wss) connection: it listens to one hub topic and
// pushes what is published there. Incoming messages are read (and discarded
// for now) so pings, pongs and the close handshake work and a too-large
// message closes the socket with 1009. A slow reader's queue is bounded: a
// newer whole state replaces a waiting one, and past the limit the oldest
// waiting message is dropped; a reader that stops answering pings is closed.
#pragma once

#include "server/connection_registry.hpp"
#include "server/http_types.hpp"
#include "server/hub.hpp"
#include "server/session_context.hpp"
#include "server/tls_stream.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace plenary::server {

class websocket_session final : public std::enable_shared_from_this<websocket_session>,
                                public hub::subscriber,
                                public stoppable {
public:
    websocket_session(tls_stream stream, connection_registry::lease lease, const session_context& ctx);
    ~websocket_session();
    websocket_session(const websocket_session&) = delete;
    websocket_session& operator=(const websocket_session&) = delete;

    // Accepts the upgrade `req` asked for, then sends `accepted.first_message`
    // followed by what the hub publishes on `accepted.topic`.
    void start(request req, ws_accept accepted);

    void deliver(std::shared_ptr<const std::string> message, bool latest_only) override;
    std::size_t queued() const override;
    void end(std::string reason) override;
    void stop() override;
    void force_close() override;

private:
    boost::asio::awaitable<void> run(std::shared_ptr<websocket_session> self, request req, ws_accept accepted);
    boost::asio::awaitable<void> write_loop(std::shared_ptr<websocket_session> self);
    boost::asio::awaitable<void> close_with(std::shared_ptr<websocket_session> self,
                                            boost::beast::websocket::close_reason reason);
    boost::asio::awaitable<void> recheck_loop(std::shared_ptr<websocket_session> self,
                                              std::function<boost::asio::awaitable<void>()> recheck);
    void start_writer();
    void shut_outbox();

    boost::beast::websocket::stream<tls_stream> ws_;
    connection_registry::lease lease_;
    const session_context& ctx_;
    boost::asio::any_io_executor executor_;
    std::vector<hub::subscription> subscriptions_;
    // Strand-only; cancelled when the socket is done so shutdown need not wait for it.
    boost::asio::steady_timer recheck_timer_;

    // Strand-only state.
    bool accepted_ = false;
    bool closing_ = false;
    // Set by end(): close once the outbox is written.
    std::optional<boost::beast::websocket::close_reason> end_reason_;

    // Shared with publishers on other threads.
    mutable std::mutex mutex_;
    struct queued_message {
        std::shared_ptr<const std::string> text;
        bool latest_only = false;
    };
    std::deque<queued_message> outbox_;
    // True while a writer runs or before the handshake is done, so deliver()
    // only queues until the socket may be written.
    bool writing_ = true;
    bool shut_ = false;
};

}  // namespace plenary::server
