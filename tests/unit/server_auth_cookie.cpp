// Reading the session cookie from Cookie headers and the Set-Cookie values.
#include "server/auth/session_cookie.hpp"

#include <gtest/gtest.h>

namespace plenary::server::auth {
namespace {

std::string read(std::initializer_list<std::string> headers) {
    request req{http::verb::get, "/", 11};
    for (const auto& h : headers) req.insert(http::field::cookie, h);
    return std::string(session_cookie_value(req));
}

TEST(AuthSessionCookie, FindsItsCookieAmongOthers) {
    EXPECT_EQ(read({"__Host-plenary_session=abc-_09XYZ"}), "abc-_09XYZ");
    EXPECT_EQ(read({"a=1; __Host-plenary_session=tok;b=2"}), "tok");
    EXPECT_EQ(read({"a=1", "__Host-plenary_session=second"}), "second");
    EXPECT_EQ(read({"__Host-plenary_session=\"quoted\""}), "quoted");
    EXPECT_EQ(read({"__Host-plenary_session=first; __Host-plenary_session=second"}), "first");
}

TEST(AuthSessionCookie, RefusesAbsentOrImplausibleValues) {
    EXPECT_EQ(read({}), "");
    EXPECT_EQ(read({"plenary_session=abc"}), "") << "without the __Host- prefix it is not ours";
    EXPECT_EQ(read({"x__Host-plenary_session=abc"}), "");
    EXPECT_EQ(read({"__Host-plenary_session="}), "");
    EXPECT_EQ(read({"__Host-plenary_session=a%20b"}), "");
    EXPECT_EQ(read({"__Host-plenary_session=" + std::string(129, 'a')}), "");
    EXPECT_EQ(read({"__Host-plenary_session=" + std::string(128, 'a')}), std::string(128, 'a'));
}

TEST(AuthSessionCookie, SetCookieValuesCarryEveryAttribute) {
    EXPECT_EQ(session_cookie("v"), "__Host-plenary_session=v; Path=/; Secure; HttpOnly; SameSite=Strict");
    EXPECT_EQ(expired_session_cookie(),
              "__Host-plenary_session=; Max-Age=0; Path=/; Secure; HttpOnly; SameSite=Strict");
}

}  // namespace
}  // namespace plenary::server::auth
