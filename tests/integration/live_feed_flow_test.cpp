// How the live feed paces and bounds what it sends, through the real server:
// a subscriber that stops reading stays within its bounded queue, does not
// hold up the others and is dropped after missed pings; a lone change goes
// out quickly while changes that keep coming are gathered, and a gathered
// flush carries only its newest activity items.
#include "../support/eventually.hpp"
#include "../support/ws_crowd.hpp"
#include "live_feed_fixture.hpp"
#include "server/live/live_counts.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace plenary::testing {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

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
