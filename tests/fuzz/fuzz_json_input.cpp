// Fuzz target for JSON request bodies: common/json_body (parse_json) and the
// validators that turn a parsed body into an input struct, called the way the
// routes call them: events (POST and PATCH, server/events/event_input),
// sessions (session_input), rooms (input_fields), registrations (create,
// organizer create, change; server/registrations/registration_input) and the
// import document (event_import). The input is the raw request body; every
// validator sees every body, so one interesting shape helps them all.
//
// Expected outcomes, nothing else:
//  - parse_json: a value, or problem(bad_request);
//  - each validator: a struct that keeps the documented rules (valid slug,
//    known zone, canonical UTC times that read back as themselves, in order
//    and inside the event, ISO country, answers that fit their questions,
//    chosen sessions that exist and neither repeat nor overlap, ...), or
//    problem(validation) whose errors each have a message and name a field
//    (an empty name only for a non-object body or an unknown "" key);
//  - every problem turns into a problem+json body that is strict JSON, so no
//    client bytes reach a response unescaped or as invalid UTF-8.
// Any other exception, failed check or sanitizer report is a finding.
#include "common/countries.hpp"
#include "common/email.hpp"
#include "common/json_body.hpp"
#include "common/json_reader.hpp"
#include "common/problem.hpp"
#include "common/text.hpp"
#include "common/timezone.hpp"
#include "server/error_mapping.hpp"
#include "server/events/event_import.hpp"
#include "server/events/event_input.hpp"
#include "server/events/input_fields.hpp"
#include "server/events/session_input.hpp"
#include "server/registrations/registration_input.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <initializer_list>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

namespace {

namespace json = boost::json;
namespace db = plenary::db;
namespace events = plenary::server::events;
namespace registrations = plenary::server::registrations;
using plenary::errc;
using plenary::problem;

void require(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "fuzz_json_input: invariant failed: %s\n", what);
    std::abort();
}

// Text the server produced itself must be strict JSON; a problem here is a
// finding, not an expected outcome, so it must not reach validate().
json::value must_parse(std::string_view text, const char* what) {
    try {
        return plenary::parse_json(text);
    } catch (const problem&) {
        require(false, what);
    }
    return {};
}

