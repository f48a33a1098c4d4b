/**
 * A year of a large city's office in bulk SQL, for npm run bench:dashboards: 330 stations
 * (DMVs, branches and partner outlets, traffic skewed toward the big ones), four handlers each,
 * the 17 business types in realistic proportions, accepted mostly in opening hours; one current
 * assessment per transaction (plus some superseded ones), risk hits on about 40 %, alerts on 4 %
 * (most decided, recent ones open), two inspection photos per vehicle inspection with findings
 * and reviews, intermediary runs. Generated with generate_series over pre-drawn random columns
 * (setseed: the same world on every run), far faster than the ingest path.
 */
import type { SqlRunner } from '../../services/platform/db.ts';

// Business types with their share of the traffic (sums to 1).
const TYPES: Array<[string, number]> = [
  ['TRANSFER', 0.2], ['REG_NEW', 0.12], ['INSPECTION_LABEL', 0.16], ['DL_RENEW', 0.1], ['EXAM_BOOK', 0.1], ['DL_APPLY', 0.06],
  ['MORTGAGE', 0.05], ['MORTGAGE_RELEASE', 0.04], ['CHANGE', 0.04], ['PLATE_REPLACE', 0.03], ['DL_REPLACE', 0.03],
  ['TRANSFER_OUT', 0.02], ['CERT_REPLACE', 0.015], ['DEREGISTER', 0.015], ['DL_REINSTATE', 0.01], ['SEIZE', 0.005], ['UNSEIZE', 0.005],
];

// Risk points as they fire in practice (share of all hits).
const POINTS: Array<[string, number, number]> = [
  ['R41', 0.2, 10], ['R28', 0.12, 40], ['R18', 0.1, 30], ['R23', 0.08, 40], ['R02', 0.06, 25], ['R10', 0.06, 30], ['R39', 0.05, 25],
  ['R16', 0.04, 50], ['R19', 0.03, 45], ['R20', 0.03, 40], ['R14', 0.03, 35], ['R26', 0.03, 30], ['R34', 0.03, 15], ['R35', 0.02, 35],
  ['R36', 0.02, 35], ['R13', 0.02, 30], ['R06', 0.015, 40], ['R07', 0.015, 20], ['R01', 0.01, 60], ['R03', 0.01, 40], ['R21', 0.01, 60],
  ['R24', 0.01, 60], ['R30', 0.01, 50], ['R33', 0.005, 70], ['R05', 0.005, 80], ['R40', 0.005, 60], ['R09', 0.005, 50], ['R17', 0.005, 90],
];

function cumulative(rows: Array<[string, number, ...number[]]>): string {
  let lo = 0;
  return rows.map(([code, share, ...rest]) => {
    const row = `('${code}', ${lo.toFixed(4)}, ${(lo + share).toFixed(4)}${rest.map((r) => `, ${r}`).join('')})`;
    lo += share;
    return row;
  }).join(',\n');
}

const STATION_KINDS = `CASE WHEN s <= 10 THEN 'DMV' WHEN s <= 60 THEN 'BRANCH' WHEN s <= 200 THEN 'DEALER' WHEN s <= 260 THEN 'POSTAL' ELSE 'INSURANCE' END`;

async function reference(sql: SqlRunner): Promise<void> {
  await sql.exec(`
    INSERT INTO station (code, name, kind, hours, workstations)
    SELECT 'S' || lpad(s::text, 3, '0'), '站点' || s, ${STATION_KINDS},
           '{"mon":"08:30-17:30","tue":"08:30-17:30","wed":"08:30-17:30","thu":"08:30-17:30","fri":"08:30-17:30"}'::jsonb, '{}'
    FROM generate_series(1, 330) AS s;
    INSERT INTO handler (id, name, role, stations, permissions, active)
    SELECT 'H' || lpad(h::text, 5, '0'), '经办人' || h, 'OFFICER', ARRAY['S' || lpad((1 + (h - 1) / 4)::text, 3, '0')], '{}', true
    FROM generate_series(1, 1320) AS h;
    INSERT INTO app_user (username, display_name, password_hash, roles)
    SELECT 'reviewer-' || u, '复核员' || u, 'x', ARRAY['REVIEWER'] FROM generate_series(1, 20) AS u;
    CREATE TEMP TABLE bench_type (code TEXT, lo FLOAT8, hi FLOAT8);
    INSERT INTO bench_type VALUES ${cumulative(TYPES)};
    CREATE TEMP TABLE bench_point (code TEXT, lo FLOAT8, hi FLOAT8, weight INT);
    INSERT INTO bench_point VALUES ${cumulative(POINTS)};`);
}

