// Static files through the real server: attempts to leave the web root by
// any encoding or dot segment end in 400 or 404, never in a file outside.
#include "../support/test_client.hpp"
#include "../support/test_server.hpp"

#include "server/static_files.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace plenary::testing {
namespace {

class StaticTraversal : public ::testing::Test {
protected:
    StaticTraversal()
        : srv_([](server::router& r, server::server_options& o, const std::filesystem::path& dir) {
              const auto root = dir / "www";
              std::filesystem::create_directories(root / "sub");
              std::ofstream(root / "index.html") << "<!doctype html><title>home</title>";
              std::ofstream(root / "sub" / "page.txt") << "inside";
              std::ofstream(dir / "secret.txt") << "outside the root";
              o.web_root = root.string();
              auto files = std::make_shared<server::static_files>(root);
              r.set_fallback([files](server::request_context& ctx) -> boost::asio::awaitable<server::response> {
                  co_return files->serve(ctx);
              });
          }) {}

    test_server srv_;
};

TEST_F(StaticTraversal, ServesFilesInsideTheRoot) {
    test_client client(srv_.port());
    auto res = client.request(http::verb::get, "/sub/page.txt");
    EXPECT_EQ(res.result(), http::status::ok);
    EXPECT_EQ(res.body(), "inside");
}

TEST_F(StaticTraversal, TraversalAttemptsAre400Or404) {
    for (const char* target : {"/../secret.txt", "/sub/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
                               "/sub/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%252e%252e/secret.txt",
                               "/sub/..%5c..%5csecret.txt", "/%00secret.txt", "//secret.txt"}) {
        test_client client(srv_.port());
        auto res = client.request(http::verb::get, target);
        const auto status = res.result_int();
        EXPECT_TRUE(status == 400 || status == 404) << target << " -> " << status;
        EXPECT_EQ(res.body().find("outside the root"), std::string::npos) << target;
    }
}

TEST_F(StaticTraversal, PostToAStaticPathIsNotServed) {
    test_client client(srv_.port());
    EXPECT_EQ(client.request(http::verb::post, "/sub/page.txt", "x").result(), http::status::not_found);
}

}  // namespace
}  // namespace plenary::testing
