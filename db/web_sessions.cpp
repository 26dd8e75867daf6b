// SQL for browser sessions and password sign-in.
#include "db/web_sessions.hpp"

#include "db/connection.hpp"

#include <span>

namespace plenary::db {

std::optional<login_record> find_login(connection& conn, std::string_view email) {
    auto& st = conn.prepare("SELECT id, email, name, role, password_hash FROM users WHERE email = ?1");
    st.bind_all(email);
    if (!st.step()) return std::nullopt;
    return login_record{{st.column_int64(0), st.column_text(1), st.column_text(2), st.column_text(3)},
                        st.column_optional_text(4).value_or(std::string{})};
}

void insert_web_session(connection& conn, const new_web_session& s) {
    auto& st = conn.prepare(
        "INSERT INTO web_sessions(token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, idle_seconds) "
        "VALUES(?1, ?2, ?3, ?4, ?4, ?5, ?6)");
    st.bind(1, std::as_bytes(std::span<const char>(s.token_hash)));
    st.bind(2, s.user_id);
    st.bind(3, s.csrf_token);
    st.bind(4, s.created_at);
    st.bind(5, s.expires_at);
    st.bind(6, s.idle_seconds);
    st.execute();
}

std::optional<web_session_record> find_web_session(connection& conn, std::string_view token_hash,
                                                   std::string_view now) {
    auto& st = conn.prepare(
        "SELECT u.id, u.email, u.name, u.role, s.csrf_token, s.last_seen_at, s.idle_seconds "
        "FROM web_sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1 AND s.expires_at > ?2");
    st.bind(1, std::as_bytes(std::span<const char>(token_hash)));
    st.bind(2, now);
    if (!st.step()) return std::nullopt;
    web_session_record out{{st.column_int64(0), st.column_text(1), st.column_text(2), st.column_text(3)},
                           st.column_text(4),
                           st.column_text(5),
                           st.column_int64(6)};
    st.reset();
    return out;
}

void touch_web_session(connection& conn, std::string_view token_hash, std::string_view at) {
    auto& st = conn.prepare("UPDATE web_sessions SET last_seen_at = ?2 WHERE token_hash = ?1");
    st.bind(1, std::as_bytes(std::span<const char>(token_hash)));
    st.bind(2, at);
    st.execute();
}

bool delete_web_session(connection& conn, std::string_view token_hash) {
    auto& st = conn.prepare("DELETE FROM web_sessions WHERE token_hash = ?1");
    st.bind(1, std::as_bytes(std::span<const char>(token_hash)));
    st.execute();
    return conn.changes() > 0;
}

std::int64_t delete_expired_web_sessions(connection& conn, std::string_view now) {
    auto& st = conn.prepare("DELETE FROM web_sessions WHERE expires_at <= ?1");
    st.bind(1, now);
    st.execute();
    return conn.changes();
}

void set_password_hash(connection& conn, std::int64_t user_id, std::string_view password_hash) {
    auto& st = conn.prepare("UPDATE users SET password_hash = ?2 WHERE id = ?1");
    st.bind_all(user_id, password_hash);
    st.execute();
}

void delete_user_web_sessions(connection& conn, std::int64_t user_id, std::string_view except_hash) {
    auto& st = conn.prepare("DELETE FROM web_sessions WHERE user_id = ?1 AND token_hash IS NOT ?2");
    st.bind(1, user_id);
    st.bind(2, std::as_bytes(std::span<const char>(except_hash)));
    st.execute();
}

}  // namespace plenary::db