async function transactions(sql: SqlRunner, count: number, days: number): Promise<void> {
  await sql.exec(`
    SELECT setseed(0.2026);
    CREATE TEMP TABLE bench_draw AS
      SELECT i, random() AS r_station, random() AS r_type, random() AS r_handler, random() AS r_day, random() AS r_time,
             random() AS r_hit, random() AS r_alert, random() AS r_misc
      FROM generate_series(1, ${count}) AS i;
    INSERT INTO "transaction" (id, version, type, status, accepted_at, completed_at, station_code, handler_id, approver_id, channel,
      applicant_key, applicant_kind, agent_id_number, vin, plate, override, tolerance, ever_completed, photo_count, received_at, updated_at)
    SELECT 'B' || lpad(d.i::text, 8, '0'), 1, bt.code, CASE WHEN d.r_misc < 0.93 THEN 'COMPLETED' WHEN d.r_misc < 0.97 THEN 'ACCEPTED' ELSE 'REJECTED' END,
           t.at, CASE WHEN d.r_misc < 0.93 THEN t.at + interval '25 minutes' END, t.station, t.handler, t.handler, 'COUNTER',
           'P:' || (100000 + (d.i::bigint * 7919) % 600000), 'PERSON', CASE WHEN d.r_misc < 0.18 THEN 'A' || (d.i % 20000) END,
           CASE WHEN bt.code IN ('REG_NEW', 'TRANSFER', 'TRANSFER_OUT', 'CHANGE', 'PLATE_REPLACE') THEN 'V' || d.i END, NULL,
           false, false, d.r_misc < 0.93, 0, t.at, t.at
    FROM bench_draw d
    JOIN bench_type bt ON d.r_type >= bt.lo AND d.r_type < bt.hi
    CROSS JOIN LATERAL (SELECT
      'S' || lpad((1 + floor(330 * d.r_station * d.r_station))::int::text, 3, '0') AS station,
      'H' || lpad(((floor(330 * d.r_station * d.r_station))::int * 4 + 1 + floor(d.r_handler * 4)::int)::text, 5, '0') AS handler,
      date_trunc('day', now()) - floor(d.r_day * ${days}) * interval '1 day'
        + CASE WHEN d.r_time < 0.98 THEN interval '30 minutes' + d.r_time * interval '9 hours' ELSE d.r_time * interval '24 hours' END AS at) AS t;`);
}

