// SQL for events, questions, rooms, sessions, speakers, staff and audit rows.
#include "db/events.hpp"

#include "common/clock.hpp"
#include "common/crypto.hpp"
#include "common/problem.hpp"
#include "db/connection.hpp"

#include <boost/json.hpp>

namespace plenary::db {

namespace {

namespace json = boost::json;

constexpr std::string_view event_columns =
    "id, slug, title_en, title_zh, description_en, description_zh, venue, timezone, starts_at, ends_at, capacity, "
    "status, registration_opens_at, registration_closes_at, requires_approval, created_at, updated_at, public_display";

event_record read_event_row(const statement& st) {
    event_record e;
    e.id = st.column_int64(0);
    e.slug = st.column_text(1);
    e.title = {st.column_text(2), st.column_text(3)};
    e.description = {st.column_text(4), st.column_text(5)};
    e.venue = st.column_text(6);
    e.timezone = st.column_text(7);
    e.starts_at = st.column_text(8);
    e.ends_at = st.column_text(9);
    e.capacity = st.column_optional_int64(10);
    e.status = st.column_text(11);
    e.registration_opens_at = st.column_optional_text(12);
    e.registration_closes_at = st.column_optional_text(13);
    e.requires_approval = st.column_int(14) != 0;
    e.created_at = st.column_text(15);
    e.updated_at = st.column_text(16);
    e.public_display = st.column_int(17) != 0;
    return e;
}

std::string options_to_json(const std::vector<question_option>& options) {
    json::array out;
    for (const auto& o : options) {
        out.push_back(
            json::object{{"value", o.value}, {"label", json::object{{"en", o.label.en}, {"zh", o.label.zh}}}});
    }
    return json::serialize(out);
}

// The column is only ever written by options_to_json, so a parse failure is
// corruption and worth an exception.
std::vector<question_option> options_from_json(const std::string& text) {
    std::vector<question_option> out;
    const auto parsed = json::parse(text);
    for (const auto& v : parsed.as_array()) {
        const auto& o = v.as_object();
        const auto& label = o.at("label").as_object();
        out.push_back({json::value_to<std::string>(o.at("value")),
                       {json::value_to<std::string>(label.at("en")), json::value_to<std::string>(label.at("zh"))}});
    }
    return out;
}

std::vector<question> load_questions(connection& conn, std::int64_t event_id) {
    auto& st = conn.prepare(
        "SELECT id, key, type, label_en, label_zh, required, options_json FROM event_questions WHERE event_id = ?1 "
        "ORDER BY position");
    st.bind_all(event_id);
    std::vector<question> out;
    while (st.step()) {
        out.push_back({st.column_int64(0),
                       st.column_text(1),
                       st.column_text(2),
                       {st.column_text(3), st.column_text(4)},
                       st.column_int(5) != 0,
                       options_from_json(st.column_text(6))});
    }
    return out;
}

void write_questions(connection& conn, std::int64_t event_id, const std::vector<question>& questions) {
    // Keys that survive keep their row (and id); the rest go.
    std::vector<std::int64_t> kept;
    auto& find = conn.prepare("SELECT id FROM event_questions WHERE event_id = ?1 AND key = ?2");
    auto& update = conn.prepare(
        "UPDATE event_questions SET position = ?2, type = ?3, label_en = ?4, label_zh = ?5, required = ?6, "
        "options_json = ?7 WHERE id = ?1");
    auto& insert = conn.prepare(
        "INSERT INTO event_questions(event_id, position, key, type, label_en, label_zh, required, options_json) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    for (std::size_t i = 0; i < questions.size(); ++i) {
        const auto& q = questions[i];
        const auto position = static_cast<std::int64_t>(i);
        find.bind_all(event_id, q.key);
        if (find.step()) {
            const auto id = find.column_int64(0);
            find.reset();
            update.bind_all(id, position, q.type, q.label.en, q.label.zh, q.required ? 1 : 0,
                            options_to_json(q.options));
            update.execute();
            kept.push_back(id);
        } else {
            find.reset();
            insert.bind_all(event_id, position, q.key, q.type, q.label.en, q.label.zh, q.required ? 1 : 0,
                            options_to_json(q.options));
            insert.execute();
            kept.push_back(conn.last_insert_rowid());
        }
    }
    json::array keep_ids;
    for (const auto id : kept) keep_ids.push_back(id);
    auto& remove =
        conn.prepare("DELETE FROM event_questions WHERE event_id = ?1 AND id NOT IN (SELECT value FROM json_each(?2))");
    remove.bind_all(event_id, json::serialize(keep_ids));
    remove.execute();
}

bool slug_taken(connection& conn, std::string_view slug, std::int64_t except_id) {
    auto& st = conn.prepare("SELECT 1 FROM events WHERE slug = ?1 AND id <> ?2");
    st.bind_all(slug, except_id);
    return st.step();
}

session_record read_session_row(const statement& st) {
    session_record s;
    s.id = st.column_int64(0);
    s.event_id = st.column_int64(1);
    s.uid = st.column_text(2);
    s.sequence = st.column_int64(3);
    s.title = {st.column_text(4), st.column_text(5)};
    s.abstract = {st.column_text(6), st.column_text(7)};
    s.kind = st.column_text(8);
    s.starts_at = st.column_text(9);
    s.ends_at = st.column_text(10);
    s.room_id = st.column_optional_int64(11);
    s.room_name = st.column_optional_text(12).value_or("");
    s.capacity = st.column_optional_int64(13);
    s.requires_signup = st.column_int(14) != 0;
    s.track = st.column_text(15);
    s.topic = st.column_text(16);
    s.updated_at = st.column_text(17);
    return s;
}

constexpr std::string_view session_select =
    "SELECT s.id, s.event_id, s.uid, s.sequence, s.title_en, s.title_zh, s.abstract_en, s.abstract_zh, s.kind, "
    "s.starts_at, s.ends_at, s.room_id, r.name, s.capacity, s.requires_signup, s.track, s.topic, s.updated_at "
    "FROM sessions s LEFT JOIN rooms r ON r.id = s.room_id ";

std::vector<speaker> load_speakers(connection& conn, std::int64_t session_id) {
    auto& st = conn.prepare(
        "SELECT name, organization, country, role FROM session_speakers WHERE session_id = ?1 ORDER BY position");
    st.bind_all(session_id);
    std::vector<speaker> out;
    while (st.step()) out.push_back({st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3)});
    return out;
}

void write_speakers(connection& conn, std::int64_t session_id, const std::vector<speaker>& speakers) {
    auto& clear = conn.prepare("DELETE FROM session_speakers WHERE session_id = ?1");
    clear.bind_all(session_id);
    clear.execute();
    auto& insert = conn.prepare(
        "INSERT INTO session_speakers(session_id, position, name, organization, country, role) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    for (std::size_t i = 0; i < speakers.size(); ++i) {
        const auto& sp = speakers[i];
        insert.bind_all(session_id, static_cast<std::int64_t>(i), sp.name, sp.organization, sp.country, sp.role);
        insert.execute();
    }
}

// The event of the statement's first row, with its questions.
std::optional<event_record> first_event(connection& conn, statement& st) {
    auto e = first_row(st, read_event_row);
    if (e) e->questions = load_questions(conn, e->id);
    return e;
}

}  // namespace

