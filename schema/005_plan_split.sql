-- tkvv store, version 5: groups_split (regroup-metrics.md) of each plan's
-- hamlets before and after, and of each trade-off row; NULL on plans made
-- before it was measured.

ALTER TABLE plan_hamlets ADD COLUMN b_groups_split INTEGER;
ALTER TABLE plan_hamlets ADD COLUMN a_groups_split INTEGER;
ALTER TABLE plan_tradeoff ADD COLUMN groups_split INTEGER;
