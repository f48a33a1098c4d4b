-- Long operations started from a page (a backtest, the audit-chain verification) run in the
-- background of the API process that was asked while the page polls their progress. Their state
-- was held in that process's memory, so behind several API processes a poll reaching another one
-- found nothing, and a run whose process stopped was simply gone. Here any process answers the
-- poll, and a run whose process stopped beating is reported as interrupted
-- (services/web/http/runs.ts). A view of work, not a record: the audit trail keeps who started
-- what; finished runs are dropped after a day.
CREATE TABLE background_run (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  owner_id BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  started_at TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  -- Units done and, when known, the total (transactions replayed, entries verified).
  done BIGINT NOT NULL DEFAULT 0,
  total BIGINT,
  -- Written with the progress while the work runs: a run not finished whose heartbeat is old lost its process.
  heartbeat_at TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  finished_at TIMESTAMPTZ(3),
  -- The outcome as the page shows it: {"ok": true, "value": …} or {"ok": false, "error": {code, detail}}.
  result JSONB
);
CREATE INDEX background_run_finished_at_idx ON background_run (finished_at);
