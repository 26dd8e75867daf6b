// fork/exec based child process for tests of the command line.
#include "tests/support/child_process.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace plenary::testing {

namespace {

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

int decode_status(int raw) {
    if (WIFEXITED(raw)) return WEXITSTATUS(raw);
    if (WIFSIGNALED(raw)) return 128 + WTERMSIG(raw);
    return -1;
}

}  // namespace

std::string plenary_binary() {
    const char* path = std::getenv("PLENARY_BINARY");
    if (!path || !*path) throw std::runtime_error("PLENARY_BINARY is not set (run the tests through ctest)");
    return path;
}

child_process::child_process(std::vector<std::string> argv, const std::filesystem::path& work_dir, std::string input) {
    static int counter = 0;
    const auto tag = std::to_string(::getpid()) + "-" + std::to_string(++counter);
    out_path_ = work_dir / ("child-" + tag + ".out");
    err_path_ = work_dir / ("child-" + tag + ".err");

    // Everything the child needs is prepared before fork: a test process has
    // threads, and only async-signal-safe calls are allowed in the child.
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    const std::string out_file = out_path_.string();
    const std::string err_file = err_path_.string();
    const std::string dir = work_dir.string();

    int in_pipe[2];
    if (::pipe(in_pipe) != 0) throw std::runtime_error("pipe failed");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        ::dup2(in_pipe[0], 0);
        ::close(in_pipe[0]);
        ::close(in_pipe[1]);
        const int out = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(out, 1);
        ::dup2(err, 2);
        if (::chdir(dir.c_str()) != 0) ::_exit(126);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    ::close(in_pipe[0]);
    // The input is small (a password); a pipe buffer holds it without blocking.
    if (!input.empty() && ::write(in_pipe[1], input.data(), input.size()) < 0) {
        ::close(in_pipe[1]);
        throw std::runtime_error("writing child stdin failed");
    }
    ::close(in_pipe[1]);
}

child_process::~child_process() {
    if (pid_ > 0 && !status_) {
        ::kill(pid_, SIGKILL);
        int raw = 0;
        ::waitpid(pid_, &raw, 0);
    }
}

void child_process::signal(int sig) {
    if (pid_ > 0 && !status_) ::kill(pid_, sig);
}

std::optional<int> child_process::wait(std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!status_) {
        int raw = 0;
        const pid_t r = ::waitpid(pid_, &raw, WNOHANG);
        if (r == pid_) {
            status_ = decode_status(raw);
            break;
        }
        if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return status_;
}

bool child_process::running() {
    return !wait(std::chrono::milliseconds(0)).has_value();
}

std::string child_process::stdout_text() const {
    return read_file(out_path_);
}
std::string child_process::stderr_text() const {
    return read_file(err_path_);
}

run_result run_plenary(const std::vector<std::string>& args, const std::filesystem::path& work_dir,
                       const std::string& input) {
    std::vector<std::string> argv{plenary_binary()};
    argv.insert(argv.end(), args.begin(), args.end());
    child_process child(argv, work_dir, input);
    run_result r;
    const auto status = child.wait(std::chrono::seconds(60));
    r.status = status.value_or(-1);
    r.out = child.stdout_text();
    r.err = child.stderr_text();
    return r;
}

unsigned short wait_for_https_port(child_process& child) {
    // The server logs its bound address only once it listens, so a port seen
    // here is one /healthz can already be asked on.
    const std::regex listening(R"(https://127\.0\.0\.1:(\d+))");
    for (int i = 0; i < 600; ++i) {  // hang guard: 60 s
        std::smatch m;
        const auto err = child.stderr_text();
        if (std::regex_search(err, m, listening)) return static_cast<unsigned short>(std::stoi(m[1]));
        if (!child.running()) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return 0;
}

std::filesystem::path make_temp_dir(const std::string& prefix) {
    std::string templ = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (::mkdtemp(templ.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + templ);
    return templ;
}

}  // namespace plenary::testing
