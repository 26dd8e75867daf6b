// An event's agenda as an RFC 5545 calendar: one VEVENT per session.
#pragma once

#include "db/events.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace plenary::server::events {

// Times are written in UTC ("...Z"), which every calendar client converts to
// its own zone, so no VTIMEZONE has to be reproduced; X-WR-TIMEZONE names the
// event's zone for clients that display it. UIDs come from each session's
// stored uid, so they stay the same across edits while SEQUENCE counts them.
// `language` ("en" or "zh") picks the text shown, falling back to the other.
std::string render_agenda_ics(const db::event_record& event, const std::vector<db::session_record>& sessions,
                              std::string_view language);

}  // namespace plenary::server::events
