-- 0003: hotline (tickets and their timeline, the category taxonomy, daily ticket-number counters, resident
-- submission idempotency keys, Open311 clients). Written from 'yiju db model-script'; MigrationsMatchModel keeps it in step.

CREATE TABLE "hotline_category" (
    "code" TEXT NOT NULL CONSTRAINT "pk_hotline_category" PRIMARY KEY,
    "parent_code" TEXT NULL,
    "name_zh" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,
    "default_unit" TEXT NOT NULL,
    "route_level" INTEGER NOT NULL,
    "keywords" TEXT NOT NULL,
    "is_active" INTEGER NOT NULL
);

CREATE TABLE "hotline_number_counter" (
    "prefix" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "last_number" INTEGER NOT NULL,
    CONSTRAINT "pk_hotline_number_counter" PRIMARY KEY ("prefix", "day")
);

CREATE TABLE "hotline_open311_client" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_hotline_open311_client" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "key_prefix" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "active" INTEGER NOT NULL,
    "created_at_utc" TEXT NOT NULL,
    "last_used_at_utc" TEXT NULL
);

CREATE TABLE "hotline_ticket" (
    "id" TEXT NOT NULL CONSTRAINT "pk_hotline_ticket" PRIMARY KEY,
    "number" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "type" INTEGER NOT NULL,
    "channel" INTEGER NOT NULL,
    "urgency" INTEGER NOT NULL,
    "category_code" TEXT NOT NULL,
    "caller_name" TEXT NULL,
    "caller_phone" TEXT NULL,
    "title" TEXT NULL,
    "original_text" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "address" TEXT NULL,
    "latitude" REAL NULL,
    "longitude" REAL NULL,
    "district_id" INTEGER NULL,
    "street_id" INTEGER NULL,
    "status" INTEGER NOT NULL,
    "current_unit_id" INTEGER NULL,
    "current_unit_kind" INTEGER NULL,
    "current_unit_name" TEXT NULL,
    "accepted_at_utc" TEXT NOT NULL,
    "first_dispatched_at_utc" TEXT NULL,
    "dispatched_at_utc" TEXT NULL,
    "sign_for_due_utc" TEXT NULL,
    "signed_for_at_utc" TEXT NULL,
    "handling_due_utc" TEXT NULL,
    "original_handling_due_utc" TEXT NULL,
    "replied_at_utc" TEXT NULL,
    "reply_text" TEXT NULL,
    "closed_at_utc" TEXT NULL,
    "resolved_at_intake" INTEGER NOT NULL,
    "callback_at_utc" TEXT NULL,
    "callback_resolved" INTEGER NULL,
    "callback_satisfaction" INTEGER NULL,
    "extension_pending" INTEGER NOT NULL,
    "extension_requested_due_utc" TEXT NULL,
    "extension_reason" TEXT NULL,
    "extension_count" INTEGER NOT NULL,
    "return_count" INTEGER NOT NULL,
    "last_return_reason" TEXT NULL,
    "reopen_count" INTEGER NOT NULL,
    "supervision_count" INTEGER NOT NULL,
    "last_supervised_at_utc" TEXT NULL,
    "merged_into_ticket_id" TEXT NULL,
    "duplicate_count" INTEGER NOT NULL
);

CREATE TABLE "hotline_submission_key" (
    "key" TEXT NOT NULL CONSTRAINT "pk_hotline_submission_key" PRIMARY KEY,
    "ticket_id" TEXT NOT NULL,
    "created_at_utc" TEXT NOT NULL,
    CONSTRAINT "fk_hotline_submission_key_ticket_id" FOREIGN KEY ("ticket_id") REFERENCES "hotline_ticket" ("id") ON DELETE CASCADE
);

CREATE TABLE "hotline_ticket_event" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_hotline_ticket_event" PRIMARY KEY AUTOINCREMENT,
    "ticket_id" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "at_utc" TEXT NOT NULL,
    "action" INTEGER NOT NULL,
    "actor_person_id" INTEGER NULL,
    "actor_name" TEXT NOT NULL,
    "actor_role" INTEGER NOT NULL,
    "actor_unit_id" INTEGER NULL,
    "from_status" INTEGER NOT NULL,
    "to_status" INTEGER NOT NULL,
    "from_unit_id" INTEGER NULL,
    "to_unit_id" INTEGER NULL,
    "note" TEXT NULL,
    CONSTRAINT "fk_hotline_ticket_event_ticket_id" FOREIGN KEY ("ticket_id") REFERENCES "hotline_ticket" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_hotline_open311_client_key_hash" ON "hotline_open311_client" ("key_hash");

CREATE INDEX "ix_hotline_submission_key_ticket_id" ON "hotline_submission_key" ("ticket_id");

CREATE INDEX "ix_hotline_ticket_accepted_at_utc" ON "hotline_ticket" ("accepted_at_utc");

CREATE INDEX "ix_hotline_ticket_current_unit_kind_current_unit_id_status" ON "hotline_ticket" ("current_unit_kind", "current_unit_id", "status");

CREATE INDEX "ix_hotline_ticket_district_id" ON "hotline_ticket" ("district_id");

CREATE INDEX "ix_hotline_ticket_first_dispatched_at_utc" ON "hotline_ticket" ("first_dispatched_at_utc");

CREATE UNIQUE INDEX "ix_hotline_ticket_number" ON "hotline_ticket" ("number");

CREATE INDEX "ix_hotline_ticket_status" ON "hotline_ticket" ("status");

CREATE UNIQUE INDEX "ix_hotline_ticket_event_ticket_id_sequence" ON "hotline_ticket_event" ("ticket_id", "sequence");
