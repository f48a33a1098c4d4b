import type { Child } from 'hono/jsx';
import type { FieldProblem } from '../../platform/errors.ts';
import type { SignedIn } from '../http/types.ts';
import { formatTime } from './format.ts';

export const CSRF_FIELD = '_csrf';

/** Every form that changes something carries the session's CSRF token. */
export function CsrfField(props: { user: SignedIn }) {
  return <input type="hidden" name={CSRF_FIELD} value={props.user.csrfToken} />;
}

export type NoticeKind = 'ok' | 'error' | 'info';

/** A message after an action: errors are announced at once (role=alert), the rest politely. */
export function Notice(props: { kind: NoticeKind; children?: Child; problems?: readonly FieldProblem[] }) {
  return (
    <div class={`notice notice-${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      <div>{props.children}</div>
      {props.problems && props.problems.length > 0 ? <ProblemList problems={props.problems} /> : null}
    </div>
  );
}

/** Field problems, each named by its path, as the API reports them. */
export function ProblemList(props: { problems: readonly FieldProblem[]; limit?: number }) {
  const limit = props.limit ?? 200;
  const shown = props.problems.slice(0, limit);
  return (
    <ul class="problems">
      {shown.map((p) => <li><code>{p.path}</code>：{p.message}</li>)}
      {props.problems.length > limit ? <li>……另有 {props.problems.length - limit} 项</li> : null}
    </ul>
  );
}

/** What a list shows when nothing matches, instead of an empty table. */
export function EmptyState(props: { children?: Child }) {
  return <p class="empty" role="status">{props.children}</p>;
}

export type Tone = 'high' | 'medium' | 'low' | 'ok' | 'warn' | 'bad' | 'neutral';

export function Badge(props: { tone: Tone; children?: Child; title?: string }) {
  return <span class={`badge badge-${props.tone}`} title={props.title}>{props.children}</span>;
}

/** Label–value pairs (a transaction's fields, a rule set's facts). */
export function Facts(props: { items: ReadonlyArray<readonly [string, Child]> }) {
  return (
    <dl class="facts">
      {props.items.map(([label, value]) => <div><dt>{label}</dt><dd>{value ?? '—'}</dd></div>)}
    </dl>
  );
}

/** Previous / next links keeping the current filters. */
export function Pager(props: { base: string; params: URLSearchParams; page: number; pageSize: number; total: number }) {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  const link = (page: number) => {
    const next = new URLSearchParams(props.params);
    next.set('page', String(page));
    return `${props.base}?${next.toString()}`;
  };
  return (
    <nav class="pager" aria-label="分页">
      {props.page > 1 ? <a href={link(props.page - 1)} rel="prev">上一页</a> : <span aria-disabled="true">上一页</span>}
      <span>第 {props.page} / {pages} 页，共 {props.total} 条</span>
      {props.page < pages ? <a href={link(props.page + 1)} rel="next">下一页</a> : <span aria-disabled="true">下一页</span>}
    </nav>
  );
}

/** A spinner-and-text shown by htmx while its request runs (class htmx-indicator). */
export function Busy(props: { id: string; children?: Child }) {
  return <span id={props.id} class="htmx-indicator busy" role="status">{props.children ?? '处理中…'}</span>;
}

/** The message of the problem reported at `path` (as the use cases name fields), or null. */
export function problemAt(problems: readonly FieldProblem[] | undefined, path: string): string | null {
  return problems?.find((p) => p.path === path)?.message ?? null;
}

/** What an input carries when its value was refused: announced with the field, not only at the top. */
export function invalidAttrs(errorId: string, message: string | null): Record<string, string> {
  return message ? { 'aria-invalid': 'true', 'aria-describedby': errorId } : {};
}

/** A field's own error, right under it (the input's aria-describedby points here). */
export function FieldError(props: { id: string; message: string | null }) {
  return props.message ? <span class="field-error" id={props.id}>{props.message}</span> : null;
}

/** A station as people know it, by name, with the code the records carry beneath (the code alone when unknown). */
export function StationName(props: { code: string; names: ReadonlyMap<string, string> }) {
  const name = props.names.get(props.code);
  return name ? <>{name}<br /><small class="muted">{props.code}</small></> : <>{props.code}</>;
}

/** A span of time whose two ends never break inside a date. */
export function Period(props: { from: string | Date | null; to: string | Date | null }) {
  return <><span class="nowrap">{formatTime(props.from)}</span> — <span class="nowrap">{formatTime(props.to)}</span></>;
}
