// Organizer handlers for one event's registrations: search and filter with
// cursor pagination, detail with history, approve, reject, promote from the
// waiting list, cancel. Each change runs with its rules and its audit row in
// one write job.
#include "common/json_body.hpp"
#include "common/json_reader.hpp"
#include "common/problem.hpp"
#include "db/connection.hpp"
#include "db/store.hpp"
#include "server/authenticator.hpp"
#include "server/events/event_access.hpp"
#include "server/registrations/registration_filter.hpp"
#include "server/registrations/registration_json.hpp"
#include "server/registrations/registration_ledger.hpp"
#include "server/registrations/registration_routes.hpp"

#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>

namespace plenary::server::registrations {

namespace {

namespace json = boost::json;
using boost::asio::awaitable;
using boost::asio::use_awaitable;

constexpr std::size_t history_limit = 200;

db::registration_record load_registration(db::connection& conn, const db::event_record& e, std::int64_t id) {
    auto r = db::find_registration(conn, e.id, id);
    if (!r) throw problem(errc::not_found, "no such registration in this event");
    return std::move(*r);
}

json::object detail_json(db::connection& conn, const db::event_record& e, std::int64_t id) {
    const auto r = load_registration(conn, e, id);
    auto out = registration_json(conn, e, r, db::list_sessions(conn, e.id), view::organizer);
    json::array history;
    for (const auto& a : db::list_audit(conn, e.id, history_limit, std::nullopt, registration_subject(e, id))) {
        history.push_back(
            json::object{{"at", a.at},
                         {"action", a.action},
                         {"actor", a.actor_email.empty() ? json::value(nullptr) : json::value(a.actor_email)},
                         {"summary", a.summary}});
    }
    out["history"] = std::move(history);
    return out;
}

void add_list(router& r, registration_services s) {
    r.add(http::verb::get, "/api/v1/events/{slug}/registrations",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto user = co_await auth.require_staff(ctx);
              auto page = read_page_query(ctx.query);
              auto job = [user, page = std::move(page),
                          slug = std::string(ctx.params.get("slug"))](db::connection& conn) {
                  const auto e = events::load_managed_event(conn, slug, user);
                  const auto sessions = db::list_sessions(conn, e.id);
                  const auto rows = db::list_registrations(conn, e.id, page.filter, page.after_id, page.limit + 1);
                  json::array items;
                  for (std::size_t i = 0; i < rows.size() && i < page.limit; ++i) {
                      items.push_back(registration_json(conn, e, rows[i], sessions, view::organizer));
                  }
                  json::value next = nullptr;
                  if (rows.size() > page.limit) next = json::value(std::to_string(rows[page.limit - 1].id));
                  return json::value(json::object{{"items", std::move(items)},
                                                  {"next_cursor", std::move(next)},
                                                  {"total", db::count_registrations(conn, e.id, page.filter)}});
              };
              auto out = co_await s.store.async_read(std::move(job), use_awaitable);
              co_return json_response(http::status::ok, out);
          });

    r.add(http::verb::get, "/api/v1/events/{slug}/registrations/{id}",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto user = co_await auth.require_staff(ctx);
              auto job = [user, id = events::id_param(ctx),
                          slug = std::string(ctx.params.get("slug"))](db::connection& conn) {
                  return json::value(detail_json(conn, events::load_managed_event(conn, slug, user), id));
              };
              auto out = co_await s.store.async_read(std::move(job), use_awaitable);
              co_return json_response(http::status::ok, out);
          });
}

// What an action does to a loaded registration, given the request body.
using action_fn = void (*)(db::connection&, const db::event_record&, const db::registration_record&,
                           const json::value& body, actor by);

void add_action(router& r, registration_services s, http::verb verb, std::string_view pattern, action_fn action) {
    r.add(verb, std::string(pattern),
          [s, action, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto user = co_await auth.require_staff(ctx);
              auto body = ctx.req.body().empty() ? json::value(json::object{}) : parse_json(ctx.req.body());
              auto job = [user, action, body = std::move(body), id = events::id_param(ctx),
                          slug = std::string(ctx.params.get("slug"))](db::connection& conn) {
                  const auto e = events::load_managed_event(conn, slug, user);
                  action(conn, e, load_registration(conn, e, id), body, user.id);
                  return json::value(detail_json(conn, e, id));
              };
              auto out = co_await s.store.async_write(std::move(job), use_awaitable);
              co_return json_response(http::status::ok, out);
          });
}

// Bodies of the actions: only the fields each one knows.
bool read_over_capacity(const json::value& body) {
    json_reader in(body);
    const auto over = in.optional_bool("over_capacity").value_or(false);
    in.finish();
    return over;
}

// An optional free-text reason, kept in the registration's history.
void record_reason(db::connection& conn, const db::event_record& e, const db::registration_record& reg,
                   const json::value& body, actor by) {
    json_reader in(body);
    const auto reason = in.optional_string("reason", 0, 1000, text_kind::multi_line);
    in.finish();
    if (!reason || reason->empty()) return;
    audit_registration(conn, e, reg.id, by, "registration.reason", json::serialize(json::object{{"reason", *reason}}));
}

}  // namespace

void register_admin_routes(router& r, registration_services s) {
    add_list(r, s);
    add_action(r, s, http::verb::post, "/api/v1/events/{slug}/registrations/{id}/approve",
               [](db::connection& conn, const db::event_record& e, const db::registration_record& reg,
                  const json::value& body, actor by) {
                   record_reason(conn, e, reg, body, by);
                   approve_registration(conn, e, reg, by);
               });
    add_action(r, s, http::verb::post, "/api/v1/events/{slug}/registrations/{id}/reject",
               [](db::connection& conn, const db::event_record& e, const db::registration_record& reg,
                  const json::value& body, actor by) {
                   record_reason(conn, e, reg, body, by);
                   reject_registration(conn, e, reg, by);
               });
    add_action(
        r, s, http::verb::post, "/api/v1/events/{slug}/registrations/{id}/promote",
        [](db::connection& conn, const db::event_record& e, const db::registration_record& reg, const json::value& body,
           actor by) { promote_registration(conn, e, reg, read_over_capacity(body), by); });
    add_action(r, s, http::verb::delete_, "/api/v1/events/{slug}/registrations/{id}",
               [](db::connection& conn, const db::event_record& e, const db::registration_record& reg,
                  const json::value& body, actor by) {
                   record_reason(conn, e, reg, body, by);
                   cancel_registration(conn, e, reg, by);
               });
}

}  // namespace plenary::server::registrations
