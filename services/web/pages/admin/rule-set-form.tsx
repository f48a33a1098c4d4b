/**
 * The new-draft form: thresholds and each point's switch and weight, prefilled from the live rule
 * set, plus parameter overrides as JSON. Only what differs from live is sent to createDraft, so a
 * draft says what it changes (the use case merges it onto live and validates the whole).
 */
import type { RuleSetConfig } from '../../../risk/rule-set.ts';
import { RISK_POINTS } from '../../../risk/points/index.ts';
import { ok, type AppError, type Result } from '../../../platform/errors.ts';
import { textField, type FormData } from '../../http/forms.ts';
import type { SignedIn } from '../../http/types.ts';
import { CsrfField } from '../../layout/components.tsx';

type Overrides = { alertThreshold?: number; dualReviewThreshold?: number; points?: Record<string, Record<string, unknown>> };

function numberOr(form: FormData, name: string, fallback: number): number | string {
  const text = textField(form, name);
  if (text === '') return fallback;
  const value = Number(text);
  return Number.isFinite(value) ? value : text;
}

function parseParams(text: string): Result<Record<string, unknown>> {
  if (text === '') return ok({});
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return ok(value as Record<string, unknown>);
  } catch {
    // reported below
  }
  const error: AppError = { code: 'VALIDATION_FAILED', detail: '参数覆盖须为 JSON 对象 (parameter overrides must be a JSON object)', problems: [{ path: 'paramsJson', message: '须为形如 {"R16": {"params": {…}}} 的 JSON 对象' }] };
  return { ok: false, error };
}

/** The overrides this form asks for, relative to the live configuration. */
export function overridesFromForm(form: FormData, live: RuleSetConfig): Result<Overrides> {
  const params = parseParams(textField(form, 'paramsJson'));
  if (!params.ok) return params;
  const out: Overrides = {};
  for (const key of ['alertThreshold', 'dualReviewThreshold'] as const) {
    const value = numberOr(form, key, live[key]);
    if (value !== live[key]) (out as Record<string, unknown>)[key] = value;
  }
  const points: Record<string, Record<string, unknown>> = {};
  for (const point of RISK_POINTS) {
    const current = live.points[point.code as keyof RuleSetConfig['points']];
    const enabled = textField(form, `${point.code}.enabled`) === 'on';
    const weight = numberOr(form, `${point.code}.weight`, current.weight);
    const change: Record<string, unknown> = {};
    if (enabled !== current.enabled) change.enabled = enabled;
    if (weight !== current.weight) change.weight = weight;
    if (Object.keys(change).length > 0) points[point.code] = change;
  }
  for (const [code, extra] of Object.entries(params.value)) points[code] = { ...(points[code] ?? {}), ...(extra as Record<string, unknown>) };
  if (Object.keys(points).length > 0) out.points = points;
  return ok(out);
}

/** What a field shows: what was typed when the form comes back refused, else the live value. */
function shown(form: FormData | undefined, name: string, live: number): string {
  return form ? textField(form, name) || String(live) : String(live);
}

function PointRows(props: { config: RuleSetConfig; form?: FormData }) {
  return (
    <table>
      <caption class="sr-only">各风险点的启用与权重</caption>
      <thead><tr><th>风险点</th><th>启用</th><th>权重（0–100）</th></tr></thead>
      <tbody>
        {RISK_POINTS.map((p) => {
          const c = props.config.points[p.code as keyof RuleSetConfig['points']];
          const enabled = props.form ? textField(props.form, `${p.code}.enabled`) === 'on' : c.enabled;
          return (
            <tr>
              <td><label for={`${p.code}-weight`}>{p.code} {p.nameZh}{p.dualReview ? ' ◆' : ''}</label></td>
              <td><input type="checkbox" name={`${p.code}.enabled`} checked={enabled} aria-label={`启用 ${p.code}`} /></td>
              <td><input id={`${p.code}-weight`} name={`${p.code}.weight`} type="number" min={0} max={100} step={1} value={shown(props.form, `${p.code}.weight`, c.weight)} /></td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function NewDraftForm(props: { user: SignedIn; live: RuleSetConfig; form?: FormData }) {
  const f = props.form ?? {};
  return (
    <form method="post" action="/admin/rule-sets" class="rule-set-form" aria-label="新建规则集草案">
      <CsrfField user={props.user} />
      <p>从现行规则集出发，只需修改要变化的部分。草案保存后可回测、与现行比较，再提交给另一名管理员审批。</p>
      <label for="note">修改说明（审批人将看到）</label>
      <textarea id="note" name="note" required maxlength={2000}>{textField(f, 'note')}</textarea>
      <label for="version">版本号（可空，默认按日期生成）</label>
      <input id="version" name="version" maxlength={64} value={textField(f, 'version')} />
      <fieldset>
        <legend>阈值</legend>
        <label>预警阈值 <input name="alertThreshold" type="number" min={0} max={100} value={shown(props.form, 'alertThreshold', props.live.alertThreshold)} /></label>{' '}
        <label>双重审核阈值 <input name="dualReviewThreshold" type="number" min={0} max={100} value={shown(props.form, 'dualReviewThreshold', props.live.dualReviewThreshold)} /></label>
      </fieldset>
      <details>
        <summary>逐项调整风险点的启用与权重</summary>
        <PointRows config={props.live} form={props.form} />
      </details>
      <label for="paramsJson">参数覆盖（可空，JSON，例如 {'{"R16": {"params": {"windowDays": 60}}}'}）</label>
      <textarea id="paramsJson" name="paramsJson" rows={3}>{textField(f, 'paramsJson')}</textarea>
      <button type="submit" class="primary">保存草案</button>
    </form>
  );
}
