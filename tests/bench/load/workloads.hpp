// The load client's workloads. Each prints one JSON object on stdout and
// returns the process exit status (non-zero when the run saw errors).
#pragma once

#include "load_client.hpp"

#include <cstddef>
#include <string>

namespace plenary::load {

// Registrations with unique emails from `connections` keep-alive connections
// until `total` are answered (the sale rush). Writes each confirmed ticket
// code to `codes_out` when given, for the check-in workloads.
struct rush_options {
    endpoint server;
    std::string slug;
    std::string email_tag;  // makes emails unique across runs into one event
    int total = 50000;
    int connections = 1000;
    unsigned threads = 2;
    std::string codes_out;
};
int run_rush(const rush_options& o);

// Kiosks scanning tickets at a steady pace while dashboards follow the live
// feed: each kiosk gets its own token and keep-alive connection.
struct checkin_options {
    endpoint server;
    std::string slug;
    std::string organizer_token;
    std::string codes_file;
    int kiosks = 200;
    int interval_ms = 500;
    int dashboards = 1000;
    int seconds = 20;
    unsigned threads = 2;
};
int run_checkins(const checkin_options& o);

// Many idle dashboards on the live feed: the server's memory per connection,
// then the time from each check-in to its arrival at every dashboard.
struct fanout_options {
    endpoint server;
    std::string slug;
    std::string organizer_token;
    std::string codes_file;
    int connections = 10000;
    int checkins = 20;
    int spacing_ms = 500;
    int server_pid = 0;
    unsigned threads = 2;
};
int run_fanout(const fanout_options& o);

// Flushes 8 KiB to `file` every interval (the file is removed afterwards):
// the disk's flush latency beside a workload, and the wall-clock times of
// the slow flushes for `access-log --stalls`. SIGTERM ends it early (it
// still reports).
struct disk_probe_options {
    std::string file;
    int seconds = 20;
    int interval_ms = 10;
    double slow_ms = 5;
    std::string stalls_out;
};
int run_disk_probe(const disk_probe_options& o);

// Workload 5 without plenary: the same number of plain TCP connections on
// loopback, a message of the same size written to each in turn by
// `writers` threads and read by `readers` threads on epoll. What the kernel
// alone costs for one fan-out on this machine.
struct fanout_floor_options {
    int connections = 10000;
    int rounds = 20;
    int spacing_ms = 300;
    std::size_t bytes = 512;
    unsigned writers = 2;
    unsigned readers = 2;
};
int run_fanout_floor(const fanout_floor_options& o);

}  // namespace plenary::load
