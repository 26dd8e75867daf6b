// Graceful shutdown: the request in flight completes (with Connection:
// close), idle connections and new ones are closed, WebSockets get 1001, and
// run() returns.
#include "../support/eventually.hpp"
#include "../support/test_client.hpp"
#include "../support/test_server.hpp"
#include "../support/test_ws_client.hpp"

#include <gtest/gtest.h>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/websocket/error.hpp>

#include <atomic>

namespace plenary::testing {
namespace {

namespace websocket = boost::beast::websocket;

TEST(Shutdown, GracefulStopFinishesInFlightWorkAndClosesTheRest) {
    std::atomic<bool> slow_started{false};
    test_server srv([&slow_started](server::router& r, server::server_options&, const std::filesystem::path&) {
        r.add(http::verb::get, "/slow",
              [&slow_started](server::request_context&) -> boost::asio::awaitable<server::response> {
                  slow_started = true;
                  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor,
                                                  std::chrono::milliseconds(300));
                  co_await timer.async_wait(boost::asio::use_awaitable);
                  co_return server::text_response(http::status::ok, "done", "text/plain");
              });
        r.add_websocket("/ws", [](server::request_context&) -> boost::asio::awaitable<server::ws_accept> {
            co_return server::ws_accept{"t", std::make_shared<const std::string>("hi"), {}};
        });
    });

    test_ws_client ws(srv.port(), "/ws");
    ASSERT_EQ(ws.read().message, "hi");
    test_client idle(srv.port());
    ASSERT_EQ(idle.request(http::verb::get, "/healthz").result(), http::status::ok);

    test_client busy(srv.port());
    busy.write_raw("GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\n");
    ASSERT_TRUE(eventually([&] { return slow_started.load(); }));

    srv.get().request_stop();

    auto res = busy.read_response();
    EXPECT_EQ(res.result(), http::status::ok);
    EXPECT_EQ(res.body(), "done");
    EXPECT_FALSE(res.keep_alive());

    auto closed = ws.read();
    EXPECT_EQ(closed.ec, websocket::error::closed) << closed.ec.message();
    EXPECT_EQ(ws.close_reason().code, static_cast<std::uint16_t>(websocket::close_code::going_away));

    EXPECT_NE(idle.read_until_closed(), boost::beast::error::timeout);
    EXPECT_THROW(test_client late(srv.port()), boost::system::system_error);

    srv.stop();  // returns only once run() did
}

TEST(Shutdown, StopWithNothingOpenReturnsPromptly) {
    test_server srv;
    srv.stop();
    SUCCEED();
}

}  // namespace
}  // namespace plenary::testing
