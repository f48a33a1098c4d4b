import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard, Panel } from '@grafana/grafana-foundation-sdk/dashboard';
import { BUSINESS_TYPES } from '../services/domain/index.ts';
import { RISK_POINTS } from '../services/risk/index.ts';
import { metricsRegistry } from '../services/supervision/index.ts';
import { openTestDatabase, type TestDatabase } from '../test/support/databases.ts';
import { alertRules } from './alert-rules.ts';
import { DASHBOARDS, generatedFiles, ROOT_DIR } from './index.ts';
import { POSTGRES, PROMETHEUS } from './lib/datasources.ts';

const committed = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'dashboards/json', file), 'utf8')) as Dashboard;
const dashboards = DASHBOARDS.map((d) => committed(d.file));
const panelsOf = (d: Dashboard) => (d.panels ?? []) as Panel[];
const dataPanels = (d: Dashboard) => panelsOf(d).filter((p) => p.type !== 'row');

/** The web workbench's agreed URL scheme (briefs/urls.md): where drill-down links may go. */
const WORKBENCH_PATHS = [
  /^\/alerts(\?(severity|riskPoint|station|businessType|sla)=[^&]+)?$/, /^\/alerts\/\$\{__value\.raw\}$/, /^\/photos$/,
  /^\/investigate(\?q=\$\{__value\.raw\})?$/, /^\/investigate\/rings\/\$\{__value\.raw\}$/, /^\/investigate\/handlers$/, /^\/audit$/,
];

function linkUrls(d: Dashboard): string[] {
  const fromPanels = panelsOf(d).flatMap((p) => [
    ...(p.fieldConfig?.defaults?.links ?? []).map((l) => l.url ?? ''),
    ...(p.fieldConfig?.overrides ?? []).flatMap((o) => o.properties.filter((q) => q.id === 'links').flatMap((q) => (q.value as Array<{ url: string }>).map((l) => l.url))),
  ]);
  return [...fromPanels, ...(d.links ?? []).filter((l) => l.type === 'link').map((l) => l.url ?? '')];
}

describe('generated dashboards and provisioning', () => {
  it('are committed as generated: npm run dashboards leaves nothing to change', () => {
    for (const [file, content] of generatedFiles()) {
      const target = path.join(ROOT_DIR, file);
      expect(fs.existsSync(target), `${file} missing: run npm run dashboards`).toBe(true);
      expect(fs.readFileSync(target, 'utf8') === content, `${file} is stale: run npm run dashboards`).toBe(true);
    }
  });

  it('has the six dashboards with unique uids and Chinese titles', () => {
    expect(dashboards.map((d) => d.title?.split(' · ')[1])).toEqual(['总览', '风险点', '中介', '照片审核', '经办人', '系统']);
    expect(new Set(dashboards.map((d) => d.uid)).size).toBe(dashboards.length);
    for (const d of dashboards) expect(d.timezone).toBe('Asia/Shanghai');
  });

  it.each(dashboards.map((d) => [d.title, d] as const))('%s: unique panel ids, a grid position each, no overlap', (_, d) => {
    const panels = panelsOf(d);
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    const taken = new Set<string>();
    for (const p of panels) {
      const g = p.gridPos!;
      for (const n of [g.x, g.y, g.w, g.h]) expect(Number.isInteger(n) && n >= 0).toBe(true);
      expect(g.x! + g.w).toBeLessThanOrEqual(24);
      for (let x = g.x!; x < g.x! + g.w; x++) for (let y = g.y!; y < g.y! + g.h; y++) {
        expect(taken.has(`${x},${y}`), `${p.title} overlaps at ${x},${y}`).toBe(false);
        taken.add(`${x},${y}`);
      }
    }
  });

  it.each(dashboards.map((d) => [d.title, d] as const))('%s: every panel has a datasource and SQL or PromQL targets with unique refIds', (_, d) => {
    const uids = new Set([POSTGRES.uid, PROMETHEUS.uid]);
    for (const p of dataPanels(d)) {
      expect(uids.has(p.datasource?.uid), `${p.title} datasource`).toBe(true);
      expect(p.targets?.length, `${p.title} targets`).toBeGreaterThan(0);
      const refIds = p.targets!.map((t) => (t as unknown as { refId: string }).refId);
      expect(new Set(refIds).size).toBe(refIds.length);
      for (const t of p.targets! as Array<{ rawSql?: string; expr?: string; datasource?: { uid?: string } }>) {
        expect(Boolean(t.rawSql) !== Boolean(t.expr), `${p.title}: rawSql xor expr`).toBe(true);
        expect(t.datasource?.uid ?? p.datasource?.uid).toBe(p.datasource?.uid);
        expect(p.datasource?.uid).toBe(t.rawSql ? POSTGRES.uid : PROMETHEUS.uid);
      }
    }
  });

  it.each(dashboards.filter((d) => d.uid !== 'cheguan-system').map((d) => [d.title, d] as const))('%s: station and business-type variables, and the time range', (_, d) => {
    const names = (d.templating?.list ?? []).map((v) => v.name);
    expect(names).toEqual(expect.arrayContaining(['station', 'businessType', 'workbench']));
    expect(d.time?.from).toMatch(/^now-\d+d$/);
    const sql = dataPanels(d).flatMap((p) => p.targets as Array<{ rawSql?: string }>).map((t) => t.rawSql ?? '').join('\n');
    expect(sql).toContain('${station:singlequote}');
    expect(sql).toContain('${businessType:singlequote}');
    expect(sql).toContain('$__timeFilter(');
  });

  it.each(dashboards.map((d) => [d.title, d] as const))('%s: drill-down links go to the workbench URL scheme', (_, d) => {
    const urls = linkUrls(d);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      expect(url.startsWith('${workbench}/'), url).toBe(true);
      const rest = url.slice('${workbench}'.length);
      expect(WORKBENCH_PATHS.some((p) => p.test(rest)), rest).toBe(true);
    }
  });

  it('names only metrics /metrics exposes (or Prometheus and process standards) in every PromQL query', () => {
    const own = new Set(metricsRegistry.getMetricsAsArray().flatMap((m) => [m.name, `${m.name}_bucket`, `${m.name}_sum`, `${m.name}_count`]));
    const exprs = [
      ...dashboards.flatMap((d) => dataPanels(d).flatMap((p) => p.targets as Array<{ expr?: string }>)).map((t) => t.expr ?? ''),
      ...alertRules().flatMap((r) => r.data).map((q) => (q.model as { expr?: string } | undefined)?.expr ?? ''),
    ].filter(Boolean);
    expect(exprs.length).toBeGreaterThan(15);
    const named = new Set(exprs.flatMap((e) => e.match(/\b(cheguan|process|nodejs)_[a-z_]+\b/g) ?? []));
    for (const name of named) expect(own.has(name), name).toBe(true);
  });

  it('alert rules reference the provisioned datasources or Grafana expressions, conditions on their last query', () => {
    for (const rule of alertRules()) {
      expect(rule.data.map((q) => q.refId)).toEqual(['A', 'B', 'C']);
      expect([POSTGRES.uid, PROMETHEUS.uid]).toContain(rule.data[0]!.datasourceUid);
      expect(rule.data.slice(1).every((q) => q.datasourceUid === '__expr__')).toBe(true);
      expect(rule.condition).toBe('C');
    }
  });
});

