/**
 * The production compose file (docker-compose.yml at the repository root), as data: the platform
 * image in its three roles, PostgreSQL, Redis, Prometheus and Grafana with the provisioning of
 * this folder mounted. `${VAR:?…}` values must be given at deploy time (an .env file beside it).
 * A test checks that what it mounts exists and that what it sets is in the env schema.
 */
import { APP_PORT, GRAFANA_DASHBOARDS_PATH, METRICS_PORT } from './provisioning.ts';
import type { YamlValue } from './lib/yaml.ts';

const required = (name: string, why: string) => `\${${name}:?${why}}`;

/** Environment of every platform process (each key is a variable of services/platform/env.ts). */
function appEnvironment(role: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    ROLES: role,
    HOST: '0.0.0.0',
    PORT: String(APP_PORT),
    DATA_DIR: '/data',
    DATABASE_URL: `postgres://cheguan:${required('POSTGRES_PASSWORD', 'set POSTGRES_PASSWORD')}@postgres:5432/cheguan`,
    DATABASE_POOL_SIZE: '10',
    REDIS_URL: 'redis://redis:6379',
    LOG_LEVEL: '${LOG_LEVEL:-info}',
    DEMO_WORLD: 'never',
    METRICS_TOKEN: required('METRICS_TOKEN', 'set METRICS_TOKEN (Prometheus sends it)'),
    WORKBENCH_URL: '${WORKBENCH_URL:-http://localhost:3000}',
  };
}

function appService(role: string, extra: Record<string, YamlValue>, environment: Record<string, string> = {}): YamlValue {
  return {
    image: '${CHEGUAN_IMAGE:-cheguan-supervision:latest}',
    build: { context: '.' },
    restart: 'unless-stopped',
    environment: { ...appEnvironment(role), ...environment },
    // The blob store (photos, materials) is a folder every role reads and writes.
    volumes: ['blobs:/data'],
    depends_on: { postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } },
    ...extra,
  };
}

const healthcheck = (test: string[]): YamlValue => ({ test, interval: '10s', timeout: '5s', retries: 5, start_period: '30s' });

export function composeFile(): YamlValue {
  return {
    name: 'cheguan',
    services: {
      api: appService('api', {
        ports: [`127.0.0.1:3000:${APP_PORT}`],
        healthcheck: healthcheck(['CMD', 'node', '-e', `fetch('http://127.0.0.1:${APP_PORT}/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`]),
      }, { ADMIN_USERNAME: '${ADMIN_USERNAME:-}', ADMIN_PASSWORD: '${ADMIN_PASSWORD:-}', TRUST_PROXY: '${TRUST_PROXY:-false}' }),
      worker: appService('worker', {}, { METRICS_PORT: String(METRICS_PORT), PHOTO_WORKER_CONCURRENCY: '${PHOTO_WORKER_CONCURRENCY:-2}' }),
      scheduler: appService('scheduler', {}, {
        METRICS_PORT: String(METRICS_PORT), GRAFANA_URL: 'http://grafana:3000', GRAFANA_TOKEN: '${GRAFANA_TOKEN:-}',
      }),
      postgres: {
        image: 'postgres:15-bookworm',
        restart: 'unless-stopped',
        environment: {
          POSTGRES_USER: 'cheguan', POSTGRES_DB: 'cheguan',
          POSTGRES_PASSWORD: required('POSTGRES_PASSWORD', 'set POSTGRES_PASSWORD'),
          GRAFANA_DB_PASSWORD: required('GRAFANA_DB_PASSWORD', 'set GRAFANA_DB_PASSWORD'),
        },
        volumes: ['pgdata:/var/lib/postgresql/data', './dashboards/provisioning/postgres-init:/docker-entrypoint-initdb.d:ro'],
        healthcheck: healthcheck(['CMD-SHELL', 'pg_isready -U cheguan -d cheguan']),
      },
      redis: {
        image: 'redis:7-bookworm',
        restart: 'unless-stopped',
        command: ['redis-server', '--appendonly', 'yes'],
        volumes: ['redisdata:/data'],
        healthcheck: healthcheck(['CMD', 'redis-cli', 'ping']),
      },
      prometheus: {
        image: 'prom/prometheus:v2.55.1',
        restart: 'unless-stopped',
        command: ['--config.file=/etc/prometheus/prometheus.yml', '--storage.tsdb.retention.time=90d'],
        volumes: ['./dashboards/provisioning/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro', 'promdata:/prometheus'],
        secrets: ['metrics_token'],
        depends_on: ['api'],
      },
      grafana: {
        image: 'grafana/grafana-oss:11.3.0',
        restart: 'unless-stopped',
        ports: ['127.0.0.1:3001:3000'],
        environment: {
          GF_SECURITY_ADMIN_PASSWORD: required('GRAFANA_ADMIN_PASSWORD', 'set GRAFANA_ADMIN_PASSWORD'),
          GF_USERS_ALLOW_SIGN_UP: 'false',
          GF_AUTH_ANONYMOUS_ENABLED: 'false',
          GF_USERS_DEFAULT_LANGUAGE: 'zh-Hans',
          GF_DATE_FORMATS_DEFAULT_TIMEZONE: 'Asia/Shanghai',
          CHEGUAN_DB_HOST: 'postgres:5432',
          CHEGUAN_DB_NAME: 'cheguan',
          CHEGUAN_DB_SSLMODE: '${CHEGUAN_DB_SSLMODE:-disable}',
          GRAFANA_DB_PASSWORD: required('GRAFANA_DB_PASSWORD', 'set GRAFANA_DB_PASSWORD'),
          CHEGUAN_PROMETHEUS_URL: 'http://prometheus:9090',
        },
        volumes: [
          './dashboards/provisioning/datasources:/etc/grafana/provisioning/datasources:ro',
          './dashboards/provisioning/dashboards:/etc/grafana/provisioning/dashboards:ro',
          './dashboards/provisioning/alerting:/etc/grafana/provisioning/alerting:ro',
          `./dashboards/json:${GRAFANA_DASHBOARDS_PATH}:ro`,
          'grafanadata:/var/lib/grafana',
        ],
        depends_on: ['postgres', 'prometheus'],
      },
    },
    volumes: { blobs: {}, pgdata: {}, redisdata: {}, promdata: {}, grafanadata: {} },
    secrets: { metrics_token: { environment: 'METRICS_TOKEN' } },
  };
}
