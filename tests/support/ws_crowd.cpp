// A crowd of WebSocket clients; see ws_crowd.hpp.
#include "ws_crowd.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <boost/json/parse.hpp>

namespace plenary::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using stream_type = websocket::stream<beast::ssl_stream<beast::tcp_stream>>;

struct ws_crowd::io {
    asio::io_context ioc;
    asio::executor_work_guard<asio::io_context::executor_type> work{ioc.get_executor()};
    asio::ssl::context tls = make_client_tls_context({});
};

struct ws_crowd::member {
    explicit member(ws_crowd::io& io) : stream(io.ioc, io.tls) {}
    stream_type stream;
    member_state state;  // guarded by the crowd's mutex
};

ws_crowd::ws_crowd(unsigned short port) : port_(port), io_(std::make_unique<io>()) {
    thread_ = std::thread([this] { io_->ioc.run(); });
}

ws_crowd::~ws_crowd() {
    asio::post(io_->ioc, [this] {
        for (auto& m : members_) {
            boost::system::error_code ignored;
            beast::get_lowest_layer(m->stream).socket().close(ignored);
        }
    });
    io_->work.reset();
    io_->ioc.stop();
    thread_.join();
}

std::size_t ws_crowd::add(const std::string& target, header_list headers, bool stall) {
    auto m = std::make_shared<member>(*io_);
    std::size_t index = 0;
    {
        std::lock_guard lock(mutex_);
        index = members_.size();
        members_.push_back(m);
    }
    asio::post(io_->ioc, [this, m, target, headers = std::move(headers), stall]() mutable {
        run_member(std::move(m), std::move(target), std::move(headers), stall);
    });
    return index;
}

void ws_crowd::run_member(std::shared_ptr<member> m, std::string target, header_list headers, bool stall) {
    auto task = [this, m, target = std::move(target), headers = std::move(headers), stall]() -> asio::awaitable<void> {
        auto fail = [this, &m](const boost::system::error_code& ec) {
            std::lock_guard lock(mutex_);
            m->state.error = ec.message();
            m->state.closed = true;
        };
        auto& tcp = beast::get_lowest_layer(m->stream);
        if (stall) {
            // A tiny receive window: the server's writes block after a few
            // kilobytes, as behind a frozen tab on a slow link.
            tcp.socket().open(asio::ip::tcp::v4());
            tcp.socket().set_option(asio::socket_base::receive_buffer_size(2048));
        }
        auto [cec] = co_await tcp.async_connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_),
                                                asio::as_tuple(asio::use_awaitable));
        if (cec) co_return fail(cec);
        SSL_set_tlsext_host_name(m->stream.next_layer().native_handle(), "localhost");
        auto [tec] = co_await m->stream.next_layer().async_handshake(asio::ssl::stream_base::client,
                                                                     asio::as_tuple(asio::use_awaitable));
        if (tec) co_return fail(tec);
        m->stream.set_option(websocket::stream_base::decorator([headers](websocket::request_type& req) {
            for (const auto& [name, value] : headers) req.set(name, value);
        }));
        auto [hec] = co_await m->stream.async_handshake("localhost", target, asio::as_tuple(asio::use_awaitable));
        if (hec) co_return fail(hec);
        {
            std::lock_guard lock(mutex_);
            m->state.connected = true;
        }
        if (stall) co_return;  // the socket stays open; nothing reads it
        beast::flat_buffer buffer;
        for (;;) {
            auto [ec, n] = co_await m->stream.async_read(buffer, asio::as_tuple(asio::use_awaitable));
            if (ec) co_return fail(ec);
            boost::system::error_code pec;
            auto v = boost::json::parse(beast::buffers_to_string(buffer.data()), pec);
            buffer.consume(buffer.size());
            std::lock_guard lock(mutex_);
            m->state.messages.push_back(pec ? boost::json::value("unparsable") : std::move(v));
        }
    };
    asio::co_spawn(io_->ioc, std::move(task), asio::detached);
}

std::size_t ws_crowd::size() const {
    std::lock_guard lock(mutex_);
    return members_.size();
}

ws_crowd::member_state ws_crowd::state(std::size_t i) const {
    std::lock_guard lock(mutex_);
    return members_.at(i)->state;
}

boost::json::value ws_crowd::latest_stats(std::size_t i) const {
    std::lock_guard lock(mutex_);
    const auto& messages = members_.at(i)->state.messages;
    for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
        if (!it->is_object()) continue;
        const auto* type = it->as_object().if_contains("type");
        if (type && type->is_string() && (type->as_string() == "snapshot" || type->as_string() == "stats")) {
            return it->as_object().at("stats");
        }
    }
    return nullptr;
}

std::size_t ws_crowd::connected_count() const {
    std::lock_guard lock(mutex_);
    std::size_t n = 0;
    for (const auto& m : members_) n += m->state.connected && !m->state.closed ? 1 : 0;
    return n;
}

}  // namespace plenary::testing
