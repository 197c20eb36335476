-- 0011: hotline views — knowledge base (entries and revisions), recorded call counts, the centre's editable deadline
-- rules, versioned KPI weights and status labels, and a concurrency version on categories for edits in the UI.
-- Written from 'yiju db model-script' on SQLite; MigrationsMatchModel tests keep it in step with the model.

ALTER TABLE "hotline_category" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;

CREATE TABLE "hotline_call_count" (
    "day" TEXT NOT NULL CONSTRAINT "pk_hotline_call_count" PRIMARY KEY,
    "offered" INTEGER NOT NULL,
    "answered" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "recorded_at_utc" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL
);

CREATE TABLE "hotline_deadline_rule" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_hotline_deadline_rule" PRIMARY KEY AUTOINCREMENT,
    "type" INTEGER NULL,
    "category_code" TEXT NULL,
    "urgency" INTEGER NULL,
    "sign_for_amount" INTEGER NOT NULL,
    "sign_for_unit" INTEGER NOT NULL,
    "handling_amount" INTEGER NOT NULL,
    "handling_unit" INTEGER NOT NULL,
    "remind_before_sign_for_minutes" INTEGER NOT NULL,
    "remind_before_handling_minutes" INTEGER NOT NULL,
    "starts_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "hotline_kb_entry" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_hotline_kb_entry" PRIMARY KEY AUTOINCREMENT,
    "category_code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "valid_from" TEXT NULL,
    "valid_to" TEXT NULL,
    "is_active" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "updated_at_utc" TEXT NOT NULL,
    "updated_by" TEXT NOT NULL
);

CREATE TABLE "hotline_kpi_weights" (
    "version" INTEGER NOT NULL CONSTRAINT "pk_hotline_kpi_weights" PRIMARY KEY,
    "effective_from" TEXT NOT NULL,
    "response" REAL NOT NULL,
    "resolution" REAL NOT NULL,
    "satisfaction" REAL NOT NULL,
    "on_time_closing" REAL NOT NULL,
    "basically_satisfied_credit" REAL NOT NULL,
    "note" TEXT NULL,
    "created_at_utc" TEXT NOT NULL,
    "created_by" TEXT NOT NULL
);

CREATE TABLE "hotline_status_label" (
    "status" INTEGER NOT NULL CONSTRAINT "pk_hotline_status_label" PRIMARY KEY,
    "label_zh" TEXT NOT NULL,
    "label_en" TEXT NOT NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "hotline_kb_revision" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_hotline_kb_revision" PRIMARY KEY AUTOINCREMENT,
    "entry_id" INTEGER NOT NULL,
    "revision" INTEGER NOT NULL,
    "category_code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "valid_from" TEXT NULL,
    "valid_to" TEXT NULL,
    "is_active" INTEGER NOT NULL,
    "edited_at_utc" TEXT NOT NULL,
    "edited_by" TEXT NOT NULL,
    CONSTRAINT "fk_hotline_kb_revision_entry_id" FOREIGN KEY ("entry_id") REFERENCES "hotline_kb_entry" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_hotline_kb_entry_category_code" ON "hotline_kb_entry" ("category_code");

CREATE UNIQUE INDEX "ix_hotline_kb_revision_entry_id_revision" ON "hotline_kb_revision" ("entry_id", "revision");
