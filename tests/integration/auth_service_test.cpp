// The auth service driven directly with shortened session lifetimes: idle
// and absolute expiry with real clocks (short sleeps, generous margins), and
// scrypt completing back on the caller's executor.
#include "auth_test_support.hpp"

#include "../support/run_sync.hpp"
#include "common/problem.hpp"
#include "server/auth/auth_service.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace plenary::testing {
namespace {

using namespace std::chrono_literals;

class AuthService : public ::testing::Test, protected auth_fixture {
protected:
    AuthService() { add_user("org@example.org", good_password, "organizer"); }

    // Logs in through `svc` and returns the cookie value.
    std::string login_with(server::auth::auth_service& svc) {
        server::request req{http::verb::post, "/api/v1/auth/login", 11};
        req.body() = R"({"email":"org@example.org","password":")" + good_password + R"("})";
        server::request_context ctx{req, "/api/v1/auth/login", "", {}, "127.0.0.1", true};
        const auto res = run_sync(ioc_, svc.login(ctx));
        EXPECT_EQ(res.result(), http::status::ok) << res.body();
        return cookie_value(res);
    }

    bool live(server::auth::auth_service& svc, const std::string& cookie) {
        server::request req{http::verb::get, "/api/v1/auth/session", 11};
        req.set(http::field::cookie, "__Host-plenary_session=" + cookie);
        server::request_context ctx{req, "/api/v1/auth/session", "", {}, "127.0.0.1", true};
        return run_sync(ioc_, svc.authenticator().find_session(ctx)).has_value();
    }

    boost::asio::io_context ioc_;
};

TEST_F(AuthService, ShortenedLifetimesExpireSessions) {
    server::auth::auth_service idle_svc(server().store(), {.session_idle = 1s, .session_absolute = 1h});
    server::auth::auth_service absolute_svc(server().store(), {.session_idle = 1h, .session_absolute = 1s});
    server::auth::auth_service normal_svc(server().store());
    const auto idle = login_with(idle_svc);
    const auto absolute = login_with(absolute_svc);
    const auto normal = login_with(normal_svc);
    std::this_thread::sleep_for(1200ms);
    EXPECT_FALSE(live(idle_svc, idle));
    EXPECT_FALSE(live(absolute_svc, absolute));
    EXPECT_TRUE(live(normal_svc, normal));
}

TEST_F(AuthService, SlowWorkComesBackToTheCallersExecutor) {
    server::auth::auth_service svc(server().store(), {.scrypt = {.n = 1u << 10, .r = 8, .p = 1}});
    const auto caller = std::this_thread::get_id();
    auto check = [&]() -> boost::asio::awaitable<bool> {
        auto hash = co_await svc.hash_password("a password long enough");
        // Resumed on the io_context's thread, not the pool's.
        EXPECT_EQ(std::this_thread::get_id(), caller);
        co_return co_await svc.verify_password("a password long enough", hash);
    };
    EXPECT_TRUE(run_sync(ioc_, check()));
    EXPECT_THROW(svc.check_new_password("password", "elevenchars"), problem);
    EXPECT_NO_THROW(svc.check_new_password("password", "twelve chars"));
}

}  // namespace
}  // namespace plenary::testing
