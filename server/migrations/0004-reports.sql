-- Reports: each finished business day's report, archived at the daily reset (the hall's record of
-- 办件量, waits and 满意率 as they stood when the day closed).

CREATE TABLE report_archive (
  day         TEXT    PRIMARY KEY,      -- YYYY-MM-DD, the business day
  json        TEXT    NOT NULL,         -- the day report (hall scope), as GET /api/reports/day returns it
  created_at  INTEGER NOT NULL
);
