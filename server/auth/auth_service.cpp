// Sign-in, sessions and password hashing for organizers; see auth_service.hpp.
#include "server/auth/auth_service.hpp"

#include "common/clock.hpp"
#include "common/json_body.hpp"
#include "common/json_reader.hpp"
#include "common/problem.hpp"
#include "common/text.hpp"
#include "common/thread_identity.hpp"
#include "db/store.hpp"
#include "db/web_sessions.hpp"
#include "server/auth/session_cookie.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace plenary::server::auth {

namespace json = boost::json;
using boost::asio::awaitable;
using boost::asio::use_awaitable;

namespace {

constexpr std::string_view wrong_credentials = "email or password is wrong";

std::string well_formed_dummy_hash(const scrypt_params& p) {
    // Random salt and hash in the stored format: verifying it costs exactly
    // what a real check costs, and no password can match it.
    return "scrypt$" + std::to_string(p.n) + "$" + std::to_string(p.r) + "$" + std::to_string(p.p) + "$" +
           base64url(random_bytes(16)) + "$" + base64url(random_bytes(32));
}

response session_response(const db::user_record& user, std::string_view csrf_token) {
    const json::object body{
        {"user", json::object{{"id", user.id}, {"email", user.email}, {"name", user.name}, {"role", user.role}}},
        {"csrf_token", csrf_token}};
    auto res = json_response(http::status::ok, json::serialize(body));
    // Carries the CSRF token: no cache may keep it.
    res.set(http::field::cache_control, "no-store");
    return res;
}

response no_content() {
    response res{http::status::no_content, 11};
    res.set(http::field::cache_control, "no-store");
    return res;
}

}  // namespace

auth_service::auth_service(db::store& store, auth_options options)
    : store_(store),
      options_(std::move(options)),
      auth_(store),
      throttle_(options_.throttle),
      dummy_hash_(well_formed_dummy_hash(options_.scrypt)) {
    if (options_.session_idle <= std::chrono::seconds::zero() ||
        options_.session_absolute <= std::chrono::seconds::zero()) {
        throw std::invalid_argument("auth_options: session lifetimes must be positive");
    }
    boost::asio::post(pool_, [] { name_this_thread("plenary-scrypt"); });
}

auth_service::~auth_service() {
    pool_.join();
}

template <class Fn>
awaitable<std::invoke_result_t<Fn&>> auth_service::run_slow(Fn fn) {
    using result = std::invoke_result_t<Fn&>;
    // Each run holds 128 MiB for scrypt; a login flood must not queue without bound.
    if (pending_.fetch_add(1) >= options_.max_pending_hashes) {
        pending_.fetch_sub(1);
        throw problem(errc::unavailable, "too many sign-ins at once; try again shortly").with_retry_after(1);
    }
    struct release {
        std::atomic<std::size_t>& count;
        ~release() { count.fetch_sub(1); }
    } guard{pending_};
    // co_spawn keeps the lambda alive while it runs; the result comes back on
    // the caller's executor (its strand), not on the pool thread.
    auto task = [fn = std::move(fn)]() mutable -> awaitable<result> { co_return fn(); };
    co_return co_await boost::asio::co_spawn(pool_, std::move(task), use_awaitable);
}

awaitable<bool> auth_service::verify_password(std::string password, std::string encoded) {
    auto work = [password = std::move(password), encoded = std::move(encoded)] {
        return plenary::verify_password(password, encoded);
    };
    co_return co_await run_slow(std::move(work));
}

awaitable<std::string> auth_service::hash_password(std::string password) {
    auto work = [password = std::move(password), params = options_.scrypt] {
        return plenary::hash_password(password, params);
    };
    co_return co_await run_slow(std::move(work));
}

void auth_service::check_new_password(std::string_view field, std::string_view password) const {
    if (utf8_length(password) < options_.min_password_length) {
        throw problem::invalid(std::string(field),
                               "needs at least " + std::to_string(options_.min_password_length) + " characters");
    }
}

