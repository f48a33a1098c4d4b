/**
 * The production compose file and the provisioning it mounts hold together: every mounted file
 * exists, every variable set on a platform process is one the env schema knows (and the values
 * parse), Grafana gets every variable its provisioning expands, the dashboards' datasource uids
 * and folder resolve, Prometheus scrapes the services that exist on the ports they listen on.
 * The files are generated from dashboards/deploy.ts and provisioning.ts; their staleness is tested
 * in dashboards/dashboards.test.ts, so checking the definitions checks the files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { alertRulesProvisioning } from '../../dashboards/alert-rules.ts';
import { composeFile } from '../../dashboards/deploy.ts';
import { DASHBOARDS, generatedFiles, ROOT_DIR } from '../../dashboards/index.ts';
import { FOLDER_TITLE, FOLDER_UID } from '../../dashboards/lib/datasources.ts';
import {
  APP_PORT, dashboardsProvisioning, datasourcesProvisioning, GRAFANA_DASHBOARDS_PATH, METRICS_TOKEN_FILE, prometheusConfig,
} from '../../dashboards/provisioning.ts';
import { envSchema, parseEnv } from '../../services/platform/env.ts';
import { startScriptNodeFlags } from '../support/process.ts';

interface Service {
  image?: string;
  build?: { context: string };
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: string[] | Record<string, unknown>;
  secrets?: string[];
}
interface Compose { services: Record<string, Service>; volumes: Record<string, unknown>; secrets: Record<string, unknown> }

const compose = composeFile() as unknown as Compose;
const APP_ROLES = ['api', 'worker', 'scheduler'];
const datasources = (datasourcesProvisioning() as { datasources: Array<{ uid: string; url: string; user?: string }> }).datasources;
const provider = (dashboardsProvisioning() as { providers: Array<{ folder: string; folderUid: string; options: { path: string } }> }).providers[0]!;

/** Compose's ${VAR}, ${VAR:-default} and ${VAR:?message} with a value a deployment would give. */
function substitute(value: string, given: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, kind?: string, rest?: string) => given[name] ?? (kind === '-' ? rest ?? '' : `${name.toLowerCase()}-value`));
}

function bindMounts(): Array<{ service: string; source: string; target: string }> {
  return Object.entries(compose.services).flatMap(([service, s]) => (s.volumes ?? [])
    .filter((v) => v.startsWith('./'))
    .map((v) => { const [source = '', target = ''] = v.split(':'); return { service, source, target }; }));
}

function datasourceUidsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(datasourceUidsOf);
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const own = record.datasource && typeof record.datasource === 'object' ? [(record.datasource as { uid?: string }).uid ?? ''] : [];
  const rule = typeof record.datasourceUid === 'string' ? [record.datasourceUid] : [];
  return [...own, ...rule, ...Object.values(record).flatMap(datasourceUidsOf)];
}

