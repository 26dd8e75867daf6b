// Group commit: see writer.hpp. The invariant that matters: a job is completed
// without an error only after the COMMIT that contains it returned SQLITE_OK.
#include "db/writer.hpp"

#include "common/access_log.hpp"
#include "common/thread_identity.hpp"
#include "db/job_outcome.hpp"

#include <exception>
#include <utility>

namespace plenary::db {

namespace {

using steady = std::chrono::steady_clock;

// How long the queue must stay empty before an idle checkpoint, and the
// minimum spacing of passive / truncating checkpoints.
constexpr std::chrono::milliseconds idle_wait{200};
constexpr std::chrono::seconds checkpoint_interval{1};
constexpr std::chrono::seconds truncate_interval{60};
// A TRUNCATE checkpoint waits for readers; never stall writes for long on it.
constexpr std::chrono::milliseconds truncate_busy_timeout{50};

}  // namespace

writer::writer(std::unique_ptr<connection> conn, std::size_t queue_capacity, std::size_t max_batch,
               store_counters& counters)
    : conn_(std::move(conn)),
      queue_(queue_capacity),
      max_batch_(max_batch == 0 ? 1 : max_batch),
      counters_(counters),
      last_checkpoint_(steady::now()),
      last_truncate_(steady::now()),
      thread_([this] { run(); }) {}

writer::~writer() {
    stop();
}

void writer::submit(std::unique_ptr<job> j) {
    if (!queue_.try_push(j)) {
        j->complete(busy_error());
    }
}

void writer::on_commit(std::function<void(std::size_t)> fn) {
    std::lock_guard lock(callbacks_mutex_);
    callbacks_.push_back(std::move(fn));
}

void writer::capture_changes(std::vector<watched_table> tables, change_sink sink) {
    capture_.attach(*conn_, std::move(tables));
    change_sink_ = std::move(sink);
}

void writer::stop() {
    std::call_once(stop_once_, [this] {
        queue_.close();
        if (thread_.joinable()) {
            thread_.join();
        }
    });
}

void writer::run() {
    name_this_thread("plenary-writer");
    conn_->defer_checkpoints();
    batch jobs;
    jobs.reserve(max_batch_);
    for (;;) {
        jobs.clear();
        auto wait = dirty_ ? std::optional(idle_wait) : std::nullopt;
        auto status = queue_.pop_some(jobs, max_batch_, wait);
        if (status == bounded_queue<std::unique_ptr<job>>::pop_status::closed) {
            break;
        }
        if (status == bounded_queue<std::unique_ptr<job>>::pop_status::timeout) {
            maybe_checkpoint();
            continue;
        }
        run_batch(jobs);
    }
    if (dirty_) {
        maybe_checkpoint();
    }
}

void writer::run_batch(batch& jobs) {
    std::vector<std::exception_ptr> errors(jobs.size());
    try {
        conn_->exec_prepared("BEGIN IMMEDIATE");
    } catch (const std::exception& e) {
        log_event("error", "store: BEGIN failed", e.what());
        fail_batch(jobs);
        return;
    }
    dirty_ = true;
    bool ok = run_jobs(jobs, errors);
    if (ok) {
        try {
            conn_->exec_prepared("COMMIT");
        } catch (const std::exception& e) {
            log_event("error", "store: COMMIT failed", e.what());
            ok = false;
        }
    }
    if (!ok) {
        fail_batch(jobs);
        return;
    }
    std::uint64_t failed = 0;
    for (const auto& err : errors) {
        failed += err ? 1 : 0;
    }
    // The commit that crosses the WAL mark checkpoints. While more jobs wait,
    // it does so before answering, as SQLite itself would: answered callers
    // send their next requests at once, and their parsing and encryption then
    // compete with the copy for the cores (closed-loop registrations fell 14 %
    // when every checkpoint came after the answers). When none wait, the
    // answers go first and no caller waits for the copy.
    const bool more_waiting = queue_.size() > 0;
    if (more_waiting) {
        checkpoint_if_due(counters_.checkpoints_before_answers);
    }
    counters_.batches_committed.fetch_add(1, std::memory_order_relaxed);
    counters_.jobs_committed.fetch_add(jobs.size() - failed, std::memory_order_relaxed);
    counters_.jobs_failed.fetch_add(failed, std::memory_order_relaxed);
    notify_commit(jobs.size());
    // Before the jobs complete, so whoever is answered already sees the change live.
    deliver_changes();
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        jobs[i]->complete(errors[i]);
    }
    if (!more_waiting) {
        checkpoint_if_due(counters_.checkpoints_after_answers);
    }
}

