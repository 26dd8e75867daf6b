// SQL for registrations, session choices, tallies, queues, search, the outbox
// and idempotent replies.
#include "db/registrations.hpp"

#include "common/clock.hpp"
#include "common/problem.hpp"
#include "common/text.hpp"
#include "db/connection.hpp"
#include "db/sqlite_error.hpp"

namespace plenary::db {

namespace {

constexpr std::string_view registration_columns =
    "id, event_id, status, name, email, email_key, organization, country, language, answers_json, ticket_code, "
    "queue_seq, source, created_at, updated_at, cancelled_at";

registration_record read_registration(const statement& st) {
    registration_record r;
    r.id = st.column_int64(0);
    r.event_id = st.column_int64(1);
    r.status = st.column_text(2);
    r.name = st.column_text(3);
    r.email = st.column_text(4);
    r.email_key = st.column_text(5);
    r.organization = st.column_text(6);
    r.country = st.column_text(7);
    r.language = st.column_text(8);
    r.answers_json = st.column_text(9);
    r.ticket_code = st.column_text(10);
    r.queue_seq = st.column_optional_int64(11);
    r.source = st.column_text(12);
    r.created_at = st.column_text(13);
    r.updated_at = st.column_text(14);
    r.cancelled_at = st.column_optional_text(15);
    return r;
}

std::optional<std::int64_t> first_int(statement& st) {
    return first_row(st, [](const statement& s) { return s.column_int64(0); });
}

std::int64_t count_of(statement& st) {
    return first_int(st).value_or(0);
}

// The WHERE clause shared by search and count; ?1 is the event id and ?2..?5
// the optional filters (NULL disables one).
constexpr std::string_view filter_sql =
    " FROM registrations r WHERE r.event_id = ?1 AND (?2 IS NULL OR r.status = ?2) AND (?3 IS NULL OR r.country = ?3)"
    " AND (?4 IS NULL OR EXISTS (SELECT 1 FROM registration_sessions c WHERE c.registration_id = r.id"
    " AND c.session_id = ?4))"
    " AND (?5 IS NULL OR instr(lower(r.name), ?5) > 0 OR instr(r.email_key, ?5) > 0"
    " OR instr(lower(r.organization), ?5) > 0)";

void bind_filter(statement& st, std::int64_t event_id, const registration_filter& f) {
    // lower() in SQLite folds ASCII only; fold the needle the same way.
    const auto query = f.query ? std::optional(to_lower_ascii(*f.query)) : std::nullopt;
    st.bind_all(event_id, f.status, f.country, f.session_id, query);
}

}  // namespace

std::int64_t insert_registration(connection& conn, registration_record& r, std::string_view manage_token_hash) {
    auto& st = conn.prepare(
        "INSERT INTO registrations(event_id, status, name, email, email_key, organization, country, language, "
        "answers_json, ticket_code, manage_token_hash, queue_seq, source, created_at, updated_at) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)");
    st.bind_all(r.event_id, r.status, r.name, r.email, r.email_key, r.organization, r.country, r.language,
                r.answers_json, r.ticket_code);
    st.bind(11, as_blob(manage_token_hash));
    st.bind(12, r.queue_seq);
    st.bind(13, r.source);
    auto stamp = now_rfc3339();
    st.bind(14, stamp);
    try {
        st.execute();
    } catch (const sqlite_error& e) {
        if (e.code() != errc::conflict || !has_live_registration(conn, r.event_id, r.email_key)) throw;
        throw problem(errc::conflict, "this email address is already registered for the event",
                      {{"email", "is already registered for this event"}});
    }
    r.id = conn.last_insert_rowid();
    r.created_at = stamp;
    r.updated_at = std::move(stamp);
    r.cancelled_at.reset();
    return r.id;
}

std::optional<registration_record> find_registration(connection& conn, std::int64_t event_id, std::int64_t id) {
    auto& st = conn.prepare("SELECT " + std::string(registration_columns) +
                            " FROM registrations WHERE event_id = ?1 AND id = ?2");
    st.bind_all(event_id, id);
    return first_row(st, read_registration);
}

std::optional<registration_record> find_registration_by_token(connection& conn, std::string_view manage_token_hash) {
    auto& st = conn.prepare("SELECT " + std::string(registration_columns) +
                            " FROM registrations WHERE manage_token_hash = ?1");
    st.bind(1, as_blob(manage_token_hash));
    return first_row(st, read_registration);
}

bool has_live_registration(connection& conn, std::int64_t event_id, std::string_view email_key) {
    static const std::string sql =
        std::string("SELECT 1 FROM registrations WHERE event_id = ?1 AND email_key = ?2 AND ")
            .append(live_registration_status);
    auto& st = conn.prepare(sql);
    st.bind_all(event_id, email_key);
    return first_int(st).has_value();
}

void update_registration_details(connection& conn, const registration_record& r) {
    auto& st = conn.prepare(
        "UPDATE registrations SET name = ?2, organization = ?3, country = ?4, language = ?5, answers_json = ?6, "
        "updated_at = ?7 WHERE id = ?1");
    st.bind_all(r.id, r.name, r.organization, r.country, r.language, r.answers_json, now_rfc3339());
    st.execute();
}

void set_registration_status(connection& conn, std::int64_t id, std::string_view status,
                             std::optional<std::int64_t> queue_seq) {
    auto& st = conn.prepare(
        "UPDATE registrations SET status = ?2, queue_seq = ?3, updated_at = ?4, "
        "cancelled_at = CASE WHEN ?2 = 'cancelled' THEN ?4 ELSE cancelled_at END WHERE id = ?1");
    st.bind_all(id, status, queue_seq, now_rfc3339());
    st.execute();
}

std::vector<session_choice> list_choices(connection& conn, std::int64_t registration_id) {
    auto& st = conn.prepare(
        "SELECT c.session_id, c.status, c.queue_seq FROM registration_sessions c JOIN sessions s ON s.id = "
        "c.session_id "
        "WHERE c.registration_id = ?1 ORDER BY s.starts_at, s.id");
    st.bind_all(registration_id);
    std::vector<session_choice> out;
    while (st.step()) out.push_back({st.column_int64(0), st.column_text(1), st.column_optional_int64(2)});
    return out;
}

void upsert_choice(connection& conn, std::int64_t registration_id, const session_choice& c) {
    auto& st = conn.prepare(
        "INSERT INTO registration_sessions(registration_id, session_id, status, queue_seq, created_at) "
        "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(registration_id, session_id) DO UPDATE SET "
        "status = excluded.status, queue_seq = excluded.queue_seq");
    st.bind_all(registration_id, c.session_id, c.status, c.queue_seq, now_rfc3339());
    st.execute();
}

void delete_choice(connection& conn, std::int64_t registration_id, std::int64_t session_id) {
    auto& st = conn.prepare("DELETE FROM registration_sessions WHERE registration_id = ?1 AND session_id = ?2");
    st.bind_all(registration_id, session_id);
    st.execute();
}

std::vector<std::int64_t> registrations_choosing(connection& conn, std::int64_t session_id) {
    auto& st = conn.prepare("SELECT registration_id FROM registration_sessions WHERE session_id = ?1 ORDER BY 1");
    st.bind_all(session_id);
    std::vector<std::int64_t> out;
    while (st.step()) out.push_back(st.column_int64(0));
    return out;
}

std::int64_t registration_tally(connection& conn, std::int64_t event_id, std::string_view status) {
    auto& st = conn.prepare("SELECT n FROM registration_tallies WHERE event_id = ?1 AND status = ?2");
    st.bind_all(event_id, status);
    return count_of(st);
}

std::int64_t session_tally(connection& conn, std::int64_t session_id, std::string_view status) {
    auto& st = conn.prepare("SELECT n FROM session_tallies WHERE session_id = ?1 AND status = ?2");
    st.bind_all(session_id, status);
    return count_of(st);
}

std::int64_t next_event_queue_seq(connection& conn, std::int64_t event_id) {
    auto& st = conn.prepare(
        "SELECT coalesce(max(queue_seq), 0) + 1 FROM registrations WHERE event_id = ?1 AND status = 'waitlisted'");
    st.bind_all(event_id);
    return count_of(st);
}

std::int64_t next_session_queue_seq(connection& conn, std::int64_t session_id) {
    auto& st = conn.prepare(
        "SELECT coalesce(max(queue_seq), 0) + 1 FROM registration_sessions WHERE session_id = ?1 "
        "AND status = 'waitlisted'");
    st.bind_all(session_id);
    return count_of(st);
}

std::optional<std::int64_t> first_waiting_registration(connection& conn, std::int64_t event_id) {
    auto& st = conn.prepare(
        "SELECT id FROM registrations WHERE event_id = ?1 AND status = 'waitlisted' ORDER BY queue_seq, id LIMIT 1");
    st.bind_all(event_id);
    return first_int(st);
}

std::optional<std::int64_t> first_waiting_choice(connection& conn, std::int64_t session_id) {
    auto& st = conn.prepare(
        "SELECT registration_id FROM registration_sessions WHERE session_id = ?1 AND status = 'waitlisted' "
        "ORDER BY queue_seq, registration_id LIMIT 1");
    st.bind_all(session_id);
    return first_int(st);
}

namespace {

// One waiting list: rows `scope_column = ?1 AND status = 'waitlisted'` of
// `table` in queue_seq order; `tally` counts them.
struct waiting_list {
    std::string_view table;
    std::string_view scope_column;
    std::int64_t (*tally)(connection&, std::int64_t, std::string_view);
};

std::string waiting_sql(const waiting_list& w, std::string_view select, std::string_view rest) {
    std::string sql("SELECT ");
    sql.append(select).append(" FROM ").append(w.table).append(" WHERE ").append(w.scope_column);
    sql.append(" = ?1 AND status = 'waitlisted'").append(rest);
    return sql;
}

// A position is one plus the people ahead. Counting from the nearer end of the
// line keeps this an index probe for the newest arrivals (every confirmation
// and its message) and for the front of the line, instead of a walk over a
// long queue: a rush that waitlists 10,000 people would otherwise visit 50
// million index entries. Each end is its own ORDER BY ... LIMIT 1 probe.
std::int64_t queue_position(connection& conn, const waiting_list& w, std::int64_t scope, std::int64_t seq) {
    auto end_seq = [&](std::string_view order) {
        auto& st = conn.prepare(waiting_sql(w, "queue_seq", order));
        st.bind_all(scope);
        return first_int(st).value_or(seq);
    };
    // The last in line, as every newly waitlisted registration is, is as far
    // back as the line is long.
    const auto last = end_seq(" ORDER BY queue_seq DESC LIMIT 1");
    if (seq >= last) return w.tally(conn, scope, "waitlisted");
    const auto first = end_seq(" ORDER BY queue_seq LIMIT 1");
    if (seq - first <= last - seq) {
        auto& ahead = conn.prepare(waiting_sql(w, "count(*)", " AND queue_seq < ?2"));
        ahead.bind_all(scope, seq);
        return count_of(ahead) + 1;
    }
    auto& behind = conn.prepare(waiting_sql(w, "count(*)", " AND queue_seq > ?2"));
    behind.bind_all(scope, seq);
    return w.tally(conn, scope, "waitlisted") - count_of(behind);
}

}  // namespace

std::vector<std::int64_t> event_queue_seqs(connection& conn, std::int64_t event_id) {
    auto& st = conn.prepare(
        waiting_sql({"registrations", "event_id", registration_tally}, "queue_seq", " ORDER BY queue_seq"));
    st.bind_all(event_id);
    std::vector<std::int64_t> out;
    while (st.step()) out.push_back(st.column_int64(0));
    return out;
}

std::int64_t event_queue_position(connection& conn, std::int64_t event_id, std::int64_t queue_seq) {
    return queue_position(conn, {"registrations", "event_id", registration_tally}, event_id, queue_seq);
}

std::int64_t session_queue_position(connection& conn, std::int64_t session_id, std::int64_t queue_seq) {
    return queue_position(conn, {"registration_sessions", "session_id", session_tally}, session_id, queue_seq);
}

std::vector<registration_record> list_registrations(connection& conn, std::int64_t event_id,
                                                    const registration_filter& filter, std::int64_t after_id,
                                                    std::size_t limit) {
    auto& st = conn.prepare("SELECT " + std::string(registration_columns) + std::string(filter_sql) +
                            " AND r.id > ?6 ORDER BY r.id LIMIT ?7");
    bind_filter(st, event_id, filter);
    st.bind(6, after_id);
    st.bind(7, static_cast<std::int64_t>(limit));
    std::vector<registration_record> out;
    while (st.step()) out.push_back(read_registration(st));
    return out;
}

std::int64_t count_registrations(connection& conn, std::int64_t event_id, const registration_filter& filter) {
    auto& st = conn.prepare("SELECT count(*)" + std::string(filter_sql));
    bind_filter(st, event_id, filter);
    return count_of(st);
}

void insert_outbox(connection& conn, const outbox_message& m) {
    auto& st = conn.prepare(
        "INSERT INTO outbox(event_id, registration_id, kind, language, recipient, subject, body, created_at) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    st.bind_all(m.event_id, m.registration_id, m.kind, m.language, m.recipient, m.subject, m.body, now_rfc3339());
    st.execute();
}

std::vector<outbox_message> list_outbox(connection& conn, std::int64_t event_id, std::optional<std::int64_t> before_id,
                                        std::size_t limit) {
    auto& st = conn.prepare(
        "SELECT id, event_id, registration_id, kind, language, recipient, subject, body, created_at, sent_at "
        "FROM outbox WHERE event_id = ?1 AND (?2 IS NULL OR id < ?2) ORDER BY id DESC LIMIT ?3");
    st.bind_all(event_id, before_id, static_cast<std::int64_t>(limit));
    std::vector<outbox_message> out;
    while (st.step()) {
        out.push_back({st.column_int64(0), st.column_int64(1), st.column_optional_int64(2), st.column_text(3),
                       st.column_text(4), st.column_text(5), st.column_text(6), st.column_text(7), st.column_text(8),
                       st.column_optional_text(9)});
    }
    return out;
}

std::optional<stored_reply> find_reply(connection& conn, std::string_view key_hash) {
    auto& st = conn.prepare("SELECT request_hash, status, sealed_body FROM idempotency_keys WHERE key_hash = ?1");
    st.bind(1, as_blob(key_hash));
    return first_row(st, [](const statement& s) {
        return stored_reply{s.column_blob_string(0), s.column_int(1), s.column_blob_string(2)};
    });
}

void insert_reply(connection& conn, std::string_view key_hash, const stored_reply& reply) {
    auto& st = conn.prepare(
        "INSERT INTO idempotency_keys(key_hash, request_hash, status, sealed_body, created_at) "
        "VALUES(?1, ?2, ?3, ?4, ?5)");
    st.bind(1, as_blob(key_hash));
    st.bind(2, as_blob(reply.request_hash));
    st.bind(3, reply.status);
    st.bind(4, as_blob(reply.sealed_body));
    st.bind(5, now_rfc3339());
    st.execute();
}

int expire_replies(connection& conn, std::string_view cutoff) {
    auto& st = conn.prepare("DELETE FROM idempotency_keys WHERE created_at < ?1");
    st.bind_all(cutoff);
    st.execute();
    return conn.changes();
}

}  // namespace plenary::db
