// Error mapping: every errc has its status, bodies are RFC 9457 problem+json,
// unknown exceptions never leak their text.
#include "server/error_mapping.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <stdexcept>

namespace {

using plenary::errc;
using plenary::problem;
using plenary::server::http::status;

boost::json::object body_of(const plenary::server::response& res) {
    return boost::json::parse(res.body()).as_object();
}

TEST(error_mapping, maps_each_domain_error_to_its_status) {
    const std::pair<errc, status> table[] = {
        {errc::bad_request, status::bad_request},
        {errc::validation, status::unprocessable_entity},
        {errc::unauthorized, status::unauthorized},
        {errc::forbidden, status::forbidden},
        {errc::not_found, status::not_found},
        {errc::method_not_allowed, status::method_not_allowed},
        {errc::conflict, status::conflict},
        {errc::gone, status::gone},
        {errc::payload_too_large, status::payload_too_large},
        {errc::unsupported_media_type, status::unsupported_media_type},
        {errc::header_too_large, status::request_header_fields_too_large},
        {errc::too_many_requests, status::too_many_requests},
        {errc::unavailable, status::service_unavailable},
        {errc::internal, status::internal_server_error},
    };
    for (auto [code, expected] : table) EXPECT_EQ(plenary::server::status_for(code), expected);
}

TEST(error_mapping, validation_problem_names_the_fields) {
    problem p(errc::validation, "2 fields are invalid",
              {{"email", "must be an email address"}, {"title.en", "too long"}});
    auto res = plenary::server::problem_response(p, 11);
    EXPECT_EQ(res[plenary::server::http::field::content_type], "application/problem+json");
    auto body = body_of(res);
    EXPECT_EQ(body.at("status").as_int64(), 422);
    EXPECT_EQ(body.at("title").as_string(), "Unprocessable Entity");
    EXPECT_EQ(body.at("detail").as_string(), "2 fields are invalid");
    EXPECT_FALSE(body.at("type").as_string().empty());
    const auto& errors = body.at("errors").as_array();
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0].at("field").as_string(), "email");
    EXPECT_EQ(errors[1].at("message").as_string(), "too long");
}

TEST(error_mapping, retry_after_is_sent) {
    auto p = problem(errc::too_many_requests, "slow down").with_retry_after(30);
    auto res = plenary::server::problem_response(p, 11);
    EXPECT_EQ(res.result(), status::too_many_requests);
    EXPECT_EQ(res[plenary::server::http::field::retry_after], "30");
}

TEST(error_mapping, unknown_exceptions_become_500_without_internals) {
    auto res = plenary::server::error_response(std::make_exception_ptr(std::runtime_error("secret path /etc/x")), 11);
    EXPECT_EQ(res.result(), status::internal_server_error);
    EXPECT_EQ(res.body().find("secret"), std::string::npos);
    EXPECT_EQ(body_of(res).at("status").as_int64(), 500);
}

TEST(error_mapping, json_syntax_errors_are_the_clients_fault) {
    std::exception_ptr err;
    try {
        (void)boost::json::parse("{nope");
    } catch (...) {
        err = std::current_exception();
    }
    ASSERT_TRUE(err);
    EXPECT_EQ(plenary::server::error_response(err, 11).result(), status::bad_request);
}

TEST(error_mapping, out_of_memory_is_a_retryable_503) {
    auto res = plenary::server::error_response(std::make_exception_ptr(std::bad_alloc()), 11);
    EXPECT_EQ(res.result(), status::service_unavailable);
}

}  // namespace
