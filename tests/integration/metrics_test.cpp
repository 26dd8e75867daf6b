// /metrics: organizer-only, Prometheus text with the series operators need.
#include "common/crypto.hpp"
#include "db/accounts.hpp"
#include "tests/support/test_client.hpp"
#include "tests/support/test_server.hpp"

#include <gtest/gtest.h>

namespace {

using boost::beast::http::verb;
using plenary::testing::test_client;
using plenary::testing::test_server;

std::string make_user_token(plenary::db::store& store, const std::string& email, const std::string& role) {
    auto token = plenary::make_token("plt_");
    store.write_sync([&](plenary::db::connection& conn) {
        const auto id = plenary::db::insert_user(conn, email, "Test User", role, "");
        return plenary::db::insert_api_token(conn, id, plenary::sha256(token), "test");
    });
    return token;
}

TEST(metrics_endpoint, refuses_anonymous_and_unknown_tokens) {
    test_server server;
    test_client client(server.port());
    auto anonymous = client.request(verb::get, "/metrics");
    EXPECT_EQ(anonymous.result_int(), 401);
    EXPECT_EQ(anonymous[boost::beast::http::field::content_type], "application/problem+json");
    auto forged = client.request(verb::get, "/metrics", {}, {{"Authorization", "Bearer plt_not-a-real-token"}});
    EXPECT_EQ(forged.result_int(), 401);
    auto malformed = client.request(verb::get, "/metrics", {}, {{"Authorization", "Basic dXNlcjpwYXNz"}});
    EXPECT_EQ(malformed.result_int(), 401);
}

TEST(metrics_endpoint, reports_requests_connections_and_store_series) {
    test_server server;
    const auto token = make_user_token(server.store(), "ops@example.org", "organizer");
    test_client client(server.port());
    ASSERT_EQ(client.request(verb::get, "/healthz").result_int(), 200);
    ASSERT_EQ(client.request(verb::get, "/no/such/page").result_int(), 404);

    auto res = client.request(verb::get, "/metrics", {}, {{"Authorization", "Bearer " + token}});
    ASSERT_EQ(res.result_int(), 200) << res.body();
    EXPECT_EQ(res[boost::beast::http::field::content_type].substr(0, 10), "text/plain");
    const auto& text = res.body();
    for (const char* needle :
         {R"(plenary_http_requests_total{method="GET",route="/healthz",status="200"} 1)",
          "plenary_http_request_duration_seconds_bucket{route=\"/healthz\",le=", "plenary_open_connections 1",
          "plenary_open_websockets 0", "plenary_db_write_queue_depth", "plenary_db_commit_batch_size_bucket",
          "# TYPE plenary_http_requests_total counter"}) {
        EXPECT_NE(text.find(needle), std::string::npos) << "missing: " << needle << "\n" << text;
    }
    // The token was never echoed anywhere a scrape could see.
    EXPECT_EQ(text.find(token), std::string::npos);
}

}  // namespace
