-- 0019: open tickets' character-pair codes are stored (search_grams), computed by Yiju when a ticket is saved
-- (Hotline Data/TicketTextSearch.cs), instead of by the SQL expression index of 0017: evaluated by PostgreSQL for
-- every new ticket, that function was a third of a millisecond of its CPU per ticket, and its text keys compared
-- under the database collation. A code is a × 65536 + b for the code points a, b of two adjacent characters, wrapped
-- to a signed 32-bit integer. The column is null on closed and merged tickets, which the index leaves out anyway.

ALTER TABLE hotline_ticket ADD COLUMN search_grams integer[];
-- No statistics: searches read the index as an id set, and gathering the most common elements of 120-odd codes per
-- sampled ticket made every ANALYZE of the busiest table dear.
ALTER TABLE hotline_ticket ALTER COLUMN search_grams SET STATISTICS 0;

-- Backfill the open tickets with exactly the codes TicketTextSearch.Codes gives (an integration test compares both);
-- slow, and used only here.
CREATE FUNCTION pg_temp.yiju_search_codes(p_text text)
RETURNS integer[]
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(array_agg(DISTINCT code ORDER BY code), '{}')
    FROM (SELECT CASE WHEN v >= 2147483648 THEN v - 4294967296 ELSE v END::integer AS code
          FROM (SELECT (ascii(substr(p_text, i, 1))::bigint * 65536 + ascii(substr(p_text, i + 1, 1))) % 4294967296 AS v
                FROM generate_series(1, length(p_text) - 1) i) pairs) codes
$$;

UPDATE hotline_ticket SET search_grams = pg_temp.yiju_search_codes(text || E'\n' || coalesce(address, ''))
WHERE status <> 7 AND status <> 8;

DROP INDEX ix_hotline_ticket_search_grams;
DROP FUNCTION yiju_search_grams(text, text);

-- New tickets' codes go to the index's pending list; Yiju merges it every second (Hotline Data/SearchIndexCleaner.cs),
-- so the limit at which a writer would have to merge it is raised from 4 MB to 16 MB (about 6,000 tickets).
CREATE INDEX ix_hotline_ticket_search_grams ON hotline_ticket USING gin (search_grams) WITH (gin_pending_list_limit = 16384)
    WHERE status <> 7 AND status <> 8;
