/**
 * GET /admin/tokens (the issued tokens, the issue form) and POST /admin/tokens (issue): the use
 * cases of POST /api/v1/tokens, audited without the secret. The new token is shown once, in the
 * answer to the POST (no-store, never in a URL); only its SHA-256 is kept.
 */
import type { ApiApp, ApiDeps } from '../../../api/types.ts';
import { createApiToken, type CreatedToken } from '../../../auth/api-tokens.ts';
import { TOKEN_SCOPES } from '../../../auth/roles.ts';
import type { AppError, FieldProblem } from '../../../platform/errors.ts';
import { readForm, textField, textFields, type FormData } from '../../http/forms.ts';
import { webPage } from '../../http/page.ts';
import { renderPage, statusOf } from '../../http/render.tsx';
import type { SignedIn, WebContext } from '../../http/types.ts';
import { Badge, CsrfField, EmptyState, FieldError, invalidAttrs, Notice, problemAt, type Tone } from '../../layout/components.tsx';
import { formatTime } from '../../layout/format.ts';
import { ADMINS } from './access.ts';
import { listApiTokens, type TokenRow, type TokenState } from '../../../auth/list-api-tokens.ts';

const SCOPE_NAMES: Readonly<Record<string, string>> = { ingest: '写入（ingest）：业务、照片、参考数据', read: '只读（read）：业务、评估、照片、参考数据' };
const STATES: Readonly<Record<TokenState, readonly [string, Tone]>> = { ACTIVE: ['有效', 'ok'], EXPIRED: ['已过期', 'neutral'], REVOKED: ['已撤销', 'bad'] };
const MAX_DAYS = 3650;
/** Problems at these paths are shown under their field; any other under the form's message. */
const FIELDS = ['name', 'scopes', 'expiresInDays'];

interface TokenValues { readonly name: string; readonly scopes: readonly string[]; readonly expiresInDays: string }
const EMPTY: TokenValues = { name: '', scopes: [], expiresInDays: '' };

const valuesOf = (form: FormData): TokenValues => ({ name: textField(form, 'name'), scopes: textFields(form, 'scopes'), expiresInDays: textField(form, 'expiresInDays') });

/** The form's own checks, in plain Chinese; the use case validates the same input again. */
function formProblems(v: TokenValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (v.name === '') problems.push({ path: 'name', message: '须填写名称，如使用它的业务系统 (name required)' });
  if (v.scopes.length === 0) problems.push({ path: 'scopes', message: '至少选择一项权限 (choose at least one scope)' });
  const days = Number(v.expiresInDays);
  if (v.expiresInDays !== '' && !(Number.isInteger(days) && days >= 1 && days <= MAX_DAYS)) problems.push({ path: 'expiresInDays', message: `须为 1–${MAX_DAYS} 的整数天数，或留空表示不过期 (whole days)` });
  return problems;
}

function TokenTable(props: { tokens: readonly TokenRow[]; user: SignedIn }) {
  if (props.tokens.length === 0) return <EmptyState>尚未签发任何 API 令牌。</EmptyState>;
  return (
    <table data-keyboard-list>
      <caption class="sr-only">API 令牌</caption>
      <thead><tr><th>名称</th><th>权限</th><th>状态</th><th>签发人</th><th>签发时间</th><th>到期</th><th>最近使用</th><th>操作</th></tr></thead>
      <tbody>{props.tokens.map((t) => {
        const [label, tone] = STATES[t.state];
        return (
          <tr>
            <td>{t.name}</td>
            <td>{t.scopes.join('、')}</td>
            <td><Badge tone={tone}>{label}</Badge>{t.revokedAt ? <small class="muted"> {formatTime(t.revokedAt)}</small> : null}</td>
            <td>{t.createdBy}</td><td>{formatTime(t.createdAt)}</td><td>{t.expiresAt ? formatTime(t.expiresAt) : '不过期'}</td><td>{formatTime(t.lastUsedAt)}</td>
            <td>{t.state === 'REVOKED' ? '—' : (
              <form method="post" action={`/admin/tokens/${t.id}/revoke`} class="inline" data-confirm={`确认撤销令牌「${t.name}」？使用它的业务系统将立即无法访问。`}>
                <CsrfField user={props.user} />
                <button type="submit" class="danger">撤销<span class="sr-only">令牌 {t.name}</span></button>
              </form>
            )}</td>
          </tr>
        );
      })}</tbody>
    </table>
  );
}

