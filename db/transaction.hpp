// Scoped transactions: `transaction` (BEGIN ... COMMIT) and `savepoint`
// (SAVEPOINT name ... RELEASE). Both roll back in the destructor unless
// committed/released, so an exception can never leave half a change behind.
#pragma once

#include <string>

namespace plenary::db {

class connection;

class transaction {
public:
    enum class kind { deferred, immediate, exclusive };

    // Default IMMEDIATE: take the write lock up front so a later upgrade can
    // not fail with SQLITE_BUSY halfway through the work.
    explicit transaction(connection& conn, kind k = kind::immediate);
    ~transaction();
    transaction(const transaction&) = delete;
    transaction& operator=(const transaction&) = delete;

    void commit();
    void rollback();
    bool active() const noexcept { return active_; }

private:
    connection& conn_;
    bool active_ = false;
};

class savepoint {
public:
    // name must be an SQL identifier ([A-Za-z_][A-Za-z0-9_]*).
    savepoint(connection& conn, std::string name);
    ~savepoint();
    savepoint(const savepoint&) = delete;
    savepoint& operator=(const savepoint&) = delete;

    void release();   // keeps the changes (part of the enclosing transaction, if any)
    void rollback();  // undoes the changes since the savepoint and ends it
    bool active() const noexcept { return active_; }

private:
    connection& conn_;
    std::string name_;
    bool active_ = false;
};

}  // namespace plenary::db
