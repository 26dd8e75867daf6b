// The check-in API (see CONTRACT.md and docs/openapi.yaml): kiosk devices and
// pairing, check-ins and their undo, the kiosk's name search and offline copy,
// offline conflicts, and the event's stats.
#pragma once

#include "server/router.hpp"

namespace plenary::db {
class store;
}

namespace plenary::server::live {
class access_cache;
}

namespace plenary::server::checkins {

struct checkin_services {
    db::store& store;
    // Remembers kiosk tokens, so a door scan skips the trip to a reader.
    live::access_cache& kiosks;
};

void register_checkin_routes(router& r, checkin_services services);

// Internal: the kiosk device group added above.
void register_kiosk_routes(router& r, checkin_services services);

}  // namespace plenary::server::checkins
