// Reader threads of the store (see reader_pool.hpp).
#include "db/reader_pool.hpp"

#include "common/access_log.hpp"
#include "common/thread_identity.hpp"
#include "db/job_outcome.hpp"

#include <exception>
#include <string>

namespace plenary::db {

reader_pool::reader_pool(const std::string& path, std::size_t readers, std::size_t queue_capacity,
                         const connection_options& options)
    : queue_(queue_capacity) {
    const std::size_t n = readers == 0 ? 1 : readers;
    for (std::size_t i = 0; i < n; ++i) {
        connections_.push_back(std::make_unique<connection>(path, open_mode::read_only, options));
    }
    try {
        for (std::size_t i = 0; i < connections_.size(); ++i) {
            threads_.emplace_back([this, i, c = connections_[i].get()] {
                name_this_thread("plenary-read" + std::to_string(i));
                run(*c);
            });
        }
    } catch (...) {
        stop();
        throw;
    }
}

reader_pool::~reader_pool() {
    stop();
}

void reader_pool::submit(std::unique_ptr<job> j) {
    if (!queue_.try_push(j)) {
        j->complete(busy_error());
    }
}

void reader_pool::stop() {
    std::call_once(stop_once_, [this] {
        queue_.close();
        for (auto& t : threads_) {
            if (t.joinable()) {
                t.join();
            }
        }
    });
}

void reader_pool::run(connection& conn) {
    std::vector<std::unique_ptr<job>> jobs;
    // One at a time: the other readers should get the next job meanwhile.
    while (queue_.pop_some(jobs, 1) == bounded_queue<std::unique_ptr<job>>::pop_status::items) {
        for (auto& j : jobs) {
            run_one(conn, *j);
        }
        jobs.clear();
    }
}

void reader_pool::run_one(connection& conn, job& j) {
    std::exception_ptr error;
    try {
        conn.exec_prepared("BEGIN");
        j.run(conn);
    } catch (...) {
        error = normalize_job_error(std::current_exception());
    }
    conn.reset_statements();
    if (conn.in_transaction()) {
        try {
            conn.exec_prepared("COMMIT");  // read-only: only ends the snapshot
        } catch (const std::exception& e) {
            log_event("error", "store: ending read transaction failed", e.what());
            if (!error) {
                error = storage_failed_error();
            }
            // Never leave the connection inside a transaction for the next job.
            try {
                conn.exec_prepared("ROLLBACK");
            } catch (const std::exception& again) {
                log_event("error", "store: read ROLLBACK failed", again.what());
            }
        }
    }
    j.complete(error);
}

}  // namespace plenary::db
