// Fuzz target for what the server does with request bytes before a handler
// runs, in the order server/http_session.cpp does it: Beast parses the header
// (header_limit from server_options, body unlimited), the router matches
// method + path against the app's real route table (percent-decoding each
// segment), the body is read with the matched route's limit, then the query
// helpers handlers use (events::query_param, id_cursor,
// registrations::read_page_query) and parse_json read what came. Plain-HTTP
// connections get make_https_redirect instead, and every request ends up in
// the access log, so both see every header too. Up to eight pipelined
// requests per input, each read after the previous one as the server does.
//
// Expected outcomes: a Beast parse error, or problem(bad_request /
// validation / payload_too_large) from the helpers. Checked invariants:
//  - a match is for the request's method (HEAD as GET) and WebSocket-ness;
//    params are exactly the pattern's names with the decoded, non-empty
//    segments; matching again (and HEAD for GET) gives the same answer;
//  - a 405's Allow list names only methods that match the same path, never
//    the requested one;
//  - every problem becomes a problem+json body that is strict JSON;
//  - the redirect stays on this host (validated Host or the fallback),
//    https, no control characters or spaces in Location;
//  - the access-log line is one line of strict JSON;
//  - validated query values keep their documented ranges.
// Anything else (other exceptions, failed checks, sanitizer reports) is a
// finding.
//
// The route table is the real one (register_app_routes and
// register_page_routes on a scratch store), copied once at start-up into a
// router with do-nothing handlers: the same patterns and body limits, and no
// store or threads while fuzzing.
#include "common/access_log.hpp"
#include "common/json_body.hpp"
#include "common/metrics.hpp"
#include "common/problem.hpp"
#include "common/text.hpp"
#include "db/store.hpp"
#include "server/app_routes.hpp"
#include "server/error_mapping.hpp"
#include "server/events/event_access.hpp"
#include "server/events/input_fields.hpp"
#include "server/live/live_feed.hpp"
#include "server/redirect.hpp"
#include "server/registrations/registration_filter.hpp"
#include "server/router.hpp"
#include "server/server_options.hpp"
#include "server/static_files.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

#include <unistd.h>

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace server = plenary::server;
using plenary::errc;
using plenary::problem;

constexpr std::size_t max_pipelined = 8;
constexpr unsigned short tls_port = 8443;
constexpr std::string_view listen_host = "0.0.0.0";  // wildcard: the redirect falls back to localhost

void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "fuzz_http_request: invariant failed: %s\n", what);
    std::abort();
}

// ---- the route table ----------------------------------------------------------

// Stands in for every handler; the fuzzer never calls one.
boost::asio::awaitable<server::response> no_handler(server::request_context&) {
    co_return server::response{};
}

boost::asio::awaitable<server::ws_accept> no_ws_handler(server::request_context&) {
    co_return server::ws_accept{};
}

server::router copy_patterns(const server::router& real) {
    server::router out;
    for (const auto& r : real.routes()) {
        if (r.ws_fn) {
            out.add_websocket(r.pattern, no_ws_handler);
        } else {
            out.add(r.method, r.pattern, no_handler, r.options);
        }
    }
    out.set_fallback(no_handler);
    return out;
}

