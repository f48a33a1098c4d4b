/**
 * The workbench forms behind the draft editor, person-link decisions and API tokens, in process on
 * PGlite and PostgreSQL: what each refuses (per field, by rule), what it stores and audits, and
 * who may use it. The page-level guards are in web-pages.test.ts, the browser journeys in test/browser/.
 */
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleTransaction } from '../../test/support/fixtures.ts';
import { createTestApi, signIn, type Session, type TestApi } from '../../test/support/api.ts';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { secretHash } from '../auth/secrets.ts';
import { ingestTransactions } from '../ingest/ingest-transactions.ts';
import { personRefWith, refSecret } from '../intermediaries/identity/person-ref.ts';
import { LocalBlobStore } from '../platform/blob-store.ts';
import { RISK_POINTS } from '../risk/points/index.ts';
import { RULE_SET_CONFIG_SCHEMA, type RuleSetConfig } from '../risk/rule-set.ts';
import { numericFields, valuesOfConfig } from './pages/admin/rule-set-fields.ts';

const post = (body: URLSearchParams | Record<string, string>): RequestInit => ({
  method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString(),
});

/** Every field of the draft editor as the page fills it from `config`, then `changes` (null: left out, an unticked box). */
function editForm(config: RuleSetConfig, session: Session, basedOn: string, changes: Record<string, string | null>): URLSearchParams {
  const values = valuesOfConfig(config);
  const body = new URLSearchParams({ _csrf: session.csrfToken, basedOn, note: '调整代办人规则' });
  for (const { field } of numericFields(config)) body.set(field, values.text(field));
  for (const p of RISK_POINTS) if (values.checked(`${p.code}.enabled`)) body.set(`${p.code}.enabled`, 'on');
  for (const [field, value] of Object.entries(changes)) if (value === null) body.delete(field); else body.set(field, value);
  return body;
}

