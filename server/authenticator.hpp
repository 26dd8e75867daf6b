// Who is calling: resolves `Authorization: Bearer <token>` to a user through
// the store's read pool. Later areas add cookies, kiosk and attendee tokens
// here, so every handler asks one place.
#pragma once

#include "db/accounts.hpp"
#include "server/http_types.hpp"

namespace plenary::db {
class store;
}

namespace plenary::server {

class authenticator {
public:
    explicit authenticator(db::store& store) : store_(store) {}

    // An admin or organizer; problem(unauthorized) without a valid token.
    boost::asio::awaitable<db::user_record> require_staff(const request_context& ctx) const;

private:
    db::store& store_;
};

}  // namespace plenary::server
