-- 0006: bytes of housing application documents (metadata stays in housing_document).
-- Written from 'yiju db model-script' on PostgreSQL; MigrationsMatchModel tests keep it in step with the model.

CREATE TABLE housing_document_content (
    document_id uuid NOT NULL,
    content bytea NOT NULL,
    CONSTRAINT pk_housing_document_content PRIMARY KEY (document_id),
    CONSTRAINT fk_housing_document_content_document_id FOREIGN KEY (document_id) REFERENCES housing_document (id) ON DELETE CASCADE
);
