// Schedule rules against a real SQLite store: room double-booking refused,
// speaker overlap warned, capacity defaults, audit summaries, agenda.ics,
// all-or-nothing import and the demo data.
#include "common/json_body.hpp"
#include "common/json_reader.hpp"
#include "common/problem.hpp"
#include "db/connection.hpp"
#include "db/events.hpp"
#include "db/store.hpp"
#include "server/demo/demo_data.hpp"
#include "server/demo/demo_document.hpp"
#include "server/events/agenda_ics.hpp"
#include "server/events/event_import.hpp"
#include "server/events/event_json.hpp"
#include "server/events/schedule_checks.hpp"
#include "server/events/session_input.hpp"
#include "tests/unit/db_test_support.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

namespace {

namespace json = boost::json;
namespace db = plenary::db;
namespace ev = plenary::server::events;

class EventsStore : public ::testing::Test {
protected:
    void SetUp() override {
        event_.slug = "ivsec-2026";
        event_.title = {"Exchange Conference", "交流会"};
        event_.timezone = "Asia/Shanghai";
        event_.starts_at = "2026-12-07T01:00:00Z";
        event_.ends_at = "2026-12-08T09:30:00Z";
        event_.venue = "Beijing";
        event_.id = store_.write_sync([this](db::connection& c) { return db::insert_event(c, event_); });
    }

    ev::session_input session(std::string title, std::string starts, std::string ends, std::string room = "") {
        ev::session_input s;
        s.record.event_id = event_.id;
        s.record.title.en = std::move(title);
        s.record.kind = "plenary";
        s.record.starts_at = std::move(starts);
        s.record.ends_at = std::move(ends);
        if (!room.empty()) {
            s.room = ev::room_choice::by_name;
            s.room_name = std::move(room);
        }
        return s;
    }

    // place_session + insert, as the POST handler does; returns the problems.
    std::vector<plenary::field_error> add(ev::session_input s, std::int64_t* id = nullptr) {
        return store_.write_sync([&](db::connection& c) {
            auto errors = ev::place_session(c, event_, s, true);
            if (errors.empty()) {
                const auto new_id = db::insert_session(c, s.record);
                if (id != nullptr) *id = new_id;
            }
            return errors;
        });
    }

    db::testing::scratch_dir dir_;
    db::store store_{{.path = dir_.file("events.db"), .readers = 1}};
    db::event_record event_;
};

TEST_F(EventsStore, DuplicateSlugIsAConflictOnSlug) {
    try {
        store_.write_sync([this](db::connection& c) { return db::insert_event(c, event_); });
        FAIL() << "expected a conflict";
    } catch (const plenary::problem& p) {
        EXPECT_EQ(p.code(), plenary::errc::conflict);
        ASSERT_EQ(p.errors().size(), 1u);
        EXPECT_EQ(p.errors()[0].field, "slug");
    }
}

TEST_F(EventsStore, RoomBookedTwiceAtOverlappingTimesIsRefused) {
    std::int64_t first = 0;
    ASSERT_TRUE(add(session("Opening", "2026-12-07T01:00:00Z", "2026-12-07T02:00:00Z", "Main Hall"), &first).empty());
    const auto errors = add(session("Clash", "2026-12-07T01:30:00Z", "2026-12-07T02:30:00Z", "main hall"));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, "room");
    EXPECT_NE(errors[0].message.find("Opening"), std::string::npos) << errors[0].message;
    // Enclosing interval clashes too.
    EXPECT_EQ(add(session("Long", "2026-12-07T00:30:00Z", "2026-12-07T03:00:00Z", "Main Hall")).size(), 1u);
    // Back to back is fine, as is another room or no room.
    EXPECT_TRUE(add(session("Next", "2026-12-07T02:00:00Z", "2026-12-07T03:00:00Z", "Main Hall")).empty());
    EXPECT_TRUE(add(session("Parallel", "2026-12-07T01:00:00Z", "2026-12-07T02:00:00Z", "Room B")).empty());
    EXPECT_TRUE(add(session("Break", "2026-12-07T01:00:00Z", "2026-12-07T02:00:00Z")).empty());
    // Moving a session within its own slot does not clash with itself.
    store_.write_sync([&](db::connection& c) {
        ev::session_input s;
        s.record = db::find_session(c, event_.id, first).value();
        s.record.ends_at = "2026-12-07T01:45:00Z";
        EXPECT_TRUE(ev::place_session(c, event_, s, false).empty());
    });
}

