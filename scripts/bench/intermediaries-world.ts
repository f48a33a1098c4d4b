/**
 * A large synthetic world for `npm run bench:intermediaries`, written straight into the tables
 * the detector reads (transaction, person, organisation, organisation_clerk, handler) by
 * set-based SQL. The simulator gives realistic worlds but takes minutes and gigabytes for a
 * million transactions; this takes seconds and keeps the same shapes: self-service citizens,
 * family proxies (same surname and address), clerks of registered organisations, unregistered
 * used-car brokers, and tout rings with burner phones, hoarded bookings, straw identities and
 * colluding handlers. Deterministic: pseudo-random numbers are hashes of the row number.
 */
import type { SqlRunner } from '../../services/platform/db.ts';

export interface BulkWorldOptions {
  readonly transactions: number;
  readonly days: number;
  /** First day (UTC midnight of this date, +08:00 office). */
  readonly start: string;
}

export interface BulkWorldTruth {
  readonly rings: number;
  readonly touts: string[];
  readonly colludingHandlers: string[];
}

export const RINGS = 30;
const MEMBERS = 5;
const ORGS = 20;
const CLERKS_PER_ORG = 5;
const BROKERS = 200;
const STATIONS = 10;
const HANDLERS_PER_STATION = 20;

/** Citizen index ranges: applicants first, then clerks, brokers and touts. */
export function ranges(transactions: number): { citizens: number; clerks: number; brokers: number; touts: number; total: number } {
  const citizens = Math.ceil(transactions * 0.9);
  const clerks = citizens;
  const brokers = clerks + ORGS * CLERKS_PER_ORG;
  const touts = brokers + BROKERS;
  return { citizens, clerks, brokers, touts, total: touts + RINGS * MEMBERS };
}

const FUNCTIONS = `
CREATE OR REPLACE FUNCTION bw_rand(i bigint, salt int) RETURNS float8 IMMUTABLE LANGUAGE sql AS
  $$ SELECT ((hashint8(i * 1000003 + salt) & 2147483647)::float8 / 2147483648.0) $$;
CREATE OR REPLACE FUNCTION bw_int(i bigint, salt int, n int) RETURNS int IMMUTABLE LANGUAGE sql AS
  $$ SELECT least(n - 1, floor(bw_rand(i, salt) * n)::int) $$;
CREATE OR REPLACE FUNCTION bw_check(s text) RETURNS text IMMUTABLE LANGUAGE sql AS $$
  SELECT substr('10X98765432', (sum(substr(s, k, 1)::int * (ARRAY[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2])[k]) % 11)::int + 1, 1)
  FROM generate_series(1, 17) k $$;
CREATE OR REPLACE FUNCTION bw_id17(c bigint) RETURNS text IMMUTABLE LANGUAGE sql AS $$
  SELECT (ARRAY['330102','330105','330106','330108','330109','330110','330111','330113'])[bw_int(c, 11, 8) + 1]
    || to_char(date '1960-01-01' + (c % 18000)::int, 'YYYYMMDD') || lpad(((c / 18000) % 1000)::text, 3, '0') $$;
CREATE OR REPLACE FUNCTION bw_id(c bigint) RETURNS text IMMUTABLE LANGUAGE sql AS $$ SELECT bw_id17(c) || bw_check(bw_id17(c)) $$;
CREATE OR REPLACE FUNCTION bw_name(c bigint) RETURNS text IMMUTABLE LANGUAGE sql AS $$
  SELECT (ARRAY['王','李','张','刘','陈','杨','黄','赵','吴','周','徐','孙','马','朱','胡','郭','何','林','罗','高','欧阳'])[bw_int(c / 3, 12, 21) + 1]
    || (ARRAY['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛','明','超','秀','霞','平'])[bw_int(c, 13, 20) + 1]
    || CASE WHEN bw_rand(c, 14) < 0.6 THEN (ARRAY['华','英','文','玉','兰','云','国','建','志','海'])[bw_int(c, 15, 10) + 1] ELSE '' END $$;
CREATE OR REPLACE FUNCTION bw_phone(c bigint) RETURNS text IMMUTABLE LANGUAGE sql AS $$ SELECT '13' || lpad(c::text, 9, '0') $$;
CREATE OR REPLACE FUNCTION bw_address(c bigint) RETURNS text IMMUTABLE LANGUAGE sql AS $$
  SELECT '杭州市' || (ARRAY['上城区','西湖区','拱墅区','滨江区','萧山区','余杭区'])[bw_int(c / 3, 16, 6) + 1]
    || (ARRAY['解放路','文三路','莫干山路','江南大道','体育场路','延安路','天目山路','庆春路'])[bw_int(c / 3, 17, 8) + 1]
    || ((c / 3) % 400 + 1)::text || '号' || ((c / 3) % 30 + 1)::text || '幢' || ((c / 3) % 600 + 101)::text || '室' $$;
CREATE OR REPLACE FUNCTION bw_org(o int) RETURNS text IMMUTABLE LANGUAGE sql AS $$ SELECT '91330100MA' || lpad(o::text, 7, '0') || 'X' $$;
CREATE OR REPLACE FUNCTION bw_handler(s int, h int) RETURNS text IMMUTABLE LANGUAGE sql AS $$ SELECT 'H' || lpad((s * ${HANDLERS_PER_STATION} + h)::text, 5, '0') $$;
`;

