// `plenary serve`. Option names and defaults are documented in
// docs/configuration.md; keep the two in step.
#include "server/cli/serve_command.hpp"

#include "certs/dev_certificate.hpp"
#include "common/access_log.hpp"
#include "common/metrics.hpp"
#include "db/store.hpp"
#include "server/app_routes.hpp"
#include "server/cli/command_line.hpp"
#include "server/demo/demo_data.hpp"
#include "server/first_admin.hpp"
#include "server/live/live_feed.hpp"
#include "server/router.hpp"
#include "server/server.hpp"
#include "server/static_files.hpp"

#include <boost/program_options.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <thread>

#include <sys/resource.h>

namespace po = boost::program_options;

namespace plenary::cli {

namespace {

po::options_description serve_options() {
    po::options_description desc("Options (each also as PLENARY_<NAME>, e.g. PLENARY_LISTEN)");
    // clang-format off
    desc.add_options()
        ("help,h", "show this help")
        ("config", po::value<std::string>(), "INI file with 'name = value' lines for any option below")
        ("db", po::value<std::string>()->default_value("var/plenary.db"), "SQLite database file (created if missing)")
        ("listen", po::value<std::string>()->default_value("127.0.0.1:8443"), "HTTPS and WSS address, HOST:PORT (port 0: any)")
        ("http-listen", po::value<std::string>(), "plain HTTP address that redirects to HTTPS")
        ("cert", po::value<std::string>(), "PEM certificate chain (default: a development certificate beside the database)")
        ("key", po::value<std::string>(), "PEM private key for --cert")
        ("threads", po::value<unsigned>()->default_value(0), "I/O threads (0: one per core)")
        ("io-model", po::value<std::string>()->default_value("per-thread"), "'per-thread': an io_context per I/O thread; 'shared': one for all")
        ("web-root", po::value<std::string>(), "directory of static files (default: ./web when present)")
        ("demo", po::bool_switch(), "load the demo events when the database has none")
        ("access-log", po::value<std::string>()->default_value("-"), "access log file, '-' for stdout, 'off' for none")
        ("db-readers", po::value<unsigned>()->default_value(2), "read-only SQLite connections")
        ("header-limit", po::value<std::size_t>()->default_value(8 * 1024), "request header bytes (431 past it)")
        ("body-limit", po::value<std::size_t>()->default_value(1024 * 1024), "default request body bytes (413 past it)")
        ("read-timeout", po::value<unsigned>()->default_value(30), "seconds to receive a whole request")
        ("write-timeout", po::value<unsigned>()->default_value(30), "seconds to send a response")
        ("idle-timeout", po::value<unsigned>()->default_value(60), "seconds an idle keep-alive connection stays open")
        ("handshake-timeout", po::value<unsigned>()->default_value(10), "seconds for the TLS and WebSocket handshakes")
        ("max-connections", po::value<std::size_t>()->default_value(10000), "open connections at once")
        ("ws-message-max", po::value<std::size_t>()->default_value(64 * 1024), "WebSocket message bytes (close 1009 past it)")
        ("ws-idle-timeout", po::value<unsigned>()->default_value(60), "seconds before a silent WebSocket peer is closed")
        ("ws-queue-limit", po::value<std::size_t>()->default_value(4), "queued messages per WebSocket before the oldest is dropped")
        ("ws-send-buffer", po::value<std::size_t>()->default_value(64 * 1024), "kernel send buffer per WebSocket in bytes (0: kernel default)")
        ("ws-nice", po::value<int>()->default_value(5), "nice value of the WebSocket threads, 0 to 19 (0: as the rest)")
        ("shutdown-timeout", po::value<unsigned>()->default_value(10), "seconds to finish in-flight work on SIGTERM")
        ("registration-rate", po::value<double>()->default_value(10), "public registrations per second one address may make, sustained")
        ("registration-burst", po::value<double>()->default_value(1000), "public registrations one address may make at once");
    // clang-format on
    return desc;
}

server::app_settings app_settings_from(const po::variables_map& vm) {
    server::app_settings s;
    s.registration_rate.per_second = vm["registration-rate"].as<double>();
    s.registration_rate.burst = vm["registration-burst"].as<double>();
    if (!(s.registration_rate.per_second > 0)) throw usage_error("--registration-rate: must be above 0");
    if (!(s.registration_rate.burst >= 1)) throw usage_error("--registration-burst: must be at least 1");
    return s;
}

std::filesystem::path default_web_root() {
    if (std::filesystem::is_directory("web")) return std::filesystem::absolute("web");
    return {};
}

server::server_options to_server_options(const po::variables_map& vm) {
    using std::chrono::seconds;
    server::server_options o;
    const auto listen = parse_host_port(vm["listen"].as<std::string>(), "--listen");
    o.listen_host = listen.host;
    o.listen_port = listen.port;
    if (vm.count("http-listen")) {
        const auto http = parse_host_port(vm["http-listen"].as<std::string>(), "--http-listen");
        o.http_listen_host = http.host;
        o.http_listen_port = http.port;
    }
    o.threads = vm["threads"].as<unsigned>();
    const auto io_model = vm["io-model"].as<std::string>();
    if (io_model != "per-thread" && io_model != "shared") throw usage_error("--io-model: 'per-thread' or 'shared'");
    o.shared_io_context = io_model == "shared";
    o.header_limit = vm["header-limit"].as<std::size_t>();
    o.body_limit = vm["body-limit"].as<std::size_t>();
    o.read_timeout = seconds(vm["read-timeout"].as<unsigned>());
    o.write_timeout = seconds(vm["write-timeout"].as<unsigned>());
    o.idle_timeout = seconds(vm["idle-timeout"].as<unsigned>());
    o.handshake_timeout = seconds(vm["handshake-timeout"].as<unsigned>());
    o.max_connections = vm["max-connections"].as<std::size_t>();
    o.ws_message_max = vm["ws-message-max"].as<std::size_t>();
    o.ws_idle_timeout = seconds(vm["ws-idle-timeout"].as<unsigned>());
    o.ws_queue_limit = vm["ws-queue-limit"].as<std::size_t>();
    o.ws_send_buffer = vm["ws-send-buffer"].as<std::size_t>();
    o.ws_nice = vm["ws-nice"].as<int>();
    o.shutdown_timeout = seconds(vm["shutdown-timeout"].as<unsigned>());
    if (o.header_limit < 1024) throw usage_error("--header-limit: at least 1024 bytes");
    if (o.ws_queue_limit < 1) throw usage_error("--ws-queue-limit: at least 1");
    if (o.ws_nice < 0 || o.ws_nice > 19) throw usage_error("--ws-nice: 0 to 19");
    return o;
}

void resolve_certificate(const po::variables_map& vm, const std::filesystem::path& db_path, server::server_options& o) {
    if (vm.count("cert") != vm.count("key")) throw usage_error("--cert and --key go together");
    if (vm.count("cert")) {
        o.cert_file = vm["cert"].as<std::string>();
        o.key_file = vm["key"].as<std::string>();
        return;
    }
    const auto paths = certs::dev_cert_paths_for(db_path);
    if (certs::ensure_dev_certificate(paths)) {
        log_event("info", "created a development certificate", paths.cert.string());
    }
    o.cert_file = paths.cert.string();
    o.key_file = paths.key.string();
}

// Each connection is a descriptor, and a stock soft limit (1024) is far below
// --max-connections. Raise it as far as the hard limit allows and say so when
// that is still short, rather than failing accepts under load.
void raise_open_file_limit(std::size_t max_connections) {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
    const rlim_t wanted = static_cast<rlim_t>(max_connections) + 64;  // database, log, listeners
    const rlim_t target = limit.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, limit.rlim_max);
    if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < target) {
        limit.rlim_cur = target;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < wanted) {
        log_event("warn", "open-file limit below --max-connections",
                  std::to_string(limit.rlim_cur).append(" descriptors"));
    }
}

