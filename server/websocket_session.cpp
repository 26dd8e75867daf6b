// WebSocket push session; see websocket_session.hpp.
#include "server/websocket_session.hpp"

#include "common/metrics.hpp"
#include "common/problem.hpp"
#include "server/coroutine_support.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include <algorithm>

namespace plenary::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

websocket_session::websocket_session(tls_stream stream, connection_registry::lease lease, const session_context& ctx)
    : ws_(std::move(stream)),
      lease_(std::move(lease)),
      ctx_(ctx),
      executor_(ws_.get_executor()),
      recheck_timer_(executor_) {
    ctx_.metrics.open_websockets().add(1);
}

websocket_session::~websocket_session() {
    subscriptions_.clear();
    ctx_.metrics.open_websockets().add(-1);
}

void websocket_session::start(request req, ws_accept accepted) {
    asio::co_spawn(executor_, run(shared_from_this(), std::move(req), std::move(accepted)),
                   log_failures("websocket session"));
}

asio::awaitable<void> websocket_session::run(std::shared_ptr<websocket_session> self, request req, ws_accept accepted) {
    lease_.bind(self);
    // The WebSocket layer runs its own handshake and idle timers (with pings);
    // the TCP stream's deadline would fight them.
    beast::get_lowest_layer(ws_).expires_never();
    ws_.set_option(websocket::stream_base::timeout{ctx_.options.handshake_timeout, ctx_.options.ws_idle_timeout, true});
    ws_.read_message_max(ctx_.options.ws_message_max);
    // Beast would cut every message past 4 KiB into frames of 4 KiB, each its
    // own TLS record and `send`: a busy feed message (about 10 KB) cost three
    // of each, for every subscriber. Messages are bounded (a whole state and
    // at most 50 activity items), so one frame each is safe.
    ws_.auto_fragment(false);

    auto [accept_ec] = co_await ws_.async_accept(req, nothrow_awaitable);
    if (accept_ec || closing_) {
        shut_outbox();
        co_return;
    }
    accepted_ = true;
    if (ctx_.options.ws_send_buffer > 0) {
        // Bounds what a reader that stopped reading pins in the kernel; past
        // it, writes wait and the outbox above drops and replaces.
        boost::system::error_code ignored;
        beast::get_lowest_layer(ws_).socket().set_option(
            asio::socket_base::send_buffer_size(static_cast<int>(ctx_.options.ws_send_buffer)), ignored);
    }

    if (accepted.attach) {
        subscriptions_ = accepted.attach(self);
    } else {
        // First message before subscribing: anything published afterwards is
        // at least as new as the snapshot, so the order on the wire stays right.
        {
            std::lock_guard lock(mutex_);
            if (accepted.first_message) outbox_.push_back({std::move(accepted.first_message), false});
        }
        if (!accepted.topic.empty()) subscriptions_.push_back(ctx_.websockets.subscribe(accepted.topic, self));
    }
    start_writer();
    if (accepted.recheck) {
        asio::co_spawn(executor_, recheck_loop(self, std::move(accepted.recheck)), log_failures("websocket recheck"));
    }

    beast::flat_buffer buffer;
    for (;;) {
        auto [ec, n] = co_await ws_.async_read(buffer, nothrow_awaitable);
        if (ec) break;  // closed, too big (Beast already sent 1009), timeout, reset
        buffer.consume(n);
    }
    shut_outbox();
}

asio::awaitable<void> websocket_session::recheck_loop(std::shared_ptr<websocket_session> self,
                                                      std::function<asio::awaitable<void>()> recheck) {
    for (;;) {
        recheck_timer_.expires_after(ctx_.options.ws_recheck_interval);
        auto [ec] = co_await recheck_timer_.async_wait(nothrow_awaitable);
        if (ec || closing_) co_return;
        {
            std::lock_guard lock(mutex_);
            if (shut_) co_return;
        }
        try {
            co_await recheck();
        } catch (const problem& p) {
            // Storage trouble says nothing about the credential: ask again later.
            if (p.code() == errc::unavailable || p.code() == errc::too_many_requests) continue;
            self->end("access withdrawn: " + p.detail());
            co_return;
        }
    }
}

