// Tests for the MIME table and the security headers every response carries.
#include "server/mime_types.hpp"
#include "server/security_headers.hpp"

#include <gtest/gtest.h>

using namespace plenary::server;

TEST(MimeTypes, KnownExtensions) {
    EXPECT_EQ(mime_type_for("index.html"), "text/html; charset=utf-8");
    EXPECT_EQ(mime_type_for("/a/b/site.css"), "text/css; charset=utf-8");
    EXPECT_EQ(mime_type_for("app.js"), "text/javascript; charset=utf-8");
    EXPECT_EQ(mime_type_for("mod.mjs"), "text/javascript; charset=utf-8");
    EXPECT_EQ(mime_type_for("data.json"), "application/json");
    EXPECT_EQ(mime_type_for("logo.svg"), "image/svg+xml");
    EXPECT_EQ(mime_type_for("a.png"), "image/png");
    EXPECT_EQ(mime_type_for("a.jpg"), "image/jpeg");
    EXPECT_EQ(mime_type_for("a.webp"), "image/webp");
    EXPECT_EQ(mime_type_for("favicon.ico"), "image/x-icon");
    EXPECT_EQ(mime_type_for("f.woff2"), "font/woff2");
    EXPECT_EQ(mime_type_for("robots.txt"), "text/plain; charset=utf-8");
    EXPECT_EQ(mime_type_for("app.js.map"), "application/json");
    EXPECT_EQ(mime_type_for("site.webmanifest"), "application/manifest+json");
    EXPECT_EQ(mime_type_for("m.wasm"), "application/wasm");
}

TEST(MimeTypes, CaseInsensitiveAndDefaults) {
    EXPECT_EQ(mime_type_for("INDEX.HTML"), "text/html; charset=utf-8");
    EXPECT_EQ(mime_type_for("noext"), "application/octet-stream");
    EXPECT_EQ(mime_type_for(".htaccess"), "application/octet-stream");
    EXPECT_EQ(mime_type_for("dir.css/file"), "application/octet-stream");
    EXPECT_EQ(mime_type_for("a.exe"), "application/octet-stream");
    EXPECT_EQ(mime_type_for("trailing."), "application/octet-stream");
}

TEST(SecurityHeaders, AllHeadersOnTls) {
    response res{http::status::ok, 11};
    add_security_headers(res, true);
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

TEST(SecurityHeaders, NoHstsOverPlainHttp) {
    response res{http::status::moved_permanently, 11};
    add_security_headers(res, false);
    EXPECT_EQ(res.find("Strict-Transport-Security"), res.end());
    EXPECT_EQ(res["X-Content-Type-Options"], "nosniff");
}

TEST(SecurityHeaders, HandlerValuesWinAndNothingIsDuplicated) {
    response res{http::status::ok, 11};
    res.set("content-security-policy", "default-src 'none'");
    res.set(http::field::x_frame_options, "SAMEORIGIN");
    add_security_headers(res, true);
    add_security_headers(res, true);
    EXPECT_EQ(res["Content-Security-Policy"], "default-src 'none'");
    EXPECT_EQ(res["X-Frame-Options"], "SAMEORIGIN");
    EXPECT_EQ(std::distance(res.equal_range("Content-Security-Policy").first,
                            res.equal_range("Content-Security-Policy").second),
              1);
    EXPECT_EQ(std::distance(res.equal_range("Referrer-Policy").first, res.equal_range("Referrer-Policy").second), 1);
}
