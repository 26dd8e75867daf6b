// The rules of who holds a place, applied inside one write transaction so no
// interleaving of requests can break them: never more confirmed than the
// capacity (event and session), first come first served on every waiting
// list, a freed place goes to the first in line at once, and every change an
// attendee should hear about writes an outbox message. Promotions are
// recorded in the audit log.
#pragma once

#include "db/events.hpp"
#include "db/registrations.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace plenary::db {
class connection;
}

namespace plenary::server::registrations {

struct new_registration {
    db::registration_record record;  // details only; status, code and queue are decided here
    std::vector<std::int64_t> sessions;
    bool by_organizer = false;   // skips approval; may pass over_capacity
    bool over_capacity = false;  // confirm even when the event or a session is full
};

struct created_registration {
    db::registration_record record;  // as stored
    std::string manage_token;        // returned once, stored only as its key
};

// Who did it, for the audit log; nullopt for the attendee or the system.
using actor = std::optional<std::int64_t>;

// "<slug>/registrations/<id>": the audit subject a registration's history is read by.
std::string registration_subject(const db::event_record& event, std::int64_t registration_id);
void audit_registration(db::connection& conn, const db::event_record& event, std::int64_t registration_id, actor by,
                        std::string_view action, std::string_view summary = "{}");

created_registration register_attendee(db::connection& conn, const db::event_record& event, new_registration input,
                                       actor by);
void cancel_registration(db::connection& conn, const db::event_record& event, const db::registration_record& r,
                         actor by);
void approve_registration(db::connection& conn, const db::event_record& event, const db::registration_record& r,
                          actor by);
void reject_registration(db::connection& conn, const db::event_record& event, const db::registration_record& r,
                         actor by);
// Takes a waitlisted registration out of turn; problem(conflict) when the
// event is full unless over_capacity.
void promote_registration(db::connection& conn, const db::event_record& event, const db::registration_record& r,
                          bool over_capacity, actor by);
// Makes the registration's session choices exactly `sessions` (already
// validated): dropped seats go to the next in line, new ones are placed.
void replace_choices(db::connection& conn, const db::event_record& event, const db::registration_record& r,
                     const std::vector<std::int64_t>& sessions);

// Tells everyone who chose the session that it is gone (outbox and audit);
// call before deleting it, in the same job.
void notify_session_removed(db::connection& conn, const db::event_record& event, const db::session_record& session,
                            actor by);

// Hand free places / seats to whoever waits first; call after a capacity rises.
void fill_free_places(db::connection& conn, const db::event_record& event);
void fill_free_seats(db::connection& conn, const db::event_record& event, std::int64_t session_id);

// Free places of the event (nullopt: no limit); never negative.
std::optional<std::int64_t> places_left(db::connection& conn, const db::event_record& event);
std::optional<std::int64_t> seats_left(db::connection& conn, const db::session_record& session);

}  // namespace plenary::server::registrations
