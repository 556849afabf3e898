-- Issue 22, pairing: a device's pairing code stays readable until it is used or expires, so an
-- admin can find it again in the device list (the devices table keeps only the code's hash, which
-- pairing looks up). Shown to admins only; removed when the device pairs, is unpaired or gets a
-- new code. And when each device was last connected, for "online" / "last seen at …".
-- (Numbered 0008: 0005–0007 are taken by work landing beside this.)

CREATE TABLE device_pairing_codes (
  device_id   TEXT    PRIMARY KEY,
  code        TEXT    NOT NULL,
  expires_at  INTEGER NOT NULL
);

CREATE TABLE device_seen (
  device_id     TEXT    PRIMARY KEY,
  last_seen_at  INTEGER NOT NULL
);
