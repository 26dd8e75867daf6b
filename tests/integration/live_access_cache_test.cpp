// The live routes remember bearer callers' access in memory
// (server/live/access_cache.hpp). These tests show the memory is used, that
// unrelated writes (a kiosk's last-seen time) leave it alone, and that every
// change bearing on access (a revoked kiosk or token, staff removed, an
// event renamed or deleted) counts from the very next request. The check-in
// routes take a kiosk token's kiosk from the same memory.
#include "db/connection.hpp"
#include "registration_test_support.hpp"

#include <gtest/gtest.h>

namespace plenary::testing {
namespace {

class live_access_cache : public ::testing::Test {
protected:
    live_access_cache() { f_.create_event("cached"); }

    unsigned stats(const std::string& token, const std::string& slug = "cached") {
        return f_.call(http::verb::get, "/api/v1/events/" + slug + "/stats", token).result_int();
    }
    server::live::access_cache& cache() { return f_.server().live().access(); }

    registration_fixture f_;
};

TEST_F(live_access_cache, AnswersFromMemoryAndEveryRevocationCountsFromTheNextRequest) {
    const auto kiosk = f_.add_kiosk("cached", "Door");
    const auto kiosk_token = std::string(kiosk.at("token").as_string());
    const auto colleague = f_.add_staff_member("cached", "colleague@example.org");
    const auto spare = f_.add_token("org@example.org", "spare");

    const std::vector<std::string> callers{kiosk_token, colleague, spare, f_.organizer_token()};
    for (const auto& t : callers) ASSERT_EQ(stats(t), 200u);
    // The same again, now from memory (unless a minute turned in between).
    const auto hits = cache().hits();
    for (const auto& t : callers) ASSERT_EQ(stats(t), 200u);
    EXPECT_GE(cache().hits(), hits + 3) << "the second round went to the store";

    // A scan updates the kiosk's last-seen time; that bears on nobody's access.
    const auto person = f_.register_person("cached", "walk-in@example.org");
    const auto generation = cache().generation();
    const auto scan =
        f_.call(http::verb::post, "/api/v1/events/cached/checkins", kiosk_token,
                R"({"ticket_code":")" + std::string(person.at("ticket_code").as_string()) + R"(","nonce":"n1"})");
    ASSERT_EQ(scan.result(), http::status::ok) << scan.body();
    EXPECT_EQ(cache().generation(), generation) << "an unrelated write emptied the cache";
    ASSERT_EQ(stats(kiosk_token), 200u);

    const auto kiosk_id = kiosk.at("id").to_number<std::int64_t>();
    ASSERT_EQ(
        f_.call(http::verb::delete_, "/api/v1/events/cached/kiosks/" + std::to_string(kiosk_id), f_.organizer_token())
            .result(),
        http::status::ok);
    EXPECT_EQ(stats(kiosk_token), 401u) << "revoked kiosk still answered";

    const auto spare_id = f_.count("SELECT id FROM api_tokens WHERE label = 'spare'");
    ASSERT_LT(f_.call(http::verb::delete_, "/api/v1/auth/tokens/" + std::to_string(spare_id), spare).result_int(),
              300u);
    EXPECT_EQ(stats(spare), 401u) << "revoked token still answered";

    ASSERT_EQ(stats(colleague), 200u);
    ASSERT_LT(f_.call(http::verb::delete_, "/api/v1/events/cached/staff", f_.organizer_token(),
                      R"({"email":"colleague@example.org"})")
                  .result_int(),
              300u);
    EXPECT_EQ(stats(colleague), 403u) << "removed staff still answered";

    ASSERT_EQ(stats(f_.organizer_token()), 200u);
    const auto renamed =
        f_.call(http::verb::patch, "/api/v1/events/cached", f_.organizer_token(), R"({"slug":"renamed"})");
    ASSERT_EQ(renamed.result(), http::status::ok) << renamed.body();
    EXPECT_EQ(stats(f_.organizer_token()), 404u) << "the old slug still answered";
    EXPECT_EQ(stats(f_.organizer_token(), "renamed"), 200u);

    // No endpoint deletes events; a row deleted through the writer (as a
    // repair by hand would) counts all the same.
    f_.server().store().write_sync([](db::connection& c) { c.exec("DELETE FROM events WHERE slug = 'renamed'"); });
    EXPECT_EQ(stats(f_.organizer_token(), "renamed"), 404u) << "a deleted event still answered";
}

}  // namespace
}  // namespace plenary::testing

namespace plenary::testing {
namespace {

// A check-in at the door takes its kiosk from the same memory, so the scan
// goes straight to the writer; a revoked kiosk is refused at its next scan.
TEST_F(live_access_cache, KioskScansTakeTheKioskFromMemoryUntilItIsRevoked) {
    const auto kiosk = f_.add_kiosk("cached", "Door");
    const auto token = std::string(kiosk.at("token").as_string());
    auto scan = [&](const std::string& email, const std::string& nonce) {
        const auto person = f_.register_person("cached", email);
        return f_.call(http::verb::post, "/api/v1/events/cached/checkins", token,
                       R"({"ticket_code":")" + std::string(person.at("ticket_code").as_string()) + R"(","nonce":")" +
                           nonce + R"("})");
    };
    ASSERT_EQ(scan("first@example.org", "n1").result(), http::status::ok);
    const auto hits = cache().hits();
    for (const auto* nonce : {"n2", "n3"}) {
        const auto res = scan(std::string(nonce) + "@example.org", nonce);
        ASSERT_EQ(res.result(), http::status::ok) << res.body();
        EXPECT_EQ(registration_fixture::json_of(res).at("result"), "ok");
    }
    // Two scans, at most one of them after a new minute began.
    EXPECT_GE(cache().hits(), hits + 1) << "every scan went to the store for its kiosk";

    const auto kiosk_id = kiosk.at("id").to_number<std::int64_t>();
    ASSERT_EQ(
        f_.call(http::verb::delete_, "/api/v1/events/cached/kiosks/" + std::to_string(kiosk_id), f_.organizer_token())
            .result(),
        http::status::ok);
    const auto refused = scan("late@example.org", "n4");
    EXPECT_EQ(refused.result(), http::status::unauthorized) << "a revoked kiosk still checked someone in";
    EXPECT_EQ(registration_fixture::json_of(refused).at("type"), "https://plenary.invalid/problems/kiosk-revoked");
    EXPECT_EQ(f_.count("SELECT count(*) FROM checkins"), 3);
}

}  // namespace
}  // namespace plenary::testing
