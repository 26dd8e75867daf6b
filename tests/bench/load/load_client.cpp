// See load_client.hpp.
#include "load_client.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/parse.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <limits>
#include <sstream>
#include <thread>

namespace plenary::load {

asio::ssl::context make_tls_context() {
    asio::ssl::context ctx(asio::ssl::context::tls_client);
    ctx.set_verify_mode(asio::ssl::verify_none);
    return ctx;
}

asio::awaitable<void> connect_tls(tls_stream& stream, const endpoint& to) {
    auto& tcp = beast::get_lowest_layer(stream);
    co_await tcp.async_connect(asio::ip::tcp::endpoint(asio::ip::make_address(to.host), to.port), asio::use_awaitable);
    tcp.socket().set_option(asio::ip::tcp::no_delay(true));
    SSL_set_tlsext_host_name(stream.native_handle(), "localhost");
    co_await stream.async_handshake(asio::ssl::stream_base::client, asio::use_awaitable);
}

asio::awaitable<response> exchange(tls_stream& stream, beast::flat_buffer& buffer, http::verb method,
                                   const std::string& target, const std::string& token, std::string body) {
    http::request<http::string_body> req{method, target, 11};
    req.set(http::field::host, "localhost");
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
    if (!body.empty()) req.set(http::field::content_type, "application/json");
    req.body() = std::move(body);
    req.prepare_payload();
    co_await http::async_write(stream, req, asio::use_awaitable);
    response res;
    co_await http::async_read(stream, buffer, res, asio::use_awaitable);
    co_return res;
}

asio::awaitable<std::string> create_kiosk(tls_stream& stream, beast::flat_buffer& buffer, const std::string& slug,
                                          const std::string& organizer_token, const std::string& name) {
    const auto res = co_await exchange(stream, buffer, http::verb::post, "/api/v1/events/" + slug + "/kiosks",
                                       organizer_token, R"({"name":")" + name + R"("})");
    if (res.result_int() != 201) throw std::runtime_error("creating a kiosk answered " + res.body());
    co_return std::string(boost::json::parse(res.body()).at("token").as_string());
}

std::vector<std::string> read_lines(const std::string& file) {
    std::ifstream in(file);
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) out.push_back(line);
    }
    if (out.empty()) throw std::runtime_error("no lines in " + file);
    return out;
}

double ms_since(clock_type::time_point start) {
    return std::chrono::duration<double, std::milli>(clock_type::now() - start).count();
}

void samples::add(double ms) {
    std::lock_guard lock(mutex_);
    ms_.push_back(ms);
    sorted_ = false;
}

void samples::add_all(const std::vector<double>& ms) {
    std::lock_guard lock(mutex_);
    ms_.insert(ms_.end(), ms.begin(), ms.end());
    sorted_ = false;
}

std::size_t samples::size() const {
    std::lock_guard lock(mutex_);
    return ms_.size();
}

double samples::quantile(double q) const {
    std::lock_guard lock(mutex_);
    if (ms_.empty()) return 0;
    if (!sorted_) {
        std::sort(ms_.begin(), ms_.end());
        sorted_ = true;
    }
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(ms_.size())));
    return ms_[std::clamp<std::size_t>(rank, 1, ms_.size()) - 1];
}

boost::json::object samples::summary() const {
    auto round3 = [](double v) { return std::round(v * 1000.0) / 1000.0; };
    return {{"count", size()},
            {"p50_ms", round3(quantile(0.50))},
            {"p90_ms", round3(quantile(0.90))},
            {"p99_ms", round3(quantile(0.99))},
            {"max_ms", round3(quantile(1.0))}};
}

std::int64_t resident_kib(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) == 0) return std::stoll(line.substr(6));
    }
    return 0;
}

void raise_open_file_limit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

void run_threads(asio::io_context& ioc, unsigned threads) {
    std::vector<std::jthread> pool;
    for (unsigned i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
}

io_pool::io_pool(unsigned threads) {
    for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { ioc_.run(); });
}

