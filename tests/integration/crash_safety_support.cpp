// See crash_safety_support.hpp.
#include "tests/integration/crash_safety_support.hpp"

#include "db/connection.hpp"
#include "db/statement.hpp"
#include "tests/support/test_client.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <algorithm>
#include <random>

namespace plenary::testing {

namespace json = boost::json;

namespace {

constexpr const char* slug = "crash";

http_response send(test_client& client, http::verb method, const std::string& target, const std::string& token,
                   std::string body = {}, header_list headers = {}) {
    if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
    if (!body.empty()) headers.emplace_back("Content-Type", "application/json");
    return client.request(method, target, std::move(body), std::move(headers));
}

std::string registration_body(const std::string& email) {
    return std::string(R"({"name":"Crash Tester","email":")")
        .append(email)
        .append(R"(","organization":"Plenary QA","country":"CN","language":"en","sessions":[]})");
}

std::string checkin_body(const std::string& ticket, const std::string& nonce, const char* direction) {
    return std::string(R"({"ticket_code":")")
        .append(ticket)
        .append(R"(","nonce":")")
        .append(nonce)
        .append(R"(","direction":")")
        .append(direction)
        .append("\"}");
}

// `sql` counts something; ?1 is `key` and ?2, when given, `text`.
template <class Key>
std::int64_t count(db::connection& c, const char* sql, const Key& key, const std::string& text = {}) {
    auto& st = c.prepare(sql);
    st.bind(1, key);
    if (!text.empty()) st.bind(2, text);
    st.step();
    const auto n = st.column_int64(0);
    st.reset();
    return n;
}

}  // namespace

crash_world::~crash_world() {
    if (!dir_.empty() && !::testing::Test::HasFailure()) std::filesystem::remove_all(dir_);
}

void crash_world::prepare() {
    dir_ = make_temp_dir("plenary-crash");
    const auto db = (dir_ / "plenary.db").string();
    const auto user = run_plenary({"user", "add", "--db", db, "--email", "org@example.org", "--name", "Organizer",
                                   "--role", "organizer", "--password-stdin"},
                                  dir_, "correct horse battery staple\n");
    ASSERT_EQ(user.status, 0) << user.err;
    const auto token = run_plenary({"token", "create", "--db", db, "--email", "org@example.org"}, dir_);
    ASSERT_EQ(token.status, 0) << token.err;
    organizer_token_ = token.out.substr(0, token.out.find('\n'));
}

std::vector<std::string> crash_world::serve_args() const {
    // Every client registers from 127.0.0.1, thousands of times over the
    // rounds: the per-address limit would answer 429 and prove nothing.
    return {plenary_binary(),
            "serve",
            "--db",
            (dir_ / "plenary.db").string(),
            "--listen",
            "127.0.0.1:0",
            "--threads",
            "2",
            "--access-log",
            "off",
            "--registration-rate",
            "1000000",
            "--registration-burst",
            "1000000"};
}

void crash_world::create_event(unsigned short port) {
    test_client client(port);
    const auto event =
        send(client, http::verb::post, "/api/v1/events", organizer_token_,
             R"({"slug":"crash","title":{"en":"Crash Round","zh":"崩溃测试"},)"
             R"("timezone":"Asia/Shanghai","starts_at":"2030-12-07T00:00:00Z",)"
             R"("ends_at":"2030-12-08T12:00:00Z","venue":"Beijing","capacity":40,"status":"published"})");
    ASSERT_EQ(event.result(), http::status::created) << event.body();
    event_id_ = json::parse(event.body()).at("id").to_number<std::int64_t>();
    const auto kiosk = send(client, http::verb::post, std::string("/api/v1/events/") + slug + "/kiosks",
                            organizer_token_, R"({"name":"Main door"})");
    ASSERT_EQ(kiosk.result(), http::status::created) << kiosk.body();
    kiosk_token_ = json::value_to<std::string>(json::parse(kiosk.body()).at("token"));
}

