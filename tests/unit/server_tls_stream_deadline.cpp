// tls_stream's deadline: a later deadline only takes note and lets the wait
// in force re-check, so these pin down what that must still mean. A read
// that no byte ever answers ends with beast::error::timeout at the deadline
// last set, whether it moved later or earlier, and never without one.
#include "server/tls_stream.hpp"

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/error.hpp>

#include <array>
#include <chrono>
#include <optional>

namespace plenary::server {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

// On the server end of a loopback connection whose client never sends a byte.
class TlsStreamDeadline : public ::testing::Test {
protected:
    TlsStreamDeadline() : acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}), client_(io_) {
        client_.connect(acceptor_.local_endpoint());
        stream_.emplace(acceptor_.accept(), tls_);
    }

    // Starts a read and runs the context until it ends or `limit` passes.
    // Returns how long the read took, or nothing when it was still waiting.
    std::optional<clock_type::duration> read_for(clock_type::duration limit) {
        start_ = clock_type::now();
        stream_->async_read_some(asio::buffer(scratch_), [this](boost::system::error_code ec, std::size_t) {
            took_ = clock_type::now() - start_;
            ended_with_ = ec;
        });
        return run_for(limit);
    }

    // Runs on with the read already started.
    std::optional<clock_type::duration> run_for(clock_type::duration limit) {
        io_.restart();
        io_.run_for(limit);
        return took_;
    }

    // Sets the deadline to `first`, then to `then`, and reads: how long
    // until the read ended, which must be by the deadline.
    clock_type::duration timeout_after(clock_type::duration first, clock_type::duration then) {
        stream_->expires_after(first);
        stream_->expires_after(then);
        const auto took = read_for(30s);
        EXPECT_TRUE(took) << "the read still waited 30 s later";
        EXPECT_EQ(ended_with_, boost::beast::error::timeout);
        return took.value_or(30s);
    }

    asio::io_context io_;
    asio::ssl::context tls_{asio::ssl::context::tls_server};
    asio::ip::tcp::acceptor acceptor_;
    asio::ip::tcp::socket client_;
    std::optional<tls_stream> stream_;
    std::array<char, 64> scratch_{};
    clock_type::time_point start_;
    std::optional<clock_type::duration> took_;
    boost::system::error_code ended_with_;
};

TEST_F(TlsStreamDeadline, ADeadlineMovedLaterIsTheOneThatCounts) {
    EXPECT_GE(timeout_after(100ms, 1500ms), 1400ms) << "the earlier deadline cut the connection";
}

TEST_F(TlsStreamDeadline, ADeadlineMovedEarlierIsTheOneThatCounts) {
    EXPECT_LT(timeout_after(120s, 200ms), 30s) << "the earlier deadline was lost";
}

TEST_F(TlsStreamDeadline, ADeadlineMovedLaterThenEarlierAgainIsKept) {
    // The connection's usual pattern: a short deadline, a longer one, then a
    // short one again, after the first wait has run out and waited again.
    stream_->expires_after(100ms);
    stream_->expires_after(120s);
    ASSERT_FALSE(read_for(500ms)) << "the connection was cut at the deadline that was moved";
    stream_->expires_after(200ms);
    ASSERT_TRUE(run_for(30s)) << "the read still waited 30 s later";
    EXPECT_EQ(ended_with_, boost::beast::error::timeout) << "the read was not cut at the last deadline";
}

TEST_F(TlsStreamDeadline, NoDeadlineNoTimeout) {
    stream_->expires_after(100ms);
    stream_->expires_never();
    EXPECT_FALSE(read_for(600ms)) << "a deadline that was lifted still cut the connection";
    stream_->close();
    ASSERT_TRUE(run_for(5s)) << "closing the stream did not end the read";
    EXPECT_NE(ended_with_, boost::beast::error::timeout);
    EXPECT_TRUE(ended_with_);
}

}  // namespace
}  // namespace plenary::server