describe('docker-compose.yml and the provisioning it mounts', () => {
  it('is the generated file (and so are the provisioning files)', () => {
    for (const file of ['docker-compose.yml', 'dashboards/provisioning/datasources/cheguan.yaml', 'dashboards/provisioning/prometheus/prometheus.yml']) {
      expect(fs.readFileSync(path.join(ROOT_DIR, file), 'utf8')).toBe(generatedFiles().get(file));
    }
  });

  it('mounts only files and folders that exist, and names only declared volumes and secrets', () => {
    const mounts = bindMounts();
    expect(mounts.length).toBeGreaterThanOrEqual(6);
    for (const m of mounts) expect(fs.existsSync(path.join(ROOT_DIR, m.source)), `${m.service}: ${m.source}`).toBe(true);
    for (const [name, s] of Object.entries(compose.services)) {
      for (const v of (s.volumes ?? []).filter((x) => !x.startsWith('./'))) expect(Object.keys(compose.volumes), `${name}: ${v}`).toContain(v.split(':')[0]);
      for (const secret of s.secrets ?? []) expect(Object.keys(compose.secrets)).toContain(secret);
      const deps = Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {});
      for (const dep of deps) expect(Object.keys(compose.services)).toContain(dep);
    }
  });

  it('runs the three roles from the image the Dockerfile builds, with its start script', () => {
    const dockerfile = fs.readFileSync(path.join(ROOT_DIR, 'Dockerfile'), 'utf8');
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
    expect(JSON.parse(cmd ?? '[]')).toEqual(['node', ...startScriptNodeFlags(), '--import', 'tsx', 'scripts/start.ts']);
    expect(fs.existsSync(path.join(ROOT_DIR, 'scripts/start.ts'))).toBe(true);
    expect(APP_ROLES.map((r) => compose.services[r]?.environment?.ROLES)).toEqual(APP_ROLES);
    for (const role of APP_ROLES) expect(compose.services[role]!.build?.context).toBe('.');
  });

  it.each(APP_ROLES)('sets on %s only variables of the env schema, with values it accepts', (role) => {
    const environment = compose.services[role]!.environment!;
    const known = Object.keys(envSchema.shape);
    for (const name of Object.keys(environment)) expect(known, name).toContain(name);
    const given = { POSTGRES_PASSWORD: 'pg-secret', METRICS_TOKEN: 'metrics-secret', ADMIN_USERNAME: '', ADMIN_PASSWORD: '' };
    const resolved = Object.fromEntries(Object.entries(environment).map(([k, v]) => [k, substitute(v, given)]));
    const env = parseEnv(resolved);
    expect(env.ROLES).toEqual([role]);
    expect(env.DATABASE_URL).toBe('postgres://cheguan:pg-secret@postgres:5432/cheguan');
    expect(env.METRICS_TOKEN).toBe('metrics-secret');
  });

  it('gives Grafana every variable its provisioning expands, and PostgreSQL the Grafana role password', () => {
    const grafana = compose.services.grafana!.environment!;
    const provisioning = [...generatedFiles()].filter(([file]) => file.startsWith('dashboards/provisioning/') && !file.includes('prometheus')).map(([, text]) => text).join('\n');
    const expanded = [...provisioning.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]!);
    expect(expanded.length).toBeGreaterThan(0);
    for (const name of expanded) expect(Object.keys(grafana), name).toContain(name);
    const init = fs.readFileSync(path.join(ROOT_DIR, 'dashboards/provisioning/postgres-init/10-grafana-role.sh'), 'utf8');
    expect(init).toContain('"$GRAFANA_DB_PASSWORD"');
    expect(Object.keys(compose.services.postgres!.environment!)).toContain('GRAFANA_DB_PASSWORD');
    expect(datasources.find((d) => d.uid === 'cheguan-postgres')?.user).toBe('cheguan_grafana');
    expect(init).toContain('CREATE ROLE cheguan_grafana');
  });

  it('provisions the dashboards from the folder the generated JSON is mounted from', () => {
    const mount = bindMounts().find((m) => m.service === 'grafana' && m.target === provider.options.path);
    expect(provider.options.path).toBe(GRAFANA_DASHBOARDS_PATH);
    expect(mount?.source).toBe('./dashboards/json');
    const files = fs.readdirSync(path.join(ROOT_DIR, 'dashboards/json')).sort();
    expect(files).toEqual(DASHBOARDS.map((d) => d.file).sort());
    expect(provider.folderUid).toBe(FOLDER_UID);
    expect((alertRulesProvisioning() as { groups: Array<{ folder: string }> }).groups[0]!.folder).toBe(FOLDER_TITLE);
    for (const target of ['/etc/grafana/provisioning/datasources', '/etc/grafana/provisioning/dashboards', '/etc/grafana/provisioning/alerting']) {
      expect(bindMounts().some((m) => m.service === 'grafana' && m.target === target), target).toBe(true);
    }
  });

  it('resolves every datasource uid of the dashboards and alert rules against the provisioned datasources', () => {
    const provisioned = new Set([...datasources.map((d) => d.uid), '__expr__', '-- Grafana --']);
    const used = new Set([
      ...DASHBOARDS.flatMap((d) => datasourceUidsOf(JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'dashboards/json', d.file), 'utf8')) as Dashboard)),
      ...datasourceUidsOf(alertRulesProvisioning()),
    ]);
    expect([...used].sort()).toEqual(['-- Grafana --', '__expr__', 'cheguan-postgres', 'cheguan-prometheus']);
    for (const uid of used) expect(provisioned.has(uid), uid).toBe(true);
  });

  it('has Prometheus scrape each platform process where it listens, with the metrics token', () => {
    const config = prometheusConfig() as { scrape_configs: Array<{ job_name: string; authorization: { credentials_file: string }; static_configs: Array<{ targets: string[] }> }> };
    expect(config.scrape_configs.map((s) => s.job_name)).toEqual(['cheguan-api', 'cheguan-worker', 'cheguan-scheduler']);
    for (const job of config.scrape_configs) {
      const [host = '', port = ''] = job.static_configs[0]!.targets[0]!.split(':');
      const service = compose.services[host];
      expect(service, host).toBeDefined();
      const env = service!.environment!;
      expect(Number(port)).toBe(env.ROLES === 'api' ? APP_PORT : Number(env.METRICS_PORT));
      expect(job.authorization.credentials_file).toBe(METRICS_TOKEN_FILE);
    }
    expect(METRICS_TOKEN_FILE).toBe(`/run/secrets/${compose.services.prometheus!.secrets![0]}`);
    expect(compose.secrets.metrics_token).toEqual({ environment: 'METRICS_TOKEN' });
    expect(bindMounts().find((m) => m.service === 'prometheus')?.source).toBe('./dashboards/provisioning/prometheus/prometheus.yml');
  });
});
