// A crowd of dashboards on one event's live feed (wss, organizer token). Each
// reads every message and keeps the newest stats version it has seen; a probe
// asks all of them to note when the first version newer than the one they had
// arrives, which is how the fan-out latency is measured.
#pragma once

#include "load_client.hpp"

#include <atomic>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace plenary::load {

class dashboards {
public:
    dashboards(asio::io_context& ioc, asio::ssl::context& tls, endpoint server, std::string target, std::string token);
    ~dashboards();
    dashboards(const dashboards&) = delete;
    dashboards& operator=(const dashboards&) = delete;

    // Opens n connections, at most `parallel` handshakes at a time.
    void start(int n, int parallel);

    int ready() const { return ready_.load(); }  // connected and snapshot received
    int failed() const { return failed_.load(); }
    int closed() const { return closed_.load(); }
    std::int64_t messages() const { return messages_.load(); }
    // Payload bytes of every message received, snapshots included.
    std::int64_t bytes() const { return bytes_.load(); }

    // From now on, each dashboard records the delay from `sent` to the first
    // stats message newer than the last one it had seen.
    void arm_probe(clock_type::time_point sent);
    int probe_arrivals() const { return arrivals_.load(); }
    const samples& probe_latency() const { return latency_; }
    // The size of a message that answered a probe (the payload, without the
    // WebSocket and TLS framing): what `fanout-floor` sends.
    std::size_t probe_bytes() const { return probe_bytes_.load(); }

private:
    struct member;
    asio::awaitable<void> read_loop(std::shared_ptr<member> m);
    void on_message(member& m, std::string_view text, clock_type::time_point at);

    asio::io_context& ioc_;
    asio::ssl::context& tls_;
    endpoint server_;
    std::string target_;
    std::string token_;
    std::atomic<int> ready_{0};
    std::atomic<int> failed_{0};
    std::atomic<int> closed_{0};
    std::atomic<std::int64_t> messages_{0};
    std::atomic<std::int64_t> bytes_{0};
    std::atomic<int> probe_{-1};  // the armed probe's number
    std::atomic<clock_type::rep> probe_sent_{0};
    std::atomic<int> arrivals_{0};
    std::atomic<std::size_t> probe_bytes_{0};
    samples latency_;
};

}  // namespace plenary::load
