// Small pieces every coroutine-based session shares: the completion token
// that returns errors as values instead of throwing (timeouts and resets are
// ordinary events on a server), and a co_spawn completion that logs a
// session's escaping exception instead of losing it.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <exception>
#include <string_view>

namespace plenary::server {

inline constexpr auto nothrow_awaitable = boost::asio::as_tuple(boost::asio::use_awaitable);

// Logs `err` (if any) as an operational error; `what` names the session kind.
void log_session_failure(std::string_view what, std::exception_ptr err);

// `what` must outlive the coroutine (pass a string literal).
inline auto log_failures(std::string_view what) {
    return [what](std::exception_ptr err) { log_session_failure(what, err); };
}

}  // namespace plenary::server
