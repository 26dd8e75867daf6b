// See registration_test_support.hpp.
#include "registration_test_support.hpp"

#include "common/crypto.hpp"
#include "db/accounts.hpp"
#include "db/connection.hpp"
#include "db/store.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace plenary::testing {

namespace json = boost::json;

registration_fixture::registration_fixture(server::app_settings settings, test_server::setup_fn setup,
                                           server::live::feed_pacing pacing)
    : server_(std::make_unique<test_server>(std::move(setup), settings, pacing)) {
    organizer_ = make_staff_token("org@example.org", "organizer");
}

std::string registration_fixture::make_staff_token(const std::string& email, const std::string& role) {
    const auto token = make_token("plt_");
    server_->store().write_sync([&](db::connection& c) {
        const auto id = db::insert_user(c, email, email, role, "");
        db::insert_api_token(c, id, sha256(token), "test");
    });
    return token;
}

boost::json::object registration_fixture::add_kiosk(const std::string& slug, const std::string& name) {
    const auto res = call(http::verb::post, "/api/v1/events/" + slug + "/kiosks", organizer_,
                          boost::json::serialize(boost::json::object{{"name", name}}));
    EXPECT_EQ(res.result(), http::status::created) << res.body();
    return json_of(res).as_object();
}

std::string registration_fixture::add_staff_member(const std::string& slug, const std::string& email) {
    const auto token = make_staff_token(email, "organizer");
    const auto res = call(http::verb::post, "/api/v1/events/" + slug + "/staff", organizer_,
                          boost::json::serialize(boost::json::object{{"email", email}}));
    EXPECT_EQ(res.result(), http::status::created) << res.body();
    return token;
}

std::string registration_fixture::add_token(const std::string& email, const std::string& label) {
    const auto token = make_token("plt_");
    server_->store().write_sync([&](db::connection& c) {
        auto& st = c.prepare("SELECT id FROM users WHERE email = ?1");
        st.bind_all(email);
        if (!st.step()) throw std::runtime_error("no account " + email);
        const auto id = st.column_int64(0);
        st.reset();
        db::insert_api_token(c, id, sha256(token), label);
    });
    return token;
}

void registration_fixture::create_event(const std::string& slug, const std::string& extra) {
    std::string body = R"({"slug":")" + slug +
                       R"(","title":{"en":"Exchange Conference","zh":"交流会"},"timezone":"Asia/Shanghai",)"
                       R"("starts_at":"2030-12-07T00:00:00Z","ends_at":"2030-12-08T12:00:00Z","venue":"Beijing",)"
                       R"("status":"published")";
    if (!extra.empty()) body += "," + extra;
    body += "}";
    const auto res = call(http::verb::post, "/api/v1/events", organizer_, body);
    ASSERT_EQ(res.result(), http::status::created) << res.body();
}

std::int64_t registration_fixture::add_session(const std::string& slug, const std::string& title, int hour,
                                               std::optional<int> capacity, bool requires_signup) {
    char times[120];
    std::snprintf(times, sizeof times, R"("starts_at":"2030-12-07T%02d:00:00Z","ends_at":"2030-12-07T%02d:00:00Z")",
                  hour, hour + 1);
    const std::string body = R"({"title":")" + title + R"(","kind":"roundtable","topic":"t",)" + times +
                             R"(,"capacity":)" + (capacity ? std::to_string(*capacity) : "null") +
                             R"(,"requires_signup":)" + (requires_signup ? "true" : "false") +
                             R"(,"speakers":[{"name":"M","role":"moderator"}]})";
    const auto res = call(http::verb::post, "/api/v1/events/" + slug + "/sessions", organizer_, body);
    EXPECT_EQ(res.result(), http::status::created) << res.body();
    return json_of(res).at("id").to_number<std::int64_t>();
}

http_response registration_fixture::call(http::verb method, const std::string& target, const std::string& token,
                                         std::string body, header_list headers) {
    if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    test_client client(server_->port());
    return client.request(method, target, std::move(body), std::move(headers));
}

http_response registration_fixture::register_attendee(const std::string& slug, const std::string& body,
                                                      header_list headers) {
    return call(http::verb::post, "/api/v1/events/" + slug + "/registrations", {}, body, std::move(headers));
}

json::object registration_fixture::register_person(const std::string& slug, const std::string& email,
                                                   const std::string& sessions, const std::string& language) {
    const auto res = register_attendee(slug, R"({"name":"Person )" + email + R"(","email":")" + email +
                                                 R"(","country":"CN","language":")" + language + R"(","sessions":)" +
                                                 sessions + "}");
    EXPECT_EQ(res.result(), http::status::created) << res.body();
    if (res.result() != http::status::created) return {};
    return json_of(res).as_object();
}

std::int64_t registration_fixture::count(const std::string& sql) {
    return server_->store().read_sync([&](db::connection& c) { return c.query_int64(sql); });
}

std::string registration_fixture::id_list(std::initializer_list<std::int64_t> ids) {
    std::string out = "[";
    for (const auto id : ids) {
        if (out.size() > 1) out += ',';
        out += std::to_string(id);
    }
    out += ']';
    return out;
}

std::string registration_fixture::numbered_email(std::string prefix, int n) {
    prefix += std::to_string(n);
    prefix += "@example.org";
    return prefix;
}

std::vector<std::string> registration_fixture::error_fields(const http_response& res) {
    std::vector<std::string> out;
    const auto v = json::parse(res.body());
    if (const auto* errors = v.as_object().if_contains("errors")) {
        for (const auto& e : errors->as_array()) out.emplace_back(e.at("field").as_string());
    }
    return out;
}

}  // namespace plenary::testing
