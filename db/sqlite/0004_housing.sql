-- 0004: housing (rule sets, applications with members, documents, events and objections, projects and flats,
-- lotteries with their published files, subsidy rules and accounts).
-- Written from 'yiju db model-script' on SQLite; MigrationsMatchModel tests keep it in step with the model.

CREATE TABLE "housing_application" (
    "id" TEXT NOT NULL CONSTRAINT "pk_housing_application" PRIMARY KEY,
    "number" TEXT NOT NULL,
    "household_id" TEXT NOT NULL,
    "scheme" INTEGER NOT NULL,
    "rule_set_id" TEXT NULL,
    "district_code" TEXT NOT NULL,
    "street_code" TEXT NOT NULL,
    "applicant_user_id" TEXT NOT NULL,
    "channel" INTEGER NOT NULL,
    "current_housing_area_m2" REAL NOT NULL,
    "assets_fen" INTEGER NOT NULL,
    "special_hardship" INTEGER NOT NULL,
    "status" INTEGER NOT NULL,
    "step_due_on" TEXT NULL,
    "first_notice_ends_on" TEXT NULL,
    "result_notice_ends_on" TEXT NULL,
    "next_annual_review_due_on" TEXT NULL,
    "priority_tier" INTEGER NULL,
    "lottery_rank" INTEGER NULL,
    "lottery_id" TEXT NULL,
    "allocated_flat_id" TEXT NULL,
    "created_utc" TEXT NOT NULL,
    "submitted_utc" TEXT NULL,
    "last_reason" TEXT NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "housing_project" (
    "id" TEXT NOT NULL CONSTRAINT "pk_housing_project" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "district_code" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "scheme" INTEGER NOT NULL,
    "raised_on" TEXT NOT NULL
);

CREATE TABLE "housing_rule_set" (
    "id" TEXT NOT NULL CONSTRAINT "pk_housing_rule_set" PRIMARY KEY,
    "scheme" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "policy_reference" TEXT NOT NULL,
    "effective_from_utc" TEXT NOT NULL,
    "effective_to_utc" TEXT NULL
);

CREATE TABLE "housing_subsidy_account" (
    "id" TEXT NOT NULL CONSTRAINT "pk_housing_subsidy_account" PRIMARY KEY,
    "application_id" TEXT NOT NULL,
    "household_id" TEXT NOT NULL,
    "district_code" TEXT NOT NULL,
    "payee_name" TEXT NOT NULL,
    "payee_id_number" TEXT NOT NULL,
    "bank_name" TEXT NOT NULL,
    "bank_account" TEXT NOT NULL,
    "monthly_amount_fen" INTEGER NOT NULL,
    "status" INTEGER NOT NULL,
    "start_month" TEXT NOT NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "housing_subsidy_rules" (
    "id" TEXT NOT NULL CONSTRAINT "pk_housing_subsidy_rules" PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "effective_from_utc" TEXT NOT NULL,
    "area_standard_per_head_m2" REAL NOT NULL,
    "max_counted_persons" INTEGER NOT NULL,
    "minimum_monthly_fen" INTEGER NOT NULL,
    "maximum_monthly_fen" INTEGER NOT NULL
);

CREATE TABLE "housing_document" (
    "id" TEXT NOT NULL CONSTRAINT "pk_housing_document" PRIMARY KEY,
    "application_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "sha256_hex" TEXT NOT NULL,
    "uploaded_utc" TEXT NOT NULL,
    "uploaded_by_user_id" TEXT NOT NULL,
    CONSTRAINT "fk_housing_document_application_id" FOREIGN KEY ("application_id") REFERENCES "housing_application" ("id") ON DELETE CASCADE
);

CREATE TABLE "housing_event" (
    "id" TEXT NOT NULL CONSTRAINT "pk_housing_event" PRIMARY KEY,
    "application_id" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "at_utc" TEXT NOT NULL,
    "action" INTEGER NOT NULL,
    "from" INTEGER NOT NULL,
    "to" INTEGER NOT NULL,
    "actor_user_id" TEXT NOT NULL,
    "actor_role" INTEGER NOT NULL,
    "reason" TEXT NULL,
    CONSTRAINT "fk_housing_event_application_id" FOREIGN KEY ("application_id") REFERENCES "housing_application" ("id") ON DELETE CASCADE
);

CREATE TABLE "housing_member" (
    "id" TEXT NOT NULL CONSTRAINT "pk_housing_member" PRIMARY KEY,
    "application_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "id_number" TEXT NOT NULL,
    "relationship" INTEGER NOT NULL,
    "monthly_income_fen" INTEGER NOT NULL,
    "local_hukou" INTEGER NOT NULL,
    "social_insurance_months" INTEGER NOT NULL,
    "disabled" INTEGER NOT NULL,
    "veteran" INTEGER NOT NULL,
    CONSTRAINT "fk_housing_member_application_id" FOREIGN KEY ("application_id") REFERENCES "housing_application" ("id") ON DELETE CASCADE
);

CREATE TABLE "housing_objection" (
    "id" TEXT NOT NULL CONSTRAINT "pk_housing_objection" PRIMARY KEY,
    "application_id" TEXT NOT NULL,
    "notice" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "raised_by" TEXT NOT NULL,
    "raised_utc" TEXT NOT NULL,
    "outcome" INTEGER NOT NULL,
    "resolution" TEXT NULL,
    "resolved_utc" TEXT NULL,
    "resolved_by_user_id" TEXT NULL,
    CONSTRAINT "fk_housing_objection_application_id" FOREIGN KEY ("application_id") REFERENCES "housing_application" ("id") ON DELETE CASCADE
);

CREATE TABLE "housing_flat" (
    "id" TEXT NOT NULL CONSTRAINT "pk_housing_flat" PRIMARY KEY,
    "project_id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "district_code" TEXT NOT NULL,
    "area_m2" REAL NOT NULL,
    "rooms" INTEGER NOT NULL,
    "floor" INTEGER NOT NULL,
    "status" INTEGER NOT NULL,
    "allocated_application_id" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_housing_flat_project_id" FOREIGN KEY ("project_id") REFERENCES "housing_project" ("id") ON DELETE RESTRICT
);

CREATE TABLE "housing_lottery" (
    "id" TEXT NOT NULL CONSTRAINT "pk_housing_lottery" PRIMARY KEY,
    "number" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "scheme" INTEGER NOT NULL,
    "project_id" TEXT NOT NULL,
    "state" INTEGER NOT NULL,
    "public_random_source" TEXT NOT NULL,
    "commitment_file_sha256" TEXT NOT NULL,
    "entrant_count" INTEGER NOT NULL,
    "flat_count" INTEGER NOT NULL,
    "allocated_count" INTEGER NULL,
    "prepared_utc" TEXT NOT NULL,
    "drawn_utc" TEXT NULL,
    "public_random_value" TEXT NULL,
    "entrants_csv" BLOB NOT NULL,
    "flats_csv" BLOB NOT NULL,
    "rules_json" BLOB NOT NULL,
    "commitment_json" BLOB NOT NULL,
    "draw_json" BLOB NULL,
    "result_csv" BLOB NULL,
    "result_notice_ends_on" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_housing_lottery_project_id" FOREIGN KEY ("project_id") REFERENCES "housing_project" ("id") ON DELETE RESTRICT
);

CREATE TABLE "housing_rule" (
    "id" TEXT NOT NULL CONSTRAINT "pk_housing_rule" PRIMARY KEY,
    "rule_set_id" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "limit_fen" INTEGER NULL,
    "limit_m2" REAL NULL,
    "min" INTEGER NULL,
    "max" INTEGER NULL,
    CONSTRAINT "fk_housing_rule_rule_set_id" FOREIGN KEY ("rule_set_id") REFERENCES "housing_rule_set" ("id") ON DELETE CASCADE
);

CREATE TABLE "housing_subsidy_history" (
    "id" TEXT NOT NULL CONSTRAINT "pk_housing_subsidy_history" PRIMARY KEY,
    "account_id" TEXT NOT NULL,
    "at_utc" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "month" TEXT NULL,
    "amount_fen" INTEGER NOT NULL,
    "reason" TEXT NULL,
    "batch_id" TEXT NULL,
    CONSTRAINT "fk_housing_subsidy_history_account_id" FOREIGN KEY ("account_id") REFERENCES "housing_subsidy_account" ("id") ON DELETE CASCADE
);

CREATE TABLE "housing_subsidy_income_band" (
    "id" TEXT NOT NULL CONSTRAINT "pk_housing_subsidy_income_band" PRIMARY KEY,
    "rules_id" TEXT NOT NULL,
    "max_income_per_head_fen" INTEGER NOT NULL,
    "subsidy_permille" INTEGER NOT NULL,
    CONSTRAINT "fk_housing_subsidy_income_band_rules_id" FOREIGN KEY ("rules_id") REFERENCES "housing_subsidy_rules" ("id") ON DELETE CASCADE
);

CREATE TABLE "housing_subsidy_rent_standard" (
    "id" TEXT NOT NULL CONSTRAINT "pk_housing_subsidy_rent_standard" PRIMARY KEY,
    "rules_id" TEXT NOT NULL,
    "district_code" TEXT NOT NULL,
    "monthly_rent_per_m2_fen" INTEGER NOT NULL,
    CONSTRAINT "fk_housing_subsidy_rent_standard_rules_id" FOREIGN KEY ("rules_id") REFERENCES "housing_subsidy_rules" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_housing_application_household_id" ON "housing_application" ("household_id");

CREATE INDEX "ix_housing_application_lottery_id" ON "housing_application" ("lottery_id");

CREATE UNIQUE INDEX "ix_housing_application_number" ON "housing_application" ("number");

CREATE INDEX "ix_housing_application_status_district_code" ON "housing_application" ("status", "district_code");

CREATE INDEX "ix_housing_application_status_street_code" ON "housing_application" ("status", "street_code");

CREATE INDEX "ix_housing_document_application_id" ON "housing_document" ("application_id");

CREATE UNIQUE INDEX "ix_housing_event_application_id_sequence" ON "housing_event" ("application_id", "sequence");

CREATE UNIQUE INDEX "ix_housing_flat_project_id_code" ON "housing_flat" ("project_id", "code");

CREATE INDEX "ix_housing_flat_status" ON "housing_flat" ("status");

CREATE UNIQUE INDEX "ix_housing_lottery_number" ON "housing_lottery" ("number");

CREATE INDEX "ix_housing_lottery_project_id" ON "housing_lottery" ("project_id");

CREATE INDEX "ix_housing_member_application_id" ON "housing_member" ("application_id");

CREATE INDEX "ix_housing_member_id_number" ON "housing_member" ("id_number");

CREATE INDEX "ix_housing_objection_application_id" ON "housing_objection" ("application_id");

CREATE INDEX "ix_housing_rule_rule_set_id" ON "housing_rule" ("rule_set_id");

CREATE UNIQUE INDEX "ix_housing_rule_set_scheme_version" ON "housing_rule_set" ("scheme", "version");

CREATE UNIQUE INDEX "ix_housing_subsidy_account_application_id" ON "housing_subsidy_account" ("application_id");

CREATE INDEX "ix_housing_subsidy_account_household_id" ON "housing_subsidy_account" ("household_id");

CREATE INDEX "ix_housing_subsidy_history_account_id" ON "housing_subsidy_history" ("account_id");

CREATE INDEX "ix_housing_subsidy_income_band_rules_id" ON "housing_subsidy_income_band" ("rules_id");

CREATE UNIQUE INDEX "ix_housing_subsidy_rent_standard_rules_id_district_code" ON "housing_subsidy_rent_standard" ("rules_id", "district_code");

CREATE UNIQUE INDEX "ix_housing_subsidy_rules_version" ON "housing_subsidy_rules" ("version");
