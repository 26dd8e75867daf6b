// io_context_pool: connections and upgraded WebSockets are dealt to separate
// contexts, each run by a thread of its own; in shared mode they all share one.
#include "server/io_context_pool.hpp"

#include <gtest/gtest.h>
#include <boost/asio/post.hpp>

#include <mutex>
#include <set>
#include <thread>

namespace plenary::server {
namespace {

TEST(IoContextPool, ConnectionsAndWebSocketsGoToSeparateContexts) {
    io_context_pool pool(2, false, 2);
    EXPECT_EQ(pool.size(), 4u);
    std::set<boost::asio::io_context*> connections;
    std::set<boost::asio::io_context*> websockets;
    for (int i = 0; i < 8; ++i) {
        connections.insert(&pool.next());
        websockets.insert(&pool.next_websocket());
    }
    EXPECT_EQ(connections.size(), 2u);
    EXPECT_EQ(websockets.size(), 2u);
    for (auto* c : connections) EXPECT_EQ(websockets.count(c), 0u) << "a context serves both";
    EXPECT_EQ(connections.count(&pool.first()), 1u) << "the listeners' context takes no WebSockets";
}

TEST(IoContextPool, EveryContextRunsOnAThreadOfItsOwn) {
    io_context_pool pool(2, false, 2);
    std::mutex mutex;
    std::set<std::thread::id> threads;
    auto note = [&] {
        std::lock_guard lock(mutex);
        threads.insert(std::this_thread::get_id());
    };
    for (int i = 0; i < 2; ++i) {
        boost::asio::post(pool.next(), note);
        boost::asio::post(pool.next_websocket(), note);
    }
    pool.release();
    pool.run();  // returns once every context has run dry
    EXPECT_EQ(threads.size(), 4u);
}

TEST(IoContextPool, SharedModeKeepsWebSocketsOnTheOneContext) {
    io_context_pool pool(2, true, 0);
    EXPECT_EQ(pool.size(), 1u);
    EXPECT_EQ(&pool.next(), &pool.first());
    EXPECT_EQ(&pool.next_websocket(), &pool.first());
}

TEST(IoContextPool, WithoutWebSocketThreadsUpgradesStayWithConnections) {
    io_context_pool pool(2, false, 0);
    std::set<boost::asio::io_context*> all;
    for (int i = 0; i < 4; ++i) all.insert(&pool.next());
    EXPECT_EQ(all.count(&pool.next_websocket()), 1u);
}

}  // namespace
}  // namespace plenary::server
