// The event API end to end over TLS: create, list, read and change events
// with bearer tokens, draft invisibility, duplicate slugs, schedule checks,
// agenda.ics, staff permissions and the audit log.
#include "../support/test_client.hpp"
#include "../support/test_server.hpp"

#include "common/crypto.hpp"
#include "db/accounts.hpp"
#include "db/connection.hpp"
#include "db/store.hpp"
#include "server/events/event_routes.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <memory>

namespace plenary::testing {
namespace {

namespace json = boost::json;

constexpr const char* event_body = R"({"slug":"ivsec-2026","title":{"en":"Exchange Conference","zh":"交流会"},
  "timezone":"Asia/Shanghai","starts_at":"2026-12-07T09:00:00+08:00","ends_at":"2026-12-08T17:30:00+08:00",
  "venue":"Beijing","capacity":250})";

class EventsApi : public ::testing::Test {
protected:
    EventsApi() {
        // The test server registers the same routes as `plenary serve`.
        server_ = std::make_unique<test_server>();
        organizer_ = token_for("org@example.org", "organizer");
        other_ = token_for("other@example.org", "organizer");
        admin_ = token_for("admin@example.org", "admin");
    }

    std::string token_for(const std::string& email, const std::string& role) {
        const auto token = make_token("plt_");
        server_->store().write_sync([&](db::connection& c) {
            const auto id = db::insert_user(c, email, email, role, "");
            db::insert_api_token(c, id, sha256(token), "test");
        });
        return token;
    }

    http_response call(http::verb method, const std::string& target, const std::string& token = "",
                       std::string body = {}) {
        header_list headers;
        if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
        if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
        test_client client(server_->port());
        return client.request(method, target, std::move(body), std::move(headers));
    }

    static json::value body_of(const http_response& res) { return json::parse(res.body()); }

    static std::vector<std::string> error_fields(const http_response& res) {
        std::vector<std::string> out;
        const auto v = json::parse(res.body());
        if (const auto* errors = v.as_object().if_contains("errors")) {
            for (const auto& e : errors->as_array()) out.emplace_back(e.at("field").as_string());
        }
        return out;
    }

    void create_event(const std::string& token = {}) {
        const auto res = call(http::verb::post, "/api/v1/events", token.empty() ? organizer_ : token, event_body);
        ASSERT_EQ(res.result(), http::status::created) << res.body();
    }

    std::unique_ptr<test_server> server_;
    std::string organizer_;
    std::string other_;
    std::string admin_;
};

TEST_F(EventsApi, CreateReadAndPublish) {
    const auto created = call(http::verb::post, "/api/v1/events", organizer_, event_body);
    ASSERT_EQ(created.result(), http::status::created) << created.body();
    const auto e = body_of(created);
    EXPECT_EQ(e.at("slug"), "ivsec-2026");
    EXPECT_EQ(e.at("title").at("zh"), "交流会");
    EXPECT_EQ(e.at("starts_at"), "2026-12-07T01:00:00Z");
    EXPECT_EQ(e.at("status"), "draft");
    EXPECT_EQ(e.at("capacity"), 250);
    EXPECT_TRUE(e.at("sessions").as_array().empty());

    // Drafts do not exist for the public, not even as 403.
    EXPECT_EQ(call(http::verb::get, "/api/v1/events/ivsec-2026").result(), http::status::not_found);
    EXPECT_EQ(call(http::verb::get, "/api/v1/events/ivsec-2026/agenda.ics").result(), http::status::not_found);
    EXPECT_TRUE(body_of(call(http::verb::get, "/api/v1/events")).at("items").as_array().empty());
    EXPECT_EQ(body_of(call(http::verb::get, "/api/v1/events", organizer_)).at("items").as_array().size(), 1u);
    EXPECT_EQ(call(http::verb::get, "/api/v1/events/ivsec-2026", organizer_).result(), http::status::ok);

    const auto patched =
        call(http::verb::patch, "/api/v1/events/ivsec-2026", organizer_, R"({"status":"published","capacity":200})");
    ASSERT_EQ(patched.result(), http::status::ok) << patched.body();
    EXPECT_EQ(body_of(patched).at("capacity"), 200);
    EXPECT_EQ(body_of(patched).at("venue"), "Beijing") << "fields not in the PATCH stay";
    const auto anonymous = call(http::verb::get, "/api/v1/events/ivsec-2026");
    ASSERT_EQ(anonymous.result(), http::status::ok);
    EXPECT_EQ(body_of(anonymous).at("status"), "published");
    EXPECT_EQ(body_of(call(http::verb::get, "/api/v1/events")).at("items").as_array().size(), 1u);
}

