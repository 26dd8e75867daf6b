// The demo events as an import document (see server/events/event_import.hpp).
#pragma once

#include <string_view>

namespace plenary::demo {

// Four events modelled on the project's source material (the International
// Volunteer Service Exchange Conferences in Beijing, the "Silk Road Hearts
// Connect" seminar in Nanjing and a tripartite project meeting), in English
// and Chinese. Dates are placeholders: load_demo_if_empty moves them into the
// coming weeks, keeping each day's local schedule.
std::string_view demo_document() noexcept;

}  // namespace plenary::demo
