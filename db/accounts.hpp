// Accounts in the store: users (admin, organizer) and their API tokens. Plain
// functions over a connection, called inside store jobs; tokens are stored as
// SHA-256 hashes only, so a copy of the database does not give access.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plenary::db {

class connection;

struct user_record {
    std::int64_t id = 0;
    std::string email;
    std::string name;
    std::string role;  // "admin" or "organizer"
};

// Throws problem(conflict) when the email is taken (case-insensitive).
std::int64_t insert_user(connection& conn, std::string_view email, std::string_view name, std::string_view role,
                         std::string_view password_hash);
std::optional<user_record> find_user_by_email(connection& conn, std::string_view email);
std::int64_t count_users(connection& conn);

// Stores sha256(token) for the user; returns the token row id.
std::int64_t insert_api_token(connection& conn, std::int64_t user_id, std::string_view token_hash,
                              std::string_view label);
struct token_owner {
    user_record user;
    std::optional<std::string> last_used_at;
};
// The user owning an unrevoked token with this hash.
std::optional<token_owner> find_user_by_token_hash(connection& conn, std::string_view token_hash);
void touch_api_token(connection& conn, std::string_view token_hash, std::string_view at);

struct api_token_record {
    std::int64_t id = 0;
    std::int64_t user_id = 0;
    std::optional<std::string> label;
    std::string created_at;
    std::optional<std::string> last_used_at;
    std::optional<std::string> revoked_at;
};
// A user's tokens, newest first; never the hash.
std::vector<api_token_record> list_api_tokens(connection& conn, std::int64_t user_id);
std::optional<api_token_record> find_api_token(connection& conn, std::int64_t token_id);
// Sets revoked_at unless already revoked; true when it changed.
bool revoke_api_token(connection& conn, std::int64_t token_id, std::string_view at);

}  // namespace plenary::db