TEST_F(EventsApi, WritesNeedAToken) {
    EXPECT_EQ(call(http::verb::post, "/api/v1/events", "", event_body).result(), http::status::unauthorized);
    EXPECT_EQ(call(http::verb::post, "/api/v1/events", "plt_wrong", event_body).result(), http::status::unauthorized);
}

TEST_F(EventsApi, DuplicateSlugIsConflict) {
    create_event();
    const auto res = call(http::verb::post, "/api/v1/events", other_, event_body);
    EXPECT_EQ(res.result(), http::status::conflict) << res.body();
}

TEST_F(EventsApi, ValidationNamesTheFields) {
    const auto res =
        call(http::verb::post, "/api/v1/events", organizer_,
             R"({"slug":"Bad Slug","title":"x","timezone":"Mars/Base","starts_at":"2026-12-07T09:00:00+08:00",
                              "ends_at":"2026-12-08T09:00:00+08:00","colour":"red"})");
    ASSERT_EQ(res.result(), http::status::unprocessable_entity) << res.body();
    EXPECT_EQ(res[http::field::content_type], "application/problem+json");
    const auto fields = error_fields(res);
    for (const char* f : {"slug", "timezone", "colour"}) {
        EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f << " in " << res.body();
    }
}

TEST_F(EventsApi, SessionsRoomClashAndSpeakerOverlap) {
    create_event();
    const auto first =
        call(http::verb::post, "/api/v1/events/ivsec-2026/sessions", organizer_,
             R"({"title":"Opening","kind":"ceremony","room":"Main Hall","starts_at":"2026-12-07T09:00:00+08:00",
                                "ends_at":"2026-12-07T10:00:00+08:00","speakers":[{"name":"Olivier Adam","organization":"UNV"}]})");
    ASSERT_EQ(first.result(), http::status::created) << first.body();
    const auto first_id = body_of(first).at("id");
    EXPECT_EQ(body_of(first).at("room"), "Main Hall");
    EXPECT_TRUE(body_of(first).at("warnings").as_array().empty());

    const auto clash = call(http::verb::post, "/api/v1/events/ivsec-2026/sessions", organizer_,
                            R"({"title":"Clash","room":"Main Hall","starts_at":"2026-12-07T09:30:00+08:00",
                                "ends_at":"2026-12-07T10:30:00+08:00"})");
    ASSERT_EQ(clash.result(), http::status::unprocessable_entity) << clash.body();
    EXPECT_EQ(error_fields(clash), std::vector<std::string>{"room"});

    const auto outside =
        call(http::verb::post, "/api/v1/events/ivsec-2026/sessions", organizer_,
             R"({"title":"Late","starts_at":"2026-12-09T09:30:00+08:00","ends_at":"2026-12-09T10:30:00+08:00"})");
    EXPECT_EQ(outside.result(), http::status::unprocessable_entity);

    const auto overlap =
        call(http::verb::post, "/api/v1/events/ivsec-2026/sessions", organizer_,
             R"({"title":"Workshop","kind":"workshop","room":"Room B","starts_at":"2026-12-07T09:30:00+08:00",
                                  "ends_at":"2026-12-07T10:30:00+08:00","speakers":[{"name":"Olivier Adam","role":"moderator"}]})");
    ASSERT_EQ(overlap.result(), http::status::created) << overlap.body();
    const auto warnings = body_of(overlap).at("warnings").as_array();
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].at("session_id"), first_id);

    // Moving the workshop away from the opening clears the warning.
    const auto id = std::to_string(body_of(overlap).at("id").as_int64());
    const auto moved = call(http::verb::patch, "/api/v1/events/ivsec-2026/sessions/" + id, organizer_,
                            R"({"starts_at":"2026-12-07T10:00:00+08:00"})");
    ASSERT_EQ(moved.result(), http::status::ok) << moved.body();
    EXPECT_TRUE(body_of(moved).at("warnings").as_array().empty());
    EXPECT_EQ(body_of(moved).at("title").at("en"), "Workshop");

    const auto event = body_of(call(http::verb::get, "/api/v1/events/ivsec-2026", organizer_));
    EXPECT_EQ(event.at("sessions").as_array().size(), 2u);
    EXPECT_EQ(call(http::verb::delete_, "/api/v1/events/ivsec-2026/sessions/" + id, organizer_).result(),
              http::status::ok);
    EXPECT_EQ(call(http::verb::delete_, "/api/v1/events/ivsec-2026/sessions/" + id, organizer_).result(),
              http::status::not_found);
}

