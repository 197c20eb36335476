-- 0018: new tickets are saved in groups (Hotline Features/Intake/IntakeWriter.cs), so the day's counter gives out a
-- run of numbers at once. Like yiju_next_ticket_number (0016, replaced), it is called outside the tickets' transaction
-- and commits without waiting for the WAL flush; the tickets that use the numbers are flushed before they are
-- acknowledged. Unused numbers of a failed group are a gap, never a repeat.

CREATE FUNCTION yiju_reserve_ticket_numbers(p_prefix text, p_day text, p_count integer)
RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    v_last integer;
BEGIN
    IF p_count < 1 THEN
        RAISE EXCEPTION 'p_count must be at least 1, was %', p_count;
    END IF;
    PERFORM set_config('synchronous_commit', 'off', true);
    INSERT INTO hotline_number_counter (prefix, day, last_number) VALUES (p_prefix, p_day, p_count)
    ON CONFLICT (prefix, day) DO UPDATE SET last_number = hotline_number_counter.last_number + p_count
    RETURNING last_number INTO v_last;
    RETURN v_last;
END
$$;

DROP FUNCTION yiju_next_ticket_number(text, text);
