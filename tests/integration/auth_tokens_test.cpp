// API tokens managed over HTTP: create (shown once), list (no hashes),
// revoke (owner or admin), and a revoked token no longer authenticates.
#include "auth_test_support.hpp"

#include "db/connection.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace plenary::testing {
namespace {

// Threads of this process whose name is `name` (the server runs in-process).
int threads_named(const std::string& name) {
    int n = 0;
    for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
        std::ifstream comm(task.path() / "comm");
        std::string line;
        if (std::getline(comm, line) && line == name) ++n;
    }
    return n;
}

class AuthTokens : public ::testing::Test, protected auth_fixture {
protected:
    AuthTokens() {
        add_user("org@example.org", good_password, "organizer");
        other_token_ = add_token(add_user("other@example.org", good_password, "organizer"));
        admin_token_ = add_token(add_user("admin@example.org", good_password, "admin"));
    }
    std::string other_token_;
    std::string admin_token_;
};

TEST_F(AuthTokens, CreateListUseAndRevoke) {
    const auto s = sign_in("org@example.org", good_password);
    const auto created =
        with_cookie(http::verb::post, "/api/v1/auth/tokens", s.cookie, s.csrf, {}, R"({"label":"laptop"})");
    ASSERT_EQ(created.result(), http::status::created) << created.body();
    const auto id = json_of(created).at("id").as_int64();
    const std::string token(json_of(created).at("token").as_string());
    EXPECT_GE(token.size(), 4u + 22u);

    const auto used = with_bearer(http::verb::post, "/api/v1/events", token, event_body("t-2026"));
    EXPECT_EQ(used.result(), http::status::created) << used.body();

    const auto list = with_cookie(http::verb::get, "/api/v1/auth/tokens", s.cookie);
    ASSERT_EQ(list.result(), http::status::ok) << list.body();
    const auto listed = json_of(list);
    const auto& items = listed.at("items").as_array();
    ASSERT_EQ(items.size(), 1u);
    const auto& item = items.at(0).as_object();
    EXPECT_EQ(item.at("id").as_int64(), id);
    EXPECT_EQ(item.at("label").as_string(), "laptop");
    // The touch was queued before the event's insert, so it committed no later.
    EXPECT_TRUE(item.at("last_used_at").is_string()) << "the bearer use above is recorded";
    EXPECT_TRUE(item.at("revoked_at").is_null());
    EXPECT_FALSE(item.contains("token"));
    EXPECT_FALSE(item.contains("token_hash"));

    // Someone else's token cannot be revoked (nor its existence learned).
    EXPECT_EQ(with_bearer(http::verb::delete_, "/api/v1/auth/tokens/" + std::to_string(id), other_token_).result(),
              http::status::not_found);
    EXPECT_EQ(with_cookie(http::verb::delete_, "/api/v1/auth/tokens/" + std::to_string(id), s.cookie).result(),
              http::status::forbidden)
        << "a cookie write without CSRF token";
    const auto revoked =
        with_cookie(http::verb::delete_, "/api/v1/auth/tokens/" + std::to_string(id), s.cookie, s.csrf);
    ASSERT_EQ(revoked.result(), http::status::no_content) << revoked.body();
    EXPECT_EQ(with_bearer(http::verb::get, "/api/v1/auth/tokens", token).result(), http::status::unauthorized);

    const auto after = with_cookie(http::verb::get, "/api/v1/auth/tokens", s.cookie);
    EXPECT_TRUE(json_of(after).at("items").at(0).at("revoked_at").is_string());

    const auto audited = server().store().read_sync([](db::connection& c) {
        return c.query_int64("SELECT count(*) FROM audit_log WHERE action IN ('token.create', 'token.revoke')");
    });
    EXPECT_EQ(audited, 2);
}

// Recording a token's use completes on the request's executor. Its handler
// once had none, so Asio posted it to its system executor, whose pool of
// threads (named after the writer thread that started it) then stayed for
// the life of the process.
TEST_F(AuthTokens, RecordingATokensUseStartsNoThreads) {
    ASSERT_EQ(threads_named("plenary-writer"), 1);
    // The first use of a token is always recorded; the event's insert is
    // queued after that write, so once it is answered the write completed.
    const auto used = with_bearer(http::verb::post, "/api/v1/events", other_token_, event_body("t-threads"));
    ASSERT_EQ(used.result(), http::status::created) << used.body();
    EXPECT_EQ(threads_named("plenary-writer"), 1);
}

TEST_F(AuthTokens, AnAdminMayRevokeAnyToken) {
    const auto created = with_bearer(http::verb::post, "/api/v1/auth/tokens", other_token_, R"({"label":"ci"})");
    ASSERT_EQ(created.result(), http::status::created) << created.body();
    const auto id = std::to_string(json_of(created).at("id").as_int64());
    EXPECT_EQ(with_bearer(http::verb::delete_, "/api/v1/auth/tokens/" + id, admin_token_).result(),
              http::status::no_content);
    EXPECT_EQ(with_bearer(http::verb::delete_, "/api/v1/auth/tokens/999999", admin_token_).result(),
              http::status::not_found);
    EXPECT_EQ(with_bearer(http::verb::get, "/api/v1/auth/tokens", std::string(json_of(created).at("token").as_string()))
                  .result(),
              http::status::unauthorized);
}

TEST_F(AuthTokens, TokenRoutesNeedAUser) {
    EXPECT_EQ(send(http::verb::get, "/api/v1/auth/tokens", {}).result(), http::status::unauthorized);
    EXPECT_EQ(send(http::verb::post, "/api/v1/auth/tokens", {}, "{}").result(), http::status::unauthorized);
}

}  // namespace
}  // namespace plenary::testing
