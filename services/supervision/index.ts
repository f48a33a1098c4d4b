/**
 * Supervision center (issue 8): Prometheus metrics, the Grafana HTTP client and the alert feed.
 * The SQL that Grafana reads lives in migrations 0005 and 0007 (schema `supervision`), the
 * dashboards in dashboards/.
 */
export { countIngested, metricsRegistry, observeHttpRequest, observeModelInference, observeScoring } from './metrics.ts';
export { METRICS_CONTENT_TYPE, renderMetrics, type ScrapeSources } from './scrape.ts';
export { httpMetrics, UNMATCHED_ROUTE } from './http-metrics.ts';
export { monitoredQueues, monitorQueues } from './monitored-queues.ts';
export { checkMetricsAccess, isPrivateAddress, type MetricsRequest } from './metrics-access.ts';
export { instrumentScoring } from './instrument-scoring.ts';
export {
  annotationSchema, createGrafanaClient, dashboardPushSchema,
  type Annotation, type DashboardPush, type GrafanaClient, type GrafanaClientOptions, type GrafanaFailure, type GrafanaResult,
} from './grafana-client.ts';
export { ALERT_ANNOTATION_TAG, ALERT_FEED_CURSOR, postAlertAnnotations, type AlertFeedOptions, type FeedRun } from './alert-feed.ts';
export { alertFeedTask, type ScheduledTask } from './alert-feed-task.ts';
export { refreshFacts, refreshPhotoCheckFacts, refreshRiskHitFacts, type FactRefresh, type FactsRefresh } from './refresh-facts.ts';
export { factRefreshTask } from './refresh-task.ts';
