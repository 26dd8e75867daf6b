// Places, seats and waiting lists through the real server: the concurrent
// race for the last place, first-come-first-served promotion for the event
// and for sessions, capacity changes, approval, manual promotion, and the
// tallies agreeing with a fresh count.
#include "registration_test_support.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace plenary::testing {
namespace {

namespace json = boost::json;

std::string status_of(const json::object& r) {
    return std::string(r.at("status").as_string());
}

class RegistrationCapacity : public ::testing::Test {
protected:
    // Registers `n` people at once from `n` threads; returns their statuses.
    std::vector<std::string> race(const std::string& slug, int n, const std::string& sessions = "[]") {
        std::vector<std::string> statuses(static_cast<std::size_t>(n));
        std::atomic<int> ready{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < n; ++i) {
            threads.emplace_back([&, i] {
                ++ready;
                while (ready.load() < n) std::this_thread::yield();
                const auto r = f_.register_person(slug, registration_fixture::numbered_email("racer", i), sessions);
                statuses[static_cast<std::size_t>(i)] = r.empty() ? "error" : status_of(r);
            });
        }
        for (auto& t : threads) t.join();
        return statuses;
    }

    void expect_tallies_match(const std::string& slug) {
        for (const auto* status : {"confirmed", "waitlisted", "pending", "cancelled", "rejected"}) {
            const auto fresh = f_.count(std::string("SELECT count(*) FROM registrations r JOIN events e ON e.id = "
                                                    "r.event_id WHERE e.slug = '") +
                                        slug + "' AND r.status = '" + status + "'");
            const auto tally = f_.count(std::string("SELECT coalesce(sum(n), 0) FROM registration_tallies t JOIN "
                                                    "events e ON e.id = t.event_id WHERE e.slug = '") +
                                        slug + "' AND t.status = '" + status + "'");
            EXPECT_EQ(fresh, tally) << status;
        }
        EXPECT_EQ(f_.count("SELECT count(*) FROM (SELECT session_id, status, count(*) AS n FROM registration_sessions "
                           "GROUP BY 1, 2) c LEFT JOIN session_tallies t USING (session_id, status) "
                           "WHERE t.n IS NOT c.n"),
                  0);
    }

    registration_fixture f_;
};

TEST_F(RegistrationCapacity, ConcurrentRaceForTheLastPlaceConfirmsExactlyOne) {
    f_.create_event("race", R"("capacity":1)");
    const auto statuses = race("race", 24);
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), "confirmed"), 1);
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), "waitlisted"), 23);
    EXPECT_EQ(f_.count("SELECT count(*) FROM registrations WHERE status = 'confirmed'"), 1);
    expect_tallies_match("race");
}

TEST_F(RegistrationCapacity, ConcurrentRaceForSessionSeatsNeverOversells) {
    f_.create_event("seats", R"("capacity":100)");
    const auto session = f_.add_session("seats", "Round-table", 2, 3);
    const auto statuses = race("seats", 20, registration_fixture::id_list({session}));
    EXPECT_EQ(std::count(statuses.begin(), statuses.end(), "confirmed"), 20);
    EXPECT_EQ(f_.count("SELECT count(*) FROM registration_sessions WHERE status = 'confirmed'"), 3);
    EXPECT_EQ(f_.count("SELECT count(*) FROM registration_sessions WHERE status = 'waitlisted'"), 17);
    expect_tallies_match("seats");
}

TEST_F(RegistrationCapacity, CancellationPromotesTheFirstInLineAtOnce) {
    f_.create_event("fcfs", R"("capacity":1)");
    const auto first = f_.register_person("fcfs", "first@example.org");
    const auto second = f_.register_person("fcfs", "second@example.org");
    const auto third = f_.register_person("fcfs", "third@example.org");
    ASSERT_EQ(status_of(second), "waitlisted");
    EXPECT_EQ(second.at("waitlist_position").as_int64(), 1);
    EXPECT_EQ(third.at("waitlist_position").as_int64(), 2);

    const auto token = std::string(first.at("manage_token").as_string());
    const auto cancelled = f_.call(http::verb::delete_, "/api/v1/registrations/self", token);
    ASSERT_EQ(cancelled.result(), http::status::ok) << cancelled.body();

    const auto second_now =
        f_.call(http::verb::get, "/api/v1/registrations/self", std::string(second.at("manage_token").as_string()));
    EXPECT_EQ(registration_fixture::json_of(second_now).at("status"), "confirmed");
    const auto third_now =
        f_.call(http::verb::get, "/api/v1/registrations/self", std::string(third.at("manage_token").as_string()));
    EXPECT_EQ(registration_fixture::json_of(third_now).at("status"), "waitlisted");
    EXPECT_EQ(registration_fixture::json_of(third_now).at("waitlist_position"), 1);
    // The promotion is recorded, and the attendee hears of it.
    EXPECT_EQ(f_.count("SELECT count(*) FROM audit_log WHERE action = 'registration.promote' AND subject = 'fcfs/"
                       "registrations/" +
                       std::to_string(second.at("id").as_int64()) + "'"),
              1);
    EXPECT_EQ(f_.count("SELECT count(*) FROM outbox WHERE kind = 'promoted' AND registration_id = " +
                       std::to_string(second.at("id").as_int64())),
              1);
    expect_tallies_match("fcfs");
}

