// Access control, end to end, against the access matrix in docs/security.md
// (read at run time, so the document is the specification). Proves that:
// - the matrix lists exactly the routes the server registers (web pages and
//   the static fallback included), no more and no fewer;
// - every route answers every kind of credential (none, an attendee's manage
//   token, a kiosk of this event and of another, an organizer of another
//   event, this event's organizer, an admin) as its cell says. Each request is
//   valid, so "allow" means it got past every check: not 401, 403 or 404
//   (a 404 could be a recipe that missed its object) and not a 5xx.
//   "deny" is 401 or 403, and "deny (404)" also accepts 404;
// - a denied write changes nothing in the database;
// - the ids of one event's objects are "not found" under another event.
#include "access_matrix_table.hpp"
#include "registration_test_support.hpp"

#include "common/crypto.hpp"
#include "db/accounts.hpp"
#include "db/connection.hpp"
#include "db/events.hpp"
#include "db/store.hpp"
#include "db/web_sessions.hpp"
#include "server/app_routes.hpp"
#include "server/router.hpp"
#include "server/static_files.hpp"

#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace plenary::testing {
namespace {

namespace json = boost::json;

// Test data the recipes refer to.
const std::string slug_a = "matrix-a";  // the event under test
const std::string slug_b = "matrix-b";  // another organizer's event
const std::string password = "matrix password 0123";
const std::string new_password = "another matrix password 4567";
const std::string helper_email = "helper@example.org";  // the staff rows add and remove this organizer
const std::string login_email = "login@example.org";    // signs in; its password never changes

std::string route_key(const server::router::route& r) {
    return (r.ws_fn ? std::string("WS") : std::string(http::to_string(r.method))) + " " + r.pattern;
}

http::verb verb_of(const std::string& method) {
    if (method == "POST") return http::verb::post;
    if (method == "PATCH") return http::verb::patch;
    if (method == "PUT") return http::verb::put;
    if (method == "DELETE") return http::verb::delete_;
    return http::verb::get;  // GET, and WS (an upgrade is a GET)
}

void replace_all(std::string& s, std::string_view from, const std::string& to) {
    for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
        s.replace(at, from.size(), to);
    }
}

bool passes(verdict v, unsigned status) {
    switch (v) {
        case verdict::allow: return status != 401 && status != 403 && status != 404 && status < 500;
        case verdict::deny: return status == 401 || status == 403;
        case verdict::deny_hidden: return status == 401 || status == 403 || status == 404;
    }
    return false;
}

server::app_settings unthrottled() {
    server::app_settings s;
    s.registration_rate = {1e6, 1e6};
    return s;
}

// The web pages `plenary serve` adds when it has a web root; test_server
// leaves them out, so they are added here and the whole route table is tested.
void add_pages(server::router& r, server::server_options& o, const std::filesystem::path& dir,
               std::shared_ptr<server::static_files>& files) {
    const auto root = dir / "www";
    for (const std::string page : {"e", "dashboard", "display"}) {
        std::filesystem::create_directories(root / page);
        std::ofstream(root / page / "index.html") << "<!doctype html><title>" << page << "</title>";
    }
    std::ofstream(root / "index.html") << "<!doctype html><title>home</title>";
    o.web_root = root.string();
    files = std::make_shared<server::static_files>(root);
    server::register_page_routes(r, *files);
}

std::string event_body(const std::string& slug) {
    return R"({"slug":")" + slug +
           R"(","title":{"en":"Matrix Conference"},"timezone":"Asia/Shanghai",)"
           R"("starts_at":"2030-12-07T00:00:00Z","ends_at":"2030-12-08T12:00:00Z","venue":"Beijing",)"
           R"("status":"published"})";
}

std::string person_body(const std::string& email) {
    return json::serialize(
        json::object{{"name", "Person " + email}, {"email", email}, {"country", "CN"}, {"language", "en"}});
}

std::string one_field(const char* key, const std::string& value) {
    return json::serialize(json::object{{key, value}});
}

// What one call of a row sends, beyond the row's method and pattern.
struct call_plan {
    std::optional<std::int64_t> id{};       // fills {id}
    std::string query{};                    // appended after '?'
    std::string body{};                     // JSON; empty: none
    std::optional<std::string> attendee{};  // the attendee column's token, when not the usual one
};
using recipe = std::function<call_plan(cred)>;
using recipe_book = std::map<std::string, recipe>;

