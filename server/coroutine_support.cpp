// Logging of exceptions that escape a session coroutine; see coroutine_support.hpp.
#include "server/coroutine_support.hpp"

#include "common/access_log.hpp"

namespace plenary::server {

void log_session_failure(std::string_view what, std::exception_ptr err) {
    if (!err) return;
    try {
        std::rethrow_exception(err);
    } catch (const std::exception& e) {
        log_event("error", what, e.what());
    } catch (...) {
        log_event("error", what, "unknown exception");
    }
}

}  // namespace plenary::server
