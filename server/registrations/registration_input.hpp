// Reading and checking a registration body (create or change) against the
// event: names, email, country, language, answers that fit their questions,
// and session choices that exist and do not overlap. Every problem is
// collected and reported at once (problem(validation) naming each field).
#pragma once

#include "db/events.hpp"

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace plenary::server::registrations {

struct registration_changes {
    std::optional<std::string> name;
    std::optional<std::string> email;  // trimmed
    std::optional<std::string> organization;
    std::optional<std::string> country;  // upper case ISO 3166-1 alpha-2
    std::optional<std::string> language;
    std::optional<std::string> answers_json;  // validated, serialised
    std::optional<std::vector<std::int64_t>> sessions;
    bool over_capacity = false;
};

enum class input_mode {
    create,            // name, email, country required; language defaults to en
    organizer_create,  // as create, plus over_capacity
    change,            // every field optional; email cannot change
};

registration_changes read_registration_input(boost::json::value body, const db::event_record& event,
                                             const std::vector<db::session_record>& sessions, input_mode mode);

}  // namespace plenary::server::registrations
