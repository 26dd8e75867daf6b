// The load client's workloads. Each prints one JSON object on stdout and
// returns the process exit status (non-zero when the run saw errors).
#pragma once

#include "load_client.hpp"

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

}  // namespace plenary::load