/** One row per transaction number: who brings it, with which phones, bookings and handler. */
function transactionsSql(o: BulkWorldOptions): string {
  const r = ranges(o.transactions);
  return `
WITH g AS (SELECT i, bw_rand(i, 1) AS r FROM generate_series(0, ${o.transactions - 1}) i),
k AS MATERIALIZED (
  SELECT i, r,
    CASE WHEN r < 0.70 THEN 'SELF' WHEN r < 0.78 THEN 'FAMILY' WHEN r < 0.90 THEN 'CLERK' WHEN r < 0.905 THEN 'BROKER'
         WHEN r < 0.93 THEN 'TOUT' ELSE 'SELF' END AS kind,
    bw_int(i, 8, ${RINGS}) AS ring, bw_int(i, 9, ${MEMBERS}) AS member, bw_int(i, 6, ${ORGS}) AS org
  FROM g),
p AS MATERIALIZED (
  SELECT k.*,
    CASE kind WHEN 'FAMILY' THEN bw_int(i, 5, ${Math.floor(r.citizens / 3)}) * 3 ELSE bw_int(i, 5, ${r.citizens}) END AS applicant,
    CASE kind WHEN 'FAMILY' THEN bw_int(i, 5, ${Math.floor(r.citizens / 3)}) * 3 + 1
              WHEN 'CLERK' THEN ${r.clerks} + org * ${CLERKS_PER_ORG} + bw_int(i, 7, ${CLERKS_PER_ORG})
              WHEN 'BROKER' THEN ${r.brokers} + bw_int(i, 7, ${BROKERS})
              WHEN 'TOUT' THEN CASE WHEN bw_rand(i, 20) < 0.1 THEN NULL ELSE ${r.touts} + ring * ${MEMBERS} + member END END AS agent,
    CASE WHEN kind = 'TOUT' AND bw_rand(i, 22) < 0.55 THEN (ring % ${STATIONS}) ELSE bw_int(i, 2, ${STATIONS}) END AS station,
    CASE WHEN kind = 'TOUT' AND bw_rand(i, 22) < 0.55 THEN 0 ELSE bw_int(i, 3, ${HANDLERS_PER_STATION}) END AS handler
  FROM k),
q AS MATERIALIZED (
  SELECT p.*,
    CASE WHEN applicant % 100 = 7 AND bw_rand(i, 23) < 0.3
         THEN bw_id17(applicant) || CASE WHEN bw_check(bw_id17(applicant)) = '1' THEN '2' ELSE '1' END
         ELSE bw_id(applicant) END AS applicant_id,
    CASE WHEN kind = 'TOUT' AND (agent IS NULL OR bw_rand(i, 24) < 0.4) THEN '17' || lpad((ring * 10 + bw_int(i, 25, 2))::text, 9, '0')
         ELSE bw_phone(applicant) END AS applicant_phone,
    CASE WHEN kind = 'TOUT' THEN CASE WHEN member = ${MEMBERS - 1} THEN bw_phone(${r.touts} + ring * ${MEMBERS}) ELSE bw_phone(agent) END
         ELSE bw_phone(agent) END AS agent_phone,
    CASE WHEN kind = 'TOUT' AND bw_rand(i, 26) < 0.45 THEN 'T' WHEN kind <> 'TOUT' AND bw_rand(i, 26) < 0.3 THEN 'O' END AS booking
  FROM p)
INSERT INTO "transaction" (id, version, type, status, accepted_at, completed_at, station_code, handler_id, channel,
  applicant_key, applicant_kind, applicant_name, applicant_phone, applicant_address_norm, applicant_address_canonical, agent_id_number, agent_phone,
  agent_org_code, booker_phone, booker_account, vin, plate, override, tolerance, ever_completed, photo_count, received_at, updated_at)
SELECT 'BW-' || lpad(i::text, 9, '0'), 1,
  (ARRAY['TRANSFER','INSPECTION_LABEL','DL_RENEW','MORTGAGE_RELEASE','DL_REPLACE','PLATE_REPLACE','CERT_REPLACE','REG_NEW'])[bw_int(i, 4, 8) + 1],
  'COMPLETED', t, t + interval '30 minutes', 'S' || lpad((station + 1)::text, 2, '0'), bw_handler(station, handler),
  CASE kind WHEN 'CLERK' THEN 'PARTNER' ELSE 'COUNTER' END,
  'P:' || applicant_id, 'PERSON', bw_name(applicant), applicant_phone, bw_address(applicant), canonical_address(bw_address(applicant)),
  CASE WHEN agent IS NOT NULL THEN bw_id(agent) END, CASE WHEN agent IS NOT NULL THEN agent_phone END,
  CASE WHEN kind = 'CLERK' THEN bw_org(org) END,
  CASE booking WHEN 'T' THEN '18' || lpad((ring * 10 + bw_int(i, 27, 2))::text, 9, '0') WHEN 'O' THEN bw_phone(applicant) END,
  CASE booking WHEN 'T' THEN 'ring-' || ring || '-' || bw_int(i, 28, 2) WHEN 'O' THEN 'u-' || applicant END,
  'LBW' || lpad(i::text, 14, '0'), '浙A' || lpad((i % 100000)::text, 5, '0'),
  false, false, true, 0, t, t
FROM (SELECT q.*, timestamptz '${o.start}T00:30:00+08:00' + (i::float8 / ${o.transactions} * ${o.days}) * interval '1 day' AS t FROM q) x
ORDER BY i`;
}

