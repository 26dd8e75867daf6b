// db::transaction and db::savepoint: commit when asked, roll back otherwise.
#include "common/problem.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "db_test_support.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace plenary::db {
namespace {

using testing::scratch_dir;

class DbTransaction : public ::testing::Test {
protected:
    DbTransaction() : conn_(dir_.file("t.db"), open_mode::read_write) { conn_.exec("CREATE TABLE t(x INTEGER)"); }
    std::int64_t rows() { return conn_.query_int64("SELECT count(*) FROM t"); }
    void insert(int x) { conn_.prepare("INSERT INTO t VALUES(?)").bind_all(x).execute(); }

    scratch_dir dir_;
    connection conn_;
};

TEST_F(DbTransaction, CommitKeepsChanges) {
    {
        transaction tx(conn_);
        EXPECT_TRUE(conn_.in_transaction());
        insert(1);
        tx.commit();
        EXPECT_FALSE(tx.active());
    }
    EXPECT_FALSE(conn_.in_transaction());
    EXPECT_EQ(rows(), 1);
    // Visible to another connection, i.e. really committed.
    connection other(dir_.file("t.db"), open_mode::read_only);
    EXPECT_EQ(other.query_int64("SELECT count(*) FROM t"), 1);
}

TEST_F(DbTransaction, DestructorRollsBackWithoutCommit) {
    {
        transaction tx(conn_);
        insert(1);
        EXPECT_EQ(rows(), 1);
    }
    EXPECT_FALSE(conn_.in_transaction());
    EXPECT_EQ(rows(), 0);
}

TEST_F(DbTransaction, ExceptionUnwindsIntoRollback) {
    try {
        transaction tx(conn_);
        insert(1);
        throw std::runtime_error("boom");
    } catch (const std::runtime_error&) {
    }
    EXPECT_EQ(rows(), 0);
}

TEST_F(DbTransaction, ImmediateTakesTheWriteLockUpFront) {
    transaction tx(conn_, transaction::kind::immediate);
    connection other(dir_.file("t.db"), open_mode::read_write, {std::chrono::milliseconds(0)});
    EXPECT_THROW(other.exec("BEGIN IMMEDIATE"), problem);
    tx.rollback();
    EXPECT_NO_THROW(other.exec("BEGIN IMMEDIATE; ROLLBACK"));
}

TEST_F(DbTransaction, SavepointRollbackUndoesOnlyItsPart) {
    transaction tx(conn_);
    insert(1);
    {
        savepoint sp(conn_, "inner");
        insert(2);
        sp.rollback();
        EXPECT_FALSE(sp.active());
    }
    {
        savepoint sp(conn_, "inner");
        insert(3);
        sp.release();
    }
    {
        savepoint sp(conn_, "inner");
        insert(4);
        // destroyed without release: rolled back
    }
    tx.commit();
    EXPECT_EQ(conn_.query_text("SELECT group_concat(x) FROM (SELECT x FROM t ORDER BY x)"), "1,3");
}

TEST_F(DbTransaction, SavepointOutsideTransactionCommitsOnRelease) {
    {
        savepoint sp(conn_, "solo");
        EXPECT_TRUE(conn_.in_transaction());
        insert(7);
        sp.release();
    }
    EXPECT_FALSE(conn_.in_transaction());
    EXPECT_EQ(rows(), 1);
}

TEST_F(DbTransaction, SavepointNameMustBeAnIdentifier) {
    EXPECT_THROW(savepoint(conn_, "x; DROP TABLE t"), problem);
    EXPECT_THROW(savepoint(conn_, ""), problem);
    EXPECT_EQ(rows(), 0);
}

}  // namespace
}  // namespace plenary::db
