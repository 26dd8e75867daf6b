// An open live feed does not outlive the access it was opened with: revoking
// the kiosk, revoking the API token or removing the organizer from the
// event's staff closes that socket within the recheck interval, while the
// sockets of everyone still allowed stay open.
#include "../support/eventually.hpp"
#include "../support/ws_crowd.hpp"
#include "db/connection.hpp"
#include "registration_test_support.hpp"

#include <gtest/gtest.h>

namespace plenary::testing {
namespace {

class live_revocation : public ::testing::Test {
protected:
    live_revocation()
        : f_({}, [](server::router&, server::server_options& o, const std::filesystem::path&) {
              o.ws_recheck_interval = std::chrono::milliseconds(100);
          }) {
        f_.create_event("revoke");
    }

    header_list bearer(const std::string& token) const { return {{"Authorization", "Bearer " + token}}; }
    std::size_t subscribers() {
        const auto id = f_.count("SELECT id FROM events WHERE slug = 'revoke'");
        auto& topics = f_.server().live().topics();
        return topics.subscriber_count(server::live::live_feed::topic(id, server::live::audience::kiosk)) +
               topics.subscriber_count(server::live::live_feed::topic(id, server::live::audience::organizer));
    }

    registration_fixture f_;
};

TEST_F(live_revocation, RevokedKioskTokenAndStaffLoseTheirOpenFeeds) {
    const auto kiosk = f_.add_kiosk("revoke", "Door");
    const auto colleague = f_.add_staff_member("revoke", "colleague@example.org");
    // A second token of the event's owner: revoking it must not touch the first.
    const auto spare = f_.add_token("org@example.org", "spare");

    ws_crowd crowd(f_.server().port());
    const auto by_kiosk = crowd.add("/api/v1/events/revoke/live", bearer(std::string(kiosk.at("token").as_string())));
    const auto by_colleague = crowd.add("/api/v1/events/revoke/live", bearer(colleague));
    const auto by_spare = crowd.add("/api/v1/events/revoke/live", bearer(spare));
    const auto by_owner = crowd.add("/api/v1/events/revoke/live", bearer(f_.organizer_token()));
    ASSERT_TRUE(eventually([&] { return crowd.connected_count() == 4; }));
    // Several rechecks pass while access holds: nobody is closed for nothing.
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    ASSERT_EQ(crowd.connected_count(), 4u);

    const auto kiosk_id = kiosk.at("id").to_number<std::int64_t>();
    ASSERT_EQ(
        f_.call(http::verb::delete_, "/api/v1/events/revoke/kiosks/" + std::to_string(kiosk_id), f_.organizer_token())
            .result(),
        http::status::ok);
    EXPECT_TRUE(eventually([&] { return crowd.state(by_kiosk).closed; })) << "revoked kiosk still subscribed";

    const auto spare_id = f_.count("SELECT id FROM api_tokens WHERE label = 'spare'");
    ASSERT_LT(f_.call(http::verb::delete_, "/api/v1/auth/tokens/" + std::to_string(spare_id), spare).result_int(),
              300u);
    EXPECT_TRUE(eventually([&] { return crowd.state(by_spare).closed; })) << "revoked token still subscribed";

    ASSERT_LT(f_.call(http::verb::delete_, "/api/v1/events/revoke/staff", f_.organizer_token(),
                      R"({"email":"colleague@example.org"})")
                  .result_int(),
              300u);
    EXPECT_TRUE(eventually([&] { return crowd.state(by_colleague).closed; })) << "removed staff still subscribed";

    EXPECT_FALSE(crowd.state(by_owner).closed);
    EXPECT_TRUE(eventually([&] { return subscribers() == 1; })) << subscribers() << " still subscribed";
}

}  // namespace
}  // namespace plenary::testing