recipe fixed(call_plan plan) {
    return [plan](cred) { return plan; };
}

// Everything the matrix needs on one server: two events, the tokens of every
// column, and the objects path parameters point at.
struct world {
    std::array<std::string, cred_count> tokens;  // by credential; none stays empty
    std::int64_t event_id = 0;
    std::int64_t helper_id = 0;
    std::int64_t session_id = 0;
    std::int64_t room_id = 0;
    std::int64_t attendee_id = 0;  // pending: event A needs approval, so approve/reject have work
    std::int64_t guest_id = 0;     // confirmed (registered by staff), for check-ins
    std::int64_t kiosk_id = 0;
    std::int64_t checkin_id = 0;
};

class AccessMatrix : public ::testing::Test {
protected:
    AccessMatrix()
        : f_(unthrottled(), [this](server::router& r, server::server_options& o, const std::filesystem::path& dir) {
              add_pages(r, o, dir, files_);
              routes_ = &r;
          }) {}

    void build_world();
    void add_event_recipes(recipe_book& book);
    void add_auth_recipes(recipe_book& book);
    void add_registration_recipes(recipe_book& book);
    void add_checkin_recipes(recipe_book& book);
    recipe_book recipes();
    void check_cell(const matrix_row& row, cred c, const recipe& make);
    http_response send(const matrix_row& row, cred c, const call_plan& plan);

    http_response as(cred c, http::verb method, const std::string& target, std::string body = {}) {
        return f_.call(method, target, w_.tokens[idx(c)], std::move(body));
    }
    static std::string a_path(const std::string& suffix) { return "/api/v1/events/" + slug_a + suffix; }
    std::string unique(std::string prefix) { return prefix.append(std::to_string(++serial_)); }

    static std::int64_t created_id(const http_response& res, std::string_view field = "id");
    static std::string token_of(const http_response& res);
    void set_password(const std::string& email);
    void set_helper_staff(bool on);
    std::int64_t fresh_room();
    std::int64_t fresh_kiosk();
    std::int64_t fresh_token();
    std::int64_t confirmed_guest();
    std::int64_t check_in(std::int64_t registration_id);
    std::pair<std::int64_t, std::string> fresh_registration();
    std::string fingerprint();

    // Declared before f_: the server's setup fills them, and the page routes
    // keep pointing at files_ until the server is gone.
    std::shared_ptr<server::static_files> files_;
    const server::router* routes_ = nullptr;
    registration_fixture f_;
    world w_;
    int serial_ = 0;
};

std::int64_t AccessMatrix::created_id(const http_response& res, std::string_view field) {
    EXPECT_LT(res.result_int(), 300u) << res.body();
    if (res.result_int() >= 300) return 0;
    return registration_fixture::json_of(res).at(field).to_number<std::int64_t>();
}

std::string AccessMatrix::token_of(const http_response& res) {
    if (res.result_int() >= 300) return {};
    return std::string(registration_fixture::json_of(res).at("token").as_string());
}

void AccessMatrix::set_password(const std::string& email) {
    // Cheap scrypt parameters: they travel in the hash, so the checks are unchanged.
    const auto hash = hash_password(password, {.n = 1u << 10, .r = 8, .p = 1});
    f_.server().store().write_sync([&](db::connection& c) {
        if (const auto user = db::find_user_by_email(c, email)) db::set_password_hash(c, user->id, hash);
    });
}

void AccessMatrix::set_helper_staff(bool on) {
    f_.server().store().write_sync([&](db::connection& c) {
        if (on) {
            db::add_staff(c, w_.event_id, w_.helper_id);
        } else {
            db::remove_staff(c, w_.event_id, w_.helper_id);
        }
    });
}

std::int64_t AccessMatrix::fresh_room() {
    return created_id(as(cred::organizer, http::verb::post, a_path("/rooms"), one_field("name", unique("Room "))));
}

std::int64_t AccessMatrix::fresh_kiosk() {
    return created_id(as(cred::organizer, http::verb::post, a_path("/kiosks"), one_field("name", unique("Kiosk "))));
}

std::int64_t AccessMatrix::fresh_token() {
    return created_id(as(cred::organizer, http::verb::post, "/api/v1/auth/tokens", one_field("label", "spare")));
}

