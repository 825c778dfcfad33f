-- tkvv store: what the field rules need (programmes' rate tolerance, loans
-- meant to break a programme's ceiling or rate, a lookup of national IDs).
-- Duplicate national IDs in an existing file are not refused here: `tkvv
-- check` reports them, and import and the forms refuse new ones.

-- How far (percent of the programme's rate) a loan's rate may be from it.
ALTER TABLE programs ADD COLUMN rate_tolerance_pct INTEGER NOT NULL DEFAULT 25
    CHECK (rate_tolerance_pct BETWEEN 0 AND 1000);

-- 1 when the officer said a loan above its programme's ceiling, or at a
-- rate far from the programme's, is intended.
ALTER TABLE loans ADD COLUMN override INTEGER NOT NULL DEFAULT 0 CHECK (override IN (0, 1));

CREATE INDEX members_national_id ON members(national_id) WHERE national_id IS NOT NULL;
