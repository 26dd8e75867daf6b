// Registering and managing one's own registration through the real server:
// validation naming each field, one live registration per email, the
// Idempotency-Key, the registration window, overlapping sessions, tokens and
// ticket codes, the per-address rate limit, and the manage-token endpoints.
#include "registration_test_support.hpp"

#include "common/crypto.hpp"
#include "common/ticket_code.hpp"
#include "db/connection.hpp"
#include "db/statement.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

namespace plenary::testing {
namespace {

namespace json = boost::json;

constexpr const char* person = R"({"name":"Amani Njeri","email":"amani@example.org","country":"KE"})";

class RegistrationPublic : public ::testing::Test {
protected:
    registration_fixture f_;
};

TEST_F(RegistrationPublic, RegistersAndAnswersWithTicketAndToken) {
    f_.create_event("open");
    const auto res = f_.register_attendee("open", person);
    ASSERT_EQ(res.result(), http::status::created) << res.body();
    const auto r = registration_fixture::json_of(res).as_object();
    EXPECT_EQ(r.at("status"), "confirmed");
    EXPECT_TRUE(r.at("waitlist_position").is_null());
    EXPECT_EQ(r.at("language"), "en");
    const std::string code(r.at("ticket_code").as_string());
    EXPECT_EQ(code.size(), ticket_code_length);
    EXPECT_EQ(parse_ticket_code(std::string(r.at("ticket_code_display").as_string())), code);
    const std::string token(r.at("manage_token").as_string());
    EXPECT_GE(token.size(), 3u + 43u);  // prefix + 256 bits in base64url
    EXPECT_EQ(std::string(r.at("manage_url").as_string()), "/e/open/manage#token=" + token);
    // Stored hashed: the token appears nowhere in the database.
    EXPECT_EQ(f_.count("SELECT count(*) FROM registrations WHERE manage_token_hash = '" + token + "'"), 0);
    EXPECT_EQ(f_.count("SELECT count(*) FROM outbox WHERE body LIKE '%" + token + "%'"), 0);
    EXPECT_EQ(f_.count("SELECT count(*) FROM outbox WHERE kind = 'confirmed' AND language = 'en'"), 1);
}

TEST_F(RegistrationPublic, ValidationNamesEveryBadField) {
    f_.create_event("val", R"("questions":[
        {"key":"diet","type":"single_choice","label":{"en":"Diet"},"required":true,
         "options":[{"value":"veg","label":{"en":"Vegetarian"}},{"value":"any","label":{"en":"Any"}}]},
        {"key":"topics","type":"multiple_choice","label":{"en":"Topics"},
         "options":[{"value":"a","label":{"en":"A"}},{"value":"b","label":{"en":"B"}}]},
        {"key":"photo","type":"consent","label":{"en":"Photos"},"required":true},
        {"key":"note","type":"long_text","label":{"en":"Note"}}])");
    const auto res = f_.register_attendee(
        "val", R"({"name":"a\u0007b","email":"not-an-email","country":"XX","language":"de","sessions":[999],
                 "answers":{"diet":"meat","topics":["a","a","c"],"photo":false,"ghost":1},"admin":true})");
    ASSERT_EQ(res.result(), http::status::unprocessable_entity) << res.body();
    EXPECT_EQ(res[http::field::content_type], "application/problem+json");
    const auto fields = registration_fixture::error_fields(res);
    for (const auto* f : {"name", "email", "country", "language", "sessions[0]", "answers.diet", "answers.topics[1]",
                          "answers.topics[2]", "answers.photo", "answers.ghost", "admin"}) {
        EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f << "\n" << res.body();
    }
    EXPECT_EQ(f_.count("SELECT count(*) FROM registrations"), 0);

    const auto ok =
        f_.register_attendee("val", R"({"name":"张伟","email":"zhang.wei@example.cn","country":"cn","language":"zh",
                 "answers":{"diet":"veg","topics":["b"],"photo":true,"note":"第一行\n第二行"}})");
    ASSERT_EQ(ok.result(), http::status::created) << ok.body();
    EXPECT_EQ(registration_fixture::json_of(ok).at("country"), "CN");
    EXPECT_EQ(registration_fixture::json_of(ok).at("answers").at("topics").at(0), "b");
}