// Registered by staff, so confirmed although the event needs approval.
std::int64_t AccessMatrix::confirmed_guest() {
    const auto email = registration_fixture::numbered_email("guest", ++serial_);
    return created_id(as(cred::organizer, http::verb::post, a_path("/registrations"), person_body(email)));
}

std::int64_t AccessMatrix::check_in(std::int64_t registration_id) {
    const auto body = json::serialize(json::object{{"registration_id", registration_id}, {"nonce", unique("setup-")}});
    return created_id(as(cred::organizer, http::verb::post, a_path("/checkins"), body), "checkin_id");
}

// Self-registered, so pending: something approve, reject and cancel can act on.
std::pair<std::int64_t, std::string> AccessMatrix::fresh_registration() {
    const auto r = f_.register_person(slug_a, registration_fixture::numbered_email("temp", ++serial_));
    if (r.empty()) return {0, {}};
    return {r.at("id").to_number<std::int64_t>(), std::string(r.at("manage_token").as_string())};
}

// Everything a request could change, as one text: a denied write must leave
// it as it was. (Last-used times of tokens and sessions are left out: the
// server refreshes them in the background.)
std::string AccessMatrix::fingerprint() {
    static constexpr std::string_view sql = R"(
        SELECT (SELECT count(*) FROM audit_log)
        || '|' || (SELECT count(*) || ':' || coalesce(group_concat(venue, ','), '')
                   FROM (SELECT venue FROM events ORDER BY id))
        || '|' || (SELECT count(*) || ':' || coalesce(group_concat(topic, ','), '')
                   FROM (SELECT topic FROM sessions ORDER BY id))
        || '|' || (SELECT count(*) || ':' || coalesce(group_concat(name, ','), '')
                   FROM (SELECT name FROM rooms ORDER BY id))
        || '|' || (SELECT count(*) FROM event_staff)
        || '|' || (SELECT count(*) || ':' || count(revoked_at) FROM api_tokens)
        || '|' || (SELECT count(*) || ':' || count(revoked_at) FROM kiosks)
        || '|' || (SELECT count(*) || ':' || coalesce(group_concat(s, ','), '')
                   FROM (SELECT status || '/' || organization AS s FROM registrations ORDER BY id))
        || '|' || (SELECT count(*) || ':' || count(undone_at) FROM checkins)
        || '|' || (SELECT count(*) FROM web_sessions)
        || '|' || (SELECT coalesce(group_concat(h, ','), '')
                   FROM (SELECT coalesce(password_hash, '') AS h FROM users ORDER BY id)))";
    return f_.server().store().read_sync([](db::connection& c) { return c.query_text(sql); });
}

void AccessMatrix::build_world() {
    auto& t = w_.tokens;
    t[idx(cred::organizer)] = f_.organizer_token();  // org@example.org, on A's staff as its creator
    t[idx(cred::admin)] = f_.make_staff_token("admin@example.org", "admin");
    t[idx(cred::other_organizer)] = f_.make_staff_token("other@example.org", "organizer");
    f_.make_staff_token(helper_email, "organizer");
    f_.make_staff_token(login_email, "organizer");
    for (const std::string email : {"org@example.org", "admin@example.org", "other@example.org"}) set_password(email);
    set_password(login_email);

    f_.create_event(slug_a, R"("requires_approval":true,"public_display":true)");
    const auto b = as(cred::other_organizer, http::verb::post, "/api/v1/events", event_body(slug_b));
    EXPECT_EQ(b.result(), http::status::created) << b.body();
    w_.event_id = f_.count("SELECT id FROM events WHERE slug = 'matrix-a'");
    w_.helper_id = f_.count("SELECT id FROM users WHERE email = 'helper@example.org'");

    w_.session_id = f_.add_session(slug_a, "Matrix", 1, 50, true);
    w_.room_id = fresh_room();
    const auto attendee = fresh_registration();
    w_.attendee_id = attendee.first;
    t[idx(cred::attendee)] = attendee.second;

    const auto kiosk = as(cred::organizer, http::verb::post, a_path("/kiosks"), R"({"name":"Door A"})");
    w_.kiosk_id = created_id(kiosk);
    t[idx(cred::kiosk)] = token_of(kiosk);
    t[idx(cred::other_kiosk)] = token_of(
        as(cred::other_organizer, http::verb::post, "/api/v1/events/" + slug_b + "/kiosks", R"({"name":"Door B"})"));
    w_.guest_id = confirmed_guest();
    w_.checkin_id = check_in(w_.guest_id);
    for (std::size_t c = 1; c < cred_count; ++c) EXPECT_FALSE(t[c].empty()) << "no token for " << cred_names[c];
}

