-- Device agents (docs/agent.md): a device kind of their own, and the print jobs the hall keeps for
-- them until the agent says a job is finished (every ticket prints once).

-- SQLite cannot change a CHECK constraint in place: the table is rebuilt with the same columns.
CREATE TABLE devices_next (
  id                 TEXT PRIMARY KEY,
  kind               TEXT NOT NULL CHECK (kind IN ('kiosk', 'display', 'window-screen', 'pad', 'agent')),
  name               TEXT NOT NULL,
  window_id          TEXT,
  kiosk_id           TEXT,
  pairing_code_hash  TEXT UNIQUE,
  code_expires_at    INTEGER,
  token_hash         TEXT UNIQUE,
  paired_at          INTEGER,
  revoked_at         INTEGER,
  created_at         INTEGER NOT NULL
);
INSERT INTO devices_next (id, kind, name, window_id, kiosk_id, pairing_code_hash, code_expires_at, token_hash, paired_at, revoked_at, created_at)
  SELECT id, kind, name, window_id, kiosk_id, pairing_code_hash, code_expires_at, token_hash, paired_at, revoked_at, created_at FROM devices;
DROP TABLE devices;
ALTER TABLE devices_next RENAME TO devices;

-- One row per slip to print through an agent, written in the transaction that issued its ticket.
CREATE TABLE print_jobs (
  id           TEXT PRIMARY KEY,
  kiosk_id     TEXT NOT NULL,
  ticket_id    TEXT,                -- null for a test slip
  number       TEXT NOT NULL,
  bytes        BLOB NOT NULL,       -- the slip as ESC/POS, laid out when the ticket was issued
  created_at   INTEGER NOT NULL,
  sent_count   INTEGER NOT NULL DEFAULT 0,
  finished_at  INTEGER,
  outcome      TEXT CHECK (outcome IN ('printed', 'unconfirmed', 'expired')),
  device_id    TEXT                 -- the agent that finished it
);
CREATE INDEX print_jobs_open ON print_jobs(kiosk_id, finished_at, created_at);
