-- 0013: places — queued analyses (places_analysis_job), the facility types each run used, facility addresses, and how
-- a facility type's clause was verified. Written from 'yiju db model-script' on SQLite; MigrationsMatchModel tests
-- keep it in step with the model. Runs saved before this keep an empty list of types ('[]').

ALTER TABLE "places_facility" ADD COLUMN "address" TEXT NULL;

ALTER TABLE "places_facility_type" ADD COLUMN "clause_verification" TEXT NULL;

ALTER TABLE "places_analysis_run" ADD COLUMN "types_json" TEXT NOT NULL DEFAULT '[]';

CREATE TABLE "places_analysis_job" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_places_analysis_job" PRIMARY KEY AUTOINCREMENT,
    "status" INTEGER NOT NULL,
    "queued_at" TEXT NOT NULL,
    "started_at" TEXT NULL,
    "finished_at" TEXT NULL,
    "requested_by" TEXT NOT NULL,
    "network_id" INTEGER NOT NULL,
    "parameters_json" TEXT NOT NULL,
    "types_json" TEXT NOT NULL,
    "inputs_json" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "failure_reason" TEXT NULL,
    "run_id" INTEGER NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_places_analysis_job_network_id" FOREIGN KEY ("network_id") REFERENCES "places_walking_network" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_places_analysis_job_run_id" FOREIGN KEY ("run_id") REFERENCES "places_analysis_run" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_places_analysis_job_network_id" ON "places_analysis_job" ("network_id");

CREATE INDEX "ix_places_analysis_job_run_id" ON "places_analysis_job" ("run_id");

CREATE INDEX "ix_places_analysis_job_status" ON "places_analysis_job" ("status");
