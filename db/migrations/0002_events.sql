-- Events and their programme: rooms, sessions with speakers, registration
-- questions, the staff who may change an event, and the event an audit row
-- belongs to. Times are canonical RFC 3339 UTC text ("2026-12-06T01:00:00Z"),
-- so text comparison is time comparison.
CREATE TABLE events (
    id                     INTEGER PRIMARY KEY,
    slug                   TEXT NOT NULL UNIQUE,
    title_en               TEXT NOT NULL DEFAULT '',
    title_zh               TEXT NOT NULL DEFAULT '',
    description_en         TEXT NOT NULL DEFAULT '',
    description_zh         TEXT NOT NULL DEFAULT '',
    venue                  TEXT NOT NULL DEFAULT '',
    timezone               TEXT NOT NULL,
    starts_at              TEXT NOT NULL,
    ends_at                TEXT NOT NULL,
    capacity               INTEGER CHECK (capacity IS NULL OR capacity >= 0),
    status                 TEXT NOT NULL CHECK (status IN ('draft', 'published', 'closed')),
    registration_opens_at  TEXT,
    registration_closes_at TEXT,
    requires_approval      INTEGER NOT NULL DEFAULT 0,
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX events_starts_at ON events(starts_at);

CREATE TABLE event_staff (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    added_at TEXT NOT NULL,
    PRIMARY KEY (event_id, user_id)
) WITHOUT ROWID;
CREATE INDEX event_staff_user_id ON event_staff(user_id);

-- Options are a small JSON array [{"value","label":{"en","zh"}}] read and
-- written only as a whole with its question.
CREATE TABLE event_questions (
    id           INTEGER PRIMARY KEY,
    event_id     INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    key          TEXT NOT NULL,
    type         TEXT NOT NULL CHECK (type IN ('short_text', 'long_text', 'single_choice', 'multiple_choice', 'consent')),
    label_en     TEXT NOT NULL DEFAULT '',
    label_zh     TEXT NOT NULL DEFAULT '',
    required     INTEGER NOT NULL DEFAULT 0,
    options_json TEXT NOT NULL DEFAULT '[]',
    UNIQUE (event_id, key)
);

CREATE TABLE rooms (
    id       INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    capacity INTEGER CHECK (capacity IS NULL OR capacity >= 0),
    UNIQUE (event_id, name COLLATE NOCASE)
);

CREATE TABLE sessions (
    id              INTEGER PRIMARY KEY,
    event_id        INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    -- Random, set once: calendar clients match edits of a session by it.
    uid             TEXT NOT NULL UNIQUE,
    sequence        INTEGER NOT NULL DEFAULT 0,
    title_en        TEXT NOT NULL DEFAULT '',
    title_zh        TEXT NOT NULL DEFAULT '',
    abstract_en     TEXT NOT NULL DEFAULT '',
    abstract_zh     TEXT NOT NULL DEFAULT '',
    kind            TEXT NOT NULL CHECK (kind IN ('plenary', 'keynote', 'panel', 'roundtable', 'workshop', 'ceremony', 'break', 'other')),
    starts_at       TEXT NOT NULL,
    ends_at         TEXT NOT NULL,
    room_id         INTEGER REFERENCES rooms(id),
    capacity        INTEGER CHECK (capacity IS NULL OR capacity >= 0),
    requires_signup INTEGER NOT NULL DEFAULT 0,
    track           TEXT NOT NULL DEFAULT '',
    topic           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX sessions_event_starts ON sessions(event_id, starts_at);
CREATE INDEX sessions_room_starts ON sessions(room_id, starts_at);

CREATE TABLE session_speakers (
    session_id   INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    organization TEXT NOT NULL DEFAULT '',
    country      TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL CHECK (role IN ('speaker', 'moderator', 'panelist')),
    PRIMARY KEY (session_id, position)
) WITHOUT ROWID;
CREATE INDEX session_speakers_name ON session_speakers(name COLLATE NOCASE);

ALTER TABLE audit_log ADD COLUMN event_id INTEGER REFERENCES events(id) ON DELETE CASCADE;
CREATE INDEX audit_log_event_id ON audit_log(event_id, id);
