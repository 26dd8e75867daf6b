// Handlers for an event's rooms. Room names are unique per event (any case);
// a room still used by sessions cannot be deleted.
#include "common/json_body.hpp"
#include "common/json_reader.hpp"
#include "db/connection.hpp"
#include "db/store.hpp"
#include "server/events/event_access.hpp"
#include "server/events/event_json.hpp"
#include "server/events/input_fields.hpp"
#include "server/events/route_groups.hpp"

#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>

namespace plenary::server::events {

namespace {

namespace json = boost::json;
using boost::asio::awaitable;
using boost::asio::use_awaitable;

void read_room_body(const json::value& body, db::room_record& room, bool creating) {
    json_reader in(body);
    read_room_fields(in, room, creating);
    in.finish();
}

db::room_record load_room(db::connection& conn, const db::event_record& e, std::int64_t id) {
    auto room = db::find_room(conn, e.id, id);
    if (!room) throw problem(errc::not_found, "no such room in this event");
    return std::move(*room);
}

std::string subject(const db::event_record& e, std::int64_t room_id) {
    return e.slug + "/rooms/" + std::to_string(room_id);
}

void add_room_collection(router& r, event_services s) {
    r.add(http::verb::get, "/api/v1/events/{slug}/rooms",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto user = co_await maybe_staff(auth, ctx);
              auto job = [user, slug = std::string(ctx.params.get("slug"))](db::connection& conn) {
                  const auto e = load_visible_event(conn, slug, user);
                  json::array items;
                  for (const auto& room : db::list_rooms(conn, e.id)) items.push_back(room_json(room));
                  return json::value(json::object{{"items", std::move(items)}});
              };
              auto out = co_await s.store.async_read(std::move(job), use_awaitable);
              co_return json_response(http::status::ok, out);
          });

    r.add(http::verb::post, "/api/v1/events/{slug}/rooms",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto user = co_await auth.require_staff(ctx);
              db::room_record room;
              read_room_body(parse_json(ctx.req.body()), room, true);
              auto job = [user, room, slug = std::string(ctx.params.get("slug"))](db::connection& conn) mutable {
                  const auto e = load_managed_event(conn, slug, user);
                  room.event_id = e.id;
                  room.id = db::insert_room(conn, room);
                  const auto j = room_json(room);
                  db::insert_audit(conn, e.id, user.id, "room.create", subject(e, room.id), audit_summary({}, j));
                  return json::value(j);
              };
              auto out = co_await s.store.async_write(std::move(job), use_awaitable);
              co_return json_response(http::status::created, out);
          });
}

void add_room_item(router& r, event_services s) {
    r.add(http::verb::patch, "/api/v1/events/{slug}/rooms/{id}",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto user = co_await auth.require_staff(ctx);
              const auto id = id_param(ctx);
              auto body = parse_json(ctx.req.body());
              auto job = [user, id, body = std::move(body),
                          slug = std::string(ctx.params.get("slug"))](db::connection& conn) {
                  const auto e = load_managed_event(conn, slug, user);
                  const auto before = load_room(conn, e, id);
                  auto after = before;
                  read_room_body(body, after, false);
                  db::update_room(conn, after);
                  const auto j = room_json(after);
                  db::insert_audit(conn, e.id, user.id, "room.update", subject(e, id),
                                   audit_summary(room_json(before), j));
                  return json::value(j);
              };
              auto out = co_await s.store.async_write(std::move(job), use_awaitable);
              co_return json_response(http::status::ok, out);
          });

    r.add(http::verb::delete_, "/api/v1/events/{slug}/rooms/{id}",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto user = co_await auth.require_staff(ctx);
              const auto id = id_param(ctx);
              auto job = [user, id, slug = std::string(ctx.params.get("slug"))](db::connection& conn) {
                  const auto e = load_managed_event(conn, slug, user);
                  const auto before = load_room(conn, e, id);
                  db::delete_room(conn, e.id, id);
                  db::insert_audit(conn, e.id, user.id, "room.delete", subject(e, id),
                                   audit_summary(room_json(before), {}));
              };
              co_await s.store.async_write(std::move(job), use_awaitable);
              co_return json_response(http::status::ok, json::object{{"id", id}, {"deleted", true}});
          });
}

}  // namespace

void register_room_routes(router& r, event_services s) {
    add_room_collection(r, s);
    add_room_item(r, s);
}

}  // namespace plenary::server::events
