// Bearer-token authentication. Tokens are looked up by SHA-256 hash (the
// store never holds them in clear); last_used_at is refreshed at most once a
// minute so a busy client does not turn every read into a write.
#include "server/authenticator.hpp"

#include "common/access_log.hpp"
#include "common/clock.hpp"
#include "common/crypto.hpp"
#include "common/problem.hpp"
#include "db/store.hpp"

#include <boost/asio/use_awaitable.hpp>

namespace plenary::server {

namespace {

constexpr std::string_view bearer_prefix = "Bearer ";

std::string_view bearer_token(const request& req) {
    const auto it = req.find(http::field::authorization);
    if (it == req.end()) return {};
    const std::string_view value = it->value();
    if (value.size() <= bearer_prefix.size() || value.substr(0, bearer_prefix.size()) != bearer_prefix) return {};
    return value.substr(bearer_prefix.size());
}

bool stale(const std::optional<std::string>& last_used, const std::string& now) {
    // RFC 3339 UTC strings of equal shape compare like times; the first 16
    // characters are "YYYY-MM-DDTHH:MM", so a different prefix means another minute.
    return !last_used || last_used->compare(0, 16, now, 0, 16) != 0;
}

}  // namespace

boost::asio::awaitable<db::user_record> authenticator::require_staff(const request_context& ctx) const {
    const auto token = bearer_token(ctx.req);
    if (token.empty() || token.size() > 512) {
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
        // Not awaited: the answer does not depend on it. A failure is logged.
        store_.async_write([hash, now](db::connection& conn) { db::touch_api_token(conn, hash, now); },
                           [](std::exception_ptr err) {
                               if (err) log_event("warning", "could not record token use");
                           });
    }
    co_return owner->user;
}

}  // namespace plenary::server