TEST_F(RegistrationCapacity, SessionSeatsGoToTheFirstWaitingAttendee) {
    f_.create_event("round");
    const auto session = f_.add_session("round", "Round-table", 3, 1);
    const auto list = registration_fixture::id_list({session});
    const auto a = f_.register_person("round", "a@example.org", list);
    const auto b = f_.register_person("round", "b@example.org", list);
    const auto c = f_.register_person("round", "c@example.org", list);
    EXPECT_EQ(b.at("sessions").at(0).at("status"), "waitlisted");
    EXPECT_EQ(c.at("sessions").at(0).at("waitlist_position"), 2);

    // A drops the round-table but stays registered: B gets the seat.
    const auto changed = f_.call(http::verb::patch, "/api/v1/registrations/self",
                                 std::string(a.at("manage_token").as_string()), R"({"sessions":[]})");
    ASSERT_EQ(changed.result(), http::status::ok) << changed.body();
    const auto b_now =
        f_.call(http::verb::get, "/api/v1/registrations/self", std::string(b.at("manage_token").as_string()));
    EXPECT_EQ(registration_fixture::json_of(b_now).at("sessions").at(0).at("status"), "confirmed");
    const auto c_now =
        f_.call(http::verb::get, "/api/v1/registrations/self", std::string(c.at("manage_token").as_string()));
    EXPECT_EQ(registration_fixture::json_of(c_now).at("sessions").at(0).at("waitlist_position"), 1);
    expect_tallies_match("round");
}

TEST_F(RegistrationCapacity, RaisingCapacityPromotesAndLoweringCancelsNobody) {
    f_.create_event("grow", R"("capacity":1)");
    f_.register_person("grow", "one@example.org");
    f_.register_person("grow", "two@example.org");
    f_.register_person("grow", "three@example.org");
    auto res = f_.call(http::verb::patch, "/api/v1/events/grow", f_.organizer_token(), R"({"capacity":2})");
    ASSERT_EQ(res.result(), http::status::ok) << res.body();
    EXPECT_EQ(f_.count("SELECT count(*) FROM registrations WHERE status = 'confirmed'"), 2);
    EXPECT_EQ(registration_fixture::json_of(res).at("registration").at("places_left"), 0);

    res = f_.call(http::verb::patch, "/api/v1/events/grow", f_.organizer_token(), R"({"capacity":0})");
    ASSERT_EQ(res.result(), http::status::ok) << res.body();
    EXPECT_EQ(f_.count("SELECT count(*) FROM registrations WHERE status = 'confirmed'"), 2);
    const auto late = f_.register_person("grow", "four@example.org");
    EXPECT_EQ(status_of(late), "waitlisted");
    EXPECT_EQ(late.at("waitlist_position").as_int64(), 2);
    expect_tallies_match("grow");
}

TEST_F(RegistrationCapacity, RaisingASessionCapacityPromotesItsQueue) {
    f_.create_event("grow-session");
    const auto session = f_.add_session("grow-session", "Workshop", 4, 1);
    const auto list = registration_fixture::id_list({session});
    f_.register_person("grow-session", "a@example.org", list);
    const auto b = f_.register_person("grow-session", "b@example.org", list);
    ASSERT_EQ(b.at("sessions").at(0).at("status"), "waitlisted");
    const auto res = f_.call(http::verb::patch, "/api/v1/events/grow-session/sessions/" + std::to_string(session),
                             f_.organizer_token(), R"({"capacity":2})");
    ASSERT_EQ(res.result(), http::status::ok) << res.body();
    EXPECT_EQ(f_.count("SELECT count(*) FROM registration_sessions WHERE status = 'confirmed'"), 2);
    expect_tallies_match("grow-session");
}

