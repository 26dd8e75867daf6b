// Router: pattern matching, parameters, precedence, HEAD, 405 sets, decoding.
#include "common/problem.hpp"
#include "server/router.hpp"

#include <gtest/gtest.h>

namespace {

using plenary::server::request_context;
using plenary::server::response;
using plenary::server::router;
using plenary::server::http::verb;

plenary::server::handler named(std::string name) {
    return [name](request_context&) -> boost::asio::awaitable<response> {
        response res;
        res.body() = name;
        co_return res;
    };
}

std::string route_of(const router::match_result& m) {
    return m.matched ? m.matched->pattern : "<none>";
}

class router_test : public ::testing::Test {
protected:
    void SetUp() override {
        r.add(verb::get, "/api/v1/events", named("list"));
        r.add(verb::post, "/api/v1/events", named("create"));
        r.add(verb::get, "/api/v1/events/{slug}", named("get"));
        r.add(verb::patch, "/api/v1/events/{slug}", named("patch"));
        r.add(verb::get, "/api/v1/events/{slug}/registrations/{id}", named("reg"));
        r.add(verb::get, "/api/v1/registrations/self", named("self"));
        r.add(verb::get, "/api/v1/registrations/{id}", named("by-id"));
        r.add_websocket("/api/v1/events/{slug}/live",
                        [](request_context&) -> boost::asio::awaitable<plenary::server::ws_accept> {
                            co_return plenary::server::ws_accept{};
                        });
    }
    router r;
};

TEST_F(router_test, matches_literal_routes_by_method) {
    EXPECT_EQ(route_of(r.match(verb::get, "/api/v1/events")), "/api/v1/events");
    EXPECT_EQ(r.match(verb::post, "/api/v1/events").matched->method, verb::post);
}

TEST_F(router_test, captures_parameters) {
    auto m = r.match(verb::get, "/api/v1/events/beijing-2017/registrations/42");
    ASSERT_NE(m.matched, nullptr);
    EXPECT_EQ(m.params.get("slug"), "beijing-2017");
    EXPECT_EQ(m.params.get("id"), "42");
    EXPECT_EQ(m.params.get("missing"), "");
}

TEST_F(router_test, literal_segment_beats_parameter) {
    EXPECT_EQ(route_of(r.match(verb::get, "/api/v1/registrations/self")), "/api/v1/registrations/self");
    EXPECT_EQ(route_of(r.match(verb::get, "/api/v1/registrations/7")), "/api/v1/registrations/{id}");
}

TEST_F(router_test, head_uses_the_get_route) {
    EXPECT_EQ(route_of(r.match(verb::head, "/api/v1/events/x")), "/api/v1/events/{slug}");
}

TEST_F(router_test, wrong_method_lists_allowed_methods) {
    auto m = r.match(verb::delete_, "/api/v1/events/x");
    EXPECT_EQ(m.matched, nullptr);
    ASSERT_EQ(m.allowed.size(), 2u);
    EXPECT_NE(std::find(m.allowed.begin(), m.allowed.end(), verb::get), m.allowed.end());
    EXPECT_NE(std::find(m.allowed.begin(), m.allowed.end(), verb::patch), m.allowed.end());
}

TEST_F(router_test, unknown_paths_match_nothing) {
    for (const char* path : {"/", "/api", "/api/v1/events/x/y", "/api/v1/events/", "", "api/v1/events",
                             "/api/v1/events//registrations/1"}) {
        auto m = r.match(verb::get, path);
        EXPECT_EQ(m.matched, nullptr) << path;
        EXPECT_TRUE(m.allowed.empty()) << path;
    }
}

TEST_F(router_test, parameters_are_percent_decoded_per_segment) {
    auto m = r.match(verb::get, "/api/v1/events/a%2Fb");
    ASSERT_NE(m.matched, nullptr);
    EXPECT_EQ(m.params.get("slug"), "a/b");
    m = r.match(verb::get, "/api/v1/events/%E5%8D%97%E4%BA%AC");
    EXPECT_EQ(m.params.get("slug"), "南京");
    // Several decoded segments, longer than a short string's inline storage,
    // next to plain ones: each parameter keeps its own text.
    m = r.match(verb::get,
                "/api/v1/%65vents/silk%20road%20hearts%20connect%202025/registrations/%E5%8D%97%E4%BA%AC-000000000042");
    ASSERT_NE(m.matched, nullptr);
    EXPECT_EQ(m.params.get("slug"), "silk road hearts connect 2025");
    EXPECT_EQ(m.params.get("id"), "南京-000000000042");
}

TEST_F(router_test, malformed_encoding_is_a_bad_request) {
    for (const std::string& path : {std::string("/api/v1/events/%zz"), std::string("/api/v1/events/%4"),
                                    std::string("/api/v1/events/a%00b"), std::string("/api/v1/events/a\0b", 18)}) {
        try {
            r.match(verb::get, path);
            ADD_FAILURE() << "no error for " << path;
        } catch (const plenary::problem& p) {
            EXPECT_EQ(p.code(), plenary::errc::bad_request) << path;
        }
    }
}

TEST_F(router_test, websocket_routes_only_match_upgrades) {
    EXPECT_EQ(r.match(verb::get, "/api/v1/events/x/live").matched, nullptr);
    auto m = r.match(verb::get, "/api/v1/events/x/live", true);
    ASSERT_NE(m.matched, nullptr);
    EXPECT_TRUE(static_cast<bool>(m.matched->ws_fn));
    EXPECT_EQ(m.matched->pattern, "/api/v1/events/{slug}/live");
    EXPECT_EQ(r.match(verb::get, "/api/v1/events/x", true).matched, nullptr);
}

TEST(router_options, keeps_per_route_body_limit) {
    router r;
    r.add(verb::post, "/upload", named("u"), {.body_limit = 10 * 1024 * 1024});
    auto m = r.match(verb::post, "/upload");
    ASSERT_NE(m.matched, nullptr);
    EXPECT_EQ(m.matched->options.body_limit, 10u * 1024 * 1024);
}

}  // namespace
