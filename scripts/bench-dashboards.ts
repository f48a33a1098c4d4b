/**
 * npm run bench:dashboards [-- --count 1000000 --days 365 --runs 20 --pg URL --keep true | --reuse DATABASE_URL] [--station CODE]
 *   [--only TEXT --explain true]
 * Seeds a scratch PostgreSQL database with a year of a large office in bulk SQL (1,000,000
 * transactions by default; scripts/bench/dashboards-world.ts), ANALYZEs, then runs every SQL
 * query of every dashboard (panels, variables, SQL alert rules) as Grafana would — macros and
 * variables expanded for the dashboard's default time range, as the read-only role
 * cheguan_grafana — and prints p50 / p95 per query. Goal: p95 < 300 ms for each. --keep leaves the
 * seeded database in place and --reuse runs the queries on such a database again (no seeding);
 * --station runs them with that station selected instead of "All" (S001 is the busiest); --only
 * keeps the queries whose name contains TEXT, and --explain prints their plans (EXPLAIN ANALYZE).
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Dashboard, Panel } from '@grafana/grafana-foundation-sdk/dashboard';
import { alertRules } from '../dashboards/alert-rules.ts';
import { DASHBOARDS, ROOT_DIR } from '../dashboards/index.ts';
import { expandQuery, panelRange, type QueryContext } from '../dashboards/lib/grafana-macros.ts';
import { dashboardWorldSteps } from './bench/dashboards-world.ts';
import { openDatabase, type Database } from '../services/platform/db.ts';
import { migrate } from '../services/platform/migrate.ts';
import { refreshFacts } from '../services/supervision/index.ts';
import { DEFAULT_PG, fmt, machine, percentile } from './bench/support.ts';
import { readFlags } from './cli-flags.ts';

const flags = readFlags(process.argv.slice(2), ['count', 'days', 'runs', 'pg', 'keep', 'reuse', 'station', 'only', 'explain']);
const count = Number(flags.get('count') ?? 1_000_000);
const days = Number(flags.get('days') ?? 365);
const runs = Number(flags.get('runs') ?? 20);
const GOAL_MS = 300;

interface Query { readonly name: string; readonly sql: string }

const RANGE_DAYS: Record<string, number> = { 'now-30d': 30, 'now-90d': 90, 'now-6h': 0.25 };

function dashboardQueries(): Query[] {
  const now = new Date();
  return DASHBOARDS.flatMap((file) => {
    const dashboard = JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'dashboards/json', file.file), 'utf8')) as Dashboard;
    const variables = dashboard.templating?.list ?? [];
    const station = flags.get('station');
    const context: QueryContext = {
      from: new Date(now.getTime() - (RANGE_DAYS[dashboard.time?.from ?? ''] ?? 30) * 86_400_000), to: now,
      ...(station ? { selections: { station: [station] } } : {}),
    };
    const short = dashboard.title?.split(' · ')[1] ?? dashboard.title ?? file.file;
    const panels = ((dashboard.panels ?? []) as Panel[]).flatMap((panel) => (panel.targets ?? [])
      .filter((t) => 'rawSql' in t)
      .map((t) => t as unknown as { refId: string; rawSql: string })
      .map((t) => ({ name: `${short} › ${panel.title}${t.refId === 'A' ? '' : ` [${t.refId}]`}`, sql: expandQuery(t.rawSql, variables, { ...context, ...panelRange(panel, context) }) })));
    const vars = variables.filter((v) => v.type === 'query').map((v) => ({ name: `${short} › $${v.name}`, sql: String(v.query) }));
    return [...panels, ...vars];
  }).concat(alertRules().flatMap((r) => r.data.map((d) => d.model as { rawSql?: string }).filter((m) => m.rawSql).map((m) => ({ name: `告警规则 › ${r.title}`, sql: m.rawSql! }))));
}

async function time(client: pg.Client, sql: string): Promise<number> {
  const started = performance.now();
  await client.query(sql);
  return performance.now() - started;
}

async function explain(client: pg.Client, sql: string): Promise<void> {
  const plan = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
  console.log(`${sql.replace(/^/gm, '      ')}\n${plan.rows.map((r) => `      ${r['QUERY PLAN']}`).join('\n')}\n`);
}

/** What the scheduler does every minute; on a reused database, what changed since (a new fact table: everything). */
async function refreshFactTables(backend: Backend, what: string): Promise<boolean> {
  const started = performance.now();
  const { riskHits, photoChecks } = await refreshFacts(backend.db);
  const seconds = fmt((performance.now() - started) / 1000, 1);
  console.log(`  fact tables: supervision.risk_hits ${fmt(riskHits.facts)} hits, supervision.photo_checks ${fmt(photoChecks.facts)} photos in ${seconds} s (${what})`);
  return riskHits.facts + photoChecks.facts > 0;
}

