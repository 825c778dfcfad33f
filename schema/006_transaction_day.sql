-- tkvv store: the commune's transaction day (ngày giao dịch), the day of
-- each month on which the month's interest is due and collected at the
-- commune point (quality-metrics.md).
ALTER TABLE communes ADD COLUMN transaction_day INTEGER NOT NULL DEFAULT 25
    CHECK (transaction_day BETWEEN 1 AND 28);
