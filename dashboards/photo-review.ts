/** 照片审核: throughput, verdict mix, model latency, OCR confidence, the reviewers' queue. */
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { supervisionDashboard, type BuildOptions, type Item } from './lib/dashboard.ts';
import { bars, pie, prom, stat, table, timeseries } from './lib/panels.ts';
import { sql } from './lib/sql-query.ts';
import { bucketVariable, businessTypeVariable, dimensions, stationVariable } from './lib/variables.ts';

export const PHOTO_REVIEW_UID = 'cheguan-photo-review';

const VERDICT_NAME = `CASE %s WHEN 'PASS' THEN '通过' WHEN 'FAIL' THEN '不通过' ELSE '人工复核' END`;
const verdictName = (column: string) => VERDICT_NAME.replace('%s', column);

/** Checked, automated, reviewed, waiting, overdue, waiting time. */
function headline(): Item[] {
  return [
    stat('已检查照片', sql(`
      SELECT count(*) AS "照片"
      FROM supervision.photo_checks
      WHERE $__timeFilter(checked_at) AND ${dimensions()}`)),
    stat('自动审核率', sql(`
      SELECT 100.0 * count(*) FILTER (WHERE auto_verdict <> 'REVIEW') / NULLIF(count(*), 0) AS "自动审核率"
      FROM supervision.photo_checks
      WHERE $__timeFilter(checked_at) AND ${dimensions()}`), { unit: 'percent', decimals: 1 }),
    stat('人工复核', sql(`
      SELECT count(*) AS "已复核"
      FROM supervision.photo_checks
      WHERE $__timeFilter(decided_at) AND ${dimensions()}`)),
    stat('待复核', sql(`
      SELECT count(*) AS "待复核"
      FROM supervision.photo_queue
      WHERE ${dimensions()}`), { link: { title: '照片复核队列', url: '${workbench}/photos' }, description: '模型判为需人工复核、尚无人决定的照片（不随时间范围变化）' }),
    stat('复核超期', sql(`
      SELECT count(*) AS "超期"
      FROM supervision.photo_queue
      WHERE overdue AND ${dimensions()}`), { redFrom: 1, link: { title: '照片复核队列', url: '${workbench}/photos' } }),
    stat('复核等待（中位数）', sql(`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY hours_waited) AS "等待"
      FROM supervision.photo_checks
      WHERE $__timeFilter(decided_at) AND ${dimensions()}`), { unit: 'h', decimals: 1 }),
  ];
}

/** Throughput and verdicts of the models and of the reviewers. */
function throughput(): Item[] {
  return [
    timeseries('吞吐：模型检查与人工复核', [
      sql(`
        SELECT supervision.local_bucket(checked_at, '$bucket') AS time, count(*) AS "模型检查"
        FROM supervision.photo_checks
        WHERE $__timeFilter(checked_at) AND ${dimensions()}
        GROUP BY 1 ORDER BY 1`).timeSeries(),
      sql(`
        SELECT supervision.local_bucket(decided_at, '$bucket') AS time, count(*) AS "人工复核"
        FROM supervision.photo_checks
        WHERE $__timeFilter(decided_at) AND ${dimensions()}
        GROUP BY 1 ORDER BY 1`).timeSeries().refId('B'),
    ], { width: 12, bars: true }),
    pie('模型结论', sql(`
      SELECT ${verdictName('auto_verdict')} AS "结论", count(*) AS "照片"
      FROM supervision.photo_checks
      WHERE $__timeFilter(checked_at) AND ${dimensions()}
      GROUP BY 1 ORDER BY 1`)),
    pie('人工复核结论', sql(`
      SELECT ${verdictName('review_verdict')} AS "结论", count(*) AS "照片"
      FROM supervision.photo_checks
      WHERE $__timeFilter(decided_at) AND ${dimensions()}
      GROUP BY 1 ORDER BY 1`)),
  ];
}

