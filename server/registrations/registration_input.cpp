// Registration body validation; see registration_input.hpp.
#include "server/registrations/registration_input.hpp"

#include "common/countries.hpp"
#include "common/email.hpp"
#include "common/json_reader.hpp"
#include "common/text.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace plenary::server::registrations {

namespace {

namespace json = boost::json;

constexpr std::size_t max_sessions = 100;
constexpr std::size_t max_short_answer = 500;
constexpr std::size_t max_long_answer = 5000;

std::optional<std::string> trimmed_string(json_reader& in, std::string_view field, std::size_t min_len,
                                          std::size_t max_len, bool required) {
    const auto* v = in.optional_value(field);
    if (v == nullptr || v->is_null()) {
        if (required) in.error(field, "is required");
        return std::nullopt;
    }
    if (const auto* s = v->if_string()) {
        const auto trimmed = trim(std::string_view(s->data(), s->size()));
        return in.check_string(json::value(trimmed), in.path_of(field), min_len, max_len);
    }
    in.error(field, "must be a string");
    return std::nullopt;
}

bool has_option(const db::question& q, std::string_view value) {
    return std::any_of(q.options.begin(), q.options.end(), [&](const auto& o) { return o.value == value; });
}

// One answer, checked against its question; returns the value to store.
std::optional<json::value> check_answer(json_reader& in, const db::question& q, const json::value& v,
                                        const std::string& path) {
    if (q.type == "short_text" || q.type == "long_text") {
        const bool long_text = q.type == "long_text";
        auto s = in.check_string(v, path, q.required ? 1 : 0, long_text ? max_long_answer : max_short_answer,
                                 long_text ? text_kind::multi_line : text_kind::single_line);
        if (s && q.required && trim(*s).empty()) in.error_at(path, "is required");
        return s ? std::optional<json::value>(json::value(*s)) : std::nullopt;
    }
    if (q.type == "single_choice") {
        auto s = in.check_string(v, path, 1, 200);
        if (s && !has_option(q, *s)) {
            in.error_at(path, "is not one of the options");
            return std::nullopt;
        }
        return s ? std::optional<json::value>(json::value(*s)) : std::nullopt;
    }
    if (q.type == "multiple_choice") {
        const auto* a = v.if_array();
        if (a == nullptr) {
            in.error_at(path, "must be an array of option values");
            return std::nullopt;
        }
        json::array out;
        for (std::size_t i = 0; i < a->size(); ++i) {
            const auto item_path = path + "[" + std::to_string(i) + "]";
            auto s = in.check_string((*a)[i], item_path, 1, 200);
            if (!s) continue;
            if (!has_option(q, *s)) {
                in.error_at(item_path, "is not one of the options");
            } else if (std::find(out.begin(), out.end(), json::value(*s)) != out.end()) {
                in.error_at(item_path, "is listed twice");
            } else {
                out.push_back(json::value(*s));
            }
        }
        if (q.required && a->empty()) in.error_at(path, "needs at least one option");
        return json::value(std::move(out));
    }
    // consent
    if (!v.is_bool()) {
        in.error_at(path, "must be true or false");
        return std::nullopt;
    }
    if (q.required && !v.as_bool()) in.error_at(path, "must be accepted");
    return v;
}

std::optional<std::string> read_answers(json_reader& in, const db::event_record& event, bool required_check) {
    const auto* v = in.optional_value("answers");
    if (v == nullptr || v->is_null()) {
        if (required_check) {
            for (const auto& q : event.questions) {
                if (q.required) in.error_at("answers." + q.key, "is required");
            }
        }
        return required_check ? std::optional<std::string>("{}") : std::nullopt;
    }
    const auto* given = v->if_object();
    if (given == nullptr) {
        in.error("answers", "must be an object of question keys to answers");
        return std::nullopt;
    }
    json::object out;
    for (const auto& q : event.questions) {
        const auto path = "answers." + q.key;
        const auto* a = given->if_contains(q.key);
        if (a == nullptr || a->is_null()) {
            if (q.required) in.error_at(path, "is required");
            continue;
        }
        if (auto checked = check_answer(in, q, *a, path)) out[q.key] = std::move(*checked);
    }
    for (const auto& kv : *given) {
        const bool known = std::any_of(event.questions.begin(), event.questions.end(),
                                       [&](const auto& q) { return q.key == kv.key(); });
        if (!known) in.error_at("answers." + std::string(kv.key()), "is not a question of this event");
    }
    return json::serialize(out);
}

std::optional<std::vector<std::int64_t>> read_sessions(json_reader& in,
                                                       const std::vector<db::session_record>& sessions) {
    const auto* a = in.optional_array("sessions", max_sessions);
    if (a == nullptr) return std::nullopt;
    std::vector<std::int64_t> ids;
    std::vector<const db::session_record*> chosen;
    for (std::size_t i = 0; i < a->size(); ++i) {
        const auto path = "sessions[" + std::to_string(i) + "]";
        const auto id = in.check_int((*a)[i], path, 1, INT64_MAX);
        if (!id) continue;
        const auto it = std::find_if(sessions.begin(), sessions.end(), [&](const auto& s) { return s.id == *id; });
        if (it == sessions.end()) {
            in.error_at(path, "is not a session of this event");
        } else if (std::find(ids.begin(), ids.end(), *id) != ids.end()) {
            in.error_at(path, "is listed twice");
        } else {
            ids.push_back(*id);
            chosen.push_back(&*it);
        }
    }
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        for (std::size_t j = i + 1; j < chosen.size(); ++j) {
            const auto& x = *chosen[i];
            const auto& y = *chosen[j];
            if (x.starts_at < y.ends_at && y.starts_at < x.ends_at) {
                in.error("sessions",
                         "\"" + x.title.prefer("en") + "\" and \"" + y.title.prefer("en") + "\" overlap in time");
            }
        }
    }
    return ids;
}

}  // namespace

registration_changes read_registration_input(json::value body, const db::event_record& event,
                                             const std::vector<db::session_record>& sessions, input_mode mode) {
    json_reader in(std::move(body));
    const bool creating = mode != input_mode::change;
    registration_changes out;
    out.name = trimmed_string(in, "name", 1, 200, creating);
    if (creating) {
        out.email = trimmed_string(in, "email", 3, 254, true);
        if (out.email) {
            if (auto why = email_problem(*out.email)) in.error("email", *why);
        }
    } else if (const auto* email = in.optional_value("email"); email != nullptr) {
        in.error("email", "cannot be changed; cancel and register again with the new address");
    }
    out.organization = trimmed_string(in, "organization", 0, 200, false);
    if (auto country = trimmed_string(in, "country", 2, 2, creating)) {
        *country = to_upper_ascii(*country);
        if (!is_iso3166_alpha2(*country)) {
            in.error("country", "must be an ISO 3166-1 alpha-2 country code, such as CN or DE");
        } else {
            out.country = std::move(*country);
        }
    }
    if (auto language = trimmed_string(in, "language", 2, 2, false)) {
        if (*language != "en" && *language != "zh") {
            in.error("language", "must be en or zh");
        } else {
            out.language = std::move(*language);
        }
    } else if (creating) {
        out.language = "en";
    }
    out.answers_json = read_answers(in, event, creating);
    out.sessions = read_sessions(in, sessions);
    if (mode == input_mode::organizer_create) out.over_capacity = in.optional_bool("over_capacity").value_or(false);
    in.finish();
    return out;
}

}  // namespace plenary::server::registrations
