// Every feature area's routes, in one place.
#include "server/app_routes.hpp"

#include "server/auth/auth_routes.hpp"
#include "server/auth/auth_service.hpp"
#include "server/core_routes.hpp"
#include "server/events/event_routes.hpp"

#include <memory>

namespace plenary::server {

void register_app_routes(router& r, app_services services) {
    register_core_routes(r, services);
    register_event_routes(r, {services.store});
    auth::register_auth_routes(r, {services.store, std::make_shared<auth::auth_service>(services.store)});
}

}  // namespace plenary::server
