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

std::size_t server_metrics::key_hash::operator()(const series_key& k) const noexcept {
    const std::size_t h = std::hash<std::string_view>{}(k.route);
    return h ^ (static_cast<std::size_t>(k.method) << 16) ^ (static_cast<std::size_t>(k.status) << 32);
}

server_metrics::request_series server_metrics::series_for(const series_key& key) {
    {
        std::shared_lock lock(series_mutex_);
        if (auto it = series_.find(key); it != series_.end()) return it->second;
    }
    const std::string route_label(key.route);
    request_series found{
        &registry_.get_counter(
            "plenary_http_requests_total", "HTTP requests answered.",
            {{"route", route_label}, {"method", method_label(key.method)}, {"status", std::to_string(key.status)}}),
        &registry_.get_histogram("plenary_http_request_duration_seconds",
                                 "Time from a request's first byte to its response.",
                                 metrics_registry::latency_buckets(), {{"route", route_label}}),
    };
    std::unique_lock lock(series_mutex_);
    series_.try_emplace(stored_key{route_label, key.method, key.status}, found);
    return found;
}

void server_metrics::record_request(std::string_view route, http::verb method, unsigned status,
                                    std::chrono::steady_clock::duration elapsed) {
    const auto series = series_for(series_key{route, method, status});
    series.requests->inc();
    series.duration->observe(std::chrono::duration<double>(elapsed).count());
}

}  // namespace plenary::server
