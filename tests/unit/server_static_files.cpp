// Tests for static file serving: content types, ETag revalidation, index
// files, and every way of walking out of the web root we could think of.
#include "common/problem.hpp"
#include "server/static_files.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

namespace fs = std::filesystem;
using namespace plenary;
using namespace plenary::server;

namespace {

const std::string secret = "OUTSIDE-SECRET-CONTENT";

void write_file(const fs::path& p, const std::string& content) {
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << content;
    ASSERT_TRUE(out.good()) << p;
}

class StaticFiles : public testing::Test {
protected:
    void SetUp() override {
        std::string tmpl = (fs::temp_directory_path() / "plenary-static-XXXXXX").string();
        ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
        base_ = tmpl;
        root_ = base_ / "web";
        write_file(root_ / "index.html", "<h1>home</h1>");
        write_file(root_ / "assets" / "site.css", "body{}");
        write_file(root_ / "assets" / "app.JS", "1;");
        write_file(root_ / "assets" / "data.bin", "\x01\x02");
        write_file(root_ / "docs" / "index.html", "<h1>docs</h1>");
        write_file(root_ / "empty" / "readme.txt", "no index here");
        write_file(root_ / ".hidden", "hidden");
        write_file(root_ / "a b.txt", "space");
        write_file(root_ / "%2e%2e" / "x", "literal dir name");
        write_file(base_ / "outside.txt", secret);
        write_file(base_ / "web-sibling" / "x.txt", secret);
        fs::create_directory_symlink(base_, root_ / "escape");
        fs::create_symlink(base_ / "outside.txt", root_ / "link.txt");
        fs::create_symlink(root_ / "assets" / "site.css", root_ / "inner-link.css");
        files_.emplace(root_);
    }

    void TearDown() override {
        std::error_code ec;
        fs::remove_all(base_, ec);
    }

    response get(std::string_view target, std::optional<std::string> if_none_match = std::nullopt,
                 http::verb method = http::verb::get) {
        request req{method, target, 11};
        if (if_none_match) req.set(http::field::if_none_match, *if_none_match);
        const auto q = target.find('?');
        request_context ctx{req, target.substr(0, q), q == std::string_view::npos ? "" : target.substr(q + 1),
                            {},  "127.0.0.1",         true};
        return files_->serve(ctx);
    }

    // The status a refused path gets, failing the test if any content came back.
    int refused_status(std::string_view target) {
        try {
            const auto res = get(target);
            ADD_FAILURE() << target << " was served: " << res.body();
            return static_cast<int>(res.result_int());
        } catch (const problem& p) {
            if (p.code() == errc::not_found) return 404;
            if (p.code() == errc::bad_request) return 400;
            ADD_FAILURE() << target << " unexpected problem " << p.detail();
            return 0;
        }
    }

    fs::path base_;
    fs::path root_;
    std::optional<static_files> files_;
};

}  // namespace

TEST_F(StaticFiles, ServesFilesWithTypesAndCacheHeaders) {
    const auto css = get("/assets/site.css");
    EXPECT_EQ(css.result(), http::status::ok);
    EXPECT_EQ(css.body(), "body{}");
    EXPECT_EQ(css[http::field::content_type], "text/css; charset=utf-8");
    EXPECT_EQ(css[http::field::cache_control], "public, max-age=3600");
    EXPECT_EQ(css[http::field::content_length], "6");
    EXPECT_TRUE(css[http::field::last_modified].ends_with(" GMT"));

    EXPECT_EQ(get("/assets/app.JS")[http::field::content_type], "text/javascript; charset=utf-8");
    EXPECT_EQ(get("/assets/data.bin")[http::field::content_type], "application/octet-stream");
    EXPECT_EQ(get("/a%20b.txt").body(), "space");
    EXPECT_EQ(get("/assets/site.css?v=3").body(), "body{}");
}

