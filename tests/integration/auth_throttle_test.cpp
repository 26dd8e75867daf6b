// Failed sign-ins: one answer for unknown users and wrong passwords, and the
// per-account throttle (429 with Retry-After, even for the right password).
#include "auth_test_support.hpp"

#include <gtest/gtest.h>

#include <string>

namespace plenary::testing {
namespace {

class AuthThrottle : public ::testing::Test, protected auth_fixture {
protected:
    AuthThrottle() {
        add_user("org@example.org", good_password, "organizer");
        add_user("other@example.org", good_password, "organizer");
    }
};

TEST_F(AuthThrottle, UnknownUsersGetTheSameAnswerAsWrongPasswords) {
    const auto wrong = login("org@example.org", "not the password at all");
    const auto unknown = login("nobody@example.org", "not the password at all");
    ASSERT_EQ(wrong.result(), http::status::unauthorized);
    ASSERT_EQ(unknown.result(), http::status::unauthorized);
    EXPECT_EQ(json_of(wrong), json_of(unknown));
    EXPECT_EQ(json_of(wrong).at("detail").as_string(), "email or password is wrong");
    EXPECT_TRUE(wrong[http::field::set_cookie].empty());
}

TEST_F(AuthThrottle, FiveFailuresBlockTheAccountEvenForTheRightPassword) {
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(login("org@example.org", "wrong password " + std::to_string(i)).result(), http::status::unauthorized);
    }
    const auto blocked = login("ORG@example.org", good_password);
    ASSERT_EQ(blocked.result(), http::status::too_many_requests) << blocked.body();
    const auto retry = std::stoi(std::string(blocked[http::field::retry_after]));
    EXPECT_GT(retry, 0);
    EXPECT_LE(retry, 15 * 60);
    EXPECT_TRUE(blocked[http::field::set_cookie].empty());

    // Another account from the same address is not blocked by these five.
    EXPECT_EQ(login("other@example.org", good_password).result(), http::status::ok);
}

TEST_F(AuthThrottle, ASuccessResetsTheAccountCount) {
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(login("org@example.org", "wrong password").result(), http::status::unauthorized);
    }
    EXPECT_EQ(login("org@example.org", good_password).result(), http::status::ok);
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(login("org@example.org", "wrong password").result(), http::status::unauthorized);
    }
    EXPECT_EQ(login("org@example.org", good_password).result(), http::status::ok);
}

TEST_F(AuthThrottle, MalformedLoginsAreClientErrors) {
    EXPECT_EQ(send(http::verb::post, "/api/v1/auth/login", {}, "{").result(), http::status::bad_request);
    EXPECT_EQ(send(http::verb::post, "/api/v1/auth/login", {}, R"({"email":"a@b.c"})").result(),
              http::status::unprocessable_entity);
    EXPECT_EQ(login("org@example.org", good_password, {{"Origin", "https://evil.example"}}).result(),
              http::status::forbidden);
}

}  // namespace
}  // namespace plenary::testing
