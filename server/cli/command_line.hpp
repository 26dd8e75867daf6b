// Shared pieces of the plenary subcommands: the usage error that maps to exit
// status 2, HOST:PORT parsing, and program_options parsing with PLENARY_*
// environment variables and an optional config file.
#pragma once

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/variables_map.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

namespace plenary::cli {

// Wrong or missing arguments: main prints "plenary: <what>" and exits 2.
class usage_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct host_port {
    std::string host;
    unsigned short port = 0;
};

// "127.0.0.1:8443", "localhost:0", "[::1]:8443". Throws usage_error naming `flag`.
host_port parse_host_port(std::string_view text, std::string_view flag);

struct parsed_options {
    boost::program_options::variables_map vars;
    bool help = false;
};

// Parses argv (after the subcommand words) against `desc`. Values come from,
// in order of precedence: flags, PLENARY_<NAME> environment variables (dashes
// become underscores, e.g. PLENARY_HTTP_LISTEN), then the file named by
// --config (INI "name = value" lines) when `desc` has a "config" option.
// Throws usage_error on unknown or malformed options.
parsed_options parse_options(int argc, const char* const* argv, const boost::program_options::options_description& desc,
                             bool with_environment);

// Prints "usage: plenary <command> [options]" and the option table.
void print_help(std::string_view command, std::string_view summary,
                const boost::program_options::options_description& desc);

// Reads all of standard input, without its trailing newline (for --password-stdin).
std::string read_stdin_secret();

}  // namespace plenary::cli
