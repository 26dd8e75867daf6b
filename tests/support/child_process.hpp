// Runs the real plenary binary from tests: spawn with arguments and standard
// input, capture stdout/stderr to files, signal it, wait with a hang guard.
#pragma once

#include <sys/types.h>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace plenary::testing {

// Path of the plenary binary under test (PLENARY_BINARY, set by CTest).
std::string plenary_binary();

class child_process {
public:
    // Starts `argv[0]` with the arguments; stdin gets `input` then EOF.
    child_process(std::vector<std::string> argv, const std::filesystem::path& work_dir, std::string input = {});
    ~child_process();  // kills (SIGKILL) and reaps a child still running
    child_process(const child_process&) = delete;
    child_process& operator=(const child_process&) = delete;

    void signal(int sig);
    // Exit status, or nullopt if it did not exit within `limit` (a hang guard,
    // not a timing assertion). A signal death is reported as 128 + signal.
    std::optional<int> wait(std::chrono::milliseconds limit);
    bool running();

    std::string stdout_text() const;
    std::string stderr_text() const;

private:
    pid_t pid_ = -1;
    std::optional<int> status_;
    std::filesystem::path out_path_;
    std::filesystem::path err_path_;
};

// Convenience: run to completion (hang guard 60 s) and return {status, stdout, stderr}.
struct run_result {
    int status = -1;
    std::string out;
    std::string err;
};
run_result run_plenary(const std::vector<std::string>& args, const std::filesystem::path& work_dir,
                       const std::string& input = {});

// For a `plenary serve --listen 127.0.0.1:0` child: the port it logged once
// listening; 0 when it exited first or the hang guard (60 s) ran out.
unsigned short wait_for_https_port(child_process& child);

// A fresh directory under the system temp dir ("prefix-XXXXXX"); the caller removes it.
std::filesystem::path make_temp_dir(const std::string& prefix);

}  // namespace plenary::testing
