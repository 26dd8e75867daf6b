// The server side of one TLS connection, with OpenSSL reading and writing the
// socket itself (a small BIO over the descriptor) instead of through
// asio::ssl::stream's buffers. asio's stream keeps two 17 KiB buffers of its
// own plus a 17 KiB BIO pair in each direction for as long as the connection
// lives; with 10,000 idle dashboards that was 68 KiB of the 84 KiB each cost.
// Here an idle connection holds the SSL object only (OpenSSL releases its
// record buffers between reads, SSL_MODE_RELEASE_BUFFERS), and each record
// goes to the kernel without an extra copy.
//
// It is an AsyncStream for Beast (HTTP and WebSocket, with teardown below)
// and, like beast::tcp_stream, owns its deadline: expires_after() arms one
// timer for the stream; when it fires the socket is closed and the operations
// in progress end with beast::error::timeout. All calls belong on the
// stream's executor (the connection's serialized executor).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/buffer.hpp>
#include <boost/asio/compose.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream_base.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/buffers_suffix.hpp>
#include <boost/beast/core/role.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace plenary::server {

// What one attempt at an SSL call came to.
struct tls_step {
    enum class want { nothing, read, write };
    want wait = want::nothing;
    std::size_t bytes = 0;
    boost::system::error_code ec;
};

// Lives on the heap (shared with operations in flight and, weakly, with the
// deadline timer) so moving a tls_stream between sessions moves a pointer.
struct tls_state {
    tls_state(boost::asio::ip::tcp::socket s, boost::asio::ssl::context& ctx);
    // Takes over `from`'s TLS session and unread bytes with `s`, the same
    // connection opened on another executor.
    tls_state(boost::asio::ip::tcp::socket s, tls_state& from);
    ~tls_state();
    tls_state(const tls_state&) = delete;
    tls_state& operator=(const tls_state&) = delete;

    tls_step handshake();
    tls_step read(void* data, std::size_t size);
    // Up to 16 KiB of `count` buffers as one record (Beast writes a header
    // and a body as separate buffers; one record each would double the
    // records and syscalls).
    tls_step write(const boost::asio::const_buffer* buffers, std::size_t count);
    tls_step shutdown(bool wait_for_peer);
    // What a wait that ended in `ec` means for the operation.
    boost::system::error_code wait_failed(boost::system::error_code ec) const;

    boost::asio::ip::tcp::socket socket;
    boost::asio::steady_timer timer;
    SSL* ssl = nullptr;
    std::vector<unsigned char> prefix;  // bytes read before the handshake (TLS detection)
    std::size_t prefix_used = 0;
    // Where a waiting read has the reactor put what arrives (tls_io_op):
    // served to OpenSSL after the prefix and before the socket. While that
    // receive is in flight the socket is not read directly, so no byte can
    // overtake the ones it takes.
    std::array<unsigned char, 512> inbox{};
    std::size_t inbox_begin = 0;
    std::size_t inbox_end = 0;
    bool receiving = false;
    int sys_error = 0;  // errno of the last failed send/recv, for SSL_ERROR_SYSCALL
    bool peer_eof = false;
    bool timed_out = false;
    // The deadline in force, and when the timer's wait in flight ends (max:
    // none in flight); that wait is never later than the deadline.
    using clock = std::chrono::steady_clock;
    clock::time_point deadline = clock::time_point::max();
    clock::time_point timer_expiry = clock::time_point::max();
    std::uint64_t deadline_generation = 0;  // of the wait in flight

private:
    void begin_call();
    tls_step finish(int result, std::size_t bytes);
};

namespace detail {

// Tries the SSL call; when OpenSSL needs the socket, waits for it and tries
// again. Completes with (error_code, size_t), or (error_code) for shutdown.
//
// A read waits by receiving into the state's inbox rather than with
// async_wait: asio re-registers the descriptor with epoll (an epoll_ctl) for
// every async_wait, but not for a receive, which the reactor performs itself
// once the socket is readable. A second read wait while one is in flight (no
// path here makes one, but nothing forbids it) falls back to async_wait.
template <class Action, bool WithBytes>
struct tls_io_op {
    std::shared_ptr<tls_state> st;
    Action action;
    enum { starting, waiting, receiving, finished } phase = starting;
    tls_step result{};

