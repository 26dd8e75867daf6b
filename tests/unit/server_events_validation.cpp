// Validation of event and session input: every rule reports the field it is
// about, PATCH changes only the fields present, unknown fields are refused.
#include "common/json_reader.hpp"
#include "common/problem.hpp"
#include "server/events/event_input.hpp"
#include "server/events/input_fields.hpp"
#include "server/events/session_input.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace {

namespace json = boost::json;
namespace ev = plenary::server::events;
using plenary::json_reader;
using plenary::problem;

constexpr const char* valid_event = R"({"slug":"ivsec-2026","title":"Exchange Conference","timezone":"Asia/Shanghai",
  "starts_at":"2026-12-07T09:00:00+08:00","ends_at":"2026-12-08T17:30:00+08:00"})";

// Field names of the validation problem, or empty when the input is valid.
template <class Fn>
std::vector<std::string> failing_fields(Fn fn) {
    try {
        fn();
    } catch (const problem& p) {
        EXPECT_EQ(p.code(), plenary::errc::validation) << p.detail();
        std::vector<std::string> out;
        for (const auto& e : p.errors()) out.push_back(e.field);
        return out;
    }
    return {};
}

std::vector<std::string> event_errors(std::string_view body, plenary::db::event_record e = {}, bool creating = true) {
    return failing_fields([&] {
        const auto v = json::parse(body);
        json_reader in(v);
        ev::read_event_fields(in, e, creating);
        if (in.ok()) ev::check_event(in, e);
        in.finish();
    });
}

json::object merged(std::string_view extra) {
    auto base = json::parse(valid_event).as_object();
    const auto patch = json::parse(extra);
    for (const auto& kv : patch.as_object()) base[kv.key()] = kv.value();
    return base;
}

std::vector<std::string> event_errors_with(std::string_view extra) {
    return event_errors(json::serialize(merged(extra)));
}

bool has(const std::vector<std::string>& fields, std::string_view f) {
    return std::find(fields.begin(), fields.end(), f) != fields.end();
}

plenary::db::event_record parse_event(std::string_view body) {
    const auto v = json::parse(body);
    json_reader in(v);
    plenary::db::event_record e;
    ev::read_event_fields(in, e, true);
    ev::check_event(in, e);
    in.finish();
    return e;
}

TEST(EventInput, ValidEventReadsIntoCanonicalUtc) {
    const auto e = parse_event(valid_event);
    EXPECT_EQ(e.slug, "ivsec-2026");
    EXPECT_EQ(e.title.en, "Exchange Conference");
    EXPECT_EQ(e.title.zh, "");
    EXPECT_EQ(e.starts_at, "2026-12-07T01:00:00Z");
    EXPECT_EQ(e.ends_at, "2026-12-08T09:30:00Z");
    EXPECT_EQ(e.status, "draft");
    EXPECT_FALSE(e.capacity);
}

TEST(EventInput, MissingRequiredFieldsAreAllNamed) {
    const auto fields = event_errors("{}");
    for (const char* f : {"slug", "title", "timezone", "starts_at", "ends_at"}) EXPECT_TRUE(has(fields, f)) << f;
}

TEST(EventInput, SlugFormat) {
    for (const char* bad : {R"({"slug":"Bad Slug"})", R"({"slug":"ab"})", R"({"slug":"-abc"})", R"({"slug":"abc-"})",
                            R"({"slug":"a--b"})", R"({"slug":"ivsec_2"})", R"({"slug":"活动"})"}) {
        EXPECT_EQ(event_errors_with(bad), std::vector<std::string>{"slug"}) << bad;
    }
    EXPECT_TRUE(event_errors_with(R"({"slug":"silk-road-2026"})").empty());
}

TEST(EventInput, UnknownTimezone) {
    EXPECT_EQ(event_errors_with(R"({"timezone":"Mars/Olympus"})"), std::vector<std::string>{"timezone"});
    EXPECT_EQ(event_errors_with(R"({"timezone":"../../etc/passwd"})"), std::vector<std::string>{"timezone"});
    EXPECT_EQ(event_errors_with(R"({"timezone":"+08:00"})"), std::vector<std::string>{"timezone"});
}

