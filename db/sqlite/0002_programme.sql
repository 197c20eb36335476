-- 0002: programme (six homes → goals → tasks → indicators, targets, reported values and their history).
-- Written from 'yiju db model-script' on SQLite; MigrationsMatchModel tests keep it in step with the model.

CREATE TABLE "prog_programme" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_prog_programme" PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "start_year" INTEGER NOT NULL,
    "end_year" INTEGER NOT NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "prog_home" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_prog_home" PRIMARY KEY,
    "programme_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_prog_home_programme_id" FOREIGN KEY ("programme_id") REFERENCES "prog_programme" ("id") ON DELETE CASCADE
);

CREATE TABLE "prog_goal" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_prog_goal" PRIMARY KEY,
    "home_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_prog_goal_home_id" FOREIGN KEY ("home_id") REFERENCES "prog_home" ("id") ON DELETE CASCADE
);

CREATE TABLE "prog_task" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_prog_task" PRIMARY KEY,
    "goal_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL,
    "lead_department" TEXT NULL,
    "supporting_departments" TEXT NOT NULL,
    "source_documents" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_prog_task_goal_id" FOREIGN KEY ("goal_id") REFERENCES "prog_goal" ("id") ON DELETE CASCADE
);

CREATE TABLE "prog_indicator" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_prog_indicator" PRIMARY KEY,
    "task_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "direction" INTEGER NOT NULL,
    "kind" INTEGER NOT NULL,
    "frequency" INTEGER NOT NULL,
    "rollup" INTEGER NOT NULL,
    "accumulation" INTEGER NOT NULL,
    "has_district_breakdown" INTEGER NOT NULL,
    "scope" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "baseline_comparability_note" TEXT NULL,
    "baseline_value" REAL NULL,
    "baseline_year" INTEGER NULL,
    "baseline_source_document" TEXT NULL,
    "baseline_source_quote" TEXT NULL,
    CONSTRAINT "fk_prog_indicator_task_id" FOREIGN KEY ("task_id") REFERENCES "prog_task" ("id") ON DELETE CASCADE
);

CREATE TABLE "prog_target" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_prog_target" PRIMARY KEY,
    "indicator_id" INTEGER NOT NULL,
    "kind" INTEGER NOT NULL,
    "from_year" INTEGER NULL,
    "deadline_year" INTEGER NULL,
    "repeats_each_year" INTEGER NOT NULL,
    "value" REAL NOT NULL,
    "district_code" TEXT NULL,
    "scope" TEXT NOT NULL,
    "applies_to_each_unit" INTEGER NOT NULL,
    "period_label" TEXT NOT NULL,
    "comparability_note" TEXT NULL,
    "version" INTEGER NOT NULL,
    "source_document" TEXT NOT NULL,
    "source_quote" TEXT NOT NULL,
    CONSTRAINT "fk_prog_target_indicator_id" FOREIGN KEY ("indicator_id") REFERENCES "prog_indicator" ("id") ON DELETE CASCADE
);

CREATE TABLE "prog_value" (
    "id" TEXT NOT NULL CONSTRAINT "pk_prog_value" PRIMARY KEY,
    "indicator_id" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "district_code" TEXT NULL,
    "value" REAL NOT NULL,
    "numerator" REAL NULL,
    "denominator" REAL NULL,
    "status" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "previous_revision_id" TEXT NULL,
    "is_current" INTEGER NOT NULL,
    "explanation" TEXT NULL,
    "return_reason" TEXT NULL,
    "observed_through" TEXT NULL,
    "period_label" TEXT NULL,
    "comparability_note" TEXT NULL,
    "entered_by" TEXT NOT NULL,
    "entered_at_utc" TEXT NOT NULL,
    "submitted_at_utc" TEXT NULL,
    "first_submitted_at_utc" TEXT NULL,
    "reviewed_by" TEXT NULL,
    "reviewed_at_utc" TEXT NULL,
    "version" INTEGER NOT NULL,
    "source_document" TEXT NOT NULL,
    "source_quote" TEXT NOT NULL,
    CONSTRAINT "fk_prog_value_indicator_id" FOREIGN KEY ("indicator_id") REFERENCES "prog_indicator" ("id") ON DELETE RESTRICT
);

CREATE TABLE "prog_value_history" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_prog_value_history" PRIMARY KEY AUTOINCREMENT,
    "at_utc" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "from_status" INTEGER NULL,
    "to_status" INTEGER NOT NULL,
    "value" REAL NOT NULL,
    "note" TEXT NULL,
    "reported_value_id" TEXT NULL,
    CONSTRAINT "fk_prog_value_history_reported_value_id" FOREIGN KEY ("reported_value_id") REFERENCES "prog_value" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_prog_goal_code" ON "prog_goal" ("code");

CREATE INDEX "ix_prog_goal_home_id" ON "prog_goal" ("home_id");

CREATE UNIQUE INDEX "ix_prog_home_code" ON "prog_home" ("code");

CREATE INDEX "ix_prog_home_programme_id" ON "prog_home" ("programme_id");

CREATE UNIQUE INDEX "ix_prog_indicator_code" ON "prog_indicator" ("code");

CREATE INDEX "ix_prog_indicator_task_id" ON "prog_indicator" ("task_id");

CREATE UNIQUE INDEX "ix_prog_programme_code" ON "prog_programme" ("code");

CREATE INDEX "ix_prog_target_indicator_id" ON "prog_target" ("indicator_id");

CREATE UNIQUE INDEX "ix_prog_task_code" ON "prog_task" ("code");

CREATE INDEX "ix_prog_task_goal_id" ON "prog_task" ("goal_id");

CREATE INDEX "ix_prog_task_lead_department" ON "prog_task" ("lead_department");

CREATE UNIQUE INDEX "ix_prog_value_indicator_id_period_district_code_revision" ON "prog_value" ("indicator_id", "period", "district_code", "revision");

CREATE INDEX "ix_prog_value_status" ON "prog_value" ("status");

CREATE INDEX "ix_prog_value_history_reported_value_id" ON "prog_value_history" ("reported_value_id");