describe.each(BACKENDS)('workbench forms on %s', (backend) => {
  let database: TestDatabase;
  let api: TestApi;
  const page = (target: string, session?: Session, init: RequestInit = {}) =>
    api.app.request(target, { ...init, headers: { accept: 'text/html', ...(session ? { cookie: session.cookie } : {}), ...(init.headers as Record<string, string> ?? {}) } });
  const audits = (action: string, actor: string) => database.db.prisma.auditEntry.count({ where: { action, actor } });

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    api = await createTestApi(database.db);
  });
  afterAll(async () => {
    await api?.dispose();
    await database?.dispose();
  });

  /** A new DRAFT by `maker` through the workbench form: its page, its stored row, and the digest its editor was built on. */
  async function newDraft(maker: Session) {
    const created = await page('/admin/rule-sets', maker, post({ _csrf: maker.csrfToken, note: '初稿' }));
    const base = created.headers.get('location')!.split('?')[0]!;
    const version = decodeURIComponent(base.split('/').pop()!);
    const stored = async () => database.db.prisma.ruleSet.findUniqueOrThrow({ where: { version } });
    const config = async () => RULE_SET_CONFIG_SCHEMA.parse((await stored()).config);
    const editHtml = await (await page(`${base}/edit`, maker)).text();
    const basedOn = /name="basedOn" value="([0-9a-f]{64})"/.exec(editHtml)![1]!;
    return { base, stored, config, basedOn, draft: await config() };
  }

  it('lets the author edit a draft field by field, each refused field named, a stale form refused', async () => {
    const maker = await signIn(api, ['ADMIN']);
    const { base, config, basedOn, draft } = await newDraft(maker);

    const bad = await page(`${base}/edit`, maker, post(editForm(draft, maker, basedOn, { note: '', 'R16.weight': '150', 'R16.params.windowDays': 'abc', alertThreshold: '80' })));
    expect(bad.status).toBe(400);
    const refused = await bad.text();
    expect(refused).toMatch(/id="f-R16-weight"[^>]*aria-invalid="true"/);
    expect(refused).toMatch(/id="f-R16-weight-error">[^<]*100/);
    expect(refused).toContain('id="f-R16-params-windowDays-error">须为数字');
    expect(refused).toContain('id="f-dualReviewThreshold-error">双重审核阈值不得低于预警阈值');
    expect(refused).toContain('id="f-note-error">须填写修改说明');
    expect(refused).toContain('value="abc"');
    expect(refused).toContain(`<a href="#f-R16-weight">R16 ${RISK_POINTS.find((p) => p.code === 'R16')!.nameZh} 权重</a>`);
    expect(await config()).toEqual(draft);

    const good = await page(`${base}/edit`, maker, post(editForm(draft, maker, basedOn, {
      'R16.weight': '55', 'R16.params.windowDays': '60', 'R07.enabled': null, alertThreshold: '45', dualReviewThreshold: '75',
    })));
    expect(good.status).toBe(303);
    expect(good.headers.get('location')).toBe(`${base}?done=updated`);
    const edited = await config();
    expect([edited.points.R16.weight, edited.points.R16.params.windowDays, edited.points.R07.enabled, edited.alertThreshold, edited.dualReviewThreshold]).toEqual([55, 60, false, 45, 75]);
    expect(edited.points.R15).toEqual(draft.points.R15);
    expect(await audits('ruleset.updated', maker.username)).toBe(1);

    // A form opened before that save is refused rather than undoing it.
    const stale = await page(`${base}/edit`, maker, post(editForm(draft, maker, basedOn, {})));
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('已被修改');
    expect(await config()).toEqual(edited);
  });

  it('refuses the draft editor to another admin and approval to the author (maker-checker), by rule', async () => {
    const maker = await signIn(api, ['ADMIN']);
    const checker = await signIn(api, ['ADMIN']);
    const { base, stored, config, basedOn, draft } = await newDraft(maker);
    for (const [method, init] of [['GET', {}], ['POST', post(editForm(draft, checker, basedOn, { 'R16.weight': '1' }))]] as const) {
      const other = await page(`${base}/edit`, checker, init);
      expect(other.status, method).toBe(409);
      expect(await other.text()).toContain('AUTHOR_ONLY');
    }
    expect(await config()).toEqual(draft);

    expect((await page(`${base}/submit`, maker, post({ _csrf: maker.csrfToken }))).status).toBe(303);
    expect(await (await page(`${base}/edit`, maker)).text()).toContain('DRAFT_ONLY');
    const makerView = await (await page(base, maker)).text();
    expect(makerView).not.toContain('批准并发布');
    expect(makerView).toContain('起草人不能批准自己的规则集');
    const selfApproval = await page(`${base}/approve`, maker, post({ _csrf: maker.csrfToken, comment: '自己批准' }));
    expect(selfApproval.status).toBe(409);
    expect(await selfApproval.text()).toContain('MAKER_CHECKER');
    expect((await stored()).status).toBe('PENDING_APPROVAL');
    expect(await (await page('/admin/rule-sets', checker)).text()).toContain('待您审批');

    expect((await page(`${base}/reject`, checker, post({ _csrf: checker.csrfToken, reason: 'R16 窗口请改回 30 天' }))).status).toBe(303);
    expect(await (await page(`${base}/edit`, maker)).text()).toContain('上次审批被退回，理由：R16 窗口请改回 30 天');
  });

  it('lets an investigator confirm and split a suggested person link, audited, with the note checked', async () => {
    const [validId, mistyped] = ['33010219880715001X', '330102198807150016'];
    // Different phones and addresses: confidence 0.8, suggested but not merged until confirmed.
    const applicant = (idNumber: string, phone: string, address: string) => ({ kind: 'PERSON', idNumber, name: '王小明', phone, address, identityCheck: 'PASSED' });
    const txs = [sampleTransaction({ id: `web-link-a-${backend}`, applicant: applicant(validId, '13811112222', '杭州市西湖区文一路1号'), agent: null, appointment: null }),
      sampleTransaction({ id: `web-link-b-${backend}`, applicant: applicant(mistyped, '13833334444', '杭州市上城区解放路100号'), agent: null, appointment: null })];
    const blobs = new LocalBlobStore(path.join(os.tmpdir(), 'web-forms-blobs'));
    expect((await ingestTransactions({ db: database.db, blobs, hooks: [] }, txs, { actor: 'test', source: 'api' })).ok).toBe(true);
    const investigator = await signIn(api, ['INVESTIGATOR']);
    const ref = personRefWith(await refSecret(database.db), `P:${validId}`);
    const profile = `/investigate/persons/${encodeURIComponent(ref)}`;

    const opened = await (await page(profile, investigator)).text();
    expect(opened).toContain('可能为同一人的记录');
    expect(opened).toContain('系统建议，待判定');
    expect(opened).toMatch(/合并的记录<\/dt><dd>0</);
    const link = await database.db.prisma.personLink.findFirstOrThrow({ where: { aKey: { in: [`P:${validId}`, `P:${mistyped}`] } } });
    const decide = `${profile}/links/${link.id}/decide`;

    const short = await page(decide, investigator, post({ _csrf: investigator.csrfToken, decision: 'CONFIRM', note: '同人' }));
    expect(short.status).toBe(409);
    const shortHtml = await short.text();
    expect(shortHtml).toContain('REASON_TOO_SHORT');
    expect(shortHtml).toContain('>同人</textarea>');
    expect((await page(decide, investigator, post({ decision: 'CONFIRM', note: '身份证末位录入错误' }))).status).toBe(403);
    const supervisor = await signIn(api, ['SUPERVISOR']);
    expect((await page(decide, supervisor, post({ _csrf: supervisor.csrfToken, decision: 'CONFIRM', note: '身份证末位录入错误' }))).status).toBe(403);
    expect((await database.db.prisma.personLink.findUniqueOrThrow({ where: { id: link.id } })).status).toBe('SUGGESTED');

    const confirmed = await page(decide, investigator, post({ _csrf: investigator.csrfToken, decision: 'CONFIRM', note: '身份证末位录入错误，同一人' }));
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe(`${profile}?done=confirmed#link-${link.id}`);
    const merged = await (await page(profile, investigator)).text();
    expect(merged).toContain('已确认同一人');
    expect(merged).toMatch(/合并的记录<\/dt><dd>1</);
    expect(await audits('person_link.confirmed', investigator.username)).toBe(1);

    const split = await page(`${decide}?unmask=true`, investigator, post({ _csrf: investigator.csrfToken, decision: 'SPLIT', note: '核实为两个人，号码不同' }));
    expect(split.headers.get('location')).toBe(`${profile}?done=split&unmask=true#link-${link.id}`);
    expect((await database.db.prisma.personLink.findUniqueOrThrow({ where: { id: link.id } })).status).toBe('SPLIT');
    expect(await audits('person_link.split', investigator.username)).toBe(1);
    expect(await (await page(profile, investigator)).text()).toMatch(/合并的记录<\/dt><dd>0</);
  });

  it('issues an API token shown once, lists it without its secret, and revokes it (audited)', async () => {
    const admin = await signIn(api, ['ADMIN']);
    const empty = await page('/admin/tokens', admin, post({ _csrf: admin.csrfToken, name: '', expiresInDays: '0' }));
    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain('id="token-name-error">须填写名称');
    expect(emptyHtml).toContain('id="token-scopes-error">至少选择一项权限');
    expect(emptyHtml).toContain('id="token-days-error">须为 1–3650 的整数天数');
    expect(await database.db.prisma.apiToken.count({ where: { createdBy: admin.username } })).toBe(0);

    const issued = await page('/admin/tokens', admin, post({ _csrf: admin.csrfToken, name: `车管业务系统-${backend}`, scopes: 'read', expiresInDays: '30' }));
    expect(issued.status).toBe(200);
    const token = /value="(cgt_[A-Za-z0-9_-]+)"/.exec(await issued.text())?.[1];
    expect(token).toBeDefined();
    const row = await database.db.prisma.apiToken.findUniqueOrThrow({ where: { tokenHash: secretHash(token!) } });
    expect([row.name, row.scopes, row.createdBy]).toEqual([`车管业务系统-${backend}`, ['read'], admin.username]);
    const entry = await database.db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'token.created', actor: admin.username } });
    expect(JSON.stringify(entry.data)).not.toContain(token!);

    const listed = await (await page('/admin/tokens', admin)).text();
    expect(listed).toContain(`车管业务系统-${backend}`);
    expect(listed).not.toContain(token!);
    const bearer = { authorization: `Bearer ${token!}` };
    expect((await api.app.request('/api/v1/risk-points', { headers: bearer })).status).toBe(200);

    const revoked = await page(`/admin/tokens/${row.id}/revoke`, admin, post({ _csrf: admin.csrfToken }));
    expect(revoked.headers.get('location')).toBe('/admin/tokens?done=revoked');
    expect((await api.app.request('/api/v1/risk-points', { headers: bearer })).status).toBe(401);
    expect(await audits('token.revoked', admin.username)).toBe(1);
    expect(await (await page('/admin/tokens?done=revoked', admin)).text()).toContain('已撤销');
    expect((await page('/admin/tokens/999999/revoke', admin, post({ _csrf: admin.csrfToken }))).status).toBe(404);
  });
});