// ---- events -----------------------------------------------------------------

std::int64_t insert_event(connection& conn, const event_record& e) {
    if (slug_taken(conn, e.slug, 0)) {
        throw problem(errc::conflict, "an event with this slug already exists", {{"slug", "already taken"}});
    }
    const auto now = now_rfc3339();
    auto& st = conn.prepare(
        "INSERT INTO events(slug, title_en, title_zh, description_en, description_zh, venue, timezone, starts_at, "
        "ends_at, capacity, status, registration_opens_at, registration_closes_at, requires_approval, created_at, "
        "updated_at, public_display) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, "
        "?16)");
    st.bind_all(e.slug, e.title.en, e.title.zh, e.description.en, e.description.zh, e.venue, e.timezone, e.starts_at,
                e.ends_at, e.capacity, e.status, e.registration_opens_at, e.registration_closes_at,
                e.requires_approval ? 1 : 0, now, e.public_display ? 1 : 0);
    st.execute();
    const auto id = conn.last_insert_rowid();
    write_questions(conn, id, e.questions);
    return id;
}

void update_event(connection& conn, const event_record& e) {
    if (slug_taken(conn, e.slug, e.id)) {
        throw problem(errc::conflict, "an event with this slug already exists", {{"slug", "already taken"}});
    }
    auto& st = conn.prepare(
        "UPDATE events SET slug = ?2, title_en = ?3, title_zh = ?4, description_en = ?5, description_zh = ?6, "
        "venue = ?7, timezone = ?8, starts_at = ?9, ends_at = ?10, capacity = ?11, status = ?12, "
        "registration_opens_at = ?13, registration_closes_at = ?14, requires_approval = ?15, updated_at = ?16, "
        "public_display = ?17 WHERE id = ?1");
    st.bind_all(e.id, e.slug, e.title.en, e.title.zh, e.description.en, e.description.zh, e.venue, e.timezone,
                e.starts_at, e.ends_at, e.capacity, e.status, e.registration_opens_at, e.registration_closes_at,
                e.requires_approval ? 1 : 0, now_rfc3339(), e.public_display ? 1 : 0);
    st.execute();
    write_questions(conn, e.id, e.questions);
}

