// The JSON that live dashboards receive, rendered from one event_state under
// live_counts' lock. Organizers and kiosks get the full stats (a superset of
// the contract's /stats shape); the hall screen gets counts only.
#pragma once

#include "server/live/live_state.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace plenary::server::live {

inline constexpr std::size_t arrivals_window_minutes = 120;

boost::json::object event_header_json(const event_state& e);
boost::json::object stats_json(const event_state& e);
// stats_json(e) serialized, memoized in `e` by version; call it under the
// counts' lock (live_counts::read), which serializes the memo's use.
std::shared_ptr<const std::string> stats_text(const event_state& e);
boost::json::object public_stats_json(const event_state& e);
boost::json::object activity_json(const activity_item& item);
boost::json::array activity_json(const std::deque<activity_item>& items);

}  // namespace plenary::server::live
