-- Check-in: kiosk devices, every scan as it happened, who is present where,
-- and the answers already given to each device's nonces.
CREATE TABLE kiosks (
    id           INTEGER PRIMARY KEY,
    event_id     INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    -- Set: the kiosk admits to this session's room; NULL: the event entrance.
    -- Deleting a session revokes its kiosks first (so they are told), then
    -- this only clears the reference.
    session_id   INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
    token_hash   BLOB NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    revoked_at   TEXT,
    last_seen_at TEXT
);
CREATE INDEX kiosks_event_id ON kiosks(event_id);

-- One row per accepted scan (in or out). scope is 0 for the event entrance,
-- else the session id, so one index serves both.
CREATE TABLE checkins (
    id              INTEGER PRIMARY KEY,
    event_id        INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    registration_id INTEGER NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    scope           INTEGER NOT NULL,
    direction       TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    kiosk_id        INTEGER REFERENCES kiosks(id) ON DELETE SET NULL,
    user_id         INTEGER REFERENCES users(id) ON DELETE SET NULL,
    device_name     TEXT NOT NULL,
    scanned_at      TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    offline         INTEGER NOT NULL DEFAULT 0,
    -- An offline "in" for someone already inside: a fact, but a conflict.
    conflict        INTEGER NOT NULL DEFAULT 0,
    undone_at       TEXT,
    undo_reason     TEXT
);
CREATE INDEX checkins_registration ON checkins(registration_id, scope, id);
CREATE INDEX checkins_event ON checkins(event_id, id);

-- Who has been admitted and who is inside now, per registration and scope;
-- rebuilt for one pair from checkins whenever a check-in is undone.
CREATE TABLE attendance (
    registration_id  INTEGER NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    scope            INTEGER NOT NULL,
    event_id         INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    first_checkin_id INTEGER NOT NULL,
    first_at         TEXT NOT NULL,
    first_device     TEXT NOT NULL,
    inside           INTEGER NOT NULL,
    PRIMARY KEY (registration_id, scope)
) WITHOUT ROWID;
CREATE INDEX attendance_event_scope ON attendance(event_id, scope);

CREATE TABLE checkin_nonces (
    device     TEXT NOT NULL,
    nonce      TEXT NOT NULL,
    answer     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (device, nonce)
) WITHOUT ROWID;
CREATE INDEX checkin_nonces_created_at ON checkin_nonces(created_at);

