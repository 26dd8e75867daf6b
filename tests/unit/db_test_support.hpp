// Helpers shared by the db unit tests: a scratch directory per test and a
// one-shot gate for holding the writer thread at a known point.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <random>
#include <string>

namespace plenary::db::testing {

// A fresh directory under the system temp dir, removed with everything in it.
class scratch_dir {
public:
    scratch_dir() {
        std::random_device rd;
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        std::string name = "plenary-db-";
        if (info != nullptr) {
            name += std::string(info->test_suite_name()) + "-" + info->name() + "-";
        }
        name += std::to_string(rd());
        path_ = std::filesystem::temp_directory_path() / name;
        std::filesystem::create_directories(path_);
    }
    ~scratch_dir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    scratch_dir(const scratch_dir&) = delete;
    scratch_dir& operator=(const scratch_dir&) = delete;

    std::string file(const std::string& name) const { return (path_ / name).string(); }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// Lets a test wait until a job has started and then release it.
class gate {
public:
    gate() : started_future_(started_.get_future().share()), open_future_(open_.get_future().share()) {}

    // Called from inside the job.
    void arrive_and_wait() {
        started_.set_value();
        // Hang guard only: a correct test opens the gate long before this.
        if (open_future_.wait_for(std::chrono::seconds(60)) != std::future_status::ready) {
            ADD_FAILURE() << "gate never opened";
        }
    }
    bool wait_started() { return started_future_.wait_for(std::chrono::seconds(60)) == std::future_status::ready; }
    void open() { open_.set_value(); }

private:
    std::promise<void> started_;
    std::promise<void> open_;
    std::shared_future<void> started_future_;
    std::shared_future<void> open_future_;
};

}  // namespace plenary::db::testing
