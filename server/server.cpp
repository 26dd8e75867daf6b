// Server lifecycle: start, run, graceful stop; see server.hpp.
#include "server/server.hpp"

#include "common/access_log.hpp"
#include "server/listener.hpp"
#include "server/tls_context.hpp"

#include <boost/asio/post.hpp>

#include <csignal>
#include <thread>

namespace plenary::server {

namespace asio = boost::asio;

namespace {

// Once sessions were told to close their sockets, a handler still stuck on
// something else (a timer, a database job) gets this long before the
// io_context is stopped outright so run() can return.
constexpr std::chrono::seconds last_resort_grace{2};

unsigned thread_count(unsigned wanted) {
    if (wanted != 0) return wanted;
    return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

server::server(server_options options, router& routes, metrics_registry& metrics, access_log& log)
    : options_(std::move(options)),
      routes_(routes),
      log_(log),
      metrics_(metrics),
      connections_(options_.max_connections, metrics_.open_connections()),
      ctx_{options_, routes_, log_, metrics_, hub_, connections_},
      // As many WebSocket threads as request threads (none in shared mode).
      pool_(thread_count(options_.threads), options_.shared_io_context, thread_count(options_.threads),
            options_.ws_nice),
      control_(asio::make_strand(pool_.first())),
      shutdown_timer_(control_) {}

server::~server() = default;

void server::start() {
    tls_.emplace(make_tls_context(options_.cert_file, options_.key_file));
    ctx_.tls = &*tls_;
    ctx_.io = &pool_;
    https_ = std::make_shared<listener>(pool_, options_.listen_host, options_.listen_port, listener::kind::https, ctx_);
    ctx_.tls_port = https_->port();
    listeners_.push_back(https_);
    if (options_.http_listen_port) {
        http_ = std::make_shared<listener>(pool_, options_.http_listen_host.value_or(options_.listen_host),
                                           *options_.http_listen_port, listener::kind::http_redirect, ctx_);
        listeners_.push_back(http_);
    }
    for (auto& l : listeners_) l->start();
    // Tools and tests read the bound port from this line (port 0 picks one).
    log_event("info", "listening",
              "https://" + options_.listen_host + ":" + std::to_string(https_->port()) +
                  (http_ ? " and http://" + options_.http_listen_host.value_or(options_.listen_host) + ":" +
                               std::to_string(http_->port()) + " (redirects)"
                         : ""));
}

unsigned short server::port() const noexcept {
    return https_ ? https_->port() : 0;
}

unsigned short server::http_port() const noexcept {
    return http_ ? http_->port() : 0;
}

void server::run() {
    pool_.run();
}

void server::request_stop() {
    asio::post(control_, [this] { begin_stop(); });
}

void server::stop_on_signals() {
    signals_.emplace(control_, SIGINT, SIGTERM);
    signals_->async_wait([this](boost::system::error_code ec, int signal) {
        if (ec) return;
        log_event("info", "stopping", signal == SIGINT ? "SIGINT" : "SIGTERM");
        begin_stop();
    });
}

void server::begin_stop() {
    if (stopping_) return;
    stopping_ = true;
    for (auto& l : listeners_) l->stop();
    if (signals_) signals_->cancel();

    shutdown_timer_.expires_after(options_.shutdown_timeout);
    shutdown_timer_.async_wait([this](boost::system::error_code ec) {
        if (ec) return;
        log_event("warn", "shutdown timeout: closing remaining connections",
                  std::to_string(connections_.size()) + " open");
        connections_.force_close_all();
        shutdown_timer_.expires_after(last_resort_grace);
        shutdown_timer_.async_wait([this](boost::system::error_code ec2) {
            if (!ec2) pool_.stop();
        });
    });
    // May call on_drained() right here when nothing is open.
    connections_.begin_stop([this] { asio::post(control_, [this] { on_drained(); }); });
}

void server::on_drained() {
    // Nothing left but the timer: cancelling it and letting idle threads go
    // lets every io_context run dry.
    shutdown_timer_.cancel();
    pool_.release();
}

}  // namespace plenary::server
