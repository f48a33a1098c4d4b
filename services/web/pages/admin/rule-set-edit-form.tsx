/**
 * The draft editor: the note, the alert and dual-review thresholds, and for every point its
 * switch, weight and parameters. Each refused field carries its own message (and aria-invalid),
 * and a summary at the top links to each; rows that differ from the live rule set are marked.
 */
import type { AppError, FieldProblem } from '../../../platform/errors.ts';
import { RISK_POINTS } from '../../../risk/points/index.ts';
import type { RuleSetConfig } from '../../../risk/rule-set.ts';
import type { SignedIn } from '../../http/types.ts';
import { Badge, CsrfField, FieldError, invalidAttrs, problemAt } from '../../layout/components.tsx';
import { fieldId, fieldLabel, fieldOfPath, PARAM_NAMES, problemPath, THRESHOLD_FIELDS, THRESHOLD_NAMES, valuesOfConfig, type FieldValues } from './rule-set-fields.ts';

export interface EditFormProps {
  readonly user: SignedIn;
  readonly action: string;
  readonly cancel: string;
  /** The draft as stored (which parameters each point has) and the live set (to mark differences). */
  readonly draft: RuleSetConfig;
  readonly live: RuleSetConfig;
  readonly values: FieldValues;
  readonly note: string;
  /** The configuration digest the form was built on: a save over a changed draft is refused. */
  readonly basedOn: string;
  readonly problems?: readonly FieldProblem[];
}

/** Every problem of a refused save, each linking to its field. */
export function ErrorSummary(props: { error: AppError }) {
  const { error } = props;
  const rule = typeof error.extensions?.rule === 'string' ? error.extensions.rule : null;
  return (
    <div class="notice notice-error error-summary" role="alert">
      <div>{error.detail}{rule ? <>（规则 <code>{rule}</code>）</> : null}</div>
      {error.problems && error.problems.length > 0 ? (
        <ul>{error.problems.map((p) => {
          const field = fieldOfPath(p.path);
          return <li>{field ? <a href={`#${fieldId(field)}`}>{fieldLabel(field)}</a> : <code>{p.path}</code>}：{p.message}</li>;
        })}</ul>
      ) : null}
    </div>
  );
}

function NumberInput(props: { field: string; value: string; problems?: readonly FieldProblem[]; min?: number; max?: number; integer: boolean; class?: string }) {
  const id = fieldId(props.field);
  const message = problemAt(props.problems, problemPath(props.field));
  return (
    <>
      <input id={id} name={props.field} type="number" required step={props.integer ? 1 : 'any'} min={props.min} max={props.max}
        value={props.value} class={props.class} {...invalidAttrs(`${id}-error`, message)} />
      <FieldError id={`${id}-error`} message={message} />
    </>
  );
}

/** A labelled number with its error and, below, what the live rule set has. */
function Labelled(props: { field: string; label: string; value: string; live?: string; problems?: readonly FieldProblem[]; min?: number; max?: number; integer: boolean }) {
  return (
    <div class="param">
      <label for={fieldId(props.field)}>{props.label}</label>
      <NumberInput field={props.field} value={props.value} problems={props.problems} min={props.min} max={props.max} integer={props.integer} />
      {props.live !== undefined ? <small class="muted">现行 {props.live}</small> : null}
    </div>
  );
}

function Thresholds(props: EditFormProps) {
  return (
    <fieldset>
      <legend>预警与双重审核分数带</legend>
      <p class="muted">分数 ≥ 预警阈值即告警；分数 ≥ 双重审核阈值须两名监管民警分别审核（◆ 风险点命中时无论分数均告警并双审）。双重审核阈值不得低于预警阈值。</p>
      <div class="params">
        {THRESHOLD_FIELDS.map((field) => (
          <Labelled field={field} label={`${THRESHOLD_NAMES[field]}（0–100）`} value={props.values.text(field)} live={valuesOfConfig(props.live).text(field)} problems={props.problems} min={0} max={100} integer />
        ))}
      </div>
    </fieldset>
  );
}

function differsFromLive(draft: RuleSetConfig, live: RuleSetConfig, code: string): boolean {
  const key = code as keyof RuleSetConfig['points'];
  return JSON.stringify(draft.points[key]) !== JSON.stringify(live.points[key]);
}

function PointRow(props: EditFormProps & { code: string }) {
  const { code, values, problems } = props;
  const point = RISK_POINTS.find((p) => p.code === code)!;
  const changed = differsFromLive(props.draft, props.live, code);
  const params = Object.keys(props.draft.points[code as keyof RuleSetConfig['points']].params);
  const liveValues = valuesOfConfig(props.live);
  return (
    <tr class={changed ? 'changed' : undefined}>
      <th scope="row"><label for={fieldId(`${code}.weight`)}>{code} {point.nameZh}{point.dualReview ? ' ◆' : ''}</label>{changed ? <> <Badge tone="warn">与现行不同</Badge></> : null}</th>
      <td><input type="checkbox" id={fieldId(`${code}.enabled`)} name={`${code}.enabled`} checked={values.checked(`${code}.enabled`)} aria-label={`启用 ${code}`} /></td>
      <td><NumberInput field={`${code}.weight`} value={values.text(`${code}.weight`)} problems={problems} min={0} max={100} integer class="weight" />
        <small class="muted">现行 {liveValues.text(`${code}.weight`)}</small></td>
      <td>{params.length === 0 ? <span class="muted">无参数</span> : (
        <div class="params">{params.map((key) => {
          const field = `${code}.params.${key}`;
          return <Labelled field={field} label={PARAM_NAMES[key] ?? key} value={values.text(field)} live={liveValues.text(field)} problems={problems} integer={false} />;
        })}</div>
      )}</td>
    </tr>
  );
}

export function EditDraftForm(props: EditFormProps) {
  const noteMessage = problemAt(props.problems, 'note');
  return (
    <form method="post" action={props.action} class="rule-set-form" aria-label="修改规则集草案">
      <CsrfField user={props.user} />
      <input type="hidden" name="basedOn" value={props.basedOn} />
      <label for="f-note">修改说明（审批人将看到）</label>
      <textarea id="f-note" name="note" required maxlength={2000} {...invalidAttrs('f-note-error', noteMessage)}>{props.note}</textarea>
      <FieldError id="f-note-error" message={noteMessage} />
      <Thresholds {...props} />
      <table>
        <caption>各风险点的启用、权重（0–100 的整数）与参数</caption>
        <thead><tr><th scope="col">风险点</th><th scope="col">启用</th><th scope="col">权重</th><th scope="col">参数</th></tr></thead>
        <tbody>{RISK_POINTS.map((p) => <PointRow {...props} code={p.code} />)}</tbody>
      </table>
      <div class="actions">
        <button type="submit" class="primary">保存修改</button>
        <a href={props.cancel}>放弃修改，返回规则集</a>
      </div>
    </form>
  );
}
