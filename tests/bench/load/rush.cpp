// The sale rush: every connection is opened and through its TLS handshake
// first, then all of them register people back to back until the total is
// answered, so the clock measures the registrations and not the handshakes.
#include "workloads.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <array>
#include <atomic>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>

namespace plenary::load {
namespace {

constexpr std::array countries{"CN", "US", "DE", "BR", "KE", "IN", "FR", "JP", "EG", "MX", "NP", "TH"};

struct rush_state {
    explicit rush_state(const rush_options& options) : o(options) {}
    const rush_options& o;
    std::string target = "/api/v1/events/" + o.slug + "/registrations";
    std::atomic<int> next{0};
    samples latency;
    std::mutex mutex;  // guards the tallies below
    std::map<std::string, int> statuses;
    std::map<std::string, int> outcomes;
    std::vector<std::string> codes;
    int transport_errors = 0;
};

struct connection {
    connection(asio::io_context& ioc, asio::ssl::context& tls) : stream(ioc, tls) {}
    tls_stream stream;
    beast::flat_buffer buffer;
    bool open = false;
};

std::string body_for(const rush_state& s, int i) {
    std::string n = std::to_string(i);
    std::string body = R"({"name":"Rush Attendee )" + n + R"(","email":"rush-)" + n + "-" + s.o.email_tag;
    body += R"(@bench.example","country":")";
    body += countries[static_cast<std::size_t>(i) % countries.size()];
    body += R"(","language":")";
    body += i % 3 == 0 ? "zh" : "en";
    body += R"("})";
    return body;
}

void record(rush_state& s, const response& res, double ms) {
    s.latency.add(ms);
    std::string status = std::to_string(res.result_int());
    std::string outcome;
    std::string code;
    if (res.result_int() == 201) {
        boost::system::error_code ec;
        const auto v = boost::json::parse(res.body(), ec);
        if (!ec && v.is_object()) {
            if (const auto* st = v.as_object().if_contains("status"); st && st->is_string()) outcome = st->as_string();
            if (const auto* tc = v.as_object().if_contains("ticket_code"); tc && tc->is_string()) {
                code = tc->as_string();
            }
        }
    }
    std::lock_guard lock(s.mutex);
    ++s.statuses[status];
    if (!outcome.empty()) ++s.outcomes[outcome];
    if (outcome == "confirmed" && !code.empty()) s.codes.push_back(std::move(code));
}

asio::awaitable<void> open(rush_state& s, connection& c) {
    try {
        co_await connect_tls(c.stream, s.o.server);
        c.open = true;
    } catch (const std::exception&) {
        std::lock_guard lock(s.mutex);
        ++s.transport_errors;
    }
}

asio::awaitable<void> drive(rush_state& s, connection& c) {
    while (c.open) {
        const int i = s.next.fetch_add(1);
        if (i >= s.o.total) co_return;
        const auto started = clock_type::now();
        try {
            const auto res = co_await exchange(c.stream, c.buffer, http::verb::post, s.target, {}, body_for(s, i));
            record(s, res, ms_since(started));
        } catch (const std::exception&) {
            std::lock_guard lock(s.mutex);
            ++s.transport_errors;
            c.open = false;  // this request is lost: the run fails
        }
    }
}

boost::json::object counts_json(const std::map<std::string, int>& m) {
    boost::json::object o;
    for (const auto& [k, v] : m) o[k] = v;
    return o;
}

}  // namespace

int run_rush(const rush_options& o) {
    raise_open_file_limit();
    rush_state s(o);
    asio::io_context ioc;
    auto tls = make_tls_context();
    std::vector<std::unique_ptr<connection>> conns;
    for (int i = 0; i < o.connections; ++i) conns.push_back(std::make_unique<connection>(ioc, tls));

    const auto connect_started = clock_type::now();
    for (auto& c : conns) asio::co_spawn(ioc, open(s, *c), asio::detached);
    run_threads(ioc, o.threads);
    const double connect_ms = ms_since(connect_started);

    ioc.restart();
    const auto started = clock_type::now();
    for (auto& c : conns) asio::co_spawn(ioc, drive(s, *c), asio::detached);
    run_threads(ioc, o.threads);
    const double seconds = ms_since(started) / 1000.0;

    const auto answered = static_cast<int>(s.latency.size());
    const bool all_created = s.statuses.size() == 1 && s.statuses.count("201") == 1 && answered == o.total;
    boost::json::object out{{"workload", "rush"},
                            {"registrations", o.total},
                            {"connections", o.connections},
                            {"connect_seconds", connect_ms / 1000.0},
                            {"seconds", seconds},
                            {"per_second", answered / seconds},
                            {"answered", answered},
                            {"transport_errors", s.transport_errors},
                            {"statuses", counts_json(s.statuses)},
                            {"outcomes", counts_json(s.outcomes)},
                            {"latency", s.latency.summary()},
                            {"ok", all_created && s.transport_errors == 0}};
    if (!o.codes_out.empty()) {
        std::ofstream codes(o.codes_out);
        for (const auto& code : s.codes) codes << code << '\n';
    }
    std::cout << boost::json::serialize(out) << std::endl;
    return out.at("ok").as_bool() ? 0 : 1;
}

}  // namespace plenary::load
