// TLS straight over the socket; see tls_stream.hpp.
#include "server/tls_stream.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <sys/socket.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace plenary::server {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

tls_state& state_of(BIO* bio) {
    return *static_cast<tls_state*>(BIO_get_data(bio));
}

// A send/recv that failed with errno: "try again" for EAGAIN (OpenSSL then
// reports WANT_READ/WANT_WRITE), otherwise kept for SSL_ERROR_SYSCALL.
int io_failed(BIO* bio, tls_state& st, bool reading) {
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
        if (reading) {
            BIO_set_retry_read(bio);
        } else {
            BIO_set_retry_write(bio);
        }
    } else {
        st.sys_error = errno;
    }
    return -1;
}

int bio_write(BIO* bio, const char* data, int size) {
    BIO_clear_retry_flags(bio);
    auto& st = state_of(bio);
    for (;;) {
        // MSG_NOSIGNAL: a peer that left must not raise SIGPIPE.
        ssize_t n = ::send(st.socket.native_handle(), data, static_cast<std::size_t>(size), MSG_NOSIGNAL);
        if (n >= 0) return static_cast<int>(n);
        if (errno != EINTR) return io_failed(bio, st, false);
    }
}

int bio_read(BIO* bio, char* data, int size) {
    BIO_clear_retry_flags(bio);
    auto& st = state_of(bio);
    if (st.prefix_used < st.prefix.size()) {
        std::size_t n = std::min(st.prefix.size() - st.prefix_used, static_cast<std::size_t>(size));
        std::memcpy(data, st.prefix.data() + st.prefix_used, n);
        st.prefix_used += n;
        return static_cast<int>(n);
    }
    if (!st.prefix.empty()) {
        st.prefix_used = 0;
        std::vector<unsigned char>().swap(st.prefix);  // give the memory back
    }
    if (st.inbox_begin < st.inbox_end) {
        std::size_t n = std::min(st.inbox_end - st.inbox_begin, static_cast<std::size_t>(size));
        std::memcpy(data, st.inbox.data() + st.inbox_begin, n);
        st.inbox_begin += n;
        return static_cast<int>(n);
    }
    if (st.receiving) {
        // The reactor reads for the operation that waits; see tls_state::inbox.
        BIO_set_retry_read(bio);
        return -1;
    }
    for (;;) {
        ssize_t n = ::recv(st.socket.native_handle(), data, static_cast<std::size_t>(size), 0);
        if (n > 0) return static_cast<int>(n);
        if (n == 0) {
            st.peer_eof = true;
            return 0;
        }
        if (errno != EINTR) return io_failed(bio, st, true);
    }
}

long bio_ctrl(BIO*, int cmd, long, void*) {
    // OpenSSL flushes after each record; send() has already handed it over.
    return cmd == BIO_CTRL_FLUSH ? 1 : 0;
}

int bio_create(BIO* bio) {
    BIO_set_init(bio, 1);
    return 1;
}

BIO_METHOD* socket_method() {
    // Built once and never changed: OpenSSL only reads it.
    static BIO_METHOD* const method = [] {
        BIO_METHOD* m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "plenary socket");
        if (m == nullptr || BIO_meth_set_write(m, bio_write) != 1 || BIO_meth_set_read(m, bio_read) != 1 ||
            BIO_meth_set_ctrl(m, bio_ctrl) != 1 || BIO_meth_set_create(m, bio_create) != 1) {
            throw std::runtime_error("tls: cannot create the socket BIO method");
        }
        return m;
    }();
    return method;
}

// Waits for the state's deadline. The wait's handler finds the state through
// a weak pointer, as the stream may be gone by then, and a generation number
// tells it whether it is still the wait in force.
void wait_for_deadline(const std::shared_ptr<tls_state>& st) {
    const auto generation = ++st->deadline_generation;
    st->timer_expiry = st->deadline;
    st->timer.expires_at(st->deadline);
    st->timer.async_wait([weak = std::weak_ptr<tls_state>(st), generation](error_code ec) {
        auto st = weak.lock();
        if (ec || !st || st->deadline_generation != generation) return;
        st->timer_expiry = tls_state::clock::time_point::max();
        if (st->deadline == tls_state::clock::time_point::max()) return;
        // Moved later since the wait began: wait again for the rest.
        if (tls_state::clock::now() < st->deadline) return wait_for_deadline(st);
        st->timed_out = true;
        error_code ignored;
        st->socket.close(ignored);
    });
}

// A kept-alive connection moves its deadline three times a request (idle,
// read, write). Re-arming the timer each time costs a timer-queue update and
// a cancelled handler through the scheduler; a later deadline is only noted
// here, and the wait in force, which ends earlier, re-checks it then.
void arm(const std::shared_ptr<tls_state>& st, std::chrono::steady_clock::duration d) {
    st->deadline = tls_state::clock::now() + d;
    if (st->timer_expiry > st->deadline) wait_for_deadline(st);
}

}  // namespace

