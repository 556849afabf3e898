-- Issue 19, hardening: a password that must be changed at the next sign-in (the first admin's
-- generated one), and what supervisors need to see a booking flood: the address a public booking
-- came from (personal data: purged with names and phones) and whether its phone was verified.

ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;

ALTER TABLE appointments ADD COLUMN ip TEXT;                                   -- the client address of a public booking
ALTER TABLE appointments ADD COLUMN phone_verified INTEGER NOT NULL DEFAULT 0; -- a one-time code sent to the phone was typed back
ALTER TABLE appointments ADD COLUMN cancelled_by TEXT;                         -- 'user:<id>' when a supervisor released it
CREATE INDEX appointments_ip ON appointments(ip, day) WHERE ip IS NOT NULL;
CREATE INDEX appointments_phone_day ON appointments(phone, day) WHERE phone IS NOT NULL;

-- One-time codes sent to phones before a public booking (when the hall verifies phones).
CREATE TABLE phone_codes (
  phone       TEXT    PRIMARY KEY,
  code_hash   TEXT    NOT NULL,
  expires_at  INTEGER NOT NULL,
  attempts    INTEGER NOT NULL DEFAULT 0,
  sent_at     INTEGER NOT NULL
);
