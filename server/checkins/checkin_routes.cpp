// Check-in handlers: scan (kiosk or organizer), undo (organizer), the kiosk's
// name search and offline copy, and offline conflicts (the stats are live, in
// server/live/live_routes.cpp). A kiosk token works only for its own event and
// never sees emails or answers.
#include "server/checkins/checkin_routes.hpp"

#include "common/clock.hpp"
#include "common/crypto.hpp"
#include "common/json_body.hpp"
#include "common/json_reader.hpp"
#include "common/problem.hpp"
#include "common/text.hpp"
#include "db/checkins.hpp"
#include "db/connection.hpp"
#include "db/registrations.hpp"
#include "db/store.hpp"
#include "server/authenticator.hpp"
#include "server/checkins/checkin_ledger.hpp"
#include "server/events/event_access.hpp"
#include "server/events/input_fields.hpp"

#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>

namespace plenary::server::checkins {

namespace {

namespace json = boost::json;
using boost::asio::awaitable;
using boost::asio::use_awaitable;

constexpr std::size_t search_limit = 20;

// The event the caller may work at: a kiosk's own, or one the organizer manages.
checkin_request read_checkin(json::value body, const checkin_caller& caller) {
    json_reader in(std::move(body));
    checkin_request out;
    out.ticket_code = in.optional_string("ticket_code", 1, 100);
    out.registration_id = in.optional_int("registration_id", 1, INT64_MAX);
    if (in.ok() && out.ticket_code.has_value() == out.registration_id.has_value()) {
        in.error("ticket_code", "give either ticket_code or registration_id");
    }
    out.nonce = in.required_string("nonce", 1, 64);
    out.session_id = in.optional_int("session_id", 1, INT64_MAX);
    events::read_choice(in, "direction", out.direction, {"in", "out"});
    if (!events::read_time(in, "scanned_at", out.scanned_at)) out.scanned_at = now_rfc3339();
    out.offline = in.optional_bool("offline").value_or(false);
    in.finish();
    if (caller.kiosk && caller.kiosk->session_id) {
        if (out.session_id && out.session_id != caller.kiosk->session_id) {
            throw problem::invalid("session_id", "this kiosk admits to its own session only");
        }
        out.session_id = caller.kiosk->session_id;
    }
    return out;
}

void add_checkin(router& r, checkin_services s) {
    r.add(http::verb::post, "/api/v1/events/{slug}/checkins",
          [s, auth = authenticator(s.store, s.kiosks)](request_context& ctx) -> awaitable<response> {
              const auto caller = co_await auth.require_kiosk_or_staff(ctx);
              auto request = read_checkin(parse_json(ctx.req.body()), caller);
              auto job = [caller, request = std::move(request),
                          slug = std::string(ctx.params.get("slug"))](db::connection& conn) {
                  return json::value(check_in(conn, events::load_checkin_event(conn, slug, caller), caller, request));
              };
              auto out = co_await s.store.async_write(std::move(job), use_awaitable);
              co_return json_response(http::status::ok, out);
          });

    r.add(http::verb::delete_, "/api/v1/events/{slug}/checkins/{id}",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto user = co_await auth.require_staff(ctx);
              auto body = ctx.req.body().empty() ? json::value(json::object{}) : parse_json(ctx.req.body());
              auto job = [user, body = std::move(body), id = events::id_param(ctx),
                          slug = std::string(ctx.params.get("slug"))](db::connection& conn) mutable {
                  // Permission first: someone else's event is a 403, whatever the body.
                  const auto e = events::load_managed_event(conn, slug, user);
                  json_reader in(std::move(body));
                  const auto reason = in.required_string("reason", 1, 500, text_kind::multi_line);
                  in.finish();
                  return json::value(undo_checkin(conn, e, id, reason, user.id));
              };
              auto out = co_await s.store.async_write(std::move(job), use_awaitable);
              co_return json_response(http::status::ok, out);
          });
}

json::object hit_json(const db::attendee_hit& h) {
    return {{"registration_id", h.registration_id},
            {"name", h.name},
            {"organization", h.organization},
            {"country", h.country},
            {"status", h.status}};
}

void add_kiosk_reads(router& r, checkin_services s) {
    r.add(http::verb::get, "/api/v1/events/{slug}/checkin-search",
          [s, auth = authenticator(s.store, s.kiosks)](request_context& ctx) -> awaitable<response> {
              const auto caller = co_await auth.require_kiosk_or_staff(ctx);
              auto q = events::query_param(ctx.query, "q").value_or("");
              if (utf8_length(trim(q)) < 2 || utf8_length(q) > 100 || has_control_chars(q)) {
                  throw problem::invalid("q", "must be 2 to 100 characters");
              }
              auto job = [caller, q = std::string(trim(q)),
                          slug = std::string(ctx.params.get("slug"))](db::connection& conn) {
                  const auto e = events::load_checkin_event(conn, slug, caller);
                  json::array items;
                  for (const auto& h : db::search_attendees(conn, e.id, q, search_limit)) items.push_back(hit_json(h));
                  return json::value(json::object{{"items", std::move(items)}});
              };
              auto out = co_await s.store.async_read(std::move(job), use_awaitable);
              co_return json_response(http::status::ok, out);
          });

    r.add(http::verb::get, "/api/v1/events/{slug}/kiosk-data",
          [s, auth = authenticator(s.store, s.kiosks)](request_context& ctx) -> awaitable<response> {
              const auto caller = co_await auth.require_kiosk_or_staff(ctx);
              auto job = [caller, slug = std::string(ctx.params.get("slug"))](db::connection& conn) {
                  const auto e = events::load_checkin_event(conn, slug, caller);
                  json::array items;
                  for (const auto& entry : db::kiosk_entries(conn, e.id)) {
                      auto item = hit_json(entry.attendee);
                      // Hashes only: a lost kiosk does not hand out admissions.
                      item["ticket_hash"] = to_hex(sha256(entry.ticket_code));
                      item["sessions"] = json::value_from(entry.sessions);
                      items.push_back(std::move(item));
                  }
                  return json::value(json::object{{"generated_at", now_rfc3339()}, {"items", std::move(items)}});
              };
              auto out = co_await s.store.async_read(std::move(job), use_awaitable);
              co_return json_response(http::status::ok, out);
          });
}

void add_conflicts(router& r, checkin_services s) {
    r.add(http::verb::get, "/api/v1/events/{slug}/checkins/conflicts",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto user = co_await auth.require_staff(ctx);
              auto job = [user, slug = std::string(ctx.params.get("slug"))](db::connection& conn) {
                  const auto e = events::load_managed_event(conn, slug, user);
                  json::array items;
                  for (const auto& c : db::list_conflicts(conn, e.id)) {
                      const auto r = db::find_registration(conn, e.id, c.registration_id);
                      const auto first = db::find_attendance(conn, c.registration_id, c.scope);
                      items.push_back(json::object{
                          {"checkin_id", c.id},
                          {"registration_id", c.registration_id},
                          {"name", r ? json::value(r->name) : json::value(nullptr)},
                          {"session_id", c.scope == 0 ? json::value(nullptr) : json::value(c.scope)},
                          {"kiosk", c.device_name},
                          {"scanned_at", c.scanned_at},
                          {"first_checked_in_at", first ? json::value(first->first_at) : json::value(nullptr)},
                          {"first_kiosk", first ? json::value(first->first_device) : json::value(nullptr)}});
                  }
                  return json::value(json::object{{"items", std::move(items)}});
              };
              auto out = co_await s.store.async_read(std::move(job), use_awaitable);
              co_return json_response(http::status::ok, out);
          });
}

}  // namespace

void register_checkin_routes(router& r, checkin_services s) {
    register_kiosk_routes(r, s);
    add_checkin(r, s);
    add_kiosk_reads(r, s);
    add_conflicts(r, s);
}

}  // namespace plenary::server::checkins