tls_state::tls_state(asio::ip::tcp::socket s, asio::ssl::context& ctx)
    : socket(std::move(s)), timer(socket.get_executor()), ssl(SSL_new(ctx.native_handle())) {
    if (ssl == nullptr) throw std::runtime_error("tls: SSL_new failed");
    BIO* bio = BIO_new(socket_method());
    if (bio == nullptr) {
        SSL_free(ssl);
        throw std::runtime_error("tls: BIO_new failed");
    }
    BIO_set_data(bio, this);
    SSL_set_bio(ssl, bio, bio);
    SSL_set_mode(ssl, SSL_MODE_RELEASE_BUFFERS | SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
    // Without read-ahead OpenSSL reads each record in two recv calls (the
    // 5-byte header, then the body). With it, one recv takes whatever has
    // arrived; every read here tries SSL_read before waiting on the socket,
    // so records it holds back are never left waiting for the next packet.
    SSL_set_read_ahead(ssl, 1);
    SSL_set_accept_state(ssl);
    socket.non_blocking(true);
}

tls_state::tls_state(asio::ip::tcp::socket s, tls_state& from)
    : socket(std::move(s)),
      timer(socket.get_executor()),
      ssl(std::exchange(from.ssl, nullptr)),
      prefix(std::move(from.prefix)),
      prefix_used(from.prefix_used),
      inbox(from.inbox),
      inbox_begin(from.inbox_begin),
      inbox_end(from.inbox_end),
      peer_eof(from.peer_eof) {
    BIO_set_data(SSL_get_rbio(ssl), this);
}

tls_state::~tls_state() {
    SSL_free(ssl);
}

void tls_state::begin_call() {
    // SSL_get_error reads the thread's error queue, so nothing stale may be
    // left in it. Clearing walks every slot of the queue; looking is cheaper,
    // and it is almost always empty.
    if (ERR_peek_error() != 0) ERR_clear_error();
    sys_error = 0;
}

tls_step tls_state::handshake() {
    begin_call();
    return finish(SSL_do_handshake(ssl), 0);
}

tls_step tls_state::read(void* data, std::size_t size) {
    if (size == 0) return {};
    begin_call();
    std::size_t n = 0;
    int r = SSL_read_ex(ssl, data, size, &n);
    return finish(r, n);
}

tls_step tls_state::write(const asio::const_buffer* buffers, std::size_t count) {
    if (count == 0) return {};
    const void* data = buffers[0].data();
    std::size_t size = buffers[0].size();
    // One record's worth, gathered; the same bytes again on a retry, which
    // SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER allows to come from this buffer.
    thread_local std::array<unsigned char, 16 * 1024> gathered;
    if (count > 1 && size < gathered.size()) {
        size = 0;
        for (std::size_t i = 0; i < count && size < gathered.size(); ++i) {
            size += asio::buffer_copy(asio::buffer(gathered.data() + size, gathered.size() - size), buffers[i]);
        }
        data = gathered.data();
    }
    begin_call();
    std::size_t n = 0;
    int r = SSL_write_ex(ssl, data, size, &n);
    return finish(r, n);
}

tls_step tls_state::shutdown(bool wait_for_peer) {
    begin_call();
    // 0: our close_notify is out; a second call waits for the peer's.
    int r = SSL_shutdown(ssl);
    if (r == 0 && wait_for_peer) r = SSL_shutdown(ssl);
    return r == 0 ? tls_step{} : finish(r, 0);
}

tls_step tls_state::finish(int result, std::size_t bytes) {
    if (result > 0) return {tls_step::want::nothing, bytes, {}};
    switch (SSL_get_error(ssl, result)) {
        case SSL_ERROR_WANT_READ: return {tls_step::want::read, 0, {}};
        case SSL_ERROR_WANT_WRITE: return {tls_step::want::write, 0, {}};
        case SSL_ERROR_ZERO_RETURN: return {tls_step::want::nothing, 0, asio::error::eof};
        case SSL_ERROR_SYSCALL:
            if (sys_error != 0)
                return {tls_step::want::nothing, 0, error_code(sys_error, boost::system::system_category())};
            return {tls_step::want::nothing, 0, asio::ssl::error::stream_truncated};
        default: {
            unsigned long err = ERR_get_error();
            if (ERR_GET_REASON(err) == SSL_R_UNEXPECTED_EOF_WHILE_READING || (err == 0 && peer_eof)) {
                return {tls_step::want::nothing, 0, asio::ssl::error::stream_truncated};
            }
            return {tls_step::want::nothing, 0, error_code(static_cast<int>(err), asio::error::get_ssl_category())};
        }
    }
}

error_code tls_state::wait_failed(error_code ec) const {
    return timed_out ? error_code(boost::beast::error::timeout) : ec;
}

tls_stream::tls_stream(asio::ip::tcp::socket socket, asio::ssl::context& ctx)
    : st_(std::make_shared<tls_state>(std::move(socket), ctx)) {}

error_code tls_stream::move_to(const executor_type& ex) {
    error_code ec;
    const auto protocol = st_->socket.local_endpoint(ec).protocol();
    if (ec) return ec;
    const auto fd = st_->socket.release(ec);
    if (ec) return ec;
    asio::ip::tcp::socket moved(ex);
    moved.assign(protocol, fd, ec);
    if (ec) {
        ::close(fd);  // owned by nobody after release()
        return ec;
    }
    moved.non_blocking(true, ec);
    if (ec) return ec;
    st_ = std::make_shared<tls_state>(std::move(moved), *st_);
    return {};
}

void tls_stream::expires_after(std::chrono::steady_clock::duration d) {
    arm(st_, d);
}

void tls_stream::expires_never() {
    st_->deadline = tls_state::clock::time_point::max();
    if (st_->timer_expiry == tls_state::clock::time_point::max()) return;
    // Cancelled rather than left to run out: a pending wait would hold up
    // the io_context at shutdown.
    ++st_->deadline_generation;
    st_->timer_expiry = tls_state::clock::time_point::max();
    st_->timer.cancel();
}

void tls_stream::cancel() {
    error_code ignored;
    st_->socket.cancel(ignored);
}

void tls_stream::close() {
    error_code ignored;
    st_->socket.close(ignored);
    expires_never();
}

void teardown(boost::beast::role_type, tls_stream& stream, error_code& ec) {
    // Only the asynchronous teardown is used; this one is what Beast's
    // synchronous close would need: best effort, no waiting.
    ec = {};
    SSL_shutdown(stream.native_handle());
    stream.close();
}

}  // namespace plenary::server
