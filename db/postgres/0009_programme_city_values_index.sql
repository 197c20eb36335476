-- 0009: partial index over current approved city values, which is all the programme overview reads
-- (Features/Queries/CurrentCityValues). Written from 'yiju db model-script' on PostgreSQL; MigrationsMatchModel tests
-- keep it in step with the model.

CREATE INDEX ix_prog_value_indicator_id_period_value_observed_through ON prog_value (indicator_id, period, value, observed_through) WHERE district_code IS NULL AND status = 2 AND is_current;
