-- 0004: housing (rule sets, applications with members, documents, events and objections, projects and flats,
-- lotteries with their published files, subsidy rules and accounts).
-- Written from 'yiju db model-script' on PostgreSQL; MigrationsMatchModel tests keep it in step with the model.

CREATE TABLE housing_application (
    id uuid NOT NULL,
    number character varying(40) NOT NULL,
    household_id uuid NOT NULL,
    scheme integer NOT NULL,
    rule_set_id uuid,
    district_code character varying(32) NOT NULL,
    street_code character varying(32) NOT NULL,
    applicant_user_id uuid NOT NULL,
    channel integer NOT NULL,
    current_housing_area_m2 double precision NOT NULL,
    assets_fen bigint NOT NULL,
    special_hardship boolean NOT NULL,
    status integer NOT NULL,
    step_due_on date,
    first_notice_ends_on date,
    result_notice_ends_on date,
    next_annual_review_due_on date,
    priority_tier integer,
    lottery_rank integer,
    lottery_id uuid,
    allocated_flat_id uuid,
    created_utc timestamp with time zone NOT NULL,
    submitted_utc timestamp with time zone,
    last_reason character varying(1000),
    version bigint NOT NULL,
    CONSTRAINT pk_housing_application PRIMARY KEY (id)
);

CREATE TABLE housing_project (
    id uuid NOT NULL,
    name character varying(200) NOT NULL,
    district_code character varying(32) NOT NULL,
    address character varying(300) NOT NULL,
    scheme integer NOT NULL,
    raised_on date NOT NULL,
    CONSTRAINT pk_housing_project PRIMARY KEY (id)
);

CREATE TABLE housing_rule_set (
    id uuid NOT NULL,
    scheme integer NOT NULL,
    version integer NOT NULL,
    name character varying(200) NOT NULL,
    policy_reference character varying(500) NOT NULL,
    effective_from_utc timestamp with time zone NOT NULL,
    effective_to_utc timestamp with time zone,
    CONSTRAINT pk_housing_rule_set PRIMARY KEY (id)
);

CREATE TABLE housing_subsidy_account (
    id uuid NOT NULL,
    application_id uuid NOT NULL,
    household_id uuid NOT NULL,
    district_code character varying(32) NOT NULL,
    payee_name character varying(50) NOT NULL,
    payee_id_number character varying(18) NOT NULL,
    bank_name character varying(100) NOT NULL,
    bank_account character varying(40) NOT NULL,
    monthly_amount_fen bigint NOT NULL,
    status integer NOT NULL,
    start_month date NOT NULL,
    version bigint NOT NULL,
    CONSTRAINT pk_housing_subsidy_account PRIMARY KEY (id)
);

CREATE TABLE housing_subsidy_rules (
    id uuid NOT NULL,
    version integer NOT NULL,
    effective_from_utc timestamp with time zone NOT NULL,
    area_standard_per_head_m2 double precision NOT NULL,
    max_counted_persons integer NOT NULL,
    minimum_monthly_fen bigint NOT NULL,
    maximum_monthly_fen bigint NOT NULL,
    CONSTRAINT pk_housing_subsidy_rules PRIMARY KEY (id)
);

CREATE TABLE housing_document (
    id uuid NOT NULL,
    application_id uuid NOT NULL,
    kind character varying(50) NOT NULL,
    file_name character varying(200) NOT NULL,
    content_type character varying(100) NOT NULL,
    size_bytes bigint NOT NULL,
    sha256_hex character varying(64) NOT NULL,
    uploaded_utc timestamp with time zone NOT NULL,
    uploaded_by_user_id uuid NOT NULL,
    CONSTRAINT pk_housing_document PRIMARY KEY (id),
    CONSTRAINT fk_housing_document_application_id FOREIGN KEY (application_id) REFERENCES housing_application (id) ON DELETE CASCADE
);

