export { backtest, DEFAULT_CHANGES_CAP, type BacktestOptions } from './backtest.ts';
export type { HistoryMode } from './history-view.ts';
export { backtestRuleSet } from './backtest-rule-set.ts';
export { formatReport } from './format-report.ts';
export { parseRange, type BacktestRange } from './range.ts';
export type { BacktestReport, Outcome, Overall, OverallCounts, PointReport, SideCounts, TransactionChange } from './report.ts';
