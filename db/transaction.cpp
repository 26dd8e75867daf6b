// Scoped transaction and savepoint.
#include "db/transaction.hpp"

#include "common/access_log.hpp"
#include "common/problem.hpp"
#include "db/connection.hpp"

#include <utility>

namespace plenary::db {

namespace {

bool is_identifier(const std::string& name) {
    if (name.empty() || (name[0] >= '0' && name[0] <= '9')) {
        return false;
    }
    for (char c : name) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        if (!ok) {
            return false;
        }
    }
    return true;
}

}  // namespace

transaction::transaction(connection& conn, kind k) : conn_(conn) {
    switch (k) {
        case kind::deferred: conn_.exec("BEGIN DEFERRED"); break;
        case kind::immediate: conn_.exec("BEGIN IMMEDIATE"); break;
        case kind::exclusive: conn_.exec("BEGIN EXCLUSIVE"); break;
    }
    active_ = true;
}

transaction::~transaction() {
    if (!active_) {
        return;
    }
    try {
        rollback();
    } catch (const std::exception& e) {
        // A destructor can not report it; SQLite rolls back on close anyway.
        log_event("error", "transaction rollback failed", e.what());
    }
}

void transaction::commit() {
    conn_.exec("COMMIT");
    active_ = false;
}

void transaction::rollback() {
    active_ = false;
    // SQLite may already have rolled back by itself (e.g. after SQLITE_FULL).
    if (conn_.in_transaction()) {
        conn_.reset_statements();
        conn_.exec("ROLLBACK");
    }
}

savepoint::savepoint(connection& conn, std::string name) : conn_(conn), name_(std::move(name)) {
    if (!is_identifier(name_)) {
        throw problem(errc::internal, "invalid savepoint name");
    }
    conn_.exec("SAVEPOINT " + name_);
    active_ = true;
}

savepoint::~savepoint() {
    if (!active_) {
        return;
    }
    try {
        rollback();
    } catch (const std::exception& e) {
        log_event("error", "savepoint rollback failed", e.what());
    }
}

void savepoint::release() {
    conn_.exec("RELEASE " + name_);
    active_ = false;
}

void savepoint::rollback() {
    active_ = false;
    if (conn_.in_transaction()) {
        conn_.exec("ROLLBACK TO " + name_);
        conn_.exec("RELEASE " + name_);
    }
}

}  // namespace plenary::db
