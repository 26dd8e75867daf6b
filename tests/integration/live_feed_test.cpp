// Live counts and their WebSocket feeds through the real server: the contract's
// snapshot-then-stats messages, 200 subscribers that all end on exactly the
// database's counts after 1,000 concurrent registrations and check-ins, a
// subscriber that stops reading (bounded queue, the others unaffected, dropped
// after missed pings), refused handshakes, roles, and the public hall feed.
#include "server/live/live_feed.hpp"
#include "../support/eventually.hpp"
#include "../support/ws_crowd.hpp"
#include "db/connection.hpp"
#include "registration_test_support.hpp"
#include "server/live/live_json.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace plenary::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

server::app_settings unthrottled() {
    server::app_settings s;
    s.registration_rate = {1e6, 1e6};
    return s;
}

class LiveFeed : public ::testing::Test {
protected:
    explicit LiveFeed(test_server::setup_fn setup = {}, server::live::feed_pacing pacing = {})
        : f_(unthrottled(), std::move(setup), pacing) {
        f_.create_event("hall", R"("capacity":700)");
        plenary_ = f_.add_session("hall", "Plenary", 1, 600, true);
        kiosk_ = make_kiosk("hall");
    }

    std::string make_kiosk(const std::string& slug) {
        const auto res =
            f_.call(http::verb::post, "/api/v1/events/" + slug + "/kiosks", f_.organizer_token(), R"({"name":"Door"})");
        EXPECT_EQ(res.result(), http::status::created) << res.body();
        return std::string(registration_fixture::json_of(res).at("token").as_string());
    }

    header_list bearer(const std::string& token) const { return {{"Authorization", "Bearer " + token}}; }
    unsigned short port() { return f_.server().port(); }

    // The contract's counts, straight from SQLite with SQL of its own.
    json::object counted(const std::string& slug) {
        return f_.server().store().read_sync([&](db::connection& c) {
            auto one = [&c](const std::string& sql, auto... args) {
                auto st = c.prepare_uncached(sql);
                st.bind_all(args...);
                st.step();
                return st.column_int64(0);
            };
            const auto event = one("SELECT id FROM events WHERE slug = ?1", slug);
            json::object regs;
            for (const auto* status : {"confirmed", "waitlisted", "pending", "cancelled", "rejected"}) {
                regs[status] =
                    one("SELECT count(*) FROM registrations WHERE event_id = ?1 AND status = ?2", event, status);
            }
            json::array sessions;
            auto st = c.prepare_uncached("SELECT id FROM sessions WHERE event_id = ?1 ORDER BY starts_at, id");
            st.bind_all(event);
            while (st.step()) {
                const auto id = st.column_int64(0);
                const auto choices = "SELECT count(*) FROM registration_sessions WHERE session_id = ?1 AND status = ?2";
                sessions.push_back(json::object{
                    {"id", id},
                    {"signed_up", one(choices, id, "confirmed")},
                    {"waitlisted", one(choices, id, "waitlisted")},
                    {"checked_in", one("SELECT count(*) FROM attendance WHERE scope = ?1", id)},
                    {"inside", one("SELECT count(*) FROM attendance WHERE scope = ?1 AND inside = 1", id)}});
            }
            json::object countries;
            auto ct = c.prepare_uncached(
                "SELECT country, sum(status = 'confirmed'), sum(EXISTS (SELECT 1 FROM attendance a WHERE "
                "a.registration_id = r.id AND a.scope = 0)) AS arrived FROM registrations r WHERE event_id = ?1 "
                "GROUP BY country HAVING sum(status = 'confirmed') > 0 OR arrived > 0");
            ct.bind_all(event);
            while (ct.step()) {
                countries[ct.column_text(0)] =
                    json::object{{"registered", ct.column_int64(1)}, {"checked_in", ct.column_int64(2)}};
            }
            return json::object{
                {"registrations", regs},
                {"checked_in", one("SELECT count(*) FROM attendance WHERE event_id = ?1 AND scope = 0", event)},
                {"inside", one("SELECT count(*) FROM attendance WHERE event_id = ?1 AND scope = 0 AND inside", event)},
                {"sessions", sessions},
                {"countries", countries}};
        });
    }

