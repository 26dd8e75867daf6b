// Parsing and writing import documents.
#include "server/events/event_import.hpp"

#include "common/json_reader.hpp"
#include "db/connection.hpp"
#include "server/events/event_input.hpp"
#include "server/events/event_json.hpp"
#include "server/events/input_fields.hpp"
#include "server/events/schedule_checks.hpp"

namespace plenary::server::events {

namespace {

constexpr std::size_t max_events = 500;
constexpr std::size_t max_rooms = 200;
constexpr std::size_t max_sessions = 2000;

import_event parse_one(json_reader& root, const boost::json::value& v, const std::string& path) {
    import_event out;
    json_reader in(v, path);
    read_event_fields(in, out.event, true);
    const bool event_ok = in.ok();
    if (event_ok) check_event(in, out.event);
    if (const auto* rooms = in.optional_array("rooms", max_rooms)) {
        for (std::size_t j = 0; j < rooms->size(); ++j) {
            json_reader room_in((*rooms)[j], in.path_of(indexed("rooms", j)));
            db::room_record room;
            read_room_fields(room_in, room, true);
            out.rooms.push_back(std::move(room));
            in.adopt(std::move(room_in));
        }
    }
    if (const auto* sessions = in.optional_array("sessions", max_sessions)) {
        for (std::size_t k = 0; k < sessions->size(); ++k) {
            json_reader session_in((*sessions)[k], in.path_of(indexed("sessions", k)));
            session_input s;
            read_session_fields(session_in, s, true);
            if (event_ok && session_in.ok()) check_session(session_in, s.record, out.event);
            out.sessions.push_back(std::move(s));
            in.adopt(std::move(session_in));
        }
    }
    root.adopt(std::move(in));
    return out;
}

void prefixed(std::vector<field_error>& into, const std::string& prefix, const std::vector<field_error>& errors) {
    for (const auto& e : errors) into.push_back({prefix + "." + e.field, e.message});
}

// Runs `fn`; a conflict it throws becomes a field error under `prefix`.
template <class Fn>
bool collect_conflict(std::vector<field_error>& errors, const std::string& prefix, Fn fn) {
    try {
        fn();
        return true;
    } catch (const problem& p) {
        if (p.code() != errc::conflict && p.code() != errc::validation) throw;
        if (p.errors().empty()) errors.push_back({prefix, p.detail()});
        prefixed(errors, prefix, p.errors());
        return false;
    }
}

}  // namespace

std::vector<import_event> parse_import(const boost::json::value& doc) {
    json_reader root(doc);
    std::vector<import_event> out;
    const auto* list = root.optional_array("events", max_events);
    if (list == nullptr && root.ok()) root.error("events", "is required");
    if (list != nullptr) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            out.push_back(parse_one(root, (*list)[i], indexed("events", i)));
        }
    }
    root.finish();
    return out;
}

import_counts write_import(db::connection& conn, std::vector<import_event> events, std::optional<std::int64_t> actor) {
    import_counts counts;
    std::vector<field_error> errors;
    for (std::size_t i = 0; i < events.size(); ++i) {
        auto& item = events[i];
        const auto path = indexed("events", i);
        if (!collect_conflict(errors, path, [&] { item.event.id = db::insert_event(conn, item.event); })) continue;
        ++counts.events;
        if (actor) db::add_staff(conn, item.event.id, *actor);
        db::insert_audit(conn, item.event.id, actor, "event.import", item.event.slug,
                         audit_summary({}, event_json(item.event)));
        for (std::size_t j = 0; j < item.rooms.size(); ++j) {
            auto& room = item.rooms[j];
            room.event_id = item.event.id;
            if (collect_conflict(errors, path + "." + indexed("rooms", j), [&] { db::insert_room(conn, room); })) {
                ++counts.rooms;
            }
        }
        for (std::size_t k = 0; k < item.sessions.size(); ++k) {
            auto& s = item.sessions[k];
            s.record.event_id = item.event.id;
            const auto problems = place_session(conn, item.event, s, true);
            if (!problems.empty()) {
                prefixed(errors, path + "." + indexed("sessions", k), problems);
                continue;
            }
            db::insert_session(conn, s.record);
            ++counts.sessions;
        }
    }
    throw_if_invalid(errors);
    return counts;
}

}  // namespace plenary::server::events
