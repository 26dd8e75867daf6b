// Organizer exports: the registration list as RFC 4180 CSV for spreadsheets
// (UTF-8 with a BOM, formula-looking cells neutralised) and the outbox of
// attendee messages.
#include "common/csv.hpp"
#include "common/problem.hpp"
#include "db/connection.hpp"
#include "db/store.hpp"
#include "server/authenticator.hpp"
#include "server/events/event_access.hpp"
#include "server/events/event_json.hpp"
#include "server/registrations/registration_filter.hpp"
#include "server/registrations/registration_routes.hpp"

#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>

#include <algorithm>

namespace plenary::server::registrations {

namespace {

namespace json = boost::json;
using boost::asio::awaitable;
using boost::asio::use_awaitable;

constexpr std::size_t export_page = 500;
constexpr std::size_t outbox_page = 100;

std::string answer_text(const json::value* v) {
    if (v == nullptr || v->is_null()) return {};
    if (const auto* s = v->if_string()) return std::string(s->data(), s->size());
    if (v->is_bool()) return v->as_bool() ? "yes" : "no";
    if (const auto* a = v->if_array()) {
        std::string out;
        for (const auto& item : *a) {
            if (!out.empty()) out += "; ";
            out += answer_text(&item);
        }
        return out;
    }
    return json::serialize(*v);
}

// A choice waits for its registration until that is confirmed, as in the JSON.
std::string choices_text(db::connection& conn, const db::registration_record& r,
                         const std::vector<db::session_record>& sessions) {
    std::string out;
    for (const auto& c : db::list_choices(conn, r.id)) {
        const auto it =
            std::find_if(sessions.begin(), sessions.end(), [&](const auto& s) { return s.id == c.session_id; });
        if (!out.empty()) out += "; ";
        out += (it == sessions.end() ? std::to_string(c.session_id) : it->title.prefer("en")) + " (" +
               (c.status == "requested" ? r.status : c.status) + ")";
    }
    return out;
}

// What a row needs besides the registration, read once per export.
struct export_context {
    const db::event_record& event;
    std::vector<db::session_record> sessions;
    std::vector<std::int64_t> queue_seqs;  // the waiting list, ascending
};

void write_row(csv_writer& csv, db::connection& conn, const export_context& x, const db::registration_record& r) {
    const auto& e = x.event;
    csv.cell(r.id);
    csv.cell(r.status);
    if (r.status == "waitlisted" && r.queue_seq) {
        const auto ahead = std::lower_bound(x.queue_seqs.begin(), x.queue_seqs.end(), *r.queue_seq);
        csv.cell(static_cast<std::int64_t>(ahead - x.queue_seqs.begin()) + 1);
    } else {
        csv.cell(std::string_view());
    }
    for (const auto* text :
         {&r.name, &r.email, &r.organization, &r.country, &r.language, &r.ticket_code, &r.source, &r.created_at}) {
        csv.cell(*text);
    }
    csv.cell(choices_text(conn, r, x.sessions));
    boost::system::error_code ec;
    const auto answers = json::parse(r.answers_json, ec);
    for (const auto& q : e.questions) {
        const auto* obj = ec ? nullptr : answers.if_object();
        csv.cell(answer_text(obj ? obj->if_contains(q.key) : nullptr));
    }
    csv.end_row();
}

std::string export_csv(db::connection& conn, const db::event_record& e, page_query page) {
    const export_context x{e, db::list_sessions(conn, e.id), db::event_queue_seqs(conn, e.id)};
    csv_writer csv;
    for (const auto* h : {"id", "status", "waitlist_position", "name", "email", "organization", "country", "language",
                          "ticket_code", "source", "registered_at", "sessions"}) {
        csv.cell(h);
    }
    for (const auto& q : e.questions) csv.cell(q.label.empty() ? q.key : q.label.prefer("en"));
    csv.end_row();
    for (;;) {
        const auto rows = db::list_registrations(conn, e.id, page.filter, page.after_id, export_page);
        for (const auto& r : rows) write_row(csv, conn, x, r);
        if (rows.size() < export_page) break;
        page.after_id = rows.back().id;
    }
    return csv.take();
}

json::object outbox_json(const db::outbox_message& m) {
    return {{"id", m.id},
            {"registration_id", events::optional_json(m.registration_id)},
            {"kind", m.kind},
            {"language", m.language},
            {"recipient", m.recipient},
            {"subject", m.subject},
            {"body", m.body},
            {"created_at", m.created_at},
            {"sent_at", events::optional_json(m.sent_at)}};
}

}  // namespace

void register_export_routes(router& r, registration_services s) {
    r.add(http::verb::get, "/api/v1/events/{slug}/registrations.csv",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto user = co_await auth.require_staff(ctx);
              auto page = read_page_query(ctx.query);
              auto job = [user, page = std::move(page),
                          slug = std::string(ctx.params.get("slug"))](db::connection& conn) {
                  const auto e = events::load_managed_event(conn, slug, user);
                  return std::pair(e.slug, export_csv(conn, e, page));
              };
              auto [slug, text] = co_await s.store.async_read(std::move(job), use_awaitable);
              auto res = text_response(http::status::ok, std::move(text), "text/csv; charset=utf-8; header=present");
              res.set(http::field::content_disposition, "attachment; filename=\"" + slug + "-registrations.csv\"");
              res.set(http::field::cache_control, "no-store");
              co_return res;
          });

    r.add(http::verb::get, "/api/v1/events/{slug}/outbox",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto user = co_await auth.require_staff(ctx);
              auto job = [user, before = events::id_cursor(ctx.query, "cursor"),
                          slug = std::string(ctx.params.get("slug"))](db::connection& conn) {
                  const auto e = events::load_managed_event(conn, slug, user);
                  const auto rows = db::list_outbox(conn, e.id, before, outbox_page + 1);
                  json::array items;
                  for (std::size_t i = 0; i < rows.size() && i < outbox_page; ++i)
                      items.push_back(outbox_json(rows[i]));
                  json::value next = nullptr;
                  if (rows.size() > outbox_page) next = json::value(std::to_string(rows[outbox_page - 1].id));
                  return json::value(json::object{{"items", std::move(items)}, {"next_cursor", std::move(next)}});
              };
              auto out = co_await s.store.async_read(std::move(job), use_awaitable);
              co_return json_response(http::status::ok, out);
          });
}

}  // namespace plenary::server::registrations
