import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import { verifyAuditChain, type VerifyResult } from '../../../audit/index.ts';
import { ok } from '../../../platform/errors.ts';
import { webPage } from '../../http/page.ts';
import { renderErrorFragment, renderPart } from '../../http/render.tsx';
import { findRun, startRun, type Run, type RunWork } from '../../http/runs.ts';
import { Notice } from '../../layout/components.tsx';
import { formatTime } from '../../layout/format.ts';
import { RunProgress } from '../../layout/progress.tsx';
import { AUDITORS } from './access.ts';

const KIND = 'audit-verify';

const BREAK_NAMES: Readonly<Record<string, string>> = { PREV_HASH: '与上一条的链接不符（条目被删除或调换）', HASH: '内容与哈希不符（条目被改动）', GAP: '序号缺失' };

export function VerifyOutcome(props: { result: VerifyResult }) {
  const r = props.result;
  if (r.ok) return <Notice kind="ok">审计链完整：共 {r.entries} 条，最后一条序号 {r.lastSeq ?? '—'}，哈希 <code>{r.lastHash.slice(0, 16)}…</code></Notice>;
  const b = r.firstBreak!;
  return (
    <Notice kind="error">
      审计链在第 <strong>{b.seq}</strong> 条处断裂：{BREAK_NAMES[b.kind] ?? b.kind}。该条动作 <code>{b.action}</code>，时间 {formatTime(b.at)}；此前 {r.entries} 条完好。
      期望 <code>{b.expected.slice(0, 16)}…</code>，实际 <code>{b.found.slice(0, 16)}…</code>
    </Notice>
  );
}

function RunView(props: { run: Run<VerifyResult> }) {
  const { run } = props;
  if (run.result === null) return <RunProgress run={run} pollUrl={`/audit/verify/${run.id}`} label="正在校验审计链" unit="条" />;
  if (!run.result.ok) return <Notice kind="error">{run.result.error.detail}</Notice>;
  return <VerifyOutcome result={run.result.value} />;
}

const verifyChain = (deps: ApiDeps): RunWork<Record<string, never>, VerifyResult> => async (_input, report) => ok(await verifyAuditChain(deps.ctx.db, report));

/** POST /audit/verify starts the verification (progress shown); GET /audit/verify/:run polls it. */
export function registerAuditVerify(app: ApiApp, deps: ApiDeps): void {
  webPage(app, deps, { method: 'POST', path: '/audit/verify', access: AUDITORS }, async (c, user) => {
    const total = await deps.ctx.db.prisma.auditEntry.count();
    const run = await startRun(deps.ctx.db, KIND, user.userId, total, {}, verifyChain(deps));
    return renderPart(c, user, '审计链校验', <RunView run={run} />);
  });
  webPage(app, deps, { method: 'GET', path: '/audit/verify/:run', access: AUDITORS }, async (c, user) => {
    const run = await findRun(deps.ctx.db, c.req.param('run') ?? '', KIND, user.userId, verifyChain(deps));
    if (!run) return renderErrorFragment(c, { code: 'NOT_FOUND', detail: '校验记录已过期或不存在，请重新校验 (no such verification run)' });
    return renderPart(c, user, '审计链校验', <RunView run={run} />);
  });
}
