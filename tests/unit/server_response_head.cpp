// Tests for the response head the session writes in place of Beast's
// serializer: framing owned by the server, the security headers every
// response carries, and a head that Beast's own parser reads back as the
// response that was meant.
#include "server/response_head.hpp"

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <gtest/gtest.h>

using namespace plenary::server;

namespace {

// Parses head + body as a client would; fails the test on a parse error.
response parse(const std::string& head, const std::string& body, bool head_request = false) {
    http::response_parser<http::string_body> p;
    p.skip(head_request);
    p.eager(true);
    boost::system::error_code ec;
    const std::string wire = head + body;
    const auto used = p.put(boost::asio::buffer(wire), ec);
    EXPECT_FALSE(ec) << ec.message();
    EXPECT_EQ(used, wire.size());
    EXPECT_TRUE(p.is_done());
    return p.release();
}

// The response as a client reads it once its head is written.
response with_security_headers(const response& res, bool tls) {
    std::string head;
    write_response_head(res, true, tls, head);
    return parse(head, res.body());
}

std::size_t count(const response& res, std::string_view name) {
    auto range = res.equal_range(name);
    return static_cast<std::size_t>(std::distance(range.first, range.second));
}

}  // namespace

TEST(ResponseHead, KeepAliveJsonParsesBackWithLengthAndSecurityHeaders) {
    response res{http::status::ok, 11};
    res.set(http::field::content_type, "application/json");
    res.body() = R"({"ok":true})";
    std::string head;
    write_response_head(res, true, true, head);
    EXPECT_EQ(head.rfind("HTTP/1.1 200 OK\r\n", 0), 0U) << head;
    EXPECT_TRUE(head.ends_with("\r\n\r\n"));
    EXPECT_EQ(head.find("Connection:"), std::string::npos) << "HTTP/1.1 keeps alive by default";

    const response back = parse(head, res.body());
    EXPECT_EQ(back[http::field::content_type], "application/json");
    EXPECT_EQ(back[http::field::content_length], "11");
    EXPECT_EQ(back.body(), R"({"ok":true})");
    EXPECT_TRUE(back.keep_alive());
    EXPECT_EQ(back["Strict-Transport-Security"], "max-age=63072000; includeSubDomains");
    EXPECT_EQ(back["X-Content-Type-Options"], "nosniff");
    EXPECT_EQ(back["Content-Security-Policy"], "default-src 'none'; frame-ancestors 'none'");
}

TEST(ResponseHead, HandlerFramingIsReplacedAndHandlerSecurityHeadersWin) {
    response res{http::status::created, 11};
    res.set(http::field::content_length, "999");
    res.set(http::field::connection, "keep-alive");
    res.set(http::field::transfer_encoding, "chunked");
    res.set("content-security-policy", "default-src 'none'");
    res.body() = "abc";
    std::string head = "stale bytes from the previous response";
    write_response_head(res, false, true, head);
    EXPECT_EQ(head.rfind("HTTP/1.1 201 Created\r\n", 0), 0U) << head;

    const response back = parse(head, res.body());
    EXPECT_EQ(back[http::field::content_length], "3");
    EXPECT_EQ(count(back, "Content-Length"), 1U);
    EXPECT_EQ(count(back, "Transfer-Encoding"), 0U);
    EXPECT_EQ(back[http::field::connection], "close");
    EXPECT_FALSE(back.keep_alive());
    EXPECT_EQ(back["Content-Security-Policy"], "default-src 'none'");
    EXPECT_EQ(count(back, "Content-Security-Policy"), 1U);
}

TEST(ResponseHead, NoBodyStatusesCarryNoLengthAndPlainHttpNoHsts) {
    for (const auto status : {http::status::no_content, http::status::not_modified}) {
        response res{status, 11};
        std::string head;
        write_response_head(res, true, false, head);
        EXPECT_EQ(head.find("Content-Length"), std::string::npos) << head;
        EXPECT_EQ(head.find("Strict-Transport-Security"), std::string::npos) << head;
        EXPECT_NE(head.find("X-Frame-Options: DENY\r\n"), std::string::npos) << head;
        EXPECT_TRUE(status_forbids_body(static_cast<unsigned>(status)));
    }
    EXPECT_TRUE(status_forbids_body(101));
    EXPECT_FALSE(status_forbids_body(200));
    EXPECT_FALSE(status_forbids_body(404));
}

