// The network server's metric series, looked up once at startup so the
// request path touches atomics, plus the per-request recording whose label
// values (route pattern, method, status) stay bounded.
#pragma once

#include <boost/beast/http/verb.hpp>

#include <chrono>
#include <string_view>

namespace plenary {
class counter;
class gauge;
class metrics_registry;
}  // namespace plenary

namespace plenary::server {

class server_metrics {
public:
    explicit server_metrics(metrics_registry& registry);

    gauge& open_connections() noexcept { return open_connections_; }
    gauge& open_websockets() noexcept { return open_websockets_; }
    counter& tls_handshake_failures() noexcept { return tls_handshake_failures_; }
    counter& connections_rejected() noexcept { return connections_rejected_; }
    counter& ws_messages_dropped() noexcept { return ws_messages_dropped_; }

    // `route` is a route pattern, "static" or "unmatched".
    void record_request(std::string_view route, boost::beast::http::verb method, unsigned status,
                        std::chrono::steady_clock::duration elapsed);

private:
    metrics_registry& registry_;
    gauge& open_connections_;
    gauge& open_websockets_;
    counter& tls_handshake_failures_;
    counter& connections_rejected_;
    counter& ws_messages_dropped_;
};

}  // namespace plenary::server
