// plenary_load: the load client `make bench` drives the server with, for the
// workloads wrk can not express (a thousand connections in a sale rush,
// kiosks beside live dashboards, ten thousand wss connections).
//   plenary_load rush     --port P --slug S [--registrations N --connections C --codes-out FILE]
//   plenary_load checkins --port P --slug S --token T --codes FILE [--kiosks K --interval-ms I --dashboards D --seconds
//   S] plenary_load fanout   --port P --slug S --token T --codes FILE --server-pid PID [--connections N --checkins C]
//   plenary_load access-log --file LOG --method POST --route PATTERN [--stalls FILE --slow-ms MS --window-ms MS]
//   plenary_load disk-probe --file FILE [--seconds S --interval-ms I --slow-ms MS --stalls-out FILE]
//   plenary_load fanout-floor [--connections N --rounds R --spacing-ms MS --bytes B --writers W --readers R]
#include "workloads.hpp"

#include <boost/json/serialize.hpp>
#include <boost/program_options.hpp>

#include <iostream>

namespace po = boost::program_options;
using namespace plenary::load;

namespace {

void add_server_options(po::options_description& d, endpoint& e, std::string& slug, unsigned& threads) {
    d.add_options()("host", po::value(&e.host)->default_value("127.0.0.1"), "server address")(
        "port", po::value(&e.port)->required(), "server port")("slug", po::value(&slug)->required(), "event slug")(
        "threads", po::value(&threads)->default_value(2), "client I/O threads");
}

// The two workloads on the live feed need an organizer and tickets to scan.
void add_feed_options(po::options_description& d, std::string& token, std::string& codes) {
    d.add_options()("token", po::value(&token)->required(), "organizer bearer token")(
        "codes", po::value(&codes)->required(), "ticket codes, one per line");
}

bool parse(int argc, char** argv, po::options_description& d) {
    d.add_options()("help", "show this help");
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, d), vm);
    if (vm.count("help")) {
        std::cout << d;
        return false;
    }
    po::notify(vm);
    return true;
}

int rush(int argc, char** argv) {
    rush_options o;
    po::options_description d("plenary_load rush");
    add_server_options(d, o.server, o.slug, o.threads);
    d.add_options()("registrations", po::value(&o.total)->default_value(o.total), "registrations to make")(
        "connections", po::value(&o.connections)->default_value(o.connections), "keep-alive connections")(
        "email-tag", po::value(&o.email_tag)->default_value("run"), "makes emails unique per run")(
        "codes-out", po::value(&o.codes_out), "file for the confirmed ticket codes");
    return parse(argc, argv, d) ? run_rush(o) : 0;
}

int checkins(int argc, char** argv) {
    checkin_options o;
    po::options_description d("plenary_load checkins");
    add_server_options(d, o.server, o.slug, o.threads);
    add_feed_options(d, o.organizer_token, o.codes_file);
    d.add_options()("kiosks", po::value(&o.kiosks)->default_value(o.kiosks), "kiosks scanning")(
        "interval-ms", po::value(&o.interval_ms)->default_value(o.interval_ms), "time between one kiosk's scans")(
        "dashboards", po::value(&o.dashboards)->default_value(o.dashboards), "dashboards on the live feed")(
        "seconds", po::value(&o.seconds)->default_value(o.seconds), "how long the kiosks scan");
    return parse(argc, argv, d) ? run_checkins(o) : 0;
}

int fanout(int argc, char** argv) {
    fanout_options o;
    po::options_description d("plenary_load fanout");
    add_server_options(d, o.server, o.slug, o.threads);
    add_feed_options(d, o.organizer_token, o.codes_file);
    d.add_options()("server-pid", po::value(&o.server_pid)->required(), "the server's process id, for its memory")(
        "connections", po::value(&o.connections)->default_value(o.connections), "dashboards")(
        "checkins", po::value(&o.checkins)->default_value(o.checkins), "check-ins to time")(
        "spacing-ms", po::value(&o.spacing_ms)->default_value(o.spacing_ms), "pause between check-ins");
    return parse(argc, argv, d) ? run_fanout(o) : 0;
}

int access_log(int argc, char** argv) {
    std::string file;
    std::string method;
    std::string route;
    stall_match stalls;
    po::options_description d("plenary_load access-log");
    d.add_options()("file", po::value(&file)->required(), "plenary's access log")(
        "method", po::value(&method)->required(), "HTTP method")("route", po::value(&route)->required(),
                                                                 "route pattern, e.g. /api/v1/events/{slug}/checkins")(
        "stalls", po::value(&stalls.stalls_file), "slow flushes from disk-probe --stalls-out")(
        "slow-ms", po::value(&stalls.slow_ms)->default_value(stalls.slow_ms), "an answer slower than this is slow")(
        "window-ms", po::value(&stalls.window_ms)->default_value(stalls.window_ms), "how near a stall counts");
    if (!parse(argc, argv, d)) return 0;
    const auto* match = stalls.stalls_file.empty() ? nullptr : &stalls;
    std::cout << boost::json::serialize(access_log_summary(file, method, route, match)) << std::endl;
    return 0;
}

int disk_probe(int argc, char** argv) {
    disk_probe_options o;
    po::options_description d("plenary_load disk-probe");
    d.add_options()("file", po::value(&o.file)->required(), "probe file, on the database's file system")(
        "seconds", po::value(&o.seconds)->default_value(o.seconds), "how long to probe")(
        "interval-ms", po::value(&o.interval_ms)->default_value(o.interval_ms), "time between flushes")(
        "slow-ms", po::value(&o.slow_ms)->default_value(o.slow_ms), "a flush slower than this is a stall")(
        "stalls-out", po::value(&o.stalls_out), "file for the stalls' wall-clock times");
    return parse(argc, argv, d) ? run_disk_probe(o) : 0;
}

int fanout_floor(int argc, char** argv) {
    fanout_floor_options o;
    po::options_description d("plenary_load fanout-floor");
    d.add_options()("connections", po::value(&o.connections)->default_value(o.connections), "connections")(
        "rounds", po::value(&o.rounds)->default_value(o.rounds), "messages to each connection")(
        "spacing-ms", po::value(&o.spacing_ms)->default_value(o.spacing_ms), "pause between rounds")(
        "bytes", po::value(&o.bytes)->default_value(o.bytes), "message size")(
        "writers", po::value(&o.writers)->default_value(o.writers), "writing threads")(
        "readers", po::value(&o.readers)->default_value(o.readers), "reading threads");
    return parse(argc, argv, d) ? run_fanout_floor(o) : 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    try {
        if (mode == "rush") return rush(argc - 1, argv + 1);
        if (mode == "checkins") return checkins(argc - 1, argv + 1);
        if (mode == "fanout") return fanout(argc - 1, argv + 1);
        if (mode == "access-log") return access_log(argc - 1, argv + 1);
        if (mode == "disk-probe") return disk_probe(argc - 1, argv + 1);
        if (mode == "fanout-floor") return fanout_floor(argc - 1, argv + 1);
        std::cerr << "usage: plenary_load rush|checkins|fanout|access-log|disk-probe|fanout-floor [options] "
                     "(--help for each)\n";
        return 2;
    } catch (const po::error& e) {
        std::cerr << "plenary_load: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "plenary_load " << mode << ": " << e.what() << "\n";
        return 1;
    }
}
