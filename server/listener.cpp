// Accept loop; see listener.hpp.
#include "server/listener.hpp"

#include "common/access_log.hpp"
#include "common/metrics.hpp"
#include "server/coroutine_support.hpp"
#include "server/detect_session.hpp"
#include "server/http_session.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <stdexcept>

namespace plenary::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::ip::tcp;

namespace {

tcp::endpoint resolve_listen(asio::io_context& ioc, const std::string& host, unsigned short port) {
    boost::system::error_code ec;
    auto addr = asio::ip::make_address(host, ec);
    if (!ec) return {addr, port};
    // A name such as "localhost": take its first address.
    tcp::resolver resolver(ioc);
    auto results = resolver.resolve(host, std::to_string(port), tcp::resolver::passive, ec);
    if (ec || results.empty()) {
        throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + ": " +
                                 (ec ? ec.message() : std::string("no address")));
    }
    return results.begin()->endpoint();
}

}  // namespace

listener::listener(io_context_pool& pool, const std::string& host, unsigned short port, kind k,
                   const session_context& ctx)
    : pool_(pool), acceptor_(asio::make_strand(pool.first())), kind_(k), ctx_(ctx) {
    const tcp::endpoint ep = resolve_listen(pool.first(), host, port);
    boost::system::error_code ec;
    acceptor_.open(ep.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(ep, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + ": " + ec.message());
    port_ = acceptor_.local_endpoint().port();
}

void listener::start() {
    asio::co_spawn(acceptor_.get_executor(), accept_loop(shared_from_this()), log_failures("listener"));
}

void listener::stop() {
    asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
        boost::system::error_code ignored;
        self->acceptor_.close(ignored);
    });
}

asio::awaitable<void> listener::accept_loop(std::shared_ptr<listener> /*self*/) {
    while (acceptor_.is_open()) {
        auto [ec, socket] = co_await acceptor_.async_accept(pool_.next_connection_executor(), nothrow_awaitable);
        if (ec == asio::error::operation_aborted || !acceptor_.is_open()) break;
        if (ec) {
            // Out of descriptors and the like: log, breathe, keep serving the
            // connections already open instead of spinning on the error.
            log_event("warn", "accept failed", ec.message());
            asio::steady_timer pause(acceptor_.get_executor(), std::chrono::milliseconds(100));
            co_await pause.async_wait(nothrow_awaitable);
            continue;
        }
        admit(std::move(socket));
    }
}

void listener::admit(tcp::socket socket) {
    auto lease = ctx_.connections.try_admit();
    if (!lease) {
        // Cheapest refusal: no TLS handshake spent on a connection we will not serve.
        ctx_.metrics.connections_rejected().inc();
        boost::system::error_code ignored;
        socket.close(ignored);
        return;
    }
    boost::system::error_code ec;
    socket.set_option(tcp::no_delay(true), ec);
    const auto peer = socket.remote_endpoint(ec);
    std::string remote = ec ? std::string("-") : peer.address().to_string();
    if (kind_ == kind::https) {
        std::make_shared<detect_session>(std::move(socket), std::move(*lease), ctx_, std::move(remote))->start();
        return;
    }
    std::make_shared<http_session<beast::tcp_stream>>(beast::tcp_stream(std::move(socket)), beast::flat_buffer{},
                                                      std::move(*lease), ctx_, std::move(remote))
        ->start();
}

}  // namespace plenary::server