void websocket_session::start_writer() {
    {
        std::lock_guard lock(mutex_);
        if (shut_ || (outbox_.empty() && !end_reason_)) {
            writing_ = false;
            return;
        }
        writing_ = true;
    }
    asio::co_spawn(executor_, write_loop(shared_from_this()), log_failures("websocket writer"));
}

// The shared_ptr parameter keeps the session alive while the coroutine runs.
asio::awaitable<void> websocket_session::write_loop(std::shared_ptr<websocket_session> self) {
    for (;;) {
        std::shared_ptr<const std::string> message;
        {
            std::lock_guard lock(mutex_);
            if (shut_ || outbox_.empty() || closing_) {
                writing_ = false;
                break;
            }
            message = std::move(outbox_.front().text);
            outbox_.pop_front();
        }
        ws_.text(true);
        auto [ec, n] = co_await ws_.async_write(asio::buffer(*message), nothrow_awaitable);
        if (ec) {
            shut_outbox();
            co_return;
        }
    }
    if (end_reason_ && !closing_) {
        closing_ = true;
        co_await close_with(self, *end_reason_);
    }
}

void websocket_session::deliver(std::shared_ptr<const std::string> message, bool latest_only) {
    bool start = false;
    {
        std::lock_guard lock(mutex_);
        if (shut_) return;
        if (latest_only) {
            // An older whole state still waiting is of no use any more. The
            // new one goes last, behind any other message that waited, so
            // the newest state is always the last one on the wire.
            const auto dropped = std::erase_if(outbox_, [](const queued_message& q) { return q.latest_only; });
            for (std::size_t i = 0; i < dropped; ++i) ctx_.metrics.ws_messages_dropped().inc();
        }
        outbox_.push_back({std::move(message), latest_only});
        if (outbox_.size() > ctx_.options.ws_queue_limit) {
            // The one being written is not in the outbox, so it is never dropped.
            outbox_.pop_front();
            ctx_.metrics.ws_messages_dropped().inc();
        }
        start = !writing_;
        writing_ = writing_ || start;
    }
    // co_spawn may run the writer inline; it takes the lock itself.
    if (start) {
        asio::co_spawn(executor_, write_loop(shared_from_this()), log_failures("websocket writer"));
    }
}

std::size_t websocket_session::queued() const {
    std::lock_guard lock(mutex_);
    return outbox_.size();
}

// On the session's executor only (recheck_timer_).
void websocket_session::shut_outbox() {
    recheck_timer_.cancel();
    std::lock_guard lock(mutex_);
    shut_ = true;
    outbox_.clear();
}

void websocket_session::stop() {
    asio::post(executor_, [self = shared_from_this()] {
        if (self->closing_) return;
        self->closing_ = true;
        self->recheck_timer_.cancel();
        if (!self->accepted_) {
            // Still in the handshake: nothing to close politely.
            beast::get_lowest_layer(self->ws_).cancel();
            return;
        }
        asio::co_spawn(
            self->executor_,
            self->close_with(self, websocket::close_reason(websocket::close_code::going_away, "server shutting down")),
            log_failures("websocket close"));
    });
}

void websocket_session::end(std::string reason) {
    asio::post(executor_, [self = shared_from_this(), reason = std::move(reason)]() mutable {
        if (self->closing_ || self->end_reason_) return;
        self->end_reason_ = websocket::close_reason(websocket::close_code::policy_error, reason);
        if (!self->accepted_) return;  // run()'s start_writer() sees it after the handshake
        bool idle = false;
        {
            std::lock_guard lock(self->mutex_);
            idle = !self->writing_ && !self->shut_;
            self->writing_ = true;
        }
        // A running writer closes when its queue is empty; an idle one is started to.
        if (idle) asio::co_spawn(self->executor_, self->write_loop(self), log_failures("websocket writer"));
    });
}

asio::awaitable<void> websocket_session::close_with(std::shared_ptr<websocket_session> /*self*/,
                                                    websocket::close_reason reason) {
    // Beast queues the close frame behind a write in progress; the read loop
    // then sees the peer's answer and ends the session.
    co_await ws_.async_close(reason, nothrow_awaitable);
}

void websocket_session::force_close() {
    asio::post(executor_, [self = shared_from_this()] { beast::get_lowest_layer(self->ws_).close(); });
}

}  // namespace plenary::server