CREATE TABLE housing_event (
    id uuid NOT NULL,
    application_id uuid NOT NULL,
    sequence integer NOT NULL,
    at_utc timestamp with time zone NOT NULL,
    action integer NOT NULL,
    "from" integer NOT NULL,
    "to" integer NOT NULL,
    actor_user_id uuid NOT NULL,
    actor_role integer NOT NULL,
    reason character varying(1000),
    CONSTRAINT pk_housing_event PRIMARY KEY (id),
    CONSTRAINT fk_housing_event_application_id FOREIGN KEY (application_id) REFERENCES housing_application (id) ON DELETE CASCADE
);

CREATE TABLE housing_member (
    id uuid NOT NULL,
    application_id uuid NOT NULL,
    name character varying(50) NOT NULL,
    id_number character varying(18) NOT NULL,
    relationship integer NOT NULL,
    monthly_income_fen bigint NOT NULL,
    local_hukou boolean NOT NULL,
    social_insurance_months integer NOT NULL,
    disabled boolean NOT NULL,
    veteran boolean NOT NULL,
    CONSTRAINT pk_housing_member PRIMARY KEY (id),
    CONSTRAINT fk_housing_member_application_id FOREIGN KEY (application_id) REFERENCES housing_application (id) ON DELETE CASCADE
);

CREATE TABLE housing_objection (
    id uuid NOT NULL,
    application_id uuid NOT NULL,
    notice integer NOT NULL,
    text character varying(2000) NOT NULL,
    raised_by character varying(200) NOT NULL,
    raised_utc timestamp with time zone NOT NULL,
    outcome integer NOT NULL,
    resolution character varying(2000),
    resolved_utc timestamp with time zone,
    resolved_by_user_id uuid,
    CONSTRAINT pk_housing_objection PRIMARY KEY (id),
    CONSTRAINT fk_housing_objection_application_id FOREIGN KEY (application_id) REFERENCES housing_application (id) ON DELETE CASCADE
);

CREATE TABLE housing_flat (
    id uuid NOT NULL,
    project_id uuid NOT NULL,
    code character varying(40) NOT NULL,
    district_code character varying(32) NOT NULL,
    area_m2 double precision NOT NULL,
    rooms integer NOT NULL,
    floor integer NOT NULL,
    status integer NOT NULL,
    allocated_application_id uuid,
    version bigint NOT NULL,
    CONSTRAINT pk_housing_flat PRIMARY KEY (id),
    CONSTRAINT fk_housing_flat_project_id FOREIGN KEY (project_id) REFERENCES housing_project (id) ON DELETE RESTRICT
);

CREATE TABLE housing_lottery (
    id uuid NOT NULL,
    number character varying(64) NOT NULL,
    title character varying(200) NOT NULL,
    scheme integer NOT NULL,
    project_id uuid NOT NULL,
    state integer NOT NULL,
    public_random_source character varying(500) NOT NULL,
    commitment_file_sha256 character varying(64) NOT NULL,
    entrant_count integer NOT NULL,
    flat_count integer NOT NULL,
    allocated_count integer,
    prepared_utc timestamp with time zone NOT NULL,
    drawn_utc timestamp with time zone,
    public_random_value character varying(500),
    entrants_csv bytea NOT NULL,
    flats_csv bytea NOT NULL,
    rules_json bytea NOT NULL,
    commitment_json bytea NOT NULL,
    draw_json bytea,
    result_csv bytea,
    result_notice_ends_on date,
    version bigint NOT NULL,
    CONSTRAINT pk_housing_lottery PRIMARY KEY (id),
    CONSTRAINT fk_housing_lottery_project_id FOREIGN KEY (project_id) REFERENCES housing_project (id) ON DELETE RESTRICT
);

CREATE TABLE housing_rule (
    id uuid NOT NULL,
    rule_set_id uuid NOT NULL,
    kind integer NOT NULL,
    limit_fen bigint,
    limit_m2 double precision,
    min integer,
    max integer,
    CONSTRAINT pk_housing_rule PRIMARY KEY (id),
    CONSTRAINT fk_housing_rule_rule_set_id FOREIGN KEY (rule_set_id) REFERENCES housing_rule_set (id) ON DELETE CASCADE
);