void AccessMatrix::add_event_recipes(recipe_book& book) {
    for (const auto* key :
         {"GET /healthz", "GET /metrics", "GET /api/v1/countries", "GET /api/v1/events", "GET /api/v1/events/{slug}",
          "GET /api/v1/events/{slug}/agenda.ics", "GET /api/v1/events/{slug}/rooms", "GET /api/v1/events/{slug}/staff",
          "GET /api/v1/events/{slug}/audit"}) {
        book[key] = fixed({});
    }
    book["POST /api/v1/events"] = [this](cred) { return call_plan{.body = event_body(unique("matrix-new-"))}; };
    book["PATCH /api/v1/events/{slug}"] = [this](cred) {
        return call_plan{.body = one_field("venue", unique("Hall "))};
    };
    book["POST /api/v1/events/{slug}/sessions"] = [this](cred) {
        const auto title = unique("Talk ");
        return call_plan{.body = R"({"title":")" + title +
                                 R"(","kind":"plenary","starts_at":"2030-12-07T04:00:00Z",)"
                                 R"("ends_at":"2030-12-07T05:00:00Z"})"};
    };
    book["PATCH /api/v1/events/{slug}/sessions/{id}"] = [this](cred) {
        return call_plan{.id = w_.session_id, .body = one_field("topic", unique("Topic "))};
    };
    book["DELETE /api/v1/events/{slug}/sessions/{id}"] = [this](cred) {
        return call_plan{.id = f_.add_session(slug_a, unique("Temp"), 3, 10, false)};
    };
    book["POST /api/v1/events/{slug}/rooms"] = [this](cred) {
        return call_plan{.body = one_field("name", unique("Room "))};
    };
    book["PATCH /api/v1/events/{slug}/rooms/{id}"] = [this](cred) {
        return call_plan{.id = w_.room_id, .body = one_field("name", unique("Room "))};
    };
    book["DELETE /api/v1/events/{slug}/rooms/{id}"] = [this](cred) { return call_plan{.id = fresh_room()}; };
    // The helper starts off the staff list to be added, and on it to be removed.
    book["POST /api/v1/events/{slug}/staff"] = [this](cred) {
        set_helper_staff(false);
        return call_plan{.body = one_field("email", helper_email)};
    };
    book["DELETE /api/v1/events/{slug}/staff"] = [this](cred) {
        set_helper_staff(true);
        return call_plan{.query = "email=helper%40example.org"};
    };
}

void AccessMatrix::add_auth_recipes(recipe_book& book) {
    book["POST /api/v1/auth/login"] =
        fixed({.body = json::serialize(json::object{{"email", login_email}, {"password", password}})});
    book["GET /api/v1/auth/session"] = fixed({});
    book["POST /api/v1/auth/logout"] = fixed({});
    // Each allowed caller changes its own password once; nothing later needs it.
    book["POST /api/v1/auth/password"] =
        fixed({.body = json::serialize(json::object{{"current_password", password}, {"new_password", new_password}})});
    book["POST /api/v1/auth/tokens"] = fixed({.body = one_field("label", "matrix")});
    book["GET /api/v1/auth/tokens"] = fixed({});
    // {id}: a spare token of this event's organizer, fresh for every call.
    book["DELETE /api/v1/auth/tokens/{id}"] = [this](cred) { return call_plan{.id = fresh_token()}; };
}

