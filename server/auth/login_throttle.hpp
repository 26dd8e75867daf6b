// Throttling of failed sign-ins, per account (guessing one password) and per
// client address (trying many accounts). Held in memory by the auth service;
// thread-safe, since logins arrive on every I/O thread.
#pragma once

#include "server/auth/failure_counter.hpp"

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>

namespace plenary::server::auth {

struct throttle_options {
    std::size_t account_limit = 5;   // failures per account within the window
    std::size_t address_limit = 20;  // failures per client address within the window
    std::chrono::seconds window{15 * 60};
    std::size_t capacity = 10000;  // accounts and addresses remembered (each)
};

class login_throttle {
public:
    using clock = failure_counter::clock;

    explicit login_throttle(const throttle_options& options = {});

    // 0 when a sign-in may be tried now, else seconds until one may.
    std::chrono::seconds retry_after(std::string_view account, std::string_view address,
                                     clock::time_point now = clock::now()) const;
    void record_failure(std::string_view account, std::string_view address, clock::time_point now = clock::now());
    // A correct password clears the account's failures (not the address's:
    // one success must not unlock guessing at other accounts).
    void record_success(std::string_view account);

private:
    static std::string account_key(std::string_view account);

    mutable std::mutex mutex_;
    failure_counter accounts_;
    failure_counter addresses_;
};

}  // namespace plenary::server::auth
