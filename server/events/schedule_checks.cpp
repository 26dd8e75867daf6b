// Room resolution, double-booking and speaker-overlap checks.
#include "server/events/schedule_checks.hpp"

#include "db/connection.hpp"
#include "server/events/input_fields.hpp"

#include <boost/json.hpp>

namespace plenary::server::events {

namespace {

std::string describe(const db::session_record& other) {
    const auto& title = other.title.prefer("en");
    return "\"" + title + "\" (session " + std::to_string(other.id) + ", " + other.starts_at + " to " + other.ends_at +
           ")";
}

// Resolves the room reference into s.record; returns false with an error when
// it names no room of this event.
bool resolve_room(db::connection& conn, const db::event_record& event, session_input& s,
                  std::vector<field_error>& errors, std::optional<db::room_record>& room) {
    auto& r = s.record;
    switch (s.room) {
        case room_choice::unchanged:
            if (r.room_id) room = db::find_room(conn, event.id, *r.room_id);
            return true;
        case room_choice::none:
            r.room_id.reset();
            r.room_name.clear();
            return true;
        case room_choice::by_id:
            room = db::find_room(conn, event.id, s.room_id);
            if (!room) {
                errors.push_back({"room_id", "no room with this id in the event"});
                return false;
            }
            break;
        case room_choice::by_name:
            room = db::find_room_by_name(conn, event.id, s.room_name);
            if (!room) {
                db::room_record fresh{0, event.id, s.room_name, std::nullopt};
                fresh.id = db::insert_room(conn, fresh);
                room = fresh;
            }
            break;
    }
    r.room_id = room->id;
    r.room_name = room->name;
    return true;
}

}  // namespace

std::vector<field_error> place_session(db::connection& conn, const db::event_record& event, session_input& s,
                                       bool creating) {
    std::vector<field_error> errors;
    auto& r = s.record;
    std::optional<db::room_record> room;
    if (!resolve_room(conn, event, s, errors, room)) return errors;
    if (creating && !s.capacity_given) r.capacity = room ? room->capacity : std::nullopt;
    if (r.kind == "roundtable" && !r.capacity) {
        errors.push_back({"capacity", "a round-table needs a seat limit (or a room with a capacity)"});
    }
    if (r.room_id) {
        if (const auto clash = db::find_room_clash(conn, event.id, *r.room_id, r.starts_at, r.ends_at, r.id)) {
            errors.push_back(
                {"room", "\"" + r.room_name + "\" is already booked at this time for " + describe(*clash)});
        }
    }
    return errors;
}

boost::json::array speaker_warnings(db::connection& conn, const db::session_record& s) {
    boost::json::array out;
    const auto clashes = db::find_speaker_clashes(conn, s.event_id, s.speakers, s.starts_at, s.ends_at, s.id);
    for (const auto& c : clashes) {
        std::size_t index = 0;
        while (index < s.speakers.size() && s.speakers[index].name != c.speaker_name) ++index;
        const auto& title = c.session_title.prefer("en");
        out.push_back(boost::json::object{
            {"field", indexed("speakers", index)},
            {"message", c.speaker_name + " is also in \"" + title + "\" (session " + std::to_string(c.session_id) +
                            ") at an overlapping time"},
            {"session_id", c.session_id},
        });
    }
    return out;
}

void throw_if_invalid(const std::vector<field_error>& errors) {
    if (errors.empty()) return;
    const auto& first = errors.front();
    std::string detail = errors.size() == 1 ? first.field + ": " + first.message
                                            : std::to_string(errors.size()) +
                                                  " fields are invalid; first: " + first.field + ": " + first.message;
    throw problem(errc::validation, std::move(detail), errors);
}

}  // namespace plenary::server::events
