-- 0010: the hotline's reminder and escalation job (notices, the job lease) and petition stages on the ticket.
-- Written from 'yiju db model-script' on SQLite; MigrationsMatchModel tests keep it in step with the model.

ALTER TABLE "hotline_ticket" ADD COLUMN "escalated" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "hotline_ticket" ADD COLUMN "escalated_at_utc" TEXT NULL;
ALTER TABLE "hotline_ticket" ADD COLUMN "decision_due_utc" TEXT NULL;
ALTER TABLE "hotline_ticket" ADD COLUMN "petition_accepted_at_utc" TEXT NULL;
ALTER TABLE "hotline_ticket" ADD COLUMN "petition_declined" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "hotline_ticket" ADD COLUMN "review_count" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "hotline_ticket" ADD COLUMN "review_requested_at_utc" TEXT NULL;

CREATE TABLE "hotline_job_lease" (
    "name" TEXT NOT NULL CONSTRAINT "pk_hotline_job_lease" PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expires_at_utc" TEXT NOT NULL
);

CREATE TABLE "hotline_deadline_notice" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_hotline_deadline_notice" PRIMARY KEY AUTOINCREMENT,
    "ticket_id" TEXT NOT NULL,
    "ticket_number" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "due_utc" TEXT NOT NULL,
    "created_at_utc" TEXT NOT NULL,
    "petition" INTEGER NOT NULL,
    "unit_kind" INTEGER NULL,
    "unit_id" INTEGER NULL,
    "escalated_to_district_id" INTEGER NULL,
    CONSTRAINT "fk_hotline_deadline_notice_ticket_id" FOREIGN KEY ("ticket_id") REFERENCES "hotline_ticket" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_hotline_deadline_notice_created_at_utc" ON "hotline_deadline_notice" ("created_at_utc");
-- One reminder or escalation per ticket, kind and deadline, however many nodes run the job.
CREATE UNIQUE INDEX "ix_hotline_deadline_notice_ticket_id_kind_due_utc" ON "hotline_deadline_notice" ("ticket_id", "kind", "due_utc");
CREATE INDEX "ix_hotline_deadline_notice_unit_kind_unit_id_created_at_utc" ON "hotline_deadline_notice" ("unit_kind", "unit_id", "created_at_utc");
