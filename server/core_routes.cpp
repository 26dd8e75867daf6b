// /healthz and /metrics, plus the store's gauges and commit-batch histogram
// that /metrics reports.
#include "server/core_routes.hpp"

#include "common/metrics.hpp"
#include "db/connection.hpp"
#include "db/store.hpp"
#include "server/authenticator.hpp"

#include <boost/asio/use_awaitable.hpp>

namespace plenary::server {

namespace {

void instrument_store(db::store& store, metrics_registry& metrics) {
    metrics.add_gauge_callback("plenary_db_write_queue_depth", "Write jobs waiting for the writer thread",
                               [&store] { return static_cast<double>(store.stats().write_queue_depth); });
    metrics.add_gauge_callback("plenary_db_read_queue_depth", "Read jobs waiting for a reader",
                               [&store] { return static_cast<double>(store.stats().read_queue_depth); });
    metrics.add_gauge_callback("plenary_db_failed_jobs", "Write jobs that rolled back since start",
                               [&store] { return static_cast<double>(store.stats().jobs_failed); });
    metrics.add_gauge_callback("plenary_db_commit_failures", "Batches whose COMMIT failed since start",
                               [&store] { return static_cast<double>(store.stats().commit_failures); });
    metrics.add_gauge_callback("plenary_db_checkpoints_before_answers",
                               "WAL checkpoints a commit ran before answering, as more writes waited",
                               [&store] { return static_cast<double>(store.stats().checkpoints_before_answers); });
    metrics.add_gauge_callback("plenary_db_checkpoints_after_answers",
                               "WAL checkpoints a commit ran after answering, as no more writes waited",
                               [&store] { return static_cast<double>(store.stats().checkpoints_after_answers); });
    auto& batch_sizes = metrics.get_histogram("plenary_db_commit_batch_size", "Write jobs per COMMIT",
                                              {1, 2, 4, 8, 16, 32, 64, 128, 256, 512});
    store.on_commit([&batch_sizes](std::size_t n) { batch_sizes.observe(static_cast<double>(n)); });
}

}  // namespace

void register_core_routes(router& r, app_services services) {
    instrument_store(services.store, services.metrics);

    // Healthy means the store answers a read, not merely that the process runs.
    r.add(http::verb::get, "/healthz", [&store = services.store](request_context&) -> boost::asio::awaitable<response> {
        auto probe = [](db::connection& conn) { return conn.query_int64("SELECT 1"); };
        co_await store.async_read(std::move(probe), boost::asio::use_awaitable);
        co_return json_response(http::status::ok, std::string(R"({"status":"ok"})"));
    });

    r.add(http::verb::get, "/metrics",
          [services, auth = authenticator(services.store)](request_context& ctx) -> boost::asio::awaitable<response> {
              co_await auth.require_staff(ctx);
              co_return text_response(http::status::ok, services.metrics.render(),
                                      "text/plain; version=0.0.4; charset=utf-8");
          });
}

}  // namespace plenary::server