std::optional<event_record> find_event_by_id(connection& conn, std::int64_t id) {
    auto& st = conn.prepare(std::string("SELECT ").append(event_columns).append(" FROM events WHERE id = ?1"));
    st.bind_all(id);
    return first_event(conn, st);
}

std::optional<event_record> find_event_by_slug(connection& conn, std::string_view slug) {
    auto& st = conn.prepare(std::string("SELECT ").append(event_columns).append(" FROM events WHERE slug = ?1"));
    st.bind_all(slug);
    return first_event(conn, st);
}

std::vector<event_record> list_events(connection& conn, std::optional<std::int64_t> user_id, bool admin) {
    auto& st = conn.prepare(std::string("SELECT ")
                                .append(event_columns)
                                .append(" FROM events e WHERE status <> 'draft' OR ?1 OR EXISTS (SELECT 1 FROM "
                                        "event_staff s WHERE s.event_id = e.id AND s.user_id = ?2) "
                                        "ORDER BY starts_at, id"));
    st.bind_all(admin ? 1 : 0, user_id);
    std::vector<event_record> out;
    while (st.step()) out.push_back(read_event_row(st));
    st.reset();
    for (auto& e : out) e.questions = load_questions(conn, e.id);
    return out;
}

std::int64_t count_events(connection& conn) {
    return conn.query_int64("SELECT count(*) FROM events");
}

std::optional<time_span> session_span(connection& conn, std::int64_t event_id) {
    auto& st = conn.prepare("SELECT min(starts_at), max(ends_at) FROM sessions WHERE event_id = ?1");
    st.bind_all(event_id);
    if (!st.step() || st.is_null(0)) return std::nullopt;
    return time_span{st.column_text(0), st.column_text(1)};
}

// ---- rooms ------------------------------------------------------------------

std::int64_t insert_room(connection& conn, const room_record& r) {
    if (find_room_by_name(conn, r.event_id, r.name)) {
        throw problem(errc::conflict, "a room with this name already exists", {{"name", "already taken"}});
    }
    auto& st = conn.prepare("INSERT INTO rooms(event_id, name, capacity) VALUES(?1, ?2, ?3)");
    st.bind_all(r.event_id, r.name, r.capacity);
    st.execute();
    return conn.last_insert_rowid();
}

void update_room(connection& conn, const room_record& r) {
    if (const auto other = find_room_by_name(conn, r.event_id, r.name); other && other->id != r.id) {
        throw problem(errc::conflict, "a room with this name already exists", {{"name", "already taken"}});
    }
    auto& st = conn.prepare("UPDATE rooms SET name = ?3, capacity = ?4 WHERE id = ?1 AND event_id = ?2");
    st.bind_all(r.id, r.event_id, r.name, r.capacity);
    st.execute();
}

void delete_room(connection& conn, std::int64_t event_id, std::int64_t room_id) {
    auto& used = conn.prepare("SELECT count(*) FROM sessions WHERE room_id = ?1");
    used.bind_all(room_id);
    used.step();
    const auto sessions = used.column_int64(0);
    used.reset();
    if (sessions > 0) {
        throw problem(errc::conflict,
                      "the room is used by " + std::to_string(sessions) + " session(s); move or delete them first");
    }
    auto& st = conn.prepare("DELETE FROM rooms WHERE id = ?1 AND event_id = ?2");
    st.bind_all(room_id, event_id);
    st.execute();
}

std::vector<room_record> list_rooms(connection& conn, std::int64_t event_id) {
    auto& st = conn.prepare("SELECT id, event_id, name, capacity FROM rooms WHERE event_id = ?1 ORDER BY name, id");
    st.bind_all(event_id);
    std::vector<room_record> out;
    while (st.step())
        out.push_back({st.column_int64(0), st.column_int64(1), st.column_text(2), st.column_optional_int64(3)});
    return out;
}

