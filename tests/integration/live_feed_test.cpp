// Live counts and their WebSocket feeds through the real server: the contract's
// snapshot-then-stats messages, 200 subscribers that all end on exactly the
// database's counts after 1,000 concurrent registrations and check-ins, the
// counts loaded while writes commit, refused handshakes, large messages,
// roles, and the public hall feed. Pacing and slow subscribers:
// live_feed_flow_test.cpp.
#include "../support/eventually.hpp"
#include "../support/ws_crowd.hpp"
#include "live_feed_fixture.hpp"
#include "server/live/live_json.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace plenary::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

TEST_F(LiveFeed, SnapshotThenStatsWithinASecondOfACommit) {
    ws_crowd crowd(port());
    crowd.add("/api/v1/events/hall/live", bearer(f_.organizer_token()));
    ASSERT_TRUE(eventually([&] { return !crowd.state(0).messages.empty(); }));
    const auto first = crowd.state(0).messages.at(0).as_object();
    EXPECT_EQ(first.at("type"), "snapshot");
    EXPECT_EQ(first.at("role"), "organizer");
    EXPECT_EQ(first.at("event").at("slug"), "hall");
    EXPECT_EQ(first.at("stats").at("registrations").at("confirmed"), 0);
    EXPECT_EQ(first.at("stats").at("capacity"), 700);

    const auto alice = f_.register_person("hall", "alice@example.org", registration_fixture::id_list({plenary_}));
    ASSERT_TRUE(eventually([&] { return comparable(crowd.latest_stats(0)) == counted("hall"); }, 5s))
        << crowd.latest_stats(0) << "\n"
        << counted("hall");
    const auto last = crowd.state(0).messages.back().as_object();
    EXPECT_EQ(last.at("type"), "stats");
    EXPECT_EQ(crowd.latest_stats(0).at("sessions").at(0).at("signed_up"), 1);

    // Organizers see who arrived; the arrival is counted per minute and country.
    scan(std::string(alice.at("ticket_code").as_string()), "n1");
    ASSERT_TRUE(eventually([&] { return crowd.latest_stats(0).at("checked_in") == 1; }, 5s));
    const auto stats = crowd.latest_stats(0);
    EXPECT_EQ(stats.at("inside"), 1);
    EXPECT_EQ(stats.at("arrivals_per_minute").as_array().size(), 1u);
    EXPECT_EQ(stats.at("arrivals_per_minute").at(0).at("arrivals"), 1);
    bool saw_activity = false;
    for (const auto& m : crowd.state(0).messages) {
        // Organizers get the activity inside the stats message of the flush.
        const auto* activity = m.as_object().if_contains("activity");
        if (m.at("type") != "stats" || !activity) continue;
        for (const auto& item : activity->as_array()) {
            saw_activity =
                saw_activity || (item.at("kind") == "checked_in" && item.at("name") == "Person alice@example.org" &&
                                 item.at("device") == "Door");
        }
    }
    EXPECT_TRUE(saw_activity);
    // The REST view is the same state.
    const auto rest = f_.call(http::verb::get, "/api/v1/events/hall/stats", kiosk_);
    EXPECT_EQ(comparable(registration_fixture::json_of(rest)), counted("hall"));
}

TEST_F(LiveFeed, TwoHundredSubscribersEndOnTheDatabaseCountsAfterAThousandConcurrentWrites) {
    ws_crowd crowd(port());
    for (int i = 0; i < 200; ++i) {
        crowd.add("/api/v1/events/hall/live", bearer(i % 4 == 0 ? kiosk_ : f_.organizer_token()));
    }
    ASSERT_TRUE(eventually([&] { return crowd.connected_count() == 200; }, 60s)) << crowd.connected_count();

    // 8 writers: 125 registrations each, every other one then checked in
    // (and every tenth checked out again), all while the others register.
    std::atomic<int> failures{0};
    std::vector<std::thread> writers;
    const char* countries[] = {"CN", "KE", "BR", "DE", "IN"};
    for (int w = 0; w < 8; ++w) {
        writers.emplace_back([&, w] {
            test_client client(port());
            for (int i = 0; i < 125; ++i) {
                const int n = w * 125 + i;
                const auto code = register_over(client, "Crowd", "crowd", n, countries[n % 5], n % 3 == 0);
                if (code.empty()) {
                    ++failures;
                    continue;
                }
                if (n % 2 != 0) continue;
                for (const auto* direction : (n % 10 == 0 ? std::vector{"in", "out"} : std::vector{"in"})) {
                    if (!scan_over(client, code, std::string("c").append(std::to_string(n)).append(direction),
                                   direction))
                        ++failures;
                }
            }
        });
    }
    for (auto& t : writers) t.join();
    ASSERT_EQ(failures.load(), 0);

    const auto expected = counted("hall");
    EXPECT_EQ(expected.at("registrations").at("confirmed"), 700);  // the event's capacity
    EXPECT_EQ(expected.at("registrations").at("waitlisted"), 300);
    ASSERT_TRUE(eventually(
        [&] {
            for (std::size_t i = 0; i < crowd.size(); ++i) {
                if (comparable(crowd.latest_stats(i)) != expected) return false;
            }
            return true;
        },
        20s));
    for (std::size_t i = 0; i < crowd.size(); ++i) {
        EXPECT_TRUE(crowd.state(i).error.empty()) << i << ": " << crowd.state(i).error;
        EXPECT_EQ(comparable(crowd.latest_stats(i)), expected) << "subscriber " << i;
    }
    // A recount from the store (what a restart does) gives the same numbers.
    server::live::live_counts rebuilt;
    f_.server().store().read_sync([&](db::connection& c) { rebuilt.prime(c); });
    json::object from_restart;
    json::object incremental;
    const auto id = f_.count("SELECT id FROM events WHERE slug = 'hall'");
    rebuilt.read(id, [&](const server::live::event_state& e) { from_restart = server::live::stats_json(e); });
    f_.server().live().counts().read(
        id, [&](const server::live::event_state& e) { incremental = server::live::stats_json(e); });
    from_restart.erase("version");
    incremental.erase("version");
    EXPECT_EQ(from_restart, incremental);
}

