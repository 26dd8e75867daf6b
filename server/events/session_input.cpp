// Session field rules: kinds, times, room reference, capacity, speakers and
// the round-table shape (topic, moderator).
#include "server/events/session_input.hpp"

#include "common/countries.hpp"
#include "server/events/input_fields.hpp"

#include <algorithm>

namespace plenary::server::events {

namespace {

constexpr std::size_t max_speakers = 100;

db::speaker read_speaker(json_reader& parent, const boost::json::value& v, const std::string& path) {
    db::speaker sp;
    json_reader in(v, path);
    read_text(in, "name", sp.name, 200, true);
    read_text(in, "organization", sp.organization, 300);
    if (read_text(in, "country", sp.country, 2) && !sp.country.empty() && !is_iso3166_alpha2(sp.country)) {
        in.error("country", "must be an ISO 3166-1 alpha-2 code such as CN");
    }
    read_choice(in, "role", sp.role, {"speaker", "moderator", "panelist"});
    parent.adopt(std::move(in));
    return sp;
}

void read_speakers(json_reader& in, db::session_record& s) {
    const auto* list = in.optional_array("speakers", max_speakers);
    if (list == nullptr) {
        if (const auto* v = in.optional_value("speakers"); v != nullptr && v->is_null()) s.speakers.clear();
        return;
    }
    std::vector<db::speaker> next;
    for (std::size_t i = 0; i < list->size(); ++i) {
        next.push_back(read_speaker(in, (*list)[i], in.path_of(indexed("speakers", i))));
    }
    s.speakers = std::move(next);
}

void read_room(json_reader& in, session_input& s) {
    const auto* by_name = in.optional_value("room");
    const auto* by_id = in.optional_value("room_id");
    if (by_name != nullptr && by_id != nullptr && !by_name->is_null() && !by_id->is_null()) {
        in.error("room", "give room or room_id, not both");
        return;
    }
    if (by_name != nullptr && !by_name->is_null()) {
        if (auto name = in.check_string(*by_name, in.path_of("room"), 1, 100)) {
            s.room = room_choice::by_name;
            s.room_name = std::move(*name);
        }
    } else if (by_id != nullptr && !by_id->is_null()) {
        if (auto id = in.check_int(*by_id, in.path_of("room_id"), 1, INT64_MAX)) {
            s.room = room_choice::by_id;
            s.room_id = *id;
        }
    } else if (by_name != nullptr || by_id != nullptr) {
        s.room = room_choice::none;
    }
}

}  // namespace

void read_session_fields(json_reader& in, session_input& s, bool creating) {
    auto& r = s.record;
    in.optional_value("id");  // read-only; tolerated so a GET result can be sent back
    if (creating || in.optional_value("title") != nullptr) read_bilingual(in, "title", r.title, 300, true);
    read_bilingual(in, "abstract", r.abstract, 20000, false, text_kind::multi_line);
    read_choice(in, "kind", r.kind,
                {"plenary", "keynote", "panel", "roundtable", "workshop", "ceremony", "break", "other"});
    read_time(in, "starts_at", r.starts_at, creating);
    read_time(in, "ends_at", r.ends_at, creating);
    read_room(in, s);
    s.capacity_given = read_nullable_int(in, "capacity", r.capacity, 0, 1'000'000);
    read_flag(in, "requires_signup", r.requires_signup);
    read_text(in, "track", r.track, 100);
    read_text(in, "topic", r.topic, 500);
    read_speakers(in, r);
}

void check_session(json_reader& in, const db::session_record& s, const db::event_record& e) {
    if (s.ends_at <= s.starts_at) in.error("ends_at", "must be after starts_at");
    if (s.starts_at < e.starts_at || s.starts_at >= e.ends_at) {
        in.error("starts_at", "must be within the event (" + e.starts_at + " to " + e.ends_at + ")");
    }
    if (s.ends_at > e.ends_at || s.ends_at <= e.starts_at) {
        in.error("ends_at", "must be within the event (" + e.starts_at + " to " + e.ends_at + ")");
    }
    if (s.kind == "roundtable") {
        if (s.topic.empty()) in.error("topic", "a round-table needs a topic");
        const bool moderated = std::any_of(s.speakers.begin(), s.speakers.end(),
                                           [](const db::speaker& sp) { return sp.role == "moderator"; });
        if (!moderated) in.error("speakers", "a round-table needs a moderator");
    }
}

}  // namespace plenary::server::events
