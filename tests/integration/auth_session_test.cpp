// Browser sign-in end to end over TLS: the __Host- cookie, fresh ids at
// login, the session endpoint, CSRF on cookie writes, logout, expiry, and
// password changes.
#include "auth_test_support.hpp"

#include "db/connection.hpp"

#include <gtest/gtest.h>

namespace plenary::testing {
namespace {

class AuthSession : public ::testing::Test, protected auth_fixture {
protected:
    AuthSession() { user_id_ = add_user("org@example.org", good_password, "organizer"); }

    // Ages every session in the store, as if time had passed.
    void age_sessions(const std::string& column, const std::string& when) {
        server().store().write_sync([&](db::connection& c) {
            auto st = c.prepare_uncached("UPDATE web_sessions SET " + column + " = ?1");
            st.bind_all(when);
            st.execute();
        });
    }

    std::int64_t user_id_ = 0;
};

TEST_F(AuthSession, LoginSetsAHostCookieWithEveryAttribute) {
    const auto res = login("org@example.org", good_password);
    ASSERT_EQ(res.result(), http::status::ok) << res.body();
    const std::string cookie(res[http::field::set_cookie]);
    EXPECT_EQ(cookie.rfind("__Host-plenary_session=", 0), 0u) << cookie;
    for (const char* attribute : {"; Path=/", "; Secure", "; HttpOnly", "; SameSite=Strict"}) {
        EXPECT_NE(cookie.find(attribute), std::string::npos) << attribute << " in " << cookie;
    }
    EXPECT_EQ(cookie.find("Domain"), std::string::npos);
    EXPECT_GE(cookie_value(res).size(), 22u) << "at least 128 random bits";
    EXPECT_EQ(res[http::field::cache_control], "no-store");

    const auto body = json_of(res);
    EXPECT_EQ(body.at("user").at("id").as_int64(), user_id_);
    EXPECT_EQ(body.at("user").at("email").as_string(), "org@example.org");
    EXPECT_EQ(body.at("user").at("role").as_string(), "organizer");
    EXPECT_GE(body.at("csrf_token").as_string().size(), 22u);

    // The store keeps only a hash of the cookie.
    const auto raw = cookie_value(res);
    const auto clear = server().store().read_sync([&](db::connection& c) {
        auto st = c.prepare_uncached("SELECT count(*) FROM web_sessions WHERE instr(token_hash, ?1) > 0");
        st.bind_all(raw);
        st.step();
        return st.column_int64(0);
    });
    EXPECT_EQ(clear, 0);
}

TEST_F(AuthSession, EveryLoginGetsANewSessionIdAndReplacesTheOneSent) {
    const auto first = sign_in("org@example.org", good_password);
    const auto second = sign_in("org@example.org", good_password);
    EXPECT_NE(first.cookie, second.cookie);
    EXPECT_NE(first.csrf, second.csrf);
    // Two browsers: both live.
    EXPECT_EQ(with_cookie(http::verb::get, "/api/v1/auth/session", first.cookie).result(), http::status::ok);

    // Logging in again from a browser that sends its cookie ends that session.
    const auto again = login("org@example.org", good_password, {{"Cookie", "__Host-plenary_session=" + first.cookie}});
    ASSERT_EQ(again.result(), http::status::ok);
    EXPECT_NE(cookie_value(again), first.cookie);
    EXPECT_EQ(with_cookie(http::verb::get, "/api/v1/auth/session", first.cookie).result(), http::status::unauthorized);
    EXPECT_EQ(with_cookie(http::verb::get, "/api/v1/auth/session", cookie_value(again)).result(), http::status::ok);
}

TEST_F(AuthSession, SessionEndpointAnswersLikeLogin) {
    const auto s = sign_in("org@example.org", good_password);
    const auto res = with_cookie(http::verb::get, "/api/v1/auth/session", s.cookie);
    ASSERT_EQ(res.result(), http::status::ok) << res.body();
    EXPECT_EQ(json_of(res).at("csrf_token").as_string(), s.csrf);
    EXPECT_EQ(json_of(res).at("user").at("email").as_string(), "org@example.org");

    EXPECT_EQ(send(http::verb::get, "/api/v1/auth/session", {}).result(), http::status::unauthorized);
    EXPECT_EQ(with_cookie(http::verb::get, "/api/v1/auth/session", "not-a-session").result(),
              http::status::unauthorized);
    EXPECT_EQ(with_cookie(http::verb::get, "/api/v1/auth/session", "bad;value").result(), http::status::unauthorized);
}

TEST_F(AuthSession, CookieWritesNeedTheCsrfTokenAndTheSameOrigin) {
    const auto s = sign_in("org@example.org", good_password);
    const auto no_token = with_cookie(http::verb::post, "/api/v1/events", s.cookie, {}, {}, event_body("a-2026"));
    EXPECT_EQ(no_token.result(), http::status::forbidden) << no_token.body();
    EXPECT_EQ(json_of(no_token).at("detail").as_string(), "CSRF check failed");

    const auto wrong_token =
        with_cookie(http::verb::post, "/api/v1/events", s.cookie, s.csrf + "x", {}, event_body("a-2026"));
    EXPECT_EQ(wrong_token.result(), http::status::forbidden);

    const auto other_origin =
        with_cookie(http::verb::post, "/api/v1/events", s.cookie, s.csrf, "https://evil.example", event_body("a-2026"));
    EXPECT_EQ(other_origin.result(), http::status::forbidden);
    const auto plain_http =
        with_cookie(http::verb::post, "/api/v1/events", s.cookie, s.csrf, "http://localhost", event_body("a-2026"));
    EXPECT_EQ(plain_http.result(), http::status::forbidden);

    const auto ok =
        with_cookie(http::verb::post, "/api/v1/events", s.cookie, s.csrf, "https://localhost", event_body("a-2026"));
    EXPECT_EQ(ok.result(), http::status::created) << ok.body();
    // No Origin header (some clients omit it): the token alone suffices.
    const auto no_origin = with_cookie(http::verb::post, "/api/v1/events", s.cookie, s.csrf, {}, event_body("b-2026"));
    EXPECT_EQ(no_origin.result(), http::status::created) << no_origin.body();

    // Reads need no token, and the cookie makes drafts visible like a bearer token does.
    const auto list = with_cookie(http::verb::get, "/api/v1/events", s.cookie);
    ASSERT_EQ(list.result(), http::status::ok);
    EXPECT_EQ(json_of(list).at("items").as_array().size(), 2u);
    const auto anonymous = with_cookie(http::verb::get, "/api/v1/events", "stale-cookie");
    ASSERT_EQ(anonymous.result(), http::status::ok) << "a stale cookie reads like no cookie";
    EXPECT_EQ(json_of(anonymous).at("items").as_array().size(), 0u);
}

TEST_F(AuthSession, LogoutEndsTheSessionOnTheServer) {
    const auto s = sign_in("org@example.org", good_password);
    EXPECT_EQ(with_cookie(http::verb::post, "/api/v1/auth/logout", s.cookie).result(), http::status::forbidden);

    const auto out = with_cookie(http::verb::post, "/api/v1/auth/logout", s.cookie, s.csrf, "https://localhost");
    ASSERT_EQ(out.result(), http::status::no_content) << out.body();
    const std::string cleared(out[http::field::set_cookie]);
    EXPECT_EQ(cleared.rfind("__Host-plenary_session=;", 0), 0u) << cleared;
    EXPECT_NE(cleared.find("Max-Age=0"), std::string::npos);
    EXPECT_NE(cleared.find("Secure"), std::string::npos);

    EXPECT_EQ(with_cookie(http::verb::get, "/api/v1/auth/session", s.cookie).result(), http::status::unauthorized);
    EXPECT_EQ(with_cookie(http::verb::post, "/api/v1/events", s.cookie, s.csrf, {}, event_body("c-2026")).result(),
              http::status::unauthorized);
}

TEST_F(AuthSession, IdleSessionsExpire) {
    const auto s = sign_in("org@example.org", good_password);
    age_sessions("last_seen_at", "2000-01-01T00:00:00.000Z");
    EXPECT_EQ(with_cookie(http::verb::get, "/api/v1/auth/session", s.cookie).result(), http::status::unauthorized);
}

TEST_F(AuthSession, SessionsEndAtTheirAbsoluteExpiryEvenWhenActive) {
    const auto s = sign_in("org@example.org", good_password);
    EXPECT_EQ(with_cookie(http::verb::get, "/api/v1/auth/session", s.cookie).result(), http::status::ok);
    age_sessions("expires_at", "2000-01-01T00:00:00.000Z");
    EXPECT_EQ(with_cookie(http::verb::get, "/api/v1/auth/session", s.cookie).result(), http::status::unauthorized);
}

TEST_F(AuthSession, PasswordChangeNeedsTwelveCharactersAndTheCurrentPassword) {
    const auto s = sign_in("org@example.org", good_password);
    const auto change = [&](const std::string& current, const std::string& next) {
        const auto body =
            boost::json::serialize(boost::json::object{{"current_password", current}, {"new_password", next}});
        return with_cookie(http::verb::post, "/api/v1/auth/password", s.cookie, s.csrf, {}, body);
    };
    const auto too_short = change(good_password, "elevenchars");
    ASSERT_EQ(too_short.result(), http::status::unprocessable_entity) << too_short.body();
    EXPECT_EQ(json_of(too_short).at("errors").at(0).at("field").as_string(), "new_password");
    EXPECT_EQ(change("wrong password!!", "a new password of length").result(), http::status::unprocessable_entity);

    const auto other_browser = sign_in("org@example.org", good_password);
    ASSERT_EQ(change(good_password, "a new password of length").result(), http::status::no_content);
    EXPECT_EQ(login("org@example.org", good_password).result(), http::status::unauthorized);
    EXPECT_EQ(login("org@example.org", "a new password of length").result(), http::status::ok);
    EXPECT_EQ(with_cookie(http::verb::get, "/api/v1/auth/session", s.cookie).result(), http::status::ok);
    EXPECT_EQ(with_cookie(http::verb::get, "/api/v1/auth/session", other_browser.cookie).result(),
              http::status::unauthorized)
        << "other sessions end when the password changes";
}

}  // namespace
}  // namespace plenary::testing
