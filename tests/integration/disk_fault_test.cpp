// Disk faults: with the database's writes or fsyncs failing (tests/support/
// fault_vfs), every write endpoint answers a clean 503 problem and stores
// nothing, reads keep working, and once the disk is healthy again the server
// takes writes without a restart, with its live counters still right.
#include "../support/eventually.hpp"
#include "../support/fault_vfs.hpp"
#include "db/connection.hpp"
#include "registration_test_support.hpp"

#include <gtest/gtest.h>

namespace plenary::testing {
namespace {

class disk_fault : public ::testing::TestWithParam<bool> {
protected:
    disk_fault() { f_.create_event("faults", "\"capacity\":4"); }

    void inject(bool on) {
        if (GetParam()) {
            vfs_.fail_syncs(on);
        } else {
            vfs_.fail_writes(on);
        }
    }
    static std::string email(int n) { return registration_fixture::numbered_email("fault", n); }
    std::string body(int n) {
        return std::string(R"({"name":"Fault )")
            .append(std::to_string(n))
            .append(R"(","email":")")
            .append(email(n))
            .append(R"(","country":"KE","language":"en","sessions":[]})");
    }
    http_response register_n(int n) { return f_.register_attendee("faults", body(n)); }
    std::int64_t stored(int n) {
        return f_.count("SELECT count(*) FROM registrations WHERE email = '" + email(n) + "'");
    }

    static void expect_503_problem(const http_response& res) {
        EXPECT_EQ(res.result(), http::status::service_unavailable) << res.body();
        EXPECT_EQ(res[http::field::content_type], "application/problem+json");
        const auto v = boost::json::parse(res.body());
        EXPECT_EQ(v.at("status").to_number<int>(), 503);
    }

    // Declared first: the store opens its files through it and must close
    // them before it goes.
    fault_vfs vfs_;
    registration_fixture f_;
};

TEST_P(disk_fault, WritesFailCleanlyStoreNothingAndRecoverWithoutRestart) {
    const auto first = f_.register_person("faults", email(0));
    ASSERT_FALSE(first.empty());
    const auto ticket = boost::json::value_to<std::string>(first.at("ticket_code"));

    inject(true);
    for (int n = 1; n <= 3; ++n) expect_503_problem(register_n(n));
    expect_503_problem(f_.call(http::verb::post, "/api/v1/events/faults/checkins", f_.organizer_token(),
                               R"({"ticket_code":")" + ticket + R"(","nonce":"fault-1"})"));
    expect_503_problem(
        f_.call(http::verb::patch, "/api/v1/events/faults", f_.organizer_token(), R"({"venue":"Nanjing"})"));
    EXPECT_GT(vfs_.injected(), 0u) << "no fault was injected; the test proved nothing";
    // Reads do not need the disk to accept writes.
    EXPECT_EQ(f_.call(http::verb::get, "/api/v1/events/faults/stats", f_.organizer_token()).result(), http::status::ok);
    inject(false);

    // Nothing answered 503 was stored: the same people can now register.
    for (int n = 1; n <= 3; ++n) EXPECT_EQ(stored(n), 0) << email(n);
    ASSERT_TRUE(eventually([&] { return register_n(1).result() == http::status::created; }))
        << "the server did not take writes again once the disk was healthy";
    for (int n = 2; n <= 3; ++n) EXPECT_EQ(register_n(n).result(), http::status::created);
    const auto checkin = f_.call(http::verb::post, "/api/v1/events/faults/checkins", f_.organizer_token(),
                                 R"({"ticket_code":")" + ticket + R"(","nonce":"fault-1"})");
    ASSERT_EQ(checkin.result(), http::status::ok) << checkin.body();
    EXPECT_EQ(boost::json::parse(checkin.body()).at("result").as_string(), "ok");

    const auto stats =
        boost::json::parse(f_.call(http::verb::get, "/api/v1/events/faults/stats", f_.organizer_token()).body());
    EXPECT_EQ(stats.at("registrations").at("confirmed").to_number<std::int64_t>(),
              f_.count("SELECT count(*) FROM registrations WHERE status = 'confirmed'"));
    EXPECT_EQ(stats.at("checked_in").to_number<std::int64_t>(), 1);
    EXPECT_EQ(f_.count("SELECT count(*) FROM registrations"), 4);
    EXPECT_EQ(f_.count("SELECT count(*) FROM events WHERE venue = 'Nanjing'"), 0);
}

TEST_P(disk_fault, LongOutageThenRecoveryKeepsTheDatabaseIntact) {
    inject(true);
    for (int n = 10; n < 30; ++n) expect_503_problem(register_n(n));
    inject(false);
    for (int n = 10; n < 30; ++n) ASSERT_EQ(register_n(n).result(), http::status::created) << n;
    EXPECT_EQ(f_.count("SELECT count(*) FROM registrations"), 20);
    EXPECT_EQ(f_.count("SELECT count(*) FROM registrations WHERE status = 'waitlisted'"), 16);
    EXPECT_EQ(f_.server().store().read_sync([](db::connection& c) { return c.query_text("PRAGMA integrity_check"); }),
              "ok");
}

INSTANTIATE_TEST_SUITE_P(DiskFaults, disk_fault, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "fsync" : "write"; });

}  // namespace
}  // namespace plenary::testing
