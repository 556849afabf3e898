-- The hall's store. `events` is the append-only log of every change; the other tables hold the
-- current state and are written in the same transaction as the events that changed them.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE events (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  day        TEXT    NOT NULL,
  at         INTEGER NOT NULL,
  type       TEXT    NOT NULL,
  ticket_id  TEXT,
  window_id  TEXT,
  actor      TEXT,
  data       TEXT    NOT NULL
);
CREATE INDEX events_day ON events(day, seq);
CREATE INDEX events_ticket ON events(ticket_id);

CREATE TABLE tickets (
  id           TEXT PRIMARY KEY,
  day          TEXT    NOT NULL,
  number       TEXT    NOT NULL,
  service_id   TEXT    NOT NULL,
  priority     TEXT    NOT NULL,
  status       TEXT    NOT NULL,
  issued_at    INTEGER NOT NULL,
  track_token  TEXT    NOT NULL UNIQUE,
  data         TEXT    NOT NULL,
  UNIQUE (day, number)
);
CREATE INDEX tickets_day ON tickets(day, status);

CREATE TABLE windows (
  id    TEXT PRIMARY KEY,
  day   TEXT NOT NULL,
  data  TEXT NOT NULL
);

CREATE TABLE users (
  id             TEXT PRIMARY KEY,
  username       TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name           TEXT NOT NULL,
  role           TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'clerk', 'guide')),
  password_hash  TEXT NOT NULL,
  windows        TEXT,             -- JSON array of window ids a clerk may staff; NULL = any
  disabled       INTEGER NOT NULL DEFAULT 0,
  created_at     INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash  TEXT PRIMARY KEY,
  user_id     TEXT NOT NULL REFERENCES users(id),
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  revoked_at  INTEGER
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE devices (
  id                 TEXT PRIMARY KEY,
  kind               TEXT NOT NULL CHECK (kind IN ('kiosk', 'display', 'window-screen', 'pad')),
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

CREATE TABLE idempotency (
  scope     TEXT NOT NULL,
  key       TEXT NOT NULL,
  day       TEXT NOT NULL,
  status    INTEGER NOT NULL,
  response  TEXT NOT NULL,
  PRIMARY KEY (scope, key, day)
);

CREATE TABLE alerts (
  id               TEXT PRIMARY KEY,
  kind             TEXT NOT NULL,
  level            TEXT NOT NULL,
  subject          TEXT,
  message          TEXT NOT NULL,
  raised_at        INTEGER NOT NULL,
  acknowledged_at  INTEGER,
  acknowledged_by  TEXT
);
CREATE INDEX alerts_open ON alerts(acknowledged_at, raised_at);

CREATE TABLE audit (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  at      INTEGER NOT NULL,
  actor   TEXT,
  action  TEXT NOT NULL,
  target  TEXT,
  detail  TEXT,
  ip      TEXT
);
