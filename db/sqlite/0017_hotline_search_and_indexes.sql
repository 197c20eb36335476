-- 0017: as on PostgreSQL, the one-column status index is dropped (the status filters that matter are over open
-- tickets, which the partial indexes of 0012 serve) and open tickets get a category index for the queue's category
-- filter. PostgreSQL's character-pair text search index has no SQLite counterpart: SQLite searches by scanning, which
-- suits the small deployments it serves.

DROP INDEX "ix_hotline_ticket_status";

-- Open tickets by category, for the queue's category filter.
CREATE INDEX "ix_hotline_ticket_category_code" ON "hotline_ticket" ("category_code") WHERE status <> 7 AND status <> 8;

-- The queue's overdue filter, one index per arm of its OR.
CREATE INDEX "ix_hotline_ticket_sign_for_due_utc" ON "hotline_ticket" ("sign_for_due_utc") WHERE status = 2;

CREATE INDEX "ix_hotline_ticket_handling_due_utc" ON "hotline_ticket" ("handling_due_utc") WHERE status IN (2, 3);