TEST(ResponseHead, HeadRequestsGetTheBodysLengthAndHttp10AsksToKeepAlive) {
    response res{http::status::ok, 10};
    res.body() = std::string(1234, 'x');
    std::string head;
    write_response_head(res, true, true, head);
    EXPECT_EQ(head.rfind("HTTP/1.0 200 OK\r\n", 0), 0U) << head;
    const response back = parse(head, "", true);
    EXPECT_EQ(back[http::field::content_length], "1234");
    EXPECT_EQ(back[http::field::connection], "keep-alive");
    EXPECT_TRUE(back.keep_alive());

    write_response_head(res, false, true, head);
    EXPECT_EQ(head.find("Connection:"), std::string::npos) << "HTTP/1.0 closes by default";
}

TEST(SecurityHeaders, AllHeadersOnTls) {
    response res{http::status::ok, 11};
    res.set(http::field::content_type, "text/html; charset=utf-8");
    res = with_security_headers(res, true);
    EXPECT_EQ(res["Strict-Transport-Security"], "max-age=63072000; includeSubDomains");
    EXPECT_EQ(res["Content-Security-Policy"],
              "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
              "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
              "form-action 'self'");
    EXPECT_EQ(res["X-Content-Type-Options"], "nosniff");
    EXPECT_EQ(res["Referrer-Policy"], "no-referrer");
    EXPECT_EQ(res["X-Frame-Options"], "DENY");
    EXPECT_EQ(res["Cross-Origin-Opener-Policy"], "same-origin");
}

TEST(SecurityHeaders, DataGetsNothingToLoadAndNoOpenerPolicy) {
    for (const char* type : {"application/json", "application/problem+json", "text/csv; charset=utf-8", "image/png",
                             "text/css; charset=utf-8", "text/htmlx", ""}) {
        response res{http::status::ok, 11};
        if (*type != '\0') res.set(http::field::content_type, type);
        res = with_security_headers(res, true);
        EXPECT_EQ(res["Content-Security-Policy"], "default-src 'none'; frame-ancestors 'none'") << type;
        EXPECT_EQ(res["Strict-Transport-Security"], "max-age=63072000; includeSubDomains") << type;
        EXPECT_EQ(res["X-Content-Type-Options"], "nosniff") << type;
        EXPECT_EQ(res["Referrer-Policy"], "no-referrer") << type;
        EXPECT_EQ(res["X-Frame-Options"], "DENY") << type;
        EXPECT_EQ(res.find("Cross-Origin-Opener-Policy"), res.end()) << type;
    }
}

TEST(SecurityHeaders, DocumentsAndScriptsGetThePagePolicy) {
    // A worker runs under its script's policy, so scripts need 'self' too.
    for (const char* type : {"text/html; charset=utf-8", "TEXT/HTML", "text/javascript; charset=utf-8",
                             "application/javascript", "image/svg+xml"}) {
        response res{http::status::ok, 11};
        res.set(http::field::content_type, type);
        res = with_security_headers(res, true);
        EXPECT_NE(res["Content-Security-Policy"].find("script-src 'self'"), std::string::npos) << type;
        EXPECT_NE(res["Content-Security-Policy"].find("frame-ancestors 'none'"), std::string::npos) << type;
        EXPECT_EQ(res["Cross-Origin-Opener-Policy"], "same-origin") << type;
    }
}

TEST(SecurityHeaders, NoHstsOverPlainHttp) {
    response res{http::status::moved_permanently, 11};
    res = with_security_headers(res, false);
    EXPECT_EQ(res.find("Strict-Transport-Security"), res.end());
    EXPECT_EQ(res["X-Content-Type-Options"], "nosniff");
    EXPECT_EQ(res["Content-Security-Policy"], "default-src 'none'; frame-ancestors 'none'");
}

TEST(SecurityHeaders, HandlerValuesWinAndNothingIsDuplicated) {
    response res{http::status::ok, 11};
    res.set("content-security-policy", "default-src 'none'");
    res.set(http::field::x_frame_options, "SAMEORIGIN");
    res = with_security_headers(with_security_headers(res, true), true);
    EXPECT_EQ(res["Content-Security-Policy"], "default-src 'none'");
    EXPECT_EQ(res["X-Frame-Options"], "SAMEORIGIN");
    EXPECT_EQ(std::distance(res.equal_range("Content-Security-Policy").first,
                            res.equal_range("Content-Security-Policy").second),
              1);
    EXPECT_EQ(std::distance(res.equal_range("Referrer-Policy").first, res.equal_range("Referrer-Policy").second), 1);
}
