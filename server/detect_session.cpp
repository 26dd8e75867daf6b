// TLS-or-plain detection; see detect_session.hpp.
#include "server/detect_session.hpp"

#include "server/coroutine_support.hpp"
#include "server/http_session.hpp"
#include "server/tls_stream.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/detect_ssl.hpp>

namespace plenary::server {

namespace asio = boost::asio;
namespace beast = boost::beast;

detect_session::detect_session(asio::ip::tcp::socket socket, connection_registry::lease lease,
                               const session_context& ctx, std::string remote_address)
    : stream_(std::move(socket)),
      lease_(std::move(lease)),
      ctx_(ctx),
      remote_(std::move(remote_address)),
      executor_(stream_.get_executor()) {}

void detect_session::start() {
    asio::co_spawn(executor_, run(shared_from_this()), log_failures("tls detection"));
}

void detect_session::stop() {
    asio::post(executor_, [self = shared_from_this()] {
        if (!self->handed_off_) self->stream_.cancel();
    });
}

void detect_session::force_close() {
    asio::post(executor_, [self = shared_from_this()] {
        if (!self->handed_off_) self->stream_.close();
    });
}

asio::awaitable<void> detect_session::run(std::shared_ptr<detect_session> self) {
    lease_.bind(self);
    stream_.expires_after(ctx_.options.handshake_timeout);
    auto [ec, is_tls] = co_await beast::async_detect_ssl(stream_, buffer_, nothrow_awaitable);
    // A peer that leaves or stays silent before saying anything is not a
    // failed TLS handshake; it simply goes away.
    if (ec) co_return;
    handed_off_ = true;
    if (is_tls) {
        std::make_shared<http_session<tls_stream>>(tls_stream(stream_.release_socket(), *ctx_.tls), std::move(buffer_),
                                                   std::move(lease_), ctx_, std::move(remote_))
            ->start();
    } else {
        std::make_shared<http_session<beast::tcp_stream>>(std::move(stream_), std::move(buffer_), std::move(lease_),
                                                          ctx_, std::move(remote_))
            ->start();
    }
}

}  // namespace plenary::server
