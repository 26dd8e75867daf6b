// Every feature area's routes, in one place.
#include "server/app_routes.hpp"

#include "server/core_routes.hpp"
#include "server/events/event_routes.hpp"

namespace plenary::server {

void register_app_routes(router& r, app_services services) {
    register_core_routes(r, services);
    register_event_routes(r, {services.store});
}

}  // namespace plenary::server
