-- V2: the alerting's send ledger on the store (PostgresSendLedger), the same records as the file ledger of one
-- instance (S before a call, A after it, R when the alert is settled), kept so that several active instances share
-- them. V1 is left as it was: a database that ran it keeps its checksum.
--
-- alert_send now holds the alert's state as a whole:
--   open       recipients of it were claimed for a call (their rows in alert_recipient say where each stands); no
--              outcome yet
--   sending    a call of the whole alert (a group alert's sms/campaign) was claimed and has not recorded its end:
--              in flight, or its instance died during it (then its outcome is unknown: uncertain, never resent)
--   sent, failed, uncertain, invalid   settled (R); result holds the outcome as JSON (AlertResult)
--   retry      the last call provably sent nothing and the alert may be claimed again
ALTER TABLE alert_send DROP CONSTRAINT alert_send_state_check;
ALTER TABLE alert_send ADD CONSTRAINT alert_send_state_check
    CHECK (state IN ('open', 'sending', 'sent', 'failed', 'uncertain', 'invalid', 'retry'));

-- alert_recipient, one row per number of an alert once a call claimed it:
--   sending    claimed by batch_id (INSERT ... ON CONFLICT DO UPDATE ... WHERE state = 'retry': only a number never
--              claimed, or whose call provably did not send it, can be claimed, so two calls never carry one number)
--   sent       accepted by the API (message_uid; null for a scheduled send, which is answered without uids)
--   failed     refused by the API for this number (reason)
--   uncertain  its call may have sent it and did not say (reason): never sent again automatically
--   retry      its call provably did not send it: open for the next claim
-- batch_id: the call that claimed the number last, so the call's own A record (and no other) settles it; instance
-- and updated_at: who wrote the row last and when, for an operator.
ALTER TABLE alert_recipient
    ADD COLUMN batch_id   TEXT,
    ADD COLUMN instance   TEXT,
    ADD COLUMN updated_at TIMESTAMPTZ NOT NULL DEFAULT now();
-- a call's A record updates the rows of its batch
CREATE INDEX alert_recipient_batch ON alert_recipient (batch_id);
-- what an operator looks for: numbers left 'sending' (a dead instance's calls) or 'uncertain', oldest first
CREATE INDEX alert_recipient_state ON alert_recipient (state, updated_at);