TEST_F(RegistrationPublic, HostileBodiesAreClean4xx) {
    f_.create_event("hostile");
    for (const auto* body : {"", "{", "[]", "null", R"({"name":1})", "{\"name\":\"\xff\"}",
                             R"({"name":"x","email":"a@b.cn","country":"CN","sessions":"1"})",
                             R"({"name":"x","email":"a@b.cn","country":"CN","answers":[]})"}) {
        const auto res = f_.register_attendee("hostile", body);
        EXPECT_GE(res.result_int(), 400) << body;
        EXPECT_LT(res.result_int(), 500) << body;
    }
    // Stored verbatim, never interpreted.
    const auto res = f_.register_attendee(
        "hostile",
        R"({"name":"Robert'); DROP TABLE registrations;--<script>","email":"bobby@example.org","country":"GB"})");
    ASSERT_EQ(res.result(), http::status::created) << res.body();
    EXPECT_EQ(registration_fixture::json_of(res).at("name"), "Robert'); DROP TABLE registrations;--<script>");
}

TEST_F(RegistrationPublic, OneLiveRegistrationPerEmailTrimmedAndCaseless) {
    f_.create_event("dup");
    ASSERT_EQ(f_.register_attendee("dup", person).result(), http::status::created);
    const auto again =
        f_.register_attendee("dup", R"({"name":"Someone Else","email":"  AMANI@Example.ORG ","country":"KE"})");
    EXPECT_EQ(again.result(), http::status::conflict) << again.body();
    EXPECT_EQ(registration_fixture::error_fields(again), std::vector<std::string>{"email"});
    // It learns nothing about the first registration.
    EXPECT_EQ(again.body().find("Amani"), std::string::npos);
    EXPECT_EQ(again.body().find("confirmed"), std::string::npos);
    // Once cancelled, the address may register again.
    f_.create_event("dup2");
    const auto first = registration_fixture::json_of(f_.register_attendee("dup2", person));
    f_.call(http::verb::delete_, "/api/v1/registrations/self", std::string(first.at("manage_token").as_string()));
    EXPECT_EQ(f_.register_attendee("dup2", person).result(), http::status::created);
}

TEST_F(RegistrationPublic, IdempotencyKeyReplaysTheFirstAnswer) {
    f_.create_event("idem");
    const header_list key{{"Idempotency-Key", "2f1c7e0a-retry-me"}};
    const auto first = f_.register_attendee("idem", person, key);
    ASSERT_EQ(first.result(), http::status::created) << first.body();
    const auto second = f_.register_attendee("idem", person, key);
    EXPECT_EQ(second.result(), http::status::created);
    EXPECT_EQ(second.body(), first.body());
    EXPECT_EQ(f_.count("SELECT count(*) FROM registrations"), 1);
    // The stored answer holds the manage token, so it is sealed.
    const auto token = std::string(registration_fixture::json_of(first).at("manage_token").as_string());
    EXPECT_EQ(f_.count("SELECT count(*) FROM idempotency_keys WHERE instr(sealed_body, '" + token + "') > 0"), 0);

    const auto different = f_.register_attendee("idem", R"({"name":"X","email":"x@example.org","country":"KE"})", key);
    EXPECT_EQ(different.result(), http::status::unprocessable_entity);
    EXPECT_EQ(registration_fixture::error_fields(different), std::vector<std::string>{"Idempotency-Key"});
    const auto bad = f_.register_attendee("idem", person, {{"Idempotency-Key", std::string(300, 'k')}});
    EXPECT_EQ(bad.result(), http::status::unprocessable_entity);
}

TEST_F(RegistrationPublic, ConcurrentRetriesWithOneKeyMakeOneRegistration) {
    f_.create_event("idem-race");
    std::vector<std::string> bodies(8);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < bodies.size(); ++i) {
        threads.emplace_back([&, i] {
            bodies[i] = f_.register_attendee("idem-race", person, {{"Idempotency-Key", "same-key"}}).body();
        });
    }
    for (auto& t : threads) t.join();
    for (const auto& b : bodies) EXPECT_EQ(b, bodies[0]);
    EXPECT_EQ(f_.count("SELECT count(*) FROM registrations"), 1);
}