void crash_world::client_loop(unsigned short port, unsigned round, unsigned thread, unsigned seed,
                              const std::atomic<bool>* stop) {
    std::mt19937 rng(seed);
    const std::string prefix = std::to_string(round).append("-").append(std::to_string(thread)).append("-");
    std::optional<cut_request> in_flight;
    try {
        test_client client(port);
        for (unsigned n = 0; !stop || !stop->load(); ++n) {
            const auto key = prefix + std::to_string(n);
            const auto ticket = rng() % 3 == 0 ? pick_ticket(static_cast<unsigned>(rng())) : std::nullopt;
            in_flight = cut_request{ticket.has_value(), key,
                                    ticket ? checkin_body(*ticket, key, rng() % 4 == 0 ? "out" : "in")
                                           : registration_body("p" + key + "@example.org")};
            const auto res = send_request(client, *in_flight);
            record_answer(*in_flight, res);
            in_flight.reset();
        }
    } catch (const std::exception&) {
        // The server died under this client: what was in flight is retried
        // after the restart, with the same key.
        if (in_flight) {
            std::lock_guard lock(mutex_);
            cut_.push_back(std::move(*in_flight));
        }
    }
}

http_response crash_world::send_request(test_client& client, const cut_request& r) const {
    if (r.is_checkin) {
        return send(client, http::verb::post, std::string("/api/v1/events/") + slug + "/checkins", kiosk_token_,
                    r.body);
    }
    return send(client, http::verb::post, std::string("/api/v1/events/") + slug + "/registrations", {}, r.body,
                {{"Idempotency-Key", r.key}});
}

void crash_world::record_answer(const cut_request& r, const http_response& res) {
    std::lock_guard lock(mutex_);
    if (r.is_checkin && res.result() == http::status::ok) {
        checkins_.push_back({r.key, res.body(), r.body});
    } else if (!r.is_checkin && res.result() == http::status::created) {
        const auto v = json::parse(res.body());
        registrations_.push_back({v.at("id").to_number<std::int64_t>(), "p" + r.key + "@example.org",
                                  json::value_to<std::string>(v.at("ticket_code"))});
    } else {
        unexpected_.push_back(std::to_string(res.result_int()).append(" ").append(res.body()));
    }
}

std::optional<std::string> crash_world::pick_ticket(unsigned seed_bits) {
    std::lock_guard lock(mutex_);
    if (registrations_.empty()) return std::nullopt;
    return registrations_[seed_bits % registrations_.size()].ticket_code;
}

void crash_world::retry_cut_requests(unsigned short port) {
    std::vector<cut_request> cut;
    {
        std::lock_guard lock(mutex_);
        cut.swap(cut_);
    }
    retried_ += cut.size();
    test_client client(port);
    for (const auto& r : cut) {
        SCOPED_TRACE("retry of " + r.key);
        const auto res = send_request(client, r);
        // A registration the crash committed but never answered comes back as
        // the same 201, not as a 409 for its own email.
        ASSERT_EQ(res.result(), r.is_checkin ? http::status::ok : http::status::created) << res.body();
        record_answer(r, res);
    }
}

void crash_world::verify(unsigned short port) {
    std::vector<registration> regs;
    std::vector<checkin> checks;
    {
        std::lock_guard lock(mutex_);
        regs = registrations_;
        checks = checkins_;
    }
    ASSERT_NO_FATAL_FAILURE(verify_database(regs, checks));
    ASSERT_NO_FATAL_FAILURE(verify_counters(port));
    ASSERT_NO_FATAL_FAILURE(verify_replays(port, checks));
}

std::vector<crash_world::registration> crash_world::answered() const {
    std::lock_guard lock(mutex_);
    return registrations_;
}

void crash_world::expect_stored(const std::filesystem::path& db, const std::vector<registration>& regs) {
    db::connection c(db.string(), db::open_mode::read_only);
    ASSERT_EQ(c.query_text("PRAGMA integrity_check"), "ok");
    ASSERT_EQ(c.query_text("PRAGMA foreign_key_check"), "");
    for (const auto& r : regs) {
        EXPECT_EQ(count(c, "SELECT count(*) FROM registrations WHERE id = ?1 AND email = ?2", r.id, r.email), 1)
            << "answered registration " << r.id << " <" << r.email << "> is missing";
    }
}

