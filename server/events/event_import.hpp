// The import document ({"events":[{event fields…, "rooms":[…],
// "sessions":[…]}]}) used by `plenary import` and the demo data: parsed with
// the same rules as the HTTP API, written all-or-nothing in one write job,
// every problem reported with its full path ("events[1].sessions[3].room").
#pragma once

#include "db/events.hpp"
#include "server/events/session_input.hpp"

#include <boost/json/value.hpp>

#include <cstddef>
#include <optional>
#include <vector>

namespace plenary::db {
class connection;
}

namespace plenary::server::events {

struct import_event {
    db::event_record event;
    std::vector<db::room_record> rooms;
    std::vector<session_input> sessions;
};

struct import_counts {
    std::size_t events = 0;
    std::size_t rooms = 0;
    std::size_t sessions = 0;
};

// Throws problem(validation) listing every field problem.
std::vector<import_event> parse_import(const boost::json::value& doc);

// Inserts everything, or throws problem(validation) (duplicate slugs, double
// booked rooms, ...) so the caller's job rolls back as a whole. `actor` is
// recorded in the audit log when known (and becomes staff of each event).
import_counts write_import(db::connection& conn, std::vector<import_event> events,
                           std::optional<std::int64_t> actor = std::nullopt);

}  // namespace plenary::server::events