TEST(EventInput, EndMustFollowStart) {
    EXPECT_EQ(event_errors_with(R"({"ends_at":"2026-12-07T09:00:00+08:00"})"), std::vector<std::string>{"ends_at"});
    EXPECT_EQ(event_errors_with(R"({"ends_at":"2026-12-06T23:00:00Z"})"), std::vector<std::string>{"ends_at"});
}

TEST(EventInput, TimesNeedAnOffset) {
    EXPECT_EQ(event_errors_with(R"({"starts_at":"2026-12-07T09:00:00"})"), std::vector<std::string>{"starts_at"});
    EXPECT_EQ(event_errors_with(R"({"starts_at":1765069200})"), std::vector<std::string>{"starts_at"});
}

TEST(EventInput, UnknownFieldsAreNamed) {
    EXPECT_EQ(event_errors_with(R"({"colour":"red"})"), std::vector<std::string>{"colour"});
    EXPECT_EQ(event_errors_with(R"({"title":{"en":"x","fr":"y"}})"), std::vector<std::string>{"title.fr"});
}

TEST(EventInput, TitleIsStringOrBilingualObject) {
    const auto e = parse_event(json::serialize(merged(R"({"title":{"zh":"国际志愿服务交流会"}})")));
    EXPECT_EQ(e.title.zh, "国际志愿服务交流会");
    EXPECT_EQ(e.title.en, "");
    EXPECT_EQ(event_errors_with(R"({"title":{}})"), std::vector<std::string>{"title"});
    EXPECT_EQ(event_errors_with(R"({"title":""})"), std::vector<std::string>{"title"});
    EXPECT_EQ(event_errors_with(R"({"title":7})"), std::vector<std::string>{"title"});
    EXPECT_EQ(event_errors_with(R"({"title":{"en":3}})"), std::vector<std::string>{"title.en"});
}

TEST(EventInput, StatusCapacityAndFlags) {
    EXPECT_EQ(event_errors_with(R"({"status":"open"})"), std::vector<std::string>{"status"});
    EXPECT_EQ(event_errors_with(R"({"capacity":-1})"), std::vector<std::string>{"capacity"});
    EXPECT_EQ(event_errors_with(R"({"capacity":"many"})"), std::vector<std::string>{"capacity"});
    EXPECT_EQ(event_errors_with(R"({"requires_approval":"yes"})"), std::vector<std::string>{"requires_approval"});
    EXPECT_TRUE(event_errors_with(R"({"capacity":null,"status":"published","requires_approval":true})").empty());
}

TEST(EventInput, RegistrationWindow) {
    EXPECT_EQ(
        event_errors_with(
            R"({"registration_opens_at":"2026-12-01T00:00:00Z","registration_closes_at":"2026-11-01T00:00:00Z"})"),
        std::vector<std::string>{"registration_closes_at"});
    EXPECT_EQ(event_errors_with(R"({"registration_closes_at":"2026-12-09T00:00:00Z"})"),
              std::vector<std::string>{"registration_closes_at"});
    EXPECT_TRUE(
        event_errors_with(
            R"({"registration_opens_at":"2026-11-01T00:00:00Z","registration_closes_at":"2026-12-06T00:00:00Z"})")
            .empty());
}

