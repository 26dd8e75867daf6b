// Structured access log: one JSON object per line per request. It is given
// only the fields below, never headers, cookies, query strings or bodies, so a
// token or password can not leak into it by construction.
#pragma once

#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

namespace plenary {

struct access_entry {
    std::string_view remote;  // client address
    std::string_view method;
    std::string_view path;   // path only, query stripped by the caller
    std::string_view route;  // matched pattern, "static" or "-"
    unsigned status = 0;
    std::size_t bytes_out = 0;
    std::chrono::microseconds duration{0};
    std::string_view user_agent;  // truncated to 200 bytes
    bool tls = false;
};

class access_log {
public:
    // Writes to `out` (stdout by default); nullptr disables logging.
    explicit access_log(std::FILE* out = stdout) : out_(out) {}
    void write(const access_entry& e);
    // Formats one line (without trailing newline); exposed for tests.
    static std::string format(const access_entry& e, std::chrono::system_clock::time_point now);

private:
    std::FILE* out_;
    std::mutex mutex_;
};

// Operational log line (startup, shutdown, errors): {"ts","level","msg",...};
// level is "info", "warn" or "error", the three an operator filters on.
void log_event(std::string_view level, std::string_view message, std::string_view detail = {});

}  // namespace plenary