function IssueForm(props: { user: SignedIn; values: TokenValues; problems?: readonly FieldProblem[] }) {
  const v = props.values;
  const message = (path: string) => problemAt(props.problems, path);
  return (
    <form method="post" action="/admin/tokens" class="stack" aria-label="签发 API 令牌">
      <CsrfField user={props.user} />
      <label for="token-name">名称（使用它的业务系统，如「车管业务系统」）</label>
      <input id="token-name" name="name" required maxlength={100} value={v.name} autocomplete="off" {...invalidAttrs('token-name-error', message('name'))} />
      <FieldError id="token-name-error" message={message('name')} />
      <fieldset class="stacked" aria-describedby={message('scopes') ? 'token-scopes-error' : undefined}>
        <legend>权限</legend>
        {TOKEN_SCOPES.map((scope) => <label class="checkbox"><input type="checkbox" name="scopes" value={scope} checked={v.scopes.includes(scope)} /> {SCOPE_NAMES[scope] ?? scope}</label>)}
        <FieldError id="token-scopes-error" message={message('scopes')} />
      </fieldset>
      <label for="token-days">有效天数（可空：不过期，直至撤销）</label>
      <input id="token-days" name="expiresInDays" type="number" min={1} max={MAX_DAYS} step={1} value={v.expiresInDays} {...invalidAttrs('token-days-error', message('expiresInDays'))} />
      <FieldError id="token-days-error" message={message('expiresInDays')} />
      <button type="submit" class="primary">签发令牌</button>
    </form>
  );
}

/** The secret, once: the platform keeps only its digest. */
function Issued(props: { token: CreatedToken }) {
  const t = props.token;
  return (
    <section class="panel" aria-labelledby="issued-title">
      <h2 id="issued-title">已签发令牌「{t.name}」</h2>
      <Notice kind="info">请立即复制并交给业务系统保管。<strong>此令牌只显示这一次</strong>：平台只保存其摘要，离开或刷新本页后无法再次查看；遗失请撤销后重新签发。</Notice>
      <label for="issued-token">令牌（权限 {t.scopes.join('、')}；{t.expiresAt ? `有效至 ${formatTime(t.expiresAt)}` : '不过期'}）</label>
      <input id="issued-token" class="secret" readonly value={t.token} autocomplete="off" spellcheck={false} />
      <p class="muted">业务系统在请求中携带：<code>Authorization: Bearer &lt;令牌&gt;</code></p>
    </section>
  );
}

interface PageState { readonly issued?: CreatedToken; readonly error?: AppError; readonly values?: TokenValues }

async function tokensPage(c: WebContext, deps: ApiDeps, user: SignedIn, state: PageState = {}): Promise<Response> {
  const { tokens, inactiveNotShown } = await listApiTokens(deps.ctx.db);
  const done = c.req.query('done') === 'revoked' ? '令牌已撤销，使用它的请求将被拒绝（已记入审计）。' : null;
  return renderPage(c, {
    title: 'API 令牌', user,
    shortcuts: [['j / k', '下一个 / 上一个令牌']],
    children: (
      <>
        {done ? <Notice kind="ok">{done}</Notice> : null}
        {state.issued ? <Issued token={state.issued} /> : null}
        <p>业务系统以 API 令牌调用平台（<code>ingest</code> 写入业务数据，<code>read</code> 只读）。令牌可设有效期，随时可撤销；签发与撤销均记入审计，审计中不含令牌本身。</p>
        <TokenTable tokens={tokens} user={user} />
        {inactiveNotShown > 0 ? <p class="muted">另有 {inactiveNotShown} 个更早的已过期或已撤销令牌未列出（签发与撤销记录见审计）。</p> : null}
        <section class="panel" aria-labelledby="issue-title"><h2 id="issue-title">签发新令牌</h2>
          {state.error ? <Notice kind="error" problems={state.error.problems?.filter((p) => !FIELDS.includes(p.path))}>{state.error.detail}</Notice> : null}
          <IssueForm user={user} values={state.values ?? EMPTY} problems={state.error?.problems} />
        </section>
      </>
    ),
  }, state.error ? statusOf(state.error) : 200);
}

export function registerTokens(app: ApiApp, deps: ApiDeps): void {
  webPage(app, deps, { method: 'GET', path: '/admin/tokens', access: ADMINS }, (c, user) => tokensPage(c, deps, user));
  webPage(app, deps, { method: 'POST', path: '/admin/tokens', access: ADMINS }, async (c, user) => {
    const values = valuesOf(await readForm(c));
    const problems = formProblems(values);
    if (problems.length > 0) return tokensPage(c, deps, user, { values, error: { code: 'VALIDATION_FAILED', detail: '令牌未签发：请更正下列各项 (token not issued)', problems } });
    const input = { name: values.name, scopes: values.scopes, ...(values.expiresInDays ? { expiresInDays: Number(values.expiresInDays) } : {}) };
    const created = await createApiToken(deps.ctx.db, user.username, input);
    if (!created.ok) return tokensPage(c, deps, user, { values, error: created.error });
    return tokensPage(c, deps, user, { issued: created.value });
  });
}
