// Registrations as JSON: the attendee's view (with the event it belongs to)
// and the organizer's (with source), plus the public availability figures the
// event page shows.
#pragma once

#include "db/events.hpp"
#include "db/registrations.hpp"

#include <boost/json/object.hpp>

#include <vector>

namespace plenary::db {
class connection;
}

namespace plenary::server::registrations {

enum class view { attendee, organizer };

boost::json::object registration_json(db::connection& conn, const db::event_record& event,
                                      const db::registration_record& r, const std::vector<db::session_record>& sessions,
                                      view v);

// Adds "registration": {"state","places_left","waitlist_length"} to an event
// object and "seats_left"/"waitlist_length" to each of its "sessions".
void add_availability(db::connection& conn, const db::event_record& event,
                      const std::vector<db::session_record>& sessions, boost::json::object& event_json);

// "open", "not_open_yet" or "closed", for the time now.
std::string registration_state(const db::event_record& event);

}  // namespace plenary::server::registrations