void crash_world::verify_database(const std::vector<registration>& regs, const std::vector<checkin>& checks) {
    ASSERT_NO_FATAL_FAILURE(expect_stored(dir_ / "plenary.db", regs));
    db::connection c((dir_ / "plenary.db").string(), db::open_mode::read_only);
    for (const auto& r : regs) {
        EXPECT_EQ(count(c, "SELECT count(*) FROM registrations WHERE event_id = ?1 AND email = ?2", event_id_, r.email),
                  1)
            << r.email << " is stored more than once";
    }
    // Every retry happened before this, so nothing may be stored that was
    // not answered: no phantom rows from cut requests either.
    EXPECT_EQ(count(c, "SELECT count(*) FROM registrations WHERE event_id = ?1", event_id_),
              static_cast<std::int64_t>(regs.size()));
    for (const auto& k : checks) {
        EXPECT_EQ(count(c, "SELECT count(*) FROM checkin_nonces WHERE nonce = ?1", std::string_view(k.nonce)), 1)
            << "answered check-in nonce " << k.nonce << " is missing";
        const auto answer = json::parse(k.answer);
        const auto* id = answer.as_object().if_contains("checkin_id");
        if (id && id->is_int64()) {
            EXPECT_EQ(count(c, "SELECT count(*) FROM checkins WHERE id = ?1", id->as_int64()), 1)
                << "answered check-in " << id->as_int64() << " is missing";
        }
    }
    // The trigger-kept tallies the capacity checks read agree with a count.
    EXPECT_EQ(c.query_int64("SELECT count(*) FROM (SELECT event_id, status, count(*) AS n FROM registrations "
                            "GROUP BY event_id, status) r LEFT JOIN registration_tallies t USING (event_id, status) "
                            "WHERE t.n IS NOT r.n"),
              0);
}

void crash_world::verify_counters(unsigned short port) {
    db::connection c((dir_ / "plenary.db").string(), db::open_mode::read_only);
    const auto fresh = [&](const char* sql) { return count(c, sql, event_id_); };
    test_client client(port);
    const auto res = send(client, http::verb::get, std::string("/api/v1/events/") + slug + "/stats", organizer_token_);
    ASSERT_EQ(res.result(), http::status::ok) << res.body();
    const auto stats = json::parse(res.body()).as_object();
    const auto& regs = stats.at("registrations").as_object();
    EXPECT_EQ(regs.at("confirmed").to_number<std::int64_t>(),
              fresh("SELECT count(*) FROM registrations WHERE event_id = ?1 AND status = 'confirmed'"));
    EXPECT_EQ(regs.at("waitlisted").to_number<std::int64_t>(),
              fresh("SELECT count(*) FROM registrations WHERE event_id = ?1 AND status = 'waitlisted'"));
    EXPECT_EQ(stats.at("checked_in").to_number<std::int64_t>(),
              fresh("SELECT count(*) FROM attendance WHERE event_id = ?1 AND scope = 0"));
    EXPECT_EQ(stats.at("inside").to_number<std::int64_t>(),
              fresh("SELECT count(*) FROM attendance WHERE event_id = ?1 AND scope = 0 AND inside = 1"));
    // A country's "registered" counts confirmed places, as the dashboard shows them.
    const auto cn = stats.at("countries").as_object().if_contains("CN");
    EXPECT_EQ(cn ? cn->at("registered").to_number<std::int64_t>() : 0,
              fresh("SELECT count(*) FROM registrations WHERE event_id = ?1 AND status = 'confirmed'"));
}

void crash_world::verify_replays(unsigned short port, const std::vector<checkin>& checks) {
    // The same nonce again, even after a crash, returns the first answer.
    test_client client(port);
    for (std::size_t i = 0; i < checks.size(); i += std::max<std::size_t>(1, checks.size() / 5)) {
        const auto& k = checks[i];
        const auto res =
            send(client, http::verb::post, std::string("/api/v1/events/") + slug + "/checkins", kiosk_token_, k.body);
        EXPECT_EQ(res.result(), http::status::ok) << res.body();
        EXPECT_EQ(json::parse(res.body()), json::parse(k.answer)) << "nonce " << k.nonce;
    }
}

std::size_t crash_world::unexpected_answers() const {
    std::lock_guard lock(mutex_);
    return unexpected_.size();
}

std::string crash_world::first_unexpected() const {
    std::lock_guard lock(mutex_);
    return unexpected_.empty() ? std::string() : unexpected_.front();
}

std::size_t crash_world::answered_registrations() const {
    std::lock_guard lock(mutex_);
    return registrations_.size();
}

std::size_t crash_world::answered_checkins() const {
    std::lock_guard lock(mutex_);
    return checkins_.size();
}

}  // namespace plenary::testing
