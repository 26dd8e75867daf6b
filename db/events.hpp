// Events in the store: the event itself with its registration questions, its
// rooms and sessions (with speakers), the staff allowed to change it and its
// audit trail. Plain functions over a connection, called inside store jobs.
// Times are canonical UTC text (common/timezone.hpp format_utc).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plenary::db {

class connection;

struct bilingual {
    std::string en;
    std::string zh;
    bool empty() const noexcept { return en.empty() && zh.empty(); }
    // The text in `language` ("zh"; anything else means English), or the
    // other one when that is empty.
    const std::string& prefer(std::string_view language) const noexcept {
        if (language == "zh") return zh.empty() ? en : zh;
        return en.empty() ? zh : en;
    }
    bool operator==(const bilingual&) const = default;
};

struct question_option {
    std::string value;
    bilingual label;
    bool operator==(const question_option&) const = default;
};

struct question {
    std::int64_t id = 0;
    std::string key;
    std::string type;  // short_text, long_text, single_choice, multiple_choice, consent
    bilingual label;
    bool required = false;
    std::vector<question_option> options;
};

struct event_record {
    std::int64_t id = 0;
    std::string slug;
    bilingual title;
    bilingual description;
    std::string venue;
    std::string timezone;
    std::string starts_at;
    std::string ends_at;
    std::optional<std::int64_t> capacity;  // nullopt: no limit
    std::string status = "draft";          // draft, published, closed
    std::optional<std::string> registration_opens_at;
    std::optional<std::string> registration_closes_at;
    bool requires_approval = false;
    bool public_display = false;  // counts may be shown on a public hall screen
    std::vector<question> questions;
    std::string created_at;
    std::string updated_at;
};

struct room_record {
    std::int64_t id = 0;
    std::int64_t event_id = 0;
    std::string name;
    std::optional<std::int64_t> capacity;
};

struct speaker {
    std::string name;
    std::string organization;
    std::string country;           // ISO 3166-1 alpha-2 or empty
    std::string role = "speaker";  // speaker, moderator, panelist
};

struct session_record {
    std::int64_t id = 0;
    std::int64_t event_id = 0;
    std::string uid;
    std::int64_t sequence = 0;  // bumped on every change (iCalendar SEQUENCE)
    bilingual title;
    bilingual abstract;
    std::string kind = "other";
    std::string starts_at;
    std::string ends_at;
    std::optional<std::int64_t> room_id;
    std::string room_name;  // filled by reads; empty without a room
    std::optional<std::int64_t> capacity;
    bool requires_signup = false;
    std::string track;
    std::string topic;
    std::vector<speaker> speakers;
    std::string updated_at;
};

// ---- events ----
// Throws problem(conflict) naming "slug" when the slug is taken. Inserts the
// questions too.
std::int64_t insert_event(connection& conn, const event_record& e);
// Writes every column and replaces the questions (keeping ids of questions
// whose key survives).
void update_event(connection& conn, const event_record& e);
std::optional<event_record> find_event_by_slug(connection& conn, std::string_view slug);
std::optional<event_record> find_event_by_id(connection& conn, std::int64_t id);
// Events visible to the caller, by start time: non-drafts for everyone, plus
// every draft for an admin or the drafts of events where user_id is staff.
std::vector<event_record> list_events(connection& conn, std::optional<std::int64_t> user_id, bool admin);
std::int64_t count_events(connection& conn);

// Earliest session start and latest session end of an event, if it has any.
struct time_span {
    std::string starts_at;
    std::string ends_at;
};
std::optional<time_span> session_span(connection& conn, std::int64_t event_id);

// ---- rooms ----
// Throws problem(conflict) naming "name" for a duplicate name in the event.
std::int64_t insert_room(connection& conn, const room_record& r);
void update_room(connection& conn, const room_record& r);
// Throws problem(conflict) while sessions still use the room.
void delete_room(connection& conn, std::int64_t event_id, std::int64_t room_id);
std::vector<room_record> list_rooms(connection& conn, std::int64_t event_id);
std::optional<room_record> find_room(connection& conn, std::int64_t event_id, std::int64_t room_id);
std::optional<room_record> find_room_by_name(connection& conn, std::int64_t event_id, std::string_view name);

// ---- sessions ----
// Assigns a fresh uid when s.uid is empty.
std::int64_t insert_session(connection& conn, const session_record& s);
// Rewrites the session and its speakers and bumps its sequence.
void update_session(connection& conn, const session_record& s);
void delete_session(connection& conn, std::int64_t event_id, std::int64_t session_id);
std::optional<session_record> find_session(connection& conn, std::int64_t event_id, std::int64_t session_id);
std::vector<session_record> list_sessions(connection& conn, std::int64_t event_id);

// Another session of the event in the same room overlapping [starts_at, ends_at).
std::optional<session_record> find_room_clash(connection& conn, std::int64_t event_id, std::int64_t room_id,
                                              std::string_view starts_at, std::string_view ends_at,
                                              std::int64_t exclude_session_id);
struct speaker_clash {
    std::string speaker_name;
    std::int64_t session_id = 0;
    bilingual session_title;
};
// Sessions of the event, other than the excluded one, overlapping the given
// times and sharing a speaker name (case-insensitive).
std::vector<speaker_clash> find_speaker_clashes(connection& conn, std::int64_t event_id,
                                                const std::vector<speaker>& speakers, std::string_view starts_at,
                                                std::string_view ends_at, std::int64_t exclude_session_id);

// ---- staff ----
struct staff_member {
    std::int64_t user_id = 0;
    std::string email;
    std::string name;
    std::string role;
    std::string added_at;
};
// False when the user already was staff.
bool add_staff(connection& conn, std::int64_t event_id, std::int64_t user_id);
bool remove_staff(connection& conn, std::int64_t event_id, std::int64_t user_id);
bool is_staff(connection& conn, std::int64_t event_id, std::int64_t user_id);
std::vector<staff_member> list_staff(connection& conn, std::int64_t event_id);

// ---- audit ----
struct audit_entry {
    std::int64_t id = 0;
    std::string at;
    std::optional<std::int64_t> actor_user_id;
    std::string actor_email;
    std::string actor_name;
    std::string action;
    std::string subject;
    std::string summary;  // JSON text
};
void insert_audit(connection& conn, std::optional<std::int64_t> event_id, std::optional<std::int64_t> actor_user_id,
                  std::string_view action, std::string_view subject, std::string_view summary);
// Newest first; entries with id < before_id when given, and only those about
// `subject` when given.
std::vector<audit_entry> list_audit(connection& conn, std::int64_t event_id, std::size_t limit,
                                    std::optional<std::int64_t> before_id,
                                    std::optional<std::string> subject = std::nullopt);

}  // namespace plenary::db
