// Registration and availability JSON; see registration_json.hpp.
#include "server/registrations/registration_json.hpp"

#include "common/clock.hpp"
#include "common/problem.hpp"
#include "common/ticket_code.hpp"
#include "db/connection.hpp"
#include "server/events/event_json.hpp"
#include "server/registrations/registration_ledger.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace plenary::server::registrations {

namespace {

namespace json = boost::json;
using events::bilingual_json;
using events::optional_json;

json::object session_choice_json(db::connection& conn, const db::registration_record& r, const db::session_choice& c,
                                 const std::vector<db::session_record>& sessions) {
    json::object out{{"id", c.session_id}};
    const auto it = std::find_if(sessions.begin(), sessions.end(), [&](const auto& s) { return s.id == c.session_id; });
    if (it != sessions.end()) {
        out["title"] = bilingual_json(it->title);
        out["starts_at"] = it->starts_at;
        out["ends_at"] = it->ends_at;
        out["room"] = it->room_name.empty() ? json::value(nullptr) : json::value(it->room_name);
    }
    // A choice waits for its registration until that is confirmed.
    out["status"] = c.status == "requested" ? r.status : c.status;
    out["waitlist_position"] = c.status == "waitlisted" && c.queue_seq
                                   ? json::value(db::session_queue_position(conn, c.session_id, *c.queue_seq))
                                   : json::value(nullptr);
    return out;
}

json::value parsed_answers(const std::string& text) {
    boost::system::error_code ec;
    auto v = json::parse(text, ec);
    return ec ? json::value(json::object{}) : v;
}

}  // namespace

json::object registration_json(db::connection& conn, const db::event_record& event, const db::registration_record& r,
                               const std::vector<db::session_record>& sessions, view v) {
    json::array choices;
    for (const auto& c : db::list_choices(conn, r.id)) choices.push_back(session_choice_json(conn, r, c, sessions));
    json::object out{
        {"id", r.id},
        {"status", r.status},
        {"waitlist_position", r.status == "waitlisted" && r.queue_seq
                                  ? json::value(db::event_queue_position(conn, event.id, *r.queue_seq))
                                  : json::value(nullptr)},
        {"ticket_code", r.ticket_code},
        {"ticket_code_display", format_ticket_code(r.ticket_code)},
        {"name", r.name},
        {"email", r.email},
        {"organization", r.organization},
        {"country", r.country},
        {"language", r.language},
        {"answers", parsed_answers(r.answers_json)},
        {"sessions", std::move(choices)},
        {"created_at", r.created_at},
        {"updated_at", r.updated_at},
        {"cancelled_at", optional_json(r.cancelled_at)},
    };
    if (v == view::attendee) {
        out["event"] = json::object{{"slug", event.slug},           {"title", bilingual_json(event.title)},
                                    {"venue", event.venue},         {"timezone", event.timezone},
                                    {"starts_at", event.starts_at}, {"ends_at", event.ends_at}};
    } else {
        out["source"] = r.source;
    }
    return out;
}

std::string registration_state(const db::event_record& event) {
    const auto now = now_rfc3339();
    if (event.status != "published") return "closed";
    if (event.registration_opens_at && now < *event.registration_opens_at) return "not_open_yet";
    if (event.registration_closes_at && now >= *event.registration_closes_at) return "closed";
    if (now >= event.ends_at) return "closed";
    return "open";
}

void add_availability(db::connection& conn, const db::event_record& event,
                      const std::vector<db::session_record>& sessions, json::object& event_json) {
    event_json["registration"] = json::object{
        {"state", registration_state(event)},
        {"places_left", optional_json(places_left(conn, event))},
        {"waitlist_length", db::registration_tally(conn, event.id, "waitlisted")},
    };
    auto* list = event_json.if_contains("sessions");
    if (list == nullptr || !list->is_array()) return;
    for (auto& item : list->as_array()) {
        auto& o = item.as_object();
        const auto id = o.at("id").to_number<std::int64_t>();
        const auto it = std::find_if(sessions.begin(), sessions.end(), [&](const auto& s) { return s.id == id; });
        if (it == sessions.end()) continue;
        o["seats_left"] = optional_json(seats_left(conn, *it));
        o["waitlist_length"] = db::session_tally(conn, id, "waitlisted");
    }
}

}  // namespace plenary::server::registrations
