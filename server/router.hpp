// Maps method + path pattern to a handler. Patterns are literal segments and
// {name} parameters ("/api/v1/events/{slug}/sessions"); a literal segment wins
// over a parameter at the same position. HEAD falls back to the GET route.
#pragma once

#include "server/http_types.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plenary::server {

class router {
public:
    struct route {
        http::verb method;
        std::string pattern;
        std::vector<std::string> segments;
        handler fn;
        ws_handler ws_fn;  // set for WebSocket routes (method is GET)
        route_options options;
    };

    struct match_result {
        const route* matched = nullptr;  // null: see allowed
        route_params params;
        // When the path exists under other methods: those methods (405 + Allow).
        // Empty with no match: 404.
        std::vector<http::verb> allowed;
    };

    // Add every route before the server starts: handlers are called in place
    // (coroutine lambdas keep pointing at their captures), so the table must
    // not change while requests run.
    void add(http::verb method, std::string_view pattern, handler fn, route_options options = {});
    void add_websocket(std::string_view pattern, ws_handler fn);

    // For GET/HEAD requests that no route matches (static files).
    void set_fallback(handler fn) { fallback_ = std::move(fn); }
    const handler& fallback() const noexcept { return fallback_; }

    // `path` is the raw (percent-encoded) path without query; each segment is
    // decoded before comparison, so %2F inside a parameter stays inside it.
    // Throws problem(bad_request) on malformed percent-encoding.
    match_result match(http::verb method, std::string_view path, bool websocket = false) const;

    // The pattern of a matching route, for metrics labels that stay bounded.
    const std::vector<route>& routes() const noexcept { return routes_; }

private:
    std::vector<route> routes_;
    handler fallback_;
};

}  // namespace plenary::server
