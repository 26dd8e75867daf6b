// Demo registrations for the demo events, so a fresh `make run` shows
// organizers a populated list, waiting lists, session sign-ups and an outbox.
// The people are invented; their countries mirror the Exchange Conference's
// mix of participants from China and from Belt and Road partner countries.
#pragma once

namespace plenary::db {
class connection;
}

namespace plenary::demo {

// Registers the demo attendees through the same rules as the API; call in the
// job that wrote the demo events.
void add_demo_attendees(db::connection& conn);

}  // namespace plenary::demo