bool one_of(std::string_view value, std::initializer_list<std::string_view> allowed) {
    return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

// ---- fixtures: what the store hands the validators for a PATCH or a registration

db::question make_question(std::int64_t id, std::string key, std::string type, bool required,
                           std::vector<std::string> options = {}) {
    db::question q;
    q.id = id;
    q.key = std::move(key);
    q.type = std::move(type);
    q.label = {"Question " + q.key, "问题"};
    q.required = required;
    for (auto& o : options) q.options.push_back({o, {o, ""}});
    return q;
}

db::event_record make_event() {
    db::event_record e;
    e.id = 1;
    e.slug = "ivsec-2026";
    e.title = {"International Volunteer Service Exchange", "国际志愿服务交流会"};
    e.venue = "Beijing";
    e.timezone = "Asia/Shanghai";
    e.starts_at = "2026-12-06T01:00:00Z";
    e.ends_at = "2026-12-08T10:00:00Z";
    e.capacity = 300;
    e.status = "published";
    e.questions = {
        make_question(1, "dietary", "short_text", false),
        make_question(2, "motivation", "long_text", true),
        make_question(3, "track", "single_choice", true, {"water", "health"}),
        make_question(4, "visits", "multiple_choice", false, {"farm", "school", "lab"}),
        make_question(5, "photo_consent", "consent", true),
    };
    return e;
}

db::session_record make_session(std::int64_t id, std::string starts_at, std::string ends_at) {
    db::session_record s;
    s.id = id;
    s.event_id = 1;
    s.uid = "session-" + std::to_string(id) + "@plenary";
    s.title = {"Session " + std::to_string(id), "分论坛"};
    s.kind = "panel";
    s.starts_at = std::move(starts_at);
    s.ends_at = std::move(ends_at);
    s.speakers = {{"Li Wei", "Example University", "CN", "moderator"}};
    return s;
}

// 11 and 12 overlap; 13 is on another day.
const std::vector<db::session_record>& fixture_sessions() {
    static const std::vector<db::session_record> sessions = {
        make_session(11, "2026-12-06T02:00:00Z", "2026-12-06T03:00:00Z"),
        make_session(12, "2026-12-06T02:30:00Z", "2026-12-06T04:00:00Z"),
        make_session(13, "2026-12-07T02:00:00Z", "2026-12-07T03:00:00Z"),
    };
    return sessions;
}

const db::event_record& fixture_event() {
    static const db::event_record event = make_event();
    return event;
}

// ---- problems -----------------------------------------------------------------

bool may_name_no_field(const plenary::field_error& e) {
    return e.message == "expected a JSON object" || e.message == "unknown field";
}

// The response a client would get must be strict JSON with the same status.
void check_problem_response(const problem& p) {
    const auto res = plenary::server::problem_response(p, 11);
    require(res.result() == plenary::server::status_for(p.code()), "the response has the problem's status");
    const auto body = must_parse(res.body(), "a problem+json body is strict JSON");
    require(body.is_object(), "a problem+json body is an object");
}

void check_validation_problem(const problem& p) {
    require(p.code() == errc::validation, "validators fail with problem(validation) only");
    require(!p.errors().empty(), "problem(validation) lists its field errors");
    require(!p.detail().empty(), "problem(validation) has a detail");
    for (const auto& e : p.errors()) {
        require(!e.message.empty(), "every field error has a message");
        require(!e.field.empty() || may_name_no_field(e), "every field error names its field");
        require(plenary::is_valid_utf8(e.field), "field names are valid UTF-8");
    }
    check_problem_response(p);
}

// Runs one validator; a problem must be a well-formed validation problem,
// anything else thrown is a finding (reported with the validator's name).
template <class Fn>
void validate(const char* what, Fn&& fn) {
    try {
        fn();
    } catch (const problem& p) {
        check_validation_problem(p);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fuzz_json_input: %s threw %s: %s\n", what, typeid(e).name(), e.what());
        std::abort();
    }
}

// ---- what a valid struct must look like ---------------------------------------

// The store compares these as text, and a GET result may be sent back, so a
// stored time must be the canonical form of itself.
void check_time(const std::string& t) {
    require(t.size() == 20 && t.back() == 'Z', "a stored time is YYYY-MM-DDTHH:MM:SSZ");
    require(plenary::canonical_rfc3339(t) == t, "a stored time reads back as itself");
}

void check_text(const std::string& text) {
    require(plenary::is_valid_utf8(text), "stored text is valid UTF-8");
}

void check_bilingual(const db::bilingual& b, bool required) {
    check_text(b.en);
    check_text(b.zh);
    require(!required || !b.empty(), "a required bilingual text has a language");
}

bool is_question_key(std::string_view key) {
    return !key.empty() && key.size() <= 40 &&
           key.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string_view::npos;
}

void check_question(const db::question& q) {
    require(is_question_key(q.key), "a question key is 1-40 of a-z 0-9 _");
    require(one_of(q.type, {"short_text", "long_text", "single_choice", "multiple_choice", "consent"}),
            "a question has a known type");
    check_bilingual(q.label, true);
    const bool choice = q.type == "single_choice" || q.type == "multiple_choice";
    require(choice ? q.options.size() >= 2 : q.options.empty(), "only choice questions have (two or more) options");
    for (std::size_t i = 0; i < q.options.size(); ++i) {
        require(!q.options[i].value.empty(), "an option has a value");
        for (std::size_t j = 0; j < i; ++j) require(q.options[i].value != q.options[j].value, "options are distinct");
    }
}

void check_event(const db::event_record& e) {
    require(events::is_valid_slug(e.slug), "an event has a valid slug");
    check_bilingual(e.title, true);
    check_bilingual(e.description, false);
    check_text(e.venue);
    require(plenary::is_valid_timezone(e.timezone), "an event has a known time zone");
    check_time(e.starts_at);
    check_time(e.ends_at);
    require(e.starts_at < e.ends_at, "an event ends after it starts");
    require(one_of(e.status, {"draft", "published", "closed"}), "an event has a known status");
    require(!e.capacity || (*e.capacity >= 0 && *e.capacity <= 1'000'000), "event capacity is in range");
    if (e.registration_opens_at) check_time(*e.registration_opens_at);
    if (e.registration_closes_at) check_time(*e.registration_closes_at);
    for (std::size_t i = 0; i < e.questions.size(); ++i) {
        check_question(e.questions[i]);
        for (std::size_t j = 0; j < i; ++j) require(e.questions[i].key != e.questions[j].key, "question keys differ");
    }
}

void check_session(const events::session_input& in, const db::event_record& e) {
    const auto& s = in.record;
    check_bilingual(s.title, true);
    check_bilingual(s.abstract, false);
    require(one_of(s.kind, {"plenary", "keynote", "panel", "roundtable", "workshop", "ceremony", "break", "other"}),
            "a session has a known kind");
    check_time(s.starts_at);
    check_time(s.ends_at);
    require(s.starts_at < s.ends_at, "a session ends after it starts");
    require(e.starts_at <= s.starts_at && s.ends_at <= e.ends_at, "a session lies inside its event");
    require(!s.capacity || (*s.capacity >= 0 && *s.capacity <= 1'000'000), "session capacity is in range");
    if (in.room == events::room_choice::by_name) require(!in.room_name.empty(), "a named room has a name");
    if (in.room == events::room_choice::by_id) require(in.room_id >= 1, "a room id is positive");
    for (const auto& sp : s.speakers) {
        require(!sp.name.empty(), "a speaker has a name");
        require(sp.country.empty() || plenary::is_iso3166_alpha2(sp.country), "a speaker's country is ISO");
        require(one_of(sp.role, {"speaker", "moderator", "panelist"}), "a speaker has a known role");
    }
    if (s.kind == "roundtable") {
        require(!s.topic.empty(), "a round-table has a topic");
        require(
            std::any_of(s.speakers.begin(), s.speakers.end(), [](const auto& sp) { return sp.role == "moderator"; }),
            "a round-table has a moderator");
    }
}

// ---- the validators, called as the routes call them ---------------------------

void event_body(const json::value& body, bool creating) {
    db::event_record e = creating ? db::event_record{} : fixture_event();
    plenary::json_reader in(body);
    events::read_event_fields(in, e, creating);
    if (in.ok()) events::check_event(in, e);
    in.finish();
    check_event(e);
}

void session_body(const json::value& body, bool creating) {
    events::session_input s;
    s.record = creating ? db::session_record{} : fixture_sessions().front();
    plenary::json_reader in(body);
    events::read_session_fields(in, s, creating);
    if (in.ok()) events::check_session(in, s.record, fixture_event());
    in.finish();
    check_session(s, fixture_event());
}

void room_body(const json::value& body, bool creating) {
    db::room_record room;
    if (!creating) room.name = "Main Hall";
    plenary::json_reader in(body);
    events::read_room_fields(in, room, creating);
    in.finish();
    require(!room.name.empty() && room.name.size() <= 400, "a room has a name of at most 100 characters");
    require(!room.capacity || (*room.capacity >= 0 && *room.capacity <= 1'000'000), "room capacity is in range");
}

void check_answers(const std::string& answers_json, bool creating) {
    const auto answers = must_parse(answers_json, "stored answers are strict JSON");
    require(answers.is_object(), "answers are stored as an object");
    for (const auto& q : fixture_event().questions) {
        const auto* a = answers.as_object().if_contains(q.key);
        if (creating && q.required) require(a != nullptr, "a required question is answered");
    }
    for (const auto& kv : answers.as_object()) {
        const bool known = std::any_of(fixture_event().questions.begin(), fixture_event().questions.end(),
                                       [&](const auto& q) { return q.key == kv.key(); });
        require(known, "only the event's questions are answered");
    }
}

void check_chosen_sessions(const std::vector<std::int64_t>& ids) {
    for (std::size_t i = 0; i < ids.size(); ++i) {
        require(ids[i] >= 11 && ids[i] <= 13, "chosen sessions belong to the event");
        for (std::size_t j = 0; j < i; ++j) require(ids[i] != ids[j], "a session is chosen once");
    }
    const bool both_overlapping = std::count(ids.begin(), ids.end(), 11) && std::count(ids.begin(), ids.end(), 12);
    require(!both_overlapping, "chosen sessions do not overlap");
}

void registration_body(const json::value& body, registrations::input_mode mode) {
    const bool creating = mode != registrations::input_mode::change;
    const auto out = registrations::read_registration_input(body, fixture_event(), fixture_sessions(), mode);
    if (creating) {
        require(out.name && out.email && out.country && out.language, "a new registration has every required field");
        require(!plenary::email_problem(*out.email), "a new registration's email is acceptable");
        require(plenary::trim(*out.email) == *out.email, "the email is trimmed");
    } else {
        require(!out.email, "a change never changes the email");
    }
    if (out.name) require(!out.name->empty() && plenary::trim(*out.name) == *out.name, "a name is trimmed, not empty");
    if (out.country) require(plenary::is_iso3166_alpha2(*out.country), "the country is ISO 3166-1 alpha-2");
    if (out.language) require(*out.language == "en" || *out.language == "zh", "the language is en or zh");
    if (out.answers_json) check_answers(*out.answers_json, creating);
    if (out.sessions) check_chosen_sessions(*out.sessions);
    require(!out.over_capacity || mode == registrations::input_mode::organizer_create, "only organizers overbook");
}

void import_body(const json::value& body) {
    for (const auto& item : events::parse_import(body)) {
        check_event(item.event);
        for (const auto& s : item.sessions) check_session(s, item.event);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    json::value doc;
    try {
        doc = plenary::parse_json(body);
    } catch (const problem& p) {
        require(p.code() == errc::bad_request, "parse_json fails with problem(bad_request) only");
        check_problem_response(p);
        return 0;
    }

    using registrations::input_mode;
    validate("event create", [&] { event_body(doc, true); });
    validate("event change", [&] { event_body(doc, false); });
    validate("session create", [&] { session_body(doc, true); });
    validate("session change", [&] { session_body(doc, false); });
    validate("room create", [&] { room_body(doc, true); });
    validate("room change", [&] { room_body(doc, false); });
    validate("registration create", [&] { registration_body(doc, input_mode::create); });
    validate("registration organizer create", [&] { registration_body(doc, input_mode::organizer_create); });
    validate("registration change", [&] { registration_body(doc, input_mode::change); });
    validate("import", [&] { import_body(doc); });
    return 0;
}
