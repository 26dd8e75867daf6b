// Who may see and change an event. Published and closed events are public;
// drafts only exist for their staff and admins (anyone else gets 404, so a
// draft's slug does not leak). Changes need an admin or a member of the
// event's staff list; other organizers get 403 (404 for drafts).
#pragma once

#include "db/accounts.hpp"
#include "db/events.hpp"
#include "server/authenticator.hpp"
#include "server/http_types.hpp"

#include <boost/asio/awaitable.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace plenary::db {
class connection;
}

namespace plenary::server::events {

// No credentials (or a stale session cookie): nullopt (anonymous). An
// Authorization header that does not authenticate is still a 401, so a typo
// in a token is noticed. See authenticator::optional_staff.
boost::asio::awaitable<std::optional<db::user_record>> maybe_staff(const authenticator& auth,
                                                                   const request_context& ctx);

bool is_admin(const db::user_record& user) noexcept;

// For store jobs. Throw problem(not_found / forbidden) as described above.
db::event_record load_visible_event(db::connection& conn, std::string_view slug,
                                    const std::optional<db::user_record>& user);
db::event_record load_managed_event(db::connection& conn, std::string_view slug, const db::user_record& user);
// For check-in callers: an organizer as load_managed_event; a kiosk only for
// its own event (problem(forbidden) for another).
db::event_record load_checkin_event(db::connection& conn, std::string_view slug, const checkin_caller& caller);

// A positive decimal integer, the whole of `text`; nullopt otherwise.
std::optional<std::int64_t> parse_positive_id(std::string_view text) noexcept;

// The {id} path parameter as a positive integer; problem(not_found) otherwise.
std::int64_t id_param(const request_context& ctx, std::string_view name = "id");

// The raw value of `name` in the query string, percent-decoded; nullopt when absent.
std::optional<std::string> query_param(std::string_view query, std::string_view name);

// A row id handed out as a pagination cursor, read back from query parameter
// `name`; nullopt when absent or empty, problem::invalid(name) when it is not
// a positive integer.
std::optional<std::int64_t> id_cursor(std::string_view query, std::string_view name);

}  // namespace plenary::server::events
