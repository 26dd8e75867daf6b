// The network server's metric series. Unlabelled series are looked up once at
// startup and updated with atomics; per-request series (route pattern, method,
// status: bounded label values) are still looked up in the registry, under its
// lock, on every request — a cost for the performance work to measure.
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