std::optional<room_record> find_room(connection& conn, std::int64_t event_id, std::int64_t room_id) {
    auto& st = conn.prepare("SELECT id, event_id, name, capacity FROM rooms WHERE id = ?1 AND event_id = ?2");
    st.bind_all(room_id, event_id);
    if (!st.step()) return std::nullopt;
    return room_record{st.column_int64(0), st.column_int64(1), st.column_text(2), st.column_optional_int64(3)};
}

std::optional<room_record> find_room_by_name(connection& conn, std::int64_t event_id, std::string_view name) {
    auto& st =
        conn.prepare("SELECT id, event_id, name, capacity FROM rooms WHERE event_id = ?1 AND name = ?2 COLLATE NOCASE");
    st.bind_all(event_id, name);
    if (!st.step()) return std::nullopt;
    return room_record{st.column_int64(0), st.column_int64(1), st.column_text(2), st.column_optional_int64(3)};
}

// ---- sessions ---------------------------------------------------------------

std::int64_t insert_session(connection& conn, const session_record& s) {
    const auto uid = s.uid.empty() ? to_hex(random_bytes(16)) : s.uid;
    const auto now = now_rfc3339();
    auto& st = conn.prepare(
        "INSERT INTO sessions(event_id, uid, sequence, title_en, title_zh, abstract_en, abstract_zh, kind, starts_at, "
        "ends_at, room_id, capacity, requires_signup, track, topic, created_at, updated_at) "
        "VALUES(?1, ?2, 0, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)");
    st.bind_all(s.event_id, uid, s.title.en, s.title.zh, s.abstract.en, s.abstract.zh, s.kind, s.starts_at, s.ends_at,
                s.room_id, s.capacity, s.requires_signup ? 1 : 0, s.track, s.topic, now);
    st.execute();
    const auto id = conn.last_insert_rowid();
    write_speakers(conn, id, s.speakers);
    return id;
}

void update_session(connection& conn, const session_record& s) {
    auto& st = conn.prepare(
        "UPDATE sessions SET sequence = sequence + 1, title_en = ?3, title_zh = ?4, abstract_en = ?5, "
        "abstract_zh = ?6, kind = ?7, starts_at = ?8, ends_at = ?9, room_id = ?10, capacity = ?11, "
        "requires_signup = ?12, track = ?13, topic = ?14, updated_at = ?15 WHERE id = ?1 AND event_id = ?2");
    st.bind_all(s.id, s.event_id, s.title.en, s.title.zh, s.abstract.en, s.abstract.zh, s.kind, s.starts_at, s.ends_at,
                s.room_id, s.capacity, s.requires_signup ? 1 : 0, s.track, s.topic, now_rfc3339());
    st.execute();
    write_speakers(conn, s.id, s.speakers);
}

void delete_session(connection& conn, std::int64_t event_id, std::int64_t session_id) {
    auto& st = conn.prepare("DELETE FROM sessions WHERE id = ?1 AND event_id = ?2");
    st.bind_all(session_id, event_id);
    st.execute();
}

std::optional<session_record> find_session(connection& conn, std::int64_t event_id, std::int64_t session_id) {
    auto& st = conn.prepare(std::string(session_select).append("WHERE s.id = ?1 AND s.event_id = ?2"));
    st.bind_all(session_id, event_id);
    if (!st.step()) return std::nullopt;
    auto s = read_session_row(st);
    st.reset();
    s.speakers = load_speakers(conn, s.id);
    return s;
}

std::vector<session_record> list_sessions(connection& conn, std::int64_t event_id) {
    auto& st = conn.prepare(std::string(session_select).append("WHERE s.event_id = ?1 ORDER BY s.starts_at, s.id"));
    st.bind_all(event_id);
    std::vector<session_record> out;
    while (st.step()) out.push_back(read_session_row(st));
    st.reset();
    for (auto& s : out) s.speakers = load_speakers(conn, s.id);
    return out;
}

std::optional<session_record> find_room_clash(connection& conn, std::int64_t event_id, std::int64_t room_id,
                                              std::string_view starts_at, std::string_view ends_at,
                                              std::int64_t exclude_session_id) {
    auto& st = conn.prepare(std::string(session_select)
                                .append("WHERE s.event_id = ?1 AND s.room_id = ?2 AND s.id <> ?3 "
                                        "AND s.starts_at < ?5 AND ?4 < s.ends_at ORDER BY s.starts_at LIMIT 1"));
    st.bind_all(event_id, room_id, exclude_session_id, starts_at, ends_at);
    if (!st.step()) return std::nullopt;
    auto s = read_session_row(st);
    st.reset();
    return s;
}