async function assessments(sql: SqlRunner): Promise<void> {
  await sql.exec(`
    INSERT INTO assessment (transaction_id, transaction_version, rule_set_version, score, alert, dual_review, photo_checks, current, trigger, created_at)
    SELECT t.id, 1, 'bench', 0, false, false, 'DONE', false, 'INGEST', t.accepted_at
    FROM "transaction" t JOIN bench_draw d ON t.id = 'B' || lpad(d.i::text, 8, '0') WHERE d.r_misc > 0.95;
    INSERT INTO assessment (transaction_id, transaction_version, rule_set_version, score, alert, dual_review, photo_checks, current, trigger, created_at)
    SELECT 'B' || lpad(d.i::text, 8, '0'), 1, 'bench',
           CASE WHEN d.r_alert < 0.04 THEN 40 + floor(d.r_misc * 60)::int WHEN d.r_hit < 0.4 THEN floor(d.r_hit * 90)::int ELSE 0 END,
           d.r_alert < 0.04, d.r_alert < 0.015, 'DONE', true, 'INGEST', now() - interval '1 day'
    FROM bench_draw d;
    INSERT INTO risk_hit (assessment_id, risk_point, outcome, weight, reason, evidence)
    SELECT a.id, p.code, 'hit', p.weight, '基准数据', '{}'::jsonb
    FROM assessment a
    JOIN bench_draw d ON a.transaction_id = 'B' || lpad(d.i::text, 8, '0')
    JOIN bench_point p ON (d.r_hit / 0.4) >= p.lo AND (d.r_hit / 0.4) < p.hi
    WHERE a.current AND d.r_hit < 0.4;
    INSERT INTO risk_hit (assessment_id, risk_point, outcome, weight, reason, evidence)
    SELECT a.id, p.code, 'hit', p.weight, '基准数据', '{}'::jsonb
    FROM assessment a
    JOIN bench_draw d ON a.transaction_id = 'B' || lpad(d.i::text, 8, '0')
    JOIN bench_point p ON d.r_time >= p.lo AND d.r_time < p.hi
    WHERE a.current AND d.r_hit < 0.1 AND p.code <> 'R41';`);
}

async function alerts(sql: SqlRunner): Promise<void> {
  await sql.exec(`
    INSERT INTO alert (transaction_id, assessment_id, status, severity, score, dual_review, sla_due_at, created_at, closed_at, outcome)
    SELECT a.transaction_id, a.id, s.status,
           CASE WHEN a.score >= 70 THEN 'HIGH' WHEN a.score >= 40 THEN 'MEDIUM' ELSE 'LOW' END, a.score, a.dual_review,
           t.accepted_at + interval '7 minutes' + CASE WHEN a.dual_review THEN interval '24 hours' ELSE interval '72 hours' END,
           t.accepted_at + interval '7 minutes', s.closed_at, CASE WHEN s.status = 'CLOSED' THEN 'CONFIRMED' END
    FROM assessment a
    JOIN "transaction" t ON t.id = a.transaction_id
    JOIN bench_draw d ON a.transaction_id = 'B' || lpad(d.i::text, 8, '0')
    CROSS JOIN LATERAL (SELECT
      CASE WHEN t.accepted_at > now() - interval '3 days' OR d.r_time < 0.02 THEN 'OPEN' ELSE 'CLOSED' END AS status,
      CASE WHEN t.accepted_at > now() - interval '3 days' OR d.r_time < 0.02 THEN NULL
           ELSE t.accepted_at + interval '1 hour' + d.r_misc * interval '60 hours' END AS closed_at) AS s
    WHERE a.current AND a.alert;`);
}

async function photos(sql: SqlRunner): Promise<void> {
  await sql.exec(`
    INSERT INTO photo (transaction_id, position, kind, sha256, state, taken_at)
    SELECT t.id, k.position, k.kind, md5(t.id || k.kind) || md5(k.kind || t.id), 'STORED', t.accepted_at + interval '5 minutes'
    FROM "transaction" t CROSS JOIN (VALUES (0, 'LEFT_FRONT_45'), (1, 'VIN_RUBBING')) AS k (position, kind)
    WHERE t.vin IS NOT NULL;
    INSERT INTO photo_finding (photo_id, transaction_id, verdict, auto_verdict, reasons, findings, models, latency_ms, review_due_at, created_at)
    SELECT p.id, p.transaction_id, v.verdict, v.verdict, '[]'::jsonb,
           jsonb_build_object(CASE WHEN p.kind = 'LEFT_FRONT_45' THEN 'plate' ELSE 'vin' END, jsonb_build_object('text', 'X', 'confidence', 0.4 + (p.id % 60) / 100.0)),
           jsonb_build_object('timings', jsonb_build_object('ppocr-v4-det', 18 + p.id % 25, 'ppocr-v4-rec', 4 + p.id % 9, 'photo-kind', 6 + p.id % 5)),
           250 + (p.id % 400)::int, CASE WHEN v.verdict = 'REVIEW' THEN p.taken_at + interval '4 hours' END, p.taken_at + interval '5 minutes'
    FROM photo p
    CROSS JOIN LATERAL (SELECT CASE WHEN p.id % 12 = 0 THEN 'REVIEW' WHEN p.id % 19 = 0 THEN 'FAIL' ELSE 'PASS' END AS verdict) AS v;
    INSERT INTO photo_review (photo_id, transaction_id, reviewer_id, verdict, reason, queued_at, due_at, decided_at)
    SELECT f.photo_id, f.transaction_id, (SELECT min(id) FROM app_user) + f.photo_id % 20, CASE WHEN f.photo_id % 5 = 0 THEN 'FAIL' ELSE 'PASS' END,
           '核对', f.created_at, f.review_due_at, f.created_at + (f.photo_id % 6) * interval '1 hour'
    FROM photo_finding f WHERE f.verdict = 'REVIEW' AND f.created_at < now() - interval '1 day';
    UPDATE photo_finding f SET verdict = r.verdict FROM photo_review r WHERE r.photo_id = f.photo_id;`);
}

