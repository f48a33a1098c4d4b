/** The roles of review-and-audit.md; a user may hold several. */
export const USER_ROLES = ['REVIEWER', 'SUPERVISOR', 'SENIOR_SUPERVISOR', 'INVESTIGATOR', 'ADMIN', 'AUDITOR'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** What a machine credential may do: `ingest` writes transactions, blobs and reference data; `read` reads them. */
export const TOKEN_SCOPES = ['ingest', 'read'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** Who is calling, as the HTTP edge established it. */
export type Principal =
  | {
    readonly kind: 'user';
    readonly userId: bigint;
    readonly username: string;
    readonly displayName: string;
    readonly roles: readonly UserRole[];
    readonly handlerId: string | null;
    /** The session's CSRF token (state-changing cookie requests must echo it). */
    readonly csrfToken: string;
    readonly sessionHash: string;
  }
  | { readonly kind: 'token'; readonly tokenId: bigint; readonly name: string; readonly scopes: readonly TokenScope[] };

/** The name written to the audit trail for this principal. */
export function actorName(principal: Principal): string {
  return principal.kind === 'user' ? principal.username : `token:${principal.name}`;
}

export function hasRole(principal: Principal | null, ...roles: readonly UserRole[]): boolean {
  return principal?.kind === 'user' && principal.roles.some((r) => roles.includes(r));
}
