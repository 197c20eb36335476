-- 0007: programme bulk imports (the accepted file and its bytes; each value points to its import) and evidence files
-- attached to reported values (metadata with SHA-256; bytes in their own table).
-- Written from 'yiju db model-script' on PostgreSQL; MigrationsMatchModel tests keep it in step with the model.

CREATE TABLE prog_import (
    id uuid NOT NULL,
    file_name character varying(200) NOT NULL,
    format character varying(8) NOT NULL,
    size_bytes bigint NOT NULL,
    sha256_hex character varying(64) NOT NULL,
    created integer NOT NULL,
    replaced integer NOT NULL,
    submitted boolean NOT NULL,
    imported_by character varying(200) NOT NULL,
    imported_at_utc timestamp with time zone NOT NULL,
    CONSTRAINT pk_prog_import PRIMARY KEY (id)
);

CREATE TABLE prog_import_content (
    import_id uuid NOT NULL,
    content bytea NOT NULL,
    CONSTRAINT pk_prog_import_content PRIMARY KEY (import_id),
    CONSTRAINT fk_prog_import_content_import_id FOREIGN KEY (import_id) REFERENCES prog_import (id) ON DELETE CASCADE
);

ALTER TABLE prog_value ADD COLUMN import_id uuid;
ALTER TABLE prog_value ADD CONSTRAINT fk_prog_value_import_id FOREIGN KEY (import_id) REFERENCES prog_import (id) ON DELETE RESTRICT;

CREATE INDEX ix_prog_value_import_id ON prog_value (import_id);

CREATE TABLE prog_evidence (
    id uuid NOT NULL,
    value_id uuid NOT NULL,
    file_name character varying(200) NOT NULL,
    content_type character varying(100) NOT NULL,
    size_bytes bigint NOT NULL,
    sha256_hex character varying(64) NOT NULL,
    uploaded_by character varying(200) NOT NULL,
    uploaded_at_utc timestamp with time zone NOT NULL,
    CONSTRAINT pk_prog_evidence PRIMARY KEY (id),
    CONSTRAINT fk_prog_evidence_value_id FOREIGN KEY (value_id) REFERENCES prog_value (id) ON DELETE CASCADE
);

CREATE INDEX ix_prog_evidence_value_id ON prog_evidence (value_id);

CREATE TABLE prog_evidence_content (
    evidence_id uuid NOT NULL,
    content bytea NOT NULL,
    CONSTRAINT pk_prog_evidence_content PRIMARY KEY (evidence_id),
    CONSTRAINT fk_prog_evidence_content_evidence_id FOREIGN KEY (evidence_id) REFERENCES prog_evidence (id) ON DELETE CASCADE
);
