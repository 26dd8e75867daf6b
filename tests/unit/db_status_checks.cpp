// Migration 0007 rebuilds the registration tables so their status checks are
// comparisons, not IN lists. It must keep every row, reference and tally of a
// database written under 0006, the rebuilt rules must still refuse what they
// refused, and no write made per attendee or per scan may build a temporary
// B-tree (the reason for the migration; at schema 6 the four registration
// writes did).
#include "common/problem.hpp"
#include "db/connection.hpp"
#include "db/migrations.hpp"
#include "db/registrations.hpp"
#include "db/statement.hpp"
#include "db_test_support.hpp"

#include <gtest/gtest.h>

#include <string>

namespace plenary::db {
namespace {

constexpr int before_rebuild = 6;

// A database at schema 0006 with an event, a session, three registrations (one
// cancelled), session choices, a check-in and an outbox message.
void fill_at_0006(connection& conn) {
    apply_migrations(conn, detail::embedded_migrations().first(before_rebuild));
    conn.exec(
        "INSERT INTO events(id, slug, title_en, timezone, starts_at, ends_at, capacity, status, created_at, "
        "updated_at) VALUES(1, 'forum', 'Forum', 'Asia/Shanghai', '2030-01-01T01:00:00Z', '2030-01-01T09:00:00Z', "
        "100, 'published', 'now', 'now')");
    conn.exec(
        "INSERT INTO sessions(id, event_id, uid, title_en, kind, starts_at, ends_at, capacity, created_at, updated_at) "
        "VALUES(1, 1, 'u1', 'Round-table', 'roundtable', '2030-01-01T02:00:00Z', '2030-01-01T03:00:00Z', 10, 'now', "
        "'now')");
    // 3 was cancelled, so it may share 1's address.
    const struct {
        int id;
        const char* status;
        const char* email;
    } rows[] = {{1, "confirmed", "a@x.org"}, {2, "waitlisted", "b@x.org"}, {3, "cancelled", "a@x.org"}};
    for (const auto& [id, status, email] : rows) {
        const auto n = std::to_string(id);
        conn.exec(std::string("INSERT INTO registrations(id, event_id, status, name, email, email_key, country, "
                              "language, ticket_code, manage_token_hash, queue_seq, created_at, updated_at) "
                              "VALUES(")
                      .append(n)
                      .append(", 1, '")
                      .append(status)
                      .append("', 'P', '")
                      .append(email)
                      .append("', '")
                      .append(email)
                      .append("', 'CN', 'zh', 'T")
                      .append(n)
                      .append("', x'0")
                      .append(n)
                      .append("', NULL, 'now', 'now')"));
    }
    conn.exec(
        "INSERT INTO registration_sessions(registration_id, session_id, status, created_at) "
        "VALUES(1, 1, 'confirmed', 'now'), (2, 1, 'requested', 'now')");
    conn.exec(
        "INSERT INTO checkins(event_id, registration_id, scope, direction, device_name, scanned_at, received_at) "
        "VALUES(1, 1, 0, 'in', 'door', 'now', 'now')");
    conn.exec(
        "INSERT INTO outbox(event_id, registration_id, kind, language, recipient, subject, body, created_at) "
        "VALUES(1, 2, 'waitlisted', 'zh', 'b@x.org', 's', 'b', 'now')");
}

std::string tallies(connection& conn) {
    auto& st = conn.prepare(
        "SELECT group_concat(status || '=' || n, ' ') FROM (SELECT status, n FROM registration_tallies "
        "UNION ALL SELECT 'session:' || status, n FROM session_tallies ORDER BY 1)");
    st.step();
    auto out = st.column_text(0);
    st.reset();
    return out;
}

// The opcodes SQLite would run for `sql`, one per line.
std::string program_of(connection& conn, const std::string& sql) {
    auto st = conn.prepare_uncached("EXPLAIN " + sql);
    std::string out;
    while (st.step()) out.append(st.column_text(1)).append("\n");
    return out;
}

TEST(DbStatusChecks, RebuildKeepsRowsReferencesAndTallies) {
    testing::scratch_dir dir;
    connection conn(dir.file("r.db"), open_mode::read_write);
    fill_at_0006(conn);
    const auto tallies_before = tallies(conn);
    ASSERT_EQ(tallies_before, "cancelled=1 confirmed=1 session:confirmed=1 session:requested=1 waitlisted=1");

    EXPECT_EQ(apply_migrations(conn), latest_schema_version());
    EXPECT_EQ(conn.query_int64("PRAGMA foreign_keys"), 1);  // enforced again after the rebuild
    EXPECT_EQ(conn.query_int64("SELECT count(*) FROM registrations"), 3);
    EXPECT_EQ(conn.query_int64("SELECT count(*) FROM registration_sessions"), 2);
    EXPECT_EQ(conn.query_int64("SELECT count(*) FROM checkins"), 1);  // the DROP cascaded nowhere
    EXPECT_EQ(conn.query_int64("SELECT count(*) FROM outbox"), 1);
    EXPECT_EQ(tallies(conn), tallies_before);
    EXPECT_EQ(conn.query_int64("SELECT count(*) FROM sqlite_schema WHERE name LIKE '%rebuilt%'"), 0);

    // The triggers came back: a status change moves the tallies.
    conn.exec("UPDATE registrations SET status = 'confirmed' WHERE id = 2");
    conn.exec("UPDATE registration_sessions SET status = 'confirmed' WHERE registration_id = 2");
    EXPECT_EQ(tallies(conn), "cancelled=1 confirmed=2 session:confirmed=2 session:requested=0 waitlisted=0");
    // And the references: deleting a registration still cascades.
    conn.exec("DELETE FROM registrations WHERE id = 1");
    EXPECT_EQ(conn.query_int64("SELECT count(*) FROM checkins"), 0);
    EXPECT_EQ(conn.query_int64("SELECT count(*) FROM registration_sessions WHERE registration_id = 1"), 0);
}

TEST(DbStatusChecks, RebuiltRulesStillRefuse) {
    testing::scratch_dir dir;
    connection conn(dir.file("r.db"), open_mode::read_write);
    fill_at_0006(conn);
    apply_migrations(conn);
    EXPECT_THROW(conn.exec("UPDATE registrations SET status = 'attending' WHERE id = 1"), problem);
    EXPECT_THROW(conn.exec("UPDATE registration_sessions SET status = 'seated' WHERE registration_id = 1"), problem);
    // One live registration per address: 1 is confirmed, 3 (cancelled) is not live.
    EXPECT_THROW(conn.exec("UPDATE registrations SET status = 'pending' WHERE id = 3"), problem);
    conn.exec("UPDATE registrations SET status = 'cancelled' WHERE id = 1");
    conn.exec("UPDATE registrations SET status = 'pending' WHERE id = 3");
    EXPECT_TRUE(has_live_registration(conn, 1, "a@x.org"));
}

// Every write made once per attendee or per scan, with the values checks
// compare against; a CHECK or partial index with an IN list of three or more
// constants on any of these tables would add an OpenEphemeral here.
TEST(DbStatusChecks, PerAttendeeWritesBuildNoTemporaryTree) {
    testing::scratch_dir dir;
    connection conn(dir.file("r.db"), open_mode::read_write);
    apply_migrations(conn);
    const char* writes[] = {
        "INSERT INTO registrations(event_id, status, name, email, email_key, country, language, ticket_code, "
        "manage_token_hash, created_at, updated_at) VALUES(1, 'confirmed', 'P', 'p', 'p', 'CN', 'en', 'T', x'01', "
        "'now', 'now')",
        "UPDATE registrations SET status = 'cancelled', updated_at = 'now' WHERE id = 1",
        "INSERT INTO registration_sessions(registration_id, session_id, status, created_at) "
        "VALUES(1, 1, 'confirmed', 'now')",
        "UPDATE registration_sessions SET status = 'waitlisted' WHERE registration_id = 1 AND session_id = 1",
        "INSERT INTO outbox(event_id, registration_id, kind, language, recipient, subject, body, created_at) "
        "VALUES(1, 1, 'confirmation', 'en', 'p', 's', 'b', 'now')",
        "INSERT INTO audit_log(at, action, subject, event_id) VALUES('now', 'registration.create', 'r:1', 1)",
        "INSERT INTO idempotency_keys(key_hash, request_hash, status, sealed_body, created_at) "
        "VALUES(x'01', x'02', 201, x'03', 'now')",
        "INSERT INTO checkins(event_id, registration_id, scope, direction, kiosk_id, device_name, scanned_at, "
        "received_at, offline, conflict) VALUES(1, 1, 0, 'in', 1, 'd', 'now', 'now', 0, 0)",
        "INSERT INTO attendance(registration_id, scope, event_id, first_checkin_id, first_at, first_device, inside) "
        "VALUES(1, 0, 1, 1, 'now', 'd', 1) ON CONFLICT(registration_id, scope) DO UPDATE SET inside = excluded.inside",
        "INSERT INTO checkin_nonces(device, nonce, answer, created_at) VALUES('d', 'n', 'a', 'now')",
    };
    for (const auto* sql : writes) {
        const auto program = program_of(conn, sql);
        EXPECT_EQ(program.find("OpenEphemeral"), std::string::npos) << sql;
    }
}

TEST(DbStatusChecks, TheLiveAddressLookupUsesThePartialIndex) {
    testing::scratch_dir dir;
    connection conn(dir.file("r.db"), open_mode::read_write);
    apply_migrations(conn);
    auto st = conn.prepare_uncached(
        std::string("EXPLAIN QUERY PLAN SELECT 1 FROM registrations WHERE event_id = 1 AND email_key = 'p' AND ")
            .append(live_registration_status));
    ASSERT_TRUE(st.step());
    EXPECT_NE(st.column_text(3).find("registrations_live_email"), std::string::npos) << st.column_text(3);
}

}  // namespace
}  // namespace plenary::db
