// Every feature area's routes, in one place.
#include "server/app_routes.hpp"

#include "server/auth/auth_routes.hpp"
#include "server/auth/auth_service.hpp"
#include "server/checkins/checkin_routes.hpp"
#include "server/core_routes.hpp"
#include "server/events/event_routes.hpp"
#include "server/events/input_fields.hpp"
#include "server/live/live_feed.hpp"
#include "server/live/live_routes.hpp"
#include "server/registrations/registration_routes.hpp"
#include "server/static_files.hpp"

#include <memory>

namespace plenary::server {

void register_app_routes(router& r, app_services services) {
    register_core_routes(r, services);
    register_event_routes(r, {services.store});
    auth::register_auth_routes(r, {services.store, std::make_shared<auth::auth_service>(services.store)});
    registrations::register_registration_routes(
        r, {services.store, std::make_shared<rate_limiter>(services.settings.registration_rate)});
    checkins::register_checkin_routes(r, {services.store, services.live.access()});
    live::register_live_routes(r, {services.store, services.live});
}

void register_page_routes(router& r, const static_files& files) {
    // A name that cannot be a slug (app.js, favicon.ico) is a file under /e/.
    auto event_page = [&files](request_context& ctx) -> boost::asio::awaitable<response> {
        if (!events::is_valid_slug(ctx.params.get("slug"))) co_return files.serve(ctx);
        co_return files.serve_page(ctx, "e/index.html");
    };
    r.add(http::verb::get, "/e/{slug}", event_page);
    r.add(http::verb::get, "/e/{slug}/manage", event_page);
    for (const auto* page : {"dashboard", "display"}) {
        const auto file = std::string(page).append("/index.html");
        r.add(http::verb::get, std::string("/").append(page).append("/{slug}"),
              [&files, file](request_context& ctx) -> boost::asio::awaitable<response> {
                  if (!events::is_valid_slug(ctx.params.get("slug"))) co_return files.serve(ctx);
                  co_return files.serve_page(ctx, file);
              });
    }
    r.set_fallback([&files](request_context& ctx) -> boost::asio::awaitable<response> { co_return files.serve(ctx); });
}

}  // namespace plenary::server
