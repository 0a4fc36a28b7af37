-- The event log: append-only, one row per event, in one global order.
-- `position` is the global order; (stream, version) is unique, so two writers
-- can never both append version N to a stream.
CREATE TABLE events (
    position    INTEGER PRIMARY KEY,
    stream      TEXT    NOT NULL,
    category    TEXT    NOT NULL,
    version     INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    occurred_on TEXT    NOT NULL, -- the business day, YYYY-MM-DD
    recorded_at TEXT    NOT NULL, -- RFC 3339 timestamp
    actor       TEXT    NOT NULL,
    reason      TEXT,
    payload     TEXT    NOT NULL, -- the domain event as JSON
    UNIQUE (stream, version)
);

CREATE INDEX events_by_category ON events (category, position);

-- The current version of every stream: the optimistic-concurrency check reads
-- one row instead of the log. `last_position` tells a rebuild when a stream
-- is complete.
CREATE TABLE streams (
    stream        TEXT    PRIMARY KEY,
    category      TEXT    NOT NULL,
    version       INTEGER NOT NULL,
    last_position INTEGER NOT NULL
) WITHOUT ROWID;
