-- 0017: the one-column status index is dropped, as on PostgreSQL: status filters that matter are over open tickets,
-- which the partial indexes of 0012 serve. (The character-pair text search index of PostgreSQL's 0017 has no SQLite
-- counterpart; SQLite searches by scanning, which suits the small deployments it serves.)

DROP INDEX "ix_hotline_ticket_status";
