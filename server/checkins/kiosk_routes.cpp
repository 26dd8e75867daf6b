// Kiosk devices: an organizer creates one per door or session room and gets
// its token once, as text and as a pairing QR code; lists and revokes them.
// A kiosk asks who it is with its own token.
#include "common/crypto.hpp"
#include "common/json_body.hpp"
#include "common/json_reader.hpp"
#include "common/problem.hpp"
#include "common/qr_svg.hpp"
#include "db/checkins.hpp"
#include "db/connection.hpp"
#include "db/store.hpp"
#include "server/authenticator.hpp"
#include "server/checkins/checkin_routes.hpp"
#include "server/events/event_access.hpp"
#include "server/events/event_json.hpp"

#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>

namespace plenary::server::checkins {

namespace {

namespace json = boost::json;
using boost::asio::awaitable;
using boost::asio::use_awaitable;

json::object kiosk_json(const db::kiosk_record& k) {
    return {{"id", k.id},
            {"name", k.name},
            {"session_id", events::optional_json(k.session_id)},
            {"mode", k.session_id ? "session" : "entrance"},
            {"created_at", k.created_at},
            {"revoked_at", events::optional_json(k.revoked_at)},
            {"last_seen_at", events::optional_json(k.last_seen_at)}};
}

db::kiosk_record load_kiosk(db::connection& conn, const db::event_record& e, std::int64_t id) {
    auto k = db::find_kiosk(conn, e.id, id);
    if (!k) throw problem(errc::not_found, "no such kiosk in this event");
    return std::move(*k);
}

void add_create(router& r, checkin_services s) {
    r.add(http::verb::post, "/api/v1/events/{slug}/kiosks",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto user = co_await auth.require_staff(ctx);
              auto body = parse_json(ctx.req.body());
              auto job = [user, body = std::move(body),
                          slug = std::string(ctx.params.get("slug"))](db::connection& conn) mutable {
                  const auto e = events::load_managed_event(conn, slug, user);
                  json_reader in(std::move(body));
                  db::kiosk_record k;
                  k.event_id = e.id;
                  k.name = in.required_string("name", 1, 100);
                  k.session_id = in.optional_int("session_id", 1, INT64_MAX);
                  in.finish();
                  if (k.session_id && !db::find_session(conn, e.id, *k.session_id)) {
                      throw problem::invalid("session_id", "is not a session of this event");
                  }
                  const auto token = make_token(std::string(kiosk_token_prefix));
                  const auto id = db::insert_kiosk(conn, k, sha256(token));
                  db::insert_audit(conn, e.id, user.id, "kiosk.create", e.slug + "/kiosks/" + std::to_string(id),
                                   json::serialize(json::object{{"name", k.name}}));
                  auto out = kiosk_json(load_kiosk(conn, e, id));
                  out["token"] = token;
                  out["pairing_svg"] = qr_svg(token, "Kiosk pairing code");
                  return json::value(std::move(out));
              };
              auto out = co_await s.store.async_write(std::move(job), use_awaitable);
              co_return json_response(http::status::created, out);
          });
}

void add_list_and_revoke(router& r, checkin_services s) {
    r.add(http::verb::get, "/api/v1/events/{slug}/kiosks",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto user = co_await auth.require_staff(ctx);
              auto job = [user, slug = std::string(ctx.params.get("slug"))](db::connection& conn) {
                  const auto e = events::load_managed_event(conn, slug, user);
                  json::array items;
                  for (const auto& k : db::list_kiosks(conn, e.id)) items.push_back(kiosk_json(k));
                  return json::value(json::object{{"items", std::move(items)}});
              };
              auto out = co_await s.store.async_read(std::move(job), use_awaitable);
              co_return json_response(http::status::ok, out);
          });

    r.add(http::verb::delete_, "/api/v1/events/{slug}/kiosks/{id}",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto user = co_await auth.require_staff(ctx);
              auto job = [user, id = events::id_param(ctx),
                          slug = std::string(ctx.params.get("slug"))](db::connection& conn) {
                  const auto e = events::load_managed_event(conn, slug, user);
                  // Revoking twice is the same as once, with one audit row.
                  if (!load_kiosk(conn, e, id).revoked_at) {
                      db::revoke_kiosk(conn, id);
                      db::insert_audit(conn, e.id, user.id, "kiosk.revoke", e.slug + "/kiosks/" + std::to_string(id),
                                       "{}");
                  }
                  return json::value(kiosk_json(load_kiosk(conn, e, id)));
              };
              auto out = co_await s.store.async_write(std::move(job), use_awaitable);
              co_return json_response(http::status::ok, out);
          });
}

void add_self(router& r, checkin_services s) {
    r.add(http::verb::get, "/api/v1/kiosk/self",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto kiosk = co_await auth.require_kiosk(ctx);
              auto job = [kiosk](db::connection& conn) {
                  const auto e = db::find_event_by_id(conn, kiosk.event_id).value();
                  json::value session_title = nullptr;
                  json::value requires_signup = nullptr;
                  if (kiosk.session_id) {
                      if (const auto session = db::find_session(conn, e.id, *kiosk.session_id)) {
                          session_title = events::bilingual_json(session->title);
                          requires_signup = session->requires_signup;
                      }
                  }
                  auto k = kiosk_json(kiosk);
                  k["session_title"] = std::move(session_title);
                  // Offline, the kiosk must know whether a seat is needed to enter.
                  k["session_requires_signup"] = std::move(requires_signup);
                  return json::value(json::object{{"kiosk", std::move(k)},
                                                  {"event", json::object{{"slug", e.slug},
                                                                         {"title", events::bilingual_json(e.title)},
                                                                         {"timezone", e.timezone},
                                                                         {"starts_at", e.starts_at},
                                                                         {"ends_at", e.ends_at}}}});
              };
              auto out = co_await s.store.async_read(std::move(job), use_awaitable);
              co_return json_response(http::status::ok, out);
          });
}

}  // namespace

void register_kiosk_routes(router& r, checkin_services s) {
    add_create(r, s);
    add_list_and_revoke(r, s);
    add_self(r, s);
}

}  // namespace plenary::server::checkins
