-- 0001: organisation (units, departments, people, roles, access tokens), audit trail, data-protection keys.
-- Written from 'yiju db model-script' on SQLite; MigrationsMatchModel tests keep it in step with the model.

CREATE TABLE "org_department" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_org_department" PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NULL,
    "active" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "version" INTEGER NOT NULL
);


CREATE TABLE "org_person" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_org_person" PRIMARY KEY AUTOINCREMENT,
    "user_name" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "phone" TEXT NULL,
    "password_hash" TEXT NOT NULL,
    "failed_sign_ins" INTEGER NOT NULL,
    "locked_until" TEXT NULL,
    "last_sign_in_at" TEXT NULL,
    "active" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "version" INTEGER NOT NULL
);


CREATE TABLE "org_unit" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_org_unit" PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT NULL,
    "level" INTEGER NOT NULL,
    "kind" INTEGER NULL,
    "parent_id" INTEGER NULL,
    "path" TEXT NOT NULL,
    "boundary_geo_json" TEXT NULL,
    "centroid_latitude" REAL NULL,
    "centroid_longitude" REAL NULL,
    "boundary_source" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_org_unit_parent_id" FOREIGN KEY ("parent_id") REFERENCES "org_unit" ("id") ON DELETE RESTRICT
);


CREATE TABLE "sys_audit_entry" (
    "seq" INTEGER NOT NULL CONSTRAINT "pk_sys_audit_entry" PRIMARY KEY,
    "at" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "before" TEXT NULL,
    "after" TEXT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);


CREATE TABLE "sys_data_protection_key" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_sys_data_protection_key" PRIMARY KEY AUTOINCREMENT,
    "friendly_name" TEXT NOT NULL,
    "xml" TEXT NOT NULL
);


CREATE TABLE "org_access_token" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_org_access_token" PRIMARY KEY AUTOINCREMENT,
    "person_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "expires_at" TEXT NULL,
    "revoked_at" TEXT NULL,
    "last_used_at" TEXT NULL,
    CONSTRAINT "fk_org_access_token_person_id" FOREIGN KEY ("person_id") REFERENCES "org_person" ("id") ON DELETE CASCADE
);


CREATE TABLE "org_role_assignment" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_org_role_assignment" PRIMARY KEY AUTOINCREMENT,
    "person_id" INTEGER NOT NULL,
    "role" INTEGER NOT NULL,
    "unit_id" INTEGER NULL,
    "department_id" INTEGER NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_org_role_assignment_department_id" FOREIGN KEY ("department_id") REFERENCES "org_department" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_org_role_assignment_person_id" FOREIGN KEY ("person_id") REFERENCES "org_person" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_org_role_assignment_unit_id" FOREIGN KEY ("unit_id") REFERENCES "org_unit" ("id") ON DELETE RESTRICT
);


CREATE UNIQUE INDEX "ix_org_access_token_hash" ON "org_access_token" ("hash");


CREATE INDEX "ix_org_access_token_person_id" ON "org_access_token" ("person_id");


CREATE UNIQUE INDEX "ix_org_department_code" ON "org_department" ("code");


CREATE UNIQUE INDEX "ix_org_person_user_name" ON "org_person" ("user_name");


CREATE INDEX "ix_org_role_assignment_department_id" ON "org_role_assignment" ("department_id");


CREATE INDEX "ix_org_role_assignment_person_id" ON "org_role_assignment" ("person_id");


CREATE INDEX "ix_org_role_assignment_unit_id" ON "org_role_assignment" ("unit_id");


CREATE UNIQUE INDEX "ix_org_unit_code" ON "org_unit" ("code");


CREATE INDEX "ix_org_unit_level" ON "org_unit" ("level");


CREATE INDEX "ix_org_unit_parent_id" ON "org_unit" ("parent_id");


CREATE INDEX "ix_org_unit_path" ON "org_unit" ("path");


CREATE INDEX "ix_sys_audit_entry_at" ON "sys_audit_entry" ("at");


CREATE INDEX "ix_sys_audit_entry_entity_type_entity_id" ON "sys_audit_entry" ("entity_type", "entity_id");


