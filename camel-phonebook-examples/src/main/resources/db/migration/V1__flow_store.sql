-- The flows' shared store: what several instances of the phonebook application (the queue-to-SMS alerting and the CSV
-- import, docs/operations.md) must agree on when they run side by side on one PostgreSQL database and one Artemis.
-- Flyway applies this once per database (FlowDatabase, at start); a later change is a new V<n>__*.sql, never an edit
-- here, because every database that ran V1 keeps its checksum.
--
-- The rule for every table that guards exactly-once: the guard is a unique key, claimed with
-- INSERT ... ON CONFLICT DO NOTHING (or a conditional UPDATE) and judged by the row count, never by reading first and
-- writing after: two instances that both read "absent" would both send.
--
-- Identifiers are unquoted (PostgreSQL folds them to lower case), so plain SQL, camel-sql and Bucket4j all find them.
-- Text columns are TEXT with CHECK constraints rather than VARCHAR(n): PostgreSQL stores both alike, and the lengths
-- are the parsers' business (an alert id is at most 200 characters, AlertParser).

-- ---- Queue-to-SMS alerting ----------------------------------------------------------------------------------------

-- One row per alert id: the claim that keeps an alert redelivered by the broker, or taken by a second instance, from
-- going out twice. An instance claims the id before it calls the API (state 'sending'); the outcome replaces it.
--   sending   claimed, the API call may be in flight (a row left in this state by a dead instance is looked at with
--             the API's message list before anything is sent again: its outcome is unknown)
--   sent      the API accepted it; result holds the API's answer (message uid, cost)
--   failed    the API refused it for good; result holds why (also on the <queue>.failed message)
--   uncertain the call may or may not have reached the API and the message list could not tell: never sent again
--             automatically (result says what is known)
--   retry     nothing was sent (rate limited, API unreachable before the request left): a later delivery may claim it
--             again, with UPDATE ... WHERE state = 'retry'
CREATE TABLE alert_send (
    alert_id   TEXT        NOT NULL PRIMARY KEY,
    -- the coalesced batch (one sms/send call for many recipients) the alert went out in
    batch_id   TEXT,
    state      TEXT        NOT NULL CHECK (state IN ('sending', 'sent', 'failed', 'uncertain', 'retry')),
    result     TEXT,
    -- which application instance wrote the state last (host and process), for an operator reading the table
    instance   TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- a batch's alerts are updated together when its call returns
CREATE INDEX alert_send_batch ON alert_send (batch_id);
-- finding the claims a dead instance left in 'sending' (oldest first)
CREATE INDEX alert_send_state ON alert_send (state, updated_at);

-- Each recipient of an alert: a batch of 100 recipients is one API call, but the API answers (and fails) per number,
-- so the outcome is kept per number. state as in alert_send; message_uid is the API's uid of the SMS to this number;
-- reason says why a number was refused (invalid, blocked, no balance).
CREATE TABLE alert_recipient (
    alert_id    TEXT NOT NULL REFERENCES alert_send (alert_id) ON DELETE CASCADE,
    -- the number as the component normalised it (E.164 without '+'), so one number is one row whatever its spelling
    number      TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'failed', 'uncertain', 'retry')),
    message_uid TEXT,
    reason      TEXT,
    PRIMARY KEY (alert_id, number)
);

-- ---- CSV import ---------------------------------------------------------------------------------------------------

-- One row per file, keyed by its content (file_key: a hash of the bytes, so a file dropped twice, or into a second
-- instance's inbox, is one import). The instance that inserts the row imports the file; the others skip it.
--   importing  an instance is importing it (rows land in import_row as they are done)
--   imported   every row has its outcome; the report was written
--   failed     the file cannot be imported (unreadable, no number column); nothing more is tried
CREATE TABLE import_file (
    file_key   TEXT        NOT NULL PRIMARY KEY,
    -- the contact group's uid the file's contacts go to (created lazily on the first imported row)
    group_uid  TEXT,
    state      TEXT        NOT NULL CHECK (state IN ('importing', 'imported', 'failed')),
    -- rows read so far (data rows, not the header)
    rows       INTEGER     NOT NULL DEFAULT 0 CHECK (rows >= 0),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One row per data row of a file, written once its contact call returned: a restarted import (same or another
-- instance) skips the rows found here, so no contact is stored twice. outcome as the import's Outcome enum.
CREATE TABLE import_row (
    file_key    TEXT    NOT NULL REFERENCES import_file (file_key) ON DELETE CASCADE,
    -- the row's number in the file, 1 for the first data row
    row_no      INTEGER NOT NULL CHECK (row_no >= 1),
    outcome     TEXT    NOT NULL CHECK (outcome IN ('imported', 'duplicate', 'rejected')),
    -- the phone number as normalised (null when the row had none that could be read)
    number      TEXT,
    -- the contact's uid in the group, for imported rows
    contact_uid TEXT,
    -- why a row was rejected or is a duplicate (of which row)
    reason      TEXT,
    -- free text the report shows beside the outcome (e.g. the number was rewritten)
    note        TEXT,
    PRIMARY KEY (file_key, row_no)
);
-- a number seen in an earlier row of the same file is a duplicate: looked up per file and number
CREATE INDEX import_row_number ON import_row (file_key, number);

-- ---- camel-sql's idempotent repository ----------------------------------------------------------------------------

-- The table camel-sql's JdbcMessageIdRepository and JdbcOrphanLockAwareIdempotentRepository use (their default
-- name, columns and types, as camel-sql 4.17 creates it when missing), created here so that the application's
-- database user needs no DDL rights at run time and every instance sees one table from the start. processorName
-- separates the flows that share it; createdAt is the orphan-lock variant's keep-alive: a lock older than its
-- lockMaxAge is taken to belong to a dead instance.
CREATE TABLE CAMEL_MESSAGEPROCESSED (
    processorName VARCHAR(255),
    messageId     VARCHAR(100),
    createdAt     TIMESTAMP,
    PRIMARY KEY (processorName, messageId)
);

-- ---- The shared rate limit ----------------------------------------------------------------------------------------

-- Bucket4j's token buckets (PostgresRateLimiter), one row per API token: every instance on a token books its request
-- slots in the same row, so the account's per-minute limit is kept by all of them together.
--   id         a 64-bit key derived from a hash of the API token (the token itself is never stored)
--   state      Bucket4j's serialised bucket; nullable because its SELECT ... FOR UPDATE proxy manager first inserts
--              the row with a null state (INSERT ... ON CONFLICT DO NOTHING) and then locks it
--   expires_at when Bucket4j may delete an idle bucket (epoch milliseconds), for its expire-after-write option; null
--              while unused
CREATE TABLE rate_limit_bucket (
    id         BIGINT NOT NULL PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
