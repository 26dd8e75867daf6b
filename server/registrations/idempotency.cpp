// Idempotent replies; see idempotency.hpp.
#include "server/registrations/idempotency.hpp"

#include "common/clock.hpp"
#include "common/crypto.hpp"
#include "common/problem.hpp"
#include "common/sealed_box.hpp"
#include "db/registrations.hpp"

#include <chrono>

namespace plenary::server::registrations {

namespace {

constexpr std::size_t max_key_length = 255;
constexpr auto answer_lifetime = std::chrono::hours(24);

bool printable_ascii(std::string_view s) {
    for (const char c : s) {
        if (c < 0x21 || c > 0x7e) return false;
    }
    return true;
}

}  // namespace

std::optional<idempotency_key> read_idempotency_key(const request_context& ctx, std::string_view scope) {
    const auto it = ctx.req.find("Idempotency-Key");
    if (it == ctx.req.end()) return std::nullopt;
    const std::string_view key = it->value();
    if (key.empty() || key.size() > max_key_length || !printable_ascii(key)) {
        throw problem::invalid("Idempotency-Key", "must be 1 to 255 printable ASCII characters");
    }
    // Domain-separated derivations: the stored id reveals nothing about the
    // sealing key, and neither can be computed without the client's key.
    std::string material(scope);
    material += '\0';
    material += key;
    return idempotency_key{sha256("plenary idempotency id\n" + material),
                           sha256("plenary idempotency seal\n" + material), sha256(std::string_view(ctx.req.body()))};
}

std::optional<stored_answer> find_answer(db::connection& conn, const idempotency_key& key) {
    db::expire_replies(conn, format_rfc3339_utc(std::chrono::system_clock::now() - answer_lifetime));
    const auto stored = db::find_reply(conn, key.id_hash);
    if (!stored) return std::nullopt;
    if (!constant_time_equal(stored->request_hash, key.request_hash)) {
        throw problem::invalid("Idempotency-Key", "was already used for a different request");
    }
    auto body = unseal(key.seal_key, stored->sealed_body);
    if (!body) throw problem::invalid("Idempotency-Key", "was already used for a different request");
    return stored_answer{stored->status, std::move(*body)};
}

void store_answer(db::connection& conn, const idempotency_key& key, const stored_answer& answer) {
    db::insert_reply(conn, key.id_hash, {key.request_hash, answer.status, seal(key.seal_key, answer.body)});
}

}  // namespace plenary::server::registrations
