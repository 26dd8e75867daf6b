// The only way handlers reach SQLite. One writer thread runs queued write jobs
// in batches (group commit: many jobs, one COMMIT, one fsync), each job inside
// its own SAVEPOINT so a failing job rolls back alone. A small pool of read-only
// connections (WAL) runs read jobs. Completions are delivered through the
// caller's associated executor (its strand), after COMMIT for writes, so no
// SQLite call ever runs on an I/O thread and a 2xx always means "on disk".
#pragma once

#include "db/change_capture.hpp"
#include "db/connection.hpp"

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/execution/executor.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

namespace plenary::db {

class connection;

struct store_options {
    std::string path;
    std::size_t readers = 2;
    std::size_t write_queue_capacity = 8192;  // waiting jobs; past it: problem(unavailable)
    std::size_t read_queue_capacity = 8192;
    std::size_t max_batch = 512;  // jobs per transaction
    std::chrono::milliseconds busy_timeout{5000};
    std::size_t wal_autocheckpoint_pages = default_wal_autocheckpoint_pages;
    std::int64_t journal_size_limit = 64 * 1024 * 1024;
};

// Counters the store keeps for /metrics; read with relaxed consistency.
struct store_stats {
    std::size_t write_queue_depth = 0;
    std::size_t read_queue_depth = 0;
    std::uint64_t batches_committed = 0;
    std::uint64_t jobs_committed = 0;
    std::uint64_t jobs_failed = 0;
    std::uint64_t commit_failures = 0;
    // Checkpoints run by the commit that crossed the WAL mark, split by
    // whether they held that commit's answers (more jobs were waiting).
    std::uint64_t checkpoints_before_answers = 0;
    std::uint64_t checkpoints_after_answers = 0;
};

// Type-erased job the queues hold. run() executes on a db thread; complete()
// delivers the outcome to the caller's executor.
class job {
public:
    virtual ~job() = default;
    virtual void run(connection& conn) = 0;             // may throw; captured by the store
    virtual void complete(std::exception_ptr err) = 0;  // called once, after COMMIT/ROLLBACK
};

class store {
public:
    // Opens (creating if needed) the database, applies migrations, starts the
    // writer thread and the reader pool. Throws problem on failure (e.g. a
    // database from a newer schema).
    explicit store(store_options options);
    ~store();
    store(const store&) = delete;
    store& operator=(const store&) = delete;

    // Finishes queued jobs, then stops the threads. Idempotent.
    void stop();

    // R must be void or default-constructible and movable.
    // Runs fn(connection&) -> R inside a SAVEPOINT on the writer thread; the
    // completion gets (exception_ptr, R) after the COMMIT containing it.
    template <class Fn, class Token>
    auto async_write(Fn fn, Token&& token);

    // Runs fn(connection&) -> R on a read-only connection.
    template <class Fn, class Token>
    auto async_read(Fn fn, Token&& token);

    // Blocking helpers for command-line tools and tests; never on an I/O thread.
    template <class Fn>
    auto write_sync(Fn fn) -> std::invoke_result_t<Fn, connection&>;
    template <class Fn>
    auto read_sync(Fn fn) -> std::invoke_result_t<Fn, connection&>;

    // Called on the writer thread after every successful COMMIT with the
    // number of jobs in it (metrics: commit batch sizes).
    void on_commit(std::function<void(std::size_t batch_size)> fn);

    // Hands every committed change to the watched tables to `sink` (see
    // change_capture.hpp), starting with the rows of the write jobs that run
    // after the one that installs the hook. Once per store, before anything
    // depends on it; blocks until installed.
    void capture_changes(std::vector<watched_table> tables, change_sink sink);

    store_stats stats() const;
    int schema_version() const;
    const std::string& path() const noexcept;

    // Consistent online copy through SQLite's backup API; safe while serving.
    void backup_to(const std::string& destination);

private:
    // Never throw: when the queue is full or the store stopped, the job is
    // completed at once with problem(unavailable), so callers see a 503.
    void submit_write(std::unique_ptr<job> j);
    void submit_read(std::unique_ptr<job> j);

    template <class R, class Fn, class Handler>
    class typed_job;

