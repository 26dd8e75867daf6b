// Helpers for the auth integration tests; see auth_test_support.hpp.
#include "auth_test_support.hpp"

#include "common/crypto.hpp"
#include "db/accounts.hpp"
#include "db/connection.hpp"

#include <gtest/gtest.h>

namespace plenary::testing {

auth_fixture::auth_fixture() : server_(std::make_unique<test_server>()) {}

std::int64_t auth_fixture::add_user(const std::string& email, const std::string& password, const std::string& role) {
    const auto hash = hash_password(password, {.n = 1u << 10, .r = 8, .p = 1});
    return server_->store().write_sync(
        [&](db::connection& c) { return db::insert_user(c, email, "Name of " + email, role, hash); });
}

std::string auth_fixture::add_token(std::int64_t user_id) {
    const auto token = make_token("plt_");
    server_->store().write_sync([&](db::connection& c) { db::insert_api_token(c, user_id, sha256(token), "test"); });
    return token;
}

http_response auth_fixture::send(http::verb method, const std::string& target, header_list headers, std::string body) {
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    test_client client(server_->port());
    return client.request(method, target, std::move(body), std::move(headers));
}

http_response auth_fixture::login(const std::string& email, const std::string& password, header_list extra) {
    const auto body = boost::json::serialize(boost::json::object{{"email", email}, {"password", password}});
    return send(http::verb::post, "/api/v1/auth/login", std::move(extra), body);
}

browser_session auth_fixture::sign_in(const std::string& email, const std::string& password) {
    const auto res = login(email, password);
    EXPECT_EQ(res.result(), http::status::ok) << res.body();
    if (res.result() != http::status::ok) return {};
    return {cookie_value(res), std::string(json_of(res).at("csrf_token").as_string())};
}

http_response auth_fixture::with_cookie(http::verb method, const std::string& target, const std::string& cookie,
                                        const std::string& csrf, const std::string& origin, std::string body) {
    header_list headers{{"Cookie", "theme=dark; __Host-plenary_session=" + cookie}};
    if (!csrf.empty()) headers.emplace_back("X-CSRF-Token", csrf);
    if (!origin.empty()) headers.emplace_back("Origin", origin);
    return send(method, target, std::move(headers), std::move(body));
}

http_response auth_fixture::with_bearer(http::verb method, const std::string& target, const std::string& token,
                                        std::string body) {
    return send(method, target, {{"Authorization", "Bearer " + token}}, std::move(body));
}

std::string auth_fixture::cookie_value(const http_response& res) {
    const std::string header(res[http::field::set_cookie]);
    const std::string prefix = "__Host-plenary_session=";
    if (header.rfind(prefix, 0) != 0) return {};
    return header.substr(prefix.size(), header.find(';') - prefix.size());
}

std::string event_body(const std::string& slug) {
    return R"({"slug":")" + slug + R"(","title":{"en":"Exchange Conference"},"timezone":"Asia/Shanghai",
      "starts_at":"2026-12-07T09:00:00+08:00","ends_at":"2026-12-08T17:30:00+08:00","venue":"Beijing","capacity":250})";
}

}  // namespace plenary::testing