void AccessMatrix::add_registration_recipes(recipe_book& book) {
    for (const auto* key : {"GET /api/v1/registrations/self", "GET /api/v1/registrations/self/ticket.svg",
                            "GET /api/v1/registrations/self/sessions.ics", "GET /api/v1/events/{slug}/registrations",
                            "GET /api/v1/events/{slug}/registrations.csv", "GET /api/v1/events/{slug}/outbox"}) {
        book[key] = fixed({});
    }
    book["GET /api/v1/events/{slug}/registrations/{id}"] = fixed({.id = w_.attendee_id});
    book["POST /api/v1/events/{slug}/registrations"] = [this](cred) {
        return call_plan{.body = person_body(registration_fixture::numbered_email("new", ++serial_))};
    };
    book["PATCH /api/v1/registrations/self"] = [this](cred) {
        return call_plan{.body = one_field("organization", unique("Org "))};
    };
    // Cancelling uses a fresh registration, so the attendee's own stays live.
    book["DELETE /api/v1/registrations/self"] = [this](cred) {
        return call_plan{.attendee = fresh_registration().second};
    };
    // Promote answers 409 for a pending registration: past the checks, and harmless.
    for (const auto* key :
         {"POST /api/v1/events/{slug}/registrations/{id}/approve",
          "POST /api/v1/events/{slug}/registrations/{id}/reject",
          "POST /api/v1/events/{slug}/registrations/{id}/promote", "DELETE /api/v1/events/{slug}/registrations/{id}"}) {
        book[key] = [this](cred) { return call_plan{.id = fresh_registration().first}; };
    }
}

void AccessMatrix::add_checkin_recipes(recipe_book& book) {
    for (const auto* key :
         {"GET /api/v1/events/{slug}/kiosks", "GET /api/v1/kiosk/self", "GET /api/v1/events/{slug}/checkins/conflicts",
          "GET /api/v1/events/{slug}/kiosk-data", "GET /api/v1/events/{slug}/stats", "WS /api/v1/events/{slug}/live",
          "WS /api/v1/events/{slug}/live/public", "GET /e/{slug}", "GET /e/{slug}/manage", "GET /dashboard/{slug}",
          "GET /display/{slug}", "GET *"}) {
        book[key] = fixed({});
    }
    book["GET /api/v1/events/{slug}/checkin-search"] = fixed({.query = "q=Person"});
    book["POST /api/v1/events/{slug}/kiosks"] = [this](cred) {
        return call_plan{.body = one_field("name", unique("Kiosk "))};
    };
    book["DELETE /api/v1/events/{slug}/kiosks/{id}"] = [this](cred) { return call_plan{.id = fresh_kiosk()}; };
    book["POST /api/v1/events/{slug}/checkins"] = [this](cred) {
        return call_plan{.body =
                             json::serialize(json::object{{"registration_id", w_.guest_id}, {"nonce", unique("n-")}})};
    };
    book["DELETE /api/v1/events/{slug}/checkins/{id}"] = [this](cred) {
        return call_plan{.id = check_in(confirmed_guest()), .body = R"({"reason":"matrix test"})"};
    };
}

recipe_book AccessMatrix::recipes() {
    recipe_book book;
    add_event_recipes(book);
    add_auth_recipes(book);
    add_registration_recipes(book);
    add_checkin_recipes(book);
    return book;
}

http_response AccessMatrix::send(const matrix_row& row, cred c, const call_plan& plan) {
    std::string token = w_.tokens[idx(c)];
    if (c == cred::attendee && plan.attendee) token = *plan.attendee;
    std::string target = "/index.html";  // "*": a file the static fallback serves
    if (row.pattern != "*") {
        target = row.pattern;
        replace_all(target, "{slug}", slug_a);
        if (target.find("{id}") != std::string::npos) {
            EXPECT_TRUE(plan.id.has_value()) << "the recipe gives no {id}";
            replace_all(target, "{id}", std::to_string(plan.id.value_or(0)));
        }
        if (!plan.query.empty()) target.append("?").append(plan.query);
    }
    header_list headers;
    if (row.method == "WS") {
        headers = websocket_upgrade_headers();
    }
    return f_.call(verb_of(row.method), target, token, plan.body, std::move(headers));
}

void AccessMatrix::check_cell(const matrix_row& row, cred c, const recipe& make) {
    // Appended, not `"literal" + std::to_string(n)`: GCC 12 warns falsely about that at -O2.
    std::string where = "docs/security.md:";
    where.append(std::to_string(row.line)).append(": ").append(row.key()).append(" as ").append(cred_names[idx(c)]);
    SCOPED_TRACE(where);
    const auto plan = make(c);
    const verdict expected = row.cells[idx(c)];
    const bool check_unchanged = expected != verdict::allow && row.method != "GET" && row.method != "WS";
    const auto before = check_unchanged ? fingerprint() : std::string();
    const auto res = send(row, c, plan);
    EXPECT_TRUE(passes(expected, res.result_int())) << where << ": expected " << text_of(expected) << ", got "
                                                    << res.result_int() << ": " << res.body().substr(0, 400);
    if (check_unchanged) {
        EXPECT_EQ(fingerprint(), before) << where << ": the denied call changed the database";
    }
}

