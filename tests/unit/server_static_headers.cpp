// Tests for the MIME table.
#include "server/mime_types.hpp"

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
