// Two failure counters under one lock.
#include "server/auth/login_throttle.hpp"

#include "common/text.hpp"

#include <algorithm>

namespace plenary::server::auth {

login_throttle::login_throttle(const throttle_options& options)
    : accounts_(options.account_limit, options.window, options.capacity),
      addresses_(options.address_limit, options.window, options.capacity) {}

std::string login_throttle::account_key(std::string_view account) {
    // Emails match case-insensitively in the store, so they count together here.
    return to_lower_ascii(account);
}

std::chrono::seconds login_throttle::retry_after(std::string_view account, std::string_view address,
                                                 clock::time_point now) const {
    const auto key = account_key(account);
    const std::string addr(address);
    std::lock_guard lock(mutex_);
    return std::max(accounts_.retry_after(key, now), addresses_.retry_after(addr, now));
}

void login_throttle::record_failure(std::string_view account, std::string_view address, clock::time_point now) {
    const auto key = account_key(account);
    const std::string addr(address);
    std::lock_guard lock(mutex_);
    accounts_.add(key, now);
    addresses_.add(addr, now);
}

void login_throttle::record_success(std::string_view account) {
    const auto key = account_key(account);
    std::lock_guard lock(mutex_);
    accounts_.clear(key);
}

}  // namespace plenary::server::auth