TEST_F(RegistrationPublic, WindowAndStatusHold) {
    f_.create_event("later", R"("registration_opens_at":"2030-01-01T00:00:00Z")");
    auto res = f_.register_attendee("later", person);
    EXPECT_EQ(res.result(), http::status::conflict) << res.body();
    f_.create_event("past", R"("registration_closes_at":"2020-01-01T00:00:00Z")");
    EXPECT_EQ(f_.register_attendee("past", person).result(), http::status::conflict);
    f_.create_event("draft", R"("status":"draft")");
    EXPECT_EQ(f_.register_attendee("draft", person).result(), http::status::not_found);
    f_.create_event("shut", R"("status":"closed")");
    EXPECT_EQ(f_.register_attendee("shut", person).result(), http::status::conflict);
    EXPECT_EQ(f_.register_attendee("nowhere", person).result(), http::status::not_found);
    // An organizer may still add someone by hand.
    res = f_.call(http::verb::post, "/api/v1/events/past/registrations", f_.organizer_token(), person);
    ASSERT_EQ(res.result(), http::status::created) << res.body();
    EXPECT_EQ(f_.count("SELECT count(*) FROM registrations WHERE source = 'organizer'"), 1);
}

TEST_F(RegistrationPublic, OverlappingSessionsAreRefusedNamingBoth) {
    f_.create_event("overlap");
    const auto a = f_.add_session("overlap", "Morning panel", 2, 10);
    // Starts half-way through the first: overlaps.
    const auto res0 = f_.call(http::verb::post, "/api/v1/events/overlap/sessions", f_.organizer_token(),
                              R"({"title":"Parallel workshop","kind":"workshop","room":"B",
                                  "starts_at":"2030-12-07T02:30:00Z","ends_at":"2030-12-07T03:30:00Z",
                                  "requires_signup":true})");
    ASSERT_EQ(res0.result(), http::status::created) << res0.body();
    const auto b = registration_fixture::json_of(res0).at("id").as_int64();
    const auto res =
        f_.register_attendee("overlap", R"({"name":"N","email":"n@example.org","country":"KE","sessions":[)" +
                                            std::to_string(a) + "," + std::to_string(b) + "]}");
    ASSERT_EQ(res.result(), http::status::unprocessable_entity) << res.body();
    EXPECT_NE(res.body().find("Morning panel"), std::string::npos);
    EXPECT_NE(res.body().find("Parallel workshop"), std::string::npos);
    EXPECT_EQ(registration_fixture::error_fields(res), std::vector<std::string>{"sessions"});
}

TEST_F(RegistrationPublic, ManageTokenSeesChangesAndCancels) {
    f_.create_event("self");
    const auto s = f_.add_session("self", "Round-table", 5, 5);
    const auto r = f_.register_person("self", "self@example.org");
    const std::string token(r.at("manage_token").as_string());

    auto res =
        f_.call(http::verb::patch, "/api/v1/registrations/self", token,
                R"({"name":"New Name","organization":"UNV","language":"zh","sessions":[)" + std::to_string(s) + "]}");
    ASSERT_EQ(res.result(), http::status::ok) << res.body();
    auto j = registration_fixture::json_of(res);
    EXPECT_EQ(j.at("name"), "New Name");
    EXPECT_EQ(j.at("sessions").at(0).at("status"), "confirmed");
    EXPECT_EQ(j.at("event").at("slug"), "self");
    res = f_.call(http::verb::patch, "/api/v1/registrations/self", token, R"({"email":"new@example.org"})");
    EXPECT_EQ(registration_fixture::error_fields(res), std::vector<std::string>{"email"});

    res = f_.call(http::verb::get, "/api/v1/registrations/self/ticket.svg", token);
    ASSERT_EQ(res.result(), http::status::ok);
    EXPECT_EQ(res[http::field::content_type], "image/svg+xml");
    EXPECT_NE(res.body().find("<svg"), std::string::npos);
    EXPECT_EQ(res.body().find("<script"), std::string::npos);
    res = f_.call(http::verb::get, "/api/v1/registrations/self/sessions.ics", token);
    ASSERT_EQ(res.result(), http::status::ok);
    EXPECT_NE(res.body().find("SUMMARY:Round-table"), std::string::npos);

    res = f_.call(http::verb::delete_, "/api/v1/registrations/self", token);
    ASSERT_EQ(res.result(), http::status::ok) << res.body();
    EXPECT_EQ(registration_fixture::json_of(res).at("status"), "cancelled");
    EXPECT_EQ(registration_fixture::json_of(res).at("sessions").as_array().size(), 0u);
    EXPECT_EQ(f_.call(http::verb::patch, "/api/v1/registrations/self", token, R"({"name":"x"})").result(),
              http::status::conflict);
    EXPECT_EQ(f_.count("SELECT count(*) FROM outbox WHERE kind = 'cancelled' AND language = 'zh'"), 1);
}

