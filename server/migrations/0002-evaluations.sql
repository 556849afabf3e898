-- Ratings from the evaluator pads (好差评) and the follow-ups that bad reviews (1–2) open.

CREATE TABLE evaluations (
  id          TEXT PRIMARY KEY,
  ticket_id   TEXT    NOT NULL UNIQUE,      -- once per ticket
  day         TEXT    NOT NULL,
  number      TEXT    NOT NULL,
  service_id  TEXT    NOT NULL,
  window_id   TEXT    NOT NULL,
  clerk_id    TEXT,
  score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  aspects     TEXT,                         -- JSON {efficiency, competence, attitude}: 1–5 each (服务效率, 服务水平, 服务态度)
  reasons     TEXT,                         -- JSON array of reason codes ticked for 1–2
  comment     TEXT,
  contact     TEXT,                         -- personal data: masked in lists, purged after retention
  source      TEXT    NOT NULL,             -- 'pad-web' | 'pad-serial'
  device_id   TEXT,
  at          INTEGER NOT NULL
);
CREATE INDEX evaluations_day ON evaluations(day);

CREATE TABLE follow_ups (
  id              TEXT PRIMARY KEY,
  evaluation_id   TEXT    NOT NULL UNIQUE REFERENCES evaluations(id),
  ticket_id       TEXT    NOT NULL,
  day             TEXT    NOT NULL,
  status          TEXT    NOT NULL CHECK (status IN ('open', 'called-back', 'resolved')),
  opened_at       INTEGER NOT NULL,
  called_back_at  INTEGER,
  resolved_at     INTEGER,
  notes           TEXT    NOT NULL DEFAULT '[]'   -- JSON [{at, by, status, note}]
);
CREATE INDEX follow_ups_status ON follow_ups(status, opened_at);
