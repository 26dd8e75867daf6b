// Bearer-token and session-cookie authentication. Both secrets are looked up
// by SHA-256 (the store never holds them in clear); last-used times are
// refreshed at most once a minute so a busy client does not turn every read
// into a write.
#include "server/authenticator.hpp"

#include "common/access_log.hpp"
#include "common/clock.hpp"
#include "common/crypto.hpp"
#include "common/problem.hpp"
#include "db/store.hpp"
#include "db/web_sessions.hpp"
#include "server/auth/session_cookie.hpp"
#include "server/live/access_cache.hpp"
#include "server/registrations/manage_token.hpp"

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace plenary::server {

namespace {

constexpr std::string_view bearer_prefix = "Bearer ";
constexpr std::string_view csrf_failed = "CSRF check failed";

bool has_authorization(const request& req) {
    return req.find(http::field::authorization) != req.end();
}

bool stale(const std::optional<std::string>& last_used, const std::string& now) {
    // RFC 3339 UTC strings of equal shape compare like times; the first 16
    // characters are "YYYY-MM-DDTHH:MM", so a different prefix means another minute.
    return !last_used || last_used->compare(0, 16, now, 0, 16) != 0;
}

bool unsafe_method(http::verb v) {
    return v == http::verb::post || v == http::verb::put || v == http::verb::patch || v == http::verb::delete_;
}

// Queues a write nobody waits for; a failure is only logged. The completion
// runs on the request's executor: a handler without one is posted to Asio's
// system executor, which starts a pool of threads of its own just to log.
template <class Fn>
boost::asio::awaitable<void> record_use(db::store& store, Fn fn, std::string_view failure) {
    const auto ex = co_await boost::asio::this_coro::executor;
    store.async_write(std::move(fn), boost::asio::bind_executor(ex, [failure](std::exception_ptr err) {
                          if (err) log_event("warn", failure);
                      }));
}

}  // namespace

std::string_view authenticator::bearer_token(const request& req) {
    const auto it = req.find(http::field::authorization);
    if (it == req.end()) return {};
    const std::string_view value = it->value();
    if (value.size() <= bearer_prefix.size() || value.substr(0, bearer_prefix.size()) != bearer_prefix) return {};
    return value.substr(bearer_prefix.size());
}

boost::asio::awaitable<db::user_record> authenticator::bearer_user(const request_context& ctx) const {
    const auto token = bearer_token(ctx.req);
    if (token.empty() || token.size() > max_bearer_token_size) {
        throw problem(errc::unauthorized, "an organizer bearer token is required");
    }
    auto hash = sha256(token);
    // Named, not a temporary inside co_await: GCC 12 destroys a capturing
    // temporary lambda in a co_await expression twice.
    auto lookup = [hash](db::connection& conn) { return db::find_user_by_token_hash(conn, hash); };
    auto owner = co_await store_.async_read(std::move(lookup), boost::asio::use_awaitable);
    if (!owner) throw problem(errc::unauthorized, "unknown or revoked token");

    const auto now = now_rfc3339();
    if (stale(owner->last_used_at, now)) {
        // Not awaited: the answer does not depend on it.
        auto touch = [hash, now](db::connection& conn) { db::touch_api_token(conn, hash, now); };
        co_await record_use(store_, std::move(touch), "could not record token use");
    }
    co_return owner->user;
}

boost::asio::awaitable<std::optional<db::user_record>> authenticator::explicit_staff(const request_context& ctx) const {
    if (!has_authorization(ctx.req) && ctx.req.find("X-CSRF-Token") == ctx.req.end()) co_return std::nullopt;
    co_return co_await require_staff(ctx);
}

std::string authenticator::manage_token_hash(const request_context& ctx) {
    const auto token = bearer_token(ctx.req);
    if (token.empty() || token.size() > max_bearer_token_size) {
        throw problem(errc::unauthorized, "a manage token is required (Authorization: Bearer ...)");
    }
    return registrations::manage_token_key(token);
}

std::string checkin_caller::device() const {
    return kiosk ? std::string("k").append(std::to_string(kiosk->id))
                 : std::string("u").append(std::to_string(organizer ? organizer->id : 0));
}

std::string checkin_caller::device_name() const {
    if (kiosk) return kiosk->name;
    return organizer ? (organizer->name.empty() ? organizer->email : organizer->name) : std::string();
}

boost::asio::awaitable<db::kiosk_record> authenticator::require_kiosk(const request_context& ctx) const {
    const auto token = bearer_token(ctx.req);
    if (!token.starts_with(kiosk_token_prefix) || token.size() > max_bearer_token_size) {
        throw problem(errc::unauthorized, "a kiosk device token is required");
    }
    auto hash = sha256(token);
    std::uint64_t generation = 0;
    if (kiosks_ != nullptr) {
        // Read before the lookup: a revocation committed meanwhile outdates it.
        generation = kiosks_->generation();
        if (auto known = kiosks_->find_kiosk(hash, generation)) co_return std::move(*known);
    }
    auto lookup = [hash](db::connection& conn) { return db::find_kiosk_by_token(conn, hash); };
    auto kiosk = co_await store_.async_read(std::move(lookup), boost::asio::use_awaitable);
    if (!kiosk) throw problem(errc::unauthorized, "unknown kiosk token");
    if (kiosks_ != nullptr) kiosks_->put_kiosk(std::move(hash), *kiosk, generation);
    if (kiosk->revoked_at) {
        throw problem(errc::unauthorized, "this kiosk has been revoked").with_type("kiosk-revoked");
    }
    co_return std::move(*kiosk);
}

boost::asio::awaitable<checkin_caller> authenticator::require_kiosk_or_staff(const request_context& ctx) const {
    checkin_caller caller;
    if (bearer_token(ctx.req).starts_with(kiosk_token_prefix)) {
        caller.kiosk = co_await require_kiosk(ctx);
    } else {
        caller.organizer = co_await require_staff(ctx);
    }
    co_return caller;
}

boost::asio::awaitable<std::optional<web_session>> authenticator::find_session(const request_context& ctx) const {
    const auto cookie = auth::session_cookie_value(ctx.req);
    if (cookie.empty()) co_return std::nullopt;
    auto hash = sha256(cookie);
    const auto now_tp = std::chrono::system_clock::now();
    const auto now = format_rfc3339_utc(now_tp);
    auto lookup = [hash, now](db::connection& conn) { return db::find_web_session(conn, hash, now); };
    auto row = co_await store_.async_read(std::move(lookup), boost::asio::use_awaitable);
    if (!row) co_return std::nullopt;

    const std::chrono::seconds idle(row->idle_seconds);
    if (row->last_seen_at <= format_rfc3339_utc(now_tp - idle)) co_return std::nullopt;
    // Refresh often enough that the idle limit is not cut short by more than
    // a minute (or by half of a very short limit).
    const auto refresh_every = std::min<std::chrono::system_clock::duration>(std::chrono::minutes(1), idle / 2);
    if (row->last_seen_at <= format_rfc3339_utc(now_tp - refresh_every)) {
        auto touch = [hash, now](db::connection& conn) { db::touch_web_session(conn, hash, now); };
        co_await record_use(store_, std::move(touch), "could not record session use");
    }
    co_return web_session{std::move(row->user), std::move(hash), std::move(row->csrf_token)};
}

void authenticator::check_origin(const request_context& ctx) {
    const auto origin = ctx.req.find(http::field::origin);
    if (origin == ctx.req.end()) return;
    const auto host = ctx.req.find(http::field::host);
    if (host == ctx.req.end() || host->value().empty() || origin->value() != "https://" + std::string(host->value())) {
        throw problem(errc::forbidden, std::string(csrf_failed));
    }
}

void authenticator::check_csrf(const request_context& ctx, const web_session& session) {
    if (!unsafe_method(ctx.req.method())) return;
    const auto sent = ctx.req.find("X-CSRF-Token");
    if (sent == ctx.req.end() || !constant_time_equal(sent->value(), session.csrf_token)) {
        throw problem(errc::forbidden, std::string(csrf_failed));
    }
    check_origin(ctx);
}

boost::asio::awaitable<db::user_record> authenticator::require_staff(const request_context& ctx) const {
    if (has_authorization(ctx.req)) co_return co_await bearer_user(ctx);
    auto session = co_await find_session(ctx);
    if (!session) throw problem(errc::unauthorized, "sign in or send an organizer bearer token");
    check_csrf(ctx, *session);
    co_return std::move(session->user);
}

boost::asio::awaitable<std::optional<db::user_record>> authenticator::optional_staff(const request_context& ctx) const {
    if (has_authorization(ctx.req)) co_return co_await bearer_user(ctx);
    auto session = co_await find_session(ctx);
    if (!session) co_return std::nullopt;
    check_csrf(ctx, *session);
    co_return std::move(session->user);
}

}  // namespace plenary::server
