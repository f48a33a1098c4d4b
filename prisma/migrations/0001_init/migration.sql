-- 0001_init: the whole domain of the interchange spec. Kept in step with schema.prisma
-- (test: services/platform/migrate.test.ts reads every model from a migrated database).
-- Indexes on sparse columns (agent, booker, vin…) are partial: most transactions have no
-- agent, and an index entry not written is ingestion time saved.

CREATE TABLE station (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  lat DOUBLE PRECISION,
  lon DOUBLE PRECISION,
  timezone TEXT,
  hours JSONB NOT NULL,
  workstations TEXT[] NOT NULL DEFAULT '{}',
  updated_at TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);

CREATE TABLE handler (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  id_number TEXT,
  phone TEXT,
  role TEXT NOT NULL,
  stations TEXT[] NOT NULL DEFAULT '{}',
  permissions TEXT[] NOT NULL DEFAULT '{}',
  active BOOLEAN NOT NULL,
  updated_at TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX handler_id_number_idx ON handler (id_number);
CREATE INDEX handler_phone_idx ON handler (phone);

CREATE TABLE organisation (
  org_code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  phones TEXT[] NOT NULL DEFAULT '{}',
  updated_at TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);

CREATE TABLE organisation_clerk (
  org_code TEXT NOT NULL REFERENCES organisation (org_code) ON DELETE CASCADE,
  id_number TEXT NOT NULL,
  name TEXT,
  phone TEXT,
  PRIMARY KEY (org_code, id_number)
);
CREATE INDEX organisation_clerk_id_number_idx ON organisation_clerk (id_number);
CREATE INDEX organisation_clerk_phone_idx ON organisation_clerk (phone);

CREATE TABLE list_entry (
  id BIGSERIAL PRIMARY KEY,
  list TEXT NOT NULL CHECK (list IN ('INTERMEDIARY_BLACKLIST', 'PERSON_WATCHLIST')),
  id_number TEXT,
  phone TEXT,
  reason TEXT,
  created_at TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX list_entry_list_id_number_idx ON list_entry (list, id_number);
CREATE INDEX list_entry_list_phone_idx ON list_entry (list, phone);

CREATE TABLE person (
  key TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  name TEXT,
  phone TEXT,
  address TEXT,
  first_seen_at TIMESTAMPTZ(3) NOT NULL,
  last_seen_at TIMESTAMPTZ(3) NOT NULL
);
CREATE INDEX person_phone_idx ON person (phone);
CREATE INDEX person_name_idx ON person (name);

CREATE TABLE vehicle (
  vin TEXT PRIMARY KEY,
  plate TEXT,
  vehicle_type TEXT,
  color TEXT,
  first_seen_at TIMESTAMPTZ(3) NOT NULL,
  last_seen_at TIMESTAMPTZ(3) NOT NULL
);
CREATE INDEX vehicle_plate_idx ON vehicle (plate);

CREATE TABLE "transaction" (
  id TEXT PRIMARY KEY,
  version INTEGER NOT NULL CHECK (version >= 1),
  seq BIGSERIAL NOT NULL UNIQUE,
  type TEXT NOT NULL,
  status TEXT NOT NULL,
  accepted_at TIMESTAMPTZ(3) NOT NULL,
  completed_at TIMESTAMPTZ(3),
  station_code TEXT NOT NULL,
  handler_id TEXT NOT NULL,
  approver_id TEXT,
  workstation_id TEXT,
  channel TEXT NOT NULL,
  applicant_key TEXT NOT NULL,
  applicant_kind TEXT NOT NULL,
  applicant_name TEXT,
  applicant_phone TEXT,
  applicant_address_norm TEXT,
  agent_id_number TEXT,
  agent_phone TEXT,
  agent_org_code TEXT,
  booker_phone TEXT,
  booker_account TEXT,
  vin TEXT,
  plate TEXT,
  override BOOLEAN NOT NULL,
  tolerance BOOLEAN NOT NULL,
  tolerance_due_at TIMESTAMPTZ(3),
  ever_completed BOOLEAN NOT NULL,
  photo_count INTEGER NOT NULL,
  received_at TIMESTAMPTZ(3) NOT NULL,
  updated_at TIMESTAMPTZ(3) NOT NULL
);
CREATE INDEX transaction_accepted_at_idx ON "transaction" (accepted_at);
CREATE INDEX transaction_station_code_accepted_at_idx ON "transaction" (station_code, accepted_at);
CREATE INDEX transaction_handler_id_accepted_at_idx ON "transaction" (handler_id, accepted_at);
CREATE INDEX transaction_applicant_key_accepted_at_idx ON "transaction" (applicant_key, accepted_at);
CREATE INDEX transaction_applicant_phone_accepted_at_idx ON "transaction" (applicant_phone, accepted_at) WHERE applicant_phone IS NOT NULL;
CREATE INDEX transaction_applicant_address_norm_accepted_at_idx ON "transaction" (applicant_address_norm, accepted_at) WHERE applicant_address_norm IS NOT NULL;
CREATE INDEX transaction_agent_id_number_accepted_at_idx ON "transaction" (agent_id_number, accepted_at) WHERE agent_id_number IS NOT NULL;
CREATE INDEX transaction_agent_phone_accepted_at_idx ON "transaction" (agent_phone, accepted_at) WHERE agent_phone IS NOT NULL;
CREATE INDEX transaction_booker_phone_accepted_at_idx ON "transaction" (booker_phone, accepted_at) WHERE booker_phone IS NOT NULL;
CREATE INDEX transaction_booker_account_accepted_at_idx ON "transaction" (booker_account, accepted_at) WHERE booker_account IS NOT NULL;
CREATE INDEX transaction_vin_accepted_at_idx ON "transaction" (vin, accepted_at) WHERE vin IS NOT NULL;
CREATE INDEX transaction_plate_idx ON "transaction" (plate) WHERE plate IS NOT NULL;

CREATE TABLE transaction_revision (
  transaction_id TEXT NOT NULL REFERENCES "transaction" (id) ON DELETE RESTRICT,
  version INTEGER NOT NULL,
  payload JSON NOT NULL,
  payload_sha256 TEXT NOT NULL,
  status TEXT NOT NULL,
  received_at TIMESTAMPTZ(3) NOT NULL,
  PRIMARY KEY (transaction_id, version)
);

CREATE TABLE material (
  transaction_id TEXT NOT NULL REFERENCES "transaction" (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,
  sha256 TEXT,
  valid_until DATE,
  subject_vin TEXT,
  subject_id_number TEXT,
  PRIMARY KEY (transaction_id, position)
);
CREATE INDEX material_sha256_idx ON material (sha256) WHERE sha256 IS NOT NULL;

CREATE TABLE blob (
  sha256 TEXT PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size INTEGER NOT NULL,
  content_type TEXT,
  created_at TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);

CREATE TABLE photo (
  id BIGSERIAL PRIMARY KEY,
  transaction_id TEXT NOT NULL REFERENCES "transaction" (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,
  sha256 TEXT,
  state TEXT NOT NULL,
  problem TEXT,
  taken_at TIMESTAMPTZ(3),
  lat DOUBLE PRECISION,
  lon DOUBLE PRECISION,
  UNIQUE (transaction_id, position)
);
CREATE INDEX photo_sha256_idx ON photo (sha256);

CREATE TABLE photo_finding (
  photo_id BIGINT PRIMARY KEY REFERENCES photo (id) ON DELETE CASCADE,
  verdict TEXT NOT NULL,
  reasons JSONB NOT NULL,
  findings JSONB NOT NULL,
  phash BIGINT,
  models JSONB NOT NULL,
  created_at TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX photo_finding_verdict_idx ON photo_finding (verdict);
CREATE INDEX photo_finding_phash_idx ON photo_finding (phash);

CREATE TABLE rule_set (
  version TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  config JSONB NOT NULL,
  note TEXT,
  created_by TEXT NOT NULL,
  approved_by TEXT,
  created_at TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  published_at TIMESTAMPTZ(3),
  CHECK (approved_by IS NULL OR approved_by <> created_by)
);
CREATE INDEX rule_set_status_idx ON rule_set (status);

CREATE TABLE assessment (
  id BIGSERIAL PRIMARY KEY,
  transaction_id TEXT NOT NULL,
  transaction_version INTEGER NOT NULL,
  rule_set_version TEXT NOT NULL,
  score INTEGER NOT NULL,
  alert BOOLEAN NOT NULL,
  dual_review BOOLEAN NOT NULL,
  photo_checks TEXT NOT NULL,
  pending TEXT[] NOT NULL DEFAULT '{}',
  errors JSONB NOT NULL DEFAULT '[]',
  features JSON NOT NULL DEFAULT '{}',
  current BOOLEAN NOT NULL,
  trigger TEXT NOT NULL,
  created_at TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX assessment_transaction_id_current_idx ON assessment (transaction_id, current);
CREATE INDEX assessment_created_at_idx ON assessment (created_at);
CREATE UNIQUE INDEX assessment_one_current_idx ON assessment (transaction_id) WHERE current;

CREATE TABLE risk_hit (
  id BIGSERIAL PRIMARY KEY,
  assessment_id BIGINT NOT NULL REFERENCES assessment (id) ON DELETE CASCADE,
  risk_point TEXT NOT NULL,
  outcome TEXT NOT NULL,
  weight INTEGER NOT NULL,
  reason TEXT NOT NULL,
  evidence JSONB NOT NULL
);
CREATE INDEX risk_hit_assessment_id_idx ON risk_hit (assessment_id);
CREATE INDEX risk_hit_risk_point_idx ON risk_hit (risk_point);

CREATE TABLE alert (
  id BIGSERIAL PRIMARY KEY,
  transaction_id TEXT NOT NULL,
  assessment_id BIGINT NOT NULL,
  status TEXT NOT NULL,
  severity TEXT NOT NULL,
  score INTEGER NOT NULL,
  dual_review BOOLEAN NOT NULL,
  assignee_ids BIGINT[] NOT NULL DEFAULT '{}',
  sla_due_at TIMESTAMPTZ(3) NOT NULL,
  created_at TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  closed_at TIMESTAMPTZ(3),
  outcome TEXT
);
CREATE INDEX alert_transaction_id_status_idx ON alert (transaction_id, status);
CREATE INDEX alert_status_sla_due_at_idx ON alert (status, sla_due_at);

CREATE TABLE alert_decision (
  id BIGSERIAL PRIMARY KEY,
  alert_id BIGINT NOT NULL REFERENCES alert (id) ON DELETE RESTRICT,
  user_id BIGINT NOT NULL,
  stage TEXT NOT NULL,
  decision TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (char_length(reason) >= 4),
  created_at TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  UNIQUE (alert_id, user_id)
);


CREATE TABLE app_user (
  id BIGSERIAL PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  roles TEXT[] NOT NULL DEFAULT '{}',
  handler_id TEXT,
  active BOOLEAN NOT NULL DEFAULT true,
  demo BOOLEAN NOT NULL DEFAULT false,
  created_at TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);

CREATE TABLE audit_entry (
  seq BIGINT PRIMARY KEY,
  at TIMESTAMPTZ(3) NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  data JSONB NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_entry_entity_type_entity_id_idx ON audit_entry (entity_type, entity_id);
CREATE INDEX audit_entry_at_idx ON audit_entry (at);

-- The audit trail is append-only: rows can be added, never changed or removed.
CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE OR DELETE ON audit_entry
  FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
  FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();

CREATE TABLE job (
  id BIGSERIAL PRIMARY KEY,
  queue TEXT NOT NULL,
  key TEXT NOT NULL,
  payload JSONB NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL,
  run_at TIMESTAMPTZ(3) NOT NULL,
  locked_until TIMESTAMPTZ(3),
  last_error TEXT,
  created_at TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  finished_at TIMESTAMPTZ(3),
  UNIQUE (queue, key)
);
CREATE INDEX job_queue_state_run_at_idx ON job (queue, state, run_at);

CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value JSONB NOT NULL
);
