import type { Context } from 'hono';
import { appendAudit } from '../audit/index.ts';
import { mayUnmask, UNMASK_ROLES } from '../auth/masking.ts';
import { actorName } from '../auth/roles.ts';
import { fail, ok, type Result } from '../platform/errors.ts';
import type { ApiDeps, ApiEnv } from './types.ts';

/**
 * `?unmask=true`: whole personal data for roles that need it, as an audited read (the entry
 * is written before the data is returned). Anyone else asking is refused rather than quietly
 * served masked data, so that a client never mistakes masked values for real ones.
 */
export async function unmaskRequested(c: Context<ApiEnv>, deps: ApiDeps, resource: keyof typeof UNMASK_ROLES, entity: { type: string; id: string }): Promise<Result<boolean>> {
  if (c.req.query('unmask') !== 'true') return ok(false);
  const principal = c.get('principal');
  if (!principal || !mayUnmask(principal, resource)) {
    return fail('FORBIDDEN', `查看完整个人信息需要角色 ${UNMASK_ROLES[resource].join(' / ')} (unmasking not permitted)`, { extensions: { rule: 'UNMASK_ROLE_REQUIRED' } });
  }
  await deps.ctx.db.prisma.$transaction((tx) => appendAudit(tx, [{
    actor: actorName(principal), action: 'personal_data.read', entityType: entity.type, entityId: entity.id,
    data: { path: c.req.path, resource },
  }]));
  return ok(true);
}