TEST_F(EventsApi, AgendaIcs) {
    create_event();
    ASSERT_EQ(
        call(
            http::verb::post, "/api/v1/events/ivsec-2026/sessions", organizer_,
            R"({"title":{"en":"Plenary: SDGs, BRI; South-South","zh":"全体会议"},"starts_at":"2026-12-07T09:00:00+08:00",
                       "ends_at":"2026-12-07T10:00:00+08:00"})")
            .result(),
        http::status::created);
    ASSERT_EQ(call(http::verb::patch, "/api/v1/events/ivsec-2026", organizer_, R"({"status":"published"})").result(),
              http::status::ok);
    const auto res = call(http::verb::get, "/api/v1/events/ivsec-2026/agenda.ics");
    ASSERT_EQ(res.result(), http::status::ok);
    EXPECT_EQ(res[http::field::content_type], "text/calendar; charset=utf-8");
    const auto& text = res.body();
    EXPECT_EQ(text.rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
    EXPECT_NE(text.find("SUMMARY:Plenary: SDGs\\, BRI\\; South-South\r\n"), std::string::npos) << text;
    EXPECT_NE(text.find("DTSTART:20261207T010000Z\r\n"), std::string::npos) << text;
    EXPECT_NE(text.find("END:VCALENDAR\r\n"), std::string::npos);
    const auto zh = call(http::verb::get, "/api/v1/events/ivsec-2026/agenda.ics?lang=zh");
    EXPECT_NE(zh.body().find("SUMMARY:全体会议\r\n"), std::string::npos);
}

TEST_F(EventsApi, OtherOrganizersCannotChangeAnEventButAdminsCan) {
    create_event();
    // A draft of someone else does not exist for another organizer.
    EXPECT_EQ(call(http::verb::get, "/api/v1/events/ivsec-2026", other_).result(), http::status::not_found);
    EXPECT_EQ(call(http::verb::patch, "/api/v1/events/ivsec-2026", other_, R"({"venue":"x"})").result(),
              http::status::not_found);
    EXPECT_TRUE(body_of(call(http::verb::get, "/api/v1/events", other_)).at("items").as_array().empty());

    // Admins see and change every event.
    EXPECT_EQ(body_of(call(http::verb::get, "/api/v1/events", admin_)).at("items").as_array().size(), 1u);
    ASSERT_EQ(call(http::verb::patch, "/api/v1/events/ivsec-2026", admin_, R"({"status":"published"})").result(),
              http::status::ok);

    // Published: visible, still not changeable by another organizer.
    EXPECT_EQ(call(http::verb::get, "/api/v1/events/ivsec-2026", other_).result(), http::status::ok);
    EXPECT_EQ(call(http::verb::patch, "/api/v1/events/ivsec-2026", other_, R"({"venue":"x"})").result(),
              http::status::forbidden);
    EXPECT_EQ(call(http::verb::get, "/api/v1/events/ivsec-2026/audit", other_).result(), http::status::forbidden);

    // Until they are added to the staff.
    const auto added =
        call(http::verb::post, "/api/v1/events/ivsec-2026/staff", organizer_, R"({"email":"other@example.org"})");
    ASSERT_EQ(added.result(), http::status::created) << added.body();
    EXPECT_EQ(call(http::verb::patch, "/api/v1/events/ivsec-2026", other_, R"({"venue":"Nanjing"})").result(),
              http::status::ok);
    EXPECT_EQ(call(http::verb::delete_, "/api/v1/events/ivsec-2026/staff?email=other%40example.org", admin_).result(),
              http::status::ok);
    EXPECT_EQ(call(http::verb::patch, "/api/v1/events/ivsec-2026", other_, R"({"venue":"x"})").result(),
              http::status::forbidden);
}

