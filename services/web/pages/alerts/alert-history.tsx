import type { Database } from '../../../platform/db.ts';
import { EmptyState } from '../../layout/components.tsx';
import { DECISION_NAMES, formatTime, named, STAGE_NAMES } from '../../layout/format.ts';

export interface HistoryEntry {
  readonly seq: string;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly data: Record<string, unknown>;
}

const ACTION_NAMES: Readonly<Record<string, string>> = {
  'alert.raised': '产生告警', 'alert.assigned': '指派', 'alert.decided': '审核决定', 'alert.settled': '领导裁决', 'personal_data.read': '查看完整个人信息',
};

/** The alert's audit entries, oldest first: the history a reviewer sees. */
export async function alertHistory(db: Database, alertId: string): Promise<HistoryEntry[]> {
  const rows = await db.prisma.auditEntry.findMany({ where: { entityType: 'alert', entityId: alertId }, orderBy: { seq: 'asc' }, take: 200 });
  return rows.map((e) => ({ seq: e.seq.toString(), at: e.at.toISOString(), actor: e.actor, action: e.action, data: (e.data ?? {}) as Record<string, unknown> }));
}

function describe(entry: HistoryEntry, blind: boolean, viewer: string): string {
  const d = entry.data;
  if (entry.action === 'alert.assigned') return `指派给 ${String(d.assignee ?? d.assigneeId ?? '')}${d.auto ? '（自动分配）' : ''}`;
  if (entry.action === 'alert.decided') {
    // Blind review: until the viewer has decided, nobody's decision (nor reason) is shown.
    if (blind && entry.actor !== viewer) return '已记录一项审核决定（盲审：在您作出决定前不显示内容）';
    return `${named(STAGE_NAMES, String(d.stage ?? ''))}：${named(DECISION_NAMES, String(d.decision ?? ''))}，理由：${String(d.reason ?? '')}`;
  }
  if (entry.action === 'alert.settled') return `裁决：${named(DECISION_NAMES, String(d.decision ?? ''))}，理由：${String(d.reason ?? '')}`;
  return ACTION_NAMES[entry.action] ?? entry.action;
}

export function AlertHistory(props: { entries: readonly HistoryEntry[]; blind: boolean; viewer: string }) {
  if (props.entries.length === 0) return <EmptyState>暂无处理记录。</EmptyState>;
  return (
    <ol class="history">
      {props.entries.map((e) => {
        const hidden = props.blind && e.action === 'alert.decided' && e.actor !== props.viewer;
        return <li><time datetime={e.at}>{formatTime(e.at)}</time> · <strong>{hidden ? '（审核人）' : e.actor}</strong> · {describe(e, props.blind, props.viewer)}</li>;
      })}
    </ol>
  );
}
