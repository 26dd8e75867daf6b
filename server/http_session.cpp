// The HTTP/1.1 request loop; see http_session.hpp. Deadlines: the idle
// timeout while waiting for a request's first byte, then one read deadline for
// the whole request (so a slow trickle can not hold a connection), then the
// write timeout for a response the socket does not take at once.
#include "server/http_session.hpp"

#include "common/access_log.hpp"
#include "common/metrics.hpp"
#include "common/problem.hpp"
#include "common/text.hpp"
#include "server/coroutine_support.hpp"
#include "server/error_mapping.hpp"
#include "server/redirect.hpp"
#include "server/response_head.hpp"
#include "server/websocket_session.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_suffix.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include <array>
#include <stdexcept>

namespace plenary::server {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using boost::system::error_code;

namespace {

bool is_parse_error(const error_code& ec) {
    return ec.category() == beast::http::make_error_code(http::error::bad_method).category() &&
           ec != http::error::end_of_stream && ec != http::error::partial_message;
}

std::string allow_header(const std::vector<http::verb>& allowed) {
    std::string out;
    bool has_get = false;
    for (auto v : allowed) {
        if (!out.empty()) out += ", ";
        out += http::to_string(v);
        has_get = has_get || v == http::verb::get;
    }
    // The router answers HEAD from GET routes.
    if (has_get) out += ", HEAD";
    return out;
}

bool expects_body(const http::request_parser<http::empty_body>& head) {
    return head.chunked() || head.content_length().value_or(0) > 0;
}

// Feeds the bytes already buffered to `parser` until it has the header
// (`header_only`) or the whole message. Beast's async_read_header and
// async_read finish even a read the buffer already satisfies through a posted
// completion: two scheduler round trips per request, when a kept-alive
// request usually arrives whole in the read that woke the session. True when
// nothing more needs reading or `ec` is set; false: read asynchronously.
template <class Parser>
bool parse_buffered(Parser& parser, beast::flat_buffer& buffer, bool header_only, error_code& ec) {
    const auto enough = [&] { return header_only ? parser.is_header_done() : parser.is_done(); };
    while (!enough() && buffer.size() > 0) {
        const std::size_t used = parser.put(buffer.data(), ec);
        buffer.consume(used);
        if (ec == http::error::need_more) {
            ec = {};
            return false;
        }
        if (ec) return true;
        if (used == 0) return false;
    }
    return enough();
}

}  // namespace

template <class Stream>
http_session<Stream>::http_session(Stream stream, beast::flat_buffer buffer, connection_registry::lease lease,
                                   const session_context& ctx, std::string remote_address)
    : stream_(std::move(stream)),
      buffer_(std::move(buffer)),
      lease_(std::move(lease)),
      ctx_(ctx),
      remote_(std::move(remote_address)),
      executor_(stream_.get_executor()) {}

template <class Stream>
void http_session<Stream>::start() {
    asio::co_spawn(executor_, run(this->shared_from_this()), log_failures("http session"));
}

template <class Stream>
void http_session<Stream>::stop() {
    asio::post(executor_, [self = this->shared_from_this()] {
        self->stopping_ = true;
        if (!self->upgraded_ && self->phase_ == phase::waiting) self->lowest().cancel();
    });
}

template <class Stream>
void http_session<Stream>::force_close() {
    asio::post(executor_, [self = this->shared_from_this()] {
        if (!self->upgraded_) self->lowest().close();
    });
}

template <class Stream>
bool http_session<Stream>::draining() const {
    return stopping_ || ctx_.connections.stopping();
}

template <class Stream>
asio::awaitable<void> http_session<Stream>::run(std::shared_ptr<http_session> self) {
    lease_.bind(self);
    if (!co_await handshake()) co_return;
    outcome last = outcome::close;
    while (co_await wait_for_request()) {
        last = co_await serve_request();
        if (last != outcome::keep_alive) break;
    }
    if (last == outcome::upgraded) co_return;
    co_await close_gracefully();
}

template <class Stream>
asio::awaitable<bool> http_session<Stream>::handshake() {
    if constexpr (!is_tls) {
        co_return true;
    } else {
        phase_ = phase::waiting;
        lowest().expires_after(ctx_.options.handshake_timeout);
        auto [ec, used] =
            co_await stream_.async_handshake(asio::ssl::stream_base::server, buffer_.data(), nothrow_awaitable);
        if (ec) {
            if (!stopping_) ctx_.metrics.tls_handshake_failures().inc();
            co_return false;
        }
        buffer_.consume(used);
        co_return true;
    }
}

template <class Stream>
asio::awaitable<bool> http_session<Stream>::wait_for_request() {
    phase_ = phase::waiting;
    if (draining()) co_return false;
    if (buffer_.size() == 0) {
        lowest().expires_after(ctx_.options.idle_timeout);
        auto [ec, n] = co_await stream_.async_read_some(buffer_.prepare(4096), nothrow_awaitable);
        if (ec) co_return false;
        buffer_.commit(n);
    }
    phase_ = phase::busy;
    co_return true;
}

template <class Stream>
asio::awaitable<typename http_session<Stream>::outcome> http_session<Stream>::serve_request() {
    exchange ex;
    lowest().expires_after(ctx_.options.read_timeout);
    header_parser head;
    head.header_limit(static_cast<std::uint32_t>(ctx_.options.header_limit));
    // The real limit depends on the route, checked once the header is in.
    head.body_limit(boost::none);
    error_code ec;
    if (!parse_buffered(head, buffer_, true, ec)) {
        std::tie(ec, std::ignore) = co_await http::async_read_header(stream_, buffer_, head, nothrow_awaitable);
    }
    if (ec) co_return co_await fail_read(ec, ex, 11);

    const auto& hdr = head.get();
    ex.method = hdr.method();
    ex.method_text = std::string(hdr.method_string().substr(0, 16));
    const std::string_view target = hdr.target();
    ex.path = std::string(target.substr(0, target.find('?')));
    ex.user_agent = std::string(hdr[http::field::user_agent]);

    if constexpr (!is_tls) {
        response res = make_https_redirect(hdr, ctx_.options.listen_host, ctx_.tls_port);
        // An unread body would be taken for the next request.
        const bool keep = hdr.keep_alive() && !expects_body(head) && !draining();
        co_return co_await finish(res, ex, keep, hdr.method() == http::verb::head);
    } else {
        co_return co_await serve_routed(head, ex);
    }
}

template <class Stream>
asio::awaitable<typename http_session<Stream>::outcome> http_session<Stream>::serve_routed(header_parser& head,
                                                                                           exchange& ex) {
    const unsigned version = head.get().version();
    const bool upgrade = websocket::is_upgrade(head.get());
    router::match_result m;
    if (const auto err = match_route(ex, upgrade, m)) {
        response res = error_response(err, version);
        co_return co_await finish(res, ex, false, false);
    }

    const std::size_t limit =
        m.matched && m.matched->options.body_limit ? m.matched->options.body_limit : ctx_.options.body_limit;
    // Beast checks Content-Length against the limit only while parsing the
    // header, which ran unlimited; chunked bodies are checked while read.
    if (head.content_length().value_or(0) > limit) {
        response res = problem_response(problem(errc::payload_too_large, "request body is too large"), version);
        co_return co_await finish(res, ex, false, false);
    }
    if (beast::iequals(head.get()[http::field::expect], "100-continue") && expects_body(head)) {
        http::response<http::empty_body> go_on{http::status::continue_, version};
        auto [ec, n] = co_await http::async_write(stream_, go_on, nothrow_awaitable);
        if (ec) co_return outcome::close;
    }

    http::request_parser<http::string_body> full{std::move(head)};
    full.body_limit(limit);
    error_code ec;
    if (!parse_buffered(full, buffer_, false, ec)) {
        std::tie(ec, std::ignore) = co_await http::async_read(stream_, buffer_, full, nothrow_awaitable);
    }
    if (ec) co_return co_await fail_read(ec, ex, version);

    request req = full.release();
    const std::string_view target = req.target();
    const auto query_at = target.find('?');
    request_context rc{req,
                       ex.path,
                       query_at == std::string_view::npos ? std::string_view{} : target.substr(query_at + 1),
                       std::move(m.params),
                       remote_,
                       true};

    if (upgrade && m.matched && m.matched->ws_fn) co_return co_await upgrade_to_websocket(req, rc, *m.matched, ex);

    // Checked once the (size-limited) body is read, so the client reads the
    // answer instead of a reset, and the connection stays usable.
    if (refuses_body(m, req)) {
        response res = problem_response(problem(errc::unsupported_media_type, "the body must be JSON",
                                                {{"Content-Type", "must be application/json"}}),
                                        version);
        co_return co_await finish(res, ex, req.keep_alive() && !draining(), req.method() == http::verb::head);
    }

    // The route's own coroutine is awaited here, inside this frame's try,
    // rather than through one of ours: a frame less on every request.
    response res;
    std::exception_ptr failed;
    try {
        res = co_await handler_for(rc, m, ex);
    } catch (...) {
        failed = std::current_exception();
    }
    if (failed) res = error_response(failed, version);
    co_return co_await finish(res, ex, req.keep_alive() && !draining(), req.method() == http::verb::head);
}

template <class Stream>
asio::awaitable<typename http_session<Stream>::outcome> http_session<Stream>::upgrade_to_websocket(
    request& req, request_context& rc, const router::route& route, exchange& ex) {
    ex.route = route.pattern;
    std::optional<ws_accept> accepted;
    std::exception_ptr err;
    try {
        accepted = co_await route.ws_fn(rc);
    } catch (...) {
        err = std::current_exception();
    }
    if (!accepted) {
        response res = error_response(err, req.version());
        co_return co_await finish(res, ex, req.keep_alive() && !draining(), false);
    }
    record(ex, 101, 0);
    if constexpr (is_tls) {
        if (ctx_.io != nullptr && stream_.move_to(ctx_.io->next_websocket_executor())) {
            co_return outcome::close;  // the peer is gone already
        }
        upgraded_ = true;
        auto ws = std::make_shared<websocket_session>(std::move(stream_), std::move(lease_), ctx_);
        ws->start(std::move(req), std::move(*accepted));
        co_return outcome::upgraded;
    } else {
        co_return outcome::close;  // unreachable: plain connections only ever redirect
    }
}

template <class Stream>
std::exception_ptr http_session<Stream>::match_route(const exchange& ex, bool upgrade, router::match_result& m) const {
    try {
        if (!ex.path.starts_with('/')) throw problem(errc::bad_request, "request target must be an absolute path");
        m = ctx_.routes.match(ex.method, ex.path, upgrade);
        // An upgrade nobody handles is an ordinary request (RFC 9110 lets a server ignore Upgrade).
        if (upgrade && !m.matched) m = ctx_.routes.match(ex.method, ex.path, false);
        return nullptr;
    } catch (...) {
        return std::current_exception();
    }
}

template <class Stream>
bool http_session<Stream>::refuses_body(const router::match_result& m, const request& req) {
    return m.matched && !m.matched->options.any_body && !req.body().empty() &&
           !is_json_media_type(req[http::field::content_type]);
}

template <class Stream>
asio::awaitable<response> http_session<Stream>::handler_for(request_context& rc, router::match_result& m,
                                                            exchange& ex) {
    if (m.matched) {
        ex.route = m.matched->pattern;
        return m.matched->fn(rc);
    }
    return answer_unmatched(rc, m, ex);
}

template <class Stream>
asio::awaitable<response> http_session<Stream>::answer_unmatched(request_context& rc, router::match_result& m,
                                                                 exchange& ex) {
    if (!m.allowed.empty()) {
        response res = problem_response(problem(errc::method_not_allowed, "method not allowed for this resource"),
                                        rc.req.version());
        res.set(http::field::allow, allow_header(m.allowed));
        co_return res;
    }
    const bool get_like = ex.method == http::verb::get || ex.method == http::verb::head;
    if (get_like && ctx_.routes.fallback()) {
        ex.route = "static";
        co_return co_await ctx_.routes.fallback()(rc);
    }
    throw problem(errc::not_found, "no such resource");
}

template <class Stream>
asio::awaitable<typename http_session<Stream>::outcome> http_session<Stream>::fail_read(error_code ec, exchange& ex,
                                                                                        unsigned version) {
    std::optional<problem> answer;
    if (ec == http::error::header_limit) {
        answer.emplace(errc::header_too_large, "request header is too large");
    } else if (ec == http::error::body_limit) {
        answer.emplace(errc::payload_too_large, "request body is too large");
    } else if (is_parse_error(ec)) {
        answer.emplace(errc::bad_request, "malformed HTTP request");
    }
    // Timeouts, resets and a peer that went away get no answer: nobody reads it.
    if (!answer) co_return outcome::close;
    response res = problem_response(*answer, version);
    co_return co_await finish(res, ex, false, false);
}

template <class Stream>
asio::awaitable<typename http_session<Stream>::outcome> http_session<Stream>::finish(response& res, exchange& ex,
                                                                                     bool keep_alive, bool head_only) {
    if (status_forbids_body(res.result_int()) && !res.body().empty()) {
        // A handler put a body on a 204/304: a bug, answered as one.
        res = error_response(std::make_exception_ptr(std::logic_error("a body on a status that forbids one")),
                             res.version());
    }
    write_response_head(res, keep_alive, is_tls, head_);
    const bool with_body = !head_only && !res.body().empty();
    const std::array<asio::const_buffer, 2> out{asio::buffer(head_),
                                                with_body ? asio::buffer(res.body()) : asio::const_buffer()};
    error_code ec;
    std::size_t sent = 0;
    if constexpr (is_tls) sent = stream_.write_now(out, ec);
    if (!ec && sent < asio::buffer_size(out)) {
        lowest().expires_after(ctx_.options.write_timeout);
        beast::buffers_suffix<std::array<asio::const_buffer, 2>> rest(out);
        rest.consume(sent);
        std::tie(ec, std::ignore) = co_await asio::async_write(stream_, rest, nothrow_awaitable);
    }
    record(ex, res.result_int(), head_only ? 0 : res.body().size());
    if (ec || !keep_alive) co_return outcome::close;
    co_return outcome::keep_alive;
}

template <class Stream>
void http_session<Stream>::record(const exchange& ex, unsigned status, std::size_t bytes_out) {
    const auto elapsed = std::chrono::steady_clock::now() - ex.start;
    ctx_.metrics.record_request(ex.route, ex.method, status, elapsed);
    ctx_.log.write(access_entry{
        .remote = remote_,
        .method = ex.method_text,
        .path = ex.path,
        .route = ex.route == "unmatched" ? std::string_view("-") : std::string_view(ex.route),
        .status = status,
        .bytes_out = bytes_out,
        .duration = std::chrono::duration_cast<std::chrono::microseconds>(elapsed),
        .user_agent = ex.user_agent,
        .tls = is_tls,
    });
}

template <class Stream>
asio::awaitable<void> http_session<Stream>::close_gracefully() {
    phase_ = phase::waiting;
    if (!lowest().socket().is_open()) co_return;
    if constexpr (is_tls) {
        // close_notify tells the client the response was not truncated; a
        // client that never answers it is cut by the deadline (or by stop()).
        if (!stopping_) {
            lowest().expires_after(ctx_.options.write_timeout);
            co_await stream_.async_shutdown(nothrow_awaitable);
        }
    } else {
        error_code ignored;
        lowest().socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    }
    lowest().close();
}

template class http_session<beast::tcp_stream>;
template class http_session<tls_stream>;

}  // namespace plenary::server
