// Incremental live counts; see live_counts.hpp. Every rule is written as
// "a row adds its contribution; removing it subtracts the same", so an update
// is a removal of the old row and an addition of the new one, and a recount is
// the same additions over the stored rows.
#include "server/live/live_counts.hpp"

#include "common/clock.hpp"
#include "db/events.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>

namespace plenary::server::live {

namespace {

std::string minute_of(const std::string& at) {
    return at.substr(0, 16);  // "YYYY-MM-DDTHH:MM" of the canonical UTC form
}

void bump(std::map<std::string, std::int64_t>& m, const std::string& key, std::int64_t by) {
    auto& n = m[key];
    n += by;
    if (n == 0) m.erase(key);
}

}  // namespace

void live_counts::set_listener(std::function<void()> fn) {
    std::lock_guard lock(mutex_);
    listener_ = std::move(fn);
}

void live_counts::prime(db::connection& conn) {
    std::lock_guard lock(mutex_);
    for (const auto id : db::list_event_ids(conn)) reload_event(conn, id);
}

void live_counts::request_load(std::int64_t event_id) {
    std::lock_guard lock(mutex_);
    if (!events_.contains(event_id)) pending_loads_.insert(event_id);
}

bool live_counts::loaded(std::int64_t event_id) const {
    std::lock_guard lock(mutex_);
    return events_.contains(event_id);
}

void live_counts::apply(const db::change_batch& batch, db::connection& conn) {
    std::function<void()> notify;
    {
        std::lock_guard lock(mutex_);
        // Only events already held are followed; the rest load when asked for.
        std::set<std::int64_t> recounted;
        if (!batch.complete) {
            for (const auto& [id, e] : events_) recounted.insert(id);
        }
        for (const auto& c : batch.rows) {
            if (c.table == "events" || c.table == "sessions" || c.table == "event_questions") {
                const auto id = db::structural_event_id(c);
                if (events_.contains(id)) recounted.insert(id);
            }
        }
        for (const auto& c : batch.rows) apply_counts(c, recounted);
        for (const auto id : recounted) reload_event(conn, id);
        // After recounts, so names and session titles are current.
        for (const auto& c : batch.rows) apply_activity(c);
        // Last: a first load replays the newest check-ins itself, including
        // this batch's, and must not see them as activity twice.
        for (const auto id : pending_loads_) {
            if (!events_.contains(id)) reload_event(conn, id);
        }
        pending_loads_.clear();
        if (!changes_.empty()) notify = listener_;
    }
    if (notify) notify();
}

std::vector<live_counts::change> live_counts::take_changes() {
    std::lock_guard lock(mutex_);
    std::vector<change> out;
    out.reserve(changes_.size());
    for (auto& [id, c] : changes_) out.push_back(std::move(c));
    changes_.clear();
    return out;
}

event_state* live_counts::find_event(std::int64_t id) {
    const auto it = events_.find(id);
    return it == events_.end() ? nullptr : &it->second;
}

void live_counts::touch(std::int64_t event_id) {
    auto& c = changes_[event_id];
    c.event_id = event_id;
    if (auto* e = find_event(event_id)) {
        ++e->version;
        c.removed = false;
    } else {
        c.removed = true;
    }
}

// ---- recount --------------------------------------------------------------

void live_counts::drop_event(std::int64_t event_id) {
    std::erase_if(registrations_, [event_id](const auto& kv) { return kv.second.event_id == event_id; });
    std::erase_if(session_events_, [event_id](const auto& kv) { return kv.second == event_id; });
}

void live_counts::reload_event(db::connection& conn, std::int64_t event_id) {
    // drop_event scans every held registration; only needed for a held event.
    if (events_.contains(event_id)) drop_event(event_id);
    const auto record = db::find_event_by_id(conn, event_id);
    if (!record) {
        if (events_.erase(event_id) > 0) touch(event_id);  // subscribers learn it is gone
        return;
    }
    event_state fresh;
    if (const auto* old = find_event(event_id)) {
        // History survives a recount; counts are rebuilt.
        fresh.recent = old->recent;
        fresh.next_seq = old->next_seq;
        fresh.version = old->version;
    }
    const bool first_load = fresh.next_seq == 1;
    fresh.id = record->id;
    fresh.slug = record->slug;
    fresh.title_en = record->title.en;
    fresh.title_zh = record->title.zh;
    fresh.timezone = record->timezone;
    fresh.starts_at = record->starts_at;
    fresh.ends_at = record->ends_at;
    fresh.capacity = record->capacity;
    fresh.public_display = record->public_display;
    for (const auto& q : record->questions) {
        if (q.type != "single_choice") continue;
        choice_question cq{q.key, q.label.en, q.label.zh, {}};
        for (const auto& o : q.options) cq.options.push_back({o.value, o.label.en, o.label.zh, {}});
        fresh.questions.push_back(std::move(cq));
    }
    for (const auto& s : db::list_sessions(conn, event_id)) {
        fresh.sessions[s.id] = session_state{s.id, s.title, s.room_name, s.starts_at, s.ends_at, s.capacity};
        fresh.agenda.push_back(s.id);
        session_events_[s.id] = event_id;
    }
    auto& e = events_[event_id] = std::move(fresh);

    db::for_each_registration(conn, event_id, [this, &e](const db::live_registration_row& row) {
        auto r = make_registration(e, row);
        add_registration(e, r, 1);
        registrations_[row.id] = std::move(r);
    });
    db::for_each_choice(conn, event_id, [this](const db::live_choice_row& row) { add_choice(row, 1, {}); });
    db::for_each_attendance(conn, event_id, [this](const db::live_attendance_row& row) { add_attendance(row, 1); });
    if (first_load) replay_history(conn, e);
    touch(event_id);
}

// A newly loaded event's activity ring, from what the store remembers:
// registrations, cancellations and check-ins, merged by time.
void live_counts::replay_history(db::connection& conn, event_state& e) {
    std::vector<activity_item> items;
    for (auto& r : db::recent_signups(conn, e.id, recent_limit)) {
        items.push_back({0, std::move(r.at), std::move(r.kind), std::move(r.name), std::move(r.organization),
                         std::move(r.country), std::nullopt, "", ""});
    }
    for (const auto& c : db::recent_checkins(conn, e.id, recent_limit)) {
        items.push_back(checkin_item(e, c, false));
        if (c.undone_at) items.push_back(checkin_item(e, c, true));
    }
    std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
    const auto skip = items.size() > recent_limit ? items.size() - recent_limit : 0;
    for (auto it = items.begin() + static_cast<std::ptrdiff_t>(skip); it != items.end(); ++it) {
        push_activity(e, std::move(*it));
    }
    changes_.erase(e.id);  // history, not news: nothing to push
}

// ---- incremental rules ----------------------------------------------------

registration_state live_counts::make_registration(const event_state& e, const db::live_registration_row& row) const {
    registration_state r{row.event_id, row.status, row.country, row.name, row.organization, {}, false};
    if (e.questions.empty()) return r;
    boost::system::error_code ec;
    const auto answers = boost::json::parse(row.answers_json, ec);
    if (ec || !answers.is_object()) return r;
    for (std::size_t qi = 0; qi < e.questions.size(); ++qi) {
        const auto* v = answers.as_object().if_contains(e.questions[qi].key);
        if (!v || !v->is_string()) continue;
        const auto& options = e.questions[qi].options;
        for (std::size_t oi = 0; oi < options.size(); ++oi) {
            if (options[oi].value == v->as_string()) r.choices.emplace_back(qi, oi);
        }
    }
    return r;
}

void live_counts::add_arrival_part(event_state& e, const registration_state& r, int sign) {
    auto& country = e.countries[r.country];
    country.checked_in += sign;
    if (country.registered == 0 && country.checked_in == 0) e.countries.erase(r.country);
    for (const auto& [qi, oi] : r.choices) e.questions[qi].options[oi].counts.checked_in += sign;
}

void live_counts::add_registration(event_state& e, const registration_state& r, int sign) {
    e.registrations[r.status] += sign;
    if (r.status == "confirmed") {
        auto& country = e.countries[r.country];
        country.registered += sign;
        if (country.registered == 0 && country.checked_in == 0) e.countries.erase(r.country);
        for (const auto& [qi, oi] : r.choices) e.questions[qi].options[oi].counts.registered += sign;
    }
    if (r.arrived) add_arrival_part(e, r, sign);
}

event_state* live_counts::add_choice(const db::live_choice_row& row, int sign,
                                     const std::set<std::int64_t>& recounted) {
    const auto owner = session_events_.find(row.session_id);
    if (owner == session_events_.end() || recounted.contains(owner->second)) return nullptr;
    auto* e = find_event(owner->second);
    if (!e) return nullptr;
    auto& s = e->sessions[row.session_id];
    if (row.status == "confirmed") s.signed_up += sign;
    if (row.status == "waitlisted") s.waitlisted += sign;
    if (row.status == "requested") s.requested += sign;
    return e;
}

void live_counts::add_attendance(const db::live_attendance_row& row, int sign) {
    auto* e = find_event(row.event_id);
    if (!e) return;
    const int inside = row.inside ? sign : 0;
    if (row.scope != 0) {
        const auto s = e->sessions.find(row.scope);
        if (s == e->sessions.end()) return;
        s->second.checked_in += sign;
        s->second.inside += inside;
        return;
    }
    e->checked_in += sign;
    e->inside += inside;
    bump(e->arrivals, minute_of(row.first_at), sign);
    // A registration removed first (a cascade) already took its arrival part.
    const auto r = registrations_.find(row.registration_id);
    if (r == registrations_.end() || r->second.event_id != row.event_id) return;
    if (sign > 0 && !r->second.arrived) {
        r->second.arrived = true;
        add_arrival_part(*e, r->second, 1);
    } else if (sign < 0 && r->second.arrived) {
        add_arrival_part(*e, r->second, -1);
        r->second.arrived = false;
    }
}

void live_counts::on_registration(const db::row_change& c, const std::set<std::int64_t>& recounted) {
    const auto row = db::registration_row_from(db::captured_row(c.after.empty() ? c.before : c.after));
    if (recounted.contains(row.event_id)) return;
    auto* e = find_event(row.event_id);
    if (!e) return;
    bool arrived = false;
    if (const auto old = registrations_.find(row.id); old != registrations_.end()) {
        arrived = old->second.arrived;
        add_registration(*e, old->second, -1);
        registrations_.erase(old);
    }
    if (c.op != db::change_op::remove) {
        auto r = make_registration(*e, row);
        r.arrived = arrived;
        add_registration(*e, r, 1);
        registrations_[row.id] = std::move(r);
    }
    touch(e->id);
}

void live_counts::apply_counts(const db::row_change& c, const std::set<std::int64_t>& recounted) {
    if (c.table == "registrations") {
        on_registration(c, recounted);
    } else if (c.table == "registration_sessions") {
        for (const auto* values : {&c.before, &c.after}) {
            if (values->empty()) continue;
            const auto row = db::choice_row_from(db::captured_row(*values));
            if (auto* e = add_choice(row, values == &c.before ? -1 : 1, recounted)) touch(e->id);
        }
    } else if (c.table == "attendance") {
        for (const auto* values : {&c.before, &c.after}) {
            if (values->empty()) continue;
            const auto row = db::attendance_row_from(db::captured_row(*values));
            if (recounted.contains(row.event_id) || !find_event(row.event_id)) return;
            add_attendance(row, values == &c.before ? -1 : 1);
            touch(row.event_id);
        }
    }
}

// ---- activity -------------------------------------------------------------

void live_counts::push_activity(event_state& e, activity_item item) {
    item.seq = e.next_seq++;
    e.recent.push_back(item);
    while (e.recent.size() > recent_limit) e.recent.pop_front();
    auto& c = changes_[e.id];
    c.event_id = e.id;
    // Bounded however busy the doors: the oldest of a flush goes first.
    if (c.activity.size() == flush_activity_limit) c.activity.erase(c.activity.begin());
    c.activity.push_back(std::move(item));
}

void live_counts::apply_activity(const db::row_change& c) {
    if (c.table == "registrations") {
        const auto after = db::registration_row_from(db::captured_row(c.after.empty() ? c.before : c.after));
        auto* e = find_event(after.event_id);
        if (!e || c.op == db::change_op::remove) return;
        const bool created = c.op == db::change_op::insert;
        const bool cancelled = !created && after.status == "cancelled" &&
                               db::registration_row_from(db::captured_row(c.before)).status != "cancelled";
        if (!created && !cancelled) return;
        push_activity(*e, {0, now_rfc3339(), created ? "registered" : "cancelled", after.name, after.organization,
                           after.country, std::nullopt, "", ""});
        return;
    }
    if (c.table != "checkins" || c.op == db::change_op::remove) return;
    const auto row = db::checkin_row_from(db::captured_row(c.after));
    const bool undone =
        c.op == db::change_op::update && row.undone_at && !db::checkin_row_from(db::captured_row(c.before)).undone_at;
    if (c.op == db::change_op::update && !undone) return;
    auto* e = find_event(row.event_id);
    if (!e) return;
    push_activity(*e, checkin_item(*e, row, undone));
}

activity_item live_counts::checkin_item(const event_state& e, const db::live_checkin_row& row, bool undone) const {
    activity_item item;
    item.at = undone ? *row.undone_at : row.scanned_at;
    item.kind = undone ? "undone" : row.direction == "out" ? "checked_out" : "checked_in";
    if (const auto r = registrations_.find(row.registration_id); r != registrations_.end()) {
        item.name = r->second.name;
        item.organization = r->second.organization;
        item.country = r->second.country;
    }
    if (row.scope != 0) {
        item.session_id = row.scope;
        if (const auto s = e.sessions.find(row.scope); s != e.sessions.end())
            item.session_title = s->second.title.prefer("en");
    }
    item.device = row.device_name;
    return item;
}

}  // namespace plenary::server::live