    // The fields of `stats` that counted() computes.
    static json::object comparable(const json::value& stats) {
        if (!stats.is_object()) return {};
        const auto& s = stats.as_object();
        json::array sessions;
        for (const auto& x : s.at("sessions").as_array()) {
            const auto& o = x.as_object();
            sessions.push_back(json::object{{"id", o.at("id")},
                                            {"signed_up", o.at("signed_up")},
                                            {"waitlisted", o.at("waitlisted")},
                                            {"checked_in", o.at("checked_in")},
                                            {"inside", o.at("inside")}});
        }
        return {{"registrations", s.at("registrations")},
                {"checked_in", s.at("checked_in")},
                {"inside", s.at("inside")},
                {"sessions", sessions},
                {"countries", s.at("countries")}};
    }

    json::object scan(const std::string& code, const std::string& nonce) {
        const auto res = f_.call(http::verb::post, "/api/v1/events/hall/checkins", kiosk_,
                                 R"({"ticket_code":")" + code + R"(","nonce":")" + nonce + R"("})");
        EXPECT_EQ(res.result(), http::status::ok) << res.body();
        return registration_fixture::json_of(res).as_object();
    }

    // For concurrent writers, each on a client of its own: registers "<name>
    // <n>" (in the plenary if asked); the ticket code, empty unless a 201.
    std::string register_over(test_client& client, const std::string& name, const std::string& email_tag, int n,
                              const char* country, bool in_plenary) {
        const auto body = std::string(R"({"name":")")
                              .append(name)
                              .append(" ")
                              .append(std::to_string(n))
                              .append(R"(","email":")")
                              .append(registration_fixture::numbered_email(email_tag, n))
                              .append(R"(","country":")")
                              .append(country)
                              .append(R"(","language":"en","sessions":)")
                              .append(in_plenary ? registration_fixture::id_list({plenary_}) : std::string("[]"))
                              .append("}");
        const auto res = client.request(http::verb::post, "/api/v1/events/hall/registrations", body,
                                        {{"Content-Type", "application/json"}});
        if (res.result() != http::status::created) return {};
        return std::string(json::parse(res.body()).at("ticket_code").as_string());
    }

    // A kiosk scan over `client`; without `direction` the server picks. True on a 200.
    bool scan_over(test_client& client, const std::string& code, const std::string& nonce,
                   const std::string& direction = {}) {
        auto body = std::string(R"({"ticket_code":")").append(code).append(R"(","nonce":")").append(nonce).append("\"");
        if (!direction.empty()) body.append(R"(,"direction":")").append(direction).append("\"");
        body.append("}");
        return client
                   .request(http::verb::post, "/api/v1/events/hall/checkins", body,
                            {{"Authorization", "Bearer " + kiosk_}, {"Content-Type", "application/json"}})
                   .result() == http::status::ok;
    }

    registration_fixture f_;
    std::int64_t plenary_ = 0;
    std::string kiosk_;
};

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

class SlowSubscriber : public LiveFeed {
protected:
    SlowSubscriber()
        : LiveFeed([](server::router&, server::server_options& o, const std::filesystem::path&) {
              // A silent peer is closed after this; longer than the writes below.
              o.ws_idle_timeout = std::chrono::seconds(8);
          }) {
        // Bulky stats (about 30 kB each), so the kernel's socket buffers fill
        // after a few updates and the server's own queue has to hold the rest.
        for (int i = 0; i < 60; ++i) {
            f_.add_session("hall", std::string(300, 'a' + static_cast<char>(i % 26)), i % 20, 100, false);
        }
    }
};

