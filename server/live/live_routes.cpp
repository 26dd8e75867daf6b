// Live stats and feeds; see live_routes.hpp. WebSocket handshakes are checked
// like any request (credentials, event access) and, since browsers send
// cookies with cross-site WebSocket handshakes, the Origin must be this
// server's: a foreign Origin is refused, and a cookie alone is accepted only
// with a same-origin Origin header.
#include "server/live/live_routes.hpp"

#include "common/problem.hpp"
#include "db/connection.hpp"
#include "db/store.hpp"
#include "server/authenticator.hpp"
#include "server/events/event_access.hpp"
#include "server/live/live_feed.hpp"
#include "server/live/live_json.hpp"

#include <boost/asio/use_awaitable.hpp>
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace plenary::server::live {

namespace json = boost::json;
using boost::asio::awaitable;
using boost::asio::use_awaitable;

namespace {

// After authentication, so a request without credentials is a 401.
void require_origin_with_cookie(const request_context& ctx) {
    const bool bearer = ctx.req.find(http::field::authorization) != ctx.req.end();
    if (!bearer && ctx.req.find(http::field::origin) == ctx.req.end()) {
        throw problem(errc::forbidden, "a WebSocket opened with a session cookie must send its Origin",
                      {{"Origin", "required"}});
    }
}

// The caller's event id and how much of the feed they may see.
struct live_access {
    std::int64_t event_id = 0;
    audience who = audience::kiosk;
};

awaitable<live_access> look_up_access(const live_services& s, const authenticator& auth, const request_context& ctx) {
    const auto caller = co_await auth.require_kiosk_or_staff(ctx);
    auto job = [caller, slug = std::string(ctx.params.get("slug"))](db::connection& conn) {
        return events::load_checkin_event(conn, slug, caller).id;
    };
    const auto id = co_await s.store.async_read(std::move(job), use_awaitable);
    co_return live_access{id, caller.organizer ? audience::organizer : audience::kiosk};
}

// Bearer callers (dashboards' API tokens, kiosks) are remembered; cookie
// sessions have idle limits of their own and always go to the store.
struct remembered {
    std::optional<live_access> hit;
    std::string key;  // empty: not a caller the cache keeps
    std::uint64_t generation = 0;
};

// A plain function, not a coroutine: a remembered caller, which is nearly
// every request of a polling dashboard, costs no coroutine frame.
remembered remembered_access(const live_services& s, const request_context& ctx) {
    const auto token = authenticator::bearer_token(ctx.req);
    if (token.empty() || token.size() > authenticator::max_bearer_token_size) return {};
    auto& cache = s.feed.access();
    remembered r{std::nullopt, access_cache::key(token, ctx.params.get("slug")), cache.generation()};
    if (const auto hit = cache.find(r.key, r.generation)) {
        r.hit = live_access{hit->event_id, hit->organizer ? audience::organizer : audience::kiosk};
    }
    return r;
}

// What remembered_access could not answer, from the store; remembered when
// the cache keeps the caller.
awaitable<live_access> look_up_and_remember(const live_services& s, const authenticator& auth,
                                            const request_context& ctx, remembered r) {
    const auto access = co_await look_up_access(s, auth, ctx);
    if (!r.key.empty()) {
        s.feed.access().put(std::move(r.key), {access.event_id, access.who == audience::organizer}, r.generation);
    }
    co_return access;
}

awaitable<live_access> staff_access(const live_services& s, const authenticator& auth, const request_context& ctx) {
    auto r = remembered_access(s, ctx);
    if (r.hit) co_return *r.hit;
    co_return co_await look_up_and_remember(s, auth, ctx, std::move(r));
}

ws_accept attach_to(live_feed& feed, live_access access) {
    ws_accept out;
    out.attach = [&feed, access](const std::shared_ptr<hub::subscriber>& s) {
        return feed.attach(access.event_id, access.who, s);
    };
    return out;
}

// The handshake's credentials, kept (without the body) so access can be
// decided again for as long as the socket is open.
std::function<awaitable<void>()> recheck_for(const live_services& s, const authenticator& auth,
                                             const request_context& ctx) {
    auto head = std::make_shared<request>(ctx.req.base(), std::string());
    return [s, auth, head, path = std::string(ctx.path), params = ctx.params,
            remote = ctx.remote_address]() -> awaitable<void> {
        const request_context again{*head, path, {}, params, remote, true};
        co_await staff_access(s, auth, again);
    };
}

}  // namespace

void register_live_routes(router& r, live_services s) {
    r.add(http::verb::get, "/api/v1/events/{slug}/stats",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              // Inline rather than through staff_access and load: this is the
              // path of every dashboard poll, and each coroutine is a frame.
              auto r = remembered_access(s, ctx);
              live_access access;
              if (r.hit) {
                  access = *r.hit;
              } else {
                  access = co_await look_up_and_remember(s, auth, ctx, std::move(r));
              }
              if (!s.feed.counts().loaded(access.event_id)) co_await s.feed.load(access.event_id);
              std::shared_ptr<const std::string> text;
              if (!s.feed.counts().read(access.event_id, [&text](const event_state& e) { text = stats_text(e); })) {
                  throw problem(errc::not_found, "no such event");
              }
              co_return json_response(http::status::ok, std::string(*text));
          });

    r.add_websocket("/api/v1/events/{slug}/live",
                    [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<ws_accept> {
                        authenticator::check_origin(ctx);
                        const auto access = co_await staff_access(s, auth, ctx);
                        require_origin_with_cookie(ctx);
                        co_await s.feed.load(access.event_id);
                        auto accepted = attach_to(s.feed, access);
                        accepted.recheck = recheck_for(s, auth, ctx);
                        co_return accepted;
                    });

    r.add_websocket("/api/v1/events/{slug}/live/public", [s](request_context& ctx) -> awaitable<ws_accept> {
        authenticator::check_origin(ctx);
        auto job = [slug = std::string(ctx.params.get("slug"))](db::connection& conn) {
            const auto e = events::load_visible_event(conn, slug, std::nullopt);
            if (!e.public_display) throw problem(errc::not_found, "this event has no public display");
            return e.id;
        };
        const auto id = co_await s.store.async_read(std::move(job), use_awaitable);
        co_await s.feed.load(id);
        co_return attach_to(s.feed, {id, audience::hall});
    });
}

}  // namespace plenary::server::live
