-- How many contacts/store calls went out for a row, on any instance (PostgresImportLedger#attempt). A file is worked
-- on by one instance at a time, but a claim can lapse while its holder still works (a long pause of that JVM, a
-- network partition from the database): the instance that takes the file over then sends rows the first one is also
-- sending. The count lets either of them tell an "already taken" answer made by the other's store (the row is looked
-- for in its group and found with its own data: imported) from a number that was in the group before (duplicate).
ALTER TABLE import_attempt
    ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1 CHECK (attempts >= 1);
