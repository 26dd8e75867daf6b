// Polls a condition that the server makes true asynchronously (after a
// response went out, after a close was noticed). The limit is a hang guard,
// not a timing assertion: the condition is expected long before it.
#pragma once

#include <chrono>
#include <thread>

namespace plenary::testing {

template <class Predicate>
bool eventually(Predicate pred, std::chrono::milliseconds limit = std::chrono::seconds(15)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!pred()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

}  // namespace plenary::testing
