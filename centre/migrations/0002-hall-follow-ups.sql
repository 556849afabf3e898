-- What a hall did about a bad review (its supervisors' call-backs and resolutions): projected from
-- the hall's follow-up.recorded events, so the district sees it beside its own follow_up_actions.
CREATE TABLE hall_follow_ups (
  hall_id   text   NOT NULL,
  seq       bigint NOT NULL,
  ticket_id text   NOT NULL,
  status    text   NOT NULL CHECK (status IN ('called-back', 'resolved')),
  note      text   NOT NULL,
  by_name   text   NOT NULL,
  at        bigint NOT NULL,              -- epoch ms
  PRIMARY KEY (hall_id, seq)
);
CREATE INDEX hall_follow_ups_ticket ON hall_follow_ups (hall_id, ticket_id);
