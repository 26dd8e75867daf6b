// The JSON shapes of events, sessions, rooms, staff and audit entries, exactly
// as CONTRACT.md names their fields, and the before/after audit summary.
#pragma once

#include "db/events.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

namespace plenary::server::events {

boost::json::value bilingual_json(const db::bilingual& text);  // {"en":…|null,"zh":…|null}
// The value, or null when absent.
boost::json::value optional_json(const std::optional<std::string>& v);
boost::json::value optional_json(const std::optional<std::int64_t>& v);
// Without "sessions"; add them with sessions_json when wanted.
boost::json::object event_json(const db::event_record& e);
boost::json::object session_json(const db::session_record& s);
boost::json::array sessions_json(const std::vector<db::session_record>& sessions);
boost::json::object room_json(const db::room_record& r);
boost::json::object staff_json(const db::staff_member& m);
boost::json::object audit_json(const db::audit_entry& a);

// {"before":{changed keys},"after":{changed keys}}: only the top-level keys
// whose values differ, long strings shortened, so the audit log stays compact.
// Either side may be empty (creation, deletion).
std::string audit_summary(const boost::json::object& before, const boost::json::object& after);

}  // namespace plenary::server::events
