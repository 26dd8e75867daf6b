// API token management for the signed-in organizer: create (shown once),
// list (never the hash), revoke (owner or admin). Creation and revocation
// are audited.
#include "server/auth/auth_routes.hpp"

#include "common/clock.hpp"
#include "common/crypto.hpp"
#include "common/json_body.hpp"
#include "common/json_reader.hpp"
#include "common/problem.hpp"
#include "db/accounts.hpp"
#include "db/events.hpp"
#include "db/store.hpp"
#include "server/auth/auth_service.hpp"
#include "server/events/event_access.hpp"
#include "server/events/event_json.hpp"

#include <boost/asio/use_awaitable.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace plenary::server::auth {

namespace json = boost::json;
using boost::asio::awaitable;
using boost::asio::use_awaitable;

namespace {

json::object token_json(const db::api_token_record& t) {
    return {{"id", t.id},
            {"label", events::optional_json(t.label)},
            {"created_at", t.created_at},
            {"last_used_at", events::optional_json(t.last_used_at)},
            {"revoked_at", events::optional_json(t.revoked_at)}};
}

std::string audit_summary(std::int64_t token_id) {
    return json::serialize(json::object{{"token_id", token_id}});
}

void add_create(router& r, auth_route_services s) {
    r.add(http::verb::post, "/api/v1/auth/tokens",
          [s](request_context& ctx) -> awaitable<response> {
              const auto user = co_await s.service->authenticator().require_staff(ctx);
              json_reader in(ctx.req.body().empty() ? json::value(json::object{}) : parse_json(ctx.req.body()));
              auto label = in.optional_string("label", 1, 100).value_or("web");
              in.finish();
              auto token = make_token("plt_");
              auto job = [uid = user.id, hash = sha256(token), label](db::connection& conn) {
                  const auto id = db::insert_api_token(conn, uid, hash, label);
                  db::insert_audit(conn, std::nullopt, uid, "token.create", "tokens/" + std::to_string(id),
                                   audit_summary(id));
                  return id;
              };
              const auto id = co_await s.store.async_write(std::move(job), use_awaitable);
              auto res =
                  json_response(http::status::created, json::serialize(json::object{{"id", id}, {"token", token}}));
              res.set(http::field::cache_control, "no-store");
              co_return res;
          },
          {.body_limit = 4096});
}

void add_list(router& r, auth_route_services s) {
    r.add(http::verb::get, "/api/v1/auth/tokens", [s](request_context& ctx) -> awaitable<response> {
        const auto user = co_await s.service->authenticator().require_staff(ctx);
        auto job = [uid = user.id](db::connection& conn) { return db::list_api_tokens(conn, uid); };
        const auto tokens = co_await s.store.async_read(std::move(job), use_awaitable);
        json::array items;
        for (const auto& t : tokens) items.push_back(token_json(t));
        co_return json_response(http::status::ok, json::serialize(json::object{{"items", std::move(items)}}));
    });
}

void add_revoke(router& r, auth_route_services s) {
    r.add(http::verb::delete_, "/api/v1/auth/tokens/{id}", [s](request_context& ctx) -> awaitable<response> {
        const auto user = co_await s.service->authenticator().require_staff(ctx);
        const auto token_id = events::id_param(ctx);
        auto job = [user, token_id](db::connection& conn) {
            const auto token = db::find_api_token(conn, token_id);
            // Someone else's token is "not found": ids of others' tokens do not leak.
            if (!token || (token->user_id != user.id && !events::is_admin(user))) {
                throw problem(errc::not_found, "no such token");
            }
            if (db::revoke_api_token(conn, token_id, now_rfc3339())) {
                db::insert_audit(conn, std::nullopt, user.id, "token.revoke", "tokens/" + std::to_string(token_id),
                                 audit_summary(token_id));
            }
        };
        co_await s.store.async_write(std::move(job), use_awaitable);
        co_return response{http::status::no_content, 11};
    });
}

}  // namespace

void register_token_routes(router& r, auth_route_services services) {
    add_create(r, services);
    add_list(r, services);
    add_revoke(r, services);
}

}  // namespace plenary::server::auth
