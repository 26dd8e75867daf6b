// The HTTPS request loop end to end: routing outcomes, keep-alive,
// pipelining, HEAD, security headers, malformed input and the access log.
#include "../support/eventually.hpp"
#include "../support/test_client.hpp"
#include "../support/test_server.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

namespace plenary::testing {
namespace {

using server::request_context;
using server::response;

test_server::setup_fn echo_routes() {
    return [](server::router& r, server::server_options&, const std::filesystem::path&) {
        r.add(http::verb::post, "/echo",
              [](request_context& ctx) -> boost::asio::awaitable<response> {
                  co_return server::text_response(http::status::ok, ctx.req.body(), "text/plain");
              },
              {.any_body = true});
        r.add(http::verb::get, "/items/{id}", [](request_context& ctx) -> boost::asio::awaitable<response> {
            co_return server::text_response(
                http::status::ok, std::string(ctx.params.get("id")) + "|" + std::string(ctx.query), "text/plain");
        });
    };
}

TEST(HttpBasics, HealthzOverTls) {
    test_server srv;
    test_client client(srv.port());
    auto res = client.request(http::verb::get, "/healthz");
    EXPECT_EQ(res.result(), http::status::ok);
    EXPECT_EQ(boost::json::parse(res.body()).at("status").as_string(), "ok");
}

TEST(HttpBasics, KeepAliveServesSeveralRequestsOnOneConnection) {
    test_server srv(echo_routes());
    test_client client(srv.port());
    for (int i = 0; i < 5; ++i) {
        const auto text = std::string("n").append(std::to_string(i));
        auto res = client.request(http::verb::post, "/echo", text);
        ASSERT_EQ(res.result(), http::status::ok);
        EXPECT_EQ(res.body(), text);
        EXPECT_TRUE(res.keep_alive());
    }
}

TEST(HttpBasics, PipelinedRequestsAreAnsweredInOrder) {
    test_server srv(echo_routes());
    test_client client(srv.port());
    std::string batch;
    for (const char* id : {"a", "b", "c"}) {
        batch += std::string("GET /items/") + id + "?q=" + id + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }
    client.write_raw(batch);
    for (const char* id : {"a", "b", "c"}) {
        auto res = client.read_response();
        EXPECT_EQ(res.result(), http::status::ok);
        EXPECT_EQ(res.body(), std::string(id) + "|q=" + id);
    }
}

TEST(HttpBasics, ExpectContinueGetsAnInterimResponseBeforeTheBody) {
    test_server srv(echo_routes());
    test_client client(srv.port());
    client.write_raw("POST /echo HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
    EXPECT_EQ(client.read_response().result(), http::status::continue_);
    client.write_raw("hello");
    auto res = client.read_response();
    EXPECT_EQ(res.result(), http::status::ok);
    EXPECT_EQ(res.body(), "hello");
}

TEST(HttpBasics, ConnectionCloseIsHonoured) {
    test_server srv;
    test_client client(srv.port());
    auto res = client.request(http::verb::get, "/healthz", {}, {{"Connection", "close"}});
    EXPECT_EQ(res.result(), http::status::ok);
    EXPECT_FALSE(res.keep_alive());
    EXPECT_NE(client.read_until_closed(), boost::beast::error::timeout);
}

TEST(HttpBasics, UnknownPathIsProblemJson404) {
    test_server srv;
    test_client client(srv.port());
    auto res = client.request(http::verb::get, "/no/such/thing");
    EXPECT_EQ(res.result(), http::status::not_found);
    EXPECT_EQ(res[http::field::content_type], "application/problem+json");
    EXPECT_EQ(boost::json::parse(res.body()).at("status").as_int64(), 404);
}

TEST(HttpBasics, WrongMethodIs405WithAllow) {
    test_server srv(echo_routes());
    test_client client(srv.port());
    auto res = client.request(http::verb::delete_, "/healthz");
    EXPECT_EQ(res.result(), http::status::method_not_allowed);
    EXPECT_NE(res[http::field::allow].find("GET"), std::string::npos);
    EXPECT_EQ(res[http::field::content_type], "application/problem+json");
    // The connection is still usable afterwards.
    EXPECT_EQ(client.request(http::verb::get, "/healthz").result(), http::status::ok);
}

TEST(HttpBasics, SecurityHeadersAndHstsArePresent) {
    test_server srv;
    test_client client(srv.port());
    for (const char* target : {"/healthz", "/missing"}) {
        auto res = client.request(http::verb::get, target);
        EXPECT_NE(res["Strict-Transport-Security"].find("max-age="), std::string::npos) << target;
        EXPECT_NE(res["Content-Security-Policy"].find("frame-ancestors 'none'"), std::string::npos) << target;
        EXPECT_EQ(res["X-Content-Type-Options"], "nosniff") << target;
        EXPECT_FALSE(res["Referrer-Policy"].empty()) << target;
    }
}

TEST(HttpBasics, HeadSendsContentLengthWithoutBody) {
    test_server srv;
    test_client client(srv.port());
    client.write_raw(
        "HEAD /healthz HTTP/1.1\r\nHost: localhost\r\n\r\nGET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
    // Beast's response parser would wait for a body; parse the HEAD answer as
    // the header of the bytes before the next status line instead.
    http::response_parser<http::string_body> head_parser;
    head_parser.skip(true);
    boost::beast::flat_buffer buf;
    boost::beast::get_lowest_layer(client.stream()).expires_after(std::chrono::seconds(20));
    http::read(client.stream(), buf, head_parser);
    EXPECT_EQ(head_parser.get().result(), http::status::ok);
    EXPECT_EQ(head_parser.get()[http::field::content_length], std::to_string(std::string(R"({"status":"ok"})").size()));
    http::response<http::string_body> next;
    http::read(client.stream(), buf, next);
    EXPECT_EQ(next.result(), http::status::ok);
    EXPECT_EQ(next.body(), R"({"status":"ok"})");
}

TEST(HttpBasics, MalformedRequestLineIs400AndCloses) {
    test_server srv;
    test_client client(srv.port());
    client.write_raw("GET /healthz HTTP/9\r\nHost: localhost\r\n\r\n");
    auto res = client.read_response();
    EXPECT_EQ(res.result(), http::status::bad_request);
    EXPECT_FALSE(res.keep_alive());
    EXPECT_EQ(res[http::field::content_type], "application/problem+json");
}

TEST(HttpBasics, TargetThatIsNotAnAbsolutePathIs400) {
    test_server srv;
    test_client client(srv.port());
    client.write_raw("GET http://example.com/healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
    EXPECT_EQ(client.read_response().result(), http::status::bad_request);
}

TEST(HttpBasics, BadPercentEncodingIs400) {
    test_server srv(echo_routes());
    test_client client(srv.port());
    EXPECT_EQ(client.request(http::verb::get, "/items/%zz").result(), http::status::bad_request);
}

TEST(HttpBasics, AccessLogHasPathWithoutQueryAndMetricsCountRequests) {
    test_server srv(echo_routes());
    {
        test_client client(srv.port());
        EXPECT_EQ(client.request(http::verb::get, "/items/7?token=secret").result(), http::status::ok);
    }
    // The server records a request after its response went out, so the
    // client can be faster than the log: wait for the line (hang guard only).
    std::string log;
    EXPECT_TRUE(eventually([&] {
        log = srv.access_log_text();
        return log.find("/items/7") != std::string::npos;
    }));
    EXPECT_NE(log.find(R"("path":"/items/7")"), std::string::npos) << log;
    EXPECT_NE(log.find(R"("route":"/items/{id}")"), std::string::npos) << log;
    EXPECT_EQ(log.find("secret"), std::string::npos) << log;
    auto& count = srv.metrics().get_counter("plenary_http_requests_total", "",
                                            {{"route", "/items/{id}"}, {"method", "GET"}, {"status", "200"}});
    EXPECT_EQ(count.value(), 1.0);
}

}  // namespace
}  // namespace plenary::testing
