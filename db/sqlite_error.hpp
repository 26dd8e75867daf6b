// Turns SQLite result codes into plenary::problem. Clients may see a problem's
// detail, so it stays generic ("storage unavailable"); SQLite's own message and
// extended code travel in the sqlite_error subclass for logs (what()) and for
// callers that need to tell e.g. a UNIQUE from a CHECK violation.
#pragma once

#include "common/problem.hpp"

#include <string>
#include <string_view>

struct sqlite3;

namespace plenary::db {

class sqlite_error : public problem {
public:
    sqlite_error(int extended_code, std::string sqlite_message, std::string_view context);

    int extended_code() const noexcept { return extended_code_; }
    int primary_code() const noexcept { return extended_code_ & 0xff; }
    const std::string& sqlite_message() const noexcept { return sqlite_message_; }
    // For logs only: context, SQLite's message and code.
    const char* what() const noexcept override { return log_text_.c_str(); }

private:
    int extended_code_;
    std::string sqlite_message_;
    std::string log_text_;
};

// Domain classification of a (primary or extended) SQLite result code:
// transient/storage trouble -> unavailable, constraint -> conflict, else internal.
errc errc_for_sqlite(int code) noexcept;

// Throws sqlite_error for `code`, taking the message from `db` when given.
[[noreturn]] void throw_sqlite_error(sqlite3* db, int code, std::string_view context);

}  // namespace plenary::db
