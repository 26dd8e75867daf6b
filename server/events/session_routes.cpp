// Handlers for an event's sessions: create, change, delete. Every change is
// validated against the event and the rest of the schedule inside the write
// job, and audited in the same job.
#include "common/json_body.hpp"
#include "common/json_reader.hpp"
#include "db/checkins.hpp"
#include "db/connection.hpp"
#include "db/store.hpp"
#include "server/events/event_access.hpp"
#include "server/events/event_json.hpp"
#include "server/events/route_groups.hpp"
#include "server/events/schedule_checks.hpp"
#include "server/events/session_input.hpp"
#include "server/registrations/registration_ledger.hpp"

#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>

namespace plenary::server::events {

namespace {

namespace json = boost::json;
using boost::asio::awaitable;
using boost::asio::use_awaitable;

db::session_record load_session(db::connection& conn, const db::event_record& e, std::int64_t id) {
    auto s = db::find_session(conn, e.id, id);
    if (!s) throw problem(errc::not_found, "no such session in this event");
    return std::move(*s);
}

// Reads, checks and places one session; throws problem(validation) listing
// every problem at once.
void validate_session(db::connection& conn, const db::event_record& e, const json::value& body, session_input& s,
                      bool creating) {
    json_reader in(body);
    read_session_fields(in, s, creating);
    if (in.ok()) check_session(in, s.record, e);
    in.finish();
    throw_if_invalid(place_session(conn, e, s, creating));
}

json::value saved_with_warnings(db::connection& conn, const db::event_record& e, std::int64_t id,
                                const db::user_record& user, std::string_view action, const json::object& before) {
    const auto saved = load_session(conn, e, id);
    auto j = session_json(saved);
    db::insert_audit(conn, e.id, user.id, action, e.slug + "/sessions/" + std::to_string(id), audit_summary(before, j));
    j["warnings"] = speaker_warnings(conn, saved);
    return j;
}

}  // namespace

void register_session_routes(router& r, event_services s) {
    r.add(http::verb::post, "/api/v1/events/{slug}/sessions",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto user = co_await auth.require_staff(ctx);
              auto body = parse_json(ctx.req.body());
              auto job = [user, body = std::move(body),
                          slug = std::string(ctx.params.get("slug"))](db::connection& conn) {
                  const auto e = load_managed_event(conn, slug, user);
                  session_input in;
                  in.record.event_id = e.id;
                  validate_session(conn, e, body, in, true);
                  const auto id = db::insert_session(conn, in.record);
                  return saved_with_warnings(conn, e, id, user, "session.create", {});
              };
              auto out = co_await s.store.async_write(std::move(job), use_awaitable);
              co_return json_response(http::status::created, out);
          });

    r.add(http::verb::patch, "/api/v1/events/{slug}/sessions/{id}",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto user = co_await auth.require_staff(ctx);
              const auto id = id_param(ctx);
              auto body = parse_json(ctx.req.body());
              auto job = [user, id, body = std::move(body),
                          slug = std::string(ctx.params.get("slug"))](db::connection& conn) {
                  const auto e = load_managed_event(conn, slug, user);
                  session_input in;
                  in.record = load_session(conn, e, id);
                  const auto before = session_json(in.record);
                  validate_session(conn, e, body, in, false);
                  db::update_session(conn, in.record);
                  registrations::fill_free_seats(conn, e, id);
                  return saved_with_warnings(conn, e, id, user, "session.update", before);
              };
              auto out = co_await s.store.async_write(std::move(job), use_awaitable);
              co_return json_response(http::status::ok, out);
          });

    r.add(http::verb::delete_, "/api/v1/events/{slug}/sessions/{id}",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto user = co_await auth.require_staff(ctx);
              const auto id = id_param(ctx);
              auto job = [user, id, slug = std::string(ctx.params.get("slug"))](db::connection& conn) {
                  const auto e = load_managed_event(conn, slug, user);
                  const auto before = load_session(conn, e, id);
                  registrations::notify_session_removed(conn, e, before, user.id);
                  // Its kiosks are told they are revoked rather than vanishing.
                  for (const auto kiosk : db::revoke_session_kiosks(conn, id)) {
                      db::insert_audit(conn, e.id, user.id, "kiosk.revoke", e.slug + "/kiosks/" + std::to_string(kiosk),
                                       "{\"session_deleted\":true}");
                  }
                  db::delete_session(conn, e.id, id);
                  db::insert_audit(conn, e.id, user.id, "session.delete", e.slug + "/sessions/" + std::to_string(id),
                                   audit_summary(session_json(before), {}));
              };
              co_await s.store.async_write(std::move(job), use_awaitable);
              co_return json_response(http::status::ok, json::object{{"id", id}, {"deleted", true}});
          });
}

}  // namespace plenary::server::events
