// Everything the network server can be told: where to listen, which
// certificate, and the limits and deadlines that keep one client from holding
// the server hostage. main.cpp fills it from flags, environment and config.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

namespace plenary::server {

struct server_options {
    std::string listen_host = "127.0.0.1";
    unsigned short listen_port = 8443;  // 0: ephemeral (tests)

    // Plain HTTP listener that only redirects to HTTPS; off when unset.
    std::optional<std::string> http_listen_host;
    std::optional<unsigned short> http_listen_port;

    std::string cert_file;  // PEM chain, leaf first
    std::string key_file;   // PEM private key

    unsigned threads = 0;  // 0: std::thread::hardware_concurrency()
    // One io_context per I/O thread (connections dealt round-robin), or one
    // io_context all I/O threads share (any idle thread takes any work).
    bool shared_io_context = false;
    std::string web_root;  // empty: no static files

    std::size_t header_limit = 8 * 1024;
    std::size_t body_limit = 1024 * 1024;                 // default for routes without their own
    std::chrono::milliseconds read_timeout{30'000};       // whole request, once its first byte arrived
    std::chrono::milliseconds write_timeout{30'000};      // whole response
    std::chrono::milliseconds idle_timeout{60'000};       // between requests on a kept-alive connection
    std::chrono::milliseconds handshake_timeout{10'000};  // TLS detect + handshake, WebSocket accept
    std::size_t max_connections = 10'000;

    std::size_t ws_message_max = 64 * 1024;
    std::chrono::milliseconds ws_idle_timeout{60'000};  // silent peer (no pong) -> closed
    // How often a credentialed WebSocket's access is decided again (ws_accept::recheck).
    std::chrono::milliseconds ws_recheck_interval{30'000};
    std::size_t ws_queue_limit = 4;  // outgoing messages waiting per socket; oldest dropped beyond
    // Kernel send buffer of a WebSocket (SO_SNDBUF; 0: the kernel's autotuning,
    // which lets one stalled reader pin megabytes).
    std::size_t ws_send_buffer = 64 * 1024;
    // Nice value of the WebSocket threads (io_context_pool.hpp says why).
    int ws_nice = 5;

    std::chrono::milliseconds shutdown_timeout{10'000};
};

}  // namespace plenary::server
