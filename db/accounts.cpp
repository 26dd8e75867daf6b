// SQL for users and API tokens.
#include "db/accounts.hpp"

#include "common/clock.hpp"
#include "common/problem.hpp"
#include "db/connection.hpp"

#include <span>

namespace plenary::db {

namespace {

api_token_record read_token(statement& st) {
    return {st.column_int64(0), st.column_int64(1),         st.column_optional_text(2),
            st.column_text(3),  st.column_optional_text(4), st.column_optional_text(5)};
}

user_record read_user(statement& st) {
    return {st.column_int64(0), st.column_text(1), st.column_text(2), st.column_text(3)};
}

}  // namespace

std::int64_t insert_user(connection& conn, std::string_view email, std::string_view name, std::string_view role,
                         std::string_view password_hash) {
    if (find_user_by_email(conn, email)) {
        throw problem(errc::conflict, "a user with this email already exists", {{"email", "already registered"}});
    }
    auto& st =
        conn.prepare("INSERT INTO users(email, name, role, password_hash, created_at) VALUES(?1, ?2, ?3, ?4, ?5)");
    st.bind_all(email, name, role, password_hash, now_rfc3339());
    st.execute();
    return conn.last_insert_rowid();
}

std::optional<user_record> find_user_by_email(connection& conn, std::string_view email) {
    auto& st = conn.prepare("SELECT id, email, name, role FROM users WHERE email = ?1");
    st.bind_all(email);
    if (!st.step()) return std::nullopt;
    return read_user(st);
}

std::int64_t count_users(connection& conn) {
    return conn.query_int64("SELECT count(*) FROM users");
}

std::int64_t insert_api_token(connection& conn, std::int64_t user_id, std::string_view token_hash,
                              std::string_view label) {
    auto& st = conn.prepare("INSERT INTO api_tokens(user_id, token_hash, label, created_at) VALUES(?1, ?2, ?3, ?4)");
    st.bind(1, user_id);
    st.bind(2, as_blob(token_hash));
    st.bind(3, label);
    st.bind(4, now_rfc3339());
    st.execute();
    return conn.last_insert_rowid();
}

std::optional<token_owner> find_user_by_token_hash(connection& conn, std::string_view token_hash) {
    auto& st = conn.prepare(
        "SELECT u.id, u.email, u.name, u.role, t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id "
        "WHERE t.token_hash = ?1 AND t.revoked_at IS NULL");
    st.bind(1, as_blob(token_hash));
    if (!st.step()) return std::nullopt;
    return token_owner{read_user(st), st.column_optional_text(4)};
}

void touch_api_token(connection& conn, std::string_view token_hash, std::string_view at) {
    auto& st = conn.prepare("UPDATE api_tokens SET last_used_at = ?2 WHERE token_hash = ?1");
    st.bind(1, as_blob(token_hash));
    st.bind(2, at);
    st.execute();
}

std::vector<api_token_record> list_api_tokens(connection& conn, std::int64_t user_id) {
    auto& st = conn.prepare(
        "SELECT id, user_id, label, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = ?1 "
        "ORDER BY id DESC");
    st.bind_all(user_id);
    std::vector<api_token_record> out;
    while (st.step()) out.push_back(read_token(st));
    return out;
}

std::optional<api_token_record> find_api_token(connection& conn, std::int64_t token_id) {
    auto& st =
        conn.prepare("SELECT id, user_id, label, created_at, last_used_at, revoked_at FROM api_tokens WHERE id = ?1");
    st.bind_all(token_id);
    if (!st.step()) return std::nullopt;
    auto out = read_token(st);
    st.reset();
    return out;
}

bool revoke_api_token(connection& conn, std::int64_t token_id, std::string_view at) {
    auto& st = conn.prepare("UPDATE api_tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL");
    st.bind_all(token_id, at);
    st.execute();
    return conn.changes() > 0;
}

}  // namespace plenary::db
