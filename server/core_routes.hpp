// Registers the routes every plenary server has (health, metrics). Feature
// areas add their own register_*_routes functions beside this one.
#pragma once

#include "server/router.hpp"

namespace plenary {
class metrics_registry;
namespace db {
class store;
}
}  // namespace plenary

namespace plenary::server {

struct core_services {
    db::store& store;
    metrics_registry& metrics;
};

void register_core_routes(router& r, core_services services);

}  // namespace plenary::server
