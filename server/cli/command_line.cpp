// Implementation of the shared command-line helpers.
#include "server/cli/command_line.hpp"

#include <boost/program_options/parsers.hpp>

#include <charconv>
#include <fstream>
#include <iostream>
#include <iterator>

namespace po = boost::program_options;

namespace plenary::cli {

host_port parse_host_port(std::string_view text, std::string_view flag) {
    const auto bad = [&](std::string_view why) {
        return usage_error(std::string(flag) + ": " + std::string(why) + " (expected HOST:PORT, got '" +
                           std::string(text) + "')");
    };
    host_port out;
    std::string_view port_text;
    if (!text.empty() && text.front() == '[') {
        const auto close = text.find(']');
        if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
            throw bad("malformed IPv6 address");
        }
        out.host = std::string(text.substr(1, close - 1));
        port_text = text.substr(close + 2);
    } else {
        const auto colon = text.rfind(':');
        if (colon == std::string_view::npos) throw bad("missing port");
        out.host = std::string(text.substr(0, colon));
        port_text = text.substr(colon + 1);
    }
    if (out.host.empty()) throw bad("missing host");
    unsigned value = 0;
    auto [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
    if (ec != std::errc{} || ptr != port_text.data() + port_text.size() || value > 65535 || port_text.empty()) {
        throw bad("port must be 0-65535");
    }
    out.port = static_cast<unsigned short>(value);
    return out;
}

namespace {

// PLENARY_HTTP_LISTEN -> http-listen, only for options `desc` knows.
std::string environment_name_to_option(const std::string& env, const po::options_description& desc) {
    static constexpr std::string_view prefix = "PLENARY_";
    if (env.compare(0, prefix.size(), prefix) != 0) return {};
    std::string name = env.substr(prefix.size());
    for (auto& c : name) c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // Secrets and one-shot flags never come from the environment.
    if (name == "help" || name == "password-stdin") return {};
    return desc.find_nothrow(name, false) ? name : std::string{};
}

}  // namespace

parsed_options parse_options(int argc, const char* const* argv, const po::options_description& desc,
                             bool with_environment) {
    parsed_options out;
    try {
        po::store(po::command_line_parser(argc, argv).options(desc).run(), out.vars);
        if (out.vars.count("help")) {
            out.help = true;
            return out;
        }
        if (with_environment) {
            po::store(po::parse_environment(
                          desc, [&](const std::string& env) { return environment_name_to_option(env, desc); }),
                      out.vars);
        }
        if (desc.find_nothrow("config", false) && out.vars.count("config")) {
            const auto path = out.vars["config"].as<std::string>();
            std::ifstream in(path);
            if (!in) throw usage_error("--config: cannot read " + path);
            po::store(po::parse_config_file(in, desc, false), out.vars);
        }
        po::notify(out.vars);
    } catch (const po::error& e) {
        throw usage_error(e.what());
    }
    return out;
}

void print_help(std::string_view command, std::string_view summary, const po::options_description& desc) {
    std::cout << "usage: plenary " << command << " [options]\n" << summary << "\n\n" << desc << '\n';
}

std::string read_stdin_secret() {
    std::string all{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
    while (!all.empty() && (all.back() == '\n' || all.back() == '\r')) all.pop_back();
    return all;
}

}  // namespace plenary::cli
