-- 0007: programme bulk imports (the accepted file and its bytes; each value points to its import) and evidence files
-- attached to reported values (metadata with SHA-256; bytes in their own table).
-- Written from 'yiju db model-script' on SQLite; MigrationsMatchModel tests keep it in step with the model.

CREATE TABLE "prog_import" (
    "id" TEXT NOT NULL CONSTRAINT "pk_prog_import" PRIMARY KEY,
    "file_name" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "sha256_hex" TEXT NOT NULL,
    "created" INTEGER NOT NULL,
    "replaced" INTEGER NOT NULL,
    "submitted" INTEGER NOT NULL,
    "imported_by" TEXT NOT NULL,
    "imported_at_utc" TEXT NOT NULL
);

CREATE TABLE "prog_import_content" (
    "import_id" TEXT NOT NULL CONSTRAINT "pk_prog_import_content" PRIMARY KEY,
    "content" BLOB NOT NULL,
    CONSTRAINT "fk_prog_import_content_import_id" FOREIGN KEY ("import_id") REFERENCES "prog_import" ("id") ON DELETE CASCADE
);

ALTER TABLE "prog_value" ADD COLUMN "import_id" TEXT NULL CONSTRAINT "fk_prog_value_import_id" REFERENCES "prog_import" ("id") ON DELETE RESTRICT;

CREATE INDEX "ix_prog_value_import_id" ON "prog_value" ("import_id");

CREATE TABLE "prog_evidence" (
    "id" TEXT NOT NULL CONSTRAINT "pk_prog_evidence" PRIMARY KEY,
    "value_id" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "sha256_hex" TEXT NOT NULL,
    "uploaded_by" TEXT NOT NULL,
    "uploaded_at_utc" TEXT NOT NULL,
    CONSTRAINT "fk_prog_evidence_value_id" FOREIGN KEY ("value_id") REFERENCES "prog_value" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_prog_evidence_value_id" ON "prog_evidence" ("value_id");

CREATE TABLE "prog_evidence_content" (
    "evidence_id" TEXT NOT NULL CONSTRAINT "pk_prog_evidence_content" PRIMARY KEY,
    "content" BLOB NOT NULL,
    CONSTRAINT "fk_prog_evidence_content_evidence_id" FOREIGN KEY ("evidence_id") REFERENCES "prog_evidence" ("id") ON DELETE CASCADE
);