TEST(EventInput, QuestionRules) {
    const auto label = std::string(R"("label":{"en":"Q","zh":"问"})");
    EXPECT_EQ(event_errors_with(R"({"questions":[{"key":"diet","type":"single_choice",)" + label + "}]}"),
              std::vector<std::string>{"questions[0].options"});
    EXPECT_EQ(event_errors_with(R"({"questions":[{"key":"Diet!","type":"short_text",)" + label + "}]}"),
              std::vector<std::string>{"questions[0].key"});
    EXPECT_EQ(event_errors_with(R"({"questions":[{"key":"a","type":"short_text",)" + label +
                                R"(},{"key":"a","type":"long_text",)" + label + "}]}"),
              std::vector<std::string>{"questions[1].key"});
    EXPECT_EQ(event_errors_with(R"({"questions":[{"key":"a","type":"consent",)" + label +
                                R"(,"options":[{"value":"x","label":"X"}]}]})"),
              std::vector<std::string>{"questions[0].options"});
    EXPECT_EQ(event_errors_with(R"({"questions":[{"key":"a","type":"checkbox",)" + label + "}]}"),
              std::vector<std::string>{"questions[0].type"});
    EXPECT_EQ(event_errors_with(R"({"questions":[{"key":"a","type":"consent"}]})"),
              std::vector<std::string>{"questions[0].label"});
    EXPECT_EQ(event_errors_with(R"({"questions":[{"key":"a","type":"multiple_choice",)" + label +
                                R"(,"options":[{"value":"x","label":"X"},{"value":"x","label":"Y"}]}]})"),
              std::vector<std::string>{"questions[0].options[1].value"});
    const auto e = parse_event(json::serialize(merged(R"({"questions":[{"key":"groups","type":"multiple_choice",)" +
                                                      label + R"(,"required":true,"options":[{"value":"a","label":"A"},
        {"value":"b","label":{"zh":"乙"}}]}]})")));
    ASSERT_EQ(e.questions.size(), 1u);
    EXPECT_TRUE(e.questions[0].required);
    EXPECT_EQ(e.questions[0].options[1].label.zh, "乙");
}

TEST(EventPatch, OnlyPresentFieldsChange) {
    auto e = parse_event(valid_event);
    e.title.zh = "交流会";
    e.capacity = 250;
    const auto v = json::parse(R"({"venue":"Beijing","title":{"en":"New title"},"capacity":200})");
    json_reader in(v);
    ev::read_event_fields(in, e, false);
    ev::check_event(in, e);
    in.finish();
    EXPECT_EQ(e.venue, "Beijing");
    EXPECT_EQ(e.title.en, "New title");
    EXPECT_EQ(e.title.zh, "交流会");
    EXPECT_EQ(e.capacity, 200);
    EXPECT_EQ(e.slug, "ivsec-2026");
    EXPECT_EQ(e.starts_at, "2026-12-07T01:00:00Z");
}

TEST(EventPatch, CannotEmptyTheTitleOrClearRequiredTimes) {
    const auto e = parse_event(valid_event);
    EXPECT_EQ(event_errors(R"({"title":null})", e, false), std::vector<std::string>{"title"});
    EXPECT_EQ(event_errors(R"({"title":{"en":null}})", e, false), std::vector<std::string>{"title"});
    EXPECT_EQ(event_errors(R"({"starts_at":null})", e, false), std::vector<std::string>{"starts_at"});
    EXPECT_EQ(event_errors(R"({"ends_at":"2026-12-01T00:00:00Z"})", e, false), std::vector<std::string>{"ends_at"});
    EXPECT_TRUE(event_errors(R"({"id":12,"capacity":null})", e, false).empty());
}

// ---- sessions ----------------------------------------------------------------

constexpr const char* valid_session = R"({"title":"Opening","kind":"ceremony",
  "starts_at":"2026-12-07T09:00:00+08:00","ends_at":"2026-12-07T09:45:00+08:00"})";

std::vector<std::string> session_errors(std::string_view extra, ev::session_input* out = nullptr) {
    const auto event = parse_event(valid_event);
    auto body = json::parse(valid_session).as_object();
    const auto patch = json::parse(extra);
    for (const auto& kv : patch.as_object()) body[kv.key()] = kv.value();
    return failing_fields([&] {
        const json::value v = body;
        json_reader in(v);
        ev::session_input s;
        ev::read_session_fields(in, s, true);
        if (in.ok()) ev::check_session(in, s.record, event);
        in.finish();
        if (out != nullptr) *out = s;
    });
}

