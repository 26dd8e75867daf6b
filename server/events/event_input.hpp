// Turning event JSON (POST, PATCH, import) into db::event_record, with every
// problem reported against its field.
#pragma once

#include "common/json_reader.hpp"
#include "db/events.hpp"

namespace plenary::server::events {

// Reads the event fields present in `in` into `e`. With `creating`, slug,
// title, timezone, starts_at and ends_at are required. Field-level checks only
// (types, formats, lengths, known time zone); see check_event for the rest.
void read_event_fields(json_reader& in, db::event_record& e, bool creating);

// Rules that span fields: end after start, the registration window inside
// sensible bounds. Call once the fields themselves read cleanly.
void check_event(json_reader& in, const db::event_record& e);

}  // namespace plenary::server::events
