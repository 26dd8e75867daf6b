// Building the agenda calendar from stored sessions.
#include "server/events/agenda_ics.hpp"

#include "common/ics.hpp"
#include "common/timezone.hpp"

namespace plenary::server::events {

namespace {

// Stored times are canonical, so they always parse; a failure means a bug.
std::string ics_time(const std::string& stored) {
    const auto t = parse_rfc3339(stored);
    if (!t) throw std::runtime_error("stored time is not RFC 3339: " + stored);
    return format_ics_utc(*t);
}

std::string description(const db::session_record& s, std::string_view language) {
    std::string out = s.abstract.prefer(language);
    for (const auto& sp : s.speakers) {
        if (!out.empty()) out += '\n';
        out += sp.role == "speaker" ? "Speaker" : sp.role == "moderator" ? "Moderator" : "Panelist";
        out += ": " + sp.name;
        if (!sp.organization.empty()) out += ", " + sp.organization;
        if (!sp.country.empty()) out += " (" + sp.country + ")";
    }
    if (!s.topic.empty()) out = "Topic: " + s.topic + (out.empty() ? "" : "\n" + out);
    return out;
}

}  // namespace

std::string render_agenda_ics(const db::event_record& event, const std::vector<db::session_record>& sessions,
                              std::string_view language) {
    ics_writer w;
    w.begin("VCALENDAR");
    w.raw("VERSION", "2.0");
    w.raw("PRODID", "-//Plenary//Agenda 0.1//EN");
    w.raw("CALSCALE", "GREGORIAN");
    w.raw("METHOD", "PUBLISH");
    w.text("X-WR-CALNAME", event.title.prefer(language));
    w.text("X-WR-TIMEZONE", event.timezone);
    for (const auto& s : sessions) {
        w.begin("VEVENT");
        w.raw("UID", s.uid + "@plenary");
        w.raw("DTSTAMP", ics_time(s.updated_at.empty() ? event.updated_at : s.updated_at));
        w.raw("LAST-MODIFIED", ics_time(s.updated_at.empty() ? event.updated_at : s.updated_at));
        w.raw("SEQUENCE", std::to_string(s.sequence));
        w.raw("DTSTART", ics_time(s.starts_at));
        w.raw("DTEND", ics_time(s.ends_at));
        w.text("SUMMARY", s.title.prefer(language));
        if (const auto text = description(s, language); !text.empty()) w.text("DESCRIPTION", text);
        std::string location = s.room_name;
        if (!event.venue.empty()) location += (location.empty() ? "" : ", ") + event.venue;
        if (!location.empty()) w.text("LOCATION", location);
        if (!s.kind.empty()) w.text("CATEGORIES", s.kind);
        w.raw("STATUS", "CONFIRMED");
        w.end("VEVENT");
    }
    w.end("VCALENDAR");
    return w.release();
}

}  // namespace plenary::server::events
