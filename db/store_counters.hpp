// The store's counters, updated by its threads and read by stats().
#pragma once

#include <atomic>
#include <cstdint>

namespace plenary::db {

struct store_counters {
    std::atomic<std::uint64_t> batches_committed{0};
    std::atomic<std::uint64_t> jobs_committed{0};
    std::atomic<std::uint64_t> jobs_failed{0};
    std::atomic<std::uint64_t> commit_failures{0};
    std::atomic<std::uint64_t> checkpoints_before_answers{0};
    std::atomic<std::uint64_t> checkpoints_after_answers{0};
};

}  // namespace plenary::db
