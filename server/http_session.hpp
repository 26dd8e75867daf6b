// One HTTP/1.1 connection after TLS detection. Over TLS it serves the router
// (and hands WebSocket upgrades to websocket_session); over plain TCP the same
// request loop answers every request with a 308 to HTTPS. Requests are read
// and answered strictly one after another, which makes pipelining correct by
// construction: later requests wait in the read buffer.
#pragma once

#include "server/connection_registry.hpp"
#include "server/session_context.hpp"
#include "server/tls_stream.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>

#include <chrono>
#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>

namespace plenary::server {

template <class Stream>
class http_session final : public std::enable_shared_from_this<http_session<Stream>>, public stoppable {
public:
    static constexpr bool is_tls = !std::is_same_v<Stream, boost::beast::tcp_stream>;

    // `buffer` holds bytes already read during TLS detection.
    http_session(Stream stream, boost::beast::flat_buffer buffer, connection_registry::lease lease,
                 const session_context& ctx, std::string remote_address);

    void start();
    void stop() override;
    void force_close() override;

private:
    // Where the connection is decides what stop() may do: a waiting
    // connection (handshake, idle, TLS close) can be cut; a busy one finishes
    // its request first.
    enum class phase { waiting, busy };
    enum class outcome { keep_alive, close, upgraded };

    // Per-request facts for the access log and metrics.
    struct exchange {
        std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
        boost::beast::http::verb method = boost::beast::http::verb::unknown;
        std::string method_text = "-";
        std::string path = "-";
        // Views a route's pattern: the routes are fixed before the server starts.
        std::string_view route = "unmatched";
        std::string user_agent;
    };
    using header_parser = boost::beast::http::request_parser<boost::beast::http::empty_body>;

    boost::asio::awaitable<void> run(std::shared_ptr<http_session> self);
    boost::asio::awaitable<bool> handshake();
    boost::asio::awaitable<bool> wait_for_request();
    boost::asio::awaitable<outcome> serve_request();
    boost::asio::awaitable<outcome> serve_routed(header_parser& head, exchange& ex);
    boost::asio::awaitable<outcome> upgrade_to_websocket(request& req, request_context& rc, const router::route& route,
                                                         exchange& ex);
    // Fills `m`; a target that is not an absolute path, or a router error,
    // comes back as the exception to answer with.
    std::exception_ptr match_route(const exchange& ex, bool upgrade, router::match_result& m) const;
    // A body on a route that takes only JSON, of another type.
    static bool refuses_body(const router::match_result& m, const request& req);
    // The matched route's coroutine itself (not a coroutine of ours), or
    // answer_unmatched's; either may throw when awaited.
    boost::asio::awaitable<response> handler_for(request_context& rc, router::match_result& m, exchange& ex);
    boost::asio::awaitable<response> answer_unmatched(request_context& rc, router::match_result& m, exchange& ex);
    boost::asio::awaitable<outcome> finish(response& res, exchange& ex, bool keep_alive, bool head_only);
    boost::asio::awaitable<outcome> fail_read(boost::system::error_code ec, exchange& ex, unsigned version);
    boost::asio::awaitable<void> close_gracefully();
    void record(const exchange& ex, unsigned status, std::size_t bytes_out);
    bool draining() const;
    auto& lowest() { return boost::beast::get_lowest_layer(stream_); }

    Stream stream_;
    boost::beast::flat_buffer buffer_;
    std::string head_;  // the response head being written, reused across requests
    connection_registry::lease lease_;
    const session_context& ctx_;
    std::string remote_;
    boost::asio::any_io_executor executor_;  // the connection's (serialized) executor; outlives a moved-out stream_
    phase phase_ = phase::waiting;
    bool stopping_ = false;
    bool upgraded_ = false;  // stream_ now belongs to a websocket_session
};

extern template class http_session<boost::beast::tcp_stream>;
extern template class http_session<tls_stream>;

}  // namespace plenary::server
