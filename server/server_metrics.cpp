// Metric series of the network server; see server_metrics.hpp.
#include "server/server_metrics.hpp"

#include "common/metrics.hpp"

#include <string>

namespace plenary::server {

namespace http = boost::beast::http;

namespace {

// Unknown methods would let a client mint label values; fold them into one.
std::string method_label(http::verb method) {
    if (method == http::verb::unknown) return "OTHER";
    return std::string(http::to_string(method));
}

}  // namespace

server_metrics::server_metrics(metrics_registry& registry)
    : registry_(registry),
      open_connections_(registry.get_gauge("plenary_open_connections", "Open client connections (all stages).")),
      open_websockets_(registry.get_gauge("plenary_open_websockets", "Open WebSocket connections.")),
      tls_handshake_failures_(
          registry.get_counter("plenary_tls_handshake_failures_total", "TLS handshakes that failed or timed out.")),
      connections_rejected_(registry.get_counter("plenary_connections_rejected_total",
                                                 "Connections closed at accept: over max_connections or stopping.")),
      ws_messages_dropped_(registry.get_counter(
          "plenary_ws_messages_dropped_total", "WebSocket messages dropped because a slow client's queue was full.")) {}

void server_metrics::record_request(std::string_view route, http::verb method, unsigned status,
                                    std::chrono::steady_clock::duration elapsed) {
    const std::string route_label(route);
    registry_
        .get_counter("plenary_http_requests_total", "HTTP requests answered.",
                     {{"route", route_label}, {"method", method_label(method)}, {"status", std::to_string(status)}})
        .inc();
    registry_
        .get_histogram("plenary_http_request_duration_seconds", "Time from a request's first byte to its response.",
                       metrics_registry::latency_buckets(), {{"route", route_label}})
        .observe(std::chrono::duration<double>(elapsed).count());
}

}  // namespace plenary::server
