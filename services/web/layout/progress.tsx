import type { Run } from '../http/runs.ts';

/**
 * A running operation: a progress bar and a poll that replaces this element every second until
 * the server answers with the result instead.
 */
export function RunProgress(props: { run: Run<unknown>; pollUrl: string; label: string; unit: string }) {
  const { run } = props;
  const seconds = Math.round((Date.now() - run.startedAt) / 1000);
  return (
    <div class="run-progress" hx-get={props.pollUrl} hx-trigger="load delay:1s" hx-swap="outerHTML" role="status" aria-live="polite">
      <span class="busy-static">{props.label}</span>{' '}
      {run.total ? <progress max={run.total} value={run.done} aria-label={props.label}>{run.done}/{run.total}</progress> : <progress aria-label={props.label}></progress>}
      {' '}已处理 {run.done}{run.total ? ` / ${run.total}` : ''} {props.unit}，用时 {seconds} 秒
      {run.attempt > 1 ? `（原进程已停止，第 ${run.attempt} 次开始）` : ''}
    </div>
  );
}
