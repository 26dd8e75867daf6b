// Error normalization and bulk completion for store jobs.
#include "db/job_outcome.hpp"

#include "common/access_log.hpp"
#include "common/problem.hpp"
#include "db/sqlite_error.hpp"
#include "db/store.hpp"

namespace plenary::db {

std::exception_ptr normalize_job_error(std::exception_ptr err) {
    try {
        std::rethrow_exception(err);
    } catch (const sqlite_error& e) {
        // Storage trouble and bugs are worth a log line; constraint conflicts are normal.
        if (e.code() != errc::conflict) {
            log_event("error", "store job failed", e.what());
        }
        return err;
    } catch (const problem&) {
        return err;
    } catch (const std::exception& e) {
        log_event("error", "store job threw", e.what());
    } catch (...) {
        log_event("error", "store job threw", "non-standard exception");
    }
    return std::make_exception_ptr(problem(errc::internal, "internal error"));
}

std::exception_ptr busy_error() {
    return std::make_exception_ptr(problem(errc::unavailable, "server busy, retry").with_retry_after(1));
}

std::exception_ptr storage_failed_error() {
    return std::make_exception_ptr(problem(errc::unavailable, "storage unavailable"));
}

void complete_all(std::vector<std::unique_ptr<job>>& jobs, const std::exception_ptr& err) noexcept {
    for (auto& j : jobs) {
        j->complete(err);
    }
}

}  // namespace plenary::db
