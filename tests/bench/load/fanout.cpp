// Fan-out: many idle dashboards on one event, then check-ins one at a time.
// Memory is the server's resident set before and after the dashboards
// connected, divided by their number. Latency runs from just before a
// check-in request is sent (so it includes the request and its COMMIT, an
// upper bound on commit-to-arrival) to the moment each dashboard has read the
// first stats message newer than the one it had.
#include "dashboards.hpp"
#include "workloads.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json/serialize.hpp>

#include <iostream>

namespace plenary::load {
namespace {

// One kiosk connection that checks people in on demand.
struct door {
    door(asio::io_context& ioc, asio::ssl::context& tls) : stream(ioc, tls) {}
    tls_stream stream;
    beast::flat_buffer buffer;
    std::string token;
};

asio::awaitable<void> open_door(door& d, const fanout_options& o) {
    co_await connect_tls(d.stream, o.server);
    d.token = co_await create_kiosk(d.stream, d.buffer, o.slug, o.organizer_token, "Fan-out door");
}

// True when the scan admitted someone, which is what changes the counts.
asio::awaitable<bool> check_in(door& d, const fanout_options& o, const std::string& code, int n) {
    const std::string body =
        R"({"ticket_code":")" + code + R"(","nonce":"fanout-)" + std::to_string(n) + R"(","direction":"in"})";
    const auto res = co_await exchange(d.stream, d.buffer, http::verb::post, "/api/v1/events/" + o.slug + "/checkins",
                                       d.token, body);
    co_return res.result_int() == 200 && res.body().find(R"("result":"ok")") != std::string::npos;
}

}  // namespace

int run_fanout(const fanout_options& o) {
    raise_open_file_limit();
    const auto codes = read_lines(o.codes_file);
    auto tls = make_tls_context();
    io_pool pool(o.threads);
    door kiosk(pool.context(), tls);
    asio::co_spawn(pool.context(), open_door(kiosk, o), asio::use_future).get();

    const auto rss_before = resident_kib(o.server_pid);
    dashboards crowd(pool.context(), tls, o.server, "/api/v1/events/" + o.slug + "/live", o.organizer_token);
    const auto connect_started = clock_type::now();
    crowd.start(o.connections, 200);
    const bool all_connected =
        wait_for([&] { return crowd.ready() + crowd.failed() >= o.connections; }, std::chrono::minutes(5));
    const double connect_seconds = ms_since(connect_started) / 1000.0;
    std::this_thread::sleep_for(std::chrono::seconds(2));  // idle: handshake buffers released
    const auto rss_idle = resident_kib(o.server_pid);
    const int ready = crowd.ready();

    int missing = 0;
    int failed_checkins = 0;
    for (int n = 0; n < o.checkins; ++n) {
        // From the end of the list: the check-in workload scans from its start.
        const auto& code = codes[codes.size() - 1 - static_cast<std::size_t>(n) % codes.size()];
        crowd.arm_probe(clock_type::now());
        if (!asio::co_spawn(pool.context(), check_in(kiosk, o, code, n), asio::use_future).get()) ++failed_checkins;
        const int alive = ready - crowd.closed();
        if (!wait_for([&] { return crowd.probe_arrivals() >= alive; }, std::chrono::seconds(10))) {
            missing += alive - crowd.probe_arrivals();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(o.spacing_ms));
    }
    const auto rss_after = resident_kib(o.server_pid);
    pool.stop();

    const double per_connection_kib =
        ready > 0 ? static_cast<double>(rss_idle - rss_before) / static_cast<double>(ready) : 0;
    const bool ok = all_connected && crowd.failed() == 0 && crowd.closed() == 0 && missing == 0 && failed_checkins == 0;
    boost::json::object out{{"workload", "fanout"},
                            {"connections", o.connections},
                            {"ready", ready},
                            {"failed", crowd.failed()},
                            {"closed", crowd.closed()},
                            {"connect_seconds", connect_seconds},
                            {"server_rss_kib_before", rss_before},
                            {"server_rss_kib_idle", rss_idle},
                            {"server_rss_kib_after", rss_after},
                            {"server_kib_per_idle_connection", per_connection_kib},
                            {"checkins", o.checkins},
                            {"failed_checkins", failed_checkins},
                            {"missing_arrivals", missing},
                            {"latency", crowd.probe_latency().summary()},
                            {"message_bytes", crowd.probe_bytes()},
                            {"ok", ok}};
    std::cout << boost::json::serialize(out) << std::endl;
    return ok ? 0 : 1;
}

}  // namespace plenary::load
