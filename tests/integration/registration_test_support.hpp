// Shared by the registration integration tests: a real server over TLS with
// an organizer token, and helpers to create events and sessions, register,
// and count rows straight from the database.
#pragma once

#include "../support/test_client.hpp"
#include "../support/test_server.hpp"

#include <boost/json.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace plenary::testing {

class registration_fixture {
public:
    explicit registration_fixture(server::app_settings settings = {}, test_server::setup_fn setup = {},
                                  server::live::feed_pacing pacing = {});

    // A published event open for registration now; `extra` fields (JSON
    // object text without braces, e.g. "\"capacity\":1") override the defaults.
    void create_event(const std::string& slug, const std::string& extra = {});
    // A session on the event's first day at hour `hour` (UTC) lasting an hour.
    std::int64_t add_session(const std::string& slug, const std::string& title, int hour, std::optional<int> capacity,
                             bool requires_signup = true);

    http_response call(http::verb method, const std::string& target, const std::string& token = {},
                       std::string body = {}, header_list headers = {});
    http_response register_attendee(const std::string& slug, const std::string& body, header_list headers = {});
    // Registers a minimal attendee; returns the parsed 201 body.
    boost::json::object register_person(const std::string& slug, const std::string& email,
                                        const std::string& sessions = "[]", const std::string& language = "en");

    // Straight from SQLite, bypassing every tally.
    std::int64_t count(const std::string& sql);
    std::string organizer_token() const { return organizer_; }
    std::string make_staff_token(const std::string& email, const std::string& role);
    // A kiosk of the event (the 201 body: id, token, ...).
    boost::json::object add_kiosk(const std::string& slug, const std::string& name);
    // A new organizer account added to the event's staff; returns its token.
    std::string add_staff_member(const std::string& slug, const std::string& email);
    // Another API token for an existing account, stored with `label`.
    std::string add_token(const std::string& email, const std::string& label);
    test_server& server() { return *server_; }

    // "[id, ...]" and "prefix<n>@example.org", built by appending: GCC 12
    // warns falsely about `"literal" + std::to_string(n)` at -O2.
    static std::string id_list(std::initializer_list<std::int64_t> ids);
    static std::string numbered_email(std::string prefix, int n);
    static boost::json::value json_of(const http_response& res) { return boost::json::parse(res.body()); }
    static std::vector<std::string> error_fields(const http_response& res);

private:
    std::unique_ptr<test_server> server_;
    std::string organizer_;
};

}  // namespace plenary::testing
