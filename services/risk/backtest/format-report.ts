/**
 * The backtest report as a terminal table. Chinese characters take two columns in a
 * terminal, so alignment counts display width, not string length.
 */
import { changeSummary } from '../rule-sets/diff.ts';
import type { BacktestReport, PointReport, TransactionChange } from './report.ts';

const WIDE = [[0x1100, 0x115f], [0x2e80, 0xa4cf], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe30, 0xfe4f], [0xff00, 0xff60], [0xffe0, 0xffe6]] as const;

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    width += WIDE.some(([lo, hi]) => cp >= lo && cp <= hi) ? 2 : 1;
  }
  return width;
}

function pad(text: string, width: number, align: 'l' | 'r'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'l' ? text + fill : fill + text;
}

/** Columns sized to their widest cell; `align` per column ('l' or 'r'). */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[], align: string): string {
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: readonly string[]) => cells.map((c, i) => pad(c, widths[i]!, align[i] === 'r' ? 'r' : 'l')).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const n = (value: number) => value.toLocaleString('en-US');
const arrow = (a: number | string, b: number | string) => (a === b ? String(a) : `${a}→${b}`);
const yesNo = (v: boolean) => (v ? '是' : '否');

/** Fired on either side, erred, or changed by the draft; a point that is only pending is noise here. */
function pointActive(p: PointReport): boolean {
  return p.live.hits + p.draft.hits + p.notReplayable + p.errors.live + p.errors.draft > 0
    || p.weight.live !== p.weight.draft || p.enabled.live !== p.enabled.draft;
}

function pointRows(report: BacktestReport, all: boolean): string[][] {
  const rows = report.points.filter((p) => all || pointActive(p)).map((p) => [
    `${p.code} ${p.nameZh}`,
    `${arrow(p.weight.live, p.weight.draft)}${p.enabled.draft ? '' : ' (停用 off)'}`,
    arrow(n(p.live.hits), n(p.draft.hits)), `+${n(p.added)}`, `−${n(p.removed)}`,
    arrow(n(p.live.alerts), n(p.draft.alerts)), arrow(n(p.live.dualReviews), n(p.draft.dualReviews)),
    n(p.pendingInDraft), n(p.notReplayable),
  ]);
  const o = report.overall;
  rows.push(['合计 overall', '', arrow(n(o.live.hits), n(o.draft.hits)), '', '', arrow(n(o.live.alerts), n(o.draft.alerts)), arrow(n(o.live.dualReviews), n(o.draft.dualReviews)), '', '']);
  return rows;
}

function changeRow(c: TransactionChange): string[] {
  const hits = [...c.added.map((x) => `+${x}`), ...c.removed.map((x) => `−${x}`), ...c.notReplayable.map((x) => `?${x}`)].join(' ');
  return [c.transactionId, String(c.version), c.acceptedAt.slice(0, 16).replace('T', ' '), arrow(c.before.score, c.after.score),
    arrow(yesNo(c.before.alert), yesNo(c.after.alert)), arrow(yesNo(c.before.dualReview), yesNo(c.after.dualReview)), hits || '—'];
}

function header(report: BacktestReport): string[] {
  const o = report.overall;
  const changes = changeSummary(report.configChanges);
  return [
    '回测报告 Backtest report',
    `现行规则集 live rule set: ${report.liveRuleSet.version}${report.liveRuleSet.stored ? '' : ' (规范默认，尚未发布 spec defaults, not yet stored)'}`,
    `区间 range (acceptedAt): ${report.range.from ?? '不限 open'} … ${report.range.to ?? '不限 open'}`,
    `交易 transactions: ${n(o.transactions)}   已比较 compared: ${n(o.compared)}   无现行评估 without live assessment: ${n(o.withoutLiveAssessment)}   用时 ${report.seconds} s`,
    `现行评估所用规则集 assessed with: ${Object.entries(report.assessedWith).map(([v, c]) => `${v} ×${n(c)}`).join(', ') || '—'}`,
    `草案变化 draft changes: ${changes.length > 0 ? changes.join('; ') : '无 none'}`,
  ];
}

/** The whole report as text; `allPoints` lists all 41 points, not only those with activity. */
export function formatReport(report: BacktestReport, options: { allPoints?: boolean } = {}): string {
  const o = report.overall;
  const sections = [
    header(report).join('\n'),
    renderTable(
      ['风险点 point', '权重 weight', '命中 hits', '新增', '消失', '预警 alerts', '双审 dual', '待定 pending', '不可重放 n/r'],
      pointRows(report, options.allPoints ?? false), 'llrrrrrrr',
    ),
    `预警 alerts: 新增 raised ${n(o.alertsRaised)}, 解除 cleared ${n(o.alertsCleared)};  双审 dual reviews: 新增 ${n(o.dualReviewsRaised)}, 解除 ${n(o.dualReviewsCleared)};  `
      + `评分变化 score changed: ${n(o.scoreChanged)};  命中/预警变化的交易 changed transactions: ${n(o.changedTransactions)}`,
  ];
  if (report.changes.length > 0) {
    sections.push(`变化明细 changes (${report.changes.length < o.changedTransactions ? `前 ${n(report.changes.length)} 条 first ${n(report.changes.length)} of ` : ''}${n(o.changedTransactions)}; +新增 −消失 ?不可重放):\n`
      + renderTable(['交易 transaction', '版本 v', '受理 accepted (UTC)', '评分 score', '预警 alert', '双审 dual', '命中变化 hits'], report.changes.map(changeRow), 'lrlrlll'));
  }
  sections.push(`说明 notes:\n${report.notes.map((note) => `- ${note}`).join('\n')}`);
  return `${sections.join('\n\n')}\n`;
}
