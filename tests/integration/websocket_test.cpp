// WebSocket upgrades on the HTTPS port: first message, hub fan-out, message
// size limit (1009), keep-alive pings, silent peers and slow consumers.
#include "../support/test_client.hpp"
#include "../support/test_server.hpp"
#include "../support/test_ws_client.hpp"

#include "common/problem.hpp"

#include <gtest/gtest.h>
#include <boost/beast/websocket/error.hpp>

#include <thread>

namespace plenary::testing {
namespace {

namespace websocket = boost::beast::websocket;
using server::request_context;
using server::ws_accept;

std::shared_ptr<const std::string> text(std::string s) {
    return std::make_shared<const std::string>(std::move(s));
}

test_server::setup_fn ws_routes(std::function<void(server::server_options&)> tweak = {}) {
    return [tweak](server::router& r, server::server_options& o, const std::filesystem::path&) {
        r.add_websocket("/ws/{topic}", [](request_context& ctx) -> boost::asio::awaitable<ws_accept> {
            const std::string topic(ctx.params.get("topic"));
            if (topic == "forbidden") throw problem(errc::forbidden, "not for you");
            co_return ws_accept{topic, text("first:" + topic), {}};
        });
        if (tweak) tweak(o);
    };
}

TEST(WebSocket, FirstMessageThenHubPublishes) {
    test_server srv(ws_routes());
    test_ws_client ws(srv.port(), "/ws/news");
    auto first = ws.read();
    ASSERT_FALSE(first.ec) << first.ec.message();
    EXPECT_EQ(first.message, "first:news");
    // The session subscribed before its first message went out.
    EXPECT_EQ(srv.hub().subscriber_count("news"), 1u);
    EXPECT_EQ(srv.hub().publish("news", text("update 1")), 1u);
    EXPECT_EQ(srv.hub().publish("other", text("not for news")), 0u);
    EXPECT_EQ(srv.hub().publish("news", text("update 2")), 1u);
    EXPECT_EQ(ws.read().message, "update 1");
    EXPECT_EQ(ws.read().message, "update 2");
    EXPECT_EQ(srv.metrics().get_gauge("plenary_open_websockets", "").value(), 1.0);
    ws.close();
}

TEST(WebSocket, RefusedUpgradeIsAPlainProblemResponse) {
    test_server srv(ws_routes());
    EXPECT_THROW(test_ws_client(srv.port(), "/ws/forbidden"), boost::system::system_error);
    test_client client(srv.port());
    auto res = client.request(http::verb::get, "/ws/forbidden", {}, websocket_upgrade_headers());
    EXPECT_EQ(res.result(), http::status::forbidden);
    EXPECT_EQ(res[http::field::content_type], "application/problem+json");
}

TEST(WebSocket, OversizedClientMessageClosesWith1009) {
    test_server srv(ws_routes([](server::server_options& o) { o.ws_message_max = 1024; }));
    test_ws_client ws(srv.port(), "/ws/big");
    ASSERT_EQ(ws.read().message, "first:big");
    ws.write(std::string(1000, 'k'));  // under the limit: read and discarded
    // One byte over the limit: the whole frame fits one read, so the server has
    // no unread bytes left when it fails the connection (unread bytes would
    // make the kernel answer with a reset that can overtake the close frame).
    ws.write(std::string(1025, 'x'));
    auto r = ws.read();
    EXPECT_EQ(r.ec, websocket::error::closed) << r.ec.message();
    EXPECT_EQ(ws.close_reason().code, static_cast<std::uint16_t>(websocket::close_code::too_big));
}

TEST(WebSocket, PingsKeepAResponsiveClientOpen) {
    test_server srv(ws_routes([](server::server_options& o) { o.ws_idle_timeout = std::chrono::seconds(1); }));
    test_ws_client ws(srv.port(), "/ws/quiet");
    ASSERT_EQ(ws.read().message, "first:quiet");
    // Nothing is sent for several idle timeouts; the client answers pings while it reads.
    std::thread later([&srv] {
        std::this_thread::sleep_for(std::chrono::milliseconds(2500));
        srv.hub().publish("quiet", text("still here"));
    });
    auto r = ws.read();
    later.join();
    EXPECT_FALSE(r.ec) << r.ec.message();
    EXPECT_EQ(r.message, "still here");
    EXPECT_GE(ws.pings_received(), 1);
}

TEST(WebSocket, SilentClientIsClosedAfterIdleTimeout) {
    test_server srv(ws_routes([](server::server_options& o) { o.ws_idle_timeout = std::chrono::seconds(1); }));
    test_ws_client ws(srv.port(), "/ws/silent");
    const auto ec = ws.read_raw_until_closed();
    EXPECT_NE(ec, boost::beast::error::timeout) << "a peer that never answered pings was kept open";
}

TEST(WebSocket, SlowConsumerQueueStaysBoundedAndOthersStillGetMessages) {
    test_server srv(ws_routes());
    test_ws_client stalled(srv.port(), "/ws/feed");
    test_ws_client reader(srv.port(), "/ws/feed");
    ASSERT_EQ(stalled.read().message, "first:feed");
    ASSERT_EQ(reader.read().message, "first:feed");

    // Big enough that the stalled client's socket buffers fill and writes block.
    const std::string filler(32 * 1024, 'p');
    std::size_t most_queued = 0;
    for (int i = 0; i < 1000; ++i) {
        srv.hub().publish("feed", text(std::to_string(i) + ":" + filler));
        most_queued = std::max(most_queued, srv.hub().max_queued("feed"));
    }
    EXPECT_LE(most_queued, 4u);
    EXPECT_GE(srv.metrics().get_counter("plenary_ws_messages_dropped_total", "").value(), 1.0);

    // The newest message is never the one dropped: the reader ends on it.
    std::string last;
    while (last.rfind("999:", 0) != 0) {
        auto r = reader.read();
        ASSERT_FALSE(r.ec) << r.ec.message();
        last = r.message.substr(0, 8);
    }
    EXPECT_EQ(srv.hub().subscriber_count("feed"), 2u);
}

}  // namespace
}  // namespace plenary::testing
