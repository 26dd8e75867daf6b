// db::store: wires the writer, the reader pool, migrations and backups together.
#include "db/store.hpp"

#include "common/problem.hpp"
#include "db/backup.hpp"
#include "db/connection.hpp"
#include "db/migrations.hpp"
#include "db/reader_pool.hpp"
#include "db/store_counters.hpp"
#include "db/writer.hpp"

#include <atomic>
#include <future>
#include <utility>

namespace plenary::db {

namespace {

connection_options connection_options_from(const store_options& o) {
    connection_options c;
    c.busy_timeout = o.busy_timeout;
    c.wal_autocheckpoint_pages = o.wal_autocheckpoint_pages;
    c.journal_size_limit = o.journal_size_limit;
    return c;
}

}  // namespace

struct store::impl {
    explicit impl(store_options o) : options(std::move(o)), conn_options(connection_options_from(options)) {
        if (options.path.empty()) {
            throw problem(errc::internal, "store: empty database path");
        }
        // The writer's connection creates the file and migrates it before any
        // reader opens, so readers always see the current schema.
        auto conn = std::make_unique<connection>(options.path, open_mode::read_write, conn_options);
        version = apply_migrations(*conn);
        writer_ = std::make_unique<writer>(std::move(conn), options.write_queue_capacity, options.max_batch, counters);
        readers_ =
            std::make_unique<reader_pool>(options.path, options.readers, options.read_queue_capacity, conn_options);
    }

    store_options options;
    connection_options conn_options;
    store_counters counters;
    int version = 0;
    std::atomic<bool> stopped{false};
    std::unique_ptr<writer> writer_;
    std::unique_ptr<reader_pool> readers_;
};

store::store(store_options options) : impl_(std::make_unique<impl>(std::move(options))) {}

store::~store() {
    stop();
}

void store::stop() {
    impl_->stopped.store(true);
    // Readers first: a read queued behind the last writes still gets answered,
    // and the writer's final checkpoint is not held back by open snapshots.
    impl_->readers_->stop();
    impl_->writer_->stop();
}

void store::submit_write(std::unique_ptr<job> j) {
    impl_->writer_->submit(std::move(j));
}

void store::submit_read(std::unique_ptr<job> j) {
    impl_->readers_->submit(std::move(j));
}

void store::on_commit(std::function<void(std::size_t batch_size)> fn) {
    impl_->writer_->on_commit(std::move(fn));
}

void store::capture_changes(std::vector<watched_table> tables, change_sink sink) {
    write_sync(
        [this, &tables, &sink](connection&) { impl_->writer_->capture_changes(std::move(tables), std::move(sink)); });
}

store_stats store::stats() const {
    store_stats s;
    s.write_queue_depth = impl_->writer_->queue_depth();
    s.read_queue_depth = impl_->readers_->queue_depth();
    s.batches_committed = impl_->counters.batches_committed.load(std::memory_order_relaxed);
    s.jobs_committed = impl_->counters.jobs_committed.load(std::memory_order_relaxed);
    s.jobs_failed = impl_->counters.jobs_failed.load(std::memory_order_relaxed);
    s.commit_failures = impl_->counters.commit_failures.load(std::memory_order_relaxed);
    s.checkpoints_before_answers = impl_->counters.checkpoints_before_answers.load(std::memory_order_relaxed);
    s.checkpoints_after_answers = impl_->counters.checkpoints_after_answers.load(std::memory_order_relaxed);
    return s;
}

int store::schema_version() const {
    return impl_->version;
}

const std::string& store::path() const noexcept {
    return impl_->options.path;
}

void store::backup_to(const std::string& destination) {
    if (impl_->stopped.load()) {
        throw problem(errc::unavailable, "store stopped");
    }
    // On a thread of its own: the copy may take long and must not occupy a
    // reader, nor run SQLite on whatever thread called us.
    auto done = std::async(std::launch::async, [this, &destination] {
        online_backup(impl_->options.path, destination, impl_->conn_options);
    });
    done.get();
}

}  // namespace plenary::db
