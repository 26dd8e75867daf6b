// Who is calling: the one place that decides. An organizer API token
// (`Authorization: Bearer`) or a browser session cookie; cookie-authenticated
// writes must also pass the CSRF check (X-CSRF-Token equal to the session's
// token, and a same-origin Origin header when one is sent). Lookups go through
// the store's read pool.
#pragma once

#include "db/accounts.hpp"
#include "server/http_types.hpp"

#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>

namespace plenary::db {
class store;
}

namespace plenary::server {

// A live browser session as the authenticator found it.
struct web_session {
    db::user_record user;
    std::string token_hash;  // sha256 of the cookie value
    std::string csrf_token;
};

class authenticator {
public:
    explicit authenticator(db::store& store) : store_(store) {}

    // An admin or organizer; problem(unauthorized) without valid credentials,
    // problem(forbidden) when a cookie-authenticated write fails the CSRF check.
    boost::asio::awaitable<db::user_record> require_staff(const request_context& ctx) const;

    // For pages anyone may see: nullopt without credentials or with a stale
    // cookie (browsers keep sending those); a bad bearer token is still a 401.
    boost::asio::awaitable<std::optional<db::user_record>> optional_staff(const request_context& ctx) const;

    // The session the cookie names, if it is live; no CSRF check.
    boost::asio::awaitable<std::optional<web_session>> find_session(const request_context& ctx) const;

    // Throws problem(forbidden, "CSRF check failed") for an unsafe method
    // (POST, PUT, PATCH, DELETE) without the session's token or from another origin.
    static void check_csrf(const request_context& ctx, const web_session& session);
    // Throws the same when an Origin header is present and is not this server.
    static void check_origin(const request_context& ctx);

private:
    boost::asio::awaitable<db::user_record> bearer_user(const request_context& ctx) const;

    db::store& store_;
};

}  // namespace plenary::server
