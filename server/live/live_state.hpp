// The in-memory picture of each event that live dashboards show: plain data,
// changed only by live_counts (under its lock) and read by the JSON renderers.
#pragma once

#include "db/events.hpp"

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace plenary::server::live {

struct tally {
    std::int64_t registered = 0;  // confirmed registrations
    std::int64_t checked_in = 0;  // admitted at the entrance
};

struct session_state {
    std::int64_t id = 0;
    db::bilingual title;
    std::string room;
    std::string starts_at;
    std::string ends_at;
    std::optional<std::int64_t> capacity;
    std::int64_t signed_up = 0;  // confirmed choices
    std::int64_t waitlisted = 0;
    std::int64_t requested = 0;  // choices of registrations not yet confirmed
    std::int64_t checked_in = 0;
    std::int64_t inside = 0;
};

struct choice_option {
    std::string value;
    std::string label_en;
    std::string label_zh;
    tally counts;
};

// A single-choice registration question and how many chose each option.
struct choice_question {
    std::string key;
    std::string label_en;
    std::string label_zh;
    std::vector<choice_option> options;
};

// What the counts need to remember about one registration.
struct registration_state {
    std::int64_t event_id = 0;
    std::string status;
    std::string country;
    std::string name;
    std::string organization;
    // (question index, option index) of each single-choice answer.
    std::vector<std::pair<std::size_t, std::size_t>> choices;
    bool arrived = false;  // has an entrance attendance row
};

struct activity_item {
    std::int64_t seq = 0;
    std::string at;
    std::string kind;  // checked_in, checked_out, undone, registered, cancelled
    std::string name;
    std::string organization;
    std::string country;
    std::optional<std::int64_t> session_id;
    std::string session_title;
    std::string device;
};

struct event_state {
    std::int64_t id = 0;
    std::string slug;
    std::string title_en;
    std::string title_zh;
    std::string timezone;
    std::string starts_at;
    std::string ends_at;
    std::optional<std::int64_t> capacity;
    bool public_display = false;

    std::map<std::string, std::int64_t> registrations;  // by status
    std::int64_t checked_in = 0;
    std::int64_t inside = 0;
    std::map<std::int64_t, session_state> sessions;
    std::vector<std::int64_t> agenda;  // session ids by start time
    std::map<std::string, tally> countries;
    std::vector<choice_question> questions;
    std::map<std::string, std::int64_t> arrivals;  // "YYYY-MM-DDTHH:MM" -> first entrance admissions

    std::deque<activity_item> recent;  // newest last, bounded
    std::int64_t next_seq = 1;
    std::uint64_t version = 0;  // bumped with every change

    // stats_text()'s serialization for `stats_text_version`; rebuilt only
    // after a change, however many requests and dashboards read it.
    mutable std::shared_ptr<const std::string> stats_text;
    mutable std::uint64_t stats_text_version = 0;
};

}  // namespace plenary::server::live