// The app registers its routes against live services; build them on a
// scratch database, keep only the patterns, and tear everything down again.
server::router build_app_routes() {
    const auto dir = std::filesystem::temp_directory_path() / ("plenary-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    server::router copy;
    {
        plenary::db::store store({.path = (dir / "plenary.db").string(), .readers = 1});
        plenary::metrics_registry metrics;
        server::live::live_feed live(store);
        server::router real;
        server::register_app_routes(real, {store, metrics, live});
        server::static_files files(dir);
        server::register_page_routes(real, files);
        copy = copy_patterns(real);
        store.stop();
        live.stop();
    }
    std::filesystem::remove_all(dir);
    return copy;
}

const server::router* app_routes = nullptr;
const server::server_options default_options;

// ---- feeding bytes to Beast as a socket would -----------------------------------

// The peer closed: what Beast's read does at end of stream.
template <class Parser>
beast::error_code end_of_input(Parser& p) {
    beast::error_code ec;
    p.put_eof(ec);
    if (!ec && !p.is_done()) ec = http::error::partial_message;
    return ec;
}

// Feeds `in` to the parser `step` bytes more at a time (the server reads in
// pieces; Beast must not care where they split) until it has the header
// (header_only) or the whole message. At the end of the input the peer
// "closes": put_eof, as Beast's read does. Consumed bytes leave `in`.
template <class Parser>
beast::error_code feed(Parser& p, std::string_view& in, std::size_t step, bool header_only) {
    beast::error_code ec;
    std::size_t avail = 0;  // bytes of `in` offered so far
    while (!(header_only ? p.is_header_done() : p.is_done())) {
        if (avail == 0) {
            if (in.empty()) return end_of_input(p);
            avail = std::min(in.size(), step);
        }
        const auto used = p.put(boost::asio::buffer(in.data(), avail), ec);
        in.remove_prefix(used);
        avail -= used;
        if (ec != http::error::need_more) {
            if (ec) return ec;
            continue;
        }
        ec = {};
        if (avail < in.size()) {
            avail = std::min(in.size(), avail + step);
        } else if (used == 0) {
            return end_of_input(p);  // wants more than the peer will ever send
        }
    }
    return ec;
}

// ---- checks ---------------------------------------------------------------------

void check_problem_response(const problem& p) {
    const auto res = server::problem_response(p, 11);
    try {
        require(plenary::parse_json(res.body()).is_object(), "a problem+json body is an object");
    } catch (const problem&) {
        require(false, "a problem+json body is strict JSON");
    }
}

// Runs `fn`; a problem with one of the `allowed` codes is an expected answer.
template <class Fn>
void expect(const char* what, std::initializer_list<errc> allowed, Fn&& fn) {
    try {
        fn();
    } catch (const problem& p) {
        if (std::find(allowed.begin(), allowed.end(), p.code()) == allowed.end()) {
            std::fprintf(stderr, "fuzz_http_request: %s: unexpected problem %d: %s\n", what, static_cast<int>(p.code()),
                         p.what());
            std::abort();
        }
        check_problem_response(p);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fuzz_http_request: %s threw %s: %s\n", what, typeid(e).name(), e.what());
        std::abort();
    }
}

std::vector<std::string_view> segments_of(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t pos = 1;
    while (pos <= path.size()) {
        auto next = path.find('/', pos);
        if (next == std::string_view::npos) next = path.size();
        out.push_back(path.substr(pos, next - pos));
        pos = next + 1;
    }
    return out;
}

bool same_match(const server::router::match_result& a, const server::router::match_result& b) {
    if (a.matched != b.matched || a.allowed != b.allowed) return false;
    if (!a.matched) return true;
    for (const auto& segment : a.matched->segments) {
        if (segment.size() < 3 || segment.front() != '{') continue;
        const auto name = std::string_view(segment).substr(1, segment.size() - 2);
        if (a.params.get(name) != b.params.get(name)) return false;
    }
    return true;
}

void check_params(const server::router::route& r, const server::router::match_result& m, std::string_view path) {
    const auto raw = segments_of(path);
    require(raw.size() == r.segments.size(), "a match has the pattern's number of segments");
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const auto& segment = r.segments[i];
        const auto decoded = plenary::percent_decode(raw[i]);
        require(decoded.has_value(), "a matched path decodes");
        if (segment.size() > 2 && segment.front() == '{' && segment.back() == '}') {
            const auto name = std::string_view(segment).substr(1, segment.size() - 2);
            require(!decoded->empty() && m.params.get(name) == *decoded, "a param is its decoded, non-empty segment");
            // Handlers read these two straight away; both are noexcept.
            if (name == "id") (void)server::events::parse_positive_id(m.params.get(name));
            if (name == "slug") (void)server::events::is_valid_slug(m.params.get(name));
        } else {
            require(*decoded == segment, "a literal segment matches exactly");
        }
    }
}

http::verb as_routed(http::verb v) {
    return v == http::verb::head ? http::verb::get : v;
}

// The router's answer as serve_routed asks for it: a WebSocket route first
// when the request is an upgrade, then an ordinary one.
server::router::match_result route(http::verb method, std::string_view path, bool upgrade) {
    auto m = app_routes->match(method, path, upgrade);
    if (upgrade && !m.matched) m = app_routes->match(method, path, false);
    return m;
}

void check_match(http::verb method, std::string_view path, bool upgrade, const server::router::match_result& m) {
    require(same_match(m, route(method, path, upgrade)), "matching is repeatable");
    if (method == http::verb::get) require(same_match(m, route(http::verb::head, path, upgrade)), "HEAD routes as GET");
    if (m.matched) {
        require(m.allowed.empty(), "a match has no Allow list");
        require(m.matched->method == as_routed(method), "a match is for the request's method");
        if (m.matched->ws_fn) require(upgrade, "only an upgrade reaches a WebSocket route");
        check_params(*m.matched, m, path);
        return;
    }
    for (const auto v : m.allowed) {
        require(v != as_routed(method), "Allow never names the method that was refused");
        require(app_routes->match(v, path, false).matched != nullptr, "Allow names only methods that match");
    }
}

bool has_control_or_space(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F; });
}

