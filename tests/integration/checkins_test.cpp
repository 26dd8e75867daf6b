// Check-in through the real server: kiosk pairing and scope, every result,
// the nonce retry, the 20-kiosk race, entry and exit counts, session rooms,
// offline replays and their conflicts, undo, and revocation.
#include "registration_test_support.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace plenary::testing {
namespace {

namespace json = boost::json;

class Checkins : public ::testing::Test {
protected:
    Checkins() {
        f_.create_event("door", R"("capacity":2)");
        alice_ = f_.register_person("door", "alice@example.org");
        bob_ = f_.register_person("door", "bob@example.org");
        carol_ = f_.register_person("door", "carol@example.org");  // waitlisted
        kiosk_ = make_kiosk("door", "Door 1");
    }

    std::string make_kiosk(const std::string& slug, const std::string& name, const std::string& extra = {}) {
        const auto res = f_.call(http::verb::post, "/api/v1/events/" + slug + "/kiosks", f_.organizer_token(),
                                 R"({"name":")" + name + "\"" + extra + "}");
        EXPECT_EQ(res.result(), http::status::created) << res.body();
        return std::string(registration_fixture::json_of(res).at("token").as_string());
    }

    json::object scan(const std::string& token, const std::string& code, const std::string& nonce,
                      const std::string& extra = {}, const std::string& slug = "door") {
        const auto res = f_.call(http::verb::post, "/api/v1/events/" + slug + "/checkins", token,
                                 R"({"ticket_code":")" + code + R"(","nonce":")" + nonce + "\"" + extra + "}");
        EXPECT_EQ(res.result(), http::status::ok) << res.body();
        return res.result() == http::status::ok ? registration_fixture::json_of(res).as_object() : json::object{};
    }

    json::object stats(const std::string& token) {
        const auto res = f_.call(http::verb::get, "/api/v1/events/door/stats", token);
        EXPECT_EQ(res.result(), http::status::ok) << res.body();
        return registration_fixture::json_of(res).as_object();
    }

    static std::string code_of(const json::object& r) { return std::string(r.at("ticket_code").as_string()); }

    registration_fixture f_;
    json::object alice_;
    json::object bob_;
    json::object carol_;
    std::string kiosk_;
};

TEST_F(Checkins, EveryResult) {
    auto a = scan(kiosk_, std::string(alice_.at("ticket_code_display").as_string()), "n1");
    EXPECT_EQ(a.at("result"), "ok");
    EXPECT_EQ(a.at("attendee").at("name"), "Person alice@example.org");
    EXPECT_EQ(a.at("first_kiosk"), "Door 1");
    a = scan(kiosk_, code_of(alice_), "n2");
    EXPECT_EQ(a.at("result"), "already_checked_in");
    EXPECT_FALSE(a.at("first_checked_in_at").is_null());
    EXPECT_EQ(scan(kiosk_, "2222-3333-4444-5555-6666-7777-8888", "n3").at("result"), "not_found");
    EXPECT_EQ(scan(kiosk_, "not a code", "n4").at("result"), "not_found");
    EXPECT_EQ(scan(kiosk_, code_of(carol_), "n5").at("result"), "waitlisted");
    f_.call(http::verb::delete_, "/api/v1/registrations/self", std::string(bob_.at("manage_token").as_string()));
    EXPECT_EQ(scan(kiosk_, code_of(bob_), "n6").at("result"), "cancelled");
    f_.create_event("other");
    const auto stranger = f_.register_person("other", "dave@example.org");
    EXPECT_EQ(scan(kiosk_, code_of(stranger), "n7").at("result"), "wrong_event");
    f_.create_event("vetted", R"("requires_approval":true)");
    const auto pending = f_.register_person("vetted", "erin@example.org");
    EXPECT_EQ(scan(make_kiosk("vetted", "Desk"), code_of(pending), "n8", {}, "vetted").at("result"), "pending");
    EXPECT_EQ(f_.count("SELECT count(*) FROM checkins"), 1);
}

TEST_F(Checkins, ARetriedNonceGetsTheFirstAnswer) {
    const auto first = scan(kiosk_, code_of(alice_), "retry-1");
    const auto again = scan(kiosk_, code_of(alice_), "retry-1");
    EXPECT_EQ(again, first);
    EXPECT_EQ(again.at("result"), "ok");  // not "already": the reply was lost, not the scan repeated
    EXPECT_EQ(f_.count("SELECT count(*) FROM checkins"), 1);
    // Nonces are per device: another kiosk's n1 is a new scan.
    EXPECT_EQ(scan(make_kiosk("door", "Door 2"), code_of(alice_), "retry-1").at("result"), "already_checked_in");
}

