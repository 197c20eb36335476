-- 0006: bytes of housing application documents (metadata stays in housing_document).
-- Written from 'yiju db model-script' on SQLite; MigrationsMatchModel tests keep it in step with the model.

CREATE TABLE "housing_document_content" (
    "document_id" TEXT NOT NULL CONSTRAINT "pk_housing_document_content" PRIMARY KEY,
    "content" BLOB NOT NULL,
    CONSTRAINT "fk_housing_document_content_document_id" FOREIGN KEY ("document_id") REFERENCES "housing_document" ("id") ON DELETE CASCADE
);
