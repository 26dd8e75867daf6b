// Loading the demo document: parse it with the import rules, shift its dates
// into the coming weeks and write it in one job, only into an empty database.
#include "server/demo/demo_data.hpp"

#include "common/json_body.hpp"
#include "common/timezone.hpp"
#include "db/connection.hpp"
#include "db/events.hpp"
#include "db/store.hpp"
#include "server/demo/demo_attendees.hpp"
#include "server/demo/demo_document.hpp"
#include "server/events/event_import.hpp"

#include <algorithm>
#include <stdexcept>

namespace plenary::demo {

namespace {

using std::chrono::days;

// Canonical stored times always parse; the demo document is ours, so a
// failure here is a bug in it.
sys_seconds parse(const std::string& t) {
    const auto parsed = parse_rfc3339(t);
    if (!parsed) throw std::logic_error("demo document has a bad time: " + t);
    return *parsed;
}

void shift(std::string& t, days by) {
    t = format_utc(parse(t) + by);
}

void move_into_coming_weeks(std::vector<server::events::import_event>& events,
                            std::chrono::system_clock::time_point now) {
    if (events.empty()) return;
    const auto first = std::min_element(events.begin(), events.end(), [](const auto& a, const auto& b) {
                           return a.event.starts_at < b.event.starts_at;
                       })->event.starts_at;
    const auto today = std::chrono::floor<days>(now);
    const auto by = (today + days{14}) - std::chrono::floor<days>(parse(first));
    const auto opens = format_utc(std::chrono::floor<std::chrono::seconds>(now) - days{1});
    for (auto& item : events) {
        auto& e = item.event;
        shift(e.starts_at, by);
        shift(e.ends_at, by);
        e.status = "published";
        e.registration_opens_at = opens;
        e.registration_closes_at = e.starts_at;
        for (auto& s : item.sessions) {
            shift(s.record.starts_at, by);
            shift(s.record.ends_at, by);
        }
    }
}

}  // namespace

bool load_demo_if_empty(db::store& store, std::chrono::system_clock::time_point now) {
    auto events = server::events::parse_import(parse_json(demo_document()));
    move_into_coming_weeks(events, now);
    return store.write_sync([&events](db::connection& conn) {
        if (db::count_events(conn) > 0) return false;
        server::events::write_import(conn, std::move(events));
        add_demo_attendees(conn);
        return true;
    });
}

}  // namespace plenary::demo