CREATE TABLE housing_subsidy_history (
    id uuid NOT NULL,
    account_id uuid NOT NULL,
    at_utc timestamp with time zone NOT NULL,
    kind integer NOT NULL,
    month date,
    amount_fen bigint NOT NULL,
    reason character varying(1000),
    batch_id character varying(64),
    CONSTRAINT pk_housing_subsidy_history PRIMARY KEY (id),
    CONSTRAINT fk_housing_subsidy_history_account_id FOREIGN KEY (account_id) REFERENCES housing_subsidy_account (id) ON DELETE CASCADE
);

CREATE TABLE housing_subsidy_income_band (
    id uuid NOT NULL,
    rules_id uuid NOT NULL,
    max_income_per_head_fen bigint NOT NULL,
    subsidy_permille integer NOT NULL,
    CONSTRAINT pk_housing_subsidy_income_band PRIMARY KEY (id),
    CONSTRAINT fk_housing_subsidy_income_band_rules_id FOREIGN KEY (rules_id) REFERENCES housing_subsidy_rules (id) ON DELETE CASCADE
);

CREATE TABLE housing_subsidy_rent_standard (
    id uuid NOT NULL,
    rules_id uuid NOT NULL,
    district_code character varying(32) NOT NULL,
    monthly_rent_per_m2_fen bigint NOT NULL,
    CONSTRAINT pk_housing_subsidy_rent_standard PRIMARY KEY (id),
    CONSTRAINT fk_housing_subsidy_rent_standard_rules_id FOREIGN KEY (rules_id) REFERENCES housing_subsidy_rules (id) ON DELETE CASCADE
);

CREATE INDEX ix_housing_application_household_id ON housing_application (household_id);

CREATE INDEX ix_housing_application_lottery_id ON housing_application (lottery_id);

CREATE UNIQUE INDEX ix_housing_application_number ON housing_application (number);

CREATE INDEX ix_housing_application_status_district_code ON housing_application (status, district_code);

CREATE INDEX ix_housing_application_status_street_code ON housing_application (status, street_code);

CREATE INDEX ix_housing_document_application_id ON housing_document (application_id);

CREATE UNIQUE INDEX ix_housing_event_application_id_sequence ON housing_event (application_id, sequence);

CREATE UNIQUE INDEX ix_housing_flat_project_id_code ON housing_flat (project_id, code);

CREATE INDEX ix_housing_flat_status ON housing_flat (status);

CREATE UNIQUE INDEX ix_housing_lottery_number ON housing_lottery (number);

CREATE INDEX ix_housing_lottery_project_id ON housing_lottery (project_id);

CREATE INDEX ix_housing_member_application_id ON housing_member (application_id);

CREATE INDEX ix_housing_member_id_number ON housing_member (id_number);

CREATE INDEX ix_housing_objection_application_id ON housing_objection (application_id);

CREATE INDEX ix_housing_rule_rule_set_id ON housing_rule (rule_set_id);

CREATE UNIQUE INDEX ix_housing_rule_set_scheme_version ON housing_rule_set (scheme, version);

CREATE UNIQUE INDEX ix_housing_subsidy_account_application_id ON housing_subsidy_account (application_id);

CREATE INDEX ix_housing_subsidy_account_household_id ON housing_subsidy_account (household_id);

CREATE INDEX ix_housing_subsidy_history_account_id ON housing_subsidy_history (account_id);

CREATE INDEX ix_housing_subsidy_income_band_rules_id ON housing_subsidy_income_band (rules_id);

CREATE UNIQUE INDEX ix_housing_subsidy_rent_standard_rules_id_district_code ON housing_subsidy_rent_standard (rules_id, district_code);

CREATE UNIQUE INDEX ix_housing_subsidy_rules_version ON housing_subsidy_rules (version);
