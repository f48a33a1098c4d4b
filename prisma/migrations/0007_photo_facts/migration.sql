-- 0007_photo_facts: the photo panels' fact tables, cheaper time buckets for every over-time panel
-- and Grafana's role without parallel workers (issue 8; figures from npm run bench:dashboards at
-- 1,000,000 transactions on a 2-core machine).
--
-- The photo views of 0005 join each finding to its transaction for the station and business-type
-- filters: with one station selected PostgreSQL must join every finding of the range (hundreds
-- of milliseconds over a year of a large office). supervision.photo_checks holds one row per
-- photo checked by the models, with the transaction's dimensions, the models' and the current
-- verdicts, the OCR confidences and the reviewer's decision, so each panel reads one index.
--
-- Kept by the scheduler like supervision.risk_hits (services/supervision/photo-facts.ts), from a
-- watermark on assessment ids: every change the rows copy re-assesses its transaction under the
-- ingest lock in the same database transaction — findings stored by the photo job (and later
-- copies it flags on other transactions), a reviewer's decision, a revision (which replaces the
-- photos) — so the photo rows of every transaction assessed since the watermark are replaced.

CREATE TABLE supervision.photo_checks (
  photo_id BIGINT PRIMARY KEY,
  transaction_id TEXT NOT NULL,
  station_code TEXT NOT NULL,
  business_type TEXT NOT NULL,
  photo_kind TEXT NOT NULL,
  -- When the models' finding was stored.
  checked_at TIMESTAMPTZ(3) NOT NULL,
  -- What the models said, and the verdict now (a reviewer's decision replaces REVIEW).
  auto_verdict TEXT NOT NULL,
  verdict TEXT NOT NULL,
  latency_ms INTEGER,
  -- OCR confidence of the plate / VIN read (interchange.md §5 findings), when one was read.
  plate_confidence DOUBLE PRECISION,
  vin_confidence DOUBLE PRECISION,
  review_due_at TIMESTAMPTZ(3),
  -- The reviewer's decision (photo_review), when there is one.
  reviewer_id BIGINT,
  review_verdict TEXT,
  decided_at TIMESTAMPTZ(3),
  hours_waited DOUBLE PRECISION,
  decided_late BOOLEAN
);
-- All stations, and one or a few stations, over a time range: index-only scans.
CREATE INDEX photo_checks_checked_at_idx ON supervision.photo_checks (checked_at)
  INCLUDE (station_code, business_type, auto_verdict, verdict, latency_ms, plate_confidence, vin_confidence);
CREATE INDEX photo_checks_station_checked_at_idx ON supervision.photo_checks (station_code, checked_at)
  INCLUDE (business_type, auto_verdict, verdict, latency_ms, plate_confidence, vin_confidence);
CREATE INDEX photo_checks_decided_at_idx ON supervision.photo_checks (decided_at)
  INCLUDE (station_code, business_type, reviewer_id, review_verdict, hours_waited, decided_late) WHERE decided_at IS NOT NULL;
CREATE INDEX photo_checks_station_decided_at_idx ON supervision.photo_checks (station_code, decided_at)
  INCLUDE (business_type, reviewer_id, review_verdict, hours_waited, decided_late) WHERE decided_at IS NOT NULL;
CREATE INDEX photo_checks_transaction_id_idx ON supervision.photo_checks (transaction_id);

-- Each model's time on each photo of the last 7 days (photo_finding.models.timings), refreshed
-- with photo_checks: the model-latency panel (近 3 天) reads this index instead of unpacking every
-- finding's JSON. Older rows are pruned at each refresh: for a whole year this would be the
-- largest table of the schema (560 MB at a million transactions), for one operational panel
-- whose history Prometheus keeps.
CREATE TABLE supervision.photo_model_times (
  photo_id BIGINT NOT NULL,
  model TEXT NOT NULL,
  transaction_id TEXT NOT NULL,
  checked_at TIMESTAMPTZ(3) NOT NULL,
  ms DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (photo_id, model)
);
CREATE INDEX photo_model_times_checked_at_idx ON supervision.photo_model_times (checked_at) INCLUDE (model, ms);
CREATE INDEX photo_model_times_transaction_id_idx ON supervision.photo_model_times (transaction_id);

INSERT INTO supervision.fact_watermark (name, last_id) VALUES ('photo_checks', 0);

-- Staff, not the public: the names of the people who decided photos (as supervision.photo_reviews shows them).
CREATE VIEW supervision.reviewers AS
  SELECT u.id AS reviewer_id, u.display_name AS reviewer
  FROM public.app_user u
  WHERE EXISTS (SELECT 1 FROM public.photo_review r WHERE r.reviewer_id = u.id);

-- The local business day of 0005, without a time-zone look-up per row: date_trunc(..., 'Asia/Shanghai')
-- cost about 2 µs a row, most of the time of the per-day panels (82,000 transactions of a month:
-- ~190 ms against ~50 ms). Asia/Shanghai has been UTC+8 without daylight saving since 1991, so
-- days are 24-hour bins from a local midnight; the result is the same instant as before.
CREATE OR REPLACE FUNCTION supervision.local_day(ts TIMESTAMPTZ) RETURNS TIMESTAMPTZ
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT date_bin(interval '1 day', ts, TIMESTAMPTZ '2000-01-01 00:00:00+08') $$;

-- Buckets of the over-time panels ($bucket: 1h, 6h, 1d, 7d) on the same local clock: days from
-- local midnight, weeks from Monday. Grafana's $__timeGroup cuts days at UTC midnight (08:00
-- here) and computes in numeric, three times slower than this.
CREATE FUNCTION supervision.local_bucket(ts TIMESTAMPTZ, width INTERVAL) RETURNS TIMESTAMPTZ
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT date_bin(width, ts, TIMESTAMPTZ '2000-01-03 00:00:00+08') $$;

-- The read-only role of 0005 (absent where the migrating user could not create it). Its queries
-- run without parallel workers, in this database only: a dashboard sends a dozen queries at
-- once, and on a small server starting workers cost more than they saved (总览 › 待处置告警
-- with one station: 190–490 ms with two workers under load, 15 ms without).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cheguan_grafana') THEN
    RAISE NOTICE 'cheguan_grafana does not exist: GRANT SELECT ON supervision.photo_checks, supervision.photo_model_times, supervision.reviewers once it does';
    RETURN;
  END IF;
  GRANT SELECT ON supervision.photo_checks, supervision.photo_model_times, supervision.reviewers TO cheguan_grafana;
  BEGIN
    EXECUTE format('ALTER ROLE cheguan_grafana IN DATABASE %I SET max_parallel_workers_per_gather = 0', current_database());
  EXCEPTION
    WHEN insufficient_privilege THEN
      RAISE NOTICE 'cheguan_grafana keeps parallel query (no CREATEROLE): ALTER ROLE cheguan_grafana IN DATABASE % SET max_parallel_workers_per_gather = 0', current_database();
  END;
END $$;