TEST_F(EventsStore, CapacityDefaultsFromTheRoomUnlessGiven) {
    store_.write_sync([this](db::connection& c) { return db::insert_room(c, {0, event_.id, "Hall", 300}); });
    std::int64_t id = 0;
    ASSERT_TRUE(add(session("A", "2026-12-07T01:00:00Z", "2026-12-07T02:00:00Z", "Hall"), &id).empty());
    auto given = session("B", "2026-12-07T03:00:00Z", "2026-12-07T04:00:00Z", "Hall");
    given.capacity_given = true;  // explicit null: no limit
    std::int64_t unlimited = 0;
    ASSERT_TRUE(add(given, &unlimited).empty());
    store_.read_sync([&](db::connection& c) {
        EXPECT_EQ(db::find_session(c, event_.id, id)->capacity, 300);
        EXPECT_EQ(db::find_session(c, event_.id, id)->room_name, "Hall");
        EXPECT_FALSE(db::find_session(c, event_.id, unlimited)->capacity);
        return 0;
    });
}

TEST_F(EventsStore, RoundtableNeedsASeatLimit) {
    auto s = session("Round-table", "2026-12-07T01:00:00Z", "2026-12-07T02:00:00Z", "New Room");
    s.record.kind = "roundtable";
    const auto errors = add(s);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, "capacity");
}

TEST_F(EventsStore, SpeakerInTwoSessionsAtOnceIsAWarning) {
    auto a = session("Plenary", "2026-12-07T01:00:00Z", "2026-12-07T02:00:00Z", "Hall");
    a.record.speakers = {{"Olivier Adam", "UNV", "", "speaker"}};
    std::int64_t first = 0;
    ASSERT_TRUE(add(a, &first).empty());
    auto b = session("Workshop", "2026-12-07T01:30:00Z", "2026-12-07T02:30:00Z", "Room B");
    b.record.speakers = {{"Someone", "", "", "speaker"}, {"olivier adam", "UNV", "", "moderator"}};
    std::int64_t second = 0;
    ASSERT_TRUE(add(b, &second).empty()) << "an overlap of speakers must not refuse the session";
    const auto warnings = store_.read_sync(
        [&](db::connection& c) { return ev::speaker_warnings(c, db::find_session(c, event_.id, second).value()); });
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].at("field"), "speakers[1]");
    EXPECT_EQ(warnings[0].at("session_id"), first);
    auto later = session("Later", "2026-12-07T02:30:00Z", "2026-12-07T03:30:00Z");
    later.record.speakers = {{"Olivier Adam", "", "", "speaker"}};
    const auto none = store_.read_sync([&](db::connection& c) { return ev::speaker_warnings(c, later.record); });
    EXPECT_TRUE(none.empty());
}

TEST_F(EventsStore, AgendaIcsKeepsUidsAcrossEdits) {
    auto a = session("Plenary: volunteering, SDGs; BRI", "2026-12-07T01:00:00Z", "2026-12-07T02:00:00Z", "Hall");
    a.record.title.zh = "全体会议";
    a.record.abstract.en = "Line one\nLine two";
    std::int64_t id = 0;
    ASSERT_TRUE(add(a, &id).empty());
    const auto render = [&](std::string_view lang) {
        return store_.read_sync([&](db::connection& c) {
            return ev::render_agenda_ics(db::find_event_by_slug(c, event_.slug).value(),
                                         db::list_sessions(c, event_.id), lang);
        });
    };
    const auto before = render("en");
    EXPECT_EQ(before.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0), 0u);
    EXPECT_NE(before.find("SUMMARY:Plenary: volunteering\\, SDGs\\; BRI\r\n"), std::string::npos) << before;
    EXPECT_NE(before.find("DESCRIPTION:Line one\\nLine two\r\n"), std::string::npos) << before;
    EXPECT_NE(before.find("DTSTART:20261207T010000Z\r\nDTEND:20261207T020000Z\r\n"), std::string::npos) << before;
    EXPECT_NE(before.find("SEQUENCE:0\r\n"), std::string::npos);
    EXPECT_NE(before.find("X-WR-TIMEZONE:Asia/Shanghai\r\n"), std::string::npos);
    EXPECT_NE(render("zh").find("SUMMARY:全体会议\r\n"), std::string::npos);
    const auto uid_line =
        before.substr(before.find("UID:"), before.find("\r\n", before.find("UID:")) - before.find("UID:"));

    store_.write_sync([&](db::connection& c) {
        auto s = db::find_session(c, event_.id, id).value();
        s.title.en = "Renamed";
        db::update_session(c, s);
    });
    const auto after = render("en");
    EXPECT_NE(after.find(uid_line + "\r\n"), std::string::npos) << "UID must survive an edit";
    EXPECT_NE(after.find("SEQUENCE:1\r\n"), std::string::npos);
    EXPECT_NE(after.find("SUMMARY:Renamed\r\n"), std::string::npos);
}

