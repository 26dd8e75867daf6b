// The sign-in API under /api/v1/auth: login, session, logout, password, and
// the caller's API tokens (create, list, revoke).
#pragma once

#include "server/router.hpp"

#include <memory>

namespace plenary::db {
class store;
}

namespace plenary::server::auth {

class auth_service;

struct auth_route_services {
    db::store& store;
    std::shared_ptr<auth_service> service;  // the routes keep it (and its thread pool) alive
};

void register_auth_routes(router& r, auth_route_services services);

// Internal: the token routes, registered by register_auth_routes.
void register_token_routes(router& r, auth_route_services services);

}  // namespace plenary::server::auth