// Counts are loaded on first use, through the writer, while registrations
// and check-ins commit around the load (often in the same batch): the load
// must see each of them exactly once.
TEST_F(LiveFeed, EventLoadedOnFirstUseWhileWritesCommitCountsEachRowOnce) {
    const auto id = f_.count("SELECT id FROM events WHERE slug = 'hall'");
    EXPECT_FALSE(f_.server().live().counts().loaded(id)) << "loaded before anyone asked";

    std::atomic<int> failures{0};
    std::atomic<int> answered{0};
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w) {
        writers.emplace_back([&, w] {
            test_client client(port());
            for (int i = 0; i < 100; ++i) {
                const int n = w * 100 + i;
                const auto code = register_over(client, "Early", "early", n, "KE", n % 2 == 0);
                if (code.empty()) {
                    ++failures;
                    continue;
                }
                ++answered;
                if (!scan_over(client, code, std::string("e").append(std::to_string(n)))) ++failures;
            }
        });
    }
    // The first reads arrive while the writers are in full flow.
    ASSERT_TRUE(eventually([&] { return answered.load() >= 40; }, 20s));
    std::vector<std::thread> readers;
    for (int r = 0; r < 3; ++r) {
        readers.emplace_back([&] {
            test_client client(port());
            for (int i = 0; i < 20; ++i) {
                const auto res = client.request(http::verb::get, "/api/v1/events/hall/stats", "",
                                                {{"Authorization", "Bearer " + kiosk_}});
                if (res.result() != http::status::ok) ++failures;
            }
        });
    }
    for (auto& t : writers) t.join();
    for (auto& t : readers) t.join();
    ASSERT_EQ(failures.load(), 0);
    EXPECT_TRUE(f_.server().live().counts().loaded(id));
    const auto rest = f_.call(http::verb::get, "/api/v1/events/hall/stats", kiosk_);
    ASSERT_EQ(rest.result(), http::status::ok) << rest.body();
    const auto expected = counted("hall");
    EXPECT_EQ(expected.at("checked_in"), 400);
    EXPECT_EQ(comparable(registration_fixture::json_of(rest)), expected);
}

TEST_F(LiveFeed, RefusesHandshakesWithoutCredentialsOrFromAForeignOrigin) {
    ws_crowd crowd(port());
    const auto other_event_kiosk = [&] {
        f_.create_event("other");
        return make_kiosk("other");
    }();
    struct attempt {
        std::string target;
        header_list headers;
        std::string why;
    };
    const std::vector<attempt> refused{
        {"/api/v1/events/hall/live", {}, "no credentials"},
        {"/api/v1/events/hall/live", {{"Authorization", "Bearer plt_not-a-token"}}, "unknown token"},
        {"/api/v1/events/hall/live",
         {{"Authorization", "Bearer " + f_.organizer_token()}, {"Origin", "https://evil.example"}},
         "foreign Origin"},
        {"/api/v1/events/hall/live", bearer(other_event_kiosk), "another event's kiosk"},
        {"/api/v1/events/nope/live", bearer(f_.organizer_token()), "no such event"},
        {"/api/v1/events/hall/live/public", {}, "hall display not switched on"},
    };
    for (const auto& a : refused) crowd.add(a.target, a.headers);
    ASSERT_TRUE(eventually([&] {
        for (std::size_t i = 0; i < crowd.size(); ++i) {
            if (!crowd.state(i).closed) return false;
        }
        return true;
    }));
    for (std::size_t i = 0; i < refused.size(); ++i) {
        EXPECT_FALSE(crowd.state(i).connected) << refused[i].why;
        EXPECT_FALSE(crowd.state(i).error.empty()) << refused[i].why;
    }
    // The statuses, as an HTTP client sees the refused upgrade.
    test_client client(port());
    const auto upgrade = websocket_upgrade_headers();
    auto with = [&upgrade](header_list extra) {
        extra.insert(extra.end(), upgrade.begin(), upgrade.end());
        return extra;
    };
    EXPECT_EQ(client.request(http::verb::get, "/api/v1/events/hall/live", {}, with({})).result(),
              http::status::unauthorized);
    const auto foreign =
        client.request(http::verb::get, "/api/v1/events/hall/live", {},
                       with({{"Authorization", "Bearer " + f_.organizer_token()}, {"Origin", "https://evil.example"}}));
    EXPECT_EQ(foreign.result(), http::status::forbidden);
    EXPECT_EQ(foreign[http::field::content_type], "application/problem+json");
    EXPECT_EQ(client.request(http::verb::get, "/api/v1/events/hall/live/public", {}, with({})).result(),
              http::status::not_found);
    // Same origin is fine (the test client's Host header is "localhost").
    crowd.add("/api/v1/events/hall/live", {{"Authorization", "Bearer " + kiosk_}, {"Origin", "https://localhost"}});
    ASSERT_TRUE(eventually([&] { return crowd.state(refused.size()).connected; }));
}