TEST_F(RegistrationPublic, BadManageTokensAre401) {
    for (const auto& token : {std::string("pm_nope"), std::string(), std::string(600, 'a')}) {
        const auto res = f_.call(http::verb::get, "/api/v1/registrations/self", token);
        EXPECT_EQ(res.result(), http::status::unauthorized) << token.size();
    }
    // An organizer token is not a manage token.
    EXPECT_EQ(f_.call(http::verb::get, "/api/v1/registrations/self", f_.organizer_token()).result(),
              http::status::unauthorized);
}

// Keys of later registrations sort later (common/ordered_key.hpp), and a
// manage token from before keys carried a clock, stored as its bare SHA-256,
// still opens its registration.
TEST_F(RegistrationPublic, NewKeysSortByTimeAndOlderManageTokensStillWork) {
    f_.create_event("order");
    const auto first = f_.register_person("order", "first@example.org");
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    const auto second = f_.register_person("order", "second@example.org");
    EXPECT_LT(first.at("ticket_code").as_string(), second.at("ticket_code").as_string());
    EXPECT_EQ(f_.count("SELECT count(*) FROM registrations WHERE length(manage_token_hash) = 40"), 2);
    EXPECT_EQ(f_.count("SELECT (SELECT manage_token_hash FROM registrations WHERE email = 'first@example.org') < "
                       "(SELECT manage_token_hash FROM registrations WHERE email = 'second@example.org')"),
              1);

    const auto id = first.at("id").as_int64();
    const auto new_token = std::string(first.at("manage_token").as_string());
    const auto old_token = make_token("pm_");
    f_.server().store().write_sync([&](db::connection& c) {
        auto& st = c.prepare("UPDATE registrations SET manage_token_hash = ?1 WHERE id = ?2");
        const auto key = sha256(old_token);
        st.bind(1, db::as_blob(key));
        st.bind(2, id);
        st.execute();
    });
    auto res = f_.call(http::verb::get, "/api/v1/registrations/self", old_token);
    ASSERT_EQ(res.result(), http::status::ok) << res.body();
    EXPECT_EQ(registration_fixture::json_of(res).at("id").as_int64(), id);
    EXPECT_EQ(f_.call(http::verb::get, "/api/v1/registrations/self", new_token).result(), http::status::unauthorized);
}

TEST_F(RegistrationPublic, CountriesAreTheRealList) {
    const auto res = f_.call(http::verb::get, "/api/v1/countries");
    ASSERT_EQ(res.result(), http::status::ok);
    const auto body = registration_fixture::json_of(res);
    const auto& items = body.at("items").as_array();
    EXPECT_EQ(items.size(), 249u);
    EXPECT_NE(std::find(items.begin(), items.end(), json::value("CN")), items.end());
}

TEST_F(RegistrationPublic, AvailabilityIsPublic) {
    f_.create_event("avail", R"("capacity":2)");
    const auto s = f_.add_session("avail", "Round-table", 6, 1);
    f_.register_person("avail", "a@example.org", registration_fixture::id_list({s}));
    const auto e = registration_fixture::json_of(f_.call(http::verb::get, "/api/v1/events/avail"));
    EXPECT_EQ(e.at("registration").at("state"), "open");
    EXPECT_EQ(e.at("registration").at("places_left"), 1);
    EXPECT_EQ(e.at("sessions").at(0).at("seats_left"), 0);
}

class RegistrationRateLimit : public ::testing::Test {
protected:
    static server::app_settings tight() {
        server::app_settings s;
        s.registration_rate = {.per_second = 0.01, .burst = 3, .capacity = 100};
        return s;
    }
    registration_fixture f_{tight()};
};

TEST_F(RegistrationRateLimit, TooManyFromOneAddressGet429WithRetryAfter) {
    f_.create_event("busy");
    for (int i = 0; i < 3; ++i) f_.register_person("busy", registration_fixture::numbered_email("p", i));
    const auto res = f_.register_attendee("busy", person);
    ASSERT_EQ(res.result(), http::status::too_many_requests) << res.body();
    EXPECT_GE(std::stoi(std::string(res[http::field::retry_after])), 1);
    EXPECT_EQ(f_.count("SELECT count(*) FROM registrations"), 3);
    // Organizers adding by hand are not limited.
    EXPECT_EQ(f_.call(http::verb::post, "/api/v1/events/busy/registrations", f_.organizer_token(), person).result(),
              http::status::created);
}

}  // namespace
}  // namespace plenary::testing
