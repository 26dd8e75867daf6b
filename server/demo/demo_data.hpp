// Demo events for `plenary serve --demo`.
#pragma once

#include <chrono>

namespace plenary::db {
class store;
}

namespace plenary::demo {

// Loads the demo events when the database has none; true when it loaded.
// Every event is published, moved so the first starts 14 days after `now`
// (whole days, so each day's local schedule stays as written), with
// registration open from a day before `now` until the event starts.
bool load_demo_if_empty(db::store& store, std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

}  // namespace plenary::demo
