// The messages an attendee gets about their registration, in their language,
// written to the outbox in the same transaction as the change they announce.
// They carry the ticket code and the event page, never the manage token (the
// mail sender will mint a fresh manage link when it delivers).
#pragma once

#include "db/events.hpp"
#include "db/registrations.hpp"

#include <string_view>

namespace plenary::db {
class connection;
}

namespace plenary::server::registrations {

// kind: confirmed, waitlisted, pending, promoted, cancelled, rejected,
// session_promoted, session_cancelled (then session_title names the session).
void queue_message(db::connection& conn, const db::event_record& event, const db::registration_record& r,
                   std::string_view kind, const db::bilingual* session_title = nullptr);

}  // namespace plenary::server::registrations
