-- Raw PostgreSQL insert throughput: one ticket-sized row per transaction into a copy of hotline_ticket (same
-- columns and indexes), with the server's durability settings. The ceiling Yiju's HTTP creation is compared with.
\set n random(1, 2000000000)
INSERT INTO bench_raw_ticket (id, number, version, type, channel, urgency, category_code, caller_name, caller_phone, original_text, text, address,
  latitude, longitude, district_id, street_id, status, accepted_at_utc, resolved_at_intake, extension_pending, extension_count, return_count,
  reopen_count, supervision_count, duplicate_count, escalated, petition_declined, review_count)
VALUES (gen_random_uuid(), md5(:n::text || clock_timestamp()::text), 1, 1, 3, 0, 'roads.pothole', '王先生', '13800001234',
  '小区门口路面塌陷，晚上路灯不亮，老人孩子出行很危险，已经反映过多次，请尽快维修。', '小区门口路面塌陷，晚上路灯不亮，老人孩子出行很危险，已经反映过多次，请尽快维修。',
  '道里区某街道' || (:n % 300) || '号', 45.75 + (:n % 1000) / 100000.0, 126.62 + (:n % 1000) / 100000.0, 1, 2, 1, now(), false, false, 0, 0, 0, 0, 0, false, false, 0);
