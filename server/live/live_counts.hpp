// Live counts of every event, kept incrementally from the rows each COMMIT
// changed (db::change_capture) rather than counted per request: registrations
// by status, entrance and per-session attendance, countries, single-choice
// answers, arrivals per minute, and a short activity feed. An event is loaded
// from the store the first time someone asks for it (request_load), not at
// start, so start-up does not read a million rows; from then on it follows the
// commits. An event whose structure changed (its own row, sessions, questions)
// is recounted from the store instead, which is rare and keeps the incremental
// rules small. Thread-safe: the writer thread applies, anyone reads.
#pragma once

#include "db/change_capture.hpp"
#include "db/live_rows.hpp"
#include "server/live/live_state.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>
#include <vector>

namespace plenary::server::live {

class live_counts {
public:
    // The activity a snapshot carries and a dashboard keeps.
    static constexpr std::size_t recent_limit = 50;
    // The newest activity one flush carries. Below recent_limit: a door busy
    // enough to fill it (over 40 check-ins a second at the busy pace) scrolls
    // faster than anyone reads, and these bytes, sent to every organizer and
    // encrypted for each, were most of what a busy flush cost the cores the
    // check-ins need.
    static constexpr std::size_t flush_activity_limit = 20;

    // Called outside the lock after an applied batch changed some event.
    void set_listener(std::function<void()> fn);

    // Every event at once from `conn` (a recount of everything; the server
    // itself loads events on demand instead).
    void prime(db::connection& conn);
    // Writer thread, inside a write job: load the event after the COMMIT of
    // this job's batch, from the committed state, so none of the batch's own
    // changes is counted twice. Done by the time the job completes.
    void request_load(std::int64_t event_id);
    bool loaded(std::int64_t event_id) const;
    // Writer thread, after every COMMIT (also one without watched changes).
    void apply(const db::change_batch& batch, db::connection& conn);

    // Runs fn(const event_state&) under the lock; false for an unknown event.
    template <class Fn>
    bool read(std::int64_t event_id, Fn&& fn) const {
        std::lock_guard lock(mutex_);
        const auto it = events_.find(event_id);
        if (it == events_.end()) return false;
        fn(it->second);
        return true;
    }

    // The events changed since the last call, with the activity they gained.
    struct change {
        std::int64_t event_id = 0;
        bool removed = false;
        std::vector<activity_item> activity;
    };
    std::vector<change> take_changes();

private:
    void reload_event(db::connection& conn, std::int64_t event_id);
    void drop_event(std::int64_t event_id);
    void apply_counts(const db::row_change& c, const std::set<std::int64_t>& recounted);
    void apply_activity(const db::row_change& c);

    void add_registration(event_state& e, const registration_state& r, int sign);
    void add_arrival_part(event_state& e, const registration_state& r, int sign);
    // The session's event, or nullptr when the row is not counted here.
    event_state* add_choice(const db::live_choice_row& row, int sign, const std::set<std::int64_t>& recounted);
    void add_attendance(const db::live_attendance_row& row, int sign);
    void on_registration(const db::row_change& c, const std::set<std::int64_t>& recounted);
    registration_state make_registration(const event_state& e, const db::live_registration_row& row) const;
    void push_activity(event_state& e, activity_item item);
    void replay_history(db::connection& conn, event_state& e);
    activity_item checkin_item(const event_state& e, const db::live_checkin_row& row, bool undone) const;
    event_state* find_event(std::int64_t id);
    void touch(std::int64_t event_id);

    mutable std::mutex mutex_;
    std::unordered_map<std::int64_t, event_state> events_;
    std::unordered_map<std::int64_t, registration_state> registrations_;
    std::unordered_map<std::int64_t, std::int64_t> session_events_;  // session id -> event id
    std::map<std::int64_t, change> changes_;                         // not yet taken
    std::set<std::int64_t> pending_loads_;
    std::function<void()> listener_;
};

}  // namespace plenary::server::live