TEST_F(StaticFiles, DirectoriesServeTheirIndex) {
    const auto home = get("/");
    EXPECT_EQ(home.body(), "<h1>home</h1>");
    EXPECT_EQ(home[http::field::content_type], "text/html; charset=utf-8");
    EXPECT_EQ(home[http::field::cache_control], "no-cache");
    EXPECT_EQ(get("/docs/").body(), "<h1>docs</h1>");
    EXPECT_EQ(get("/docs").body(), "<h1>docs</h1>");
    EXPECT_EQ(get("//docs//index.html").body(), "<h1>docs</h1>");
    EXPECT_EQ(refused_status("/empty/"), 404);
}

TEST_F(StaticFiles, ETagRevalidation) {
    const auto first = get("/assets/site.css");
    const std::string etag(first[http::field::etag]);
    ASSERT_GE(etag.size(), 5u);
    EXPECT_EQ(etag.front(), '"');
    EXPECT_EQ(etag.back(), '"');
    EXPECT_EQ(get("/assets/site.css")[http::field::etag], etag);  // stable

    for (const std::string& inm : {etag, "W/" + etag, "\"nope\", " + etag, std::string("*")}) {
        const auto res = get("/assets/site.css", inm);
        EXPECT_EQ(res.result(), http::status::not_modified) << inm;
        EXPECT_TRUE(res.body().empty());
        EXPECT_EQ(res[http::field::etag], etag);
        EXPECT_EQ(res[http::field::cache_control], "public, max-age=3600");
    }
    EXPECT_EQ(get("/assets/site.css", "\"other\"").result(), http::status::ok);
    EXPECT_EQ(get("/assets/site.css", "").result(), http::status::ok);

    // A changed file gets a new validator, so the old one no longer matches.
    write_file(root_ / "assets" / "site.css", "body{color:red}");
    const auto changed = get("/assets/site.css", etag);
    EXPECT_EQ(changed.result(), http::status::ok);
    EXPECT_NE(changed[http::field::etag], etag);
    EXPECT_EQ(changed.body(), "body{color:red}");
}

TEST_F(StaticFiles, HeadGetsTheSameHeaders) {
    const auto res = get("/assets/site.css", std::nullopt, http::verb::head);
    EXPECT_EQ(res.result(), http::status::ok);
    EXPECT_EQ(res[http::field::content_length], "6");
    EXPECT_EQ(res[http::field::content_type], "text/css; charset=utf-8");
}

TEST_F(StaticFiles, SymlinksInsideTheRootAreFollowed) {
    EXPECT_EQ(get("/inner-link.css").body(), "body{}");
}

TEST_F(StaticFiles, TraversalAndHiddenFilesAreRefused) {
    for (const char* target : {"/../etc/passwd",
                               "/../outside.txt",
                               "/%2e%2e/%2e%2e/etc/passwd",
                               "/%2e%2e/outside.txt",
                               "/%2E%2E/outside.txt",
                               "/a/..%2f..%2fx",
                               "/assets/..%2f..%2foutside.txt",
                               "/./index.html",
                               "/assets/./site.css",
                               "/.hidden",
                               "/%2ehidden",
                               "/assets/../index.html",
                               "/..",
                               "/.",
                               "/..\\outside.txt",
                               "/%5c..%5coutside.txt",
                               "/assets%5c..%5c..%5coutside.txt",
                               "/escape/outside.txt",
                               "/escape/",
                               "/link.txt",
                               "/../web-sibling/x.txt",
                               "/missing.css",
                               "/%252e%252e/outside.txt",
                               "/x%0a.html",
                               "/x%7f.html"}) {
        EXPECT_EQ(refused_status(target), 404) << target;
    }
}

TEST_F(StaticFiles, DoubleEncodingIsDecodedOnceOnly) {
    // "%252e%252e" names a directory literally called "%2e%2e", never "..".
    EXPECT_EQ(get("/%252e%252e/x").body(), "literal dir name");
}

TEST_F(StaticFiles, MalformedEncodingAndNulAreBadRequests) {
    for (const char* target : {"/x%00.html", "/%00", "/bad%zz", "/trailing%", "/a%2"}) {
        EXPECT_EQ(refused_status(target), 400) << target;
    }
}

TEST_F(StaticFiles, RootMustExist) {
    EXPECT_ANY_THROW(static_files(base_ / "no-such-dir"));
    EXPECT_ANY_THROW(static_files(base_ / "outside.txt"));
}