TEST(AuditSummary, KeepsOnlyChangedKeys) {
    const json::object before{{"venue", "Beijing"}, {"capacity", 250}, {"slug", "a"}};
    const json::object after{{"venue", "Nanjing"}, {"capacity", 250}, {"slug", "a"}};
    EXPECT_EQ(json::parse(ev::audit_summary(before, after)),
              json::parse(R"({"before":{"venue":"Beijing"},"after":{"venue":"Nanjing"}})"));
    EXPECT_EQ(json::parse(ev::audit_summary({}, after)).at("after").as_object().size(), 3u);
    const json::object longer{{"description", std::string(1000, 'x')}};
    EXPECT_LT(ev::audit_summary({}, longer).size(), 300u);
}

// ---- import -------------------------------------------------------------------

std::vector<std::string> import_errors(std::string_view doc, db::store* store = nullptr) {
    try {
        auto events = ev::parse_import(plenary::parse_json(doc));
        if (store != nullptr) {
            store->write_sync([&](db::connection& c) { return ev::write_import(c, std::move(events)); });
        }
    } catch (const plenary::problem& p) {
        std::vector<std::string> out;
        for (const auto& e : p.errors()) out.push_back(e.field);
        return out;
    }
    return {};
}

constexpr const char* import_event_head = R"({"slug":"imp-1","title":"Imported","timezone":"Asia/Shanghai",
  "starts_at":"2026-12-07T09:00:00+08:00","ends_at":"2026-12-07T17:00:00+08:00")";

TEST(Import, ParseErrorsCarryFullPaths) {
    const auto doc = std::string(R"({"events":[)") + import_event_head +
                     R"(,"rooms":[{"name":"Hall","capacity":-3}],"sessions":[
        {"title":"ok","starts_at":"2026-12-07T09:00:00+08:00","ends_at":"2026-12-07T10:00:00+08:00"},
        {"title":"bad","starts_at":"2026-12-07T09:00:00+08:00","ends_at":"2026-12-07T08:00:00+08:00","colour":1}]},
        {"slug":"X"}]})";
    const auto fields = import_errors(doc);
    for (const char* f : {"events[0].rooms[0].capacity", "events[0].sessions[1].ends_at",
                          "events[0].sessions[1].colour", "events[1].slug", "events[1].title"}) {
        EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f;
    }
    EXPECT_EQ(import_errors("{}"), std::vector<std::string>{"events"});
}

TEST(Import, IsAllOrNothing) {
    db::testing::scratch_dir dir;
    db::store store({.path = dir.file("import.db"), .readers = 1});
    const auto doc = std::string(R"({"events":[)") + import_event_head + R"(,"sessions":[
        {"title":"A","room":"Hall","starts_at":"2026-12-07T09:00:00+08:00","ends_at":"2026-12-07T10:00:00+08:00"},
        {"title":"B","room":"Hall","starts_at":"2026-12-07T09:30:00+08:00","ends_at":"2026-12-07T10:30:00+08:00"}]}]})";
    EXPECT_EQ(import_errors(doc, &store), std::vector<std::string>{"events[0].sessions[1].room"});
    EXPECT_EQ(store.read_sync([](db::connection& c) { return db::count_events(c); }), 0);

    const auto good = std::string(R"({"events":[)") + import_event_head + R"(,"rooms":[{"name":"Hall","capacity":80}],
        "sessions":[{"title":"A","room":"Hall","starts_at":"2026-12-07T09:00:00+08:00","ends_at":"2026-12-07T10:00:00+08:00"}]}]})";
    EXPECT_TRUE(import_errors(good, &store).empty());
    EXPECT_EQ(import_errors(good, &store), std::vector<std::string>{"events[0].slug"});
    store.read_sync([](db::connection& c) {
        EXPECT_EQ(db::count_events(c), 1);
        const auto e = db::find_event_by_slug(c, "imp-1").value();
        const auto sessions = db::list_sessions(c, e.id);
        EXPECT_EQ(sessions.size(), 1u);
        EXPECT_EQ(sessions.at(0).capacity, 80);
        return 0;
    });
}

