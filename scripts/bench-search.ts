/**
 * npm run bench:search [-- --count 1000000 --queries 200 --backend postgres|embedded --pg URL --names realistic|world --keep true | --reuse URL]
 *
 * The investigator's name and address search at scale (issue 5): the bench:intermediaries
 * world of `count` transactions (scripts/bench/intermediaries-world.ts, set-based SQL into a
 * scratch database), its person names made as varied as a city's (`--names realistic`: about
 * 100 surnames × 200 given-name characters, one or two of them; `world` keeps the world's few
 * thousand names), then
 *   1. the one-time keying of everything stored (what the first search after a bulk load
 *      starts in the background): time, distinct names and addresses keyed;
 *   2. `queries` searches of each kind through the use case (audit entry included): exact
 *      name, homophone, whole pinyin, initials, the pinyin's beginning, pinyin as heard in the south, a street and number, a whole road (thousands
 *      of addresses: the limit cuts it) — p50 / p95 / p99 / max;
 *   3. the keying a search does inline after 1,000 new transactions were ingested.
 * `--keep true` leaves the scratch PostgreSQL database (its URL printed) for `--reuse URL`, which
 * measures again on it (keys rebuilt from nothing; its earlier new transactions stay).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { idNumberCheckChar } from '../services/domain/check-digits.ts';
import { ingestTransactions } from '../services/ingest/ingest-transactions.ts';
import { keySearchTerms } from '../services/intermediaries/identity/search-keys.ts';
import { searchPeople } from '../services/intermediaries/investigate/search-people.ts';
import { LocalBlobStore } from '../services/platform/blob-store.ts';
import { openDatabase, type Database } from '../services/platform/db.ts';
import { DEFAULT_PG, embeddedBackend, fmt, machine, percentile, postgresBackend, type Backend } from './bench/support.ts';
import { generateBulkWorld } from './bench/intermediaries-world.ts';

const { values } = parseArgs({ options: {
  count: { type: 'string', default: '1000000' }, queries: { type: 'string', default: '200' }, names: { type: 'string', default: 'realistic' },
  backend: { type: 'string', default: 'postgres' }, pg: { type: 'string', default: DEFAULT_PG },
  keep: { type: 'string', default: 'false' }, reuse: { type: 'string' },
} });
const count = Number(values.count);
const queries = Number(values.queries);

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰云国建志海文红琴梅林斌宇浩凯鹏辉俊飞鑫波宁晨欣婷雪琳颖倩洁佳怡晶慧燕萍莉璐玲丹蕾薇瑶悦嘉子梓涵轩睿博彬鸿毅锋昊天翔宏伦坤瑞祥龙元全胜学祖发成康星光耀振旭春秋冬雨露思源远远航帆远晓月丰一佩诗雅韵蓉丫秀兵东南北中正义礼智信仁德忠孝廉福禄寿喜庆荣昌盛泰安平和顺利达通永长久恒新立树青松柏竹菊荷莲';

/** Names as varied as a city's: one surname and one or two given characters, per person. */
async function varyNames(db: Database): Promise<void> {
  await db.sql.exec(`UPDATE person SET name =
    substr('${SURNAMES}', bw_int(hashtext(key), 41, ${Array.from(SURNAMES).length}) + 1, 1)
    || substr('${GIVEN}', bw_int(hashtext(key), 42, ${Array.from(GIVEN).length}) + 1, 1)
    || CASE WHEN bw_rand(hashtext(key), 43) < 0.7 THEN substr('${GIVEN}', bw_int(hashtext(key), 44, ${Array.from(GIVEN).length}) + 1, 1) ELSE '' END
    WHERE kind = 'PERSON'`);
  // The renaming is the world's making, not people changing their names: the trigger of migration
  // 0012 recorded every world name as a former one. Keep 2 % of them, a city's share of 曾用名.
  await db.sql.exec('DELETE FROM person_former_name WHERE bw_rand(hashtext(person_key), 45) >= 0.02');
  await db.sql.exec('ANALYZE person; ANALYZE person_former_name');
}

const viewer = { actor: 'bench', roles: ['INVESTIGATOR' as const], unmask: false };