TEST_F(RegistrationCapacity, ApprovalHoldsRegistrationsUntilDecided) {
    f_.create_event("approve", R"("capacity":1,"requires_approval":true)");
    const auto a = f_.register_person("approve", "a@example.org");
    const auto b = f_.register_person("approve", "b@example.org");
    const auto c = f_.register_person("approve", "c@example.org");
    EXPECT_EQ(status_of(a), "pending");
    const auto base = "/api/v1/events/approve/registrations/";
    auto res = f_.call(http::verb::post, base + std::to_string(a.at("id").as_int64()) + "/approve",
                       f_.organizer_token(), "{}");
    ASSERT_EQ(res.result(), http::status::ok) << res.body();
    EXPECT_EQ(registration_fixture::json_of(res).at("status"), "confirmed");
    // Full now: approving B puts B in line; rejecting C frees nothing.
    res = f_.call(http::verb::post, base + std::to_string(b.at("id").as_int64()) + "/approve", f_.organizer_token());
    EXPECT_EQ(registration_fixture::json_of(res).at("status"), "waitlisted");
    res = f_.call(http::verb::post, base + std::to_string(c.at("id").as_int64()) + "/reject", f_.organizer_token(),
                  R"({"reason":"not a delegate"})");
    EXPECT_EQ(registration_fixture::json_of(res).at("status"), "rejected");
    res = f_.call(http::verb::post, base + std::to_string(c.at("id").as_int64()) + "/approve", f_.organizer_token());
    EXPECT_EQ(res.result(), http::status::conflict);
    EXPECT_EQ(f_.count("SELECT count(*) FROM audit_log WHERE action = 'registration.reason'"), 1);
    expect_tallies_match("approve");
}

TEST_F(RegistrationCapacity, ManualPromotionNeedsAPlaceOrAnExplicitOverride) {
    f_.create_event("manual", R"("capacity":1)");
    f_.register_person("manual", "a@example.org");
    f_.register_person("manual", "b@example.org");
    const auto c = f_.register_person("manual", "c@example.org");
    const auto target = "/api/v1/events/manual/registrations/" + std::to_string(c.at("id").as_int64()) + "/promote";
    auto res = f_.call(http::verb::post, target, f_.organizer_token(), "{}");
    EXPECT_EQ(res.result(), http::status::conflict) << res.body();
    res = f_.call(http::verb::post, target, f_.organizer_token(), R"({"over_capacity":true})");
    ASSERT_EQ(res.result(), http::status::ok) << res.body();
    EXPECT_EQ(registration_fixture::json_of(res).at("status"), "confirmed");
    EXPECT_EQ(f_.count("SELECT count(*) FROM registrations WHERE status = 'confirmed'"), 2);
    // B stays first in line for the next freed place.
    EXPECT_EQ(f_.count("SELECT count(*) FROM registrations WHERE status = 'waitlisted'"), 1);
    expect_tallies_match("manual");
}

TEST_F(RegistrationCapacity, OrganizerCancellationFreesThePlace) {
    f_.create_event("org-cancel", R"("capacity":1)");
    const auto a = f_.register_person("org-cancel", "a@example.org");
    const auto b = f_.register_person("org-cancel", "b@example.org");
    const auto res =
        f_.call(http::verb::delete_, "/api/v1/events/org-cancel/registrations/" + std::to_string(a.at("id").as_int64()),
                f_.organizer_token());
    ASSERT_EQ(res.result(), http::status::ok) << res.body();
    EXPECT_EQ(registration_fixture::json_of(res).at("status"), "cancelled");
    EXPECT_EQ(f_.count("SELECT count(*) FROM registrations WHERE status = 'confirmed' AND id = " +
                       std::to_string(b.at("id").as_int64())),
              1);
    expect_tallies_match("org-cancel");
}

TEST_F(RegistrationCapacity, DeletingASessionTellsThoseWhoChoseIt) {
    f_.create_event("dropped");
    const auto session = f_.add_session("dropped", "Cancelled workshop", 7, 1);
    const auto a = f_.register_person("dropped", "a@example.org", registration_fixture::id_list({session}), "zh");
    f_.register_person("dropped", "b@example.org", registration_fixture::id_list({session}));
    const auto res = f_.call(http::verb::delete_, "/api/v1/events/dropped/sessions/" + std::to_string(session),
                             f_.organizer_token());
    ASSERT_EQ(res.result(), http::status::ok) << res.body();
    EXPECT_EQ(f_.count("SELECT count(*) FROM outbox WHERE kind = 'session_cancelled'"), 2);
    EXPECT_EQ(f_.count("SELECT count(*) FROM outbox WHERE kind = 'session_cancelled' AND language = 'zh' AND "
                       "body LIKE '%Cancelled workshop%'"),
              1);
    EXPECT_EQ(f_.count("SELECT count(*) FROM registration_sessions"), 0);
    const auto now =
        f_.call(http::verb::get, "/api/v1/registrations/self", std::string(a.at("manage_token").as_string()));
    EXPECT_EQ(registration_fixture::json_of(now).at("status"), "confirmed");
    EXPECT_EQ(registration_fixture::json_of(now).at("sessions").as_array().size(), 0u);
    expect_tallies_match("dropped");
}

}  // namespace
}  // namespace plenary::testing