awaitable<response> auth_service::login(request_context& ctx) {
    plenary::server::authenticator::check_origin(ctx);
    json_reader in(parse_json(ctx.req.body()));
    auto email = in.required_string("email", 1, 254);
    auto password = in.required_string("password", 1, 1024);
    in.finish();

    // Throttled callers are refused before any password is checked, so
    // guessing gains nothing while blocked.
    if (const auto wait = throttle_.retry_after(email, ctx.remote_address); wait.count() > 0) {
        throw problem(errc::too_many_requests, "too many failed sign-ins; try again later")
            .with_retry_after(static_cast<int>(wait.count()));
    }
    auto lookup = [email](db::connection& conn) { return db::find_login(conn, email); };
    auto found = co_await store_.async_read(std::move(lookup), use_awaitable);
    const bool has_password = found && !found->password_hash.empty();
    // Unknown users and users without a password run scrypt too, against the
    // dummy hash: the answer takes as long as for a wrong password.
    const bool match = co_await verify_password(std::move(password), has_password ? found->password_hash : dummy_hash_);
    if (!has_password || !match) {
        throttle_.record_failure(email, ctx.remote_address);
        throw problem(errc::unauthorized, std::string(wrong_credentials));
    }
    throttle_.record_success(email);
    co_return co_await start_session(ctx, std::move(found->user));
}

awaitable<response> auth_service::start_session(const request_context& ctx, db::user_record user) {
    // A fresh id at every login (no fixation); the id the browser sent
    // before, if any, ends on the server too.
    const auto cookie = make_token("", 32);
    const auto now = std::chrono::system_clock::now();
    db::new_web_session row{user.id,
                            sha256(cookie),
                            make_token("", 32),
                            format_rfc3339_utc(now),
                            format_rfc3339_utc(now + options_.session_absolute),
                            options_.session_idle.count()};
    const auto previous = session_cookie_value(ctx.req);
    std::string previous_hash = previous.empty() ? std::string{} : sha256(previous);
    auto write = [row, previous_hash](db::connection& conn) {
        if (!previous_hash.empty()) db::delete_web_session(conn, previous_hash);
        db::delete_expired_web_sessions(conn, row.created_at);
        db::insert_web_session(conn, row);
    };
    co_await store_.async_write(std::move(write), use_awaitable);
    auto res = session_response(user, row.csrf_token);
    res.set(http::field::set_cookie, session_cookie(cookie));
    co_return res;
}

awaitable<response> auth_service::current_session(request_context& ctx) {
    const auto session = co_await auth_.find_session(ctx);
    if (!session) throw problem(errc::unauthorized, "not signed in");
    co_return session_response(session->user, session->csrf_token);
}

awaitable<response> auth_service::logout(request_context& ctx) {
    const auto session = co_await auth_.find_session(ctx);
    if (!session) throw problem(errc::unauthorized, "not signed in");
    plenary::server::authenticator::check_csrf(ctx, *session);
    auto remove = [hash = session->token_hash](db::connection& conn) { db::delete_web_session(conn, hash); };
    co_await store_.async_write(std::move(remove), use_awaitable);
    auto res = no_content();
    res.set(http::field::set_cookie, expired_session_cookie());
    co_return res;
}

awaitable<response> auth_service::change_password(request_context& ctx) {
    const auto user = co_await auth_.require_staff(ctx);
    json_reader in(parse_json(ctx.req.body()));
    auto current = in.required_string("current_password", 1, 1024);
    auto next = in.required_string("new_password", 1, 1024);
    in.finish();
    check_new_password("new_password", next);

    if (const auto wait = throttle_.retry_after(user.email, ctx.remote_address); wait.count() > 0) {
        throw problem(errc::too_many_requests, "too many failed sign-ins; try again later")
            .with_retry_after(static_cast<int>(wait.count()));
    }
    auto lookup = [email = user.email](db::connection& conn) { return db::find_login(conn, email); };
    const auto found = co_await store_.async_read(std::move(lookup), use_awaitable);
    const bool has_password = found && !found->password_hash.empty();
    const bool match = co_await verify_password(std::move(current), has_password ? found->password_hash : dummy_hash_);
    if (!has_password || !match) {
        throttle_.record_failure(user.email, ctx.remote_address);
        throw problem::invalid("current_password", "is wrong");
    }
    auto hash = co_await hash_password(std::move(next));
    const auto cookie = session_cookie_value(ctx.req);
    // Other browsers signed in as this user are signed out; this one stays.
    auto write = [id = user.id, hash = std::move(hash),
                  keep = cookie.empty() ? std::string{} : sha256(cookie)](db::connection& conn) {
        db::set_password_hash(conn, id, hash);
        db::delete_user_web_sessions(conn, id, keep);
    };
    co_await store_.async_write(std::move(write), use_awaitable);
    co_return no_content();
}

}  // namespace plenary::server::auth
