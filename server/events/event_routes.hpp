// The event API: events, sessions, rooms, staff, audit and agenda.ics under
// /api/v1/events (see CONTRACT.md).
#pragma once

#include "server/router.hpp"

namespace plenary::db {
class store;
}

namespace plenary::server {

struct event_services {
    db::store& store;
};

void register_event_routes(router& r, event_services services);

}  // namespace plenary::server
