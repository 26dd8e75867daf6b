// SQL for kiosks, check-ins, attendance and nonce answers.
#include "db/checkins.hpp"

#include "common/clock.hpp"
#include "common/text.hpp"
#include "db/connection.hpp"
#include "db/registrations.hpp"

#include <map>

namespace plenary::db {

namespace {

constexpr std::string_view kiosk_columns = "id, event_id, name, session_id, created_at, revoked_at, last_seen_at";

kiosk_record read_kiosk(const statement& st) {
    return {st.column_int64(0), st.column_int64(1),         st.column_text(2),         st.column_optional_int64(3),
            st.column_text(4),  st.column_optional_text(5), st.column_optional_text(6)};
}

constexpr std::string_view checkin_columns =
    "id, event_id, registration_id, scope, direction, kiosk_id, user_id, device_name, scanned_at, received_at, "
    "offline, conflict, undone_at, undo_reason";

checkin_record read_checkin(const statement& st) {
    checkin_record c;
    c.id = st.column_int64(0);
    c.event_id = st.column_int64(1);
    c.registration_id = st.column_int64(2);
    c.scope = st.column_int64(3);
    c.direction = st.column_text(4);
    c.kiosk_id = st.column_optional_int64(5);
    c.user_id = st.column_optional_int64(6);
    c.device_name = st.column_text(7);
    c.scanned_at = st.column_text(8);
    c.received_at = st.column_text(9);
    c.offline = st.column_int(10) != 0;
    c.conflict = st.column_int(11) != 0;
    c.undone_at = st.column_optional_text(12);
    c.undo_reason = st.column_optional_text(13);
    return c;
}

std::string query_sql(std::string_view columns, std::string_view rest) {
    return std::string("SELECT ").append(columns).append(" ").append(rest);
}

}  // namespace

std::int64_t insert_kiosk(connection& conn, const kiosk_record& k, std::string_view token_hash) {
    auto& st = conn.prepare(
        "INSERT INTO kiosks(event_id, name, session_id, token_hash, created_at) VALUES(?1, ?2, ?3, ?4, ?5)");
    st.bind_all(k.event_id, k.name, k.session_id);
    st.bind(4, as_blob(token_hash));
    st.bind(5, now_rfc3339());
    st.execute();
    return conn.last_insert_rowid();
}

std::vector<kiosk_record> list_kiosks(connection& conn, std::int64_t event_id) {
    auto& st = conn.prepare(query_sql(kiosk_columns, "FROM kiosks WHERE event_id = ?1 ORDER BY id"));
    st.bind_all(event_id);
    std::vector<kiosk_record> out;
    while (st.step()) out.push_back(read_kiosk(st));
    return out;
}

std::optional<kiosk_record> find_kiosk(connection& conn, std::int64_t event_id, std::int64_t id) {
    auto& st = conn.prepare(query_sql(kiosk_columns, "FROM kiosks WHERE event_id = ?1 AND id = ?2"));
    st.bind_all(event_id, id);
    return first_row(st, read_kiosk);
}

std::optional<kiosk_record> find_kiosk_by_token(connection& conn, std::string_view token_hash) {
    auto& st = conn.prepare(query_sql(kiosk_columns, "FROM kiosks WHERE token_hash = ?1"));
    st.bind(1, as_blob(token_hash));
    return first_row(st, read_kiosk);
}

void revoke_kiosk(connection& conn, std::int64_t id) {
    auto& st = conn.prepare("UPDATE kiosks SET revoked_at = coalesce(revoked_at, ?2) WHERE id = ?1");
    st.bind_all(id, now_rfc3339());
    st.execute();
}

std::vector<std::int64_t> revoke_session_kiosks(connection& conn, std::int64_t session_id) {
    std::vector<std::int64_t> ids;
    {
        auto& st = conn.prepare("SELECT id FROM kiosks WHERE session_id = ?1 AND revoked_at IS NULL");
        st.bind_all(session_id);
        while (st.step()) ids.push_back(st.column_int64(0));
    }
    for (const auto id : ids) revoke_kiosk(conn, id);
    return ids;
}

void touch_kiosk(connection& conn, std::int64_t id) {
    auto& st = conn.prepare("UPDATE kiosks SET last_seen_at = ?2 WHERE id = ?1");
    st.bind_all(id, now_rfc3339());
    st.execute();
}

std::int64_t insert_checkin(connection& conn, const checkin_record& c) {
    auto& st = conn.prepare(
        "INSERT INTO checkins(event_id, registration_id, scope, direction, kiosk_id, user_id, device_name, scanned_at, "
        "received_at, offline, conflict) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    st.bind_all(c.event_id, c.registration_id, c.scope, c.direction, c.kiosk_id, c.user_id, c.device_name, c.scanned_at,
                c.received_at, c.offline ? 1 : 0, c.conflict ? 1 : 0);
    st.execute();
    return conn.last_insert_rowid();
}

std::optional<checkin_record> find_checkin(connection& conn, std::int64_t event_id, std::int64_t id) {
    auto& st = conn.prepare(query_sql(checkin_columns, "FROM checkins WHERE event_id = ?1 AND id = ?2"));
    st.bind_all(event_id, id);
    return first_row(st, read_checkin);
}

void undo_checkin(connection& conn, std::int64_t id, std::string_view reason) {
    auto& st = conn.prepare("UPDATE checkins SET undone_at = ?2, undo_reason = ?3 WHERE id = ?1");
    st.bind_all(id, now_rfc3339(), reason);
    st.execute();
}

std::vector<checkin_record> list_conflicts(connection& conn, std::int64_t event_id) {
    auto& st = conn.prepare(query_sql(
        checkin_columns, "FROM checkins WHERE event_id = ?1 AND conflict = 1 AND undone_at IS NULL ORDER BY id"));
    st.bind_all(event_id);
    std::vector<checkin_record> out;
    while (st.step()) out.push_back(read_checkin(st));
    return out;
}

std::vector<checkin_record> list_live_checkins(connection& conn, std::int64_t registration_id, std::int64_t scope) {
    auto& st = conn.prepare(query_sql(checkin_columns,
                                      "FROM checkins WHERE registration_id = ?1 AND scope = ?2 AND undone_at IS NULL "
                                      "AND conflict = 0 ORDER BY id"));
    st.bind_all(registration_id, scope);
    std::vector<checkin_record> out;
    while (st.step()) out.push_back(read_checkin(st));
    return out;
}

std::optional<attendance_record> find_attendance(connection& conn, std::int64_t registration_id, std::int64_t scope) {
    auto& st = conn.prepare(
        "SELECT registration_id, scope, event_id, first_checkin_id, first_at, first_device, inside FROM attendance "
        "WHERE registration_id = ?1 AND scope = ?2");
    st.bind_all(registration_id, scope);
    return first_row(st, [](const statement& s) {
        return attendance_record{s.column_int64(0), s.column_int64(1), s.column_int64(2),   s.column_int64(3),
                                 s.column_text(4),  s.column_text(5),  s.column_int(6) != 0};
    });
}

void upsert_attendance(connection& conn, const attendance_record& a) {
    auto& st = conn.prepare(
        "INSERT INTO attendance(registration_id, scope, event_id, first_checkin_id, first_at, first_device, inside) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(registration_id, scope) DO UPDATE SET "
        "first_checkin_id = excluded.first_checkin_id, first_at = excluded.first_at, "
        "first_device = excluded.first_device, inside = excluded.inside");
    st.bind_all(a.registration_id, a.scope, a.event_id, a.first_checkin_id, a.first_at, a.first_device,
                a.inside ? 1 : 0);
    st.execute();
}

void delete_attendance(connection& conn, std::int64_t registration_id, std::int64_t scope) {
    auto& st = conn.prepare("DELETE FROM attendance WHERE registration_id = ?1 AND scope = ?2");
    st.bind_all(registration_id, scope);
    st.execute();
}

std::optional<std::string> find_nonce_answer(connection& conn, std::string_view device, std::string_view nonce) {
    auto& st = conn.prepare("SELECT answer FROM checkin_nonces WHERE device = ?1 AND nonce = ?2");
    st.bind_all(device, nonce);
    return first_row(st, [](const statement& s) { return s.column_text(0); });
}

void insert_nonce_answer(connection& conn, std::string_view device, std::string_view nonce, std::string_view answer) {
    auto& st = conn.prepare("INSERT INTO checkin_nonces(device, nonce, answer, created_at) VALUES(?1, ?2, ?3, ?4)");
    st.bind_all(device, nonce, answer, now_rfc3339());
    st.execute();
}

void expire_nonce_answers(connection& conn, std::string_view cutoff) {
    auto& st = conn.prepare("DELETE FROM checkin_nonces WHERE created_at < ?1");
    st.bind_all(cutoff);
    st.execute();
}

std::optional<std::int64_t> find_registration_by_ticket(connection& conn, std::string_view ticket_code,
                                                        std::int64_t* event_id) {
    auto& st = conn.prepare("SELECT id, event_id FROM registrations WHERE ticket_code = ?1");
    st.bind_all(ticket_code);
    if (!st.step()) return std::nullopt;
    const auto id = st.column_int64(0);
    if (event_id != nullptr) *event_id = st.column_int64(1);
    st.reset();
    return id;
}

std::vector<attendee_hit> search_attendees(connection& conn, std::int64_t event_id, std::string_view query,
                                           std::size_t limit) {
    const auto needle = to_lower_ascii(query);
    static const std::string sql =
        std::string("SELECT id, name, organization, country, status FROM registrations WHERE event_id = ?1 AND ")
            .append(live_registration_status)
            .append(
                " AND (instr(lower(name), ?2) > 0 OR instr(lower(organization), ?2) > 0) ORDER BY name, id LIMIT ?3");
    auto& st = conn.prepare(sql);
    st.bind_all(event_id, needle, static_cast<std::int64_t>(limit));
    std::vector<attendee_hit> out;
    while (st.step()) {
        out.push_back({st.column_int64(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4)});
    }
    return out;
}

std::vector<kiosk_entry> kiosk_entries(connection& conn, std::int64_t event_id) {
    std::map<std::int64_t, std::vector<std::int64_t>> seats;
    {
        auto& st = conn.prepare(
            "SELECT c.registration_id, c.session_id FROM registration_sessions c JOIN registrations r "
            "ON r.id = c.registration_id WHERE r.event_id = ?1 AND c.status = 'confirmed'");
        st.bind_all(event_id);
        while (st.step()) seats[st.column_int64(0)].push_back(st.column_int64(1));
    }
    auto& st = conn.prepare(
        "SELECT id, name, organization, country, status, ticket_code FROM registrations WHERE event_id = ?1 "
        "ORDER BY id");
    st.bind_all(event_id);
    std::vector<kiosk_entry> out;
    while (st.step()) {
        kiosk_entry e{{st.column_int64(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4)},
                      st.column_text(5),
                      {}};
        if (const auto it = seats.find(e.attendee.registration_id); it != seats.end()) e.sessions = it->second;
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace plenary::db
