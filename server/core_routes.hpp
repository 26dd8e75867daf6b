// Registers the routes every plenary server has (health, metrics) and the
// store's metrics that /metrics reports.
#pragma once

#include "server/app_routes.hpp"

namespace plenary::server {

void register_core_routes(router& r, app_services services);

}  // namespace plenary::server
