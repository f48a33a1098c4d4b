-- Investigator search (issue 5): names by pinyin (homophones, full pinyin, initials) and
-- addresses by a part of them. Both search small tables of DISTINCT names and canonical
-- addresses rather than the million-row transaction table, so ingestion pays nothing: the
-- search keys the transactions stored since its watermark (search_key_state.keyed_seq, the
-- transaction seq) before it reads — inline when few are new, in the background after a
-- bulk load (services/intermediaries/identity/search-keys.ts). Keys are computed in
-- TypeScript: pinyin needs pinyin-pro's dictionary, and the canonical-address twin
-- (identity/address.ts, tested to agree with canonical_address()) is ~15 times cheaper.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- One row per distinct person name (as person.name holds it).
CREATE TABLE person_name_key (
  name TEXT PRIMARY KEY,
  -- The name as the search compares it (identity/names.ts normaliseName): no spaces or dots, ASCII upper-cased.
  normalised TEXT NOT NULL,
  -- Whole pinyin without tones or separators, one per reading: the surname reading (曾 zeng,
  -- 单 shan, 解 xie) and the common one (ceng, dan, jie) when they differ; ü as v (and u).
  pinyin TEXT[] NOT NULL,
  -- First letters of the syllables of each reading (张伟 zw).
  initials TEXT[] NOT NULL,
  -- The normalised name with one character left out, at each position: two names one edit
  -- apart share one of these, or one is the other's (symmetric deletion), so a one-character
  -- typo is found through an index instead of LIKE '_伟' over every person.
  deletions TEXT[] NOT NULL,
  keyed_at TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX person_name_key_normalised_idx ON person_name_key (normalised);
CREATE INDEX person_name_key_pinyin_idx ON person_name_key USING gin (pinyin);
CREATE INDEX person_name_key_initials_idx ON person_name_key USING gin (initials);
CREATE INDEX person_name_key_deletions_idx ON person_name_key USING gin (deletions);

-- One row per distinct canonical address (canonical_address() of migration 0004) seen on a
-- transaction's applicant or a person record. The trigram index answers LIKE '%幸福路12号%'
-- (three characters or more); the rows found lead back to transactions and persons through
-- the canonical-address expression indexes of 0004.
CREATE TABLE address_key (
  canonical TEXT PRIMARY KEY,
  keyed_at TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX address_key_canonical_trgm_idx ON address_key USING gin (canonical gin_trgm_ops);

-- How far the two tables are keyed: every transaction with seq <= keyed_seq has its
-- applicant's and agent's names and addresses in them. One row.
CREATE TABLE search_key_state (
  id BOOLEAN PRIMARY KEY DEFAULT true CHECK (id),
  keyed_seq BIGINT NOT NULL DEFAULT 0,
  updated_at TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
INSERT INTO search_key_state DEFAULT VALUES;
