// The rows live counts are made of, read two ways that must agree: in bulk
// from the store (at start, and to recount one event after a rare structural
// change) and one at a time from captured changes (change_capture.hpp). Both
// use the column lists below, so adding a field means adding it once here.
#pragma once

#include "db/change_capture.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace plenary::db {

class connection;

struct live_registration_row {
    std::int64_t id = 0;
    std::int64_t event_id = 0;
    std::string status;
    std::string country;
    std::string name;
    std::string organization;
    std::string answers_json;
};

struct live_choice_row {  // registration_sessions
    std::int64_t registration_id = 0;
    std::int64_t session_id = 0;
    std::string status;
};

struct live_attendance_row {
    std::int64_t registration_id = 0;
    std::int64_t scope = 0;  // 0: entrance, else a session id
    std::int64_t event_id = 0;
    std::string first_at;
    bool inside = false;
};

struct live_checkin_row {
    std::int64_t id = 0;
    std::int64_t event_id = 0;
    std::int64_t registration_id = 0;
    std::int64_t scope = 0;
    std::string direction;
    std::string device_name;
    std::string scanned_at;
    std::optional<std::string> undone_at;
};

// What to capture: the four row kinds above, the tables whose changes only
// mean "recount this event" (events, sessions, event_questions: their event
// id is column 0), and the columns that decide access (users, api_tokens,
// kiosks, event_staff; events' slug and status).
std::vector<watched_table> live_watched_tables();
// Whether the batch changed who may see what (or may have: an incomplete batch).
bool access_changed(const change_batch& batch);

live_registration_row registration_row_from(const captured_row& row);
live_choice_row choice_row_from(const captured_row& row);
live_attendance_row attendance_row_from(const captured_row& row);
live_checkin_row checkin_row_from(const captured_row& row);
// Column 0 of an events / sessions / event_questions row.
std::int64_t structural_event_id(const row_change& change);

std::vector<std::int64_t> list_event_ids(connection& conn);
void for_each_registration(connection& conn, std::int64_t event_id,
                           const std::function<void(const live_registration_row&)>& fn);
void for_each_choice(connection& conn, std::int64_t event_id, const std::function<void(const live_choice_row&)>& fn);
void for_each_attendance(connection& conn, std::int64_t event_id,
                         const std::function<void(const live_attendance_row&)>& fn);
// Registrations and cancellations as activity: kind "registered" at
// created_at or "cancelled" at cancelled_at.
struct live_signup_row {
    std::string kind;
    std::string at;
    std::string name;
    std::string organization;
    std::string country;
};
// The event's newest `limit` of each kind, in no particular order.
std::vector<live_signup_row> recent_signups(connection& conn, std::int64_t event_id, std::size_t limit);

// The event's newest check-ins, oldest first.
std::vector<live_checkin_row> recent_checkins(connection& conn, std::int64_t event_id, std::size_t limit);

}  // namespace plenary::db
