-- Intermediary detection kept in the database (issue 5): the runs (full recompute and
-- incremental updates), the current suspects, rings and colluding handlers, the handler shares
-- an incremental update scores against, and links between person records of the same person.

CREATE TABLE intermediary_run (
  id BIGSERIAL PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('FULL', 'INCREMENTAL')),
  status TEXT NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
  requested_by TEXT NOT NULL,
  started_at TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  finished_at TIMESTAMPTZ(3),
  -- End of the detection window and its length.
  as_of TIMESTAMPTZ(3),
  window_days INTEGER NOT NULL,
  -- Highest transaction seq the run had seen when it started: later ones are folded in incrementally.
  max_seq BIGINT,
  options JSONB NOT NULL DEFAULT '{}',
  -- What incremental updates score against until the next full run (clerk medians per organisation kind).
  baselines JSONB NOT NULL DEFAULT '{}',
  persons_touched INTEGER NOT NULL DEFAULT 0,
  suspects INTEGER NOT NULL DEFAULT 0,
  rings INTEGER NOT NULL DEFAULT 0,
  colluding_handlers INTEGER NOT NULL DEFAULT 0,
  links INTEGER NOT NULL DEFAULT 0,
  timings JSONB NOT NULL DEFAULT '{}',
  error TEXT,
  CHECK ((status = 'RUNNING') = (finished_at IS NULL))
);
CREATE INDEX intermediary_run_kind_status_id_idx ON intermediary_run (kind, status, id);
CREATE INDEX intermediary_run_started_at_idx ON intermediary_run (started_at);

-- Current suspects (score at or above the run's minimum), one row per agent.
CREATE TABLE intermediary_suspect (
  person_key TEXT PRIMARY KEY,
  id_number TEXT NOT NULL,
  name TEXT,
  phone TEXT,
  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
  ring_id TEXT,
  -- INDIVIDUAL, or CLERK:<organisation kind> for registered clerks judged against their segment.
  segment TEXT NOT NULL,
  reasons JSONB NOT NULL,
  evidence JSONB NOT NULL,
  transactions INTEGER NOT NULL,
  unrelated_principals INTEGER NOT NULL,
  first_seen TIMESTAMPTZ(3),
  last_seen TIMESTAMPTZ(3),
  run_id BIGINT NOT NULL,
  updated_at TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX intermediary_suspect_score_idx ON intermediary_suspect (score DESC, person_key);
CREATE INDEX intermediary_suspect_ring_id_idx ON intermediary_suspect (ring_id) WHERE ring_id IS NOT NULL;
CREATE INDEX intermediary_suspect_phone_idx ON intermediary_suspect (phone);

CREATE TABLE intermediary_ring (
  ring_id TEXT PRIMARY KEY,
  -- ID numbers of the members.
  members TEXT[] NOT NULL,
  member_count INTEGER NOT NULL,
  phones TEXT[] NOT NULL,
  booker_accounts TEXT[] NOT NULL,
  favoured_handlers TEXT[] NOT NULL,
  -- [{kind: phone|bookerAccount, value, members, transactions, firstSeen, lastSeen}]: identifiers two or more members used.
  shared_identifiers JSONB NOT NULL,
  transaction_count INTEGER NOT NULL,
  first_seen TIMESTAMPTZ(3),
  last_seen TIMESTAMPTZ(3),
  -- Mean score of the members.
  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
  run_id BIGINT NOT NULL,
  updated_at TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);

CREATE TABLE colluding_handler (
  handler_id TEXT PRIMARY KEY,
  agents TEXT[] NOT NULL,
  ring_ids TEXT[] NOT NULL,
  observed INTEGER NOT NULL,
  expected DOUBLE PRECISION NOT NULL,
  lift DOUBLE PRECISION NOT NULL,
  p_value DOUBLE PRECISION NOT NULL,
  -- -log10(p): larger is more significant.
  significance DOUBLE PRECISION NOT NULL,
  run_id BIGINT NOT NULL,
  updated_at TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);

-- Each handler's share of the cases of a station and business type in the last full run's
-- window: an incremental update tests agent–handler affinity against it without rescanning.
CREATE TABLE intermediary_handler_share (
  station_code TEXT NOT NULL,
  type TEXT NOT NULL,
  handler_id TEXT NOT NULL,
  share DOUBLE PRECISION NOT NULL CHECK (share > 0 AND share <= 1),
  PRIMARY KEY (station_code, type, handler_id)
);

-- Two person records (keys) that may be the same person, with why and how sure; an
-- investigator confirms (merged in the profile) or splits (never suggested again).
CREATE TABLE person_link (
  id BIGSERIAL PRIMARY KEY,
  a_key TEXT NOT NULL,
  b_key TEXT NOT NULL,
  confidence DOUBLE PRECISION NOT NULL CHECK (confidence > 0 AND confidence <= 1),
  reasons JSONB NOT NULL,
  evidence JSONB NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('SUGGESTED', 'CONFIRMED', 'SPLIT')),
  decided_by TEXT,
  decided_at TIMESTAMPTZ(3),
  note TEXT,
  created_at TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CHECK (a_key < b_key),
  CHECK (status = 'SUGGESTED' OR (decided_by IS NOT NULL AND decided_at IS NOT NULL AND char_length(btrim(coalesce(note, ''))) >= 4)),
  UNIQUE (a_key, b_key)
);
CREATE INDEX person_link_b_key_idx ON person_link (b_key);
CREATE INDEX person_link_status_idx ON person_link (status, confidence DESC);

-- The address key entity resolution and address search compare by (services/intermediaries/
-- identity/address.ts is its TypeScript twin, tested to agree): full-width letters and digits
-- folded, white space and punctuation removed, ASCII letters upper-cased, 区 dropped,
-- 号楼/栋/幢 unified as 幢, a trailing 室 dropped.
CREATE FUNCTION canonical_address(address TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT NULLIF(
    regexp_replace(
      regexp_replace(
        replace(
          translate(
            regexp_replace(
              translate(address,
                '０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ',
                '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'),
              '[[:space:]\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e\u00a0-\u00bf\u2000-\u206f\u3000-\u303f\u30fb\ufe30-\ufe4f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]',
              '', 'g'),
            'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
          '区', ''),
        '([0-9A-Z]+)(号楼|栋|幢)', '\1幢', 'g'),
      '([0-9]+)室$', '\1'),
    '')
$$;

CREATE INDEX transaction_canonical_address_idx ON "transaction" (canonical_address(applicant_address_norm)) WHERE applicant_address_norm IS NOT NULL;
CREATE INDEX person_canonical_address_idx ON person (canonical_address(address)) WHERE address IS NOT NULL;
-- 'P:' + region (6) + birth date (8): the block fuzzy matching compares ID numbers within.
CREATE INDEX person_birth_block_idx ON person (substr(key, 1, 16)) WHERE kind = 'PERSON';
CREATE INDEX person_name_pattern_idx ON person (name text_pattern_ops);
