// The check-in rules, inside the single writer's transaction: a nonce is
// answered once per device (checked before anything else, so a retry after a
// lost reply still says ok), the first admission wins under any concurrency,
// entry and exit keep "inside now", offline replays are taken as facts and a
// second offline admission of one ticket is kept as a conflict, and an undo
// rebuilds the person's attendance from what remains.
#pragma once

#include "db/events.hpp"
#include "server/authenticator.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace plenary::db {
class connection;
}

namespace plenary::server::checkins {

struct checkin_request {
    std::optional<std::string> ticket_code;  // as typed or scanned
    std::optional<std::int64_t> registration_id;
    std::string nonce;
    std::optional<std::int64_t> session_id;
    std::string direction = "in";
    std::string scanned_at;  // canonical UTC
    bool offline = false;
};

boost::json::object check_in(db::connection& conn, const db::event_record& event, const checkin_caller& caller,
                             const checkin_request& request);

// problem(not_found) for an unknown check-in, problem(conflict) when already undone.
boost::json::object undo_checkin(db::connection& conn, const db::event_record& event, std::int64_t checkin_id,
                                 const std::string& reason, std::int64_t user_id);

}  // namespace plenary::server::checkins
