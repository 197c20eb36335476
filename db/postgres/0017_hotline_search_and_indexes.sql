-- 0017: the hotline queue on two million tickets: indexed search of open tickets' text and address (Hotline
-- Data/TicketTextSearch.cs), fresher statistics for the open tickets, the one-column status index dropped, indexes for
-- the category and overdue filters, no parallel plans on tickets.
-- Most Chinese search words are two characters, which pg_trgm cannot index (a trigram needs three), so the index holds
-- each open ticket's distinct pairs of adjacent characters; a search asks for all of the word's pairs (GIN, @>), then
-- checks the word itself (TicketTextSearch.Candidates reads the index as an id set, so no row's pairs are
-- recomputed; COST tells the planner the function is dear). Only open tickets (status not Closed = 7 or Merged = 8),
-- like the work-queue indexes of 0012: the queue searches them, and the index stays small however many are closed.

CREATE FUNCTION yiju_search_grams(p_text text, p_address text)
RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE COST 1000 AS $$
    SELECT coalesce(array_agg(DISTINCT substr(s, i, 2)), '{}')
    FROM (SELECT p_text || E'\n' || coalesce(p_address, '') AS s) x, generate_series(1, length(s) - 1) i
$$;

CREATE INDEX ix_hotline_ticket_search_grams ON hotline_ticket USING gin (yiju_search_grams(text, address)) WHERE status <> 7 AND status <> 8;

-- Open tickets are a few percent of the table and change all day; with the default thresholds (20% of two million rows)
-- the planner's picture of them would be weeks old. Analyse after about 1% has changed, vacuum after 2% (which also
-- keeps the visibility map fresh for the KPI dashboard's index-only scans).
ALTER TABLE hotline_ticket SET (autovacuum_analyze_scale_factor = 0.01, autovacuum_vacuum_scale_factor = 0.02);

-- Every status filter that matters is over open tickets, which the partial indexes of 0012 and this one serve; the
-- one-column status index only misled the planner into building bitmaps of all open tickets, and cost every write.
DROP INDEX ix_hotline_ticket_status;

-- Open tickets by category, for the queue's category filter ("code = x OR code LIKE 'x.%'"): pattern operators make
-- the prefix an index range whatever the database's collation.
CREATE INDEX ix_hotline_ticket_category_code ON hotline_ticket (category_code varchar_pattern_ops) WHERE status <> 7 AND status <> 8;

-- No parallel plans on the ticket table: on a small server, starting workers costs more than the queue's and the
-- dashboard's scans (the queue's count of open tickets took 29 ms in parallel, 6 ms of it work).
ALTER TABLE hotline_ticket SET (parallel_workers = 0);

-- The queue's overdue filter, one index per arm of its OR (sign-for due while dispatched = 2; handling due while
-- dispatched or in handling = 3): the planner reads the few overdue tickets instead of every open one (140 → 7 ms).
CREATE INDEX ix_hotline_ticket_sign_for_due_utc ON hotline_ticket (sign_for_due_utc) WHERE status = 2;

CREATE INDEX ix_hotline_ticket_handling_due_utc ON hotline_ticket (handling_due_utc) WHERE status IN (2, 3);
