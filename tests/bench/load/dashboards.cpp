// See dashboards.hpp.
#include "dashboards.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <charconv>

namespace plenary::load {

namespace websocket = beast::websocket;

struct dashboards::member {
    member(asio::io_context& ioc, asio::ssl::context& tls) : ws(ioc, tls) {}
    websocket::stream<tls_stream> ws;
    beast::flat_buffer buffer;
    std::int64_t version = -1;  // the newest stats version seen
    int probe_seen = -1;        // the last probe this member answered
};

dashboards::dashboards(asio::io_context& ioc, asio::ssl::context& tls, endpoint server, std::string target,
                       std::string token)
    : ioc_(ioc), tls_(tls), server_(std::move(server)), target_(std::move(target)), token_(std::move(token)) {}

dashboards::~dashboards() = default;

void dashboards::start(int n, int parallel) {
    // `parallel` connectors share the count of connections still to open.
    auto remaining = std::make_shared<std::atomic<int>>(n);
    for (int i = 0; i < parallel && i < n; ++i) {
        auto connector = [this, remaining]() -> asio::awaitable<void> {
            while (remaining->fetch_sub(1) > 0) {
                auto m = std::make_shared<member>(ioc_, tls_);
                try {
                    co_await connect_tls(m->ws.next_layer(), server_);
                    m->ws.set_option(websocket::stream_base::decorator([token = token_](websocket::request_type& req) {
                        req.set(http::field::authorization, "Bearer " + token);
                    }));
                    co_await m->ws.async_handshake("localhost", target_, asio::use_awaitable);
                    co_await m->ws.async_read(m->buffer, asio::use_awaitable);  // the snapshot
                } catch (const std::exception&) {
                    failed_.fetch_add(1);
                    continue;
                }
                on_message(*m, beast::buffers_to_string(m->buffer.data()), clock_type::now());
                m->buffer.consume(m->buffer.size());
                ready_.fetch_add(1);
                asio::co_spawn(ioc_, read_loop(m), asio::detached);
            }
        };
        asio::co_spawn(ioc_, std::move(connector), asio::detached);
    }
}

asio::awaitable<void> dashboards::read_loop(std::shared_ptr<member> m) {
    for (;;) {
        try {
            co_await m->ws.async_read(m->buffer, asio::use_awaitable);
        } catch (const std::exception&) {
            closed_.fetch_add(1);
            co_return;
        }
        const auto at = clock_type::now();
        const auto data = m->buffer.cdata();
        on_message(*m, std::string_view(static_cast<const char*>(data.data()), data.size()), at);
        m->buffer.consume(m->buffer.size());
    }
}

// The stats object is written with "version" first, so one search finds it
// without parsing thousands of messages on the client's two cores.
void dashboards::on_message(member& m, std::string_view text, clock_type::time_point at) {
    messages_.fetch_add(1, std::memory_order_relaxed);
    bytes_.fetch_add(static_cast<std::int64_t>(text.size()), std::memory_order_relaxed);
    constexpr std::string_view marker = R"("stats":{"version":)";
    const auto pos = text.find(marker);
    if (pos == std::string_view::npos) return;
    std::int64_t version = 0;
    const auto* first = text.data() + pos + marker.size();
    if (std::from_chars(first, text.data() + text.size(), version).ec != std::errc()) return;
    if (version <= m.version) return;
    m.version = version;
    const int probe = probe_.load(std::memory_order_acquire);
    if (probe < 0 || m.probe_seen >= probe) return;
    const auto sent = clock_type::time_point(clock_type::duration(probe_sent_.load(std::memory_order_relaxed)));
    if (at < sent) return;
    m.probe_seen = probe;
    latency_.add(std::chrono::duration<double, std::milli>(at - sent).count());
    probe_bytes_.store(text.size(), std::memory_order_relaxed);
    arrivals_.fetch_add(1);
}

void dashboards::arm_probe(clock_type::time_point sent) {
    arrivals_.store(0);
    probe_sent_.store(sent.time_since_epoch().count(), std::memory_order_relaxed);
    probe_.fetch_add(1, std::memory_order_release);
}

}  // namespace plenary::load