async function seed(backend: Backend): Promise<void> {
  const started = performance.now();
  await backend.db.sql.withLock(720_330_099, async (session) => {
    for (const step of dashboardWorldSteps(count, days)) {
      const t = performance.now();
      await step.run(session);
      console.log(`  seeded ${step.name.padEnd(38)} ${fmt((performance.now() - t) / 1000, 1).padStart(6)} s`);
    }
  });
  await refreshFactTables(backend, 'first refresh: the whole year');
  // What autovacuum does on a live database: statistics, and the visibility map index-only scans need.
  await backend.db.sql.exec('VACUUM ANALYZE');
  console.log(`  world ready in ${fmt((performance.now() - started) / 1000, 1)} s (fact refresh and VACUUM ANALYZE included)\n`);
}

async function main(): Promise<void> {
  console.log(`bench:dashboards — ${machine()} (shared machine: figures are indicative)`);
  const reuse = flags.get('reuse');
  const backend = reuse ? await existingDatabase(reuse) : await scratchDatabase(flags.get('pg') ?? DEFAULT_PG);
  try {
    if (!reuse) await seed(backend);
    else if (await refreshFactTables(backend, 'since the database was kept')) await backend.db.sql.exec('VACUUM ANALYZE');
    const target = new URL(backend.url);
    target.username = 'cheguan_grafana';
    const grafana = new pg.Client({ connectionString: target.toString() });
    await grafana.connect();
    const queries = dashboardQueries().filter((q) => q.name.includes(flags.get('only') ?? ''));
    const scope = flags.get('station') ? `station ${flags.get('station')} selected` : 'station and business type "All"';
    console.log(`${queries.length} queries × ${runs} runs (after 2 warm-ups), as cheguan_grafana, default time range of each dashboard, ${scope}:`);
    console.log(`  ${'query'.padEnd(52)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}`);
    const started = performance.now();
    const slow: string[] = [];
    for (const query of queries) {
      for (let i = 0; i < 2; i++) await time(grafana, query.sql);
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) samples.push(await time(grafana, query.sql));
      samples.sort((a, b) => a - b);
      const p95 = percentile(samples, 95);
      if (p95 >= GOAL_MS) slow.push(query.name);
      console.log(`  ${query.name.padEnd(52)} ${fmt(percentile(samples, 50), 1).padStart(8)} ${fmt(p95, 1).padStart(8)}${p95 >= GOAL_MS ? '  ✗ over goal' : ''}`);
      if (flags.get('explain') === 'true') await explain(grafana, query.sql);
    }
    await grafana.end();
    console.log(`\n${queries.length - slow.length}/${queries.length} queries with p95 < ${GOAL_MS} ms (${fmt((performance.now() - started) / 1000, 1)} s of queries)`);
    if (slow.length > 0) console.log(`over the goal: ${slow.join('; ')}`);
  } finally {
    if (flags.get('keep') === 'true' || reuse) console.log(`kept database ${backend.url}`);
    else await backend.dispose();
  }
}

interface Backend { readonly url: string; readonly db: Database; dispose(): Promise<void> }

async function existingDatabase(url: string): Promise<Backend> {
  const db = await openDatabase({ url, embeddedDir: '', poolSize: 2 });
  await migrate(db.sql);
  return { url, db, dispose: () => db.close() };
}

/** A migrated scratch database on the server (the Grafana role needs its URL to sign in). */
async function scratchDatabase(server: string): Promise<Backend> {
  const name = `bench_dashboards_${Date.now().toString(36)}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try { await client.query(sql); } finally { await client.end(); }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), embeddedDir: '', poolSize: 2 });
  await migrate(db.sql);
  return { url: url.toString(), db, dispose: async () => { await db.close(); await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } };
}

await main();
