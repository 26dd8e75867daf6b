// Shared rules for turning whatever a job threw into what its caller receives.
#pragma once

#include <exception>
#include <memory>
#include <vector>

namespace plenary::db {

class job;

// problem (and sqlite_error) pass through unchanged; anything else becomes
// problem(internal) after its what() is logged, so callers never see library
// exceptions and the original is not lost.
std::exception_ptr normalize_job_error(std::exception_ptr err);

// problem(unavailable, "server busy, retry") with a Retry-After hint.
std::exception_ptr busy_error();

// problem(unavailable, "storage unavailable"): the batch's outcome is unknown
// or failed as a whole, so no job of it may be reported as done.
std::exception_ptr storage_failed_error();

void complete_all(std::vector<std::unique_ptr<job>>& jobs, const std::exception_ptr& err) noexcept;

}  // namespace plenary::db
