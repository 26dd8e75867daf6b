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
#include <fstream>
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

boost::json::object access_log_summary(const std::string& file, const std::string& method, const std::string& route) {
    std::ifstream in(file);
    samples durations;
    std::string line;
    while (std::getline(in, line)) {
        boost::system::error_code ec;
        const auto v = boost::json::parse(line, ec);
        if (ec || !v.is_object()) continue;
        const auto& o = v.as_object();
        const auto* r = o.if_contains("route");
        const auto* m = o.if_contains("method");
        const auto* d = o.if_contains("duration_ms");
        if (r && m && d && r->is_string() && m->is_string() && r->as_string() == route && m->as_string() == method) {
            durations.add(d->to_number<double>());
        }
    }
    return durations.summary();
}

}  // namespace plenary::load