TEST(SessionInput, ValidSession) {
    ev::session_input s;
    EXPECT_TRUE(
        session_errors(R"({"room":"Main Hall","speakers":[{"name":"Olivier Adam","country":"FR"}]})", &s).empty());
    EXPECT_EQ(s.record.starts_at, "2026-12-07T01:00:00Z");
    EXPECT_EQ(s.room, ev::room_choice::by_name);
    EXPECT_EQ(s.room_name, "Main Hall");
    EXPECT_FALSE(s.capacity_given);
    ASSERT_EQ(s.record.speakers.size(), 1u);
    EXPECT_EQ(s.record.speakers[0].role, "speaker");
}

TEST(SessionInput, CapacityNullMeansNoLimitAndCountsAsGiven) {
    ev::session_input s;
    EXPECT_TRUE(session_errors(R"({"capacity":null,"room":null})", &s).empty());
    EXPECT_TRUE(s.capacity_given);
    EXPECT_FALSE(s.record.capacity);
    EXPECT_EQ(s.room, ev::room_choice::none);
}

TEST(SessionInput, TimesInsideTheEventAndEndAfterStart) {
    EXPECT_EQ(session_errors(R"({"starts_at":"2026-12-07T10:00:00+08:00"})"), std::vector<std::string>{"ends_at"});
    EXPECT_EQ(session_errors(R"({"starts_at":"2026-12-07T08:00:00+08:00"})"), std::vector<std::string>{"starts_at"});
    EXPECT_EQ(session_errors(R"({"ends_at":"2026-12-08T18:00:00+08:00"})"), std::vector<std::string>{"ends_at"});
    EXPECT_EQ(session_errors(R"({"starts_at":"2026-12-09T09:00:00+08:00","ends_at":"2026-12-09T10:00:00+08:00"})"),
              (std::vector<std::string>{"starts_at", "ends_at"}));
}

TEST(SessionInput, KindSpeakersAndRoom) {
    EXPECT_EQ(session_errors(R"({"kind":"party"})"), std::vector<std::string>{"kind"});
    EXPECT_EQ(session_errors(R"({"speakers":[{"name":"A","country":"China"}]})"),
              std::vector<std::string>{"speakers[0].country"});
    // The right shape is not enough: the code must be assigned.
    EXPECT_EQ(session_errors(R"({"speakers":[{"name":"A","country":"XX"}]})"),
              std::vector<std::string>{"speakers[0].country"});
    EXPECT_EQ(session_errors(R"({"speakers":[{"name":"A"},{"name":"B","role":"chair"}]})"),
              std::vector<std::string>{"speakers[1].role"});
    EXPECT_EQ(session_errors(R"({"speakers":[{"organization":"UNV"}]})"), std::vector<std::string>{"speakers[0].name"});
    EXPECT_EQ(session_errors(R"({"speakers":[{"name":"A","twitter":"@a"}]})"),
              std::vector<std::string>{"speakers[0].twitter"});
    EXPECT_EQ(session_errors(R"({"room":"Hall","room_id":3})"), std::vector<std::string>{"room"});
    EXPECT_EQ(session_errors(R"({"room":""})"), std::vector<std::string>{"room"});
    EXPECT_EQ(session_errors(R"({"room_id":0})"), std::vector<std::string>{"room_id"});
}

TEST(SessionInput, RoundtableNeedsTopicAndModerator) {
    EXPECT_EQ(session_errors(R"({"kind":"roundtable","speakers":[{"name":"A","role":"panelist"}]})"),
              (std::vector<std::string>{"topic", "speakers"}));
    EXPECT_TRUE(session_errors(R"({"kind":"roundtable","topic":"The path ahead","capacity":30,
        "speakers":[{"name":"M","role":"moderator"},{"name":"P","role":"panelist"}]})")
                    .empty());
}

TEST(Slug, Shapes) {
    EXPECT_TRUE(ev::is_valid_slug("abc"));
    EXPECT_FALSE(ev::is_valid_slug(std::string(65, 'a')));
}

}  // namespace
