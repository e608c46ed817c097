-- The CSV import's ledger in the shared store (PostgresImportLedger, docs/operations.md "CSV import on several
-- instances"): what V1's import_file / import_row lacked to hold everything today's file ledger holds, so that an
-- instance taking a file over from a dead one resumes exactly where it stopped and writes the same report.
-- V3, not V2: another change may take V2; Flyway applies both in order on a fresh database.

-- import_file.file_key is the import's identity across instances: a hash of the target group and the file's whole
-- content (CsvImport.ledgerId), the same key today's file ledger is named by; a file dropped again with the same bytes
-- for the same group finds its row and is not imported twice.
ALTER TABLE import_file
    -- the name the file had when it was first seen, and the group its name gives ("" when only a group column does)
    ADD COLUMN file_name      TEXT,
    ADD COLUMN group_name     TEXT,
    ADD COLUMN content_sha256 TEXT,
    -- how many times an import of it started or resumed (on any instance), and when the first started
    ADD COLUMN sessions       INTEGER     NOT NULL DEFAULT 0 CHECK (sessions >= 0),
    ADD COLUMN started_at     TIMESTAMPTZ,
    -- set once, with state 'imported' (UPDATE ... WHERE state = 'importing'): the report's "imported on"
    ADD COLUMN completed_at   TIMESTAMPTZ;

-- The rest of a row's outcome, as the report shows it: the phone cell as written, the row's target group (a group
-- column sends rows of one file to several groups), and for a number met earlier in the file that earlier row.
ALTER TABLE import_row
    ADD COLUMN phone_given TEXT,
    ADD COLUMN group_name  TEXT,
    ADD COLUMN first_row   INTEGER NOT NULL DEFAULT 0 CHECK (first_row >= 0);

-- A contacts/store about to go out for a row (written before the call): a row found here without an outcome in
-- import_row may have been created by a call whose answer was lost (a killed instance), so the instance that resumes
-- looks for it in its group before sending it again. Claimed with INSERT ... ON CONFLICT DO NOTHING.
CREATE TABLE import_attempt (
    file_key TEXT    NOT NULL REFERENCES import_file (file_key) ON DELETE CASCADE,
    row_no   INTEGER NOT NULL CHECK (row_no >= 1),
    number   TEXT,
    PRIMARY KEY (file_key, row_no)
);
