// See live_feed_fixture.hpp.
#include "live_feed_fixture.hpp"

#include "db/connection.hpp"

namespace plenary::testing {
namespace {

namespace json = boost::json;

server::app_settings unthrottled() {
    server::app_settings s;
    s.registration_rate = {1e6, 1e6};
    return s;
}

}  // namespace

LiveFeed::LiveFeed(test_server::setup_fn setup, server::live::feed_pacing pacing)
    : f_(unthrottled(), std::move(setup), pacing) {
    f_.create_event("hall", R"("capacity":700)");
    plenary_ = f_.add_session("hall", "Plenary", 1, 600, true);
    kiosk_ = make_kiosk("hall");
}

std::string LiveFeed::make_kiosk(const std::string& slug) {
    const auto res =
        f_.call(http::verb::post, "/api/v1/events/" + slug + "/kiosks", f_.organizer_token(), R"({"name":"Door"})");
    EXPECT_EQ(res.result(), http::status::created) << res.body();
    return std::string(registration_fixture::json_of(res).at("token").as_string());
}

json::object LiveFeed::counted(const std::string& slug) {
    return f_.server().store().read_sync([&](db::connection& c) {
        auto one = [&c](const std::string& sql, auto... args) {
            auto st = c.prepare_uncached(sql);
            st.bind_all(args...);
            st.step();
            return st.column_int64(0);
        };
        const auto event = one("SELECT id FROM events WHERE slug = ?1", slug);
        json::object regs;
        for (const auto* status : {"confirmed", "waitlisted", "pending", "cancelled", "rejected"}) {
            regs[status] = one("SELECT count(*) FROM registrations WHERE event_id = ?1 AND status = ?2", event, status);
        }
        json::array sessions;
        auto st = c.prepare_uncached("SELECT id FROM sessions WHERE event_id = ?1 ORDER BY starts_at, id");
        st.bind_all(event);
        while (st.step()) {
            const auto id = st.column_int64(0);
            const auto choices = "SELECT count(*) FROM registration_sessions WHERE session_id = ?1 AND status = ?2";
            sessions.push_back(
                json::object{{"id", id},
                             {"signed_up", one(choices, id, "confirmed")},
                             {"waitlisted", one(choices, id, "waitlisted")},
                             {"checked_in", one("SELECT count(*) FROM attendance WHERE scope = ?1", id)},
                             {"inside", one("SELECT count(*) FROM attendance WHERE scope = ?1 AND inside = 1", id)}});
        }
        json::object countries;
        auto ct = c.prepare_uncached(
            "SELECT country, sum(status = 'confirmed'), sum(EXISTS (SELECT 1 FROM attendance a WHERE "
            "a.registration_id = r.id AND a.scope = 0)) AS arrived FROM registrations r WHERE event_id = ?1 "
            "GROUP BY country HAVING sum(status = 'confirmed') > 0 OR arrived > 0");
        ct.bind_all(event);
        while (ct.step()) {
            countries[ct.column_text(0)] =
                json::object{{"registered", ct.column_int64(1)}, {"checked_in", ct.column_int64(2)}};
        }
        return json::object{
            {"registrations", regs},
            {"checked_in", one("SELECT count(*) FROM attendance WHERE event_id = ?1 AND scope = 0", event)},
            {"inside", one("SELECT count(*) FROM attendance WHERE event_id = ?1 AND scope = 0 AND inside", event)},
            {"sessions", sessions},
            {"countries", countries}};
    });
}

json::object LiveFeed::comparable(const json::value& stats) {
    if (!stats.is_object()) return {};
    const auto& s = stats.as_object();
    json::array sessions;
    for (const auto& x : s.at("sessions").as_array()) {
        const auto& o = x.as_object();
        sessions.push_back(json::object{{"id", o.at("id")},
                                        {"signed_up", o.at("signed_up")},
                                        {"waitlisted", o.at("waitlisted")},
                                        {"checked_in", o.at("checked_in")},
                                        {"inside", o.at("inside")}});
    }
    return {{"registrations", s.at("registrations")},
            {"checked_in", s.at("checked_in")},
            {"inside", s.at("inside")},
            {"sessions", sessions},
            {"countries", s.at("countries")}};
}

json::object LiveFeed::scan(const std::string& code, const std::string& nonce) {
    const auto res = f_.call(http::verb::post, "/api/v1/events/hall/checkins", kiosk_,
                             R"({"ticket_code":")" + code + R"(","nonce":")" + nonce + R"("})");
    EXPECT_EQ(res.result(), http::status::ok) << res.body();
    return registration_fixture::json_of(res).as_object();
}

std::string LiveFeed::register_over(test_client& client, const std::string& name, const std::string& email_tag, int n,
                                    const char* country, bool in_plenary) {
    const auto body = std::string(R"({"name":")")
                          .append(name)
                          .append(" ")
                          .append(std::to_string(n))
                          .append(R"(","email":")")
                          .append(registration_fixture::numbered_email(email_tag, n))
                          .append(R"(","country":")")
                          .append(country)
                          .append(R"(","language":"en","sessions":)")
                          .append(in_plenary ? registration_fixture::id_list({plenary_}) : std::string("[]"))
                          .append("}");
    const auto res = client.request(http::verb::post, "/api/v1/events/hall/registrations", body,
                                    {{"Content-Type", "application/json"}});
    if (res.result() != http::status::created) return {};
    return std::string(json::parse(res.body()).at("ticket_code").as_string());
}

bool LiveFeed::scan_over(test_client& client, const std::string& code, const std::string& nonce,
                         const std::string& direction) {
    auto body = std::string(R"({"ticket_code":")").append(code).append(R"(","nonce":")").append(nonce).append("\"");
    if (!direction.empty()) body.append(R"(,"direction":")").append(direction).append("\"");
    body.append("}");
    return client
               .request(http::verb::post, "/api/v1/events/hall/checkins", body,
                        {{"Authorization", "Bearer " + kiosk_}, {"Content-Type", "application/json"}})
               .result() == http::status::ok;
}

}  // namespace plenary::testing
