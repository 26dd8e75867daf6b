// Organizer sign-in: password login into a browser session, the session's
// own view (for the CSRF token after a page reload), logout, and the slow
// password work. scrypt runs on a small thread pool the service owns, never
// on an I/O thread; failed logins are throttled in memory per account and
// per address. One instance per server, shared by the auth routes.
#pragma once

#include "common/crypto.hpp"
#include "server/auth/login_throttle.hpp"
#include "server/authenticator.hpp"
#include "server/http_types.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>

namespace plenary::db {
class store;
}

namespace plenary::server::auth {

struct auth_options {
    std::chrono::seconds session_idle{2 * 60 * 60};       // signed out after this long unused
    std::chrono::seconds session_absolute{12 * 60 * 60};  // and this long after login, whatever happens
    throttle_options throttle{};
    std::size_t min_password_length = 12;
    std::size_t max_pending_hashes = 8;  // queued scrypt runs (128 MiB each); past it: 503
    scrypt_params scrypt{};              // for new hashes
};

class auth_service {
public:
    explicit auth_service(db::store& store, auth_options options = {});
    ~auth_service();
    auth_service(const auth_service&) = delete;
    auth_service& operator=(const auth_service&) = delete;

    // POST /api/v1/auth/login, GET /api/v1/auth/session, POST /api/v1/auth/logout.
    boost::asio::awaitable<response> login(request_context& ctx);
    boost::asio::awaitable<response> current_session(request_context& ctx);
    boost::asio::awaitable<response> logout(request_context& ctx);
    // POST /api/v1/auth/password {"current_password","new_password"}.
    boost::asio::awaitable<response> change_password(request_context& ctx);

    // On the service's pool; problem(unavailable) when too many are queued.
    boost::asio::awaitable<bool> verify_password(std::string password, std::string encoded);
    boost::asio::awaitable<std::string> hash_password(std::string password);

    // problem::invalid(field, ...) unless the password is long enough.
    void check_new_password(std::string_view field, std::string_view password) const;

    const auth_options& options() const noexcept { return options_; }
    const plenary::server::authenticator& authenticator() const noexcept { return auth_; }

private:
    template <class Fn>
    boost::asio::awaitable<std::invoke_result_t<Fn&>> run_slow(Fn fn);
    boost::asio::awaitable<response> start_session(const request_context& ctx, db::user_record user);

    db::store& store_;
    auth_options options_;
    plenary::server::authenticator auth_;
    login_throttle throttle_;
    std::string dummy_hash_;  // verified for unknown users, so they take as long as known ones
    std::atomic<std::size_t> pending_{0};
    boost::asio::thread_pool pool_{1};  // last: joined first on destruction
};

}  // namespace plenary::server::auth
