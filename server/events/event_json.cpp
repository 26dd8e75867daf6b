// Serialisation of event records for responses and audit summaries.
#include "server/events/event_json.hpp"

#include "common/text.hpp"

#include <boost/json.hpp>

namespace plenary::server::events {

namespace json = boost::json;

namespace {

constexpr std::size_t max_summary_string = 200;

json::value text_or_null(const std::string& s) {
    return s.empty() ? json::value(nullptr) : json::value(s);
}

json::object question_json(const db::question& q) {
    json::array options;
    for (const auto& o : q.options)
        options.push_back(json::object{{"value", o.value}, {"label", bilingual_json(o.label)}});
    return {{"id", q.id},
            {"key", q.key},
            {"type", q.type},
            {"label", bilingual_json(q.label)},
            {"required", q.required},
            {"options", std::move(options)}};
}

// Shortens long strings anywhere in v, so one huge description cannot bloat
// every audit row.
json::value compact(const json::value& v) {
    if (const auto* s = v.if_string()) {
        const std::string_view text(s->data(), s->size());
        if (text.size() <= max_summary_string) return v;
        return json::value(std::string(truncate_utf8(text, max_summary_string)) + "…");
    }
    if (const auto* o = v.if_object()) {
        json::object out;
        for (const auto& kv : *o) out[kv.key()] = compact(kv.value());
        return out;
    }
    if (const auto* a = v.if_array()) {
        json::array out;
        for (const auto& item : *a) out.push_back(compact(item));
        return out;
    }
    return v;
}

}  // namespace

json::value optional_json(const std::optional<std::string>& v) {
    return v ? json::value(*v) : json::value(nullptr);
}

json::value optional_json(const std::optional<std::int64_t>& v) {
    return v ? json::value(*v) : json::value(nullptr);
}

json::value bilingual_json(const db::bilingual& text) {
    return json::object{{"en", text_or_null(text.en)}, {"zh", text_or_null(text.zh)}};
}

json::object event_json(const db::event_record& e) {
    json::array questions;
    for (const auto& q : e.questions) questions.push_back(question_json(q));
    return {
        {"id", e.id},
        {"slug", e.slug},
        {"title", bilingual_json(e.title)},
        {"description", bilingual_json(e.description)},
        {"venue", e.venue},
        {"timezone", e.timezone},
        {"starts_at", e.starts_at},
        {"ends_at", e.ends_at},
        {"capacity", optional_json(e.capacity)},
        {"status", e.status},
        {"registration_opens_at", optional_json(e.registration_opens_at)},
        {"registration_closes_at", optional_json(e.registration_closes_at)},
        {"requires_approval", e.requires_approval},
        {"public_display", e.public_display},
        {"questions", std::move(questions)},
    };
}

json::object session_json(const db::session_record& s) {
    json::array speakers;
    for (const auto& sp : s.speakers) {
        speakers.push_back(json::object{{"name", sp.name},
                                        {"organization", text_or_null(sp.organization)},
                                        {"country", text_or_null(sp.country)},
                                        {"role", sp.role}});
    }
    return {
        {"id", s.id},
        {"title", bilingual_json(s.title)},
        {"abstract", bilingual_json(s.abstract)},
        {"kind", s.kind},
        {"starts_at", s.starts_at},
        {"ends_at", s.ends_at},
        {"room", text_or_null(s.room_name)},
        {"room_id", optional_json(s.room_id)},
        {"capacity", optional_json(s.capacity)},
        {"requires_signup", s.requires_signup},
        {"track", text_or_null(s.track)},
        {"topic", text_or_null(s.topic)},
        {"speakers", std::move(speakers)},
    };
}

json::array sessions_json(const std::vector<db::session_record>& sessions) {
    json::array out;
    for (const auto& s : sessions) out.push_back(session_json(s));
    return out;
}

json::object room_json(const db::room_record& r) {
    return {{"id", r.id}, {"name", r.name}, {"capacity", optional_json(r.capacity)}};
}

json::object staff_json(const db::staff_member& m) {
    return {{"user_id", m.user_id}, {"email", m.email}, {"name", m.name}, {"role", m.role}, {"added_at", m.added_at}};
}

json::object audit_json(const db::audit_entry& a) {
    json::value summary;
    boost::system::error_code ec;
    summary = json::parse(a.summary, ec);
    if (ec) summary = a.summary;  // written by audit_summary, so this is only a fallback
    json::value actor = nullptr;
    if (a.actor_user_id)
        actor = json::object{{"id", *a.actor_user_id}, {"email", a.actor_email}, {"name", a.actor_name}};
    return {{"id", a.id},         {"at", a.at},           {"actor", std::move(actor)},
            {"action", a.action}, {"subject", a.subject}, {"summary", std::move(summary)}};
}

std::string audit_summary(const json::object& before, const json::object& after) {
    json::object changed_before;
    json::object changed_after;
    for (const auto& kv : before) {
        const auto* other = after.if_contains(kv.key());
        if (other == nullptr || *other != kv.value()) changed_before[kv.key()] = compact(kv.value());
    }
    for (const auto& kv : after) {
        const auto* other = before.if_contains(kv.key());
        if (other == nullptr || *other != kv.value()) changed_after[kv.key()] = compact(kv.value());
    }
    json::object out;
    if (!before.empty()) out["before"] = std::move(changed_before);
    if (!after.empty()) out["after"] = std::move(changed_after);
    return json::serialize(out);
}

}  // namespace plenary::server::events