describe('catalogue views of migration 0005', () => {
  let test: TestDatabase;
  beforeAll(async () => { test = await openTestDatabase('pglite'); });
  afterAll(async () => { await test.dispose(); });

  it('supervision.business_type is interchange.md table 3 as the code has it', async () => {
    const rows = await test.db.sql.query<{ code: string; name: string; key_business: boolean }>('SELECT code, name, key_business FROM supervision.business_type ORDER BY code');
    expect(rows).toEqual(BUSINESS_TYPES.map((t) => ({ code: t.code, name: t.name, key_business: t.key })).sort((a, b) => a.code.localeCompare(b.code)));
  });

  it('supervision.risk_point is the 41 points as the code has them', async () => {
    const rows = await test.db.sql.query<{ code: string; name: string; category: string; weight: number; diamond: boolean }>('SELECT code, name, category, weight, diamond FROM supervision.risk_point ORDER BY code');
    expect(rows).toEqual(RISK_POINTS.map((p) => ({ code: p.code, name: p.nameZh, category: p.category, weight: p.defaultWeight, diamond: p.dualReview })));
  });

  it('cuts local days at midnight in Asia/Shanghai', async () => {
    const [row] = await test.db.sql.query<{ day: Date }>("SELECT supervision.local_day('2026-03-01T23:30:00+08:00') AS day");
    expect(row!.day.toISOString()).toBe('2026-02-28T16:00:00.000Z');
  });

  it('buckets time on the local clock whatever the session time zone: days from midnight, weeks from Monday (0007)', async () => {
    const bucket = async (at: string, width: string) =>
      (await test.db.sql.query<{ b: Date }>('SELECT supervision.local_bucket($1::timestamptz, $2::interval) AS b', [at, width]))[0]!.b.toISOString();
    await test.db.sql.exec("SET TIME ZONE 'America/New_York'");
    expect(await bucket('2026-03-01T23:30:00+08:00', '1d')).toBe('2026-02-28T16:00:00.000Z');
    expect(await bucket('2026-03-01T23:30:00+08:00', '6h')).toBe('2026-03-01T10:00:00.000Z');
    // 2026-03-04 is a Wednesday: its week began on Monday 2 March, local midnight.
    expect(await bucket('2026-03-04T09:00:00+08:00', '7d')).toBe('2026-03-01T16:00:00.000Z');
    const [day] = await test.db.sql.query<{ day: Date }>("SELECT supervision.local_day('2026-03-02T00:00:00+08:00') AS day");
    expect(day!.day.toISOString()).toBe('2026-03-01T16:00:00.000Z');
    await test.db.sql.exec("SET TIME ZONE 'UTC'");
  });

  it('masks ID numbers as the API does (first 6, last 4)', async () => {
    const [row] = await test.db.sql.query<{ masked: string }>("SELECT supervision.mask_id('330106198505052313') AS masked");
    expect(row!.masked).toBe('330106********2313');
  });
});
