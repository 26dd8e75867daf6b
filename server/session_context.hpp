// What every session needs from the server, gathered in one place the server
// owns and outlives all sessions with: options, routes, logs, metrics, the hub,
// the connection registry and the TLS context.
#pragma once

#include "server/connection_registry.hpp"
#include "server/hub.hpp"
#include "server/io_context_pool.hpp"
#include "server/router.hpp"
#include "server/server_metrics.hpp"
#include "server/server_options.hpp"

#include <boost/asio/ssl/context.hpp>

namespace plenary {
class access_log;
}

namespace plenary::server {

struct session_context {
    const server_options& options;
    const router& routes;
    access_log& log;
    server_metrics& metrics;
    hub& websockets;
    connection_registry& connections;
    boost::asio::ssl::context* tls = nullptr;  // set by server::start()
    unsigned short tls_port = 0;               // actual bound port, for redirects
    io_context_pool* io = nullptr;             // where upgraded WebSockets go; null: they stay put
};

}  // namespace plenary::server
