// The request and response types handlers see, and the context a router hands them.
// Handlers take a request_context and return a response; they never see a socket.
#pragma once

#include "server/hub.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace plenary::server {

namespace http = boost::beast::http;
using request = http::request<http::string_body>;
using response = http::response<http::string_body>;

// Path parameters captured by a route pattern such as /events/{slug}.
class route_params {
public:
    void add(std::string name, std::string value) { items_.emplace_back(std::move(name), std::move(value)); }
    // Empty when absent; patterns guarantee presence for their own names.
    std::string_view get(std::string_view name) const;
    bool empty() const noexcept { return items_.empty(); }

private:
    std::vector<std::pair<std::string, std::string>> items_;
};

struct request_context {
    const request& req;
    std::string_view path;   // raw path as sent (still percent-encoded), no query
    std::string_view query;  // raw query string without '?'
    route_params params;
    std::string remote_address;
    bool secure = false;
};

using handler = std::function<boost::asio::awaitable<response>(request_context&)>;

// What a WebSocket route decides at the handshake: which hub topic the new
// connection listens to and the first message it gets, or, for feeds whose
// first message must be cut at the same instant as the subscription, an
// `attach` that delivers it and subscribes in one step once the handshake is
// done. Throwing a problem refuses the upgrade with that problem's status.
struct ws_accept {
    std::string topic;
    std::shared_ptr<const std::string> first_message;
    std::function<std::vector<hub::subscription>(const std::shared_ptr<hub::subscriber>&)> attach;
    // Set for sockets that carry credentials: decides the handshake's access
    // again (every server_options::ws_recheck_interval) and throws a problem
    // once it no longer holds, so a revoked kiosk or token, a removed staff
    // member or an ended browser session stops receiving.
    std::function<boost::asio::awaitable<void>()> recheck{};
};
using ws_handler = std::function<boost::asio::awaitable<ws_accept>(request_context&)>;

struct route_options {
    std::size_t body_limit = 0;  // bytes; 0 means the server's default
    bool any_body = false;       // false: a body must be JSON (else 415 before the handler)
};

// The media type of a Content-Type value: before any parameter, trimmed,
// in the case it was sent in (compare it with beast::iequals).
std::string_view media_type_of(std::string_view content_type) noexcept;

// Every route that reads a body reads JSON; a body sent as anything else is
// refused with 415 before the handler runs. True for application/json and
// application/<x>+json, with no charset parameter or charset=utf-8.
bool is_json_media_type(std::string_view content_type) noexcept;

// Helpers for building responses in handlers.
response json_response(http::status status, std::string body);
response json_response(http::status status, const boost::json::value& body);
response text_response(http::status status, std::string body, std::string_view content_type);

}  // namespace plenary::server
