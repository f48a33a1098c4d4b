import path from 'node:path';
import { z } from 'zod';

/** Process roles: one codebase, started together (`all`) or apart for scale-out. */
export const ROLES = ['api', 'worker', 'scheduler'] as const;
export type Role = (typeof ROLES)[number];

const rolesSchema = z
  .string()
  .default('all')
  .transform((value, ctx) => {
    const parts = value.split(',').map((part) => part.trim()).filter(Boolean);
    if (parts.includes('all')) return [...ROLES];
    const unknown = parts.filter((part) => !(ROLES as readonly string[]).includes(part));
    if (unknown.length > 0 || parts.length === 0) {
      ctx.addIssue({ code: 'custom', message: `unknown role(s) ${unknown.join(', ')}; use all or ${ROLES.join(', ')}` });
      return z.NEVER;
    }
    return parts as Role[];
  });

const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.url().optional());
const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());
const flag = z.enum(['true', 'false', '1', '0']).default('false').transform((v) => v === 'true' || v === '1');

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: optionalUrl,
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** A PostgreSQL query unanswered this long fails (a network partition answers nothing, not an error). */
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  REDIS_URL: optionalUrl,
  /** Key prefix of the BullMQ queues in Redis: deployments (or test runs) sharing a Redis keep apart. */
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ and - only').default('cheguan'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ROLES: rolesSchema,
  DEMO_WORLD: z.enum(['auto', 'always', 'never']).default('auto'),
  BODY_LIMIT_MB: z.coerce.number().int().min(1).max(1024).default(64),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(15_000),
  /** Folder of model manifests (`*.json`); the project's own `models/` when unset. */
  MODEL_DIR: optionalText,
  /** ONNX Runtime execution provider: `cuda` falls back to `cpu` (with a warning) when unavailable. */
  ONNX_EXECUTION_PROVIDER: z.enum(['cpu', 'cuda']).default('cpu'),
  /** Intra-op threads per model session; 0: the cores shared out among PHOTO_WORKER_CONCURRENCY photos in flight. */
  ONNX_THREADS: z.coerce.number().int().min(0).max(256).default(0),
  /** Largest decoded photo in pixels; bigger inputs (decompression bombs) are UNREADABLE. */
  PHOTO_MAX_PIXELS: z.coerce.number().int().min(1).max(1_000_000_000).default(50_000_000),
  /** First ADMIN, created on a start that finds no active ADMIN; both or neither. */
  ADMIN_USERNAME: optionalText,
  ADMIN_PASSWORD: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(12, 'at least 12 characters').optional()),
  SESSION_MAX_HOURS: z.coerce.number().min(0.01).max(24 * 30).default(12),
  SESSION_IDLE_MINUTES: z.coerce.number().min(1).max(24 * 60).default(30),
  /** Failures per user name or client address before sign-in is slowed, and before it is locked. */
  LOGIN_DELAY_AFTER: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_AFTER: z.coerce.number().int().min(2).max(1000).default(10),
  LOGIN_LOCK_MINUTES: z.coerce.number().min(1).max(24 * 60).default(15),
  /** Trust X-Forwarded-For for the client address (only behind a proxy that sets it). */
  TRUST_PROXY: flag,
  /** Photos checked at once per worker process (each photo runs the whole model suite). */
  PHOTO_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** Hours a reviewer has to decide a photo the models sent to people. */
  PHOTO_REVIEW_SLA_HOURS: z.coerce.number().min(0.1).max(24 * 30).default(4),
  /** Bearer token that /metrics requires; unset: /metrics answers only on a loopback or private address. */
  METRICS_TOKEN: optionalText,
  /** Grafana's base URL and service-account token for the alert feed (annotations) and pushing dashboards. */
  GRAFANA_URL: optionalUrl,
  GRAFANA_TOKEN: optionalText,
  /** Port of a /metrics-only listener in processes without the api role (worker, scheduler); unset: none. */
  METRICS_PORT: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(65535).optional()),
  /** Public base URL of the web workbench, for the links in Grafana annotations and pushed dashboards. */
  WORKBENCH_URL: optionalUrl,
  /** Local hour (Asia/Shanghai) after which the scheduler queues the day's full intermediary recompute. */
  INTERMEDIARIES_RECOMPUTE_HOUR: z.coerce.number().int().min(0).max(23).default(2),
  /** Intermediary detection window in days, and how many people may share a phone or booking before it links nobody. */
  INTERMEDIARIES_WINDOW_DAYS: z.coerce.number().int().min(1).max(3660).default(90),
  INTERMEDIARIES_MAX_SHARERS: z.coerce.number().int().min(2).max(100_000).default(50),
  /** Agents scoring at least this are suspects. */
  INTERMEDIARIES_MIN_SCORE: z.coerce.number().int().min(1).max(100).default(45),
  /** Minutes between ring refreshes (new agents attached to the rings whose identifiers they use) between full runs; 0 turns them off. */
  INTERMEDIARIES_RING_REFRESH_MINUTES: z.coerce.number().int().min(0).max(1440).default(15),
}).superRefine((env, ctx) => {
  if ((env.ADMIN_USERNAME === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['ADMIN_PASSWORD'], message: 'ADMIN_USERNAME and ADMIN_PASSWORD are set together' });
  }
  if (env.LOGIN_LOCK_AFTER <= env.LOGIN_DELAY_AFTER) {
    ctx.addIssue({ code: 'custom', path: ['LOGIN_LOCK_AFTER'], message: 'must be greater than LOGIN_DELAY_AFTER' });
  }
});

export type EnvInput = z.input<typeof envSchema>;

export interface Env extends z.output<typeof envSchema> {
  /** Absolute data folder: the embedded database and the local blob store live under it. */
  readonly dataDir: string;
  readonly blobDir: string;
  readonly embeddedDbDir: string;
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

/** Validates configuration once; everything else receives the typed result. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'env'}: ${issue.message}`));
  }
  const dataDir = path.resolve(parsed.data.DATA_DIR);
  return {
    ...parsed.data,
    dataDir,
    blobDir: path.join(dataDir, 'blobs'),
    embeddedDbDir: path.join(dataDir, 'pglite'),
  };
}

/** The one place that reads the process environment. */
export function readProcessEnv(): Env {
  return parseEnv(process.env);
}
