// The server's own TLS stream (server/tls_stream.hpp) at its edges: a
// handshake that stalls, a response larger than the kernel's socket buffers
// sent to a reader that is slow or stops, many requests in one record, and
// records of every size around the read inbox's arriving one by one.
#include "../support/eventually.hpp"
#include "../support/test_client.hpp"
#include "../support/test_server.hpp"

#include <gtest/gtest.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>

#include <poll.h>
#include <chrono>
#include <string>
#include <thread>

namespace plenary::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using server::request_context;
using server::response;

// 16 MiB: more than loopback's socket buffers hold, so the server's writes
// must wait for the reader.
constexpr std::size_t big_size = 16 * 1024 * 1024;

std::string big_body() {
    std::string body(big_size, '\0');
    for (std::size_t i = 0; i < body.size(); ++i) body[i] = static_cast<char>('a' + (i * 7 + i / 4096) % 26);
    return body;
}

test_server::setup_fn big_route() {
    return [](server::router& r, server::server_options& o, const std::filesystem::path&) {
        r.add(http::verb::get, "/big", [](request_context&) -> asio::awaitable<response> {
            co_return server::text_response(http::status::ok, big_body(), "text/plain");
        });
        o.handshake_timeout = std::chrono::seconds(1);
        o.write_timeout = std::chrono::seconds(1);
    };
}

TEST(TlsStream, StalledHandshakeIsCutAtTheHandshakeDeadline) {
    test_server srv(big_route());
    asio::io_context io;
    asio::ip::tcp::socket raw(io);
    raw.connect({asio::ip::make_address("127.0.0.1"), srv.port()});
    // A TLS record header and the start of a ClientHello (enough for the
    // server to see TLS and begin the handshake), then silence.
    const unsigned char hello_start[] = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03};
    asio::write(raw, asio::buffer(hello_start));

    pollfd pfd{raw.native_handle(), POLLIN, 0};
    ASSERT_EQ(::poll(&pfd, 1, 5000), 1) << "still open 5 s later; the handshake deadline is 1 s";
    char byte = 0;
    boost::system::error_code ec;
    raw.read_some(asio::buffer(&byte, 1), ec);
    EXPECT_TRUE(ec == asio::error::eof || ec == asio::error::connection_reset) << ec.message();
    // Counted as a failed handshake, not lost in TLS detection; the count may
    // trail the close the client saw.
    EXPECT_TRUE(eventually(
        [&] { return srv.metrics().get_counter("plenary_tls_handshake_failures_total", "").value() >= 1.0; }));
}

TEST(TlsStream, LargeResponseReachesASlowReaderIntact) {
    test_server srv([](server::router& r, server::server_options& o, const std::filesystem::path& dir) {
        big_route()(r, o, dir);
        o.write_timeout = std::chrono::seconds(30);  // slow, not stalled
    });
    test_client client(srv.port());
    client.write_raw("GET /big HTTP/1.1\r\nHost: localhost\r\n\r\n");
    // Read the first 256 KiB a kilobyte at a time with pauses, so the server
    // finds the socket full and has to wait for it to drain, many times.
    beast::flat_buffer buffer;
    while (buffer.size() < 256 * 1024) {
        buffer.commit(client.stream().read_some(buffer.prepare(1024)));
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    http::response_parser<http::string_body> parser;
    parser.body_limit(big_size + 1);
    http::read(client.stream(), buffer, parser);
    const auto& res = parser.get();
    EXPECT_EQ(res.result(), http::status::ok);
    ASSERT_EQ(res.body().size(), big_size);
    EXPECT_TRUE(res.body() == big_body()) << "the body arrived changed";
    // The connection is still good for another request.
    EXPECT_EQ(client.request(http::verb::get, "/healthz").result(), http::status::ok);
}

TEST(TlsStream, ReaderThatStopsReadingIsCutAtTheWriteDeadline) {
    test_server srv(big_route());
    test_client client(srv.port());
    client.write_raw("GET /big HTTP/1.1\r\nHost: localhost\r\n\r\n");
    // From the first byte on (however long a slow build takes to make the
    // body), the server's writes fill the socket; then stop reading for
    // longer than the 1 s write deadline.
    char first = 0;
    std::size_t received = client.stream().read_some(asio::buffer(&first, 1));
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    const auto ec = client.read_until_closed(&received);
    EXPECT_NE(ec, beast::error::timeout) << "the server kept writing to a reader that had stopped";
    EXPECT_LT(received, big_size) << "the whole response arrived; the reader was not cut";
}

TEST(TlsStream, ManyRequestsInOneRecordAreAllAnswered) {
    test_server srv;
    test_client client(srv.port());
    std::string requests;
    for (int i = 0; i < 40; ++i) requests += "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n";
    client.write_raw(requests);  // one write: one TLS record holding all 40
    for (int i = 0; i < 40; ++i) {
        EXPECT_EQ(client.read_response().result(), http::status::ok) << "response " << i;
    }
}

TEST(TlsStream, RecordsThatArriveWhileTheServerWaitsAreReadWholeAndInOrder) {
    // The server waits for a read by having the reactor receive into a
    // 512-byte inbox, served to OpenSSL before the socket: records smaller
    // than it, the same size, and larger, each sent after a pause long
    // enough for the server to be waiting, must come out as they went in.
    test_server srv([](server::router& r, server::server_options&, const std::filesystem::path&) {
        r.add(http::verb::post, "/echo",
              [](request_context& ctx) -> asio::awaitable<response> {
                  co_return server::text_response(http::status::ok, ctx.req.body(), "text/plain");
              },
              {.any_body = true});
    });
    test_client client(srv.port());
    std::string body;
    for (std::size_t size : {1, 511, 512, 513, 3000, 16000, 40}) {
        const auto at = body.size();
        for (std::size_t i = 0; i < size; ++i) body.push_back(static_cast<char>('a' + (at + i * 13) % 26));
    }
    client.write_raw("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: " +
                     std::to_string(body.size()) + "\r\n\r\n");
    std::size_t sent = 0;
    for (std::size_t size : {1, 511, 512, 513, 3000, 16000, 40}) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        client.write_raw(std::string_view(body).substr(sent, size));  // one record each
        sent += size;
    }
    const auto res = client.read_response();
    EXPECT_EQ(res.result(), http::status::ok);
    ASSERT_EQ(res.body().size(), body.size());
    EXPECT_TRUE(res.body() == body) << "the body came back changed";
    // And the next request, after another wait, on the same connection.
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(client.request(http::verb::get, "/healthz").result(), http::status::ok);
}

}  // namespace
}  // namespace plenary::testing
