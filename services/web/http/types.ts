import type { Context } from 'hono';
import type { Principal, UserRole } from '../../auth/roles.ts';
import type { ApiApp, ApiDeps, ApiEnv } from '../../api/types.ts';

/** A person signed in through the session cookie (pages never accept API tokens). */
export type SignedIn = Extract<Principal, { kind: 'user' }>;

export type WebContext = Context<ApiEnv>;

/** Who may open a page: any of these roles, or any signed-in user. */
export type PageAccess = readonly UserRole[] | 'ANY';

export type PageHandler = (c: WebContext, user: SignedIn) => Promise<Response> | Response;

/** Pages open to everyone (sign-in) see the user when there is one. */
export type PublicHandler = (c: WebContext, user: SignedIn | null) => Promise<Response> | Response;

/** What a page module registers: the app and the running platform's dependencies. */
export type RegisterPage = (app: ApiApp, deps: ApiDeps) => void;

export function holdsAny(user: SignedIn, roles: readonly UserRole[]): boolean {
  return user.roles.some((r) => roles.includes(r));
}