io_pool::~io_pool() {
    stop();
}

void io_pool::stop() {
    work_.reset();
    ioc_.stop();
    for (auto& t : threads_) {
        if (t.joinable()) t.join();
    }
}

bool wait_for(const std::function<bool()>& done, std::chrono::milliseconds limit) {
    const auto until = clock_type::now() + limit;
    while (!done()) {
        if (clock_type::now() >= until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

namespace {

// "2026-11-23T07:09:46.515Z" as milliseconds since the epoch; NaN if it is not
// in that form.
double epoch_ms(std::string_view ts) {
    std::tm t{};
    double seconds = 0;
    const std::string text(ts);
    if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%lfZ", &t.tm_year, &t.tm_mon, &t.tm_mday, &t.tm_hour, &t.tm_min,
                    &seconds) != 6) {
        return std::nan("");
    }
    t.tm_year -= 1900;
    t.tm_mon -= 1;
    return static_cast<double>(timegm(&t)) * 1000.0 + seconds * 1000.0;
}

struct interval {
    double from_ms;
    double to_ms;
};

std::vector<interval> read_stalls(const stall_match& m) {
    std::ifstream in(m.stalls_file);
    std::vector<interval> out;
    double start = 0;
    double duration = 0;
    while (in >> start >> duration) out.push_back({start - m.window_ms, start + duration + m.window_ms});
    return out;
}

// The share of [from, to] that the windows cover: how often a slow answer
// would be "near a stall" by chance alone.
double covered_share(std::vector<interval> windows, double from, double to) {
    if (!(to > from)) return 0;
    std::sort(windows.begin(), windows.end(),
              [](const interval& a, const interval& b) { return a.from_ms < b.from_ms; });
    double covered = 0;
    double reach = from;
    for (const auto& w : windows) {
        const double start = std::max(w.from_ms, reach);
        const double end = std::min(w.to_ms, to);
        if (end > start) covered += end - start;
        reach = std::max(reach, end);
    }
    return covered / (to - from);
}

}  // namespace

boost::json::object access_log_summary(const std::string& file, const std::string& method, const std::string& route,
                                       const stall_match* stalls) {
    std::ifstream in(file);
    samples durations;
    const auto stall_windows = stalls ? read_stalls(*stalls) : std::vector<interval>{};
    int slow = 0;
    int near_stall = 0;
    double first_start = std::numeric_limits<double>::infinity();
    double last_end = -first_start;
    std::string line;
    while (std::getline(in, line)) {
        boost::system::error_code ec;
        const auto v = boost::json::parse(line, ec);
        if (ec || !v.is_object()) continue;
        const auto& o = v.as_object();
        const auto* r = o.if_contains("route");
        const auto* m = o.if_contains("method");
        const auto* d = o.if_contains("duration_ms");
        const auto* ts = o.if_contains("ts");
        if (!(r && m && d && r->is_string() && m->is_string() && r->as_string() == route && m->as_string() == method)) {
            continue;
        }
        const double ms = d->to_number<double>();
        durations.add(ms);
        if (!stalls) continue;
        // The log line is written when the answer is; the request began ms before.
        const double end = ts && ts->is_string() ? epoch_ms(ts->as_string()) : std::nan("");
        if (!std::isnan(end)) {
            first_start = std::min(first_start, end - ms);
            last_end = std::max(last_end, end);
        }
        if (ms <= stalls->slow_ms) continue;
        ++slow;
        const bool near = std::any_of(stall_windows.begin(), stall_windows.end(),
                                      [&](const interval& w) { return end - ms <= w.to_ms && end >= w.from_ms; });
        if (near) ++near_stall;
    }
    auto out = durations.summary();
    if (stalls) {
        out["slow_ms"] = stalls->slow_ms;
        out["slow"] = slow;
        out["slow_near_disk_stall"] = near_stall;
        out["disk_stall_time_share"] = std::round(covered_share(stall_windows, first_start, last_end) * 1000) / 1000;
    }
    return out;
}

}  // namespace plenary::load
