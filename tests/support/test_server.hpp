// A real plenary server for integration tests: in-process on 127.0.0.1 with
// ephemeral ports, its own temp directory, a real SQLite store, the dev
// certificate and the core routes, running on a background thread until the
// destructor stops it gracefully.
#pragma once

#include "common/access_log.hpp"
#include "common/metrics.hpp"
#include "db/store.hpp"
#include "server/app_routes.hpp"
#include "server/live/live_feed.hpp"
#include "server/router.hpp"
#include "server/server.hpp"
#include "server/server_options.hpp"

#include <cstdio>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>

namespace plenary::testing {

class test_server {
public:
    // Runs before start(): add routes, change options. `dir` is the temp directory.
    using setup_fn =
        std::function<void(server::router& routes, server::server_options& options, const std::filesystem::path& dir)>;

    explicit test_server(setup_fn setup = {}, server::app_settings settings = {},
                         server::live::feed_pacing pacing = {});
    ~test_server();
    test_server(const test_server&) = delete;
    test_server& operator=(const test_server&) = delete;

    unsigned short port() const { return server_->port(); }
    unsigned short http_port() const { return server_->http_port(); }
    server::hub& hub() { return server_->websocket_hub(); }
    db::store& store() { return *store_; }
    server::live::live_feed& live() { return *live_; }
    metrics_registry& metrics() { return metrics_; }
    server::server& get() { return *server_; }
    const std::filesystem::path& dir() const { return dir_; }
    // Every route the server answers, as registered (tests that sweep them all).
    const server::router& routes() const { return routes_; }
    const std::filesystem::path& cert_file() const { return cert_file_; }

    // Asks the server to stop and waits until run() returned. Idempotent.
    void stop();
    // Everything the access log has written so far.
    std::string access_log_text();

private:
    std::filesystem::path dir_;
    std::filesystem::path cert_file_;
    metrics_registry metrics_;
    std::FILE* log_file_ = nullptr;
    std::unique_ptr<access_log> log_;
    std::unique_ptr<db::store> store_;
    std::unique_ptr<server::live::live_feed> live_;
    server::router routes_;
    std::unique_ptr<server::server> server_;
    std::thread runner_;
};

}  // namespace plenary::testing
