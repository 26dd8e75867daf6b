// Visibility and permission rules for events.
#include "server/events/event_access.hpp"

#include "common/problem.hpp"
#include "common/text.hpp"

#include <charconv>

namespace plenary::server::events {

boost::asio::awaitable<std::optional<db::user_record>> maybe_staff(const authenticator& auth,
                                                                   const request_context& ctx) {
    co_return co_await auth.optional_staff(ctx);
}

bool is_admin(const db::user_record& user) noexcept {
    return user.role == "admin";
}

db::event_record load_visible_event(db::connection& conn, std::string_view slug,
                                    const std::optional<db::user_record>& user) {
    auto e = db::find_event_by_slug(conn, slug);
    if (!e) throw problem(errc::not_found, "no such event");
    if (e->status != "draft") return std::move(*e);
    if (user && (is_admin(*user) || db::is_staff(conn, e->id, user->id))) return std::move(*e);
    throw problem(errc::not_found, "no such event");
}

db::event_record load_managed_event(db::connection& conn, std::string_view slug, const db::user_record& user) {
    auto e = db::find_event_by_slug(conn, slug);
    if (!e) throw problem(errc::not_found, "no such event");
    if (is_admin(user) || db::is_staff(conn, e->id, user.id)) return std::move(*e);
    if (e->status == "draft") throw problem(errc::not_found, "no such event");
    throw problem(errc::forbidden, "you are not on this event's staff");
}

db::event_record load_checkin_event(db::connection& conn, std::string_view slug, const checkin_caller& caller) {
    if (caller.organizer) return load_managed_event(conn, slug, *caller.organizer);
    auto e = db::find_event_by_slug(conn, slug);
    if (!e) throw problem(errc::not_found, "no such event");
    if (e->id != caller.kiosk->event_id) throw problem(errc::forbidden, "this kiosk belongs to another event");
    return std::move(*e);
}

std::optional<std::int64_t> parse_positive_id(std::string_view text) noexcept {
    std::int64_t id = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc{} || ptr != text.data() + text.size() || id <= 0) return std::nullopt;
    return id;
}

std::int64_t id_param(const request_context& ctx, std::string_view name) {
    const auto id = parse_positive_id(ctx.params.get(name));
    if (!id) throw problem(errc::not_found, "no such item");
    return *id;
}

std::optional<std::int64_t> id_cursor(std::string_view query, std::string_view name) {
    const auto text = query_param(query, name);
    if (!text || text->empty()) return std::nullopt;
    const auto id = parse_positive_id(*text);
    if (!id) throw problem::invalid(std::string(name), "is not a cursor this server gave out");
    return id;
}

std::optional<std::string> query_param(std::string_view query, std::string_view name) {
    while (!query.empty()) {
        const auto amp = query.find('&');
        const auto pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        const auto eq = pair.find('=');
        if (pair.substr(0, eq) != name) continue;
        if (eq == std::string_view::npos) return std::string{};
        auto decoded = percent_decode(pair.substr(eq + 1));
        if (!decoded) throw problem(errc::bad_request, "malformed query string");
        return decoded;
    }
    return std::nullopt;
}

}  // namespace plenary::server::events
