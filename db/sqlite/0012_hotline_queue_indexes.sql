-- 0012: partial indexes over open tickets (status not Closed = 7 or Merged = 8) in work-queue order, so that the
-- centre's queue, a holder's queue and a district's territory read one page by deadline however many closed tickets
-- there are (measured with two million tickets, bench/README.md "Hotline"). Written from 'yiju db model-script'.

CREATE INDEX ix_hotline_ticket_handling_due_utc_accepted_at_utc ON hotline_ticket (handling_due_utc, accepted_at_utc) WHERE status <> 7 AND status <> 8;

CREATE INDEX ix_hotline_ticket_current_unit_id_handling_due_utc ON hotline_ticket (current_unit_id, handling_due_utc) WHERE status <> 7 AND status <> 8;

CREATE INDEX ix_hotline_ticket_district_id_handling_due_utc ON hotline_ticket (district_id, handling_due_utc) WHERE status <> 7 AND status <> 8;
