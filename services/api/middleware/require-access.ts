import type { MiddlewareHandler } from 'hono';
import type { Principal, TokenScope, UserRole } from '../../auth/roles.ts';
import { problemResponse } from '../problem.ts';
import type { ApiApp, ApiEnv } from '../types.ts';

export interface Access {
  /** Signed-in users holding any of these roles; 'ANY' = any signed-in user. */
  readonly roles: readonly UserRole[] | 'ANY';
  /** API tokens holding any of these scopes (none: tokens are refused). */
  readonly scopes?: readonly TokenScope[];
  /** The business rule a refusal names (e.g. SUPERVISOR_ROLE_REQUIRED for alert decisions). */
  readonly rule?: string;
}

export function allows(access: Access, principal: Principal): boolean {
  if (principal.kind === 'token') return (access.scopes ?? []).some((s) => principal.scopes.includes(s));
  return access.roles === 'ANY' ? true : principal.roles.some((r) => (access.roles as readonly UserRole[]).includes(r));
}

/** 401 when nobody is signed in, 403 naming the roles needed when the caller lacks them. */
export function requireAccess(access: Access): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    if (!principal) return problemResponse(c, { code: 'UNAUTHENTICATED', detail: '请先登录或提供 API 令牌 (sign in or send a bearer token)' });
    if (!allows(access, principal)) {
      const needed = access.roles === 'ANY' ? ['(signed-in user)'] : access.roles;
      return problemResponse(c, {
        code: 'FORBIDDEN', detail: `需要角色 ${needed.join(' / ')}${access.scopes?.length ? ` 或令牌权限 ${access.scopes.join(' / ')}` : ''} (not permitted)`,
        extensions: { requiredRoles: needed, requiredScopes: access.scopes ?? [], ...(access.rule ? { rule: access.rule } : {}) },
      });
    }
    return next();
  };
}

/** The shorthand of the brief: any of these roles, no tokens. */
export function requireRole(...roles: UserRole[]): MiddlewareHandler<ApiEnv> {
  return requireAccess({ roles });
}

/** Guards one method + path (hono syntax, `:id`) before its handler is registered. */
export function guard(app: ApiApp, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, access: Access): void {
  app.on(method, path, requireAccess(access));
}

export const SUPERVISORS: readonly UserRole[] = ['SUPERVISOR', 'SENIOR_SUPERVISOR'];
export const READ_ACCESS: Access = { roles: 'ANY', scopes: ['read'] };
export const INGEST_ACCESS: Access = { roles: ['ADMIN'], scopes: ['ingest'] };
export const ADMIN_ACCESS: Access = { roles: ['ADMIN'] };
export const AUDITOR_ACCESS: Access = { roles: ['AUDITOR'] };
