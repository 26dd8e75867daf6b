// Limits and deadlines that protect the server from a single client: body and
// header sizes, the idle and read timeouts, and max_connections.
#include "../support/eventually.hpp"
#include "../support/test_client.hpp"
#include "../support/test_server.hpp"

#include <gtest/gtest.h>
#include <boost/beast/core/error.hpp>

namespace plenary::testing {
namespace {

using server::request_context;
using server::response;
namespace beast = boost::beast;

server::handler size_handler() {
    return [](request_context& ctx) -> boost::asio::awaitable<response> {
        co_return server::text_response(http::status::ok, std::to_string(ctx.req.body().size()), "text/plain");
    };
}

test_server::setup_fn small_limits() {
    return [](server::router& r, server::server_options& o, const std::filesystem::path&) {
        r.add(http::verb::post, "/small", size_handler(), {.body_limit = 100, .any_body = true});
        r.add(http::verb::post, "/default", size_handler(), {.any_body = true});
        o.idle_timeout = std::chrono::seconds(1);
        o.read_timeout = std::chrono::seconds(1);
    };
}

TEST(HttpLimits, BodyOverRouteLimitIs413) {
    test_server srv(small_limits());
    test_client ok_client(srv.port());
    EXPECT_EQ(ok_client.request(http::verb::post, "/small", std::string(100, 'x')).body(), "100");

    test_client client(srv.port());
    auto res = client.request(http::verb::post, "/small", std::string(101, 'x'));
    EXPECT_EQ(res.result(), http::status::payload_too_large);
    EXPECT_EQ(res[http::field::content_type], "application/problem+json");
    EXPECT_FALSE(res.keep_alive());
}

TEST(HttpLimits, BodyOverDefaultLimitIs413BeforeItIsSent) {
    test_server srv(small_limits());
    test_client client(srv.port());
    // Only the header: the server must refuse from Content-Length alone.
    client.write_raw("POST /default HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1048577\r\n\r\n");
    EXPECT_EQ(client.read_response().result(), http::status::payload_too_large);
}

TEST(HttpLimits, ChunkedBodyOverLimitIs413) {
    test_server srv(small_limits());
    test_client client(srv.port());
    client.write_raw(
        "POST /small HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
        "50\r\n" +
        std::string(0x50, 'a') + "\r\n50\r\n" + std::string(0x50, 'b') + "\r\n0\r\n\r\n");
    EXPECT_EQ(client.read_response().result(), http::status::payload_too_large);
}

TEST(HttpLimits, OversizedHeaderIs431) {
    test_server srv;
    test_client client(srv.port());
    auto res = client.request(http::verb::get, "/healthz", {}, {{"X-Filler", std::string(9000, 'a')}});
    EXPECT_EQ(res.result(), http::status::request_header_fields_too_large);
    EXPECT_EQ(res[http::field::content_type], "application/problem+json");
    EXPECT_FALSE(res.keep_alive());
}

TEST(HttpLimits, IdleKeptAliveConnectionIsClosed) {
    test_server srv(small_limits());
    test_client client(srv.port());
    EXPECT_EQ(client.request(http::verb::get, "/healthz").result(), http::status::ok);
    const auto ec = client.read_until_closed();
    EXPECT_NE(ec, beast::error::timeout) << "the server kept an idle connection past its idle timeout";
}

TEST(HttpLimits, RequestWhoseHeaderNeverCompletesIsClosed) {
    test_server srv(small_limits());
    test_client client(srv.port());
    // Slowloris: a first line and one header, then nothing more.
    client.write_raw("GET /healthz HTTP/1.1\r\nHost: localhost\r\n");
    const auto ec = client.read_until_closed();
    EXPECT_NE(ec, beast::error::timeout) << "the server waited past its read timeout";
}

TEST(HttpLimits, MaxConnectionsIsEnforced) {
    test_server srv(
        [](server::router&, server::server_options& o, const std::filesystem::path&) { o.max_connections = 2; });
    auto first = std::make_unique<test_client>(srv.port());
    test_client second(srv.port());
    EXPECT_EQ(first->request(http::verb::get, "/healthz").result(), http::status::ok);

    // The third is closed at accept, so its handshake fails.
    EXPECT_THROW(test_client third(srv.port()), boost::system::system_error);
    EXPECT_GE(srv.metrics().get_counter("plenary_connections_rejected_total", "").value(), 1.0);

    // A slot frees once a client leaves; the server notices the close asynchronously.
    first.reset();
    EXPECT_TRUE(eventually([&] {
        try {
            test_client again(srv.port());
            return again.request(http::verb::get, "/healthz").result() == http::status::ok;
        } catch (const boost::system::system_error&) {
            return false;
        }
    }));
    EXPECT_EQ(second.request(http::verb::get, "/healthz").result(), http::status::ok);
}

}  // namespace
}  // namespace plenary::testing
