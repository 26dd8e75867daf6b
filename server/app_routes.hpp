// The whole route table of a plenary server, in one call, so `plenary serve`
// and the in-process test server can never disagree about what is served.
#pragma once

#include "server/router.hpp"

namespace plenary {
class metrics_registry;
namespace db {
class store;
}
}  // namespace plenary

namespace plenary::server {

struct app_services {
    db::store& store;
    metrics_registry& metrics;
};

void register_app_routes(router& r, app_services services);

}  // namespace plenary::server
