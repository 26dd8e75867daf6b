// The whole route table of a plenary server, in one call, so `plenary serve`
// and the in-process test server can never disagree about what is served.
#pragma once

#include "common/rate_limiter.hpp"
#include "server/router.hpp"

namespace plenary {
class metrics_registry;
namespace db {
class store;
}
}  // namespace plenary

namespace plenary::server {

class static_files;
namespace live {
class live_feed;
}

// Settings of the feature areas (the network limits are in server_options).
struct app_settings {
    rate_limiter::options registration_rate;
};

struct app_services {
    db::store& store;
    metrics_registry& metrics;
    live::live_feed& live;
    app_settings settings = {};
};

void register_app_routes(router& r, app_services services);

// The web pages: static files as the fallback, plus pages whose path carries
// a parameter (/e/{slug}, /e/{slug}/manage, /dashboard/{slug}, /display/{slug}).
void register_page_routes(router& r, const static_files& files);

}  // namespace plenary::server