TEST_F(SlowSubscriber, StaysBoundedDoesNotHoldUpOthersAndIsDroppedAfterMissedPings) {
    ws_crowd crowd(port());
    const auto stalled = crowd.add("/api/v1/events/hall/live", bearer(f_.organizer_token()), true);
    for (int i = 0; i < 5; ++i) crowd.add("/api/v1/events/hall/live", bearer(f_.organizer_token()));
    ASSERT_TRUE(eventually([&] { return crowd.connected_count() == 6; }));
    auto& topics = f_.server().live().topics();
    const auto event_id = f_.count("SELECT id FROM events WHERE slug = 'hall'");
    const auto stats_topic = server::live::live_feed::topic(event_id, server::live::audience::organizer);
    ASSERT_TRUE(eventually([&] { return topics.subscriber_count(stats_topic) == 6; }));

    std::size_t peak = 0;
    test_client client(port());
    for (int n = 0; n < 150; ++n) {
        const auto res =
            client.request(http::verb::post, "/api/v1/events/hall/registrations",
                           std::string(R"({"name":"Slow )").append(std::to_string(n)).append(R"(","email":")") +
                               registration_fixture::numbered_email("slow", n) + R"(","country":"CN","language":"en"})",
                           {{"Content-Type", "application/json"}});
        ASSERT_EQ(res.result(), http::status::created) << res.body();
        peak = std::max(peak, topics.max_queued(stats_topic));
        if (n % 5 == 0) std::this_thread::sleep_for(120ms);  // let many flushes happen
    }
    const auto expected = counted("hall");
    ASSERT_TRUE(eventually([&] {
        for (std::size_t i = 0; i < crowd.size(); ++i) {
            if (i != stalled && comparable(crowd.latest_stats(i)) != expected) return false;
        }
        return true;
    }));
    peak = std::max(peak, topics.max_queued(stats_topic));
    const auto limit = f_.server().get().options().ws_queue_limit;
    EXPECT_LE(peak, limit);
    EXPECT_GE(peak, 2u) << "the stalled subscriber never built a backlog, so the bound was not exercised";
    EXPECT_GT(f_.server()
                  .metrics()
                  .get_counter("plenary_ws_messages_dropped_total",
                               "WebSocket messages dropped because a slow client's queue was full.")
                  .value(),
              0);
    // No pong from the stalled one: it is closed; the others stay.
    ASSERT_TRUE(eventually([&] { return topics.subscriber_count(stats_topic) == 5; }, 20s));
    EXPECT_EQ(crowd.connected_count(), 5u + (crowd.state(stalled).closed ? 0u : 1u));
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

// The feed's pacing, slowed down so that the gaps are visible from outside:
// a flush that carried one batch lets the next change out after `quick`, one
// that gathered several makes the next wait `busy`.
class PacedLiveFeed : public LiveFeed {
protected:
    static constexpr auto quick = 1s;
    static constexpr auto busy = 4s;
    PacedLiveFeed() : LiveFeed({}, {quick, busy}) {}

    using clock = std::chrono::steady_clock;

    // Registers people "<tag> <n>" for n in [first, last) from `writers`
    // clients at once.
    void register_many(const std::string& tag, int first, int last, int writers = 1) {
        std::atomic<int> next{first};
        std::atomic<int> failures{0};
        std::vector<std::thread> threads;
        for (int w = 0; w < writers; ++w) {
            threads.emplace_back([&] {
                test_client client(port());
                for (int n = next++; n < last; n = next++) {
                    if (register_over(client, tag, tag, n, "CN", false).empty()) ++failures;
                }
            });
        }
        for (auto& t : threads) t.join();
        EXPECT_EQ(failures.load(), 0);
    }

