// The network server: HTTPS + WebSocket on one port (plain HTTP there, and on
// the optional --http-listen port, gets a redirect), one io_context per I/O
// thread (`threads` of them, and as many for upgraded WebSockets; see
// io_context_pool.hpp), and a graceful stop that finishes in-flight requests,
// closes WebSockets with 1001 and forces the rest after shutdown_timeout.
#pragma once

#include "server/connection_registry.hpp"
#include "server/hub.hpp"
#include "server/io_context_pool.hpp"
#include "server/router.hpp"
#include "server/server_metrics.hpp"
#include "server/server_options.hpp"
#include "server/session_context.hpp"

#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <memory>
#include <optional>
#include <vector>

namespace plenary {
class access_log;
class metrics_registry;
}  // namespace plenary

namespace plenary::server {

class listener;

class server {
public:
    // `routes`, `metrics` and `log` must outlive the server; routes must not
    // change once start() was called.
    server(server_options options, router& routes, metrics_registry& metrics, access_log& log);
    ~server();
    server(const server&) = delete;
    server& operator=(const server&) = delete;

    // Loads the certificate, binds and listens. Throws std::runtime_error
    // ("cannot listen on HOST:PORT: reason", or the certificate problem).
    void start();

    unsigned short port() const noexcept;       // bound HTTPS port
    unsigned short http_port() const noexcept;  // bound redirect port, 0 when off

    hub& websocket_hub() noexcept { return hub_; }
    const server_options& options() const noexcept { return options_; }

    // Runs the I/O threads, the caller's included, and returns once a
    // requested stop has completed.
    void run();
    // Thread-safe; may be called more than once.
    void request_stop();
    // SIGINT and SIGTERM call request_stop().
    void stop_on_signals();

private:
    void begin_stop();
    void on_drained();

    // Declaration order is destruction order in reverse: everything sessions
    // refer to is declared before pool_, so it outlives any session frame an
    // io_context still holds when it is destroyed.
    server_options options_;
    router& routes_;
    access_log& log_;
    server_metrics metrics_;
    hub hub_;
    connection_registry connections_;
    std::optional<boost::asio::ssl::context> tls_;
    session_context ctx_;

    io_context_pool pool_;
    boost::asio::strand<boost::asio::io_context::executor_type> control_;  // stop sequencing
    boost::asio::steady_timer shutdown_timer_;
    std::optional<boost::asio::signal_set> signals_;
    std::vector<std::shared_ptr<listener>> listeners_;
    std::shared_ptr<listener> https_;
    std::shared_ptr<listener> http_;
    bool stopping_ = false;  // on control_
};

}  // namespace plenary::server
