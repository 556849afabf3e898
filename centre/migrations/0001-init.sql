-- The district centre's store. Three kinds of tables:
--   the halls' events (the truth, as each hall logged them), with each hall's ingest cursor;
--   projections of those events (visits, windows, ratings, printers, alerts, per-day counters),
--     written in the same transaction as the events and rebuilt from them by `npm run centre:rebuild`;
--   the centre's own records: halls and their keys, users, sessions, catalogue versions,
--     settings, the district's follow-up actions, audit.

CREATE TABLE halls (
  id           text PRIMARY KEY,
  name         text NOT NULL,
  level        text NOT NULL CHECK (level IN ('centre', 'street', 'community')),
  parent_id    text REFERENCES halls(id),
  region_code  text,
  key_hash     text NOT NULL UNIQUE,          -- sha256 of the hall's key: the key itself is shown once
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- The last seq stored per hall: a batch is accepted only if it continues from here (no gap, no twice).
CREATE TABLE hall_cursors (
  hall_id      text PRIMARY KEY REFERENCES halls(id),
  shipped_seq  bigint NOT NULL DEFAULT 0,
  shipped_at   timestamptz
);

-- The hall's latest heartbeat: liveness, how far its own log has gone, what it runs now
-- (service names and targets, estimates). Not a figure of the past: only the newest is kept.
CREATE TABLE hall_heartbeats (
  hall_id      text PRIMARY KEY REFERENCES halls(id),
  received_at  timestamptz NOT NULL,
  body         jsonb NOT NULL
);

-- Every hall's log, exactly once: (hall, seq) is unique because the cursor above admits each seq
-- once; the primary key carries `day` because a partitioned table's keys must include its partition key.
CREATE TABLE events (
  hall_id      text   NOT NULL,
  seq          bigint NOT NULL,
  day          date   NOT NULL,              -- the hall's business day
  at           bigint NOT NULL,              -- epoch ms
  type         text   NOT NULL,
  ticket_id    text,
  window_id    text,
  actor        text,
  data         jsonb  NOT NULL,
  detail       jsonb,
  received_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hall_id, seq, day)
) PARTITION BY RANGE (day);
-- Monthly partitions (events_YYYYMM) are created ahead and on demand by the centre.

-- Projections ---------------------------------------------------------------------------------

-- Where each hall's projection stands, and its business day.
CREATE TABLE hall_projection (
  hall_id        text PRIMARY KEY,
  projected_seq  bigint NOT NULL DEFAULT 0,
  day            date,
  last_event_at  bigint
);

-- One matter (step) of a ticket, folded from the ticket events as the hall's own reports fold them.
CREATE TABLE visits (
  hall_id     text    NOT NULL,
  ticket_id   text    NOT NULL,
  step        integer NOT NULL,
  day         date    NOT NULL,
  number      text    NOT NULL,
  priority    text    NOT NULL,
  service_id  text    NOT NULL,
  issued_at   bigint  NOT NULL,
  queued_at   bigint  NOT NULL,
  wait_from   bigint  NOT NULL,
  called_at   bigint,
  window_id   text,
  clerk_id    text,
  started_at  bigint,
  ended_at    bigint,
  end_kind    text,                            -- done | no-show | transferred | cancelled | expired
  outcome     text,
  reason      text,
  flagged     boolean NOT NULL DEFAULT false,
  current     boolean NOT NULL,                -- the ticket's latest matter
  PRIMARY KEY (hall_id, ticket_id, step)
);
CREATE INDEX visits_day ON visits (day, hall_id);
CREATE INDEX visits_waiting ON visits (hall_id, service_id, wait_from) WHERE called_at IS NULL AND end_kind IS NULL;

CREATE TABLE window_states (
  hall_id            text NOT NULL,
  window_id          text NOT NULL,
  status             text NOT NULL,              -- closed | open | paused
  clerk_id           text,
  pause_reason       text,
  since              bigint NOT NULL,
  current_ticket_id  text,
  PRIMARY KEY (hall_id, window_id)
);

CREATE TABLE ratings (
  hall_id     text     NOT NULL,
  ticket_id   text     NOT NULL,
  day         date     NOT NULL,
  number      text     NOT NULL,
  service_id  text     NOT NULL,
  window_id   text     NOT NULL,
  clerk_id    text,
  clerk_name  text,
  score       smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
  reasons     jsonb    NOT NULL DEFAULT '[]',
  aspects     jsonb,
  channel     text     NOT NULL,
  at          bigint   NOT NULL,
  seq         bigint   NOT NULL,
  PRIMARY KEY (hall_id, ticket_id)
);
CREATE INDEX ratings_at ON ratings (at);
CREATE INDEX ratings_day ON ratings (day, hall_id);

CREATE TABLE printer_states (
  hall_id   text NOT NULL,
  kiosk_id  text NOT NULL,
  state     text NOT NULL,
  detail    text,
  at        bigint NOT NULL,
  PRIMARY KEY (hall_id, kiosk_id)
);

CREATE TABLE hall_alerts (
  hall_id          text NOT NULL,
  alert_id         text NOT NULL,
  kind             text NOT NULL,
  level            text NOT NULL,
  message          text NOT NULL,
  subject          text,
  raised_at        bigint NOT NULL,
  acknowledged_at  bigint,
  PRIMARY KEY (hall_id, alert_id)
);
CREATE INDEX hall_alerts_open ON hall_alerts (hall_id) WHERE acknowledged_at IS NULL;

-- Per hall and business day: what the wall shows at a glance.
CREATE TABLE hall_days (
  hall_id  text    NOT NULL,
  day      date    NOT NULL,
  issued   integer NOT NULL DEFAULT 0,
  served   integer NOT NULL DEFAULT 0,
  rated    integer NOT NULL DEFAULT 0,
  good     integer NOT NULL DEFAULT 0,
  bad      integer NOT NULL DEFAULT 0,
  PRIMARY KEY (hall_id, day)
);

-- The centre's own records ----------------------------------------------------------------------

CREATE TABLE users (
  id             text PRIMARY KEY,
  username       text NOT NULL UNIQUE,
  name           text NOT NULL,
  role           text NOT NULL CHECK (role IN ('admin', 'district', 'hall-viewer')),
  hall_id        text REFERENCES halls(id),
  password_hash  text NOT NULL,
  disabled       boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((role = 'hall-viewer') = (hall_id IS NOT NULL))
);

CREATE TABLE sessions (
  token_hash  text PRIMARY KEY,
  user_id     text NOT NULL REFERENCES users(id),
  expires_at  timestamptz NOT NULL
);

CREATE TABLE catalogue_versions (
  version       integer PRIMARY KEY,
  services      jsonb NOT NULL,
  published_at  timestamptz NOT NULL DEFAULT now(),
  published_by  text
);

CREATE TABLE settings (
  key    text PRIMARY KEY,
  value  jsonb NOT NULL
);

-- What the district did about a bad review (call-back, resolution): the centre's own events.
CREATE TABLE follow_up_actions (
  id        bigserial PRIMARY KEY,
  hall_id   text NOT NULL,
  ticket_id text NOT NULL,
  status    text NOT NULL CHECK (status IN ('called-back', 'resolved')),
  note      text NOT NULL,
  by_user   text NOT NULL,
  at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX follow_up_actions_ticket ON follow_up_actions (hall_id, ticket_id);

CREATE TABLE audit (
  id      bigserial PRIMARY KEY,
  at      timestamptz NOT NULL DEFAULT now(),
  actor   text,
  action  text NOT NULL,
  target  text,
  detail  jsonb,
  ip      text
);
