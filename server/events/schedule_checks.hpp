// The session rules that need the store: resolving the room (a new name
// creates the room), defaulting capacity from it, refusing a room booked twice
// at overlapping times, and warning (not refusing) when a speaker is in two
// sessions at once. Shared by the HTTP handlers and the importer.
#pragma once

#include "common/problem.hpp"
#include "db/events.hpp"
#include "server/events/session_input.hpp"

#include <boost/json/array.hpp>

#include <vector>

namespace plenary::db {
class connection;
}

namespace plenary::server::events {

// Completes s.record (room_id, room_name, capacity) and returns the problems,
// with field names relative to the session ("room", "capacity"). Runs inside
// a write job; a room it creates rolls back with the job when errors follow.
std::vector<field_error> place_session(db::connection& conn, const db::event_record& event, session_input& s,
                                       bool creating);

// [{"field":"speakers[0]","message":...,"session_id":N}] for each speaker of
// `s` who is also in another overlapping session of the event.
boost::json::array speaker_warnings(db::connection& conn, const db::session_record& s);

// Throws problem(validation) listing `errors` when there are any.
void throw_if_invalid(const std::vector<field_error>& errors);

}  // namespace plenary::server::events
