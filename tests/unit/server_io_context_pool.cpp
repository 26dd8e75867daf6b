// io_context_pool: connections and upgraded WebSockets are dealt to separate
// contexts, each run by a thread of its own; in shared mode they all share one.
#include "server/io_context_pool.hpp"

#include "common/thread_identity.hpp"

#include <gtest/gtest.h>
#include <boost/asio/post.hpp>

#include <map>
#include <mutex>
#include <set>
#include <string>
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

// Each thread reports its name and nice value from inside its context.
TEST(IoContextPool, WebSocketThreadsAreNamedAndRunAtTheirNiceValue) {
    const int base = this_thread_nice();
    if (base > 7) GTEST_SKIP() << "the test runs at nice " << base << " already";
    io_context_pool pool(2, false, 2, 7);
    std::mutex mutex;
    std::map<std::string, int> threads;
    auto note = [&] {
        std::lock_guard lock(mutex);
        threads[this_thread_name()] = this_thread_nice();
    };
    for (int i = 0; i < 2; ++i) {
        boost::asio::post(pool.next(), note);
        boost::asio::post(pool.next_websocket(), note);
    }
    pool.release();
    pool.run();
    ASSERT_EQ(threads.size(), 4u);
    EXPECT_EQ(threads.at("plenary-ws0"), 7);
    EXPECT_EQ(threads.at("plenary-ws1"), 7);
    EXPECT_EQ(threads.at("plenary-io1"), base);
    threads.erase("plenary-ws0");
    threads.erase("plenary-ws1");
    threads.erase("plenary-io1");
    ASSERT_EQ(threads.size(), 1u);  // the caller's thread keeps its name
    EXPECT_EQ(threads.begin()->second, base);
}

TEST(IoContextPool, NiceZeroLeavesWebSocketThreadsAlone) {
    const int base = this_thread_nice();
    io_context_pool pool(1, false, 1, 0);
    int seen = -1;
    boost::asio::post(pool.next_websocket(), [&] { seen = this_thread_nice(); });
    pool.release();
    pool.run();
    EXPECT_EQ(seen, base);
}

}  // namespace
}  // namespace plenary::server
