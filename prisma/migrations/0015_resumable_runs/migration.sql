-- Background runs resumed after their process stopped. A run's input is stored with it, so the
-- process that answers the next poll of a run whose heartbeat stopped can claim it (one UPDATE:
-- one claimant) and start it again from that input (services/web/http/runs.ts). The attempt
-- number makes a superseded process's late beats and result land nowhere. Runs stored before
-- have no input and are reported as interrupted, as they were.
ALTER TABLE background_run ADD COLUMN input JSONB;
ALTER TABLE background_run ADD COLUMN attempt INT NOT NULL DEFAULT 1;
