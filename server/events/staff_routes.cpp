// Handlers for an event's staff list (who may change it) and its audit log.
// Staff are named by email; the user must already exist.
#include "common/json_body.hpp"
#include "common/json_reader.hpp"
#include "common/text.hpp"
#include "db/connection.hpp"
#include "db/store.hpp"
#include "server/events/event_access.hpp"
#include "server/events/event_json.hpp"
#include "server/events/route_groups.hpp"

#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>

namespace plenary::server::events {

namespace {

namespace json = boost::json;
using boost::asio::awaitable;
using boost::asio::use_awaitable;

constexpr std::size_t audit_page = 100;

// The email from ?email= or from a {"email": ...} body.
std::string staff_email(const request_context& ctx) {
    std::optional<std::string> email = query_param(ctx.query, "email");
    if (!email) {
        if (ctx.req.body().empty()) throw problem::invalid("email", "is required");
        const auto body = parse_json(ctx.req.body());
        json_reader in(body);
        email = in.required_string("email", 3, 254);
        in.finish();
    }
    return to_lower_ascii(trim(*email));
}

db::user_record find_user(db::connection& conn, const std::string& email) {
    auto user = db::find_user_by_email(conn, email);
    if (!user) throw problem::invalid("email", "no organizer or admin account with this email");
    return std::move(*user);
}

json::value staff_list(db::connection& conn, std::int64_t event_id) {
    json::array items;
    for (const auto& m : db::list_staff(conn, event_id)) items.push_back(staff_json(m));
    return json::object{{"items", std::move(items)}};
}

void add_staff_list(router& r, event_services s) {
    r.add(http::verb::get, "/api/v1/events/{slug}/staff",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto user = co_await auth.require_staff(ctx);
              auto job = [user, slug = std::string(ctx.params.get("slug"))](db::connection& conn) {
                  return staff_list(conn, load_managed_event(conn, slug, user).id);
              };
              auto out = co_await s.store.async_read(std::move(job), use_awaitable);
              co_return json_response(http::status::ok, out);
          });

    r.add(http::verb::post, "/api/v1/events/{slug}/staff",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto user = co_await auth.require_staff(ctx);
              auto email = staff_email(ctx);
              auto job = [user, email, slug = std::string(ctx.params.get("slug"))](db::connection& conn) {
                  const auto e = load_managed_event(conn, slug, user);
                  const auto member = find_user(conn, email);
                  const bool added = db::add_staff(conn, e.id, member.id);
                  if (added) {
                      db::insert_audit(conn, e.id, user.id, "staff.add", e.slug + "/staff/" + member.email,
                                       audit_summary({}, {{"email", member.email}}));
                  }
                  return std::pair(added, staff_list(conn, e.id));
              };
              auto [added, out] = co_await s.store.async_write(std::move(job), use_awaitable);
              co_return json_response(added ? http::status::created : http::status::ok, out);
          });

    r.add(http::verb::delete_, "/api/v1/events/{slug}/staff",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto user = co_await auth.require_staff(ctx);
              auto email = staff_email(ctx);
              auto job = [user, email, slug = std::string(ctx.params.get("slug"))](db::connection& conn) {
                  const auto e = load_managed_event(conn, slug, user);
                  const auto member = find_user(conn, email);
                  if (!db::remove_staff(conn, e.id, member.id)) {
                      throw problem(errc::not_found, "this user is not on the event's staff");
                  }
                  db::insert_audit(conn, e.id, user.id, "staff.remove", e.slug + "/staff/" + member.email,
                                   audit_summary({{"email", member.email}}, {}));
                  return staff_list(conn, e.id);
              };
              auto out = co_await s.store.async_write(std::move(job), use_awaitable);
              co_return json_response(http::status::ok, out);
          });
}

void add_audit(router& r, event_services s) {
    r.add(http::verb::get, "/api/v1/events/{slug}/audit",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto user = co_await auth.require_staff(ctx);
              const auto before = id_cursor(ctx.query, "before");
              auto job = [user, before, slug = std::string(ctx.params.get("slug"))](db::connection& conn) {
                  const auto e = load_managed_event(conn, slug, user);
                  const auto entries = db::list_audit(conn, e.id, audit_page, before);
                  json::array items;
                  for (const auto& a : entries) items.push_back(audit_json(a));
                  json::value next = nullptr;
                  if (entries.size() == audit_page) next = std::to_string(entries.back().id);
                  return json::value(json::object{{"items", std::move(items)}, {"next_cursor", next}});
              };
              auto out = co_await s.store.async_read(std::move(job), use_awaitable);
              co_return json_response(http::status::ok, out);
          });
}

}  // namespace

void register_staff_routes(router& r, event_services s) {
    add_staff_list(r, s);
    add_audit(r, s);
}

}  // namespace plenary::server::events
