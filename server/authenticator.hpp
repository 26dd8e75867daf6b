// Who is calling: the one place that decides. An organizer API token
// (`Authorization: Bearer`) or a browser session cookie; cookie-authenticated
// writes must also pass the CSRF check (X-CSRF-Token equal to the session's
// token, and a same-origin Origin header when one is sent). Lookups go through
// the store's read pool.
#pragma once

#include "db/accounts.hpp"
#include "db/checkins.hpp"
#include "server/http_types.hpp"

#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <optional>
#include <string>

namespace plenary::db {
class store;
}

namespace plenary::server {

namespace live {
class access_cache;
}

// A check-in caller: an organizer (admin or staff member) or a kiosk device.
struct checkin_caller {
    std::optional<db::user_record> organizer;
    std::optional<db::kiosk_record> kiosk;
    // Who answers for a nonce: "k<kiosk id>" or "u<user id>".
    std::string device() const;
    // What check-in answers call the device: the kiosk's or the person's name.
    std::string device_name() const;
};

// A live browser session as the authenticator found it.
struct web_session {
    db::user_record user;
    std::string token_hash;  // sha256 of the cookie value
    std::string csrf_token;
};

// Kiosk device tokens start with this, so one look tells them from organizer tokens.
inline constexpr std::string_view kiosk_token_prefix = "pk_";

class authenticator {
public:
    explicit authenticator(db::store& store) : store_(store) {}
    // With `kiosks`, kiosk tokens are looked up there first and remembered
    // (see access_cache.hpp for why that stays correct).
    authenticator(db::store& store, live::access_cache& kiosks) : store_(store), kiosks_(&kiosks) {}

    // An admin or organizer; problem(unauthorized) without valid credentials,
    // problem(forbidden) when a cookie-authenticated write fails the CSRF check.
    boost::asio::awaitable<db::user_record> require_staff(const request_context& ctx) const;

    // For pages anyone may see: nullopt without credentials or with a stale
    // cookie (browsers keep sending those); a bad bearer token is still a 401.
    boost::asio::awaitable<std::optional<db::user_record>> optional_staff(const request_context& ctx) const;

    // Organizer mode of an endpoint anyone may use: only with explicit
    // credentials (a bearer token, or the session cookie together with its
    // CSRF header), so an organizer who merely has a cookie and uses a public
    // form acts like anyone else. nullopt without them.
    boost::asio::awaitable<std::optional<db::user_record>> explicit_staff(const request_context& ctx) const;

    // The token of `Authorization: Bearer <token>`; empty without one.
    static std::string_view bearer_token(const request& req);
    // Longer bearer tokens are refused unread (none of ours comes close).
    static constexpr std::size_t max_bearer_token_size = 512;

    // SHA-256 of an attendee's manage token (`Authorization: Bearer ...`),
    // for looking the registration up; problem(unauthorized) without one.
    static std::string manage_token_hash(const request_context& ctx);

    // A kiosk device token (`Authorization: Bearer pk_...`); problem
    // (unauthorized) otherwise, typed "kiosk-revoked" for a revoked kiosk so
    // the device can say so.
    boost::asio::awaitable<db::kiosk_record> require_kiosk(const request_context& ctx) const;
    // A kiosk token or organizer credentials, as the request carries.
    boost::asio::awaitable<checkin_caller> require_kiosk_or_staff(const request_context& ctx) const;

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
    live::access_cache* kiosks_ = nullptr;
};

}  // namespace plenary::server