void check_redirect(const http::request_header<>& hdr) {
    const auto res = server::make_https_redirect(hdr, listen_host, tls_port);
    const std::string_view location = res[http::field::location];
    require(res.result() == http::status::permanent_redirect, "plain HTTP answers 308");
    require(location.starts_with("https://"), "the redirect goes to https");
    require(!has_control_or_space(location), "Location has no control characters or spaces");
    std::optional<std::string> host;
    if (const auto it = hdr.find(http::field::host); it != hdr.end()) host = server::valid_redirect_host(it->value());
    const std::string authority = host.value_or("localhost") + ":" + std::to_string(tls_port);
    const auto rest = location.substr(8);
    require(rest.starts_with(authority) && rest.substr(authority.size()).starts_with('/'),
            "the redirect stays on this host");
    require(!rest.substr(authority.size()).starts_with("//"), "the redirect's path is not another authority");
}

void check_access_log(const http::request_header<>& hdr, std::string_view path) {
    const std::string method = std::string(hdr.method_string().substr(0, 16));
    const plenary::access_entry entry{.remote = "203.0.113.7",
                                      .method = method,
                                      .path = path,
                                      .route = "-",
                                      .status = 400,
                                      .user_agent = hdr[http::field::user_agent]};
    const auto line = plenary::access_log::format(entry, std::chrono::system_clock::time_point{});
    require(line.find('\n') == std::string::npos, "an access-log entry is one line");
    try {
        require(plenary::parse_json(line).is_object(), "an access-log line is a JSON object");
    } catch (const problem&) {
        require(false, "an access-log line is strict JSON");
    }
}

// ---- what handlers read from the query and the body -----------------------------

void check_query(std::string_view query) {
    namespace events = server::events;
    for (const auto name : {"status", "country", "session", "q", "limit", "cursor", "lang", "email", "before"}) {
        expect("query_param", {errc::bad_request}, [&] {
            if (const auto value = events::query_param(query, name)) {
                require(value->find('\0') == std::string::npos, "a decoded query value has no NUL");
            }
        });
    }
    for (const auto name : {"cursor", "before"}) {
        expect("id_cursor", {errc::bad_request, errc::validation}, [&] {
            if (const auto id = events::id_cursor(query, name)) require(*id > 0, "a cursor is positive");
        });
    }
    expect("read_page_query", {errc::bad_request, errc::validation}, [&] {
        const auto page = server::registrations::read_page_query(query);
        require(page.limit >= 1 && page.limit <= 200, "a page size is 1-200");
        require(page.after_id >= 0, "a cursor is not negative");
        if (page.filter.query) require(plenary::is_valid_utf8(*page.filter.query), "a search text is UTF-8");
    });
}

void check_body(const server::request& req) {
    if (req.body().empty()) return;
    expect("parse_json", {errc::bad_request, errc::payload_too_large}, [&] { (void)plenary::parse_json(req.body()); });
}

// ---- one request ------------------------------------------------------------------

std::string_view path_of(std::string_view target) {
    return target.substr(0, target.find('?'));
}

// Reads and checks one request from `in`; false when the connection would
// close (error, or no keep-alive).
bool serve_one(std::string_view& in, std::size_t step) {
    http::request_parser<http::empty_body> head;
    head.header_limit(static_cast<std::uint32_t>(default_options.header_limit));
    head.body_limit(boost::none);  // as the server: the route decides, below
    if (feed(head, in, step, true)) return false;

    const auto& hdr = head.get();
    const std::string target(hdr.target());
    const std::string_view path = path_of(target);
    check_redirect(hdr);
    check_access_log(hdr, path);
    if (!path.starts_with('/')) return false;  // 400 before routing

    const bool upgrade = beast::websocket::is_upgrade(hdr);
    server::router::match_result m;
    bool routed = false;
    expect("router::match", {errc::bad_request}, [&] {
        m = route(hdr.method(), path, upgrade);
        routed = true;
    });
    if (!routed) return false;
    check_match(hdr.method(), path, upgrade, m);

    const std::size_t limit =
        m.matched && m.matched->options.body_limit ? m.matched->options.body_limit : default_options.body_limit;
    if (head.content_length().value_or(0) > limit) return false;  // 413
    http::request_parser<http::string_body> full{std::move(head)};
    full.body_limit(limit);
    if (feed(full, in, step, false)) return false;
    const auto req = full.release();
    require(std::string_view(req.target()) == target, "the target survives reading the body");

    const auto query_at = target.find('?');
    check_query(query_at == std::string::npos ? std::string_view{} : std::string_view(target).substr(query_at + 1));
    check_body(req);
    return req.keep_alive();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    static const server::router routes = build_app_routes();
    // A table that came out empty would let every check pass vacuously.
    require(routes.routes().size() >= 40, "the app's route table was built");
    std::fprintf(stderr, "fuzz_http_request: %zu routes\n", routes.routes().size());
    app_routes = &routes;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view in(reinterpret_cast<const char*>(data), size);
    // One input in four arrives in small pieces (the size picks how small),
    // the rest at once, so the seeds stay plain HTTP.
    const std::size_t step = size % 4 == 0 ? 1 + size % 61 : size;
    for (std::size_t i = 0; i < max_pipelined && !in.empty(); ++i) {
        if (!serve_one(in, step)) break;
    }
    return 0;
}