TEST_F(Checkins, TwentyKiosksScanningOneTicketAdmitOnce) {
    std::vector<std::string> tokens;
    for (int i = 0; i < 20; ++i) tokens.push_back(make_kiosk("door", "Gate"));
    std::vector<std::string> results(tokens.size());
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        threads.emplace_back([&, i] {
            ++ready;
            while (ready.load() < 20) std::this_thread::yield();
            results[i] = std::string(scan(tokens[i], code_of(alice_), "same").at("result").as_string());
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(std::count(results.begin(), results.end(), "ok"), 1);
    EXPECT_EQ(std::count(results.begin(), results.end(), "already_checked_in"), 19);
    EXPECT_EQ(stats(kiosk_).at("checked_in"), 1);
}

TEST_F(Checkins, EntryAndExitKeepInsideNow) {
    scan(kiosk_, code_of(alice_), "a-in");
    scan(kiosk_, code_of(bob_), "b-in");
    EXPECT_EQ(stats(kiosk_).at("inside"), 2);
    EXPECT_EQ(scan(kiosk_, code_of(alice_), "a-out", R"(,"direction":"out")").at("result"), "ok");
    auto s = stats(kiosk_);
    EXPECT_EQ(s.at("inside"), 1);
    EXPECT_EQ(s.at("checked_in"), 2);
    EXPECT_EQ(scan(kiosk_, code_of(alice_), "a-back").at("result"), "ok");  // re-entry
    s = stats(f_.organizer_token());
    EXPECT_EQ(s.at("inside"), 2);
    EXPECT_EQ(s.at("checked_in"), 2);
    EXPECT_EQ(s.at("countries").at("CN").at("checked_in"), 2);
    EXPECT_EQ(s.at("registrations").at("waitlisted"), 1);
}

TEST_F(Checkins, SessionRoomsNeedASeat) {
    f_.create_event("rooms", R"("capacity":10)");
    const auto workshop = f_.add_session("rooms", "Workshop", 3, 1);
    const auto seated = f_.register_person("rooms", "seat@example.org", registration_fixture::id_list({workshop}));
    const auto waiting = f_.register_person("rooms", "wait@example.org", registration_fixture::id_list({workshop}));
    const auto room = make_kiosk("rooms", "Workshop door", R"(,"session_id":)" + std::to_string(workshop));
    const auto self = registration_fixture::json_of(f_.call(http::verb::get, "/api/v1/kiosk/self", room));
    EXPECT_EQ(self.at("kiosk").at("mode"), "session");
    EXPECT_EQ(self.at("kiosk").at("session_requires_signup"), true);
    EXPECT_EQ(scan(room, code_of(seated), "s1", {}, "rooms").at("result"), "ok");
    EXPECT_EQ(scan(room, code_of(waiting), "s2", {}, "rooms").at("result"), "not_signed_up");
    const auto res = f_.call(http::verb::get, "/api/v1/events/rooms/stats", room);
    const auto s = registration_fixture::json_of(res);
    EXPECT_EQ(s.at("checked_in"), 0);  // the room is not the entrance
    EXPECT_EQ(s.at("sessions").at(0).at("inside"), 1);
    EXPECT_EQ(s.at("sessions").at(0).at("signed_up"), 1);
    // Deleting the session revokes its kiosk, which is told so.
    ASSERT_EQ(
        f_.call(http::verb::delete_, "/api/v1/events/rooms/sessions/" + std::to_string(workshop), f_.organizer_token())
            .result(),
        http::status::ok);
    const auto gone = f_.call(http::verb::get, "/api/v1/kiosk/self", room);
    EXPECT_EQ(gone.result(), http::status::unauthorized);
    EXPECT_EQ(registration_fixture::json_of(gone).at("type"), "https://plenary.invalid/problems/kiosk-revoked");
}

TEST_F(Checkins, OfflineReplaysCountOnceAndShowConflicts) {
    const auto second = make_kiosk("door", "Door 2");
    const auto a = scan(kiosk_, code_of(alice_), "off-1", R"(,"offline":true,"scanned_at":"2030-12-07T01:00:00Z")");
    const auto b = scan(second, code_of(alice_), "off-2", R"(,"offline":true,"scanned_at":"2030-12-07T01:01:00Z")");
    EXPECT_EQ(a.at("result"), "ok");
    EXPECT_EQ(b.at("result"), "already_checked_in");
    EXPECT_EQ(a.at("scanned_at"), "2030-12-07T01:00:00Z");
    EXPECT_EQ(stats(kiosk_).at("checked_in"), 1);
    // The same device replaying twice is no conflict.
    EXPECT_EQ(scan(kiosk_, code_of(alice_), "off-3", R"(,"offline":true)").at("result"), "already_checked_in");
    const auto res = f_.call(http::verb::get, "/api/v1/events/door/checkins/conflicts", f_.organizer_token());
    ASSERT_EQ(res.result(), http::status::ok) << res.body();
    const auto items = registration_fixture::json_of(res).at("items").as_array();
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].at("kiosk"), "Door 2");
    EXPECT_EQ(items[0].at("first_kiosk"), "Door 1");
}

