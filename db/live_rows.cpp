// Bulk and captured reads of the live-count rows; see live_rows.hpp.
#include "db/live_rows.hpp"

#include "db/connection.hpp"
#include "db/statement.hpp"

#include <algorithm>

namespace plenary::db {

namespace {

// One column list per kind, used for both the SELECTs and the capture.
const std::vector<std::string> registration_columns{"id",   "event_id",     "status",      "country",
                                                    "name", "organization", "answers_json"};
const std::vector<std::string> choice_columns{"registration_id", "session_id", "status"};
const std::vector<std::string> attendance_columns{"registration_id", "scope", "event_id", "first_at", "inside"};
const std::vector<std::string> checkin_columns{"id",        "event_id",    "registration_id", "scope",
                                               "direction", "device_name", "scanned_at",      "undone_at"};

std::string select_list(const std::vector<std::string>& columns, const char* alias) {
    std::string out;
    for (const auto& c : columns) {
        if (!out.empty()) out += ", ";
        out.append(alias).append(".").append(c);
    }
    return out;
}

// A statement row seen through the same accessor as a captured one.
std::vector<captured_value> values_of(const statement& st) {
    std::vector<captured_value> out;
    for (int i = 0; i < st.column_count(); ++i) {
        if (st.is_null(i)) {
            out.emplace_back(std::monostate{});
        } else {
            out.emplace_back(st.column_text(i));
        }
    }
    return out;
}

}  // namespace

// The columns that decide who may see an event's counts; other columns of
// these tables (last_seen_at, names) change without affecting access.
const std::vector<watched_table> access_tables{
    {"users", {"id", "role"}},
    {"api_tokens", {"user_id", "token_hash", "revoked_at"}},
    {"kiosks", {"event_id", "token_hash", "revoked_at"}},
    {"event_staff", {"event_id", "user_id"}},
};

std::vector<watched_table> live_watched_tables() {
    std::vector<watched_table> out{{"registrations", registration_columns},
                                   {"registration_sessions", choice_columns},
                                   {"attendance", attendance_columns},
                                   {"checkins", checkin_columns},
                                   // id first (structural_event_id); slug and status bear on access.
                                   {"events", {"id", "slug", "status"}},
                                   {"sessions", {"event_id"}},
                                   {"event_questions", {"event_id"}}};
    out.insert(out.end(), access_tables.begin(), access_tables.end());
    return out;
}

bool access_changed(const change_batch& batch) {
    if (!batch.complete) return true;
    for (const auto& c : batch.rows) {
        const bool access_table =
            c.table == "events" || std::any_of(access_tables.begin(), access_tables.end(),
                                               [&c](const watched_table& t) { return t.name == c.table; });
        if (access_table && (c.op != change_op::update || c.before != c.after)) return true;
    }
    return false;
}

live_registration_row registration_row_from(const captured_row& r) {
    return {r.int64(0), r.int64(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6)};
}

live_choice_row choice_row_from(const captured_row& r) {
    return {r.int64(0), r.int64(1), r.text(2)};
}

live_attendance_row attendance_row_from(const captured_row& r) {
    return {r.int64(0), r.int64(1), r.int64(2), r.text(3), r.int64(4) != 0};
}

live_checkin_row checkin_row_from(const captured_row& r) {
    return {r.int64(0), r.int64(1), r.int64(2), r.int64(3), r.text(4), r.text(5), r.text(6), r.optional_text(7)};
}

std::int64_t structural_event_id(const row_change& change) {
    return captured_row(change.after.empty() ? change.before : change.after).int64(0);
}

std::vector<std::int64_t> list_event_ids(connection& conn) {
    auto& st = conn.prepare("SELECT id FROM events ORDER BY id");
    std::vector<std::int64_t> out;
    while (st.step()) out.push_back(st.column_int64(0));
    return out;
}

void for_each_registration(connection& conn, std::int64_t event_id,
                           const std::function<void(const live_registration_row&)>& fn) {
    auto& st = conn.prepare("SELECT " + select_list(registration_columns, "r") +
                            " FROM registrations r WHERE r.event_id = ?1 ORDER BY r.id");
    st.bind_all(event_id);
    while (st.step()) {
        const auto values = values_of(st);
        fn(registration_row_from(captured_row(values)));
    }
}

void for_each_choice(connection& conn, std::int64_t event_id, const std::function<void(const live_choice_row&)>& fn) {
    auto& st = conn.prepare("SELECT " + select_list(choice_columns, "c") +
                            " FROM registration_sessions c JOIN sessions s ON s.id = c.session_id"
                            " WHERE s.event_id = ?1");
    st.bind_all(event_id);
    while (st.step()) {
        const auto values = values_of(st);
        fn(choice_row_from(captured_row(values)));
    }
}

void for_each_attendance(connection& conn, std::int64_t event_id,
                         const std::function<void(const live_attendance_row&)>& fn) {
    auto& st =
        conn.prepare("SELECT " + select_list(attendance_columns, "a") + " FROM attendance a WHERE a.event_id = ?1");
    st.bind_all(event_id);
    while (st.step()) {
        const auto values = values_of(st);
        fn(attendance_row_from(captured_row(values)));
    }
}

std::vector<live_signup_row> recent_signups(connection& conn, std::int64_t event_id, std::size_t limit) {
    std::vector<live_signup_row> out;
    const auto take = [&](const char* kind, const std::string& sql) {
        auto& st = conn.prepare(sql);
        st.bind_all(event_id, static_cast<std::int64_t>(limit));
        while (st.step())
            out.push_back({kind, st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3)});
    };
    take("registered",
         "SELECT created_at, name, organization, country FROM registrations WHERE event_id = ?1 "
         "ORDER BY id DESC LIMIT ?2");
    take("cancelled",
         "SELECT cancelled_at, name, organization, country FROM registrations WHERE event_id = ?1 "
         "AND cancelled_at IS NOT NULL ORDER BY cancelled_at DESC LIMIT ?2");
    return out;
}

std::vector<live_checkin_row> recent_checkins(connection& conn, std::int64_t event_id, std::size_t limit) {
    auto& st = conn.prepare("SELECT " + select_list(checkin_columns, "c") +
                            " FROM checkins c WHERE c.event_id = ?1 ORDER BY c.id DESC LIMIT ?2");
    st.bind_all(event_id, static_cast<std::int64_t>(limit));
    std::vector<live_checkin_row> out;
    while (st.step()) {
        const auto values = values_of(st);
        out.push_back(checkin_row_from(captured_row(values)));
    }
    std::reverse(out.begin(), out.end());
    return out;
}

}  // namespace plenary::db
