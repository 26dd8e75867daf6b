// The plenary binary as operators and acceptance tests drive it: help and
// usage errors, accounts and tokens, serve with a development certificate,
// graceful SIGTERM, and backup while serving.
#include "tests/support/child_process.hpp"
#include "tests/support/test_client.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <sys/stat.h>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

namespace {

namespace fs = std::filesystem;
using plenary::testing::child_process;
using plenary::testing::run_plenary;

class cli_test : public ::testing::Test {
protected:
    void SetUp() override { dir_ = plenary::testing::make_temp_dir("plenary-cli"); }
    void TearDown() override { fs::remove_all(dir_); }

    std::string db() const { return (dir_ / "plenary.db").string(); }

    unsigned short start_server(child_process& child) {
        const auto port = plenary::testing::wait_for_https_port(child);
        if (port == 0) ADD_FAILURE() << "server did not start: " << child.stderr_text();
        return port;
    }

    std::vector<std::string> serve_args() const {
        return {plenary::testing::plenary_binary(),
                "serve",
                "--db",
                db(),
                "--listen",
                "127.0.0.1:0",
                "--threads",
                "2",
                "--access-log",
                "off"};
    }

    fs::path dir_;
};

int count_lines(const std::string& s) {
    return static_cast<int>(std::count(s.begin(), s.end(), '\n'));
}

TEST_F(cli_test, help_answers_for_every_command) {
    auto top = run_plenary({"--help"}, dir_);
    EXPECT_EQ(top.status, 0);
    EXPECT_NE(top.out.find("serve"), std::string::npos);
    for (std::vector<std::string> args : {std::vector<std::string>{"serve", "--help"},
                                          {"user", "add", "--help"},
                                          {"token", "create", "--help"},
                                          {"backup", "--help"}}) {
        auto r = run_plenary(args, dir_);
        EXPECT_EQ(r.status, 0) << args[0] << ": " << r.err;
        EXPECT_NE(r.out.find("--db"), std::string::npos) << args[0];
    }
}

TEST_F(cli_test, wrong_arguments_exit_2_with_one_line) {
    const std::vector<std::vector<std::string>> cases = {
        {},
        {"frobnicate"},
        {"serve", "--no-such-flag"},
        {"serve", "--listen", "nowhere"},
        {"serve", "--listen", "127.0.0.1:99999"},
        {"serve", "--cert", "only-cert.pem"},
        {"serve", "--threads", "many"},
        {"user", "add", "--db", "x.db", "--email", "a@b.c", "--name", "A", "--role", "king", "--password-stdin"},
        {"token", "create", "--db", "x.db"},
        {"backup", "--db", "missing.db", "--to", "copy.db"},
    };
    for (const auto& args : cases) {
        auto r = run_plenary(args, dir_);
        EXPECT_EQ(r.status, 2) << (args.empty() ? "<none>" : args[0]) << " " << r.err;
        if (!args.empty()) {
            EXPECT_EQ(count_lines(r.err), 1) << r.err;
            EXPECT_EQ(r.err.rfind("plenary: ", 0), 0u) << r.err;
        }
    }
}

TEST_F(cli_test, user_and_token_creation) {
    auto added = run_plenary({"user", "add", "--db", db(), "--email", "Organizer@Example.org", "--name", "Li Wei",
                              "--role", "organizer", "--password-stdin"},
                             dir_, "correct horse battery\n");
    ASSERT_EQ(added.status, 0) << added.err;
    EXPECT_TRUE(added.out.empty()) << "user add must not print secrets on stdout";

    auto again = run_plenary({"user", "add", "--db", db(), "--email", "organizer@example.org", "--name", "Li", "--role",
                              "admin", "--password-stdin"},
                             dir_, "another long password\n");
    EXPECT_EQ(again.status, 2) << "the same email (any case) twice";

    auto short_pw = run_plenary(
        {"user", "add", "--db", db(), "--email", "x@example.org", "--name", "X", "--role", "admin", "--password-stdin"},
        dir_, "short\n");
    EXPECT_EQ(short_pw.status, 2);

    // Length is counted in characters: eight Chinese characters are 24 bytes
    // but still too short.
    auto short_chinese = run_plenary({"user", "add", "--db", db(), "--email", "zh@example.org", "--name", "Zh",
                                      "--role", "admin", "--password-stdin"},
                                     dir_, "密码密码密码密码\n");
    EXPECT_EQ(short_chinese.status, 2) << short_chinese.err;

    auto token =
        run_plenary({"token", "create", "--db", db(), "--email", "organizer@example.org", "--label", "ci"}, dir_);
    ASSERT_EQ(token.status, 0) << token.err;
    EXPECT_TRUE(std::regex_match(token.out, std::regex(R"(plt_[A-Za-z0-9_-]{43}\n)"))) << token.out;

    auto unknown = run_plenary({"token", "create", "--db", db(), "--email", "nobody@example.org"}, dir_);
    EXPECT_EQ(unknown.status, 2);

    // Only the hash is stored.
    sqlite3* conn = nullptr;
    ASSERT_EQ(sqlite3_open_v2(db().c_str(), &conn, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(conn, "SELECT count(*) FROM api_tokens WHERE instr(token_hash, ?1) > 0", -1, &st, nullptr);
    const auto raw = token.out.substr(0, token.out.size() - 1);
    sqlite3_bind_text(st, 1, raw.c_str(), -1, SQLITE_TRANSIENT);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(st, 0), 0);
    sqlite3_finalize(st);
    sqlite3_close(conn);
}

TEST_F(cli_test, serve_makes_a_dev_certificate_serves_health_and_stops_on_sigterm) {
    child_process child(serve_args(), dir_);
    const auto port = start_server(child);
    ASSERT_NE(port, 0);

    struct stat key_stat {};
    ASSERT_EQ(::stat((dir_ / "dev-key.pem").c_str(), &key_stat), 0);
    EXPECT_EQ(key_stat.st_mode & 0777, 0600u);
    EXPECT_TRUE(fs::exists(dir_ / "dev-cert.pem"));

    {
        plenary::testing::client_options verify;
        verify.ca_file = (dir_ / "dev-cert.pem").string();  // the certificate really is for localhost
        plenary::testing::test_client client(port, verify);
        auto res = client.request(boost::beast::http::verb::get, "/healthz");
        EXPECT_EQ(res.result_int(), 200);
        EXPECT_EQ(res.body(), R"({"status":"ok"})");
        EXPECT_FALSE(res[boost::beast::http::field::strict_transport_security].empty());
    }

    child.signal(SIGTERM);
    const auto status = child.wait(std::chrono::seconds(15));
    ASSERT_TRUE(status.has_value()) << "did not exit after SIGTERM";
    EXPECT_EQ(*status, 0) << child.stderr_text();
}

TEST_F(cli_test, restart_reuses_the_certificate) {
    {
        child_process first(serve_args(), dir_);
        ASSERT_NE(start_server(first), 0);
        first.signal(SIGINT);
        ASSERT_EQ(first.wait(std::chrono::seconds(15)), 0);
    }
    const auto before = fs::last_write_time(dir_ / "dev-cert.pem");
    child_process second(serve_args(), dir_);
    ASSERT_NE(start_server(second), 0);
    EXPECT_EQ(fs::last_write_time(dir_ / "dev-cert.pem"), before);
    second.signal(SIGTERM);
    EXPECT_EQ(second.wait(std::chrono::seconds(15)), 0);
}

// Precedence: flags over PLENARY_* variables over the --config file.
TEST_F(cli_test, options_come_from_flags_environment_and_config_file) {
    {
        std::ofstream conf(dir_ / "plenary.conf");
        conf << "# comments are fine\ndb = from-config.db\nlisten = 127.0.0.1:0\naccess-log = off\nthreads = 1\n";
    }
    const auto run_and_stop = [&](std::vector<std::string> args) {
        std::vector<std::string> argv{plenary::testing::plenary_binary(), "serve"};
        argv.insert(argv.end(), args.begin(), args.end());
        child_process child(argv, dir_);
        ASSERT_NE(start_server(child), 0);
        child.signal(SIGTERM);
        ASSERT_EQ(child.wait(std::chrono::seconds(15)), 0);
    };
    run_and_stop({"--config", "plenary.conf"});
    EXPECT_TRUE(fs::exists(dir_ / "from-config.db"));

    ::setenv("PLENARY_DB", "from-env.db", 1);
    run_and_stop({"--config", "plenary.conf"});
    EXPECT_TRUE(fs::exists(dir_ / "from-env.db"));

    run_and_stop({"--config", "plenary.conf", "--db", "from-flag.db"});
    ::unsetenv("PLENARY_DB");
    EXPECT_TRUE(fs::exists(dir_ / "from-flag.db"));

    ::setenv("PLENARY_THREADS", "lots", 1);
    auto bad_env = run_plenary({"serve", "--config", "plenary.conf"}, dir_);
    ::unsetenv("PLENARY_THREADS");
    EXPECT_EQ(bad_env.status, 2) << bad_env.err;

    auto missing = run_plenary({"serve", "--config", "no-such.conf"}, dir_);
    EXPECT_EQ(missing.status, 2);
    EXPECT_NE(missing.err.find("no-such.conf"), std::string::npos);
}

TEST_F(cli_test, backup_while_serving_is_consistent) {
    auto added = run_plenary(
        {"user", "add", "--db", db(), "--email", "a@example.org", "--name", "A", "--role", "admin", "--password-stdin"},
        dir_, "a long enough password");
    ASSERT_EQ(added.status, 0) << added.err;
    child_process child(serve_args(), dir_);
    ASSERT_NE(start_server(child), 0);

    const auto copy = (dir_ / "copy.db").string();
    auto backup = run_plenary({"backup", "--db", db(), "--to", copy}, dir_);
    ASSERT_EQ(backup.status, 0) << backup.err;

    sqlite3* conn = nullptr;
    ASSERT_EQ(sqlite3_open_v2(copy.c_str(), &conn, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(conn, "PRAGMA integrity_check", -1, &st, nullptr);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "ok");
    sqlite3_finalize(st);
    sqlite3_prepare_v2(conn, "SELECT count(*) FROM users WHERE email = 'a@example.org'", -1, &st, nullptr);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(st, 0), 1);
    sqlite3_finalize(st);
    sqlite3_close(conn);

    child.signal(SIGTERM);
    EXPECT_EQ(child.wait(std::chrono::seconds(15)), 0);
}

}  // namespace
