// Shared by the auth integration tests: a test server with organizers who
// have real (scrypt) passwords, and small helpers for cookies and CSRF.
#pragma once

#include "../support/test_client.hpp"
#include "../support/test_server.hpp"

#include <boost/json.hpp>

#include <memory>
#include <optional>
#include <string>

namespace plenary::testing {

// A signed-in browser: the cookie value and the CSRF token from the login answer.
struct browser_session {
    std::string cookie;
    std::string csrf;
};

class auth_fixture {
public:
    auth_fixture();

    // Creates a user with this password (cheap scrypt parameters: the
    // parameters travel in the hash, so the server's checks are unchanged).
    std::int64_t add_user(const std::string& email, const std::string& password, const std::string& role);
    std::string add_token(std::int64_t user_id);

    http_response login(const std::string& email, const std::string& password, header_list extra = {});
    // Logs in and expects success.
    browser_session sign_in(const std::string& email, const std::string& password);

    // A request carrying the session cookie; csrf/origin headers when non-empty.
    http_response with_cookie(http::verb method, const std::string& target, const std::string& cookie,
                              const std::string& csrf = {}, const std::string& origin = {}, std::string body = {});
    http_response with_bearer(http::verb method, const std::string& target, const std::string& token,
                              std::string body = {});
    http_response send(http::verb method, const std::string& target, header_list headers, std::string body = {});

    test_server& server() { return *server_; }

    static std::string cookie_value(const http_response& res);
    static boost::json::value json_of(const http_response& res) { return boost::json::parse(res.body()); }

private:
    std::unique_ptr<test_server> server_;
};

inline const std::string good_password = "correct horse battery staple";
std::string event_body(const std::string& slug);

}  // namespace plenary::testing
