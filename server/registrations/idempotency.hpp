// Idempotency-Key for POSTs that create things: the first answer is stored
// (inside the same write transaction as the change), and a retry with the
// same key and the same body gets that answer back instead of a second
// registration. The same key with a different body is refused. Stored
// answers are sealed under a key derived from the client's Idempotency-Key
// and expire after a day.
#pragma once

#include "server/http_types.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace plenary::db {
class connection;
}

namespace plenary::server::registrations {

struct idempotency_key {
    std::string id_hash;       // what the table is keyed by
    std::string seal_key;      // encrypts the stored answer
    std::string request_hash;  // of the request body
};

struct stored_answer {
    int status = 0;
    std::string body;
};

// The request's Idempotency-Key bound to `scope` (e.g. the route and event);
// nullopt when the header is absent. problem::invalid("Idempotency-Key") when
// it is empty, too long (> 255) or not printable ASCII.
std::optional<idempotency_key> read_idempotency_key(const request_context& ctx, std::string_view scope);

// For store write jobs: the stored answer for this key, if any; problem
// (validation) when the key was used for a different request body.
std::optional<stored_answer> find_answer(db::connection& conn, const idempotency_key& key);
void store_answer(db::connection& conn, const idempotency_key& key, const stored_answer& answer);

}  // namespace plenary::server::registrations