// ---- demo -----------------------------------------------------------------------

TEST(Demo, DocumentIsValidImport) {
    const auto events = ev::parse_import(plenary::parse_json(plenary::demo::demo_document()));
    EXPECT_EQ(events.size(), 4u);
}

TEST(Demo, LoadsOnceIntoTheComingWeeksWithRegistrationOpen) {
    db::testing::scratch_dir dir;
    db::store store({.path = dir.file("demo.db"), .readers = 1});
    const auto now = std::chrono::sys_days{std::chrono::year{2026} / 11 / 22} + std::chrono::hours{16};
    EXPECT_TRUE(plenary::demo::load_demo_if_empty(store, now));
    EXPECT_FALSE(plenary::demo::load_demo_if_empty(store, now));
    store.read_sync([](db::connection& c) {
        const auto events = db::list_events(c, std::nullopt, false);
        EXPECT_EQ(events.size(), 4u);
        for (const auto& e : events) {
            EXPECT_EQ(e.status, "published") << e.slug;
            EXPECT_LT(*e.registration_opens_at, "2026-11-22T16:00:00Z") << e.slug;
            EXPECT_GT(*e.registration_closes_at, "2026-11-22T16:00:00Z") << e.slug;
            EXPECT_EQ(e.timezone, "Asia/Shanghai");
            EXPECT_FALSE(e.title.en.empty());
            EXPECT_FALSE(e.title.zh.empty());
        }
        // 09:00 in Shanghai, 14 days after "today".
        EXPECT_EQ(events.front().slug, "ivsec-2");
        EXPECT_EQ(events.front().starts_at, "2026-12-06T01:00:00Z");
        const auto silk = db::find_event_by_slug(c, "silk-road-hearts-connect").value();
        const auto sessions = db::list_sessions(c, silk.id);
        const auto rt = std::find_if(sessions.begin(), sessions.end(),
                                     [](const db::session_record& s) { return s.kind == "roundtable"; });
        EXPECT_NE(rt, sessions.end());
        if (rt != sessions.end()) {
            EXPECT_EQ(rt->capacity, 30);
        }
        return 0;
    });
}

TEST(Demo, RegistersItsAttendeesThroughTheRules) {
    db::testing::scratch_dir dir;
    db::store store({.path = dir.file("demo.db"), .readers = 1});
    ASSERT_TRUE(plenary::demo::load_demo_if_empty(store, std::chrono::system_clock::now()));
    store.read_sync([](db::connection& c) {
        EXPECT_EQ(c.query_int64("SELECT count(*) FROM registrations r JOIN events e ON e.id = r.event_id "
                                "WHERE e.slug = 'ivsec-2' AND r.status = 'confirmed'"),
                  30);
        EXPECT_EQ(c.query_int64("SELECT count(DISTINCT country) FROM registrations"), 30);
        // Every seminar attendee asked for the round-table, which has 30 seats.
        EXPECT_EQ(c.query_int64("SELECT count(*) FROM registration_sessions c JOIN sessions s ON s.id = c.session_id "
                                "WHERE s.kind = 'roundtable' AND c.status = 'confirmed'"),
                  10);
        EXPECT_EQ(c.query_int64("SELECT count(*) FROM outbox WHERE kind = 'confirmed'"), 40);
        EXPECT_EQ(c.query_int64("SELECT count(*) FROM outbox WHERE language = 'zh'"), 9);
        return 0;
    });
}

}  // namespace
