-- 0017: as on PostgreSQL, the one-column status index is dropped (the status filters that matter are over open
-- tickets, which the partial indexes of 0012 serve) and open tickets get a category index for the queue's category
-- filter. PostgreSQL's character-pair text search index has no SQLite counterpart: SQLite searches by scanning, which
-- suits the small deployments it serves.

DROP INDEX "ix_hotline_ticket_status";

-- Open tickets by category, for the queue's category filter.
CREATE INDEX "ix_hotline_ticket_category_code" ON "hotline_ticket" ("category_code") WHERE status <> 7 AND status <> 8;
