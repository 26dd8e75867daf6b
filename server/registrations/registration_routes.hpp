// The registration API (see CONTRACT.md and docs/openapi.yaml): attendees
// register and manage their own registration with its manage token;
// organizers list, search, export and act on registrations and read the
// outbox.
#pragma once

#include "common/rate_limiter.hpp"
#include "server/router.hpp"

#include <memory>

namespace plenary::db {
class store;
}

namespace plenary::server::registrations {

struct registration_services {
    db::store& store;
    // Public registrations per client address; organizers are not limited.
    std::shared_ptr<rate_limiter> limiter;
};

void register_registration_routes(router& r, registration_services services);

// Internal to server/registrations: the route groups added above.
void register_self_routes(router& r, registration_services services);
void register_admin_routes(router& r, registration_services services);
void register_export_routes(router& r, registration_services services);

}  // namespace plenary::server::registrations
