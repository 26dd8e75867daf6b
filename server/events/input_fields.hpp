// Field readers shared by the event, session, room and import parsers. Each
// assigns into an existing record only when the field is present, which gives
// PATCH its "only the fields present change" meaning and lets creation reuse
// the same code with `required` set. Errors are collected in the json_reader.
#pragma once

#include "common/json_reader.hpp"
#include "db/events.hpp"

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace plenary::server::events {

// Each returns true when the field was present (valid or not), so callers can
// tell "absent" from "given"; an explicit null counts as present.
bool read_text(json_reader& in, std::string_view field, std::string& target, std::size_t max_len, bool required = false,
               text_kind kind = text_kind::single_line);

// A string (taken as English) or {"en": ..., "zh": ...}; inside the object a
// language that is present replaces that language, null clears it. With
// `required`, at least one language must remain.
bool read_bilingual(json_reader& in, std::string_view field, db::bilingual& target, std::size_t max_len,
                    bool required = false, text_kind kind = text_kind::single_line);

// RFC 3339 with offset, stored canonical UTC.
bool read_time(json_reader& in, std::string_view field, std::string& target, bool required = false);
// Same, but null clears.
bool read_optional_time(json_reader& in, std::string_view field, std::optional<std::string>& target);

// Integer or null (null: nullopt, meaning "no limit" for capacities).
bool read_nullable_int(json_reader& in, std::string_view field, std::optional<std::int64_t>& target, std::int64_t min,
                       std::int64_t max);

bool read_flag(json_reader& in, std::string_view field, bool& target);

// One of `allowed`; the error lists them.
bool read_choice(json_reader& in, std::string_view field, std::string& target,
                 std::initializer_list<std::string_view> allowed, bool required = false);

// Room fields: name (required when creating), capacity (null: no limit).
void read_room_fields(json_reader& in, db::room_record& room, bool creating);

// "[a-z0-9]+(-[a-z0-9]+)*", 3-64 characters.
bool is_valid_slug(std::string_view slug) noexcept;

// "speakers[2]"
std::string indexed(std::string_view field, std::size_t index);

}  // namespace plenary::server::events
