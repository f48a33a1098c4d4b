/**
 * Acceptance 1 of the supervision center: on PostgreSQL seeded with a simulated month, every SQL
 * query of every committed dashboard (and every SQL alert rule and variable query), with Grafana's
 * macros and variables expanded for a fixed time range, runs as the read-only Grafana role and
 * returns the columns its panel expects, with data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard, Panel, VariableModel } from '@grafana/grafana-foundation-sdk/dashboard';
import { alertRules } from '../../dashboards/alert-rules.ts';
import { DASHBOARDS, DASHBOARDS_DIR } from '../../dashboards/index.ts';
import { expandQuery, panelRange } from '../../dashboards/lib/grafana-macros.ts';
import { LocalBlobStore } from '../../services/platform/blob-store.ts';
import { openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { seedSimulatedMonth, type SimulatedMonth } from '../support/supervision-month.ts';

interface SqlTarget { refId: string; rawSql: string; format: 'table' | 'time_series'; datasource: { uid: string } }
interface Case { readonly name: string; readonly dashboard: Dashboard; readonly panel: Panel; readonly target: SqlTarget }

const dashboards = DASHBOARDS.map((d) => JSON.parse(fs.readFileSync(path.join(DASHBOARDS_DIR, 'json', d.file), 'utf8')) as Dashboard);
const cases: Case[] = dashboards.flatMap((dashboard) => (dashboard.panels ?? []).flatMap((panel) =>
  ((panel as Panel).targets ?? []).filter((t) => 'rawSql' in t).map((t) => ({
    name: `${dashboard.title} › ${(panel as Panel).title} [${(t as unknown as SqlTarget).refId}]`, dashboard, panel: panel as Panel, target: t as unknown as SqlTarget,
  }))));

const NUMERIC = new Set([20, 21, 23, 700, 701, 1700]);
const TEXT = new Set([25, 1043]);
const TIME = new Set([1082, 1114, 1184, 701, 1700, 20]);

interface Answer { readonly columns: Array<{ name: string; type: number }>; readonly rows: unknown[][] }

function organizeColumns(panel: Panel): string[] | null {
  const organize = panel.transformations?.find((t) => t.id === 'organize');
  const rename = (organize?.options as { renameByName?: Record<string, string> } | undefined)?.renameByName;
  return rename ? Object.keys(rename) : null;
}

/** What the panel, as configured in its JSON, needs of its query's answer. */
function checkShape(panel: Panel, target: SqlTarget, answer: Answer): void {
  const names = answer.columns.map((c) => c.name);
  const type = (name: string) => answer.columns.find((c) => c.name === name)!.type;
  expect(answer.rows.length, 'rows').toBeGreaterThan(0);
  if (target.format === 'time_series') {
    expect(names).toContain('time');
    expect(TIME.has(type('time')), 'time column type').toBe(true);
    const values = names.filter((n) => n !== 'time' && n !== 'metric');
    if (names.includes('metric')) expect(TEXT.has(type('metric'))).toBe(true);
    expect(values.length).toBeGreaterThan(0);
    for (const v of values) expect(NUMERIC.has(type(v)), `${v} numeric`).toBe(true);
    return;
  }
  if (panel.type === 'table') {
    const expected = organizeColumns(panel);
    expect(expected, 'organize transformation lists the columns').not.toBeNull();
    expect(names).toEqual(expected);
    const headers = Object.values((panel.transformations!.find((t) => t.id === 'organize')!.options as { renameByName: Record<string, string> }).renameByName);
    for (const o of panel.fieldConfig?.overrides ?? []) expect(headers).toContain(o.matcher.options);
    return;
  }
  if (panel.type === 'stat') {
    expect(names).toHaveLength(1);
    expect(NUMERIC.has(type(names[0]!)) || TIME.has(type(names[0]!))).toBe(true);
    expect(answer.rows[0]![0], 'stat value').not.toBeNull();
    return;
  }
  if (panel.type === 'piechart') {
    expect(names).toHaveLength(2);
    expect(TEXT.has(type(names[0]!))).toBe(true);
    expect(NUMERIC.has(type(names[1]!))).toBe(true);
    return;
  }
  if (panel.type === 'barchart') {
    const xField = (panel.options as { xField?: string }).xField!;
    expect(names[0]).toBe(xField);
    expect(TEXT.has(type(xField))).toBe(true);
    for (const v of names.slice(1)) expect(NUMERIC.has(type(v)), `${v} numeric`).toBe(true);
    return;
  }
  throw new Error(`no column expectations for a ${panel.type} panel`);
}