async function timed(db: Database, q: string, kind?: string): Promise<number> {
  const started = performance.now();
  const result = await searchPeople(db, viewer, { q, ...(kind ? { kind } : {}) });
  if (!result.ok) throw new Error(`search ${q} failed: ${result.error.detail}`);
  return performance.now() - started;
}

interface QuerySet { readonly label: string; readonly kind?: string; readonly texts: string[] }

const SOUTHERN: Readonly<Record<string, string>> = { zh: 'z', ch: 'c', sh: 's', ang: 'an', eng: 'en', ing: 'in' };
/** The first zh/ch/sh or -ang/-eng/-ing of a reading flattened, as a southern speaker writes it; null when it has none. */
const southern = (reading: string): string | null => {
  const heard = reading.replace(/zh|ch|sh|ang|eng|ing/, (m) => SOUTHERN[m] ?? m);
  return heard === reading ? null : heard;
};

/** Query texts drawn from the stored data (deterministic: every n-th row). */
async function querySets(db: Database): Promise<QuerySet[]> {
  const names = await db.sql.query<{ name: string; pinyin: string; initials: string }>(
    `SELECT name, pinyin[1] AS pinyin, initials[1] AS initials FROM person_name_key WHERE name ~ '^[一-鿿]{2,3}$' ORDER BY md5(name) LIMIT $1`, [queries]);
  const homophones = await db.sql.query<{ name: string }>(
    `SELECT DISTINCT ON (a.name) b.name FROM (SELECT name, pinyin FROM person_name_key ORDER BY md5(name) LIMIT ${queries * 4}) a
     JOIN person_name_key b ON b.pinyin && a.pinyin AND b.name <> a.name ORDER BY a.name, b.name LIMIT $1`, [queries]);
  const addresses = await db.sql.query<{ street: string; road: string }>(
    `SELECT substring(canonical FROM '^杭州市..(.+?[0-9]+号)') AS street, substring(canonical FROM '^杭州市..(.+?路|.+?大道)') AS road
     FROM address_key WHERE canonical LIKE '杭州市%' ORDER BY md5(canonical) LIMIT $1`, [queries]);
  return [
    { label: 'name, exact (张伟)', texts: names.map((n) => n.name) },
    { label: 'name, a homophone of a stored one (张玮)', texts: homophones.map((n) => n.name) },
    { label: 'name, whole pinyin (zhangwei)', texts: names.map((n) => n.pinyin) },
    { label: 'name, initials (zw)', texts: names.map((n) => n.initials) },
    { label: 'name, beginning of the pinyin (zhangw)', texts: names.map((n) => n.pinyin.slice(0, -2)).filter((t) => t.length >= 3) },
    { label: 'name, pinyin as heard in the south (zangwei)', texts: names.map((n) => southern(n.pinyin)).filter((t) => t !== null) },
    { label: 'address part, street and number (解放路12号)', kind: 'address', texts: addresses.map((a) => a.street).filter(Boolean) },
    { label: 'address part, a whole road (解放路)', kind: 'address', texts: addresses.map((a) => a.road).filter(Boolean) },
  ];
}

function line(label: string, ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const p = (n: number) => fmt(percentile(s, n), 1).padStart(7);
  return `  ${label.padEnd(48)} n ${String(s.length).padStart(4)}  p50 ${p(50)} ms  p95 ${p(95)} ms  p99 ${p(99)} ms  max ${fmt(s.at(-1) ?? 0, 1)} ms`;
}

const validId = (first17: string): string => `${first17}${idNumberCheckChar(first17)}`;

/** 1,000 new transactions with new names and addresses, ingested; then one search keys them inline. */
async function inlineKeying(db: Database): Promise<void> {
  const given = Array.from(GIVEN);
  // New ids and names on every run (a --reuse run finds the last run's already keyed).
  const run = Date.now();
  const docs = Array.from({ length: 1000 }, (_, i) => ({
    id: `BS-NEW-${run.toString(36)}-${i}`, version: 1, type: 'DL_RENEW', status: 'ACCEPTED', acceptedAt: new Date(Date.UTC(2026, 5, 1, 1, 0, i)).toISOString(), completedAt: null,
    stationCode: 'S01', handlerId: 'H00001', approverId: null, workstationId: null, channel: 'COUNTER',
    applicant: {
      kind: 'PERSON', idNumber: validId(`11010119900101${String(i).padStart(3, '0')}`), name: `新${given[(i + run) % given.length]}${given[(i * 7 + run) % given.length]}`,
      phone: null, address: `北京市东城区新街${i}号`, identityCheck: 'PASSED',
    },
    agent: null, vehicle: null, appointment: null, flags: { override: false, tolerance: false, toleranceDueAt: null }, materials: [], photos: [], extra: {},
  }));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-search-blobs-'));
  const stored = await ingestTransactions({ db, blobs: new LocalBlobStore(dir), hooks: [] }, docs, { actor: 'bench', source: 'api' });
  fs.rmSync(dir, { recursive: true, force: true });
  if (!stored.ok) throw new Error(`ingest failed: ${stored.error.detail}`);
  const ms = await timed(db, '新街12号', 'address');
  console.log(`inline keying: the first search after 1,000 new transactions took ${fmt(ms, 1)} ms (keying included)`);
}

