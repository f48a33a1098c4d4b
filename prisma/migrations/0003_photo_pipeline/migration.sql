-- Photo pipeline (issue 4) and the photo review queue (issue 6).
-- photo_finding keeps what the models said (auto_verdict) beside the current verdict, which a
-- reviewer's decision replaces; the decision itself is a photo_review row (one per photo).

ALTER TABLE photo_finding
  ADD COLUMN transaction_id TEXT,
  ADD COLUMN auto_verdict TEXT,
  -- The four 16-bit bands of the 64-bit pHash: multi-index hashing finds every hash within
  -- Hamming distance d by probing each band at distance <= floor(d / 4) (pigeonhole).
  ADD COLUMN band0 INTEGER,
  ADD COLUMN band1 INTEGER,
  ADD COLUMN band2 INTEGER,
  ADD COLUMN band3 INTEGER,
  -- Whole-suite time for this photo, and per-model times in models.timings.
  ADD COLUMN latency_ms INTEGER,
  -- For REVIEW: when a person must have decided (the queue is ordered by it).
  ADD COLUMN review_due_at TIMESTAMPTZ(3);

UPDATE photo_finding f SET transaction_id = p.transaction_id, auto_verdict = f.verdict FROM photo p WHERE p.id = f.photo_id;
ALTER TABLE photo_finding ALTER COLUMN transaction_id SET NOT NULL;
ALTER TABLE photo_finding ALTER COLUMN auto_verdict SET NOT NULL;
ALTER TABLE photo_finding ADD CONSTRAINT photo_finding_verdict_check CHECK (verdict IN ('PASS', 'FAIL', 'REVIEW'));
ALTER TABLE photo_finding ADD CONSTRAINT photo_finding_auto_verdict_check CHECK (auto_verdict IN ('PASS', 'FAIL', 'REVIEW'));

CREATE INDEX photo_finding_transaction_id_idx ON photo_finding (transaction_id);
CREATE INDEX photo_finding_band0_idx ON photo_finding (band0);
CREATE INDEX photo_finding_band1_idx ON photo_finding (band1);
CREATE INDEX photo_finding_band2_idx ON photo_finding (band2);
CREATE INDEX photo_finding_band3_idx ON photo_finding (band3);
CREATE INDEX photo_finding_created_at_idx ON photo_finding (created_at);
CREATE INDEX photo_finding_review_queue_idx ON photo_finding (review_due_at) WHERE verdict = 'REVIEW';

-- A reviewer's decision on a photo the models sent to people. One per photo.
CREATE TABLE photo_review (
  photo_id BIGINT PRIMARY KEY REFERENCES photo (id) ON DELETE CASCADE,
  transaction_id TEXT NOT NULL,
  reviewer_id BIGINT NOT NULL REFERENCES app_user (id),
  verdict TEXT NOT NULL CHECK (verdict IN ('PASS', 'FAIL')),
  reason TEXT NOT NULL,
  -- When the photo entered the queue and when it was due, copied for throughput and SLA figures.
  queued_at TIMESTAMPTZ(3) NOT NULL,
  due_at TIMESTAMPTZ(3),
  decided_at TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX photo_review_decided_at_idx ON photo_review (decided_at);
CREATE INDEX photo_review_reviewer_id_idx ON photo_review (reviewer_id);
