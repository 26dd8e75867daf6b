// Classification of SQLite failures into domain errors (see sqlite_error.hpp).
#include "db/sqlite_error.hpp"

#include <sqlite3.h>

#include <utility>

namespace plenary::db {

namespace {

const char* generic_detail(errc code) noexcept {
    switch (code) {
        case errc::unavailable: return "storage unavailable";
        case errc::conflict: return "conflicts with existing data";
        default: return "storage error";
    }
}

std::string make_log_text(int code, const std::string& message, std::string_view context) {
    std::string text = "sqlite error ";
    text += std::to_string(code);
    text += " (";
    text += sqlite3_errstr(code);
    text += ")";
    if (!context.empty()) {
        text += " in ";
        text += context;
    }
    if (!message.empty()) {
        text += ": ";
        text += message;
    }
    return text;
}

}  // namespace

sqlite_error::sqlite_error(int extended_code, std::string sqlite_message, std::string_view context)
    : problem(errc_for_sqlite(extended_code), generic_detail(errc_for_sqlite(extended_code))),
      extended_code_(extended_code),
      sqlite_message_(std::move(sqlite_message)),
      log_text_(make_log_text(extended_code, sqlite_message_, context)) {}

errc errc_for_sqlite(int code) noexcept {
    switch (code & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_FULL:
        case SQLITE_IOERR:
        case SQLITE_READONLY:
        case SQLITE_NOMEM:
        case SQLITE_CANTOPEN:
        case SQLITE_PROTOCOL: return errc::unavailable;
        case SQLITE_CONSTRAINT: return errc::conflict;
        default: return errc::internal;
    }
}

void throw_sqlite_error(sqlite3* db, int code, std::string_view context) {
    std::string message;
    if (db != nullptr) {
        // The connection's extended code is more precise than a bare return code.
        if (sqlite3_errcode(db) == (code & 0xff) || sqlite3_errcode(db) == code) {
            code = sqlite3_extended_errcode(db);
        }
        message = sqlite3_errmsg(db);
    } else {
        message = sqlite3_errstr(code);
    }
    throw sqlite_error(code, std::move(message), context);
}

}  // namespace plenary::db
