-- Issue 19, hardening: a password that must be changed at the next sign-in (the first admin's
-- generated one), and what supervisors need to see a booking flood: the address a public booking
-- came from (personal data: purged with names and phones) and whether its phone was verified.

ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
