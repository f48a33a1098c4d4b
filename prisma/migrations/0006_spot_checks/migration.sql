-- 双随机 spot checks (issue 6): a random sample of transactions that raised no alert, each
-- assigned to a randomly drawn eligible reviewer. The seed and the population's fingerprint
-- are recorded, so anyone can redraw and get the same sample.

CREATE TABLE spot_check_draw (
  id BIGSERIAL PRIMARY KEY,
  seed TEXT NOT NULL,
  drawn_by TEXT NOT NULL,
  drawn_at TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  period_from TIMESTAMPTZ(3) NOT NULL,
  period_to TIMESTAMPTZ(3) NOT NULL,
  station_code TEXT,
  business_type TEXT,
  sample_size INTEGER NOT NULL CHECK (sample_size > 0),
  population INTEGER NOT NULL,
  -- SHA-256 of the population's ids in order, and of the eligible reviewers' ids: what a redraw checks.
  population_sha256 TEXT NOT NULL,
  reviewers_sha256 TEXT NOT NULL,
  CHECK (period_from < period_to)
);
CREATE INDEX spot_check_draw_drawn_at_idx ON spot_check_draw (drawn_at);

CREATE TABLE spot_check_item (
  id BIGSERIAL PRIMARY KEY,
  draw_id BIGINT NOT NULL REFERENCES spot_check_draw (id) ON DELETE CASCADE,
  transaction_id TEXT NOT NULL REFERENCES "transaction" (id),
  assignee_id BIGINT NOT NULL REFERENCES app_user (id),
  status TEXT NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DECIDED')),
  result TEXT CHECK (result IN ('CONFORMING', 'NONCONFORMING')),
  reason TEXT,
  decided_at TIMESTAMPTZ(3),
  UNIQUE (draw_id, transaction_id),
  CHECK ((status = 'DECIDED') = (result IS NOT NULL))
);
CREATE INDEX spot_check_item_assignee_idx ON spot_check_item (assignee_id, status);
