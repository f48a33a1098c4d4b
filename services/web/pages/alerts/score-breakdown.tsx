import type { AlertView } from '../../../review/get-alert.ts';
import { defaultScore } from '../../../risk/score.ts';
import { Badge, EmptyState } from '../../layout/components.tsx';
import { EvidenceList } from '../../layout/evidence.tsx';
import { DUAL_REVIEW_POINTS, POINT_NAMES } from './badges.tsx';
import { hitEvidenceText } from './evidence-labels.ts';

type Hit = NonNullable<AlertView['assessment']>['hits'][number];

/** The score broken down by hit: which points fired, their weight, the reason and the evidence. */
export function ScoreBreakdown(props: { assessment: AlertView['assessment']; score: number }) {
  const a = props.assessment;
  if (!a) return <EmptyState>评估记录不可用。</EmptyState>;
  // Running score after each hit (heaviest first), so the reviewer sees what each one added.
  const running = a.hits.map((_h: Hit, i) => defaultScore(a.hits.slice(0, i + 1).map((h) => h.weight)));
  return (
    <>
      <p>总分 <strong>{a.score}</strong> = 100 ×（1 − Π(1 − 权重/100)），规则集 <code>{a.ruleSetVersion}</code>。</p>
      {a.hits.length === 0 ? <EmptyState>没有命中的风险点（告警由评估错误引发）。</EmptyState> : (
        <table>
          <caption class="sr-only">命中的风险点</caption>
          <thead><tr><th>风险点</th><th class="num nowrap">权重</th><th class="num nowrap">累计得分</th><th>原因</th><th>证据</th></tr></thead>
          <tbody>
            {a.hits.map((h, i) => (
              <tr>
                <td><strong>{h.riskPoint}</strong> {POINT_NAMES.get(h.riskPoint) ?? ''}{DUAL_REVIEW_POINTS.has(h.riskPoint) ? <> <Badge tone="high" title="命中即须双重审核">◆ 双审</Badge></> : null}</td>
                <td class="num">{h.weight}</td>
                <td class="num">{running[i]}</td>
                <td>{h.reason}</td>
                <td class="evidence-cell"><EvidenceList evidence={h.evidence} text={hitEvidenceText(h.riskPoint)} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
