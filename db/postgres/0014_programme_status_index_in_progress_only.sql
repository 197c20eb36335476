-- 0014: the status index of prog_value covers only values still in progress (status <> 2: draft, submitted, returned).
-- Nearly every row is approved, so an index over all statuses served no query well (see db/sqlite/0014). Written from
-- 'yiju db model-script' on PostgreSQL; MigrationsMatchModel tests keep it in step with the model.

DROP INDEX ix_prog_value_status;

CREATE INDEX ix_prog_value_status ON prog_value (status) WHERE status <> 2;
