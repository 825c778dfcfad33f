-- tkvv store, version 7: why each group of a plan is merged (or, for a merge
-- candidate kept, why not), the merged group's leader offered as deputy of
-- the group it joins, and why a leader is proposed for replacement.

ALTER TABLE plan_groups ADD COLUMN reason TEXT;
ALTER TABLE plan_groups ADD COLUMN new_deputy TEXT;
ALTER TABLE plan_groups ADD COLUMN leader_reason TEXT;

-- Each organisation's groups, members and outstanding per commune before
-- (_b) and after (_a) the plan, and the tolerance it was made with
-- (percentage points of a commune's members, NULL: none).
CREATE TABLE plan_orgs (
    plan_id      INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    commune_code TEXT NOT NULL,
    org_code     TEXT NOT NULL,
    groups_b INTEGER NOT NULL, groups_a INTEGER NOT NULL,
    members_b INTEGER NOT NULL, members_a INTEGER NOT NULL,
    outstanding_b INTEGER NOT NULL, outstanding_a INTEGER NOT NULL,
    PRIMARY KEY (plan_id, commune_code, org_code)
);
ALTER TABLE plans ADD COLUMN org_tolerance REAL;
