// Access log and operational log lines as JSON, serialized by boost::json so
// quotes, control characters and odd bytes from clients are escaped properly.
#include "common/access_log.hpp"

#include "common/clock.hpp"
#include "common/text.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <utility>

namespace plenary {

namespace {

constexpr std::size_t max_user_agent_bytes = 200;

// Untrusted text may be cut mid-character or be invalid UTF-8; the log must
// stay valid JSON in UTF-8 whatever a client sends.
boost::json::string clean(std::string_view text) {
    return boost::json::string(to_valid_utf8(text));
}

void write_line(std::FILE* out, std::string line) {
    line += '\n';
    // One fwrite per line: stdio locks the stream, so concurrent lines never
    // interleave. A failed write has nowhere better to be reported than here.
    std::fwrite(line.data(), 1, line.size(), out);
}

}  // namespace

std::string access_log::format(const access_entry& e, std::chrono::system_clock::time_point now) {
    // Defence in depth: callers strip the query, but a token in one must never reach the log.
    const auto path = e.path.substr(0, e.path.find('?'));
    boost::json::object o;
    o["ts"] = format_rfc3339_utc(now);
    o["remote"] = clean(e.remote);
    o["method"] = clean(e.method);
    o["path"] = clean(path);
    o["route"] = clean(e.route);
    o["status"] = e.status;
    o["bytes"] = e.bytes_out;
    o["duration_ms"] = static_cast<double>(e.duration.count()) / 1000.0;
    o["ua"] = clean(truncate_utf8(e.user_agent, max_user_agent_bytes));
    o["tls"] = e.tls;
    return boost::json::serialize(o);
}

void access_log::write(const access_entry& e) {
    if (out_ == nullptr) return;
    auto line = format(e, std::chrono::system_clock::now());
    std::lock_guard lock(mutex_);
    write_line(out_, std::move(line));
    // Flushed per line so `tail -f` and a crash both see every request.
    std::fflush(out_);
}

void log_event(std::string_view level, std::string_view message, std::string_view detail) {
    boost::json::object o;
    o["ts"] = format_rfc3339_utc(std::chrono::system_clock::now());
    o["level"] = clean(level);
    o["msg"] = clean(message);
    if (!detail.empty()) o["detail"] = clean(detail);
    write_line(stderr, boost::json::serialize(o));
}

}  // namespace plenary