TEST_F(LiveFeed, AMessagePastFourKibibytesGoesOutAsOneFrame) {
    // Fifty registrations give the organizer's snapshot fifty activity items.
    {
        test_client client(port());
        for (int n = 0; n < 50; ++n) ASSERT_FALSE(register_over(client, "Frame", "frame", n, "CN", false).empty());
    }
    // A client of its own, to see the frames as they come off the wire.
    test_client raw(port());
    auto headers = websocket_upgrade_headers();
    headers.emplace_back("Authorization", "Bearer " + f_.organizer_token());
    ASSERT_EQ(raw.request(http::verb::get, "/api/v1/events/hall/live", {}, headers).result(),
              http::status::switching_protocols);
    const auto head = raw.read_raw(2);
    EXPECT_EQ(static_cast<unsigned char>(head[0]), 0x81) << "not one final text frame";
    // A server's frames are unmasked; 126 means a 16-bit length follows.
    ASSERT_EQ(static_cast<unsigned char>(head[1]), 126);
    const auto length_bytes = raw.read_raw(2);
    const auto length = static_cast<std::size_t>(static_cast<unsigned char>(length_bytes[0])) * 256 +
                        static_cast<unsigned char>(length_bytes[1]);
    EXPECT_GT(length, 4096U);
    const auto snapshot = json::parse(raw.read_raw(length));
    EXPECT_EQ(snapshot.at("type"), "snapshot");
    EXPECT_EQ(snapshot.at("activity").as_array().size(), 50U);
}

TEST_F(LiveFeed, KiosksGetCountsOnlyAndTheHallFeedHasNothingPersonal) {
    const auto alice = f_.register_person("hall", "alice@example.org");
    ws_crowd crowd(port());
    const auto kiosk = crowd.add("/api/v1/events/hall/live", bearer(kiosk_));
    ASSERT_EQ(
        f_.call(http::verb::patch, "/api/v1/events/hall", f_.organizer_token(), R"({"public_display":true})").result(),
        http::status::ok);
    const auto hall = crowd.add("/api/v1/events/hall/live/public", {});
    ASSERT_TRUE(eventually([&] { return crowd.state(kiosk).connected && crowd.state(hall).connected; }));
    scan(std::string(alice.at("ticket_code").as_string()), "k1");
    ASSERT_TRUE(eventually(
        [&] {
            const auto h = crowd.latest_stats(hall);
            return crowd.latest_stats(kiosk).at("checked_in") == 1 && h.is_object() && h.at("checked_in") == 1;
        },
        5s));
    for (const auto i : {kiosk, hall}) {
        for (const auto& m : crowd.state(i).messages) {
            EXPECT_NE(m.at("type"), "activity");
            EXPECT_FALSE(m.as_object().contains("activity"));
            EXPECT_EQ(json::serialize(m).find("alice"), std::string::npos) << m;
        }
    }
    const auto first = crowd.state(hall).messages.at(0);
    EXPECT_EQ(first.at("type"), "snapshot");
    EXPECT_EQ(first.at("event").at("title_zh"), "交流会");
    const auto h = crowd.latest_stats(hall);
    EXPECT_EQ(h.at("registered"), 1);
    EXPECT_EQ(h.at("countries_present"), 1);
    EXPECT_FALSE(h.as_object().contains("countries"));

    // Switched off: the hall screen is closed (1008), the kiosk stays.
    ASSERT_EQ(
        f_.call(http::verb::patch, "/api/v1/events/hall", f_.organizer_token(), R"({"public_display":false})").result(),
        http::status::ok);
    ASSERT_TRUE(eventually([&] { return crowd.state(hall).closed; }, 5s));
    EXPECT_FALSE(crowd.state(kiosk).closed);
}

}  // namespace
}  // namespace plenary::testing