    struct impl;
    std::unique_ptr<impl> impl_;
};

// ---- template implementation ------------------------------------------------

namespace detail {

// Outstanding work on the handler's executor, held from submission until the
// completion has run. A tracked executor (rather than executor_work_guard,
// which keeps an untracked copy after reset) guarantees that no copy of e.g.
// a strand outlives the work count: once the count drops to zero, the
// caller's io_context may be destroyed at once.
template <class Executor>
auto track_work(const Executor& ex) {
    if constexpr (boost::asio::execution::is_executor<Executor>::value) {
        return boost::asio::prefer(ex, boost::asio::execution::outstanding_work.tracked);
    } else {
        return boost::asio::make_work_guard(ex);  // legacy executor model
    }
}

template <class Work>
auto executor_of(const Work& work) {
    if constexpr (boost::asio::execution::is_executor<Work>::value) {
        return work;
    } else {
        return work.get_executor();
    }
}

}  // namespace detail

template <class R, class Fn, class Handler>
class store::typed_job final : public job {
public:
    typed_job(Fn fn, Handler handler)
        : fn_(std::move(fn)),
          handler_(std::move(handler)),
          work_(detail::track_work(boost::asio::get_associated_executor(*handler_))) {}

    void run(connection& conn) override {
        if constexpr (std::is_void_v<R>) {
            fn_(conn);
        } else {
            result_.emplace(fn_(conn));
        }
    }

    void complete(std::exception_ptr err) override {
        // The work moves into the posted function and ends there, on the
        // caller's executor, after the handler ran; this job keeps no copy.
        // Moving some handlers (executor_binder) copies their executor, so
        // the moved-from handler is destroyed here too, before `ex` and `work`.
        auto work = std::move(*work_);
        work_.reset();
        auto ex = detail::executor_of(work);
        auto handler = std::move(*handler_);
        handler_.reset();
        boost::asio::post(ex, [h = std::move(handler), err, r = std::move(result_), w = std::move(work)]() mutable {
            if constexpr (std::is_void_v<R>) {
                std::move(h)(err);
            } else {
                std::move(h)(err, err ? R{} : std::move(*r));
            }
        });
    }

private:
    using stored = std::conditional_t<std::is_void_v<R>, std::optional<int>, std::optional<R>>;
    using work_type = decltype(detail::track_work(std::declval<boost::asio::associated_executor_t<Handler>>()));
    Fn fn_;
    std::optional<Handler> handler_;
    std::optional<work_type> work_;
    stored result_;
};

namespace detail {
template <class R>
struct completion_signature {
    using type = void(std::exception_ptr, R);
};
template <>
struct completion_signature<void> {
    using type = void(std::exception_ptr);
};

// Runs start(handler) and waits for the handler on a private io_context, so
// the blocking helpers need no thread pool of their own.
template <class R, class Start>
R run_blocking(Start start) {
    boost::asio::io_context ctx;
    std::exception_ptr error;
    if constexpr (std::is_void_v<R>) {
        start(boost::asio::bind_executor(ctx, [&error](std::exception_ptr e) { error = e; }));
        ctx.run();
        if (error) {
            std::rethrow_exception(error);
        }
    } else {
        std::optional<R> result;
        start(boost::asio::bind_executor(ctx, [&error, &result](std::exception_ptr e, R r) {
            error = e;
            if (!e) {
                result.emplace(std::move(r));
            }
        }));
        ctx.run();
        if (error) {
            std::rethrow_exception(error);
        }
        return std::move(*result);
    }
}
}  // namespace detail

template <class Fn, class Token>
auto store::async_write(Fn fn, Token&& token) {
    using R = std::invoke_result_t<Fn, connection&>;
    using sig = typename detail::completion_signature<R>::type;
    return boost::asio::async_initiate<Token, sig>(
        [this](auto handler, Fn f) {
            using H = decltype(handler);
            submit_write(std::make_unique<typed_job<R, Fn, H>>(std::move(f), std::move(handler)));
        },
        token, std::move(fn));
}

template <class Fn, class Token>
auto store::async_read(Fn fn, Token&& token) {
    using R = std::invoke_result_t<Fn, connection&>;
    using sig = typename detail::completion_signature<R>::type;
    return boost::asio::async_initiate<Token, sig>(
        [this](auto handler, Fn f) {
            using H = decltype(handler);
            submit_read(std::make_unique<typed_job<R, Fn, H>>(std::move(f), std::move(handler)));
        },
        token, std::move(fn));
}

template <class Fn>
auto store::write_sync(Fn fn) -> std::invoke_result_t<Fn, connection&> {
    using R = std::invoke_result_t<Fn, connection&>;
    return detail::run_blocking<R>([this, &fn](auto handler) { this->async_write(std::move(fn), std::move(handler)); });
}

template <class Fn>
auto store::read_sync(Fn fn) -> std::invoke_result_t<Fn, connection&> {
    using R = std::invoke_result_t<Fn, connection&>;
    return detail::run_blocking<R>([this, &fn](auto handler) { this->async_read(std::move(fn), std::move(handler)); });
}

}  // namespace plenary::db