bool writer::run_jobs(batch& jobs, std::vector<std::exception_ptr>& errors) {
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        if (!run_one(*jobs[i], errors[i])) {
            return false;
        }
    }
    return true;
}

// One job inside SAVEPOINT job. A failure rolls back only this job unless
// SQLite has dropped the whole transaction (disk full, I/O error), in which
// case the batch is lost and false is returned.
bool writer::run_one(job& j, std::exception_ptr& error) {
    const auto capture_mark = capture_.mark();
    try {
        conn_->exec_prepared("SAVEPOINT job");
    } catch (const std::exception& e) {
        log_event("error", "store: SAVEPOINT failed", e.what());
        return false;
    }
    try {
        j.run(*conn_);
        // Done statements must not stay pending across RELEASE/COMMIT.
        conn_->reset_statements();
        conn_->exec_prepared("RELEASE job");
        return true;
    } catch (...) {
        error = normalize_job_error(std::current_exception());
    }
    conn_->reset_statements();
    if (!conn_->in_transaction()) {
        log_event("error", "store: transaction lost after a failed job");
        return false;
    }
    capture_.rollback_to(capture_mark);
    try {
        conn_->exec_prepared("ROLLBACK TO job");
        conn_->exec_prepared("RELEASE job");
    } catch (const std::exception& e) {
        log_event("error", "store: ROLLBACK TO failed", e.what());
        return false;
    }
    return true;
}

void writer::fail_batch(batch& jobs) noexcept {
    capture_.clear();
    if (conn_->in_transaction()) {
        try {
            conn_->reset_statements();
            conn_->exec_prepared("ROLLBACK");
        } catch (const std::exception& e) {
            log_event("error", "store: ROLLBACK failed", e.what());
        }
    }
    counters_.commit_failures.fetch_add(1, std::memory_order_relaxed);
    counters_.jobs_failed.fetch_add(jobs.size(), std::memory_order_relaxed);
    complete_all(jobs, storage_failed_error());
}

void writer::notify_commit(std::size_t batch_size) noexcept {
    std::lock_guard lock(callbacks_mutex_);
    for (auto& fn : callbacks_) {
        try {
            fn(batch_size);
        } catch (const std::exception& e) {
            log_event("error", "store: on_commit callback threw", e.what());
        }
    }
}

void writer::deliver_changes() noexcept {
    if (!change_sink_) return;
    // Also without watched rows: the sink may have work queued by a job in
    // this batch that must run after its COMMIT (change_capture.hpp).
    auto changes = capture_.take();
    try {
        change_sink_(changes, *conn_);
    } catch (const std::exception& e) {
        log_event("error", "store: change sink threw", e.what());
    }
    conn_->reset_statements();
}

// Keeps the WAL short between idle checkpoints. Frames a reader still needs
// stay behind; the next commit or the idle checkpoint retries.
void writer::checkpoint_if_due(std::atomic<std::uint64_t>& count) noexcept {
    if (!conn_->checkpoint_due()) {
        return;
    }
    count.fetch_add(1, std::memory_order_relaxed);
    try {
        conn_->checkpoint(false);
    } catch (const std::exception& e) {
        log_event("warn", "store: WAL checkpoint failed", e.what());
    }
}

// Catches the WAL's tail once writes pause, and now and then resets its size.
void writer::maybe_checkpoint() {
    auto now = steady::now();
    if (now - last_checkpoint_ < checkpoint_interval) {
        return;
    }
    try {
        bool truncate = now - last_truncate_ >= truncate_interval;
        auto result = truncate ? truncate_checkpoint() : conn_->checkpoint(false);
        if (truncate && !result.busy) {
            last_truncate_ = now;
        }
        // Frames a reader still needed stay behind; try again later.
        dirty_ = result.busy || result.checkpointed_pages < result.wal_pages;
    } catch (const std::exception& e) {
        log_event("warn", "store: WAL checkpoint failed", e.what());
        dirty_ = false;  // retried after the next write
    }
    last_checkpoint_ = now;
}

checkpoint_result writer::truncate_checkpoint() {
    const auto normal = conn_->busy_timeout();
    conn_->set_busy_timeout(truncate_busy_timeout);
    checkpoint_result result;
    try {
        result = conn_->checkpoint(true);
    } catch (...) {
        conn_->set_busy_timeout(normal);
        throw;
    }
    conn_->set_busy_timeout(normal);
    return result;
}

}  // namespace plenary::db
