-- The front of the hall (issue 21): what a visitor leaves with a ticket (a phone for notices, the
-- card of a real-name ticket), the 一次性告知 lists, and the outbox of messages to visitors' phones.
-- phone, name, id_masked, id_hash and the outbox's phone and body are personal data: purged after the
-- retention period. No ID number is ever stored: only its keyed hash (HMAC-SHA256 with the hall's key).

CREATE TABLE ticket_contacts (
  ticket_id           TEXT PRIMARY KEY,
  day                 TEXT    NOT NULL,              -- YYYY-MM-DD, hall-local
  service_id          TEXT    NOT NULL,              -- the matter it was issued for
  phone               TEXT,                          -- for "还有 3 位", "请到 5 号窗口" and the 一次性告知 by SMS
  name                TEXT,                          -- the card holder's name (real-name tickets)
  id_masked           TEXT,                          -- 110***********1234: the only form an ID number is shown in
  id_hash             TEXT,                          -- hex HMAC-SHA256 of the ID number: one per person per service per day
  created_at          INTEGER NOT NULL,
  notified_near_at    INTEGER,
  notified_called_at  INTEGER
);
CREATE INDEX ticket_contacts_person ON ticket_contacts(day, service_id, id_hash);

-- A booking made with an ID number checks in with the card, without its code.
ALTER TABLE appointments ADD COLUMN id_hash TEXT;
CREATE INDEX appointments_id_hash ON appointments(day, id_hash);

-- 一次性告知: the materials a visitor must still bring, as the clerk typed them at the finish.
CREATE TABLE notices (
  ticket_id   TEXT    NOT NULL,
  step_index  INTEGER NOT NULL,                      -- which matter of the visit
  day         TEXT    NOT NULL,
  service_id  TEXT    NOT NULL,
  window_id   TEXT    NOT NULL,
  clerk_id    TEXT,
  items       TEXT    NOT NULL,                      -- JSON array of strings, in the clerk's order
  note        TEXT,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (ticket_id, step_index)
);
CREATE INDEX notices_day ON notices(day);

-- Messages to visitors' phones through the webhook notifier: kept until the gateway took them.
CREATE TABLE outbox (
  id          TEXT    PRIMARY KEY,                   -- the delivery id the receiver dedupes by
  dedupe      TEXT    NOT NULL UNIQUE,               -- ticket and kind: one message per occasion
  kind        TEXT    NOT NULL,                      -- near | called | notice
  day         TEXT    NOT NULL,
  ticket_id   TEXT,
  phone       TEXT,
  body        TEXT,                                  -- the JSON payload as POSTed
  status      TEXT    NOT NULL CHECK (status IN ('pending', 'sent', 'dead')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  next_at     INTEGER NOT NULL,                      -- epoch ms of the next try
  last_error  TEXT,
  created_at  INTEGER NOT NULL,
  sent_at     INTEGER
);
CREATE INDEX outbox_due ON outbox(status, next_at);
