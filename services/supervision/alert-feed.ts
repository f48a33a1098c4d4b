/**
 * The alert feed: each new HIGH-severity or dual-review alert becomes a Grafana annotation, so
 * the supervision center marks it on every time-series panel. An outbox cursor (the last alert id
 * posted, in `setting`) makes the feed exactly-once in effect: it advances only after Grafana
 * accepted the annotation, so when Grafana is down the cursor stays and the next run resumes.
 * The feed reads committed alerts on a schedule and holds no lock, so it never delays scoring.
 */
import type { Database } from '../platform/db.ts';
import type { GrafanaClient, GrafanaFailure } from './grafana-client.ts';

export const ALERT_FEED_CURSOR = 'supervision.grafana.alertFeed';
/** Tag every annotation carries: the dashboards' annotation query filters on it. */
export const ALERT_ANNOTATION_TAG = 'cheguan-alert';

export interface AlertFeedOptions {
  readonly db: Database;
  readonly client: GrafanaClient;
  /** Base URL of the web workbench, for the link in each annotation. */
  readonly workbenchUrl?: string | undefined;
  /** Alerts posted per run at most. */
  readonly batchSize?: number;
  /**
   * Alerts younger than this wait for the next run: ids are taken when rows are inserted, so a
   * transaction still open may yet commit an id below one already visible.
   */
  readonly settleMs?: number;
  /** On the very first run, start from alerts raised this many hours ago (not the whole history). */
  readonly lookbackHours?: number;
  readonly now?: () => Date;
}

export interface FeedRun {
  readonly posted: number;
  /** Last alert id posted (the cursor after this run). */
  readonly cursor: string;
  readonly failure: GrafanaFailure | null;
}

interface FeedAlert extends Record<string, unknown> {
  id: string;
  severity: string;
  score: number;
  dual_review: boolean;
  created_at: Date | string;
  business_type: string;
  business_name: string | null;
  station_code: string;
  station_name: string | null;
}

interface Cursor { lastAlertId: string; updatedAt: string }

async function readCursor(db: Database, now: Date, lookbackHours: number): Promise<string> {
  const stored = await db.prisma.setting.findUnique({ where: { key: ALERT_FEED_CURSOR } });
  if (stored) return (stored.value as unknown as Cursor).lastAlertId;
  const since = new Date(now.getTime() - lookbackHours * 3_600_000);
  const rows = await db.sql.query<{ id: string | null }>('SELECT max(id)::text AS id FROM alert WHERE created_at < $1', [since]);
  const start = rows[0]?.id ?? '0';
  await writeCursor(db, start, now);
  return start;
}

async function writeCursor(db: Database, lastAlertId: string, now: Date): Promise<void> {
  const value: Cursor = { lastAlertId, updatedAt: now.toISOString() };
  await db.prisma.setting.upsert({ where: { key: ALERT_FEED_CURSOR }, create: { key: ALERT_FEED_CURSOR, value: { ...value } }, update: { value: { ...value } } });
}

const NEXT_ALERTS_SQL = `
  SELECT a.id::text AS id, a.severity, a.score, a.dual_review, a.created_at,
         t.type AS business_type, bt.name AS business_name, t.station_code, s.name AS station_name
  FROM alert a
  JOIN "transaction" t ON t.id = a.transaction_id
  LEFT JOIN station s ON s.code = t.station_code
  LEFT JOIN supervision.business_type bt ON bt.code = t.type
  WHERE a.id > $1::bigint AND (a.severity = 'HIGH' OR a.dual_review) AND a.created_at <= $2
  ORDER BY a.id
  LIMIT $3`;

function annotationText(alert: FeedAlert, workbenchUrl: string | undefined): string {
  const parts = [
    `告警 #${alert.id}`,
    alert.business_name ?? alert.business_type,
    alert.station_name ?? alert.station_code,
    `风险分 ${alert.score}`,
    ...(alert.dual_review ? ['需双人审核'] : []),
  ];
  const link = workbenchUrl ? ` <a href="${workbenchUrl.replace(/\/+$/, '')}/alerts/${alert.id}">处置</a>` : '';
  return `${parts.join(' · ')}${link}`;
}

function annotationTags(alert: FeedAlert): string[] {
  return [
    ALERT_ANNOTATION_TAG, `severity:${alert.severity}`, ...(alert.dual_review ? ['dual-review'] : []),
    `station:${alert.station_code}`, `type:${alert.business_type}`,
  ];
}

/** One run of the feed: posts what is new, in id order, and stops at the first failure. */
export async function postAlertAnnotations(options: AlertFeedOptions): Promise<FeedRun> {
  const now = (options.now ?? (() => new Date()))();
  let cursor = await readCursor(options.db, now, options.lookbackHours ?? 24);
  const settled = new Date(now.getTime() - (options.settleMs ?? 60_000));
  const alerts = await options.db.sql.query<FeedAlert>(NEXT_ALERTS_SQL, [cursor, settled, options.batchSize ?? 100]);
  let posted = 0;
  for (const alert of alerts) {
    const result = await options.client.createAnnotation({
      time: new Date(alert.created_at).getTime(),
      tags: annotationTags(alert),
      text: annotationText(alert, options.workbenchUrl),
    });
    if (!result.ok) return { posted, cursor, failure: result.error };
    cursor = alert.id;
    await writeCursor(options.db, cursor, now);
    posted++;
  }
  return { posted, cursor, failure: null };
}
