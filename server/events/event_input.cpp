// Event field rules: slug shape, bilingual texts, IANA zone, times, capacity,
// status, registration window and the registration questions.
#include "server/events/event_input.hpp"

#include "common/timezone.hpp"
#include "server/events/input_fields.hpp"

#include <algorithm>

namespace plenary::server::events {

namespace {

constexpr std::size_t max_questions = 50;
constexpr std::size_t max_options = 50;

bool is_question_key(std::string_view key) {
    if (key.empty() || key.size() > 40) return false;
    return std::all_of(key.begin(), key.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

bool is_choice(const std::string& type) {
    return type == "single_choice" || type == "multiple_choice";
}

db::question_option read_option(json_reader& parent, const boost::json::value& v, const std::string& path) {
    db::question_option o;
    json_reader in(v, path);
    read_text(in, "value", o.value, 100, true);
    read_bilingual(in, "label", o.label, 200, true);
    parent.adopt(std::move(in));
    return o;
}

db::question read_question(json_reader& parent, const boost::json::value& v, const std::string& path) {
    db::question q;
    json_reader in(v, path);
    in.optional_value("id");  // echoed back from a GET; ids are assigned by the store
    if (read_text(in, "key", q.key, 40, true) && !q.key.empty() && !is_question_key(q.key)) {
        in.error("key", "must be 1-40 of a-z, 0-9 and _");
    }
    read_choice(in, "type", q.type, {"short_text", "long_text", "single_choice", "multiple_choice", "consent"}, true);
    read_bilingual(in, "label", q.label, 500, true, text_kind::multi_line);
    read_flag(in, "required", q.required);
    if (const auto* options = in.optional_array("options", max_options)) {
        for (std::size_t i = 0; i < options->size(); ++i) {
            q.options.push_back(read_option(in, (*options)[i], in.path_of(indexed("options", i))));
        }
    }
    if (is_choice(q.type) && q.options.size() < 2) {
        in.error("options", "a choice question needs at least two options");
    } else if (!q.type.empty() && !is_choice(q.type) && !q.options.empty()) {
        in.error("options", "only choice questions have options");
    }
    for (std::size_t i = 0; i < q.options.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (q.options[i].value == q.options[j].value) {
                in.error(indexed("options", i) + ".value", "duplicates another option");
            }
        }
    }
    parent.adopt(std::move(in));
    return q;
}

void read_questions(json_reader& in, db::event_record& e) {
    const auto* list = in.optional_array("questions", max_questions);
    if (list == nullptr) {
        if (const auto* v = in.optional_value("questions"); v != nullptr && v->is_null()) e.questions.clear();
        return;
    }
    std::vector<db::question> next;
    for (std::size_t i = 0; i < list->size(); ++i) {
        next.push_back(read_question(in, (*list)[i], in.path_of(indexed("questions", i))));
        for (std::size_t j = 0; j < i; ++j) {
            if (!next[i].key.empty() && next[i].key == next[j].key) {
                in.error(indexed("questions", i) + ".key", "duplicates another question's key");
            }
        }
    }
    e.questions = std::move(next);
}

}  // namespace

void read_event_fields(json_reader& in, db::event_record& e, bool creating) {
    in.optional_value("id");  // read-only; tolerated so a GET result can be sent back
    // Slug and time zone are required on creation; a PATCH may change them
    // but never empty or null them (an event must stay reachable by URL).
    const bool slug_given = creating || in.optional_value("slug") != nullptr;
    if (slug_given && read_text(in, "slug", e.slug, 64, true) && !e.slug.empty() && !is_valid_slug(e.slug)) {
        in.error("slug", "must be 3-64 characters of a-z, 0-9 and single dashes, e.g. ivsec-2026");
    }
    // Required on creation; a PATCH may change the title but never empty it.
    if (creating || in.optional_value("title") != nullptr) read_bilingual(in, "title", e.title, 200, true);
    read_bilingual(in, "description", e.description, 20000, false, text_kind::multi_line);
    read_text(in, "venue", e.venue, 300);
    std::string zone = e.timezone;
    const bool zone_given = creating || in.optional_value("timezone") != nullptr;
    if (zone_given && read_text(in, "timezone", zone, 64, true) && !zone.empty()) {
        if (is_valid_timezone(zone)) {
            e.timezone = zone;
        } else {
            in.error("timezone", "must be an IANA time zone such as Asia/Shanghai");
        }
    }
    read_time(in, "starts_at", e.starts_at, creating);
    read_time(in, "ends_at", e.ends_at, creating);
    read_nullable_int(in, "capacity", e.capacity, 0, 1'000'000);
    read_choice(in, "status", e.status, {"draft", "published", "closed"});
    read_optional_time(in, "registration_opens_at", e.registration_opens_at);
    read_optional_time(in, "registration_closes_at", e.registration_closes_at);
    read_flag(in, "requires_approval", e.requires_approval);
    read_flag(in, "public_display", e.public_display);
    read_questions(in, e);
}

void check_event(json_reader& in, const db::event_record& e) {
    if (e.ends_at <= e.starts_at) in.error("ends_at", "must be after starts_at");
    const auto& opens = e.registration_opens_at;
    const auto& closes = e.registration_closes_at;
    if (opens && closes && *closes <= *opens) {
        in.error("registration_closes_at", "must be after registration_opens_at");
    }
    if (closes && *closes > e.ends_at) in.error("registration_closes_at", "must not be after the event ends");
    if (opens && *opens >= e.ends_at) in.error("registration_opens_at", "must be before the event ends");
}

}  // namespace plenary::server::events
