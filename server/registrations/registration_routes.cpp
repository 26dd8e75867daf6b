// Registering (public, or by hand for organizers) and the attendee's own
// registration behind its manage token: read, change, cancel, ticket QR code
// and a calendar of their sessions.
#include "server/registrations/registration_routes.hpp"

#include "common/clock.hpp"
#include "common/countries.hpp"
#include "common/email.hpp"
#include "common/json_body.hpp"
#include "common/problem.hpp"
#include "common/qr_svg.hpp"
#include "common/ticket_code.hpp"
#include "db/connection.hpp"
#include "db/store.hpp"
#include "server/authenticator.hpp"
#include "server/events/agenda_ics.hpp"
#include "server/events/event_access.hpp"
#include "server/registrations/idempotency.hpp"
#include "server/registrations/registration_input.hpp"
#include "server/registrations/registration_json.hpp"
#include "server/registrations/registration_ledger.hpp"

#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>

#include <algorithm>

namespace plenary::server::registrations {

namespace {

namespace json = boost::json;
using boost::asio::awaitable;
using boost::asio::use_awaitable;

void check_open(const db::event_record& e) {
    const auto state = registration_state(e);
    if (state == "not_open_yet") throw problem(errc::conflict, "registration for this event has not opened yet");
    if (state != "open") throw problem(errc::conflict, "registration for this event is closed");
}

json::object create(db::connection& conn, const db::event_record& e, json::value body,
                    const std::optional<db::user_record>& organizer) {
    const auto sessions = db::list_sessions(conn, e.id);
    auto in = read_registration_input(std::move(body), e, sessions,
                                      organizer ? input_mode::organizer_create : input_mode::create);
    new_registration n;
    n.record.name = *in.name;
    n.record.email = *in.email;
    n.record.email_key = email_key(*in.email);
    n.record.organization = in.organization.value_or("");
    n.record.country = *in.country;
    n.record.language = *in.language;
    n.record.answers_json = in.answers_json.value_or("{}");
    n.sessions = in.sessions.value_or(std::vector<std::int64_t>{});
    n.by_organizer = organizer.has_value();
    n.over_capacity = in.over_capacity;
    // A second live registration of the address is refused by insert_registration.
    const auto created =
        register_attendee(conn, e, std::move(n), organizer ? std::optional(organizer->id) : std::nullopt);
    auto out = registration_json(conn, e, created.record, sessions, view::attendee);
    out["manage_token"] = created.manage_token;
    out["manage_url"] = "/e/" + e.slug + "/manage#token=" + created.manage_token;
    return out;
}

void add_create(router& r, registration_services s) {
    r.add(http::verb::post, "/api/v1/events/{slug}/registrations",
          [s, auth = authenticator(s.store)](request_context& ctx) -> awaitable<response> {
              const auto organizer = co_await auth.explicit_staff(ctx);
              const std::string slug(ctx.params.get("slug"));
              if (!organizer) {
                  if (const auto wait = s.limiter->acquire(ctx.remote_address); wait.count() > 0) {
                      throw problem(errc::too_many_requests, "too many registrations from this address")
                          .with_retry_after(static_cast<int>(wait.count()));
                  }
              }
              auto key = read_idempotency_key(ctx, "registrations\n" + slug);
              auto body = parse_json(ctx.req.body());
              auto job = [organizer, slug, key = std::move(key), body = std::move(body)](db::connection& conn) mutable {
                  const auto e = organizer ? events::load_managed_event(conn, slug, *organizer)
                                           : events::load_visible_event(conn, slug, std::nullopt);
                  if (key) {
                      if (auto answer = find_answer(conn, *key)) return std::move(*answer);
                  }
                  if (!organizer) check_open(e);
                  stored_answer answer{201, json::serialize(create(conn, e, std::move(body), organizer))};
                  if (key) store_answer(conn, *key, answer);
                  return answer;
              };
              const auto answer = co_await s.store.async_write(std::move(job), use_awaitable);
              co_return json_response(static_cast<http::status>(answer.status), answer.body);
          });
}

struct own_registration {
    db::event_record event;
    db::registration_record registration;
};

own_registration load_own(db::connection& conn, const std::string& token_hash) {
    auto r = db::find_registration_by_token(conn, token_hash);
    if (!r) throw problem(errc::unauthorized, "unknown manage token");
    auto e = db::find_event_by_id(conn, r->event_id);
    if (!e) throw problem(errc::unauthorized, "unknown manage token");
    return {std::move(*e), std::move(*r)};
}

json::value own_json(db::connection& conn, const own_registration& own) {
    const auto reloaded = db::find_registration(conn, own.event.id, own.registration.id).value();
    return registration_json(conn, own.event, reloaded, db::list_sessions(conn, own.event.id), view::attendee);
}

void check_changeable(const own_registration& own) {
    const auto& status = own.registration.status;
    if (status == "cancelled" || status == "rejected") throw problem(errc::conflict, "the registration is " + status);
    if (own.event.status == "closed" || now_rfc3339() >= own.event.ends_at) {
        throw problem(errc::conflict, "the event is over");
    }
}

void apply_changes(db::connection& conn, const own_registration& own, json::value body) {
    const auto sessions = db::list_sessions(conn, own.event.id);
    const auto in = read_registration_input(std::move(body), own.event, sessions, input_mode::change);
    auto r = own.registration;
    if (in.name) r.name = *in.name;
    if (in.organization) r.organization = *in.organization;
    if (in.country) r.country = *in.country;
    if (in.language) r.language = *in.language;
    if (in.answers_json) r.answers_json = *in.answers_json;
    db::update_registration_details(conn, r);
    if (in.sessions) replace_choices(conn, own.event, r, *in.sessions);
    audit_registration(conn, own.event, r.id, std::nullopt, "registration.self_update");
}

void add_self_reads(router& r, registration_services s) {
    r.add(http::verb::get, "/api/v1/registrations/self", [s](request_context& ctx) -> awaitable<response> {
        auto job = [hash = authenticator::manage_token_hash(ctx)](db::connection& conn) {
            return own_json(conn, load_own(conn, hash));
        };
        auto out = co_await s.store.async_read(std::move(job), use_awaitable);
        co_return json_response(http::status::ok, out);
    });

    r.add(http::verb::get, "/api/v1/registrations/self/ticket.svg", [s](request_context& ctx) -> awaitable<response> {
        auto job = [hash = authenticator::manage_token_hash(ctx)](db::connection& conn) {
            const auto own = load_own(conn, hash);
            const auto display = format_ticket_code(own.registration.ticket_code);
            return qr_svg(own.registration.ticket_code, "Ticket " + display);
        };
        auto svg = co_await s.store.async_read(std::move(job), use_awaitable);
        auto res = text_response(http::status::ok, std::move(svg), "image/svg+xml");
        res.set(http::field::cache_control, "no-store");
        co_return res;
    });

    r.add(http::verb::get, "/api/v1/registrations/self/sessions.ics", [s](request_context& ctx) -> awaitable<response> {
        auto job = [hash = authenticator::manage_token_hash(ctx)](db::connection& conn) {
            const auto own = load_own(conn, hash);
            std::vector<db::session_record> mine;
            const auto choices = db::list_choices(conn, own.registration.id);
            for (auto& session : db::list_sessions(conn, own.event.id)) {
                const bool held = std::any_of(choices.begin(), choices.end(), [&](const auto& c) {
                    return c.session_id == session.id && c.status == "confirmed";
                });
                if (held || !session.requires_signup) mine.push_back(std::move(session));
            }
            return std::pair(own.event.slug, events::render_agenda_ics(own.event, mine, own.registration.language));
        };
        auto [slug, text] = co_await s.store.async_read(std::move(job), use_awaitable);
        auto res = text_response(http::status::ok, std::move(text), "text/calendar; charset=utf-8");
        res.set(http::field::content_disposition, "attachment; filename=\"" + slug + "-my-sessions.ics\"");
        res.set(http::field::cache_control, "no-store");
        co_return res;
    });
}

void add_self_writes(router& r, registration_services s) {
    r.add(http::verb::patch, "/api/v1/registrations/self", [s](request_context& ctx) -> awaitable<response> {
        auto job = [hash = authenticator::manage_token_hash(ctx),
                    body = parse_json(ctx.req.body())](db::connection& conn) mutable {
            const auto own = load_own(conn, hash);
            check_changeable(own);
            apply_changes(conn, own, std::move(body));
            return own_json(conn, own);
        };
        auto out = co_await s.store.async_write(std::move(job), use_awaitable);
        co_return json_response(http::status::ok, out);
    });

    r.add(http::verb::delete_, "/api/v1/registrations/self", [s](request_context& ctx) -> awaitable<response> {
        auto job = [hash = authenticator::manage_token_hash(ctx)](db::connection& conn) {
            const auto own = load_own(conn, hash);
            check_changeable(own);
            cancel_registration(conn, own.event, own.registration, std::nullopt);
            return own_json(conn, own);
        };
        auto out = co_await s.store.async_write(std::move(job), use_awaitable);
        co_return json_response(http::status::ok, out);
    });
}

}  // namespace

void register_self_routes(router& r, registration_services s) {
    add_create(r, s);
    add_self_reads(r, s);
    add_self_writes(r, s);
}

void register_registration_routes(router& r, registration_services s) {
    register_self_routes(r, s);
    register_admin_routes(r, s);
    register_export_routes(r, s);
    r.add(http::verb::get, "/api/v1/countries", [](request_context&) -> awaitable<response> {
        json::array codes;
        for (const auto code : iso3166_alpha2_codes()) codes.emplace_back(code);
        auto res = json_response(http::status::ok, json::object{{"items", std::move(codes)}});
        res.set(http::field::cache_control, "public, max-age=86400");
        co_return res;
    });
}

}  // namespace plenary::server::registrations
