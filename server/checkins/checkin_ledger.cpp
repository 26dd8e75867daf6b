// Check-in rules; see checkin_ledger.hpp.
#include "server/checkins/checkin_ledger.hpp"

#include "common/clock.hpp"
#include "common/problem.hpp"
#include "common/ticket_code.hpp"
#include "db/checkins.hpp"
#include "db/connection.hpp"
#include "db/registrations.hpp"
#include "server/events/event_json.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <map>

namespace plenary::server::checkins {

namespace {

namespace json = boost::json;

// Long enough for a kiosk that was offline all day to replay its queue.
constexpr auto nonce_lifetime = std::chrono::hours(24 * 7);

struct verdict {
    std::string result;
    std::optional<db::registration_record> registration;
};

// Finds the registration the scan names, or the result that stops here.
verdict identify(db::connection& conn, const db::event_record& event, const checkin_request& request) {
    if (request.registration_id) {
        auto r = db::find_registration(conn, event.id, *request.registration_id);
        if (!r) return {"not_found", std::nullopt};
        return {"", std::move(r)};
    }
    const auto code = parse_ticket_code(request.ticket_code.value_or(""));
    if (!code) return {"not_found", std::nullopt};
    std::int64_t owner_event = 0;
    const auto id = db::find_registration_by_ticket(conn, *code, &owner_event);
    if (!id) return {"not_found", std::nullopt};
    if (owner_event != event.id) return {"wrong_event", std::nullopt};
    return {"", db::find_registration(conn, event.id, *id)};
}

std::string status_result(const db::registration_record& r) {
    if (r.status == "cancelled" || r.status == "rejected") return "cancelled";
    if (r.status == "waitlisted" || r.status == "pending") return r.status;
    return "";
}

bool holds_seat(db::connection& conn, std::int64_t registration_id, std::int64_t session_id) {
    const auto choices = db::list_choices(conn, registration_id);
    return std::any_of(choices.begin(), choices.end(),
                       [&](const auto& c) { return c.session_id == session_id && c.status == "confirmed"; });
}

json::object answer(const std::string& result, const checkin_request& request, const std::string& received_at,
                    const std::optional<db::registration_record>& r, std::optional<std::int64_t> checkin_id,
                    const std::optional<db::attendance_record>& first) {
    json::value attendee = nullptr;
    if (r) attendee = json::object{{"name", r->name}, {"organization", r->organization}, {"country", r->country}};
    return {{"result", result},
            {"checkin_id", events::optional_json(checkin_id)},
            {"registration_id", r ? json::value(r->id) : json::value(nullptr)},
            {"attendee", std::move(attendee)},
            {"first_checked_in_at", first ? json::value(first->first_at) : json::value(nullptr)},
            {"first_kiosk", first ? json::value(first->first_device) : json::value(nullptr)},
            {"direction", request.direction},
            {"session_id", events::optional_json(request.session_id)},
            {"scanned_at", request.scanned_at},
            {"received_at", received_at},
            {"offline", request.offline}};
}

db::checkin_record new_checkin(const db::event_record& event, const checkin_caller& caller,
                               const checkin_request& request, std::int64_t registration_id,
                               const std::string& received_at) {
    db::checkin_record c;
    c.event_id = event.id;
    c.registration_id = registration_id;
    c.scope = request.session_id.value_or(0);
    c.direction = request.direction;
    if (caller.kiosk) c.kiosk_id = caller.kiosk->id;
    if (caller.organizer) c.user_id = caller.organizer->id;
    c.device_name = caller.device_name();
    c.scanned_at = request.scanned_at;
    c.received_at = received_at;
    c.offline = request.offline;
    return c;
}

// Records an accepted scan and what it does to attendance; returns the result.
std::string admit(db::connection& conn, db::checkin_record c, std::optional<db::attendance_record>& attendance,
                  std::optional<std::int64_t>& checkin_id) {
    const bool inside = attendance && attendance->inside;
    if (c.direction == "in" && inside) {
        // A replayed offline admission by another device is a fact worth
        // keeping: the organizers see it as a conflict (one ticket let in at
        // two doors). Online, or from the same device, "already" is the answer.
        if (!c.offline) return "already_checked_in";
        const auto first = db::find_checkin(conn, c.event_id, attendance->first_checkin_id);
        if (first && first->kiosk_id == c.kiosk_id && first->user_id == c.user_id) return "already_checked_in";
        c.conflict = true;
        checkin_id = db::insert_checkin(conn, c);
        return "already_checked_in";
    }
    checkin_id = db::insert_checkin(conn, c);
    if (c.direction == "in") {
        if (!attendance) {
            attendance = db::attendance_record{c.registration_id, c.scope,       c.event_id, *checkin_id,
                                               c.scanned_at,      c.device_name, true};
        }
        attendance->inside = true;
        db::upsert_attendance(conn, *attendance);
    } else if (inside) {
        attendance->inside = false;
        db::upsert_attendance(conn, *attendance);
    }
    return "ok";
}

void rebuild_attendance(db::connection& conn, const db::event_record& event, std::int64_t registration_id,
                        std::int64_t scope) {
    const auto live = db::list_live_checkins(conn, registration_id, scope);
    const auto first_in = std::find_if(live.begin(), live.end(), [](const auto& c) { return c.direction == "in"; });
    if (first_in == live.end()) {
        db::delete_attendance(conn, registration_id, scope);
        return;
    }
    bool inside = false;
    for (const auto& c : live) inside = c.direction == "in";
    db::upsert_attendance(
        conn, {registration_id, scope, event.id, first_in->id, first_in->scanned_at, first_in->device_name, inside});
}

}  // namespace

json::object check_in(db::connection& conn, const db::event_record& event, const checkin_caller& caller,
                      const checkin_request& request) {
    // Nonces are the device's own, per event: an organizer scans at many.
    const auto device = caller.device().append("@").append(std::to_string(event.id));
    db::expire_nonce_answers(conn, format_rfc3339_utc(std::chrono::system_clock::now() - nonce_lifetime));
    if (auto stored = db::find_nonce_answer(conn, device, request.nonce)) return json::parse(*stored).as_object();

    const auto received_at = now_rfc3339();
    if (request.session_id && !db::find_session(conn, event.id, *request.session_id)) {
        throw problem::invalid("session_id", "is not a session of this event");
    }
    auto found = identify(conn, event, request);
    std::optional<std::int64_t> checkin_id;
    std::optional<db::attendance_record> attendance;
    std::string result = found.result;
    if (result.empty()) result = status_result(*found.registration);
    if (result.empty() && request.session_id) {
        const auto session = db::find_session(conn, event.id, *request.session_id);
        if (session->requires_signup && !holds_seat(conn, found.registration->id, session->id)) {
            result = "not_signed_up";
        }
    }
    if (result.empty()) {
        attendance = db::find_attendance(conn, found.registration->id, request.session_id.value_or(0));
        result = admit(conn, new_checkin(event, caller, request, found.registration->id, received_at), attendance,
                       checkin_id);
    }
    auto out = answer(result, request, received_at, found.registration, checkin_id, attendance);
    db::insert_nonce_answer(conn, device, request.nonce, json::serialize(out));
    if (caller.kiosk) db::touch_kiosk(conn, caller.kiosk->id);
    return out;
}

json::object undo_checkin(db::connection& conn, const db::event_record& event, std::int64_t checkin_id,
                          const std::string& reason, std::int64_t user_id) {
    const auto c = db::find_checkin(conn, event.id, checkin_id);
    if (!c) throw problem(errc::not_found, "no such check-in in this event");
    if (c->undone_at) throw problem(errc::conflict, "this check-in was already undone");
    db::undo_checkin(conn, c->id, reason);
    rebuild_attendance(conn, event, c->registration_id, c->scope);
    db::insert_audit(conn, event.id, user_id, "checkin.undo", event.slug + "/checkins/" + std::to_string(c->id),
                     json::serialize(json::object{{"registration_id", c->registration_id}, {"reason", reason}}));
    const auto after = db::find_checkin(conn, event.id, checkin_id).value();
    return {{"id", after.id},
            {"registration_id", after.registration_id},
            {"undone_at", events::optional_json(after.undone_at)},
            {"undo_reason", events::optional_json(after.undo_reason)}};
}

}  // namespace plenary::server::checkins