std::FILE* open_access_log(const std::string& where) {
    if (where == "off") return nullptr;
    if (where == "-") return stdout;
    std::FILE* f = std::fopen(where.c_str(), "a");
    if (!f) throw usage_error("--access-log: cannot open " + where);
    return f;
}

}  // namespace

int serve_command(int argc, const char* const* argv) {
    const auto desc = serve_options();
    const auto parsed = parse_options(argc, argv, desc, true);
    if (parsed.help) {
        print_help("serve", "Serves HTTPS and WebSocket on one port until SIGINT or SIGTERM.", desc);
        return 0;
    }
    const auto& vm = parsed.vars;
    const std::filesystem::path db_path = vm["db"].as<std::string>();
    auto options = to_server_options(vm);
    raise_open_file_limit(options.max_connections);
    const auto web_root =
        vm.count("web-root") ? std::filesystem::path(vm["web-root"].as<std::string>()) : default_web_root();
    if (!web_root.empty() && !std::filesystem::is_directory(web_root)) {
        throw usage_error("--web-root: not a directory: " + web_root.string());
    }
    if (db_path.has_parent_path()) std::filesystem::create_directories(db_path.parent_path());
    resolve_certificate(vm, db_path, options);

    db::store store({.path = db_path.string(), .readers = std::max(1u, vm["db-readers"].as<unsigned>())});
    metrics_registry metrics;
    access_log log(open_access_log(vm["access-log"].as<std::string>()));

    // Declared after the store and before the server: the store's commits
    // feed it, and WebSocket sessions hold subscriptions to it.
    server::live::live_feed live(store);
    server::router routes;
    server::register_app_routes(routes, {store, metrics, live, app_settings_from(vm)});
    std::unique_ptr<server::static_files> files;
    if (!web_root.empty()) {
        files = std::make_unique<server::static_files>(web_root);
        server::register_page_routes(routes, *files);
    }
    if (const auto credentials = server::ensure_first_admin(store, db_path)) {
        log_event("warn", "created the first admin; credentials in " + credentials->string());
    }
    if (vm["demo"].as<bool>() && demo::load_demo_if_empty(store)) {
        log_event("info", "loaded the demo events");
    }

    server::server srv(options, routes, metrics, log);
    srv.start();
    srv.stop_on_signals();
    srv.run();
    store.stop();
    live.stop();
    log_event("info", "stopped");
    return 0;
}

}  // namespace plenary::cli
