// Browser sign-in sessions in the store (table web_sessions), plus the one
// account query sign-in needs (the password hash). Plain functions over a
// connection, called inside store jobs. Sessions are keyed by sha256(cookie).
#pragma once

#include "db/accounts.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace plenary::db {

class connection;

struct login_record {
    user_record user;
    std::string password_hash;  // empty when the user has no password (API tokens only)
};
std::optional<login_record> find_login(connection& conn, std::string_view email);

struct new_web_session {
    std::int64_t user_id = 0;
    std::string token_hash;  // raw sha256 of the cookie value
    std::string csrf_token;
    std::string created_at;  // RFC 3339 UTC with milliseconds
    std::string expires_at;  // absolute end
    std::int64_t idle_seconds = 0;
};
void insert_web_session(connection& conn, const new_web_session& s);

struct web_session_record {
    user_record user;
    std::string csrf_token;
    std::string last_seen_at;
    std::int64_t idle_seconds = 0;
};
// The session with this hash whose absolute expiry is after `now` (same
// RFC 3339 shape); the idle limit is the caller's to check.
std::optional<web_session_record> find_web_session(connection& conn, std::string_view token_hash, std::string_view now);
void touch_web_session(connection& conn, std::string_view token_hash, std::string_view at);
// True when a session was deleted.
bool delete_web_session(connection& conn, std::string_view token_hash);
// Drops sessions past their absolute expiry. Idle ones are refused on use
// and go once their absolute expiry passes.
std::int64_t delete_expired_web_sessions(connection& conn, std::string_view now);

// Password changes: the new hash, and every other session of the user ends
// (except_hash: the session making the change, empty for none).
void set_password_hash(connection& conn, std::int64_t user_id, std::string_view password_hash);
void delete_user_web_sessions(connection& conn, std::int64_t user_id, std::string_view except_hash);

}  // namespace plenary::db
