// The network server's metric series. Unlabelled series are looked up once at
// startup and updated with atomics. Per-request series (route pattern, method,
// status: bounded label values) are looked up in the registry once per
// combination and then found in a small map of our own under a shared lock:
// building the label set and locking the registry on every request was 3% of
// a stats GET's CPU under wrk.
#pragma once

#include <boost/beast/http/verb.hpp>

#include <chrono>
#include <cstddef>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace plenary {
class counter;
class gauge;
class histogram;
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
    struct series_key {
        std::string_view route;
        boost::beast::http::verb method;
        unsigned status;
    };
    struct stored_key {
        std::string route;
        boost::beast::http::verb method;
        unsigned status;
    };
    struct key_hash {
        using is_transparent = void;
        std::size_t operator()(const series_key& k) const noexcept;
        std::size_t operator()(const stored_key& k) const noexcept { return (*this)(view(k)); }
    };
    struct key_equal {
        using is_transparent = void;
        template <class A, class B>
        bool operator()(const A& a, const B& b) const noexcept {
            return a.route == b.route && a.method == b.method && a.status == b.status;
        }
    };
    struct request_series {
        counter* requests;
        histogram* duration;
    };
    static series_key view(const stored_key& k) noexcept { return {k.route, k.method, k.status}; }
    request_series series_for(const series_key& key);

    metrics_registry& registry_;
    gauge& open_connections_;
    gauge& open_websockets_;
    counter& tls_handshake_failures_;
    counter& connections_rejected_;
    counter& ws_messages_dropped_;
    std::shared_mutex series_mutex_;
    std::unordered_map<stored_key, request_series, key_hash, key_equal> series_;
};

}  // namespace plenary::server
