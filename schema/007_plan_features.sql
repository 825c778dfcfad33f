-- tkvv store, version 7: why each group of a plan is merged (or, for a merge
-- candidate kept, why not), the merged group's leader offered as deputy of
-- the group it joins, and why a leader is proposed for replacement.

ALTER TABLE plan_groups ADD COLUMN reason TEXT;
ALTER TABLE plan_groups ADD COLUMN new_deputy TEXT;
ALTER TABLE plan_groups ADD COLUMN leader_reason TEXT;
