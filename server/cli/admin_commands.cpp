// `plenary user add`, `plenary token create`, `plenary backup`.
#include "server/cli/admin_commands.hpp"

#include "common/crypto.hpp"
#include "common/problem.hpp"
#include "common/text.hpp"
#include "db/accounts.hpp"
#include "db/store.hpp"
#include "server/cli/command_line.hpp"

#include <boost/program_options.hpp>

#include <filesystem>
#include <iostream>

namespace po = boost::program_options;

namespace plenary::cli {

namespace {

std::string required(const po::variables_map& vm, const char* name) {
    if (!vm.count(name)) throw usage_error(std::string("--") + name + " is required");
    return vm[name].as<std::string>();
}

// Accounts may be made before the first `serve`, so user and token create the
// database (with its schema) when it is missing.
db::store open_store(const std::string& path) {
    const std::filesystem::path p(path);
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
    return db::store({.path = path, .readers = 1});
}

// A backup of a file that is not there is a typo, never an empty copy.
db::store open_existing(const std::string& path) {
    if (!std::filesystem::exists(path)) throw usage_error("--db: no database at " + path);
    return db::store({.path = path, .readers = 1});
}

bool wants_help(int argc, const char* const* argv, std::string_view usage) {
    if (argc < 2 || (std::string_view(argv[1]) != "--help" && std::string_view(argv[1]) != "-h")) return false;
    std::cout << "usage: " << usage << '\n';
    return true;
}

// Words after the subcommand name: "user add ..." -> checks "add".
void expect_verb(int argc, const char* const* argv, std::string_view verb, std::string_view usage) {
    if (argc < 2 || argv[1] != verb) throw usage_error(std::string("usage: ") + std::string(usage));
}

}  // namespace

int user_command(int argc, const char* const* argv) {
    constexpr std::string_view usage =
        "plenary user add --db PATH --email EMAIL --name NAME --role admin|organizer --password-stdin";
    if (wants_help(argc, argv, usage)) return 0;
    expect_verb(argc, argv, "add", usage);
    po::options_description desc("Options");
    desc.add_options()("help,h", "show this help")("db", po::value<std::string>(), "database file")(
        "email", po::value<std::string>(), "sign-in email")("name", po::value<std::string>(), "display name")(
        "role", po::value<std::string>(), "admin or organizer")("password-stdin", po::bool_switch(),
                                                                "read the password from standard input");
    const auto parsed = parse_options(argc - 1, argv + 1, desc, false);
    if (parsed.help) {
        print_help("user add", "Creates an account that can sign in and own API tokens.", desc);
        return 0;
    }
    const auto& vm = parsed.vars;
    const auto email = to_lower_ascii(trim(required(vm, "email")));
    const auto name = std::string(trim(required(vm, "name")));
    const auto role = required(vm, "role");
    if (role != "admin" && role != "organizer") throw usage_error("--role must be admin or organizer");
    if (email.find('@') == std::string::npos || email.size() > 254)
        throw usage_error("--email is not an email address");
    if (name.empty() || name.size() > 200 || has_control_chars(name)) throw usage_error("--name: 1-200 characters");
    if (!vm["password-stdin"].as<bool>())
        throw usage_error("--password-stdin is required (passwords never go in argv)");
    const auto password = read_stdin_secret();
    if (utf8_length(password) < 12) throw usage_error("the password needs at least 12 characters");

    const auto hash = hash_password(password);
    auto store = open_store(required(vm, "db"));
    const auto id =
        store.write_sync([&](db::connection& conn) { return db::insert_user(conn, email, name, role, hash); });
    std::cerr << "created " << role << " " << email << " (id " << id << ")\n";
    return 0;
}

int token_command(int argc, const char* const* argv) {
    constexpr std::string_view usage = "plenary token create --db PATH --email EMAIL [--label TEXT]";
    if (wants_help(argc, argv, usage)) return 0;
    expect_verb(argc, argv, "create", usage);
    po::options_description desc("Options");
    desc.add_options()("help,h", "show this help")("db", po::value<std::string>(), "database file")(
        "email", po::value<std::string>(), "the token's user")("label", po::value<std::string>()->default_value(""),
                                                               "what the token is for");
    const auto parsed = parse_options(argc - 1, argv + 1, desc, false);
    if (parsed.help) {
        print_help("token create", "Prints a new bearer token (only on stdout, only once).", desc);
        return 0;
    }
    const auto& vm = parsed.vars;
    const auto email = to_lower_ascii(trim(required(vm, "email")));
    const auto label = vm["label"].as<std::string>();
    if (label.size() > 200 || has_control_chars(label)) throw usage_error("--label: at most 200 printable characters");
    auto token = make_token("plt_");
    auto store = open_store(required(vm, "db"));
    const auto user = store.read_sync([&](db::connection& conn) { return db::find_user_by_email(conn, email); });
    if (!user) throw usage_error("--email: no user " + email);
    store.write_sync([&](db::connection& conn) { return db::insert_api_token(conn, user->id, sha256(token), label); });
    std::cout << token << '\n';
    return 0;
}

int backup_command(int argc, const char* const* argv) {
    po::options_description desc("Options");
    desc.add_options()("help,h", "show this help")("db", po::value<std::string>(), "live database file")(
        "to", po::value<std::string>(), "destination file (replaced atomically)");
    const auto parsed = parse_options(argc, argv, desc, false);
    if (parsed.help) {
        print_help("backup", "Writes a consistent copy of the database, safe while the server runs.", desc);
        return 0;
    }
    const auto to = required(parsed.vars, "to");
    auto store = open_existing(required(parsed.vars, "db"));
    store.backup_to(to);
    std::cerr << "backup written to " << to << '\n';
    return 0;
}

}  // namespace plenary::cli
