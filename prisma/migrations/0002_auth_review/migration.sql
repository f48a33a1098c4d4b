-- Sign-in, API tokens and login throttling (issue 6). Secrets are never stored: sessions and
-- tokens are kept as the SHA-256 of a random 256-bit value, passwords as scrypt hashes.

CREATE TABLE user_session (
  id_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  last_seen_at TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  expires_at TIMESTAMPTZ(3) NOT NULL,
  revoked_at TIMESTAMPTZ(3),
  ip TEXT,
  user_agent TEXT
);
CREATE INDEX user_session_user_id_idx ON user_session (user_id);
CREATE INDEX user_session_expires_at_idx ON user_session (expires_at);

CREATE TABLE api_token (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  scopes TEXT[] NOT NULL CHECK (cardinality(scopes) > 0),
  created_by TEXT NOT NULL,
  created_at TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  expires_at TIMESTAMPTZ(3),
  revoked_at TIMESTAMPTZ(3),
  last_used_at TIMESTAMPTZ(3)
);

-- One row per throttled key: 'user:<name>' and 'ip:<address>'.
CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL DEFAULT 0,
  last_failure_at TIMESTAMPTZ(3),
  locked_until TIMESTAMPTZ(3)
);

CREATE INDEX app_user_handler_id_idx ON app_user (handler_id);
CREATE INDEX alert_decision_user_id_idx ON alert_decision (user_id);
ALTER TABLE alert_decision ADD CONSTRAINT alert_decision_decision_check CHECK (decision IN ('CONFIRMED', 'DISMISSED'));
ALTER TABLE alert_decision ADD CONSTRAINT alert_decision_stage_check CHECK (stage IN ('SINGLE', 'FIRST', 'SECOND', 'SETTLEMENT'));