describe('every dashboard SQL query on a simulated month (PostgreSQL, as cheguan_grafana)', () => {
  let test: TestDatabase;
  let month: SimulatedMonth;
  let grafana: pg.Client;
  let blobDir: string;
  const run = async (text: string): Promise<Answer> => {
    const result = await grafana.query({ text, rowMode: 'array' });
    return { columns: result.fields.map((f) => ({ name: f.name, type: f.dataTypeID })), rows: result.rows as unknown[][] };
  };
  const context = () => ({ from: month.from, to: month.to });

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    blobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'month-blobs-'));
    month = await seedSimulatedMonth(test.db, new LocalBlobStore(blobDir));
    const url = new URL(test.url!);
    url.username = 'cheguan_grafana';
    grafana = new pg.Client({ connectionString: url.toString() });
    await grafana.connect();
  }, 900_000);
  afterAll(async () => {
    await grafana?.end();
    await test?.dispose();
    fs.rmSync(blobDir, { recursive: true, force: true });
  });

  it('seeded a month with alerts, decisions, photos, reviews and an intermediary run', async () => {
    expect(month.transactions).toBeGreaterThan(3000);
    const [counts] = await test.db.sql.query<Record<string, number>>(`SELECT
      (SELECT count(*)::int FROM alert) AS alerts, (SELECT count(*)::int FROM alert WHERE status = 'CLOSED') AS closed,
      (SELECT count(*)::int FROM photo_review) AS reviews, (SELECT count(*)::int FROM intermediary_suspect) AS suspects`);
    expect(counts!.alerts).toBeGreaterThan(50);
    expect(counts!.closed).toBeGreaterThan(10);
    expect(counts!.reviews).toBeGreaterThan(10);
    expect(counts!.suspects).toBeGreaterThan(0);
  });

  it('found SQL panels on every dashboard', () => {
    expect(cases.length).toBeGreaterThan(50);
    for (const dashboard of dashboards) expect(cases.some((c) => c.dashboard.uid === dashboard.uid), dashboard.uid).toBe(true);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, { dashboard, panel, target }) => {
    const variables = dashboard.templating?.list ?? [];
    const answer = await run(expandQuery(target.rawSql, variables, { ...context(), ...panelRange(panel, context()) }));
    checkShape(panel, target, answer);
  });

  it.each(cases.filter((c) => c.target.rawSql.includes('${station')).map((c) => [c.name, c] as const))('%s, filtered to one station and business type', async (_, { dashboard, target }) => {
    const [busiest] = await test.db.sql.query<{ station_code: string }>('SELECT station_code FROM "transaction" GROUP BY 1 ORDER BY count(*) DESC LIMIT 1');
    const selections = { station: [busiest!.station_code], businessType: ['TRANSFER', 'REG_NEW'] };
    const sql = expandQuery(target.rawSql, dashboard.templating?.list ?? [], { ...context(), selections });
    expect(sql).toContain(`'${busiest!.station_code}'`);
    await run(sql);
  });

  it.each(dashboards.flatMap((d) => (d.templating?.list ?? []).filter((v: VariableModel) => v.type === 'query').map((v) => [`${d.title} › $${v.name}`, v] as const)))('variable %s lists options', async (_, variable) => {
    const answer = await run(String(variable.query));
    expect(answer.columns.map((c) => c.name)).toEqual(['__value', '__text']);
    expect(answer.rows.length).toBeGreaterThan(0);
  });

  it('runs the SQL alert rules as provisioned', async () => {
    // The provisioned file is generated from these (its staleness is tested in dashboards/dashboards.test.ts).
    const sqlQueries = alertRules().flatMap((r) => r.data).map((d) => d.model as { rawSql?: string }).filter((m) => m.rawSql);
    expect(sqlQueries.length).toBeGreaterThan(0);
    for (const query of sqlQueries) {
      const answer = await run(query.rawSql!);
      expect(answer.rows.length).toBe(1);
      expect(NUMERIC.has(answer.columns[0]!.type)).toBe(true);
    }
  });

  it('keeps the Grafana role read-only: no table of the platform, no writes', async () => {
    await expect(grafana.query('SELECT count(*) FROM "transaction"')).rejects.toThrow(/permission denied/);
    await expect(grafana.query('SELECT count(*) FROM app_user')).rejects.toThrow(/permission denied/);
    await expect(grafana.query('CREATE TABLE supervision.x (a int)')).rejects.toThrow(/read-only|permission denied/);
    await expect(grafana.query("SELECT * FROM supervision.intermediary_suspects WHERE id_masked ~ '^[0-9]{18}$'")).resolves.toMatchObject({ rowCount: 0 });
  });
});
