// Many wss:// clients on one io_context and thread, for tests that need a
// crowd: each connects with the request headers it is given (Authorization,
// Origin, Cookie), keeps reading, and remembers every message's JSON. A client
// can instead stall after its handshake, reading nothing and answering no
// pings, like a frozen browser tab.
#pragma once

#include "test_client.hpp"

#include <boost/json/value.hpp>

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace plenary::testing {

class ws_crowd {
public:
    struct member_state {
        bool connected = false;
        bool closed = false;
        std::string error;                         // the handshake or read error, if any
        std::vector<boost::json::value> messages;  // in arrival order
    };

    explicit ws_crowd(unsigned short port);
    ~ws_crowd();
    ws_crowd(const ws_crowd&) = delete;
    ws_crowd& operator=(const ws_crowd&) = delete;

    // Starts one client; returns its index. Safe while others run.
    std::size_t add(const std::string& target, header_list headers, bool stall = false);

    std::size_t size() const;
    member_state state(std::size_t i) const;
    // The last message of type "snapshot" or "stats", or null.
    boost::json::value latest_stats(std::size_t i) const;
    std::size_t connected_count() const;

private:
    struct member;
    void run_member(std::shared_ptr<member> m, std::string target, header_list headers, bool stall);

    unsigned short port_;
    struct io;
    std::unique_ptr<io> io_;  // before members_: streams go before their io_context
    mutable std::mutex mutex_;
    std::vector<std::shared_ptr<member>> members_;
    std::thread thread_;
};

}  // namespace plenary::testing