    template <class Self>
    void operator()(Self& self, boost::system::error_code wait_ec = {}, std::size_t received = 0) {
        if (phase == finished) return complete(self);
        if (phase == receiving) {
            st->receiving = false;
            st->inbox_begin = 0;
            st->inbox_end = received;
            // The peer's FIN: the retry reads it from the socket as OpenSSL's EOF.
            if (wait_ec == boost::asio::error::eof) wait_ec = {};
        }
        if (phase != starting && wait_ec) {
            result = {tls_step::want::nothing, 0, st->wait_failed(wait_ec)};
            return complete(self);
        }
        tls_step step = action(*st);
        if (step.wait == tls_step::want::read && st->inbox_begin != st->inbox_end) {
            // OpenSSL stopped before reading all it was given (it may, after
            // a record that carried no data): try again, not wait.
            phase = waiting;
            boost::asio::post(std::move(self));
            return;
        }
        if (step.wait == tls_step::want::read && !st->receiving) {
            phase = receiving;
            st->receiving = true;
            st->socket.async_receive(boost::asio::buffer(st->inbox), std::move(self));
            return;
        }
        if (step.wait != tls_step::want::nothing) {
            phase = waiting;
            st->socket.async_wait(step.wait == tls_step::want::read ? boost::asio::socket_base::wait_read
                                                                    : boost::asio::socket_base::wait_write,
                                  std::move(self));
            return;
        }
        result = step;
        if (phase == starting) {
            // Never complete inside the initiating call.
            phase = finished;
            boost::asio::post(std::move(self));
            return;
        }
        complete(self);
    }

    template <class Self>
    void complete(Self& self) {
        if constexpr (WithBytes) {
            self.complete(result.ec, result.bytes);
        } else {
            self.complete(result.ec);
        }
    }
};

struct tls_read_action {
    boost::asio::mutable_buffer buffer;
    tls_step operator()(tls_state& st) const { return st.read(buffer.data(), buffer.size()); }
};

struct tls_write_action {
    std::array<boost::asio::const_buffer, 16> buffers;
    std::size_t count = 0;
    tls_step operator()(tls_state& st) const { return st.write(buffers.data(), count); }
};

struct tls_handshake_action {
    std::size_t handed_over = 0;  // the prefix, all of it OpenSSL's to read
    tls_step operator()(tls_state& st) const {
        auto step = st.handshake();
        if (step.wait == tls_step::want::nothing) step.bytes = handed_over;
        return step;
    }
};

struct tls_shutdown_action {
    bool wait_for_peer = true;
    tls_step operator()(tls_state& st) const { return st.shutdown(wait_for_peer); }
};

}  // namespace detail

class tls_stream {
public:
    using executor_type = boost::asio::any_io_executor;

    tls_stream(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context& ctx);

    executor_type get_executor() noexcept { return st_->socket.get_executor(); }
    boost::asio::ip::tcp::socket& socket() noexcept { return st_->socket; }
    SSL* native_handle() noexcept { return st_->ssl; }

    // Carries the connection over to `ex` (another thread's io_context: see
    // io_context_pool.hpp). Only with no operation in progress; the deadline
    // is dropped. On failure the stream is unusable and should be dropped.
    boost::system::error_code move_to(const executor_type& ex);

    void expires_after(std::chrono::steady_clock::duration d);
    void expires_never();
    void cancel();  // operations in progress end with operation_aborted
    void close();

    // `already_read`: bytes taken off the socket before the handshake. They
    // are all used: completes with (error_code, already_read's size).
    template <class ConstBufferSequence, class Token>
    auto async_handshake(boost::asio::ssl::stream_base::handshake_type, const ConstBufferSequence& already_read,
                         Token&& token) {
        st_->prefix.resize(boost::asio::buffer_size(already_read));
        boost::asio::buffer_copy(boost::asio::buffer(st_->prefix), already_read);
        st_->prefix_used = 0;
        return start<true>(detail::tls_handshake_action{st_->prefix.size()}, std::forward<Token>(token));
    }

    template <class MutableBufferSequence, class Token>
    auto async_read_some(const MutableBufferSequence& buffers, Token&& token) {
        boost::asio::mutable_buffer first;
        for (auto it = boost::asio::buffer_sequence_begin(buffers); it != boost::asio::buffer_sequence_end(buffers);
             ++it) {
            first = *it;
            if (first.size() > 0) break;
        }
        return start<true>(detail::tls_read_action{first}, std::forward<Token>(token));
    }

