// Kiosks at the door: each has its own kiosk token and keep-alive connection
// and scans one ticket every interval (starting at a random offset, as real
// scanners do not march in step) while the dashboards follow the live feed.
// The client's latency is reported here; the server's own view comes from its
// access log (`plenary_load access-log`).
#include "dashboards.hpp"
#include "workloads.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <iostream>
#include <map>
#include <random>

namespace plenary::load {
namespace {

struct checkin_state {
    const checkin_options& o;
    std::vector<std::string> codes;
    std::vector<std::string> kiosk_tokens;
    clock_type::time_point until;
    samples latency;
    std::mutex mutex;  // guards the tallies below
    std::map<std::string, int> results;
    int errors = 0;
};

asio::awaitable<void> make_kiosks(checkin_state& s, asio::ssl::context& tls) {
    tls_stream stream(co_await asio::this_coro::executor, tls);
    beast::flat_buffer buffer;
    co_await connect_tls(stream, s.o.server);
    for (int i = 0; i < s.o.kiosks; ++i) {
        s.kiosk_tokens.push_back(
            co_await create_kiosk(stream, buffer, s.o.slug, s.o.organizer_token, "Door " + std::to_string(i + 1)));
    }
}

void tally(checkin_state& s, const response& res, double ms) {
    s.latency.add(ms);
    std::string result = "http " + std::to_string(res.result_int());
    if (res.result_int() == 200) {
        boost::system::error_code ec;
        const auto v = boost::json::parse(res.body(), ec);
        if (!ec && v.is_object() && v.as_object().contains("result")) result = v.at("result").as_string();
    }
    std::lock_guard lock(s.mutex);
    ++s.results[result];
}

asio::awaitable<void> kiosk(checkin_state& s, asio::ssl::context& tls, int index, std::chrono::milliseconds offset) {
    const auto executor = co_await asio::this_coro::executor;
    tls_stream stream(executor, tls);
    beast::flat_buffer buffer;
    asio::steady_timer timer(executor);
    const std::string target = "/api/v1/events/" + s.o.slug + "/checkins";
    const auto& token = s.kiosk_tokens[static_cast<std::size_t>(index)];
    try {
        co_await connect_tls(stream, s.o.server);
        auto next = clock_type::now() + offset;
        for (std::size_t n = 0;; ++n) {
            timer.expires_at(next);
            co_await timer.async_wait(asio::use_awaitable);
            if (clock_type::now() >= s.until) co_return;
            const auto& code = s.codes[(static_cast<std::size_t>(index) + n * s.kiosk_tokens.size()) % s.codes.size()];
            const std::string body = R"({"ticket_code":")" + code + R"(","nonce":"k)" + std::to_string(index) + "-" +
                                     std::to_string(n) + R"(","direction":"in"})";
            const auto started = clock_type::now();
            const auto res = co_await exchange(stream, buffer, http::verb::post, target, token, body);
            tally(s, res, ms_since(started));
            next += std::chrono::milliseconds(s.o.interval_ms);
        }
    } catch (const std::exception&) {
        std::lock_guard lock(s.mutex);
        ++s.errors;
    }
}

}  // namespace

int run_checkins(const checkin_options& o) {
    raise_open_file_limit();
    checkin_state s{o, read_lines(o.codes_file), {}, {}, {}, {}, {}, 0};
    auto tls = make_tls_context();
    io_pool pool(o.threads);
    asio::co_spawn(pool.context(), make_kiosks(s, tls), asio::use_future).get();

    dashboards crowd(pool.context(), tls, o.server, "/api/v1/events/" + o.slug + "/live", o.organizer_token);
    crowd.start(o.dashboards, 100);
    const bool all_connected =
        wait_for([&] { return crowd.ready() + crowd.failed() >= o.dashboards; }, std::chrono::minutes(2));
    const auto messages_before = crowd.messages();
    const auto bytes_before = crowd.bytes();

    std::mt19937 random(7);
    std::uniform_int_distribution<int> offset(0, o.interval_ms - 1);
    s.until = clock_type::now() + std::chrono::seconds(o.seconds);
    for (int i = 0; i < o.kiosks; ++i) {
        asio::co_spawn(pool.context(), kiosk(s, tls, i, std::chrono::milliseconds(offset(random))), asio::detached);
    }
    wait_for([&] { return clock_type::now() >= s.until + std::chrono::seconds(2); }, std::chrono::hours(1));
    pool.stop();

    std::lock_guard lock(s.mutex);
    boost::json::object results;
    int http_errors = 0;
    for (const auto& [k, v] : s.results) {
        results[k] = v;
        if (k.rfind("http ", 0) == 0) http_errors += v;
    }
    const bool ok = all_connected && crowd.failed() == 0 && crowd.closed() == 0 && s.errors == 0 && http_errors == 0;
    boost::json::object out{{"workload", "checkins"},
                            {"kiosks", o.kiosks},
                            {"interval_ms", o.interval_ms},
                            {"seconds", o.seconds},
                            {"scans", s.latency.size()},
                            {"scans_per_second", static_cast<double>(s.latency.size()) / o.seconds},
                            {"results", std::move(results)},
                            {"transport_errors", s.errors},
                            {"client_latency", s.latency.summary()},
                            {"dashboards_ready", crowd.ready()},
                            {"dashboards_failed", crowd.failed()},
                            {"dashboards_closed", crowd.closed()},
                            {"dashboard_messages", crowd.messages() - messages_before},
                            {"dashboard_bytes", crowd.bytes() - bytes_before},
                            {"ok", ok}};
    std::cout << boost::json::serialize(out) << std::endl;
    return ok ? 0 : 1;
}

}  // namespace plenary::load