function referenceSql(o: BulkWorldOptions): string[] {
  const r = ranges(o.transactions);
  return [
    `INSERT INTO station (code, name, kind, hours, workstations, updated_at)
     SELECT 'S' || lpad((s + 1)::text, 2, '0'), '车管站' || (s + 1), 'DMV', '{}'::jsonb, '{}', now() FROM generate_series(0, ${STATIONS - 1}) s`,
    `INSERT INTO handler (id, name, role, stations, permissions, active, updated_at)
     SELECT bw_handler(s, h), '民警' || s || '-' || h, 'OFFICER', ARRAY['S' || lpad((s + 1)::text, 2, '0')], '{}', true, now()
     FROM generate_series(0, ${STATIONS - 1}) s, generate_series(0, ${HANDLERS_PER_STATION - 1}) h`,
    `INSERT INTO organisation (org_code, name, kind, phones, updated_at)
     SELECT bw_org(o), '机构' || o, CASE WHEN o < 10 THEN 'DEALER' WHEN o < 15 THEN 'POSTAL' WHEN o < 18 THEN 'INSURANCE' ELSE 'FLEET' END,
            ARRAY['05718' || lpad(o::text, 6, '0')], now() FROM generate_series(0, ${ORGS - 1}) o`,
    `INSERT INTO organisation_clerk (org_code, id_number, name, phone)
     SELECT bw_org(o), bw_id(${r.clerks} + o * ${CLERKS_PER_ORG} + k), bw_name(${r.clerks} + o * ${CLERKS_PER_ORG} + k), bw_phone(${r.clerks} + o * ${CLERKS_PER_ORG} + k)
     FROM generate_series(0, ${ORGS - 1}) o, generate_series(0, ${CLERKS_PER_ORG - 1}) k`,
  ];
}

/** Persons: every citizen and professional, then the mistyped ID numbers seen on records. */
function personsSql(o: BulkWorldOptions): string[] {
  const r = ranges(o.transactions);
  return [
    `INSERT INTO person (key, kind, name, phone, address, address_canonical, first_seen_at, last_seen_at)
     SELECT 'P:' || bw_id(c), 'PERSON', bw_name(c), bw_phone(c), bw_address(c), canonical_address(bw_address(c)), timestamptz '${o.start}T00:00:00+08:00', timestamptz '${o.start}T00:00:00+08:00'
     FROM generate_series(0, ${r.total - 1}) c`,
    `INSERT INTO person (key, kind, name, phone, address, address_canonical, first_seen_at, last_seen_at)
     SELECT applicant_key, 'PERSON', min(applicant_name), min(applicant_phone), min(applicant_address_norm), canonical_address(min(applicant_address_norm)), min(accepted_at), max(accepted_at)
     FROM "transaction" GROUP BY applicant_key
     ON CONFLICT (key) DO UPDATE SET first_seen_at = EXCLUDED.first_seen_at, last_seen_at = EXCLUDED.last_seen_at`,
  ];
}

