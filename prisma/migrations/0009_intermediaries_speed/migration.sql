-- Intermediaries at a million transactions (issue 5, acceptance 3).
--
-- Ring refreshes between full runs are runs of their own kind: a RINGS run records the
-- transactions it looked at (max_seq, the next refresh's watermark), the agents it attached to
-- which ring, and its timings (services/intermediaries/incremental/refresh-rings.ts).
ALTER TABLE intermediary_run DROP CONSTRAINT intermediary_run_kind_check;
ALTER TABLE intermediary_run ADD CONSTRAINT intermediary_run_kind_check CHECK (kind IN ('FULL', 'INCREMENTAL', 'RINGS'));
