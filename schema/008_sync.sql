-- Offline sync between the office and the laptops (issue 14).
-- This database's site: one row once `tkvv sync init` has run; until then
-- nothing is recorded.
CREATE TABLE sync_site (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    name     TEXT NOT NULL CHECK (name <> ''),
    role     TEXT NOT NULL CHECK (role IN ('office', 'laptop')),
    communes TEXT NOT NULL DEFAULT '',     -- a laptop's scope: commune codes, comma-separated
    made_at  TEXT NOT NULL DEFAULT (datetime('now'))
);
-- What was last exchanged with each peer.
CREATE TABLE sync_peer (
    name     TEXT PRIMARY KEY,
    sent_seq INTEGER NOT NULL DEFAULT 0,   -- our sync_log rows up to this one went to the peer
    at       TEXT NOT NULL DEFAULT (datetime('now'))
);
-- The changes of each committed write transaction, as SQLite's session
-- extension recorded them, written in the same transaction as the change.
CREATE TABLE sync_log (
    seq       INTEGER PRIMARY KEY,
    who       TEXT NOT NULL,
    at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    changeset BLOB NOT NULL
);