/** Model latency (database and Prometheus), OCR confidence, reviewers. */
function models(): Item[] {
  return [
    { row: '模型' },
    timeseries('各模型耗时 P95（近 3 天，数据库）', [sql(`
      SELECT supervision.local_bucket(checked_at, '6 hours') AS time, model AS metric,
             percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS value
      FROM supervision.photo_model_times
      WHERE $__timeFilter(checked_at)
      GROUP BY 1, 2 ORDER BY 1`).timeSeries()], { unit: 'ms', width: 8, description: '照片检查记录的各模型耗时（photo_finding.models.timings，数据库保留最近 7 天），每 6 小时' })
      // One row per model and photo of the last week (supervision.photo_model_times); Prometheus beside it keeps the history.
      .timeFrom('3d'),
    timeseries('各模型推理耗时 P95（Prometheus）', [prom(
      'histogram_quantile(0.95, sum by (le, model) (rate(cheguan_model_inference_duration_seconds_bucket[$__rate_interval])))', '{{model}}',
    )], { unit: 's', width: 8, description: '工作进程实时上报（observeModelInference）' }),
    timeseries('单张照片检查耗时', [sql(`
      SELECT supervision.local_day(checked_at) AS time,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms) AS "P50",
             percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms) AS "P95"
      FROM supervision.photo_checks
      WHERE latency_ms IS NOT NULL AND $__timeFilter(checked_at) AND ${dimensions()}
      GROUP BY 1 ORDER BY 1`).timeSeries()], { unit: 'ms', width: 8 }),
    bars('OCR 置信度分布（近 7 天）', sql(`
      SELECT to_char(floor(LEAST(r.confidence, 0.999) * 10) / 10, 'FM0.0') AS "置信度",
             count(*) FILTER (WHERE r.reading = 'plate') AS "号牌",
             count(*) FILTER (WHERE r.reading = 'vin') AS "车辆识别代号"
      FROM supervision.photo_checks f
      CROSS JOIN LATERAL (VALUES ('plate', f.plate_confidence), ('vin', f.vin_confidence)) AS r (reading, confidence)
      WHERE r.confidence IS NOT NULL AND $__timeFilter(f.checked_at) AND ${dimensions('f.')}
      GROUP BY 1 ORDER BY 1`), '置信度', { width: 12, height: 9, description: '号牌、车辆识别代号读取结果的置信度（区间下限）' }).timeFrom('7d'),
    table('复核员工作量', sql(`
      SELECT COALESCE(u.reviewer, '#' || w.reviewer_id) AS reviewer, w.decided, w.passed, w.failed, w.median_wait, w.overdue
      FROM (
        SELECT reviewer_id, count(*) AS decided, count(*) FILTER (WHERE review_verdict = 'PASS') AS passed,
               count(*) FILTER (WHERE review_verdict = 'FAIL') AS failed,
               round(percentile_cont(0.5) WITHIN GROUP (ORDER BY hours_waited)::numeric, 1) AS median_wait,
               count(*) FILTER (WHERE decided_late) AS overdue
        FROM supervision.photo_checks
        WHERE $__timeFilter(decided_at) AND ${dimensions()}
        GROUP BY reviewer_id) AS w
      LEFT JOIN supervision.reviewers u ON u.reviewer_id = w.reviewer_id
      ORDER BY w.decided DESC`), {
      reviewer: '复核员', decided: '已复核', passed: '通过', failed: '不通过', median_wait: '等待中位数（小时）', overdue: '超期',
    }, { height: 9, links: { reviewer: { title: '照片复核队列', url: '${workbench}/photos' } } }),
  ];
}

export function buildPhotoReview(options: BuildOptions = {}): Dashboard {
  return supervisionDashboard({
    uid: PHOTO_REVIEW_UID,
    title: '车驾管监管中心 · 照片审核',
    description: '查验照片的模型检查与人工复核：吞吐、结论构成、模型耗时、OCR 置信度、复核队列',
    variables: [stationVariable(), businessTypeVariable(), bucketVariable()],
    workbenchPath: '/photos',
    workbenchTitle: '照片复核队列',
  }, [
    ...headline(),
    ...throughput(),
    ...models(),
  ], options);
}