/**
 * Loads with the secondary indexes of the loaded tables dropped and rebuilt afterwards: a
 * million rows through fourteen live indexes take minutes, a rebuild takes seconds.
 */
async function withoutSecondaryIndexes(sql: SqlRunner, tables: readonly string[], load: () => Promise<void>): Promise<void> {
  const indexes = await sql.query<{ name: string; def: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`, [tables]);
  for (const index of indexes) await sql.exec(`DROP INDEX "${index.name}"`);
  await load();
  await sql.exec("SET maintenance_work_mem = '256MB'");
  for (const index of indexes) await sql.exec(index.def);
}

/** Writes the world; returns what the bench can check the detector against. */
export async function generateBulkWorld(sql: SqlRunner, o: BulkWorldOptions, progress: (step: string) => void = () => undefined): Promise<BulkWorldTruth> {
  await sql.exec(FUNCTIONS);
  for (const statement of referenceSql(o)) await sql.exec(statement);
  progress('reference data');
  await withoutSecondaryIndexes(sql, ['transaction', 'person'], async () => {
    await sql.exec(transactionsSql(o));
    progress('transactions');
    for (const statement of personsSql(o)) await sql.exec(statement);
    progress('persons');
  });
  progress('indexes');
  await sql.exec('ANALYZE');
  const r = ranges(o.transactions);
  const touts = await sql.query<{ id: string }>(`SELECT bw_id(c) AS id FROM generate_series(${r.touts}, ${r.total - 1}) c ORDER BY c`);
  const handlers = await sql.query<{ id: string }>(`SELECT DISTINCT bw_handler(g % ${STATIONS}, 0) AS id FROM generate_series(0, ${RINGS - 1}) g ORDER BY 1`);
  return { rings: RINGS, touts: touts.map((t) => t.id), colludingHandlers: handlers.map((h) => h.id) };
}

interface Row extends Record<string, unknown> {
  applicant_key: string; applicant_name: string | null; applicant_phone: string | null; applicant_address_norm: string | null;
  agent_id_number: string | null; agent_phone: string | null; agent_org_code: string | null; agent_name: string | null;
  booker_phone: string | null; booker_account: string | null; station_code: string; handler_id: string; type: string;
}

/** New transactions after the world's last day, copying the parties of existing ones (touts, clerks, citizens). */
export async function newTransactions(sql: SqlRunner, n: number): Promise<unknown[]> {
  const rows = await sql.query<Row>(`
    SELECT t.applicant_key, t.applicant_name, t.applicant_phone, t.applicant_address_norm, t.agent_id_number, t.agent_phone, t.agent_org_code,
           p.name AS agent_name, t.booker_phone, t.booker_account, t.station_code, t.handler_id, t.type
    FROM transaction t LEFT JOIN person p ON p.key = 'P:' || t.agent_id_number
    WHERE t.seq % 97 = 0 ORDER BY (t.agent_id_number IS NULL), t.seq LIMIT $1`, [n]);
  const [last] = await sql.query<{ at: Date }>('SELECT max(accepted_at) AS at FROM transaction');
  const base = new Date(last!.at).getTime();
  return rows.map((r, i) => {
    const at = new Date(base + (i + 1) * 60_000).toISOString();
    return {
      id: `BW-NEW-${String(i).padStart(6, '0')}`, version: 1, type: r.type, status: 'ACCEPTED', acceptedAt: at, completedAt: null,
      stationCode: r.station_code, handlerId: r.handler_id, approverId: null, workstationId: null, channel: r.agent_org_code ? 'PARTNER' : 'COUNTER',
      applicant: { kind: 'PERSON', idNumber: r.applicant_key.slice(2), name: r.applicant_name, phone: r.applicant_phone, address: r.applicant_address_norm, identityCheck: 'PASSED' },
      agent: r.agent_id_number ? { idNumber: r.agent_id_number, name: r.agent_name, phone: r.agent_phone, address: null, identityCheck: 'NOT_DONE', orgCode: r.agent_org_code } : null,
      vehicle: null,
      appointment: r.booker_phone || r.booker_account ? { id: `AP-NEW-${i}`, bookedAt: null, bookerPhone: r.booker_phone, bookerAccount: r.booker_account } : null,
      flags: { override: false, tolerance: false, toleranceDueAt: null }, materials: [], photos: [], extra: {},
    };
  });
}
