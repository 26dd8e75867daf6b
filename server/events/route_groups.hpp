// Internal to server/events: the route groups register_event_routes adds, and
// the small pieces their handlers share.
#pragma once

#include "server/events/event_routes.hpp"
#include "server/http_types.hpp"

#include <boost/json/value.hpp>

namespace plenary::server::events {

void register_session_routes(router& r, event_services services);
void register_room_routes(router& r, event_services services);
void register_staff_routes(router& r, event_services services);

}  // namespace plenary::server::events
