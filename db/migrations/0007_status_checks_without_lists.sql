-- The registration tables' status checks, and the partial index that keeps one
-- live registration per address, written as comparisons instead of IN lists.
-- SQLite evaluates an IN list of three or more constants by building a
-- temporary B-tree each time a row is checked: two per new registration (the
-- CHECK and the index's WHERE). Without them the writer spent a fifth less CPU
-- per registration (docs/performance.md, change 43). A CHECK cannot be
-- altered in place, so both tables are rebuilt as
-- https://sqlite.org/lang_altertable.html#otheralter describes; foreign keys
-- are off while migrations run and checked before they commit. Queries that
-- should use registrations_live_email must repeat its WHERE exactly
-- (db::live_registration_status in db/registrations.hpp).
CREATE TABLE registrations_rebuilt (
    id                INTEGER PRIMARY KEY,
    event_id          INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    status            TEXT NOT NULL CHECK (status = 'confirmed' OR status = 'waitlisted' OR status = 'pending'
                                           OR status = 'cancelled' OR status = 'rejected'),
    name              TEXT NOT NULL,
    email             TEXT NOT NULL,
    -- Trimmed and lowercased: one live registration per address per event.
    email_key         TEXT NOT NULL,
    organization      TEXT NOT NULL DEFAULT '',
    country           TEXT NOT NULL,
    language          TEXT NOT NULL CHECK (language IN ('en', 'zh')),
    answers_json      TEXT NOT NULL DEFAULT '{}',
    ticket_code       TEXT NOT NULL UNIQUE,
    -- SHA-256 of the manage token; the token itself is only ever in the reply.
    manage_token_hash BLOB NOT NULL UNIQUE,
    -- Place in the event's waiting list (first come, first served); set when
    -- the registration starts waiting.
    queue_seq         INTEGER,
    source            TEXT NOT NULL DEFAULT 'self' CHECK (source IN ('self', 'organizer')),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    cancelled_at      TEXT
);
INSERT INTO registrations_rebuilt(id, event_id, status, name, email, email_key, organization, country, language,
                                  answers_json, ticket_code, manage_token_hash, queue_seq, source, created_at,
                                  updated_at, cancelled_at)
    SELECT id, event_id, status, name, email, email_key, organization, country, language, answers_json,
           ticket_code, manage_token_hash, queue_seq, source, created_at, updated_at, cancelled_at
    FROM registrations;

-- A registration's session choices. 'requested' while the registration itself
-- is not confirmed (it holds no seat and waits in no session queue yet).
CREATE TABLE registration_sessions_rebuilt (
    registration_id INTEGER NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    session_id      INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    status          TEXT NOT NULL CHECK (status = 'confirmed' OR status = 'waitlisted' OR status = 'requested'),
    queue_seq       INTEGER,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (registration_id, session_id)
) WITHOUT ROWID;
INSERT INTO registration_sessions_rebuilt(registration_id, session_id, status, queue_seq, created_at)
    SELECT registration_id, session_id, status, queue_seq, created_at FROM registration_sessions;

-- Dropping a table drops its indexes and triggers; both are made again below.
DROP TABLE registration_sessions;
DROP TABLE registrations;
ALTER TABLE registrations_rebuilt RENAME TO registrations;
ALTER TABLE registration_sessions_rebuilt RENAME TO registration_sessions;

CREATE UNIQUE INDEX registrations_live_email ON registrations(event_id, email_key)
    WHERE (status = 'confirmed' OR status = 'waitlisted' OR status = 'pending');
CREATE INDEX registrations_event_status ON registrations(event_id, status, queue_seq);
CREATE INDEX registrations_event_id ON registrations(event_id, id);
CREATE INDEX registration_sessions_queue ON registration_sessions(session_id, status, queue_seq);

CREATE TRIGGER registrations_tally_insert AFTER INSERT ON registrations BEGIN
    INSERT INTO registration_tallies(event_id, status, n) VALUES (NEW.event_id, NEW.status, 1)
        ON CONFLICT(event_id, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER registrations_tally_update AFTER UPDATE OF status ON registrations
WHEN OLD.status <> NEW.status BEGIN
    UPDATE registration_tallies SET n = n - 1 WHERE event_id = OLD.event_id AND status = OLD.status;
    INSERT INTO registration_tallies(event_id, status, n) VALUES (NEW.event_id, NEW.status, 1)
        ON CONFLICT(event_id, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER registrations_tally_delete AFTER DELETE ON registrations BEGIN
    UPDATE registration_tallies SET n = n - 1 WHERE event_id = OLD.event_id AND status = OLD.status;
END;

CREATE TRIGGER registration_sessions_tally_insert AFTER INSERT ON registration_sessions BEGIN
    INSERT INTO session_tallies(session_id, status, n) VALUES (NEW.session_id, NEW.status, 1)
        ON CONFLICT(session_id, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER registration_sessions_tally_update AFTER UPDATE OF status ON registration_sessions
WHEN OLD.status <> NEW.status BEGIN
    UPDATE session_tallies SET n = n - 1 WHERE session_id = OLD.session_id AND status = OLD.status;
    INSERT INTO session_tallies(session_id, status, n) VALUES (NEW.session_id, NEW.status, 1)
        ON CONFLICT(session_id, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER registration_sessions_tally_delete AFTER DELETE ON registration_sessions BEGIN
    UPDATE session_tallies SET n = n - 1 WHERE session_id = OLD.session_id AND status = OLD.status;
END;
