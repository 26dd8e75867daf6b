// Registrations in the store: rows, session choices, the tallies the capacity
// checks read, waiting-list order, search, the outbox and idempotent replies.
// Plain SQL over a connection, called inside store jobs; the rules that decide
// who gets a place live in server/registrations/registration_ledger.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plenary::db {

class connection;

struct registration_record {
    std::int64_t id = 0;
    std::int64_t event_id = 0;
    std::string status;  // confirmed, waitlisted, pending, cancelled, rejected
    std::string name;
    std::string email;
    std::string email_key;
    std::string organization;
    std::string country;
    std::string language = "en";
    std::string answers_json = "{}";
    std::string ticket_code;
    std::optional<std::int64_t> queue_seq;
    std::string source = "self";
    std::string created_at;
    std::string updated_at;
    std::optional<std::string> cancelled_at;
};

struct session_choice {
    std::int64_t session_id = 0;
    std::string status;  // confirmed, waitlisted, requested
    std::optional<std::int64_t> queue_seq;
};

// ---- rows ----
// Throws problem(conflict) naming "email" when the address already has a live
// registration for the event (the partial unique index is the last guard).
// Fills in r's id and stamps, so r then reads as find_registration would
// return it (the writer answers from it without reading the row back).
std::int64_t insert_registration(connection& conn, registration_record& r, std::string_view manage_token_hash);
std::optional<registration_record> find_registration(connection& conn, std::int64_t event_id, std::int64_t id);
std::optional<registration_record> find_registration_by_token(connection& conn, std::string_view manage_token_hash);
bool has_live_registration(connection& conn, std::int64_t event_id, std::string_view email_key);
// The SQL condition for a registration that holds or waits for a place:
// word for word the WHERE of the partial index registrations_live_email, so a
// query that repeats it can use that index. Comparisons, not an IN list, for
// the reason migration 0007 gives.
inline constexpr std::string_view live_registration_status =
    "(status = 'confirmed' OR status = 'waitlisted' OR status = 'pending')";
// Writes name, organization, country, language and answers.
void update_registration_details(connection& conn, const registration_record& r);
void set_registration_status(connection& conn, std::int64_t id, std::string_view status,
                             std::optional<std::int64_t> queue_seq);

// ---- session choices ----
std::vector<session_choice> list_choices(connection& conn, std::int64_t registration_id);
void upsert_choice(connection& conn, std::int64_t registration_id, const session_choice& c);
void delete_choice(connection& conn, std::int64_t registration_id, std::int64_t session_id);
// Registrations holding or waiting for a seat in the session, or asking for one.
std::vector<std::int64_t> registrations_choosing(connection& conn, std::int64_t session_id);

// ---- tallies and queues ----
std::int64_t registration_tally(connection& conn, std::int64_t event_id, std::string_view status);
std::int64_t session_tally(connection& conn, std::int64_t session_id, std::string_view status);
std::int64_t next_event_queue_seq(connection& conn, std::int64_t event_id);
std::int64_t next_session_queue_seq(connection& conn, std::int64_t session_id);
std::optional<std::int64_t> first_waiting_registration(connection& conn, std::int64_t event_id);
// The registration id of the first choice waiting for the session.
std::optional<std::int64_t> first_waiting_choice(connection& conn, std::int64_t session_id);
// 1-based place in the queue of a waiting registration / choice.
std::int64_t event_queue_position(connection& conn, std::int64_t event_id, std::int64_t queue_seq);
std::int64_t session_queue_position(connection& conn, std::int64_t session_id, std::int64_t queue_seq);
// The event's waiting list as ascending queue_seq values, for listing many
// positions at once (a position is the index of its seq plus one).
std::vector<std::int64_t> event_queue_seqs(connection& conn, std::int64_t event_id);

// ---- organizer search ----
struct registration_filter {
    std::optional<std::string> status;
    std::optional<std::string> country;
    std::optional<std::int64_t> session_id;  // holding or waiting for this session
    std::optional<std::string> query;        // substring of name, email or organization
};
// By id, ascending, after `after_id`.
std::vector<registration_record> list_registrations(connection& conn, std::int64_t event_id,
                                                    const registration_filter& filter, std::int64_t after_id,
                                                    std::size_t limit);
std::int64_t count_registrations(connection& conn, std::int64_t event_id, const registration_filter& filter);

// ---- outbox ----
struct outbox_message {
    std::int64_t id = 0;
    std::int64_t event_id = 0;
    std::optional<std::int64_t> registration_id;
    std::string kind;
    std::string language;
    std::string recipient;
    std::string subject;
    std::string body;
    std::string created_at;
    std::optional<std::string> sent_at;
};
void insert_outbox(connection& conn, const outbox_message& m);
// Newest first, with id < before_id when given.
std::vector<outbox_message> list_outbox(connection& conn, std::int64_t event_id, std::optional<std::int64_t> before_id,
                                        std::size_t limit);

// ---- idempotent replies ----
struct stored_reply {
    std::string request_hash;
    int status = 0;
    std::string sealed_body;
};
std::optional<stored_reply> find_reply(connection& conn, std::string_view key_hash);
void insert_reply(connection& conn, std::string_view key_hash, const stored_reply& reply);
// Drops replies created before `cutoff` (RFC 3339 UTC); returns how many.
int expire_replies(connection& conn, std::string_view cutoff);

}  // namespace plenary::db
