// Login, session and logout routes; the work is in auth_service.
#include "server/auth/auth_routes.hpp"

#include "server/auth/auth_service.hpp"

namespace plenary::server::auth {

using boost::asio::awaitable;

namespace {
// Login and password bodies are two short strings.
constexpr route_options small_body{.body_limit = 4096};
}  // namespace

void register_auth_routes(router& r, auth_route_services services) {
    auto& svc = services.service;
    r.add(
        http::verb::post, "/api/v1/auth/login",
        [svc](request_context& ctx) -> awaitable<response> { co_return co_await svc->login(ctx); }, small_body);
    r.add(http::verb::get, "/api/v1/auth/session",
          [svc](request_context& ctx) -> awaitable<response> { co_return co_await svc->current_session(ctx); });
    r.add(
        http::verb::post, "/api/v1/auth/logout",
        [svc](request_context& ctx) -> awaitable<response> { co_return co_await svc->logout(ctx); }, small_body);
    r.add(
        http::verb::post, "/api/v1/auth/password",
        [svc](request_context& ctx) -> awaitable<response> { co_return co_await svc->change_password(ctx); },
        small_body);
    register_token_routes(r, services);
}

}  // namespace plenary::server::auth