async function run(backend: Backend): Promise<void> {
  const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`back end: ${backend.name}; ${fmt(count)} transactions; ${machine()}; load average ${load()}`);
  const started = performance.now();
  if (values.reuse) {
    await backend.db.sql.exec('TRUNCATE person_name_key, address_key; UPDATE search_key_state SET keyed_seq = 0');
  } else {
    await generateBulkWorld(backend.db.sql, { transactions: count, days: 90, start: '2026-01-01' }, (step) => process.stdout.write(`  world: ${step}\n`));
    if (values.names === 'realistic') await varyNames(backend.db);
    console.log(`world written in ${fmt((performance.now() - started) / 1000, 1)} s (setup, not measured)`);
  }
  const keying = await keySearchTerms(backend.db);
  const [sizes] = await backend.db.sql.query<{ names: number; addresses: number; persons: number }>(
    'SELECT (SELECT count(*) FROM person_name_key)::int AS names, (SELECT count(*) FROM address_key)::int AS addresses, (SELECT count(*) FROM person)::int AS persons');
  console.log(`keying everything stored (once, after a bulk load; in the background in production): ${fmt(keying.ms / 1000, 1)} s for ${fmt(keying.transactions)} transactions → ${fmt(sizes!.names)} distinct names (of ${fmt(sizes!.persons)} persons), ${fmt(sizes!.addresses)} distinct addresses; load average ${load()}`);
  console.log(`  phases: ${Object.entries(keying.phases).map(([k, v]) => `${k.replace(/Ms$/, '')} ${fmt(v / 1000, 1)} s`).join(', ')}`);
  await backend.db.sql.exec('ANALYZE person_name_key; ANALYZE address_key');
  const sets = await querySets(backend.db);
  for (const set of sets) await timed(backend.db, set.texts[0] ?? '张伟', set.kind);
  console.log(`search latency (use case with its audit entry, limit 200, masked), ${queries} queries each; load average ${load()}`);
  for (const set of sets) {
    const ms: number[] = [];
    for (const text of set.texts) ms.push(await timed(backend.db, text, set.kind));
    console.log(line(set.label, ms));
  }
  await inlineKeying(backend.db);
  console.log(`load average at the end ${load()}`);
}

/** The database to measure: a fresh scratch one, or the kept one `--reuse` names. */
async function openBackend(): Promise<Backend> {
  if (values.reuse) {
    // Made by --keep: already migrated (and a later edit of a migration must not stop a rerun).
    const db = await openDatabase({ url: values.reuse, embeddedDir: '', poolSize: 4 });
    return { name: 'PostgreSQL (reused)', db, dispose: () => db.close() };
  }
  const backend = values.backend === 'embedded' ? await embeddedBackend() : await postgresBackend(values.pg);
  if (values.keep !== 'true' || values.backend === 'embedded') return backend;
  const [row] = await backend.db.sql.query<{ name: string }>('SELECT current_database() AS name');
  const url = new URL(values.pg);
  url.pathname = `/${row!.name}`;
  console.log(`kept for --reuse: ${url.toString()}`);
  return { ...backend, dispose: () => backend.db.close() };
}

async function main(): Promise<void> {
  if (!Number.isInteger(count) || count < 10_000) throw new Error('--count must be an integer of at least 10000');
  const backend = await openBackend();
  try {
    await run(backend);
  } finally {
    await backend.dispose();
  }
  console.log('note: figures from a shared machine; other work running at the same time slows them.');
}

await main();
