// A SQLite VFS for the writer's connection that gathers its WAL writes into
// one buffer and hands them to the file system in one write before each sync.
//
// SQLite writes every WAL frame as two writes, its 24-byte header and then
// the page, so a group commit of 43 pages made 86 pwrite calls, each taking
// the file's lock and marking pages dirty one call at a time: 11.5 % of the
// writer thread's samples under closed-loop registrations. Here consecutive
// writes are appended to a buffer and written as one when SQLite syncs,
// reads, truncates, asks the size, or writes somewhere else.
//
// Correct only with synchronous=FULL (which the store always sets): a commit
// then syncs the WAL before it publishes the new frames to readers, and the
// sync is where the buffer reaches the file. Under synchronous=NORMAL a
// commit publishes frames without a sync, and readers could look for frames
// still in the buffer. What a rolled-back transaction spilled is written
// out before its connection releases the WAL's write lock (watched through
// the database file's shared-memory locks), so it can never land on frames
// another writer commits later. Everything else the database file does, and
// every other file, goes to the default VFS unchanged; read-only
// connections, which never write the WAL, do not use this VFS at all.
#pragma once

namespace plenary::db {

// Registers the VFS on first use (thread-safe) and returns its name for
// sqlite3_open_v2, or nullptr (SQLite's default VFS) if SQLite refused it.
// It wraps whichever VFS is the default when a file opens.
const char* wal_write_buffer_vfs();

}  // namespace plenary::db
