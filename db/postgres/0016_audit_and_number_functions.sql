-- 0016: the two serial points of every save on PostgreSQL, taken out of the client's round trips: the audit chain
-- append (YijuDb.SaveChangesAsync) and the day's ticket number (Hotline TicketNumbers.Next).
-- Appending to the chain needs one writer at a time (read the last link, hash, insert). Done from the application, the
-- chain lock was held across client round trips (the append, then COMMIT), and with many requests in flight on a busy
-- machine every save in the city queued behind them. Now the application stages its rows without any lock
-- (yiju_audit_stage), and a deferred constraint trigger links them into the chain while the transaction commits: the
-- lock is taken and released inside the server's commit, with no round trip in between. The hash is the one
-- AuditChain.ComputeHash defines (SHA-256 over the fields joined by newlines, the time as .NET ticks, an absent snapshot
-- as U+2205), so the C# verifier checks every row.

CREATE TABLE sys_audit_pending (
    id bigserial NOT NULL,
    at timestamp with time zone NOT NULL,
    at_ticks bigint NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    entity_type text NOT NULL,
    entity_id text NOT NULL,
    before text,
    after text,
    CONSTRAINT pk_sys_audit_pending PRIMARY KEY (id)
);

-- p_async_commit: YijuDb owns the transaction and waits for the WAL flush itself after committing (FlushCommitted), so
-- the commit, and with it the chain lock, does not wait for the disk; false when a caller's transaction commits normally.
CREATE FUNCTION yiju_audit_stage(
    p_at timestamp with time zone, p_at_ticks bigint, p_actor text, p_action text[], p_entity_type text[],
    p_entity_id text[], p_before text[], p_after text[], p_async_commit boolean)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF p_async_commit THEN
        PERFORM set_config('synchronous_commit', 'off', true);
    END IF;
    INSERT INTO sys_audit_pending (at, at_ticks, actor, action, entity_type, entity_id, before, after)
    SELECT p_at, p_at_ticks, p_actor, a, t, i, b, f
    FROM unnest(p_action, p_entity_type, p_entity_id, p_before, p_after) WITH ORDINALITY AS u(a, t, i, b, f, n)
    ORDER BY n;
END
$$;

-- Fires at commit once per staged row, in staging order, and links that row: the lock (taken again by each firing;
-- held until the commit ends), the last link, the hash, the insert, and the staged row removed.
CREATE FUNCTION yiju_audit_seal()
RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    v_seq bigint;
    v_prev text;
    v_hash text;
    v_none text := chr(8709);
BEGIN
    PERFORM pg_advisory_xact_lock(7411);
    SELECT seq, hash INTO v_seq, v_prev FROM sys_audit_entry ORDER BY seq DESC LIMIT 1;
    IF NOT FOUND THEN
        v_seq := 0;
        v_prev := repeat('0', 64);
    END IF;
    v_seq := v_seq + 1;
    v_hash := encode(sha256(convert_to(concat_ws(E'\n', v_seq::text, NEW.at_ticks::text, NEW.actor, NEW.action,
        NEW.entity_type, NEW.entity_id, coalesce(NEW.before, v_none), coalesce(NEW.after, v_none), v_prev), 'UTF8')), 'hex');
    INSERT INTO sys_audit_entry (seq, at, actor, action, entity_type, entity_id, before, after, prev_hash, hash)
    VALUES (v_seq, NEW.at, NEW.actor, NEW.action, NEW.entity_type, NEW.entity_id, NEW.before, NEW.after, v_prev, v_hash);
    DELETE FROM sys_audit_pending WHERE id = NEW.id;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER tr_sys_audit_pending_seal AFTER INSERT ON sys_audit_pending
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION yiju_audit_seal();

-- The day's next ticket number (Hotline TicketNumbers.Next) as one autocommitted statement. The counter row stays locked
-- until its transaction ends; committed synchronously, every ticket of the day would wait for the previous one's WAL
-- flush, so this transaction commits without waiting: the ticket saved with the number commits after it and its commit
-- is flushed, WAL in order, before the ticket is acknowledged, so the number of an acknowledged ticket is never lost or
-- issued twice.
CREATE FUNCTION yiju_next_ticket_number(p_prefix text, p_day text)
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    v_number integer;
BEGIN
    PERFORM set_config('synchronous_commit', 'off', true);
    INSERT INTO hotline_number_counter (prefix, day, last_number) VALUES (p_prefix, p_day, 1)
    ON CONFLICT (prefix, day) DO UPDATE SET last_number = hotline_number_counter.last_number + 1
    RETURNING last_number INTO v_number;
    RETURN v_number;
END
$$;
