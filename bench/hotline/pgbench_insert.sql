-- Raw PostgreSQL insert throughput: one ticket-sized row per transaction into a copy of hotline_ticket (same
-- columns and indexes), with the server's durability settings. The ceiling Yiju's HTTP creation is compared with.
-- search_grams holds the text's character-pair codes as Yiju would store them (TicketTextSearch.Codes), so the row
-- feeds the search index like a real open ticket (the address's number varies; its codes are those of "1号").
\set n random(1, 2000000000)
INSERT INTO bench_raw_ticket (id, number, version, type, channel, urgency, category_code, caller_name, caller_phone, original_text, text, address,
  latitude, longitude, district_id, street_id, status, accepted_at_utc, resolved_at_intake, extension_pending, extension_count, return_count,
  reopen_count, supervision_count, duplicate_count, escalated, petition_declined, review_count, search_grams)
VALUES (gen_random_uuid(), md5(:n::text || clock_timestamp()::text), 1, 1, 3, 0, 'roads.pothole', '王先生', '13800001234',
  '小区门口路面塌陷，晚上路灯不亮，老人孩子出行很危险，已经反映过多次，请尽快维修。', '小区门口路面塌陷，晚上路灯不亮，老人孩子出行很危险，已经反映过多次，请尽快维修。',
  '道里区某街道' || (:n % 300) || '号', 45.75 + (:n % 1000) / 100000.0, 126.62 + (:n % 1000) / 100000.0, 1, 2, 1, now(), false, false, 0, 0, 0, 0, 0, false, false, 0,
  '{-2147397958,-2008260728,-2007527341,-1946723267,-1913687953,-1913677982,-1882760934,-1873608655,-1873571380,-1848880326,-1779936285,-1771438324,-1770520820,-1755162548,-15966734,-15964582,-15958015,-15954953,692307,3232759,805437450,1309314543,1309494958,1320091404,1320835945,1341009922,1375373388,1396336592,1396348392,1399953001,1405969952,1407421935,1481414263,1494903585,1531990522,1533631312,1544508218,1547526123,1576173263,1602769777,1609268980,1713409991,1717194250,1741719639,1797390092,1886342669,2127516621,2129940462}');
