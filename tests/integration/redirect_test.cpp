// Plain HTTP, on the HTTPS port or on the --http-listen port, is only ever
// redirected to HTTPS, and the Host header can not steer the redirect.
#include "../support/test_client.hpp"
#include "../support/test_server.hpp"

#include <gtest/gtest.h>

namespace plenary::testing {
namespace {

test_server::setup_fn with_http_port() {
    return [](server::router&, server::server_options& o, const std::filesystem::path&) {
        o.http_listen_host = "127.0.0.1";
        o.http_listen_port = 0;
    };
}

std::string https_url(unsigned short port, const std::string& rest) {
    return "https://localhost:" + std::to_string(port) + rest;
}

TEST(Redirect, PlainHttpOnTheTlsPortIsRedirected) {
    test_server srv;
    plain_test_client client(srv.port());
    auto res = client.request(http::verb::get, "/api/v1/events?x=1");
    EXPECT_EQ(res.result(), http::status::permanent_redirect);
    EXPECT_EQ(res[http::field::location], https_url(srv.port(), "/api/v1/events?x=1"));
    EXPECT_TRUE(res["Strict-Transport-Security"].empty()) << "HSTS over plain HTTP means nothing";
    // Kept alive: a second request on the same plain connection.
    EXPECT_EQ(client.request(http::verb::get, "/healthz").result(), http::status::permanent_redirect);
}

TEST(Redirect, HttpListenPortRedirectsToTheTlsPort) {
    test_server srv(with_http_port());
    ASSERT_NE(srv.http_port(), 0);
    ASSERT_NE(srv.http_port(), srv.port());
    plain_test_client client(srv.http_port());
    auto res = client.request(http::verb::get, "/healthz");
    EXPECT_EQ(res.result(), http::status::permanent_redirect);
    EXPECT_EQ(res[http::field::location], https_url(srv.port(), "/healthz"));
}

TEST(Redirect, ValidHostHeaderIsUsedWithoutItsPort) {
    test_server srv(with_http_port());
    plain_test_client client(srv.http_port());
    auto res = client.request(http::verb::get, "/x", {}, {{"Host", "Plenary.Example.org:8080"}});
    EXPECT_EQ(res[http::field::location], "https://plenary.example.org:" + std::to_string(srv.port()) + "/x");
}

TEST(Redirect, InvalidHostHeaderFallsBackToTheListenHost) {
    test_server srv(with_http_port());
    for (const char* host : {"evil.com/path", "evil.com@good", "a b", "[::1", "x:notaport", ""}) {
        plain_test_client client(srv.http_port());
        auto res = client.request(http::verb::get, "/x", {}, {{"Host", host}});
        EXPECT_EQ(res[http::field::location], "https://127.0.0.1:" + std::to_string(srv.port()) + "/x") << host;
    }
}

TEST(Redirect, RequestWithBodyIsRedirectedAndClosed) {
    test_server srv(with_http_port());
    plain_test_client client(srv.http_port());
    auto res = client.request(http::verb::post, "/api/v1/events", "{}");
    EXPECT_EQ(res.result(), http::status::permanent_redirect);
    EXPECT_FALSE(res.keep_alive());
}

}  // namespace
}  // namespace plenary::testing
