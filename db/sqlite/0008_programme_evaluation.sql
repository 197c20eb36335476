-- 0008: published evaluation weights and 宜居指数 definitions, versioned (a new version is a new row).
-- Written from 'yiju db model-script' on SQLite; MigrationsMatchModel tests keep it in step with the model.

CREATE TABLE "prog_evaluation_scheme" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_prog_evaluation_scheme" PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "version_number" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "published_at_utc" TEXT NOT NULL,
    "target_completion_weight" REAL NOT NULL,
    "on_time_reporting_weight" REAL NOT NULL,
    "data_quality_weight" REAL NOT NULL,
    "reporting_from" TEXT NOT NULL,
    "grace_working_days" INTEGER NOT NULL,
    "published_by" TEXT NOT NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "prog_index_definition" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_prog_index_definition" PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "version_number" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "published_at_utc" TEXT NOT NULL,
    "published_by" TEXT NOT NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "prog_index_component" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_prog_index_component" PRIMARY KEY AUTOINCREMENT,
    "definition_id" INTEGER NOT NULL,
    "sort_order" INTEGER NOT NULL,
    "indicator_code" TEXT NOT NULL,
    "weight" REAL NOT NULL,
    "direction" INTEGER NOT NULL,
    "normalisation" INTEGER NOT NULL,
    "min" REAL NULL,
    "max" REAL NULL,
    "target" REAL NULL,
    "baseline" REAL NULL,
    CONSTRAINT "fk_prog_index_component_definition_id" FOREIGN KEY ("definition_id") REFERENCES "prog_index_definition" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_prog_evaluation_scheme_code_version_number" ON "prog_evaluation_scheme" ("code", "version_number");

CREATE INDEX "ix_prog_index_component_definition_id" ON "prog_index_component" ("definition_id");

CREATE UNIQUE INDEX "ix_prog_index_definition_code_version_number" ON "prog_index_definition" ("code", "version_number");
