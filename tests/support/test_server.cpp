// In-process server fixture; see test_server.hpp.
#include "test_server.hpp"

#include "certs/dev_certificate.hpp"
#include "server/app_routes.hpp"

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace plenary::testing {

namespace {

std::filesystem::path make_temp_dir() {
    std::random_device rd;
    for (int attempt = 0; attempt < 16; ++attempt) {
        auto candidate = std::filesystem::temp_directory_path() / ("plenary-test-" + std::to_string(rd()));
        if (std::filesystem::create_directory(candidate)) return candidate;
    }
    throw std::runtime_error("cannot create a temporary directory");
}

}  // namespace

test_server::test_server(setup_fn setup, server::app_settings settings, server::live::feed_pacing pacing)
    : dir_(make_temp_dir()) {
    try {
        const auto db_path = dir_ / "plenary.db";
        const auto paths = certs::dev_cert_paths_for(db_path);
        certs::ensure_dev_certificate(paths);
        cert_file_ = paths.cert;

        log_file_ = std::fopen((dir_ / "access.log").c_str(), "w+");
        if (!log_file_) throw std::runtime_error("cannot open the test access log");
        log_ = std::make_unique<access_log>(log_file_);
        store_ = std::make_unique<db::store>(db::store_options{.path = db_path.string()});
        live_ = std::make_unique<server::live::live_feed>(*store_, pacing);
        server::register_app_routes(routes_, {*store_, metrics_, *live_, settings});

        server::server_options options;
        options.listen_host = "127.0.0.1";
        options.listen_port = 0;
        options.cert_file = paths.cert.string();
        options.key_file = paths.key.string();
        options.threads = 2;
        options.shutdown_timeout = std::chrono::seconds(5);
        if (setup) setup(routes_, options, dir_);

        server_ = std::make_unique<server::server>(std::move(options), routes_, metrics_, *log_);
        server_->start();
        runner_ = std::thread([this] { server_->run(); });
    } catch (...) {
        server_.reset();
        if (store_) store_->stop();
        live_.reset();
        store_.reset();
        if (log_file_) std::fclose(log_file_);
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
        throw;
    }
}

test_server::~test_server() {
    stop();
    server_.reset();
    store_->stop();
    live_.reset();  // after the store stopped: its commits call into the feed
    store_.reset();
    log_.reset();
    std::fclose(log_file_);
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

void test_server::stop() {
    if (!runner_.joinable()) return;
    server_->request_stop();
    runner_.join();
}

std::string test_server::access_log_text() {
    std::fflush(log_file_);
    std::ifstream in(dir_ / "access.log");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace plenary::testing
