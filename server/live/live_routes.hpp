// The live endpoints: GET /api/v1/events/{slug}/stats (organizers and the
// event's kiosks), the WebSocket /api/v1/events/{slug}/live (the same callers;
// organizers also get the activity feed) and /api/v1/events/{slug}/live/public
// (anyone, counts only, where the organizers switched the hall screen on).
#pragma once

#include "server/router.hpp"

namespace plenary::db {
class store;
}

namespace plenary::server::live {

class live_feed;

struct live_services {
    db::store& store;
    live_feed& feed;
};

void register_live_routes(router& r, live_services services);

}  // namespace plenary::server::live
