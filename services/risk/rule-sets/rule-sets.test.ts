import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestDatabase, type TestDatabase } from '../../../test/support/databases.ts';
import type { Result } from '../../platform/errors.ts';
import {
  approveRuleSet, createDraft, diffAgainstLive, getRuleSet, listRuleSets, rejectRuleSet, submitDraft, updateDraft, type Actor,
} from './index.ts';
import { isMakerCheckerViolation } from './maker-checker.ts';

const alice: Actor = { username: 'alice', roles: ['ADMIN'] };
const bob: Actor = { username: 'bob', roles: ['ADMIN', 'REVIEWER'] };
const carol: Actor = { username: 'carol', roles: ['REVIEWER'] };

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.detail}`);
  return result.value;
}

function refusal(result: Result<unknown>): { code: string; rule?: unknown } {
  if (result.ok) throw new Error('expected a refusal');
  return { code: result.error.code, rule: result.error.extensions?.rule };
}

describe.each(BACKENDS)('rule sets with maker-checker on %s', (kind) => {
  let test: TestDatabase;
  beforeAll(async () => { test = await openTestDatabase(kind); });
  afterAll(async () => { await test.dispose(); });

  it('refuses everyone but ADMIN, naming the rule', async () => {
    expect(refusal(await createDraft(test.db, carol, { note: 'x' }))).toEqual({ code: 'FORBIDDEN', rule: 'ADMIN_ONLY' });
    expect(refusal(await listRuleSets(test.db, carol))).toEqual({ code: 'FORBIDDEN', rule: 'ADMIN_ONLY' });
    expect(refusal(await diffAgainstLive(test.db, carol, 'x'))).toEqual({ code: 'FORBIDDEN', rule: 'ADMIN_ONLY' });
  });

  it('creates drafts from the live rule set, named by date and counter', async () => {
    const first = value(await createDraft(test.db, alice, { note: '提高频繁代办权重', config: { points: { R16: { weight: 60 } } } }));
    const second = value(await createDraft(test.db, alice, { note: '第二稿' }));
    expect(first.version).toMatch(/^\d{4}-\d{2}-\d{2}\.1$/);
    expect(second.version).toBe(first.version.replace(/\.1$/, '.2'));
    expect(first.status).toBe('DRAFT');
    expect(first.config.points.R16.weight).toBe(60);
    expect(first.config.points.R15.weight).toBe(15);
    const named = value(await createDraft(test.db, alice, { note: '命名版本', version: 'r16-trial' }));
    expect(named.version).toBe('r16-trial');
    expect(refusal(await createDraft(test.db, alice, { note: '重复', version: 'r16-trial' }))).toEqual({ code: 'RULE_REFUSED', rule: 'VERSION_UNIQUE' });
  });

  it('validates the configuration and names problems by path', async () => {
    const result = await createDraft(test.db, alice, { note: 'bad', config: { points: { R16: { weight: 150 } } }, version: 'default-x' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION_FAILED');
    expect(result.error.problems!.map((p) => p.path)).toEqual(['config.points.R16.weight']);
    const noNote = await createDraft(test.db, alice, { note: '  ' });
    expect(!noNote.ok && noNote.error.problems!.map((p) => p.path)).toEqual(['note']);
    expect(refusal(await createDraft(test.db, alice, { note: 'n', version: 'default-abc' })).code).toBe('VALIDATION_FAILED');
  });

  it('runs draft → pending → rejected → draft → pending → published, enforcing author and checker', async () => {
    const draft = value(await createDraft(test.db, alice, { note: 'R16 阈值', version: 'flow-1', config: { points: { R16: { params: { minApplicants: 6 } } } } }));
    expect(refusal(await updateDraft(test.db, bob, draft.version, { note: '他人修改' }))).toEqual({ code: 'RULE_REFUSED', rule: 'AUTHOR_ONLY' });
    value(await updateDraft(test.db, alice, draft.version, { config: { points: { R16: { weight: 55 } } } }));
    expect(refusal(await approveRuleSet(test.db, bob, draft.version))).toEqual({ code: 'RULE_REFUSED', rule: 'PENDING_APPROVAL_ONLY' });
    expect(refusal(await submitDraft(test.db, bob, draft.version))).toEqual({ code: 'RULE_REFUSED', rule: 'AUTHOR_ONLY' });
    expect(value(await submitDraft(test.db, alice, draft.version)).status).toBe('PENDING_APPROVAL');
    expect(refusal(await updateDraft(test.db, alice, draft.version, { note: '冻结后修改' }))).toEqual({ code: 'RULE_REFUSED', rule: 'DRAFT_ONLY' });
    expect(refusal(await approveRuleSet(test.db, alice, draft.version))).toEqual({ code: 'RULE_REFUSED', rule: 'MAKER_CHECKER' });
    expect(refusal(await approveRuleSet(test.db, { username: ' ALICE ', roles: ['ADMIN'] }, draft.version))).toEqual({ code: 'RULE_REFUSED', rule: 'MAKER_CHECKER' });
    expect(refusal(await rejectRuleSet(test.db, alice, draft.version, { reason: '自己退回' }))).toEqual({ code: 'RULE_REFUSED', rule: 'MAKER_CHECKER' });

    expect(value(await rejectRuleSet(test.db, bob, draft.version, { reason: '权重依据不足' })).status).toBe('DRAFT');
    const rejected = value(await getRuleSet(test.db, alice, draft.version));
    expect(rejected.rejectionReason).toBe('权重依据不足');
    value(await updateDraft(test.db, alice, draft.version, { note: '补充依据' }));
    value(await submitDraft(test.db, alice, draft.version));
    const published = value(await approveRuleSet(test.db, bob, draft.version, { comment: '同意' }));
    expect(published.ruleSet).toMatchObject({ status: 'PUBLISHED', approvedBy: 'bob', createdBy: 'alice' });
    expect(published.ruleSet.publishedAt).not.toBeNull();
    expect(published.retired).toEqual([]);

    const history = value(await getRuleSet(test.db, bob, draft.version)).history.map((h) => `${h.actor}:${h.action}`);
    expect(history).toEqual([
      'alice:ruleset.created', 'alice:ruleset.updated', 'alice:ruleset.submitted', 'bob:ruleset.rejected',
      'alice:ruleset.updated', 'alice:ruleset.submitted', 'bob:ruleset.published',
    ]);
  });

  it('retires the previous published rule set and diffs drafts against the live one', async () => {
    const next = value(await createDraft(test.db, bob, { note: '下一版', version: 'flow-2', config: { alertThreshold: 45, points: { R02: { enabled: false } } } }));
    const diff = value(await diffAgainstLive(test.db, alice, next.version));
    expect(diff.liveVersion).toBe('flow-1');
    expect(diff.thresholds.alertThreshold).toEqual({ live: 40, draft: 45, changed: true });
    expect(diff.points.map((p) => p.code)).toEqual(['R02']);
    expect(diff.points[0]!.enabled).toEqual({ live: true, draft: false });
    value(await submitDraft(test.db, bob, next.version));
    const published = value(await approveRuleSet(test.db, alice, next.version));
    expect(published.retired).toEqual(['flow-1']);
    const statuses = value(await listRuleSets(test.db, alice, { status: 'PUBLISHED' })).map((r) => r.version);
    expect(statuses).toEqual(['flow-2']);
    expect((await test.db.prisma.ruleSet.findUniqueOrThrow({ where: { version: 'flow-1' } })).status).toBe('RETIRED');
    const audit = await test.db.prisma.auditEntry.findMany({ where: { entityType: 'rule_set', entityId: 'flow-1', action: 'ruleset.retired' } });
    expect(audit).toHaveLength(1);
  });

  it('has the database refuse self-approval even when the use cases are bypassed', async () => {
    value(await createDraft(test.db, alice, { note: '绕过', version: 'bypass-1' }));
    await expect(test.db.prisma.ruleSet.update({ where: { version: 'bypass-1' }, data: { approvedBy: 'alice', status: 'PUBLISHED' } })).rejects.toThrow();
    const error = await test.db.prisma.ruleSet.update({ where: { version: 'bypass-1' }, data: { approvedBy: 'alice' } }).catch((e: unknown) => e);
    expect(isMakerCheckerViolation(error)).toBe(true);
    expect((await test.db.prisma.ruleSet.findUniqueOrThrow({ where: { version: 'bypass-1' } })).status).toBe('DRAFT');
  });

  it('answers NOT_FOUND for an unknown version', async () => {
    expect(refusal(await getRuleSet(test.db, alice, 'nope')).code).toBe('NOT_FOUND');
    expect(refusal(await approveRuleSet(test.db, bob, 'nope')).code).toBe('NOT_FOUND');
  });
});
