// Check-in in the store: kiosk devices, scans, attendance (admitted and
// inside now, per registration and scope) and the answers given to nonces.
// Plain SQL over a connection; the rules live in server/checkins.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plenary::db {

class connection;

struct kiosk_record {
    std::int64_t id = 0;
    std::int64_t event_id = 0;
    std::string name;
    std::optional<std::int64_t> session_id;
    std::string created_at;
    std::optional<std::string> revoked_at;
    std::optional<std::string> last_seen_at;
};

std::int64_t insert_kiosk(connection& conn, const kiosk_record& k, std::string_view token_hash);
std::vector<kiosk_record> list_kiosks(connection& conn, std::int64_t event_id);
std::optional<kiosk_record> find_kiosk(connection& conn, std::int64_t event_id, std::int64_t id);
std::optional<kiosk_record> find_kiosk_by_token(connection& conn, std::string_view token_hash);
void revoke_kiosk(connection& conn, std::int64_t id);
// Revokes every live kiosk of the session; returns their ids.
std::vector<std::int64_t> revoke_session_kiosks(connection& conn, std::int64_t session_id);
void touch_kiosk(connection& conn, std::int64_t id);

struct checkin_record {
    std::int64_t id = 0;
    std::int64_t event_id = 0;
    std::int64_t registration_id = 0;
    std::int64_t scope = 0;  // 0: the event entrance, else a session id
    std::string direction = "in";
    std::optional<std::int64_t> kiosk_id;
    std::optional<std::int64_t> user_id;
    std::string device_name;
    std::string scanned_at;
    std::string received_at;
    bool offline = false;
    bool conflict = false;
    std::optional<std::string> undone_at;
    std::optional<std::string> undo_reason;
};

std::int64_t insert_checkin(connection& conn, const checkin_record& c);
std::optional<checkin_record> find_checkin(connection& conn, std::int64_t event_id, std::int64_t id);
void undo_checkin(connection& conn, std::int64_t id, std::string_view reason);
// Live (not undone) conflicting check-ins of the event, oldest first.
std::vector<checkin_record> list_conflicts(connection& conn, std::int64_t event_id);
// Not undone and not conflicts, in the order they arrived (the order the live
// rules applied them in).
std::vector<checkin_record> list_live_checkins(connection& conn, std::int64_t registration_id, std::int64_t scope);

struct attendance_record {
    std::int64_t registration_id = 0;
    std::int64_t scope = 0;
    std::int64_t event_id = 0;
    std::int64_t first_checkin_id = 0;
    std::string first_at;
    std::string first_device;
    bool inside = false;
};

std::optional<attendance_record> find_attendance(connection& conn, std::int64_t registration_id, std::int64_t scope);
void upsert_attendance(connection& conn, const attendance_record& a);
void delete_attendance(connection& conn, std::int64_t registration_id, std::int64_t scope);

// Nonce answers per device ("k<id>" for a kiosk, "u<id>" for an organizer).
std::optional<std::string> find_nonce_answer(connection& conn, std::string_view device, std::string_view nonce);
void insert_nonce_answer(connection& conn, std::string_view device, std::string_view nonce, std::string_view answer);
// Forgets answers given before `cutoff` (RFC 3339 UTC).
void expire_nonce_answers(connection& conn, std::string_view cutoff);

// The registration holding this canonical ticket code, in any event.
std::optional<std::int64_t> find_registration_by_ticket(connection& conn, std::string_view ticket_code,
                                                        std::int64_t* event_id);

struct attendee_hit {
    std::int64_t registration_id = 0;
    std::string name;
    std::string organization;
    std::string country;
    std::string status;
};
// Live registrations whose name or organization contains `query` (ASCII case-insensitive).
std::vector<attendee_hit> search_attendees(connection& conn, std::int64_t event_id, std::string_view query,
                                           std::size_t limit);

struct kiosk_entry {
    attendee_hit attendee;
    std::string ticket_code;
    std::vector<std::int64_t> sessions;  // confirmed seats
};
// Every registration of the event, for a kiosk's offline copy.
std::vector<kiosk_entry> kiosk_entries(connection& conn, std::int64_t event_id);

}  // namespace plenary::db
