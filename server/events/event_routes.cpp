// Handlers for the events themselves (list, create, read, change) and the
// agenda calendar; the other groups live in session_, room_ and staff_routes.
#include "server/events/event_routes.hpp"

#include "common/json_body.hpp"
#include "common/json_reader.hpp"
#include "db/connection.hpp"
#include "db/store.hpp"
#include "server/events/agenda_ics.hpp"
#include "server/events/event_access.hpp"
#include "server/events/event_input.hpp"
#include "server/events/event_json.hpp"
#include "server/events/route_groups.hpp"
#include "server/registrations/registration_json.hpp"
#include "server/registrations/registration_ledger.hpp"

#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>

namespace plenary::server {

namespace json = boost::json;
using boost::asio::awaitable;
using boost::asio::use_awaitable;
using namespace plenary::server::events;

namespace {

// Moving an event must not strand its sessions outside it.
void check_sessions_inside(db::connection& conn, json_reader& in, const db::event_record& e) {
    const auto span = db::session_span(conn, e.id);
    if (!span) return;
    if (span->starts_at < e.starts_at) in.error("starts_at", "a session starts earlier, at " + span->starts_at);
    if (span->ends_at > e.ends_at) in.error("ends_at", "a session ends later, at " + span->ends_at);
}

json::object full_event(db::connection& conn, const db::event_record& e) {
    auto out = event_json(e);
    const auto sessions = db::list_sessions(conn, e.id);
    out["sessions"] = sessions_json(sessions);
    registrations::add_availability(conn, e, sessions, out);
    return out;
}

void add_list_and_create(router& r, event_services s) {
    r.add(http::verb::get, "/api/v1/events",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto user = co_await maybe_staff(auth, ctx);
              auto job = [user](db::connection& conn) {
                  json::array items;
                  for (const auto& e :
                       db::list_events(conn, user ? std::optional(user->id) : std::nullopt, user && is_admin(*user))) {
                      items.push_back(event_json(e));
                  }
                  return json::value(json::object{{"items", std::move(items)}});
              };
              auto body = co_await s.store.async_read(std::move(job), use_awaitable);
              co_return json_response(http::status::ok, body);
          });

    r.add(http::verb::post, "/api/v1/events",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto user = co_await auth.require_staff(ctx);
              const auto body = parse_json(ctx.req.body());
              json_reader in(body);
              db::event_record e;
              read_event_fields(in, e, true);
              if (in.ok()) check_event(in, e);
              in.finish();
              auto job = [e = std::move(e), user](db::connection& conn) mutable {
                  e.id = db::insert_event(conn, e);
                  db::add_staff(conn, e.id, user.id);
                  const auto saved = db::find_event_by_slug(conn, e.slug).value();
                  auto j = event_json(saved);
                  db::insert_audit(conn, saved.id, user.id, "event.create", saved.slug, audit_summary({}, j));
                  j["sessions"] = json::array{};
                  return json::value(std::move(j));
              };
              auto out = co_await s.store.async_write(std::move(job), use_awaitable);
              co_return json_response(http::status::created, out);
          });
}

void add_read_and_update(router& r, event_services s) {
    r.add(http::verb::get, "/api/v1/events/{slug}",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto user = co_await maybe_staff(auth, ctx);
              auto job = [user, slug = std::string(ctx.params.get("slug"))](db::connection& conn) {
                  return json::value(full_event(conn, load_visible_event(conn, slug, user)));
              };
              auto out = co_await s.store.async_read(std::move(job), use_awaitable);
              co_return json_response(http::status::ok, out);
          });

    r.add(http::verb::patch, "/api/v1/events/{slug}",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto user = co_await auth.require_staff(ctx);
              auto body = parse_json(ctx.req.body());
              auto job = [user, body = std::move(body),
                          slug = std::string(ctx.params.get("slug"))](db::connection& conn) {
                  const auto before = load_managed_event(conn, slug, user);
                  auto after = before;
                  json_reader in(body);
                  read_event_fields(in, after, false);
                  if (in.ok()) check_event(in, after);
                  if (in.ok()) check_sessions_inside(conn, in, after);
                  in.finish();
                  db::update_event(conn, after);
                  const auto saved = db::find_event_by_slug(conn, after.slug).value();
                  // A raised (or removed) capacity goes to the waiting list at once.
                  registrations::fill_free_places(conn, saved);
                  db::insert_audit(conn, saved.id, user.id, "event.update", saved.slug,
                                   audit_summary(event_json(before), event_json(saved)));
                  return json::value(full_event(conn, saved));
              };
              auto out = co_await s.store.async_write(std::move(job), use_awaitable);
              co_return json_response(http::status::ok, out);
          });
}

void add_agenda(router& r, event_services s) {
    r.add(http::verb::get, "/api/v1/events/{slug}/agenda.ics",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto user = co_await maybe_staff(auth, ctx);
              const auto language = query_param(ctx.query, "lang").value_or("en");
              if (language != "en" && language != "zh") throw problem::invalid("lang", "must be en or zh");
              auto job = [user, language, slug = std::string(ctx.params.get("slug"))](db::connection& conn) {
                  const auto e = load_visible_event(conn, slug, user);
                  return std::pair(e.slug, render_agenda_ics(e, db::list_sessions(conn, e.id), language));
              };
              auto [slug, text] = co_await s.store.async_read(std::move(job), use_awaitable);
              auto res = text_response(http::status::ok, std::move(text), "text/calendar; charset=utf-8");
              res.set(http::field::content_disposition, "inline; filename=\"" + slug + ".ics\"");
              co_return res;
          });
}

}  // namespace

void register_event_routes(router& r, event_services services) {
    add_list_and_create(r, services);
    add_read_and_update(r, services);
    add_agenda(r, services);
    register_session_routes(r, services);
    register_room_routes(r, services);
    register_staff_routes(r, services);
}

}  // namespace plenary::server