TEST_F(AccessMatrix, TableListsExactlyTheRoutesTheServerRegisters) {
    ASSERT_NE(routes_, nullptr);
    std::set<std::string> served;
    for (const auto& r : routes_->routes()) served.insert(route_key(r));
    if (routes_->fallback()) served.insert("GET *");

    std::set<std::string> documented;
    for (const auto& row : read_matrix(security_doc())) {
        EXPECT_TRUE(documented.insert(row.key()).second)
            << "docs/security.md:" << row.line << ": " << row.key() << " is listed twice";
    }
    for (const auto& key : served) {
        EXPECT_TRUE(documented.contains(key)) << key << " is served but missing from the matrix in docs/security.md";
    }
    for (const auto& key : documented) {
        EXPECT_TRUE(served.contains(key)) << key << " is in docs/security.md but the server has no such route";
    }
}

TEST_F(AccessMatrix, EveryCredentialIsAnsweredAsTheTableSays) {
    build_world();
    ASSERT_FALSE(HasFailure()) << "the setup failed; see above";
    const auto rows = read_matrix(security_doc());
    ASSERT_FALSE(rows.empty());
    const auto book = recipes();
    for (const auto& row : rows) {
        const auto it = book.find(row.key());
        if (it == book.end()) {
            ADD_FAILURE() << "docs/security.md:" << row.line << ": no request recipe for " << row.key()
                          << " in access_matrix_test.cpp";
            continue;
        }
        for (std::size_t c = 0; c < cred_count; ++c) check_cell(row, static_cast<cred>(c), it->second);
    }
}

// Objects are found by event and id together: the organizer of B naming A's
// objects under B's slug finds nothing, and B's kiosk cannot admit A's guest.
TEST_F(AccessMatrix, AnotherEventsIdsAreNotFoundUnderYourOwnEvent) {
    build_world();
    ASSERT_FALSE(HasFailure()) << "the setup failed; see above";
    const auto before = fingerprint();
    const std::string b = "/api/v1/events/" + slug_b;
    const auto n = [](std::int64_t id) { return std::to_string(id); };
    const std::vector<std::tuple<http::verb, std::string, std::string>> probes{
        {http::verb::patch, b + "/sessions/" + n(w_.session_id), R"({"topic":"taken over"})"},
        {http::verb::delete_, b + "/sessions/" + n(w_.session_id), ""},
        {http::verb::patch, b + "/rooms/" + n(w_.room_id), R"({"name":"Taken over"})"},
        {http::verb::delete_, b + "/rooms/" + n(w_.room_id), ""},
        {http::verb::get, b + "/registrations/" + n(w_.attendee_id), ""},
        {http::verb::post, b + "/registrations/" + n(w_.attendee_id) + "/approve", ""},
        {http::verb::delete_, b + "/registrations/" + n(w_.attendee_id), ""},
        {http::verb::delete_, b + "/kiosks/" + n(w_.kiosk_id), ""},
        {http::verb::delete_, b + "/checkins/" + n(w_.checkin_id), R"({"reason":"taken over"})"},
    };
    for (const auto& [method, target, body] : probes) {
        const auto res = as(cred::other_organizer, method, target, body);
        EXPECT_EQ(res.result(), http::status::not_found) << method << " " << target << ": " << res.body();
    }
    const auto scan = as(cred::other_kiosk, http::verb::post, b + "/checkins",
                         json::serialize(json::object{{"registration_id", w_.guest_id}, {"nonce", "cross-event"}}));
    ASSERT_EQ(scan.result(), http::status::ok) << scan.body();
    EXPECT_EQ(registration_fixture::json_of(scan).at("result"), "not_found");
    EXPECT_EQ(fingerprint(), before) << "a cross-event call changed the database";
}

}  // namespace
}  // namespace plenary::testing
