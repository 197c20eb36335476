-- 0014: the status index of prog_value covers only values still in progress (status <> 2: draft, submitted, returned).
-- Nearly every row is approved; an index over all statuses served no query well, and SQLite without statistics chose it
-- (status = 2: every approved row) over the overview's partial index of 0009, costing ~0.5 s per overview request on
-- 570,000 values. Written from 'yiju db model-script' on SQLite; MigrationsMatchModel tests keep it in step with the model.

DROP INDEX "ix_prog_value_status";

CREATE INDEX "ix_prog_value_status" ON "prog_value" ("status") WHERE status <> 2;
