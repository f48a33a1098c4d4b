/**
 * Grafana and Prometheus provisioning of the supervision center, as data: written by
 * `npm run dashboards` to dashboards/provisioning/ and mounted by docker-compose.yml (deploy.ts).
 * `${VAR}` values are expanded by Grafana from its environment, which the compose file sets.
 */
import { FOLDER_TITLE, FOLDER_UID, POSTGRES, PROMETHEUS } from './lib/datasources.ts';
import type { YamlValue } from './lib/yaml.ts';

/** Where Grafana reads the generated dashboard JSON (the provider's path, the compose mount's target). */
export const GRAFANA_DASHBOARDS_PATH = '/var/lib/grafana/dashboards/cheguan';
/** The platform's HTTP port in its containers, and the /metrics-only port of worker and scheduler. */
export const APP_PORT = 3000;
export const METRICS_PORT = 9464;
/** Where compose mounts METRICS_TOKEN for Prometheus (a compose secret). */
export const METRICS_TOKEN_FILE = '/run/secrets/metrics_token';

export function datasourcesProvisioning(): YamlValue {
  return {
    apiVersion: 1,
    datasources: [
      {
        name: '车驾管数据库',
        uid: POSTGRES.uid!,
        type: POSTGRES.type!,
        access: 'proxy',
        url: '${CHEGUAN_DB_HOST}',
        user: 'cheguan_grafana',
        jsonData: { database: '${CHEGUAN_DB_NAME}', sslmode: '${CHEGUAN_DB_SSLMODE}', postgresVersion: 1500, timescaledb: false, maxOpenConns: 5, maxIdleConns: 2, connMaxLifetime: 14400 },
        secureJsonData: { password: '${GRAFANA_DB_PASSWORD}' },
        editable: false,
      },
      {
        name: '车驾管指标',
        uid: PROMETHEUS.uid!,
        type: PROMETHEUS.type!,
        access: 'proxy',
        url: '${CHEGUAN_PROMETHEUS_URL}',
        isDefault: true,
        jsonData: { httpMethod: 'POST', timeInterval: '15s' },
        editable: false,
      },
    ],
  };
}

export function dashboardsProvisioning(): YamlValue {
  return {
    apiVersion: 1,
    providers: [{
      name: 'cheguan',
      orgId: 1,
      folder: FOLDER_TITLE,
      folderUid: FOLDER_UID,
      type: 'file',
      disableDeletion: true,
      allowUiUpdates: false,
      updateIntervalSeconds: 60,
      options: { path: GRAFANA_DASHBOARDS_PATH, foldersFromFilesStructure: false },
    }],
  };
}

function scrape(job: string, target: string): YamlValue {
  return {
    job_name: job,
    metrics_path: '/metrics',
    authorization: { type: 'Bearer', credentials_file: METRICS_TOKEN_FILE },
    static_configs: [{ targets: [target] }],
  };
}

/** Job names start with `cheguan`: the 系统 dashboard and the alert rules select them so. */
export function prometheusConfig(): YamlValue {
  return {
    global: { scrape_interval: '15s', evaluation_interval: '15s' },
    scrape_configs: [
      scrape('cheguan-api', `api:${APP_PORT}`),
      scrape('cheguan-worker', `worker:${METRICS_PORT}`),
      scrape('cheguan-scheduler', `scheduler:${METRICS_PORT}`),
    ],
  };
}
