// The store's single writer: one thread, one read-write connection, a bounded
// queue of write jobs. It commits jobs in batches (group commit) with one
// SAVEPOINT per job, and checkpoints the WAL after the commit that crosses
// the checkpoint mark and when it is idle.
#pragma once

#include "db/bounded_queue.hpp"
#include "db/change_capture.hpp"
#include "db/connection.hpp"
#include "db/store.hpp"
#include "db/store_counters.hpp"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace plenary::db {

class writer {
public:
    // Opens the connection on the calling thread (so open errors reach the
    // store's constructor) and then hands it to the writer thread.
    writer(std::unique_ptr<connection> conn, std::size_t queue_capacity, std::size_t max_batch,
           store_counters& counters);
    ~writer();
    writer(const writer&) = delete;
    writer& operator=(const writer&) = delete;

    // Queues the job or, when full/stopped, completes it with problem(unavailable).
    void submit(std::unique_ptr<job> j);
    void on_commit(std::function<void(std::size_t)> fn);
    // Writer thread only (call it from inside a job): from now on the rows
    // the watched tables change are handed to `sink` after each COMMIT.
    void capture_changes(std::vector<watched_table> tables, change_sink sink);
    // Closes the queue, lets the thread finish what is queued, joins. Idempotent.
    void stop();
    std::size_t queue_depth() const { return queue_.size(); }

private:
    using batch = std::vector<std::unique_ptr<job>>;

    void run();
    void run_batch(batch& jobs);
    // Runs each job in its own savepoint; false when the transaction is lost.
    bool run_jobs(batch& jobs, std::vector<std::exception_ptr>& errors);
    bool run_one(job& j, std::exception_ptr& error);
    void fail_batch(batch& jobs) noexcept;
    void notify_commit(std::size_t batch_size) noexcept;
    void deliver_changes() noexcept;
    void checkpoint_if_due(std::atomic<std::uint64_t>& count) noexcept;
    void maybe_checkpoint();
    checkpoint_result truncate_checkpoint();

    std::unique_ptr<connection> conn_;
    bounded_queue<std::unique_ptr<job>> queue_;
    const std::size_t max_batch_;
    store_counters& counters_;

    std::mutex callbacks_mutex_;
    std::vector<std::function<void(std::size_t)>> callbacks_;

    // Change capture; writer thread only.
    change_capture capture_;
    change_sink change_sink_;

    // Idle checkpointing state; touched by the writer thread only.
    bool dirty_ = false;
    std::chrono::steady_clock::time_point last_checkpoint_;
    std::chrono::steady_clock::time_point last_truncate_;

    std::once_flag stop_once_;
    std::thread thread_;  // last: starts after everything above exists
};

}  // namespace plenary::db
