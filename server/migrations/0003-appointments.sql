-- Bookings (预约): a slot of a service on a day, checked in at a kiosk for a ticket.
-- name and phone are personal data: shown masked, purged after the retention period.

CREATE TABLE appointments (
  id                  TEXT PRIMARY KEY,
  code                TEXT    NOT NULL UNIQUE,       -- 8 characters, unambiguous alphabet; the visitor's proof
  service_id          TEXT    NOT NULL,
  day                 TEXT    NOT NULL,              -- YYYY-MM-DD, hall-local
  slot_start          INTEGER NOT NULL,              -- epoch ms
  slot_end            INTEGER NOT NULL,
  name                TEXT,
  phone               TEXT,
  status              TEXT    NOT NULL CHECK (status IN ('booked', 'checked-in', 'cancelled', 'expired')),
  ticket_id           TEXT,
  channel             TEXT    NOT NULL,              -- 'public' | 'guide' | 'supervisor' | 'admin'
  created_by          TEXT,
  created_at          INTEGER NOT NULL,
  checked_in_at       INTEGER,
  cancelled_at        INTEGER,
  notified_near_at    INTEGER,                       -- "N places away" sent
  notified_called_at  INTEGER                        -- "it's your turn" sent
);

-- One active booking per phone per service per day (a checked-in booking stays active).
CREATE UNIQUE INDEX appointments_one_per_phone ON appointments(phone, service_id, day)
  WHERE status IN ('booked', 'checked-in') AND phone IS NOT NULL;
CREATE INDEX appointments_slot ON appointments(service_id, slot_start, status);
CREATE INDEX appointments_day ON appointments(day, slot_start);
CREATE INDEX appointments_ticket ON appointments(ticket_id);
