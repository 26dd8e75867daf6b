// The load client's shared pieces: TLS connections to the server under test,
// one HTTP exchange on a keep-alive connection, latency samples, the server's
// resident memory, and the JSON summary each workload prints. The workloads
// are real clients on real sockets; nothing here reaches into the server.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/json/object.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace plenary::load {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

using clock_type = std::chrono::steady_clock;
using tls_stream = beast::ssl_stream<beast::tcp_stream>;
using response = http::response<http::string_body>;

struct endpoint {
    std::string host = "127.0.0.1";
    unsigned short port = 8443;
};

// A client context that does not verify: the server under test runs on
// loopback with its self-signed development certificate.
asio::ssl::context make_tls_context();

// Connects and completes the TLS handshake; throws on failure.
asio::awaitable<void> connect_tls(tls_stream& stream, const endpoint& to);

// One request on an open keep-alive connection; throws on a transport error.
asio::awaitable<response> exchange(tls_stream& stream, beast::flat_buffer& buffer, http::verb method,
                                   const std::string& target, const std::string& token, std::string body);

// Creates a kiosk at the event with an organizer token; returns its token.
asio::awaitable<std::string> create_kiosk(tls_stream& stream, beast::flat_buffer& buffer, const std::string& slug,
                                          const std::string& organizer_token, const std::string& name);

// The non-empty lines of a file (ticket codes); throws when there are none.
std::vector<std::string> read_lines(const std::string& file);

// Milliseconds since `start`.
double ms_since(clock_type::time_point start);

// Latency samples in milliseconds, safe to add from several threads.
class samples {
public:
    void add(double ms);
    void add_all(const std::vector<double>& ms);
    std::size_t size() const;
    // The q-quantile (0..1) by nearest rank; 0 when empty.
    double quantile(double q) const;
    boost::json::object summary() const;  // count, p50, p90, p99, max

private:
    mutable std::mutex mutex_;
    mutable std::vector<double> ms_;
    mutable bool sorted_ = true;
};

// Resident set size of process `pid` in KiB, from /proc; 0 if unreadable.
std::int64_t resident_kib(int pid);

// Raises this process's open-file limit to its hard limit.
void raise_open_file_limit();

// Runs `ioc` on `threads` threads until it runs out of work.
void run_threads(asio::io_context& ioc, unsigned threads);

// An io_context kept running on its own threads until destroyed, for the
// workloads that the main thread steers step by step.
class io_pool {
public:
    explicit io_pool(unsigned threads);
    ~io_pool();
    io_pool(const io_pool&) = delete;
    io_pool& operator=(const io_pool&) = delete;
    asio::io_context& context() { return ioc_; }
    // Stops the threads; pending operations stay unfinished (and their
    // coroutines are destroyed with the context), so call it before whatever
    // those coroutines point at goes away.
    void stop();

private:
    asio::io_context ioc_;
    asio::executor_work_guard<asio::io_context::executor_type> work_{ioc_.get_executor()};
    std::vector<std::thread> threads_;
};

// Polls `done` every 20 ms until it is true or `limit` passes; says which.
bool wait_for(const std::function<bool()>& done, std::chrono::milliseconds limit);

// Slow flushes seen by `plenary_load disk-probe --stalls-out`, to be matched
// against the server's slow answers.
struct stall_match {
    std::string stalls_file;  // lines of "start-ms-since-epoch duration-ms"
    double slow_ms = 5;       // an answer slower than this is slow
    double window_ms = 100;   // how near a stall a slow answer must end
};

// Quantiles of the `duration_ms` of access-log lines whose route equals
// `route` and method equals `method` (the server's own view of its latency).
// With `stalls`, also how many answers were slow ("slow") and how many of
// those overlapped one of the probe's slow flushes, widened by the window on
// each side ("slow_near_disk_stall"), and what share of the log's time span
// those widened stalls cover ("disk_stall_time_share": the share of slow
// answers that would be near a stall by chance).
boost::json::object access_log_summary(const std::string& file, const std::string& method, const std::string& route,
                                       const stall_match* stalls = nullptr);

}  // namespace plenary::load