    // When subscriber 0 first shows `n` confirmed registrations.
    clock::time_point seen(ws_crowd& crowd, std::int64_t n) {
        const bool ok = eventually(
            [&] {
                const auto stats = crowd.latest_stats(0);
                return stats.is_object() && stats.at("registrations").at("confirmed") == n;
            },
            30s);
        EXPECT_TRUE(ok) << "never saw " << n << " confirmed: " << crowd.latest_stats(0);
        return clock::now();
    }

    // Subscriber 0's stats messages, in order, as confirmed count and activity.
    std::vector<std::pair<std::int64_t, json::array>> flushes(ws_crowd& crowd) {
        std::vector<std::pair<std::int64_t, json::array>> out;
        for (const auto& m : crowd.state(0).messages) {
            if (m.at("type") != "stats") continue;
            const auto* activity = m.as_object().if_contains("activity");
            out.emplace_back(m.at("stats").at("registrations").at("confirmed").as_int64(),
                             activity ? activity->as_array() : json::array{});
        }
        return out;
    }

    // From any state of the pacing to "the last flush carried one batch".
    void settle(ws_crowd& crowd) {
        crowd.add("/api/v1/events/hall/live", bearer(f_.organizer_token()));
        ASSERT_TRUE(eventually([&] { return crowd.latest_stats(0).is_object(); }));
        register_many("Early", 0, 1);
        seen(crowd, 1);
        std::this_thread::sleep_for(busy + 500ms);
        register_many("Alone", 0, 1);
        seen(crowd, 2);
    }
};

TEST_F(PacedLiveFeed, ALoneChangeGoesOutQuicklyWhileChangesThatKeepComingAreGathered) {
    ws_crowd crowd(port());
    ASSERT_NO_FATAL_FAILURE(settle(crowd));
    const auto alone_at = clock::now();
    // Two batches, one after the other, inside the quick pause.
    register_many("Pair", 0, 2);
    const auto pair_at = seen(crowd, 4);
    register_many("After", 0, 1);
    const auto after_at = seen(crowd, 5);

    for (const auto& [confirmed, activity] : flushes(crowd)) {
        ASSERT_NE(confirmed, 3) << "the pair went out in two flushes, so nothing was gathered";
    }
    EXPECT_LT(pair_at - alone_at, busy - 500ms) << "a flush of one batch was followed by the busy pause";
    EXPECT_GE(after_at - pair_at, busy - 500ms) << "a flush of two batches was followed by the quick pause";
}

TEST_F(PacedLiveFeed, AFlushCarriesOnlyItsNewestActivityItems) {
    ws_crowd crowd(port());
    ASSERT_NO_FATAL_FAILURE(settle(crowd));
    register_many("Pair", 0, 2);
    seen(crowd, 4);
    // Now the busy pause: 60 registrations gather into one flush.
    register_many("Rush", 0, 60, 4);
    seen(crowd, 64);

    std::int64_t newest = 0;
    std::size_t longest = 0;
    for (const auto& [confirmed, activity] : flushes(crowd)) {
        ASSERT_LE(activity.size(), server::live::live_counts::flush_activity_limit);
        longest = std::max(longest, activity.size());
        // Oldest first, without gaps, and newer than anything sent before.
        for (std::size_t i = 0; i < activity.size(); ++i) {
            const auto seq = activity[i].at("seq").as_int64();
            if (i > 0) {
                ASSERT_EQ(seq, activity[i - 1].at("seq").as_int64() + 1);
            }
            ASSERT_GT(seq, newest);
        }
        if (!activity.empty()) newest = activity.back().at("seq").as_int64();
    }
    EXPECT_EQ(longest, server::live::live_counts::flush_activity_limit) << "no flush gathered more than the limit";
    // The last item sent is the last registration's.
    const auto last = flushes(crowd).back().second;
    ASSERT_FALSE(last.empty());
    EXPECT_EQ(last.back().at("kind"), "registered");
    EXPECT_EQ(newest, f_.count("SELECT count(*) FROM registrations"));
}

}  // namespace
}  // namespace plenary::testing
