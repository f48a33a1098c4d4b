-- 0005_supervision: what the Grafana supervision center reads (issue 8).
-- Grafana never reads the platform's tables: it reads the views of schema `supervision`, as the
-- read-only role cheguan_grafana, which may SELECT these views and nothing else. The views carry
-- no applicant personal data (no ID numbers, names, phones or addresses of the public); views
-- execute with their owner's rights, so the role needs no grant on the tables underneath.

CREATE SCHEMA supervision;

-- The local business day (the office's zone), for per-day panels: Grafana's $__timeGroup cuts
-- days at UTC midnight, which is 08:00 in Asia/Shanghai.
CREATE FUNCTION supervision.local_day(ts TIMESTAMPTZ) RETURNS TIMESTAMPTZ
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT date_trunc('day', ts, 'Asia/Shanghai') $$;

-- Catalogues of the spec (interchange.md table 3, risk-points.md); a test keeps them equal to
-- services/domain/business-types.ts and services/risk/points.
CREATE VIEW supervision.business_type (code, name, key_business) AS VALUES
  ('REG_NEW', '注册登记', false),
  ('TRANSFER', '转移登记', false),
  ('TRANSFER_OUT', '转出登记', true),
  ('CHANGE', '变更登记', false),
  ('MORTGAGE', '抵押登记', false),
  ('MORTGAGE_RELEASE', '解除抵押登记', true),
  ('DEREGISTER', '注销登记', true),
  ('PLATE_REPLACE', '补领/换领号牌', true),
  ('CERT_REPLACE', '补领登记证书', true),
  ('SEIZE', '查封', true),
  ('UNSEIZE', '解封', true),
  ('INSPECTION_LABEL', '核发检验合格标志', false),
  ('DL_APPLY', '初次申领驾驶证', false),
  ('DL_RENEW', '驾驶证期满换证', false),
  ('DL_REPLACE', '补领驾驶证', true),
  ('DL_REINSTATE', '恢复驾驶资格', true),
  ('EXAM_BOOK', '考试预约', false);

CREATE VIEW supervision.risk_point_catalogue (code, name, category, weight, diamond) AS VALUES
  ('R01', '越权办理', 'HANDLER', 60, false),
  ('R02', '非工作时间受理', 'HANDLER', 25, false),
  ('R03', '非本站终端', 'HANDLER', 40, false),
  ('R04', '账号异地同时使用', 'HANDLER', 50, false),
  ('R05', '为本人或关系人办理', 'HANDLER', 80, true),
  ('R06', '受理审批同一人', 'HANDLER', 40, false),
  ('R07', '经办量异常', 'HANDLER', 20, false),
  ('R08', '办结后改关键信息', 'HANDLER', 50, false),
  ('R09', '身份号码无效', 'APPLICANT', 50, false),
  ('R10', '未核验身份', 'APPLICANT', 30, false),
  ('R11', '关注人员', 'APPLICANT', 70, false),
  ('R12', '年龄条件不符', 'APPLICANT', 40, false),
  ('R13', '个人高频办理', 'APPLICANT', 30, false),
  ('R14', '电话多人共用', 'APPLICANT', 35, false),
  ('R15', '住址多人共用', 'APPLICANT', 15, false),
  ('R16', '频繁代办', 'INTERMEDIARY', 50, false),
  ('R17', '黑名单中介', 'INTERMEDIARY', 90, true),
  ('R18', '代办无委托', 'INTERMEDIARY', 30, false),
  ('R19', '代办人经办人固定搭配', 'INTERMEDIARY', 45, false),
  ('R20', '预约号源囤积', 'INTERMEDIARY', 40, false),
  ('R21', '中介团伙成员', 'INTERMEDIARY', 60, false),
  ('R22', '靓号倒卖', 'INTERMEDIARY', 35, false),
  ('R23', '材料缺失', 'MATERIALS', 40, false),
  ('R24', '材料重复使用', 'MATERIALS', 60, false),
  ('R25', '容缺逾期未补', 'MATERIALS', 35, false),
  ('R26', '证件过期', 'MATERIALS', 30, false),
  ('R27', '材料信息不一致', 'MATERIALS', 45, false),
  ('R28', '查验照片缺失', 'PHOTOS', 40, false),
  ('R29', '照片类型不符', 'PHOTOS', 30, false),
  ('R30', '号牌不一致', 'PHOTOS', 50, false),
  ('R31', '识别代号不一致', 'PHOTOS', 60, false),
  ('R32', '识别代号校验错误', 'PHOTOS', 40, false),
  ('R33', '照片重复使用', 'PHOTOS', 70, true),
  ('R34', '照片质量不合格', 'PHOTOS', 15, false),
  ('R35', '拍摄时间异常', 'PHOTOS', 35, false),
  ('R36', '拍摄地点异常', 'PHOTOS', 35, false),
  ('R37', '查验员未出镜', 'PHOTOS', 30, false),
  ('R38', '车身颜色不一致', 'PHOTOS', 25, false),
  ('R39', '办理时长异常', 'PROCESS', 25, false),
  ('R40', '强制通过', 'PROCESS', 60, true),
  ('R41', '重点业务', 'PROCESS', 10, true);

CREATE VIEW supervision.risk_point AS
  SELECT c.code, c.name, c.category,
         CASE c.category WHEN 'HANDLER' THEN '经办人' WHEN 'APPLICANT' THEN '申请人' WHEN 'INTERMEDIARY' THEN '中介'
                         WHEN 'MATERIALS' THEN '材料' WHEN 'PHOTOS' THEN '查验照片' ELSE '流程' END AS category_name,
         c.weight, c.diamond
  FROM supervision.risk_point_catalogue c;

CREATE VIEW supervision.station AS
  SELECT code, name, kind FROM public.station;

-- Staff, not the public: names are shown; ID numbers and phones are not.
CREATE VIEW supervision.handler AS
  SELECT id AS handler_id, name, role, active, stations FROM public.handler;

CREATE VIEW supervision.transactions AS
  SELECT t.id AS transaction_id, t.type AS business_type, t.status, t.channel, t.station_code,
         t.handler_id, t.approver_id, t.accepted_at, t.completed_at, t.photo_count,
         t.override, t.tolerance
  FROM public."transaction" t;

-- Hits of each transaction's current assessment, with the transaction's dimensions: a fact table
-- kept by the scheduler (services/supervision/refresh-facts.ts), because joining hits to current
-- assessments to transactions at query time costs seconds over a year of a large office. It is
-- refreshed incrementally from a watermark on assessment ids (every assessment writer holds the
-- ingest lock, so ids commit in order): a re-assessed transaction's facts are replaced.
CREATE TABLE supervision.risk_hits (
  hit_id BIGINT PRIMARY KEY,
  assessment_id BIGINT NOT NULL,
  risk_point TEXT NOT NULL,
  category TEXT,
  outcome TEXT NOT NULL,
  weight INTEGER NOT NULL,
  transaction_id TEXT NOT NULL,
  station_code TEXT NOT NULL,
  business_type TEXT NOT NULL,
  handler_id TEXT NOT NULL,
  accepted_at TIMESTAMPTZ(3) NOT NULL
);
CREATE INDEX risk_hits_accepted_at_idx ON supervision.risk_hits (accepted_at)
  INCLUDE (risk_point, category, outcome, station_code, business_type, handler_id, transaction_id);
CREATE INDEX risk_hits_risk_point_accepted_at_idx ON supervision.risk_hits (risk_point, accepted_at)
  INCLUDE (outcome, station_code, business_type, handler_id);
CREATE INDEX risk_hits_transaction_id_idx ON supervision.risk_hits (transaction_id);

-- How far each fact table has been brought up to date.
CREATE TABLE supervision.fact_watermark (
  name TEXT PRIMARY KEY,
  last_id BIGINT NOT NULL,
  refreshed_at TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
INSERT INTO supervision.fact_watermark (name, last_id) VALUES ('risk_hits', 0);

-- SLA state as services/review/sla.ts: BREACHED past the deadline, NEAR_BREACH in the last 20 %.
CREATE VIEW supervision.alerts AS
  SELECT al.id AS alert_id, al.status, al.severity, al.score, al.dual_review, al.created_at,
         al.sla_due_at, al.closed_at, al.outcome, al.status <> 'CLOSED' AS is_open,
         CASE
           WHEN COALESCE(al.closed_at, now()) > al.sla_due_at THEN 'BREACHED'
           WHEN COALESCE(al.closed_at, now()) >= al.sla_due_at - (al.sla_due_at - al.created_at) * 0.2 THEN 'NEAR_BREACH'
           ELSE 'ON_TIME'
         END AS sla_state,
         EXTRACT(EPOCH FROM (al.closed_at - al.created_at)) / 3600.0 AS hours_to_decision,
         al.transaction_id, t.station_code, t.type AS business_type, t.handler_id, t.accepted_at
  FROM public.alert al
  LEFT JOIN public."transaction" t ON t.id = al.transaction_id;

-- Same rows, open ones only: its predicate matches the partial index below.
CREATE VIEW supervision.open_alerts AS
  SELECT * FROM supervision.alerts WHERE status <> 'CLOSED';

-- LEFT JOINs on primary keys: with the station and business-type filters at "All", PostgreSQL
-- drops the joins and answers from photo_finding's covering index alone.
CREATE VIEW supervision.photo_findings AS
  SELECT f.photo_id, f.transaction_id, p.kind AS photo_kind, f.verdict, f.auto_verdict, f.latency_ms,
         f.created_at, f.review_due_at, r.decided_at IS NOT NULL AS reviewed,
         t.station_code, t.type AS business_type
  FROM public.photo_finding f
  LEFT JOIN public.photo p ON p.id = f.photo_id
  LEFT JOIN public."transaction" t ON t.id = f.transaction_id
  LEFT JOIN public.photo_review r ON r.photo_id = f.photo_id;

-- One row per plate / VIN the OCR read, with its confidence (findings of interchange.md §5).
CREATE VIEW supervision.ocr_readings AS
  SELECT f.photo_id, f.created_at, v.reading, (v.doc ->> 'confidence')::double precision AS confidence,
         t.station_code, t.type AS business_type
  FROM public.photo_finding f
  LEFT JOIN public."transaction" t ON t.id = f.transaction_id
  CROSS JOIN LATERAL (VALUES ('plate', f.findings -> 'plate'), ('vin', f.findings -> 'vin')) AS v (reading, doc)
  WHERE jsonb_typeof(v.doc -> 'confidence') = 'number';

-- Per-model time of each photo (models.timings: {"model id": milliseconds}).
CREATE VIEW supervision.model_latency AS
  SELECT f.photo_id, f.created_at, m.key AS model, (m.value #>> '{}')::double precision AS ms
  FROM public.photo_finding f
  CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(f.models -> 'timings') = 'object' THEN f.models -> 'timings' ELSE '{}'::jsonb END) AS m
  WHERE jsonb_typeof(m.value) = 'number';

CREATE VIEW supervision.photo_reviews AS
  SELECT r.photo_id, r.transaction_id, r.reviewer_id, u.display_name AS reviewer, r.verdict,
         r.queued_at, r.due_at, r.decided_at,
         EXTRACT(EPOCH FROM (r.decided_at - r.queued_at)) / 3600.0 AS hours_waited,
         r.due_at IS NOT NULL AND r.decided_at > r.due_at AS overdue,
         t.station_code, t.type AS business_type
  FROM public.photo_review r
  LEFT JOIN public.app_user u ON u.id = r.reviewer_id
  LEFT JOIN public."transaction" t ON t.id = r.transaction_id;

-- Photos the models sent to people and nobody has decided yet.
CREATE VIEW supervision.photo_queue AS
  SELECT f.photo_id, f.transaction_id, f.created_at AS queued_at, f.review_due_at,
         f.review_due_at IS NOT NULL AND f.review_due_at < now() AS overdue,
         t.station_code, t.type AS business_type
  FROM public.photo_finding f
  LEFT JOIN public."transaction" t ON t.id = f.transaction_id
  WHERE f.verdict = 'REVIEW';

-- Jobs of the embedded queue (BullMQ's live in Redis: /metrics reports their depth).
CREATE VIEW supervision.jobs AS
  SELECT id AS job_id, queue, state, attempts, max_attempts, run_at, created_at, finished_at,
         last_error IS NOT NULL AS has_error
  FROM public.job;

-- Intermediary detection (tables of 0004). Suspects and ring members are members of the public:
-- ID numbers are shown masked (first 6, last 4, as the API masks them), names by surname only,
-- phones and member lists not at all; the workbench shows them whole to investigators.
CREATE FUNCTION supervision.mask_id(id TEXT) RETURNS TEXT
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN char_length(id) > 10 THEN left(id, 6) || repeat('*', char_length(id) - 10) || right(id, 4) ELSE '****' END $$;

CREATE VIEW supervision.intermediary_suspects AS
  SELECT supervision.mask_id(s.id_number) AS id_masked,
         CASE WHEN s.name IS NULL THEN NULL ELSE left(s.name, 1) || repeat('*', greatest(char_length(s.name) - 1, 1)) END AS name_masked,
         s.score, s.ring_id, s.segment, s.transactions, s.unrelated_principals, s.first_seen, s.last_seen, s.updated_at,
         (SELECT string_agg(r.reason, '；') FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(s.reasons) = 'array' THEN s.reasons ELSE '[]'::jsonb END) AS r (reason)) AS reasons
  FROM public.intermediary_suspect s;

CREATE VIEW supervision.intermediary_rings AS
  SELECT r.ring_id, r.member_count, cardinality(r.phones) AS phone_count, cardinality(r.booker_accounts) AS booker_account_count,
         array_to_string(r.favoured_handlers, ' ') AS favoured_handlers, r.transaction_count, r.first_seen, r.last_seen,
         r.score, r.updated_at
  FROM public.intermediary_ring r;

CREATE VIEW supervision.colluding_handlers AS
  SELECT c.handler_id, h.name AS handler_name, cardinality(c.agents) AS agent_count, cardinality(c.ring_ids) AS ring_count,
         c.observed, c.expected, c.lift, c.p_value, c.significance, c.updated_at
  FROM public.colluding_handler c
  LEFT JOIN public.handler h ON h.id = c.handler_id;

CREATE VIEW supervision.intermediary_runs AS
  SELECT id AS run_id, kind, status, requested_by, started_at, finished_at,
         EXTRACT(EPOCH FROM (finished_at - started_at)) AS seconds,
         persons_touched, suspects, rings, colluding_handlers
  FROM public.intermediary_run;

-- Indexes the panels need (measured by npm run bench:dashboards).
CREATE INDEX alert_open_sla_due_at_idx ON alert (sla_due_at) WHERE status <> 'CLOSED';
CREATE INDEX alert_created_at_idx ON alert (created_at);
CREATE INDEX alert_closed_at_idx ON alert (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX transaction_type_accepted_at_idx ON "transaction" (type, accepted_at);
-- Covering indexes: the per-day and per-handler panels read these columns without the rows.
CREATE INDEX transaction_accepted_at_dimensions_idx ON "transaction" (accepted_at) INCLUDE (station_code, type, handler_id);
CREATE INDEX photo_finding_created_at_cover_idx ON photo_finding (created_at)
  INCLUDE (photo_id, transaction_id, auto_verdict, verdict, latency_ms);
CREATE INDEX photo_review_decided_at_cover_idx ON photo_review (decided_at)
  INCLUDE (photo_id, transaction_id, reviewer_id, verdict, queued_at, due_at);

-- The read-only role. Roles are cluster-wide: every database of a cluster runs this, possibly
-- at the same moment, so creation tolerates a concurrent creator. It can log in but has no
-- password: the deployment sets one (dashboards/provisioning/postgres-init). Where the
-- migrating user may not create roles, the migration goes on and says so.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cheguan_grafana') THEN
    BEGIN
      CREATE ROLE cheguan_grafana LOGIN;
      ALTER ROLE cheguan_grafana SET default_transaction_read_only = on;
      ALTER ROLE cheguan_grafana SET statement_timeout = '30s';
    EXCEPTION
      WHEN duplicate_object OR unique_violation THEN NULL;
      WHEN insufficient_privilege THEN
        RAISE NOTICE 'cheguan_grafana not created (no CREATEROLE): create it, then GRANT USAGE ON SCHEMA supervision and SELECT ON ALL TABLES IN SCHEMA supervision';
        RETURN;
    END;
  END IF;
  GRANT USAGE ON SCHEMA supervision TO cheguan_grafana;
  GRANT SELECT ON ALL TABLES IN SCHEMA supervision TO cheguan_grafana;
  ALTER DEFAULT PRIVILEGES IN SCHEMA supervision GRANT SELECT ON TABLES TO cheguan_grafana;
END $$;