TEST_F(EventsApi, AuditLogRecordsWhoChangedWhat) {
    create_event();
    ASSERT_EQ(call(http::verb::patch, "/api/v1/events/ivsec-2026", organizer_, R"({"venue":"Nanjing"})").result(),
              http::status::ok);
    const auto res = call(http::verb::get, "/api/v1/events/ivsec-2026/audit", organizer_);
    ASSERT_EQ(res.result(), http::status::ok) << res.body();
    const auto items = body_of(res).at("items").as_array();
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[0].at("action"), "event.update");
    EXPECT_EQ(items[0].at("actor").at("email"), "org@example.org");
    EXPECT_EQ(items[0].at("summary").at("before").at("venue"), "Beijing");
    EXPECT_EQ(items[0].at("summary").at("after").at("venue"), "Nanjing");
    EXPECT_FALSE(items[0].at("summary").at("after").as_object().contains("slug"));
    EXPECT_EQ(items[1].at("action"), "event.create");
    EXPECT_EQ(call(http::verb::get, "/api/v1/events/ivsec-2026/audit").result(), http::status::unauthorized);
}

TEST_F(EventsApi, Rooms) {
    create_event();
    const auto created =
        call(http::verb::post, "/api/v1/events/ivsec-2026/rooms", organizer_, R"({"name":"Main Hall","capacity":300})");
    ASSERT_EQ(created.result(), http::status::created) << created.body();
    const auto id = std::to_string(body_of(created).at("id").as_int64());
    EXPECT_EQ(call(http::verb::post, "/api/v1/events/ivsec-2026/rooms", organizer_, R"({"name":"main hall"})").result(),
              http::status::conflict);
    const auto session = call(http::verb::post, "/api/v1/events/ivsec-2026/sessions", organizer_,
                              R"({"title":"Opening","room_id":)" + id +
                                  R"(,"starts_at":"2026-12-07T09:00:00+08:00","ends_at":"2026-12-07T10:00:00+08:00"})");
    ASSERT_EQ(session.result(), http::status::created) << session.body();
    EXPECT_EQ(body_of(session).at("capacity"), 300) << "capacity defaults to the room's";
    EXPECT_EQ(call(http::verb::delete_, "/api/v1/events/ivsec-2026/rooms/" + id, organizer_).result(),
              http::status::conflict);
    const auto patched =
        call(http::verb::patch, "/api/v1/events/ivsec-2026/rooms/" + id, organizer_, R"({"capacity":250})");
    ASSERT_EQ(patched.result(), http::status::ok);
    EXPECT_EQ(body_of(patched).at("name"), "Main Hall");
    const auto list = body_of(call(http::verb::get, "/api/v1/events/ivsec-2026/rooms", organizer_));
    EXPECT_EQ(list.at("items").as_array().size(), 1u);
}

}  // namespace
}  // namespace plenary::testing

namespace plenary::testing {

// A PATCH may change required fields but never blank them: the event must stay
// reachable at its URL and keep a valid zone.
TEST_F(EventsApi, PatchCannotBlankRequiredFields) {
    create_event();
    for (const char* body : {R"({"slug":""})", R"({"slug":null})", R"({"timezone":null})", R"({"timezone":""})",
                             R"({"title":null})", R"({"starts_at":null})"}) {
        const auto res = call(http::verb::patch, "/api/v1/events/ivsec-2026", organizer_, body);
        EXPECT_EQ(res.result_int(), 422) << body << " -> " << res.body();
    }
    EXPECT_EQ(call(http::verb::get, "/api/v1/events/ivsec-2026", organizer_).result_int(), 200);
}

}  // namespace plenary::testing
