// Places, seats and waiting lists; see registration_ledger.hpp. Every function
// runs inside the single writer's transaction, so reading a tally and acting
// on it cannot be interleaved with another request.
#include "server/registrations/registration_ledger.hpp"

#include "common/problem.hpp"
#include "common/ticket_code.hpp"
#include "db/connection.hpp"
#include "server/registrations/manage_token.hpp"
#include "server/registrations/outbox_messages.hpp"

#include <algorithm>
#include <chrono>

namespace plenary::server::registrations {

namespace {

db::registration_record reload(db::connection& conn, const db::event_record& event, std::int64_t id) {
    auto r = db::find_registration(conn, event.id, id);
    if (!r) throw problem(errc::not_found, "no such registration");
    return std::move(*r);
}

db::session_record load_session(db::connection& conn, const db::event_record& event, std::int64_t id) {
    auto s = db::find_session(conn, event.id, id);
    if (!s) throw problem::invalid("sessions", "no such session in this event: " + std::to_string(id));
    return std::move(*s);
}

// A place is free only when nobody waits for it: a newcomer never overtakes
// the queue, even if a capacity change briefly left a place open.
bool event_has_room(db::connection& conn, const db::event_record& event) {
    const auto left = places_left(conn, event);
    return (!left || *left > 0) && !db::first_waiting_registration(conn, event.id);
}

bool session_has_room(db::connection& conn, const db::session_record& session) {
    const auto left = seats_left(conn, session);
    return (!left || *left > 0) && !db::first_waiting_choice(conn, session.id);
}

// Turns one requested (or new) choice of a confirmed registration into a seat
// or a place in the session's queue.
void place_choice(db::connection& conn, const db::event_record& event, std::int64_t registration_id,
                  std::int64_t session_id, bool over_capacity) {
    const auto session = load_session(conn, event, session_id);
    if (over_capacity || session_has_room(conn, session)) {
        db::upsert_choice(conn, registration_id, {session_id, "confirmed", std::nullopt});
    } else {
        db::upsert_choice(conn, registration_id,
                          {session_id, "waitlisted", db::next_session_queue_seq(conn, session_id)});
    }
}

void place_requested_choices(db::connection& conn, const db::event_record& event, std::int64_t registration_id,
                             bool over_capacity) {
    for (const auto& c : db::list_choices(conn, registration_id)) {
        if (c.status == "requested") place_choice(conn, event, registration_id, c.session_id, over_capacity);
    }
}

// Drops every choice, then hands the freed seats on.
void release_choices(db::connection& conn, const db::event_record& event, std::int64_t registration_id) {
    std::vector<std::int64_t> freed;
    for (const auto& c : db::list_choices(conn, registration_id)) {
        db::delete_choice(conn, registration_id, c.session_id);
        if (c.status == "confirmed") freed.push_back(c.session_id);
    }
    for (const auto id : freed) fill_free_seats(conn, event, id);
}

void confirm(db::connection& conn, const db::event_record& event, std::int64_t registration_id, bool over_capacity) {
    db::set_registration_status(conn, registration_id, "confirmed", std::nullopt);
    place_requested_choices(conn, event, registration_id, over_capacity);
}

void enqueue(db::connection& conn, const db::event_record& event, std::int64_t registration_id) {
    db::set_registration_status(conn, registration_id, "waitlisted", db::next_event_queue_seq(conn, event.id));
}

std::string initial_status(db::connection& conn, const db::event_record& event, const new_registration& in) {
    if (event.requires_approval && !in.by_organizer) return "pending";
    if (in.over_capacity || event_has_room(conn, event)) return "confirmed";
    return "waitlisted";
}

}  // namespace

std::string registration_subject(const db::event_record& event, std::int64_t registration_id) {
    return event.slug + "/registrations/" + std::to_string(registration_id);
}

void audit_registration(db::connection& conn, const db::event_record& event, std::int64_t registration_id, actor by,
                        std::string_view action, std::string_view summary) {
    db::insert_audit(conn, event.id, by, action, registration_subject(event, registration_id), summary);
}

std::optional<std::int64_t> places_left(db::connection& conn, const db::event_record& event) {
    if (!event.capacity) return std::nullopt;
    return std::max<std::int64_t>(0, *event.capacity - db::registration_tally(conn, event.id, "confirmed"));
}

std::optional<std::int64_t> seats_left(db::connection& conn, const db::session_record& session) {
    if (!session.capacity) return std::nullopt;
    return std::max<std::int64_t>(0, *session.capacity - db::session_tally(conn, session.id, "confirmed"));
}

created_registration register_attendee(db::connection& conn, const db::event_record& event, new_registration in,
                                       actor by) {
    auto& r = in.record;
    r.event_id = event.id;
    r.status = initial_status(conn, event, in);
    r.queue_seq = r.status == "waitlisted" ? std::optional(db::next_event_queue_seq(conn, event.id)) : std::nullopt;
    const auto issued = std::chrono::system_clock::now();
    r.ticket_code = make_ticket_code(issued);
    r.source = in.by_organizer ? "organizer" : "self";
    auto manage_token = make_manage_token(issued);
    const auto id = db::insert_registration(conn, r, manage_token_key(manage_token));
    for (const auto session_id : in.sessions) {
        if (r.status == "confirmed") {
            place_choice(conn, event, id, session_id, in.over_capacity);
        } else {
            load_session(conn, event, session_id);
            db::upsert_choice(conn, id, {session_id, "requested", std::nullopt});
        }
    }
    audit_registration(conn, event, id, by, in.by_organizer ? "registration.add" : "registration.create",
                       "{\"status\":\"" + r.status + "\"}");
    // The row as stored: choices live in their own table, so nothing above
    // changed it after the INSERT, and reading it back would only repeat it.
    created_registration out{std::move(r), std::move(manage_token)};
    queue_message(conn, event, out.record, out.record.status);
    return out;
}

void cancel_registration(db::connection& conn, const db::event_record& event, const db::registration_record& r,
                         actor by) {
    if (r.status == "cancelled" || r.status == "rejected") {
        throw problem(errc::conflict, "the registration is already " + r.status);
    }
    db::set_registration_status(conn, r.id, "cancelled", std::nullopt);
    release_choices(conn, event, r.id);
    audit_registration(conn, event, r.id, by, by ? "registration.cancel" : "registration.self_cancel",
                       "{\"from\":\"" + r.status + "\"}");
    queue_message(conn, event, reload(conn, event, r.id), "cancelled");
    if (r.status == "confirmed") fill_free_places(conn, event);
}

void approve_registration(db::connection& conn, const db::event_record& event, const db::registration_record& r,
                          actor by) {
    if (r.status != "pending") throw problem(errc::conflict, "only a pending registration can be approved");
    if (event_has_room(conn, event)) {
        confirm(conn, event, r.id, false);
    } else {
        enqueue(conn, event, r.id);
    }
    const auto after = reload(conn, event, r.id);
    audit_registration(conn, event, r.id, by, "registration.approve", "{\"status\":\"" + after.status + "\"}");
    queue_message(conn, event, after, after.status);
}

void reject_registration(db::connection& conn, const db::event_record& event, const db::registration_record& r,
                         actor by) {
    if (r.status != "pending") throw problem(errc::conflict, "only a pending registration can be rejected");
    db::set_registration_status(conn, r.id, "rejected", std::nullopt);
    release_choices(conn, event, r.id);
    audit_registration(conn, event, r.id, by, "registration.reject");
    queue_message(conn, event, reload(conn, event, r.id), "rejected");
}

void promote_registration(db::connection& conn, const db::event_record& event, const db::registration_record& r,
                          bool over_capacity, actor by) {
    if (r.status != "waitlisted") throw problem(errc::conflict, "only a waitlisted registration can be promoted");
    const auto left = places_left(conn, event);
    if (!over_capacity && left && *left == 0) {
        throw problem(errc::conflict, "the event is full; raise its capacity or promote over capacity");
    }
    confirm(conn, event, r.id, false);
    audit_registration(conn, event, r.id, by, "registration.promote",
                       over_capacity ? "{\"over_capacity\":true}" : "{\"over_capacity\":false}");
    queue_message(conn, event, reload(conn, event, r.id), "promoted");
}

void replace_choices(db::connection& conn, const db::event_record& event, const db::registration_record& r,
                     const std::vector<std::int64_t>& sessions) {
    std::vector<std::int64_t> freed;
    const auto current = db::list_choices(conn, r.id);
    for (const auto& c : current) {
        if (std::find(sessions.begin(), sessions.end(), c.session_id) != sessions.end()) continue;
        db::delete_choice(conn, r.id, c.session_id);
        if (c.status == "confirmed") freed.push_back(c.session_id);
    }
    for (const auto id : sessions) {
        const bool held =
            std::any_of(current.begin(), current.end(), [id](const auto& c) { return c.session_id == id; });
        if (held) continue;
        if (r.status == "confirmed") {
            place_choice(conn, event, r.id, id, false);
        } else {
            load_session(conn, event, id);
            db::upsert_choice(conn, r.id, {id, "requested", std::nullopt});
        }
    }
    for (const auto id : freed) fill_free_seats(conn, event, id);
}

void notify_session_removed(db::connection& conn, const db::event_record& event, const db::session_record& session,
                            actor by) {
    for (const auto id : db::registrations_choosing(conn, session.id)) {
        const auto r = reload(conn, event, id);
        audit_registration(conn, event, id, by, "registration.session_removed",
                           "{\"session_id\":" + std::to_string(session.id) + "}");
        if (r.status != "cancelled" && r.status != "rejected") {
            queue_message(conn, event, r, "session_cancelled", &session.title);
        }
    }
}

void fill_free_places(db::connection& conn, const db::event_record& event) {
    for (;;) {
        const auto left = places_left(conn, event);
        if (left && *left == 0) return;
        const auto next = db::first_waiting_registration(conn, event.id);
        if (!next) return;
        confirm(conn, event, *next, false);
        audit_registration(conn, event, *next, std::nullopt, "registration.promote", "{\"automatic\":true}");
        queue_message(conn, event, reload(conn, event, *next), "promoted");
    }
}

void fill_free_seats(db::connection& conn, const db::event_record& event, std::int64_t session_id) {
    const auto session = db::find_session(conn, event.id, session_id);
    if (!session) return;
    for (;;) {
        const auto left = seats_left(conn, *session);
        if (left && *left == 0) return;
        const auto next = db::first_waiting_choice(conn, session_id);
        if (!next) return;
        db::upsert_choice(conn, *next, {session_id, "confirmed", std::nullopt});
        audit_registration(conn, event, *next, std::nullopt, "registration.session_promote",
                           "{\"session_id\":" + std::to_string(session_id) + "}");
        queue_message(conn, event, reload(conn, event, *next), "session_promoted", &session->title);
    }
}

}  // namespace plenary::server::registrations
