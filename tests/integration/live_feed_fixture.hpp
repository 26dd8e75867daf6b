// The fixture of the live-feed tests: a server with an event "hall" of 700
// places, a plenary session and a kiosk, plus the contract's counts computed
// with SQL of their own to compare every feed message against.
#pragma once

#include "registration_test_support.hpp"
#include "server/live/live_feed.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <cstdint>
#include <string>

namespace plenary::testing {

class LiveFeed : public ::testing::Test {
protected:
    explicit LiveFeed(test_server::setup_fn setup = {}, server::live::feed_pacing pacing = {});

    std::string make_kiosk(const std::string& slug);
    header_list bearer(const std::string& token) const { return {{"Authorization", "Bearer " + token}}; }
    unsigned short port() { return f_.server().port(); }

    // The contract's counts, straight from SQLite with SQL of its own.
    boost::json::object counted(const std::string& slug);
    // The fields of `stats` that counted() computes.
    static boost::json::object comparable(const boost::json::value& stats);

    boost::json::object scan(const std::string& code, const std::string& nonce);
    // For concurrent writers, each on a client of its own: registers "<name>
    // <n>" (in the plenary if asked); the ticket code, empty unless a 201.
    std::string register_over(test_client& client, const std::string& name, const std::string& email_tag, int n,
                              const char* country, bool in_plenary);
    // A kiosk scan over `client`; without `direction` the server picks. True on a 200.
    bool scan_over(test_client& client, const std::string& code, const std::string& nonce,
                   const std::string& direction = {});

    registration_fixture f_;
    std::int64_t plenary_ = 0;
    std::string kiosk_;
};

}  // namespace plenary::testing
