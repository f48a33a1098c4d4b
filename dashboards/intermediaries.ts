/**
 * 中介: suspects, rings, colluding handlers (the latest detection run, masked) and the trend of the
 * intermediary risk points R16–R22. Suspects and rings are city-wide: the station and business
 * filters apply to the risk-point panels.
 */
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { supervisionDashboard, type BuildOptions } from './lib/dashboard.ts';
import { stat, table, timeseries } from './lib/panels.ts';
import { sql } from './lib/sql-query.ts';
import { businessTypeVariable, dimensions, stationVariable } from './lib/variables.ts';

export const INTERMEDIARIES_UID = 'cheguan-intermediaries';

const ring = { title: '团伙关系图', url: '${workbench}/investigate/rings/${__value.raw}' };

export function buildIntermediaries(options: BuildOptions = {}): Dashboard {
  return supervisionDashboard({
    uid: INTERMEDIARIES_UID,
    title: '车驾管监管中心 · 中介',
    description: '疑似中介（黄牛）、中介团伙、勾连经办人与中介类风险点趋势；身份信息已脱敏，完整信息见调查工作台',
    variables: [stationVariable(), businessTypeVariable()],
    from: 'now-90d',
    workbenchPath: '/investigate',
    workbenchTitle: '调查工作台',
  }, [
    stat('疑似中介', sql(`SELECT count(*) AS "疑似中介" FROM supervision.intermediary_suspects`), { width: 6, link: { title: '调查工作台', url: '${workbench}/investigate' } }),
    stat('中介团伙', sql(`SELECT count(*) AS "团伙" FROM supervision.intermediary_rings`), { width: 6 }),
    stat('勾连经办人', sql(`SELECT count(*) AS "经办人" FROM supervision.colluding_handlers`), { width: 6, redFrom: 1, link: { title: '经办人调查', url: '${workbench}/investigate/handlers' } }),
    stat('最近一次全量检测', sql(`
      SELECT max(finished_at) AS "完成时间"
      FROM supervision.intermediary_runs
      WHERE kind = 'FULL' AND status = 'DONE'`), { width: 6, unit: 'dateTimeFromNow', description: '全量重算（每晚及按需）完成的时间' }),
    timeseries('中介类风险点命中（R16–R22）', [sql(`
      SELECT supervision.local_day(h.accepted_at) AS time, rp.code || ' ' || rp.name AS metric, count(*) AS value
      FROM supervision.risk_hits h
      JOIN supervision.risk_point rp ON rp.code = h.risk_point
      WHERE rp.category = 'INTERMEDIARY' AND h.outcome = 'hit' AND $__timeFilter(h.accepted_at) AND ${dimensions('h.')}
      GROUP BY 1, 2 ORDER BY 1`).timeSeries()], { stacked: true, bars: true }),
    timeseries('检测结果趋势（每次全量检测）', [sql(`
      SELECT finished_at AS time, suspects AS "疑似中介", rings AS "团伙", colluding_handlers AS "勾连经办人"
      FROM supervision.intermediary_runs
      WHERE kind = 'FULL' AND status = 'DONE' AND $__timeFilter(finished_at)
      ORDER BY 1`).timeSeries()]),
    { row: '名单' },
    table('疑似中介（按分数）', sql(`
      SELECT id_masked, name_masked, score, ring_id, segment, transactions, unrelated_principals, last_seen, reasons
      FROM supervision.intermediary_suspects
      ORDER BY score DESC, last_seen DESC NULLS LAST
      LIMIT 100`), {
      id_masked: '身份号码', name_masked: '姓名', score: '分数', ring_id: '团伙', segment: '类型', transactions: '业务数',
      unrelated_principals: '无关委托人', last_seen: '最近出现', reasons: '理由',
    }, { width: 24, height: 10, links: { ring_id: ring }, units: { last_seen: 'dateTimeAsLocal' } }),
    table('中介团伙', sql(`
      SELECT ring_id, member_count, phone_count, booker_account_count, transaction_count, favoured_handlers, score, first_seen, last_seen
      FROM supervision.intermediary_rings
      ORDER BY score DESC, member_count DESC
      LIMIT 50`), {
      ring_id: '团伙', member_count: '成员', phone_count: '电话', booker_account_count: '预约账号', transaction_count: '业务数',
      favoured_handlers: '偏好经办人', score: '分数', first_seen: '首次', last_seen: '最近',
    }, { links: { ring_id: ring }, units: { first_seen: 'dateTimeAsLocal', last_seen: 'dateTimeAsLocal' } }),
    table('勾连经办人', sql(`
      SELECT handler_id, handler_name, agent_count, ring_count, observed, round(expected::numeric, 1) AS expected,
             round(lift::numeric, 1) AS lift, round(significance::numeric, 1) AS significance
      FROM supervision.colluding_handlers
      ORDER BY significance DESC
      LIMIT 50`), {
      handler_id: '经办人编号', handler_name: '经办人', agent_count: '关联中介', ring_count: '关联团伙', observed: '实际', expected: '期望',
      lift: '倍数', significance: '显著性 -log10(p)',
    }, { links: { handler_id: { title: '在调查工作台查询', url: '${workbench}/investigate?q=${__value.raw}' } } }),
  ], options);
}
