-- 0012: partial indexes over open tickets (status not Closed = 7 or Merged = 8) in work-queue order, so that the
-- centre's queue, a holder's queue and a district's territory read one page by deadline however many closed tickets
-- there are (measured with two million tickets, bench/README.md "Hotline"). Written from 'yiju db model-script'.

CREATE INDEX ix_hotline_ticket_handling_due_utc_accepted_at_utc ON hotline_ticket (handling_due_utc, accepted_at_utc) WHERE status <> 7 AND status <> 8;

CREATE INDEX ix_hotline_ticket_current_unit_id_handling_due_utc ON hotline_ticket (current_unit_id, handling_due_utc) WHERE status <> 7 AND status <> 8;

CREATE INDEX ix_hotline_ticket_district_id_handling_due_utc ON hotline_ticket (district_id, handling_due_utc) WHERE status <> 7 AND status <> 8;

-- The monthly KPI dashboard: both indexes hold every column it reads, so a month is counted from the index alone
-- (an index-only scan on PostgreSQL) instead of from the wide rows with their texts. They replace the one-column
-- indexes they start with.
DROP INDEX ix_hotline_ticket_accepted_at_utc;

CREATE INDEX ix_hotline_ticket_accepted_at_utc_resolved_at_intake ON hotline_ticket (accepted_at_utc, resolved_at_intake);

DROP INDEX ix_hotline_ticket_first_dispatched_at_utc;

CREATE INDEX ix_hotline_ticket_first_dispatched_at_utc_status_current_unit_kind_current_unit_id_sign_for_due_utc_signed_for_at_utc_handling_due_utc_replied_at_utc_callback_resolved_callback_satisfaction ON hotline_ticket (first_dispatched_at_utc, status, current_unit_kind, current_unit_id, sign_for_due_utc, signed_for_at_utc, handling_due_utc, replied_at_utc, callback_resolved, callback_satisfaction);