std::vector<speaker_clash> find_speaker_clashes(connection& conn, std::int64_t event_id,
                                                const std::vector<speaker>& speakers, std::string_view starts_at,
                                                std::string_view ends_at, std::int64_t exclude_session_id) {
    auto& st = conn.prepare(
        "SELECT DISTINCT sp.name, s.id, s.title_en, s.title_zh FROM session_speakers sp "
        "JOIN sessions s ON s.id = sp.session_id WHERE s.event_id = ?1 AND s.id <> ?2 "
        "AND s.starts_at < ?4 AND ?3 < s.ends_at AND sp.name = ?5 COLLATE NOCASE ORDER BY s.starts_at, s.id");
    std::vector<speaker_clash> out;
    for (const auto& sp : speakers) {
        st.bind_all(event_id, exclude_session_id, starts_at, ends_at, sp.name);
        while (st.step()) {
            out.push_back({sp.name, st.column_int64(1), {st.column_text(2), st.column_text(3)}});
        }
        st.reset();
    }
    return out;
}

// ---- staff ------------------------------------------------------------------

bool add_staff(connection& conn, std::int64_t event_id, std::int64_t user_id) {
    auto& st = conn.prepare("INSERT OR IGNORE INTO event_staff(event_id, user_id, added_at) VALUES(?1, ?2, ?3)");
    st.bind_all(event_id, user_id, now_rfc3339());
    st.execute();
    return conn.changes() > 0;
}

bool remove_staff(connection& conn, std::int64_t event_id, std::int64_t user_id) {
    auto& st = conn.prepare("DELETE FROM event_staff WHERE event_id = ?1 AND user_id = ?2");
    st.bind_all(event_id, user_id);
    st.execute();
    return conn.changes() > 0;
}

bool is_staff(connection& conn, std::int64_t event_id, std::int64_t user_id) {
    auto& st = conn.prepare("SELECT 1 FROM event_staff WHERE event_id = ?1 AND user_id = ?2");
    st.bind_all(event_id, user_id);
    return st.step();
}

std::vector<staff_member> list_staff(connection& conn, std::int64_t event_id) {
    auto& st = conn.prepare(
        "SELECT u.id, u.email, u.name, u.role, s.added_at FROM event_staff s JOIN users u ON u.id = s.user_id "
        "WHERE s.event_id = ?1 ORDER BY s.added_at, u.id");
    st.bind_all(event_id);
    std::vector<staff_member> out;
    while (st.step()) {
        out.push_back({st.column_int64(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4)});
    }
    return out;
}

// ---- audit ------------------------------------------------------------------

void insert_audit(connection& conn, std::optional<std::int64_t> event_id, std::optional<std::int64_t> actor_user_id,
                  std::string_view action, std::string_view subject, std::string_view summary) {
    auto& st = conn.prepare(
        "INSERT INTO audit_log(at, actor_user_id, action, subject, summary, event_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    st.bind_all(now_rfc3339(), actor_user_id, action, subject, summary, event_id);
    st.execute();
}

std::vector<audit_entry> list_audit(connection& conn, std::int64_t event_id, std::size_t limit,
                                    std::optional<std::int64_t> before_id, std::optional<std::string> subject) {
    auto& st = conn.prepare(
        "SELECT a.id, a.at, a.actor_user_id, u.email, u.name, a.action, a.subject, a.summary FROM audit_log a "
        "LEFT JOIN users u ON u.id = a.actor_user_id WHERE a.event_id = ?1 AND (?2 IS NULL OR a.id < ?2) "
        "AND (?4 IS NULL OR a.subject = ?4) ORDER BY a.id DESC LIMIT ?3");
    st.bind_all(event_id, before_id, static_cast<std::int64_t>(limit), subject);
    std::vector<audit_entry> out;
    while (st.step()) {
        out.push_back({st.column_int64(0), st.column_text(1), st.column_optional_int64(2),
                       st.column_optional_text(3).value_or(""), st.column_optional_text(4).value_or(""),
                       st.column_text(5), st.column_optional_text(6).value_or(""),
                       st.column_optional_text(7).value_or("{}")});
    }
    return out;
}

}  // namespace plenary::db
