import type { ConfigDiff, PointChange } from '../../../risk/rule-sets/index.ts';
import { EmptyState } from '../../layout/components.tsx';
import { compactJson } from '../../layout/format.ts';

function Change(props: { live: unknown; draft: unknown }) {
  return <><span class="diff-live">{compactJson(props.live, 120)}</span> → <span class="diff-draft">{compactJson(props.draft, 120)}</span></>;
}

function PointRow(props: { point: PointChange }) {
  const p = props.point;
  return (
    <tr>
      <td><strong>{p.code}</strong> {p.nameZh}</td>
      <td>{p.enabled ? <Change live={p.enabled.live ? '启用' : '停用'} draft={p.enabled.draft ? '启用' : '停用'} /> : '—'}</td>
      <td>{p.weight ? <Change live={p.weight.live} draft={p.weight.draft} /> : '—'}</td>
      <td>{p.params ? <ul class="plain">{Object.entries(p.params).map(([key, change]) => <li><code>{key}</code>：<Change live={change.live} draft={change.draft} /></li>)}</ul> : '—'}</td>
    </tr>
  );
}

/** What publishing would change against the live rule set: thresholds, then each differing point. */
export function DiffView(props: { diff: ConfigDiff; liveVersion: string }) {
  const { thresholds, points } = props.diff;
  const changedThresholds = (['alertThreshold', 'dualReviewThreshold'] as const).filter((k) => thresholds[k].changed);
  if (changedThresholds.length === 0 && points.length === 0) return <EmptyState>与现行规则集 <code>{props.liveVersion}</code> 相同，没有差异。</EmptyState>;
  const names = { alertThreshold: '预警阈值', dualReviewThreshold: '双重审核阈值' } as const;
  return (
    <>
      <p>与现行规则集 <code>{props.liveVersion}</code> 相比：</p>
      {changedThresholds.length > 0 ? <ul>{changedThresholds.map((k) => <li>{names[k]}：<Change live={thresholds[k].live} draft={thresholds[k].draft} /></li>)}</ul> : null}
      {points.length > 0 ? (
        <table>
          <caption class="sr-only">有变化的风险点</caption>
          <thead><tr><th>风险点</th><th>启用</th><th>权重</th><th>参数</th></tr></thead>
          <tbody>{points.map((p) => <PointRow point={p} />)}</tbody>
        </table>
      ) : null}
    </>
  );
}
