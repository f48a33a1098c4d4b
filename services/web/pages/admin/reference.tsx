import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import { importReference, type ReferenceCounts } from '../../../ingest/reference-data.ts';
import { ok, type AppError, type Result } from '../../../platform/errors.ts';
import { fileField, readForm, textField } from '../../http/forms.ts';
import { webPage } from '../../http/page.ts';
import { renderPage, statusOf } from '../../http/render.tsx';
import type { SignedIn, WebContext } from '../../http/types.ts';
import { CsrfField, Facts, Notice } from '../../layout/components.tsx';
import { ADMINS } from './access.ts';

async function storedCounts(deps: ApiDeps): Promise<ReferenceCounts> {
  const p = deps.ctx.db.prisma;
  const [stations, handlers, organisations, listEntries] = await Promise.all([p.station.count(), p.handler.count(), p.organisation.count(), p.listEntry.count()]);
  return { stations, handlers, organisations, listEntries };
}

function CountFacts(props: { counts: ReferenceCounts }) {
  const n = props.counts;
  return <Facts items={[['站点', String(n.stations)], ['经办人', String(n.handlers)], ['单位', String(n.organisations)], ['名单条目', String(n.listEntries)]]} />;
}

/** The validation report: what was loaded, or every problem by its path in the document. */
function Report(props: { result: Result<ReferenceCounts>; fileName: string }) {
  const r = props.result;
  if (r.ok) return <Notice kind="ok">已载入 {props.fileName}：<CountFacts counts={r.value} /></Notice>;
  return (
    <Notice kind="error" problems={r.error.problems}>
      {props.fileName} 未载入（一项都未写入）：{r.error.detail}。共 {r.error.problems?.length ?? 0} 处问题：
    </Notice>
  );
}

async function referencePage(c: WebContext, deps: ApiDeps, user: SignedIn, report?: { result: Result<ReferenceCounts>; fileName: string }): Promise<Response> {
  const counts = await storedCounts(deps);
  return renderPage(c, {
    title: '参考数据', user,
    children: (
      <>
        {report ? <Report result={report.result} fileName={report.fileName} /> : null}
        <section class="panel" aria-labelledby="current"><h2 id="current">当前参考数据</h2><CountFacts counts={counts} />
          <p><a href="/api/v1/reference">下载当前参考数据（JSON，个人信息脱敏）</a></p></section>
        <section class="panel" aria-labelledby="upload">
          <h2 id="upload">上传参考数据文件</h2>
          <p>上传 interchange.md 第 5 节格式的完整参考数据（站点、经办人、单位、名单）。文件先整体校验；有任何问题则一项都不写入，并列出每处问题的位置。名单将被整体替换，站点、经办人、单位按编号新增或更新。</p>
          <form method="post" action="/admin/reference" enctype="multipart/form-data" class="stack" hx-post="/admin/reference" hx-encoding="multipart/form-data" hx-target="#main" hx-select="#main" hx-swap="outerHTML" hx-indicator="#upload-busy">
            <CsrfField user={user} />
            <label for="file">参考数据文件（.json）</label>
            <input id="file" name="file" type="file" accept=".json,application/json" />
            <label for="document">或直接粘贴 JSON</label>
            <textarea id="document" name="document" rows={6}></textarea>
            <button type="submit" class="primary">校验并载入</button>
            <span id="upload-busy" class="htmx-indicator busy" role="status">正在校验并载入，请稍候…</span>
          </form>
        </section>
      </>
    ),
  }, report && !report.result.ok ? statusOf(report.result.error) : 200);
}

function parseDocument(text: string): Result<unknown> {
  try {
    return ok(JSON.parse(text));
  } catch (error) {
    const failure: AppError = { code: 'MALFORMED_JSON', detail: `文件不是合法 JSON (${(error as Error).message})`, problems: [{ path: '(root)', message: (error as Error).message }] };
    return { ok: false, error: failure };
  }
}

/** GET /admin/reference and POST /admin/reference (upload → validation report; loaded in one audited transaction). */
export function registerReference(app: ApiApp, deps: ApiDeps): void {
  webPage(app, deps, { method: 'GET', path: '/admin/reference', access: ADMINS }, (c, user) => referencePage(c, deps, user));
  webPage(app, deps, { method: 'POST', path: '/admin/reference', access: ADMINS }, async (c, user) => {
    const form = await readForm(c);
    const file = fileField(form, 'file');
    const text = file ? await file.text() : textField(form, 'document');
    const fileName = file?.name ?? '粘贴的内容';
    if (text === '') {
      const missing: AppError = { code: 'VALIDATION_FAILED', detail: '请选择文件或粘贴 JSON (a file or JSON text is required)', problems: [{ path: 'file', message: '缺少文件 (missing)' }] };
      return referencePage(c, deps, user, { result: { ok: false, error: missing }, fileName });
    }
    const parsed = parseDocument(text);
    const result = parsed.ok ? await importReference(deps.ctx.db, parsed.value, user.username) : parsed;
    return referencePage(c, deps, user, { result: result as Result<ReferenceCounts>, fileName });
  });
}
