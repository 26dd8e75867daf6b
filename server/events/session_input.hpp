// Turning session JSON (POST, PATCH, import) into db::session_record plus the
// parts that need the store to resolve: which room, and whether capacity was
// given or should default from the room.
#pragma once

#include "common/json_reader.hpp"
#include "db/events.hpp"

#include <cstdint>
#include <string>

namespace plenary::server::events {

enum class room_choice {
    unchanged,  // field absent (PATCH keeps the room; POST has none)
    none,       // explicit null
    by_name,    // "room": "Hall A" (created in the event when new)
    by_id,      // "room_id": 7
};

struct session_input {
    db::session_record record;
    room_choice room = room_choice::unchanged;
    std::string room_name;
    std::int64_t room_id = 0;
    bool capacity_given = false;
};

// Reads the session fields present in `in`. With `creating`, title, starts_at
// and ends_at are required; kind defaults to "other".
void read_session_fields(json_reader& in, session_input& s, bool creating);

// Rules needing the event but not the store: times inside the event, end
// after start, a round-table's topic and moderator.
void check_session(json_reader& in, const db::session_record& s, const db::event_record& e);

}  // namespace plenary::server::events
