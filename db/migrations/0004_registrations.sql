-- Registrations: who is coming, to the event and to the sessions that take
-- sign-ups, in which state, and in what order they wait. Tallies kept by
-- triggers let the capacity checks inside the write transaction read one row
-- instead of counting thousands; the triggers make them impossible to forget.
CREATE TABLE registrations (
    id                INTEGER PRIMARY KEY,
    event_id          INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    status            TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'pending', 'cancelled', 'rejected')),
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
CREATE UNIQUE INDEX registrations_live_email ON registrations(event_id, email_key)
    WHERE status IN ('confirmed', 'waitlisted', 'pending');
CREATE INDEX registrations_event_status ON registrations(event_id, status, queue_seq);
CREATE INDEX registrations_event_id ON registrations(event_id, id);

-- A registration's session choices. 'requested' while the registration itself
-- is not confirmed (it holds no seat and waits in no session queue yet).
CREATE TABLE registration_sessions (
    registration_id INTEGER NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    session_id      INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    status          TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'requested')),
    queue_seq       INTEGER,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (registration_id, session_id)
) WITHOUT ROWID;
CREATE INDEX registration_sessions_queue ON registration_sessions(session_id, status, queue_seq);

CREATE TABLE registration_tallies (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    status   TEXT NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (event_id, status)
) WITHOUT ROWID;

CREATE TABLE session_tallies (
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    status     TEXT NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (session_id, status)
) WITHOUT ROWID;

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

-- Messages to attendees in their language (confirmation, waiting list,
-- promotion, cancellation, ...). Delivery by mail comes later; it will mark
-- sent_at. Bodies hold no manage token: the sender mints a fresh one.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    event_id        INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    registration_id INTEGER REFERENCES registrations(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    language        TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    sent_at         TEXT
);
CREATE INDEX outbox_event_id ON outbox(event_id, id);
CREATE INDEX outbox_registration_id ON outbox(registration_id);

-- Answers to POSTs carrying an Idempotency-Key. The key is stored only as a
-- hash and the answer encrypted under a key derived from it, so the stored
-- reply (which holds a manage token) is useless without the client's key.
CREATE TABLE idempotency_keys (
    key_hash     BLOB PRIMARY KEY,
    request_hash BLOB NOT NULL,
    status       INTEGER NOT NULL,
    sealed_body  BLOB NOT NULL,
    created_at   TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX idempotency_keys_created_at ON idempotency_keys(created_at);
CREATE INDEX audit_log_subject ON audit_log(subject, id);