async function intermediaries(sql: SqlRunner): Promise<void> {
  await sql.exec(`
    INSERT INTO intermediary_run (kind, status, requested_by, started_at, finished_at, window_days, suspects, rings, colluding_handlers)
    SELECT 'FULL', 'DONE', 'scheduler', now() - n * interval '1 day', now() - n * interval '1 day' + interval '40 seconds', 90, 400 + n, 30, 12
    FROM generate_series(0, 120) AS n;
    INSERT INTO intermediary_suspect (person_key, id_number, name, phone, score, ring_id, segment, reasons, evidence, transactions, unrelated_principals, first_seen, last_seen, run_id)
    SELECT 'P:3301' || lpad(n::text, 14, '0'), '3301' || lpad(n::text, 14, '0'), '某某', '139' || lpad(n::text, 8, '0'), 45 + n % 55,
           CASE WHEN n % 10 = 0 THEN 'RING-' || (n % 30) END, 'INDIVIDUAL', '["为多名无关申请人代办"]'::jsonb, '{}'::jsonb, 10 + n % 40, 5 + n % 20,
           now() - interval '80 days', now() - (n % 30) * interval '1 day', 1
    FROM generate_series(1, 400) AS n;
    INSERT INTO intermediary_ring (ring_id, members, member_count, phones, booker_accounts, favoured_handlers, shared_identifiers, transaction_count, first_seen, last_seen, score, run_id)
    SELECT 'RING-' || n, ARRAY['a', 'b', 'c'], 3 + n % 5, ARRAY['1'], '{}', ARRAY['H' || lpad((n * 7)::text, 5, '0')], '[]'::jsonb, 30 + n, now() - interval '80 days', now() - interval '2 days', 60, 1
    FROM generate_series(0, 29) AS n;
    INSERT INTO colluding_handler (handler_id, agents, ring_ids, observed, expected, lift, p_value, significance, run_id)
    SELECT 'H' || lpad((n * 37)::text, 5, '0'), ARRAY['a', 'b'], '{}', 20, 4, 5, 0.0001, 4, 1 FROM generate_series(1, 12) AS n;
    INSERT INTO job (queue, key, payload, state, max_attempts, run_at)
    SELECT 'photo-checks', 'bench-' || n, '{}'::jsonb, CASE WHEN n % 10 = 0 THEN 'failed' ELSE 'waiting' END, 5, now() FROM generate_series(1, 200) AS n;`);
}

export interface WorldStep { readonly name: string; readonly run: (sql: SqlRunner) => Promise<void> }

/** The steps in order, so the bench can print how long each took. */
export function dashboardWorldSteps(count: number, days: number): WorldStep[] {
  return [
    { name: 'stations, handlers, reviewers', run: reference },
    { name: `${count.toLocaleString('en-US')} transactions`, run: (sql) => transactions(sql, count, days) },
    { name: 'assessments and risk hits', run: assessments },
    { name: 'alerts', run: alerts },
    { name: 'photos, findings, reviews', run: photos },
    { name: 'intermediary runs and results, jobs', run: intermediaries },
  ];
}
