-- 0005: places (facility types, facilities, population units, walking networks, analysis runs, coverage rows).
-- Written from 'yiju db model-script' on SQLite; MigrationsMatchModel tests keep it in step with the model.

CREATE TABLE "places_facility_type" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_places_facility_type" PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NULL,
    "level" INTEGER NOT NULL,
    "walking_distance" REAL NOT NULL,
    "target_group" INTEGER NOT NULL,
    "capacity_unit" INTEGER NOT NULL,
    "default_capacity" REAL NOT NULL,
    "family" TEXT NULL,
    "clause" TEXT NOT NULL,
    "clause_checked" INTEGER NOT NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "places_population_unit" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_places_population_unit" PRIMARY KEY AUTOINCREMENT,
    "latitude" REAL NOT NULL,
    "longitude" REAL NOT NULL,
    "total" REAL NOT NULL,
    "age0_to3" REAL NOT NULL,
    "age3_to6" REAL NOT NULL,
    "age6_to12" REAL NOT NULL,
    "age12_to15" REAL NOT NULL,
    "age65_plus" REAL NOT NULL,
    "is_estimate" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "district_code" TEXT NULL,
    "street_code" TEXT NULL,
    "district_name" TEXT NULL,
    "street_name" TEXT NULL
);

CREATE TABLE "places_walking_network" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_places_walking_network" PRIMARY KEY AUTOINCREMENT,
    "file_name" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BLOB NOT NULL,
    "vertex_count" INTEGER NOT NULL,
    "edge_count" INTEGER NOT NULL,
    "estimated_units" INTEGER NOT NULL,
    "imported_at" TEXT NOT NULL,
    "imported_by" TEXT NOT NULL
);

CREATE TABLE "places_facility" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_places_facility" PRIMARY KEY AUTOINCREMENT,
    "facility_type_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "latitude" REAL NOT NULL,
    "longitude" REAL NOT NULL,
    "capacity" REAL NULL,
    "source" TEXT NOT NULL,
    "source_ref" TEXT NULL,
    "district_code" TEXT NULL,
    "street_code" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_places_facility_facility_type_id" FOREIGN KEY ("facility_type_id") REFERENCES "places_facility_type" ("id") ON DELETE RESTRICT
);

CREATE TABLE "places_analysis_run" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_places_analysis_run" PRIMARY KEY AUTOINCREMENT,
    "started_at" TEXT NOT NULL,
    "finished_at" TEXT NOT NULL,
    "network_id" INTEGER NOT NULL,
    "started_by" TEXT NOT NULL,
    "parameters_json" TEXT NOT NULL,
    "inputs_json" TEXT NOT NULL,
    "result_json" TEXT NOT NULL,
    "uses_estimated_population" INTEGER NOT NULL,
    CONSTRAINT "fk_places_analysis_run_network_id" FOREIGN KEY ("network_id") REFERENCES "places_walking_network" ("id") ON DELETE RESTRICT
);

CREATE TABLE "places_coverage" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_places_coverage" PRIMARY KEY AUTOINCREMENT,
    "run_id" INTEGER NOT NULL,
    "facility_type_code" TEXT NOT NULL,
    "area_level" TEXT NOT NULL,
    "area_code" TEXT NOT NULL,
    "area_name" TEXT NOT NULL,
    "population" REAL NOT NULL,
    "covered" REAL NOT NULL,
    "coverage_percent" REAL NOT NULL,
    "access2_sfca" REAL NOT NULL,
    "access_decay" REAL NOT NULL,
    CONSTRAINT "fk_places_coverage_run_id" FOREIGN KEY ("run_id") REFERENCES "places_analysis_run" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_places_analysis_run_network_id" ON "places_analysis_run" ("network_id");

CREATE INDEX "ix_places_coverage_run_id_facility_type_code_area_level" ON "places_coverage" ("run_id", "facility_type_code", "area_level");

CREATE INDEX "ix_places_facility_facility_type_id" ON "places_facility" ("facility_type_id");

CREATE INDEX "ix_places_facility_source_ref" ON "places_facility" ("source_ref");

CREATE UNIQUE INDEX "ix_places_facility_type_code" ON "places_facility_type" ("code");

CREATE INDEX "ix_places_population_unit_is_estimate" ON "places_population_unit" ("is_estimate");
