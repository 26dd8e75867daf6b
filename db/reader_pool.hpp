// Read side of the store: N threads, each with its own read-only connection,
// sharing one bounded queue. WAL lets them read while the writer writes; each
// job runs in its own read transaction so it sees one consistent snapshot.
#pragma once

#include "db/bounded_queue.hpp"
#include "db/connection.hpp"
#include "db/store.hpp"

#include <cstddef>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace plenary::db {

class reader_pool {
public:
    // Opens all connections first (errors reach the caller), then starts threads.
    reader_pool(const std::string& path, std::size_t readers, std::size_t queue_capacity,
                const connection_options& options);
    ~reader_pool();
    reader_pool(const reader_pool&) = delete;
    reader_pool& operator=(const reader_pool&) = delete;

    // Queues the job or, when full/stopped, completes it with problem(unavailable).
    void submit(std::unique_ptr<job> j);
    // Finishes queued jobs, joins the threads. Idempotent.
    void stop();
    std::size_t queue_depth() const { return queue_.size(); }

private:
    void run(connection& conn);
    static void run_one(connection& conn, job& j);

    bounded_queue<std::unique_ptr<job>> queue_;
    std::vector<std::unique_ptr<connection>> connections_;
    std::vector<std::thread> threads_;
    std::once_flag stop_once_;
};

}  // namespace plenary::db