    template <class ConstBufferSequence, class Token>
    auto async_write_some(const ConstBufferSequence& buffers, Token&& token) {
        return start<true>(gather(buffers), std::forward<Token>(token));
    }

    // Writes what the socket takes now, without waiting, and returns how
    // many bytes that was: all of them unless the socket is full (send the
    // rest with an asynchronous write) or `ec` is set. An answer that fits,
    // as most do, then costs no trip through the scheduler, which an
    // asynchronous operation must make even when it finishes at once.
    template <class ConstBufferSequence>
    std::size_t write_now(const ConstBufferSequence& buffers, boost::system::error_code& ec) {
        boost::beast::buffers_suffix<ConstBufferSequence> rest(buffers);
        std::size_t done = 0;
        for (;;) {
            const detail::tls_write_action action = gather(rest);
            if (action.count == 0) return done;
            const tls_step step = action(*st_);
            ec = step.ec;
            if (ec || step.wait != tls_step::want::nothing) return done;
            done += step.bytes;
            rest.consume(step.bytes);
        }
    }

    // Sends close_notify and, unless told otherwise, waits for the peer's.
    template <class Token>
    auto async_shutdown(Token&& token, bool wait_for_peer = true) {
        return start<false>(detail::tls_shutdown_action{wait_for_peer}, std::forward<Token>(token));
    }

private:
    template <class ConstBufferSequence>
    static detail::tls_write_action gather(const ConstBufferSequence& buffers) {
        detail::tls_write_action action;
        for (auto it = boost::asio::buffer_sequence_begin(buffers);
             it != boost::asio::buffer_sequence_end(buffers) && action.count < action.buffers.size(); ++it) {
            boost::asio::const_buffer b = *it;  // Beast's iterators have no operator->
            if (b.size() > 0) action.buffers[action.count++] = b;
        }
        return action;
    }

    template <bool WithBytes, class Action, class Token>
    auto start(Action action, Token&& token) {
        using signature = std::conditional_t<WithBytes, void(boost::system::error_code, std::size_t),
                                             void(boost::system::error_code)>;
        return boost::asio::async_compose<Token, signature>(detail::tls_io_op<Action, WithBytes>{st_, action}, token,
                                                            st_->socket);
    }

    std::shared_ptr<tls_state> st_;
};

// How long a WebSocket's teardown waits for the peer to finish.
inline constexpr std::chrono::seconds tls_teardown_timeout{5};

// After the WebSocket closing handshake (or a failed connection): send
// close_notify, then read and drop whatever the peer still sends until it
// closes too, and only then close the socket. Closing with bytes unread makes
// the kernel answer with a reset, which can reach the peer before the close
// frame it should read.
namespace detail {

struct tls_teardown_op {
    tls_stream& stream;
    bool notified = false;
    // On the heap: the op moves with every step (std::move(self)), and a read
    // into a member would write wherever the op used to be.
    std::unique_ptr<std::array<char, 512>> scratch = std::make_unique<std::array<char, 512>>();

    template <class Self>
    void operator()(Self& self, boost::system::error_code ec = {}, std::size_t = 0) {
        if (!notified) {
            notified = true;
            stream.expires_after(tls_teardown_timeout);
            stream.async_shutdown(std::move(self), false);
            return;
        }
        if (!ec) {
            stream.async_read_some(boost::asio::buffer(*scratch), std::move(self));
            return;
        }
        stream.close();
        self.complete(boost::system::error_code{});
    }
};

}  // namespace detail

template <class TeardownHandler>
void async_teardown(boost::beast::role_type, tls_stream& stream, TeardownHandler&& handler) {
    boost::asio::async_compose<TeardownHandler, void(boost::system::error_code)>(detail::tls_teardown_op{stream},
                                                                                 handler, stream.socket());
}

void teardown(boost::beast::role_type, tls_stream& stream, boost::system::error_code& ec);

// How beast::close_socket (a WebSocket failing) closes the lowest layer.
inline void beast_close_socket(tls_stream& stream) {
    stream.close();
}

}  // namespace plenary::server
