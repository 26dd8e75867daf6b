// Live JSON renderers; see live_json.hpp.
#include "server/live/live_json.hpp"

#include "common/timezone.hpp"
#include "server/events/event_json.hpp"

#include <boost/json/serialize.hpp>

#include <chrono>

namespace plenary::server::live {

namespace json = boost::json;
using events::optional_json;

namespace {

// What both audiences see of a session; organizers get seat counts on top.
json::object session_json(const session_state& s) {
    return {{"id", s.id},
            {"title", s.title.prefer("en")},
            {"title_zh", s.title.zh},
            {"room", s.room},
            {"starts_at", s.starts_at},
            {"ends_at", s.ends_at},
            {"capacity", optional_json(s.capacity)},
            {"checked_in", s.checked_in},
            {"inside", s.inside}};
}

// The last `arrivals_window_minutes` minutes up to the latest arrival.
json::array arrivals_json(const event_state& e) {
    json::array out;
    if (e.arrivals.empty()) return out;
    auto first = e.arrivals.begin();
    if (const auto latest = parse_rfc3339(e.arrivals.rbegin()->first + ":00Z")) {
        const auto from = *latest - std::chrono::minutes(arrivals_window_minutes - 1);
        first = e.arrivals.lower_bound(format_utc(from).substr(0, 16));
    }
    for (auto it = first; it != e.arrivals.end(); ++it) {
        out.push_back(json::object{{"minute", it->first + ":00Z"}, {"arrivals", it->second}});
    }
    return out;
}

std::int64_t count_of(const std::map<std::string, std::int64_t>& m, const char* key) {
    const auto it = m.find(key);
    return it == m.end() ? 0 : it->second;
}

}  // namespace

json::object event_header_json(const event_state& e) {
    return {{"slug", e.slug},         {"title_en", e.title_en},   {"title_zh", e.title_zh},
            {"timezone", e.timezone}, {"starts_at", e.starts_at}, {"ends_at", e.ends_at}};
}

json::object stats_json(const event_state& e) {
    json::object registrations;
    for (const auto* status : {"confirmed", "waitlisted", "pending", "cancelled", "rejected"}) {
        registrations[status] = count_of(e.registrations, status);
    }
    json::array sessions;
    for (const auto id : e.agenda) {
        const auto& s = e.sessions.at(id);
        auto o = session_json(s);
        o["signed_up"] = s.signed_up;
        o["waitlisted"] = s.waitlisted;
        sessions.push_back(std::move(o));
    }
    json::object countries;
    for (const auto& [code, t] : e.countries) {
        countries[code] = json::object{{"registered", t.registered}, {"checked_in", t.checked_in}};
    }
    json::array breakdowns;
    for (const auto& q : e.questions) {
        json::array options;
        for (const auto& o : q.options) {
            options.push_back(json::object{{"value", o.value},
                                           {"label", json::object{{"en", o.label_en}, {"zh", o.label_zh}}},
                                           {"registered", o.counts.registered},
                                           {"checked_in", o.counts.checked_in}});
        }
        breakdowns.push_back(json::object{{"key", q.key},
                                          {"label", json::object{{"en", q.label_en}, {"zh", q.label_zh}}},
                                          {"options", std::move(options)}});
    }
    return {{"version", e.version},
            {"capacity", optional_json(e.capacity)},
            {"registrations", std::move(registrations)},
            {"checked_in", e.checked_in},
            {"inside", e.inside},
            {"sessions", std::move(sessions)},
            {"countries", std::move(countries)},
            {"breakdowns", std::move(breakdowns)},
            {"arrivals_per_minute", arrivals_json(e)}};
}

std::shared_ptr<const std::string> stats_text(const event_state& e) {
    if (!e.stats_text || e.stats_text_version != e.version) {
        e.stats_text = std::make_shared<const std::string>(json::serialize(stats_json(e)));
        e.stats_text_version = e.version;
    }
    return e.stats_text;
}

json::object public_stats_json(const event_state& e) {
    json::array sessions;
    for (const auto id : e.agenda) sessions.push_back(session_json(e.sessions.at(id)));
    std::int64_t registered_countries = 0;
    std::int64_t present_countries = 0;
    for (const auto& [code, t] : e.countries) {
        registered_countries += t.registered > 0 ? 1 : 0;
        present_countries += t.checked_in > 0 ? 1 : 0;
    }
    return {{"version", e.version},
            {"capacity", optional_json(e.capacity)},
            {"registered", count_of(e.registrations, "confirmed")},
            {"checked_in", e.checked_in},
            {"inside", e.inside},
            {"countries_registered", registered_countries},
            {"countries_present", present_countries},
            {"sessions", std::move(sessions)}};
}

json::object activity_json(const activity_item& item) {
    return {{"seq", item.seq},
            {"at", item.at},
            {"kind", item.kind},
            {"name", item.name},
            {"organization", item.organization},
            {"country", item.country},
            {"session_id", optional_json(item.session_id)},
            {"session_title", item.session_id ? json::value(item.session_title) : json::value(nullptr)},
            {"device", item.device.empty() ? json::value(nullptr) : json::value(item.device)}};
}

json::array activity_json(const std::deque<activity_item>& items) {
    json::array out;
    for (const auto& item : items) out.push_back(activity_json(item));
    return out;
}

}  // namespace plenary::server::live