TEST_F(Checkins, UndoNeedsAReasonAndTheCountsFollow) {
    const auto id = scan(kiosk_, code_of(alice_), "u1").at("checkin_id").as_int64();
    const auto target = "/api/v1/events/door/checkins/" + std::to_string(id);
    EXPECT_EQ(f_.call(http::verb::delete_, target, f_.organizer_token(), "{}").result(),
              http::status::unprocessable_entity);
    EXPECT_EQ(f_.call(http::verb::delete_, target, kiosk_, R"({"reason":"x"})").result(), http::status::unauthorized);
    auto res = f_.call(http::verb::delete_, target, f_.organizer_token(), R"({"reason":"scanned the wrong badge"})");
    ASSERT_EQ(res.result(), http::status::ok) << res.body();
    EXPECT_EQ(stats(kiosk_).at("checked_in"), 0);
    EXPECT_EQ(f_.count("SELECT count(*) FROM audit_log WHERE action = 'checkin.undo'"), 1);
    res = f_.call(http::verb::delete_, target, f_.organizer_token(), R"({"reason":"again"})");
    EXPECT_EQ(res.result(), http::status::conflict);
    EXPECT_EQ(scan(kiosk_, code_of(alice_), "u2").at("result"), "ok");
}

TEST_F(Checkins, KioskTokensAreScoped) {
    for (const auto* target : {"/api/v1/events/door/registrations", "/api/v1/events/door/registrations.csv",
                               "/api/v1/events/door/outbox", "/api/v1/events/door/kiosks", "/metrics"}) {
        EXPECT_EQ(f_.call(http::verb::get, target, kiosk_).result(), http::status::unauthorized) << target;
    }
    auto res = f_.call(http::verb::get, "/api/v1/events/door/checkin-search?q=person", kiosk_);
    ASSERT_EQ(res.result(), http::status::ok) << res.body();
    // The fixture's names contain the address; the email field itself is absent.
    EXPECT_EQ(res.body().find("\"email\""), std::string::npos) << "no emails for kiosks";
    EXPECT_EQ(res.body().find("\"answers\""), std::string::npos);
    EXPECT_EQ(registration_fixture::json_of(res).at("items").as_array().size(), 3u);
    res = f_.call(http::verb::get, "/api/v1/events/door/kiosk-data", kiosk_);
    ASSERT_EQ(res.result(), http::status::ok);
    EXPECT_EQ(res.body().find(code_of(alice_)), std::string::npos) << "hashes, not codes";
    EXPECT_EQ(res.body().find("\"email\""), std::string::npos);
    f_.create_event("elsewhere");
    EXPECT_EQ(f_.call(http::verb::get, "/api/v1/events/elsewhere/stats", kiosk_).result(), http::status::forbidden);
    EXPECT_EQ(f_.call(http::verb::get, "/api/v1/events/nowhere/stats", kiosk_).result(), http::status::not_found);
    // Another event's organizer is refused before the body is looked at.
    const auto stranger = f_.make_staff_token("stranger@example.org", "organizer");
    EXPECT_EQ(f_.call(http::verb::delete_, "/api/v1/events/door/checkins/1", stranger, "{}").result(),
              http::status::forbidden);
}

TEST_F(Checkins, RevokedKiosksAreToldSo) {
    const auto list = f_.call(http::verb::get, "/api/v1/events/door/kiosks", f_.organizer_token());
    const auto id = registration_fixture::json_of(list).at("items").at(0).at("id").as_int64();
    ASSERT_EQ(
        f_.call(http::verb::delete_, "/api/v1/events/door/kiosks/" + std::to_string(id), f_.organizer_token()).result(),
        http::status::ok);
    const auto res = f_.call(http::verb::get, "/api/v1/kiosk/self", kiosk_);
    EXPECT_EQ(res.result(), http::status::unauthorized);
    EXPECT_EQ(registration_fixture::json_of(res).at("type"), "https://plenary.invalid/problems/kiosk-revoked");
}

TEST_F(Checkins, BadScansNameTheField) {
    const auto post = [&](const std::string& body) {
        return f_.call(http::verb::post, "/api/v1/events/door/checkins", kiosk_, body);
    };
    EXPECT_EQ(registration_fixture::error_fields(post(R"({"ticket_code":"X"})")), std::vector<std::string>{"nonce"});
    EXPECT_EQ(
        registration_fixture::error_fields(post(R"({"ticket_code":"X","nonce":")" + std::string(65, 'n') + "\"}")),
        std::vector<std::string>{"nonce"});
    EXPECT_EQ(registration_fixture::error_fields(post(R"({"nonce":"a"})")), std::vector<std::string>{"ticket_code"});
    EXPECT_EQ(registration_fixture::error_fields(post(R"({"ticket_code":"X","nonce":"a","direction":"up"})")),
              std::vector<std::string>{"direction"});
    EXPECT_EQ(registration_fixture::error_fields(post(R"({"ticket_code":"X","nonce":"a","scanned_at":"yesterday"})")),
              std::vector<std::string>{"scanned_at"});
}

}  // namespace
}  // namespace plenary::testing
