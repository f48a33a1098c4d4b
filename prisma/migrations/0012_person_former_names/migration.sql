-- Investigator search by the names a person was recorded under before (曾用名). A person
-- record keeps the newest name its transactions gave (services/ingest/projections.ts); the
-- names it replaced were lost to name search, though investigators look for a tout under the
-- name they knew. The replaced name is kept by a trigger whose WHEN clause is evaluated by the
-- server for each updated row — ingestion, the platform's bottleneck, pays one comparison per
-- person row and a function call only when a name really changes (rare).
CREATE TABLE person_former_name (
  person_key TEXT NOT NULL REFERENCES person (key) ON DELETE CASCADE,
  name TEXT NOT NULL,
  -- The latest time the person was seen under this name, as far as the record tells.
  last_seen_at TIMESTAMPTZ(3) NOT NULL,
  PRIMARY KEY (person_key, name)
);
CREATE INDEX person_former_name_name_idx ON person_former_name (name);

CREATE FUNCTION person_keep_former_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO person_former_name (person_key, name, last_seen_at) VALUES (OLD.key, OLD.name, OLD.last_seen_at)
  ON CONFLICT (person_key, name) DO UPDATE SET last_seen_at = GREATEST(person_former_name.last_seen_at, EXCLUDED.last_seen_at);
  RETURN NULL;
END $$;

CREATE TRIGGER person_name_replaced AFTER UPDATE OF name ON person FOR EACH ROW
  WHEN (OLD.name IS NOT NULL AND OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION person_keep_former_name();

-- Applicants stored before: their transactions still carry the names they used.
INSERT INTO person_former_name (person_key, name, last_seen_at)
SELECT t.applicant_key, t.applicant_name, max(t.accepted_at)
FROM "transaction" t JOIN person p ON p.key = t.applicant_key
WHERE t.applicant_name IS NOT NULL AND t.applicant_name IS DISTINCT FROM p.name
GROUP BY t.applicant_key, t.applicant_name;
