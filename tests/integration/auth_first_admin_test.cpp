// The first administrator: created once on an empty store, credentials in a
// 0600 file beside the database that really sign in; never twice, and never
// without the file.
#include "auth_test_support.hpp"

#include "db/accounts.hpp"
#include "db/connection.hpp"
#include "server/first_admin.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>
#include <sstream>

namespace plenary::testing {
namespace {

class AuthFirstAdmin : public ::testing::Test, protected auth_fixture {
protected:
    std::filesystem::path db_path() { return server().dir() / "plenary.db"; }
    std::int64_t users() {
        return server().store().read_sync([](db::connection& c) { return db::count_users(c); });
    }
};

TEST_F(AuthFirstAdmin, CreatedOnceWithAPrivateFileThatSignsIn) {
    const auto path = server::ensure_first_admin(server().store(), db_path());
    ASSERT_TRUE(path);
    EXPECT_EQ(*path, server().dir() / "initial-admin-password");

    struct stat st {};
    ASSERT_EQ(::stat(path->c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);

    std::ifstream in(*path);
    std::string email;
    std::string password;
    std::getline(in, email);
    std::getline(in, password);
    EXPECT_EQ(email, "admin@localhost");
    EXPECT_EQ(password.size(), 24u);

    const auto res = login(email, password);
    ASSERT_EQ(res.result(), http::status::ok) << res.body();
    EXPECT_EQ(json_of(res).at("user").at("role").as_string(), "admin");
    EXPECT_EQ(json_of(res).at("user").at("name").as_string(), "Administrator");

    // Second start: users exist, nothing changes.
    const auto before = std::filesystem::last_write_time(*path);
    EXPECT_FALSE(server::ensure_first_admin(server().store(), db_path()));
    EXPECT_EQ(std::filesystem::last_write_time(*path), before);
    EXPECT_EQ(users(), 1);
}

TEST_F(AuthFirstAdmin, NothingWhenUsersExist) {
    add_user("org@example.org", good_password, "organizer");
    EXPECT_FALSE(server::ensure_first_admin(server().store(), db_path()));
    EXPECT_FALSE(std::filesystem::exists(server().dir() / "initial-admin-password"));
}

TEST_F(AuthFirstAdmin, ALeftoverFileIsNeverOverwritten) {
    const auto file = server().dir() / "initial-admin-password";
    std::ofstream(file) << "someone else's\n";
    const auto path = server::ensure_first_admin(server().store(), db_path());
    ASSERT_TRUE(path);
    EXPECT_EQ(*path, server().dir() / "initial-admin-password.1");
    EXPECT_EQ(users(), 1);
    std::ifstream in(file);
    std::stringstream content;
    content << in.rdbuf();
    EXPECT_EQ(content.str(), "someone else's\n");
}

TEST_F(AuthFirstAdmin, NoUserWithoutTheFile) {
    // A database in a directory the server cannot write: no admin whose
    // password nobody knows.
    const auto missing_dir = server().dir() / "no-such-dir" / "plenary.db";
    EXPECT_THROW(server::ensure_first_admin(server().store(), missing_dir), std::runtime_error);
    EXPECT_EQ(users(), 0);
}

}  // namespace
}  // namespace plenary::testing
