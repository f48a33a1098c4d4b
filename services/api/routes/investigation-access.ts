import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Viewer } from '../../intermediaries/index.ts';
import type { Access } from '../middleware/require-access.ts';
import type { ApiEnv } from '../types.ts';

/** Investigator views (spec: INVESTIGATOR searches persons, sees suspects and rings); no API tokens. */
export const INVESTIGATORS: Access = { roles: ['INVESTIGATOR'] };
/** The colluding-handler list is for supervisors too. */
export const HANDLER_READERS: Access = { roles: ['INVESTIGATOR', 'SUPERVISOR', 'SENIOR_SUPERVISOR'] };
/** Who may start a full recompute and see the runs. */
export const RECOMPUTE_ACCESS: Access = { roles: ['ADMIN', 'INVESTIGATOR'] };

export const unmaskQuery = z.object({ unmask: z.enum(['true', 'false']).optional() });

/** The signed-in user as the intermediaries use cases see them (the guard has already checked the role). */
export function viewerOf(c: Context<ApiEnv>): Viewer | null {
  const principal = c.get('principal');
  if (principal?.kind !== 'user') return null;
  return { actor: principal.username, roles: principal.roles, unmask: c.req.query('unmask') === 'true' };
}

export const NOT_A_USER = { code: 'FORBIDDEN', detail: '需要登录用户 (a signed-in user is required)' } as const;
export const PROBLEM = { description: 'problem+json' } as const;
export const MASKING_NOTE = '个人信息默认脱敏；`unmask=true` 显示完整信息（记入审计）。每次查询都记入审计。 Personal data masked unless unmask=true (audited); every read is audited.';
